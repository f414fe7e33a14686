/* synack-overview-strip.c: the whole run at true scale above the sequence diagram, the part in view framed; click or drag it to move the diagram there. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-overview-strip.h"

/* Where a moment clicked on lands in the diagram's window: a third down,
 * so what led to it is still in sight. */
#define SEEK_FRACTION 0.3

struct _SynackOverviewStrip
{
  GtkWidget          parent_instance;

  SynackDiagramView *view;
  GtkAdjustment     *vadjustment;   /* the view's, followed for its scrolling */
  double             drag_x;
};

G_DEFINE_FINAL_TYPE (SynackOverviewStrip, synack_overview_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_adjustment_changed (SynackOverviewStrip *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
follow_adjustment (SynackOverviewStrip *self)
{
  GtkAdjustment *adjustment = NULL;

  if (self->view != NULL)
    g_object_get (self->view, "vadjustment", &adjustment, NULL);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  self->vadjustment = adjustment;
  if (adjustment != NULL)
    {
      /* "changed" comes with a new layout (its height) or zoom as well. */
      g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
      g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (on_adjustment_changed), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
synack_overview_strip_get_shown (SynackOverviewStrip *self, SynackTime *from, SynackTime *to)
{
  const SynackDiagramLayout *layout;
  double zoom, value, page;

  g_return_val_if_fail (SYNACK_IS_OVERVIEW_STRIP (self), FALSE);
  if (self->view == NULL || self->vadjustment == NULL ||
      (layout = synack_diagram_view_get_layout (self->view)) == NULL)
    return FALSE;
  zoom = synack_diagram_view_get_zoom (self->view);
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  *from = synack_diagram_layout_time_for_y (layout, value / zoom);
  *to = synack_diagram_layout_time_for_y (layout, (value + page) / zoom);
  return TRUE;
}

void
synack_overview_strip_seek_to_x (SynackOverviewStrip *self, double x)
{
  const SynackDiagramLayout *layout;
  SynackTime t;
  double page;

  g_return_if_fail (SYNACK_IS_OVERVIEW_STRIP (self));
  if (self->view == NULL || self->vadjustment == NULL ||
      (layout = synack_diagram_view_get_layout (self->view)) == NULL)
    return;
  t = synack_diagram_overview_time_for_x (synack_diagram_layout_get_trace (layout),
                                          gtk_widget_get_width (GTK_WIDGET (self)), x);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  /* The reader chose where to look: stop following the cursor there. */
  synack_diagram_view_set_follow (self->view, FALSE);
  gtk_adjustment_set_value (self->vadjustment,
                            synack_diagram_layout_y_for_time (layout, t) * synack_diagram_view_get_zoom (self->view) -
                            page * SEEK_FRACTION);
}

static void
synack_overview_strip_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SynackOverviewStrip *self = SYNACK_OVERVIEW_STRIP (widget);
  const SynackDiagramLayout *layout = self->view ? synack_diagram_view_get_layout (self->view) : NULL;
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  SynackTime from, to;
  cairo_t *cr;

  if (layout == NULL || width <= 0 || height <= 0 || !synack_overview_strip_get_shown (self, &from, &to))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  synack_diagram_overview_paint (cr, layout, synack_diagram_view_get_theme (self->view), width, height,
                                 synack_diagram_view_get_cursor (self->view), from, to);
  cairo_destroy (cr);
}

static void
synack_overview_strip_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                               int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  /* Thin: it is a map, the diagram is the page. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = 32;
  else
    *minimum = *natural = 120;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, SynackOverviewStrip *self)
{
  self->drag_x = x;
  synack_overview_strip_seek_to_x (self, x);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, SynackOverviewStrip *self)
{
  synack_overview_strip_seek_to_x (self, self->drag_x + dx);
}

void
synack_overview_strip_cursor_moved (SynackOverviewStrip *self)
{
  g_return_if_fail (SYNACK_IS_OVERVIEW_STRIP (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
synack_overview_strip_set_view (SynackOverviewStrip *self, SynackDiagramView *view)
{
  g_return_if_fail (SYNACK_IS_OVERVIEW_STRIP (self));
  if (self->view == view)
    return;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      /* The scrolled window hands the view its adjustment, maybe later. */
      g_signal_connect_swapped (view, "notify::vadjustment", G_CALLBACK (follow_adjustment), self);
      g_signal_connect_swapped (view, "notify::zoom", G_CALLBACK (on_adjustment_changed), self);
    }
  follow_adjustment (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

SynackDiagramView *
synack_overview_strip_get_view (SynackOverviewStrip *self)
{
  g_return_val_if_fail (SYNACK_IS_OVERVIEW_STRIP (self), NULL);
  return self->view;
}

static void
synack_overview_strip_dispose (GObject *object)
{
  SynackOverviewStrip *self = SYNACK_OVERVIEW_STRIP (object);

  synack_overview_strip_set_view (self, NULL);
  G_OBJECT_CLASS (synack_overview_strip_parent_class)->dispose (object);
}

static void
synack_overview_strip_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackOverviewStrip *self = SYNACK_OVERVIEW_STRIP (object);

  switch (prop_id)
    {
    case PROP_VIEW: g_value_set_object (value, self->view); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_overview_strip_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SynackOverviewStrip *self = SYNACK_OVERVIEW_STRIP (object);

  switch (prop_id)
    {
    case PROP_VIEW: synack_overview_strip_set_view (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_overview_strip_class_init (SynackOverviewStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_overview_strip_dispose;
  object_class->get_property = synack_overview_strip_get_property;
  object_class->set_property = synack_overview_strip_set_property;
  widget_class->snapshot = synack_overview_strip_snapshot;
  widget_class->measure = synack_overview_strip_measure;

  properties[PROP_VIEW] = g_param_spec_object ("view", NULL, NULL, SYNACK_TYPE_DIAGRAM_VIEW,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "overview-strip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
synack_overview_strip_init (SynackOverviewStrip *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("The whole run to scale, the part in view framed: click or drag to move the diagram there"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overview of the whole run to scale"), -1);
}
