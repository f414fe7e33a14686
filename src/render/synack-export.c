/* synack-export.c: PNG, SVG and PDF files of a sequence diagram, written atomically. */
#include "synack-config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "synack-atomic-file.h"
#include "synack-diagram-layout-private.h"
#include "synack-diagram-paint.h"
#include "synack-export.h"
#include "synack-export-private.h"
#include "synack-export-gif.h"
#include "synack-export-html.h"
#include "synack-svg-writer.h"
#include "synack-state-diagram-paint.h"
#include "synack-text-export.h"

/* cairo's image surfaces stop at 32767 pixels a side; beyond 64 million
 * pixels (256 MB of memory) drawing takes minutes and gigabytes. */
#define MAX_PNG_SIDE 32767
#define MAX_PNG_PIXELS (64.0 * 1000 * 1000)

void
synack_export_options_init (SynackExportOptions *options)
{
  *options = (SynackExportOptions) {
    .format = SYNACK_EXPORT_FORMAT_AUTO,
    .view = SYNACK_EXPORT_VIEW_SEQUENCE,
    .theme = NULL,
    .text_scale = 1,
    .axis_mode = SYNACK_TIME_AXIS_COMPRESSED,
    .width = 0,
    .scale = 1,
    .upto = SYNACK_DIAGRAM_ALL,
    .per_step = FALSE,
    .from = 0,
    .title = NULL,
    .page = SYNACK_PAGE_16_9,
    .svg_backend = SYNACK_SVG_BACKEND_SEMANTIC,
    .frame_delay = 1500,
  };
}

gboolean
synack_export_view_from_string (const char *name, SynackExportView *out)
{
  static const char *const names[] = { "sequence", "states", "both", "strip" };

  for (guint k = 0; name && k < G_N_ELEMENTS (names); k++)
    if (g_str_equal (name, names[k]))
      {
        *out = (SynackExportView) k;
        return TRUE;
      }
  return FALSE;
}

SynackExportFormat
synack_export_format_from_path (const char *path)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return SYNACK_EXPORT_FORMAT_AUTO;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return SYNACK_EXPORT_FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return SYNACK_EXPORT_FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return SYNACK_EXPORT_FORMAT_PDF;
  if (g_ascii_strcasecmp (dot, ".gif") == 0)
    return SYNACK_EXPORT_FORMAT_GIF;
  if (g_ascii_strcasecmp (dot, ".html") == 0 || g_ascii_strcasecmp (dot, ".htm") == 0)
    return SYNACK_EXPORT_FORMAT_HTML;
  if (g_ascii_strcasecmp (dot, ".msc") == 0)
    return SYNACK_EXPORT_FORMAT_MSC;
  if (g_ascii_strcasecmp (dot, ".puml") == 0)
    return SYNACK_EXPORT_FORMAT_PUML;
  if (g_ascii_strcasecmp (dot, ".tex") == 0)
    return SYNACK_EXPORT_FORMAT_TEX;
  return SYNACK_EXPORT_FORMAT_AUTO;
}

char **
synack_export_step_paths (const char *path, size_t n_steps)
{
  const char *dot = strrchr (path, '.');
  size_t stem = dot && !strchr (dot, G_DIR_SEPARATOR) ? (size_t) (dot - path) : strlen (path);
  const char *ext = path + stem;
  int digits = n_steps >= 1000 ? (int) floor (log10 ((double) n_steps)) + 1 : 3;
  char **paths = g_new0 (char *, n_steps + 1);

  for (size_t i = 0; i < n_steps; i++)
    paths[i] = g_strdup_printf ("%.*s-%0*zu%s", (int) stem, path, digits, i + 1, ext);
  return paths;
}

/* A cairo failure: the write error if there was one, else cairo's reason. */
static gboolean
check_cairo (cairo_status_t status, SynackAtomicFile *file, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS && file->error == 0)
    return TRUE;
  if (file->error != 0)
    synack_atomic_file_set_error (error, file->final_path, file->error);
  else
    g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_CAIRO,
                 _("Cannot draw the diagram: %s"), cairo_status_to_string (status));
  synack_atomic_file_abort (file);
  return FALSE;
}

/* ------------------------------------------------------------ drawing */

