/* test-render-course.c: course material exports: semantic SVG, slide decks with narration, animated GIF, the lesson page. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "synack-render.h"
#include "synack-scenario.h"

typedef struct {
  char            *dir;
  SynackScenario  *scenario;
  SynackTrace     *trace;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("synack-course-XXXXXX", &error);
  g_assert_no_error (error);
  f->scenario = synack_scenario_load_preset (data ? data : "lost-last-ack", &error);
  g_assert_no_error (error);
  f->trace = synack_scenario_run (f->scenario, NULL, &error);
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
  synack_trace_free (f->trace);
  synack_scenario_free (f->scenario);
}

static void
lesson_options (Fixture *f, SynackExportOptions *options)
{
  synack_export_options_init (options);
  options->title = synack_scenario_get_title (f->scenario);
  options->summary = synack_scenario_get_summary (f->scenario);
  options->watch = synack_scenario_get_watch (f->scenario);
}

/* Runs a command line; returns its standard output, fails on a non-zero exit. */
static char *
run (const char *command)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed", command);
  return out;
}

/* ------------------------------------------------------ semantic SVG */

typedef struct {
  GHashTable *ids;         /* id -> class */
  GString    *text;        /* all character data inside <text> */
  int         in_text;
  guint       n_text;
  guint       n_titles;
  guint       n_glyph_uses;/* cairo's glyphs are <use> of <symbol>s */
} SvgScan;

static void
scan_start (GMarkupParseContext *context, const char *element, const char **names, const char **values,
            gpointer user_data, GError **error)
{
  SvgScan *scan = user_data;
  const char *id = NULL, *klass = "";

  for (int i = 0; names[i]; i++)
    if (g_str_equal (names[i], "id"))
      id = values[i];
    else if (g_str_equal (names[i], "class"))
      klass = values[i];
  if (id && g_str_equal (element, "g"))
    g_hash_table_insert (scan->ids, g_strdup (id), g_strdup (klass));
  if (g_str_equal (element, "text"))
    {
      scan->in_text++;
      scan->n_text++;
      g_string_append_c (scan->text, '\n');
    }
  if (g_str_equal (element, "title"))
    scan->n_titles++;
  if (g_str_equal (element, "use") || g_str_equal (element, "symbol"))
    scan->n_glyph_uses++;
}

static void
scan_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  SvgScan *scan = user_data;

  if (g_str_equal (element, "text"))
    scan->in_text--;
  if (g_str_equal (element, "tspan"))
    g_string_append_c (scan->text, '\n');
}

static void
scan_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data, GError **error)
{
  SvgScan *scan = user_data;

  if (scan->in_text > 0)
    g_string_append_len (scan->text, text, (gssize) len);
}

static void
svg_scan (const char *path, SvgScan *scan)
{
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  GMarkupParseContext *context;

  memset (scan, 0, sizeof *scan);
  scan->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan->text = g_string_new (NULL);
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, scan, NULL);
  g_markup_parse_context_parse (context, data, (gssize) len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
}

static void
svg_scan_clear (SvgScan *scan)
{
  g_hash_table_unref (scan->ids);
  g_string_free (scan->text, TRUE);
}

