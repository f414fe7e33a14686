/* synack-document.h: the scenario being explored (a lesson or file, changed parameters, what-if edits) and its runs. */
#pragma once

#include <gio/gio.h>

#include "synack-capture.h"
#include "synack-edit.h"
#include "synack-run.h"

G_BEGIN_DECLS

/* "Closes first" on the Parameters page: the lesson's own close() calls
 * are left out and these take their place. */
typedef enum {
  SYNACK_CLOSE_AS_WRITTEN,
  SYNACK_CLOSE_CLIENT_FIRST,  /* the server closes 100 ms after it reads the FIN */
  SYNACK_CLOSE_SERVER_FIRST,
  SYNACK_CLOSE_BOTH_AT_ONCE,  /* a simultaneous close */
} SynackCloseOrder;

#define SYNACK_TYPE_DOCUMENT (synack_document_get_type ())
G_DECLARE_FINAL_TYPE (SynackDocument, synack_document, SYNACK, DOCUMENT, GObject)

SynackDocument *synack_document_new (void);
/* A new document holding the same lesson and changes (not its runs). */
SynackDocument *synack_document_copy (SynackDocument *self);

/* What is loaded. Loading drops every change made to the one before.
 * "changed" is emitted whenever what the next run would be changes. */
gboolean    synack_document_load_preset (SynackDocument *self, const char *name, GError **error);
gboolean    synack_document_load_file   (SynackDocument *self, GFile *file, GError **error);
/* A pcap/pcapng capture, shown as it is: its runs are the capture's trace,
 * never a simulation, and every change (a parameter, the close order, a
 * what-if edit) is refused until replay_capture. The base is the scenario
 * derived from it, so the parameters show what the capture implies; there
 * is no file, so a save never writes over the capture. */
gboolean    synack_document_load_capture (SynackDocument *self, GFile *file, GError **error);
/* Either of the two, in a worker thread, as opening from the window does:
 * a capture if the file starts like one, a scenario file otherwise. The
 * document changes only when the load has succeeded, just before the
 * callback; until then, and if it fails or is cancelled, it keeps what it
 * had. A cancelled load fails at once with G_IO_ERROR_CANCELLED. */
void        synack_document_open_async  (SynackDocument *self, GFile *file, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
gboolean    synack_document_open_finish (SynackDocument *self, GAsyncResult *result, GError **error);
/* The capture shown, or NULL for a lesson or scenario file. */
const SynackCapture *synack_document_get_capture (SynackDocument *self);
/* The capture's derived scenario is simulated from now on, and can be
 * changed like any other; FALSE if no capture is shown. */
gboolean    synack_document_replay_capture (SynackDocument *self);
/* FALSE, with the reason, while changes are refused (a capture). */
gboolean    synack_document_check_writable (SynackDocument *self, GError **error);
const SynackScenario *synack_document_get_base (SynackDocument *self);
const char *synack_document_get_lesson  (SynackDocument *self); /* NULL for a file */
GFile      *synack_document_get_file    (SynackDocument *self); /* NULL for a lesson */
const char *synack_document_get_title   (SynackDocument *self);

/* Parameters: the value wins over the lesson's. A bad value is refused
 * with a message and changes nothing. Choosing a profile drops the other
 * changed values: they were relative to the old profile's defaults. */
gboolean    synack_document_set_param   (SynackDocument *self, const char *key, const char *value,
                                         GError **error);
/* The changed value of a key, or NULL if the lesson's holds. */
const char *synack_document_get_param   (SynackDocument *self, const char *key);
/* The parameters the next run uses; FALSE if nothing is loaded. */
gboolean    synack_document_get_params  (SynackDocument *self, SynackParams *params);
void        synack_document_set_close_order (SynackDocument *self, SynackCloseOrder order, SynackTime at);
SynackCloseOrder synack_document_get_close_order (SynackDocument *self, SynackTime *at);
/* Parameters and close order back to the lesson's. */
void        synack_document_reset_params (SynackDocument *self);

/* What-if edits, kept in the order they were made. */
gboolean    synack_document_add_edit    (SynackDocument *self, const SynackEdit *edit, GError **error);
guint       synack_document_get_n_edits (SynackDocument *self);
const SynackEdit *synack_document_get_edit (SynackDocument *self, guint index);
void        synack_document_undo_edit   (SynackDocument *self);
void        synack_document_clear_edits (SynackDocument *self);

/* The scenario the next run uses: the base, the close order, the changed
 * parameters, then the edits. */
SynackScenario *synack_document_build_scenario (SynackDocument *self, GError **error);

/* Runs of more connections than this are not kept: they stream into their
 * census and strip grid (SynackRun.summarized), in memory that follows the
 * sockets alive. Measured by bench-scale (bench/README.md): a kept short
 * connection (some 56 events) with its diagram takes about 29 KiB, so this
 * many are some 140 MiB and lay out in a few seconds. */
#define SYNACK_DOCUMENT_KEEP_CONNECTIONS 5000

/* A window of connections first…last (from 1) whose events the next runs
 * keep, the rest summarized: zooming into a run too big to keep. 0, 0:
 * none, which loading anything also sets. Emits "changed". */
void        synack_document_set_window  (SynackDocument *self, uint32_t first, uint32_t last);
void        synack_document_get_window  (SynackDocument *self, uint32_t *first, uint32_t *last);

/* Runs what the document holds now in a worker thread and, if layout_theme
 * is not NULL, lays its diagram out there too. A run started while another
 * is working supersedes it: the older one stops within milliseconds and
 * fails with G_IO_ERROR_CANCELLED, and the newer one starts when its worker
 * has returned, so at most one run is ever working. A run still waiting for
 * that is superseded the same way. */
void        synack_document_run_async   (SynackDocument      *self,
                                         const char          *layout_theme,
                                         double               text_scale,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
SynackRun  *synack_document_run_finish  (SynackDocument *self, GAsyncResult *result, GError **error);
/* "run-progress" (guint64 events, gint64 simulated µs, guint connections)
 * is emitted in the caller's main context, a few times a second, while a
 * run too big to keep is working. */

/* A run is working or waiting. */
gboolean    synack_document_get_busy    (SynackDocument *self);

G_END_DECLS
