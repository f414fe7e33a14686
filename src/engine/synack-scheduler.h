/* synack-scheduler.h: the discrete-event clock: a priority queue of things to do. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "synack-types.h"

typedef struct SynackSchedEntry SynackSchedEntry;
typedef void (*SynackSchedFn) (SynackSchedEntry *entry, void *context);

/* Where a queued entry waits (see synack-scheduler.c). */
typedef enum {
  SYNACK_SCHED_IDLE,    /* not queued */
  SYNACK_SCHED_NEAR,    /* in the heap of what is due in the current bucket */
  SYNACK_SCHED_WHEEL,   /* in a bucket of the wheel */
  SYNACK_SCHED_FAR,     /* in the heap of what lies beyond the wheel */
} SynackSchedPlace;

/* Embed one of these in whatever needs to happen later (a timer in a socket,
 * a segment in flight) and recover the owner with SYNACK_CONTAINER_OF. */
struct SynackSchedEntry {
  SynackTime        when;
  uint64_t          order;   /* ties at the same time run in scheduling order */
  SynackSchedFn     fn;
  SynackSchedPlace  place;
  union {
    size_t          index;   /* NEAR and FAR: position in that heap */
    struct {                 /* WHEEL: neighbours in the bucket */
      SynackSchedEntry *prev;
      SynackSchedEntry *next;
    };
  };
};

#define SYNACK_CONTAINER_OF(ptr, type, member) \
  ((type *) (void *) ((char *) (ptr) - offsetof (type, member)))

/* A place in a heap. The key is kept here, not only in the entry, so a
 * sift compares neighbouring memory instead of chasing pointers. */
typedef struct {
  SynackTime        when;
  uint64_t          order;
  SynackSchedEntry *entry;
} SynackSchedSlot;

typedef struct {
  SynackSchedSlot *slots;
  size_t           n;
  size_t           capacity;
} SynackSchedHeap;

typedef struct {
  SynackSchedHeap    near;
  SynackSchedEntry **buckets;   /* SYNACK_SCHED_WHEEL_BUCKETS lists, or NULL before the first */
  uint64_t          *occupied;  /* a bit per bucket: is its list non-empty */
  SynackSchedHeap    far;
  int64_t            bucket;    /* the current bucket: what the near heap holds */
  size_t             n;         /* entries queued, wherever they wait */
  bool               out_of_memory;  /* moving a bucket failed: the queue is broken */
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
  entry->fn = fn;
  entry->place = SYNACK_SCHED_IDLE;
  entry->prev = entry->next = NULL;
}

static inline bool
synack_sched_entry_pending (const SynackSchedEntry *entry)
{
  return entry->place != SYNACK_SCHED_IDLE;
}

/* Queues the entry at `when`, or moves it there if already queued (it then
 * counts as scheduled now for tie-breaking). Returns false if out of memory. */
bool synack_scheduler_add    (SynackScheduler *sched, SynackSchedEntry *entry, SynackTime when);
/* Constant time for an entry in the wheel (most timers), logarithmic in the
 * few entries of one bucket, or in those beyond the wheel, otherwise. */
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

/* The time of the earliest entry, or -1 if none is queued. (It may move
 * entries from the wheel to the near heap, hence not const.) */
SynackTime synack_scheduler_peek_time (SynackScheduler *sched);

/* How many entries are queued. */
static inline size_t
synack_scheduler_size (const SynackScheduler *sched)
{
  return sched->n;
}