static void
test_semantic_svg (Fixture *f, gconstpointer data)
{
  g_autofree char *svg = g_build_filename (f->dir, "lesson.svg", NULL);
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (f->trace, NULL);
  g_autoptr (GError) error = NULL;
  SynackExportOptions options;
  SvgScan scan;
  size_t n_labels, n_bands, n_timers;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);

  lesson_options (f, &options);
  g_assert_true (synack_export_file (f->trace, &options, svg, &error));
  g_assert_no_error (error);

  /* A real XML parser, and the SVG renderer, both accept it. */
  {
    g_autofree char *cmd = g_strdup_printf ("python3 -c \"import sys, xml.etree.ElementTree as E; "
                                            "r = E.parse(sys.argv[1]).getroot(); print(r.tag)\" '%s'", svg);
    g_autofree char *tag = run (cmd);
    g_assert_cmpstr (g_strstrip (tag), ==, "{http://www.w3.org/2000/svg}svg");
  }
  {
    g_autofree char *cmd = g_strdup_printf ("rsvg-convert -o '%s.png' '%s'", svg, svg);
    g_autofree char *png = g_strdup_printf ("%s.png", svg);
    g_autofree char *out = run (cmd);
    g_autofree char *size_cmd = g_strdup_printf ("identify -format %%w '%s'", png);
    g_autofree char *width = run (size_cmd);

    g_assert_cmpint (atoi (width), ==, (int) (synack_diagram_layout_get_width (layout) + 0.5));
    g_unlink (png);
  }

  svg_scan (svg, &scan);
  /* Every segment of the trace has its group, named by its number. */
  for (size_t i = 0; i < f->trace->n_events; i++)
    {
      const SynackEvent *e = &f->trace->events[i];
      g_autofree char *id = NULL;
      const char *klass;

      if (e->type != SYNACK_EVENT_SEND)
        continue;
      id = g_strdup_printf ("seg-%u", e->seg);
      klass = g_hash_table_lookup (scan.ids, id);
      g_assert_nonnull (klass);
      g_assert_true (g_str_has_prefix (klass, "segment "));
      if (e->hdr.flags & SYNACK_FLAG_SYN)
        g_assert_nonnull (strstr (klass, "SYN"));
    }
  /* The lost last ACK is marked lost, and the retransmitted FIN too. */
  {
    gboolean lost = FALSE, rexmit = FALSE;
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, scan.ids);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        lost |= g_str_has_prefix (value, "segment ") && strstr (value, " lost") != NULL;
        rexmit |= g_str_has_prefix (value, "segment ") && strstr (value, " rexmit") != NULL &&
                  strstr (value, "FIN") != NULL;
      }
    g_assert_true (lost);
    g_assert_true (rexmit);
  }
  synack_diagram_layout_get_bands (layout, &n_bands);
  synack_diagram_layout_get_timers (layout, &n_timers);
  g_assert_nonnull (g_hash_table_lookup (scan.ids, "band-0"));
  g_assert_nonnull (g_hash_table_lookup (scan.ids, "timer-0"));
  g_assert_true (strstr (g_hash_table_lookup (scan.ids, "band-0"), "state-") != NULL);

  /* Every label's text is real text, line by line, and no glyph is a path. */
  for (size_t i = 0; i < n_labels; i++)
    {
      g_auto (GStrv) lines = NULL;

      if (labels[i].event == -2)
        continue;
      lines = g_strsplit (labels[i].text, "\n", -1);
      for (int k = 0; lines[k]; k++)
        {
          g_autofree char *needle = g_strdup_printf ("\n%s\n", lines[k]);
          if (strstr (scan.text->str, needle) == NULL)
            g_error ("label “%s” is not a <text>", lines[k]);
        }
    }
  g_assert_cmpuint (scan.n_glyph_uses, ==, 0);
  /* The lesson's title, and a sentence on each segment, band and timer. */
  g_assert_nonnull (strstr (scan.text->str, synack_scenario_get_title (f->scenario)));
  g_assert_cmpuint (scan.n_titles, >=, 1 + f->trace->n_segments);
  svg_scan_clear (&scan);

  /* cairo's SVG stays available: glyphs as shapes, no <text>. */
  options.svg_backend = SYNACK_SVG_BACKEND_CAIRO;
  g_assert_true (synack_export_file (f->trace, &options, svg, &error));
  svg_scan (svg, &scan);
  g_assert_cmpuint (scan.n_text, ==, 0);
  g_assert_cmpuint (scan.n_glyph_uses, >, 0);
  svg_scan_clear (&scan);
}

/* --------------------------------------------------------- slides */

