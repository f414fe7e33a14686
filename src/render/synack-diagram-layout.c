/* synack-diagram-layout.c: turns a trace into the geometry of its sequence diagram. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"

void
synack_diagram_options_init (SynackDiagramOptions *options)
{
  *options = (SynackDiagramOptions) {
    .axis_mode = SYNACK_TIME_AXIS_COMPRESSED,
    .theme = NULL,
    .text_scale = 1,
    .px_per_second = 0,
  };
}

/* ---------------------------------------------------------------- text */

PangoContext *
synack_render_pango_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: a label measures the same at every zoom and in every
   * export format, so the boxes computed here are the ones painted. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

PangoFontDescription *
synack_render_font (const SynackDiagramLayout *layout, SynackLabelKind kind)
{
  PangoFontDescription *font = pango_font_description_new ();
  double size = layout->font_px;

  pango_font_description_set_family (font, layout->theme->font_family);
  switch (kind)
    {
    case SYNACK_LABEL_STATE:
    case SYNACK_LABEL_HOST:
    case SYNACK_LABEL_LOST:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case SYNACK_LABEL_AXIS:
    case SYNACK_LABEL_TIMER:
      size *= 0.9;
      break;
    default:
      break;
    }
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  return font;
}

PangoLayout *
synack_render_text_layout (const SynackDiagramLayout *layout, SynackLabelKind kind, const char *text)
{
  PangoLayout *pl = pango_layout_new (layout->pango);
  g_autoptr (PangoFontDescription) font = synack_render_font (layout, kind);

  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  if (kind == SYNACK_LABEL_SEGMENT || kind == SYNACK_LABEL_HOST || kind == SYNACK_LABEL_BREAK)
    pango_layout_set_alignment (pl, PANGO_ALIGN_CENTER);
  else if ((kind == SYNACK_LABEL_NOTE || kind == SYNACK_LABEL_TIMER || kind == SYNACK_LABEL_STATE ||
            kind == SYNACK_LABEL_AXIS))
    pango_layout_set_alignment (pl, PANGO_ALIGN_RIGHT);
  return pl;
}

static void
measure (SynackDiagramLayout *layout, SynackLabelKind kind, const char *text, double *w, double *h)
{
  g_autoptr (PangoLayout) pl = synack_render_text_layout (layout, kind, text);
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE + 2 * layout->label_pad;
  *h = (double) logical.height / PANGO_SCALE + 2 * layout->label_pad_y;
}

static int
add_label (SynackDiagramLayout *layout, SynackLabelKind kind, long event, SynackHostId host, char *text)
{
  SynackDiagramLabel label = { .kind = kind, .event = event, .host = host, .text = text };

  measure (layout, kind, text, &label.box.width, &label.box.height);
  g_array_append_val (layout->labels, label);
  return (int) layout->labels->len - 1;
}

#define LABEL(layout, i) (&g_array_index ((layout)->labels, SynackDiagramLabel, (i)))

/* ------------------------------------------------------------ time axis */

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

/* Stretches are squeezed sooner when nothing is on the wire: an idle
 * wait (a timer running out, the next connection) says nothing by its
 * length, while a segment's flight is the lesson. */
static SynackTime
break_threshold (const SynackDiagramLayout *layout, gboolean in_flight)
{
  return in_flight ? layout->break_threshold : layout->idle_threshold;
}

static gboolean
is_break (const SynackDiagramLayout *layout, SynackTime dt, gboolean in_flight)
{
  return layout->mode == SYNACK_TIME_AXIS_COMPRESSED && dt > break_threshold (layout, in_flight);
}

/* The page height of a stretch of dt between two event times. */
static double
gap_height (const SynackDiagramLayout *layout, SynackTime dt, gboolean in_flight)
{
  double s = layout->scale;
  SynackTime threshold = break_threshold (layout, in_flight);

  switch (layout->mode)
    {
    case SYNACK_TIME_AXIS_PROPORTIONAL:
      return (double) dt / 1e6 * layout->px_per_second;
    case SYNACK_TIME_AXIS_PER_EVENT:
      /* Enough for a label on each of two arrows crossing in one row. */
      return layout->min_row * 2.2;
    case SYNACK_TIME_AXIS_COMPRESSED:
    default:
      if (is_break (layout, dt, in_flight))
        /* Beyond the threshold, logarithmic: RTO 1 s, 2 s, 4 s still grow
         * visibly while a 60 s TIME_WAIT takes a few rows, not a few
         * metres. It meets the proportional part at the threshold, so a
         * longer gap is never drawn shorter than a shorter one. */
        return MAX ((double) threshold / 1e6 * layout->px_per_second, 3 * layout->min_row) +
               21 * s * log2 ((double) dt / (double) threshold);
      return MAX ((double) dt / 1e6 * layout->px_per_second, layout->min_row);
    }
}

