/* test-render-text.c: the mscgen, PlantUML and TikZ exports of every lesson, checked by the tools that read them. */
#include <glib/gstdio.h>
#include <string.h>

#include "synack-render.h"
#include "synack-scenario.h"
#include "synack-test-util.h"
#include "synack-text-export.h"

static char *tmpdir;

static int
run_in_tmpdir (const char *const *argv, char **output)
{
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, output, NULL, &wait_status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (wait_status, NULL) ? 0 : 1;
}

static guint
count (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Writes the lesson in a text format; returns the file's path. */
static char *
export_lesson (const char *name, const char *extension, const char *title)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset (name);
  g_autofree char *path = g_strdup_printf ("%s/%s.%s", tmpdir, name, extension);
  g_autoptr (GError) error = NULL;
  SynackExportOptions options;

  synack_export_options_init (&options);
  options.title = title;
  g_assert_true (synack_export_file (trace, &options, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The arrows of a lesson's layout: n in all, n_lost of them lost, and how
 * many travel (end lower than they start). */
static void
count_arrows (const char *name, guint *n, guint *n_lost, guint *n_slanted, guint *n_slanted_arriving)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset (name);
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (trace, NULL);
  size_t n_arrows;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);

  *n = (guint) n_arrows;
  *n_lost = *n_slanted = *n_slanted_arriving = 0;
  for (size_t i = 0; i < n_arrows; i++)
    {
      *n_lost += arrows[i].fate == SYNACK_ARROW_LOST;
      *n_slanted += arrows[i].y1 > arrows[i].y0 + 1;
      *n_slanted_arriving += arrows[i].y1 > arrows[i].y0 + 1 && arrows[i].fate != SYNACK_ARROW_LOST;
    }
}

static void
test_msc_every_lesson (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  if (!synack_test_have_program ("mscgen"))
    {
      g_test_skip ("mscgen is not installed");
      return;
    }
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = export_lesson (names[i], "msc", names[i]);
      g_autofree char *png = g_strdup_printf ("%s/%s-msc.png", tmpdir, names[i]);
      g_autofree char *text = NULL;
      const char *argv[] = { "mscgen", "-T", "png", "-i", path, "-o", png, NULL };
      guint n, n_lost, n_slanted, n_arriving;
      GStatBuf st;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      count_arrows (names[i], &n, &n_lost, &n_slanted, &n_arriving);
      /* One arc per arrow, lost ones as -x, slanted ones skipping rows. */
      g_assert_cmpuint (count (text, " => ") + count (text, " -x "), ==, n);
      g_assert_cmpuint (count (text, " -x "), ==, n_lost);
      g_assert_cmpuint (count (text, "arcskip="), ==, n_slanted);
      g_assert_cmpint (run_in_tmpdir (argv, NULL), ==, 0);
      g_assert_cmpint (g_stat (png, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, 1000);
      g_unlink (png);
      g_unlink (path);
    }
}

static void
test_tex_every_lesson (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  if (!synack_test_have_program ("pdflatex"))
    {
      g_test_skip ("pdflatex is not installed (Debian: texlive-pictures)");
      return;
    }
  for (guint i = 0; names[i]; i++)
    {
      /* A title with every character TeX treats specially. */
      g_autofree char *path = export_lesson (names[i], "tex", "50% & #1: a_b {c} ~ ^ \\ $x$ \u2192 \u2026");
      g_autofree char *base = g_strdup_printf ("%s/%s", tmpdir, names[i]);
      g_autofree char *pdf = g_strdup_printf ("%s.pdf", base);
      g_autofree char *text = NULL;
      const char *argv[] = { "pdflatex", "-interaction=nonstopmode", "-halt-on-error", path, NULL };
      guint n, n_lost, n_slanted, n_arriving;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      count_arrows (names[i], &n, &n_lost, &n_slanted, &n_arriving);
      g_assert_cmpuint (count (text, "\\draw[segment]") + count (text, "\\draw[rexmit]") +
                        count (text, "\\draw[lost]") + count (text, "\\draw[duplicate]"), ==, n);
      g_assert_cmpuint (count (text, "\\draw[lost]"), ==, n_lost);
      g_assert_cmpint (run_in_tmpdir (argv, NULL), ==, 0);
      g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
      for (guint k = 0; k < 3; k++)
        {
          g_autofree char *aux = g_strdup_printf ("%s.%s", base, (const char *[]) { "pdf", "log", "aux" }[k]);

          g_unlink (aux);
        }
      g_unlink (path);
    }
}

static void
test_plantuml_every_lesson (void)
{
  g_auto (GStrv) names = synack_preset_list ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("plantuml"));
  g_ptr_array_add (argv, g_strdup ("-checkonly"));
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = export_lesson (names[i], "puml", names[i]);
      g_autofree char *text = NULL;
      guint n, n_lost, n_slanted, n_arriving;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      count_arrows (names[i], &n, &n_lost, &n_slanted, &n_arriving);
      g_assert_true (g_str_has_prefix (strstr (text, "@startuml"), "@startuml\n!pragma teoz true\n"));
      g_assert_true (g_str_has_suffix (text, "@enduml\n"));
      g_assert_cmpuint (count (text, " S : ") + count (text, " C : ") - count (text, "hnote over "), ==, n);
      g_assert_cmpuint (count (text, ">x"), ==, n_lost);
      /* Debian's plantuml (1.2020.2) predates slanted arrows, ->(N): it
       * checks a copy without the slants, every other construct as written. */
      {
        g_autoptr (GRegex) slant = g_regex_new ("\\(([0-9]+)\\) ([CS]) : ", 0, 0, NULL);
        g_autofree char *flat = g_regex_replace (slant, text, -1, 0, " \\2 : ", 0, NULL);
        g_autofree char *flat_path = g_strdup_printf ("%s/%s-flat.puml", tmpdir, names[i]);

        g_assert_cmpuint (count (text, ">("), ==, n_arriving);
        g_assert_cmpuint (count (flat, ">("), ==, 0);
        g_assert_true (g_file_set_contents (flat_path, flat, -1, NULL));
        g_ptr_array_add (argv, g_steal_pointer (&flat_path));
      }
      g_unlink (path);
    }
  g_ptr_array_add (argv, NULL);
  /* One Java start for every file: plantuml is slow to start. */
  if (synack_test_have_program ("plantuml"))
    g_assert_cmpint (run_in_tmpdir ((const char *const *) argv->pdata, NULL), ==, 0);
  else
    g_test_message ("plantuml is not installed: the syntax was not checked by it");
  for (guint i = 2; i + 1 < argv->len; i++)
    g_unlink (g_ptr_array_index (argv, i));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("synack-text-XXXXXX", NULL);
  g_test_add_func ("/render/text/msc-every-lesson", test_msc_every_lesson);
  g_test_add_func ("/render/text/tex-every-lesson", test_tex_every_lesson);
  g_test_add_func ("/render/text/plantuml-every-lesson", test_plantuml_every_lesson);
  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
