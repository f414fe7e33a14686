/* synack-legend.h: what the diagram's colours, bars and dash styles mean, drawn with the diagram's own theme. */
#pragma once

#include <gtk/gtk.h>

#include "synack-render.h"

G_BEGIN_DECLS

/* A card of rows, each a sample drawn as the diagram draws it and its
 * meaning. The theme is borrowed: set it again before it is freed. */
GtkWidget *synack_legend_new       (void);
void       synack_legend_set_theme (GtkWidget *legend, const SynackTheme *theme);

G_END_DECLS
