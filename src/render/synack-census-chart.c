/* synack-census-chart.c: the census chart laid out on the time axis of the view beside or above it, and painted as stacked areas in the diagram's state colours. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "synack-census-chart.h"
#include "synack-describe.h"

/* The order areas are stacked in, from the baseline: a connection's life,
 * so TIME_WAIT, what piles up, sits outermost where it is easiest to read. */
static const SynackState stack_order[] = {
  SYNACK_STATE_LISTEN, SYNACK_STATE_SYN_SENT, SYNACK_STATE_SYN_RECEIVED, SYNACK_STATE_ESTABLISHED,
  SYNACK_STATE_FIN_WAIT_1, SYNACK_STATE_FIN_WAIT_2, SYNACK_STATE_CLOSE_WAIT, SYNACK_STATE_CLOSING,
  SYNACK_STATE_LAST_ACK, SYNACK_STATE_TIME_WAIT,
};

/* Width of a panel beside the diagram, in type heights. */
#define PANEL_EMS 5.0

/* The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a
 * power of ten) at least n: the scale ends just past the peak. */
static uint32_t
round_up (uint32_t n)
{
  static const int steps[] = { 10, 12, 15, 20, 25, 30, 40, 50, 60, 80 };

  if (n <= 10)
    return MAX (n, 1);
  for (uint64_t decade = 1;; decade *= 10)
    for (size_t k = 0; k < G_N_ELEMENTS (steps); k++)
      {
        uint64_t v = decade * (uint64_t) steps[k];

        if (v >= n)
          return (uint32_t) MIN (v, G_MAXUINT32);
      }
}

guint
synack_census_series_states (const SynackCensusSeries *series)
{
  guint present = 0;

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      size_t n;
      const SynackCensusRow *rows = synack_census_series_rows (series, h, &n);

      for (size_t i = 0; i < n; i++)
        for (int s = 0; s < SYNACK_N_STATES; s++)
          if (rows[i].count[s] > 0)
            present |= 1u << s;
    }
  return present;
}

/* A column of counts at the cursor in the legend: as wide as a count of
 * five digits or the host's name above it. */
static double
count_column_width (const SynackTheme *theme, double font)
{
  double w = 0;

  synack_chart_text_size (theme, font, "00000", &w, NULL);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      double name_w;

      synack_chart_text_size (theme, font, synack_describe_host (h, SYNACK_HOST_TITLE), &name_w, NULL);
      w = MAX (w, name_w);
    }
  return w;
}

/* The legend beside the panels: a line per state with room after the
 * name for the client's and the server's counts at the cursor. */
static double
legend_column_width (const SynackTheme *theme, double font)
{
  double name_w;

  synack_chart_text_size (theme, font, "ESTABLISHED", &name_w, NULL);
  return font * 1.4 + name_w + 2 * (count_column_width (theme, font) + font);
}

double
synack_census_chart_natural_width (const SynackTheme *theme)
{
  double font = synack_chart_font_px (theme);

  return 2 * PANEL_EMS * font + 4 * font + legend_column_width (theme, font);
}

static GArray *
legend_column (const SynackTheme *theme, double font, guint present, double x, double y)
{
  GArray *legend = g_array_new (FALSE, FALSE, sizeof (SynackChartLegendEntry));
  double line = 1.5 * font;

  /* Outermost first, as the areas are seen. */
  for (int i = G_N_ELEMENTS (stack_order) - 1; i >= 0; i--)
    {
      SynackChartLegendEntry e = { .state = stack_order[i] };

      if (!(present & (1u << e.state)))
        continue;
      e.swatch = (cairo_rectangle_t) { x, y + (line - font) / 2, font, font };
      e.text_x = x + 1.4 * font;
      e.text_y = y + (line - 1.2 * font) / 2;
      g_array_append_val (legend, e);
      y += line;
    }
  return legend;
}

