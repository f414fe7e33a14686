/* synack-scenario.c: reading scenario files (the format is described in the
 * README) into engine scripts, and keeping edits so they can be saved. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-param-keys.h"
#include "synack-scenario.h"

typedef struct {
  char    *key;
  char    *value;
  unsigned line;
} Assignment;

struct _SynackScenario {
  char      *name;
  char      *source;        /* for messages: a path or "preset NAME" */
  char      *title;
  GString   *summary;
  GString   *watch;
  char      *text;          /* as loaded */
  GPtrArray *edits;         /* lines appended since, in file syntax */

  GArray    *assignments;   /* of Assignment, file order then edits */
  GArray    *actions;       /* of SynackAction */
  GArray    *faults;        /* of SynackFault */
  GArray    *quiz;          /* of SynackQuizFocus: the moments predict mode asks about */
  SynackScript script;      /* views into the arrays above, rebuilt on change */
};

/* Most connections a file may ask for: beyond this a teacher has made a
 * typo, and the engine would need more memory than a laptop has. */
#define MAX_REPEAT 999999u

static void
assignment_clear (gpointer data)
{
  Assignment *a = data;

  g_free (a->key);
  g_free (a->value);
}

static SynackScenario *
scenario_new (const char *name, const char *source)
{
  SynackScenario *scenario = g_new0 (SynackScenario, 1);

  scenario->name = g_strdup (name);
  scenario->source = g_strdup (source);
  scenario->summary = g_string_new (NULL);
  scenario->watch = g_string_new (NULL);
  scenario->edits = g_ptr_array_new_with_free_func (g_free);
  scenario->assignments = g_array_new (FALSE, TRUE, sizeof (Assignment));
  g_array_set_clear_func (scenario->assignments, assignment_clear);
  scenario->actions = g_array_new (FALSE, TRUE, sizeof (SynackAction));
  scenario->faults = g_array_new (FALSE, TRUE, sizeof (SynackFault));
  scenario->quiz = g_array_new (FALSE, TRUE, sizeof (SynackQuizFocus));
  return scenario;
}

void
synack_scenario_free (SynackScenario *scenario)
{
  if (scenario == NULL)
    return;
  g_free (scenario->name);
  g_free (scenario->source);
  g_free (scenario->title);
  g_string_free (scenario->summary, TRUE);
  g_string_free (scenario->watch, TRUE);
  g_free (scenario->text);
  g_ptr_array_unref (scenario->edits);
  g_array_unref (scenario->assignments);
  g_array_unref (scenario->actions);
  g_array_unref (scenario->faults);
  g_array_unref (scenario->quiz);
  g_free (scenario);
}

/* ---- Building the script ----------------------------------------------- */

/* The profile sets every default first, wherever it appears; then the other
 * assignments apply in order, so a later one (an edit) wins. */
static gboolean
build_params (const SynackScenario *scenario, SynackParams *params, GError **error)
{
  SynackProfile profile = SYNACK_PROFILE_LINUX;
  SynackParamsError problem;

  for (guint i = 0; i < scenario->assignments->len; i++)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);

      if (g_str_equal (a->key, "profile"))
        synack_profile_from_string (a->value, &profile);
    }
  synack_params_init (params, profile);
  for (guint i = 0; i < scenario->assignments->len; i++)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);

      if (!g_str_equal (a->key, "profile") && !synack_param_apply (params, a->key, a->value, NULL))
        g_return_val_if_reached (FALSE);  /* every stored assignment was checked */
    }

  problem = synack_params_validate (params);
  if (problem != SYNACK_PARAMS_OK)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("%s: %s"), scenario->source, _(synack_params_error_to_string (problem)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
rebuild_script (SynackScenario *scenario, GError **error)
{
  SynackParams params;

  if (!build_params (scenario, &params, error))
    return FALSE;
  scenario->script.params = params;
  scenario->script.actions = (SynackAction *) (void *) scenario->actions->data;
  scenario->script.n_actions = scenario->actions->len;
  scenario->script.faults = (SynackFault *) (void *) scenario->faults->data;
  scenario->script.n_faults = scenario->faults->len;
  return TRUE;
}

/* ---- Lines -------------------------------------------------------------- */

typedef struct {
  const char *source;
  unsigned    line;
  char      **words;
  guint       n_words;
  guint       next;
} Cursor;

G_GNUC_PRINTF (3, 4) static gboolean
fail (const Cursor *cur, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
               _("%s:%u: %s"), cur->source, cur->line, message);
  return FALSE;
}

