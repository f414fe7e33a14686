/* synack-export-html.h: a self-contained web page that steps through a run (semantic SVG, narration, a small script). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-slides.h"

G_BEGIN_DECLS

/* Writes one HTML file with everything inline (no external resources):
 * the diagram as semantic SVG, the lesson's title, summary and points to
 * watch, and for each step its narration, the hosts' states and the point
 * to watch. Arrow keys, Space, Home/End and buttons step and play. */
gboolean synack_html_write (const SynackSlideDeck *deck,
                            const long            *steps,
                            size_t                 n_steps,
                            cairo_write_func_t     write,
                            void                  *closure,
                            GError               **error);

G_END_DECLS
