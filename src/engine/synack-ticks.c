/* synack-ticks.c: when a timer fires on a tick clock, as Linux's timer wheel
 * (kernel/time/timer.c) decides it. */
#include "synack-ticks.h"

#include "synack-prng.h"

/* The wheel: level 0 has 64 buckets one tick wide; each level above is 8
 * times coarser (LVL_CLK_SHIFT 3, LVL_BITS 6), 9 levels when HZ > 100. */
#define WHEEL_LEVEL_SHIFT 3
#define WHEEL_LEVEL_SIZE  64
#define WHEEL_DEPTH       9

/* Keys the phase hash apart from other uses of the seed. */
#define PHASE_KEY 0x7469636b636c6f63ull

void
synack_ticks_init (SynackTickClock *clock, const SynackParams *params)
{
  uint64_t h = synack_prng_hash (params->seed, PHASE_KEY);

  clock->tick = params->hz > 0 ? SYNACK_SEC (1) / params->hz : 0;
  clock->jiffies0 = 0;
  clock->phase = 0;
  if (clock->tick == 0)
    return;
  /* Any uptime up to a few years, and any point within a tick. */
  clock->jiffies0 = (h >> 24) & ((1ull << 36) - 1);
  clock->phase = (SynackTime) (h % (uint64_t) clock->tick);
}

/* LVL_START(level): the first delta (in ticks) the level holds. */
static uint64_t
level_start (unsigned level)
{
  return (uint64_t) (WHEEL_LEVEL_SIZE - 1) << ((level - 1) * WHEEL_LEVEL_SHIFT);
}

SynackTime
synack_ticks_deadline (const SynackTickClock *clock, SynackTime now, SynackTime duration)
{
  uint64_t jiffies, timeout, expires, clk, delta, fires;
  unsigned level = 0;

  if (clock->tick == 0)
    return now + duration;

  jiffies = clock->jiffies0 + (uint64_t) ((now + clock->phase) / clock->tick);
  /* usecs_to_jiffies() rounds up: a timer never fires early. */
  timeout = (uint64_t) ((duration + clock->tick - 1) / clock->tick);
  expires = jiffies + timeout;
  /* This tick's timers have run, so the wheel's clock is one ahead. */
  clk = jiffies + 1;

  if (expires < clk)
    /* Already due (a timeout of zero): the next tick runs it. */
    fires = clk;
  else
    {
      delta = expires - clk;
      while (level + 1 < WHEEL_DEPTH && delta >= level_start (level + 1))
        level++;
      /* calc_index(): "Round up with level granularity to prevent" early
       * expiry, which at level 0 is the next tick after `expires`. */
      fires = ((expires >> (level * WHEEL_LEVEL_SHIFT)) + 1) << (level * WHEEL_LEVEL_SHIFT);
    }
  return (SynackTime) (fires - clock->jiffies0) * clock->tick - clock->phase;
}