/* Re-labels an error from a value parser with the place it came from. */
static gboolean
fail_with (const Cursor *cur, GError **error, GError *cause)
{
  g_set_error (error, SYNACK_SCENARIO_ERROR, cause->code, _("%s:%u: %s"),
               cur->source, cur->line, cause->message);
  g_error_free (cause);
  return FALSE;
}

static const char *
peek (const Cursor *cur)
{
  return cur->next < cur->n_words ? cur->words[cur->next] : NULL;
}

static const char *
take (Cursor *cur)
{
  return cur->next < cur->n_words ? cur->words[cur->next++] : NULL;
}

static gboolean
take_word (Cursor *cur, const char *word)
{
  if (peek (cur) && g_ascii_strcasecmp (peek (cur), word) == 0)
    {
      cur->next++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
take_duration (Cursor *cur, const char *what, SynackTime *out, GError **error)
{
  const char *word = take (cur);
  GError *cause = NULL;

  if (word == NULL)
    return fail (cur, error, _("expected %s (a duration such as 50ms)"), what);
  if (!synack_parse_duration (word, out, &cause))
    return fail_with (cur, error, cause);
  return TRUE;
}

static gboolean
take_number (Cursor *cur, const char *what, guint64 max, guint64 *out, GError **error)
{
  const char *word = take (cur);

  if (word == NULL)
    return fail (cur, error, _("expected %s"), what);
  if (!g_ascii_string_to_unsigned (word, 10, 0, max, out, NULL))
    return fail (cur, error, _("'%s' is not a valid %s (a whole number up to %llu)"),
                 word, what, (unsigned long long) max);
  return TRUE;
}

static gboolean
take_host (Cursor *cur, SynackHostId *out, GError **error)
{
  const char *word = take (cur);

  if (word && g_ascii_strcasecmp (word, "client") == 0)
    *out = SYNACK_CLIENT;
  else if (word && g_ascii_strcasecmp (word, "server") == 0)
    *out = SYNACK_SERVER;
  else
    return fail (cur, error, _("expected client or server, found '%s'"), word ? word : "end of line");
  return TRUE;
}

/* Options written as name=value after an action: conn=2, isn=1000. */
static gboolean
take_option (Cursor *cur, const char *name, guint64 min, guint64 max, gboolean *seen, guint64 *out,
             GError **error)
{
  const char *word = peek (cur);
  size_t n = strlen (name);

  if (word == NULL || strncmp (word, name, n) != 0 || word[n] != '=')
    return TRUE;
  cur->next++;
  if (!g_ascii_string_to_unsigned (word + n + 1, 10, min, max, out, NULL))
    return fail (cur, error, _("'%s': %s must be a whole number%s"), word, name,
                 min > 0 ? " from 1" : "");
  *seen = TRUE;
  return TRUE;
}

static gboolean
take_repeat (Cursor *cur, SynackAction *action, GError **error)
{
  guint64 n;

  if (!take_number (cur, "repeat count", MAX_REPEAT, &n, error))
    return FALSE;
  if (!take_word (cur, "every"))
    return fail (cur, error, _("expected 'every DURATION' after 'repeat %llu'"), (unsigned long long) n);
  if (!take_duration (cur, "the interval", &action->every, error))
    return FALSE;
  if (action->every == 0)
    return fail (cur, error, _("connections cannot repeat every 0s"));
  action->repeat = (uint32_t) n;
  return TRUE;
}

static gboolean
parse_verb (Cursor *cur, SynackAction *action, GError **error)
{
  const char *verb;
  guint64 n;
  gboolean seen = FALSE;

  if (!take_host (cur, &action->host, error))
    return FALSE;
  verb = take (cur);
  if (verb == NULL)
    return fail (cur, error, _("expected what the %s does (listen, connect, send, shutdown, "
                 "close, abort, read, crash, unplug, plug)"), synack_host_to_string (action->host));

  if (g_str_equal (verb, "listen"))
    {
      action->what = SYNACK_DO_LISTEN;
      if (!take_number (cur, "port", 65535, &n, error))
        return FALSE;
      if (n == 0)
        return fail (cur, error, _("port 0 cannot be listened on"));
      action->port = (uint16_t) n;
    }
  else if (g_str_equal (verb, "connect"))
    {
      action->what = SYNACK_DO_CONNECT;
      if (!take_number (cur, "port", 65535, &n, error))
        return FALSE;
      if (n == 0)
        return fail (cur, error, _("port 0 cannot be connected to"));
      action->port = (uint16_t) n;
      if (take_word (cur, "from"))
        {
          if (!take_number (cur, "local port", 65535, &n, error))
            return FALSE;
          if (n == 0)
            return fail (cur, error, _("local port 0 means 'any': leave out 'from' instead"));
          action->local_port = (uint16_t) n;
        }
    }
  else if (g_str_equal (verb, "send"))
    {
      action->what = SYNACK_DO_SEND;
      if (!take_number (cur, "byte count", 1u << 30, &n, error))
        return FALSE;
      if (n == 0)
        return fail (cur, error, _("send needs at least one byte"));
      action->bytes = n;
      take_word (cur, "bytes");
    }
  else if (g_str_equal (verb, "shutdown"))
    action->what = SYNACK_DO_SHUTDOWN_WRITE;
  else if (g_str_equal (verb, "close"))
    action->what = SYNACK_DO_CLOSE;
  else if (g_str_equal (verb, "abort"))
    action->what = SYNACK_DO_ABORT;
  else if (g_str_equal (verb, "read"))
    {
      if (take_word (cur, "off"))
        action->what = SYNACK_DO_READ_OFF;
      else if (take_word (cur, "on"))
        action->what = SYNACK_DO_READ_ON;
      else
        return fail (cur, error, _("expected 'read on' or 'read off'"));
    }
  else if (g_str_equal (verb, "crash"))
    action->what = SYNACK_DO_CRASH;
  else if (g_str_equal (verb, "unplug"))
    action->what = SYNACK_DO_UNPLUG;
  else if (g_str_equal (verb, "plug"))
    action->what = SYNACK_DO_PLUG;
  else
    return fail (cur, error, _("unknown action '%s' (listen, connect, send, shutdown, close, "
                 "abort, read, crash, unplug, plug)"), verb);

  while (peek (cur))
    {
      guint before = cur->next;

      seen = FALSE;
      if (!take_option (cur, "conn", 1, G_MAXUINT32, &seen, &n, error))
        return FALSE;
      if (seen)
        action->conn = (uint32_t) n;
      seen = FALSE;
      if (!take_option (cur, "isn", 0, G_MAXUINT32, &seen, &n, error))
        return FALSE;
      if (seen)
        {
          if (action->what != SYNACK_DO_CONNECT && action->what != SYNACK_DO_LISTEN)
            return fail (cur, error, _("isn= only goes with listen or connect"));
          action->has_isn = TRUE;
          action->isn = (uint32_t) n;
        }
      if (action->what == SYNACK_DO_CONNECT && take_word (cur, "repeat") &&
          !take_repeat (cur, action, error))
        return FALSE;
      if (cur->next == before)
        return fail (cur, error, _("unexpected '%s' after the action"), peek (cur));
    }
  if (action->what == SYNACK_DO_CONNECT && action->repeat > 0 && action->conn != 0)
    return fail (cur, error, _("a repeated connect numbers its connections itself: drop conn="));
  if (action->what == SYNACK_DO_CONNECT && action->repeat > 0 && action->local_port != 0)
    return fail (cur, error, _("a repeated connect cannot use one fixed local port"));
  return TRUE;
}

static gboolean
parse_at (Cursor *cur, SynackScenario *scenario, GError **error)
{
  SynackAction action = { 0 };

  action.when = SYNACK_WHEN_TIME;
  action.line = cur->line;
  if (!take_duration (cur, "a time after 'at'", &action.at, error))
    return FALSE;
  take_word (cur, ":");
  if (!parse_verb (cur, &action, error))
    return FALSE;
  g_array_append_val (scenario->actions, action);
  return TRUE;
}

/* when HOST EVENT [N] [+DELAY]: HOST VERB ...  */
static gboolean
parse_when (Cursor *cur, SynackScenario *scenario, GError **error)
{
  SynackAction action = { 0 };
  g_autofree char *event = NULL;
  const char *word;
  guint64 n;

  action.line = cur->line;
  if (!take_host (cur, &action.trigger_host, error))
    return FALSE;
  word = take (cur);
  if (word == NULL)
    return fail (cur, error, _("expected an event: established, received N, eof or closed"));
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
      if (!take_number (cur, "byte count", G_MAXUINT32, &n, error))
        return FALSE;
      if (n == 0)
        return fail (cur, error, _("'received 0' would fire before anything arrives"));
      action.amount = n;
      take_word (cur, "bytes");
    }
  else
    return fail (cur, error, _("unknown event '%s' (established, received N, eof, closed)"), event);

  word = peek (cur);
  if (word && word[0] == '+')
    {
      GError *cause = NULL;

      cur->next++;
      if (!synack_parse_duration (word + 1, &action.at, &cause))
        return fail_with (cur, error, cause);
    }
  if (!take_word (cur, ":"))
    return fail (cur, error, _("expected ':' before the action (when client eof +50ms: client close)"));
  if (!parse_verb (cur, &action, error))
    return FALSE;
  if (action.what == SYNACK_DO_CONNECT || action.what == SYNACK_DO_LISTEN)
    return fail (cur, error, _("listen and connect go on 'at' lines, not after an event"));
  g_array_append_val (scenario->actions, action);
  return TRUE;
}

static gboolean
parse_match (Cursor *cur, SynackFault *fault, GError **error)
{
  const char *word = take (cur);
  static const struct { const char *name; SynackMatchKind kind; } kinds[] = {
    { "SYN", SYNACK_MATCH_SYN }, { "SYN-ACK", SYNACK_MATCH_SYN_ACK },
    { "SYN,ACK", SYNACK_MATCH_SYN_ACK }, { "ACK", SYNACK_MATCH_ACK },
    { "data", SYNACK_MATCH_DATA }, { "FIN", SYNACK_MATCH_FIN }, { "RST", SYNACK_MATCH_RST },
    { "any", SYNACK_MATCH_ANY }, { "segment", SYNACK_MATCH_ANY },
  };
  guint64 n;

  if (word == NULL)
    return fail (cur, error, _("expected which segment: 'segment N', or a sender and a kind "
                 "(client SYN, server SYN-ACK #2, any FIN every)"));

  if (g_ascii_strcasecmp (word, "segment") == 0)
    {
      if (!take_number (cur, "segment number", G_MAXUINT32, &n, error))
        return FALSE;
      if (n == 0)
        return fail (cur, error, _("segments are numbered from 1"));
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
    return fail (cur, error, _("expected 'segment N' or who sends it (client, server, any), found '%s'"), word);

  word = take (cur);
  if (word == NULL)
    return fail (cur, error, _("expected the kind of segment: SYN, SYN-ACK, ACK, data, FIN, RST or any"));
  fault->match = (SynackMatchKind) -1;
  for (unsigned i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (word, kinds[i].name) == 0)
      fault->match = kinds[i].kind;
  if ((int) fault->match < 0)
    return fail (cur, error, _("unknown kind of segment '%s' (SYN, SYN-ACK, ACK, data, FIN, RST, any)"), word);

  fault->nth = 1;
  word = peek (cur);
  if (word && word[0] == '#')
    {
      cur->next++;
      if (!g_ascii_string_to_unsigned (word + 1, 10, 1, G_MAXUINT32, &n, NULL))
        return fail (cur, error, _("'%s': write #1 for the first, #2 for the second…"), word);
      fault->nth = (uint32_t) n;
    }
  else if (take_word (cur, "every"))
    fault->nth = 0;

  word = peek (cur);
  if (word && g_str_has_prefix (word, "conn="))
    {
      cur->next++;
      if (!g_ascii_string_to_unsigned (word + 5, 10, 1, G_MAXUINT32, &n, NULL))
        return fail (cur, error, _("'%s': conn must be a whole number from 1"), word);
      fault->conn = (uint32_t) n;
    }
  return TRUE;
}

static gboolean
parse_fault (Cursor *cur, SynackScenario *scenario, SynackFaultKind kind, GError **error)
{
  SynackFault fault = { 0 };

  fault.kind = kind;
  fault.line = cur->line;
  if (!parse_match (cur, &fault, error))
    return FALSE;
  if (kind == SYNACK_FAULT_DELAY)
    {
      if (!take_word (cur, "by"))
        return fail (cur, error, _("expected 'by DURATION' (delay server data #1 by 2s)"));
      if (!take_duration (cur, "the extra delay", &fault.extra, error))
        return FALSE;
    }
  else if (kind == SYNACK_FAULT_DUPLICATE)
    {
      if (!take_word (cur, "after"))
        return fail (cur, error, _("expected 'after DURATION' (duplicate server data #1 after 90s)"));
      if (!take_duration (cur, "when the copy arrives", &fault.extra, error))
        return FALSE;
    }
  if (peek (cur))
    return fail (cur, error, _("unexpected '%s' at the end of the line"), peek (cur));
  g_array_append_val (scenario->faults, fault);
  return TRUE;
}

static gboolean
parse_assignment (SynackScenario *scenario, const Cursor *cur, const char *key,
                  const char *value, GError **error)
{
  SynackParams scratch;
  Assignment a;
  GError *cause = NULL;

  if (g_str_equal (key, "title"))
    {
      g_free (scenario->title);
      scenario->title = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (key, "summary") || g_str_equal (key, "watch"))
    {
      GString *text = g_str_equal (key, "summary") ? scenario->summary : scenario->watch;

      /* Repeated lines continue the text; an empty one starts a paragraph. */
      if (text->len > 0)
        g_string_append_c (text, *value ? (g_str_equal (key, "watch") ? '\n' : ' ') : '\n');
      g_string_append (text, value);
      return TRUE;
    }
  if (*value == '\0')
    return fail (cur, error, _("'%s' has no value"), key);

  /* Check the value now, so the error can name this line. */
  synack_params_init (&scratch, SYNACK_PROFILE_LINUX);
  if (!synack_param_apply (&scratch, key, value, &cause))
    return fail_with (cur, error, cause);

  a.key = g_strdup (key);
  a.value = g_strdup (value);
  a.line = cur->line;
  g_array_append_val (scenario->assignments, a);
  return TRUE;
}

/* Strips a comment: '#' at the start or after a space, followed by a space
 * or the end, so "#2" (the second one) is not mistaken for a comment. */
static void
strip_comment (char *line)
{
  for (char *p = line; *p; p++)
    if (*p == '#' && (p == line || g_ascii_isspace (p[-1])) &&
        (p[1] == '\0' || g_ascii_isspace (p[1]) || p[1] == '#' || p[1] == '!'))
      {
        *p = '\0';
        return;
      }
}

/* quiz [HOST] state|send|timer [WHICH]: a moment predict mode asks about. */
static gboolean
parse_quiz (Cursor *cur, SynackScenario *scenario, GError **error)
{
  g_autoptr (GString) rest = g_string_new (NULL);
  SynackQuizFocus focus;
  GError *cause = NULL;
  const char *word;

  while ((word = take (cur)) != NULL)
    g_string_append_printf (rest, "%s%s", rest->len ? " " : "", word);
  if (!synack_quiz_focus_parse (rest->str, &focus, &cause))
    return fail_with (cur, error, cause);
  g_array_append_val (scenario->quiz, focus);
  return TRUE;
}

static gboolean
parse_line (SynackScenario *scenario, const char *source, unsigned lineno,
            const char *raw, GError **error)
{
  g_autofree char *line = g_strdup (raw);
  g_auto (GStrv) words = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  Cursor cur = { source, lineno, NULL, 0, 0 };
  const char *eq;
  const char *first;
  gboolean ok;

  if (!g_utf8_validate (raw, -1, NULL))
    return fail (&cur, error, _("the line is not valid UTF-8 text"));
  strip_comment (line);
  g_strstrip (line);
  if (*line == '\0')
    return TRUE;

  /* KEY = VALUE: the key is one word, the value the rest of the line. */
  eq = strchr (line, '=');
  if (eq)
    {
      g_autofree char *key = g_strstrip (g_strndup (line, (gsize) (eq - line)));
      gboolean one_word = *key != '\0';

      for (const char *p = key; *p; p++)
        if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
          one_word = FALSE;
      if (one_word)
        {
          g_autofree char *value = g_strstrip (g_strdup (eq + 1));
          return parse_assignment (scenario, &cur, key, value, error);
        }
    }

  /* Separate a trailing colon from its word, so "eof:" reads as "eof :". */
  words = g_strsplit_set (line, " \t", -1);
  for (guint i = 0; words[i]; i++)
    {
      size_t n = strlen (words[i]);

      if (n == 0)
        continue;
      if (n > 1 && words[i][n - 1] == ':')
        {
          words[i][n - 1] = '\0';
          g_ptr_array_add (kept, words[i]);
          g_ptr_array_add (kept, (char *) ":");
        }
      else
        g_ptr_array_add (kept, words[i]);
    }
  cur.words = (char **) kept->pdata;
  cur.n_words = kept->len;

  first = take (&cur);
  if (g_str_equal (first, "at"))
    ok = parse_at (&cur, scenario, error);
  else if (g_str_equal (first, "when"))
    ok = parse_when (&cur, scenario, error);
  else if (g_str_equal (first, "lose"))
    ok = parse_fault (&cur, scenario, SYNACK_FAULT_LOSE, error);
  else if (g_str_equal (first, "delay"))
    {
      const char *what = peek (&cur);

      if (what && (g_str_equal (what, "segment") || g_str_equal (what, "client") ||
                   g_str_equal (what, "server") || g_str_equal (what, "any")))
        ok = parse_fault (&cur, scenario, SYNACK_FAULT_DELAY, error);
      else
        ok = fail (&cur, error, _("expected 'delay = VALUE' for the network's delay, or "
                   "'delay client SYN #1 by 2s' to hold back one segment"));
    }
  else if (g_str_equal (first, "duplicate"))
    ok = parse_fault (&cur, scenario, SYNACK_FAULT_DUPLICATE, error);
  else if (g_str_equal (first, "quiz"))
    ok = parse_quiz (&cur, scenario, error);
  else if (synack_param_key_is_known (first) || g_str_equal (first, "title") ||
           g_str_equal (first, "summary") || g_str_equal (first, "watch"))
    ok = fail (&cur, error, _("expected '%s = VALUE'"), first);
  else
    ok = fail (&cur, error, _("cannot read '%s': a line is KEY = VALUE, 'at TIME …', "
               "'when HOST EVENT: …', 'lose …', 'delay …', 'duplicate …' or 'quiz …'"), line);
  return ok;
}

/* ---- Public ------------------------------------------------------------ */

static gboolean
parse_text (SynackScenario *scenario, const char *text, GError **error)
{
  g_auto (GStrv) lines = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("%s: not a text file (invalid UTF-8)"), scenario->source);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_strchomp (lines[i]);
      if (!parse_line (scenario, scenario->source, i + 1, lines[i], error))
        return FALSE;
    }
  return rebuild_script (scenario, error);
}

