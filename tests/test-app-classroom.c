/* test-app-classroom.c: the window as a teacher uses it in front of a class: selecting, keys, hidden answers, under Xvfb. */
#include "synack-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-i18n.h"
#include "synack-diagram-layout-private.h"
#include "synack-diagram-view.h"
#include "synack-test-app.h"
#include "synack-test-overlaps.h"

/* The lessons a teacher tried the classroom view with. */
static const char *const class_lessons[] = {
  "handshake", "syn-timeout", "lost-synack", "simultaneous-close", "time-wait-pileup", "refused",
};

/* The middle of the n-th arrow, in the diagram widget's coordinates. */
static void
arrow_point (SynackWindow *window, size_t n, double *x, double *y, long *send_event)
{
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  const SynackDiagramLayout *layout = synack_diagram_view_get_layout (diagram);
  size_t n_arrows;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);

  g_assert_cmpuint (n, <, n_arrows);
  synack_diagram_view_layout_to_widget (diagram, (arrows[n].x0 + arrows[n].x1) / 2,
                                        (arrows[n].y0 + arrows[n].y1) / 2, x, y);
  *send_event = arrows[n].send_event;
}

/* Everything that follows the cursor is at event upto. */
static void
assert_cursor_at (SynackWindow *window, long upto)
{
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  g_autofree char *sentence = synack_describe_sentence (trace, upto);

  g_assert_cmpint (synack_window_get_cursor (window), ==, upto);
  g_assert_cmpint (synack_window_get_cursor_time (window), ==, trace->events[upto].t);
  g_assert_cmpint (synack_window_get_selected_row (window), ==, upto);
  g_assert_cmpstr (synack_window_get_explanation (window), ==, sentence);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    g_assert_cmpstr (synack_window_get_state_text (window, h), ==,
                     synack_state_to_string (synack_trace_state_at (trace, h, 0, upto)));
}

/* A click on a segment moves the run there, not only the list. */
static void
test_click_moves_cursor (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  double x, y;
  long send_event, hit;

  synack_window_set_cursor (window, (long) synack_window_get_run (window)->trace->n_events - 1);
  synack_window_set_cursor (window, 20);
  synack_test_app_wait_frames (50);
  /* The SYN-ACK, drawn while the cursor is further on. */
  arrow_point (window, 1, &x, &y, &send_event);
  hit = synack_diagram_view_hit_test (diagram, x, y);
  g_assert_cmpint (hit, ==, send_event);
  g_signal_emit_by_name (diagram, "event-clicked", hit);
  synack_test_app_flush ();
  assert_cursor_at (window, send_event);
  synack_test_app_close (window);
}

static GtkShortcut *
bare_key (GtkWidget *widget, const char *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (key);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), "synack-bare-keys") != 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;
        }
    }
  return NULL;
}

static void
press_on (GtkWidget *widget, const char *key)
{
  GtkShortcut *shortcut = bare_key (widget, key);

  if (shortcut == NULL)
    g_error ("%s does nothing on a %s", key, G_OBJECT_TYPE_NAME (widget));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL));
  synack_test_app_flush ();
}

/* After a click on the diagram (which then has the focus), Home, End and
 * the arrows still move the run: the diagram's own keys reach it before its
 * scrolled window, which would scroll instead. */
static void
test_keys_after_clicking_diagram (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  GtkWidget *diagram = synack_window_get_diagram (window);
  long last = (long) synack_window_get_run (window)->trace->n_events - 1;

  gtk_widget_grab_focus (diagram);
  g_assert_true (gtk_widget_has_focus (diagram));
  press_on (diagram, "End");
  g_assert_cmpint (synack_window_get_cursor (window), ==, last);
  press_on (diagram, "Left");
  g_assert_cmpint (synack_window_get_cursor (window), ==, last - 1);
  press_on (diagram, "Home");
  g_assert_cmpint (synack_window_get_cursor (window), ==, -1);
  press_on (diagram, "Right");
  g_assert_cmpint (synack_window_get_cursor (window), ==, 0);
  synack_test_app_close (window);
}

/* With future events hidden the list ends at the cursor; presentation mode
 * hides them and gives the desk's choice back afterwards. */
