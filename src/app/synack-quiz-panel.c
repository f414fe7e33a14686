/* synack-quiz-panel.c: predict mode's question card: choices, the answer with the narration sentence, and the score of a student alone. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-quiz-panel.h"

struct _SynackQuizPanel
{
  GtkBox      parent_instance;

  GtkLabel   *question_label;
  GtkBox     *choices_box;
  GtkLabel   *verdict_label;
  GtkLabel   *sentence_label;
  GtkLabel   *score_label;
  GtkButton  *reveal_button;
  GtkButton  *continue_button;

  SynackRun  *run;
  GPtrArray  *questions;      /* of SynackQuizQuestion, in event order */
  guint       next;           /* the first question not yet passed */
  gboolean    active;
  gboolean    class_mode;
  gboolean    asking;         /* questions[next] is on show */
  gboolean    revealed;
  int         chosen;         /* -1: revealed without an answer */
  guint       right, asked;
};

G_DEFINE_FINAL_TYPE (SynackQuizPanel, synack_quiz_panel, GTK_TYPE_BOX)

enum {
  SIGNAL_CONTINUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SynackQuizQuestion *
current (SynackQuizPanel *self)
{
  if (self->questions == NULL || self->next >= self->questions->len)
    return NULL;
  return g_ptr_array_index (self->questions, self->next);
}

static void
update_score (SynackQuizPanel *self)
{
  g_autofree char *text = NULL;

  /* A class answers aloud: no score on the projector. */
  gtk_widget_set_visible (GTK_WIDGET (self->score_label), !self->class_mode && self->asked > 0);
  /* TRANSLATORS: predict mode's score: right answers of questions asked, and the percentage */
  text = g_strdup_printf (_("Score: %u of %u (%u %%)"), self->right, self->asked,
                          self->asked ? (self->right * 100 + self->asked / 2) / self->asked : 0);
  gtk_label_set_text (self->score_label, text);
}

static void
on_choice_clicked (GtkButton *button, SynackQuizPanel *self)
{
  synack_quiz_panel_answer (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "synack-choice")));
}

static void
show_question (SynackQuizPanel *self)
{
  const SynackQuizQuestion *q = current (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_box))) != NULL)
    gtk_box_remove (self->choices_box, child);
  self->asking = TRUE;
  self->revealed = FALSE;
  self->chosen = -1;
  gtk_label_set_text (self->question_label, q->question);
  for (int k = 0; k < q->n_choices; k++)
    {
      g_autofree char *text = g_strdup_printf ("%d   %s", k + 1, q->choices[k]);
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_widget_add_css_class (button, "quiz-choice");
      g_object_set_data (G_OBJECT (button), "synack-choice", GINT_TO_POINTER (k));
      g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
      gtk_box_append (self->choices_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sentence_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), FALSE);
  update_score (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->choices_box)));
}

static void
hide_question (SynackQuizPanel *self)
{
  self->asking = FALSE;
  self->revealed = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
synack_quiz_panel_reveal (SynackQuizPanel *self)
{
  const SynackQuizQuestion *q = current (self);
  g_autofree char *verdict = NULL;
  g_autofree char *sentence = NULL;
  int k = 0;

  g_return_if_fail (SYNACK_IS_QUIZ_PANEL (self));
  if (!self->asking || self->revealed || q == NULL)
    return;
  self->revealed = TRUE;
  self->asked++;
  if (self->chosen == q->answer)
    {
      self->right++;
      verdict = g_strdup (_("Right!"));
    }
  else if (self->chosen >= 0)
    /* TRANSLATORS: predict mode, after a wrong choice; %s is the right answer */
    verdict = g_strdup_printf (_("Not quite: the answer is %s."), q->choices[q->answer]);
  else
    /* TRANSLATORS: predict mode, the answer shown without a choice; %s is the answer */
    verdict = g_strdup_printf (_("The answer is %s."), q->choices[q->answer]);

  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (self->choices_box)); b;
       b = gtk_widget_get_next_sibling (b), k++)
    {
      gtk_widget_set_sensitive (b, k == q->answer || k == self->chosen);
      if (k == q->answer)
        gtk_widget_add_css_class (b, "quiz-right");
      else if (k == self->chosen)
        gtk_widget_add_css_class (b, "quiz-wrong");
    }
  sentence = synack_describe_sentence (self->run->trace, q->event);
  gtk_label_set_text (self->verdict_label, verdict);
  gtk_label_set_text (self->sentence_label, sentence);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->sentence_label), sentence && *sentence);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
  update_score (self);
}

void
synack_quiz_panel_answer (SynackQuizPanel *self, int choice)
{
  const SynackQuizQuestion *q = current (self);

  g_return_if_fail (SYNACK_IS_QUIZ_PANEL (self));
  if (!self->asking || self->revealed || q == NULL || choice < 0 || choice >= q->n_choices)
    return;
  self->chosen = choice;
  synack_quiz_panel_reveal (self);
}

