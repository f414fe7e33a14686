/* synack-quiz.c: predict mode's questions and their plausible wrong answers, drawn from the table of transitions. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-quiz.h"
#include "synack-scenario.h"
#include "synack-transitions.h"

/* ---------------------------------------------------------- quiz lines */

static const struct { const char *name; SynackMatchKind match; } match_names[] = {
  { "SYN", SYNACK_MATCH_SYN }, { "SYN-ACK", SYNACK_MATCH_SYN_ACK }, { "ACK", SYNACK_MATCH_ACK },
  { "data", SYNACK_MATCH_DATA }, { "FIN", SYNACK_MATCH_FIN }, { "RST", SYNACK_MATCH_RST },
  { "any", SYNACK_MATCH_ANY },
};

static gboolean
parse_timer (const char *word, SynackTimerKind *out)
{
  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    if (g_str_equal (word, synack_timer_to_string ((SynackTimerKind) k)))
      {
        *out = (SynackTimerKind) k;
        return TRUE;
      }
  return FALSE;
}

gboolean
synack_quiz_focus_parse (const char *text, SynackQuizFocus *focus, GError **error)
{
  g_auto (GStrv) words = g_strsplit_set (text ? text : "", " \t", -1);
  const char *w[4] = { NULL };
  int n = 0, i = 0;

  for (char **p = words; *p && n <= 3; p++)
    if (**p)
      w[n++] = *p;
  memset (focus, 0, sizeof *focus);
  focus->any_host = TRUE;
  focus->any_state = TRUE;
  focus->any_timer = TRUE;
  focus->match = SYNACK_MATCH_ANY;
  if (n > 3)
    goto bad;

  if (w[i] && (g_str_equal (w[i], "client") || g_str_equal (w[i], "server") || g_str_equal (w[i], "any")))
    {
      focus->any_host = g_str_equal (w[i], "any");
      focus->host = g_str_equal (w[i], "server") ? SYNACK_SERVER : SYNACK_CLIENT;
      i++;
    }
  if (w[i] == NULL)
    goto bad;
  if (g_str_equal (w[i], "state"))
    {
      focus->kind = SYNACK_QUIZ_STATE;
      if (w[i + 1] && !(focus->any_state = FALSE) && !synack_state_from_string (w[i + 1], &focus->state))
        {
          g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                       _("quiz: unknown state “%s” (expected a state such as ESTABLISHED or TIME_WAIT)"), w[i + 1]);
          return FALSE;
        }
    }
  else if (g_str_equal (w[i], "send"))
    {
      focus->kind = SYNACK_QUIZ_SEND;
      if (w[i + 1])
        {
          guint k;

          for (k = 0; k < G_N_ELEMENTS (match_names); k++)
            if (g_ascii_strcasecmp (w[i + 1], match_names[k].name) == 0)
              break;
          if (k == G_N_ELEMENTS (match_names))
            {
              g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                           _("quiz: unknown segment kind “%s” (expected SYN, SYN-ACK, ACK, data, FIN, RST or any)"),
                           w[i + 1]);
              return FALSE;
            }
          focus->match = match_names[k].match;
        }
    }
  else if (g_str_equal (w[i], "timer"))
    {
      focus->kind = SYNACK_QUIZ_TIMER;
      if (w[i + 1] && !(focus->any_timer = FALSE) && !parse_timer (w[i + 1], &focus->timer))
        {
          g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                       _("quiz: unknown timer “%s” (expected retransmit, delayed-ack, keepalive, fin-wait-2 or time-wait)"),
                       w[i + 1]);
          return FALSE;
        }
    }
  else
    goto bad;
  if (w[i + 1] && w[i + 2])
    goto bad;
  return TRUE;

bad:
  g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
               _("quiz: expected “quiz [client|server] state [STATE]”, “quiz [HOST] send [KIND]” "
                 "or “quiz [HOST] timer [TIMER]”"));
  return FALSE;
}

/* ------------------------------------------------------------- questions */

void
synack_quiz_question_free (SynackQuizQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->question);
  for (int k = 0; k < question->n_choices; k++)
    g_free (question->choices[k]);
  g_free (question);
}

