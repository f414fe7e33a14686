/* synack-export-gif.h: an animated GIF of a run, one slide-like frame per step, in a palette made for the theme. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "synack-slides.h"

G_BEGIN_DECLS

/* Writes one frame per step (deck->width × deck->height pixels), each
 * shown frame_delay milliseconds, looping; the last frame stays twice as
 * long so the end can be read. */
gboolean synack_gif_write (const SynackSlideDeck *deck,
                           const long            *steps,
                           size_t                 n_steps,
                           int                    frame_delay,
                           cairo_write_func_t     write,
                           void                  *closure,
                           GCancellable          *cancellable,
                           GError               **error);

G_END_DECLS