SynackScenario *
synack_scenario_parse (const char *text, const char *source_name, GError **error)
{
  g_autofree char *base = g_path_get_basename (source_name ? source_name : "scenario");
  char *dot = strrchr (base, '.');
  g_autoptr (SynackScenario) scenario = NULL;

  if (dot && dot != base)
    *dot = '\0';
  scenario = scenario_new (base, source_name ? source_name : "scenario");
  scenario->text = g_strdup (text);
  if (!parse_text (scenario, text, error))
    return NULL;
  return g_steal_pointer (&scenario);
}

SynackScenario *
synack_scenario_load_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length;
  GError *cause = NULL;

  if (!g_file_get_contents (path, &text, &length, &cause))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND,
                   _("%s"), cause->message);
      g_error_free (cause);
      return NULL;
    }
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("%s: not a text file (it contains NUL bytes)"), path);
      return NULL;
    }
  return synack_scenario_parse (text, path, error);
}

SynackScenario *
synack_scenario_copy (const SynackScenario *scenario)
{
  SynackScenario *copy = scenario_new (scenario->name, scenario->source);

  copy->title = g_strdup (scenario->title);
  g_string_assign (copy->summary, scenario->summary->str);
  g_string_assign (copy->watch, scenario->watch->str);
  copy->text = g_strdup (scenario->text);
  for (guint i = 0; i < scenario->edits->len; i++)
    g_ptr_array_add (copy->edits, g_strdup (g_ptr_array_index (scenario->edits, i)));
  for (guint i = 0; i < scenario->assignments->len; i++)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);
      Assignment b = { g_strdup (a->key), g_strdup (a->value), a->line };

      g_array_append_val (copy->assignments, b);
    }
  g_array_append_vals (copy->actions, scenario->actions->data, scenario->actions->len);
  g_array_append_vals (copy->faults, scenario->faults->data, scenario->faults->len);
  g_array_append_vals (copy->quiz, scenario->quiz->data, scenario->quiz->len);
  copy->script = scenario->script;
  copy->script.actions = (SynackAction *) (void *) copy->actions->data;
  copy->script.faults = (SynackFault *) (void *) copy->faults->data;
  return copy;
}

