/* synack-export-dialog.h: export the diagram (PNG, SVG, PDF, mscgen, PlantUML, TikZ) or the run as pcapng, with the CLI's own export code. */
#pragma once

#include <gtk/gtk.h>

#include "synack-render.h"
#include "synack-run.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_EXPORT_DIALOG (synack_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SynackExportDialog, synack_export_dialog, SYNACK, EXPORT_DIALOG, GtkWindow)

/* cursor: the last event shown in the window, for "Up to the cursor". */
SynackExportDialog *synack_export_dialog_new (GtkWindow  *parent,
                                              SynackRun  *run,
                                              long        cursor,
                                              const char *theme);

/* Writes to file with the dialog's current choices, in a thread, as the
 * file chooser's "Export" does: emits "finished" (success, error message or
 * NULL), shows an error dialog on failure and closes on success. A path
 * without the format's extension gets it. Cancel (export.cancel) stops it
 * and keeps the dialog; Escape or closing the dialog stops it and closes
 * it; either way no file is left and "finished" reports failure. */
void synack_export_dialog_export_to (SynackExportDialog *self, GFile *file);

/* The path written last (with extension), for messages and tests. */
const char *synack_export_dialog_get_last_path (SynackExportDialog *self);
GtkWidget  *synack_export_dialog_get_error_dialog (SynackExportDialog *self);

void synack_export_dialog_set_format (SynackExportDialog *self, SynackExportFormat format);
/* Chooses the format by file extension, ".pcapng" included. */
void synack_export_dialog_set_extension (SynackExportDialog *self, const char *extension);
void synack_export_dialog_set_upto_cursor (SynackExportDialog *self, gboolean upto_cursor);
/* One page, frame or numbered file per step. */
void synack_export_dialog_set_per_step (SynackExportDialog *self, gboolean per_step);

G_END_DECLS
