/* test-app-predict.c: predict mode and the state diagram in the window, driven as a student and a teacher would, under Xvfb. */
#include "synack-config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "synack-application.h"
#include "synack-describe.h"
#include "synack-quiz-panel.h"
#include "synack-state-view.h"
#include "synack-test-app.h"

static SynackApplication *app;

static SynackWindow *
open_window (const char *lesson)
{
  SynackWindow *window = synack_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  g_assert_true (synack_window_load_lesson (window, lesson));
  gtk_window_present (GTK_WINDOW (window));
  synack_test_app_wait_until_idle (window);
  return window;
}

static void
activate (SynackWindow *window, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  synack_test_app_flush ();
}

static guint
count_state_changes (const SynackTrace *trace)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == SYNACK_EVENT_STATE;
  return n;
}

/* Checks a question against the trace itself: the right choice is the
 * state the trace enters, and no other choice is. */
static void
check_question (const SynackTrace *trace, const SynackQuizQuestion *q, long cursor)
{
  const SynackEvent *e = &trace->events[q->event];

  g_assert_cmpint (cursor, ==, q->event - 1);
  g_assert_cmpint (e->type, ==, SYNACK_EVENT_STATE);
  g_assert_cmpint (q->n_choices, >=, 3);
  g_assert_cmpint (q->n_choices, <=, 4);
  g_assert_cmpstr (q->choices[q->answer], ==, synack_state_to_string (e->to));
  for (int k = 0; k < q->n_choices; k++)
    {
      SynackState s;

      g_assert_true (synack_state_from_string (q->choices[k], &s));
      if (k != q->answer)
        g_assert_cmpstr (q->choices[k], !=, synack_state_to_string (e->to));
      for (int j = k + 1; j < q->n_choices; j++)
        g_assert_cmpstr (q->choices[k], !=, q->choices[j]);
    }
}

/* A student alone answers every question of the handshake right. */
static void
test_all_right (void)
{
  SynackWindow *window = open_window ("handshake");
  SynackQuizPanel *panel = SYNACK_QUIZ_PANEL (synack_window_get_quiz_panel (window));
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  guint asked = 0, right, total;
  long last = (long) trace->n_events - 1;

  g_object_set (window, "predict", TRUE, NULL);
  for (int guard = 0; synack_window_get_cursor (window) < last && guard < 10000; guard++)
    {
      const SynackQuizQuestion *q;
      g_autofree char *sentence = NULL;

      activate (window, "win.step-forward");
      q = synack_quiz_panel_get_question (panel);
      if (q == NULL)
        continue;
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
      check_question (trace, q, synack_window_get_cursor (window));
      /* Stepping again does not skip the question. */
      activate (window, "win.step-forward");
      g_assert_cmpint (synack_window_get_cursor (window), ==, q->event - 1);
      synack_quiz_panel_answer (panel, q->answer);
      g_assert_true (synack_quiz_panel_get_revealed (panel));
      g_assert_cmpstr (synack_quiz_panel_get_verdict (panel), ==, "Right!");
      sentence = synack_describe_sentence (trace, q->event);
      g_assert_cmpstr (synack_quiz_panel_get_sentence (panel), ==, sentence);
      asked++;
    }
  synack_quiz_panel_get_score (panel, &right, &total);
  g_assert_cmpuint (asked, ==, count_state_changes (trace));
  g_assert_cmpuint (total, ==, asked);
  g_assert_cmpuint (right, ==, total);
  g_assert_cmpint (synack_window_get_cursor (window), ==, last);
  gtk_window_destroy (GTK_WINDOW (window));
  synack_test_app_flush ();
}