const char *synack_scenario_get_name (const SynackScenario *s) { return s->name; }

const SynackQuizFocus *
synack_scenario_get_quiz (const SynackScenario *scenario, guint *n_foci)
{
  *n_foci = scenario->quiz->len;
  return (const SynackQuizFocus *) (void *) scenario->quiz->data;
}

void
synack_scenario_set_name (SynackScenario *scenario, const char *name)
{
  g_free (scenario->name);
  scenario->name = g_strdup (name);
}

const char *synack_scenario_get_title (const SynackScenario *s) { return s->title ? s->title : s->name; }
const char *synack_scenario_get_summary (const SynackScenario *s) { return s->summary->str; }
const char *synack_scenario_get_watch (const SynackScenario *s) { return s->watch->str; }
const SynackScript *synack_scenario_get_script (const SynackScenario *s) { return &s->script; }

/* Applies a change as a line, and undoes it if the result does not hold. */
static gboolean
apply_edit (SynackScenario *scenario, const char *line, GError **error)
{
  guint n_assignments = scenario->assignments->len;
  guint n_actions = scenario->actions->len;
  guint n_faults = scenario->faults->len;
  g_autofree char *source = g_strdup_printf ("%s (edit)", scenario->source);

  if (!parse_line (scenario, source, scenario->edits->len + 1, line, error) ||
      !rebuild_script (scenario, error))
    {
      g_array_set_size (scenario->assignments, n_assignments);
      g_array_set_size (scenario->actions, n_actions);
      g_array_set_size (scenario->faults, n_faults);
      rebuild_script (scenario, NULL);
      return FALSE;
    }
  g_ptr_array_add (scenario->edits, g_strdup (line));
  return TRUE;
}