SynackCensusChart *
synack_census_chart_new (const SynackCensusSeries *series, const SynackTheme *theme,
                         SynackCensusOrientation orientation, const cairo_rectangle_t *area,
                         SynackTimeToPos pos_for_time, gconstpointer axis)
{
  SynackCensusChart *chart = g_new0 (SynackCensusChart, 1);
  double font = synack_chart_font_px (theme), line = 1.5 * font;
  double t0 = pos_for_time (axis, 0), t1 = pos_for_time (axis, synack_census_series_end_time (series));
  guint present = synack_census_series_states (series);

  chart->series = series;
  chart->orientation = orientation;
  chart->pos_for_time = pos_for_time;
  chart->axis = axis;
  chart->font_px = font;
  chart->area = *area;

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      SynackCensusPanel *p = &chart->panels[h];
      uint32_t peak = synack_census_series_peak_total (series, h);

      p->host = h;
      p->scale_max = round_up (MAX (peak, 1));
      p->scale_text = g_strdup_printf ("%u", p->scale_max);
      /* Beside the diagram a panel is narrow: its host's name says enough. */
      if (orientation == SYNACK_CENSUS_TIME_DOWN)
        p->heading = g_strdup (synack_describe_host (h, SYNACK_HOST_TITLE));
      else
        /* Translators: the heading of a host's panel in the chart of socket
         * counts; %s is "Client" or "Server". */
        p->heading = g_strdup_printf (_("%s sockets"), synack_describe_host (h, SYNACK_HOST_TITLE));
      if (orientation == SYNACK_CENSUS_TIME_DOWN)
        {
          double pw = PANEL_EMS * font;

          p->plot = (cairo_rectangle_t) { area->x + font + h * (pw + font), t0, pw, MAX (t1 - t0, 1) };
          p->heading_x = p->plot.x;
          p->heading_y = MAX (area->y, t0 - 2 * line);
        }
      else
        {
          double ph = (area->height - 2 * line) / 2;

          p->heading_x = t0;
          p->heading_y = area->y + 0.3 * font + h * (ph + line);
          p->plot = (cairo_rectangle_t) { t0, p->heading_y + line, MAX (t1 - t0, 1), MAX (ph - 0.3 * font, 1) };
        }
    }
  if (orientation == SYNACK_CENSUS_TIME_DOWN)
    chart->panels[0].legend = legend_column (theme, font, present,
                                             chart->panels[1].plot.x + chart->panels[1].plot.width + font,
                                             chart->panels[0].heading_y + 1.5 * font);
  else
    chart->panels[0].legend = g_array_new (FALSE, FALSE, sizeof (SynackChartLegendEntry));
  chart->panels[1].legend = g_array_new (FALSE, FALSE, sizeof (SynackChartLegendEntry));
  return chart;
}

void
synack_census_chart_free (SynackCensusChart *chart)
{
  if (chart == NULL)
    return;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_free (chart->panels[h].heading);
      g_free (chart->panels[h].scale_text);
      g_clear_pointer (&chart->panels[h].legend, g_array_unref);
    }
  g_free (chart);
}

double
synack_census_chart_count_extent (const SynackCensusChart *chart, SynackHostId host, uint32_t count)
{
  const SynackCensusPanel *p = &chart->panels[host];
  double span = chart->orientation == SYNACK_CENSUS_TIME_DOWN ? p->plot.width : p->plot.height;

  return span * (double) count / (double) p->scale_max;
}

/* ------------------------------------------------------------- paint */

typedef struct {
  cairo_t                 *cr;
  const SynackCensusChart *chart;
  const SynackCensusPanel *panel;
} Plotter;

static void
to (const Plotter *pl, double along, double extent, gboolean move)
{
  const cairo_rectangle_t *r = &pl->panel->plot;
  double x, y;

  if (pl->chart->orientation == SYNACK_CENSUS_TIME_DOWN)
    {
      x = r->x + extent;
      y = along;
    }
  else
    {
      x = along;
      y = r->y + r->height - extent;
    }
  if (move)
    cairo_move_to (pl->cr, x, y);
  else
    cairo_line_to (pl->cr, x, y);
}

/* Sockets in the states stacked below `upto` (exclusive) and in it. */
static uint32_t
stacked (const SynackCensusRow *row, size_t upto)
{
  uint32_t sum = 0;

  for (size_t i = 0; i <= upto; i++)
    sum += row->count[stack_order[i]];
  return sum;
}

/* One state's band as steps: its outer edge forward in time, its inner
 * edge back. Rows outside [a, b] along the axis are skipped. */
