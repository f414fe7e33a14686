/* synack-run.c: a finished run (scenario, trace and its diagram), shared by reference between the window and dialogs. */
#include "synack-config.h"

#include "synack-run.h"
#include "synack-theme.h"

static void
synack_run_clear (gpointer data)
{
  SynackRun *run = data;

  g_clear_pointer (&run->scenario, synack_scenario_free);
  g_clear_pointer (&run->trace, synack_trace_free);
  g_clear_pointer (&run->layout, synack_diagram_layout_free);
  g_clear_pointer (&run->layout_theme, g_free);
  g_clear_pointer (&run->summary, synack_scale_summary_free);
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

SynackDiagramLayout *
synack_layout_with_theme (const SynackTrace *trace, const SynackTheme *theme)
{
  return synack_layout_with_axis (trace, theme, SYNACK_TIME_AXIS_COMPRESSED);
}

SynackDiagramLayout *
synack_layout_with_axis (const SynackTrace *trace, const SynackTheme *theme, SynackTimeAxisMode axis)
{
  SynackDiagramOptions options;

  synack_diagram_options_init (&options);
  options.theme = theme;
  options.axis_mode = axis;
  /* The theme already carries the text scale; the option would multiply it again. */
  options.text_scale = 1.0;
  return synack_diagram_layout_new (trace, &options);
}

SynackDiagramLayout *
synack_layout_for_theme (const SynackTrace *trace, const char *theme_name, double text_scale)
{
  g_autoptr(SynackTheme) theme = synack_theme_new (theme_name, text_scale, NULL);

  return theme != NULL ? synack_layout_with_theme (trace, theme) : NULL;
}

gboolean
synack_run_lay_out (SynackRun *run, const char *theme_name, double text_scale)
{
  g_clear_pointer (&run->layout, synack_diagram_layout_free);
  run->layout = synack_layout_for_theme (run->trace, theme_name, text_scale);
  g_free (run->layout_theme);
  run->layout_theme = g_strdup (theme_name);
  run->layout_text_scale = text_scale;
  return run->layout != NULL;
}

SynackDiagramLayout *
synack_run_take_layout (SynackRun *run)
{
  return g_steal_pointer (&run->layout);
}

/* A run differs from its lesson when its scenario's text (edits and
 * parameters included) differs from the built-in lesson's. */
gboolean
synack_run_is_changed (const SynackRun *run)
{
  g_autoptr(SynackScenario) lesson = synack_scenario_load_preset (synack_scenario_get_name (run->scenario), NULL);
  g_autofree char *ours = NULL, *theirs = NULL;

  if (lesson == NULL)
    return FALSE;
  ours = synack_scenario_to_text (run->scenario);
  theirs = synack_scenario_to_text (lesson);
  return g_strcmp0 (ours, theirs) != 0;
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
