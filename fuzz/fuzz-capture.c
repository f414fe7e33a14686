/* fuzz-capture.c: libFuzzer target for the capture importer, and everything that reads what it produces. */
#include <stdint.h>

#include "fuzz-common.h"
#include "synack-capture.h"

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
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackCapture) capture = synack_capture_import_data (data, size, "fuzz.pcap", 0, &error);
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (GBytes) pcapng = NULL;
  g_autofree char *text = NULL;

  if (capture == NULL)
    {
      /* Refusing is fine, but always with a message naming the file. */
      if (error == NULL || strstr (error->message, "fuzz.pcap") == NULL)
        __builtin_trap ();
      return 0;
    }

  /* The trace keeps the engine's promises: events in time order, every
   * state change a legal one, but for those the import marks unproven (a
   * connection whose start the capture missed begins ESTABLISHED). */
  for (size_t i = 0; i < capture->trace->n_events; i++)
    {
      const SynackEvent *e = &capture->trace->events[i];

      if (i > 0 && e->t < capture->trace->events[i - 1].t)
        __builtin_trap ();
      if (e->type == SYNACK_EVENT_STATE && !e->unproven && !synack_state_transition_is_legal (e->from, e->to))
        __builtin_trap ();
    }

  /* The derived scenario must parse: "Replay as Scenario" offers it. */
  text = synack_capture_to_scenario_text (capture);
  scenario = synack_scenario_parse (text, "fuzz-replay.synack", &error);
  if (scenario == NULL)
    __builtin_trap ();
  {
    g_autofree char *json = synack_trace_to_json (capture->trace, scenario);
    g_autofree char *plain = synack_trace_to_text (capture->trace, scenario);
  }
  pcapng = synack_pcapng_from_trace (capture->trace, NULL);
  return 0;
}
