/* test-fuzz-regressions.c: every input kept in tests/fuzz-regressions/ replayed through the fuzz targets' own code. */
#include <glib.h>
#include <stdint.h>

/* The fuzz targets, compiled for this test under these names (see meson.build). */
int synack_fuzz_scenario_input (const uint8_t *data, size_t size);
int synack_fuzz_set_input (const uint8_t *data, size_t size);
int synack_fuzz_capture_input (const uint8_t *data, size_t size);
int synack_fuzz_engine_input (const uint8_t *data, size_t size);

typedef int (*FuzzInput) (const uint8_t *data, size_t size);

/* An input that once crashed, hung or leaked stays here; a crash now aborts
 * the test with the file's name in the log. */
static void
replay (gconstpointer data)
{
  const char *target = data;
  FuzzInput input = g_str_equal (target, "scenario") ? synack_fuzz_scenario_input
                    : g_str_equal (target, "set") ? synack_fuzz_set_input
                    : g_str_equal (target, "capture") ? synack_fuzz_capture_input
                    : synack_fuzz_engine_input;
  g_autofree char *dir = g_build_filename (FUZZ_REGRESSIONS_DIR, target, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = g_dir_open (dir, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      gint64 start = g_get_monotonic_time ();
      int result;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      g_test_message ("%s/%s (%" G_GSIZE_FORMAT " bytes)", target, name, length);
      result = input ((const uint8_t *) contents, length);
      g_assert_true (result == 0 || result == -1);
      g_test_message ("  done in %.2f s", (g_get_monotonic_time () - start) / 1e6);
      n++;
    }
  /* An empty directory would make this test pass without testing anything. */
  g_assert_cmpuint (n, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/fuzz-regressions/scenario", "scenario", replay);
  g_test_add_data_func ("/fuzz-regressions/set", "set", replay);
  g_test_add_data_func ("/fuzz-regressions/engine", "engine", replay);
  g_test_add_data_func ("/fuzz-regressions/capture", "capture", replay);
  return g_test_run ();
}
