/* synack-test-text.h: what the tests ask of a text: is it (partly) Chinese? */
#pragma once

#include <glib.h>

/* A Han character anywhere: the text was translated into Chinese. */
static inline gboolean
synack_test_has_han (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}