static void
check_deck (Fixture *f, const char *pdf, size_t n_steps, const long *steps, gboolean per_segment,
            const char *page_size)
{
  g_autofree char *info_cmd = g_strdup_printf ("pdfinfo -f 1 -l %zu '%s'", n_steps + 1, pdf);
  g_autofree char *info = run (info_cmd);
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (f->trace, NULL);
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);
  guint sized = 0;

  /* As many pages as steps, plus the title page, each of the chosen size. */
  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_cmpuint (g_ascii_strtoull (strstr (info, "Pages:") + 6, NULL, 10), ==, n_steps + 1);
  for (int i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "Page") && strstr (lines[i], "size:"))
      {
        g_assert_nonnull (strstr (lines[i], page_size));
        sized++;
      }
  g_assert_cmpuint (sized, ==, n_steps + 1);

  /* The title page: title and summary; every page: the title, its step and narration. */
  {
    g_autofree char *cmd = g_strdup_printf ("pdftotext -f 1 -l 1 -nopgbrk '%s' -", pdf);
    g_autofree char *text = run (cmd);
    g_autofree char *summary_start = g_strndup (synack_scenario_get_summary (f->scenario), 30);

    g_assert_nonnull (strstr (text, "TIME_WAIT"));
    g_assert_nonnull (strstr (text, summary_start));
  }
  for (size_t k = 0; k < n_steps; k++)
    {
      g_autofree char *cmd = g_strdup_printf ("pdftotext -f %zu -l %zu -nopgbrk '%s' -", k + 2, k + 2, pdf);
      g_autofree char *text = run (cmd);
      g_autofree char *flat = g_strdup (text);
      g_autofree char *narration = synack_slide_narration (layout, per_segment, steps[k]);
      g_autofree char *counter = g_strdup_printf ("Step %zu of %zu", k + 1, n_steps);
      g_auto (GStrv) words = g_strsplit (narration, " ", -1);
      g_autofree char *first_words = NULL;

      g_strdelimit (flat, "\n", ' ');
      g_assert_nonnull (strstr (flat, counter));
      g_assert_nonnull (strstr (flat, "A lost last ACK"));
      /* The sentence may wrap: its first four words are on one line. */
      first_words = g_strjoin (" ", words[0], words[1] ? words[1] : "", words[1] && words[2] ? words[2] : "",
                               words[1] && words[2] && words[3] ? words[3] : "", NULL);
      g_strchomp (first_words);
      if (strstr (flat, first_words) == NULL)
        g_error ("page %zu lacks its narration “%s”:\n%s", k + 2, narration, text);
    }
}

static void
test_slides (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "slides.pdf", NULL);
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (f->trace, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree long *steps = NULL;
  SynackExportOptions options;
  size_t n;

  lesson_options (f, &options);
  options.per_step = TRUE;
  g_assert_true (synack_export_file (f->trace, &options, pdf, &error));
  g_assert_no_error (error);
  steps = synack_slide_steps (layout, FALSE, SYNACK_DIAGRAM_ALL, &n);
  g_assert_cmpuint (n, ==, f->trace->n_events);
  check_deck (f, pdf, n, steps, FALSE, "960 x 540 pts");

  options.page = SYNACK_PAGE_A4;
  options.per_segment = TRUE;
  g_assert_true (synack_export_file (f->trace, &options, pdf, &error));
  g_clear_pointer (&steps, g_free);
  steps = synack_slide_steps (layout, TRUE, SYNACK_DIAGRAM_ALL, &n);
  /* One page per segment: each arrives or is lost at its own event here. */
  g_assert_cmpuint (n, ==, f->trace->n_segments);
  check_deck (f, pdf, n, steps, TRUE, "841.89 x 595.28 pts");
}

static void
test_page_sizes (void)
{
  SynackPageSize page;
  double w, h;

  g_assert_true (synack_page_size_from_string ("LETTER", &page));
  synack_page_size_points (page, &w, &h);
  g_assert_cmpfloat (w, ==, 792);
  g_assert_cmpfloat (h, ==, 612);
  g_assert_true (synack_page_size_from_string ("4:3", &page));
  synack_page_size_points (page, &w, &h);
  g_assert_cmpfloat (w / h, ==, 4.0 / 3.0);
  g_assert_false (synack_page_size_from_string ("16:10", &page));
}

/* Labels come with their arrows: on the step a segment is sent, its label
 * is not yet on the slide; it appears when the segment arrives. */
