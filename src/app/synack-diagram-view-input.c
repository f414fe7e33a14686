/* synack-diagram-view-input.c: what the pointer, wheel and touch do to the diagram: zoom, select, the segment menu. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-diagram-view-private.h"

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, SynackDiagramView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y = 0;

  if (!(state & GDK_CONTROL_MASK))
    return FALSE;

  if (self->pointer_x >= 0)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  _synack_diagram_view_zoom_about (self, self->zoom * (dy < 0 ? 1.1 : 1 / 1.1), x, y);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, SynackDiagramView *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_leave (GtkEventControllerMotion *motion, SynackDiagramView *self)
{
  self->pointer_x = self->pointer_y = -1;
}

static void
on_pinch_begin (GtkGesture *gesture, GdkEventSequence *sequence, SynackDiagramView *self)
{
  self->pinch_zoom_start = self->zoom;
}

static void
on_pinch_scale_changed (GtkGestureZoom *gesture, double scale, SynackDiagramView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  _synack_diagram_view_zoom_about (self, self->pinch_zoom_start * scale, x, y);
}

static void
on_click_pressed (GtkGestureClick *gesture, int n_press, double x, double y, SynackDiagramView *self)
{
  long event = synack_diagram_view_hit_test (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (event >= 0)
    _synack_diagram_view_emit_clicked (self, event);
}

gboolean
synack_diagram_view_popup_menu (SynackDiagramView *self, double x, double y)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *label = NULL;
  long event = synack_diagram_view_hit_test (self, x, y);
  const SynackEvent *e;

  if (event < 0 || self->trace == NULL)
    return FALSE;
  e = &self->trace->events[event];
  _synack_diagram_view_emit_clicked (self, event);

  menu = g_menu_new ();
  label = g_strdup_printf (_("Lose Segment %u"), e->seg);
  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (item, "win.lose-segment", g_variant_new_uint32 (e->seg));
  g_menu_append_item (menu, item);

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  return TRUE;
}

GtkWidget *
synack_diagram_view_get_context_menu (SynackDiagramView *self)
{
  return self->context_menu;
}

static void
on_secondary_pressed (GtkGestureClick *gesture, int n_press, double x, double y, SynackDiagramView *self)
{
  synack_diagram_view_popup_menu (self, x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture, double x, double y, SynackDiagramView *self)
{
  synack_diagram_view_popup_menu (self, x, y);
}

void
_synack_diagram_view_add_controllers (SynackDiagramView *self)
{
  GtkEventController *scroll;
  GtkGesture *gesture;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  scroll = gtk_event_controller_motion_new ();
  g_signal_connect (scroll, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (scroll, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
