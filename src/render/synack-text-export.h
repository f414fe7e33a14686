/* synack-text-export.h: the diagram as text for other tools (mscgen, PlantUML, TikZ), from the same layout the cairo view paints. */
#pragma once

#include <glib.h>

#include "synack-diagram-layout.h"

G_BEGIN_DECLS

/* Each returns newly allocated source text showing events 0..upto
 * (SYNACK_DIAGRAM_ALL for all); title may be NULL. */
char *synack_diagram_to_msc      (const SynackDiagramLayout *layout, long upto, const char *title);
char *synack_diagram_to_plantuml (const SynackDiagramLayout *layout, long upto, const char *title);
char *synack_diagram_to_tikz     (const SynackDiagramLayout *layout, long upto, const char *title);

/* --- Shared by the three writers. --- */

/* The layout's distinct heights of things that happen, top to bottom: text
 * formats without coordinates lay the diagram out in these rows. */
typedef struct {
  GArray *y;   /* double, ascending */
} SynackTextRows;

void synack_text_rows_init  (SynackTextRows *rows, const SynackDiagramLayout *layout, long upto);
void synack_text_rows_clear (SynackTextRows *rows);
guint synack_text_row_of    (const SynackTextRows *rows, double y);

/* Is band i shown, and the last of its side in its row? Of several state
 * changes at one instant, rows show the state it ends in. */
gboolean    synack_text_band_shown  (const SynackDiagramLayout *layout, const SynackTextRows *rows,
                                     size_t i, long upto);
gboolean    synack_text_arrow_shown (const SynackDiagramArrow *arrow, long upto);
gboolean    synack_text_label_shown (const SynackDiagramLayout *layout, int label, long upto);
const char *synack_text_label       (const SynackDiagramLayout *layout, int label);
/* The host heading, "client 10.0.0.1:40000", from the layout's own label. */
char       *synack_text_host_heading (const SynackDiagramLayout *layout, SynackHostId host);

G_END_DECLS
