/* synack-text-export.c: what the mscgen, PlantUML and TikZ writers share: rows, visibility, label texts. */
#include "synack-text-export.h"

#include <math.h>

/* Heights closer than this are one row: the layout puts simultaneous events
 * at the same height, and half a pixel is invisible anyway. */
#define SAME_ROW 0.5

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
add_y (GArray *ys, double y)
{
  g_array_append_val (ys, y);
}

void
synack_text_rows_init (SynackTextRows *rows, const SynackDiagramLayout *layout, long upto)
{
  size_t n_arrows, n_bands;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);
  GArray *all = g_array_new (FALSE, FALSE, sizeof (double));

  for (size_t i = 0; i < n_arrows; i++)
    if (synack_text_arrow_shown (&arrows[i], upto))
      {
        add_y (all, arrows[i].y0);
        add_y (all, arrows[i].y1);
      }
  for (size_t i = 0; i < n_bands; i++)
    if (bands[i].event <= upto)
      add_y (all, bands[i].y0);
  g_array_sort (all, compare_double);

  rows->y = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < all->len; i++)
    {
      double y = g_array_index (all, double, i);

      if (rows->y->len == 0 || y - g_array_index (rows->y, double, rows->y->len - 1) > SAME_ROW)
        g_array_append_val (rows->y, y);
    }
  g_array_unref (all);
}

void
synack_text_rows_clear (SynackTextRows *rows)
{
  g_clear_pointer (&rows->y, g_array_unref);
}

guint
synack_text_row_of (const SynackTextRows *rows, double y)
{
  guint lo = 0, hi = rows->y->len;

  /* The last row at or above y (+ the tolerance). */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (rows->y, double, mid) <= y + SAME_ROW)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo ? lo - 1 : 0;
}

gboolean
synack_text_arrow_shown (const SynackDiagramArrow *arrow, long upto)
{
  return arrow->send_event <= upto;
}

gboolean
synack_text_label_shown (const SynackDiagramLayout *layout, int label, long upto)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);

  if (label < 0 || (size_t) label >= n)
    return FALSE;
  return labels[label].event == -1 || (labels[label].event >= 0 && labels[label].event <= upto);
}

const char *
synack_text_label (const SynackDiagramLayout *layout, int label)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);

  return label >= 0 && (size_t) label < n && labels[label].text ? labels[label].text : "";
}

char *
synack_text_host_heading (const SynackDiagramLayout *layout, SynackHostId host)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);

  for (size_t i = 0; i < n; i++)
    if (labels[i].kind == SYNACK_LABEL_HOST && labels[i].host == host)
      return g_strdelimit (g_strdup (labels[i].text), "\n", ' ');
  return g_strdup (synack_host_to_string (host));
}

gboolean
synack_text_band_shown (const SynackDiagramLayout *layout, const SynackTextRows *rows, size_t i, long upto)
{
  size_t n;
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n);
  guint row = synack_text_row_of (rows, bands[i].y0);

  if (bands[i].event > upto || !synack_text_label_shown (layout, bands[i].label, upto))
    return FALSE;
  for (size_t j = i + 1; j < n; j++)
    if (bands[j].host == bands[i].host && bands[j].event <= upto &&
        synack_text_label_shown (layout, bands[j].label, upto) && synack_text_row_of (rows, bands[j].y0) == row)
      return FALSE;
  return TRUE;
}
