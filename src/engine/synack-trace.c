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
  bool without_conn_records = trace->without_conn_records;

  free (trace->events);
  free (trace->conns);
  free (trace->conn_slots);
  synack_trace_init (trace);
  trace->sink = sink;
  trace->sink_data = sink_data;
  trace->without_conn_records = without_conn_records;
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
synack_trace_keep (SynackTrace *trace, const SynackEvent *event)
{
  if (!grow ((void **) &trace->events, &trace->capacity, trace->n_events + 1, sizeof *event))
    return false;
  trace->events[trace->n_events++] = *event;
  return true;
}

/* Connection numbers mostly count up from 1; a multiplicative hash spreads
 * them (and a script's own large numbers) over the slots. */
static size_t
conn_slot (uint32_t conn, size_t n_slots)
{
  return (size_t) ((conn * UINT32_C (2654435761)) & (n_slots - 1));
}

/* The slot holding conn, or the empty slot where it would go. */
static size_t
find_slot (const SynackTrace *trace, uint32_t conn)
{
  size_t mask = trace->n_conn_slots - 1;
  size_t i = conn_slot (conn, trace->n_conn_slots);

  while (trace->conn_slots[i] != 0 && trace->conns[trace->conn_slots[i] - 1].conn != conn)
    i = (i + 1) & mask;
  return i;
}

/* Keeps the table at most half full, so probes stay short. */
static bool
grow_conn_slots (SynackTrace *trace)
{
  size_t n_slots = trace->n_conn_slots ? trace->n_conn_slots * 2 : 64;
  uint32_t *slots;

  if (2 * (trace->n_conns + 1) <= trace->n_conn_slots)
    return true;
  if (trace->n_conns >= UINT32_MAX - 1)
    return false;
  slots = calloc (n_slots, sizeof *slots);
  if (slots == NULL)
    return false;
  free (trace->conn_slots);
  trace->conn_slots = slots;
  trace->n_conn_slots = n_slots;
  for (size_t c = 0; c < trace->n_conns; c++)
    trace->conn_slots[find_slot (trace, trace->conns[c].conn)] = (uint32_t) c + 1;
  return true;
}

const SynackConnInfo *
synack_trace_find_conn (const SynackTrace *trace, uint32_t conn)
{
  uint32_t slot;

  if (trace->n_conn_slots == 0)
    return NULL;
  slot = trace->conn_slots[find_slot (trace, conn)];
  return slot ? &trace->conns[slot - 1] : NULL;
}

SynackConnInfo *
synack_trace_conn (SynackTrace *trace, uint32_t conn)
{
  SynackConnInfo *info = (SynackConnInfo *) synack_trace_find_conn (trace, conn);

  if (info != NULL || trace->without_conn_records)
    return info;
  if (!grow_conn_slots (trace) ||
      !grow ((void **) &trace->conns, &trace->conns_capacity, trace->n_conns + 1, sizeof *info))
    return NULL;
  trace->conn_slots[find_slot (trace, conn)] = (uint32_t) trace->n_conns + 1;
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
