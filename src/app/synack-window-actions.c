/* synack-window-actions.c: the window's actions (win.*): playback, zoom, what-if edits, files, captures and dialogs. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-export-dialog.h"
#include "synack-lesson-dialog.h"
#include "synack-window-private.h"

static void
action_play (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  if (self->playing)
    _synack_window_stop_playing (self);
  else
    _synack_window_start_playing (self);
}

static void
action_step (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  if (self->run == NULL)
    return;
  _synack_window_stop_playing (self);
  if (g_str_equal (name, "win.step-forward"))
    _synack_window_jump_to (self, self->upto + 1);
  else if (g_str_equal (name, "win.step-back"))
    _synack_window_jump_to (self, self->progress > 0 ? self->upto : self->upto - 1);
  else if (g_str_equal (name, "win.go-start"))
    _synack_window_jump_to (self, -1);
  else
    _synack_window_jump_to (self, (long) self->run->trace->n_events - 1);
}

static void
action_speed (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  synack_playback_bar_step_speed (self->playback_bar, g_str_equal (name, "win.faster") ? 1 : -1);
}

static void
action_zoom (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  /* The strip view zooms into connections, down to their segments. */
  if (_synack_window_scale_zoom (self, name))
    return;
  if (g_str_equal (name, "win.zoom-in"))
    synack_diagram_view_zoom_by (self->diagram, 1.25);
  else if (g_str_equal (name, "win.zoom-out"))
    synack_diagram_view_zoom_by (self->diagram, 1 / 1.25);
  else
    synack_diagram_view_zoom_to_fit (self->diagram);
}

static void
action_follow (GtkWidget *widget, const char *name, GVariant *param)
{
  synack_diagram_view_set_follow (SYNACK_WINDOW (widget)->diagram, TRUE);
}

static void
action_lose_segment (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackEdit edit = { .kind = SYNACK_EDIT_LOSE_SEGMENT, .segment = g_variant_get_uint32 (param) };

  _synack_window_add_edit (SYNACK_WINDOW (widget), &edit);
}

static void
action_what_if (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  g_auto(GStrv) words = g_strsplit (g_variant_get_string (param, NULL), " ", 2);
  SynackEdit edit = { .kind = SYNACK_EDIT_CALL, .at = self->cursor_t };

  /* The target is "HOST CALL": "client close", "server send". */
  if (g_strv_length (words) != 2 || !synack_edit_call_from_name (words[1], &edit.what))
    g_return_if_reached ();
  edit.host = g_str_equal (words[0], "server") ? SYNACK_SERVER : SYNACK_CLIENT;
  if (edit.what == SYNACK_DO_SEND)
    edit.bytes = synack_what_if_page_get_send_bytes (self->what_if_page);
  _synack_window_add_edit (self, &edit);
}

static void
action_undo_edit (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  if (g_str_equal (name, "win.reset-edits"))
    synack_document_clear_edits (self->document);
  else
    synack_document_undo_edit (self->document);
}

static void
action_reset_parameters (GtkWidget *widget, const char *name, GVariant *param)
{
  synack_document_reset_params (SYNACK_WINDOW (widget)->document);
}

static void
action_dismiss_error (GtkWidget *widget, const char *name, GVariant *param)
{
  _synack_window_dismiss_error (SYNACK_WINDOW (widget));
}

static void
action_cancel_opening (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  _synack_window_cancel_opening (self);
  /* The window was opened on that file and has nothing else to show. */
  if (synack_document_get_base (self->document) == NULL)
    synack_window_load_lesson (self, SYNACK_DEFAULT_PRESET);
}

