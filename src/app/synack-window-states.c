/* synack-window-states.c: the window's state diagram beside the sequence diagram, and predict mode's questions over it. */
#include "synack-config.h"

#include "synack-window-private.h"

/* A click on an edge of the state diagram: the event that took it. */
static void
on_state_event_activated (SynackWindow *self, long event)
{
  _synack_window_stop_playing (self);
  _synack_window_jump_to (self, event);
}

/* Side by side, the state diagram taking a little more than half: it has
 * eleven states to show, the sequence diagram two lifelines. */
void
_synack_window_set_show_states (SynackWindow *self, gboolean show)
{
  self->show_states = !!show;
  /* Two diagrams and the side panel do not fit a laptop's width legibly:
   * the panel makes room (F9 brings it back) and returns afterwards. */
  if (self->show_states && self->show_side_panel && gtk_widget_get_width (GTK_WIDGET (self)) < 1800)
    {
      self->panel_hidden_for_states = TRUE;
      g_object_set (self, "show-side-panel", FALSE, NULL);
    }
  else if (!self->show_states && self->panel_hidden_for_states)
    {
      self->panel_hidden_for_states = FALSE;
      g_object_set (self, "show-side-panel", TRUE, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->state_view), self->show_states);
  /* The state diagram shows both states: the caption keeps its sentence. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->client_caption_label)), !self->show_states);
  if (self->show_states)
    gtk_paned_set_position (self->views_paned, gtk_widget_get_width (GTK_WIDGET (self->views_paned)) * 9 / 20);
  g_object_notify (G_OBJECT (self), "show-states");
}

void
_synack_window_set_predict (SynackWindow *self, gboolean predict)
{
  self->predict = !!predict;
  synack_quiz_panel_set_active (self->quiz_panel, self->predict);
  g_object_notify (G_OBJECT (self), "predict");
}

/* The question was answered: on to its event. */
static void
on_quiz_continue (SynackWindow *self, long event)
{
  _synack_window_jump_to (self, event);
}

void
_synack_window_update_caption (SynackWindow *self)
{
  gtk_widget_set_visible (self->caption_box, self->presentation && self->show_caption &&
                                             !gtk_widget_get_visible (GTK_WIDGET (self->quiz_panel)));
}

/* While a question is up, the presentation caption would cover it. */
static void
on_quiz_shown (SynackWindow *self)
{
  _synack_window_update_caption (self);
}

void
_synack_window_states_init (SynackWindow *self)
{
  g_signal_connect_swapped (self->state_view, "event-activated", G_CALLBACK (on_state_event_activated), self);
  g_signal_connect_swapped (self->quiz_panel, "continue", G_CALLBACK (on_quiz_continue), self);
  g_signal_connect_swapped (self->quiz_panel, "notify::visible", G_CALLBACK (on_quiz_shown), self);
}