static void
build_time_axis (SynackDiagramLayout *layout)
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
              g_autofree char *len = synack_describe_time (dt, SYNACK_TIME_LABEL);

              y += gap_height (layout, dt, flying);
              br.y1 = y;
              br.label = add_label (layout, SYNACK_LABEL_BREAK, -1, SYNACK_CLIENT,
                                    g_strdup_printf ("… %s …", len));
              g_array_append_val (layout->breaks, br);
            }
          else
            y += gap_height (layout, dt, flying);
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

double
synack_diagram_layout_y_for_time (const SynackDiagramLayout *layout, SynackTime t)
{
  const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
  const double *ky = (const double *) layout->knot_y->data;
  size_t n = layout->knot_t->len, lo = 0, hi = n - 1;

  if (t <= kt[0])
    return ky[0];
  if (t >= kt[n - 1])
    return ky[n - 1];
  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;
      if (kt[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  return ky[lo] + (ky[hi] - ky[lo]) * (double) (t - kt[lo]) / (double) (kt[hi] - kt[lo]);
}

SynackTime
synack_diagram_layout_time_for_y (const SynackDiagramLayout *layout, double y)
{
  const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
  const double *ky = (const double *) layout->knot_y->data;
  size_t n = layout->knot_t->len, lo = 0, hi = n - 1;

  if (y <= ky[0])
    return kt[0];
  if (y >= ky[n - 1])
    return kt[n - 1];
  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;
      if (ky[mid] <= y)
        lo = mid;
      else
        hi = mid;
    }
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

/* ---------------------------------------------------- collision index */

/* Boxes are bucketed by rows of the page so a new label is checked only
 * against its neighbours: a 10,000-segment trace lays out in linear time. */
#define BUCKET_PX 64.0

static void
obstacles_init (SynackDiagramLayout *layout)
{
  size_t n = (size_t) (layout->height / BUCKET_PX) + 2;

  layout->n_buckets = n;
  layout->buckets = g_new0 (GArray *, n);
  layout->obstacles = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
}

static void
obstacles_clear (SynackDiagramLayout *layout)
{
  for (size_t i = 0; i < layout->n_buckets; i++)
    if (layout->buckets[i])
      g_array_unref (layout->buckets[i]);
  g_clear_pointer (&layout->buckets, g_free);
  g_clear_pointer (&layout->obstacles, g_array_unref);
  layout->n_buckets = 0;
}

static void
bucket_range (const SynackDiagramLayout *layout, const cairo_rectangle_t *r, size_t *b0, size_t *b1)
{
  double top = MAX (r->y, 0), bottom = MAX (r->y + r->height, 0);

  *b0 = MIN ((size_t) (top / BUCKET_PX), layout->n_buckets - 1);
  *b1 = MIN ((size_t) (bottom / BUCKET_PX), layout->n_buckets - 1);
}

static void
obstacle_add (SynackDiagramLayout *layout, const cairo_rectangle_t *r)
{
  size_t b0, b1;
  guint index = layout->obstacles->len;

  g_array_append_val (layout->obstacles, *r);
  bucket_range (layout, r, &b0, &b1);
  for (size_t b = b0; b <= b1; b++)
    {
      if (layout->buckets[b] == NULL)
        layout->buckets[b] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (layout->buckets[b], index);
    }
}

gboolean
synack_render_rects_overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
obstacle_hit (const SynackDiagramLayout *layout, const cairo_rectangle_t *r)
{
  size_t b0, b1;

  bucket_range (layout, r, &b0, &b1);
  for (size_t b = b0; b <= b1; b++)
    {
      GArray *bucket = layout->buckets[b];

      if (bucket == NULL)
        continue;
      for (guint i = 0; i < bucket->len; i++)
        {
          const cairo_rectangle_t *o =
            &g_array_index (layout->obstacles, cairo_rectangle_t, g_array_index (bucket, guint, i));
          if (synack_render_rects_overlap (r, o))
            return TRUE;
        }
    }
  return FALSE;
}

/* -------------------------------------------------------------- items */

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

static int
compare_arrows (gconstpointer a, gconstpointer b)
{
  const SynackDiagramArrow *x = a, *y = b;

  if (x->y0 != y->y0)
    return x->y0 < y->y0 ? -1 : 1;
  return x->send_event < y->send_event ? -1 : x->send_event > y->send_event;
}

static int
compare_timers (gconstpointer a, gconstpointer b)
{
  const SynackDiagramTimer *x = a, *y = b;

  if (x->y0 != y->y0)
    return x->y0 < y->y0 ? -1 : 1;
  return x->event < y->event ? -1 : x->event > y->event;
}

/* Per host, the state each connection is in, and which one the band shows. */
typedef struct {
  GHashTable *states;     /* conn -> state + 1 */
  uint32_t    latest;
  gboolean    any;
  SynackState shown;
  uint32_t    shown_conn;
  int         band;       /* open band index, -1 */
} HostStates;

static void
host_shown_state (HostStates *hs, SynackState *state, uint32_t *conn)
{
  gpointer v;
  SynackState listener = SYNACK_STATE_CLOSED;
  gboolean has_listener = FALSE;

  if (g_hash_table_lookup_extended (hs->states, GUINT_TO_POINTER (0), NULL, &v))
    {
      listener = GPOINTER_TO_UINT (v) - 1;
      has_listener = TRUE;
    }
  *state = listener;
  *conn = 0;
  if (hs->latest != 0 &&
      g_hash_table_lookup_extended (hs->states, GUINT_TO_POINTER (hs->latest), NULL, &v))
    {
      SynackState s = GPOINTER_TO_UINT (v) - 1;

      /* A finished connection gives the lifeline back to the listener. */
      if (!(s == SYNACK_STATE_CLOSED && has_listener && listener == SYNACK_STATE_LISTEN))
        {
          *state = s;
          *conn = hs->latest;
        }
    }
}

static void
build_items (SynackDiagramLayout *layout)
{
  const SynackTrace *trace = layout->trace;
  HostStates hosts[SYNACK_N_HOSTS];
  /* seg -> arrow index + 1 of its first transmission awaiting arrival */
  g_autofree guint *pending = g_new0 (guint, (size_t) trace->n_segments + 2);
  g_autoptr (GArray) pending_dups = g_array_new (FALSE, FALSE, sizeof (guint));
  /* running timer per (host, conn, kind): key -> timer index + 1 */
  g_autoptr (GHashTable) running = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean many_conns = trace->n_conns > 1;

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      hosts[h].states = g_hash_table_new (NULL, NULL);
      hosts[h].latest = 0;
      hosts[h].any = FALSE;
      hosts[h].shown = SYNACK_STATE_CLOSED;
      hosts[h].shown_conn = 0;
      hosts[h].band = -1;
    }

  /* Every lifeline starts CLOSED, so the first transition reads right. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      SynackDiagramBand band = { .host = h, .state = SYNACK_STATE_CLOSED, .event = -1,
                                 .end_event = -1, .y0 = layout->top, .y1 = layout->bottom };
      band.label = add_label (layout, SYNACK_LABEL_STATE, -1, h, g_strdup ("CLOSED"));
      g_array_append_val (layout->bands, band);
      hosts[h].band = (int) layout->bands->len - 1;
    }

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      double y = synack_diagram_layout_y_for_time (layout, e->t);

      switch (e->type)
        {
        case SYNACK_EVENT_STATE:
          {
            HostStates *hs = &hosts[e->host];
            SynackState shown;
            uint32_t shown_conn;

            g_hash_table_insert (hs->states, GUINT_TO_POINTER (e->conn), GUINT_TO_POINTER (e->to + 1));
            if (e->conn > hs->latest)
              hs->latest = e->conn;
            host_shown_state (hs, &shown, &shown_conn);
            if (shown != hs->shown || (shown_conn != hs->shown_conn && shown_conn != 0))
              {
                SynackDiagramBand band = { .host = e->host, .conn = shown_conn, .state = shown,
                                           .event = (long) i, .end_event = -1,
                                           .y0 = y, .y1 = layout->bottom };
                SynackDiagramBand *prev = &g_array_index (layout->bands, SynackDiagramBand, hs->band);
                char *text;

                prev->end_event = (long) i;
                prev->y1 = y;
                if (many_conns && shown_conn != 0)
                  text = g_strdup_printf ("%s #%u", synack_state_to_string (shown), shown_conn);
                else
                  text = g_strdup (synack_state_to_string (shown));
                band.label = add_label (layout, SYNACK_LABEL_STATE, (long) i, e->host, text);
                g_array_append_val (layout->bands, band);
                hs->band = (int) layout->bands->len - 1;
                hs->shown = shown;
                hs->shown_conn = shown_conn;
              }
          }
          break;

        case SYNACK_EVENT_SEND:
        case SYNACK_EVENT_DUPLICATE:
          {
            SynackDiagramArrow arrow = {
              .send_event = (long) i, .end_event = -1, .seg = e->seg,
              .from = e->host, .fate = SYNACK_ARROW_IN_FLIGHT, .rexmit = e->rexmit,
              .duplicate = e->type == SYNACK_EVENT_DUPLICATE || e->duplicate,
              .flags = e->hdr.flags, .t_send = e->t, .t_end = trace->end_time,
              .y0 = y, .label = -1, .lost_label = -1,
            };
            guint index = layout->arrows->len;

            if (e->type == SYNACK_EVENT_DUPLICATE)
              {
                /* The copy has the original's header and sender. */
                long send = e->seg < trace->n_segments + 2 && pending[e->seg]
                  ? g_array_index (layout->arrows, SynackDiagramArrow, pending[e->seg] - 1).send_event
                  : synack_trace_find_send (trace, e->seg);
                if (send >= 0)
                  {
                    const SynackEvent *orig = &trace->events[send];
                    arrow.from = orig->host;
                    arrow.flags = orig->hdr.flags;
                    arrow.rexmit = orig->rexmit;
                    arrow.label = add_label (layout, SYNACK_LABEL_SEGMENT, (long) i, arrow.from,
                                             synack_describe_segment_label (orig, TRUE));
                  }
                g_array_append_val (pending_dups, index);
              }
            else
              {
                arrow.label = add_label (layout, SYNACK_LABEL_SEGMENT, (long) i, e->host,
                                         synack_describe_segment_label (e, arrow.duplicate));
                if (e->seg < trace->n_segments + 2)
                  pending[e->seg] = index + 1;
              }
            g_array_append_val (layout->arrows, arrow);
          }
          break;

        case SYNACK_EVENT_DELIVER:
        case SYNACK_EVENT_LOST:
          {
            SynackDiagramArrow *arrow = NULL;

            if (e->duplicate)
              {
                for (guint k = 0; k < pending_dups->len; k++)
                  {
                    SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow,
                                                            g_array_index (pending_dups, guint, k));
                    if (a->seg == e->seg)
                      {
                        arrow = a;
                        g_array_remove_index (pending_dups, k);
                        break;
                      }
                  }
              }
            else if (e->seg < trace->n_segments + 2 && pending[e->seg])
              {
                arrow = &g_array_index (layout->arrows, SynackDiagramArrow, pending[e->seg] - 1);
                pending[e->seg] = 0;
              }
            if (e->type == SYNACK_EVENT_DELIVER)
              {
                char *text = synack_describe_verdict_note (e);

                if (text)
                  {
                    int label = add_label (layout, SYNACK_LABEL_NOTE, (long) i, e->host, text);
                    g_array_append_val (layout->notes, label);
                  }
              }
            if (arrow == NULL)
              break;
            arrow->end_event = (long) i;
            arrow->t_end = e->t;
            arrow->fate = e->type == SYNACK_EVENT_LOST ? SYNACK_ARROW_LOST : SYNACK_ARROW_DELIVERED;
          }
          break;

        case SYNACK_EVENT_TIMER:
          {
            gint64 key = ((gint64) e->conn << 8) | (e->host << 4) | e->timer;
            gpointer v = g_hash_table_lookup (running, &key);

            if (v != NULL)
              {
                SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer,
                                                        GPOINTER_TO_UINT (v) - 1);
                t->end_event = (long) i;
                t->end_action = e->action;
                t->t_end = e->t;
                t->y1 = y;
                g_hash_table_remove (running, &key);
              }
            if (e->action == SYNACK_TIMER_START)
              {
                SynackDiagramTimer t = {
                  .host = e->host, .kind = e->timer, .event = (long) i, .end_event = -1,
                  .t_start = e->t, .t_expires = e->expires, .t_end = trace->end_time,
                  .y0 = y, .y1 = layout->bottom,
                  .y_expires = synack_diagram_layout_y_for_time (layout, e->expires),
                };
                SynackTime duration = e->duration ? e->duration : e->expires - e->t;

                t.label = add_label (layout, SYNACK_LABEL_TIMER, (long) i, e->host,
                                     synack_describe_timer_label (e->timer, duration));
                g_array_append_val (layout->timers, t);
                g_hash_table_insert (running, g_memdup2 (&key, sizeof key),
                                     GUINT_TO_POINTER (layout->timers->len));
              }
          }
          break;

        case SYNACK_EVENT_APP:
          {
            int label = add_label (layout, SYNACK_LABEL_NOTE, (long) i, e->host, synack_describe_call_note (e));
            g_array_append_val (layout->notes, label);
          }
          break;

        default:
          break;
        }
    }

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    g_hash_table_destroy (hosts[h].states);
}

