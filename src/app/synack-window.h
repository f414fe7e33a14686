/* synack-window.h: the main window: the diagram, playback, the side panel, parameters and what-if edits. */
#pragma once

#include <gtk/gtk.h>

#include "synack-application.h"
#include "synack-document.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_WINDOW (synack_window_get_type ())
G_DECLARE_FINAL_TYPE (SynackWindow, synack_window, SYNACK, WINDOW, GtkApplicationWindow)

SynackWindow *synack_window_new (SynackApplication *app);

/* Loads a built-in lesson and runs it. */
gboolean synack_window_load_lesson (SynackWindow *self, const char *name);
/* Reads a scenario file, or a pcap/pcapng capture shown as it is
 * (read-only), in the document's worker, and runs it; until then the
 * window shows what it showed, and after a moment a Cancel button. */
void     synack_window_open_file   (SynackWindow *self, GFile *file);
/* Writes the scenario as it ran, edits included (what Save does). */
gboolean synack_window_save_to     (SynackWindow *self, GFile *file, GError **error);

/* Shows what OLD shows (scenario, edits, cursor, mode) in a window built in
 * the current language; OLD is left as it was. */
void     synack_window_take_over   (SynackWindow *self, SynackWindow *old);

/* What the window shows: the document it observes, and its latest run
 * (NULL before the first one finishes). */
SynackDocument *synack_window_get_document (SynackWindow *self);
SynackRun      *synack_window_get_run      (SynackWindow *self);

G_END_DECLS
