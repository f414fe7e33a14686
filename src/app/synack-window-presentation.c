/* synack-window-presentation.c: the window's look: light, dark or the projector's full-screen presentation mode. */
#include "synack-config.h"

#include "synack-legend.h"
#include "synack-window-private.h"

/* The GTK theme the controls are drawn with is a dark one: Adwaita-dark
 * or GTK_THEME=Adwaita:dark, as GTK itself reads them. Its colours cannot
 * be asked of the style directly: they change only when it is next
 * validated, after this answer is needed. */
static gboolean
gtk_theme_is_dark (void)
{
  g_autofree char *name = NULL;
  const char *forced = g_getenv ("GTK_THEME");

  if (forced != NULL && *forced != '\0')
    return g_str_has_suffix (forced, ":dark") || g_str_has_suffix (forced, "-dark");
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &name, NULL);
  return name != NULL && g_str_has_suffix (name, "-dark");
}

gboolean
_synack_window_prefers_dark (SynackWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (self->theme_choice, "dark") == 0)
    return TRUE;
  if (g_strcmp0 (self->theme_choice, "light") == 0)
    return FALSE;
  return (app != NULL && synack_application_get_system_dark (SYNACK_APPLICATION (app))) || gtk_theme_is_dark ();
}

/* Axis times and timer labels, the diagram's smallest text, are drawn at
 * this fraction of its label size (synack_render_font). */
#define SMALLEST_LABEL 0.9
/* In class the smallest text is at least this fraction of the screen's
 * height: 18 px on a 1080p projector, 12 px at 720p. */
#define SMALLEST_OF_SCREEN (1.0 / 60)

static double
screen_height (SynackWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native ? gtk_native_get_surface (native) : NULL;
  g_autoptr(GdkMonitor) first = NULL;
  GdkMonitor *monitor = surface ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  GdkRectangle geometry;

  if (monitor == NULL)
    {
      first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
      monitor = first;
    }
  if (monitor == NULL)
    return 1080;
  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.height;
}

/* The projector's diagram is drawn at its own size (zoom 1, never shrunk to
 * the width), its type and strokes scaled to the screen. */
static double
presentation_text_scale (SynackWindow *self, const char *theme_name)
{
  g_autoptr(GError) error = NULL;
  SynackTheme *theme = synack_theme_new (theme_name, 1.0, &error);
  double scale;

  if (theme == NULL)
    return 1.0;
  scale = screen_height (self) * SMALLEST_OF_SCREEN / (SMALLEST_LABEL * theme->font_size);
  synack_theme_free (theme);
  return scale;
}

/* The projector's captions in proportion to the screen, as the diagram's
 * type is: fixed points would be small on a 4K projector and take half of
 * a 720p one. Each size is a fraction of the screen's height. */
