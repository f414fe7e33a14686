/* synack-scenario-faults.c: the fault lines of a scenario: lose, delay or duplicate chosen segments. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-scenario-private.h"

static gboolean
parse_match (SynackCursor *cur, SynackFault *fault, GError **error)
{
  const char *word = synack_cursor_take (cur);
  static const struct { const char *name; SynackMatchKind kind; } kinds[] = {
    { "SYN", SYNACK_MATCH_SYN }, { "SYN-ACK", SYNACK_MATCH_SYN_ACK },
    { "SYN,ACK", SYNACK_MATCH_SYN_ACK }, { "ACK", SYNACK_MATCH_ACK },
    { "data", SYNACK_MATCH_DATA }, { "FIN", SYNACK_MATCH_FIN }, { "RST", SYNACK_MATCH_RST },
    { "any", SYNACK_MATCH_ANY }, { "segment", SYNACK_MATCH_ANY },
  };
  guint64 n;

  if (word == NULL)
    return synack_cursor_fail (cur, error, _("expected which segment: 'segment N', or a sender and a kind "
                 "(client SYN, server SYN-ACK #2, any FIN every)"));

  if (g_ascii_strcasecmp (word, "segment") == 0)
    {
      if (!synack_cursor_take_number (cur, "segment number", G_MAXUINT32, &n, error))
        return FALSE;
      if (n == 0)
        return synack_cursor_fail (cur, error, _("segments are numbered from 1"));
      fault->segment = (uint32_t) n;
      return TRUE;
    }

  if (g_ascii_strcasecmp (word, "client") == 0)
    fault->direction = SYNACK_C2S;
  else if (g_ascii_strcasecmp (word, "server") == 0)
    fault->direction = SYNACK_S2C;
  else if (g_ascii_strcasecmp (word, "any") == 0)
    fault->any_direction = TRUE;
  else
    return synack_cursor_fail (cur, error, _("expected 'segment N' or who sends it (client, server, any), found '%s'"), word);

  word = synack_cursor_take (cur);
  if (word == NULL)
    return synack_cursor_fail (cur, error, _("expected the kind of segment: SYN, SYN-ACK, ACK, data, FIN, RST or any"));
  fault->match = (SynackMatchKind) -1;
  for (unsigned i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (word, kinds[i].name) == 0)
      fault->match = kinds[i].kind;
  if ((int) fault->match < 0)
    return synack_cursor_fail (cur, error, _("unknown kind of segment '%s' (SYN, SYN-ACK, ACK, data, FIN, RST, any)"), word);

  fault->nth = 1;
  word = synack_cursor_peek (cur);
  if (word && word[0] == '#')
    {
      cur->next++;
      if (!g_ascii_string_to_unsigned (word + 1, 10, 1, G_MAXUINT32, &n, NULL))
        return synack_cursor_fail (cur, error, _("'%s': write #1 for the first, #2 for the second…"), word);
      fault->nth = (uint32_t) n;
      /* "lose client ACK #2 and later": a cable that stays cut. */
      if (synack_cursor_take_word (cur, "and"))
        {
          if (!synack_cursor_take_word (cur, "later"))
            return synack_cursor_fail (cur, error, _("expected 'and later' after '%s'"), word);
          fault->and_later = TRUE;
        }
    }
  else if (synack_cursor_take_word (cur, "every"))
    fault->nth = 0;

  word = synack_cursor_peek (cur);
  if (word && g_str_has_prefix (word, "conn="))
    {
      cur->next++;
      if (!g_ascii_string_to_unsigned (word + 5, 10, 1, G_MAXUINT32, &n, NULL))
        return synack_cursor_fail (cur, error, _("'%s': conn must be a whole number from 1"), word);
      fault->conn = (uint32_t) n;
    }
  return TRUE;
}

gboolean
synack_scenario_parse_fault (SynackCursor *cur, SynackScenario *scenario, SynackFaultKind kind, GError **error)
{
  SynackFault fault = { 0 };

  fault.kind = kind;
  fault.line = cur->line;
  if (!parse_match (cur, &fault, error))
    return FALSE;
  if (kind == SYNACK_FAULT_DELAY)
    {
      if (!synack_cursor_take_word (cur, "by"))
        return synack_cursor_fail (cur, error, _("expected 'by DURATION' (delay server data #1 by 2s)"));
      if (!synack_cursor_take_duration (cur, "the extra delay", &fault.extra, error))
        return FALSE;
    }
  else if (kind == SYNACK_FAULT_DUPLICATE)
    {
      if (!synack_cursor_take_word (cur, "after"))
        return synack_cursor_fail (cur, error, _("expected 'after DURATION' (duplicate server data #1 after 90s)"));
      if (!synack_cursor_take_duration (cur, "when the copy arrives", &fault.extra, error))
        return FALSE;
    }
  if (synack_cursor_take_word (cur, "from") &&
      !synack_cursor_take_duration (cur, "the time the fault starts", &fault.from, error))
    return FALSE;
  if (synack_cursor_peek (cur))
    return synack_cursor_fail (cur, error, _("unexpected '%s' at the end of the line"), synack_cursor_peek (cur));
  g_array_append_val (scenario->faults, fault);
  return TRUE;
}