static void
paint_band (const Plotter *pl, const SynackCensusRow *rows, size_t first, size_t end, size_t level,
            const SynackRgba *color)
{
  const SynackCensusChart *chart = pl->chart;
  SynackHostId h = pl->panel->host;
  SynackTime t_end = synack_census_series_end_time (chart->series);
  gboolean any = FALSE;

  for (size_t i = first; i < end && !any; i++)
    any = rows[i].count[stack_order[level]] > 0;
  if (!any)
    return;
  for (size_t i = first; i < end; i++)
    {
      double a = chart->pos_for_time (chart->axis, rows[i].t);
      double b = chart->pos_for_time (chart->axis, i + 1 < end ? rows[i + 1].t : MAX (t_end, rows[i].t));
      double outer = synack_census_chart_count_extent (chart, h, stacked (&rows[i], level));

      to (pl, a, outer, i == first);
      to (pl, b, outer, FALSE);
    }
  for (size_t i = end; i-- > first;)
    {
      double a = chart->pos_for_time (chart->axis, rows[i].t);
      double b = chart->pos_for_time (chart->axis, i + 1 < end ? rows[i + 1].t : MAX (t_end, rows[i].t));
      double inner = level > 0 ? synack_census_chart_count_extent (chart, h, stacked (&rows[i], level - 1)) : 0;

      to (pl, b, inner, FALSE);
      to (pl, a, inner, FALSE);
    }
  cairo_close_path (pl->cr);
  cairo_set_source_rgba (pl->cr, color->r, color->g, color->b, color->a);
  cairo_fill (pl->cr);
}

/* The rows whose stretch meets [a, b] along the time axis. */
static void
rows_in_view (const SynackCensusChart *chart, const SynackCensusRow *rows, size_t n, double a, double b,
              size_t *first, size_t *end)
{
  size_t lo = 0, hi = n;

  /* Positions grow with time: the first row ending after a, by bisection. */
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      double next = mid + 1 < n ? chart->pos_for_time (chart->axis, rows[mid + 1].t) : G_MAXDOUBLE;

      if (next < a)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
  hi = n;
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;

      if (chart->pos_for_time (chart->axis, rows[mid].t) <= b)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = lo;
}

static void
paint_counts_line (cairo_t *cr, const SynackCensusChart *chart, const SynackTheme *theme,
                   const SynackCensusPanel *p, const SynackCensusRow *row)
{
  g_autoptr (GString) text = g_string_new (p->heading);

  if (row != NULL)
    for (int i = G_N_ELEMENTS (stack_order) - 1; i >= 0; i--)
      if (row->count[stack_order[i]] > 0)
        g_string_append_printf (text, "   %s %u", synack_state_to_string (stack_order[i]),
                                row->count[stack_order[i]]);
  synack_chart_text_show (cr, theme, chart->font_px, p->heading_x, p->heading_y, &theme->foreground, text->str);
}