/* Gathers distinct wrong answers, never the right one. */
typedef struct {
  const char *right;
  const char *also_not;     /* a choice that would not be an answer at all */
  char       *wrong[SYNACK_QUIZ_MAX_CHOICES - 1];
  int         n;
  int         want;
} Distractors;

static void
offer (Distractors *d, const char *text)
{
  if (d->n >= d->want || text == NULL || g_str_equal (text, d->right) ||
      (d->also_not && g_str_equal (text, d->also_not)))
    return;
  for (int k = 0; k < d->n; k++)
    if (g_str_equal (d->wrong[k], text))
      return;
  d->wrong[d->n++] = g_strdup (text);
}

/* The right answer goes to a place that depends on the event, so it is not
 * always first, yet the same run always asks the same way. */
static SynackQuizQuestion *
question_new (long event, SynackQuizKind kind, SynackHostId host, char *text, const char *right, Distractors *d)
{
  SynackQuizQuestion *q = g_new0 (SynackQuizQuestion, 1);
  int w = 0;

  q->event = event;
  q->kind = kind;
  q->host = host;
  q->question = text;
  q->n_choices = d->n + 1;
  q->answer = (int) ((guint64) (event * 7 + 3) % (guint64) q->n_choices);
  for (int k = 0; k < q->n_choices; k++)
    q->choices[k] = k == q->answer ? g_strdup (right) : d->wrong[w++];
  return q;
}

/* The state the other branch has at the same point of the figure: what a
 * student mixes up (the active and the passive closer, the two openers). */
static SynackState
mirror_state (SynackState state)
{
  switch (state)
    {
    case SYNACK_STATE_CLOSED:       return SYNACK_STATE_LISTEN;
    case SYNACK_STATE_LISTEN:       return SYNACK_STATE_SYN_SENT;
    case SYNACK_STATE_SYN_SENT:     return SYNACK_STATE_SYN_RECEIVED;
    case SYNACK_STATE_SYN_RECEIVED: return SYNACK_STATE_SYN_SENT;
    case SYNACK_STATE_ESTABLISHED:  return SYNACK_STATE_SYN_RECEIVED;
    case SYNACK_STATE_FIN_WAIT_1:   return SYNACK_STATE_CLOSE_WAIT;
    case SYNACK_STATE_FIN_WAIT_2:   return SYNACK_STATE_LAST_ACK;
    case SYNACK_STATE_CLOSE_WAIT:   return SYNACK_STATE_FIN_WAIT_1;
    case SYNACK_STATE_CLOSING:      return SYNACK_STATE_TIME_WAIT;
    case SYNACK_STATE_LAST_ACK:     return SYNACK_STATE_TIME_WAIT;
    case SYNACK_STATE_TIME_WAIT:    return SYNACK_STATE_CLOSE_WAIT;
    default:                        return SYNACK_STATE_CLOSED;
    }
}

static SynackQuizQuestion *
state_question (const SynackTrace *trace, long i)
{
  const SynackEvent *e = &trace->events[i];
  const char *right = synack_state_to_string (e->to);
  /* Staying in the same state is no change: never a choice. */
  Distractors d = { .right = right, .also_not = synack_state_to_string (e->from), .want = 3 };
  unsigned n_table;
  const SynackTransition *table = synack_transitions (&n_table);
  char *text;

  /* The other ways out of the state first: the real alternatives. */
  for (unsigned t = 0; t < n_table; t++)
    if (table[t].from == e->from && table[t].origin == SYNACK_TRANSITION_RFC)
      offer (&d, synack_state_to_string (table[t].to));
  offer (&d, synack_state_to_string (mirror_state (e->to)));
  for (unsigned t = 0; t < n_table; t++)
    if (table[t].from == e->to && table[t].origin == SYNACK_TRANSITION_RFC)
      offer (&d, synack_state_to_string (table[t].to));
  for (int s = 0; s < SYNACK_N_STATES; s++)
    offer (&d, synack_state_to_string ((SynackState) s));

  text = g_strdup (e->host == SYNACK_CLIENT ? _("Which state does the client enter now?")
                                            : _("Which state does the server enter now?"));
  return question_new (i, SYNACK_QUIZ_STATE, e->host, text, right, &d);
}

