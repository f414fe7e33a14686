/* fuzz-common.h: what the libFuzzer targets share: fatal GLib criticals, C strings, a lower event limit. */
#pragma once

#include <glib.h>
#include <string.h>

#include "synack-scenario.h"

/* A g_return_if_fail() failing is a bug the fuzzer must report, not a line
 * on stderr it would otherwise sail past; messages would only slow it down. */
static inline void
fuzz_setup_glib (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
}

/* libFuzzer hands us bytes, the parsers want a C string. */
static inline char *
fuzz_strndup (const uint8_t *data, size_t size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

/* Runs bounded by the default event limit (a million events) take seconds
 * under AddressSanitizer; a tenth of it reaches every code path just as well
 * and keeps the fuzzer at hundreds of executions a second. */
#define FUZZ_EVENT_LIMIT 100000

static inline void
fuzz_cap_event_limit (SynackScenario *scenario)
{
  if (synack_scenario_get_script (scenario)->params.event_limit > FUZZ_EVENT_LIMIT &&
      !synack_scenario_set_param (scenario, "event-limit", G_STRINGIFY (FUZZ_EVENT_LIMIT), NULL))
    __builtin_trap ();
}
