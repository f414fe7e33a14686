/* synack-diagram-axis.c: the time axis: how tall each stretch is drawn, its breaks, time <-> height. */
#include "synack-config.h"

#include <math.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"

/* The height of a whole run on the proportional axis, in px at text scale 1. */
#define PROPORTIONAL_HEIGHT 3600.0

/* How a squeezed gap grows with its length: as its length to this power,
 * and logarithmically beyond this many times the threshold. */
#define BREAK_GROWTH   0.35
#define BREAK_LOG_FROM 2000.0

/* The longest trip a segment took (or would have taken, if lost). */
static SynackTime
max_one_way_delay (const SynackTrace *trace)
{
  g_autofree SynackTime *sent = g_new0 (SynackTime, (size_t) trace->n_segments + 2);
  SynackTime longest = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->seg > trace->n_segments)
        continue;
      if (e->type == SYNACK_EVENT_SEND)
        sent[e->seg] = e->t;
      else if ((e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_LOST) && !e->duplicate)
        longest = MAX (longest, e->t - sent[e->seg]);
    }
  return longest > 0 ? longest : SYNACK_MS (50);
}

void
synack_layout_scale_time (SynackDiagramLayout *layout, double px_per_second)
{
  const SynackTrace *trace = layout->trace;
  double s = layout->scale;

  /* Scale time by the network's delay: a one-way trip is a comfortable
   * slant whatever the delay, and only stretches longer than a few trips
   * (idle time, timeouts) are squeezed. */
  {
    SynackTime delay = max_one_way_delay (trace);
    double k = 60.0 * s / ((double) delay / 1e6);

    layout->px_per_second = px_per_second > 0 ? px_per_second : CLAMP (k, 100 * s, 6000 * s);
    layout->break_threshold = CLAMP (5 * delay / 2, SYNACK_MS (120), SYNACK_SEC (3));
    layout->idle_threshold = CLAMP (delay, SYNACK_MS (20), SYNACK_SEC (1));
  }
  if (layout->mode == SYNACK_TIME_AXIS_PROPORTIONAL && trace->end_time > 0 && px_per_second <= 0)
    {
      /* True proportions of a whole run within a few screens: a 60 s
       * TIME_WAIT after a 0.1 s handshake then shows as what it is, and
       * the page stays scrollable (and within cairo's 32767 px at 2×).
       * Labels with no room beside their arrows are left out. */
      double limit = PROPORTIONAL_HEIGHT * s / ((double) trace->end_time / 1e6);
      layout->px_per_second = MIN (layout->px_per_second, MAX (limit, 1e-3));
    }
}

/* Stretches are squeezed sooner when nothing is on the wire: an idle
 * wait (a timer running out, the next connection) says nothing by its
 * length, while a segment's flight is the lesson. */
static SynackTime
break_threshold (const SynackDiagramLayout *layout, gboolean in_flight)
{
  return in_flight ? layout->break_threshold : layout->idle_threshold;
}

/* A gap drawn shorter than it is, and marked so with its true length: on
 * the compressed axis a long one, on the per-event axis (where every gap
 * is one row) any the compressed axis would squeeze too. */
static gboolean
is_break (const SynackDiagramLayout *layout, SynackTime dt, gboolean in_flight)
{
  return layout->mode != SYNACK_TIME_AXIS_PROPORTIONAL && dt > break_threshold (layout, in_flight);
}

/* The page height of a stretch of dt between two event times, while
 * in_flight segments are on the wire. */
static double
gap_height (const SynackDiagramLayout *layout, SynackTime dt, long in_flight)
{
  SynackTime threshold = break_threshold (layout, in_flight > 0);

  switch (layout->mode)
    {
    case SYNACK_TIME_AXIS_PROPORTIONAL:
      return (double) dt / 1e6 * layout->px_per_second;
    case SYNACK_TIME_AXIS_PER_EVENT:
      /* Enough for a label on each of two arrows crossing in one row, or
       * on each of the few segments in flight across it (a bulk transfer's
       * window would make every row a page); a break, for its label. */
      if (is_break (layout, dt, in_flight > 0))
        return layout->min_row * 3;
      return layout->min_row * CLAMP (1.3 * (double) in_flight, 2.2, 5.2);
    case SYNACK_TIME_AXIS_COMPRESSED:
    default:
      if (is_break (layout, dt, in_flight > 0))
        {
          /* Beyond the threshold a wait grows as a power of its length:
           * each doubling of a back-off (1 s, 2 s, 4 s … 64 s) adds about
           * a quarter, so it visibly lengthens, while a 60 s TIME_WAIT is
           * a screenful rather than metres. Past BREAK_LOG_FROM times the
           * threshold it grows only logarithmically (with the same slope
           * there), so a two-hour keepalive stays within a page. It
           * starts where the proportional part ends or above, so a longer
           * gap is never drawn shorter than a shorter one. */
          double base = MAX ((double) threshold / 1e6 * layout->px_per_second, 3 * layout->min_row);
          double ratio = (double) dt / (double) threshold;

          if (ratio <= BREAK_LOG_FROM)
            return base * pow (ratio, BREAK_GROWTH);
          return base * pow (BREAK_LOG_FROM, BREAK_GROWTH) * (1 + BREAK_GROWTH * log (ratio / BREAK_LOG_FROM));
        }
      return MAX ((double) dt / 1e6 * layout->px_per_second, layout->min_row);
    }
}

