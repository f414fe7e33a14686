/* synack-lesson-dialog.c: the lesson picker: the built-in lessons grouped by topic, each with its title, the question it answers and its explanation, searchable. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-lesson-dialog.h"
#include "synack-scenario.h"

struct _SynackLessonDialog
{
  GtkWindow parent_instance;

  GtkSearchEntry *search;
  GtkListBox     *list;
  GtkWidget      *open_button;

  guint           n_lessons;
  char           *query;     /* casefolded, or NULL to show every lesson */
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

  if (row == NULL || !gtk_widget_get_child_visible (GTK_WIDGET (row)))
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

static gboolean
row_matches (GtkListBoxRow *row, gpointer data)
{
  SynackLessonDialog *self = data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "haystack");

  return self->query == NULL || strstr (haystack, self->query) != NULL;
}

/* A heading above the first lesson of each topic. */
static void
add_topic_header (GtkListBoxRow *row, GtkListBoxRow *before, gpointer data)
{
  const char *topic = g_object_get_data (G_OBJECT (row), "topic");
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (topic, g_object_get_data (G_OBJECT (before), "topic")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (g_object_get_data (G_OBJECT (row), "topic-title"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "lesson-topic");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 18);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

/* The first visible row, selected so that Enter opens what the search found. */
static void
select_first_match (SynackLessonDialog *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);

  if (selected != NULL && row_matches (selected, self))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_matches (GTK_LIST_BOX_ROW (child), self))
      {
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
        return;
      }
  gtk_list_box_unselect_all (self->list);
}

static void
on_search_changed (SynackLessonDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  gtk_list_box_invalidate_filter (self->list);
  select_first_match (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lesson.open",
                                 gtk_list_box_get_selected_row (self->list) != NULL);
}

static void
on_search_activate (SynackLessonDialog *self)
{
  choose (self, gtk_list_box_get_selected_row (self->list));
}

static GtkWidget *
wrapped_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_row (const char *name, SynackScenario *scenario, const SynackLessonTopic *topic)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *question = synack_scenario_get_question (scenario);
  GtkWidget *id = gtk_label_new (name);
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  gtk_widget_add_css_class (box, "lesson-row");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_box_append (GTK_BOX (box), wrapped_label (synack_scenario_get_title (scenario), "heading"));
  if (*question != '\0')
    gtk_box_append (GTK_BOX (box), wrapped_label (question, "lesson-question"));
  gtk_box_append (GTK_BOX (box), wrapped_label (synack_scenario_get_summary (scenario), NULL));
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "caption");
  gtk_widget_add_css_class (id, "monospace");
  gtk_box_append (GTK_BOX (box), id);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* A search finds a lesson by its title (also as written in English), its
   * question, its explanation or its name. */
  haystack = g_strjoin ("\n", synack_scenario_get_title (scenario), synack_scenario_get_untranslated_title (scenario),
                        question, synack_scenario_get_summary (scenario), name, NULL);
  folded = g_utf8_casefold (haystack, -1);
  g_object_set_data_full (G_OBJECT (row), "lesson", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), "haystack", g_steal_pointer (&folded), g_free);
  g_object_set_data (G_OBJECT (row), "topic", (gpointer) (topic ? topic->id : NULL));
  g_object_set_data (G_OBJECT (row), "topic-title", (gpointer) (topic ? _(topic->title) : _("Other lessons")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  synack_scenario_get_title (scenario), -1);
  if (*question != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, question, -1);
  return row;
}

static void
synack_lesson_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SYNACK_TYPE_LESSON_DIALOG);
  G_OBJECT_CLASS (synack_lesson_dialog_parent_class)->dispose (object);
}

static void
synack_lesson_dialog_finalize (GObject *object)
{
  SynackLessonDialog *self = SYNACK_LESSON_DIALOG (object);

  g_free (self->query);
  G_OBJECT_CLASS (synack_lesson_dialog_parent_class)->finalize (object);
}

static void
synack_lesson_dialog_class_init (SynackLessonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_lesson_dialog_dispose;
  object_class->finalize = synack_lesson_dialog_finalize;

  signals[SIGNAL_LESSON_CHOSEN] = g_signal_new ("lesson-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-lesson-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackLessonDialog, search);
  gtk_widget_class_bind_template_child (widget_class, SynackLessonDialog, list);
  gtk_widget_class_bind_template_child (widget_class, SynackLessonDialog, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_install_action (widget_class, "lesson.open", NULL, action_open);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
synack_lesson_dialog_init (SynackLessonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, row_matches, self, NULL);
  gtk_list_box_set_header_func (self->list, add_topic_header, NULL, NULL);
  /* Typing anywhere in the picker searches. */
  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self));
}

static void
append_lesson (SynackLessonDialog *self, const char *name, SynackScenario *scenario,
               const SynackLessonTopic *topic, const char *current)
{
  GtkWidget *row = make_row (name, scenario, topic);

  gtk_list_box_append (self->list, row);
  self->n_lessons++;
  if (g_strcmp0 (name, current) == 0)
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
      gtk_widget_grab_focus (row);
    }
}

SynackLessonDialog *
synack_lesson_dialog_new (GtkWindow *parent, const char *current)
{
  SynackLessonDialog *self = g_object_new (SYNACK_TYPE_LESSON_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lessons = synack_preset_list_by_topic (&error);

  /* The built-in lessons are tested; a broken one is a broken build. */
  if (lessons == NULL)
    {
      g_warning ("%s", error->message);
      return self;
    }
  for (guint i = 0; i < lessons->len; i++)
    {
      const SynackPresetEntry *entry = lessons->pdata[i];

      append_lesson (self, entry->name, entry->scenario, entry->topic, current);
    }
  return self;
}

guint
synack_lesson_dialog_get_n_lessons (SynackLessonDialog *self)
{
  return self->n_lessons;
}

void
synack_lesson_dialog_search (SynackLessonDialog *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  /* The entry reports changes after a delay; apply this one now. */
  on_search_changed (self);
}

char **
synack_lesson_dialog_get_shown (SynackLessonDialog *self)
{
  g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_matches (GTK_LIST_BOX_ROW (child), self))
      g_strv_builder_add (shown, g_object_get_data (G_OBJECT (child), "lesson"));
  return g_strv_builder_end (shown);
}

const char *
synack_lesson_dialog_get_selected (SynackLessonDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  return row ? g_object_get_data (G_OBJECT (row), "lesson") : NULL;
}
