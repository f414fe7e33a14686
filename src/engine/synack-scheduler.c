/* synack-scheduler.c: a binary heap that remembers each entry's position, so
 * a timer can be cancelled or re-armed in O(log n) without leaving tombstones. */
#include <stdlib.h>

#include "synack-scheduler.h"

void
synack_scheduler_init (SynackScheduler *sched)
{
  sched->heap = NULL;
  sched->n = 0;
  sched->capacity = 0;
  sched->next_order = 0;
  sched->now = 0;
}

void
synack_scheduler_clear (SynackScheduler *sched)
{
  for (size_t i = 0; i < sched->n; i++)
    sched->heap[i]->index = SYNACK_SCHED_IDLE;
  free (sched->heap);
  synack_scheduler_init (sched);
}

static inline bool
earlier (const SynackSchedEntry *a, const SynackSchedEntry *b)
{
  return a->when < b->when || (a->when == b->when && a->order < b->order);
}

static inline void
place (SynackScheduler *sched, size_t i, SynackSchedEntry *entry)
{
  sched->heap[i] = entry;
  entry->index = i;
}

static void
sift_up (SynackScheduler *sched, size_t i)
{
  SynackSchedEntry *entry = sched->heap[i];

  while (i > 0)
    {
      size_t parent = (i - 1) / 2;

      if (!earlier (entry, sched->heap[parent]))
        break;
      place (sched, i, sched->heap[parent]);
      i = parent;
    }
  place (sched, i, entry);
}

static void
sift_down (SynackScheduler *sched, size_t i)
{
  SynackSchedEntry *entry = sched->heap[i];

  for (;;)
    {
      size_t child = 2 * i + 1;

      if (child >= sched->n)
        break;
      if (child + 1 < sched->n && earlier (sched->heap[child + 1], sched->heap[child]))
        child++;
      if (!earlier (sched->heap[child], entry))
        break;
      place (sched, i, sched->heap[child]);
      i = child;
    }
  place (sched, i, entry);
}

static void
remove_at (SynackScheduler *sched, size_t i)
{
  SynackSchedEntry *last = sched->heap[--sched->n];

  sched->heap[i]->index = SYNACK_SCHED_IDLE;
  if (i == sched->n)
    return;
  place (sched, i, last);
  sift_down (sched, i);
  sift_up (sched, last->index);
}

bool
synack_scheduler_add_at_place (SynackScheduler *sched, SynackSchedEntry *entry, SynackTime when,
                               uint64_t tie_place)
{
  if (synack_sched_entry_pending (entry))
    remove_at (sched, entry->index);

  if (sched->n == sched->capacity)
    {
      size_t capacity = sched->capacity ? sched->capacity * 2 : 64;
      SynackSchedEntry **heap = realloc (sched->heap, capacity * sizeof *heap);

      if (heap == NULL)
        return false;
      sched->heap = heap;
      sched->capacity = capacity;
    }
  entry->when = when;
  entry->order = tie_place;
  place (sched, sched->n++, entry);
  sift_up (sched, sched->n - 1);
  return true;
}

bool
synack_scheduler_add (SynackScheduler *sched, SynackSchedEntry *entry, SynackTime when)
{
  return synack_scheduler_add_at_place (sched, entry, when, sched->next_order++);
}

uint64_t
synack_scheduler_reserve_places (SynackScheduler *sched, uint64_t n)
{
  uint64_t first = sched->next_order;

  sched->next_order += n;
  return first;
}

void
synack_scheduler_cancel (SynackScheduler *sched, SynackSchedEntry *entry)
{
  if (synack_sched_entry_pending (entry))
    remove_at (sched, entry->index);
}

SynackSchedEntry *
synack_scheduler_pop (SynackScheduler *sched)
{
  SynackSchedEntry *first;

  if (sched->n == 0)
    return NULL;
  first = sched->heap[0];
  remove_at (sched, 0);
  sched->now = first->when;
  return first;
}
