/* synack-cli-common.c: scenario loading and help shared by the CLI's commands. */
#include "synack-config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "synack-cli-common.h"
#include "synack-param-keys.h"

SynackScenario *
synack_cli_load_scenario (char **files, const char *preset, char **sets, GError **error)
{
  guint n_files = files ? g_strv_length (files) : 0;
  g_autoptr (SynackScenario) scenario = NULL;

  if ((n_files > 0) == (preset != NULL) || n_files > 1)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("give exactly one scenario: a FILE or --preset NAME (see --list-presets)"));
      return NULL;
    }
  scenario = preset ? synack_scenario_load_preset (preset, error)
                    : synack_scenario_load_file (files[0], error);
  if (scenario == NULL)
    return NULL;
  for (guint i = 0; sets && sets[i]; i++)
    {
      GError *cause = NULL;

      if (!synack_scenario_set_assignment (scenario, sets[i], &cause))
        {
          g_set_error (error, SYNACK_SCENARIO_ERROR, cause->code, _("--set %s: %s"), sets[i], cause->message);
          g_error_free (cause);
          return NULL;
        }
    }
  return g_steal_pointer (&scenario);
}

int
synack_cli_run_scenario (const char *command, char **files, const char *preset, char **sets,
                         SynackScenario **scenario, SynackTrace **trace)
{
  g_autoptr (GError) error = NULL;

  *scenario = synack_cli_load_scenario (files, preset, sets, &error);
  if (*scenario == NULL)
    {
      g_printerr ("%s: %s\n", command, error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  *trace = synack_scenario_run (*scenario, NULL, &error);
  if (*trace == NULL)
    {
      g_printerr ("%s: %s\n", command, error->message);
      return SYNACK_EXIT_FAILURE;
    }
  return SYNACK_EXIT_OK;
}

const char *
synack_cli_parameter_help (void)
{
  static char *help;

  if (help == NULL)
    {
      GString *text = g_string_new (_("Parameters (in scenario files as KEY = VALUE, here as --set KEY=VALUE):\n"));
      size_t n_keys;
      const SynackParamInfo *table = synack_param_table (&n_keys);
      SynackParams defaults;

      synack_params_init (&defaults, SYNACK_PROFILE_LINUX);
      for (size_t i = 0; i < n_keys; i++)
        {
          g_autofree char *value = synack_param_get_value (&defaults, &table[i]);

          /* TRANSLATORS: one parameter in --help: its help text and its default value */
          g_string_append_printf (text, "  %-20s %s ", table[i].key, _(table[i].help));
          g_string_append_printf (text, _("(default %s)"), value);
          g_string_append_c (text, '\n');
        }
      g_string_append (text, _("Durations: 250us, 50ms, 1s, 1.5s, 2min. Loss: 0.05 or 5%.\n"));
      help = g_string_free (text, FALSE);
    }
  return help;
}

gboolean
synack_cli_path_is_pcapng (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pcapng");
}

/* Which entry argument arg names: "--width", "--width=10", "-w"; NULL if none. */
static const GOptionEntry *
entry_for (const GOptionEntry *entries, const char *arg)
{
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    {
      size_t n = strlen (e->long_name);

      if (*e->long_name == '\0')
        continue;
      if (g_str_has_prefix (arg, "--") && strncmp (arg + 2, e->long_name, n) == 0 &&
          (arg[2 + n] == '\0' || arg[2 + n] == '='))
        return e;
      if (e->short_name && arg[0] == '-' && arg[1] == e->short_name && arg[2] == '\0')
        return e;
    }
  return NULL;
}

static gboolean
takes_value (const GOptionEntry *e)
{
  return e->arg != G_OPTION_ARG_NONE;
}

gboolean
synack_cli_parse_options (GOptionContext *context, const GOptionEntry *entries, const char *command,
                          int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];
      const GOptionEntry *e;
      const char *value = NULL;

      if (g_str_equal (arg, "--"))
        break;
      e = entry_for (entries, arg);
      if (e == NULL)
        continue;
      if (takes_value (e))
        value = strchr (arg, '=') ? strchr (arg, '=') + 1 : (i + 1 < *argc ? (*argv)[++i] : NULL);
      if (value && e->arg == G_OPTION_ARG_STRING && !g_utf8_validate (value, -1, NULL))
        {
          g_printerr ("%s: --%s: %s\n", command, e->long_name, _("the text is not valid UTF-8"));
          return FALSE;
        }
      if (e->arg == G_OPTION_ARG_STRING_ARRAY || e->arg == G_OPTION_ARG_FILENAME_ARRAY)
        continue;
      if (!g_hash_table_add (seen, (gpointer) e))
        {
          g_printerr (_("%s: --%s is given twice; give it once\n"), command, e->long_name);
          return FALSE;
        }
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s: %s\n", command, error->message);
      return FALSE;
    }
  return TRUE;
}

int
synack_cli_finish_output (const char *command, int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int err = errno;

      g_printerr (_("%s: cannot write the output: %s\n"), command, g_strerror (err));
      return SYNACK_EXIT_FAILURE;
    }
  return status;
}
