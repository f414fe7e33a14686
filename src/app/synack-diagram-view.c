/* synack-diagram-view.c: the scrollable, zoomable, animated sequence diagram widget. */
#include "synack-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "synack-diagram-view-private.h"
#include "synack-run.h"

#define MIN_ZOOM 0.25
#define MAX_ZOOM 4.0


enum {
  PROP_0,
  PROP_ZOOM,
  PROP_FOLLOW,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SIGNAL_EVENT_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_synack_diagram_view_emit_clicked (SynackDiagramView *self, long event)
{
  g_signal_emit (self, signals[SIGNAL_EVENT_CLICKED], 0, event);
}

static void apply_fit (SynackDiagramView *self, int width);

G_DEFINE_FINAL_TYPE_WITH_CODE (SynackDiagramView, synack_diagram_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static double
census_time_y (gconstpointer data, SynackTime t)
{
  const SynackDiagramView *self = data;

  return synack_diagram_layout_y_for_time (self->layout, t) * self->census_zoom;
}

/* The chart follows the layout and its zoom down the page (its own type
 * stays at its size across): made again whenever either changes. */
static void
rebuild_census_chart (SynackDiagramView *self)
{
  g_clear_pointer (&self->census_chart, synack_census_chart_free);
  if (self->layout != NULL && self->census != NULL && self->show_census && self->theme != NULL)
    {
      cairo_rectangle_t area = { 0, 0, synack_census_chart_natural_width (self->theme),
                                 synack_diagram_layout_get_height (self->layout) * self->zoom };

      self->census_zoom = self->zoom;
      self->census_chart = synack_census_chart_new (self->census, self->theme, SYNACK_CENSUS_TIME_DOWN, &area,
                                                    census_time_y, self);
    }
}

/* Widget px the census chart takes at the right edge. */
static double
census_width (SynackDiagramView *self)
{
  return self->census_chart != NULL ? self->census_chart->area.width : 0;
}

static double
content_width (SynackDiagramView *self)
{
  return self->layout ? synack_diagram_layout_get_width (self->layout) * self->zoom + census_width (self) : 0;
}

static double
content_height (SynackDiagramView *self)
{
  return self->layout ? synack_diagram_layout_get_height (self->layout) * self->zoom : 0;
}

/* Narrow diagrams are centred rather than stuck to the left edge. */
static double
x_offset (SynackDiagramView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double cw = content_width (self);

  return cw < w ? floor ((w - cw) / 2) : -gtk_adjustment_get_value (self->hadjustment);
}

static void
configure_adjustments (SynackDiagramView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  self->adjusting++;
  if (self->hadjustment)
    {
      double upper = MAX (content_width (self), w);
      gtk_adjustment_configure (self->hadjustment,
                                CLAMP (gtk_adjustment_get_value (self->hadjustment), 0, upper - w),
                                0, upper, w * 0.1, w * 0.9, w);
    }
  if (self->vadjustment)
    {
      double upper = MAX (content_height (self), h);
      gtk_adjustment_configure (self->vadjustment,
                                CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, upper - h),
                                0, upper, h * 0.1, h * 0.9, h);
    }
  self->adjusting--;
}

static double
cursor_y (SynackDiagramView *self)
{
  SynackTime t;

  if (self->layout == NULL || self->trace == NULL || self->trace->n_events == 0)
    return 0;
  if (self->upto < 0)
    return 0;
  t = synack_diagram_cursor_time (self->layout, self->upto, self->progress);
  return synack_diagram_layout_y_for_time (self->layout, t) * self->zoom;
}

/* Keeps the cursor in view while following: when it gets near the bottom
 * or the top, scroll so it sits two thirds down, the steps that led to it
 * above it and the next events visible. */
static void
scroll_to_cursor (SynackDiagramView *self, gboolean force)
{
  double y, value, page;

  if (self->vadjustment == NULL || (!self->follow && !force))
    return;

  y = cursor_y (self);
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  if (page <= 0)
    return;
  if (y < value + page * 0.1 || y > value + page * 0.8 || force || (value > 0 && y < page * 0.66))
    {
      /* Near the top, show the top: the lifelines' headings stay in view
       * rather than be scrolled off by a few pixels. */
      double target = y < page * 0.8 ? 0 : y - page * 0.66;

      self->adjusting++;
      gtk_adjustment_set_value (self->vadjustment, target);
      self->adjusting--;
    }
}

static void
adjustment_value_changed (GtkAdjustment *adjustment, SynackDiagramView *self)
{
  /* The user scrolled away: stop following until they navigate again. */
  if (self->adjusting == 0 && adjustment == self->vadjustment && self->follow)
    {
      self->follow = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SynackDiagramView *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  configure_adjustments (self);
}

static void
relayout (SynackDiagramView *self)
{
  double old_h = content_height (self);
  double frac = 0;

  if (old_h > 0 && self->vadjustment)
    frac = gtk_adjustment_get_value (self->vadjustment) / old_h;

  g_clear_pointer (&self->layout, synack_diagram_layout_free);
  g_clear_pointer (&self->census_chart, synack_census_chart_free);
  if (self->trace != NULL)
    self->layout = synack_layout_with_axis (self->trace, self->theme, self->axis_mode);
  rebuild_census_chart (self);
  if (self->fit_width)
    apply_fit (self, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustments (self);
  if (self->vadjustment && !self->follow)
    {
      self->adjusting++;
      gtk_adjustment_set_value (self->vadjustment, frac * content_height (self));
      self->adjusting--;
    }
  scroll_to_cursor (self, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
synack_diagram_view_set_trace_with_layout (SynackDiagramView   *self,
                                           const SynackTrace   *trace,
                                           SynackDiagramLayout *layout,
                                           const char          *theme_name,
                                           double               text_scale)
{
  double old_h;
  double frac = 0;

  g_return_val_if_fail (SYNACK_IS_DIAGRAM_VIEW (self), FALSE);

  /* Made for another theme (it changed while the run was going): redo it. */
  if (layout == NULL || g_strcmp0 (theme_name, self->theme_name) != 0 || text_scale != self->text_scale ||
      synack_diagram_layout_get_trace (layout) != trace || self->axis_mode != SYNACK_TIME_AXIS_COMPRESSED)
    {
      g_clear_pointer (&layout, synack_diagram_layout_free);
      synack_diagram_view_set_trace (self, trace);
      return FALSE;
    }

  old_h = content_height (self);
  if (old_h > 0 && self->vadjustment)
    frac = gtk_adjustment_get_value (self->vadjustment) / old_h;
  /* The cursor belongs to the old trace until the caller moves it. */
  self->upto = MIN (self->upto, (long) trace->n_events - 1);
  self->trace = trace;
  self->selected = -1;
  g_clear_pointer (&self->layout, synack_diagram_layout_free);
  g_clear_pointer (&self->census_chart, synack_census_chart_free);
  self->layout = layout;
  rebuild_census_chart (self);
  if (self->fit_width)
    apply_fit (self, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustments (self);
  if (self->vadjustment && !self->follow)
    {
      self->adjusting++;
      gtk_adjustment_set_value (self->vadjustment, frac * content_height (self));
      self->adjusting--;
    }
  scroll_to_cursor (self, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

const char *
synack_diagram_view_get_theme_name (SynackDiagramView *self)
{
  return self->theme_name;
}

double
synack_diagram_view_get_text_scale (SynackDiagramView *self)
{
  return self->text_scale;
}

void
synack_diagram_view_set_trace (SynackDiagramView *self, const SynackTrace *trace)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  if (trace != NULL)
    self->upto = MIN (self->upto, (long) trace->n_events - 1);
  self->trace = trace;
  self->selected = -1;
  relayout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
synack_diagram_view_set_theme (SynackDiagramView *self, const char *name, double text_scale)
{
  g_autoptr(GError) error = NULL;
  SynackTheme *theme;

  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  if (g_strcmp0 (name, self->theme_name) == 0 && text_scale == self->text_scale)
    return;
  theme = synack_theme_new (name, text_scale, &error);
  if (theme == NULL)
    {
      g_warning ("Diagram theme: %s", error->message);
      return;
    }
  g_clear_pointer (&self->theme, synack_theme_free);
  self->theme = theme;
  g_free (self->theme_name);
  self->theme_name = g_strdup (name);
  self->text_scale = text_scale;
  relayout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
synack_diagram_view_set_census (SynackDiagramView *self, const SynackCensusSeries *census)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  self->census = census;
  rebuild_census_chart (self);
  if (self->fit_width)
    apply_fit (self, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
synack_diagram_view_set_show_census (SynackDiagramView *self, gboolean show)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  if (self->show_census == !!show)
    return;
  self->show_census = !!show;
  synack_diagram_view_set_census (self, self->census);
}

gboolean
synack_diagram_view_get_show_census (SynackDiagramView *self)
{
  return self->show_census;
}

void
synack_diagram_view_set_axis_mode (SynackDiagramView *self, SynackTimeAxisMode mode)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  if (self->axis_mode == mode)
    return;
  self->axis_mode = mode;
  relayout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SynackTimeAxisMode
synack_diagram_view_get_axis_mode (SynackDiagramView *self)
{
  return self->axis_mode;
}

const SynackTheme *
synack_diagram_view_get_theme (SynackDiagramView *self)
{
  return self->theme;
}

const SynackDiagramLayout *
synack_diagram_view_get_layout (SynackDiagramView *self)
{
  return self->layout;
}

void
synack_diagram_view_set_cursor (SynackDiagramView *self, long upto, double progress)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  if (self->upto == upto && self->progress == progress)
    return;
  self->upto = upto;
  self->progress = progress;
  scroll_to_cursor (self, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

long
synack_diagram_view_get_cursor (SynackDiagramView *self)
{
  g_return_val_if_fail (SYNACK_IS_DIAGRAM_VIEW (self), -1);
  return self->upto;
}

void
synack_diagram_view_set_selected (SynackDiagramView *self, long event)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  if (self->selected == event)
    return;
  self->selected = event;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
synack_diagram_view_get_zoom (SynackDiagramView *self)
{
  return self->zoom;
}

/* Zooms about a point (in widget coordinates) so what is under it stays put. */
void
_synack_diagram_view_zoom_about (SynackDiagramView *self, double zoom, double px, double py)
{
  double lx, ly, old = self->zoom;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->fit_width = FALSE;
  if (fabs (zoom - old) < 1e-6)
    return;

  lx = (px - x_offset (self)) / old;
  ly = (py + gtk_adjustment_get_value (self->vadjustment)) / old;
  self->zoom = zoom;
  configure_adjustments (self);

  self->adjusting++;
  gtk_adjustment_set_value (self->hadjustment, lx * zoom - px);
  gtk_adjustment_set_value (self->vadjustment, ly * zoom - py);
  self->adjusting--;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
synack_diagram_view_set_zoom (SynackDiagramView *self, double zoom)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));
  _synack_diagram_view_zoom_about (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
              cursor_y (self) - gtk_adjustment_get_value (self->vadjustment));
}

void
synack_diagram_view_zoom_to_fit (SynackDiagramView *self)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  self->fit_width = TRUE;
  apply_fit (self, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustments (self);
  scroll_to_cursor (self, TRUE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
synack_diagram_view_zoom_by (SynackDiagramView *self, double factor)
{
  synack_diagram_view_set_zoom (self, self->zoom * factor);
}

void
synack_diagram_view_set_min_fit_zoom (SynackDiagramView *self, double zoom)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  self->min_fit_zoom = CLAMP (zoom, MIN_ZOOM, 1.0);
  if (self->fit_width)
    synack_diagram_view_zoom_to_fit (self);
}

gboolean
synack_diagram_view_get_follow (SynackDiagramView *self)
{
  return self->follow;
}

void
synack_diagram_view_set_follow (SynackDiagramView *self, gboolean follow)
{
  g_return_if_fail (SYNACK_IS_DIAGRAM_VIEW (self));

  follow = !!follow;
  if (self->follow != follow)
    {
      self->follow = follow;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
    }
  if (follow)
    scroll_to_cursor (self, FALSE);
}

long
synack_diagram_view_hit_test (SynackDiagramView *self, double x, double y)
{
  long event;

  if (self->layout == NULL)
    return -1;
  event = synack_diagram_layout_hit_test (self->layout,
                                          (x - x_offset (self)) / self->zoom,
                                          (y + gtk_adjustment_get_value (self->vadjustment)) / self->zoom);
  /* A segment not yet sent at the cursor is not on screen. */
  if (event > self->upto)
    return -1;
  return event;
}

static void
paint_selection (SynackDiagramView *self, cairo_t *cr)
{
  const SynackDiagramArrow *arrows;
  size_t n;

  if (self->selected < 0 || self->trace == NULL || (size_t) self->selected >= self->trace->n_events)
    return;

  arrows = synack_diagram_layout_get_arrows (self->layout, &n);
  for (size_t i = 0; i < n; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];

      if (a->send_event != self->selected && a->end_event != self->selected)
        continue;
      if (a->send_event > self->upto)
        continue;
      /* A soft halo under the chosen arrow, in the cursor colour. */
      cairo_save (cr);
      cairo_set_source_rgba (cr, self->theme->cursor.r, self->theme->cursor.g, self->theme->cursor.b, 0.28);
      cairo_set_line_width (cr, 10 * self->text_scale);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, a->x0, a->y0);
      cairo_line_to (cr, a->x1, a->y1);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
synack_diagram_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  double xoff, yoff;
  cairo_rectangle_t visible;
  cairo_t *cr;

  if (w <= 0 || h <= 0 || self->theme == NULL)
    return;

  gtk_snapshot_append_color (snapshot,
                             &(GdkRGBA) { self->theme->background.r, self->theme->background.g,
                                          self->theme->background.b, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->layout == NULL)
    return;

  xoff = x_offset (self);
  yoff = -gtk_adjustment_get_value (self->vadjustment);
  visible = (cairo_rectangle_t) { -xoff / self->zoom, -yoff / self->zoom, w / self->zoom, h / self->zoom };

  /* Only the viewport is drawn: a long run is taller than any surface. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->census_chart != NULL && self->census_zoom != self->zoom)
    rebuild_census_chart (self);
  if (self->census_chart != NULL)
    {
      /* The census stays at the right edge while the diagram scrolls
       * sideways beside it, so the two are always seen together. */
      double chart_w = census_width (self);
      double chart_x = MIN (w - chart_w, xoff + synack_diagram_layout_get_width (self->layout) * self->zoom);
      SynackTime cursor = self->upto >= 0 ? synack_diagram_cursor_time (self->layout, self->upto, self->progress) : -1;
      cairo_rectangle_t chart_visible = { 0, -yoff, chart_w, h };

      cairo_save (cr);
      cairo_rectangle (cr, chart_x, 0, w - chart_x, h);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, self->theme->background.r, self->theme->background.g, self->theme->background.b);
      cairo_paint (cr);
      cairo_translate (cr, chart_x, yoff);
      synack_census_chart_paint (cr, self->census_chart, self->theme, cursor, &chart_visible);
      cairo_restore (cr);
      cairo_rectangle (cr, 0, 0, chart_x, h);
      cairo_clip (cr);
    }
  cairo_translate (cr, xoff, yoff);
  cairo_scale (cr, self->zoom, self->zoom);
  paint_selection (self, cr);
  synack_diagram_paint (cr, self->layout, self->theme, self->upto, self->progress, &visible);
  cairo_destroy (cr);
}

/* The smallest zoom fitting the width may take: never so small the type
 * is unreadable (a wide diagram scrolls instead). */
static double
smallest_fit_zoom (SynackDiagramView *self)
{
  return MAX (self->min_fit_zoom,
              MIN (1.0, SYNACK_DIAGRAM_MIN_TEXT_PX / synack_diagram_layout_get_smallest_text (self->layout)));
}

int
synack_diagram_view_get_width_to_fit (SynackDiagramView *self)
{
  if (self->layout == NULL)
    return 0;
  return (int) ceil (synack_diagram_layout_get_width (self->layout) * smallest_fit_zoom (self) + census_width (self)) + 8;
}

/* Both lifelines and their labels in view: shrink to the width (never
 * below what stays readable) and do not blow up a narrow diagram. */
static void
apply_fit (SynackDiagramView *self, int width)
{
  double lw = self->layout ? synack_diagram_layout_get_width (self->layout) : 0;
  double zoom;

  if (lw <= 0 || width <= 0)
    return;
  /* Never so small the type is unreadable: a wide diagram scrolls instead. */
  zoom = CLAMP ((width - 8 - census_width (self)) / lw, smallest_fit_zoom (self), 1.0);
  if (fabs (zoom - self->zoom) > 1e-3)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
}

static void
synack_diagram_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (widget);

  if (self->fit_width)
    apply_fit (self, width);
  configure_adjustments (self);
  scroll_to_cursor (self, FALSE);
  if (self->context_menu)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
synack_diagram_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                             int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (widget);

  *minimum = 100;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (100, (int) ceil (content_width (self)));
  else
    *natural = MAX (100, (int) ceil (content_height (self)));
}

void
synack_diagram_view_layout_to_widget (SynackDiagramView *self, double lx, double ly, double *x, double *y)
{
  *x = lx * self->zoom + x_offset (self);
  *y = ly * self->zoom - gtk_adjustment_get_value (self->vadjustment);
}

static void
synack_diagram_view_dispose (GObject *object)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (object);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  G_OBJECT_CLASS (synack_diagram_view_parent_class)->dispose (object);
}

static void
synack_diagram_view_finalize (GObject *object)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (object);

  g_clear_pointer (&self->layout, synack_diagram_layout_free);
  g_clear_pointer (&self->census_chart, synack_census_chart_free);
  g_clear_pointer (&self->theme, synack_theme_free);
  g_clear_pointer (&self->theme_name, g_free);
  G_OBJECT_CLASS (synack_diagram_view_parent_class)->finalize (object);
}

static void
synack_diagram_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_FOLLOW: g_value_set_boolean (value, self->follow); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_diagram_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SynackDiagramView *self = SYNACK_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM: synack_diagram_view_set_zoom (self, g_value_get_double (value)); break;
    case PROP_FOLLOW: synack_diagram_view_set_follow (self, g_value_get_boolean (value)); break;
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_diagram_view_class_init (SynackDiagramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_diagram_view_dispose;
  object_class->finalize = synack_diagram_view_finalize;
  object_class->get_property = synack_diagram_view_get_property;
  object_class->set_property = synack_diagram_view_set_property;

  widget_class->snapshot = synack_diagram_view_snapshot;
  widget_class->size_allocate = synack_diagram_view_size_allocate;
  widget_class->measure = synack_diagram_view_measure;

  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW] = g_param_spec_boolean ("follow", NULL, NULL, TRUE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* A segment (its SEND event) was clicked or right-clicked. */
  signals[SIGNAL_EVENT_CLICKED] = g_signal_new ("event-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_LONG);

  gtk_widget_class_set_css_name (widget_class, "diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
synack_diagram_view_init (SynackDiagramView *self)
{
  self->zoom = 1.0;
  self->fit_width = TRUE;
  self->min_fit_zoom = 0.5;
  self->pointer_x = self->pointer_y = -1;
  self->follow = TRUE;
  self->upto = -1;
  self->selected = -1;
  self->text_scale = 1.0;
  self->axis_mode = SYNACK_TIME_AXIS_COMPRESSED;
  self->theme = synack_theme_new ("light", 1.0, NULL);
  self->theme_name = g_strdup ("light");
  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sequence diagram"), -1);

  _synack_diagram_view_add_controllers (self);
}

GtkWidget *
synack_diagram_view_new (void)
{
  return g_object_new (SYNACK_TYPE_DIAGRAM_VIEW, NULL);
}
