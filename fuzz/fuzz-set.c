/* fuzz-set.c: libFuzzer target for `--set KEY=VALUE` and the duration parser, and the run they lead to. */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "synack-scenario.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_setup_glib ();
  return 0;
}

/* Each line of the input is one --set argument, as a shell would pass it
 * (so it may hold anything but NUL, newlines included via the CLI). */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackTrace) trace = NULL;

  if (memchr (data, '\0', size) != NULL)
    return -1;
  text = fuzz_strndup (data, size);

  /* The duration parser on its own, as the GUI's fields use it. */
  {
    SynackTime t;
    g_autoptr (GError) duration_error = NULL;

    if (!synack_parse_duration (text, &t, &duration_error))
      {
        if (duration_error == NULL)
          __builtin_trap ();
      }
    else if (t < 0)
      __builtin_trap ();
  }

  scenario = synack_scenario_load_preset (SYNACK_DEFAULT_PRESET, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", 8);
  for (guint i = 0; lines[i]; i++)
    {
      /* A refused value must leave the scenario as it was, and say why. */
      if (!synack_scenario_set_assignment (scenario, lines[i], &error))
        {
          if (error == NULL)
            __builtin_trap ();
          g_clear_error (&error);
        }
    }
  /* The CLI passes the argument whole, newlines and all. */
  if (!synack_scenario_set_assignment (scenario, text, &error))
    g_clear_error (&error);

  fuzz_cap_event_limit (scenario);
  trace = synack_scenario_run (scenario, NULL, &error);
  if (trace == NULL && error == NULL)
    __builtin_trap ();
  if (trace)
    {
      g_autofree char *json = synack_trace_to_json (trace, scenario);

      if (json == NULL)
        __builtin_trap ();
    }
  return 0;
}
