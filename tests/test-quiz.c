/* test-quiz.c: predict mode's questions: right answers from the trace, wrong ones plausible and never right, quiz lines read and refused. */
#include <string.h>

#include "synack-describe.h"
#include "synack-scenario.h"
#include "synack-quiz.h"

static SynackTrace *
run_text (const char *text, SynackScenario **out)
{
  g_autoptr (GError) error = NULL;
  SynackScenario *scenario = synack_scenario_parse (text, "quiz.synack", &error);
  SynackTrace *trace;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  *out = scenario;
  return trace;
}

/* What the trace says the right answer is, worked out here on its own. */
static char *
expected_answer (const SynackTrace *trace, const SynackQuizQuestion *q)
{
  const SynackEvent *e = &trace->events[q->event];
  char flags[32];

  switch (q->kind)
    {
    case SYNACK_QUIZ_STATE:
      g_assert_cmpint (e->type, ==, SYNACK_EVENT_STATE);
      return g_strdup (synack_state_to_string (e->to));
    case SYNACK_QUIZ_SEND:
      g_assert_cmpint (e->type, ==, SYNACK_EVENT_SEND);
      synack_flags_to_string (e->hdr.flags, flags, sizeof flags);
      return g_strdup (flags);
    case SYNACK_QUIZ_TIMER:
    default:
      g_assert_cmpint (e->type, ==, SYNACK_EVENT_TIMER);
      /* What the stack asked for, not where the tick clock rounded it. */
      return synack_describe_time (e->duration, SYNACK_TIME_BRIEF);
    }
}

static void
check_questions (const SynackTrace *trace, GPtrArray *questions)
{
  long last = -1;

  for (guint i = 0; i < questions->len; i++)
    {
      const SynackQuizQuestion *q = g_ptr_array_index (questions, i);
      g_autofree char *right = expected_answer (trace, q);
      int n_right = 0;

      g_assert_cmpint (q->event, >, last);
      last = q->event;
      g_assert_cmpint (q->host, ==, trace->events[q->event].host);
      g_assert_nonnull (q->question);
      g_assert_cmpint (q->n_choices, >=, 3);
      g_assert_cmpint (q->n_choices, <=, SYNACK_QUIZ_MAX_CHOICES);
      g_assert_cmpint (q->answer, >=, 0);
      g_assert_cmpint (q->answer, <, q->n_choices);
      g_assert_cmpstr (q->choices[q->answer], ==, right);
      for (int k = 0; k < q->n_choices; k++)
        {
          n_right += g_str_equal (q->choices[k], right);
          for (int j = k + 1; j < q->n_choices; j++)
            g_assert_cmpstr (q->choices[k], !=, q->choices[j]);
        }
      /* The distractors are never the right answer. */
      g_assert_cmpint (n_right, ==, 1);
      if (q->kind == SYNACK_QUIZ_STATE)
        for (int k = 0; k < q->n_choices; k++)
          {
            SynackState s;

            g_assert_true (synack_state_from_string (q->choices[k], &s));
            /* Staying put is not a change of state. */
            g_assert_cmpint (s, !=, trace->events[q->event].from);
          }
    }
}

/* Without quiz lines, every state change of every lesson is a question. */
static void
test_every_lesson (void)
{
  g_auto (GStrv) names = synack_preset_list ();
  gboolean moved = FALSE;

  for (char **name = names; *name; name++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (*name, &error);
      g_autoptr (SynackTrace) trace = NULL;
      g_autoptr (GPtrArray) questions = NULL;
      guint n_changes = 0;

      g_assert_no_error (error);
      trace = synack_scenario_run (scenario, NULL, &error);
      g_assert_no_error (error);
      questions = synack_quiz_questions (trace, NULL, 0);
      for (size_t i = 0; i < trace->n_events; i++)
        n_changes += trace->events[i].type == SYNACK_EVENT_STATE;
      g_test_message ("%s: %u questions", *name, questions->len);
      g_assert_cmpuint (questions->len, ==, n_changes);
      check_questions (trace, questions);
      /* The right answer is not always in the same place. */
      for (guint i = 1; i < questions->len; i++)
        moved |= ((SynackQuizQuestion *) g_ptr_array_index (questions, i))->answer !=
                 ((SynackQuizQuestion *) g_ptr_array_index (questions, 0))->answer;
    }
  g_assert_true (moved);
}

/* Every kind of question, picked by quiz lines, on every lesson. */
static void
test_every_kind (void)
{
  g_auto (GStrv) names = synack_preset_list ();
  SynackQuizFocus foci[3];
  guint kinds[3] = { 0, 0, 0 };

  g_assert_true (synack_quiz_focus_parse ("state", &foci[0], NULL));
  g_assert_true (synack_quiz_focus_parse ("any send", &foci[1], NULL));
  g_assert_true (synack_quiz_focus_parse ("timer", &foci[2], NULL));
  for (char **name = names; *name; name++)
    {
      g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (*name, NULL);
      g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, NULL, NULL);
      g_autoptr (GPtrArray) questions = synack_quiz_questions (trace, foci, 3);

      check_questions (trace, questions);
      for (guint i = 0; i < questions->len; i++)
        kinds[((SynackQuizQuestion *) g_ptr_array_index (questions, i))->kind]++;
    }
  for (int k = 0; k < 3; k++)
    g_assert_cmpuint (kinds[k], >, 0);
}

