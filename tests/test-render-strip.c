/* test-render-strip.c: the strip grid holds the trace's states at its sampled times, bounded however long the run; the strip view paints them in the diagram's colours. */
#include "synack-config.h"

#include "synack-strip.h"
#include "synack-test-util.h"

/* Three hundred short connections, one every 5 ms, the client closing first. */
static const char *const many_connections =
  "delay = 2ms\n"
  "at 0 server listen 80\n"
  "at 1ms client connect 80 repeat 299 every 5ms\n"
  "when client established: client send 100\n"
  "when server received 100: server send 200\n"
  "when client received 200: client close\n"
  "when server eof: server close\n";

/* The last event at or before t, as the grid samples it. */
static long
last_event_at (const SynackTrace *trace, SynackTime t)
{
  long lo = -1, hi = (long) trace->n_events;

  while (hi - lo > 1)
    {
      long mid = (lo + hi) / 2;

      if (trace->events[mid].t <= t)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Every cell of the grid counts exactly the connections of its row that
 * the trace has in each state at the column's time. */
static void
assert_grid_matches_trace (const SynackStripGrid *grid, const SynackTrace *trace)
{
  uint32_t per_row = synack_strip_grid_conns_per_row (grid);

  for (int c = 0; c < synack_strip_grid_n_columns (grid); c++)
    {
      SynackTime t = c * synack_strip_grid_column_us (grid);
      long upto = last_event_at (trace, t);

      for (int r = 0; r < synack_strip_grid_n_rows (grid); r++)
        for (int h = 0; h < SYNACK_N_HOSTS; h++)
          {
            uint32_t expected[SYNACK_N_STATES] = { 0 };

            for (uint32_t conn = r * per_row + 1; conn <= MIN ((r + 1) * per_row, synack_strip_grid_n_conns (grid)); conn++)
              expected[synack_trace_state_at (trace, h, conn, upto)]++;
            for (int s = 0; s < SYNACK_N_STATES; s++)
              if (synack_strip_grid_count (grid, r, c, h, s) != expected[s])
                g_error ("row %d column %d (%" G_GINT64_FORMAT " us) %s %s: %u in the grid, %u in the trace",
                         r, c, t, synack_host_to_string (h), synack_state_to_string (s),
                         synack_strip_grid_count (grid, r, c, h, s), expected[s]);
          }
    }
}

static void
test_grid_one_row_per_connection (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  g_autoptr (SynackStripGrid) grid = synack_strip_grid_from_trace (trace, 64, 600);
  gboolean saw_time_wait = FALSE;

  g_assert_cmpuint (synack_strip_grid_conns_per_row (grid), ==, 1);
  g_assert_cmpint (synack_strip_grid_n_rows (grid), ==, 10);
  assert_grid_matches_trace (grid, trace);
  /* Halfway through the run every connection's client is in TIME_WAIT. */
  for (int r = 0; r < 10; r++)
    {
      int c = synack_strip_grid_n_columns (grid) / 2;

      saw_time_wait = synack_strip_grid_count (grid, r, c, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT) == 1;
      g_assert_true (saw_time_wait);
      g_assert_cmpuint (synack_strip_grid_count (grid, r, c, SYNACK_SERVER, SYNACK_STATE_CLOSED), ==, 1);
    }
}

/* More connections than rows and a run longer than the columns: rows and
 * columns merge, and every cell still says what the trace says. */
static void
test_grid_bounded (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (many_connections);
  g_autoptr (SynackStripGrid) grid = synack_strip_grid_new (16, 64, 1000);

  for (size_t i = 0; i < trace->n_events; i++)
    synack_strip_grid_sink (&trace->events[i], grid);
  synack_strip_grid_finish (grid, trace->end_time);
  g_assert_cmpuint (synack_strip_grid_n_conns (grid), ==, 300);
  g_assert_cmpuint (synack_strip_grid_conns_per_row (grid), ==, 32);
  g_assert_cmpint (synack_strip_grid_n_rows (grid), ==, 10);
  g_assert_cmpint (synack_strip_grid_n_columns (grid), <=, 64);
  g_assert_cmpint (synack_strip_grid_column_us (grid), >, 1000);
  assert_grid_matches_trace (grid, trace);
  /* The memory is the grid's, whatever the number of connections. */
  g_assert_cmpuint (synack_strip_grid_memory (grid), <, 16 * 64 * 2 * SYNACK_N_STATES * 4 + 1024);
}

/* The strip of connection 3 is painted in the diagram's colour of the
 * state the trace gives it, at every sampled time, on both halves. */
static void
test_view_colours_follow_states (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  g_autoptr (SynackStripGrid) grid = synack_strip_grid_from_trace (trace, 64, 400);
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  g_autoptr (SynackStripLayout) layout = synack_strip_layout_new (grid, theme, 1366, 600, 0, 0, 0);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1366, 600);
  cairo_t *cr = cairo_create (surface);
  const SynackStripRow *row = &g_array_index (layout->rows, SynackStripRow, 2);
  int checked = 0;

  synack_strip_paint (cr, layout, theme, -1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpuint (row->first, ==, 3);
  for (int c = 0; c < synack_strip_grid_n_columns (grid); c++)
    for (int h = 0; h < SYNACK_N_HOSTS; h++)
      {
        SynackTime t = c * synack_strip_grid_column_us (grid);
        SynackState state = synack_trace_state_at (trace, h, 3, last_event_at (trace, t));
        double x = synack_strip_layout_x_for_time (layout, t) + 0.5 * layout->plot.width / synack_strip_grid_n_columns (grid);
        double y = row->y + (h + 0.5) * row->h / 2;
        const unsigned char *px = cairo_image_surface_get_data (surface)
                                  + (int) y * cairo_image_surface_get_stride (surface) + 4 * (int) x;
        const SynackRgba *want = state == SYNACK_STATE_CLOSED ? &theme->background : &theme->state[state];
        int r = (int) (want->r * 255 + 0.5), g = (int) (want->g * 255 + 0.5), b = (int) (want->b * 255 + 0.5);

        if (synack_strip_layout_x_for_time (layout, t + synack_strip_grid_column_us (grid)) - x < 1)
          continue;
        if (ABS (px[2] - r) > 2 || ABS (px[1] - g) > 2 || ABS (px[0] - b) > 2)
          g_error ("%s at %" G_GINT64_FORMAT " us is %s, painted #%02x%02x%02x, not #%02x%02x%02x",
                   synack_host_to_string (h), t, synack_state_to_string (state), px[2], px[1], px[0], r, g, b);
        checked++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpint (checked, >, 200);
}

/* The time axis goes both ways, and rows are found under y. */
static void
test_view_geometry (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (many_connections);
  g_autoptr (SynackStripGrid) grid = synack_strip_grid_from_trace (trace, 100, 400);
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  g_autoptr (SynackStripLayout) layout = synack_strip_layout_new (grid, theme, 1000, 700, 10, 20, 0);
  const SynackStripRow *first = &g_array_index (layout->rows, SynackStripRow, 0);

  g_assert_cmpuint (synack_strip_grid_conns_per_row (grid), ==, 4);
  g_assert_cmpint (layout->n_rows, ==, 20);
  g_assert_cmpuint (first->first, ==, 41);
  g_assert_cmpuint (first->last, ==, 44);
  g_assert_cmpint (synack_strip_layout_row_at (layout, first->y + 1), ==, 10);
  g_assert_cmpint (synack_strip_layout_row_at (layout, layout->plot.y - 1), ==, -1);
  g_assert_cmpint (ABS (synack_strip_layout_time_for_x (layout, synack_strip_layout_x_for_time (layout, 500000)) - 500000),
                   <, synack_strip_grid_column_us (grid));
  g_assert_cmpfloat (layout->font_px, >=, 11);
  g_assert_cmpuint (layout->legend->len, >=, 5);
  g_assert_cmpuint (layout->ticks->len, >=, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/strip/grid/one-row-per-connection", test_grid_one_row_per_connection);
  g_test_add_func ("/render/strip/grid/bounded", test_grid_bounded);
  g_test_add_func ("/render/strip/view/colours-follow-states", test_view_colours_follow_states);
  g_test_add_func ("/render/strip/view/geometry", test_view_geometry);
  return g_test_run ();
}
