/* synack-diagram-layout.c: turns a trace into the geometry of its sequence diagram. */
#include "synack-config.h"

#include "synack-diagram-layout.h"

struct _SynackDiagramLayout {
  const SynackTrace *trace;
  double width, height;
};

void
synack_diagram_options_init (SynackDiagramOptions *options)
{
  *options = (SynackDiagramOptions) { .axis_mode = SYNACK_TIME_AXIS_COMPRESSED, .text_scale = 1 };
}

SynackDiagramLayout *
synack_diagram_layout_new (const SynackTrace *trace, const SynackDiagramOptions *options)
{
  SynackDiagramLayout *layout = g_new0 (SynackDiagramLayout, 1);

  layout->trace = trace;
  layout->width = 800;
  layout->height = 600;
  return layout;
}

void
synack_diagram_layout_free (SynackDiagramLayout *layout)
{
  g_free (layout);
}

double synack_diagram_layout_get_width (const SynackDiagramLayout *layout) { return layout->width; }
double synack_diagram_layout_get_height (const SynackDiagramLayout *layout) { return layout->height; }
const SynackTrace *synack_diagram_layout_get_trace (const SynackDiagramLayout *layout) { return layout->trace; }
double synack_diagram_layout_lifeline_x (const SynackDiagramLayout *layout, SynackHostId host) { return host == SYNACK_CLIENT ? 200 : 600; }
double synack_diagram_layout_y_for_time (const SynackDiagramLayout *layout, SynackTime t) { return 0; }
SynackTime synack_diagram_layout_time_for_y (const SynackDiagramLayout *layout, double y) { return 0; }
double synack_diagram_layout_y_for_event (const SynackDiagramLayout *layout, long event) { return 0; }
long synack_diagram_layout_hit_test (const SynackDiagramLayout *layout, double x, double y) { return -1; }
const SynackDiagramLabel *synack_diagram_layout_get_labels (const SynackDiagramLayout *layout, size_t *n) { *n = 0; return NULL; }
const SynackDiagramArrow *synack_diagram_layout_get_arrows (const SynackDiagramLayout *layout, size_t *n) { *n = 0; return NULL; }
const SynackDiagramBand *synack_diagram_layout_get_bands (const SynackDiagramLayout *layout, size_t *n) { *n = 0; return NULL; }
const SynackDiagramTimer *synack_diagram_layout_get_timers (const SynackDiagramLayout *layout, size_t *n) { *n = 0; return NULL; }
const SynackDiagramBreak *synack_diagram_layout_get_breaks (const SynackDiagramLayout *layout, size_t *n) { *n = 0; return NULL; }
