/* synack-cli-common.c: scenario loading and help shared by the CLI's commands. */
#include "synack-config.h"

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
