/* synack-quiz-panel.h: predict mode: the question before a moment of the run, its choices, the answer and the score. */
#pragma once

#include <gtk/gtk.h>

#include "synack-quiz.h"
#include "synack-run.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_QUIZ_PANEL (synack_quiz_panel_get_type ())
G_DECLARE_FINAL_TYPE (SynackQuizPanel, synack_quiz_panel, SYNACK, QUIZ_PANEL, GtkBox)

/* The run's questions (its lesson's quiz lines, or every state change);
 * a new run starts the score again. */
void     synack_quiz_panel_set_run    (SynackQuizPanel *self, SynackRun *run);
void     synack_quiz_panel_set_active (SynackQuizPanel *self, gboolean active);
gboolean synack_quiz_panel_get_active (SynackQuizPanel *self);
/* For a class (presentation): big type, no score, the answer on a key. */
void     synack_quiz_panel_set_class_mode (SynackQuizPanel *self, gboolean class_mode);

/* How far the cursor may move forward from `from` towards `to`: to the
 * event before the first question not yet revealed, which it then asks.
 * A revealed question lets the cursor pass. Inactive: `to`. */
long     synack_quiz_panel_gate       (SynackQuizPanel *self, long from, long to);

const SynackQuizQuestion *synack_quiz_panel_get_question (SynackQuizPanel *self); /* NULL if none asked */
void     synack_quiz_panel_answer     (SynackQuizPanel *self, int choice);
void     synack_quiz_panel_reveal     (SynackQuizPanel *self);
gboolean synack_quiz_panel_get_revealed (SynackQuizPanel *self);
void     synack_quiz_panel_get_score  (SynackQuizPanel *self, guint *right, guint *asked);
const char *synack_quiz_panel_get_verdict  (SynackQuizPanel *self);
const char *synack_quiz_panel_get_sentence (SynackQuizPanel *self);

G_END_DECLS
