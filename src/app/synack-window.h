/* synack-window.h: the main window: diagram, playback, side panel, parameters and what-if edits. */
#pragma once

#include <gtk/gtk.h>

#include "synack-application.h"
#include "synack-run.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_WINDOW (synack_window_get_type ())
G_DECLARE_FINAL_TYPE (SynackWindow, synack_window, SYNACK, WINDOW, GtkApplicationWindow)

SynackWindow *synack_window_new (SynackApplication *app);

/* Loads a built-in lesson, or a scenario file, and runs it. */
gboolean synack_window_load_lesson (SynackWindow *self, const char *name);
void     synack_window_open_file   (SynackWindow *self, GFile *file);
/* Shows a pcap/pcapng capture as it is (read-only; open_file does this for
 * any file that starts like a capture). */
void     synack_window_open_capture (SynackWindow *self, GFile *file);
/* Writes the scenario as it ran, edits included (what Save does). */
gboolean synack_window_save_to     (SynackWindow *self, GFile *file, GError **error);

/* Shows what OLD shows (scenario, edits, cursor, mode) in a window built in
 * the current language; OLD is left as it was. */
void     synack_window_take_over   (SynackWindow *self, SynackWindow *old);

/* The current run (NULL before the first one finishes). */
SynackRun *synack_window_get_run   (SynackWindow *self);
gboolean   synack_window_is_busy   (SynackWindow *self);

/* The cursor: the last event shown (-1: none yet) and how far towards the
 * next one the animation has gone. */
long     synack_window_get_cursor  (SynackWindow *self);
double   synack_window_get_progress (SynackWindow *self);
SynackTime synack_window_get_cursor_time (SynackWindow *self);
void     synack_window_set_cursor  (SynackWindow *self, long upto);
/* Puts the cursor at a simulated time, animation included (a segment
 * half-way across), as playback would show it. */
void     synack_window_seek_time   (SynackWindow *self, SynackTime t);
gboolean synack_window_get_playing (SynackWindow *self);

/* Sets a parameter as the Parameters page does and re-runs. */
gboolean synack_window_set_param   (SynackWindow *self, const char *key, const char *value);
/* Adds a what-if line ("lose segment 3") and re-runs. */
gboolean synack_window_add_edit    (SynackWindow *self, const char *line);

/* What the side panel shows, for tests. */
const char *synack_window_get_state_text (SynackWindow *self, SynackHostId host);
const char *synack_window_get_explanation (SynackWindow *self);
long        synack_window_get_selected_row (SynackWindow *self);

GtkWidget *synack_window_get_diagram (SynackWindow *self);
/* Shows a page of the side panel: "events", "details", "parameters", "what-if". */
void       synack_window_show_page (SynackWindow *self, const char *name);
/* The Parameters page's widget for a --set key, or "close-first" / "close-at". */
GtkWidget *synack_window_get_param_widget (SynackWindow *self, const char *key);

G_END_DECLS
