/* test-engine-ticks.c: Linux's tick clock: timers fire on ticks, never
 * early, long ones rounded up as the timer wheel rounds them. */
#include "synack-test-util.h"
#include "synack-ticks.h"

#define TICK SYNACK_MS (4)
#define HANDSHAKE "delay = 50ms\nat 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n" \
                  "when client established: client send 100\nwhen server received 100: server close\n" \
                  "when client eof: client close\n"

/* A clock at tick 0, time 0 on a tick boundary, so deadlines read plainly. */
static SynackTickClock
plain_clock (void)
{
  SynackTickClock clock = { TICK, 0, 0 };

  return clock;
}

static void
test_wheel (void)
{
  SynackTickClock clock = plain_clock ();

  /* A timeout of zero runs at the next tick. */
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, 0), ==, SYNACK_MS (4));
  g_assert_cmpint (synack_ticks_deadline (&clock, SYNACK_MS (3), 0), ==, SYNACK_MS (4));
  /* Level 0 (under 63 ticks): the tick after `expires`, so never early. */
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_MS (4)), ==, SYNACK_MS (8));
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_MS (40)), ==, SYNACK_MS (44));
  g_assert_cmpint (synack_ticks_deadline (&clock, SYNACK_MS (1), SYNACK_US (4001)), ==, SYNACK_MS (12));
  /* Level 1 (8 ticks, 32 ms): the 1 s RTO is 250 ticks, fired at tick 256. */
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_SEC (1)), ==, SYNACK_MS (1024));
  /* Level 2 (64 ticks): 3 s = 750 ticks, fired at tick 768. */
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_SEC (3)), ==, SYNACK_MS (3072));
  /* Level 3 (512 ticks, 2.048 s): TIME_WAIT's 15000 ticks fire at 15360. */
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_SEC (60)), ==, SYNACK_MS (61440));
  /* Where the granule boundary falls depends on the tick count. */
  clock.jiffies0 = 871;
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_SEC (60)), ==, SYNACK_MS (60004));
  clock.jiffies0 = 360;
  g_assert_cmpint (synack_ticks_deadline (&clock, 0, SYNACK_SEC (60)), ==, SYNACK_MS (62048));
  /* No tick: exactly on time. */
  clock.tick = 0;
  g_assert_cmpint (synack_ticks_deadline (&clock, SYNACK_MS (3), SYNACK_SEC (60)), ==, SYNACK_MS (60003));
}

/* Every timer a run starts: on a tick of one phase, never early, and late
 * by at most a tick or, for long timers, the wheel's granule. */
static SynackTime
check_timers_on_ticks (const SynackTrace *trace)
{
  SynackTime phase = -1;
  guint seen = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      SynackTime late;

      if (e->type != SYNACK_EVENT_TIMER || e->action != SYNACK_TIMER_START)
        continue;
      if (phase < 0)
        phase = e->expires % TICK;
      g_assert_cmpint (e->expires % TICK, ==, phase);
      late = e->expires - e->t - e->duration;
      g_assert_cmpint (late, >, 0);
      if (e->duration < 62 * TICK)
        g_assert_cmpint (late, <=, 2 * TICK);
      else
        g_assert_cmpint (late, <=, e->duration / 8 + 2 * TICK);
      seen++;
    }
  g_assert_cmpuint (seen, >=, 5);
  return phase;
}

static void
test_timers_on_ticks (void)
{
  g_autoptr (SynackTrace) one = synack_test_run (HANDSHAKE);
  g_autoptr (SynackTrace) two = synack_test_run ("seed = 2\n" HANDSHAKE);
  long time_wait = synack_test_find_timer (one, SYNACK_SERVER, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 0);

  /* The seed draws the phase: another seed, other tick boundaries. */
  g_assert_cmpint (check_timers_on_ticks (one), !=, check_timers_on_ticks (two));
  /* The trace keeps what the stack asked for beside when it fires. */
  g_assert_cmpint (time_wait, >=, 0);
  g_assert_cmpint (one->events[time_wait].duration, ==, SYNACK_SEC (60));
  g_assert_cmpint (one->events[time_wait].expires - one->events[time_wait].t, >, SYNACK_SEC (60));
}

static void
test_exact_without_ticks (void)
{
  g_autoptr (SynackTrace) linux_exact = synack_test_run ("hz = 0\n" HANDSHAKE);
  g_autoptr (SynackTrace) rfc = synack_test_run ("profile = rfc9293\n" HANDSHAKE);
  guint seen = 0;

  for (size_t i = 0; i < linux_exact->n_events; i++)
    {
      const SynackEvent *e = &linux_exact->events[i];

      if (e->type == SYNACK_EVENT_TIMER && e->action == SYNACK_TIMER_START)
        {
          g_assert_cmpint (e->expires - e->t, ==, e->duration);
          seen++;
        }
    }
  g_assert_cmpuint (seen, >=, 5);
  for (size_t i = 0; i < rfc->n_events; i++)
    if (rfc->events[i].type == SYNACK_EVENT_TIMER && rfc->events[i].action == SYNACK_TIMER_START)
      g_assert_cmpint (rfc->events[i].expires - rfc->events[i].t, ==, rfc->events[i].duration);
}

static void
test_hz_checked (void)
{
  g_autoptr (GError) error = synack_test_run_error ("hz = 300\n" HANDSHAKE);

  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "hz"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/ticks/wheel", test_wheel);
  g_test_add_func ("/engine/ticks/timers-on-ticks", test_timers_on_ticks);
  g_test_add_func ("/engine/ticks/exact-without-ticks", test_exact_without_ticks);
  g_test_add_func ("/engine/ticks/hz-checked", test_hz_checked);
  return g_test_run ();
}
