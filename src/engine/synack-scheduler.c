/* synack-scheduler.c: a timing wheel in front of two small heaps, ordered
 * exactly by (time, tie place).
 *
 * Time is cut into buckets of BUCKET_US. What is due in the current bucket
 * waits in the near heap, sorted; what is due in the next WHEEL_BUCKETS - 1
 * buckets waits unsorted in the wheel, one list per bucket, so queueing and
 * cancelling it (a retransmission or TIME_WAIT timer, mostly) is constant
 * time; what lies beyond waits in the far heap. When the near heap runs dry
 * the clock moves to the next bucket holding anything and its entries are
 * sorted into the near heap then. A churn run keeps tens of thousands of
 * timers queued, but only a bucket's worth of them is ever sifted. */
#include <stdlib.h>

#include "synack-scheduler.h"

#define BUCKET_SHIFT  10                     /* 1.024 ms */
#define WHEEL_BUCKETS ((int64_t) 1 << 16)    /* 67 s: TIME_WAIT's 60 s fits */
#define WHEEL_MASK    (WHEEL_BUCKETS - 1)
#define WORD_BITS     64

static inline int64_t
bucket_of (SynackTime when)
{
  return when >> BUCKET_SHIFT;
}

/* ---- Heaps of (time, tie place, entry) --------------------------------- */

static inline bool
earlier (const SynackSchedSlot *a, const SynackSchedSlot *b)
{
  return a->when < b->when || (a->when == b->when && a->order < b->order);
}

static inline void
heap_put (SynackSchedHeap *heap, size_t i, SynackSchedSlot slot)
{
  heap->slots[i] = slot;
  slot.entry->index = i;
}

static void
sift_up (SynackSchedHeap *heap, size_t i, SynackSchedSlot slot)
{
  while (i > 0)
    {
      size_t parent = (i - 1) / 2;

      if (!earlier (&slot, &heap->slots[parent]))
        break;
      heap_put (heap, i, heap->slots[parent]);
      i = parent;
    }
  heap_put (heap, i, slot);
}

static void
sift_down (SynackSchedHeap *heap, size_t i, SynackSchedSlot slot)
{
  for (;;)
    {
      size_t child = 2 * i + 1;

      if (child >= heap->n)
        break;
      if (child + 1 < heap->n && earlier (&heap->slots[child + 1], &heap->slots[child]))
        child++;
      if (!earlier (&heap->slots[child], &slot))
        break;
      heap_put (heap, i, heap->slots[child]);
      i = child;
    }
  heap_put (heap, i, slot);
}

static bool
heap_push (SynackSchedHeap *heap, SynackSchedEntry *entry)
{
  SynackSchedSlot slot = { entry->when, entry->order, entry };

  if (heap->n == heap->capacity)
    {
      size_t capacity = heap->capacity ? heap->capacity * 2 : 64;
      SynackSchedSlot *slots = realloc (heap->slots, capacity * sizeof *slots);

      if (slots == NULL)
        return false;
      heap->slots = slots;
      heap->capacity = capacity;
    }
  sift_up (heap, heap->n++, slot);
  return true;
}

static void
heap_remove (SynackSchedHeap *heap, size_t i)
{
  SynackSchedSlot last = heap->slots[--heap->n];

  if (i == heap->n)
    return;
  if (i > 0 && earlier (&last, &heap->slots[(i - 1) / 2]))
    sift_up (heap, i, last);
  else
    sift_down (heap, i, last);
}

static void
heap_forget (SynackSchedHeap *heap)
{
  for (size_t i = 0; i < heap->n; i++)
    heap->slots[i].entry->place = SYNACK_SCHED_IDLE;
  free (heap->slots);
  heap->slots = NULL;
  heap->n = heap->capacity = 0;
}

/* ---- The wheel ---------------------------------------------------------- */