/* --------------------------------------------------------- placement */

static void
place_horizontal (SynackDiagramLayout *layout)
{
  double s = layout->scale;
  double max_seg = 0, side_w[SYNACK_N_HOSTS] = { 60 * s, 60 * s }, state_w = 0, axis_w = 0;
  int lanes[SYNACK_N_HOSTS] = { 0, 0 };
  double lane_end[SYNACK_N_HOSTS][64] = { { 0 } };

  for (guint i = 0; i < layout->labels->len; i++)
    {
      SynackDiagramLabel *l = LABEL (layout, i);

      switch (l->kind)
        {
        case SYNACK_LABEL_SEGMENT: max_seg = MAX (max_seg, l->box.width); break;
        case SYNACK_LABEL_STATE: state_w = MAX (state_w, l->box.width); break;
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

    measure (layout, SYNACK_LABEL_AXIS, sample, &w, &h);
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

  {
    double x = layout->margin;
    double band_half = layout->band_w / 2;
    /* Room for crossing segments to keep their labels apart. */
    double mid = MAX (360 * s, 1.3 * max_seg + 40 * s);

    layout->axis_x = x + axis_w + 6 * s;
    x = layout->axis_x + 14 * s;
    layout->note_x[SYNACK_CLIENT] = x + side_w[SYNACK_CLIENT];           /* right edge */
    x = layout->note_x[SYNACK_CLIENT] + 8 * s;
    layout->lane_x[SYNACK_CLIENT] = x + lanes[SYNACK_CLIENT] * layout->lane_w; /* innermost lane's inner edge */
    x = layout->lane_x[SYNACK_CLIENT] + 6 * s;
    layout->state_x[SYNACK_CLIENT] = x + state_w;                        /* right edge */
    x = layout->state_x[SYNACK_CLIENT] + 6 * s + band_half;
    layout->life_x[SYNACK_CLIENT] = x;
    x += band_half + mid + band_half;
    layout->life_x[SYNACK_SERVER] = x;
    x += band_half + 6 * s;
    layout->state_x[SYNACK_SERVER] = x;                                  /* left edge */
    x += state_w + 6 * s;
    layout->lane_x[SYNACK_SERVER] = x;
    x += lanes[SYNACK_SERVER] * layout->lane_w + 8 * s;
    layout->note_x[SYNACK_SERVER] = x;                                   /* left edge */
    x += side_w[SYNACK_SERVER] + layout->margin;
    layout->width = x;
  }

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
static gboolean
line_meets_rect (double x0, double y0, double x1, double y1, const cairo_rectangle_t *r)
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

static void span_index_build (SpanIndex *index, GArray *items, gsize stride, gsize y0_offset, gsize y1_offset);

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

      if (i != self && line_meets_rect (a->x0, a->y0, a->x1, a->y1, r))
        n++;
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
  g_array_sort (layout->arrows, compare_arrows);
  for (guint i = 0; i < layout->arrows->len; i++)
    obstacle_add (layout, &g_array_index (layout->arrows, SynackDiagramArrow, i).head);

  /* "lost" beside each ✕, on the side away from the arrow's tail. */
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      SynackDiagramLabel *l;
      cairo_rectangle_t tries[4];

      if (a->fate != SYNACK_ARROW_LOST)
        continue;
      a->lost_label = add_label (layout, SYNACK_LABEL_LOST, a->end_event, a->from, g_strdup (_("lost")));
      l = LABEL (layout, a->lost_label);
      tries[0] = (cairo_rectangle_t) { a->head.x + a->head.width + 2 * s, a->y1 - l->box.height / 2, l->box.width, l->box.height };
      tries[1] = (cairo_rectangle_t) { a->head.x - 2 * s - l->box.width, a->y1 - l->box.height / 2, l->box.width, l->box.height };
      tries[2] = (cairo_rectangle_t) { a->x1 - l->box.width / 2, a->head.y + a->head.height + 1 * s, l->box.width, l->box.height };
      tries[3] = (cairo_rectangle_t) { a->x1 - l->box.width / 2, a->head.y - 1 * s - l->box.height, l->box.width, l->box.height };
      l->box = tries[0];
      for (int k = 0; k < 4; k++)
        if (!obstacle_hit (layout, &tries[k]))
          {
            l->box = tries[k];
            break;
          }
      obstacle_add (layout, &l->box);
    }

  span_index_build (&lines, layout->arrows, sizeof (SynackDiagramArrow),
                    G_STRUCT_OFFSET (SynackDiagramArrow, y0), G_STRUCT_OFFSET (SynackDiagramArrow, y1));

  /* Segment labels sit on their arrow, at the middle if it is free, else
   * further along or back. A spot that another arrow crosses is taken
   * only if there is no other: where segments cross, each label then moves
   * towards its own sender and it is clear which label is whose. */
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      SynackDiagramLabel *l;
      double lo_x = inner_l + 4 * s, hi_x = inner_r - 4 * s;
      gboolean placed = FALSE;
      int best_crossings = G_MAXINT;
      cairo_rectangle_t best = { 0 };

      if (a->label < 0)
        continue;
      l = LABEL (layout, a->label);
      for (size_t k = 0; k < G_N_ELEMENTS (spots) && best_crossings > 0; k++)
        {
          double u = spots[k];
          double cx = a->x0 + (a->x1 - a->x0) * u, cy = a->y0 + (a->y1 - a->y0) * u;
          cairo_rectangle_t r = box_centered (cx, cy, l->box.width, l->box.height);
          int crossings;

          r.x = CLAMP (r.x, lo_x, hi_x - r.width);
          if (obstacle_hit (layout, &r))
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
       * half a line at a time above or below a point on it. */
      for (int k = 1; !placed; k++)
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
              /* In a crowded run give up after a few screens' worth of
               * searching rather than spend quadratic time; the label then
               * overlaps, which a run this dense cannot avoid anyway. */
              if (!obstacle_hit (layout, &r) || k > 400)
                {
                  l->box = r;
                  placed = TRUE;
                }
            }
        }
      obstacle_add (layout, &l->box);
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

  for (guint i = 0; i < dropped->len; i++)
    {
      int label = g_array_index (dropped, int, i);

      for (guint k = 0; k < layout->timers->len; k++)
        {
          SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, k);
          if (t->label == label)
            t->label = -1;
        }
      LABEL (layout, label)->event = -2;   /* never shown */
      LABEL (layout, label)->box = (cairo_rectangle_t) { -1, -1, 0, 0 };
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
    double last_bottom = -G_MAXDOUBLE;
    const SynackTime *kt = (const SynackTime *) layout->knot_t->data;
    const double *ky = (const double *) layout->knot_y->data;

    for (guint i = 0; i < layout->knot_t->len; i++)
      {
        g_autofree char *text = synack_describe_time (kt[i], SYNACK_TIME_AXIS);
        double w, h;

        measure (layout, SYNACK_LABEL_AXIS, text, &w, &h);
        if (ky[i] - h / 2 < last_bottom + 2 * s)
          continue;
        {
          int label = add_label (layout, SYNACK_LABEL_AXIS, -1, SYNACK_CLIENT, g_steal_pointer (&text));
          SynackDiagramLabel *l = LABEL (layout, label);
          l->box.x = layout->axis_x - 6 * s - l->box.width;
          l->box.y = ky[i] - l->box.height / 2;
          last_bottom = l->box.y + l->box.height;
        }
      }
  }

  /* Every column's boxes are obstacles for what goes between the lifelines. */
  obstacles_init (layout);
  for (guint i = 0; i < layout->labels->len; i++)
    {
      SynackDiagramLabel *l = LABEL (layout, i);
      if (l->kind != SYNACK_LABEL_SEGMENT && l->kind != SYNACK_LABEL_LOST &&
          l->kind != SYNACK_LABEL_BREAK && l->event != -2)
        obstacle_add (layout, &l->box);
    }

  /* Break labels across the middle of their stretch. */
  for (guint i = 0; i < layout->breaks->len; i++)
    {
      SynackDiagramBreak *b = &g_array_index (layout->breaks, SynackDiagramBreak, i);
      SynackDiagramLabel *l = LABEL (layout, b->label);
      double cx = (layout->life_x[0] + layout->life_x[1]) / 2;

      l->box = box_centered (cx, (b->y0 + b->y1) / 2, l->box.width, l->box.height);
      obstacle_add (layout, &l->box);
    }

  place_arrows (layout);
}

