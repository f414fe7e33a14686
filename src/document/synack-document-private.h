/* synack-document-private.h: what tests may ask a SynackDocument beyond its
 * public API, and what the document's own files share. */
#pragma once

#include "synack-document.h"
#include "synack-scale-summary.h"

G_BEGIN_DECLS

/* The most worker threads that have been running a job of this document at
 * the same time, since it was created: 1 once anything has run. */
guint synack_document_get_peak_workers (SynackDocument *self);

/* How many runs have stopped because they were cancelled or superseded
 * once their worker had started. */
guint synack_document_get_n_stopped (SynackDocument *self);

/* While held, a load started with _async waits in its worker thread until
 * released or cancelled: a file that takes long to read, made on demand. */
void synack_document_hold_loads (SynackDocument *self, gboolean hold);

/* What the document's own files share. */
void     _synack_document_set_base   (SynackDocument *self, SynackScenario *scenario, const char *lesson,
                                      GFile *file, SynackCapture *capture);
gboolean _synack_document_loads_held (SynackDocument *self);

/* Told now and then, in the worker, how far a run at scale is. */
typedef void (*SynackScaleProgress) (uint64_t events, SynackTime t, uint32_t connections, gpointer data);

/* A run too big to keep, streamed into its summary (census and strip
 * grid). With a window (first <= last, first > 0) the events of those
 * connections (and of the listener) are kept and returned as the trace,
 * with records for them; without one the trace returned holds no events. */
SynackTrace *_synack_document_run_at_scale (const SynackScenario *scenario, uint32_t first, uint32_t last,
                                            SynackScaleSummary **summary, SynackRunStats *stats,
                                            SynackScaleProgress progress, gpointer progress_data,
                                            GCancellable *cancellable, GError **error);

G_END_DECLS
