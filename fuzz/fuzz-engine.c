/* fuzz-engine.c: libFuzzer target that turns its bytes into a valid scenario, runs it twice and checks TCP's invariants. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "synack-test-generator.h"
#include "synack-test-invariants.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The fuzzer's bytes as the generator's random numbers: every choice reads
 * the next bytes, so a mutation changes one choice and coverage steers them.
 * Past the end every choice is the smallest, which still makes a scenario. */
typedef struct {
  const uint8_t *data;
  size_t         size;
  size_t         next;
} ByteSource;

static guint32
byte_bits (SynackTestRandom *self)
{
  ByteSource *source = self->data;
  guint32 value = 0;

  for (int i = 0; i < 4 && source->next < source->size; i++)
    value = (value << 8) | source->data[source->next++];
  return value;
}

static gint32
byte_int_range (SynackTestRandom *self, gint32 begin, gint32 end)
{
  guint32 span = (guint32) (end - begin);

  return span == 0 ? begin : begin + (gint32) (byte_bits (self) % span);
}

static double
byte_fraction (SynackTestRandom *self)
{
  return byte_bits (self) / 4294967296.0;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_setup_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  ByteSource source = { data, size, 0 };
  SynackTestRandom rand = { byte_bits, byte_int_range, byte_fraction, &source };
  g_autofree char *text = synack_test_generate_scenario (&rand, "fuzz-engine");
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "fuzz-engine.synack", &error);
  g_autoptr (SynackTrace) first = NULL;
  g_autoptr (SynackTrace) second = NULL;
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *problem = NULL;
  SynackRunStats stats;

  /* The generator writes valid scenarios only: a refusal is its bug. */
  if (scenario == NULL)
    {
      fprintf (stderr, "generated scenario refused: %s\n%s", error->message, text);
      __builtin_trap ();
    }
  fuzz_cap_event_limit (scenario);
  first = synack_scenario_run (scenario, &stats, &error);
  if (first == NULL)
    {
      /* Only the lowered event limit may stop a run of a valid scenario. */
      if (stats.events < FUZZ_EVENT_LIMIT)
        {
          fprintf (stderr, "run failed: %s\n%s", error->message, text);
          __builtin_trap ();
        }
      return 0;
    }
  second = synack_scenario_run (scenario, NULL, &error);
  if (second == NULL)
    __builtin_trap ();
  json1 = synack_trace_to_json (first, scenario);
  json2 = synack_trace_to_json (second, scenario);
  if (strcmp (json1, json2) != 0)
    {
      fprintf (stderr, "two runs differ:\n%s", text);
      __builtin_trap ();
    }
  problem = synack_test_check_invariants (first, &synack_scenario_get_script (scenario)->params,
                                          stats.hit_time_limit);
  if (problem != NULL)
    {
      fprintf (stderr, "invariant broken: %s\n%s", problem, text);
      __builtin_trap ();
    }
  return 0;
}
