/* test-render-export.c: PNG, SVG and PDF files: valid, the right size and pages, pixels where the layout says, nothing left on failure. */
#define _GNU_SOURCE
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "synack-render.h"
#include "test-render-traces.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("synack-render-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static guint
count_files (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir))
    n++;
  return n;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
png_size (const char *path, guint *w, guint *h)
{
  g_autoptr (GBytes) bytes = read_file (path);
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);

  g_assert_cmpuint (len, >, 33);
  g_assert_cmpmem (d, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (d + 12, 4, "IHDR", 4);
  *w = be32 (d + 16);
  *h = be32 (d + 20);
}

static guint
pdf_pages (const char *path)
{
  g_autoptr (GBytes) bytes = read_file (path);
  gsize len;
  const char *d = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (d, len);
  g_autoptr (GRegex) page = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  guint n = 0;

  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (d, 5, "%PDF-", 5);
  g_assert_nonnull (memmem (d + len - MIN (len, 32), MIN (len, 32), "%%EOF", 5));
  /* The file may hold NULs in streams: search the raw bytes piecewise. */
  for (gsize off = 0; off < len;)
    {
      const char *chunk = d + off;
      gsize clen = strnlen (chunk, len - off);

      g_regex_match_full (page, chunk, (gssize) clen, 0, 0, &match, NULL);
      while (g_match_info_matches (match))
        {
          n++;
          g_match_info_next (match, NULL);
        }
      g_clear_pointer (&match, g_match_info_free);
      off += clen + 1;
    }
  return n;
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);
  return path != NULL;
}

static gboolean
export (const SynackTrace *trace, const SynackExportOptions *options, const char *path, GError **error)
{
  return synack_export_file (trace, options, path, error);
}

static void
test_png (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autofree char *path = g_build_filename (f->dir, "diagram.png", NULL);
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (trace, NULL);
  SynackExportOptions options;
  g_autoptr (GError) error = NULL;
  guint w, h;

  synack_export_options_init (&options);
  g_assert_true (export (trace, &options, path, &error));
  g_assert_no_error (error);
  png_size (path, &w, &h);
  g_assert_cmpuint (w, ==, (guint) ceil (synack_diagram_layout_get_width (layout)));
  g_assert_cmpuint (h, ==, (guint) ceil (synack_diagram_layout_get_height (layout)));

  options.width = 1600;
  g_assert_true (export (trace, &options, path, &error));
  png_size (path, &w, &h);
  g_assert_cmpuint (w, ==, 1600);
  g_assert_cmpuint (h, ==, (guint) ceil (synack_diagram_layout_get_height (layout) * 1600 / synack_diagram_layout_get_width (layout)));

  options.width = 0;
  options.scale = 2;
  g_assert_true (export (trace, &options, path, &error));
  png_size (path, &w, &h);
  g_assert_cmpuint (w, ==, (guint) ceil (2 * synack_diagram_layout_get_width (layout)));
  /* Only the final file is left: no temporary. */
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  test_trace_free (trace);
}

static guint
height_with_title (Fixture *f, const SynackTrace *trace, const char *title)
{
  g_autofree char *path = g_build_filename (f->dir, "titled.png", NULL);
  SynackExportOptions options;
  g_autoptr (GError) error = NULL;
  guint w, h;

  synack_export_options_init (&options);
  options.width = 800;
  options.title = title;
  g_assert_true (export (trace, &options, path, &error));
  g_assert_no_error (error);
  png_size (path, &w, &h);
  g_assert_cmpuint (w, ==, 800);
  return h;
}

/* The band above the diagram is measured from its text: Chinese lines are
 * taller than Latin ones, and a long heading wraps instead of running off. */
static void
test_title_band (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  guint none = height_with_title (f, trace, NULL);
  guint latin = height_with_title (f, trace, "Why TIME_WAIT waits");
  guint chinese = height_with_title (f, trace, "TIME_WAIT 为什么要等待");
  guint wrapped = height_with_title (f, trace,
    "最后一个 ACK 丢失：处于 TIME_WAIT 的一方再次确认重传的 FIN，并重新启动 2MSL 计时器；"
    "如果没有 TIME_WAIT，这个 FIN 会找不到套接字，换来一个 RST，被动关闭的一方就会报错");

  g_assert_cmpuint (latin, >, none);
  g_assert_cmpuint (chinese, >, latin);
  /* At least one more line of 1.3 × 13 px type, scaled to 800 px. */
  g_assert_cmpuint (wrapped, >, chinese + 8);
  test_trace_free (trace);
}

