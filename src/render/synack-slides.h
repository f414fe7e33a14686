/* synack-slides.h: slide pages of a run (page sizes, the steps, a title page and one page per step with its narration). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-diagram-layout.h"
#include "synack-theme.h"

G_BEGIN_DECLS

typedef enum {
  SYNACK_PAGE_16_9,    /* the default: a widescreen slide, 960 × 540 pt */
  SYNACK_PAGE_4_3,     /* 720 × 540 pt */
  SYNACK_PAGE_A4,      /* landscape, 842 × 595 pt */
  SYNACK_PAGE_LETTER,  /* landscape, 792 × 612 pt */
  SYNACK_N_PAGE_SIZES
} SynackPageSize;

/* "16:9", "4:3", "a4", "letter" (any case); FALSE if unknown. */
gboolean    synack_page_size_from_string (const char *text, SynackPageSize *out);
const char *synack_page_size_to_string   (SynackPageSize page);
void        synack_page_size_points      (SynackPageSize page, double *width, double *height);

/* The steps of a step-by-step export: the last event each step shows.
 * Per event: every event of the run up to `upto`. Per segment: the
 * moment each segment arrives or is lost (or is sent, if it never ends),
 * so a deck has one page per arrow. Free with g_free(). */
long *synack_slide_steps (const SynackDiagramLayout *layout, gboolean per_segment, long upto, size_t *n_steps);

/* What a step says, newly allocated: the sentence of its event; per
 * segment, the sentence of the send and of its arrival. */
char *synack_slide_narration (const SynackDiagramLayout *layout, gboolean per_segment, long event);

/* The lesson's point to watch that this event illustrates (it names the
 * event's state, segment or timer), or NULL; watch holds one a line. */
char *synack_slide_watch_point (const SynackTrace *trace, const char *watch, long event);

typedef struct {
  const SynackDiagramLayout *layout;
  const SynackTheme         *theme;
  const char                *title;    /* with the "changed" mark if any; NULL: none */
  const char                *summary;
  const char                *watch;
  gboolean                   per_segment;
  double                     width, height; /* the page, in output units */
} SynackSlideDeck;

/* The lesson's title, summary and points to watch. */
void synack_slide_paint_title_page (cairo_t *cr, const SynackSlideDeck *deck);

/* Step `step` (from 0) of n_steps, showing the run up to event `upto`:
 * the heading, the diagram fitted to the page around the cursor, the
 * step number, the narration and the point to watch. */
void synack_slide_paint_step (cairo_t *cr, const SynackSlideDeck *deck, size_t step, size_t n_steps, long upto);

G_END_DECLS
