/* synack-trace.c: the growable event log and the queries views make of it. */
#include <stdlib.h>
#include <string.h>

#include "synack-trace.h"

void
synack_trace_init (SynackTrace *trace)
{
  memset (trace, 0, sizeof *trace);
}

void
synack_trace_clear (SynackTrace *trace)
{
  SynackTraceSink sink = trace->sink;
  void *sink_data = trace->sink_data;

  free (trace->events);
  free (trace->conns);
  synack_trace_init (trace);
  trace->sink = sink;
  trace->sink_data = sink_data;
}

static bool
grow (void **array, size_t *capacity, size_t needed, size_t element_size)
{
  size_t new_capacity;
  void *bigger;

  if (needed <= *capacity)
    return true;
  new_capacity = *capacity ? *capacity * 2 : 256;
  while (new_capacity < needed)
    new_capacity *= 2;
  bigger = realloc (*array, new_capacity * element_size);
  if (bigger == NULL)
    return false;
  *array = bigger;
  *capacity = new_capacity;
  return true;
}

bool
synack_trace_append (SynackTrace *trace, const SynackEvent *event)
{
  trace->emitted++;
  if (event->t > trace->end_time)
    trace->end_time = event->t;
  if (event->type == SYNACK_EVENT_SEND && event->seg > trace->n_segments)
    trace->n_segments = event->seg;

  if (trace->sink)
    {
      trace->sink (event, trace->sink_data);
      return true;
    }

  if (!grow ((void **) &trace->events, &trace->capacity, trace->n_events + 1, sizeof *event))
    return false;
  trace->events[trace->n_events++] = *event;
  return true;
}

SynackConnInfo *
synack_trace_conn (SynackTrace *trace, uint32_t conn)
{
  SynackConnInfo *info;

  for (size_t i = trace->n_conns; i > 0; i--)
    if (trace->conns[i - 1].conn == conn)
      return &trace->conns[i - 1];

  /* A benchmark with a sink keeps no per-connection table either. */
  if (trace->sink)
    return NULL;
  if (!grow ((void **) &trace->conns, &trace->conns_capacity, trace->n_conns + 1, sizeof *info))
    return NULL;
  info = &trace->conns[trace->n_conns++];
  memset (info, 0, sizeof *info);
  info->conn = conn;
  return info;
}

long
synack_trace_find_send (const SynackTrace *trace, uint32_t seg)
{
  size_t lo = 0, hi = trace->n_events;

  /* SEND events appear in increasing segment order, other events between
   * them: binary search on the nearest SEND at or after the midpoint. */
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      size_t probe = mid;

      while (probe < hi && trace->events[probe].type != SYNACK_EVENT_SEND)
        probe++;
      if (probe == hi)
        {
          hi = mid;
          continue;
        }
      if (trace->events[probe].seg == seg)
        return (long) probe;
      if (trace->events[probe].seg < seg)
        lo = probe + 1;
      else
        hi = mid;
    }
  return -1;
}

long
synack_trace_find_arrival (const SynackTrace *trace, long send_index)
{
  uint32_t seg;

  if (send_index < 0 || (size_t) send_index >= trace->n_events)
    return -1;
  seg = trace->events[send_index].seg;
  for (size_t i = (size_t) send_index + 1; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      /* The kind first: only a segment's events own seg and duplicate. */
      if ((e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_LOST) &&
          e->seg == seg && !e->duplicate)
        return (long) i;
    }
  return -1;
}

SynackState
synack_trace_state_at (const SynackTrace *trace, SynackHostId host, uint32_t conn, long upto)
{
  SynackState state = SYNACK_STATE_CLOSED;
  uint32_t latest = 0;

  if (upto >= (long) trace->n_events)
    upto = (long) trace->n_events - 1;
  for (long i = 0; i <= upto; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type != SYNACK_EVENT_STATE || e->host != host)
        continue;
      if (conn == 0)
        {
          /* The latest connection wins; a listener shows until one exists. */
          if (e->conn >= latest)
            {
              latest = e->conn;
              state = e->to;
            }
        }
      else if (e->conn == conn)
        state = e->to;
    }
  return state;
}