static void
test_svg_and_pdf (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("lost-last-ack");
  g_autofree char *svg = g_build_filename (f->dir, "diagram.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "diagram.PDF", NULL);
  SynackExportOptions options;
  g_autoptr (GError) error = NULL;

  synack_export_options_init (&options);
  options.theme = "print";
  g_assert_true (export (trace, &options, svg, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GBytes) bytes = read_file (svg);
    gsize len;
    const char *d = g_bytes_get_data (bytes, &len);

    g_assert_true (g_str_has_prefix (d, "<?xml"));
    g_assert_nonnull (g_strstr_len (d, (gssize) len, "<svg"));
    g_assert_nonnull (g_strstr_len (d, (gssize) len, "</svg>"));
  }
  if (have_program ("rsvg-convert"))
    {
      g_autofree char *cmd = g_strdup_printf ("rsvg-convert -o '%s.png' '%s'", svg, svg);
      int status;

      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      {
        g_autofree char *rendered = g_strdup_printf ("%s.png", svg);
        guint w, h;

        png_size (rendered, &w, &h);
        g_assert_cmpuint (w, >, 500);
        g_unlink (rendered);
      }
    }

  g_assert_true (export (trace, &options, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf), ==, 1);
  g_assert_cmpuint (count_files (f->dir), ==, 2);
  test_trace_free (trace);
}

static void
test_per_step (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("refused");
  g_autofree char *pdf = g_build_filename (f->dir, "slides.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "step.png", NULL);
  SynackExportOptions options;
  g_autoptr (GError) error = NULL;

  synack_export_options_init (&options);
  options.per_step = TRUE;
  g_assert_true (export (trace, &options, pdf, &error));
  g_assert_no_error (error);
  /* A title page, then one page per event. */
  g_assert_cmpuint (pdf_pages (pdf), ==, trace->n_events + 1);
  if (have_program ("pdfinfo"))
    {
      g_autofree char *cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
      g_autofree char *out = NULL;
      const char *pages;

      g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
      pages = strstr (out, "Pages:");
      g_assert_nonnull (pages);
      g_assert_cmpuint (g_ascii_strtoull (pages + 6, NULL, 10), ==, trace->n_events + 1);
    }

  g_assert_true (export (trace, &options, png, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (f->dir), ==, 1 + trace->n_events);
  {
    g_auto (GStrv) paths = synack_export_step_paths (png, trace->n_events);
    guint w, h;

    g_assert_true (g_str_has_suffix (paths[0], "step-001.png"));
    /* The PDF's slides in pixels: a 16:9 page, one per event. */
    for (size_t i = 0; i < trace->n_events; i++)
      {
        g_assert_true (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR));
        png_size (paths[i], &w, &h);
        g_assert_cmpuint (w, ==, 960);
        g_assert_cmpuint (h, ==, 540);
      }
    /* The page and scale of the slides apply. */
    options.page = SYNACK_PAGE_4_3;
    options.scale = 2;
    g_assert_true (export (trace, &options, png, &error));
    png_size (paths[0], &w, &h);
    g_assert_cmpuint (w, ==, 1440);
    g_assert_cmpuint (h, ==, 1080);
    options.page = SYNACK_PAGE_16_9;
    options.scale = 1;
  }
  /* A run far too tall for one PNG still makes page-sized slides. */
  {
    SynackTrace *bulk = test_bulk_trace (1500);
    g_autofree char *dir = g_build_filename (f->dir, "bulk", NULL);
    g_autofree char *slide = g_build_filename (dir, "bulk.png", NULL);
    guint w, h;

    g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
    options.upto = 9;
    g_assert_true (export (bulk, &options, slide, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_files (dir), ==, 10);
    {
      g_auto (GStrv) paths = synack_export_step_paths (slide, 10);

      png_size (paths[9], &w, &h);
      g_assert_cmpuint (w, ==, 960);
      for (int i = 0; i < 10; i++)
        g_unlink (paths[i]);
    }
    g_rmdir (dir);
    options.upto = SYNACK_DIAGRAM_ALL;
    test_trace_free (bulk);
  }

  /* --upto with --per-step: the title page, then pages for events 0..K. */
  options.upto = 3;
  g_assert_true (export (trace, &options, pdf, &error));
  g_assert_cmpuint (pdf_pages (pdf), ==, 5);

  /* SVG has no pages. */
  {
    g_autofree char *svg = g_build_filename (f->dir, "x.svg", NULL);
    g_assert_false (export (trace, &options, svg, &error));
    g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS);
    g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
  }
  test_trace_free (trace);
}

/* ----------------------------------------------------------- pixels */

typedef struct {
  cairo_surface_t *surface;
  int w, h, stride;
  const guint8 *data;
} Image;

static void
image_load (Image *img, const char *path)
{
  img->surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (img->surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (img->surface);
  img->w = cairo_image_surface_get_width (img->surface);
  img->h = cairo_image_surface_get_height (img->surface);
  img->stride = cairo_image_surface_get_stride (img->surface);
  img->data = cairo_image_surface_get_data (img->surface);
}

static void
pixel (const Image *img, int x, int y, double *r, double *g, double *b)
{
  guint32 p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, img->w);
  g_assert_cmpint (y, <, img->h);
  p = *(const guint32 *) (img->data + y * img->stride + x * 4);
  *r = ((p >> 16) & 0xff) / 255.0;
  *g = ((p >> 8) & 0xff) / 255.0;
  *b = (p & 0xff) / 255.0;
}

/* Is some pixel within `radius` of (x, y) close to colour c? */
static gboolean
colour_near (const Image *img, double x, double y, int radius, const SynackRgba *c, double tolerance)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      {
        int px = (int) floor (x) + dx, py = (int) floor (y) + dy;
        double r, g, b;

        if (px < 0 || py < 0 || px >= img->w || py >= img->h)
          continue;
        pixel (img, px, py, &r, &g, &b);
        if (fabs (r - c->r) + fabs (g - c->g) + fabs (b - c->b) < tolerance)
          return TRUE;
      }
  return FALSE;
}

static gboolean
inside_any_label (const SynackDiagramLayout *layout, double x, double y)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);

  for (size_t i = 0; i < n; i++)
    {
      const cairo_rectangle_t *b = &labels[i].box;
      if (x >= b->x - 3 && x <= b->x + b->width + 3 && y >= b->y - 3 && y <= b->y + b->height + 3)
        return TRUE;
    }
  return FALSE;
}

