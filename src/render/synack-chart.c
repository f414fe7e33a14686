/* synack-chart.c: type, time ticks and the state legend shared by the strip view and the census chart. */
#include "synack-config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "synack-chart.h"
#include "synack-describe.h"
#include "synack-diagram-layout.h"
#include "synack-diagram-layout-private.h"

double
synack_chart_font_px (const SynackTheme *theme)
{
  return MAX (theme->font_size * theme->text_scale, SYNACK_DIAGRAM_MIN_TEXT_PX + 2);
}

static PangoLayout *
text_layout (PangoContext *context, const SynackTheme *theme, double font_px, const char *text)
{
  PangoLayout *pl = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, theme->font_family);
  pango_font_description_set_absolute_size (font, font_px * PANGO_SCALE);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  pango_font_description_free (font);
  return pl;
}

void
synack_chart_text_size (const SynackTheme *theme, double font_px, const char *text, double *width, double *height)
{
  PangoContext *context = synack_render_pango_context_new ();
  PangoLayout *pl = text_layout (context, theme, font_px, text);
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  g_object_unref (pl);
  g_object_unref (context);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
synack_chart_text_show (cairo_t *cr, const SynackTheme *theme, double font_px, double x, double y,
                        const SynackRgba *color, const char *text)
{
  PangoContext *context = synack_render_pango_context_new ();
  PangoLayout *pl;
  PangoRectangle logical;

  pango_cairo_update_context (cr, context);
  pl = text_layout (context, theme, font_px, text);
  pango_layout_get_extents (pl, NULL, &logical);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
  cairo_move_to (cr, x - (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, pl);
  g_object_unref (pl);
  g_object_unref (context);
}

/* Round steps of time, in µs: decimal below a minute, then the steps a
 * clock face has (1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h). */
static SynackTime
tick_step (double px_per_us, double min_gap)
{
  static const SynackTime clock_steps[] = {
    SYNACK_SEC (60), SYNACK_SEC (120), SYNACK_SEC (300), SYNACK_SEC (600), SYNACK_SEC (900), SYNACK_SEC (1800),
    SYNACK_SEC (3600), SYNACK_SEC (7200), SYNACK_SEC (21600), SYNACK_SEC (43200),
  };
  static const int decimal[] = { 1, 2, 5 };

  for (SynackTime decade = 1; decade <= SYNACK_SEC (10); decade *= 10)
    for (size_t i = 0; i < G_N_ELEMENTS (decimal); i++)
      if (decade * decimal[i] <= SYNACK_SEC (30) && (double) (decade * decimal[i]) * px_per_us >= min_gap)
        return decade * decimal[i];
  for (size_t i = 0; i < G_N_ELEMENTS (clock_steps); i++)
    if ((double) clock_steps[i] * px_per_us >= min_gap)
      return clock_steps[i];
  /* Days. */
  return SYNACK_SEC (86400) * (SynackTime) ceil (min_gap / (px_per_us * (double) SYNACK_SEC (86400)));
}

GArray *
synack_chart_time_ticks (SynackTime t0, SynackTime t1, double pos0, double pos1, double min_gap)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (SynackChartTick));
  double px_per_us;
  SynackTime step;

  if (t1 <= t0 || pos1 <= pos0)
    return ticks;
  px_per_us = (pos1 - pos0) / (double) (t1 - t0);
  step = tick_step (px_per_us, min_gap);
  for (SynackTime t = (t0 + step - 1) / step * step; t <= t1; t += step)
    {
      SynackChartTick tick = { pos0 + (double) (t - t0) * px_per_us, synack_describe_time (t, SYNACK_TIME_AXIS) };

      g_array_append_val (ticks, tick);
    }
  return ticks;
}

void
synack_chart_ticks_free (GArray *ticks)
{
  if (ticks == NULL)
    return;
  for (guint i = 0; i < ticks->len; i++)
    g_free (g_array_index (ticks, SynackChartTick, i).text);
  g_array_unref (ticks);
}

GArray *
synack_chart_legend_new (const SynackTheme *theme, double font_px, guint present, double x, double y,
                         double max_width, double *height)
{
  GArray *legend = g_array_new (FALSE, FALSE, sizeof (SynackChartLegendEntry));
  double line = font_px * 1.5, cx = x, cy = y, sw = font_px;

  for (int s = 0; s < SYNACK_N_STATES; s++)
    {
      SynackChartLegendEntry entry = { .state = s };
      double w;

      if (!(present & (1u << s)))
        continue;
      synack_chart_text_size (theme, font_px, synack_state_to_string (s), &w, NULL);
      if (cx > x && cx + sw * 1.4 + w > x + max_width)
        {
          cx = x;
          cy += line;
        }
      entry.swatch = (cairo_rectangle_t) { cx, cy + (line - sw) / 2, sw, sw };
      entry.text_x = cx + sw * 1.4;
      entry.text_y = cy + (line - font_px * 1.2) / 2;
      g_array_append_val (legend, entry);
      cx += sw * 1.4 + w + font_px * 1.2;
    }
  *height = legend->len > 0 ? cy + line - y : 0;
  return legend;
}

void
synack_chart_legend_paint (cairo_t *cr, const SynackTheme *theme, double font_px, const GArray *legend)
{
  for (guint i = 0; i < legend->len; i++)
    {
      const SynackChartLegendEntry *e = &g_array_index (legend, SynackChartLegendEntry, i);
      const SynackRgba *c = &theme->state[e->state];

      cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
      cairo_rectangle (cr, e->swatch.x, e->swatch.y, e->swatch.width, e->swatch.height);
      cairo_fill (cr);
      synack_chart_text_show (cr, theme, font_px, e->text_x, e->text_y, &theme->foreground,
                              synack_state_to_string (e->state));
    }
}
