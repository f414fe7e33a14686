/* synack-document-private.h: what tests may ask a SynackDocument beyond its public API. */
#pragma once

#include "synack-document.h"

G_BEGIN_DECLS

/* The most worker threads that have been running a job of this document at
 * the same time, since it was created: 1 once anything has run. */
guint synack_document_get_peak_workers (SynackDocument *self);

/* How many runs have stopped because they were cancelled or superseded
 * once their worker had started. */
guint synack_document_get_n_stopped (SynackDocument *self);

G_END_DECLS
