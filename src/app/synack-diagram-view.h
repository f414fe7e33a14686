/* synack-diagram-view.h: the scrollable, zoomable, animated sequence diagram widget. */
#pragma once

#include <gtk/gtk.h>

#include "synack-render.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_DIAGRAM_VIEW (synack_diagram_view_get_type ())
G_DECLARE_FINAL_TYPE (SynackDiagramView, synack_diagram_view, SYNACK, DIAGRAM_VIEW, GtkWidget)

GtkWidget *synack_diagram_view_new (void);

/* The trace is borrowed: the caller keeps it alive until it sets another. */
void   synack_diagram_view_set_trace      (SynackDiagramView *self, const SynackTrace *trace);
/* A layout of a long trace takes a while: it can be made in a worker
 * thread with synack_layout_for_theme() and handed over here (taken). If
 * the view's theme changed meanwhile, the view lays the trace out again
 * itself and returns FALSE. */
gboolean synack_diagram_view_set_trace_with_layout (SynackDiagramView   *self,
                                                    const SynackTrace   *trace,
                                                    SynackDiagramLayout *layout,
                                                    const char          *theme_name,
                                                    double               text_scale);
const char *synack_diagram_view_get_theme_name (SynackDiagramView *self);
double      synack_diagram_view_get_text_scale (SynackDiagramView *self);

void   synack_diagram_view_set_theme      (SynackDiagramView *self, const char *name, double text_scale);
const SynackTheme *synack_diagram_view_get_theme (SynackDiagramView *self);
const SynackDiagramLayout *synack_diagram_view_get_layout (SynackDiagramView *self);

 /* How time runs down the page; the runs' layouts are made on the
 * compressed axis, so another one is laid out here, when it is shown. */
void   synack_diagram_view_set_axis_mode  (SynackDiagramView *self, SynackTimeAxisMode mode);
SynackTimeAxisMode synack_diagram_view_get_axis_mode (SynackDiagramView *self);

/* The census of the run shown (borrowed: it must outlive the trace it
 * goes with; NULL: none), drawn beside the diagram on its time axis when
 * shown. */
void   synack_diagram_view_set_census     (SynackDiagramView *self, const SynackCensusSeries *census);
void   synack_diagram_view_set_show_census (SynackDiagramView *self, gboolean show);
gboolean synack_diagram_view_get_show_census (SynackDiagramView *self);

void   synack_diagram_view_set_cursor     (SynackDiagramView *self, long upto, double progress);
long   synack_diagram_view_get_cursor     (SynackDiagramView *self);
void   synack_diagram_view_set_selected   (SynackDiagramView *self, long event);

double synack_diagram_view_get_zoom       (SynackDiagramView *self);
void   synack_diagram_view_set_zoom       (SynackDiagramView *self, double zoom);
/* Fits the width again (and keeps fitting as the window resizes). */
void   synack_diagram_view_zoom_to_fit    (SynackDiagramView *self);
void   synack_diagram_view_zoom_by        (SynackDiagramView *self, double factor);
/* Fitting the width shrinks the diagram down to this zoom at most (0.5 by
 * default); a wider one scrolls sideways rather than lose legibility. */
void   synack_diagram_view_set_min_fit_zoom (SynackDiagramView *self, double zoom);
/* The view's width at which the whole diagram fits at readable type. */
int    synack_diagram_view_get_width_to_fit (SynackDiagramView *self);

gboolean synack_diagram_view_get_follow   (SynackDiagramView *self);
void     synack_diagram_view_set_follow   (SynackDiagramView *self, gboolean follow);

/* The "Lose this segment" menu for the segment under a point (what a
 * right-click or long press does); FALSE if no segment is there. */
gboolean   synack_diagram_view_popup_menu       (SynackDiagramView *self, double x, double y);
GtkWidget *synack_diagram_view_get_context_menu (SynackDiagramView *self);
void       synack_diagram_view_layout_to_widget (SynackDiagramView *self, double lx, double ly,
                                                 double *x, double *y);

/* The SEND event under a point in widget coordinates, or -1. */
long   synack_diagram_view_hit_test       (SynackDiagramView *self, double x, double y);

G_END_DECLS