static void
size_presentation_text (SynackWindow *self)
{
  double h = screen_height (self);
  g_autofree char *css = g_strdup_printf ("window.presentation .presentation-title { font-size: %.0fpx; }\n"
                                          "window.presentation .presentation-watch { font-size: %.0fpx; }\n"
                                          "window.presentation .caption-state { font-size: %.0fpx; }\n"
                                          "window.presentation .caption-sentence { font-size: %.0fpx; }\n"
                                          "window.presentation .time-label { font-size: %.0fpx; }\n",
                                          h / 36, h / 44, h / 34, h / 40, h / 48);

  if (self->presentation_css == NULL)
    {
      self->presentation_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (self->presentation_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (self->presentation_css, css, -1);
}

void
_synack_window_apply_theme (SynackWindow *self)
{
  gboolean dark = _synack_window_prefers_dark (self);
  const char *diagram_theme = self->presentation ? "projector" : dark ? "dark" : "light";
  double text_scale = self->presentation ? presentation_text_scale (self, diagram_theme) : 1.0;

  if (self->presentation)
    size_presentation_text (self);

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
  synack_diagram_view_set_theme (self->diagram, diagram_theme, text_scale);
  synack_diagram_view_set_min_fit_zoom (self->diagram, self->presentation ? 1.0 : 0.5);
  synack_legend_set_theme (self->legend, synack_diagram_view_get_theme (self->diagram));
  /* Larger labels in the same figure, for the back of the room. */
  synack_state_view_set_theme (self->state_view, diagram_theme, self->presentation ? 1.3 : 1.0);
  _synack_window_show_states (self);
}

void
_synack_window_set_presentation (SynackWindow *self, gboolean presentation)
{
  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;

  /* The diagram takes the whole width (its labels are sized to it), under
   * the lesson's title and the point to watch; the states and the sentence
   * come up as a caption below it, so the step they describe, which the
   * diagram keeps in view, is never under them. */
  gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), !presentation && self->show_side_panel);
  gtk_widget_set_visible (self->presentation_header, presentation);
  _synack_window_set_show_legend (self, self->show_legend);
  _synack_window_update_caption (self);
  /* In front of a class the list must not give the answers away; the
   * choice made for the desk comes back afterwards. */
  if (presentation)
    {
      self->hide_future_outside_presentation = self->hide_future;
      _synack_window_set_hide_future (self, TRUE);
    }
  else
    _synack_window_set_hide_future (self, self->hide_future_outside_presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presentation);
  synack_quiz_panel_set_class_mode (self->quiz_panel, presentation);
  _synack_window_apply_theme (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
  g_object_notify (G_OBJECT (self), "presentation");
}

static void
on_fullscreened (SynackWindow *self)
{
  /* The window manager took us out of fullscreen (or a key did). */
  if (self->presentation && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    _synack_window_set_presentation (self, FALSE);
}

/* The time axis by the name the menu's items (and synack-cli export's
 * --axis) give it. */
static const struct { const char *name; SynackTimeAxisMode mode; } axis_names[] = {
  { "compressed", SYNACK_TIME_AXIS_COMPRESSED },
  { "proportional", SYNACK_TIME_AXIS_PROPORTIONAL },
  { "per-event", SYNACK_TIME_AXIS_PER_EVENT },
};

const char *
_synack_window_get_axis (SynackWindow *self)
{
  /* The property action asks while the template is still being built. */
  SynackTimeAxisMode mode = self->diagram ? synack_diagram_view_get_axis_mode (self->diagram) : SYNACK_TIME_AXIS_COMPRESSED;

  for (guint i = 0; i < G_N_ELEMENTS (axis_names); i++)
    if (axis_names[i].mode == mode)
      return axis_names[i].name;
  return axis_names[0].name;
}

void
_synack_window_set_axis (SynackWindow *self, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (axis_names); i++)
    if (g_strcmp0 (name, axis_names[i].name) == 0 && synack_diagram_view_get_axis_mode (self->diagram) != axis_names[i].mode)
      {
        synack_diagram_view_set_axis_mode (self->diagram, axis_names[i].mode);
        g_object_notify (G_OBJECT (self), "axis");
      }
}

void
_synack_window_set_show_legend (SynackWindow *self, gboolean show)
{
  show = !!show;
  gtk_widget_set_visible (self->legend_box, show && !self->presentation);
  if (self->show_legend == show)
    return;
  self->show_legend = show;
  g_object_notify (G_OBJECT (self), "show-legend");
}

/* The diagram alone, or the diagram and its caption (a key in class). */
void
_synack_window_set_show_caption (SynackWindow *self, gboolean show)
{
  show = !!show;
  if (self->show_caption == show)
    return;
  self->show_caption = show;
  _synack_window_update_caption (self);
  g_object_notify (G_OBJECT (self), "show-caption");
}

void
_synack_window_set_theme_choice (SynackWindow *self, const char *choice)
{
  if (g_strcmp0 (choice, self->theme_choice) == 0)
    return;
  g_free (self->theme_choice);
  self->theme_choice = g_strdup (choice);
  _synack_window_apply_theme (self);
  g_object_notify (G_OBJECT (self), "theme-choice");
}

static gboolean
reapply_theme (gpointer data)
{
  SynackWindow *self = data;

  self->theme_idle_id = 0;
  _synack_window_apply_theme (self);
  return G_SOURCE_REMOVE;
}

/* Another GTK theme: the diagram follows it (once, however many settings
 * change together). */
static void
on_gtk_theme_changed (SynackWindow *self)
{
  if (self->theme_idle_id == 0)
    self->theme_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reapply_theme, self, NULL);
}

/* The diagram gets the width it needs to show both lifelines and their
 * labels at readable type, as far as the side panel can give it up
 * (GtkPaned keeps the panel at its minimum): on a 1366 px screen nothing
 * should be left to scroll sideways to. It only grows, so a divider the
 * teacher moved stays where it was for a diagram that fits. */
static gboolean
give_diagram_room (gpointer data)
{
  SynackWindow *self = data;
  int missing = synack_diagram_view_get_width_to_fit (self->diagram) - gtk_widget_get_width (GTK_WIDGET (self->diagram));

  self->room_idle_id = 0;
  if (missing > 0 && !self->presentation && gtk_widget_get_width (GTK_WIDGET (self->diagram)) > 0)
    gtk_paned_set_position (self->paned, gtk_paned_get_position (self->paned) + missing);
  return G_SOURCE_REMOVE;
}

void
_synack_window_give_diagram_room (SynackWindow *self)
{
  /* After the allocation that follows a new layout or a new size. */
  if (self->room_idle_id == 0)
    self->room_idle_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, give_diagram_room, self, NULL);
}

void
_synack_window_presentation_init (SynackWindow *self)
{
  g_signal_connect_swapped (self, "notify::default-width", G_CALLBACK (_synack_window_give_diagram_room), self);
  g_signal_connect_swapped (self, "notify::maximized", G_CALLBACK (_synack_window_give_diagram_room), self);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), self);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-theme-name",
                           G_CALLBACK (on_gtk_theme_changed), self, G_CONNECT_SWAPPED);
}