/* Items sorted by top with the running maximum of their bottoms: the
 * items meeting [a, b] are found by a binary search and a short walk back. */
static void
span_index_build (SpanIndex *index, GArray *items, gsize stride, gsize y0_offset, gsize y1_offset)
{
  double run = -G_MAXDOUBLE;

  index->n = items->len;
  index->y0 = g_new (double, items->len + 1);
  index->max_y1 = g_new (double, items->len + 1);
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = items->data + i * stride;
      double y0 = *(const double *) (item + y0_offset);
      double y1 = *(const double *) (item + y1_offset);

      index->y0[i] = y0;
      run = MAX (run, MAX (y0, y1));
      index->max_y1[i] = run;
    }
}

void
synack_render_span_range (const SpanIndex *index, double a, double b, size_t *first, size_t *end)
{
  size_t lo = 0, hi = index->n;

  /* end: the first item starting below b */
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      if (index->y0[mid] <= b)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = lo;
  /* first: the first item whose running bottom reaches a */
  lo = 0;
  hi = *end;
  while (lo < hi)
    {
      size_t mid = (lo + hi) / 2;
      if (index->max_y1[mid] < a)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
}

static int
compare_label_index (gconstpointer a, gconstpointer b, gpointer data)
{
  const SynackDiagramLayout *layout = data;
  const SynackDiagramLabel *x = LABEL (layout, *(const int *) a);
  const SynackDiagramLabel *y = LABEL (layout, *(const int *) b);

  if (x->box.y != y->box.y)
    return x->box.y < y->box.y ? -1 : 1;
  return *(const int *) a - *(const int *) b;
}

static void
build_indexes (SynackDiagramLayout *layout)
{
  g_autoptr (GArray) label_boxes = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  span_index_build (&layout->arrow_index, layout->arrows, sizeof (SynackDiagramArrow),
                    G_STRUCT_OFFSET (SynackDiagramArrow, y0), G_STRUCT_OFFSET (SynackDiagramArrow, ya));
  g_array_sort (layout->timers, compare_timers);
  span_index_build (&layout->timer_index, layout->timers, sizeof (SynackDiagramTimer),
                    G_STRUCT_OFFSET (SynackDiagramTimer, y0), G_STRUCT_OFFSET (SynackDiagramTimer, y_expires));
  span_index_build (&layout->band_index, layout->bands, sizeof (SynackDiagramBand),
                    G_STRUCT_OFFSET (SynackDiagramBand, y0), G_STRUCT_OFFSET (SynackDiagramBand, y1));

  layout->label_order = g_new (int, layout->labels->len + 1);
  for (guint i = 0; i < layout->labels->len; i++)
    layout->label_order[i] = (int) i;
  g_qsort_with_data (layout->label_order, (gint) layout->labels->len, sizeof (int),
                     compare_label_index, layout);
  for (guint i = 0; i < layout->labels->len; i++)
    {
      const SynackDiagramLabel *l = LABEL (layout, layout->label_order[i]);
      double pair[2] = { l->box.y, l->box.y + l->box.height };
      g_array_append_vals (label_boxes, pair, 1);
    }
  span_index_build (&layout->label_index, label_boxes, sizeof (double) * 2, 0, sizeof (double));
  layout->label_layouts = g_new0 (PangoLayout *, layout->labels->len + 1);

  layout->label_owner = g_new (int, layout->labels->len + 1);
  for (guint i = 0; i < layout->labels->len; i++)
    layout->label_owner[i] = -1;
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      if (a->label >= 0)
        layout->label_owner[a->label] = (int) i;
      if (a->lost_label >= 0)
        layout->label_owner[a->lost_label] = (int) i;
    }
  for (guint i = 0; i < layout->timers->len; i++)
    {
      const SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
      if (t->label >= 0)
        layout->label_owner[t->label] = (int) i;
    }
}

