/* synack-svg-writer.h: the sequence diagram as semantic SVG (real text, one group per item), written from the layout. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-diagram-layout.h"
#include "synack-theme.h"

G_BEGIN_DECLS

typedef struct {
  long        upto;         /* last event shown, SYNACK_DIAGRAM_ALL for all */
  const char *title;        /* the document's <title>; NULL: none */
  const char *description;  /* the document's <desc> (the lesson's summary); NULL: none */
  double      heading_h;    /* > 0: the title is drawn in a band this tall above the diagram */
  /* For the web page: every item is written with data-e (the event that
   * reveals it) and data-end, nothing is left out, and the script reveals
   * items step by step. upto is then ignored. */
  gboolean    for_script;
} SynackSvgOptions;

void synack_svg_options_init (SynackSvgOptions *options);

/* Writes the diagram as SVG through write (cairo's stream signature, so
 * the export's atomic file serves both back-ends). Every segment is a
 * <g id="seg-N"> (a network copy "seg-N-copy"), every state band
 * "band-K", timer "timer-K", label "label-K", each with classes naming its
 * kind, host, state or flags, and a <title> with the sentence of the event
 * that made it. Returns FALSE if write failed. */
gboolean synack_svg_write (const SynackDiagramLayout *layout,
                           const SynackTheme         *theme,
                           const SynackSvgOptions    *options,
                           cairo_write_func_t         write,
                           void                      *closure);

G_END_DECLS
