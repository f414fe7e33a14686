/* synack-run.h: a finished run (scenario, trace and its diagram), shared by reference between the window and dialogs. */
#pragma once

#include "synack-diagram-layout.h"
#include "synack-theme.h"
#include "synack-scale-summary.h"
#include "synack-scenario.h"

G_BEGIN_DECLS

typedef struct {
  SynackScenario      *scenario;  /* what was run, edits included */
  SynackTrace         *trace;
  SynackRunStats       stats;
  gint64               elapsed_us; /* wall-clock time the run took */

  /* The diagram, laid out in the worker with the run because a long trace
   * takes as long to lay out as to run; NULL until then, and once taken. */
  SynackDiagramLayout *layout;
  char                *layout_theme;
  double               layout_text_scale;

  /* The census and strip grid of the whole run, always. A run too big to
   * keep (summarized) has them alone: its trace holds no events, or, with
   * a window of connections, only theirs and the listener's. */
  SynackScaleSummary  *summary;
  gboolean             summarized;
  uint32_t             window_first, window_last;  /* 0, 0: no window */
} SynackRun;

/* Takes ownership of both. */
SynackRun *synack_run_new   (SynackScenario *scenario, SynackTrace *trace);
SynackRun *synack_run_ref   (SynackRun *run);
void       synack_run_unref (SynackRun *run);

/* Lays the trace out for a theme (a name synack_theme_new knows). */
gboolean   synack_run_lay_out    (SynackRun *run, const char *theme_name, double text_scale);
/* Hands the layout over to its one user, the diagram view. */
SynackDiagramLayout *synack_run_take_layout (SynackRun *run);

/* The run is of a lesson with changed parameters or what-if edits, and
 * its title says so: "… (changed)". */
gboolean synack_run_is_changed (const SynackRun *run);
/* The last event shown when the cursor is at simulated time t. */
long synack_run_event_at_time (const SynackRun *run, SynackTime t);

/* The diagram of a trace as the screen shows it, in a theme (by name: NULL
 * for an unknown one). */
SynackDiagramLayout *synack_layout_with_theme (const SynackTrace *trace, const SynackTheme *theme);
/* The same on another time axis (the screen's is compressed). */
SynackDiagramLayout *synack_layout_with_axis  (const SynackTrace *trace, const SynackTheme *theme,
                                               SynackTimeAxisMode axis);
SynackDiagramLayout *synack_layout_for_theme  (const SynackTrace *trace, const char *theme_name, double text_scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackRun, synack_run_unref)

G_END_DECLS
