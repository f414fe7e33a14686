/* fuzz-scenario.c: libFuzzer target for the scenario-file parser, and the run of whatever it accepts. */
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

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackScenario) again = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autofree char *saved = NULL;

  /* Files with NUL bytes are refused by the loader before the parser. */
  if (memchr (data, '\0', size) != NULL)
    return -1;
  text = fuzz_strndup (data, size);
  scenario = synack_scenario_parse (text, "fuzz.synack", &error);
  if (scenario == NULL)
    {
      /* Refusing is fine, but always with a message a teacher can read. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        __builtin_trap ();
      return 0;
    }
  g_assert_no_error (error);

  /* What Save writes must read back. */
  saved = synack_scenario_to_text (scenario);
  again = synack_scenario_parse (saved, "fuzz.synack", &error);
  if (again == NULL)
    __builtin_trap ();

  fuzz_cap_event_limit (scenario);

  /* Whatever the parser accepts must run to an end: a trace or a clear
   * refusal (event limit, too many connections), never a crash or a hang. */
  trace = synack_scenario_run (scenario, NULL, &error);
  if (trace != NULL)
    {
      g_autofree char *json = synack_trace_to_json (trace, scenario);
      g_autofree char *plain = synack_trace_to_text (trace, scenario);

      if (json == NULL || plain == NULL)
        __builtin_trap ();
    }
  else if (error == NULL)
    __builtin_trap ();
  return 0;
}
