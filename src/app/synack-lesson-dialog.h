/* synack-lesson-dialog.h: the lesson picker: every built-in lesson with its title and explanation. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SYNACK_TYPE_LESSON_DIALOG (synack_lesson_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SynackLessonDialog, synack_lesson_dialog, SYNACK, LESSON_DIALOG, GtkWindow)

/* Emits "lesson-chosen" (the preset name) and closes when one is picked. */
SynackLessonDialog *synack_lesson_dialog_new (GtkWindow *parent, const char *current);

guint synack_lesson_dialog_get_n_lessons (SynackLessonDialog *self);

G_END_DECLS
