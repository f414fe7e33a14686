/* synack-diagram-paint.c: cairo and pango drawing of a laid-out sequence diagram. */
#include "synack-config.h"

#include <math.h>

#include "synack-diagram-layout-private.h"
#include "synack-diagram-paint.h"

typedef struct {
  cairo_t                   *cr;
  const SynackDiagramLayout *layout;
  const SynackTheme         *theme;
  double                     s;       /* text scale */
  double                     lw;      /* stroke width */
  long                       last;    /* last event shown */
  gboolean                   all;
  double                     yc;      /* cursor */
  double                     a, b;    /* visible rows */
  double                     x0, x1;  /* visible columns */
} Painter;

static void
set_color (cairo_t *cr, const SynackRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
set_color_alpha (cairo_t *cr, const SynackRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

SynackTime
synack_diagram_cursor_time (const SynackDiagramLayout *layout, long upto_event, double progress)
{
  const SynackTrace *trace = layout->trace;
  SynackTime t, next;

  if (trace->n_events == 0 || upto_event < 0)
    return 0;
  if ((size_t) upto_event >= trace->n_events)
    return trace->end_time;
  t = trace->events[upto_event].t;
  next = (size_t) upto_event + 1 < trace->n_events ? trace->events[upto_event + 1].t : trace->end_time;
  progress = CLAMP (progress, 0, 1);
  return t + (SynackTime) llround ((double) (next - t) * progress);
}

static gboolean
shown (const Painter *p, long event)
{
  return event == -1 || (event >= 0 && event <= p->last);
}

long
synack_diagram_label_reveal (const SynackDiagramLayout *layout, int index)
{
  const SynackDiagramLabel *l = LABEL (layout, index);
  int owner = layout->label_owner[index];

  /* Stepping shows a segment at its arrival: its label with it, not on
   * the slide before the arrow is drawn. */
  if ((l->kind == SYNACK_LABEL_SEGMENT || l->kind == SYNACK_LABEL_LOST) && owner >= 0 && l->event >= 0)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, owner);

      if (a->end_event >= 0)
        return a->end_event;
    }
  return l->event;
}

/* --------------------------------------------------------------- axis */

static void
paint_breaks (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  double left = layout->axis_x, right = layout->width - layout->margin;

  for (guint i = 0; i < layout->breaks->len; i++)
    {
      const SynackDiagramBreak *br = &g_array_index (layout->breaks, SynackDiagramBreak, i);
      double mid = (br->y0 + br->y1) / 2, zig = 0.35 * layout->font_px;
      double xs[3] = { layout->axis_x, layout->life_x[0], layout->life_x[1] };

      if (br->y1 < p->a || br->y0 > p->b)
        continue;
      /* A faint band says "time is squeezed here"; the zig-zags on the
       * axis and the lifelines are the usual broken-axis sign. */
      set_color_alpha (cr, &p->theme->muted, 0.10);
      cairo_rectangle (cr, left, br->y0, right - left, br->y1 - br->y0);
      cairo_fill (cr);

      cairo_set_line_width (cr, p->lw);
      for (int k = 0; k < 3; k++)
        {
          double w = k == 0 ? zig : layout->band_w * 0.9;

          set_color (cr, &p->theme->background);
          cairo_rectangle (cr, xs[k] - w - 2, mid - zig * 0.8, 2 * w + 4, zig * 1.6);
          cairo_fill (cr);
          set_color (cr, &p->theme->muted);
          for (int side = -1; side <= 1; side += 2)
            {
              cairo_move_to (cr, xs[k] - w, mid + side * zig * 0.8 + zig * 0.5);
              cairo_line_to (cr, xs[k] + w, mid + side * zig * 0.8 - zig * 0.5);
            }
          cairo_stroke (cr);
        }
    }
}

static void
paint_axis (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  const double *ky = (const double *) layout->knot_y->data;

  set_color (cr, &p->theme->muted);
  cairo_set_line_width (cr, p->lw * 0.7);
  cairo_move_to (cr, layout->axis_x, MAX (layout->top, p->a));
  cairo_line_to (cr, layout->axis_x, MIN (layout->bottom, p->b));
  cairo_stroke (cr);

  /* A tick at every event time; knots are sorted, so search the first. */
  {
    size_t lo = 0, hi = layout->knot_y->len;
    while (lo < hi)
      {
        size_t mid = (lo + hi) / 2;
        if (ky[mid] < p->a)
          lo = mid + 1;
        else
          hi = mid;
      }
    for (size_t i = lo; i < layout->knot_y->len && ky[i] <= p->b; i++)
      {
        cairo_move_to (cr, layout->axis_x - 4 * p->s, ky[i]);
        cairo_line_to (cr, layout->axis_x, ky[i]);
      }
    cairo_stroke (cr);
  }
}

