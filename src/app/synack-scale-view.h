/* synack-scale-view.h: the strip view of a run's connections with its census under it; zooming into a few connections asks for their segments. */
#pragma once

#include <gtk/gtk.h>

#include "synack-scale-summary.h"

G_BEGIN_DECLS

/* Zoomed in to this many connections or fewer, the view asks for their
 * segments ("show-connections"): individual arrows fit again. */
#define SYNACK_SCALE_VIEW_SHOW_CONNECTIONS 40

#define SYNACK_TYPE_SCALE_VIEW (synack_scale_view_get_type ())
G_DECLARE_FINAL_TYPE (SynackScaleView, synack_scale_view, SYNACK, SCALE_VIEW, GtkWidget)

/* The summary shown (borrowed: it must outlive its being shown; NULL:
 * none), in a theme (by name). Shows all its rows again. */
void     synack_scale_view_set_summary (SynackScaleView *self, const SynackScaleSummary *summary,
                                        const char *theme_name, double text_scale);
void     synack_scale_view_set_cursor  (SynackScaleView *self, SynackTime t);
/* Rows in view: zoom by a factor about a grid row (-1: the middle one);
 * a factor of 0 shows every row again. */
void     synack_scale_view_zoom_rows   (SynackScaleView *self, double factor, int about_row);
/* The connections in view. */
void     synack_scale_view_get_shown   (SynackScaleView *self, uint32_t *first, uint32_t *last);

/* Signals: "seek" (gint64 µs): a time was clicked; "show-connections"
 * (guint first, guint last): zoomed in far enough for their segments. */

G_END_DECLS
