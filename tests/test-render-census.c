/* test-render-census.c: the census chart lines up with the sequence diagram's time axis, draws each host's counts to scale in the diagram's state colours, and its series keeps every peak within its bound. */
#include "synack-config.h"

#include "synack-census-chart.h"
#include "synack-diagram-layout.h"
#include "synack-test-util.h"

static double
diagram_y (gconstpointer layout, SynackTime t)
{
  return synack_diagram_layout_y_for_time (layout, t);
}

static const unsigned char *
pixel (cairo_surface_t *surface, double x, double y)
{
  return cairo_image_surface_get_data (surface) + (int) y * cairo_image_surface_get_stride (surface) + 4 * (int) x;
}

static void
assert_color (const unsigned char *px, const SynackRgba *want, const char *what)
{
  int r = (int) (want->r * 255 + 0.5), g = (int) (want->g * 255 + 0.5), b = (int) (want->b * 255 + 0.5);

  if (ABS (px[2] - r) > 2 || ABS (px[1] - g) > 2 || ABS (px[0] - b) > 2)
    g_error ("%s: painted #%02x%02x%02x, not #%02x%02x%02x", what, px[2], px[1], px[0], r, g, b);
}

/* Beside the diagram of the pile-up, halfway through each of the client's
 * TIME_WAIT stretches the chart is as wide as that many TIME_WAIT sockets,
 * at the very height the diagram gives that time. */
static void
test_chart_follows_diagram_axis (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  g_autoptr (SynackDiagramLayout) layout = NULL;
  g_autoptr (SynackCensusSeries) series = synack_census_series_of_trace (trace);
  g_autoptr (SynackCensusChart) chart = NULL;
  SynackDiagramOptions options;
  cairo_rectangle_t area;
  cairo_surface_t *surface;
  cairo_t *cr;
  size_t n;
  const SynackCensusRow *rows = synack_census_series_rows (series, SYNACK_CLIENT, &n);
  int checked = 0;

  synack_diagram_options_init (&options);
  options.theme = theme;
  layout = synack_diagram_layout_new (trace, &options);
  area = (cairo_rectangle_t) { 0, 0, synack_census_chart_natural_width (theme), synack_diagram_layout_get_height (layout) };
  chart = synack_census_chart_new (series, theme, SYNACK_CENSUS_TIME_DOWN, &area, diagram_y, layout);
  g_assert_cmpuint (chart->panels[SYNACK_CLIENT].scale_max, ==, 10);
  g_assert_cmpfloat (chart->font_px, >=, 11);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) area.width + 1, (int) area.height + 1);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  synack_census_chart_paint (cr, chart, theme, -1, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (size_t i = 0; i + 1 < n; i++)
    {
      const cairo_rectangle_t *plot = &chart->panels[SYNACK_CLIENT].plot;
      uint32_t tw = rows[i].count[SYNACK_STATE_TIME_WAIT], below = 0;
      double y0 = synack_diagram_layout_y_for_time (layout, rows[i].t);
      double y1 = synack_diagram_layout_y_for_time (layout, rows[i + 1].t);
      double y = (y0 + y1) / 2, outer, inner;

      if (tw == 0 || y1 - y0 < 4)
        continue;
      for (int s = SYNACK_STATE_LISTEN; s < SYNACK_STATE_TIME_WAIT; s++)
        below += rows[i].count[s];
      inner = plot->x + synack_census_chart_count_extent (chart, SYNACK_CLIENT, below);
      outer = plot->x + synack_census_chart_count_extent (chart, SYNACK_CLIENT, below + tw);
      g_assert_cmpfloat_with_epsilon (outer - inner, tw * plot->width / 10, 1e-9);
      assert_color (pixel (surface, (inner + outer) / 2, y), &theme->state[SYNACK_STATE_TIME_WAIT], "TIME_WAIT");
      /* Just past it, nothing. */
      if (outer + 2 < plot->x + plot->width)
        assert_color (pixel (surface, outer + 2, y), &theme->background, "past the TIME_WAIT sockets");
      checked++;
    }
  cairo_surface_destroy (surface);
  g_assert_cmpint (checked, >=, 10);
}

static uint32_t
total_of (const SynackCensusRow *row)
{
  uint32_t total = 0;

  for (int s = 0; s < SYNACK_N_STATES; s++)
    total += row->count[s];
  return total;
}

/* Bins that merge keep, whatever the bound, the counts of the instant in
 * each when the host held the most sockets. */
static void
test_series_bins_keep_peaks (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  g_autoptr (SynackCensusSeries) exact = synack_census_series_of_trace (trace);
  g_autoptr (SynackCensusSeries) binned = synack_census_series_new (SYNACK_MS (1), 16);
  SynackCensus census;
  size_t n_exact, n_binned;
  const SynackCensusRow *rows, *bins;

  synack_census_of_trace (&census, trace, 0, synack_census_series_add_row, binned);
  synack_census_series_finish (binned, trace->end_time);
  rows = synack_census_series_rows (exact, SYNACK_CLIENT, &n_exact);
  bins = synack_census_series_rows (binned, SYNACK_CLIENT, &n_binned);
  g_assert_cmpuint (n_binned, <=, 16);
  g_assert_cmpint (synack_census_series_bin_us (binned) * 16, >, trace->end_time);
  for (size_t b = 0; b < n_binned; b++)
    {
      SynackTime t0 = bins[b].t, t1 = t0 + synack_census_series_bin_us (binned);
      const SynackCensusRow *peak = NULL;

      /* The change points in the bin, and the one holding at its start. */
      for (size_t i = 0; i < n_exact; i++)
        if ((rows[i].t >= t0 && rows[i].t < t1) || (rows[i].t < t0 && (i + 1 == n_exact || rows[i + 1].t > t0)))
          if (peak == NULL || total_of (&rows[i]) > total_of (peak))
            peak = &rows[i];
      g_assert_nonnull (peak);
      g_assert_cmpuint (total_of (&bins[b]), ==, total_of (peak));
      for (int s = 0; s < SYNACK_N_STATES; s++)
        g_assert_cmpuint (bins[b].count[s], <=, census.peak[SYNACK_CLIENT][s].count);
    }
  g_assert_cmpuint (synack_census_series_peak_total (binned, SYNACK_CLIENT), ==,
                    synack_census_series_peak_total (exact, SYNACK_CLIENT));
  g_assert_cmpuint (synack_census_series_peak_total (binned, SYNACK_CLIENT), >=, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/census/chart/follows-diagram-axis", test_chart_follows_diagram_axis);
  g_test_add_func ("/render/census/series/bins-keep-peaks", test_series_bins_keep_peaks);
  return g_test_run ();
}
