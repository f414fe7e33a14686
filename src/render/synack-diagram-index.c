/* synack-diagram-index.c: spatial indexes: collision buckets for placement, span indexes for lookups. */
#include "synack-config.h"

#include "synack-diagram-layout-private.h"

/* Boxes are bucketed in cells of the page, rows and columns, so a new
 * label is checked only against its neighbours: hundreds of connections
 * open at once put hundreds of labels in one row of the page, but few in
 * one cell. A cell is a list threaded through one array of the boxes
 * placed, so adding a box allocates nothing per cell. */
#define BUCKET_PX 64.0
#define COLUMN_PX 128.0

typedef struct {
  cairo_rectangle_t box;
  int               next;   /* the cell's box placed before, -1 */
} PlacedBox;

void
synack_layout_obstacles_init (SynackDiagramLayout *layout)
{
  size_t n;

  layout->n_bucket_rows = (size_t) (MAX (layout->height, 0) / BUCKET_PX) + 2;
  layout->n_bucket_columns = (size_t) (MAX (layout->width, 0) / COLUMN_PX) + 2;
  n = layout->n_bucket_rows * layout->n_bucket_columns;
  layout->bucket_last = g_new (int, n);
  for (size_t i = 0; i < n; i++)
    layout->bucket_last[i] = -1;
  layout->placed = g_array_sized_new (FALSE, FALSE, sizeof (PlacedBox), 1024);
}

void
synack_layout_obstacles_clear (SynackDiagramLayout *layout)
{
  g_clear_pointer (&layout->bucket_last, g_free);
  g_clear_pointer (&layout->placed, g_array_unref);
  layout->n_bucket_rows = layout->n_bucket_columns = 0;
}

/* The cells from (*r0, *c0) to (*r1, *c1) that r reaches; what lies off
 * the page goes in its edge cells. */
static void
bucket_range (const SynackDiagramLayout *layout, const cairo_rectangle_t *r,
              size_t *r0, size_t *r1, size_t *c0, size_t *c1)
{
  double top = MAX (r->y, 0), bottom = MAX (r->y + r->height, 0);
  double left = MAX (r->x, 0), right = MAX (r->x + r->width, 0);

  *r0 = MIN ((size_t) (top / BUCKET_PX), layout->n_bucket_rows - 1);
  *r1 = MIN ((size_t) (bottom / BUCKET_PX), layout->n_bucket_rows - 1);
  *c0 = MIN ((size_t) (left / COLUMN_PX), layout->n_bucket_columns - 1);
  *c1 = MIN ((size_t) (right / COLUMN_PX), layout->n_bucket_columns - 1);
}

void
synack_layout_obstacle_add (SynackDiagramLayout *layout, const cairo_rectangle_t *r)
{
  size_t r0, r1, c0, c1;

  bucket_range (layout, r, &r0, &r1, &c0, &c1);
  /* A copy in each cell it reaches: a check reads its neighbours in a
   * row, not scattered over every box placed. */
  for (size_t row = r0; row <= r1; row++)
    for (size_t col = c0; col <= c1; col++)
      {
        int *last = &layout->bucket_last[row * layout->n_bucket_columns + col];
        PlacedBox placed = { *r, *last };

        *last = (int) layout->placed->len;
        g_array_append_val (layout->placed, placed);
      }
}

/* Inlined in the placement's inner loop, which calls it most. */
static inline gboolean
rects_overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
synack_render_rects_overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b)
{
  return rects_overlap (a, b);
}

gboolean
synack_layout_obstacle_hit (const SynackDiagramLayout *layout, const cairo_rectangle_t *r)
{
  const PlacedBox *placed = (const PlacedBox *) layout->placed->data;
  size_t r0, r1, c0, c1;

  bucket_range (layout, r, &r0, &r1, &c0, &c1);
  for (size_t row = r0; row <= r1; row++)
    for (size_t col = c0; col <= c1; col++)
      for (int i = layout->bucket_last[row * layout->n_bucket_columns + col]; i >= 0; i = placed[i].next)
        if (rects_overlap (r, &placed[i].box))
          return TRUE;
  return FALSE;
}

static int
compare_timers (gconstpointer a, gconstpointer b)
{
  const SynackDiagramTimer *x = a, *y = b;

  if (x->y0 != y->y0)
    return x->y0 < y->y0 ? -1 : 1;
  return x->event < y->event ? -1 : x->event > y->event;
}

/* Items sorted by top with the running maximum of their bottoms: the
 * items meeting [a, b] are found by a binary search and a short walk back. */
void
synack_render_span_index_build (SpanIndex *index, GArray *items, gsize stride, gsize y0_offset, gsize y1_offset)
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

void
synack_layout_build_indexes (SynackDiagramLayout *layout)
{
  g_autoptr (GArray) label_boxes = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  synack_render_span_index_build (&layout->arrow_index, layout->arrows, sizeof (SynackDiagramArrow),
                                  G_STRUCT_OFFSET (SynackDiagramArrow, y0), G_STRUCT_OFFSET (SynackDiagramArrow, ya));
  g_array_sort (layout->timers, compare_timers);
  synack_render_span_index_build (&layout->timer_index, layout->timers, sizeof (SynackDiagramTimer),
                                  G_STRUCT_OFFSET (SynackDiagramTimer, y0), G_STRUCT_OFFSET (SynackDiagramTimer, y_expires));
  synack_render_span_index_build (&layout->band_index, layout->bands, sizeof (SynackDiagramBand),
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
  synack_render_span_index_build (&layout->label_index, label_boxes, sizeof (double) * 2, 0, sizeof (double));
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
