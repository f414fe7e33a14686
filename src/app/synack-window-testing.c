/* synack-window-testing.c: what the window tests may ask and do (synack-window-testing.h). */
#include "synack-config.h"

#include "synack-window-private.h"
#include "synack-window-testing.h"

gboolean
synack_window_set_param (SynackWindow *self, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (!synack_document_set_param (self->document, key, value, &error))
    {
      _synack_window_show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
synack_window_add_edit (SynackWindow *self, const SynackEdit *edit)
{
  return _synack_window_add_edit (self, edit);
}

gboolean
synack_window_is_busy (SynackWindow *self)
{
  return self->running || self->rerun_idle_id != 0 || self->opening != NULL;
}

gboolean
synack_window_get_opening_shown (SynackWindow *self)
{
  return gtk_widget_get_visible (self->opening_box);
}

long synack_window_get_cursor (SynackWindow *self) { return self->upto; }
double synack_window_get_progress (SynackWindow *self) { return self->progress; }
SynackTime synack_window_get_cursor_time (SynackWindow *self) { return self->cursor_t; }
gboolean synack_window_get_playing (SynackWindow *self) { return self->playing; }
GtkWidget *synack_window_get_diagram (SynackWindow *self) { return GTK_WIDGET (self->diagram); }
GtkWidget *synack_window_get_state_view (SynackWindow *self) { return GTK_WIDGET (self->state_view); }
GtkWidget *synack_window_get_quiz_panel (SynackWindow *self) { return GTK_WIDGET (self->quiz_panel); }

void
synack_window_set_cursor (SynackWindow *self, long upto)
{
  if (self->run != NULL)
    _synack_window_jump_to (self, upto);
}

void
synack_window_seek_time (SynackWindow *self, SynackTime t)
{
  _synack_window_seek_time (self, t);
}

const char *
synack_window_get_state_text (SynackWindow *self, SynackHostId host)
{
  return synack_host_panel_get_state_text (self->host_panel, host);
}

const char *
synack_window_get_explanation (SynackWindow *self)
{
  return gtk_label_get_text (self->explanation_label);
}

const char *
synack_window_get_error (SynackWindow *self)
{
  return gtk_revealer_get_reveal_child (self->error_revealer) ? gtk_label_get_text (self->error_label) : NULL;
}

long
synack_window_get_selected_row (SynackWindow *self)
{
  guint pos = gtk_single_selection_get_selected (self->event_selection);
  return pos == GTK_INVALID_LIST_POSITION ? -1 : (long) pos;
}

void
synack_window_show_page (SynackWindow *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->side_stack, name);
}

GtkWidget *
synack_window_get_param_widget (SynackWindow *self, const char *key)
{
  return synack_parameters_page_get_widget (self->parameters_page, key);
}

guint
synack_window_get_n_listed_events (SynackWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->event_selection));
}

const char *
synack_window_get_run_note (SynackWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->run_note_label)) ? gtk_label_get_text (self->run_note_label) : NULL;
}

guint
synack_window_get_n_watch_points (SynackWindow *self)
{
  return self->watch_labels->len;
}

const char *
synack_window_get_current_watch (SynackWindow *self)
{
  for (guint i = 0; i < self->watch_labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (self->watch_labels, i), "current-watch"))
      return gtk_label_get_text (g_ptr_array_index (self->watch_labels, i));
  return NULL;
}

const char *
synack_window_get_presentation_watch (SynackWindow *self)
{
  return gtk_widget_is_visible (GTK_WIDGET (self->presentation_watch_label))
           ? gtk_label_get_text (self->presentation_watch_label) : NULL;
}

const char *
synack_window_get_presentation_title (SynackWindow *self)
{
  return gtk_widget_is_visible (GTK_WIDGET (self->presentation_title_label))
           ? gtk_label_get_text (self->presentation_title_label) : NULL;
}

const char *
synack_window_get_caption_states (SynackWindow *self, SynackHostId host)
{
  return gtk_label_get_text (host == SYNACK_CLIENT ? self->client_caption_label : self->server_caption_label);
}

GtkWidget *
synack_window_get_caption (SynackWindow *self)
{
  return gtk_widget_is_visible (self->caption_box) ? self->caption_box : NULL;
}

gboolean
synack_window_get_legend_shown (SynackWindow *self)
{
  return gtk_widget_is_visible (self->legend_box);
}

const char *
synack_window_get_view_shown (SynackWindow *self)
{
  return gtk_stack_get_visible_child_name (self->diagram_stack);
}

GtkWidget *
synack_window_get_scale_view (SynackWindow *self)
{
  return GTK_WIDGET (self->scale_view);
}

gboolean
synack_window_get_window_bar_shown (SynackWindow *self)
{
  return gtk_widget_get_visible (self->window_bar);
}
