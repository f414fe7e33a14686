/* synack-diagram-overview.c: the true-scale strip of a whole run, so a squeezed axis never hides how long things took. */
#include "synack-config.h"

#include <math.h>

#include "synack-diagram-layout-private.h"
#include "synack-diagram-overview.h"
#include "synack-diagram-paint.h"

/* Room at each end, so the first and last moments are not under the frame. */
#define OVERVIEW_MARGIN 6.0

double
synack_diagram_overview_x_for_time (const SynackTrace *trace, double width, SynackTime t)
{
  double span = width - 2 * OVERVIEW_MARGIN;

  if (trace->end_time <= 0 || span <= 0)
    return OVERVIEW_MARGIN;
  t = CLAMP (t, 0, trace->end_time);
  return OVERVIEW_MARGIN + span * (double) t / (double) trace->end_time;
}

SynackTime
synack_diagram_overview_time_for_x (const SynackTrace *trace, double width, double x)
{
  double span = width - 2 * OVERVIEW_MARGIN;

  if (trace->end_time <= 0 || span <= 0)
    return 0;
  x = CLAMP (x - OVERVIEW_MARGIN, 0, span);
  return (SynackTime) llround ((double) trace->end_time * x / span);
}

static void
set_colour (cairo_t *cr, const SynackRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

void
synack_diagram_overview_paint (cairo_t                   *cr,
                               const SynackDiagramLayout *layout,
                               const SynackTheme         *theme,
                               double                     width,
                               double                     height,
                               long                       upto_event,
                               SynackTime                 shown_from,
                               SynackTime                 shown_to)
{
  const SynackTrace *trace = layout->trace;
  double host_y[SYNACK_N_HOSTS] = { height * 0.3, height * 0.7 };
  double band_h = MAX (2, height * 0.14);
  double x0 = synack_diagram_overview_x_for_time (trace, width, 0);
  double x1 = synack_diagram_overview_x_for_time (trace, width, trace->end_time);
  SynackTime now = synack_diagram_cursor_time (layout, upto_event, 0);

  if (theme == NULL)
    theme = layout->theme;
  cairo_save (cr);
  set_colour (cr, &theme->background, 1);
  cairo_paint (cr);

  /* The lifelines' states, as on the diagram's lifelines. */
  for (guint i = 0; i < layout->bands->len; i++)
    {
      const SynackDiagramBand *b = &g_array_index (layout->bands, SynackDiagramBand, i);
      SynackTime t0 = b->event >= 0 ? trace->events[b->event].t : 0;
      SynackTime t1 = b->end_event >= 0 && b->end_event <= upto_event ? trace->events[b->end_event].t : now;
      double bx0, bx1;

      if (b->slot != 0 || b->event > upto_event)
        continue;
      bx0 = synack_diagram_overview_x_for_time (trace, width, t0);
      bx1 = synack_diagram_overview_x_for_time (trace, width, t1);
      set_colour (cr, &theme->state[b->state], 1);
      cairo_rectangle (cr, bx0, host_y[b->host] - band_h / 2, bx1 - bx0, band_h);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 1);
  set_colour (cr, &theme->lifeline, 0.8);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      cairo_move_to (cr, x0, host_y[h]);
      cairo_line_to (cr, x1, host_y[h]);
    }
  cairo_stroke (cr);

  /* Segments: at true scale a handshake is a hair, a retransmission
   * back-off a comb with widening teeth. */
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      int to = a->from == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
      double u = a->fate == SYNACK_ARROW_LOST ? 0.62 : 1;
      double ys = host_y[a->from], ye = host_y[a->from] + (host_y[to] - host_y[a->from]) * u;

      if (a->send_event > upto_event)
        continue;
      set_colour (cr, a->fate == SYNACK_ARROW_LOST ? &theme->lost
                      : a->rexmit > 0              ? &theme->retransmission
                                                   : &theme->segment, 1);
      cairo_move_to (cr, synack_diagram_overview_x_for_time (trace, width, a->t_send), ys);
      cairo_line_to (cr, synack_diagram_overview_x_for_time (trace, width, a->t_end), ye);
      cairo_stroke (cr);
    }

  /* The diagram's window onto the run: never thinner than a finger's
   * worth of pixels, so it can be seen (and grabbed) on a long run. */
  {
    double wx0 = synack_diagram_overview_x_for_time (trace, width, MIN (shown_from, shown_to));
    double wx1 = synack_diagram_overview_x_for_time (trace, width, MAX (shown_from, shown_to));
    double grow = MAX (0, 4 - (wx1 - wx0)) / 2;

    wx0 -= grow;
    wx1 += grow;
    set_colour (cr, &theme->foreground, 0.10);
    cairo_rectangle (cr, wx0, 1, wx1 - wx0, height - 2);
    cairo_fill_preserve (cr);
    set_colour (cr, &theme->foreground, 0.75);
    cairo_set_line_width (cr, 1.5);
    cairo_stroke (cr);
  }

  /* The cursor, as on the diagram. */
  if (upto_event != SYNACK_DIAGRAM_ALL)
    {
      double xc = synack_diagram_overview_x_for_time (trace, width, now);

      set_colour (cr, &theme->cursor, 1);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, xc, 0);
      cairo_line_to (cr, xc, height);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