/* A wrong choice shows the right answer and the sentence, and scores nothing. */
static void
test_wrong_answer (void)
{
  SynackWindow *window = open_window ("handshake");
  SynackQuizPanel *panel = SYNACK_QUIZ_PANEL (synack_window_get_quiz_panel (window));
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  const SynackQuizQuestion *q = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sentence = NULL;
  guint right, asked;
  int wrong;

  g_object_set (window, "predict", TRUE, NULL);
  while (q == NULL && synack_window_get_cursor (window) < (long) trace->n_events - 1)
    {
      activate (window, "win.step-forward");
      q = synack_quiz_panel_get_question (panel);
    }
  g_assert_nonnull (q);
  wrong = (q->answer + 1) % q->n_choices;
  synack_quiz_panel_answer (panel, wrong);
  expected = g_strdup_printf ("Not quite: the answer is %s.", synack_state_to_string (trace->events[q->event].to));
  g_assert_cmpstr (synack_quiz_panel_get_verdict (panel), ==, expected);
  sentence = synack_describe_sentence (trace, q->event);
  g_assert_cmpstr (sentence, !=, "");
  g_assert_cmpstr (synack_quiz_panel_get_sentence (panel), ==, sentence);
  synack_quiz_panel_get_score (panel, &right, &asked);
  g_assert_cmpuint (right, ==, 0);
  g_assert_cmpuint (asked, ==, 1);
  /* Then → goes on to the event the question was about. */
  activate (window, "win.step-forward");
  g_assert_cmpint (synack_window_get_cursor (window), ==, q->event);
  gtk_window_destroy (GTK_WINDOW (window));
  synack_test_app_flush ();
}

/* A lesson's quiz lines choose the moments: lost-last-ack asks what the
 * server sends. */
static void
test_lesson_quiz_lines (void)
{
  SynackWindow *window = open_window ("lost-last-ack");
  SynackQuizPanel *panel = SYNACK_QUIZ_PANEL (synack_window_get_quiz_panel (window));
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  gboolean saw_send = FALSE;

  g_object_set (window, "predict", TRUE, NULL);
  for (int guard = 0; !saw_send && synack_window_get_cursor (window) < (long) trace->n_events - 1 && guard < 10000;
       guard++)
    {
      const SynackQuizQuestion *q;

      activate (window, "win.step-forward");
      q = synack_quiz_panel_get_question (panel);
      if (q == NULL)
        continue;
      if (q->kind == SYNACK_QUIZ_SEND)
        {
          char flags[32];

          saw_send = TRUE;
          g_assert_cmpint (trace->events[q->event].type, ==, SYNACK_EVENT_SEND);
          synack_flags_to_string (trace->events[q->event].hdr.flags, flags, sizeof flags);
          g_assert_cmpstr (q->choices[q->answer], ==, flags);
          g_assert_cmpstr (q->question, ==, "What does the server send now?");
        }
      synack_quiz_panel_answer (panel, q->answer);
    }
  g_assert_true (saw_send);
  gtk_window_destroy (GTK_WINDOW (window));
  synack_test_app_flush ();
}

/* Playing stops before the first state change and asks; a class sees no
 * score, and Return reveals. */
