/* synack-strip-view.c: the strip view, a Gantt chart of connection lifetimes laid out and painted from a strip grid. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "synack-strip.h"

/* A row label needs this many times the type's height. */
#define ROW_LABEL_SPACING 1.3

static char *
row_label (const SynackStripGrid *grid, int row, uint32_t *first, uint32_t *last)
{
  uint32_t per_row = synack_strip_grid_conns_per_row (grid);

  *first = (uint32_t) row * per_row + 1;
  *last = MIN (*first + per_row - 1, synack_strip_grid_n_conns (grid));
  if (*first == *last)
    return g_strdup_printf ("#%u", *first);
  return g_strdup_printf ("#%u–%u", *first, *last);
}

/* The states any cell shows, a bit each, for the legend. */
static guint
states_present (const SynackStripGrid *grid)
{
  guint present = 0;

  for (int r = 0; r < synack_strip_grid_n_rows (grid); r++)
    for (int c = 0; c < synack_strip_grid_n_columns (grid); c++)
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        for (int s = SYNACK_STATE_CLOSED + 1; s < SYNACK_N_STATES; s++)
          if (synack_strip_grid_count (grid, r, c, h, s) > 0)
            present |= 1u << s;
  return present;
}

SynackStripLayout *
synack_strip_layout_new (const SynackStripGrid *grid, const SynackTheme *theme, double width, double height,
                         int first_row, int n_rows, guint also_legend)
{
  SynackStripLayout *layout = g_new0 (SynackStripLayout, 1);
  int total = synack_strip_grid_n_rows (grid);
  double font = synack_chart_font_px (theme), m = font, line = 1.5 * font;
  double legend_h, label_w = 0, top, bottom, row_h;
  uint32_t first, last;
  int every;

  layout->grid = grid;
  layout->width = width;
  layout->height = height;
  layout->font_px = font;
  layout->first_row = CLAMP (first_row, 0, MAX (total - 1, 0));
  layout->n_rows = n_rows > 0 ? MIN (n_rows, total - layout->first_row) : total - layout->first_row;
  layout->n_rows = MAX (layout->n_rows, 1);

  if (synack_strip_grid_conns_per_row (grid) == 1)
    layout->heading = g_strdup (_("A row per connection: client above, server below"));
  else
    layout->heading = g_strdup_printf (_("A row per %u connections, in their commonest state: client above, server below"),
                                       synack_strip_grid_conns_per_row (grid));
  layout->legend = synack_chart_legend_new (theme, font, states_present (grid) | also_legend, m, m + line,
                                            width - 2 * m, &legend_h);
  top = m + line + legend_h + 0.5 * font;
  bottom = height - m - line;

  {
    g_autofree char *widest = row_label (grid, total - 1, &first, &last);

    synack_chart_text_size (theme, font, widest, &label_w, NULL);
  }
  layout->plot = (cairo_rectangle_t) { m + label_w + 0.6 * font, top,
                                       MAX (width - 2 * m - label_w - 0.6 * font, 1), MAX (bottom - top, 1) };

  row_h = layout->plot.height / layout->n_rows;
  every = (int) ceil (ROW_LABEL_SPACING * font / row_h);
  layout->rows = g_array_sized_new (FALSE, TRUE, sizeof (SynackStripRow), (guint) layout->n_rows);
  for (int i = 0; i < layout->n_rows; i++)
    {
      SynackStripRow row = { .row = layout->first_row + i, .y = layout->plot.y + i * row_h, .h = row_h };
      char *label = row_label (grid, row.row, &row.first, &row.last);

      if (i % every == 0)
        row.label = label;
      else
        g_free (label);
      g_array_append_val (layout->rows, row);
    }

  {
    double tick_w;

    synack_chart_text_size (theme, font, "0000.000 s", &tick_w, NULL);
    layout->ticks = synack_chart_time_ticks (0, synack_strip_grid_n_columns (grid) * synack_strip_grid_column_us (grid),
                                             layout->plot.x, layout->plot.x + layout->plot.width, tick_w + font);
  }
  return layout;
}

void
synack_strip_layout_free (SynackStripLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->rows->len; i++)
    g_free (g_array_index (layout->rows, SynackStripRow, i).label);
  g_array_unref (layout->rows);
  synack_chart_ticks_free (layout->ticks);
  g_array_unref (layout->legend);
  g_free (layout->heading);
  g_free (layout);
}

static double
px_per_column (const SynackStripLayout *layout)
{
  return layout->plot.width / synack_strip_grid_n_columns (layout->grid);
}

double
synack_strip_layout_x_for_time (const SynackStripLayout *layout, SynackTime t)
{
  return layout->plot.x + (double) t / (double) synack_strip_grid_column_us (layout->grid) * px_per_column (layout);
}

