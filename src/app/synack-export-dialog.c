/* synack-export-dialog.c: export the diagram as PNG, SVG or PDF with the CLI's own export code. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-capture.h"
#include "synack-export-dialog.h"
#include "synack-toast.h"

struct _SynackExportDialog
{
  GtkWindow parent_instance;

  GtkDropDown    *format_dropdown;
  GtkCheckButton *whole_run_check;
  GtkCheckButton *upto_cursor_check;
  GtkCheckButton *scale_check;
  GtkSpinButton  *scale_spin;
  GtkCheckButton *width_check;
  GtkSpinButton  *width_spin;
  GtkDropDown    *theme_dropdown;
  GtkEntry       *title_entry;
  GtkCheckButton *per_step_check;
  GtkCheckButton *per_segment_check;
  GtkCheckButton *census_check;
  GtkCheckButton *strips_check;
  GtkDropDown    *page_dropdown;
  GtkWidget      *status_box;
  GtkSpinner     *spinner;
  GtkProgressBar *progress_bar;
  GtkWidget      *export_button;

  SynackRun      *run;
  long            cursor;
  char           *last_path;
  GtkWidget      *error_dialog;
  gboolean        exporting;
  GCancellable   *cancellable;       /* the export under way's */
  gboolean        close_when_done;   /* closing was asked for while exporting */
  int             progress_permille; /* atomic: written by the export's thread */
  guint           progress_id;
};

G_DEFINE_FINAL_TYPE (SynackExportDialog, synack_export_dialog, GTK_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The format dropdown's rows, in order, with the file chooser's filter for
 * each (its name and MIME type, if there is one); AUTO stands for the
 * capture. */
static const struct {
  const char        *extension;
  SynackExportFormat format;
  const char        *filter_name;
  const char        *mime;
} formats[] = {
  { ".png", SYNACK_EXPORT_FORMAT_PNG, N_("PNG images"), "image/png" },
  { ".svg", SYNACK_EXPORT_FORMAT_SVG, N_("SVG drawings"), "image/svg+xml" },
  { ".pdf", SYNACK_EXPORT_FORMAT_PDF, N_("PDF documents"), "application/pdf" },
  { ".gif", SYNACK_EXPORT_FORMAT_GIF, N_("Animated GIF"), "image/gif" },
  { ".html", SYNACK_EXPORT_FORMAT_HTML, N_("Web page (steps through the run)"), "text/html" },
  { ".msc", SYNACK_EXPORT_FORMAT_MSC, N_("mscgen source"), NULL },
  { ".puml", SYNACK_EXPORT_FORMAT_PUML, N_("PlantUML source"), NULL },
  { ".tex", SYNACK_EXPORT_FORMAT_TEX, N_("LaTeX document (TikZ)"), "text/x-tex" },
  { ".pcapng", SYNACK_EXPORT_FORMAT_AUTO, N_("Wireshark capture (pcapng)"), "application/x-pcapng" },
};

static guint
selected_format (SynackExportDialog *self)
{
  return MIN (gtk_drop_down_get_selected (self->format_dropdown), G_N_ELEMENTS (formats) - 1);
}

/* Everything one export needs, owned, so it can run in a thread. */
typedef struct {
  SynackRun          *run;
  SynackExportOptions options;
  char               *theme;
  char               *title;
  char               *path;
  gboolean            capture;   /* a pcapng of the run rather than a picture */
  gboolean            strips;    /* the strip view and census, from the run's summary */
  GCancellable       *cancellable;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->run, synack_run_unref);
  g_free (job->theme);
  g_free (job->title);
  g_free (job->path);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* In the export's thread; the dialog lives as long as that task. */
static void
export_progress (double done, gpointer data)
{
  SynackExportDialog *self = data;

  g_atomic_int_set (&self->progress_permille, (int) (done * 1000));
}

static ExportJob *
make_job (SynackExportDialog *self, const char *path)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  const char *const *themes = synack_theme_names ();
  guint format = selected_format (self);
  guint theme = gtk_drop_down_get_selected (self->theme_dropdown);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  job->run = synack_run_ref (self->run);
  job->path = g_strdup (path);
  job->cancellable = g_object_ref (self->cancellable);
  job->theme = g_strdup (themes[MIN (theme, g_strv_length ((char **) themes) - 1)]);
  job->title = title && *title ? g_strdup (title) : NULL;

  synack_export_options_init (&job->options);
  job->options.format = formats[format].format;
  job->capture = formats[format].format == SYNACK_EXPORT_FORMAT_AUTO;
  job->options.theme = job->theme;
  job->options.title = job->title;
  job->options.cancellable = job->cancellable;
  job->options.progress = export_progress;
  job->options.progress_data = self;
  /* The scenario outlives the job: the job holds the run. */
  job->options.summary = synack_scenario_get_summary (self->run->scenario);
  job->options.watch = synack_scenario_get_watch (self->run->scenario);
  job->options.upto = gtk_check_button_get_active (self->upto_cursor_check) ? self->cursor : SYNACK_DIAGRAM_ALL;
  job->options.per_step = gtk_check_button_get_active (self->per_step_check);
  job->options.per_segment = gtk_check_button_get_active (self->per_segment_check);
  job->options.census = gtk_check_button_get_active (self->census_check);
  /* A run kept for none of its events has nothing but its strips to draw. */
  job->strips = gtk_check_button_get_active (self->strips_check) ||
                (self->run->summarized && self->run->window_first == 0);
  /* The list in the .ui file is in SynackPageSize's order. */
  job->options.page = MIN (gtk_drop_down_get_selected (self->page_dropdown), SYNACK_N_PAGE_SIZES - 1);
  if (gtk_check_button_get_active (self->width_check))
    {
      job->options.width = gtk_spin_button_get_value_as_int (self->width_spin);
      job->options.scale = 0;
    }
  else
    {
      job->options.width = 0;
      job->options.scale = gtk_spin_button_get_value (self->scale_spin);
    }
  return job;
}

