/* synack-lesson-dialog.c: the lesson picker: every built-in lesson with its title and explanation. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-lesson-dialog.h"
#include "synack-scenario.h"

struct _SynackLessonDialog
{
  GtkWindow parent_instance;

  GtkListBox *list;
  GtkWidget  *open_button;

  guint       n_lessons;
};

G_DEFINE_FINAL_TYPE (SynackLessonDialog, synack_lesson_dialog, GTK_TYPE_WINDOW)

enum {
  SIGNAL_LESSON_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choose (SynackLessonDialog *self, GtkListBoxRow *row)
{
  const char *name;

  if (row == NULL)
    return;
  name = g_object_get_data (G_OBJECT (row), "lesson");
  g_signal_emit (self, signals[SIGNAL_LESSON_CHOSEN], 0, name);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_row_activated (SynackLessonDialog *self, GtkListBoxRow *row)
{
  choose (self, row);
}

static void
action_open (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackLessonDialog *self = SYNACK_LESSON_DIALOG (widget);

  choose (self, gtk_list_box_get_selected_row (self->list));
}

static GtkWidget *
make_row (const char *name, SynackScenario *scenario)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (synack_scenario_get_title (scenario));
  GtkWidget *summary = gtk_label_new (synack_scenario_get_summary (scenario));
  GtkWidget *id = gtk_label_new (name);

  gtk_widget_add_css_class (box, "lesson-row");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (summary), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "caption");
  gtk_widget_add_css_class (id, "monospace");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_box_append (GTK_BOX (box), id);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "lesson", g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  synack_scenario_get_title (scenario), -1);
  return row;
}

static void
synack_lesson_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SYNACK_TYPE_LESSON_DIALOG);
  G_OBJECT_CLASS (synack_lesson_dialog_parent_class)->dispose (object);
}

static void
synack_lesson_dialog_class_init (SynackLessonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_lesson_dialog_dispose;

  signals[SIGNAL_LESSON_CHOSEN] = g_signal_new ("lesson-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-lesson-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackLessonDialog, list);
  gtk_widget_class_bind_template_child (widget_class, SynackLessonDialog, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_install_action (widget_class, "lesson.open", NULL, action_open);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
synack_lesson_dialog_init (SynackLessonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SynackLessonDialog *
synack_lesson_dialog_new (GtkWindow *parent, const char *current)
{
  SynackLessonDialog *self = g_object_new (SYNACK_TYPE_LESSON_DIALOG, "transient-for", parent, NULL);
  g_auto(GStrv) names = synack_preset_list ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(SynackScenario) scenario = synack_scenario_load_preset (names[i], NULL);
      GtkWidget *row;

      if (scenario == NULL)
        continue;
      row = make_row (names[i], scenario);
      gtk_list_box_append (self->list, row);
      self->n_lessons++;
      if (g_strcmp0 (names[i], current) == 0)
        {
          gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
          gtk_widget_grab_focus (row);
        }
    }
  return self;
}

guint
synack_lesson_dialog_get_n_lessons (SynackLessonDialog *self)
{
  return self->n_lessons;
}
