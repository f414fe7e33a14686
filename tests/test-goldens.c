/* test-goldens.c: every lesson's `synack-cli run` output, text and JSON,
 * byte for byte against tests/golden/lessons/NAME.txt and NAME.json.
 *
 * The goldens pin behaviour through refactoring: a change that alters a
 * trace shows here as a unified diff. When the change is intended, rewrite
 * them and review the result in the diff before committing:
 *
 *   SYNACK_UPDATE_GOLDENS=1 meson test -C build test-goldens
 *
 * (or `meson compile -C build update-goldens`). */
#include "synack-test-golden.h"

#include <string.h>

typedef struct {
  char       *lesson;
  const char *format;  /* "text" or "json" */
} Golden;

/* The lesson names of data/lessons/index, in its order. */
static GPtrArray *
read_lessons (void)
{
  const char *dir = g_getenv ("SYNACK_LESSONS_DIR");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *lessons = g_ptr_array_new_with_free_func (g_free);

  if (dir == NULL)
    g_error ("SYNACK_LESSONS_DIR is not set: run the test with meson test");
  path = g_build_filename (dir, "index", NULL);
  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("cannot read the lesson index %s: %s", path, error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *name = g_strstrip (lines[i]);

      if (*name != '\0' && *name != '#')
        g_ptr_array_add (lessons, g_strdup (name));
    }
  if (lessons->len == 0)
    g_error ("the lesson index %s names no lesson", path);
  return lessons;
}

static void
test_lesson_output (gconstpointer data)
{
  const Golden *golden = data;
  const char *cli = g_getenv ("SYNACK_CLI");
  const char *argv[] = { cli, "run", "--preset", golden->lesson, "--format", golden->format, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *relative = NULL;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);

  relative = g_strdup_printf ("lessons/%s.%s", golden->lesson,
                              strcmp (golden->format, "json") == 0 ? "json" : "txt");
  synack_test_assert_golden (relative, out);
}

static void
test_no_stale_goldens (gconstpointer data)
{
  GPtrArray *lessons = (GPtrArray *) data;
  static const char *const suffixes[] = { ".json", ".txt", NULL };
  g_autofree const char **names = g_new0 (const char *, lessons->len + 1);

  memcpy (names, lessons->pdata, lessons->len * sizeof *names);
  synack_test_assert_no_stale_goldens ("lessons", names, suffixes);
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) lessons = NULL;
  g_autoptr (GPtrArray) goldens = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, NULL);
  lessons = read_lessons ();
  for (guint i = 0; i < lessons->len; i++)
    for (guint f = 0; f < 2; f++)
      {
        Golden *golden = g_new0 (Golden, 1);
        g_autofree char *path = NULL;

        golden->lesson = lessons->pdata[i];
        golden->format = f == 0 ? "text" : "json";
        g_ptr_array_add (goldens, golden);
        path = g_strdup_printf ("/golden/lessons/%s/%s", golden->lesson, golden->format);
        g_test_add_data_func (path, golden, test_lesson_output);
      }
  g_test_add_data_func ("/golden/lessons/no-stale", lessons, test_no_stale_goldens);
  status = g_test_run ();
  return status;
}