static bool
wheel_push (SynackScheduler *sched, SynackSchedEntry *entry, int64_t bucket)
{
  size_t b = (size_t) (bucket & WHEEL_MASK);

  if (sched->buckets == NULL)
    {
      sched->buckets = calloc ((size_t) WHEEL_BUCKETS, sizeof *sched->buckets);
      sched->occupied = calloc ((size_t) WHEEL_BUCKETS / WORD_BITS, sizeof *sched->occupied);
      if (sched->buckets == NULL || sched->occupied == NULL)
        {
          free (sched->buckets);
          free (sched->occupied);
          sched->buckets = NULL;
          sched->occupied = NULL;
          return false;
        }
    }
  entry->prev = NULL;
  entry->next = sched->buckets[b];
  if (entry->next)
    entry->next->prev = entry;
  sched->buckets[b] = entry;
  sched->occupied[b / WORD_BITS] |= UINT64_C (1) << (b % WORD_BITS);
  return true;
}

static void
wheel_unlink (SynackScheduler *sched, SynackSchedEntry *entry)
{
  size_t b = (size_t) (bucket_of (entry->when) & WHEEL_MASK);

  if (entry->prev)
    entry->prev->next = entry->next;
  else
    sched->buckets[b] = entry->next;
  if (entry->next)
    entry->next->prev = entry->prev;
  if (sched->buckets[b] == NULL)
    sched->occupied[b / WORD_BITS] &= ~(UINT64_C (1) << (b % WORD_BITS));
}

/* The next bucket after the current one whose list is not empty, or -1. */
static int64_t
wheel_next (const SynackScheduler *sched)
{
  int64_t start = sched->bucket + 1;

  if (sched->buckets == NULL)
    return -1;
  for (int64_t scanned = 0; scanned < WHEEL_BUCKETS - 1;)
    {
      size_t b = (size_t) ((start + scanned) & WHEEL_MASK);
      uint64_t word = sched->occupied[b / WORD_BITS] >> (b % WORD_BITS);

      if (word != 0)
        {
          int64_t found = scanned + __builtin_ctzll (word);

          return found < WHEEL_BUCKETS - 1 ? start + found : -1;
        }
      scanned += (int64_t) (WORD_BITS - b % WORD_BITS);
    }
  return -1;
}

/* ---- The scheduler ------------------------------------------------------ */

void
synack_scheduler_init (SynackScheduler *sched)
{
  sched->near = (SynackSchedHeap) { NULL, 0, 0 };
  sched->far = (SynackSchedHeap) { NULL, 0, 0 };
  sched->buckets = NULL;
  sched->occupied = NULL;
  sched->bucket = 0;
  sched->n = 0;
  sched->out_of_memory = false;
  sched->next_order = 0;
  sched->now = 0;
}

void
synack_scheduler_clear (SynackScheduler *sched)
{
  heap_forget (&sched->near);
  heap_forget (&sched->far);
  /* Only the buckets whose bit is set hold anything. */
  if (sched->buckets)
    for (size_t w = 0; w < (size_t) WHEEL_BUCKETS / WORD_BITS; w++)
      for (uint64_t bits = sched->occupied[w]; bits != 0; bits &= bits - 1)
        for (SynackSchedEntry *entry = sched->buckets[w * WORD_BITS + (size_t) __builtin_ctzll (bits)]; entry;
             entry = entry->next)
          entry->place = SYNACK_SCHED_IDLE;
  free (sched->buckets);
  free (sched->occupied);
  synack_scheduler_init (sched);
}

