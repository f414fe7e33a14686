/* synack-scenario-quiz.c: a scenario's quiz lines: the moments predict mode asks about. */
#include "synack-config.h"

#include "synack-scenario-private.h"

/* quiz [HOST] state|send|timer [WHICH]: the words go to the quiz's own
 * reader, which says what it expected; the error gets the file and line. */
gboolean
synack_scenario_parse_quiz (SynackCursor *cur, SynackScenario *scenario, GError **error)
{
  g_autoptr (GString) rest = g_string_new (NULL);
  SynackQuizFocus focus;
  GError *cause = NULL;
  const char *word;

  while ((word = synack_cursor_take (cur)) != NULL)
    g_string_append_printf (rest, "%s%s", rest->len ? " " : "", word);
  if (!synack_quiz_focus_parse (rest->str, &focus, &cause))
    return synack_cursor_fail_with (cur, error, cause);
  g_array_append_val (scenario->quiz, focus);
  return TRUE;
}