typedef struct {
  const SynackDiagramLayout *layout;    /* NULL: no sequence diagram */
  const SynackStateDiagram  *states;    /* NULL: no state diagram */
  const SynackTheme         *theme;
  const char                *title;
  double                     title_h;   /* layout units above the diagram */
  double                     seq_w;     /* layout units taken by the sequence diagram */
  const SynackCensusChart   *census;    /* NULL: no census chart beside the sequence diagram */
  double                     census_w;  /* layout units it takes */
  double                     scale;     /* output units per layout unit */
  double                     width, height; /* output units */
  long                       from;      /* numbered PNGs: the event of the first */
} Page;

/* The heading, wrapped to the diagram's width: a long one, or one in a
 * script with taller lines, makes the band above the diagram taller. */
static PangoLayout *
title_layout (const SynackDiagramLayout *layout, const char *title)
{
  PangoLayout *pl = synack_render_text_layout (layout, SYNACK_LABEL_HOST, title);
  g_autoptr (PangoFontDescription) font = synack_render_font (layout, SYNACK_LABEL_HOST);

  pango_font_description_set_absolute_size (font, layout->font_px * 1.3 * PANGO_SCALE);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_alignment (pl, PANGO_ALIGN_LEFT);
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (pl, (int) ((layout->width - 2 * layout->margin) * PANGO_SCALE));
  return pl;
}

static double
title_height (const SynackDiagramLayout *layout, const char *title)
{
  g_autoptr (PangoLayout) pl = title_layout (layout, title);
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  return MAX (layout->font_px * 2.4,
              layout->margin * 0.6 + (double) logical.height / PANGO_SCALE + layout->font_px * 0.5);
}

static void
draw_page (cairo_t *cr, const Page *page, long upto)
{
  cairo_save (cr);
  cairo_scale (cr, page->scale, page->scale);
  /* The whole page first: the two diagrams need not be the same height. */
  cairo_set_source_rgba (cr, page->theme->background.r, page->theme->background.g,
                         page->theme->background.b, page->theme->background.a);
  cairo_rectangle (cr, 0, 0, page->width / page->scale, page->height / page->scale);
  cairo_fill (cr);
  if (page->title_h > 0)
    {
      const SynackDiagramLayout *layout = page->layout;
      g_autoptr (PangoLayout) pl = title_layout (layout, page->title);

      cairo_set_source_rgba (cr, page->theme->foreground.r, page->theme->foreground.g,
                             page->theme->foreground.b, page->theme->foreground.a);
      cairo_move_to (cr, layout->margin, layout->margin * 0.6);
      pango_cairo_show_layout (cr, pl);
      cairo_translate (cr, 0, page->title_h);
    }
  if (page->seq_w > 0)
    synack_diagram_paint (cr, page->layout, page->theme, upto, 0, NULL);
  if (page->census != NULL)
    {
      SynackTime cursor = upto == SYNACK_DIAGRAM_ALL ? -1 : synack_diagram_cursor_time (page->layout, upto, 0);

      synack_census_chart_paint (cr, page->census, page->theme, cursor, NULL);
      cairo_translate (cr, page->census_w, 0);
    }
  if (page->states)
    {
      SynackStateMarks marks;

      synack_state_diagram_marks (page->states, synack_diagram_layout_get_trace (page->layout), upto, &marks);
      cairo_translate (cr, page->seq_w, 0);
      synack_state_diagram_paint (cr, page->states, page->theme, &marks,
                                  synack_diagram_layout_get_trace (page->layout));
    }
  cairo_restore (cr);
}

/* Draws one picture of w × h pixels into file, opened for path but not
 * yet in place. */
typedef void (*DrawFunc) (cairo_t *cr, gconstpointer data, long step);

static gboolean
write_png_drawn (int w, int h, DrawFunc draw, gconstpointer data, long step, const char *path,
                 SynackAtomicFile *file, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_CAIRO,
                   _("Cannot make a %d × %d image: %s"), w, h, cairo_status_to_string (status));
      return FALSE;
    }
  cr = cairo_create (surface);
  draw (cr, data, step);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_CAIRO,
                   _("Cannot draw the diagram: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (!synack_atomic_file_open (file, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  status = cairo_surface_write_to_png_stream (surface, synack_atomic_file_write, file);
  cairo_surface_destroy (surface);
  return check_cairo (status, file, error);
}

static void
draw_page_upto (cairo_t *cr, gconstpointer data, long upto)
{
  draw_page (cr, data, upto);
}