/* Files the entry by its time; it must be idle. */
static bool
insert (SynackScheduler *sched, SynackSchedEntry *entry)
{
  int64_t bucket = bucket_of (entry->when);

  if (bucket <= sched->bucket)
    {
      entry->place = SYNACK_SCHED_NEAR;
      if (!heap_push (&sched->near, entry))
        goto failed;
    }
  else if (bucket < sched->bucket + WHEEL_BUCKETS)
    {
      entry->place = SYNACK_SCHED_WHEEL;
      if (!wheel_push (sched, entry, bucket))
        goto failed;
    }
  else
    {
      entry->place = SYNACK_SCHED_FAR;
      if (!heap_push (&sched->far, entry))
        goto failed;
    }
  return true;

failed:
  entry->place = SYNACK_SCHED_IDLE;
  return false;
}

static void
take_out (SynackScheduler *sched, SynackSchedEntry *entry)
{
  switch (entry->place)
    {
    case SYNACK_SCHED_NEAR:
      heap_remove (&sched->near, entry->index);
      break;
    case SYNACK_SCHED_WHEEL:
      wheel_unlink (sched, entry);
      break;
    case SYNACK_SCHED_FAR:
      heap_remove (&sched->far, entry->index);
      break;
    case SYNACK_SCHED_IDLE:
      return;
    }
  entry->place = SYNACK_SCHED_IDLE;
  sched->n--;
}

/* The near heap is empty: moves the clock's bucket to the next one holding
 * anything, sorting its entries into the near heap, and brings what the
 * wheel now reaches in from the far heap. False if nothing is queued. */
static bool
refill (SynackScheduler *sched)
{
  int64_t next = wheel_next (sched);

  if (sched->far.n > 0)
    {
      int64_t far_next = bucket_of (sched->far.slots[0].when);

      if (next < 0 || far_next < next)
        next = far_next;
    }
  if (next < 0)
    return false;
  sched->bucket = next;

  if (sched->buckets != NULL)
    {
      size_t b = (size_t) (next & WHEEL_MASK);
      SynackSchedEntry *entry = sched->buckets[b];

      sched->buckets[b] = NULL;
      sched->occupied[b / WORD_BITS] &= ~(UINT64_C (1) << (b % WORD_BITS));
      /* From the oldest: entries mostly come in the order they were queued
       * (a segment's arrival, a timer's expiry), so each then stays where
       * it is pushed instead of sifting up past the others. */
      while (entry && entry->next)
        entry = entry->next;
      while (entry)
        {
          SynackSchedEntry *newer = entry->prev;

          entry->place = SYNACK_SCHED_NEAR;
          if (!heap_push (&sched->near, entry))
            goto out_of_memory;
          entry = newer;
        }
    }

  while (sched->far.n > 0 && bucket_of (sched->far.slots[0].when) < next + WHEEL_BUCKETS)
    {
      SynackSchedEntry *entry = sched->far.slots[0].entry;

      heap_remove (&sched->far, 0);
      if (!insert (sched, entry))
        goto out_of_memory;
    }
  return sched->near.n > 0;

out_of_memory:
  /* What was being moved is lost to the queue (it is still owned by
   * whoever queued it); the run ends with the error. */
  sched->out_of_memory = true;
  return false;
}

bool
synack_scheduler_add_at_place (SynackScheduler *sched, SynackSchedEntry *entry, SynackTime when,
                               uint64_t tie_place)
{
  take_out (sched, entry);
  entry->when = when;
  entry->order = tie_place;
  if (!insert (sched, entry))
    return false;
  sched->n++;
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
  take_out (sched, entry);
}

SynackTime
synack_scheduler_peek_time (SynackScheduler *sched)
{
  if (sched->out_of_memory || (sched->near.n == 0 && !refill (sched)))
    return -1;
  return sched->near.slots[0].when;
}

SynackSchedEntry *
synack_scheduler_pop (SynackScheduler *sched)
{
  SynackSchedEntry *first;

  if (sched->out_of_memory || (sched->near.n == 0 && !refill (sched)))
    return NULL;
  first = sched->near.slots[0].entry;
  heap_remove (&sched->near, 0);
  first->place = SYNACK_SCHED_IDLE;
  sched->n--;
  sched->now = first->when;
  return first;
}
