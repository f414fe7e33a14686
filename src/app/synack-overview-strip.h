/* synack-overview-strip.h: the whole run at true scale above the sequence diagram; click or drag it to move the diagram there. */
#pragma once

#include <gtk/gtk.h>

#include "synack-diagram-view.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_OVERVIEW_STRIP (synack_overview_strip_get_type ())
G_DECLARE_FINAL_TYPE (SynackOverviewStrip, synack_overview_strip, SYNACK, OVERVIEW_STRIP, GtkWidget)

/* The diagram it shows and moves ("view" property); NULL: an empty strip. */
void               synack_overview_strip_set_view (SynackOverviewStrip *self, SynackDiagramView *view);
SynackDiagramView *synack_overview_strip_get_view (SynackOverviewStrip *self);

/* The view's cursor moved: the strip shows the run up to it. */
void     synack_overview_strip_cursor_moved (SynackOverviewStrip *self);
/* The stretch of simulated time the diagram has in view; FALSE with no run. */
gboolean synack_overview_strip_get_shown (SynackOverviewStrip *self, SynackTime *from, SynackTime *to);
/* What a click at x (widget coordinates) does: scroll the diagram so that
 * moment is in view, a third of the way down. */
void     synack_overview_strip_seek_to_x (SynackOverviewStrip *self, double x);

G_END_DECLS