SynackDiagramLayout *
synack_diagram_layout_new (const SynackTrace *trace, const SynackDiagramOptions *options)
{
  SynackDiagramOptions defaults;
  SynackDiagramLayout *layout = g_new0 (SynackDiagramLayout, 1);
  double s;
  double max_y = 0;

  if (options == NULL)
    {
      synack_diagram_options_init (&defaults);
      options = &defaults;
    }
  layout->trace = trace;
  layout->theme = options->theme ? synack_theme_copy (options->theme) : synack_theme_new ("light", 1, NULL);
  layout->mode = options->axis_mode;
  layout->text_scale = layout->theme->text_scale * (options->text_scale > 0 ? options->text_scale : 1);
  layout->font_px = layout->theme->font_size * layout->text_scale;
  /* Geometry follows the text scale fully but a theme's larger type only
   * in part: projector text is then larger relative to the page, which is
   * what counts once the page is fitted to a screen. Everything that holds
   * text is sized from the type itself, so nothing gets cramped. */
  layout->scale = s = layout->text_scale * sqrt (layout->theme->font_size / 13.0);
  layout->pango = synack_render_pango_context_new ();
  layout->labels = g_array_new (FALSE, TRUE, sizeof (SynackDiagramLabel));
  layout->arrows = g_array_new (FALSE, TRUE, sizeof (SynackDiagramArrow));
  layout->bands = g_array_new (FALSE, TRUE, sizeof (SynackDiagramBand));
  layout->timers = g_array_new (FALSE, TRUE, sizeof (SynackDiagramTimer));
  layout->breaks = g_array_new (FALSE, TRUE, sizeof (SynackDiagramBreak));
  layout->notes = g_array_new (FALSE, FALSE, sizeof (int));

  /* Everything scales with the type so a projector layout is the light
   * one magnified, not a cramped one with big letters. */
  layout->margin = 16 * s;
  layout->label_pad = 0.3 * layout->font_px;
  layout->label_pad_y = 0.12 * layout->font_px;
  layout->label_gap = 0.15 * layout->font_px;
  layout->band_w = 0.85 * layout->font_px;
  layout->lane_w = 0.75 * layout->font_px;
  layout->min_row = 1.55 * layout->font_px;
  layout->bundle_gap = 0.45 * layout->font_px;
  /* Scale time by the network's delay: a one-way trip is a comfortable
   * slant whatever the delay, and only stretches longer than a few trips
   * (idle time, timeouts) are squeezed. */
  {
    SynackTime delay = max_one_way_delay (trace);
    double k = 60.0 * s / ((double) delay / 1e6);

    layout->px_per_second = options->px_per_second > 0 ? options->px_per_second : CLAMP (k, 100 * s, 6000 * s);
    layout->break_threshold = CLAMP (5 * delay / 2, SYNACK_MS (120), SYNACK_SEC (3));
    layout->idle_threshold = CLAMP (delay, SYNACK_MS (20), SYNACK_SEC (1));
  }
  layout->head_len = 9 * layout->text_scale * MAX (1, layout->theme->line_width / 1.6);

  /* Host headings fix where time starts. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      uint16_t port = 0;
      GString *ports = g_string_new (NULL);

      for (size_t c = 0; c < trace->n_conns; c++)
        {
          port = h == SYNACK_CLIENT ? trace->conns[c].client_port : trace->conns[c].server_port;
          if (c == 0)
            g_string_append_printf (ports, ":%u", port);
          else if (c == trace->n_conns - 1 && port != trace->conns[0].client_port)
            g_string_append_printf (ports, "…%u", port);
        }
      if (h == SYNACK_SERVER && trace->n_conns > 1)
        {
          /* The server keeps one port: show it once. */
          g_string_truncate (ports, 0);
          g_string_append_printf (ports, ":%u", trace->conns[0].server_port);
        }
      layout->host_label[h] = add_label (layout, SYNACK_LABEL_HOST, -1, h,
                                         g_strdup_printf ("%s\n%s%s",
                                                          synack_describe_host (h, SYNACK_HOST_HEADING),
                                                          synack_describe_host_address (h), ports->str));
      g_string_free (ports, TRUE);
      max_y = MAX (max_y, LABEL (layout, layout->host_label[h])->box.height);
    }
  layout->top = layout->margin + max_y + 2.0 * layout->font_px;

  if (layout->mode == SYNACK_TIME_AXIS_PROPORTIONAL && trace->end_time > 0 && options->px_per_second <= 0)
    {
      /* One image must stay within cairo's 32767 px, even at 2×. */
      double limit = 15000.0 / ((double) trace->end_time / 1e6);
      layout->px_per_second = MIN (layout->px_per_second, MAX (limit, 1e-3));
    }

  build_time_axis (layout);
  build_items (layout);
  g_array_sort (layout->arrows, compare_arrows);
  layout->height = layout->bottom + layout->min_row + layout->margin;
  place_horizontal (layout);
  place_labels (layout);

  /* Labels pushed down a column may reach past the last event. */
  for (guint i = 0; i < layout->labels->len; i++)
    layout->height = MAX (layout->height, LABEL (layout, i)->box.y + LABEL (layout, i)->box.height + layout->margin);

  obstacles_clear (layout);
  build_indexes (layout);
  return layout;
}

