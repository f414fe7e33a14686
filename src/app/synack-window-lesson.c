/* synack-window-lesson.c: the lesson in the side panel: its summary in full and its points to watch, the current one highlighted. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-window-private.h"

void
_synack_window_lesson_init (SynackWindow *self)
{
  self->watch_labels = g_ptr_array_new ();
  self->watch_moments = g_array_new (FALSE, FALSE, sizeof (long));
  self->current_watch = -1;
}

void
_synack_window_lesson_finalize (SynackWindow *self)
{
  g_clear_pointer (&self->watch_labels, g_ptr_array_unref);
  g_clear_pointer (&self->watch_moments, g_array_unref);
}

/* The summary and one row per point, for what the document has loaded. */
void
_synack_window_show_lesson_text (SynackWindow *self)
{
  const SynackScenario *base = synack_document_get_base (self->document);
  const char *summary = base ? synack_scenario_get_summary (base) : NULL;
  const char *watch = base ? synack_scenario_get_watch (base) : NULL;
  g_auto(GStrv) points = g_strsplit (watch ? watch : "", "\n", -1);
  GtkWidget *child;

  gtk_label_set_text (self->lesson_summary_label, summary ? summary : "");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->watch_box))) != NULL)
    gtk_box_remove (self->watch_box, child);
  g_ptr_array_set_size (self->watch_labels, 0);
  for (guint i = 0; points[i] != NULL; i++)
    {
      GtkWidget *label;

      if (*points[i] == '\0')
        continue;
      label = gtk_label_new (points[i]);
      /* Which line of the lesson's points it is, for its moment. */
      g_object_set_data (G_OBJECT (label), "watch-line", GUINT_TO_POINTER (i));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_widget_add_css_class (label, "watch-point");
      gtk_box_append (self->watch_box, label);
      g_ptr_array_add (self->watch_labels, label);
    }
  gtk_widget_set_visible (self->watch_heading_label, self->watch_labels->len > 0);
  g_array_set_size (self->watch_moments, 0);
  self->current_watch = -1;
}

void
_synack_window_lesson_set_run (SynackWindow *self)
{
  g_array_set_size (self->watch_moments, self->watch_labels->len);
  for (guint i = 0; i < self->watch_labels->len; i++)
    g_array_index (self->watch_moments, long, i) =
      synack_scenario_watch_moment (self->run->scenario, self->run->trace,
                                    GPOINTER_TO_UINT (g_object_get_data (g_ptr_array_index (self->watch_labels, i), "watch-line")));
  self->current_watch = -2;
}

void
_synack_window_lesson_update (SynackWindow *self)
{
  long current;

  if (self->watch_moments->len != self->watch_labels->len)
    return;
  current = synack_describe_current_watch ((const long *) (gpointer) self->watch_moments->data,
                                           self->watch_moments->len, self->upto);
  if (current == self->current_watch)
    return;
  self->current_watch = current;
  for (guint i = 0; i < self->watch_labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (self->watch_labels, i);

      if ((long) i == current)
        gtk_widget_add_css_class (label, "current-watch");
      else
        gtk_widget_remove_css_class (label, "current-watch");
    }
  if (current >= 0)
    {
      /* TRANSLATORS: the projector's line above the diagram; %s is one of the lesson's points to watch */
      g_autofree char *line = g_strdup_printf (_("Watch: %s"),
                                               gtk_label_get_text (g_ptr_array_index (self->watch_labels, current)));
      gtk_label_set_text (self->presentation_watch_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->presentation_watch_label), current >= 0);
}
