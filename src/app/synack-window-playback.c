/* synack-window-playback.c: the window's cursor in time: play, pause, jump and seek. */
#include "synack-config.h"

#include <math.h>

#include "synack-window-private.h"

/* "Event by event" playback: how long each event stays before the next. */
#define EVENT_PAUSE_S 0.8

void
_synack_window_stop_playing (SynackWindow *self)
{
  if (!self->playing)
    return;
  self->playing = FALSE;
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  synack_playback_bar_set_playing (self->playback_bar, FALSE);
  g_object_notify (G_OBJECT (self), "playing");
}

void
_synack_window_jump_to (SynackWindow *self, long upto)
{
  const SynackTrace *trace = self->run->trace;

  upto = CLAMP (upto, -1, (long) trace->n_events - 1);
  /* Predict mode stops before a question's event until it is answered. */
  upto = synack_quiz_panel_gate (self->quiz_panel, self->upto, upto);
  self->upto = upto;
  self->progress = 0;
  self->cursor_t = upto >= 0 ? trace->events[upto].t : 0;
  synack_diagram_view_set_follow (self->diagram, TRUE);
  _synack_window_update_cursor (self, TRUE);
}

void
_synack_window_seek_time (SynackWindow *self, SynackTime t)
{
  const SynackTrace *trace;
  long upto;

  if (self->run == NULL)
    return;
  trace = self->run->trace;
  _synack_window_stop_playing (self);
  upto = synack_run_event_at_time (self->run, t);
  self->upto = upto;
  self->cursor_t = t;
  self->progress = 0;
  if (upto + 1 < (long) trace->n_events)
    {
      SynackTime t0 = upto >= 0 ? trace->events[upto].t : 0, t1 = trace->events[upto + 1].t;
      if (t1 > t0)
        self->progress = CLAMP ((double) (t - t0) / (double) (t1 - t0), 0, 1);
    }
  synack_diagram_view_set_follow (self->diagram, TRUE);
  _synack_window_update_cursor (self, TRUE);
}

static gboolean
tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  const SynackTrace *trace;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame_us ? (now - self->last_frame_us) / 1e6 : 0;
  long before = self->upto;
  long last;
  double speed;

  self->last_frame_us = now;
  if (self->run == NULL || self->running)
    return G_SOURCE_CONTINUE;
  trace = self->run->trace;
  last = (long) trace->n_events - 1;
  dt = MIN (dt, 0.25); /* after a stall, do not leap */

  speed = synack_playback_bar_get_speed (self->playback_bar);
  if (speed <= 0)
    {
      SynackTime t0, t1;

      self->progress += dt / EVENT_PAUSE_S;
      while (self->progress >= 1 && self->upto < last)
        {
          self->upto++;
          self->progress -= 1;
        }
      if (self->upto >= last)
        self->progress = 0;
      t0 = self->upto >= 0 ? trace->events[self->upto].t : 0;
      t1 = self->upto < last ? trace->events[self->upto + 1].t : t0;
      self->cursor_t = t0 + (SynackTime) llround ((t1 - t0) * self->progress);
    }
  else
    {
      SynackTime end = last >= 0 ? trace->events[last].t : 0;

      self->cursor_t = MIN (end, self->cursor_t + (SynackTime) llround (dt * speed * 1e6));
      /* Never backwards: a step made while playing stays made. */
      self->upto = MAX (self->upto, synack_run_event_at_time (self->run, self->cursor_t));
      if (self->upto < last && trace->events[self->upto + 1].t > trace->events[MAX (self->upto, 0)].t)
        {
          SynackTime t0 = self->upto >= 0 ? trace->events[self->upto].t : 0;
          SynackTime t1 = trace->events[self->upto + 1].t;
          self->progress = CLAMP ((double) (self->cursor_t - t0) / (double) (t1 - t0), 0, 1);
        }
      else
        self->progress = 0;
    }

  if (self->upto > before)
    {
      long allowed = synack_quiz_panel_gate (self->quiz_panel, before, self->upto);

      if (allowed != self->upto)
        {
          /* A question comes first: stop just before its event. */
          self->upto = allowed;
          self->progress = 0;
          self->cursor_t = allowed >= 0 ? trace->events[allowed].t : 0;
          _synack_window_update_cursor (self, TRUE);
          _synack_window_stop_playing (self);
          return G_SOURCE_REMOVE;
        }
    }
  _synack_window_update_cursor (self, self->upto != before);
  if (self->upto >= last)
    {
      _synack_window_stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
_synack_window_start_playing (SynackWindow *self)
{
  const SynackTrace *trace;

  if (self->playing || self->run == NULL)
    return;
  trace = self->run->trace;
  if (trace->n_events == 0)
    return;
  if ((size_t) (self->upto + 1) >= trace->n_events)
    _synack_window_jump_to (self, -1);

  self->playing = TRUE;
  self->last_frame_us = 0;
  synack_diagram_view_set_follow (self->diagram, TRUE);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
  synack_playback_bar_set_playing (self->playback_bar, TRUE);
  g_object_notify (G_OBJECT (self), "playing");
}
