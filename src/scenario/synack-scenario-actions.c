/* synack-scenario-actions.c: the action lines of a scenario: at TIME HOST ACTION, when HOST EVENT: HOST ACTION. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-scenario-private.h"

/* The most connections one burst opens at once. */
#define MAX_BURST 10000u

/* repeat N every DURATION, or every ~DURATION: random gaps of that mean. */
static gboolean
take_repeat (SynackCursor *cur, SynackAction *action, GError **error)
{
  const char *word;
  guint64 n;

  if (!synack_cursor_take_number (cur, "repeat count", MAX_REPEAT, &n, error))
    return FALSE;
  if (!synack_cursor_take_word (cur, "every"))
    return synack_cursor_fail (cur, error, _("expected 'every DURATION' after 'repeat %llu'"), (unsigned long long) n);
  word = synack_cursor_peek (cur);
  if (word != NULL && word[0] == '~')
    {
      GError *cause = NULL;

      cur->next++;
      if (!synack_parse_duration (word + 1, &action->every, &cause))
        return synack_cursor_fail_with (cur, error, cause);
      action->poisson = TRUE;
    }
  else if (!synack_cursor_take_duration (cur, "the interval", &action->every, error))
    return FALSE;
  if (action->every == 0)
    return synack_cursor_fail (cur, error, _("an action cannot repeat every 0s"));
  action->repeat = (uint32_t) n;
  return TRUE;
}

/* listen PORT [backlog N] [accepts every DURATION | accepts on-call] */
static gboolean
take_listen_options (SynackCursor *cur, SynackAction *action, GError **error)
{
  guint64 n;

  if (synack_cursor_take_word (cur, "backlog"))
    {
      if (!synack_cursor_take_number (cur, "backlog", SYNACK_MAX_BACKLOG, &n, error))
        return FALSE;
      action->has_backlog = TRUE;
      action->backlog = (uint32_t) n;
    }
  if (!synack_cursor_take_word (cur, "accepts"))
    return TRUE;
  action->accept_paced = TRUE;
  if (synack_cursor_take_word (cur, "on-call"))
    return TRUE;
  if (!synack_cursor_take_word (cur, "every"))
    return synack_cursor_fail (cur, error, _("expected 'accepts every DURATION' or 'accepts on-call' "
                                             "(only when an accept line says so)"));
  if (!synack_cursor_take_duration (cur, "the time between accepts", &action->accept_every, error))
    return FALSE;
  if (action->accept_every == 0)
    return synack_cursor_fail (cur, error, _("'accepts every 0s' is accepting at once: leave 'accepts' out"));
  return TRUE;
}

static gboolean
take_burst (SynackCursor *cur, SynackAction *action, GError **error)
{
  guint64 n;

  if (!synack_cursor_take_number (cur, "burst size", MAX_BURST, &n, error))
    return FALSE;
  if (n == 0)
    return synack_cursor_fail (cur, error, _("a burst opens at least one connection"));
  action->burst = (uint32_t) n;
  return TRUE;
}

/* What a connect or send may add to itself, and what they exclude. */
static gboolean
check_repetition (SynackCursor *cur, const SynackAction *action, GError **error)
{
  guint64 arrivals = (guint64) action->repeat + 1;

  if (action->what != SYNACK_DO_CONNECT || (action->repeat == 0 && action->burst == 0))
    return TRUE;
  if (action->conn != 0)
    return synack_cursor_fail (cur, error, _("a repeated connect numbers its connections itself: drop conn="));
  if (action->local_port != 0)
    return synack_cursor_fail (cur, error, _("a repeated connect cannot use one fixed local port"));
  if (action->burst > 1 && arrivals * action->burst > MAX_REPEAT)
    return synack_cursor_fail (cur, error, _("%llu bursts of %u are more than %u connections"),
                               (unsigned long long) arrivals, action->burst, MAX_REPEAT);
  return TRUE;
}

