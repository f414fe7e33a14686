/* synack-export-private.h: what the render layer's exports share: one picture drawn into a PNG, SVG or PDF file, written atomically. */
#pragma once

#include "synack-export.h"

G_BEGIN_DECLS

typedef void (*SynackExportDraw) (cairo_t *cr, gconstpointer data);

/* A file of one page, width × height (px for PNG, pt otherwise), drawn by
 * draw; format is PNG, SVG or PDF. Nothing is left behind on failure. */
gboolean synack_export_write_picture (SynackExportFormat format, double width, double height,
                                      SynackExportDraw draw, gconstpointer data, const char *title,
                                      const char *path, GError **error);

G_END_DECLS