static void
action_close (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_lesson_chosen (SynackWindow *self, const char *name)
{
  synack_window_load_lesson (self, name);
}

static void
action_lessons (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  SynackLessonDialog *dialog = synack_lesson_dialog_new (GTK_WINDOW (self), synack_document_get_lesson (self->document));

  g_signal_connect_object (dialog, "lesson-chosen", G_CALLBACK (on_lesson_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
scenario_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("SynAck scenarios"));
  gtk_file_filter_add_pattern (filter, "*.synack");
  return filter;
}

static void
on_open_response (GtkNativeDialog *native, int response, SynackWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      synack_window_open_file (self, file);
    }
  g_object_unref (native);
}

static void
action_open (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = scenario_filter ();
  g_autoptr(GtkFileFilter) captures = _synack_window_capture_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open Scenario or Capture"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), captures);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_replay_capture (GtkWidget *widget, const char *name, GVariant *param)
{
  _synack_window_replay_capture (SYNACK_WINDOW (widget));
}

void
_synack_window_show_message (SynackWindow *self, const char *primary, const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_response (GtkNativeDialog *native, int response, SynackWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->run != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;

      if (!synack_window_save_to (self, file, &error))
        _synack_window_show_message (self, _("Could not save the scenario"), error->message);
    }
  g_object_unref (native);
}

static void
action_save (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = scenario_filter ();
  g_autofree char *suggested = NULL;

  if (self->run == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Save Scenario"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  suggested = g_strdup_printf ("%s.synack", synack_scenario_get_name (self->run->scenario));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_export (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  SynackExportDialog *dialog;

  if (self->run == NULL)
    return;
  _synack_window_stop_playing (self);
  dialog = synack_export_dialog_new (GTK_WINDOW (self), self->run, self->upto,
                                     self->presentation ? "projector" : synack_diagram_view_get_theme (self->diagram)->name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_leave_presentation (GtkWidget *widget, const char *name, GVariant *param)
{
  g_object_set (widget, "presentation", FALSE, NULL);
}

void
_synack_window_actions_update (SynackWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean edits = self->document != NULL && synack_document_get_n_edits (self->document) > 0;
  size_t n_events = self->run != NULL ? self->run->trace->n_events : 0;

  gtk_widget_action_set_enabled (widget, "win.undo-edit", edits);
  gtk_widget_action_set_enabled (widget, "win.reset-edits", edits);
  gtk_widget_action_set_enabled (widget, "win.replay-capture",
                                 self->document != NULL && synack_document_get_capture (self->document) != NULL);
  gtk_widget_action_set_enabled (widget, "win.step-back", self->upto >= 0);
  gtk_widget_action_set_enabled (widget, "win.go-start", self->upto >= 0);
  gtk_widget_action_set_enabled (widget, "win.step-forward", (size_t) (self->upto + 1) < n_events);
  gtk_widget_action_set_enabled (widget, "win.go-end", (size_t) (self->upto + 1) < n_events);
}

void
_synack_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play", NULL, action_play);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.go-start", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.go-end", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.faster", NULL, action_speed);
  gtk_widget_class_install_action (widget_class, "win.slower", NULL, action_speed);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.follow", NULL, action_follow);
  gtk_widget_class_install_action (widget_class, "win.lose-segment", "u", action_lose_segment);
  gtk_widget_class_install_action (widget_class, "win.what-if", "s", action_what_if);
  gtk_widget_class_install_action (widget_class, "win.undo-edit", NULL, action_undo_edit);
  gtk_widget_class_install_action (widget_class, "win.reset-edits", NULL, action_undo_edit);
  gtk_widget_class_install_action (widget_class, "win.reset-parameters", NULL, action_reset_parameters);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, action_dismiss_error);
  gtk_widget_class_install_action (widget_class, "win.cancel-opening", NULL, action_cancel_opening);
  gtk_widget_class_install_action (widget_class, "win.lessons", NULL, action_lessons);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.replay-capture", NULL, action_replay_capture);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, action_close);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, action_leave_presentation);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_property_action (widget_class, "win.theme", "theme-choice");
  gtk_widget_class_install_property_action (widget_class, "win.side-panel", "show-side-panel");
  gtk_widget_class_install_property_action (widget_class, "win.state-diagram", "show-states");
  gtk_widget_class_install_property_action (widget_class, "win.predict", "predict");
  gtk_widget_class_install_property_action (widget_class, "win.hide-future", "hide-future");
  gtk_widget_class_install_property_action (widget_class, "win.caption", "show-caption");
  gtk_widget_class_install_property_action (widget_class, "win.axis", "axis");
  gtk_widget_class_install_property_action (widget_class, "win.legend", "show-legend");
}
