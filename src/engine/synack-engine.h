/* synack-engine.h: run a script to completion and record what happened. */
#pragma once

#include "synack-script.h"
#include "synack-trace.h"

typedef enum {
  SYNACK_ENGINE_OK,
  SYNACK_ENGINE_BAD_PARAMS,     /* see synack_params_validate() */
  SYNACK_ENGINE_EVENT_LIMIT,    /* the runaway guard stopped the run */
  SYNACK_ENGINE_NO_MEMORY,
  SYNACK_ENGINE_MEMORY_LIMIT,   /* the trace outgrew params.memory_limit_mib */
  SYNACK_ENGINE_CANCELLED,      /* the caller's cancel flag was raised */
} SynackEngineError;

/* Figures about a run, for messages and the benchmark. */
typedef struct {
  SynackTime end_time;
  uint64_t   events;          /* trace events emitted */
  uint64_t   scheduled;       /* scheduler entries processed */
  uint32_t   connections;     /* connection records kept (none without them) */
  size_t     peak_sockets;    /* sockets alive at once, at most */
  size_t     peak_pending_calls;  /* application calls and reaction walks queued at once */
  bool       hit_time_limit;
} SynackRunStats;

/* Runs the script. The trace must have been initialised (and may have a
 * sink). Same script, same trace: the engine has no other input. */
SynackEngineError synack_engine_run (const SynackScript *script,
                                     SynackTrace        *trace,
                                     SynackRunStats     *stats);

/* As synack_engine_run, but gives up with SYNACK_ENGINE_CANCELLED soon
 * after *cancel becomes nonzero. Another thread may raise the flag (an
 * atomic store); the run loop reads it every SYNACK_ENGINE_CANCEL_EVERY
 * scheduler entries, which is well under a millisecond of work, so a run
 * nobody waits for any more stops at once. cancel may be NULL. */
#define SYNACK_ENGINE_CANCEL_EVERY 256
SynackEngineError synack_engine_run_cancellable (const SynackScript *script,
                                                 SynackTrace        *trace,
                                                 SynackRunStats     *stats,
                                                 const int          *cancel);

const char *synack_engine_error_to_string (SynackEngineError error);
