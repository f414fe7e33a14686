/* synack-segment-details.h: every field of the selected event, and of its segment's header. */
#pragma once

#include <gtk/gtk.h>

#include "synack-trace.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_SEGMENT_DETAILS (synack_segment_details_get_type ())
G_DECLARE_FINAL_TYPE (SynackSegmentDetails, synack_segment_details, SYNACK, SEGMENT_DETAILS, GtkGrid)

/* Shows event `index` of the trace; a NULL trace or an index out of range
 * shows a hint to step forward. */
void synack_segment_details_set_event (SynackSegmentDetails *self, const SynackTrace *trace, long index);

G_END_DECLS