static gboolean
parse_verb (SynackCursor *cur, SynackAction *action, GError **error)
{
  const char *verb;
  guint64 n;
  gboolean seen = FALSE;

  if (!synack_cursor_take_host (cur, &action->host, error))
    return FALSE;
  verb = synack_cursor_take (cur);
  if (verb == NULL)
    return synack_cursor_fail (cur, error, _("expected what the %s does (listen, accept, close-listener, connect, send, shutdown, "
                 "close, abort, read, crash, unplug, plug)"), synack_host_to_string (action->host));

  if (g_str_equal (verb, "listen"))
    {
      action->what = SYNACK_DO_LISTEN;
      if (!synack_cursor_take_number (cur, "port", 65535, &n, error))
        return FALSE;
      if (n == 0)
        return synack_cursor_fail (cur, error, _("port 0 cannot be listened on"));
      action->port = (uint16_t) n;
      if (!take_listen_options (cur, action, error))
        return FALSE;
    }
  else if (g_str_equal (verb, "accept") || g_str_equal (verb, "close-listener"))
    {
      action->what = g_str_equal (verb, "accept") ? SYNACK_DO_ACCEPT : SYNACK_DO_CLOSE_LISTENER;
      if (!synack_cursor_take_number (cur, "port", 65535, &n, error))
        return FALSE;
      action->port = (uint16_t) n;
    }
  else if (g_str_equal (verb, "connect"))
    {
      action->what = SYNACK_DO_CONNECT;
      if (!synack_cursor_take_number (cur, "port", 65535, &n, error))
        return FALSE;
      if (n == 0)
        return synack_cursor_fail (cur, error, _("port 0 cannot be connected to"));
      action->port = (uint16_t) n;
      if (synack_cursor_take_word (cur, "from"))
        {
          if (!synack_cursor_take_number (cur, "local port", 65535, &n, error))
            return FALSE;
          if (n == 0)
            return synack_cursor_fail (cur, error, _("local port 0 means 'any': leave out 'from' instead"));
          action->local_port = (uint16_t) n;
        }
    }
  else if (g_str_equal (verb, "send"))
    {
      action->what = SYNACK_DO_SEND;
      if (!synack_cursor_take_number (cur, "byte count", 1u << 30, &n, error))
        return FALSE;
      if (n == 0)
        return synack_cursor_fail (cur, error, _("send needs at least one byte"));
      action->bytes = n;
      synack_cursor_take_word (cur, "bytes");
    }
  else if (g_str_equal (verb, "shutdown"))
    action->what = SYNACK_DO_SHUTDOWN_WRITE;
  else if (g_str_equal (verb, "close"))
    action->what = SYNACK_DO_CLOSE;
  else if (g_str_equal (verb, "abort"))
    action->what = SYNACK_DO_ABORT;
  else if (g_str_equal (verb, "read"))
    {
      if (synack_cursor_take_word (cur, "off"))
        action->what = SYNACK_DO_READ_OFF;
      else if (synack_cursor_take_word (cur, "on"))
        action->what = SYNACK_DO_READ_ON;
      else
        return synack_cursor_fail (cur, error, _("expected 'read on' or 'read off'"));
    }
  else if (g_str_equal (verb, "crash"))
    action->what = SYNACK_DO_CRASH;
  else if (g_str_equal (verb, "unplug"))
    action->what = SYNACK_DO_UNPLUG;
  else if (g_str_equal (verb, "plug"))
    action->what = SYNACK_DO_PLUG;
  else
    return synack_cursor_fail (cur, error, _("unknown action '%s' (listen, accept, close-listener, connect, send, shutdown, close, "
                 "abort, read, crash, unplug, plug)"), verb);

  while (synack_cursor_peek (cur))
    {
      guint before = cur->next;

      seen = FALSE;
      if (!synack_cursor_take_option (cur, "conn", 1, G_MAXUINT32, &seen, &n, error))
        return FALSE;
      if (seen)
        action->conn = (uint32_t) n;
      seen = FALSE;
      if (!synack_cursor_take_option (cur, "isn", 0, G_MAXUINT32, &seen, &n, error))
        return FALSE;
      if (seen)
        {
          if (action->what != SYNACK_DO_CONNECT && action->what != SYNACK_DO_LISTEN)
            return synack_cursor_fail (cur, error, _("isn= only goes with listen or connect"));
          action->has_isn = TRUE;
          action->isn = (uint32_t) n;
        }
      if ((action->what == SYNACK_DO_CONNECT || action->what == SYNACK_DO_SEND) &&
          synack_cursor_take_word (cur, "repeat") && !take_repeat (cur, action, error))
        return FALSE;
      if (action->what == SYNACK_DO_CONNECT && synack_cursor_take_word (cur, "burst") &&
          !take_burst (cur, action, error))
        return FALSE;
      if ((action->what == SYNACK_DO_CONNECT || action->what == SYNACK_DO_LISTEN) &&
          synack_cursor_take_word (cur, "reuseaddr"))
        action->reuseaddr = TRUE;
      if (cur->next == before)
        return synack_cursor_fail (cur, error, _("unexpected '%s' after the action"), synack_cursor_peek (cur));
    }
  return check_repetition (cur, action, error);
}

