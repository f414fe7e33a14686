/* synack-document-private.h: what tests may ask a SynackDocument beyond its
 * public API, and what the document's own files share. */
#pragma once

#include "synack-document.h"

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

G_END_DECLS