static gboolean
write_png (const Page *page, const char *path, long upto, SynackAtomicFile *file, GError **error)
{
  /* The small slack keeps 1600.0000001 from becoming 1601 pixels. */
  int w = (int) ceil (page->width - 1e-6), h = (int) ceil (page->height - 1e-6);

  return write_png_drawn (w, h, draw_page_upto, page, upto, path, file, error);
}

static gboolean
write_page_png (gconstpointer data, size_t k, const char *path, SynackAtomicFile *file, GError **error)
{
  const Page *page = data;

  return write_png (page, path, page->from + (long) k, file, error);
}

/* Ends a PDF or SVG written through file (defined below). */
static gboolean finish_vector (cairo_t *cr, cairo_surface_t *surface, SynackAtomicFile *file, gboolean cancelled,
                               GError **error);

typedef struct {
  SynackExportDraw draw;
  gconstpointer    data;
} Picture;

static void
draw_picture (cairo_t *cr, gconstpointer data, long step)
{
  const Picture *picture = data;

  picture->draw (cr, picture->data);
}

gboolean
synack_export_write_picture (SynackExportFormat format, double width, double height, SynackExportDraw draw,
                             gconstpointer data, const char *title, const char *path, GError **error)
{
  Picture picture = { draw, data };
  SynackAtomicFile file;
  cairo_surface_t *surface;

  if (format == SYNACK_EXPORT_FORMAT_PNG)
    return write_png_drawn ((int) ceil (width - 1e-6), (int) ceil (height - 1e-6), draw_picture, &picture, 0,
                            path, &file, error) &&
           synack_atomic_file_commit (&file, 1, error);
  g_return_val_if_fail (format == SYNACK_EXPORT_FORMAT_SVG || format == SYNACK_EXPORT_FORMAT_PDF, FALSE);
  if (!synack_atomic_file_open (&file, path, error))
    return FALSE;
  if (format == SYNACK_EXPORT_FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (synack_atomic_file_write, &file, width, height);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (synack_atomic_file_write, &file, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "SynAck " PACKAGE_VERSION);
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    }
  {
    cairo_t *cr = cairo_create (surface);

    draw (cr, data);
    cairo_show_page (cr);
    return finish_vector (cr, surface, &file, FALSE, error);
  }
}

/* Ends a PDF or SVG written through file: its pages are drawn, or it was
 * cancelled (with the error set) and is dropped. */
static gboolean
finish_vector (cairo_t *cr, cairo_surface_t *surface, SynackAtomicFile *file, gboolean cancelled,
               GError **error)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cancelled)
    {
      cairo_surface_destroy (surface);
      synack_atomic_file_abort (file);
      return FALSE;
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, file, error))
    return FALSE;
  return synack_atomic_file_commit (file, 1, error);
}

/* Between the steps of a per-step export: FALSE, with the error set, if
 * it was cancelled; otherwise reports how far it is. */
