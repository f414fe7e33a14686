/* synack-diagram-paint.h: draws a laid-out sequence diagram with cairo and pango, for screen and export alike. */
#pragma once

#include <cairo.h>

#include "synack-diagram-layout.h"
#include "synack-theme.h"

G_BEGIN_DECLS

/* Paints the diagram in layout coordinates (the caller translates/scales).
 *
 * upto_event: the last event shown (inclusive); later ones are hidden and a
 * cursor line marks the time. SYNACK_DIAGRAM_ALL shows everything without a
 * cursor; -1 shows only the lifelines.
 * progress: 0..1 between event upto_event and the next one, so segments in
 * flight can be animated; 0 when stepping.
 * visible: the part of the layout to draw (NULL: all); only items that meet
 * it are looked at, so a huge trace costs what the viewport shows.
 * theme: colours; its sizes should match the layout's (NULL: the layout's). */
void synack_diagram_paint (cairo_t                   *cr,
                           const SynackDiagramLayout *layout,
                           const SynackTheme         *theme,
                           long                       upto_event,
                           double                     progress,
                           const cairo_rectangle_t   *visible);

/* The simulated time of the cursor for (upto_event, progress). */
SynackTime synack_diagram_cursor_time (const SynackDiagramLayout *layout,
                                       long                       upto_event,
                                       double                     progress);

/* The event that makes label `index` appear: a segment's label (and its
 * "lost") comes with the arrow's arrival or loss; others with their own. */
long synack_diagram_label_reveal (const SynackDiagramLayout *layout, int index);

G_END_DECLS
