/* synack-diagram-placement.c: columns and timer lanes across the page, then each label clear of the rest. */
#include "synack-config.h"

#include <string.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"

/* Where a state band's label or a note wants to be, before columns are packed. */
typedef struct {
  int    label;
  double want_y;
  gboolean optional;   /* may be dropped if it would drift from its time */
} ColumnItem;

static void
column_add (GArray *column, int label, double want_y, gboolean optional)
{
  ColumnItem item = { label, want_y, optional };
  g_array_append_val (column, item);
}

static int
compare_column_items (gconstpointer a, gconstpointer b)
{
  const ColumnItem *x = a, *y = b;

  if (x->want_y != y->want_y)
    return x->want_y < y->want_y ? -1 : 1;
  return x->label - y->label;
}

/* Stacks the labels of one column top-down: each sits at its time or, if
 * that is taken, just below the one before. Optional labels that would be
 * pushed far from their time are dropped instead (their bar remains). */
static void
pack_column (SynackDiagramLayout *layout, GArray *column, double x, gboolean right_align,
             GArray *dropped)
{
  double next_free = -G_MAXDOUBLE;

  g_array_sort (column, compare_column_items);
  for (guint i = 0; i < column->len; i++)
    {
      ColumnItem *item = &g_array_index (column, ColumnItem, i);
      SynackDiagramLabel *label = LABEL (layout, item->label);
      double y = MAX (item->want_y, next_free);

      if (item->optional && y - item->want_y > label->box.height * 1.5)
        {
          g_array_append_val (dropped, item->label);
          continue;
        }
      label->box.y = y;
      label->box.x = right_align ? x - label->box.width : x;
      next_free = y + label->box.height + layout->label_gap;
    }
}

/* The columns across the page, left to right, from how wide each is:
 * the axis, the client's notes, timer lanes and states, the lifelines
 * with the room between them, then the server's in mirror order. */
static void
columns_across (SynackDiagramLayout *layout, double axis_w, const double side_w[SYNACK_N_HOSTS],
                const int lanes[SYNACK_N_HOSTS], const double state_w[SYNACK_N_HOSTS], double mid)
{
  double s = layout->scale;
  double x = layout->margin;
  double band_half = layout->band_w / 2;

  layout->axis_x = x + axis_w + 6 * s;
  x = layout->axis_x + 14 * s;
  layout->note_x[SYNACK_CLIENT] = x + side_w[SYNACK_CLIENT];           /* right edge */
  x = layout->note_x[SYNACK_CLIENT] + 8 * s;
  layout->lane_x[SYNACK_CLIENT] = x + lanes[SYNACK_CLIENT] * layout->lane_w; /* innermost lane's inner edge */
  x = layout->lane_x[SYNACK_CLIENT] + 6 * s;
  layout->state_x[SYNACK_CLIENT] = x + state_w[SYNACK_CLIENT];         /* right edge */
  x = layout->state_x[SYNACK_CLIENT] + 6 * s + layout->band_room[SYNACK_CLIENT] + band_half;
  layout->life_x[SYNACK_CLIENT] = x;
  x += band_half + mid + band_half;
  layout->life_x[SYNACK_SERVER] = x;
  x += band_half + layout->band_room[SYNACK_SERVER] + 6 * s;
  layout->state_x[SYNACK_SERVER] = x;                                  /* left edge */
  x += state_w[SYNACK_SERVER] + 6 * s;
  layout->lane_x[SYNACK_SERVER] = x;
  x += lanes[SYNACK_SERVER] * layout->lane_w + 8 * s;
  layout->note_x[SYNACK_SERVER] = x;                                   /* left edge */
  x += side_w[SYNACK_SERVER] + layout->margin;
  layout->width = x;
}

/* The narrowest the space between the two lifelines may be. */
#define MIN_MIDDLE_PX 300

/* The page is at least this wide, whatever its labels: every column at
 * its narrowest, before anything is measured. */
double
synack_layout_min_width (SynackDiagramLayout *layout)
{
  double s = layout->scale;
  const double side_w[SYNACK_N_HOSTS] = { 60 * s, 60 * s };
  const int lanes[SYNACK_N_HOSTS] = { 0, 0 };
  const double state_w[SYNACK_N_HOSTS] = { 0, 0 };

  columns_across (layout, 0, side_w, lanes, state_w, MIN_MIDDLE_PX * s);
  return layout->width;
}