static SynackQuizQuestion *
send_question (const SynackTrace *trace, long i)
{
  const SynackEvent *e = &trace->events[i];
  char right[32];
  Distractors d = { .right = right, .want = 3 };
  unsigned flags = e->hdr.flags;
  char *text;
  /* Flag sets a student might expect instead, nearest first. */
  static const unsigned plausible[] = {
    SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, SYNACK_FLAG_ACK, SYNACK_FLAG_ACK | SYNACK_FLAG_FIN,
    SYNACK_FLAG_SYN, SYNACK_FLAG_RST | SYNACK_FLAG_ACK, SYNACK_FLAG_RST,
  };

  synack_flags_to_string (flags, right, sizeof right);
  /* The flags of the other branch: an ACK where a FIN goes, a SYN-ACK
   * where a RST goes, a bare ACK where data rides. */
  for (guint k = 0; k < G_N_ELEMENTS (plausible); k++)
    {
      char buf[32];

      if ((flags & SYNACK_FLAG_SYN) && plausible[k] == SYNACK_FLAG_SYN && !(flags & SYNACK_FLAG_ACK))
        continue;
      synack_flags_to_string (plausible[k], buf, sizeof buf);
      offer (&d, buf);
    }
  text = g_strdup (e->host == SYNACK_CLIENT ? _("What does the client send now?")
                                            : _("What does the server send now?"));
  return question_new (i, SYNACK_QUIZ_SEND, e->host, text, right, &d);
}

static SynackQuizQuestion *
timer_question (const SynackTrace *trace, long i)
{
  const SynackEvent *e = &trace->events[i];
  g_autofree char *right = synack_describe_time (e->duration, SYNACK_TIME_BRIEF);
  Distractors d = { .right = right, .want = 3 };
  static const double factors[] = { 2, 0.5, 4, 3, 0.25, 8 };
  char *text;

  for (guint k = 0; k < G_N_ELEMENTS (factors) && d.n < d.want; k++)
    {
      g_autofree char *wrong = synack_describe_time ((SynackTime) (e->duration * factors[k]), SYNACK_TIME_BRIEF);

      offer (&d, wrong);
    }
  text = g_strdup_printf (e->host == SYNACK_CLIENT ? _("The client starts its %s timer. How long will it run?")
                                                   : _("The server starts its %s timer. How long will it run?"),
                          synack_timer_to_string (e->timer));
  return question_new (i, SYNACK_QUIZ_TIMER, e->host, text, right, &d);
}

gboolean
synack_quiz_focus_picks (const SynackQuizFocus *f, const SynackEvent *e)
{
  if (!f->any_host && f->host != e->host)
    return FALSE;
  switch (f->kind)
    {
    case SYNACK_QUIZ_STATE:
      return e->type == SYNACK_EVENT_STATE && (f->any_state || f->state == e->to);
    case SYNACK_QUIZ_SEND:
      return e->type == SYNACK_EVENT_SEND && synack_match_kind_matches (f->match, &e->hdr);
    case SYNACK_QUIZ_TIMER:
      return e->type == SYNACK_EVENT_TIMER && e->action == SYNACK_TIMER_START && e->duration > 0 &&
             (f->any_timer || f->timer == e->timer);
    }
  return FALSE;
}

GPtrArray *
synack_quiz_questions (const SynackTrace *trace, const SynackQuizFocus *foci, guint n_foci)
{
  GPtrArray *questions = g_ptr_array_new_with_free_func ((GDestroyNotify) synack_quiz_question_free);
  static const SynackQuizFocus every_state = { .kind = SYNACK_QUIZ_STATE, .any_host = TRUE, .any_state = TRUE };

  if (n_foci == 0)
    {
      foci = &every_state;
      n_foci = 1;
    }
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      for (guint f = 0; f < n_foci; f++)
        {
          if (!synack_quiz_focus_picks (&foci[f], e))
            continue;
          if (e->type == SYNACK_EVENT_STATE)
            g_ptr_array_add (questions, state_question (trace, (long) i));
          else if (e->type == SYNACK_EVENT_SEND)
            g_ptr_array_add (questions, send_question (trace, (long) i));
          else
            g_ptr_array_add (questions, timer_question (trace, (long) i));
          break;
        }
    }
  return questions;
}