static void
test_hide_future_events (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  guint n_events = (guint) synack_window_get_run (window)->trace->n_events;
  gboolean hide;

  synack_window_set_cursor (window, 5);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, n_events);
  g_object_set (window, "hide-future", TRUE, NULL);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 6);
  g_assert_cmpint (synack_window_get_selected_row (window), ==, 5);
  synack_window_set_cursor (window, 9);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 10);
  synack_window_set_cursor (window, -1);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 0);
  g_object_set (window, "hide-future", FALSE, NULL);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, n_events);

  g_object_set (window, "presentation", TRUE, NULL);
  g_object_get (window, "hide-future", &hide, NULL);
  g_assert_true (hide);
  synack_window_set_cursor (window, 3);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 4);
  g_object_set (window, "presentation", FALSE, NULL);
  g_object_get (window, "hide-future", &hide, NULL);
  g_assert_false (hide);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, n_events);
  synack_test_app_close (window);
}

/* A changed run says so in the title, and the side panel says who holds
 * TIME_WAIT in it rather than repeating the lesson's story. */
static void
test_changed_run_is_marked (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  g_autofree char *lesson_title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_autofree char *changed_title = g_strdup_printf ("%s (changed)", lesson_title);

  g_assert_null (synack_window_get_run_note (window));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (synack_window_get_param_widget (window, "close-first")), 2);
  synack_test_app_wait_until_idle (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, changed_title);
  g_assert_nonnull (synack_window_get_run_note (window));
  g_assert_nonnull (strstr (synack_window_get_run_note (window), "the server holds TIME_WAIT"));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (synack_window_get_param_widget (window, "close-first")), 0);
  synack_test_app_wait_until_idle (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, lesson_title);
  g_assert_null (synack_window_get_run_note (window));
  synack_test_app_close (window);
}

/* The client card of time-wait-pileup counts its sockets: at the end of
 * the last handshake all the earlier connections wait in TIME_WAIT. */
static void
test_host_card_counts_sockets (void)
{
  SynackWindow *window = synack_test_app_open ("time-wait-pileup", 1366, 768);
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  guint most = 0;

  for (long i = 0; i < (long) trace->n_events; i++)
    {
      g_autoptr(GHashTable) state = g_hash_table_new (NULL, NULL);
      GHashTableIter iter;
      gpointer value;
      guint waiting = 0;
      g_autofree char *expected = NULL;

      for (long j = 0; j <= i; j++)
        if (trace->events[j].type == SYNACK_EVENT_STATE && trace->events[j].host == SYNACK_CLIENT)
          g_hash_table_insert (state, GUINT_TO_POINTER (trace->events[j].conn), GINT_TO_POINTER (trace->events[j].to));
      g_hash_table_iter_init (&iter, state);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        waiting += GPOINTER_TO_INT (value) == SYNACK_STATE_TIME_WAIT;
      if (waiting < 2)
        continue;
      synack_window_set_cursor (window, i);
      expected = g_strdup_printf ("TIME_WAIT × %u", waiting);
      g_assert_nonnull (strstr (synack_window_get_state_text (window, SYNACK_CLIENT), expected));
      most = MAX (most, waiting);
    }
  g_assert_cmpuint (most, >=, 5);
  synack_test_app_close (window);
}

/* The presentation caption says what matters of each host's sockets:
 * two by port and state, more counted by state, one by its state alone. */
static void
test_caption_counts_sockets (void)
{
  SynackWindow *window = synack_test_app_open ("time-wait-pileup", 1366, 768);
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  gboolean seen_two = FALSE, seen_five = FALSE;

  g_object_set (window, "presentation", TRUE, NULL);
  for (long i = 0; i < (long) trace->n_events; i++)
    {
      g_autoptr(GArray) sockets = synack_describe_open_sockets (trace, SYNACK_CLIENT, i);
      const char *line;

      synack_window_set_cursor (window, i);
      line = synack_window_get_caption_states (window, SYNACK_CLIENT);
      if (sockets->len == 2)
        {
          const SynackSocketState *a = &g_array_index (sockets, SynackSocketState, 0);
          const SynackSocketState *b = &g_array_index (sockets, SynackSocketState, 1);
          g_autofree char *expected = g_strdup_printf ("%u %s, %u %s", a->port, synack_state_to_string (a->state),
                                                       b->port, synack_state_to_string (b->state));

          g_assert_nonnull (strstr (line, expected));
          seen_two = TRUE;
        }
      else if (sockets->len > 2)
        {
          guint waiting = 0;

          for (guint s = 0; s < sockets->len; s++)
            waiting += g_array_index (sockets, SynackSocketState, s).state == SYNACK_STATE_TIME_WAIT;
          g_assert_null (strstr (line, "40000"));
          if (waiting >= 5)
            {
              g_autofree char *expected = g_strdup_printf ("TIME_WAIT × %u", waiting);

              g_assert_nonnull (strstr (line, expected));
              seen_five = TRUE;
            }
        }
      else
        g_assert_nonnull (strstr (line, synack_state_to_string (synack_trace_state_at (trace, SYNACK_CLIENT, 0, i))));
    }
  g_assert_true (seen_two);
  g_assert_true (seen_five);
  g_object_set (window, "presentation", FALSE, NULL);
  synack_test_app_close (window);
}

