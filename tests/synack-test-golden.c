/* synack-test-golden.c: golden-file comparison with a unified diff, and the
 * SYNACK_UPDATE_GOLDENS=1 switch that regenerates the goldens. */
#include "synack-test-golden.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

const char *
synack_test_golden_dir (void)
{
  const char *dir = g_getenv ("SYNACK_GOLDEN_DIR");

  /* Without it the test would compare against nothing and pass. */
  if (dir == NULL || *dir == '\0')
    g_error ("SYNACK_GOLDEN_DIR is not set: run the test with meson test");
  return dir;
}

gboolean
synack_test_golden_updating (void)
{
  return g_strcmp0 (g_getenv ("SYNACK_UPDATE_GOLDENS"), "1") == 0;
}

/* `diff -u` of the golden and the actual text, for the failure message. */
static char *
unified_diff (const char *golden_path, const char *actual)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *actual_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int fd = g_file_open_tmp ("synack-golden-XXXXXX", &actual_path, &error);
  const char *argv[] = { "diff", "-u", "--label", golden_path, "--label", "actual",
                         golden_path, NULL, NULL };

  if (fd < 0)
    return g_strdup_printf ("(no diff: %s)", error->message);
  close (fd);
  if (!g_file_set_contents (actual_path, actual, -1, &error))
    return g_strdup_printf ("(no diff: %s)", error->message);
  argv[6] = golden_path;
  argv[7] = actual_path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, NULL, &error))
    {
      g_unlink (actual_path);
      return g_strdup_printf ("(no diff: %s)", error->message);
    }
  g_unlink (actual_path);
  return g_strconcat (out, err, NULL);
}

void
synack_test_assert_golden (const char *relative_path, const char *actual)
{
  g_autofree char *path = g_build_filename (synack_test_golden_dir (), relative_path, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *golden = NULL;
  gsize golden_len = 0;

  if (synack_test_golden_updating ())
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_mkdir_with_parents (dir, 0755);
      /* g_file_set_contents writes a temporary file and renames it, so an
       * interrupted update leaves the old golden whole. */
      if (!g_file_set_contents (path, actual, -1, &error))
        g_error ("cannot write golden %s: %s", path, error->message);
      g_test_message ("updated %s", path);
      return;
    }

  /* g_test_fail_printf rather than g_error: one broken golden must not hide
   * the state of the others. */
  if (!g_file_get_contents (path, &golden, &golden_len, &error))
    {
      g_test_fail_printf ("missing golden %s (%s); generate it with "
                          "SYNACK_UPDATE_GOLDENS=1 meson test -C BUILD, then review it with git diff",
                          path, error->message);
      return;
    }

  if (golden_len != strlen (actual) || memcmp (golden, actual, golden_len) != 0)
    {
      g_autofree char *diff = unified_diff (path, actual);

      g_printerr ("%s", diff);
      g_test_fail_printf ("output differs from golden %s (unified diff above). If the change "
                          "is intended, regenerate with SYNACK_UPDATE_GOLDENS=1 meson test -C BUILD "
                          "and review the diff", path);
    }
}

void
synack_test_assert_no_stale_goldens (const char *subdir, const char *const *lessons, const char *const *suffixes)
{
  g_autofree char *dir = g_build_filename (synack_test_golden_dir (), subdir, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = g_dir_open (dir, 0, &error);
  const char *file;

  g_assert_no_error (error);
  while ((file = g_dir_read_name (listing)))
    {
      g_autofree char *lesson = NULL;

      for (guint i = 0; suffixes[i] && lesson == NULL; i++)
        if (g_str_has_suffix (file, suffixes[i]))
          lesson = g_strndup (file, strlen (file) - strlen (suffixes[i]));
      if (lesson == NULL)
        {
          g_autofree char *expected = g_strjoinv (" or NAME", (char **) suffixes);
          g_test_fail_printf ("%s/%s is not NAME%s", dir, file, expected);
        }
      else if (!g_strv_contains (lessons, lesson))
        g_test_fail_printf ("%s/%s belongs to no lesson in the index; delete it", dir, file);
    }
}