static void
test_pixels_follow_layout (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autofree char *path = g_build_filename (f->dir, "pixels.png", NULL);
  g_autofree char *early = g_build_filename (f->dir, "early.png", NULL);
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (trace, NULL);
  SynackExportOptions options;
  g_autoptr (GError) error = NULL;
  Image full, part;
  size_t n_arrows, n_bands;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);
  long first_send = -1;
  int checked = 0;

  synack_export_options_init (&options);
  g_assert_true (export (trace, &options, path, &error));
  g_assert_no_error (error);
  image_load (&full, path);

  /* The background where nothing is drawn. */
  g_assert_true (colour_near (&full, 2, 2, 0, &theme->background, 0.02));

  /* Each state band in its column, in its colour. */
  for (size_t i = 0; i < n_bands; i++)
    {
      const SynackDiagramBand *b = &bands[i];
      double x = b->x + b->w / 2 - 2;

      if (b->y1 - b->y0 < 12)
        continue;
      /* A quarter down: clear of the axis-break marks drawn across the middle. */
      g_assert_true (colour_near (&full, x + 2, b->y0 + (b->y1 - b->y0) * 0.25, 1, &theme->state[b->state], 0.12));
      checked++;
    }
  g_assert_cmpint (checked, >=, 6);

  /* Each arrow's line where the layout puts it, away from labels. */
  for (size_t i = 0; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      int samples = 0;

      for (double u = 0.08; u < 0.95; u += 0.06)
        {
          double x = a->x0 + (a->x1 - a->x0) * u, y = a->y0 + (a->y1 - a->y0) * u;

          if (inside_any_label (layout, x, y))
            continue;
          if (!colour_near (&full, x, y, 1, &theme->segment, 0.25))
            g_error ("segment %u: no arrow pixel at (%.1f, %.1f)", a->seg, x, y);
          samples++;
        }
      g_assert_cmpint (samples, >, 3);
      if (first_send < 0)
        first_send = a->send_event;
    }

  /* Up to the first SEND only: the later arrows are not drawn yet. */
  options.upto = first_send;
  g_assert_true (export (trace, &options, early, &error));
  image_load (&part, early);
  g_assert_cmpint (part.w, ==, full.w);
  for (size_t i = 1; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      double x = a->x0 + (a->x1 - a->x0) * 0.1, y = a->y0 + (a->y1 - a->y0) * 0.1 + 0.5;

      if (inside_any_label (layout, x, y) || a->send_event <= first_send)
        continue;
      g_assert_false (colour_near (&part, x, y, 0, &theme->segment, 0.25));
      g_assert_true (colour_near (&full, x, y, 1, &theme->segment, 0.25));
    }
  /* The cursor line is drawn at the current time. */
  g_assert_true (colour_near (&part, (synack_diagram_layout_lifeline_x (layout, SYNACK_CLIENT) +
                                      synack_diagram_layout_lifeline_x (layout, SYNACK_SERVER)) / 2 + 40,
                              synack_diagram_layout_y_for_event (layout, first_send), 5, &theme->cursor, 0.3));

  cairo_surface_destroy (full.surface);
  cairo_surface_destroy (part.surface);
  test_trace_free (trace);
}

