/* synack-census-chart.h: the census over time, kept within a bound, and the chart of it: a stacked area of sockets per state, one panel per host, on the time axis of the view it goes with. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-census.h"
#include "synack-chart.h"
#include "synack-theme.h"

G_BEGIN_DECLS

/* --- The series: a census's rows, gathered as they come. ---
 *
 * Exact (bin_us 0): every change point, for a kept trace, whose rows are
 * few. Binned: each bin holds the counts of the instant within it when the
 * host held the most sockets, so the highest total is never lost and the
 * stacked states add up to it; when the bins run out, neighbours merge
 * (each then twice as long, still holding its peak). */
typedef struct _SynackCensusSeries SynackCensusSeries;

SynackCensusSeries *synack_census_series_new      (SynackTime bin_us, size_t max_bins);
void                synack_census_series_free     (SynackCensusSeries *series);
/* A SynackCensusRowFunc (user data: the series); rows of a census with no interval. */
void                synack_census_series_add_row  (const SynackCensusRow *row, void *series);
/* The run ended at end_time. */
void                synack_census_series_finish   (SynackCensusSeries *series, SynackTime end_time);
/* The exact series of a kept trace. */
SynackCensusSeries *synack_census_series_of_trace (const SynackTrace *trace);

/* A host's rows in time order: each holds from its t to the next's (to
 * the end for the last); binned, each is a bin of bin_us. */
const SynackCensusRow *synack_census_series_rows  (const SynackCensusSeries *series, SynackHostId host, size_t *n);
SynackTime          synack_census_series_bin_us   (const SynackCensusSeries *series);
SynackTime          synack_census_series_end_time (const SynackCensusSeries *series);
/* The row holding time t (NULL before the first), and the most sockets
 * the host held at once (all states together). */
const SynackCensusRow *synack_census_series_at    (const SynackCensusSeries *series, SynackHostId host, SynackTime t);
uint32_t            synack_census_series_peak_total (const SynackCensusSeries *series, SynackHostId host);
size_t              synack_census_series_memory   (const SynackCensusSeries *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackCensusSeries, synack_census_series_free)

/* --- The chart: pure geometry. --- */

typedef enum {
  SYNACK_CENSUS_TIME_DOWN,    /* beside the sequence diagram: time runs down as its axis does */
  SYNACK_CENSUS_TIME_ACROSS,  /* under the strip view: time runs left to right */
} SynackCensusOrientation;

/* Where simulated time t falls along the chart's time axis, in page px:
 * the sequence diagram's compressed axis or the strip view's linear one. */
typedef double (*SynackTimeToPos) (gconstpointer axis, SynackTime t);

typedef struct {
  SynackHostId      host;
  cairo_rectangle_t plot;        /* where counts are drawn */
  uint32_t          scale_max;   /* the count at the far edge of the plot: a round number */
  char             *heading;     /* "Client: sockets by state" */
  double            heading_x, heading_y;
  char             *scale_text;  /* "200" at the far edge */
  GArray           *legend;      /* SynackChartLegendEntry */
} SynackCensusPanel;

typedef struct {
  const SynackCensusSeries *series;
  SynackCensusOrientation   orientation;
  SynackTimeToPos           pos_for_time;
  gconstpointer             axis;
  double                    font_px;
  cairo_rectangle_t         area;        /* the whole chart on the page */
  SynackCensusPanel         panels[SYNACK_N_HOSTS];
} SynackCensusChart;

/* Lays out a chart in area: time along its height (TIME_DOWN, the panels
 * side by side, a legend column beside them with the counts at the cursor)
 * or its width (TIME_ACROSS, the panels one above the other, the counts at
 * the cursor in their headings, no legend: the strip view's above names
 * its states too), from 0 to the series' end mapped by pos_for_time
 * (axis its data).
 * The series must outlive it. */
SynackCensusChart *synack_census_chart_new  (const SynackCensusSeries *series, const SynackTheme *theme,
                                             SynackCensusOrientation orientation,
                                             const cairo_rectangle_t *area,
                                             SynackTimeToPos pos_for_time, gconstpointer axis);
void               synack_census_chart_free (SynackCensusChart *chart);
/* The states the series holds sockets in, a bit each: what its legend names. */
guint              synack_census_series_states (const SynackCensusSeries *series);
/* The counts' extent across the plot (from its baseline) for `count` sockets. */
double             synack_census_chart_count_extent (const SynackCensusChart *chart, SynackHostId host,
                                                     uint32_t count);
/* The width of a TIME_DOWN chart for a theme's type. */
double             synack_census_chart_natural_width (const SynackTheme *theme);

/* Paints the chart; cursor_t >= 0 draws the cursor across it with the
 * counts at that time beside it. visible (NULL: all) limits the work to
 * what is in view. */
void               synack_census_chart_paint (cairo_t *cr, const SynackCensusChart *chart,
                                              const SynackTheme *theme, SynackTime cursor_t,
                                              const cairo_rectangle_t *visible);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackCensusChart, synack_census_chart_free)

G_END_DECLS
