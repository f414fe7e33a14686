/* synack-lesson-dialog.h: the lesson picker: the built-in lessons grouped by topic, searchable by title and question. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SYNACK_TYPE_LESSON_DIALOG (synack_lesson_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SynackLessonDialog, synack_lesson_dialog, SYNACK, LESSON_DIALOG, GtkWindow)

/* Emits "lesson-chosen" (the preset name) and closes when one is picked. */
SynackLessonDialog *synack_lesson_dialog_new (GtkWindow *parent, const char *current);

guint synack_lesson_dialog_get_n_lessons (SynackLessonDialog *self);
/* Shows only the lessons whose title, question, explanation or name
 * contains TEXT (any case); "" shows them all. */
void  synack_lesson_dialog_search        (SynackLessonDialog *self, const char *text);
/* The names of the lessons shown, in the order shown; free with g_strfreev(). */
char **synack_lesson_dialog_get_shown    (SynackLessonDialog *self);
const char *synack_lesson_dialog_get_selected (SynackLessonDialog *self);

G_END_DECLS