static void
test_play_stops_for_the_class (void)
{
  SynackWindow *window = open_window ("handshake");
  SynackQuizPanel *panel = SYNACK_QUIZ_PANEL (synack_window_get_quiz_panel (window));
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  const SynackQuizQuestion *q;
  long first_change = -1;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (size_t i = 0; i < trace->n_events && first_change < 0; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE)
      first_change = (long) i;
  g_object_set (window, "predict", TRUE, "presentation", TRUE, NULL);
  activate (window, "win.faster");
  activate (window, "win.faster");
  activate (window, "win.play");
  while (synack_window_get_playing (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  q = synack_quiz_panel_get_question (panel);
  g_assert_nonnull (q);
  g_assert_cmpint (q->event, ==, first_change);
  g_assert_cmpint (synack_window_get_cursor (window), ==, first_change - 1);
  gtk_widget_grab_focus (GTK_WIDGET (panel));
  synack_quiz_panel_reveal (panel);
  g_assert_true (synack_quiz_panel_get_revealed (panel));
  g_assert_true (g_str_has_prefix (synack_quiz_panel_get_verdict (panel), "The answer is "));
  g_object_set (window, "presentation", FALSE, "predict", FALSE, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  gtk_window_destroy (GTK_WINDOW (window));
  synack_test_app_flush ();
}

/* The state view: marks follow the cursor both ways and a re-run; a click
 * on an edge goes to the event that took it, on a state lists its moments. */
static void
test_state_view (void)
{
  SynackWindow *window = open_window ("handshake");
  SynackStateView *view = SYNACK_STATE_VIEW (synack_window_get_state_view (window));
  const SynackStateDiagram *d;
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  const SynackTransition *table;
  unsigned n_table;
  int edge = -1, node;
  double x, y;
  long target = -1;
  GtkWidget *moments, *first;
  SynackEdit lose_fin = { .kind = SYNACK_EDIT_LOSE_SEGMENT };

  g_object_set (window, "show-states", TRUE, NULL);
  synack_test_app_wait_frames (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  d = synack_state_view_get_diagram (view);
  for (long k = (long) trace->n_events - 1; k >= -1; k -= 3)
    {
      synack_window_set_cursor (window, k);
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        g_assert_cmpint (synack_state_view_get_marks (view)->state[h], ==,
                         synack_trace_state_at (trace, (SynackHostId) h, 0, k));
    }

  /* The client's SYN_SENT -> ESTABLISHED edge, clicked on its label. */
  table = synack_transitions (&n_table);
  for (unsigned t = 0; t < n_table; t++)
    if (table[t].from == SYNACK_STATE_SYN_SENT && table[t].to == SYNACK_STATE_ESTABLISHED)
      edge = synack_state_diagram_edge_for (d, (int) t);
  g_assert_cmpint (edge, >=, 0);
  for (size_t i = 0; i < trace->n_events && target < 0; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].to == SYNACK_STATE_ESTABLISHED &&
        trace->events[i].from == SYNACK_STATE_SYN_SENT)
      target = (long) i;
  synack_window_set_cursor (window, -1);
  synack_state_view_diagram_to_widget (view, d->edges[edge].label_box.x + d->edges[edge].label_box.width / 2,
                                       d->edges[edge].label_box.y + d->edges[edge].label_box.height / 2, &x, &y);
  g_assert_true (synack_state_view_click_at (view, x, y));
  synack_test_app_flush ();
  g_assert_cmpint (synack_window_get_cursor (window), ==, target);

  /* TIME_WAIT: the one moment the client entered it. */
  node = synack_state_diagram_node_for (d, SYNACK_STATE_TIME_WAIT, FALSE);
  synack_state_view_diagram_to_widget (view, d->nodes[node].box.x + d->nodes[node].box.width / 2,
                                       d->nodes[node].box.y + d->nodes[node].box.height / 2, &x, &y);
  g_assert_true (synack_state_view_click_at (view, x, y));
  moments = synack_state_view_get_moments (view);
  g_assert_nonnull (moments);
  first = gtk_widget_get_first_child (moments);
  g_assert_nonnull (first);
  g_assert_null (gtk_widget_get_next_sibling (first));
  g_signal_emit_by_name (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first)), "clicked");
  synack_test_app_flush ();
  g_assert_cmpint (trace->events[synack_window_get_cursor (window)].type, ==, SYNACK_EVENT_STATE);
  g_assert_cmpint (trace->events[synack_window_get_cursor (window)].to, ==, SYNACK_STATE_TIME_WAIT);

  /* A what-if re-run (the client's FIN lost): the marks follow the new trace. */
  for (size_t i = 0; i < trace->n_events && lose_fin.segment == 0; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == SYNACK_CLIENT &&
        (trace->events[i].hdr.flags & SYNACK_FLAG_FIN))
      lose_fin.segment = trace->events[i].seg;
  g_assert_cmpuint (lose_fin.segment, >, 0);
  g_assert_true (synack_window_add_edit (window, &lose_fin));
  synack_test_app_wait_until_idle (window);
  trace = synack_window_get_run (window)->trace;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    g_assert_cmpint (synack_state_view_get_marks (view)->state[h], ==,
                     synack_trace_state_at (trace, (SynackHostId) h, 0, synack_window_get_cursor (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  synack_test_app_flush ();
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipping the predict-mode tests\n");
      return 77;
    }
  app = synack_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_test_add_func ("/app/predict/all-right", test_all_right);
  g_test_add_func ("/app/predict/wrong-answer", test_wrong_answer);
  g_test_add_func ("/app/predict/play-stops-for-the-class", test_play_stops_for_the_class);
  g_test_add_func ("/app/predict/lesson-quiz-lines", test_lesson_quiz_lines);
  g_test_add_func ("/app/states/view", test_state_view);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