long
synack_quiz_panel_gate (SynackQuizPanel *self, long from, long to)
{
  g_return_val_if_fail (SYNACK_IS_QUIZ_PANEL (self), to);

  if (!self->active || self->questions == NULL)
    return to;
  if (to <= from)
    {
      /* Going back puts the card away; one already answered stays answered. */
      if (self->asking && self->revealed)
        self->next++;
      hide_question (self);
      return to;
    }
  /* Questions already behind the cursor are not asked. */
  while (current (self) && current (self)->event <= from)
    self->next++;
  if (self->asking && !self->revealed)
    return from;
  if (self->asking && self->revealed)
    {
      self->next++;
      hide_question (self);
    }
  if (current (self) == NULL || current (self)->event > to)
    return to;
  show_question (self);
  return current (self)->event - 1;
}

static void
on_continue (SynackQuizPanel *self)
{
  const SynackQuizQuestion *q = current (self);

  if (q != NULL && self->revealed)
    g_signal_emit (self, signals[SIGNAL_CONTINUE], 0, (glong) q->event);
}

/* Return reveals, and once revealed goes on; 1 … 4 choose. */
static gboolean
on_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
        SynackQuizPanel *self)
{
  if (!self->asking || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
    {
      if (self->revealed)
        on_continue (self);
      else
        synack_quiz_panel_reveal (self);
      return TRUE;
    }
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_4)
    {
      synack_quiz_panel_answer (self, (int) (keyval - GDK_KEY_1));
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_4)
    {
      synack_quiz_panel_answer (self, (int) (keyval - GDK_KEY_KP_1));
      return TRUE;
    }
  return FALSE;
}

void
synack_quiz_panel_set_run (SynackQuizPanel *self, SynackRun *run)
{
  const SynackQuizFocus *foci;
  guint n_foci = 0;

  g_return_if_fail (SYNACK_IS_QUIZ_PANEL (self));

  if (run != NULL)
    synack_run_ref (run);
  g_clear_pointer (&self->run, synack_run_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  self->run = run;
  self->next = 0;
  self->right = self->asked = 0;
  hide_question (self);
  if (run == NULL)
    return;
  foci = synack_scenario_get_quiz (run->scenario, &n_foci);
  self->questions = synack_quiz_questions (run->trace, foci, n_foci);
}

void
synack_quiz_panel_set_active (SynackQuizPanel *self, gboolean active)
{
  g_return_if_fail (SYNACK_IS_QUIZ_PANEL (self));

  self->active = !!active;
  self->right = self->asked = 0;
  if (!self->active)
    hide_question (self);
}

gboolean
synack_quiz_panel_get_active (SynackQuizPanel *self)
{
  return self->active;
}

void
synack_quiz_panel_set_class_mode (SynackQuizPanel *self, gboolean class_mode)
{
  self->class_mode = !!class_mode;
  update_score (self);
}

const SynackQuizQuestion *
synack_quiz_panel_get_question (SynackQuizPanel *self)
{
  return self->asking ? current (self) : NULL;
}

gboolean
synack_quiz_panel_get_revealed (SynackQuizPanel *self)
{
  return self->revealed;
}

void
synack_quiz_panel_get_score (SynackQuizPanel *self, guint *right, guint *asked)
{
  *right = self->right;
  *asked = self->asked;
}

const char *
synack_quiz_panel_get_verdict (SynackQuizPanel *self)
{
  return gtk_label_get_text (self->verdict_label);
}

const char *
synack_quiz_panel_get_sentence (SynackQuizPanel *self)
{
  return gtk_label_get_text (self->sentence_label);
}

static void
synack_quiz_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SYNACK_TYPE_QUIZ_PANEL);
  G_OBJECT_CLASS (synack_quiz_panel_parent_class)->dispose (object);
}

static void
synack_quiz_panel_finalize (GObject *object)
{
  SynackQuizPanel *self = SYNACK_QUIZ_PANEL (object);

  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->run, synack_run_unref);
  G_OBJECT_CLASS (synack_quiz_panel_parent_class)->finalize (object);
}

static void
synack_quiz_panel_class_init (SynackQuizPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_quiz_panel_dispose;
  object_class->finalize = synack_quiz_panel_finalize;

  /* The answer is out: the window moves on to the event it was about. */
  signals[SIGNAL_CONTINUE] =
    g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_LONG);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-quiz-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, question_label);
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, choices_box);
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, score_label);
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, SynackQuizPanel, continue_button);
}

static void
synack_quiz_panel_init (SynackQuizPanel *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->chosen = -1;
  g_signal_connect_swapped (self->reveal_button, "clicked", G_CALLBACK (synack_quiz_panel_reveal), self);
  g_signal_connect_swapped (self->continue_button, "clicked", G_CALLBACK (on_continue), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
