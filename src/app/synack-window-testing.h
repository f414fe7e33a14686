/* synack-window-testing.h: what the window tests may ask and do beyond the public API. */
#pragma once

#include "synack-window.h"

G_BEGIN_DECLS

/* A file is being opened, or a run is asked for, working, or not yet shown. */
gboolean   synack_window_is_busy         (SynackWindow *self);
/* The progress of a file being opened, with its Cancel button, is up. */
gboolean   synack_window_get_opening_shown (SynackWindow *self);

/* The cursor: the last event shown (-1: none yet) and how far towards the
 * next one the animation has gone. */
long       synack_window_get_cursor      (SynackWindow *self);
double     synack_window_get_progress    (SynackWindow *self);
SynackTime synack_window_get_cursor_time (SynackWindow *self);
void       synack_window_set_cursor      (SynackWindow *self, long upto);
/* Puts the cursor at a simulated time, animation included (a segment
 * half-way across), as playback would show it. */
void       synack_window_seek_time       (SynackWindow *self, SynackTime t);
gboolean   synack_window_get_playing     (SynackWindow *self);

/* Sets a parameter as the Parameters page does (a refused value shows its
 * message); the run follows. */
gboolean   synack_window_set_param       (SynackWindow *self, const char *key, const char *value);
/* Adds a what-if edit as the page and the diagram's menu do. */
gboolean   synack_window_add_edit        (SynackWindow *self, const SynackEdit *edit);

/* What the side panel shows. */
const char *synack_window_get_state_text  (SynackWindow *self, SynackHostId host);
const char *synack_window_get_explanation (SynackWindow *self);
/* What the side panel says about a changed run, NULL while it is the lesson. */
const char *synack_window_get_run_note    (SynackWindow *self);
const char *synack_window_get_error       (SynackWindow *self); /* NULL when none is shown */
long        synack_window_get_selected_row (SynackWindow *self);
/* The lesson's points to watch in the side panel, and the one highlighted
 * (NULL: none); in presentation mode, the line over the diagram. */
guint       synack_window_get_n_watch_points  (SynackWindow *self);
const char *synack_window_get_current_watch   (SynackWindow *self);
const char *synack_window_get_presentation_watch (SynackWindow *self);
const char *synack_window_get_presentation_title (SynackWindow *self);
/* A host's line in the presentation caption: "Client 40000 TIME_WAIT, 40001 SYN_SENT". */
const char *synack_window_get_caption_states  (SynackWindow *self, SynackHostId host);
/* The presentation caption's box, NULL while it is not shown. */
GtkWidget  *synack_window_get_caption         (SynackWindow *self);
/* The legend card over the diagram is shown. */
gboolean    synack_window_get_legend_shown    (SynackWindow *self);
/* How many rows the event list has (fewer than the events while future
 * events are hidden). */
guint       synack_window_get_n_listed_events (SynackWindow *self);

GtkWidget *synack_window_get_diagram      (SynackWindow *self);
GtkWidget *synack_window_get_state_view   (SynackWindow *self);
GtkWidget *synack_window_get_quiz_panel   (SynackWindow *self);
/* Shows a page of the side panel: "events", "details", "parameters", "what-if". */
void       synack_window_show_page        (SynackWindow *self, const char *name);
/* The Parameters page's widget for a --set key, or "close-first" / "close-at". */
GtkWidget *synack_window_get_param_widget (SynackWindow *self, const char *key);

/* Which view the diagram's place shows: "diagram" or "strips", the strip
 * view of a run at scale; and that view. */
const char *synack_window_get_view_shown (SynackWindow *self);
GtkWidget  *synack_window_get_scale_view (SynackWindow *self);
/* The bar naming the window of connections shown is up. */
gboolean    synack_window_get_window_bar_shown (SynackWindow *self);

G_END_DECLS
