/* synack-diagram-view-private.h: the diagram view's fields, shared by its drawing and its input files. */
#pragma once

#include "synack-census-chart.h"
#include "synack-diagram-view.h"

G_BEGIN_DECLS

struct _SynackDiagramView
{
  GtkWidget parent_instance;

  const SynackTrace   *trace;
  SynackDiagramLayout *layout;
  SynackTheme         *theme;
  char                *theme_name;
  double               text_scale;
  SynackTimeAxisMode   axis_mode;

  long                 upto;
  double               progress;
  long                 selected;

  double               zoom;
  gboolean             fit_width;  /* zoom follows the width until the user zooms */
  double               min_fit_zoom; /* fitting never shrinks the text below this */
  double               pinch_zoom_start;
  double               pointer_x, pointer_y; /* -1 when the pointer is elsewhere */
  gboolean             follow;
  guint                adjusting;   /* > 0 while we move the adjustments ourselves */

  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;

  GtkWidget           *context_menu;

  /* The census chart beside the diagram, on its time axis; the series is
   * the run's (borrowed), the chart remade with each layout. */
  const SynackCensusSeries *census;
  gboolean             show_census;
  SynackCensusChart   *census_chart;     /* in widget px at census_zoom: its type never shrinks */
  double               census_zoom;
};

/* synack-diagram-view.c */
void _synack_diagram_view_zoom_about   (SynackDiagramView *self, double zoom, double px, double py);
void _synack_diagram_view_emit_clicked (SynackDiagramView *self, long event);

/* synack-diagram-view-input.c: scroll, pinch, click, right-click and long press. */
void _synack_diagram_view_add_controllers (SynackDiagramView *self);

G_END_DECLS