static gboolean
text_is_light (GtkWidget *widget)
{
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return fg.red + fg.green + fg.blue > 1.5;
}

/* Following the system under a dark GTK theme, the diagram is dark too,
 * like the controls around it; and light again under a light theme. */
static void
test_diagram_follows_dark_gtk_theme (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *before = NULL;

  g_object_get (settings, "gtk-theme-name", &before, NULL);
  g_object_set (window, "theme-choice", "system", NULL);
  g_assert_cmpstr (synack_diagram_view_get_theme_name (diagram), ==, "light");
  g_assert_false (text_is_light (GTK_WIDGET (window)));

  g_object_set (settings, "gtk-theme-name", "Adwaita-dark", NULL);
  synack_test_app_wait_frames (200);
  g_assert_true (text_is_light (GTK_WIDGET (window)));
  g_assert_cmpstr (synack_diagram_view_get_theme_name (diagram), ==, "dark");

  g_object_set (settings, "gtk-theme-name", "Adwaita", NULL);
  synack_test_app_wait_frames (200);
  g_assert_false (text_is_light (GTK_WIDGET (window)));
  g_assert_cmpstr (synack_diagram_view_get_theme_name (diagram), ==, "light");
  g_object_set (settings, "gtk-theme-name", before, NULL);
  synack_test_app_close (window);
}

/* The side panel lists every point to watch and highlights the one the
 * run has reached: in handshake, the TIME_WAIT point once the client
 * enters TIME_WAIT, and the first one before any point's moment. */
static void
test_watch_points_follow_the_run (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  const char *watch = synack_scenario_get_watch (synack_window_get_run (window)->scenario);
  g_auto(GStrv) points = g_strsplit (watch, "\n", -1);
  long time_wait = -1;

  for (size_t i = 0; i < trace->n_events && time_wait < 0; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].to == SYNACK_STATE_TIME_WAIT)
      time_wait = (long) i;
  g_assert_cmpint (time_wait, >, 0);
  g_assert_cmpuint (synack_window_get_n_watch_points (window), ==, g_strv_length (points));
  g_assert_cmpstr (synack_window_get_current_watch (window), ==, points[0]);
  synack_window_set_cursor (window, time_wait - 1);
  g_assert_null (strstr (synack_window_get_current_watch (window), "TIME_WAIT"));
  synack_window_set_cursor (window, time_wait);
  g_assert_nonnull (strstr (synack_window_get_current_watch (window), "TIME_WAIT"));
  synack_test_app_close (window);
}

/* A point written `watch at …` lights up at its moment, not at the first
 * state its words name: refused's "The client goes from SYN_SENT straight
 * back to CLOSED" is about the client's CLOSED, not its SYN_SENT; so in
 * presentation mode is the line over the diagram. */
static void
test_watch_points_at_their_anchor (void)
{
  SynackWindow *window = synack_test_app_open ("refused", 1366, 768);
  const SynackRun *run = synack_window_get_run (window);
  g_auto(GStrv) points = g_strsplit (synack_scenario_get_watch (run->scenario), "\n", -1);
  g_autofree char *line = NULL;
  long rst = -1, closed = -1;

  for (size_t i = 0; i < run->trace->n_events; i++)
    {
      const SynackEvent *e = &run->trace->events[i];

      if (rst < 0 && e->type == SYNACK_EVENT_SEND && (e->hdr.flags & SYNACK_FLAG_RST))
        rst = (long) i;
      if (closed < 0 && e->type == SYNACK_EVENT_STATE && e->host == SYNACK_CLIENT && e->to == SYNACK_STATE_CLOSED)
        closed = (long) i;
    }
  g_assert_cmpuint (g_strv_length (points), ==, 2);
  g_assert_cmpint (rst, >, 0);
  g_assert_cmpint (closed, >, rst);
  g_object_set (window, "presentation", TRUE, NULL);
  synack_window_set_cursor (window, closed - 1);
  g_assert_cmpstr (synack_window_get_current_watch (window), ==, points[0]);
  synack_window_set_cursor (window, closed);
  g_assert_cmpstr (synack_window_get_current_watch (window), ==, points[1]);
  line = g_strdup_printf ("Watch: %s", points[1]);
  if (g_getenv ("SYNACK_CLASSROOM_LANGUAGE") == NULL)
    g_assert_cmpstr (synack_window_get_presentation_watch (window), ==, line);
  g_object_set (window, "presentation", FALSE, NULL);
  synack_test_app_close (window);
}

