/* synack-diagram-overview.h: the whole run at true scale in a thin strip, time left to right, with the part the diagram shows marked. */
#pragma once

#include <cairo.h>

#include "synack-diagram-layout.h"
#include "synack-theme.h"

G_BEGIN_DECLS

/* Time <-> x in a strip `width` wide: linear, the run's start at the left
 * margin and its end at the right one; clamped to the run. */
double     synack_diagram_overview_x_for_time (const SynackTrace *trace, double width, SynackTime t);
SynackTime synack_diagram_overview_time_for_x (const SynackTrace *trace, double width, double x);

/* Paints the strip in (0, 0, width, height): a line for each host with its
 * lifeline's states along it, every segment as a stroke from its sending to
 * its arrival (lost ones in the lost colour), and shown_from..shown_to,
 * the stretch of time the diagram has in view, as a framed window.
 * upto_event: as for synack_diagram_paint(), so the strip gives away no
 * more of the run than the diagram does, with the cursor's line
 * (SYNACK_DIAGRAM_ALL: everything, no cursor). */
void synack_diagram_overview_paint (cairo_t                   *cr,
                                    const SynackDiagramLayout *layout,
                                    const SynackTheme         *theme,
                                    double                     width,
                                    double                     height,
                                    long                       upto_event,
                                    SynackTime                 shown_from,
                                    SynackTime                 shown_to);

G_END_DECLS
