/* synack-explain.h: the application's short names for the describe module's texts about an event. */
#pragma once

#include "synack-describe.h"

G_BEGIN_DECLS

static inline char *
synack_explain_summary (const SynackTrace *trace, long index)
{
  return synack_describe_summary (trace, index);
}

static inline char *
synack_explain_sentence (const SynackTrace *trace, long index)
{
  return synack_describe_sentence (trace, index);
}

/* "Client" / "Server". */
static inline const char *
synack_explain_host (SynackHostId host)
{
  return synack_describe_host (host, SYNACK_HOST_TITLE);
}

static inline char *
synack_explain_segment_kind (const SynackHeader *hdr)
{
  return synack_describe_segment_kind (hdr);
}

/* Time for people, microsecond-exact: "0 s", "50 ms", "1.05 s", "60.1 s". */
static inline char *
synack_explain_time (SynackTime t)
{
  return synack_describe_time (t, SYNACK_TIME_EXACT);
}

G_END_DECLS