/* Print is black and white, yet retransmitted and lost segments differ
 * from plain ones: dashes and the ✕ are drawn, not coloured. */
static void
test_print_theme_distinguishes (Fixture *f, gconstpointer data)
{
  g_autoptr (SynackTheme) print = synack_theme_new ("print", 1, NULL);

  g_assert_true (print->monochrome);
  for (int i = 0; i < SYNACK_N_STATES; i++)
    {
      g_assert_cmpfloat (fabs (print->state[i].r - print->state[i].g), <, 1e-9);
      g_assert_cmpfloat (fabs (print->state[i].g - print->state[i].b), <, 1e-9);
    }
  {
    SynackTrace *trace = test_lesson_trace ("syn-loss");
    g_autofree char *path = g_build_filename (f->dir, "print.png", NULL);
    SynackExportOptions options;
    g_autoptr (SynackDiagramLayout) layout = NULL;
    SynackDiagramOptions lo;
    size_t n;
    const SynackDiagramArrow *arrows;
    Image img;
    int gaps_plain = 0, gaps_rexmit = 0;

    synack_diagram_options_init (&lo);
    lo.theme = print;
    layout = synack_diagram_layout_new (trace, &lo);
    arrows = synack_diagram_layout_get_arrows (layout, &n);
    synack_export_options_init (&options);
    options.theme = "print";
    g_assert_true (synack_export_file (trace, &options, path, NULL));
    image_load (&img, path);
    /* Walk along each line: a dashed one has gaps, a solid one none. */
    for (size_t i = 0; i < n; i++)
      {
        const SynackDiagramArrow *a = &arrows[i];
        int gaps = 0;

        for (double u = 0.05; u < 0.6; u += 0.005)
          {
            double x = a->x0 + (a->x1 - a->x0) * u, y = a->y0 + (a->y1 - a->y0) * u;
            if (inside_any_label (layout, x, y))
              continue;
            gaps += !colour_near (&img, x, y, 1, &print->segment, 1.2);
          }
        if (a->rexmit > 0)
          gaps_rexmit += gaps;
        else
          gaps_plain += gaps;
      }
    g_assert_cmpint (gaps_plain, ==, 0);
    g_assert_cmpint (gaps_rexmit, >, 5);
    cairo_surface_destroy (img.surface);
    test_trace_free (trace);
  }
}

/* ----------------------------------------------------------- errors */