static void
test_label_with_arrow (Fixture *f, gconstpointer data)
{
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (f->trace, NULL);
  size_t n_arrows, n_labels;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  guint checked = 0;

  synack_diagram_layout_get_labels (layout, &n_labels);
  for (size_t i = 0; i < n_arrows; i++)
    if (arrows[i].label >= 0 && arrows[i].end_event >= 0)
      {
        g_assert_cmpint (synack_diagram_layout_get_labels (layout, &n_labels)[arrows[i].label].event, ==,
                         arrows[i].send_event);
        g_assert_cmpint (synack_diagram_label_reveal (layout, arrows[i].label), ==, arrows[i].end_event);
        checked++;
      }
  g_assert_cmpuint (checked, >, 5);
}

/* The cursor line passes under labels: at every step, no pixel of a label
 * the cursor crosses has the cursor's colour. */
static void
test_cursor_under_labels (Fixture *f, gconstpointer data)
{
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  SynackDiagramOptions layout_options;
  g_autoptr (SynackDiagramLayout) layout = NULL;
  const SynackDiagramLabel *labels;
  size_t n_labels;
  cairo_surface_t *surface;
  guint crossed = 0;
  g_autofree gboolean *red = NULL;
  int w, h;

  synack_diagram_options_init (&layout_options);
  layout_options.theme = theme;
  layout = synack_diagram_layout_new (f->trace, &layout_options);
  labels = synack_diagram_layout_get_labels (layout, &n_labels);
  w = (int) synack_diagram_layout_get_width (layout) + 1;
  h = (int) synack_diagram_layout_get_height (layout) + 1;
  red = g_new0 (gboolean, n_labels);
  {
    size_t n_arrows;
    const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);

    for (size_t i = 0; i < n_arrows; i++)
      if (arrows[i].fate == SYNACK_ARROW_LOST && arrows[i].label >= 0)
        red[arrows[i].label] = TRUE;
  }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  for (long k = 0; k < (long) f->trace->n_events; k++)
    {
      cairo_t *cr = cairo_create (surface);
      double yc = synack_diagram_layout_y_for_event (layout, k);
      const guint8 *pixels;
      int stride;

      synack_diagram_paint (cr, layout, theme, k, 0, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      pixels = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (size_t i = 0; i < n_labels; i++)
        {
          const cairo_rectangle_t *b = &labels[i].box;
          long reveal = synack_diagram_label_reveal (layout, (int) i);
          int y = (int) yc;

          if (reveal == -2 || reveal > k || yc < b->y + 2 || yc > b->y + b->height - 2)
            continue;
          crossed++;
          for (int x = (int) b->x + 2; x < (int) (b->x + b->width) - 2 && x < w; x++)
            {
              guint32 p = *(const guint32 *) (pixels + (size_t) y * stride + (size_t) x * 4);
              int r = p >> 16 & 0xff, g = p >> 8 & 0xff, bl = p & 0xff;

              /* The cursor is a strong red; only the lost segment's labels are red here. */
              if (r > 180 && g < 90 && bl < 90 && labels[i].kind != SYNACK_LABEL_LOST && !red[i])
                g_error ("step %ld: the cursor crosses label “%s” at x=%d", k, labels[i].text, x);
            }
        }
    }
  cairo_surface_destroy (surface);
  /* The check saw labels on the cursor's row (state names at their change). */
  g_assert_cmpuint (crossed, >, 5);
}

/* ------------------------------------------------------------ GIF */