void
synack_diagram_layout_free (SynackDiagramLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->labels->len; i++)
    {
      g_free (LABEL (layout, i)->text);
      if (layout->label_layouts && layout->label_layouts[i])
        g_object_unref (layout->label_layouts[i]);
    }
  g_free (layout->label_layouts);
  g_array_unref (layout->labels);
  g_array_unref (layout->arrows);
  g_array_unref (layout->bands);
  g_array_unref (layout->timers);
  g_array_unref (layout->breaks);
  g_array_unref (layout->notes);
  g_array_unref (layout->knot_t);
  g_array_unref (layout->knot_y);
  for (int i = 0; i < 4; i++)
    {
      SpanIndex *index = i == 0 ? &layout->arrow_index : i == 1 ? &layout->timer_index :
                         i == 2 ? &layout->band_index : &layout->label_index;
      g_free (index->y0);
      g_free (index->max_y1);
    }
  g_free (layout->label_order);
  g_free (layout->label_owner);
  g_object_unref (layout->pango);
  synack_theme_free (layout->theme);
  g_free (layout);
}

double synack_diagram_layout_get_width (const SynackDiagramLayout *layout) { return layout->width; }
double synack_diagram_layout_get_height (const SynackDiagramLayout *layout) { return layout->height; }
const SynackTrace *synack_diagram_layout_get_trace (const SynackDiagramLayout *layout) { return layout->trace; }

