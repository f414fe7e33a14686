/* synack-run-scale.c: runs too big to keep: streamed into their census and strip grid, or kept only for a window of connections. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-document-private.h"

/* How often, in events, the sink looks at the clock to report progress. */
#define PROGRESS_EVERY 16384
/* The least time between two progress reports, in µs. */
#define PROGRESS_INTERVAL_US 100000

typedef struct {
  SynackScaleSummary *summary;
  /* A window of connections: their events kept in `kept`, NULL: none. */
  SynackTrace        *kept;
  uint32_t            first, last;
  GHashTable         *kept_segments;  /* segments sent by the window's connections */
  SynackScaleProgress progress;
  gpointer            progress_data;
  gint64              last_report;
} ScaleSink;

static gboolean
in_window (const ScaleSink *sink, const SynackEvent *e)
{
  switch (e->type)
    {
    case SYNACK_EVENT_DELIVER:
    case SYNACK_EVENT_LOST:
    case SYNACK_EVENT_DUPLICATE:
      return g_hash_table_contains (sink->kept_segments, GUINT_TO_POINTER (e->seg));
    case SYNACK_EVENT_SEND:
      return e->conn >= sink->first && e->conn <= sink->last;
    default:
      /* The listener's own events (conn 0) belong to every window. */
      return e->conn == 0 || (e->conn >= sink->first && e->conn <= sink->last);
    }
}

/* The window's connection records, from their first segments: the trace
 * of the whole run keeps none. */
static void
note_connection (SynackTrace *kept, const SynackEvent *e)
{
  SynackConnInfo *info;
  gboolean syn = (e->hdr.flags & SYNACK_FLAG_SYN) != 0, ack = (e->hdr.flags & SYNACK_FLAG_ACK) != 0;

  if (e->type != SYNACK_EVENT_SEND || !syn || e->conn == 0)
    return;
  info = synack_trace_conn (kept, e->conn);
  if (info == NULL)
    return;
  if (e->host == SYNACK_CLIENT && !ack)
    {
      info->client_port = e->hdr.src_port;
      info->server_port = e->hdr.dst_port;
      info->client_iss = e->hdr.seq;
    }
  else if (e->host == SYNACK_SERVER && ack)
    {
      info->server_iss = e->hdr.seq;
      info->server_iss_known = true;
    }
}

static void
scale_sink (const SynackEvent *event, void *data)
{
  ScaleSink *sink = data;

  synack_scale_summary_sink (event, sink->summary);
  if (sink->kept != NULL && in_window (sink, event))
    {
      if (event->type == SYNACK_EVENT_SEND)
        g_hash_table_add (sink->kept_segments, GUINT_TO_POINTER (event->seg));
      note_connection (sink->kept, event);
      synack_trace_append (sink->kept, event);
    }
  if (sink->progress != NULL && sink->summary->events % PROGRESS_EVERY == 0)
    {
      gint64 now = g_get_monotonic_time ();

      if (now - sink->last_report >= PROGRESS_INTERVAL_US)
        {
          sink->last_report = now;
          sink->progress (sink->summary->events, event->t, sink->summary->last_conn, sink->progress_data);
        }
    }
}

SynackTrace *
_synack_document_run_at_scale (const SynackScenario *scenario, uint32_t first, uint32_t last,
                               SynackScaleSummary **summary_out, SynackRunStats *stats,
                               SynackScaleProgress progress, gpointer progress_data,
                               GCancellable *cancellable, GError **error)
{
  g_autoptr (SynackScaleSummary) summary = synack_scale_summary_new ();
  ScaleSink sink = { .summary = summary, .first = first, .last = last,
                     .progress = progress, .progress_data = progress_data };
  g_autoptr (SynackTrace) whole = NULL;

  if (first > 0 && last >= first)
    {
      sink.kept = g_new0 (SynackTrace, 1);
      synack_trace_init (sink.kept);
      sink.kept_segments = g_hash_table_new (g_direct_hash, g_direct_equal);
    }
  whole = synack_scenario_run_to_sink (scenario, scale_sink, &sink, stats, cancellable, error);
  g_clear_pointer (&sink.kept_segments, g_hash_table_unref);
  if (whole == NULL)
    {
      g_clear_pointer (&sink.kept, synack_trace_free);
      return NULL;
    }
  synack_scale_summary_finish (summary, whole->end_time);
  *summary_out = g_steal_pointer (&summary);
  if (sink.kept != NULL)
    {
      /* The window's diagram runs to the end of the whole run, as its
       * timers and TIME_WAITs do. */
      sink.kept->end_time = whole->end_time;
      return sink.kept;
    }
  return g_steal_pointer (&whole);
}
