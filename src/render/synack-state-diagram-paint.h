/* synack-state-diagram-paint.h: draws the state-transition diagram, with a moment of a run marked, for screen and export alike. */
#pragma once

#include <cairo.h>

#include "synack-state-diagram-layout.h"

G_BEGIN_DECLS

/* Paints in diagram coordinates (the caller translates/scales). marks and
 * trace may be NULL for the bare figure. */
void synack_state_diagram_paint (cairo_t                  *cr,
                                 const SynackStateDiagram *diagram,
                                 const SynackTheme        *theme,
                                 const SynackStateMarks   *marks,
                                 const SynackTrace        *trace);

G_END_DECLS