static void
paint_lifelines (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;

  cairo_set_line_width (cr, p->lw);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      set_color (cr, &p->theme->lifeline);
      cairo_move_to (cr, layout->life_x[h], MAX (layout->top - 0.4 * layout->font_px, p->a));
      cairo_line_to (cr, layout->life_x[h], MIN (layout->bottom + layout->min_row * 0.6, p->b));
      cairo_stroke (cr);
    }
}

/* -------------------------------------------------------------- bands */

static void
paint_bands (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  size_t first, end;

  synack_render_span_range (&layout->band_index, p->a, p->b, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramBand *band = &g_array_index (layout->bands, SynackDiagramBand, i);
      double x = band->x;
      double y1 = band->y1;

      if (!shown (p, band->event))
        continue;
      if (!p->all && (band->end_event < 0 || band->end_event > p->last))
        y1 = p->yc;
      if (y1 < p->a || band->y0 > p->b)
        continue;
      set_color (cr, &p->theme->state[band->state]);
      cairo_rectangle (cr, x, band->y0, band->w, y1 - band->y0);
      cairo_fill (cr);
      /* The moment of the transition, as a rule across the band. */
      if (band->event >= 0)
        {
          set_color (cr, &p->theme->foreground);
          cairo_set_line_width (cr, p->lw);
          cairo_move_to (cr, x - 3 * p->s, band->y0);
          cairo_line_to (cr, x + band->w + 3 * p->s, band->y0);
          cairo_stroke (cr);
        }
    }
  cairo_set_line_width (cr, 0.6 * p->lw);
  set_color_alpha (cr, &p->theme->lifeline, 0.8);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      double y1 = p->all ? layout->bottom : p->yc;
      double x = layout->life_x[h] - layout->band_w / 2;

      if (y1 > layout->top)
        {
          cairo_rectangle (cr, x, MAX (layout->top, p->a - 2), layout->band_w,
                           MIN (y1, p->b + 2) - MAX (layout->top, p->a - 2));
          cairo_stroke (cr);
        }
    }
}

/* ------------------------------------------------------------- timers */

static void
paint_timers (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  double half = layout->lane_w * 0.3;
  size_t first, end;

  synack_render_span_range (&layout->timer_index, p->a, p->b, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
      gboolean ended = t->end_event >= 0 && (p->all || t->end_event <= p->last);
      double y1 = ended ? t->y1 : (p->all ? t->y1 : p->yc);
      const SynackRgba *c = &p->theme->timer[t->kind];

      if (!shown (p, t->event) || t->lane >= SYNACK_MAX_TIMER_LANES)
        continue;
      y1 = MAX (y1, t->y0);
      if (y1 < p->a || t->y0 > p->b)
        {
          if (!(ended && t->end_action == SYNACK_TIMER_START && t->y_expires >= p->a))
            continue;
        }
      set_color_alpha (cr, c, 0.85);
      cairo_rectangle (cr, t->x - half, t->y0, 2 * half, MAX (y1 - t->y0, 1));
      cairo_fill (cr);

      cairo_set_line_width (cr, p->lw);
      set_color (cr, c);
      cairo_move_to (cr, t->x - half * 2, t->y0);
      cairo_line_to (cr, t->x + half * 2, t->y0);
      cairo_stroke (cr);
      if (ended)
        {
          /* Expiry is an event with consequences: a heavy cap; a stop or
           * re-arm is a thin one. */
          cairo_set_line_width (cr, t->end_action == SYNACK_TIMER_EXPIRE ? 2.5 * p->lw : p->lw);
          cairo_move_to (cr, t->x - half * 2.2, y1);
          cairo_line_to (cr, t->x + half * 2.2, y1);
          cairo_stroke (cr);
          /* A TIME_WAIT restarted by a retransmitted FIN: show where the
           * first one would have ended. */
          if (t->end_action == SYNACK_TIMER_START && t->y_expires > y1 &&
              (t->kind == SYNACK_TIMER_TIME_WAIT || t->kind == SYNACK_TIMER_FIN_WAIT_2))
            {
              double dash[] = { 3 * p->s, 3 * p->s };

              cairo_set_dash (cr, dash, 2, 0);
              cairo_set_line_width (cr, 0.8 * p->lw);
              cairo_rectangle (cr, t->x - half, y1, 2 * half, t->y_expires - y1);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }
        }
    }
}

/* ------------------------------------------------------------- arrows */

static const SynackRgba *
arrow_color (const Painter *p, const SynackDiagramArrow *a)
{
  if (a->fate == SYNACK_ARROW_LOST && (p->all || a->end_event <= p->last))
    return &p->theme->lost;
  if (a->flags & SYNACK_FLAG_RST)
    return &p->theme->rst;
  if (a->duplicate)
    return &p->theme->duplicate;
  if (a->rexmit > 0)
    return &p->theme->retransmission;
  return &p->theme->segment;
}

