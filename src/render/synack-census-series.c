/* synack-census-series.c: a census's rows over a run, every change point or bins that keep each peak, within a bound. */
#include "synack-config.h"

#include "synack-census-chart.h"

struct _SynackCensusSeries {
  SynackTime  bin_us;                    /* 0: exact change points */
  size_t      max_bins;
  GArray     *rows[SYNACK_N_HOSTS];      /* SynackCensusRow */
  SynackCensusRow last[SYNACK_N_HOSTS];  /* binned: the counts that hold now */
  SynackTime  end_time;
};

SynackCensusSeries *
synack_census_series_new (SynackTime bin_us, size_t max_bins)
{
  SynackCensusSeries *series = g_new0 (SynackCensusSeries, 1);

  g_return_val_if_fail (bin_us >= 0 && (bin_us == 0 || max_bins >= 2), NULL);
  series->bin_us = bin_us;
  series->max_bins = max_bins;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    series->rows[h] = g_array_new (FALSE, TRUE, sizeof (SynackCensusRow));
  return series;
}

void
synack_census_series_free (SynackCensusSeries *series)
{
  if (series == NULL)
    return;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    g_array_unref (series->rows[h]);
  g_free (series);
}

static uint32_t
row_total (const SynackCensusRow *row)
{
  uint32_t total = 0;

  for (int s = 0; s < SYNACK_N_STATES; s++)
    total += row->count[s];
  return total;
}

/* A bin holds the instant within it when the host held the most sockets,
 * all its counts from that one instant, so the stacked areas add up to a
 * total that really was (the peaks of states apart might never coincide). */
static void
keep_peak (SynackCensusRow *into, const SynackCensusRow *row)
{
  SynackTime t = into->t;
  uint64_t refused = MAX (into->eaddrnotavail, row->eaddrnotavail);

  if (row_total (row) > row_total (into))
    *into = *row;
  into->t = t;
  into->eaddrnotavail = refused;
}

/* Bins twice as long: each new one holds the peak of the two it replaces. */
static void
merge_bins (SynackCensusSeries *series)
{
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      GArray *rows = series->rows[h];
      guint n = 0;

      for (guint i = 0; i < rows->len; i += 2, n++)
        {
          SynackCensusRow merged = g_array_index (rows, SynackCensusRow, i);

          merged.t = (SynackTime) n * 2 * series->bin_us;
          if (i + 1 < rows->len)
            keep_peak (&merged, &g_array_index (rows, SynackCensusRow, i + 1));
          g_array_index (rows, SynackCensusRow, n) = merged;
        }
      g_array_set_size (rows, n);
    }
  series->bin_us *= 2;
}

/* Binned: the bins up to the one holding t exist, those passed over
 * holding what held then. */
static void
fill_to (SynackCensusSeries *series, SynackHostId host, SynackTime t)
{
  GArray *rows = series->rows[host];

  while ((size_t) (t / series->bin_us) >= series->max_bins)
    merge_bins (series);
  while ((SynackTime) rows->len <= t / series->bin_us)
    {
      SynackCensusRow bin = series->last[host];

      bin.t = (SynackTime) rows->len * series->bin_us;
      g_array_append_val (rows, bin);
    }
}

void
synack_census_series_add_row (const SynackCensusRow *row, void *data)
{
  SynackCensusSeries *series = data;
  SynackHostId host = row->host;

  series->end_time = MAX (series->end_time, row->t);
  if (series->bin_us == 0)
    {
      g_array_append_val (series->rows[host], *row);
      return;
    }
  fill_to (series, host, row->t);
  keep_peak (&g_array_index (series->rows[host], SynackCensusRow, series->rows[host]->len - 1), row);
  series->last[host] = *row;
}

void
synack_census_series_finish (SynackCensusSeries *series, SynackTime end_time)
{
  series->end_time = MAX (series->end_time, end_time);
  if (series->bin_us == 0)
    return;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      series->last[h].host = h;
      fill_to (series, h, end_time);
    }
}

SynackCensusSeries *
synack_census_series_of_trace (const SynackTrace *trace)
{
  SynackCensusSeries *series = synack_census_series_new (0, 0);
  SynackCensus census;

  synack_census_of_trace (&census, trace, 0, synack_census_series_add_row, series);
  synack_census_series_finish (series, trace->end_time);
  return series;
}

const SynackCensusRow *
synack_census_series_rows (const SynackCensusSeries *series, SynackHostId host, size_t *n)
{
  *n = series->rows[host]->len;
  return (const SynackCensusRow *) series->rows[host]->data;
}

SynackTime
synack_census_series_bin_us (const SynackCensusSeries *series)
{
  return series->bin_us;
}

SynackTime
synack_census_series_end_time (const SynackCensusSeries *series)
{
  return series->end_time;
}

const SynackCensusRow *
synack_census_series_at (const SynackCensusSeries *series, SynackHostId host, SynackTime t)
{
  size_t n, lo = 0, hi;
  const SynackCensusRow *rows = synack_census_series_rows (series, host, &n);

  if (n == 0 || t < rows[0].t)
    return NULL;
  hi = n;
  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;

      if (rows[mid].t <= t)
        lo = mid;
      else
        hi = mid;
    }
  return &rows[lo];
}

uint32_t
synack_census_series_peak_total (const SynackCensusSeries *series, SynackHostId host)
{
  size_t n;
  const SynackCensusRow *rows = synack_census_series_rows (series, host, &n);
  uint32_t peak = 0;

  for (size_t i = 0; i < n; i++)
    peak = MAX (peak, row_total (&rows[i]));
  return peak;
}

size_t
synack_census_series_memory (const SynackCensusSeries *series)
{
  size_t bytes = sizeof *series;

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    bytes += series->rows[h]->len * sizeof (SynackCensusRow);
  return bytes;
}