static gboolean
step_done (const SynackExportOptions *options, double done, GError **error)
{
  if (options == NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    return FALSE;
  if (options->progress != NULL)
    options->progress (done, options->progress_data);
  return TRUE;
}

/* Numbered files (path with -001, -002 … before the extension), all
 * written aside first, then put in place together, so a failure, a
 * cancel or an interruption leaves neither a partial set nor a damaged old
 * one. */
typedef gboolean (*StepWriter) (gconstpointer data, size_t k, const char *path, SynackAtomicFile *file, GError **error);

static gboolean
write_numbered (const char *path, size_t n_names, size_t first, size_t n_files, StepWriter write_step,
                gconstpointer data, const SynackExportOptions *options, GError **error)
{
  g_auto (GStrv) paths = synack_export_step_paths (path, n_names);
  g_autofree SynackAtomicFile *files = g_new0 (SynackAtomicFile, n_files);

  for (size_t k = 0; k < n_files; k++)
    if (!step_done (options, (double) k / (double) n_files, error) ||
        !write_step (data, k, paths[first + k], &files[k], error))
      {
        for (size_t j = 0; j < k; j++)
          synack_atomic_file_abort (&files[j]);
        return FALSE;
      }
  return synack_atomic_file_commit (files, n_files, error);
}


/* The census chart beside the diagram follows its compressed time axis. */
static double
census_pos_for_time (gconstpointer layout, SynackTime t)
{
  return synack_diagram_layout_y_for_time (layout, t);
}

/* steps: the options of a per-step export, or NULL for one page. */
static gboolean
write_vector (const Page *page, SynackExportFormat format, const char *path,
              long first_upto, long last_upto, const SynackExportOptions *steps, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  SynackAtomicFile file;
  gboolean cancelled = FALSE;

  if (!synack_atomic_file_open (&file, path, error))
    return FALSE;
  if (format == SYNACK_EXPORT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (synack_atomic_file_write, &file, page->width, page->height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (synack_atomic_file_write, &file, page->width, page->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "SynAck " PACKAGE_VERSION);
      if (page->title)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, page->title);
    }
  cr = cairo_create (surface);
  /* One page for each cursor from first_upto to last_upto (one page when
   * both are SYNACK_DIAGRAM_ALL). */
  for (long k = first_upto; ; k++)
    {
      cancelled = !step_done (steps, (double) (k - first_upto) / (double) (last_upto - first_upto + 1), error);
      if (cancelled)
        break;
      draw_page (cr, page, k);
      cairo_show_page (cr);
      if (k >= last_upto)
        break;
    }
  return finish_vector (cr, surface, &file, cancelled, error);
}

/* A file written by one of the render layer's own writers (semantic SVG,
 * GIF, the web page), through the same atomic file as cairo's. */
typedef gboolean (*StreamWriter) (gpointer data, cairo_write_func_t write, void *closure, GError **error);

static gboolean
write_stream (const char *path, StreamWriter writer, gpointer data, GError **error)
{
  SynackAtomicFile file;

  if (!synack_atomic_file_open (&file, path, error))
    return FALSE;
  if (!writer (data, synack_atomic_file_write, &file, error))
    {
      if (file.error != 0)
        {
          g_clear_error (error);
          synack_atomic_file_set_error (error, path, file.error);
        }
      synack_atomic_file_abort (&file);
      return FALSE;
    }
  return synack_atomic_file_commit (&file, 1, error);
}

typedef struct {
  const Page       *page;
  SynackSvgOptions  svg;
} SvgJob;

static gboolean
svg_job (gpointer data, cairo_write_func_t write, void *closure, GError **error)
{
  SvgJob *job = data;

  if (synack_svg_write (job->page->layout, job->page->theme, &job->svg, write, closure))
    return TRUE;
  g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE, _("Cannot write the SVG"));
  return FALSE;
}

typedef struct {
  SynackSlideDeck  deck;
  const long      *steps;
  size_t           n_steps;
  int              frame_delay;
  double           scale;
  const SynackExportOptions *options;
} DeckJob;

static gboolean
gif_job (gpointer data, cairo_write_func_t write, void *closure, GError **error)
{
  DeckJob *job = data;

  return synack_gif_write (&job->deck, job->steps, job->n_steps, job->frame_delay, write, closure,
                           job->options->cancellable, error);
}

static gboolean
html_job (gpointer data, cairo_write_func_t write, void *closure, GError **error)
{
  DeckJob *job = data;

  return synack_html_write (&job->deck, job->steps, job->n_steps, write, closure, error);
}

/* The slide deck: a title page, then one page per step. */
static gboolean
write_slides (DeckJob *job, const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  SynackAtomicFile file;
  gboolean cancelled = FALSE;

  if (!synack_atomic_file_open (&file, path, error))
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (synack_atomic_file_write, &file, job->deck.width, job->deck.height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "SynAck " PACKAGE_VERSION);
  if (job->deck.title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->deck.title);
  cr = cairo_create (surface);
  synack_slide_paint_title_page (cr, &job->deck);
  cairo_show_page (cr);
  for (size_t k = 0; k < job->n_steps; k++)
    {
      cancelled = !step_done (job->options, (double) k / (double) job->n_steps, error);
      if (cancelled)
        break;
      synack_slide_paint_step (cr, &job->deck, k, job->n_steps, job->steps[k]);
      cairo_show_page (cr);
    }
  return finish_vector (cr, surface, &file, cancelled, error);
}

static void
draw_slide (cairo_t *cr, gconstpointer data, long k)
{
  const DeckJob *job = data;

  synack_slide_paint_step (cr, &job->deck, (size_t) k, job->n_steps, job->steps[k]);
}

