/* synack-run.h: a finished run (scenario + trace), shared by reference between the window and dialogs. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

typedef struct {
  SynackScenario *scenario;  /* what was run, edits included */
  SynackTrace    *trace;
  SynackRunStats  stats;
  gint64          elapsed_us; /* wall-clock time the run took */
} SynackRun;

/* Takes ownership of both. */
SynackRun *synack_run_new   (SynackScenario *scenario, SynackTrace *trace);
SynackRun *synack_run_ref   (SynackRun *run);
void       synack_run_unref (SynackRun *run);

/* The last event shown when the cursor is at simulated time t. */
long synack_run_event_at_time (const SynackRun *run, SynackTime t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackRun, synack_run_unref)

G_END_DECLS