void
synack_census_chart_paint (cairo_t *cr, const SynackCensusChart *chart, const SynackTheme *theme,
                           SynackTime cursor_t, const cairo_rectangle_t *visible)
{
  gboolean down = chart->orientation == SYNACK_CENSUS_TIME_DOWN;
  double font = chart->font_px;
  const cairo_rectangle_t *area = visible != NULL ? visible : &chart->area;
  double a = down ? area->y : area->x, b = down ? area->y + area->height : area->x + area->width;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      const SynackCensusPanel *p = &chart->panels[h];
      Plotter pl = { cr, chart, p };
      size_t n, first, end;
      const SynackCensusRow *rows = synack_census_series_rows (chart->series, h, &n);
      const SynackCensusRow *at_cursor = cursor_t >= 0 ? synack_census_series_at (chart->series, h, cursor_t) : NULL;

      rows_in_view (chart, rows, n, a, b, &first, &end);
      for (size_t level = 0; level < G_N_ELEMENTS (stack_order); level++)
        paint_band (&pl, rows, first, end, level, &theme->state[stack_order[level]]);

      /* The baseline and the scale's far edge, so a count can be read off. */
      cairo_set_source_rgba (cr, theme->muted.r, theme->muted.g, theme->muted.b, theme->muted.a);
      if (down)
        {
          cairo_move_to (cr, p->plot.x + 0.5, MAX (p->plot.y, a));
          cairo_line_to (cr, p->plot.x + 0.5, MIN (p->plot.y + p->plot.height, b));
        }
      else
        {
          cairo_move_to (cr, p->plot.x, p->plot.y + p->plot.height - 0.5);
          cairo_line_to (cr, p->plot.x + p->plot.width, p->plot.y + p->plot.height - 0.5);
        }
      cairo_stroke (cr);

      if (down)
        {
          double w;

          /* The heading and scale stay at the top of what is in view. */
          double y = MAX (p->heading_y, area->y);

          /* Over the areas once scrolled past the top: on the page's ground. */
          cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 0.9);
          cairo_rectangle (cr, p->plot.x - 0.2 * font, y, p->plot.width + 0.4 * font, 2.6 * font);
          cairo_fill (cr);
          synack_chart_text_show (cr, theme, font, p->heading_x, y, &theme->foreground, p->heading);
          synack_chart_text_size (theme, font, p->scale_text, &w, NULL);
          synack_chart_text_show (cr, theme, font, p->plot.x, y + 1.3 * font, &theme->muted, "0");
          synack_chart_text_show (cr, theme, font, p->plot.x + p->plot.width - w, y + 1.3 * font,
                                  &theme->muted, p->scale_text);
        }
      else
        {
          double w;

          paint_counts_line (cr, chart, theme, p, at_cursor);
          synack_chart_text_size (theme, font, p->scale_text, &w, NULL);
          /* On the heading's line, clear of the areas. */
          synack_chart_text_show (cr, theme, font, p->plot.x + p->plot.width - w, p->heading_y,
                                  &theme->muted, p->scale_text);
          cairo_set_source_rgba (cr, theme->muted.r, theme->muted.g, theme->muted.b, 0.5 * theme->muted.a);
          cairo_move_to (cr, p->plot.x, p->plot.y + 0.5);
          cairo_line_to (cr, p->plot.x + p->plot.width, p->plot.y + 0.5);
          cairo_stroke (cr);
        }
    }

  /* The legend, at the top of what is in view beside the diagram, with
   * the counts at the cursor. */
  {
    const GArray *legend = chart->panels[0].legend;
    double shift = down ? MAX (0, area->y - chart->panels[0].heading_y) : 0;
    double count_w;

    count_w = count_column_width (theme, font);
    cairo_save (cr);
    cairo_translate (cr, 0, shift);
    if (down && legend->len > 0)
      {
        const SynackChartLegendEntry *last = &g_array_index (legend, SynackChartLegendEntry, legend->len - 1);
        const SynackChartLegendEntry *top = &g_array_index (legend, SynackChartLegendEntry, 0);
        cairo_rectangle_t box = { top->swatch.x - 0.4 * font, chart->panels[0].heading_y,
                                  legend_column_width (theme, font) + 0.4 * font,
                                  last->swatch.y + 1.4 * font - chart->panels[0].heading_y };

        cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 0.9);
        cairo_rectangle (cr, box.x, box.y, box.width, box.height);
        cairo_fill (cr);
      }
    synack_chart_legend_paint (cr, theme, font, legend);
    if (down && legend->len > 0)
      {
        /* Over the counts, whose they are. */
        const SynackChartLegendEntry *top = &g_array_index (legend, SynackChartLegendEntry, 0);
        double right = top->swatch.x + legend_column_width (theme, font);

        for (int h = 0; h < SYNACK_N_HOSTS; h++)
          {
            const char *name = synack_describe_host (h, SYNACK_HOST_TITLE);
            double w;

            synack_chart_text_size (theme, font, name, &w, NULL);
            synack_chart_text_show (cr, theme, font, right - (1 - h) * (count_w + font) - w,
                                    top->text_y - 1.5 * font, &theme->muted, name);
          }
      }
    if (down)
      for (guint i = 0; i < legend->len; i++)
        {
          const SynackChartLegendEntry *e = &g_array_index (legend, SynackChartLegendEntry, i);
          double right = e->swatch.x + legend_column_width (theme, font);

          for (int h = 0; h < SYNACK_N_HOSTS && cursor_t >= 0; h++)
            {
              const SynackCensusRow *row = synack_census_series_at (chart->series, h, cursor_t);
              g_autofree char *count = g_strdup_printf ("%u", row != NULL ? row->count[e->state] : 0);
              double w;

              synack_chart_text_size (theme, font, count, &w, NULL);
              synack_chart_text_show (cr, theme, font, right - (1 - h) * (count_w + font) - w, e->text_y,
                                      &theme->foreground, count);
            }
        }
    cairo_restore (cr);
  }

  if (cursor_t >= 0)
    {
      double pos = chart->pos_for_time (chart->axis, cursor_t);
      double dash[] = { 6, 3 };

      cairo_set_source_rgba (cr, theme->cursor.r, theme->cursor.g, theme->cursor.b, theme->cursor.a);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, 2, 0);
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        {
          const cairo_rectangle_t *r = &chart->panels[h].plot;

          if (down)
            {
              cairo_move_to (cr, r->x, pos);
              cairo_line_to (cr, r->x + r->width, pos);
            }
          else
            {
              cairo_move_to (cr, pos, r->y);
              cairo_line_to (cr, pos, r->y + r->height);
            }
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