static GdkRectangle
monitor_geometry (GtkWidget *widget)
{
  GdkRectangle geometry;
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget),
                                                            gtk_native_get_surface (gtk_widget_get_native (widget)));

  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry;
}

static double
monitor_height (GtkWidget *widget)
{
  return monitor_geometry (widget).height;
}

/* The smallest text the diagram shows, in screen pixels. */
static double
smallest_text_px (SynackDiagramView *diagram)
{
  const SynackDiagramLayout *layout = synack_diagram_view_get_layout (diagram);
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);
  double smallest = G_MAXDOUBLE;

  g_assert_cmpuint (n, >, 0);
  for (size_t i = 0; i < n; i++)
    {
      g_autoptr(PangoFontDescription) font = synack_render_font (layout, labels[i].kind);

      smallest = MIN (smallest, pango_font_description_get_size (font) / (double) PANGO_SCALE);
    }
  return smallest * synack_diagram_view_get_zoom (diagram);
}

/* The time axis chosen in the menu: proportional draws a 60 s TIME_WAIT
 * 600 times as tall as 100 ms, compressed shortens it behind breaks, per
 * event gives each event time one row; the run's cursor stays put. */
static void
test_axis_mode_from_the_menu (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  const SynackDiagramLayout *layout;
  size_t n_breaks;
  double y0, y_short, y_long;

  synack_window_set_cursor (window, 12);
  layout = synack_diagram_view_get_layout (diagram);
  synack_diagram_layout_get_breaks (layout, &n_breaks);
  g_assert_cmpuint (n_breaks, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.axis", "s", "proportional"));
  synack_test_app_flush ();
  layout = synack_diagram_view_get_layout (diagram);
  synack_diagram_layout_get_breaks (layout, &n_breaks);
  g_assert_cmpuint (n_breaks, ==, 0);
  y0 = synack_diagram_layout_y_for_time (layout, 0);
  y_short = synack_diagram_layout_y_for_time (layout, SYNACK_MS (100));
  y_long = synack_diagram_layout_y_for_time (layout, SYNACK_SEC (60));
  g_assert_cmpfloat (fabs ((y_long - y0) / (y_short - y0) - 600), <, 1);
  g_assert_cmpint (synack_window_get_cursor (window), ==, 12);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.axis", "s", "per-event"));
  synack_test_app_flush ();
  layout = synack_diagram_view_get_layout (diagram);
  y_short = synack_diagram_layout_y_for_time (layout, SYNACK_MS (100));
  y_long = synack_diagram_layout_y_for_time (layout, SYNACK_SEC (60));
  g_assert_cmpfloat (y_long - y0, <, 100 * (y_short - y0));

  /* A new run (a parameter change) keeps the chosen axis. */
  g_assert_true (synack_window_set_param (window, "delay", "60ms"));
  synack_test_app_wait_until_idle (window);
  g_assert_true (synack_diagram_view_get_axis_mode (diagram) == SYNACK_TIME_AXIS_PER_EVENT);
  g_assert_true (synack_diagram_layout_get_trace (synack_diagram_view_get_layout (diagram)) ==
                 synack_window_get_run (window)->trace);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.axis", "s", "compressed"));
  synack_test_app_close (window);
}

/* The legend is shown until it is dismissed once; the setting keeps it
 * dismissed in the next window; presentation mode does not cover the
 * diagram with it. */
static void
test_legend_shown_once (void)
{
  GSettings *settings = synack_application_get_settings (synack_test_app);
  SynackWindow *window, *next;

  g_settings_reset (settings, "show-legend");
  window = synack_test_app_open ("handshake", 1366, 768);
  g_assert_true (synack_window_get_legend_shown (window));
  g_object_set (window, "presentation", TRUE, NULL);
  g_assert_false (synack_window_get_legend_shown (window));
  g_object_set (window, "presentation", FALSE, NULL);
  g_assert_true (synack_window_get_legend_shown (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.legend", NULL));
  g_assert_false (synack_window_get_legend_shown (window));
  g_assert_false (g_settings_get_boolean (settings, "show-legend"));
  next = synack_test_app_open ("refused", 1366, 768);
  g_assert_false (synack_window_get_legend_shown (next));
  synack_test_app_close (next);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.legend", NULL));
  g_assert_true (synack_window_get_legend_shown (window));
  synack_test_app_close (window);
}

/* In the window at 1366 x 768 every lesson's diagram fits the width, both
 * lifelines and their labels, with no diagram text under 11 px and no
 * label over another: nothing to scroll sideways to. */
static void
test_every_lesson_fits_the_width (void)
{
  g_auto(GStrv) lessons = synack_preset_list ();
  guint too_wide = 0;

  for (guint i = 0; lessons[i] != NULL; i++)
    {
      SynackWindow *window = synack_test_app_open (lessons[i], 1366, 768);
      SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
      const SynackDiagramLayout *layout = synack_diagram_view_get_layout (diagram);
      double shown = synack_diagram_layout_get_width (layout) * synack_diagram_view_get_zoom (diagram);
      int view = gtk_widget_get_width (GTK_WIDGET (diagram));
      int panel_min;

      /* The window's paned, around the diagram's own (with the state diagram). */
      GtkWidget *views = gtk_widget_get_ancestor (GTK_WIDGET (diagram), GTK_TYPE_PANED);
      GtkWidget *window_paned = gtk_widget_get_ancestor (gtk_widget_get_parent (views), GTK_TYPE_PANED);

      gtk_widget_measure (gtk_paned_get_end_child (GTK_PANED (window_paned)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, NULL, NULL, NULL);
      g_test_message ("%s: diagram %.0f px in a view of %d px (panel at least %d), smallest text %.1f px",
                      lessons[i], shown, view, panel_min, smallest_text_px (diagram));
      g_assert_cmpfloat (smallest_text_px (diagram), >=, SYNACK_DIAGRAM_MIN_TEXT_PX - 0.01);
      synack_test_assert_no_overlaps (layout, lessons[i]);
      too_wide += shown > view;
      synack_test_app_close (window);
    }
  g_assert_cmpuint (too_wide, ==, 0);
}

/* Every line of text under a widget is at least 1/60 of the screen high. */
static void
assert_labels_readable (GtkWidget *widget, double screen_h)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    {
      /* The baseline's depth in the first line: about the type's size. */
      g_assert_cmpfloat (pango_layout_get_baseline (gtk_label_get_layout (GTK_LABEL (widget))) / (double) PANGO_SCALE,
                         >=, screen_h / 60);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    assert_labels_readable (c, screen_h);
}

/* For a person to look at (SYNACK_CLASSROOM_SHOTS=DIR): the screen, the
 * run half-way through; SYNACK_CLASSROOM_SHOTS_OF=window or presentation
 * takes only that one (tests/screenshots/take-classroom). */
static void
shoot (SynackWindow *window, const char *dir, const char *lesson, const char *what)
{
  const char *only = g_getenv ("SYNACK_CLASSROOM_SHOTS_OF");
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  const char *language = g_getenv ("SYNACK_CLASSROOM_LANGUAGE");
  g_autofree char *path = NULL;
  g_autofree char *cmd = NULL;
  long cursor = synack_window_get_cursor (window);
  int status = -1;

  if (only != NULL && g_strcmp0 (only, what) != 0)
    return;
  synack_window_set_cursor (window, (long) trace->n_events / 2);
  synack_test_app_wait_frames (400);
  path = g_strdup_printf ("%s/%s-%s-%s-%.0f.png", dir, language ? language : "en", lesson, what,
                          monitor_height (GTK_WIDGET (window)));
  cmd = g_strdup_printf ("import -window root %s", path);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  synack_window_set_cursor (window, cursor);
}

/* Presentation mode: the lesson's title and the point to watch above the
 * diagram, the caption below it, never over the current step; C shows the
 * diagram alone; the smallest text is 1/60 of the screen's height. Run it
 * under Xvfb at 1920x1080 and 1280x720 too. */
static void
test_presentation_for_a_class (gconstpointer data)
{
  const char *lesson = data;
  SynackWindow *window = synack_test_app_open (lesson, 1366, 768);
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  const char *shots = g_getenv ("SYNACK_CLASSROOM_SHOTS");
  double screen_h, diagram_h;

  if (shots != NULL)
    shoot (window, shots, lesson, "window");
  g_object_set (window, "presentation", TRUE, NULL);
  /* No window manager under Xvfb to honour fullscreen: fill the screen. */
  gtk_window_set_default_size (GTK_WINDOW (window), monitor_geometry (GTK_WIDGET (window)).width,
                               monitor_geometry (GTK_WIDGET (window)).height);
  synack_test_app_wait_until_idle (window);
  synack_test_app_wait_frames (500);
  screen_h = monitor_height (GTK_WIDGET (window));
  g_test_message ("%s: screen %.0f px high, smallest diagram text %.1f px", lesson, screen_h, smallest_text_px (diagram));
  g_assert_cmpfloat (smallest_text_px (diagram), >=, screen_h / 60 - 0.01);
  g_assert_cmpstr (synack_window_get_presentation_title (window), ==, gtk_window_get_title (GTK_WINDOW (window)));
  if (synack_window_get_n_watch_points (window) > 0)
    g_assert_nonnull (synack_window_get_presentation_watch (window));
  g_assert_nonnull (synack_window_get_caption (window));
  assert_labels_readable (synack_window_get_caption (window), screen_h);

  /* Step through the whole run: the cursor's moment is always on screen,
   * above the caption (which is not over the diagram at all). */
  for (long i = 0; i < (long) trace->n_events; i++)
    {
      const SynackDiagramLayout *layout = synack_diagram_view_get_layout (diagram);
      graphene_rect_t caption, view;
      double x, y;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL));
      synack_test_app_flush ();
      synack_diagram_view_layout_to_widget (diagram, 0, synack_diagram_layout_y_for_event (layout, i), &x, &y);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, gtk_widget_get_height (GTK_WIDGET (diagram)));
      g_assert_true (gtk_widget_compute_bounds (synack_window_get_caption (window), GTK_WIDGET (window), &caption));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (diagram), GTK_WIDGET (window), &view));
      g_assert_cmpfloat (view.origin.y + view.size.height, <=, caption.origin.y + 0.5);
    }
  if (shots != NULL)
    shoot (window, shots, lesson, "presentation");

  diagram_h = gtk_widget_get_height (GTK_WIDGET (diagram));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.caption", NULL));
  synack_test_app_wait_frames (200);
  g_assert_null (synack_window_get_caption (window));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (diagram)), >, diagram_h);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.caption", NULL));
  g_assert_nonnull (synack_window_get_caption (window));
  g_object_set (window, "presentation", FALSE, NULL);
  synack_test_app_close (window);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!synack_test_app_init ())
    return 77;
  if (g_getenv ("SYNACK_CLASSROOM_LANGUAGE") != NULL)
    synack_i18n_set_language (g_getenv ("SYNACK_CLASSROOM_LANGUAGE"));

  g_test_add_func ("/app/classroom/click-moves-cursor", test_click_moves_cursor);
  g_test_add_func ("/app/classroom/keys-after-clicking-diagram", test_keys_after_clicking_diagram);
  g_test_add_func ("/app/classroom/hide-future-events", test_hide_future_events);
  g_test_add_func ("/app/classroom/changed-run-is-marked", test_changed_run_is_marked);
  g_test_add_func ("/app/classroom/host-card-counts-sockets", test_host_card_counts_sockets);
  g_test_add_func ("/app/classroom/caption-counts-sockets", test_caption_counts_sockets);
  g_test_add_func ("/app/classroom/dark-gtk-theme", test_diagram_follows_dark_gtk_theme);
  g_test_add_func ("/app/classroom/watch-points", test_watch_points_follow_the_run);
  g_test_add_func ("/app/classroom/watch-points-at-their-anchor", test_watch_points_at_their_anchor);
  g_test_add_func ("/app/classroom/axis-mode", test_axis_mode_from_the_menu);
  g_test_add_func ("/app/classroom/legend", test_legend_shown_once);
  g_test_add_func ("/app/classroom/every-lesson-fits-the-width", test_every_lesson_fits_the_width);
  for (guint i = 0; i < G_N_ELEMENTS (class_lessons); i++)
    {
      g_autofree char *path = g_strdup_printf ("/app/classroom/presentation/%s", class_lessons[i]);
      g_test_add_data_func (path, class_lessons[i], test_presentation_for_a_class);
    }
  return g_test_run ();
}