double
synack_diagram_layout_lifeline_x (const SynackDiagramLayout *layout, SynackHostId host)
{
  return layout->life_x[host == SYNACK_SERVER];
}

static double
distance_to_segment (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double u = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  u = CLAMP (u, 0, 1);
  return hypot (px - (x0 + u * dx), py - (y0 + u * dy));
}

long
synack_diagram_layout_hit_test (const SynackDiagramLayout *layout, double x, double y)
{
  double slop = MAX (5, 0.4 * layout->font_px);
  double best = slop;
  long hit = -1;
  size_t first, end;

  /* A label is a bigger target than a line: try labels first. */
  synack_render_span_range (&layout->label_index, y, y, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramLabel *l = LABEL (layout, layout->label_order[i]);

      if (l->kind == SYNACK_LABEL_SEGMENT && l->event >= 0 &&
          x >= l->box.x && x <= l->box.x + l->box.width &&
          y >= l->box.y && y <= l->box.y + l->box.height)
        return l->event;
    }

  synack_render_span_range (&layout->arrow_index, y - slop, y + slop, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      double d = distance_to_segment (x, y, a->x0, a->y0, a->x1, a->y1);

      if (d <= best)
        {
          best = d;
          hit = a->send_event;
        }
    }
  return hit;
}

const SynackDiagramLabel *
synack_diagram_layout_get_labels (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->labels->len;
  return (const SynackDiagramLabel *) layout->labels->data;
}

const SynackDiagramArrow *
synack_diagram_layout_get_arrows (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->arrows->len;
  return (const SynackDiagramArrow *) layout->arrows->data;
}

const SynackDiagramBand *
synack_diagram_layout_get_bands (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->bands->len;
  return (const SynackDiagramBand *) layout->bands->data;
}

const SynackDiagramTimer *
synack_diagram_layout_get_timers (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->timers->len;
  return (const SynackDiagramTimer *) layout->timers->data;
}

const SynackDiagramBreak *
synack_diagram_layout_get_breaks (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->breaks->len;
  return (const SynackDiagramBreak *) layout->breaks->data;
}
