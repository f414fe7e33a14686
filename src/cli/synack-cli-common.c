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
      const char *const *keys = synack_param_keys ();

      for (guint i = 0; keys[i]; i++)
        g_string_append_printf (text, "  %-20s %s\n", keys[i], _(synack_param_key_help (keys[i])));
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