gboolean
synack_scenario_set_param (SynackScenario *scenario, const char *key, const char *value,
                           GError **error)
{
  g_autofree char *line = NULL;
  SynackParams scratch;

  g_return_val_if_fail (key != NULL && value != NULL, FALSE);
  if (!synack_param_key_is_known (key))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_UNKNOWN_KEY,
                   _("unknown parameter '%s'"), key);
      return FALSE;
    }
  if (strchr (value, '\n') != NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("the value of '%s' must be on one line"), key);
      return FALSE;
    }
  /* Check the value alone first, for a message without a line number. */
  synack_params_init (&scratch, SYNACK_PROFILE_LINUX);
  if (!synack_param_apply (&scratch, key, value, error))
    return FALSE;
  line = g_strdup_printf ("%s = %s", key, value);
  return apply_edit (scenario, line, error);
}

gboolean
synack_scenario_set_assignment (SynackScenario *scenario, const char *assignment, GError **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("'%s' is not KEY=VALUE (e.g. loss=5%%)"), assignment);
      return FALSE;
    }
  key = g_strstrip (g_strndup (assignment, (gsize) (eq - assignment)));
  value = g_strstrip (g_strdup (eq + 1));
  return synack_scenario_set_param (scenario, key, value, error);
}

gboolean
synack_scenario_append_line (SynackScenario *scenario, const char *line, GError **error)
{
  if (strchr (line, '\n') != NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("an edit is a single line"));
      return FALSE;
    }
  return apply_edit (scenario, line, error);
}