static void
place_horizontal (SynackDiagramLayout *layout)
{
  double s = layout->scale;
  double max_seg = 0, side_w[SYNACK_N_HOSTS] = { 60 * s, 60 * s }, state_w[SYNACK_N_HOSTS] = { 0, 0 }, axis_w = 0;
  int lanes[SYNACK_N_HOSTS] = { 0, 0 };
  double lane_end[SYNACK_N_HOSTS][64] = { { 0 } };

  for (guint i = 0; i < layout->labels->len; i++)
    {
      SynackDiagramLabel *l = LABEL (layout, i);

      switch (l->kind)
        {
        case SYNACK_LABEL_SEGMENT: max_seg = MAX (max_seg, l->box.width); break;
        case SYNACK_LABEL_STATE: state_w[l->host] = MAX (state_w[l->host], l->box.width); break;
        case SYNACK_LABEL_NOTE:
        case SYNACK_LABEL_TIMER: side_w[l->host] = MAX (side_w[l->host], l->box.width); break;
        default: break;
        }
    }
  /* The axis is labelled with event times; a long run has the widest. */
  {
    g_autofree char *widest = synack_describe_time (layout->trace->end_time + 999, SYNACK_TIME_AXIS);
    g_autofree char *sample = g_strdup_printf ("%s", strlen (widest) > 8 ? widest : "888.8 ms");
    double w, h;

    synack_layout_measure (layout, SYNACK_LABEL_AXIS, sample, &w, &h);
    axis_w = w;
  }

  /* Timers into lanes beside their lifeline: a lane is free again once the
   * bar before it (and the ghost of a cut-short TIME_WAIT) has ended. */
  for (guint i = 0; i < layout->timers->len; i++)
    {
      SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
      double end = t->y1;
      int lane;

      if (t->end_action == SYNACK_TIMER_START && t->end_event >= 0 &&
          (t->kind == SYNACK_TIMER_TIME_WAIT || t->kind == SYNACK_TIMER_FIN_WAIT_2))
        end = MAX (end, t->y_expires);
      for (lane = 0; lane < 63; lane++)
        if (lane >= lanes[t->host] || lane_end[t->host][lane] <= t->y0 + 0.01)
          break;
      t->lane = lane;
      lane_end[t->host][lane] = end + 3 * s;
      if (lane + 1 > lanes[t->host])
        lanes[t->host] = lane + 1;
    }
  lanes[0] = MIN (lanes[0], SYNACK_MAX_TIMER_LANES);
  lanes[1] = MIN (lanes[1], SYNACK_MAX_TIMER_LANES);
  /* Many timers at once (TIME_WAIT restarted or piling up) squeeze their
   * lanes, down to bars half as far apart, rather than widen the diagram. */
  if (MAX (lanes[0], lanes[1]) > 4)
    layout->lane_w = MAX (0.4, 3.0 / MAX (lanes[0], lanes[1])) * layout->font_px;

  /* Room for crossing segments to keep their labels apart. */
  columns_across (layout, axis_w, side_w, lanes, state_w, MAX (MIN_MIDDLE_PX * s, 1.05 * max_seg + 26 * s));

  for (guint i = 0; i < layout->timers->len; i++)
    {
      SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
      int lane = MIN (t->lane, SYNACK_MAX_TIMER_LANES - 1);

      if (t->host == SYNACK_CLIENT)
        t->x = layout->lane_x[SYNACK_CLIENT] - (lane + 0.5) * layout->lane_w;
      else
        t->x = layout->lane_x[SYNACK_SERVER] + (lane + 0.5) * layout->lane_w;
    }
}

static cairo_rectangle_t
box_centered (double cx, double cy, double w, double h)
{
  return (cairo_rectangle_t) { cx - w / 2, cy - h / 2, w, h };
}

/* Whether the segment (x0,y0)-(x1,y1) passes through r (Liang-Barsky). */
gboolean
synack_render_line_meets_rect (double x0, double y0, double x1, double y1, const cairo_rectangle_t *r)
{
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double t = q[i] / p[i];
        if (p[i] < 0)
          t0 = MAX (t0, t);
        else
          t1 = MIN (t1, t);
      }
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* How many arrows other than `self` run through r. */
static int
lines_crossing (const SynackDiagramLayout *layout, const SpanIndex *lines, guint self, const cairo_rectangle_t *r)
{
  size_t first, end;
  int n = 0;

  synack_render_span_range (lines, r->y, r->y + r->height, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);

      if (i != self && synack_render_line_meets_rect (a->x0, a->y0, a->x1, a->y1, r))
        n++;
    }
  return n;
}