static void
test_gif (Fixture *f, gconstpointer data)
{
  g_autofree char *gif = g_build_filename (f->dir, "lesson.gif", NULL);
  g_autoptr (GError) error = NULL;
  SynackExportOptions options;

  lesson_options (f, &options);
  options.frame_delay = 800;
  g_assert_true (synack_export_file (f->trace, &options, gif, &error));
  g_assert_no_error (error);
  {
    g_autofree char *cmd = g_strdup_printf ("identify -format '%%W×%%H %%T\\n' '%s'", gif);
    g_autofree char *out = run (cmd);
    g_auto (GStrv) frames = g_strsplit (g_strstrip (out), "\n", -1);

    /* One frame per step, 960 × 540 px, 0.8 s each and the last twice as long. */
    g_assert_cmpuint (g_strv_length (frames), ==, f->trace->n_events);
    g_assert_cmpstr (frames[0], ==, "960×540 80");
    g_assert_cmpstr (frames[f->trace->n_events - 1], ==, "960×540 160");
  }
  options.per_segment = TRUE;
  options.width = 480;
  g_assert_true (synack_export_file (f->trace, &options, gif, &error));
  {
    g_autofree char *cmd = g_strdup_printf ("identify -format '%%w\\n' '%s'", gif);
    g_autofree char *out = run (cmd);
    g_auto (GStrv) frames = g_strsplit (g_strstrip (out), "\n", -1);

    g_assert_cmpuint (g_strv_length (frames), ==, f->trace->n_segments);
    g_assert_cmpstr (frames[0], ==, "480");
  }
}

/* A page shows the point to watch its event illustrates, and none when
 * the event only shares a flag with it. */
static void
test_watch_points (Fixture *f, gconstpointer data)
{
  const char *watch = synack_scenario_get_watch (f->scenario);
  g_auto (GStrv) points = g_strsplit (watch, "\n", -1);
  gboolean saw_first_fin = FALSE, saw_rexmit_fin = FALSE, saw_time_wait = FALSE, saw_last_ack = FALSE;

  g_assert_cmpuint (g_strv_length (points), ==, 3);
  for (size_t i = 0; i < f->trace->n_events; i++)
    {
      const SynackEvent *e = &f->trace->events[i];
      g_autofree char *point = synack_slide_watch_point (f->trace, watch, (long) i);

      if (e->type == SYNACK_EVENT_SEND && (e->hdr.flags & SYNACK_FLAG_FIN) && e->rexmit == 0)
        {
          g_assert_null (point);
          saw_first_fin = TRUE;
        }
      else if (e->type == SYNACK_EVENT_SEND && (e->hdr.flags & SYNACK_FLAG_FIN))
        {
          g_assert_cmpstr (point, ==, points[0]);
          saw_rexmit_fin = TRUE;
        }
      else if (e->type == SYNACK_EVENT_STATE && e->to == SYNACK_STATE_TIME_WAIT)
        {
          g_assert_cmpstr (point, ==, points[0]);
          saw_time_wait = TRUE;
        }
      else if (e->type == SYNACK_EVENT_STATE && e->to == SYNACK_STATE_LAST_ACK)
        {
          g_assert_cmpstr (point, ==, points[1]);
          saw_last_ack = TRUE;
        }
    }
  g_assert_true (saw_first_fin && saw_rexmit_fin && saw_time_wait && saw_last_ack);
}

/* ---------------------------------------------------------- titles */

static void
test_titles (void)
{
  g_autofree char *plain = synack_export_lesson_title ("Lost SYN", FALSE);
  g_autofree char *changed = synack_export_lesson_title ("Lost SYN", TRUE);

  g_assert_cmpstr (plain, ==, "Lost SYN");
  g_assert_cmpstr (changed, ==, "Lost SYN (changed)");
  g_assert_null (synack_export_lesson_title (NULL, TRUE));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/render/course/semantic-svg", Fixture, NULL, fixture_setup, test_semantic_svg, fixture_teardown);
  g_test_add ("/render/course/slides", Fixture, NULL, fixture_setup, test_slides, fixture_teardown);
  g_test_add ("/render/course/label-with-arrow", Fixture, NULL, fixture_setup, test_label_with_arrow,
              fixture_teardown);
  g_test_add ("/render/course/cursor-under-labels", Fixture, NULL, fixture_setup, test_cursor_under_labels,
              fixture_teardown);
  g_test_add ("/render/course/gif", Fixture, NULL, fixture_setup, test_gif, fixture_teardown);
  g_test_add ("/render/course/watch-points", Fixture, NULL, fixture_setup, test_watch_points, fixture_teardown);
  g_test_add_func ("/render/course/page-sizes", test_page_sizes);
  g_test_add_func ("/render/course/titles", test_titles);
  return g_test_run ();
}
