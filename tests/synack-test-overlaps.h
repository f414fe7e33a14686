/* synack-test-overlaps.h: the diagram's no-overlap guarantee, checked on a layout by the render and the window tests. */
#pragma once

#include "synack-diagram-layout.h"

G_BEGIN_DECLS

/* Fails the test when two shown labels overlap, a label covers an
 * arrowhead or leaves the page; WHAT names the layout in the message. */
void synack_test_assert_no_overlaps (const SynackDiagramLayout *layout, const char *what);

G_END_DECLS