/* Beside the ✕ (after, then before it), below it, above it; then, for
 * losses close together (a cable cut one way), beside it a half-line
 * further down or up at a time. */
#define LOST_STEPS    8
#define N_LOST_PLACES (4 + LOST_STEPS * 4)

static size_t
lost_label_places (const SynackDiagramArrow *a, double w, double h, double s, cairo_rectangle_t *places)
{
  size_t n = 0;

  places[n++] = (cairo_rectangle_t) { a->head.x + a->head.width + 2 * s, a->y1 - h / 2, w, h };
  places[n++] = (cairo_rectangle_t) { a->head.x - 2 * s - w, a->y1 - h / 2, w, h };
  places[n++] = (cairo_rectangle_t) { a->x1 - w / 2, a->head.y + a->head.height + 1 * s, w, h };
  places[n++] = (cairo_rectangle_t) { a->x1 - w / 2, a->head.y - 1 * s - h, w, h };
  for (int step = 1; step <= LOST_STEPS; step++)
    for (int side = 0; side < 4; side++)
      {
        cairo_rectangle_t r = places[side / 2];

        r.y += (side % 2 ? -1 : 1) * step * r.height / 2;
        places[n++] = r;
      }
  return n;
}

static void
place_arrows (SynackDiagramLayout *layout)
{
  SpanIndex lines = { 0 };
  double s = layout->scale;
  double head = layout->head_len;
  double inner_l = layout->life_x[SYNACK_CLIENT] + layout->band_w / 2;
  double inner_r = layout->life_x[SYNACK_SERVER] - layout->band_w / 2;
  static const double spots[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85 };
  gboolean forged_loss_marked = FALSE;

  for (guint i = 0; i < layout->arrows->len; i++)
    {
      SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      gboolean c2s = a->from == SYNACK_CLIENT;

      a->x0 = c2s ? inner_l : inner_r;
      a->xa = c2s ? inner_r : inner_l;
      a->y0 = synack_diagram_layout_y_for_time (layout, a->t_send);
      a->ya = synack_diagram_layout_y_for_time (layout, a->t_end);
      {
        /* Segments sent together on the same path (an ACK and the data
         * right behind it) would be drawn on top of each other: each
         * extra one moves down a little so both can be seen. */
        int k = 0;

        for (guint j = i; j > 0; j--)
          {
            const SynackDiagramArrow *b = &g_array_index (layout->arrows, SynackDiagramArrow, j - 1);

            if (b->t_send != a->t_send)
              break;
            k += b->from == a->from && b->t_end == a->t_end && b->fate == a->fate;
          }
        a->y0 += k * layout->bundle_gap;
        a->ya += k * layout->bundle_gap;
      }
      switch (a->fate)
        {
        case SYNACK_ARROW_LOST:
          /* Stops short, well between the lifelines, where the ✕ goes. */
          a->x1 = a->x0 + (a->xa - a->x0) * 0.62;
          a->y1 = a->y0 + (a->ya - a->y0) * 0.62;
          a->head = box_centered (a->x1, a->y1, layout->font_px * 1.3, layout->font_px * 1.3);
          break;
        case SYNACK_ARROW_IN_FLIGHT:
          a->x1 = a->x0 + (a->xa - a->x0) * 0.5;
          a->y1 = a->ya;
          a->head = box_centered (a->x1, a->y1, head * 2, head * 2);
          break;
        default:
          a->x1 = a->xa;
          a->y1 = a->ya;
          a->head = box_centered (a->x1 - (c2s ? head : -head), a->y1, head * 2.2, head * 2.2);
          break;
        }
    }
  /* Offsets may have moved an arrow below a later one. */
  synack_layout_sort_arrows (layout);
  for (guint i = 0; i < layout->arrows->len; i++)
    synack_layout_obstacle_add (layout, &g_array_index (layout->arrows, SynackDiagramArrow, i).head);

  /* "lost" beside each ✕: the first of its places that is free; in a
   * flood, beside the first forged one only. */
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      SynackDiagramLabel *l;
      cairo_rectangle_t places[N_LOST_PLACES];
      size_t n;

      if (a->fate != SYNACK_ARROW_LOST || (a->forged && forged_loss_marked))
        continue;
      forged_loss_marked |= a->forged;
      a->lost_label = synack_layout_add_label (layout, SYNACK_LABEL_LOST, a->end_event, a->from,
                                               g_strdup (synack_describe_lost_mark ()));
      l = LABEL (layout, a->lost_label);
      n = lost_label_places (a, l->box.width, l->box.height, s, places);
      /* None free: the first, over whatever is there. */
      l->box = places[0];
      for (size_t k = 0; k < n; k++)
        if (!synack_layout_obstacle_hit (layout, &places[k]))
          {
            l->box = places[k];
            break;
          }
      synack_layout_obstacle_add (layout, &l->box);
    }

  synack_render_span_index_build (&lines, layout->arrows, sizeof (SynackDiagramArrow),
                                  G_STRUCT_OFFSET (SynackDiagramArrow, y0), G_STRUCT_OFFSET (SynackDiagramArrow, y1));

  /* Segment labels sit on their arrow, at the middle if it is free, else
   * further along or back. A spot that another arrow crosses is taken
   * only if there is no other: where segments cross, each label then moves
   * towards its own sender and it is clear which label is whose. The real
   * hosts' labels go first, so an attacker's flood never crowds them out. */
  for (guint pass = 0; pass < 2; pass++)
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      SynackDiagramLabel *l;
      double lo_x = inner_l + 4 * s, hi_x = inner_r - 4 * s;
      gboolean placed = FALSE;
      int best_crossings = G_MAXINT;
      cairo_rectangle_t best = { 0 };

      if (a->label < 0 || a->forged != (pass == 1))
        continue;
      l = LABEL (layout, a->label);
      for (size_t k = 0; k < G_N_ELEMENTS (spots) && best_crossings > 0; k++)
        {
          double u = spots[k];
          double cx = a->x0 + (a->x1 - a->x0) * u, cy = a->y0 + (a->y1 - a->y0) * u;
          cairo_rectangle_t r = box_centered (cx, cy, l->box.width, l->box.height);
          int crossings;

          r.x = CLAMP (r.x, lo_x, hi_x - r.width);
          if (synack_layout_obstacle_hit (layout, &r))
            continue;
          {
            /* A line grazing the padding does not hide any text. */
            cairo_rectangle_t inner = { r.x + layout->label_pad, r.y + layout->label_pad_y,
                                        r.width - 2 * layout->label_pad, r.height - 2 * layout->label_pad_y };
            crossings = lines_crossing (layout, &lines, i, &inner);
          }
          if (crossings < best_crossings)
            {
              best_crossings = crossings;
              best = r;
            }
        }
      if (best_crossings < G_MAXINT)
        {
          l->box = best;
          placed = TRUE;
        }
      /* Nothing free on the arrow: the nearest free place beside it,
       * half a line at a time above or below a point on it; further off
       * it would seem to name another arrow, so it is left out instead
       * (a crowded stretch on the proportional axis). */
      for (int k = 1; !placed && k <= 5; k++)
        {
          static const double near[] = { 0.5, 0.3, 0.7 };

          for (size_t m = 0; m < 2 * G_N_ELEMENTS (near) && !placed; m++)
            {
              double u = near[m / 2], sign = m % 2 ? -1 : 1;
              double cx = a->x0 + (a->x1 - a->x0) * u, cy = a->y0 + (a->y1 - a->y0) * u;
              cairo_rectangle_t r = box_centered (cx, cy + sign * k * l->box.height * 0.5,
                                                  l->box.width, l->box.height);

              r.x = CLAMP (r.x, lo_x, hi_x - r.width);
              if (r.y < layout->top - l->box.height)
                continue;
              if (!synack_layout_obstacle_hit (layout, &r))
                {
                  l->box = r;
                  placed = TRUE;
                }
            }
        }
      if (!placed)
        {
          l->event = -2;   /* never shown */
          l->box = (cairo_rectangle_t) { -1, -1, 0, 0 };
          a->label = -1;
          continue;
        }
      synack_layout_obstacle_add (layout, &l->box);
    }
  g_free (lines.y0);
  g_free (lines.max_y1);
}

