/* synack-census.h: how many sockets each host holds in each state over a
 * run (the `ss -s` / netstat view), counted from the trace one event at a
 * time. */
#pragma once

#include <stddef.h>

#include "synack-trace.h"

/* What counts, and how:
 *
 * - Every socket counts once, in its current state: a listener as LISTEN,
 *   a connection's side as the state its last STATE event entered. CLOSED is
 *   never counted (a closed socket is gone: `ss` does not list it), so
 *   count[CLOSED] is always 0.
 * - A connection born on a listener (a STATE event with a connection number
 *   and from = LISTEN, the child of a SYN) adds a socket; the listener stays.
 *   Every other STATE event moves one socket from `from` to `to`.
 * - Counts are taken once all the events of an instant are in: a state
 *   entered and left within one microsecond (CLOSE_WAIT when close() answers
 *   the FIN at once) held nobody, as `ss` would never see it. Rows and peaks
 *   speak of these settled counts.
 * - connect() calls refused with EADDRNOTAVAIL (every ephemeral port towards
 *   the server taken, most often by TIME_WAIT) are counted per host, from
 *   the start of the run.
 *
 * Nothing is kept per connection or per event: the census fits in under a
 * kilobyte whatever the run's length, and can sit behind a trace sink
 * (synack_census_sink) as well as walk a kept trace. */

/* A row of the census of one host. With an interval, t is the interval's
 * start and each count the most sockets in that state at once within
 * [t, t + interval): a peak between two samples is never missed. Without
 * one, t is a change point and the counts hold from t to the next row of
 * the same host. eaddrnotavail counts the refusals up to the row's end. */
typedef struct {
  SynackTime   t;
  SynackHostId host;
  uint32_t     count[SYNACK_N_STATES];
  uint64_t     eaddrnotavail;
} SynackCensusRow;

typedef void (*SynackCensusRowFunc) (const SynackCensusRow *row, void *user_data);

/* The most sockets a host held in one state at once, and the first instant
 * it held that many; first_t is -1 while the count has never left 0. */
typedef struct {
  uint32_t   count;
  SynackTime first_t;
} SynackCensusPeak;

/* Read it through the functions below; the fields are the census's own. */
typedef struct {
  SynackTime          interval;   /* 0: a row at every change point */
  SynackCensusRowFunc row_func;   /* may be NULL: peaks and counts only */
  void               *row_data;

  uint32_t            count[SYNACK_N_HOSTS][SYNACK_N_STATES];  /* after the last event */
  uint64_t            eaddrnotavail[SYNACK_N_HOSTS];
  SynackTime          first_eaddrnotavail[SYNACK_N_HOSTS];  /* -1 before the first */
  SynackCensusPeak    peak[SYNACK_N_HOSTS][SYNACK_N_STATES];

  SynackTime          now;        /* the instant being gathered; -1 before the first event */
  SynackCensusRow     last_row[SYNACK_N_HOSTS];     /* change points: what was last written */
  SynackCensusRow     sample[SYNACK_N_HOSTS];       /* intervals: the one being gathered */
  uint64_t            inconsistencies;  /* a socket left a state that held none */
  bool                finished;
} SynackCensus;

/* interval: 0 for a row at each change point, else the sampling period
 * (positive). row_func gets each row as soon as it is known, hosts in
 * order (client, then server) within an instant. */
void synack_census_init (SynackCensus *census, SynackTime interval,
                         SynackCensusRowFunc row_func, void *user_data);

/* Events must come in trace order. Feeding after finish is ignored. */
void synack_census_feed (SynackCensus *census, const SynackEvent *event);

/* A SynackTraceSink: set trace.sink = synack_census_sink and
 * trace.sink_data = the census, run, then synack_census_finish (census,
 * trace.end_time). */
void synack_census_sink (const SynackEvent *event, void *census);

/* Settles the last instant and, with an interval, writes the samples up to
 * the one holding end_time: after it every row is written and the peaks are
 * final. Call it once. */
void synack_census_finish (SynackCensus *census, SynackTime end_time);

/* The whole of a kept trace: init, feed every event, finish at its end. */
void synack_census_of_trace (SynackCensus *census, const SynackTrace *trace, SynackTime interval,
                             SynackCensusRowFunc row_func, void *user_data);

/* Sockets of `host` in `state` right after the last event fed (not yet
 * settled: within an instant it may still change). A cursor over a kept
 * trace feeds events up to the one shown and reads these. */
uint32_t synack_census_count (const SynackCensus *census, SynackHostId host, SynackState state);
/* All the sockets `host` holds right now, whatever their state. */
uint32_t synack_census_total (const SynackCensus *census, SynackHostId host);
uint64_t synack_census_eaddrnotavail (const SynackCensus *census, SynackHostId host);
/* When `host` was first refused with EADDRNOTAVAIL, or -1. */
SynackTime synack_census_first_eaddrnotavail (const SynackCensus *census, SynackHostId host);

/* The peak over the settled instants so far (all of them after finish). */
SynackCensusPeak synack_census_peak (const SynackCensus *census, SynackHostId host, SynackState state);

/* STATE events that left a state the census had nobody in: 0 for every
 * engine trace; an imported capture that starts mid-connection may have
 * some (the count stays at 0 rather than wrap). */
uint64_t synack_census_inconsistencies (const SynackCensus *census);