void
synack_layout_build_time_axis (SynackDiagramLayout *layout)
{
  const SynackTrace *trace = layout->trace;
  SynackTime prev = 0;
  double y = layout->top;
  long in_flight = 0;

  layout->knot_t = g_array_new (FALSE, FALSE, sizeof (SynackTime));
  layout->knot_y = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (layout->knot_t, prev);
  g_array_append_val (layout->knot_y, y);

  for (size_t i = 0; i <= trace->n_events; i++)
    {
      /* The end of the run is a knot too, so a timer still running or a
       * segment still in flight has somewhere to go. */
      SynackTime t = i < trace->n_events ? trace->events[i].t : trace->end_time;

      if (t > prev)
        {
          SynackTime dt = t - prev;
          gboolean flying = in_flight > 0;

          if (is_break (layout, dt, flying))
            {
              SynackDiagramBreak br = { .t0 = prev, .t1 = t, .y0 = y };

              y += gap_height (layout, dt, in_flight);
              br.y1 = y;
              br.label = synack_layout_add_label (layout, SYNACK_LABEL_BREAK, -1, SYNACK_CLIENT,
                                                  synack_describe_break_label (dt));
              g_array_append_val (layout->breaks, br);
            }
          else
            y += gap_height (layout, dt, in_flight);
          prev = t;
          g_array_append_val (layout->knot_t, prev);
          g_array_append_val (layout->knot_y, y);
        }
      if (i < trace->n_events)
        {
          const SynackEvent *e = &trace->events[i];

          if (e->type == SYNACK_EVENT_SEND || e->type == SYNACK_EVENT_DUPLICATE)
            in_flight++;
          else if ((e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_LOST) && in_flight > 0)
            in_flight--;
        }
    }
  layout->bottom = y;
}

/* The knot starting the stretch that holds time t (by_time) or page height
 * y; the caller has handled points before the first knot and after the last,
 * so the stretch ends at the next knot. Both sequences ascend. */
static size_t
knot_before (const SynackDiagramLayout *layout, gboolean by_time, SynackTime t, double y)
{
  const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
  const double *ky = (const double *) layout->knot_y->data;
  size_t lo = 0, hi = layout->knot_t->len - 1;

  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;
      if (by_time ? kt[mid] <= t : ky[mid] <= y)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

double
synack_diagram_layout_y_for_time (const SynackDiagramLayout *layout, SynackTime t)
{
  const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
  const double *ky = (const double *) layout->knot_y->data;
  size_t n = layout->knot_t->len, lo, hi;

  if (t <= kt[0])
    return ky[0];
  if (t >= kt[n - 1])
    return ky[n - 1];
  lo = knot_before (layout, TRUE, t, 0);
  hi = lo + 1;
  return ky[lo] + (ky[hi] - ky[lo]) * (double) (t - kt[lo]) / (double) (kt[hi] - kt[lo]);
}

SynackTime
synack_diagram_layout_time_for_y (const SynackDiagramLayout *layout, double y)
{
  const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
  const double *ky = (const double *) layout->knot_y->data;
  size_t n = layout->knot_t->len, lo, hi;

  if (y <= ky[0])
    return kt[0];
  if (y >= ky[n - 1])
    return kt[n - 1];
  lo = knot_before (layout, FALSE, 0, y);
  hi = lo + 1;
  if (ky[hi] <= ky[lo])
    return kt[lo];
  return kt[lo] + (SynackTime) llround ((double) (kt[hi] - kt[lo]) * (y - ky[lo]) / (ky[hi] - ky[lo]));
}

double
synack_diagram_layout_y_for_event (const SynackDiagramLayout *layout, long event)
{
  const SynackTrace *trace = layout->trace;

  if (event < 0 || trace->n_events == 0)
    return layout->top;
  if ((size_t) event >= trace->n_events)
    return layout->bottom;
  return synack_diagram_layout_y_for_time (layout, trace->events[event].t);
}