/* A lesson's quiz lines pick exactly their moments. */
static void
test_quiz_lines (void)
{
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = run_text ("at 0 server listen 80\n"
                                            "at 10ms client connect 80\n"
                                            "when client established: client close\n"
                                            "when server eof: server close\n"
                                            "quiz server send SYN-ACK\n"
                                            "quiz client state TIME_WAIT\n"
                                            "quiz client timer time-wait\n", &scenario);
  guint n_foci;
  const SynackQuizFocus *foci = synack_scenario_get_quiz (scenario, &n_foci);
  g_autoptr (GPtrArray) questions = NULL;
  const SynackQuizQuestion *q;

  g_assert_cmpuint (n_foci, ==, 3);
  questions = synack_quiz_questions (trace, foci, n_foci);
  check_questions (trace, questions);
  g_assert_cmpuint (questions->len, ==, 3);
  q = g_ptr_array_index (questions, 0);
  g_assert_cmpint (q->kind, ==, SYNACK_QUIZ_SEND);
  g_assert_cmpint (q->host, ==, SYNACK_SERVER);
  g_assert_cmpstr (q->choices[q->answer], ==, "SYN,ACK");
  g_assert_cmpstr (q->question, ==, "What does the server send now?");
  q = g_ptr_array_index (questions, 1);
  g_assert_cmpint (q->kind, ==, SYNACK_QUIZ_STATE);
  g_assert_cmpstr (q->choices[q->answer], ==, "TIME_WAIT");
  q = g_ptr_array_index (questions, 2);
  g_assert_cmpint (q->kind, ==, SYNACK_QUIZ_TIMER);
  g_assert_cmpstr (q->choices[q->answer], ==, "60 s");
  /* A copy keeps them (what-if re-runs copy the scenario). */
  {
    g_autoptr (SynackScenario) copy = synack_scenario_copy (scenario);

    g_assert_cmpuint ((synack_scenario_get_quiz (copy, &n_foci), n_foci), ==, 3);
  }
}

/* The lesson that ships quiz lines: the retransmitted FIN and the restarted
 * TIME_WAIT are asked about twice each. */
static void
test_lesson_with_quiz_lines (void)
{
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset ("lost-last-ack", NULL);
  g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, NULL, NULL);
  guint n_foci, kinds[3] = { 0, 0, 0 };
  const SynackQuizFocus *foci = synack_scenario_get_quiz (scenario, &n_foci);
  g_autoptr (GPtrArray) questions = NULL;

  g_assert_cmpuint (n_foci, ==, 3);
  questions = synack_quiz_questions (trace, foci, n_foci);
  check_questions (trace, questions);
  for (guint i = 0; i < questions->len; i++)
    kinds[((SynackQuizQuestion *) g_ptr_array_index (questions, i))->kind]++;
  g_assert_cmpuint (kinds[SYNACK_QUIZ_SEND], ==, 2);
  g_assert_cmpuint (kinds[SYNACK_QUIZ_TIMER], ==, 2);
  g_assert_cmpuint (kinds[SYNACK_QUIZ_STATE], >, 0);
}

static void
test_bad_quiz_lines (void)
{
  static const struct { const char *line, *says; } bad[] = {
    { "quiz", "expected “quiz [client|server] state [STATE]”" },
    { "quiz client", "expected “quiz [client|server] state [STATE]”" },
    { "quiz client state LISTENING", "unknown state “LISTENING”" },
    { "quiz server send SYNACK", "unknown segment kind “SYNACK”" },
    { "quiz timer 2msl", "unknown timer “2msl”" },
    { "quiz client state ESTABLISHED now", "expected “quiz [client|server] state [STATE]”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("at 0 server listen 80\n%s\n", bad[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "lesson.synack", &error);

      g_test_message ("%s", bad[i].line);
      g_assert_null (scenario);
      g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX);
      /* The message names the file, the line and what is wrong. */
      g_assert_true (g_str_has_prefix (error->message, "lesson.synack:2: quiz: "));
      g_assert_nonnull (strstr (error->message, bad[i].says));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quiz/every-lesson", test_every_lesson);
  g_test_add_func ("/quiz/every-kind", test_every_kind);
  g_test_add_func ("/quiz/quiz-lines", test_quiz_lines);
  g_test_add_func ("/quiz/lesson-with-quiz-lines", test_lesson_with_quiz_lines);
  g_test_add_func ("/quiz/bad-quiz-lines", test_bad_quiz_lines);
  return g_test_run ();
}