static gboolean
write_slide_png (gconstpointer data, size_t k, const char *path, SynackAtomicFile *file, GError **error)
{
  const DeckJob *job = data;

  return write_png_drawn ((int) job->deck.width, (int) job->deck.height, draw_slide, job, (long) k, path, file, error);
}

char *
synack_export_lesson_title (const char *title, gboolean changed)
{
  if (title == NULL || *title == '\0')
    return NULL;
  /* TRANSLATORS: the title of an export of a lesson run with changed parameters or edits */
  return changed ? g_strdup_printf (_("%s (changed)"), title) : g_strdup (title);
}

/* The text formats: source for another tool, from the same layout. */
static gboolean
write_text (const SynackDiagramLayout *layout, SynackExportFormat format,
            const SynackExportOptions *options, const char *path, GError **error)
{
  const char *title = options->title && *options->title ? options->title : NULL;
  g_autofree char *text = format == SYNACK_EXPORT_FORMAT_MSC ? synack_diagram_to_msc (layout, options->upto, title)
                          : format == SYNACK_EXPORT_FORMAT_PUML ? synack_diagram_to_plantuml (layout, options->upto, title)
                          : synack_diagram_to_tikz (layout, options->upto, title);
  SynackAtomicFile file;

  /* Through the same atomic file as every other format: an interrupted
   * export leaves nothing. */
  if (!synack_atomic_file_open (&file, path, error))
    return FALSE;
  if (synack_atomic_file_write (&file, (const unsigned char *) text, (unsigned int) strlen (text)) != CAIRO_STATUS_SUCCESS)
    {
      synack_atomic_file_set_error (error, path, file.error);
      synack_atomic_file_abort (&file);
      return FALSE;
    }
  return synack_atomic_file_commit (&file, 1, error);
}

