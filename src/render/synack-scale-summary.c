/* synack-scale-summary.c: a run's census and strip grid gathered behind one trace sink, in memory bounded by the sockets alive. */
#include "synack-config.h"

#include "synack-scale-summary.h"

/* The census's bins: enough for a chart as wide as a screen, twice over. */
#define CENSUS_BINS 2048

SynackScaleSummary *
synack_scale_summary_new (void)
{
  SynackScaleSummary *summary = g_new0 (SynackScaleSummary, 1);

  /* Bins start at a millisecond and lengthen with the run. */
  summary->series = synack_census_series_new (SYNACK_MS (1), CENSUS_BINS);
  summary->grid = synack_strip_grid_new (SYNACK_STRIP_ROWS, SYNACK_STRIP_COLUMNS, SYNACK_MS (1));
  synack_census_init (&summary->census, 0, synack_census_series_add_row, summary->series);
  return summary;
}

static SynackScaleSummary *
summary_exact (void)
{
  SynackScaleSummary *summary = g_new0 (SynackScaleSummary, 1);

  summary->series = synack_census_series_new (0, 0);
  synack_census_init (&summary->census, 0, synack_census_series_add_row, summary->series);
  return summary;
}

void
synack_scale_summary_free (SynackScaleSummary *summary)
{
  if (summary == NULL)
    return;
  synack_census_series_free (summary->series);
  synack_strip_grid_free (summary->grid);
  g_free (summary);
}

void
synack_scale_summary_sink (const SynackEvent *event, void *data)
{
  SynackScaleSummary *summary = data;

  synack_census_feed (&summary->census, event);
  if (summary->grid != NULL)
    synack_strip_grid_add (summary->grid, event);
  summary->events++;
  summary->t = event->t;
  summary->last_conn = MAX (summary->last_conn, event->conn);
}

void
synack_scale_summary_finish (SynackScaleSummary *summary, SynackTime end_time)
{
  synack_census_finish (&summary->census, end_time);
  synack_census_series_finish (summary->series, end_time);
  if (summary->grid != NULL)
    synack_strip_grid_finish (summary->grid, end_time);
}

SynackScaleSummary *
synack_scale_summary_of_trace (const SynackTrace *trace)
{
  SynackScaleSummary *summary = summary_exact ();

  for (size_t i = 0; i < trace->n_events; i++)
    synack_scale_summary_sink (&trace->events[i], summary);
  synack_scale_summary_finish (summary, trace->end_time);
  summary->grid = synack_strip_grid_from_trace (trace, SYNACK_STRIP_ROWS, SYNACK_STRIP_COLUMNS);
  return summary;
}

size_t
synack_scale_summary_memory (const SynackScaleSummary *summary)
{
  return sizeof *summary + synack_census_series_memory (summary->series)
         + (summary->grid != NULL ? synack_strip_grid_memory (summary->grid) : 0);
}
