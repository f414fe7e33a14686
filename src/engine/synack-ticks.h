/* synack-ticks.h: Linux's tick clock (jiffies) and its timer wheel, which
 * decide when a timer armed for a duration really expires. */
#pragma once

#include "synack-params.h"

typedef struct {
  SynackTime tick;      /* 1 s / hz; 0: timers expire exactly on time */
  uint64_t   jiffies0;  /* the tick count at time 0 (a machine has been up a while) */
  SynackTime phase;     /* how far into its tick time 0 falls */
} SynackTickClock;

/* The clock of a run: hz from the parameters, the phase from the seed. */
void       synack_ticks_init     (SynackTickClock *clock, const SynackParams *params);
/* When a timer armed at `now` for `duration` fires: on a tick, never early,
 * rounded up as the wheel's coarser levels round long timers. */
SynackTime synack_ticks_deadline (const SynackTickClock *clock, SynackTime now, SynackTime duration);
