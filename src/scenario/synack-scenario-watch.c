/* synack-scenario-watch.c: a lesson's points to watch and the moment of a run each is about, written as `watch at ANCHOR = …` or inferred from its words. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-scenario-private.h"

static gboolean
parse_count (const char *word, guint *out)
{
  char *end = NULL;
  guint64 n;

  if (word == NULL || !g_ascii_isdigit (*word))
    return FALSE;
  n = g_ascii_strtoull (word, &end, 10);
  if (*end != '\0' || n == 0 || n > G_MAXUINT32)
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

/* An application call's result by its name (EADDRNOTAVAIL, ECONNRESET…). */
static gboolean
parse_result (const char *word, SynackResult *out)
{
  for (int r = 0; r < SYNACK_N_RESULTS; r++)
    if (g_str_equal (word, synack_result_to_string ((SynackResult) r)))
      {
        *out = (SynackResult) r;
        return TRUE;
      }
  return FALSE;
}

/* ANCHOR is "segment N" or "segment N arrives", "[HOST] result NAME" (an
 * application call returning NAME), or what a quiz line names, "[HOST] state STATE",
 * "[HOST] send KIND", "[HOST] timer TIMER", with "[HOST] STATE" short for
 * the first, each optionally followed by #N (the nth such moment). */
static gboolean
parse_anchor (const char *text, SynackWatchAnchor *anchor)
{
  g_auto (GStrv) all = g_strsplit_set (text, " \t", -1);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GString) focus = g_string_new (NULL);
  SynackState state;
  guint n;

  for (guint i = 0; all[i] != NULL; i++)
    if (*all[i] != '\0')
      g_ptr_array_add (words, all[i]);
  memset (anchor, 0, sizeof *anchor);
  anchor->written = TRUE;
  anchor->nth = 1;
  n = words->len;
  if (n > 0 && ((char *) words->pdata[n - 1])[0] == '#')
    {
      if (!parse_count ((char *) words->pdata[n - 1] + 1, &anchor->nth))
        return FALSE;
      n--;
    }
  if ((n == 2 || n == 3) && g_str_equal (words->pdata[0], "segment"))
    {
      anchor->arrival = n == 3;
      /* A duplicated segment arrives twice: "segment 6 arrives #2". */
      return (anchor->arrival || anchor->nth == 1) && parse_count (words->pdata[1], &anchor->segment) &&
             (n == 2 || g_str_equal (words->pdata[2], "arrives"));
    }
  if ((n == 2 || n == 3) && g_str_equal (words->pdata[n - 2], "result"))
    {
      anchor->by_result = TRUE;
      anchor->result_host = -1;
      if (n == 3 && g_str_equal (words->pdata[0], "client"))
        anchor->result_host = SYNACK_CLIENT;
      else if (n == 3 && g_str_equal (words->pdata[0], "server"))
        anchor->result_host = SYNACK_SERVER;
      else if (n == 3)
        return FALSE;
      return parse_result (words->pdata[n - 1], &anchor->result);
    }
  for (guint i = 0; i < n; i++)
    {
      /* A state name alone is the moment it is entered. */
      if (i == n - 1 && synack_state_from_string (words->pdata[i], &state) &&
          (i == 0 || !g_str_equal (words->pdata[i - 1], "state")))
        g_string_append (focus, " state");
      g_string_append_printf (focus, " %s", (char *) words->pdata[i]);
    }
  return n > 0 && synack_quiz_focus_parse (focus->str, &anchor->focus, NULL);
}

gboolean
synack_scenario_read_watch_at (SynackScenario *scenario, const SynackCursor *cur, const char *key,
                               const char *anchor_text, const char *value, GError **error)
{
  SynackWatchAnchor anchor;
  g_autofree char *quoted = synack_cursor_quote (anchor_text);

  if (!parse_anchor (anchor_text, &anchor))
    return synack_cursor_fail (cur, error, _("'%s at %s': a point to watch is anchored as "
                                             "'watch at client TIME_WAIT = …', 'watch at server send FIN #2 = …', "
                                             "'watch at client timer time-wait = …', 'watch at segment 3 = …', "
                                             "'watch at segment 3 arrives = …' or 'watch at client result EADDRNOTAVAIL = …'"),
                               key, g_strstrip (quoted));
  return synack_scenario_read_lesson_text (scenario, cur, key, &anchor, value, error);
}

static long
anchored_moment (const SynackWatchAnchor *anchor, const SynackTrace *trace)
{
  guint seen = 0;

  if (anchor->segment != 0 && !anchor->arrival)
    return synack_trace_find_send (trace, anchor->segment);
  if (anchor->by_result)
    {
      for (size_t i = 0; i < trace->n_events; i++)
        {
          const SynackEvent *e = &trace->events[i];

          if (e->type == SYNACK_EVENT_APP && e->result == anchor->result &&
              (anchor->result_host < 0 || (int) e->host == anchor->result_host) && ++seen == anchor->nth)
            return (long) i;
        }
      return -1;
    }
  if (anchor->segment != 0)
    {
      for (size_t i = 0; i < trace->n_events; i++)
        if ((trace->events[i].type == SYNACK_EVENT_DELIVER || trace->events[i].type == SYNACK_EVENT_LOST) &&
            trace->events[i].seg == anchor->segment && ++seen == anchor->nth)
          return (long) i;
      return -1;
    }
  for (size_t i = 0; i < trace->n_events; i++)
    if (synack_quiz_focus_picks (&anchor->focus, &trace->events[i]) && ++seen == anchor->nth)
      return (long) i;
  return -1;
}

static const SynackWatchAnchor *
written_anchor (const SynackLessonText *text, guint line)
{
  const SynackWatchAnchor *anchor;

  if (text == NULL || line >= text->watch_anchors->len)
    return NULL;
  anchor = &g_array_index (text->watch_anchors, SynackWatchAnchor, line);
  return anchor->written ? anchor : NULL;
}

long
synack_scenario_watch_moment (const SynackScenario *scenario, const SynackTrace *trace, guint line)
{
  const SynackLessonText *shown = synack_scenario_shown_watch (scenario);
  const SynackWatchAnchor *anchor = written_anchor (shown, line);
  g_auto (GStrv) points = NULL;

  /* A translation stands line for line for the untranslated points, so
   * it need not repeat their anchors. */
  if (anchor == NULL)
    anchor = written_anchor (g_hash_table_lookup (scenario->lesson_texts, ""), line);
  if (anchor != NULL)
    return anchored_moment (anchor, trace);
  if (shown == NULL)
    return -1;
  points = g_strsplit (shown->watch->str, "\n", -1);
  return line < g_strv_length (points) ? synack_describe_watch_moment (trace, points[line]) : -1;
}
