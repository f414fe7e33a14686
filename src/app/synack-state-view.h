/* synack-state-view.h: the live TCP state-transition diagram beside the sequence diagram. */
#pragma once

#include <gtk/gtk.h>

#include "synack-render.h"
#include "synack-run.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_STATE_VIEW (synack_state_view_get_type ())
G_DECLARE_FINAL_TYPE (SynackStateView, synack_state_view, SYNACK, STATE_VIEW, GtkBox)

/* The run is referenced; NULL clears the marks. */
void synack_state_view_set_run    (SynackStateView *self, SynackRun *run);
void synack_state_view_set_cursor (SynackStateView *self, long upto);
/* text_scale enlarges the labels within the same figure (presentation). */
void synack_state_view_set_theme  (SynackStateView *self, const char *name, double text_scale);

const SynackStateDiagram *synack_state_view_get_diagram (SynackStateView *self);
const SynackStateMarks   *synack_state_view_get_marks   (SynackStateView *self);

/* What a click at (x, y) in the drawing does: on a state, list the moments
 * a host was in it; on an edge, jump to the event that took it ("event-
 * activated"). Returns FALSE if nothing is there. */
gboolean synack_state_view_click_at (SynackStateView *self, double x, double y);
/* Where a node's centre, or an edge's label, is drawn, in drawing coordinates. */
void     synack_state_view_diagram_to_widget (SynackStateView *self, double dx, double dy,
                                              double *x, double *y);
/* The moments listed for the last state clicked, as shown (for tests). */
GtkWidget *synack_state_view_get_moments (SynackStateView *self);
GtkWidget *synack_state_view_get_area    (SynackStateView *self);

G_END_DECLS