gboolean
synack_scenario_parse_at (SynackCursor *cur, SynackScenario *scenario, GError **error)
{
  SynackAction action = { 0 };

  action.when = SYNACK_WHEN_TIME;
  action.line = cur->line;
  if (!synack_cursor_take_duration (cur, "a time after 'at'", &action.at, error))
    return FALSE;
  synack_cursor_take_word (cur, ":");
  if (synack_cursor_take_word (cur, "attacker"))
    {
      if (!synack_scenario_parse_attacker (cur, &action, error))
        return FALSE;
    }
  else if (!parse_verb (cur, &action, error))
    return FALSE;
  /* The two sides of one connection share its number (a simultaneous open
   * names it on both hosts), but one host opens it once. */
  if (action.what == SYNACK_DO_CONNECT && action.conn != 0)
    for (guint i = 0; i < scenario->actions->len; i++)
      {
        const SynackAction *other = &g_array_index (scenario->actions, SynackAction, i);

        if (other->what == SYNACK_DO_CONNECT && other->host == action.host && other->conn == action.conn)
          return synack_cursor_fail (cur, error, _("conn=%u is already opened by the %s's connect on line %u"),
                                     action.conn, synack_host_to_string (action.host), other->line);
      }
  g_array_append_val (scenario->actions, action);
  return TRUE;
}

/* when HOST EVENT [each] [N] [+DELAY]: HOST VERB ...  */
gboolean
synack_scenario_parse_when (SynackCursor *cur, SynackScenario *scenario, GError **error)
{
  SynackAction action = { 0 };
  g_autofree char *event = NULL;
  const char *word;
  guint64 n;

  action.line = cur->line;
  if (!synack_cursor_take_host (cur, &action.trigger_host, error))
    return FALSE;
  word = synack_cursor_take (cur);
  if (word == NULL)
    return synack_cursor_fail (cur, error, _("expected an event: established, received N, eof or closed"));
  event = g_strdup (word);
  if (g_str_equal (event, "established"))
    action.when = SYNACK_WHEN_ESTABLISHED;
  else if (g_str_equal (event, "eof"))
    action.when = SYNACK_WHEN_EOF;
  else if (g_str_equal (event, "closed"))
    action.when = SYNACK_WHEN_CLOSED;
  else if (g_str_equal (event, "received"))
    {
      action.when = SYNACK_WHEN_RECEIVED;
      action.each = synack_cursor_take_word (cur, "each");
      if (!synack_cursor_take_number (cur, "byte count", G_MAXUINT32, &n, error))
        return FALSE;
      if (n == 0)
        return synack_cursor_fail (cur, error, _("'received 0' would fire before anything arrives"));
      action.amount = n;
      synack_cursor_take_word (cur, "bytes");
    }
  else
    return synack_cursor_fail (cur, error, _("unknown event '%s' (established, received N, eof, closed)"), event);

  word = synack_cursor_peek (cur);
  if (word && word[0] == '+')
    {
      GError *cause = NULL;

      cur->next++;
      if (!synack_parse_duration (word + 1, &action.at, &cause))
        return synack_cursor_fail_with (cur, error, cause);
    }
  if (!synack_cursor_take_word (cur, ":"))
    return synack_cursor_fail (cur, error, _("expected ':' before the action (when client eof +50ms: client close)"));
  if (!parse_verb (cur, &action, error))
    return FALSE;
  if (action.what == SYNACK_DO_CONNECT || action.what == SYNACK_DO_LISTEN)
    return synack_cursor_fail (cur, error, _("listen and connect go on 'at' lines, not after an event"));
  g_array_append_val (scenario->actions, action);
  return TRUE;
}
