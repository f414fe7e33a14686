/* fuzz-common.h: what the libFuzzer targets share: turning GLib criticals into crashes. */
#pragma once

#include <glib.h>

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
