/* synack-scale-view.c: the strip view and census chart of a run at scale, in a widget: click to move the cursor, Ctrl+scroll, pinch or +/- to zoom into connections. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-scale-view.h"

/* The strip view's share of the height; the census takes the rest. */
#define STRIP_SHARE 0.58

struct _SynackScaleView
{
  GtkWidget                 parent_instance;

  const SynackScaleSummary *summary;
  SynackTheme              *theme;
  SynackTime                cursor;
  int                       first_row, n_rows;   /* in view; n_rows 0: all */
  double                    pinch_rows;          /* n_rows when a pinch began */

  /* Made for the widget's size, dropped when anything changes. */
  SynackStripLayout        *strip;
  SynackCensusChart        *chart;
  int                       laid_out_w, laid_out_h;
};

G_DEFINE_FINAL_TYPE (SynackScaleView, synack_scale_view, GTK_TYPE_WIDGET)

enum {
  SEEK,
  SHOW_CONNECTIONS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_layout (SynackScaleView *self)
{
  g_clear_pointer (&self->chart, synack_census_chart_free);
  g_clear_pointer (&self->strip, synack_strip_layout_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
strip_x (gconstpointer strip, SynackTime t)
{
  return synack_strip_layout_x_for_time (strip, t);
}

static void
ensure_layout (SynackScaleView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double strip_h = h * STRIP_SHARE;
  cairo_rectangle_t area = { 0, strip_h, w, h - strip_h };

  if (self->strip != NULL && w == self->laid_out_w && h == self->laid_out_h)
    return;
  drop_layout (self);
  if (self->summary == NULL || self->theme == NULL || w <= 0 || h <= 0)
    return;
  self->strip = synack_strip_layout_new (self->summary->grid, self->theme, w, strip_h, self->first_row, self->n_rows,
                                         synack_census_series_states (self->summary->series));
  self->chart = synack_census_chart_new (self->summary->series, self->theme, SYNACK_CENSUS_TIME_ACROSS, &area,
                                         strip_x, self->strip);
  self->laid_out_w = w;
  self->laid_out_h = h;
}

static void
synack_scale_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SynackScaleView *self = SYNACK_SCALE_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  ensure_layout (self);
  if (self->strip == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  synack_strip_paint (cr, self->strip, self->theme, self->cursor);
  synack_census_chart_paint (cr, self->chart, self->theme, self->cursor, NULL);
  cairo_destroy (cr);
}

static void
synack_scale_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  drop_layout (SYNACK_SCALE_VIEW (widget));
}

void
synack_scale_view_get_shown (SynackScaleView *self, uint32_t *first, uint32_t *last)
{
  uint32_t per_row, total;
  int n;

  *first = *last = 0;
  if (self->summary == NULL)
    return;
  per_row = synack_strip_grid_conns_per_row (self->summary->grid);
  total = synack_strip_grid_n_conns (self->summary->grid);
  n = self->n_rows > 0 ? self->n_rows : synack_strip_grid_n_rows (self->summary->grid);
  *first = (uint32_t) self->first_row * per_row + 1;
  *last = MIN ((uint32_t) (self->first_row + n) * per_row, total);
}

void
synack_scale_view_zoom_rows (SynackScaleView *self, double factor, int about_row)
{
  int total, n, rows;
  uint32_t first, last;

  if (self->summary == NULL)
    return;
  total = synack_strip_grid_n_rows (self->summary->grid);
  if (factor <= 0)
    {
      self->first_row = self->n_rows = 0;
      drop_layout (self);
      return;
    }
  n = self->n_rows > 0 ? self->n_rows : total;
  if (about_row < 0)
    about_row = self->first_row + n / 2;
  rows = CLAMP ((int) (n / factor + 0.5), 1, total);
  if (rows == n && factor > 1)
    rows = MAX (n - 1, 1);
  self->first_row = CLAMP (about_row - (int) ((about_row - self->first_row) * (double) rows / n), 0, total - rows);
  self->n_rows = rows >= total ? 0 : rows;
  drop_layout (self);
  synack_scale_view_get_shown (self, &first, &last);
  if (factor <= 1 || last < first)
    return;
  /* Few enough for their arrows: the window runs them again, kept. Down
   * to one row of more, the few in its middle. */
  if (last - first + 1 > SYNACK_SCALE_VIEW_SHOW_CONNECTIONS && rows == 1 && n == 1)
    {
      first += (last - first + 1 - SYNACK_SCALE_VIEW_SHOW_CONNECTIONS) / 2;
      last = first + SYNACK_SCALE_VIEW_SHOW_CONNECTIONS - 1;
    }
  if (last - first + 1 <= SYNACK_SCALE_VIEW_SHOW_CONNECTIONS)
    g_signal_emit (self, signals[SHOW_CONNECTIONS], 0, first, last);
}

static int
row_under (SynackScaleView *self, double y)
{
  ensure_layout (self);
  return self->strip != NULL ? synack_strip_layout_row_at (self->strip, y) : -1;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, SynackScaleView *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x, y;
  int row;

  if (!(mods & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  gdk_event_get_position (gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller)), &x, &y);
  row = row_under (self, y);
  synack_scale_view_zoom_rows (self, dy < 0 ? 1.5 : 1 / 1.5, row);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture *gesture, GdkEventSequence *sequence, SynackScaleView *self)
{
  self->pinch_rows = self->n_rows > 0 ? self->n_rows
                                      : (self->summary ? synack_strip_grid_n_rows (self->summary->grid) : 1);
}

static void
on_pinch (GtkGestureZoom *gesture, double scale, SynackScaleView *self)
{
  int n = self->n_rows > 0 ? self->n_rows : (self->summary ? synack_strip_grid_n_rows (self->summary->grid) : 1);

  if (scale > 0)
    synack_scale_view_zoom_rows (self, n / (self->pinch_rows / scale), -1);
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, SynackScaleView *self)
{
  int row = row_under (self, y);

  if (self->strip == NULL)
    return;
  if (n_press == 2 && row >= 0)
    {
      /* Twice on a strip: that connection's neighbourhood, at once. */
      const SynackScaleSummary *shown = self->summary;

      /* Until it asks for their segments (a new summary comes later). */
      for (int i = 0; i < 32 && self->summary == shown && self->summary != NULL; i++)
        {
          uint32_t first, last;
          gboolean one_row = self->n_rows == 1;

          synack_scale_view_get_shown (self, &first, &last);
          if (last - first + 1 <= SYNACK_SCALE_VIEW_SHOW_CONNECTIONS && i > 0)
            break;
          synack_scale_view_zoom_rows (self, 4, row);
          if (one_row)
            break;
        }
      return;
    }
  g_signal_emit (self, signals[SEEK], 0, (gint64) synack_strip_layout_time_for_x (self->strip, x));
}

static gboolean
on_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state, SynackScaleView *self)
{
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      synack_scale_view_zoom_rows (self, 2, -1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      synack_scale_view_zoom_rows (self, 0.5, -1);
      return TRUE;
    case GDK_KEY_0:
      synack_scale_view_zoom_rows (self, 0, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

void
synack_scale_view_set_summary (SynackScaleView *self, const SynackScaleSummary *summary, const char *theme_name,
                               double text_scale)
{
  g_clear_pointer (&self->theme, synack_theme_free);
  self->theme = synack_theme_new (theme_name, text_scale, NULL);
  self->summary = summary;
  self->first_row = self->n_rows = 0;
  drop_layout (self);
}

void
synack_scale_view_set_cursor (SynackScaleView *self, SynackTime t)
{
  self->cursor = t;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
synack_scale_view_finalize (GObject *object)
{
  SynackScaleView *self = SYNACK_SCALE_VIEW (object);

  g_clear_pointer (&self->chart, synack_census_chart_free);
  g_clear_pointer (&self->strip, synack_strip_layout_free);
  g_clear_pointer (&self->theme, synack_theme_free);
  G_OBJECT_CLASS (synack_scale_view_parent_class)->finalize (object);
}

static void
synack_scale_view_class_init (SynackScaleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = synack_scale_view_finalize;
  widget_class->snapshot = synack_scale_view_snapshot;
  widget_class->size_allocate = synack_scale_view_size_allocate;
  signals[SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SHOW_CONNECTIONS] = g_signal_new ("show-connections", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "synack-scale-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
synack_scale_view_init (SynackScaleView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cursor = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch), self);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Connections over time, and the sockets of each host by state"), -1);
}
