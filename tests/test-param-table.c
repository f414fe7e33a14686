/* test-param-table.c: the one parameter table against the README, --help and the Parameters page's numbers. */
#include <string.h>

#include "synack-param-keys.h"

/* The README's parameter rows: keys (a row may name two) and their default. */
typedef struct {
  GPtrArray *keys;
  GPtrArray *defaults;
} ReadmeTable;

static char *
backquoted (const char *cell, const char **rest)
{
  const char *a = strchr (cell, '`');
  const char *b = a ? strchr (a + 1, '`') : NULL;

  if (b == NULL)
    return NULL;
  *rest = b + 1;
  return g_strndup (a + 1, (gsize) (b - a - 1));
}

static void
read_readme_table (ReadmeTable *table)
{
  g_autofree char *path = g_build_filename (g_getenv ("SYNACK_SOURCE_DIR"), "README.md", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean inside = FALSE;

  g_assert_nonnull (g_getenv ("SYNACK_SOURCE_DIR"));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  table->keys = g_ptr_array_new_with_free_func (g_free);
  table->defaults = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) cells = NULL;
      const char *p;
      char *word;
      char *value;

      if (lines[i][0] == '#')
        inside = g_str_equal (lines[i], "### Parameters");
      if (!inside || !g_str_has_prefix (lines[i], "| `"))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), >=, 4);
      p = cells[2];
      value = backquoted (p, &p);
      g_assert_nonnull (value);
      for (p = cells[1]; (word = backquoted (p, &p)) != NULL;)
        {
          g_ptr_array_add (table->keys, word);
          g_ptr_array_add (table->defaults, g_strdup (value));
        }
      g_free (value);
    }
}

static void
test_readme (void)
{
  ReadmeTable readme;
  size_t n_keys;
  const SynackParamInfo *table = synack_param_table (&n_keys);
  SynackParams defaults;

  read_readme_table (&readme);
  synack_params_init (&defaults, SYNACK_PROFILE_LINUX);
  g_assert_cmpuint (readme.keys->len, ==, n_keys);
  for (size_t i = 0; i < n_keys; i++)
    {
      g_autofree char *value = synack_param_get_value (&defaults, &table[i]);

      g_assert_cmpstr (g_ptr_array_index (readme.keys, i), ==, table[i].key);
      g_assert_cmpstr (g_ptr_array_index (readme.defaults, i), ==, value);
    }
  g_ptr_array_unref (readme.keys);
  g_ptr_array_unref (readme.defaults);
}

static void
test_cli_help (void)
{
  const char *argv[] = { g_getenv ("SYNACK_CLI"), "--help", NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  size_t n_keys;
  const SynackParamInfo *table = synack_param_table (&n_keys);
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (size_t i = 0; i < n_keys; i++)
    {
      g_autofree char *line = g_strdup_printf ("  %-20s %s ", table[i].key, table[i].help);
      g_assert_nonnull (strstr (out, line));
    }
}

/* What the Parameters page shows for a value, set back, is that value; and
 * every key the page shows has what a row needs. */
static void
test_page_numbers (void)
{
  size_t n_keys;
  const SynackParamInfo *table = synack_param_table (&n_keys);

  for (int profile = 0; profile < 2; profile++)
    for (size_t i = 0; i < n_keys; i++)
      {
        const SynackParamInfo *info = &table[i];
        SynackParams params, back;
        g_autofree char *value = NULL;
        g_autoptr (GError) error = NULL;
        double shown;

        synack_params_init (&params, profile == 0 ? SYNACK_PROFILE_LINUX : SYNACK_PROFILE_RFC9293);
        g_assert_nonnull (info->help);
        if (info->choices != NULL)
          {
            gboolean found = FALSE;

            value = synack_param_get_value (&params, info);
            for (const SynackParamChoice *c = info->choices; c->value; c++)
              found |= g_str_equal (c->value, value);
            g_assert_true (found);
            continue;
          }
        if (info->kind == SYNACK_PARAM_PORT_RANGE)
          {
            /* Not a number: its text goes back and forth unchanged. */
            g_autofree char *again = NULL;

            g_assert_null (info->label);
            value = synack_param_get_value (&params, info);
            back = params;
            g_assert_true (synack_param_apply (&back, info->key, value, &error));
            again = synack_param_get_value (&back, info);
            g_assert_cmpstr (again, ==, value);
            continue;
          }
        shown = synack_param_get_number (&params, info);
        if (info->label != NULL)
          {
            /* The label names the unit the number is in. */
            const char *suffix[] = { [SYNACK_PARAM_UNIT_MS] = " (ms)", [SYNACK_PARAM_UNIT_S] = " (s)",
                                     [SYNACK_PARAM_UNIT_PERCENT] = " (%)", [SYNACK_PARAM_UNIT_BYTES] = " (bytes)" };

            if (info->unit != SYNACK_PARAM_UNIT_NONE)
              g_assert_true (g_str_has_suffix (info->label, suffix[info->unit]));
            else
              g_assert_null (strstr (info->label, " ("));
            g_assert_cmpfloat (info->min, <=, info->max);
            g_assert_cmpfloat (info->step, >, 0);
          }
        value = synack_param_value_from_number (info, shown);
        back = params;
        synack_params_init (&back, SYNACK_PROFILE_LINUX);
        g_assert_true (synack_param_apply (&back, info->key, value, &error));
        g_assert_no_error (error);
        g_assert_cmpfloat_with_epsilon (synack_param_get_number (&back, info), shown, 1e-9);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/params/readme", test_readme);
  g_test_add_func ("/params/cli-help", test_cli_help);
  g_test_add_func ("/params/page-numbers", test_page_numbers);
  return g_test_run ();
}
