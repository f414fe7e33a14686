/* synack-strip.h: every connection's states over time, binned to a bounded grid, and the strip view (a Gantt chart) laid out from it. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-trace.h"
#include "synack-chart.h"
#include "synack-theme.h"

G_BEGIN_DECLS

/* --- The grid: fed one event at a time, so it works behind a trace sink. ---
 *
 * A cell is a range of connections (a row) at one sampled time (a column):
 * for each host, how many of the row's connections were in each state at
 * the column's start time. Rows and columns are bounded: when connections
 * outnumber the rows, neighbouring rows merge (each then holds twice as
 * many connections); when the run outlasts the columns, every other
 * sample is dropped (columns twice as wide). Memory is the grid plus one
 * small record per connection alive, never per connection made. */
typedef struct _SynackStripGrid SynackStripGrid;

/* The grid views and exports ask for: about as many rows as a strip view
 * has pixel rows at 1366 × 768, and columns a few pixels wide. */
#define SYNACK_STRIP_ROWS    200
#define SYNACK_STRIP_COLUMNS 480

/* max_rows, max_columns: the grid's bound (> 0); column_us: the first
 * column width, doubled as the run goes on (> 0). */
SynackStripGrid *synack_strip_grid_new        (int max_rows, int max_columns, SynackTime column_us);
void             synack_strip_grid_free       (SynackStripGrid *grid);
/* Events in trace order. */
void             synack_strip_grid_add        (SynackStripGrid *grid, const SynackEvent *event);
/* The run ended at end_time: sockets still open count until then. */
void             synack_strip_grid_finish     (SynackStripGrid *grid, SynackTime end_time);
/* The whole of a kept trace, finished; max_rows and max_columns as above. */
SynackStripGrid *synack_strip_grid_from_trace (const SynackTrace *trace, int max_rows, int max_columns);
/* A trace sink that feeds the grid (user data: the grid). */
void             synack_strip_grid_sink       (const SynackEvent *event, void *grid);

int        synack_strip_grid_n_rows           (const SynackStripGrid *grid);
int        synack_strip_grid_n_columns        (const SynackStripGrid *grid);
uint32_t   synack_strip_grid_conns_per_row    (const SynackStripGrid *grid);
uint32_t   synack_strip_grid_n_conns          (const SynackStripGrid *grid); /* the highest number seen */
SynackTime synack_strip_grid_column_us        (const SynackStripGrid *grid);
SynackTime synack_strip_grid_end_time         (const SynackStripGrid *grid);
/* How many of row's connections were in state on host at the start of
 * column (CLOSED: those not open, made or not yet). */
uint32_t   synack_strip_grid_count            (const SynackStripGrid *grid, int row, int column,
                                               SynackHostId host, SynackState state);
/* The state most of the row's open connections were in, and their share
 * of the row (0..1); CLOSED with 0 if none was open. */
SynackState synack_strip_grid_dominant        (const SynackStripGrid *grid, int row, int column,
                                               SynackHostId host, double *share);
/* Bytes the grid holds now, its cells and its open connections. */
size_t     synack_strip_grid_memory           (const SynackStripGrid *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackStripGrid, synack_strip_grid_free)

/* --- The strip view: pure geometry over a grid. --- */

typedef struct {
  int               row;          /* grid row */
  uint32_t          first, last;  /* its connections */
  double            y, h;         /* the strip on the page: the client's half above the server's */
  char             *label;        /* "#1", "#1–5,000"; NULL on rows left unlabelled for room */
} SynackStripRow;

typedef struct {
  const SynackStripGrid *grid;
  double                 width, height;
  double                 font_px;       /* labels and legend */
  cairo_rectangle_t      plot;          /* the strips */
  int                    first_row, n_rows; /* rows in view */
  GArray                *rows;          /* SynackStripRow */
  GArray                *ticks;         /* SynackChartTick, along the time axis under the plot */
  GArray                *legend;        /* SynackChartLegendEntry, the states that appear */
  char                  *heading;       /* what a row is, and the hosts' halves */
} SynackStripLayout;

/* Lays the grid out on a page of width × height px in the theme's type
 * (synack_chart_font_px), showing rows first_row … first_row + n_rows - 1
 * (n_rows <= 0: all). The legend names the states the grid shows and
 * those in also_legend (a bit per SynackState: what a census chart under
 * it shows, which then needs none of its own). The grid must outlive the
 * layout. */
SynackStripLayout *synack_strip_layout_new  (const SynackStripGrid *grid, const SynackTheme *theme,
                                             double width, double height, int first_row, int n_rows,
                                             guint also_legend);
void               synack_strip_layout_free (SynackStripLayout *layout);
/* x of time t on the plot, and back. */
double             synack_strip_layout_x_for_time (const SynackStripLayout *layout, SynackTime t);
SynackTime         synack_strip_layout_time_for_x (const SynackStripLayout *layout, double x);
/* The grid row under page y, or -1. */
int                synack_strip_layout_row_at     (const SynackStripLayout *layout, double y);
/* The colour paint gives a cell of a host's half: the dominant state's,
 * lighter when fewer than half the row's connections are open; FALSE
 * (nothing painted) when none is. */
gboolean           synack_strip_cell_color        (const SynackStripGrid *grid, const SynackTheme *theme,
                                                   int row, int column, SynackHostId host,
                                                   SynackRgba *color);

/* Paints the layout; cursor_t >= 0 draws the cursor line there. */
void               synack_strip_paint (cairo_t *cr, const SynackStripLayout *layout,
                                       const SynackTheme *theme, SynackTime cursor_t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackStripLayout, synack_strip_layout_free)

G_END_DECLS
