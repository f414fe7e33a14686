/* synack-test-overlaps.c: the diagram's no-overlap guarantee, checked on a layout by the render and the window tests. */
#include "synack-config.h"

#include "synack-test-overlaps.h"

static gboolean
overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

void
synack_test_assert_no_overlaps (const SynackDiagramLayout *layout, const char *what)
{
  size_t n_labels, n_arrows;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  size_t shown = 0;

  for (size_t i = 0; i < n_labels; i++)
    {
      if (labels[i].event == -2)
        continue;
      shown++;
      g_assert_cmpfloat (labels[i].box.width, >, 0);
      g_assert_cmpfloat (labels[i].box.x, >=, 0);
      g_assert_cmpfloat (labels[i].box.x + labels[i].box.width, <=, synack_diagram_layout_get_width (layout));
      g_assert_cmpfloat (labels[i].box.y + labels[i].box.height, <=, synack_diagram_layout_get_height (layout));
      for (size_t j = i + 1; j < n_labels; j++)
        {
          if (labels[j].event == -2)
            continue;
          if (overlap (&labels[i].box, &labels[j].box))
            g_error ("%s: labels “%s” and “%s” overlap", what, labels[i].text, labels[j].text);
        }
      for (size_t j = 0; j < n_arrows; j++)
        if (overlap (&labels[i].box, &arrows[j].head))
          g_error ("%s: label “%s” covers the head of segment %u", what, labels[i].text, arrows[j].seg);
    }
  g_assert_cmpuint (shown, >, 0);
}
