/* synack-export.h: writes the sequence diagram of a trace to PNG, SVG or PDF files, atomically. */
#pragma once

#include <gio/gio.h>

#include "synack-diagram-layout.h"
#include "synack-census-chart.h"
#include "synack-slides.h"
#include "synack-strip.h"

G_BEGIN_DECLS

typedef enum {
  SYNACK_EXPORT_FORMAT_AUTO,  /* from the file name's extension */
  SYNACK_EXPORT_FORMAT_PNG,
  SYNACK_EXPORT_FORMAT_SVG,
  SYNACK_EXPORT_FORMAT_PDF,
  SYNACK_EXPORT_FORMAT_GIF,   /* animated: one frame per step */
  SYNACK_EXPORT_FORMAT_HTML,  /* a web page that steps through the run */
  SYNACK_EXPORT_FORMAT_MSC,   /* mscgen source */
  SYNACK_EXPORT_FORMAT_PUML,  /* PlantUML source (teoz) */
  SYNACK_EXPORT_FORMAT_TEX,   /* a standalone LaTeX document with TikZ */
} SynackExportFormat;

typedef enum {
  SYNACK_SVG_BACKEND_SEMANTIC, /* real text, a group per item: editable */
  SYNACK_SVG_BACKEND_CAIRO,    /* cairo's SVG: glyphs as paths, exactly the screen's look */
} SynackSvgBackend;

/* Which diagrams a file shows. */
typedef enum {
  SYNACK_EXPORT_VIEW_SEQUENCE,  /* the sequence diagram */
  SYNACK_EXPORT_VIEW_STATES,    /* the state-transition diagram at the last event shown */
  SYNACK_EXPORT_VIEW_BOTH,      /* side by side: sequence left, states right */
  SYNACK_EXPORT_VIEW_STRIP,     /* a strip per connection (or range of them) over time, the census under it */
} SynackExportView;

/* Parses "sequence", "states", "both" or "strip"; FALSE if unknown. */
gboolean synack_export_view_from_string (const char *name, SynackExportView *out);

typedef struct {
  SynackExportFormat format;
  SynackExportView   view;
  gboolean           census;      /* the sequence diagram: the census chart beside it, on its time axis */
  const char        *theme;       /* theme name; NULL: "light" */
  double             text_scale;  /* <= 0: 1 */
  SynackTimeAxisMode axis_mode;
  int                width;       /* PNG width in px (0: natural); other formats: page width in pt */
  double             scale;       /* used when width is 0; <= 0: 1 (2 for HiDPI slides) */
  long               upto;        /* last event shown, SYNACK_DIAGRAM_ALL for all */
  gboolean           per_step;    /* slides, one per event: a PDF, or PNGs OUT-001.png, OUT-002.png … */
  long               from;        /* per_step: the first event shown (0: from the start) */
  const char        *title;       /* the lesson's title: a heading above the diagram; NULL: none */
  gboolean           changed;     /* the run differs from the lesson: the title says so */
  const char        *summary;     /* the lesson's summary: the slides' title page, the page's intro */
  const char        *watch;       /* points to watch, one a line; NULL: none */
  gboolean           per_segment; /* steps are segments (send to arrival), not events */
  SynackPageSize     page;        /* page of a per-step PDF */
  SynackSvgBackend   svg_backend;
  int                frame_delay; /* GIF: milliseconds per frame */
  /* Looked at between pages, frames and steps; once cancelled, the export
   * fails with G_IO_ERROR_CANCELLED and leaves nothing. NULL: never. */
  GCancellable      *cancellable;
  /* Told, in the exporting thread, the fraction done (0 to 1) as the pages
   * and numbered files of a per-step export are done. NULL: nobody. */
  void             (*progress) (double done, gpointer data);
  gpointer           progress_data;
} SynackExportOptions;

/* A per-step export repaints the diagram once per step: beyond this many
 * steps it is refused and a range asked for. */
#define SYNACK_EXPORT_MAX_STEPS 500
/* Below this scale the picture is a dot (and cairo refuses the matrix). */
#define SYNACK_EXPORT_MIN_SCALE 0.01

void synack_export_options_init (SynackExportOptions *options);

/* The format named by a path's extension (.png, .svg, .pdf, .msc, .puml, .tex), or AUTO if none. */
SynackExportFormat synack_export_format_from_path (const char *path);

/* Draws the trace and writes it to path. Every file is written to a
 * temporary name in the same folder and renamed into place, so a failure
 * (no permission, full disk) leaves nothing behind. For per-step PNG the
 * files are path with "-NNN" before the extension, the PDF's slides but
 * for its title page: step K (from 1) shows the run up to its event, on
 * the chosen page (its size in points times the scale, in pixels) with
 * the title, the step number and the narration. With the state diagram
 * (view states or both), each is the whole picture up to that event. */
gboolean synack_export_file (const SynackTrace         *trace,
                             const SynackExportOptions *options,
                             const char                *path,
                             GError                   **error);

/* The strip view of a grid with the census chart under it on the same
 * time axis (census may be NULL), as PNG, SVG or PDF: a page of
 * options->width px (PNG) or pt (0: 1366), 16:9, with the title if any.
 * A run too big to keep is exported from these alone. */
gboolean synack_export_scale_file (const SynackStripGrid    *grid,
                                   const SynackCensusSeries *census,
                                   const SynackExportOptions *options,
                                   const char               *path,
                                   GError                  **error);

/* The title an export carries: the lesson's, marked "(changed)" when the
 * run differs from the lesson; NULL if there is no title. */
char *synack_export_lesson_title (const char *title, gboolean changed);

/* The file names a per-step PNG export writes, for messages; free with g_strfreev(). */
char **synack_export_step_paths (const char *path, size_t n_steps);

G_END_DECLS
