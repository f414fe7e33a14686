/* synack-chart.h: what the strip view and the census chart share: their type, time ticks and the legend of state colours. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-theme.h"

G_BEGIN_DECLS

/* The size of a chart's type in px at text scale 1: never under
 * SYNACK_DIAGRAM_MIN_TEXT_PX, so a legend reads from the back of a room. */
double synack_chart_font_px (const SynackTheme *theme);

/* A text's width and height in px in the theme's family at font_px. */
void   synack_chart_text_size (const SynackTheme *theme, double font_px, const char *text,
                               double *width, double *height);
/* Draws text with its top left at (x, y), in colour. */
void   synack_chart_text_show (cairo_t *cr, const SynackTheme *theme, double font_px,
                               double x, double y, const SynackRgba *color, const char *text);

typedef struct {
  double  pos;    /* along the time axis, px */
  char   *text;   /* a time, as the diagram's axis writes it */
} SynackChartTick;

/* Ticks at round times (1, 2 or 5 times a power of ten) between t0 and t1,
 * mapped linearly onto pos0..pos1, at least min_gap px apart. */
GArray *synack_chart_time_ticks (SynackTime t0, SynackTime t1, double pos0, double pos1, double min_gap);
void    synack_chart_ticks_free (GArray *ticks);

typedef struct {
  SynackState       state;
  cairo_rectangle_t swatch;
  double            text_x, text_y;  /* top left of the state's name */
} SynackChartLegendEntry;

/* A legend of the states in `present` (a bit per SynackState), in the
 * order a connection lives them, wrapped to lines within max_width from
 * (x, y). Returns the entries; *height is what they take. */
GArray *synack_chart_legend_new   (const SynackTheme *theme, double font_px, guint present,
                                   double x, double y, double max_width, double *height);
void    synack_chart_legend_paint (cairo_t *cr, const SynackTheme *theme, double font_px,
                                   const GArray *legend);

G_END_DECLS