gboolean
synack_export_file (const SynackTrace         *trace,
                    const SynackExportOptions *options,
                    const char                *path,
                    GError                   **error)
{
  SynackExportOptions defaults;
  SynackDiagramOptions layout_options;
  g_autoptr (SynackTheme) theme = NULL;
  g_autoptr (SynackDiagramLayout) layout = NULL;
  g_autoptr (SynackStateDiagram) states = NULL;
  SynackExportFormat format;
  gboolean slides;
  double content_w, content_h;
  Page page = { 0 };
  g_autoptr (SynackCensusSeries) census_series = NULL;
  g_autoptr (SynackCensusChart) census = NULL;
  long upto, from, n_steps;
  g_autofree char *title = NULL;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    {
      synack_export_options_init (&defaults);
      options = &defaults;
    }
  format = options->format != SYNACK_EXPORT_FORMAT_AUTO ? options->format
                                                        : synack_export_format_from_path (path);
  if (format == SYNACK_EXPORT_FORMAT_AUTO)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_FORMAT,
                   _("Cannot tell the format of “%s”: use a name ending in .png, .svg, .pdf, .gif, .html, .msc, .puml or .tex"), display);
      return FALSE;
    }
  /* Step by step, the sequence diagram is a slide deck: a PDF, or PNGs of
   * the same slides; with the state diagram, a picture of each step. */
  slides = options->per_step && options->view == SYNACK_EXPORT_VIEW_SEQUENCE &&
           (format == SYNACK_EXPORT_FORMAT_PDF || format == SYNACK_EXPORT_FORMAT_PNG);
  if (options->width < 0 || options->scale < 0 || (options->upto < 0 && options->upto != SYNACK_DIAGRAM_ALL))
    {
      g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                           _("Width, scale and the last event must not be negative"));
      return FALSE;
    }
  if (options->per_step && format != SYNACK_EXPORT_FORMAT_PDF && format != SYNACK_EXPORT_FORMAT_PNG)
    {
      g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                           _("A step-by-step export needs a .pdf (one page per event) or .png (one file per event)"));
      return FALSE;
    }
  if (options->per_step && trace->n_events == 0)
    {
      g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                           _("The run has no events to step through"));
      return FALSE;
    }
  if (options->scale > 0 && options->scale < SYNACK_EXPORT_MIN_SCALE)
    {
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                   _("A scale of %g would make the picture a dot: use at least %g"),
                   options->scale, SYNACK_EXPORT_MIN_SCALE);
      return FALSE;
    }
  /* Checked before any layout: each step repaints the diagram, so a long
   * run's deck costs the square of its length. */
  if (options->per_step)
    {
      long last = options->upto == SYNACK_DIAGRAM_ALL ? (long) trace->n_events - 1
                                                      : MIN (options->upto, (long) trace->n_events - 1);

      if (options->from < 0 || options->from > last)
        {
          g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                       _("The first step (%ld) must be between 0 and the last one (%ld)"), options->from, last);
          return FALSE;
        }
      if (last - options->from + 1 > SYNACK_EXPORT_MAX_STEPS)
        {
          g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                       _("A step-by-step export of %ld events is too long (at most %d pages or files): "
                         "choose a range of events (--from and --upto)"),
                       last - options->from + 1, SYNACK_EXPORT_MAX_STEPS);
          return FALSE;
        }
    }

  if (options->view == SYNACK_EXPORT_VIEW_STRIP)
    {
      g_autoptr (SynackStripGrid) grid = synack_strip_grid_from_trace (trace, SYNACK_STRIP_ROWS,
                                                                       SYNACK_STRIP_COLUMNS);
      g_autoptr (SynackCensusSeries) series = synack_census_series_of_trace (trace);

      return synack_export_scale_file (grid, series, options, path, error);
    }

  theme = synack_theme_new (options->theme, 1, error);
  if (theme == NULL)
    return FALSE;
  synack_diagram_options_init (&layout_options);
  layout_options.axis_mode = options->axis_mode;
  layout_options.theme = theme;
  layout_options.text_scale = options->text_scale > 0 ? options->text_scale : 1;
  /* A long run, or a big scale, can be told too big for a PNG from the
   * time axis and the narrowest columns alone, before the layout's time
   * and memory are spent. */
  if (format == SYNACK_EXPORT_FORMAT_PNG && !slides && options->width == 0 && options->view != SYNACK_EXPORT_VIEW_STATES)
    {
      double scale = options->scale > 0 ? options->scale : 1;
      double min_w, min_h;

      synack_diagram_layout_min_size (trace, &layout_options, &min_w, &min_h);
      min_w = ceil (min_w * scale - 1e-6);
      min_h = ceil (min_h * scale - 1e-6);
      if (min_h > MAX_PNG_SIDE)
        {
          g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                       _("The diagram would be at least %.0f pixels tall, more than a PNG can hold here (%d); "
                         "export to SVG or PDF, or choose a smaller scale"),
                       min_h, MAX_PNG_SIDE);
          return FALSE;
        }
      if (min_w > MAX_PNG_SIDE || min_w * min_h > MAX_PNG_PIXELS)
        {
          g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                       _("The diagram would be at least %.0f × %.0f pixels, more than a PNG can hold here "
                         "(%d a side, 64 million in all); export to SVG or PDF, or choose a smaller scale"),
                       min_w, min_h, MAX_PNG_SIDE);
          return FALSE;
        }
    }
  layout = synack_diagram_layout_new (trace, &layout_options);

  if (format == SYNACK_EXPORT_FORMAT_MSC || format == SYNACK_EXPORT_FORMAT_PUML || format == SYNACK_EXPORT_FORMAT_TEX)
    return write_text (layout, format, options, path, error);

  /* The sequence layout also serves the title's type and the trace, so it
   * is made even when only the states are shown. */
  page.layout = layout;
  page.seq_w = options->view == SYNACK_EXPORT_VIEW_STATES ? 0 : layout->width;
  content_w = page.seq_w;
  content_h = options->view == SYNACK_EXPORT_VIEW_STATES ? 0 : layout->height;
  if (options->census && options->view != SYNACK_EXPORT_VIEW_STATES)
    {
      cairo_rectangle_t area = { layout->width, 0, synack_census_chart_natural_width (theme), layout->height };

      census_series = synack_census_series_of_trace (trace);
      census = synack_census_chart_new (census_series, theme, SYNACK_CENSUS_TIME_DOWN, &area,
                                        census_pos_for_time, layout);
      page.census = census;
      page.census_w = area.width;
      content_w += area.width;
    }
  if (options->view != SYNACK_EXPORT_VIEW_SEQUENCE)
    {
      states = synack_state_diagram_new (theme, layout_options.text_scale);
      page.states = states;
      content_w += states->width;
      content_h = MAX (content_h, states->height);
    }
  page.theme = theme;
  title = synack_export_lesson_title (options->title, options->changed);
  page.title = title;
  page.title_h = page.title ? title_height (layout, page.title) : 0;
  if (options->width > 0)
    page.scale = options->width / content_w;
  else
    page.scale = options->scale > 0 ? options->scale : 1;
  page.width = content_w * page.scale;
  page.height = (content_h + page.title_h) * page.scale;

  if (format == SYNACK_EXPORT_FORMAT_PNG && !slides &&
      (ceil (page.width - 1e-6) > MAX_PNG_SIDE || ceil (page.height - 1e-6) > MAX_PNG_SIDE ||
       ceil (page.width - 1e-6) * ceil (page.height - 1e-6) > MAX_PNG_PIXELS))
    {
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                   _("The diagram would be %.0f × %.0f pixels, more than a PNG can hold here (%d a side, "
                     "64 million in all); export to SVG or PDF, or choose a smaller width or scale"),
                   ceil (page.width), ceil (page.height), MAX_PNG_SIDE);
      return FALSE;
    }

  upto = options->upto;
  from = options->from;
  n_steps = (upto == SYNACK_DIAGRAM_ALL ? (long) trace->n_events : MIN (upto + 1, (long) trace->n_events)) - from;

  if (format == SYNACK_EXPORT_FORMAT_GIF || format == SYNACK_EXPORT_FORMAT_HTML || slides)
    {
      g_autofree long *steps = NULL;
      DeckJob job = { .deck = { .layout = layout, .theme = theme, .title = title,
                                .summary = options->summary, .watch = options->watch,
                                .per_segment = options->per_segment },
                      .frame_delay = options->frame_delay, .options = options };

      steps = synack_slide_steps (layout, options->per_segment, upto, &job.n_steps);
      /* --from: the deck starts at that event. */
      {
        size_t kept = 0;
        for (size_t k = 0; k < job.n_steps; k++)
          if (steps[k] >= from)
            steps[kept++] = steps[k];
        job.n_steps = kept;
      }
      job.steps = steps;
      synack_page_size_points (options->page, &job.deck.width, &job.deck.height);
      if (format == SYNACK_EXPORT_FORMAT_HTML)
        return write_stream (path, html_job, &job, error);
      if (job.n_steps == 0)
        {
          g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                               _("The run has no segments to step through"));
          return FALSE;
        }
      if (format == SYNACK_EXPORT_FORMAT_PDF)
        return write_slides (&job, path, error);
      /* A GIF frame or a numbered PNG is a slide in pixels: --width sets
       * its width. */
      if (options->width > 0)
        {
          double ratio = job.deck.height / job.deck.width;
          job.deck.width = options->width;
          job.deck.height = round (options->width * ratio);
        }
      else if (options->scale > 0)
        {
          job.deck.width = round (job.deck.width * options->scale);
          job.deck.height = round (job.deck.height * options->scale);
        }
      if (format == SYNACK_EXPORT_FORMAT_PNG)
        return write_numbered (path, job.n_steps, 0, job.n_steps, write_slide_png, &job, options, error);
      return write_stream (path, gif_job, &job, error);
    }

  /* The semantic SVG and the slide deck draw the sequence diagram only; a
   * file that shows the state diagram too is drawn by cairo. */
  if (format == SYNACK_EXPORT_FORMAT_SVG && options->svg_backend == SYNACK_SVG_BACKEND_SEMANTIC &&
      options->view == SYNACK_EXPORT_VIEW_SEQUENCE && !options->census)
    {
      SvgJob job = { .page = &page };

      synack_svg_options_init (&job.svg);
      job.svg.upto = upto;
      job.svg.title = title;
      job.svg.description = options->summary;
      job.svg.heading_h = page.title_h;
      return write_stream (path, svg_job, &job, error);
    }

  if (!options->per_step)
    {
      if (format == SYNACK_EXPORT_FORMAT_PNG)
        {
          SynackAtomicFile file;

          return write_png (&page, path, upto, &file, error) &&
                 synack_atomic_file_commit (&file, 1, error);
        }
      return write_vector (&page, format, path, upto, upto, NULL, error);
    }

  if (format == SYNACK_EXPORT_FORMAT_PDF)
    return write_vector (&page, format, path, from, from + n_steps - 1, options, error);

  /* Numbered PNGs of the whole page (with the state diagram), one per event. */
  page.from = from;
  return write_numbered (path, trace->n_events, (size_t) from, (size_t) n_steps, write_page_png, &page,
                         options, error);
}