static void
export_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (job->capture ? synack_pcapng_write_file (job->run->trace, synack_scenario_get_title (job->run->scenario),
                                               job->path, &error)
      : job->strips ? synack_export_scale_file (job->run->summary->grid, job->run->summary->series, &job->options,
                                                job->path, &error)
                    : synack_export_file (job->run->trace, &job->options, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
show_progress (gpointer data)
{
  SynackExportDialog *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_exporting (SynackExportDialog *self, gboolean exporting)
{
  self->exporting = exporting;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (exporting)
    self->progress_id = g_timeout_add (100, show_progress, self);
  gtk_widget_set_visible (self->status_box, exporting);
  if (exporting)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", exporting);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SynackExportDialog) self = SYNACK_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  /* Disposed meanwhile (the application quit): nobody to tell. */
  if (self->status_box == NULL)
    return;
  set_exporting (self, FALSE);
  g_clear_object (&self->cancellable);
  /* Stopped on purpose: nothing was written and nothing is wrong. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, FALSE, error->message);
      if (self->close_when_done)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (error != NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->last_path);
      g_autofree char *primary = g_strdup_printf (_("Could not export “%s”"), name);
      GtkWidget *dialog;

      dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      g_set_weak_pointer (&self->error_dialog, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, FALSE, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, TRUE, NULL);
  {
    GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
    g_autofree char *name = g_filename_display_basename (self->last_path);
    g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);
    g_autoptr(GFile) file = g_file_new_for_path (self->last_path);

    /* Numbered PNGs have no one file to open. */
    if (parent != NULL)
      synack_toast_show (parent, message, g_file_query_exists (file, NULL) ? file : NULL);
  }
  gtk_window_close (GTK_WINDOW (self));
}

void
synack_export_dialog_export_to (SynackExportDialog *self, GFile *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = g_file_get_path (file);
  guint format = selected_format (self);
  ExportJob *job;

  g_return_if_fail (SYNACK_IS_EXPORT_DIALOG (self));

  if (path == NULL)
    path = g_file_get_parse_name (file);
  if (!g_str_has_suffix (path, formats[format].extension))
    {
      char *with = g_strconcat (path, formats[format].extension, NULL);
      g_free (path);
      path = with;
    }
  g_free (self->last_path);
  self->last_path = g_strdup (path);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->close_when_done = FALSE;
  job = make_job (self, path);
  set_exporting (self, TRUE);
  task = g_task_new (self, NULL, export_done, g_object_ref (self));
  g_task_set_source_tag (task, synack_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
on_chooser_response (GtkNativeDialog *native, int response, SynackExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      synack_export_dialog_export_to (self, file);
    }
  g_object_unref (native);
}

static void
action_choose_file (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackExportDialog *self = SYNACK_EXPORT_DIALOG (widget);
  guint format = selected_format (self);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  g_autofree char *pattern = g_strconcat ("*", formats[format].extension, NULL);

  native = gtk_file_chooser_native_new (_("Export Diagram"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  if (formats[format].mime != NULL)
    gtk_file_filter_add_mime_type (filter, formats[format].mime);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, _(formats[format].filter_name));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  suggested = g_strdup_printf ("%s%s", synack_scenario_get_name (self->run->scenario), formats[format].extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Cancel stops the export and keeps the dialog open for another try. */
static void
action_cancel (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackExportDialog *self = SYNACK_EXPORT_DIALOG (widget);

  if (self->exporting)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
synack_export_dialog_close_request (GtkWindow *window)
{
  SynackExportDialog *self = SYNACK_EXPORT_DIALOG (window);

  /* Closing stops the export; the window goes once its thread has come
   * back and dropped what it had written. */
  if (self->exporting)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (synack_export_dialog_parent_class)->close_request (window);
}

/* Destroyed (the application quits, its parent closes): gtk_window_destroy
 * unrealizes the dialog, but its export's thread still holds it, so
 * dispose would only come once the export had run to the end. */
static void
synack_export_dialog_unrealize (GtkWidget *widget)
{
  SynackExportDialog *self = SYNACK_EXPORT_DIALOG (widget);

  if (self->exporting)
    g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (synack_export_dialog_parent_class)->unrealize (widget);
}

static void
synack_export_dialog_dispose (GObject *object)
{
  SynackExportDialog *self = SYNACK_EXPORT_DIALOG (object);

  g_clear_weak_pointer (&self->error_dialog);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SYNACK_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (synack_export_dialog_parent_class)->dispose (object);
}

static void
synack_export_dialog_finalize (GObject *object)
{
  SynackExportDialog *self = SYNACK_EXPORT_DIALOG (object);

  g_clear_pointer (&self->run, synack_run_unref);
  g_clear_pointer (&self->last_path, g_free);
  G_OBJECT_CLASS (synack_export_dialog_parent_class)->finalize (object);
}

static void
synack_export_dialog_class_init (SynackExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = synack_export_dialog_dispose;
  object_class->finalize = synack_export_dialog_finalize;
  window_class->close_request = synack_export_dialog_close_request;
  widget_class->unrealize = synack_export_dialog_unrealize;

  /* (success, error message or NULL) */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, whole_run_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, upto_cursor_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, scale_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, width_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, per_step_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, per_segment_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, census_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, strips_check);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, page_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, status_box);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SynackExportDialog, export_button);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, action_choose_file);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, action_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
synack_export_dialog_init (SynackExportDialog *self)
{
  const char *const *themes = synack_theme_names ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; themes[i] != NULL; i++)
    gtk_string_list_append (names, synack_theme_get_display_name (themes[i]));
  gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (names));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
}

SynackExportDialog *
synack_export_dialog_new (GtkWindow *parent, SynackRun *run, long cursor, const char *theme)
{
  SynackExportDialog *self = g_object_new (SYNACK_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  const char *const *themes = synack_theme_names ();
  const char *title = synack_scenario_get_title (run->scenario);

  self->run = synack_run_ref (run);
  self->cursor = cursor;
  for (guint i = 0; themes[i] != NULL; i++)
    if (g_strcmp0 (themes[i], theme) == 0)
      gtk_drop_down_set_selected (self->theme_dropdown, i);
  if (title != NULL)
    {
      g_autofree char *marked = synack_export_lesson_title (title, synack_run_is_changed (run));
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), marked);
    }
  /* Up to the cursor only means something once the cursor is inside the run. */
  if (cursor < 0 || (size_t) cursor + 1 >= run->trace->n_events)
    gtk_widget_set_sensitive (GTK_WIDGET (self->upto_cursor_check), cursor >= 0);
  else
    gtk_check_button_set_active (self->upto_cursor_check, TRUE);
  return self;
}

const char *
synack_export_dialog_get_last_path (SynackExportDialog *self)
{
  return self->last_path;
}

GtkWidget *
synack_export_dialog_get_error_dialog (SynackExportDialog *self)
{
  return self->error_dialog;
}

void
synack_export_dialog_set_format (SynackExportDialog *self, SynackExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format && format != SYNACK_EXPORT_FORMAT_AUTO)
      gtk_drop_down_set_selected (self->format_dropdown, i);
}

void
synack_export_dialog_set_extension (SynackExportDialog *self, const char *extension)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i].extension, extension) == 0)
      gtk_drop_down_set_selected (self->format_dropdown, i);
}

void
synack_export_dialog_set_per_step (SynackExportDialog *self, gboolean per_step)
{
  gtk_check_button_set_active (self->per_step_check, per_step);
}

void
synack_export_dialog_set_upto_cursor (SynackExportDialog *self, gboolean upto_cursor)
{
  gtk_check_button_set_active (upto_cursor ? self->upto_cursor_check : self->whole_run_check, TRUE);
}
