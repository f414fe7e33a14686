/* test-engine-scheduler.c: the scheduler pops in exactly (time, tie place)
 * order whatever mix of queueing, re-arming and cancelling reaches it, in
 * the current bucket, in the wheel and beyond it. */
#include "synack-test-util.h"

#include "synack-scheduler.h"

#define N_ENTRIES 4000

typedef struct {
  SynackSchedEntry entry;
  guint            id;
} Item;

/* The reference: every item's key if it is queued, found by a full scan. */
typedef struct {
  gboolean   queued;
  SynackTime when;
  guint64    order;
} Expected;

static Item     items[N_ENTRIES];
static Expected expected[N_ENTRIES];

static gint
earliest_expected (void)
{
  gint best = -1;

  for (gint i = 0; i < N_ENTRIES; i++)
    if (expected[i].queued &&
        (best < 0 || expected[i].when < expected[best].when ||
         (expected[i].when == expected[best].when && expected[i].order < expected[best].order)))
      best = i;
  return best;
}

/* A delay now in the current bucket, now in the wheel, now past its 67 s,
 * and often the very same time as another entry's, to test the ties. */
static SynackTime
random_delay (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:  return g_rand_int_range (rand, 0, 5000);
    case 1:  return SYNACK_MS (50);
    case 2:  return g_rand_int_range (rand, 0, 2000) * SYNACK_MS (1);
    case 3:  return SYNACK_SEC (g_rand_int_range (rand, 1, 70));
    case 4:  return SYNACK_SEC (g_rand_int_range (rand, 60, 7200));
    default: return 0;
    }
}

static void
check_random_mix (guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  SynackScheduler sched;
  guint popped = 0;

  synack_scheduler_init (&sched);
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      synack_sched_entry_init (&items[i].entry, NULL);
      items[i].id = i;
      expected[i].queued = FALSE;
    }

  for (guint step = 0; step < 60000; step++)
    {
      guint i = (guint) g_rand_int_range (rand, 0, N_ENTRIES);
      gint action = g_rand_int_range (rand, 0, 10);

      if (action < 5)
        {
          /* Queue, or re-arm what is queued. */
          SynackTime when = sched.now + random_delay (rand);

          g_assert_true (synack_scheduler_add (&sched, &items[i].entry, when));
          expected[i] = (Expected) { TRUE, when, sched.next_order - 1 };
        }
      else if (action < 7)
        {
          synack_scheduler_cancel (&sched, &items[i].entry);
          expected[i].queued = FALSE;
        }
      else
        {
          gint want = earliest_expected ();
          SynackSchedEntry *got = synack_scheduler_pop (&sched);

          if (want < 0)
            {
              g_assert_null (got);
              continue;
            }
          g_assert_nonnull (got);
          g_assert_cmpuint (SYNACK_CONTAINER_OF (got, Item, entry)->id, ==, (guint) want);
          g_assert_cmpint (sched.now, ==, expected[want].when);
          g_assert_false (synack_sched_entry_pending (got));
          expected[want].queued = FALSE;
          popped++;
        }
      for (guint k = 0; k < 3; k++)
        {
          guint j = (guint) g_rand_int_range (rand, 0, N_ENTRIES);

          g_assert_cmpint (synack_sched_entry_pending (&items[j].entry), ==, expected[j].queued);
        }
    }

  /* Drained, what is left comes out in order too. */
  for (gint want; (want = earliest_expected ()) >= 0; expected[want].queued = FALSE, popped++)
    {
      SynackTime next = synack_scheduler_peek_time (&sched);
      SynackSchedEntry *got = synack_scheduler_pop (&sched);

      g_assert_cmpint (next, ==, expected[want].when);
      g_assert_nonnull (got);
      g_assert_cmpuint (SYNACK_CONTAINER_OF (got, Item, entry)->id, ==, (guint) want);
    }
  g_assert_null (synack_scheduler_pop (&sched));
  g_assert_cmpint (synack_scheduler_peek_time (&sched), ==, -1);
  g_assert_cmpuint (synack_scheduler_size (&sched), ==, 0);
  g_assert_cmpuint (popped, >, 10000);
  synack_scheduler_clear (&sched);
}

static void
test_random_mix (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    check_random_mix (seed);
}

/* Tie places set aside earlier win over entries queued since at the same time. */
static void
test_reserved_places (void)
{
  SynackScheduler sched;
  Item late = { .id = 1 }, early = { .id = 2 };
  guint64 place;

  synack_scheduler_init (&sched);
  synack_sched_entry_init (&late.entry, NULL);
  synack_sched_entry_init (&early.entry, NULL);
  place = synack_scheduler_reserve_places (&sched, 3);
  g_assert_true (synack_scheduler_add (&sched, &late.entry, SYNACK_SEC (90)));
  g_assert_true (synack_scheduler_add_at_place (&sched, &early.entry, SYNACK_SEC (90), place + 2));
  g_assert_true (synack_scheduler_pop (&sched) == &early.entry);
  g_assert_true (synack_scheduler_pop (&sched) == &late.entry);
  g_assert_cmpint (sched.now, ==, SYNACK_SEC (90));
  synack_scheduler_clear (&sched);
}

/* Clearing leaves every entry idle, wherever it waited. */
static void
test_clear_idles_entries (void)
{
  SynackScheduler sched;
  static const SynackTime at[] = { 0, SYNACK_MS (50), SYNACK_SEC (10), SYNACK_SEC (3600) };
  Item waiting[G_N_ELEMENTS (at)];

  synack_scheduler_init (&sched);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      synack_sched_entry_init (&waiting[i].entry, NULL);
      g_assert_true (synack_scheduler_add (&sched, &waiting[i].entry, at[i]));
    }
  g_assert_cmpuint (synack_scheduler_size (&sched), ==, G_N_ELEMENTS (at));
  synack_scheduler_clear (&sched);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    g_assert_false (synack_sched_entry_pending (&waiting[i].entry));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/scheduler/random-mix", test_random_mix);
  g_test_add_func ("/engine/scheduler/reserved-places", test_reserved_places);
  g_test_add_func ("/engine/scheduler/clear", test_clear_idles_entries);
  return g_test_run ();
}