static void
arrow_head (Painter *p, double x0, double y0, double x1, double y1)
{
  cairo_t *cr = p->cr;
  double len = p->layout->head_len, angle = atan2 (y1 - y0, x1 - x0);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - len * cos (angle - 0.42), y1 - len * sin (angle - 0.42));
  cairo_line_to (cr, x1 - len * cos (angle + 0.42), y1 - len * sin (angle + 0.42));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
paint_arrows (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  size_t first, end;

  synack_render_span_range (&layout->arrow_index, p->a, p->b, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      gboolean arrived = a->end_event >= 0 && (p->all || a->end_event <= p->last);
      double x1 = a->x1, y1 = a->y1;
      double w = p->lw;

      if (!shown (p, a->send_event))
        continue;
      if (!arrived && !p->all)
        {
          /* In flight at the cursor: as far as it has got by now. */
          double f = a->ya > a->y0 ? (p->yc - a->y0) / (a->ya - a->y0) : 1;
          double stop = a->fate == SYNACK_ARROW_LOST ? 0.62 : a->fate == SYNACK_ARROW_IN_FLIGHT ? 0.5 : 1;

          f = CLAMP (f, 0, stop);
          x1 = a->x0 + (a->xa - a->x0) * f;
          y1 = a->y0 + (a->ya - a->y0) * f;
        }
      if (MAX (a->y0, y1) < p->a || a->y0 > p->b)
        continue;

      set_color (cr, arrow_color (p, a));
      if (a->flags & SYNACK_FLAG_RST)
        w *= 1.6;
      cairo_set_line_width (cr, w);
      if (a->duplicate)
        {
          double dash[] = { 0.1, 3 * p->s };
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, w * 1.5);
          cairo_set_dash (cr, dash, 2, 0);
        }
      else if (a->rexmit > 0)
        {
          double dash[] = { 7 * p->s, 4 * p->s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      /* Stop the line short of the tip so the head stays sharp. */
      {
        double len = hypot (x1 - a->x0, y1 - a->y0);
        double back = (arrived && a->fate == SYNACK_ARROW_LOST) || len < 1 ? 0 : MIN (p->layout->head_len * 0.8, len);
        double ex = len > 0 ? x1 - (x1 - a->x0) / len * back : x1;
        double ey = len > 0 ? y1 - (y1 - a->y0) / len * back : y1;

        cairo_move_to (cr, a->x0, a->y0);
        cairo_line_to (cr, ex, ey);
        cairo_stroke (cr);
      }
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

      if (arrived && a->fate == SYNACK_ARROW_LOST)
        {
          /* The ✕ is drawn, not typeset, so it is crisp in every format. */
          double r = a->head.width * 0.36;

          cairo_set_line_width (cr, 2.2 * p->lw);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_move_to (cr, x1 - r, y1 - r);
          cairo_line_to (cr, x1 + r, y1 + r);
          cairo_move_to (cr, x1 + r, y1 - r);
          cairo_line_to (cr, x1 - r, y1 + r);
          cairo_stroke (cr);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
        }
      else if (hypot (x1 - a->x0, y1 - a->y0) > p->layout->head_len)
        arrow_head (p, a->x0, a->y0, x1, y1);
    }
}

/* ------------------------------------------------------------- labels */

static PangoLayout *
label_layout (const SynackDiagramLayout *layout, int index)
{
  PangoLayout **cache = layout->label_layouts;

  if (cache[index] == NULL)
    cache[index] = synack_render_text_layout (layout, LABEL (layout, index)->kind, LABEL (layout, index)->text);
  return cache[index];
}

void
synack_render_rounded_rect (cairo_t *cr, const cairo_rectangle_t *r, double radius)
{
  double x = r->x, y = r->y, w = r->width, h = r->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
paint_labels (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  const SynackTrace *trace = layout->trace;
  cairo_t *cr = p->cr;
  size_t first, end;

  synack_render_span_range (&layout->label_index, p->a, p->b, &first, &end);
  for (size_t k = first; k < end; k++)
    {
      int index = layout->label_order[k];
      const SynackDiagramLabel *l = LABEL (layout, index);
      const SynackRgba *fg = &p->theme->foreground;
      gboolean boxed = FALSE;
      PangoLayout *pl;
      PangoRectangle logical;

      if (!shown (p, synack_diagram_label_reveal (layout, index)))
        continue;
      if (l->box.y + l->box.height < p->a || l->box.y > p->b ||
          l->box.x + l->box.width < p->x0 || l->box.x > p->x1)
        continue;

      switch (l->kind)
        {
        case SYNACK_LABEL_SEGMENT:
          if (layout->label_owner[index] >= 0)
            fg = arrow_color (p, &g_array_index (layout->arrows, SynackDiagramArrow, layout->label_owner[index]));
          boxed = TRUE;
          break;
        case SYNACK_LABEL_LOST:
          fg = &p->theme->lost;
          boxed = TRUE;
          break;
        case SYNACK_LABEL_BREAK:
          fg = &p->theme->muted;
          boxed = TRUE;
          break;
        case SYNACK_LABEL_AXIS:
          fg = &p->theme->muted;
          break;
        case SYNACK_LABEL_TIMER:
          if (layout->label_owner[index] >= 0)
            fg = &p->theme->timer[g_array_index (layout->timers, SynackDiagramTimer, layout->label_owner[index]).kind];
          break;
        case SYNACK_LABEL_NOTE:
          fg = &p->theme->note;
          if (l->event >= 0 && trace->events[l->event].type == SYNACK_EVENT_APP &&
              trace->events[l->event].result >= SYNACK_RESULT_ECONNREFUSED)
            fg = &p->theme->error;
          if (l->event >= 0 && trace->events[l->event].type == SYNACK_EVENT_DELIVER &&
              trace->events[l->event].verdict == SYNACK_VERDICT_STALE_DATA)
            fg = &p->theme->error;
          break;
        default:
          break;
        }

      /* The cursor line passes under labels, never through their text. */
      if (!boxed && !p->all && p->yc >= l->box.y && p->yc <= l->box.y + l->box.height)
        boxed = TRUE;
      if (boxed)
        {
          set_color (cr, &p->theme->label_background);
          synack_render_rounded_rect (cr, &l->box, 0.25 * layout->font_px);
          cairo_fill (cr);
        }
      if (l->kind == SYNACK_LABEL_NOTE && l->event >= 0)
        {
          /* Notes get a thin frame: they are what the program saw. */
          set_color_alpha (cr, fg, 0.5);
          cairo_set_line_width (cr, 0.6 * p->lw);
          synack_render_rounded_rect (cr, &l->box, 0.2 * layout->font_px);
          cairo_stroke (cr);
        }
      pl = label_layout (layout, index);
      pango_layout_get_extents (pl, NULL, &logical);
      set_color (cr, fg);
      cairo_move_to (cr, l->box.x + layout->label_pad - (double) logical.x / PANGO_SCALE,
                     l->box.y + layout->label_pad_y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout (cr, pl);
    }
}

static void
paint_cursor (Painter *p)
{
  const SynackDiagramLayout *layout = p->layout;
  cairo_t *cr = p->cr;
  double dash[] = { 6 * p->s, 3 * p->s };

  if (p->all || p->yc < p->a || p->yc > p->b)
    return;
  set_color (cr, &p->theme->cursor);
  cairo_set_line_width (cr, 1.2 * p->lw);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, layout->axis_x, p->yc);
  cairo_line_to (cr, layout->width - layout->margin, p->yc);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* A pointer on the axis, so the cursor is found at a glance. */
  cairo_move_to (cr, layout->axis_x, p->yc);
  cairo_line_to (cr, layout->axis_x - 0.6 * layout->font_px, p->yc - 0.4 * layout->font_px);
  cairo_line_to (cr, layout->axis_x - 0.6 * layout->font_px, p->yc + 0.4 * layout->font_px);
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
synack_diagram_paint (cairo_t                   *cr,
                      const SynackDiagramLayout *layout,
                      const SynackTheme         *theme,
                      long                       upto_event,
                      double                     progress,
                      const cairo_rectangle_t   *visible)
{
  const SynackTrace *trace = layout->trace;
  Painter p = { .cr = cr, .layout = layout, .theme = theme ? theme : layout->theme };
  cairo_rectangle_t all_area = { 0, 0, layout->width, layout->height };

  if (visible == NULL)
    visible = &all_area;
  p.s = layout->scale;
  p.lw = p.theme->line_width * layout->text_scale;
  p.all = upto_event == SYNACK_DIAGRAM_ALL;
  p.last = p.all ? (long) trace->n_events - 1 : MIN (upto_event, (long) trace->n_events - 1);
  p.yc = p.all ? layout->bottom
               : synack_diagram_layout_y_for_time (layout, synack_diagram_cursor_time (layout, upto_event, progress));
  if (!p.all && upto_event < 0)
    p.yc = layout->top;
  p.a = visible->y;
  p.b = visible->y + visible->height;
  p.x0 = visible->x;
  p.x1 = visible->x + visible->width;

  cairo_save (cr);
  cairo_rectangle (cr, visible->x, visible->y, visible->width, visible->height);
  cairo_clip (cr);
  set_color (cr, &p.theme->background);
  cairo_paint (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  paint_lifelines (&p);
  paint_bands (&p);
  paint_axis (&p);
  paint_breaks (&p);
  paint_timers (&p);
  paint_arrows (&p);
  paint_cursor (&p);
  paint_labels (&p);
  cairo_restore (cr);
}