static void
place_labels (SynackDiagramLayout *layout)
{
  double s = layout->scale;
  g_autoptr (GArray) dropped = g_array_new (FALSE, FALSE, sizeof (int));

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_autoptr (GArray) states = g_array_new (FALSE, FALSE, sizeof (ColumnItem));
      g_autoptr (GArray) side = g_array_new (FALSE, FALSE, sizeof (ColumnItem));
      gboolean right = h == SYNACK_CLIENT;

      for (guint i = 0; i < layout->bands->len; i++)
        {
          SynackDiagramBand *b = &g_array_index (layout->bands, SynackDiagramBand, i);
          if ((int) b->host != h)
            continue;
          /* The state before anything happened sits above the first
           * event, so the first transition's name is at its own time. */
          if (b->event < 0)
            column_add (states, b->label, b->y0 - LABEL (layout, b->label)->box.height - layout->label_gap, FALSE);
          else
            column_add (states, b->label, b->y0, FALSE);
        }
      pack_column (layout, states, layout->state_x[h], right, dropped);

      for (guint i = 0; i < layout->notes->len; i++)
        {
          int label = g_array_index (layout->notes, int, i);
          SynackDiagramLabel *l = LABEL (layout, label);
          if ((int) l->host == h)
            column_add (side, label, synack_diagram_layout_y_for_event (layout, l->event) - l->box.height / 2, FALSE);
        }
      for (guint i = 0; i < layout->timers->len; i++)
        {
          SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
          /* Short re-arms of a busy transfer would bury the notes: only
           * timers with room for their label get one. */
          if ((int) t->host == h)
            column_add (side, t->label, t->y0, TRUE);
        }
      pack_column (layout, side, layout->note_x[h], right, dropped);
    }

  /* Dropped labels are marked first and their timers let go of them in one
   * pass: hundreds of connections at once drop thousands of them. */
  {
    g_autofree gboolean *is_dropped = g_new0 (gboolean, layout->labels->len + 1);

    for (guint i = 0; i < dropped->len; i++)
      {
        int label = g_array_index (dropped, int, i);

        is_dropped[label] = TRUE;
        LABEL (layout, label)->event = -2;   /* never shown */
        LABEL (layout, label)->box = (cairo_rectangle_t) { -1, -1, 0, 0 };
      }
    for (guint k = 0; k < layout->timers->len; k++)
      {
        SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, k);
        if (t->label >= 0 && is_dropped[t->label])
          t->label = -1;
      }
  }

  /* Host headings above each lifeline. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      SynackDiagramLabel *l = LABEL (layout, layout->host_label[h]);
      l->box.x = layout->life_x[h] - l->box.width / 2;
      l->box.y = layout->margin;
    }

  /* Axis: a time at every event time that has room, break ends first. */
  {
    double last_bottom = -G_MAXDOUBLE, digit_w, digit_h;
    const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
    const double *ky = (const double *) layout->knot_y->data;

    /* Every time has a digit, so its line is at least a digit's height: a
     * knot with no room even for that is passed over unwritten, which
     * in a long run is most of them. */
    synack_layout_measure (layout, SYNACK_LABEL_AXIS, "0", &digit_w, &digit_h);
    for (guint i = 0; i < layout->knot_t->len; i++)
      {
        g_autofree char *text = NULL;
        double w, h;

        if (ky[i] - digit_h / 2 < last_bottom + 2 * s)
          continue;
        text = synack_describe_time (kt[i], SYNACK_TIME_AXIS);
        synack_layout_measure (layout, SYNACK_LABEL_AXIS, text, &w, &h);
        if (ky[i] - h / 2 < last_bottom + 2 * s)
          continue;
        {
          int label = synack_layout_add_label (layout, SYNACK_LABEL_AXIS, -1, SYNACK_CLIENT, g_steal_pointer (&text));
          SynackDiagramLabel *l = LABEL (layout, label);
          l->box.x = layout->axis_x - 6 * s - l->box.width;
          l->box.y = ky[i] - l->box.height / 2;
          last_bottom = l->box.y + l->box.height;
        }
      }
  }

  /* Every column's boxes are obstacles for what goes between the lifelines. */
  synack_layout_obstacles_init (layout);
  for (guint i = 0; i < layout->labels->len; i++)
    {
      SynackDiagramLabel *l = LABEL (layout, i);
      if (l->kind != SYNACK_LABEL_SEGMENT && l->kind != SYNACK_LABEL_LOST &&
          l->kind != SYNACK_LABEL_BREAK && l->event != -2)
        synack_layout_obstacle_add (layout, &l->box);
    }

  /* Break labels across the middle of their stretch. */
  for (guint i = 0; i < layout->breaks->len; i++)
    {
      SynackDiagramBreak *b = &g_array_index (layout->breaks, SynackDiagramBreak, i);
      SynackDiagramLabel *l = LABEL (layout, b->label);
      double cx = (layout->life_x[0] + layout->life_x[1]) / 2;

      l->box = box_centered (cx, (b->y0 + b->y1) / 2, l->box.width, l->box.height);
      synack_layout_obstacle_add (layout, &l->box);
    }

  place_arrows (layout);
}

void
synack_layout_place (SynackDiagramLayout *layout)
{
  place_horizontal (layout);
  place_labels (layout);
  synack_layout_obstacles_clear (layout);
}
