/* synack-run.c: a finished run (scenario + trace), shared by reference between the window and dialogs. */
#include "synack-config.h"

#include "synack-run.h"

static void
synack_run_clear (gpointer data)
{
  SynackRun *run = data;

  g_clear_pointer (&run->scenario, synack_scenario_free);
  g_clear_pointer (&run->trace, synack_trace_free);
}

SynackRun *
synack_run_new (SynackScenario *scenario, SynackTrace *trace)
{
  SynackRun *run = g_atomic_rc_box_new0 (SynackRun);

  run->scenario = scenario;
  run->trace = trace;
  return run;
}

SynackRun *
synack_run_ref (SynackRun *run)
{
  return g_atomic_rc_box_acquire (run);
}

void
synack_run_unref (SynackRun *run)
{
  g_atomic_rc_box_release_full (run, synack_run_clear);
}

long
synack_run_event_at_time (const SynackRun *run, SynackTime t)
{
  const SynackTrace *trace = run->trace;
  size_t lo = 0, hi = trace->n_events;

  /* Events are in time order: find the first one after t. */
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (trace->events[mid].t <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (long) lo - 1;
}
