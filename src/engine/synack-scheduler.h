/* synack-scheduler.h: the discrete-event clock: a priority queue of things to do. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "synack-types.h"

typedef struct SynackSchedEntry SynackSchedEntry;
typedef void (*SynackSchedFn) (SynackSchedEntry *entry, void *context);

/* Embed one of these in whatever needs to happen later (a timer in a socket,
 * a segment in flight) and recover the owner with SYNACK_CONTAINER_OF. */
struct SynackSchedEntry {
  SynackTime    when;
  uint64_t      order;   /* ties at the same time run in scheduling order */
  size_t        index;   /* position in the heap; SYNACK_SCHED_IDLE if not queued */
  SynackSchedFn fn;
};

#define SYNACK_SCHED_IDLE SIZE_MAX
#define SYNACK_CONTAINER_OF(ptr, type, member) \
  ((type *) (void *) ((char *) (ptr) - offsetof (type, member)))

typedef struct {
  SynackSchedEntry **heap;
  size_t             n;
  size_t             capacity;
  uint64_t           next_order;
  SynackTime         now;
} SynackScheduler;

void synack_scheduler_init   (SynackScheduler *sched);
void synack_scheduler_clear  (SynackScheduler *sched);

static inline void
synack_sched_entry_init (SynackSchedEntry *entry, SynackSchedFn fn)
{
  entry->when = 0;
  entry->order = 0;
  entry->index = SYNACK_SCHED_IDLE;
  entry->fn = fn;
}

static inline bool
synack_sched_entry_pending (const SynackSchedEntry *entry)
{
  return entry->index != SYNACK_SCHED_IDLE;
}

/* Queues the entry at `when`, or moves it there if already queued (it then
 * counts as scheduled now for tie-breaking). Returns false if out of memory. */
bool synack_scheduler_add    (SynackScheduler *sched, SynackSchedEntry *entry, SynackTime when);
void synack_scheduler_cancel (SynackScheduler *sched, SynackSchedEntry *entry);

/* Sets `n` tie-breaking places aside, as if `n` entries were queued now, and
 * returns the first. An entry queued later with one of them (`tie_place`) through
 * synack_scheduler_add_at_place() ties as it would have, had it been queued
 * at the time of the reservation. */
uint64_t synack_scheduler_reserve_places (SynackScheduler *sched, uint64_t n);
bool     synack_scheduler_add_at_place   (SynackScheduler *sched, SynackSchedEntry *entry,
                                          SynackTime when, uint64_t tie_place);

/* Removes and returns the earliest entry, advancing the clock; NULL if empty. */
SynackSchedEntry *synack_scheduler_pop (SynackScheduler *sched);

static inline SynackTime
synack_scheduler_peek_time (const SynackScheduler *sched)
{
  return sched->n ? sched->heap[0]->when : -1;
}
