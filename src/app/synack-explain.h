/* synack-explain.h: plain-language descriptions of trace events for the side panel and event list. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

/* "SYN seq=1000 win=65535", "SYN_SENT → ESTABLISHED", "retransmit timer started (1 s)". */
char *synack_explain_summary  (const SynackTrace *trace, long index);

/* One sentence a student can read aloud: "The client's SYN was acknowledged,
 * so it enters ESTABLISHED and sends the final ACK." */
char *synack_explain_sentence (const SynackTrace *trace, long index);

/* The host's name as the panel shows it: "Client" / "Server". */
const char *synack_explain_host (SynackHostId host);

/* Describes a segment's flags in words: "SYN-ACK", "FIN-ACK", "ACK", "data". */
char *synack_explain_segment_kind (const SynackHeader *hdr);

/* Time for people, microsecond-exact: "0 s", "50 ms", "1.05 s", "60.1 s". */
char *synack_explain_time (SynackTime t);

G_END_DECLS