char *
synack_scenario_to_text (const SynackScenario *scenario)
{
  GString *out = g_string_new (scenario->text);

  if (scenario->edits->len > 0)
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append (out, "\n# Changes made while exploring (later lines win)\n");
      for (guint i = 0; i < scenario->edits->len; i++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (scenario->edits, i));
    }
  return g_string_free (out, FALSE);
}

void
synack_trace_free (SynackTrace *trace)
{
  if (trace == NULL)
    return;
  synack_trace_clear (trace);
  g_free (trace);
}

SynackTrace *
synack_scenario_run (const SynackScenario *scenario, SynackRunStats *stats, GError **error)
{
  g_autoptr (SynackTrace) trace = g_new0 (SynackTrace, 1);
  SynackEngineError result;
  SynackRunStats local_stats;

  synack_trace_init (trace);
  result = synack_engine_run (&scenario->script, trace, &local_stats);
  if (stats)
    *stats = local_stats;
  if (result != SYNACK_ENGINE_OK)
    {
      g_autofree char *when = synack_format_duration (local_stats.end_time);

      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_RUN,
                   _("%s: %s (stopped at %s after %llu events)"),
                   scenario->source, _(synack_engine_error_to_string (result)), when,
                   (unsigned long long) local_stats.events);
      return NULL;
    }
  return g_steal_pointer (&trace);
}
