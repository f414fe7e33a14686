/* synack-scenario-cursor.c: the word cursor a scenario line is read with, and its errors naming file and line. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-scenario-private.h"

/* Messages quote words and lines; a pasted megabyte must not become a
 * megabyte of message. */
#define MAX_QUOTED_CHARS 80

/* Cuts text to at most max characters (not bytes), marking the cut. */
static void
shorten (GString *text, gsize max)
{
  if (g_utf8_strlen (text->str, -1) > (glong) max)
    {
      g_string_truncate (text, (gsize) (g_utf8_offset_to_pointer (text->str, (glong) max) - text->str));
      g_string_append (text, "…");
    }
}

/* Characters a reader cannot see in an editor but the parser does: a
 * no-break or zero-width space, a control character. */
static gboolean
is_invisible (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (c == '\t')
    return FALSE;
  return (c > 0x7f && (g_unichar_isspace (c) || type == G_UNICODE_SPACE_SEPARATOR)) ||
         type == G_UNICODE_FORMAT || type == G_UNICODE_CONTROL;
}

/* " (there is an invisible U+00A0 at column 3)", or nothing. */
static void
append_invisible (GString *message, const char *line)
{
  guint column = 1;

  if (line == NULL || !g_utf8_validate (line, -1, NULL))
    return;
  for (const char *p = line; *p; p = g_utf8_next_char (p), column++)
    if (is_invisible (g_utf8_get_char (p)))
      {
        g_string_append_printf (message, _(" (the line has an invisible character U+%04X at column %u)"),
                                g_utf8_get_char (p), column);
        return;
      }
}

/* "SOURCE:LINE: message", the message shortened and the invisible named. */
static gboolean
fail_at (const SynackCursor *cur, GError **error, int code, const char *text)
{
  g_autoptr (GString) message = g_string_new (text);

  shorten (message, 2 * MAX_QUOTED_CHARS);
  append_invisible (message, cur->raw);
  g_set_error (error, SYNACK_SCENARIO_ERROR, code, _("%s:%u: %s"), cur->source, cur->line, message->str);
  return FALSE;
}

gboolean
synack_cursor_fail (const SynackCursor *cur, GError **error, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return fail_at (cur, error, SYNACK_SCENARIO_ERROR_SYNTAX, text);
}

char *
synack_cursor_quote (const char *text)
{
  GString *quoted = g_string_new (text);

  shorten (quoted, MAX_QUOTED_CHARS);
  return g_string_free (quoted, FALSE);
}

/* Re-labels an error from a value parser with the place it came from. */
gboolean
synack_cursor_fail_with (const SynackCursor *cur, GError **error, GError *cause)
{
  fail_at (cur, error, cause->code, cause->message);
  g_error_free (cause);
  return FALSE;
}

const char *
synack_cursor_peek (const SynackCursor *cur)
{
  return cur->next < cur->n_words ? cur->words[cur->next] : NULL;
}

const char *
synack_cursor_take (SynackCursor *cur)
{
  return cur->next < cur->n_words ? cur->words[cur->next++] : NULL;
}

gboolean
synack_cursor_take_word (SynackCursor *cur, const char *word)
{
  if (synack_cursor_peek (cur) && g_ascii_strcasecmp (synack_cursor_peek (cur), word) == 0)
    {
      cur->next++;
      return TRUE;
    }
  return FALSE;
}

gboolean
synack_cursor_take_duration (SynackCursor *cur, const char *what, SynackTime *out, GError **error)
{
  const char *word = synack_cursor_take (cur);
  GError *cause = NULL;

  if (word == NULL)
    return synack_cursor_fail (cur, error, _("expected %s (a duration such as 50ms)"), what);
  if (!synack_parse_duration (word, out, &cause))
    return synack_cursor_fail_with (cur, error, cause);
  return TRUE;
}

gboolean
synack_cursor_take_number (SynackCursor *cur, const char *what, guint64 max, guint64 *out, GError **error)
{
  const char *word = synack_cursor_take (cur);

  if (word == NULL)
    return synack_cursor_fail (cur, error, _("expected %s"), what);
  if (!g_ascii_string_to_unsigned (word, 10, 0, max, out, NULL))
    return synack_cursor_fail (cur, error, _("'%s' is not a valid %s (a whole number up to %llu)"),
                 word, what, (unsigned long long) max);
  return TRUE;
}

gboolean
synack_cursor_take_host (SynackCursor *cur, SynackHostId *out, GError **error)
{
  const char *word = synack_cursor_take (cur);

  if (word && g_ascii_strcasecmp (word, "client") == 0)
    *out = SYNACK_CLIENT;
  else if (word && g_ascii_strcasecmp (word, "server") == 0)
    *out = SYNACK_SERVER;
  else
    return synack_cursor_fail (cur, error, _("expected client or server, found '%s'"), word ? word : "end of line");
  return TRUE;
}

/* Options written as name=value after an action: conn=2, isn=1000. */
gboolean
synack_cursor_take_option (SynackCursor *cur, const char *name, guint64 min, guint64 max, gboolean *seen, guint64 *out,
             GError **error)
{
  const char *word = synack_cursor_peek (cur);
  size_t n = strlen (name);

  if (word == NULL || strncmp (word, name, n) != 0 || word[n] != '=')
    return TRUE;
  cur->next++;
  if (!g_ascii_string_to_unsigned (word + n + 1, 10, min, max, out, NULL))
    return synack_cursor_fail (cur, error, _("'%s': %s must be a whole number%s"), word, name,
                 min > 0 ? " from 1" : "");
  *seen = TRUE;
  return TRUE;
}