SynackTime
synack_strip_layout_time_for_x (const SynackStripLayout *layout, double x)
{
  double columns = (x - layout->plot.x) / px_per_column (layout);

  return (SynackTime) llround (MAX (columns, 0) * (double) synack_strip_grid_column_us (layout->grid));
}

int
synack_strip_layout_row_at (const SynackStripLayout *layout, double y)
{
  int i;

  if (y < layout->plot.y || y >= layout->plot.y + layout->plot.height)
    return -1;
  i = (int) ((y - layout->plot.y) / (layout->plot.height / layout->n_rows));
  return layout->first_row + MIN (i, layout->n_rows - 1);
}

gboolean
synack_strip_cell_color (const SynackStripGrid *grid, const SynackTheme *theme, int row, int column,
                         SynackHostId host, SynackRgba *color)
{
  double share;
  SynackState state = synack_strip_grid_dominant (grid, row, column, host, &share);

  if (state == SYNACK_STATE_CLOSED)
    return FALSE;
  *color = theme->state[state];
  /* A row where few of its connections are open is drawn fainter, so a
   * lone straggler does not look like a crowd. */
  if (share < 0.5)
    color->a *= 0.35 + 1.3 * share;
  return TRUE;
}

static gboolean
same_color (const SynackRgba *a, const SynackRgba *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b && a->a == b->a;
}

/* A host's half of a strip, runs of equal colour drawn as one rectangle. */
static void
paint_half (cairo_t *cr, const SynackStripLayout *layout, const SynackTheme *theme, const SynackStripRow *row,
            SynackHostId host)
{
  int n = synack_strip_grid_n_columns (layout->grid);
  double w = px_per_column (layout), half = row->h / 2;
  double y = row->y + host * half, gap = row->h >= 6 ? 1 : 0;

  for (int c = 0; c < n;)
    {
      SynackRgba color, next;
      int end = c + 1;

      if (!synack_strip_cell_color (layout->grid, theme, row->row, c, host, &color))
        {
          c++;
          continue;
        }
      while (end < n && synack_strip_cell_color (layout->grid, theme, row->row, end, host, &next)
             && same_color (&color, &next))
        end++;
      cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a);
      cairo_rectangle (cr, layout->plot.x + c * w, y + (host == SYNACK_CLIENT ? gap : 0),
                       (end - c) * w, half - gap);
      cairo_fill (cr);
      c = end;
    }
}

void
synack_strip_paint (cairo_t *cr, const SynackStripLayout *layout, const SynackTheme *theme, SynackTime cursor_t)
{
  const cairo_rectangle_t *plot = &layout->plot;
  double font = layout->font_px;

  cairo_save (cr);
  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 1);
  cairo_paint (cr);
  synack_chart_text_show (cr, theme, font, font, font, &theme->foreground, layout->heading);
  synack_chart_legend_paint (cr, theme, font, layout->legend);

  for (guint i = 0; i < layout->rows->len; i++)
    {
      const SynackStripRow *row = &g_array_index (layout->rows, SynackStripRow, i);

      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        paint_half (cr, layout, theme, row, h);
      if (row->label != NULL)
        {
          double w;

          synack_chart_text_size (theme, font, row->label, &w, NULL);
          synack_chart_text_show (cr, theme, font, plot->x - 0.6 * font - w,
                                  row->y + MIN (row->h, 1.2 * font) / 2 - 0.6 * font, &theme->muted, row->label);
        }
    }

  cairo_set_source_rgba (cr, theme->muted.r, theme->muted.g, theme->muted.b, theme->muted.a);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, plot->x - 0.5, plot->y - 0.5, plot->width + 1, plot->height + 1);
  cairo_stroke (cr);
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const SynackChartTick *tick = &g_array_index (layout->ticks, SynackChartTick, i);
      double w;

      cairo_set_source_rgba (cr, theme->muted.r, theme->muted.g, theme->muted.b, theme->muted.a);
      cairo_move_to (cr, tick->pos, plot->y + plot->height);
      cairo_line_to (cr, tick->pos, plot->y + plot->height + 0.4 * font);
      cairo_stroke (cr);
      synack_chart_text_size (theme, font, tick->text, &w, NULL);
      synack_chart_text_show (cr, theme, font, CLAMP (tick->pos - w / 2, 0, layout->width - w),
                              plot->y + plot->height + 0.5 * font, &theme->muted, tick->text);
    }

  if (cursor_t >= 0)
    {
      double x = synack_strip_layout_x_for_time (layout, cursor_t);
      double dash[] = { 6, 3 };

      cairo_set_source_rgba (cr, theme->cursor.r, theme->cursor.g, theme->cursor.b, theme->cursor.a);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
