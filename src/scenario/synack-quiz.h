/* synack-quiz.h: predict mode's questions: the moments of a run worth asking about, with choices drawn from the state machine. */
#pragma once

#include <glib.h>

#include "synack-script.h"
#include "synack-trace.h"

G_BEGIN_DECLS

typedef enum {
  SYNACK_QUIZ_STATE,   /* which state does the host enter? */
  SYNACK_QUIZ_SEND,    /* what does the host send? */
  SYNACK_QUIZ_TIMER,   /* how long will the timer run? */
} SynackQuizKind;

/* A lesson's `quiz` line: which moments to ask about. */
typedef struct {
  SynackQuizKind  kind;
  gboolean        any_host;
  SynackHostId    host;
  gboolean        any_state;   /* STATE: or only changes into `state` */
  SynackState     state;
  SynackMatchKind match;       /* SEND: the kind of segment */
  gboolean        any_timer;   /* TIMER: or only `timer` */
  SynackTimerKind timer;
} SynackQuizFocus;

/* Parses the words after "quiz": "[client|server|any] state [STATE]",
 * "[HOST] send [SYN|SYN-ACK|ACK|data|FIN|RST|any]" or "[HOST] timer
 * [retransmit|delayed-ack|keepalive|fin-wait-2|time-wait]". On error the
 * message says what was expected (the caller adds the file and line). */
gboolean synack_quiz_focus_parse (const char *text, SynackQuizFocus *focus, GError **error);
/* The event is a moment the focus names (a lesson's `watch at` uses them too). */
gboolean synack_quiz_focus_picks (const SynackQuizFocus *focus, const SynackEvent *event);

#define SYNACK_QUIZ_MAX_CHOICES 4

typedef struct {
  long           event;        /* the event that answers it: the run stops just before */
  SynackQuizKind kind;
  SynackHostId   host;
  char          *question;     /* translated */
  char          *choices[SYNACK_QUIZ_MAX_CHOICES];
  int            n_choices;    /* 3 or 4 */
  int            answer;       /* index of the right choice */
} SynackQuizQuestion;

void synack_quiz_question_free (SynackQuizQuestion *question);

/* The questions of a run, in event order: one for every moment a focus
 * picks, or, with no foci, one for every state change. Free with
 * g_ptr_array_unref(). */
GPtrArray *synack_quiz_questions (const SynackTrace *trace, const SynackQuizFocus *foci, guint n_foci);

G_END_DECLS