static void
test_bad_paths (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "dir.png", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "plain", NULL);
  g_autofree char *under_file = g_build_filename (plain, "x.pdf", NULL);
  g_autofree char *no_ext = g_build_filename (f->dir, "diagram.jpeg", NULL);
  g_autofree char *ok = g_build_filename (f->dir, "ok.png", NULL);
  SynackExportOptions options;
  GError *error = NULL;

  synack_export_options_init (&options);
  g_assert_false (export (trace, &options, missing, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "dir.png"));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, 0);

  g_assert_true (g_file_set_contents (plain, "x", 1, NULL));
  g_assert_false (export (trace, &options, under_file, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (export (trace, &options, no_ext, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_FORMAT);
  g_clear_error (&error);

  options.theme = "sepia";
  g_assert_false (export (trace, &options, ok, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_THEME);
  g_clear_error (&error);

  options.theme = NULL;
  options.scale = 300;
  g_assert_false (export (trace, &options, ok, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS);
  g_clear_error (&error);

  /* Only the plain file we made ourselves is there. */
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  test_trace_free (trace);
}

/* A run too long for one PNG at the chosen scale is refused from its
 * time axis, before it is laid out (the message says "at least": the
 * check after layout knows the exact size), and nothing is written; at a
 * scale that fits, the same run exports. */
static void
test_png_too_tall_refused_before_layout (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_bulk_trace (1500);
  g_autofree char *png = g_build_filename (f->dir, "long.png", NULL);
  SynackExportOptions options;
  GError *error = NULL;

  synack_export_options_init (&options);
  g_assert_false (export (trace, &options, png, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS);
  g_assert_nonnull (strstr (error->message, "at least"));
  g_assert_nonnull (strstr (error->message, "32767"));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, 0);

  options.scale = 0.2;
  g_assert_true (export (trace, &options, png, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  test_trace_free (trace);
}

/* A short run at a big scale is too wide and too big for one PNG: also
 * refused before its layout, from the narrowest its columns can be. */
static void
test_png_too_big_refused_before_layout (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autofree char *png = g_build_filename (f->dir, "big.png", NULL);
  SynackExportOptions options;
  GError *error = NULL;

  synack_export_options_init (&options);
  options.scale = 16;
  g_assert_false (export (trace, &options, png, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS);
  g_assert_nonnull (strstr (error->message, "at least"));
  g_assert_nonnull (strstr (error->message, "64 million"));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, 0);
  test_trace_free (trace);
}

/* A full disk, simulated with a file size limit: the write fails, the
 * old file stays as it was and no temporary is left. */
static void
test_full_disk (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("lost-last-ack");
  g_autofree char *png = g_build_filename (f->dir, "out.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *steps = g_build_filename (f->dir, "step.png", NULL);
  struct rlimit saved, small;
  SynackExportOptions options;
  GError *error = NULL;
  g_autofree char *contents = NULL;
  goffset first_size, last_size;

  synack_export_options_init (&options);
  g_assert_true (g_file_set_contents (png, "old picture", -1, NULL));
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_IGN);
  small = saved;
  small.rlim_cur = 2000;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  g_assert_false (export (trace, &options, png, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (export (trace, &options, pdf, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old picture");
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  /* Per-step PNGs failing halfway take the earlier ones with them. */
  options.per_step = TRUE;
  g_assert_true (export (trace, &options, steps, &error));
  {
    g_auto (GStrv) paths = synack_export_step_paths (steps, trace->n_events);
    GStatBuf st;

    /* The limit falls between the first picture and the largest after it. */
    first_size = last_size = 0;
    for (size_t i = 0; i < trace->n_events; i++)
      {
        g_assert_cmpint (g_stat (paths[i], &st), ==, 0);
        if (i == 0)
          first_size = st.st_size;
        else
          last_size = MAX (last_size, st.st_size);
        g_unlink (paths[i]);
      }
  }
  g_assert_cmpint (first_size, <, last_size);
  small.rlim_cur = (rlim_t) (first_size + last_size) / 2;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (export (trace, &options, steps, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  signal (SIGXFSZ, SIG_DFL);
  test_trace_free (trace);
}

/* synack-cli export: exit codes 0 / 2 (bad input) / 1 (failure), files only on success. */
static int
cli (const char *dir, const char *args)
{
  const char *exe = g_getenv ("SYNACK_CLI");
  g_autofree char *cmd = g_strdup_printf ("%s export %s", exe, args);
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s -> %s", args, err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *png = g_build_filename (f->dir, "hs.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "hs.pdf", NULL);
  g_autofree char *args = NULL;
  guint w, h;

  /* meson test always sets it: without it the test would check nothing. */
  if (g_getenv ("SYNACK_CLI") == NULL)
    g_error ("SYNACK_CLI is not set: run the test with meson test");
  args = g_strdup_printf ("--preset handshake -o '%s' --width 1200 --theme projector", png);
  g_assert_cmpint (cli (f->dir, args), ==, 0);
  png_size (png, &w, &h);
  g_assert_cmpuint (w, ==, 1200);
  g_free (args);
  args = g_strdup_printf ("--preset handshake --set delay=20ms -o '%s' --per-step --upto 4", pdf);
  g_assert_cmpint (cli (f->dir, args), ==, 0);
  g_assert_cmpuint (pdf_pages (pdf), ==, 6);
  g_assert_cmpuint (count_files (f->dir), ==, 2);

  /* Bad input: 2, nothing written. */
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.tiff'", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.png' --theme sepia", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.png' --width 100 --scale 2", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset no-such-lesson -o '%s/x.png'", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake --set delay=fast -o '%s/x.png'", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.png' --upto 100000", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.pdf' --per-step --page 16:10", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.gif' --frame-delay 5", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.svg' --svg-backend inkscape", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/x.png' --per-segment", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 2);
  /* Failure to write: 1, nothing written. */
  g_free (args);
  args = g_strdup_printf ("--preset handshake -o '%s/missing/x.png'", f->dir);
  g_assert_cmpint (cli (f->dir, args), ==, 1);
  g_assert_cmpuint (count_files (f->dir), ==, 2);
}

/* A failed per-step export keeps the files that were there before it. */
static void
test_per_step_keeps_old_files (Fixture *f, gconstpointer data)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autofree char *steps = g_build_filename (f->dir, "slide.png", NULL);
  g_auto (GStrv) paths = synack_export_step_paths (steps, trace->n_events);
  g_autofree char *contents = NULL;
  SynackExportOptions options;
  GError *error = NULL;

  g_assert_cmpuint (trace->n_events, >, 5);
  g_assert_true (g_file_set_contents (paths[0], "old slide", -1, NULL));
  g_assert_cmpint (g_mkdir (paths[4], 0755), ==, 0);
  synack_export_options_init (&options);
  options.per_step = TRUE;
  g_assert_false (export (trace, &options, steps, &error));
  g_assert_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "slide-005.png"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (paths[0], &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old slide");
  g_assert_cmpuint (count_files (f->dir), ==, 2);
  g_rmdir (paths[4]);
  test_trace_free (trace);
}

/* A cancelled export, whatever its loop (numbered PNGs, slides, PDF pages
 * of both diagrams, GIF frames), fails as cancelled, writes nothing and
 * keeps the file that was there. */
static void
test_cancelled_leaves_nothing (Fixture *f, gconstpointer data)
{
  static const struct {
    const char        *name;
    SynackExportFormat format;
    SynackExportView   view;
    gboolean           per_step;
  } cases[] = {
    { "slide.png", SYNACK_EXPORT_FORMAT_PNG, SYNACK_EXPORT_VIEW_SEQUENCE, TRUE },
    { "slides.pdf", SYNACK_EXPORT_FORMAT_PDF, SYNACK_EXPORT_VIEW_SEQUENCE, TRUE },
    { "both.pdf", SYNACK_EXPORT_FORMAT_PDF, SYNACK_EXPORT_VIEW_BOTH, TRUE },
    { "run.gif", SYNACK_EXPORT_FORMAT_GIF, SYNACK_EXPORT_VIEW_SEQUENCE, FALSE },
  };
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, cases[i].name, NULL);
      g_auto (GStrv) paths = synack_export_step_paths (path, trace->n_events);
      const char *old = cases[i].per_step && cases[i].format == SYNACK_EXPORT_FORMAT_PNG ? paths[0] : path;
      g_autofree char *contents = NULL;
      SynackExportOptions options;
      GError *error = NULL;

      g_test_message ("%s", cases[i].name);
      g_assert_true (g_file_set_contents (old, "old file", -1, NULL));
      synack_export_options_init (&options);
      options.format = cases[i].format;
      options.view = cases[i].view;
      options.per_step = cases[i].per_step;
      options.cancellable = cancellable;
      g_assert_false (export (trace, &options, path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (old, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old file");
      g_assert_cmpuint (count_files (f->dir), ==, 1);
      g_unlink (old);
    }
  test_trace_free (trace);
}

static void
on_progress (double done, gpointer data)
{
  g_array_append_val ((GArray *) data, done);
}

/* A per-step export says how far it is before each step, in order, from
 * nothing done to all but the last step done. */
static void
test_progress (Fixture *f, gconstpointer data)
{
  static const SynackExportFormat formats[] = { SYNACK_EXPORT_FORMAT_PNG, SYNACK_EXPORT_FORMAT_PDF };
  SynackTrace *trace = test_lesson_trace ("handshake-close");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, i == 0 ? "slide.png" : "slides.pdf", NULL);
      g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
      SynackExportOptions options;
      GError *error = NULL;
      double last;

      synack_export_options_init (&options);
      options.format = formats[i];
      options.per_step = TRUE;
      options.progress = on_progress;
      options.progress_data = seen;
      g_assert_true (export (trace, &options, path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (seen->len, >, 10);
      g_assert_cmpfloat (g_array_index (seen, double, 0), ==, 0);
      for (guint k = 1; k < seen->len; k++)
        g_assert_cmpfloat (g_array_index (seen, double, k), >, g_array_index (seen, double, k - 1));
      last = g_array_index (seen, double, seen->len - 1);
      g_assert_cmpfloat (last, <, 1);
      g_assert_cmpfloat (last, >, 0.9);
    }
  test_trace_free (trace);
}

/* Whether process pid has a file open inside dir (an export under way). */
static gboolean
writes_into (GPid pid, const char *dir)
{
  g_autofree char *fds = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr (GDir) listing = g_dir_open (fds, 0, NULL);
  const char *name;

  while (listing && (name = g_dir_read_name (listing)))
    {
      g_autofree char *link = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target && g_str_has_prefix (target, dir) && target[strlen (dir)] == '/')
        return TRUE;
    }
  return FALSE;
}

/* An export killed while it writes (SIGTERM, or kill -9) leaves nothing:
 * no hidden temporary file, no partial numbered set. */
static void
test_killed_export_leaves_nothing (Fixture *f, gconstpointer data)
{
  static const struct { const char *args, *output; int signal; } cases[] = {
    { "--preset lost-data --per-step --width 3000", "step.png", SIGKILL },
    { "--preset lost-data --per-step --width 3000", "step.png", SIGTERM },
    { "--preset lost-data --per-step", "deck.pdf", SIGKILL },
  };

  if (g_getenv ("SYNACK_CLI") == NULL)
    {
      g_test_skip ("SYNACK_CLI is not set");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *args = g_strdup_printf ("%s -o '%s/%s'", cases[i].args, f->dir, cases[i].output);
      g_autofree char *cmd = g_strdup_printf ("%s export %s", g_getenv ("SYNACK_CLI"), args);
      g_auto (GStrv) argv = NULL;
      g_autoptr (GError) error = NULL;
      gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      gboolean caught = FALSE;
      GPid pid;
      int status;

      g_assert_true (g_shell_parse_argv (cmd, NULL, &argv, &error));
      g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      /* Wait until it has a file open in the folder, or one appears there. */
      while (g_get_monotonic_time () < deadline && !caught)
        {
          caught = writes_into (pid, f->dir) || count_files (f->dir) > 0;
          if (!caught)
            g_usleep (1000);
        }
      g_assert_true (caught);
      g_usleep (50000);
      kill (pid, cases[i].signal);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      g_test_message ("%s, killed by signal %d: %u files left", args, cases[i].signal, count_files (f->dir));
      g_assert_cmpuint (count_files (f->dir), ==, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/render/export/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("png", test_png);
  ADD ("title-band", test_title_band);
  ADD ("svg-pdf", test_svg_and_pdf);
  ADD ("per-step", test_per_step);
  ADD ("pixels", test_pixels_follow_layout);
  ADD ("print-theme", test_print_theme_distinguishes);
  ADD ("bad-paths", test_bad_paths);
  ADD ("png-too-tall-refused-before-layout", test_png_too_tall_refused_before_layout);
  ADD ("png-too-big-refused-before-layout", test_png_too_big_refused_before_layout);
  ADD ("full-disk", test_full_disk);
  ADD ("per-step-keeps-old-files", test_per_step_keeps_old_files);
  ADD ("killed-leaves-nothing", test_killed_export_leaves_nothing);
  ADD ("cancelled-leaves-nothing", test_cancelled_leaves_nothing);
  ADD ("progress", test_progress);
  ADD ("cli", test_cli);
  return g_test_run ();
}
