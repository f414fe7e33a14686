/* synack-playback-bar.h: the bar under the diagram: step buttons, play, the scrubber, the clock and the speed. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SYNACK_TYPE_PLAYBACK_BAR (synack_playback_bar_get_type ())
G_DECLARE_FINAL_TYPE (SynackPlaybackBar, synack_playback_bar, SYNACK, PLAYBACK_BAR, GtkBox)

/* The buttons use the window's win.play, win.step-* and win.go-* actions;
 * dragging the scrubber emits "seek" with the event chosen. */
void   synack_playback_bar_set_playing  (SynackPlaybackBar *self, gboolean playing);
/* A run of n_events with the cursor on event upto (-1: before the first). */
void   synack_playback_bar_set_range    (SynackPlaybackBar *self, long upto, size_t n_events);
void   synack_playback_bar_set_position (SynackPlaybackBar *self, long upto);
void   synack_playback_bar_set_time     (SynackPlaybackBar *self, const char *text);

/* Simulated seconds per second; 0 is "event by event". The "speed"
 * property notifies when the user or these calls change it. */
double synack_playback_bar_get_speed    (SynackPlaybackBar *self);
void   synack_playback_bar_set_speed    (SynackPlaybackBar *self, double speed);
/* One step up or down the list of speeds (+ and −). */
void   synack_playback_bar_step_speed   (SynackPlaybackBar *self, int steps);

G_END_DECLS
