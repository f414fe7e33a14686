/* synack-window.c: the main window: it observes a document, shows its runs and keeps the side panel on the cursor. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-legend.h"
#include "synack-window-private.h"

/* Runs that take longer than this show a progress overlay. */
#define BUSY_DELAY_MS 40

G_DEFINE_FINAL_TYPE (SynackWindow, synack_window, GTK_TYPE_APPLICATION_WINDOW)

static void set_selected (SynackWindow *self, long event, gboolean from_list);

/* --- Errors ------------------------------------------------------------ */

void
_synack_window_show_error (SynackWindow *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
_synack_window_dismiss_error (SynackWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* --- Running the document ------------------------------------------------ */

static gboolean
pulse_busy (gpointer data)
{
  SynackWindow *self = data;

  gtk_progress_bar_pulse (self->busy_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
show_busy (gpointer data)
{
  SynackWindow *self = data;

  self->busy_timeout_id = 0;
  gtk_widget_set_visible (self->busy_box, TRUE);
  gtk_spinner_start (self->busy_spinner);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_busy, self);
  return G_SOURCE_REMOVE;
}

void
_synack_window_hide_busy (SynackWindow *self)
{
  g_clear_handle_id (&self->busy_timeout_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_spinner_stop (self->busy_spinner);
  gtk_widget_set_visible (self->busy_box, FALSE);
}

/* Where the cursor goes in a new run: the same simulated time, and among
 * events at exactly that time, as many as were shown before. */
static long
cursor_in_new_run (SynackWindow *self, SynackRun *old, SynackRun *run)
{
  SynackTime t = self->cursor_t;
  long last = synack_run_event_at_time (run, t);
  long first_old, first_new;

  if (old == NULL || self->upto < 0 || self->progress > 0 ||
      old->trace->events[self->upto].t != t)
    return last;

  first_old = synack_run_event_at_time (old, t - 1) + 1;
  first_new = synack_run_event_at_time (run, t - 1) + 1;
  return MIN (last, first_new + (self->upto - first_old));
}

/* A what-if run is not the lesson as written: its title says so, as the
 * exports' do, and so does its summary, which tells the lesson's story. */
static void
show_run_title (SynackWindow *self)
{
  gboolean changed = synack_run_is_changed (self->run);
  g_autofree char *title = synack_export_lesson_title (synack_document_get_title (self->document), changed);

  if (title == NULL)
    return;
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->lesson_title_label, title);
  gtk_label_set_text (self->presentation_title_label, title);

  /* The summary tells the lesson as written; who holds TIME_WAIT is what
   * a changed close order or edit most often turns around. */
  gtk_widget_set_visible (GTK_WIDGET (self->run_note_label), changed);
  if (changed)
    {
      g_autofree char *holders = synack_describe_time_wait_holders (self->run->trace);
      g_autofree char *note = g_strdup_printf (_("This run is changed: the summary tells the lesson as written. %s"), holders);

      gtk_label_set_text (self->run_note_label, note);
    }
}

static void
install_run (SynackWindow *self, SynackRun *run, gboolean keep_time)
{
  SynackRun *old = self->run;
  const SynackTrace *trace = run->trace;
  long upto = keep_time ? cursor_in_new_run (self, old, run) : -1;

  self->syncing++;
  self->run = run;
  /* With a row selected, GtkSingleSelection would look for that row's item
   * among all the new ones, making every row of a long run. */
  gtk_single_selection_set_selected (self->event_selection, GTK_INVALID_LIST_POSITION);
  /* GtkColumnView takes a new model far faster than a big items-changed.
   * Off screen it gets none until shown: GTK 4.8 makes a couple of
   * hundred rows whatever the list's size, and making them again at every
   * run of a long trace held the window for a few hundred ms. */
  gtk_column_view_set_model (self->events_view, NULL);
  synack_event_list_set_trace (self->event_list, trace);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->events_view)))
    gtk_column_view_set_model (self->events_view, GTK_SELECTION_MODEL (self->event_selection));
  synack_diagram_view_set_census (self->diagram, run->summary->series);
  synack_diagram_view_set_trace_with_layout (self->diagram, trace, synack_run_take_layout (run),
                                             run->layout_theme, run->layout_text_scale);
  synack_state_view_set_run (self->state_view, run);
  synack_quiz_panel_set_run (self->quiz_panel, run);
  synack_playback_bar_set_range (self->playback_bar, upto, trace->n_events);
  self->syncing--;

  if (old != NULL)
    synack_run_unref (old);

  self->upto = upto;
  if (!keep_time)
    {
      self->cursor_t = 0;
      self->progress = 0;
    }
  else if (upto >= 0 && (size_t) upto + 1 < trace->n_events && trace->events[upto].t < self->cursor_t)
    {
      SynackTime t0 = trace->events[upto].t, t1 = trace->events[upto + 1].t;
      self->progress = t1 > t0 ? (double) (self->cursor_t - t0) / (double) (t1 - t0) : 0;
    }
  else
    self->progress = 0;

  self->selected = -2;
  if (!keep_time)
    _synack_window_give_diagram_room (self);
  show_run_title (self);
  _synack_window_lesson_set_run (self);
  _synack_window_scale_set_run (self);
  _synack_window_update_cursor (self, TRUE);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SynackWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SynackRun *run = synack_document_run_finish (SYNACK_DOCUMENT (source), result, &error);

  /* Superseded by a newer run, whose result follows, or the window closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running = FALSE;
  _synack_window_hide_busy (self);
  _synack_window_scale_run_ended (self);
  if (run == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The simulation could not run: %s"), error->message);
      _synack_window_show_error (self, msg);
      return;
    }
  install_run (self, run, self->keep_time);
}

void
_synack_window_rerun (SynackWindow *self, gboolean keep_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SynackScenario) probe = NULL;

  g_clear_handle_id (&self->rerun_idle_id, g_source_remove);
  if (synack_document_get_base (self->document) == NULL)
    return;

  /* A scenario that cannot be built is shown now, not after a worker. */
  probe = synack_document_build_scenario (self->document, &error);
  if (probe == NULL)
    {
      _synack_window_show_error (self, error->message);
      return;
    }
  _synack_window_dismiss_error (self);

  /* A run asked for while another is pending keeps the first one's wish to
   * stay at the cursor (a parameter change right after loading does not). */
  self->keep_time = self->running ? (self->keep_time && keep_time) : keep_time;
  self->running = TRUE;
  if (self->busy_timeout_id == 0 && !gtk_widget_get_visible (self->busy_box))
    self->busy_timeout_id = g_timeout_add (BUSY_DELAY_MS, show_busy, self);

  _synack_window_scale_run_started (self);
  synack_document_run_async (self->document,
                             synack_diagram_view_get_theme_name (self->diagram),
                             synack_diagram_view_get_text_scale (self->diagram),
                             self->cancellable, run_done, g_object_ref (self));
}

static gboolean
rerun_idle (gpointer data)
{
  SynackWindow *self = data;

  self->rerun_idle_id = 0;
  _synack_window_rerun (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* The document changed (a parameter, an edit): run it again once, however
 * many changes come in one go (a profile switch). */
static void
on_document_changed (SynackWindow *self)
{
  _synack_window_actions_update (self);
  if (self->rerun_idle_id == 0)
    self->rerun_idle_id = g_idle_add (rerun_idle, self);
}

/* The window shows this document from now on (taken). */
static void
set_document (SynackWindow *self, SynackDocument *document)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  self->document = document;
  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_document_changed), self);
  _synack_window_scale_watch_document (self);
  synack_parameters_page_set_document (self->parameters_page, self->document);
  synack_what_if_page_set_document (self->what_if_page, self->document);
}

/* --- The side panel ------------------------------------------------------ */

void
_synack_window_show_states (SynackWindow *self)
{
  const SynackTheme *theme = synack_diagram_view_get_theme (self->diagram);

  if (self->run == NULL)
    return;
  synack_host_panel_set_states (self->host_panel, self->run->trace, self->upto, theme, _synack_window_prefers_dark (self));
  _synack_window_caption_show_states (self, theme);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      if (GTK_IS_LIST_VIEW (c))
        return c;
      if ((found = find_list_view (c)) != NULL)
        return found;
    }
  return NULL;
}

/* The event list shown again: its rows, at the selected event. */
static void
on_events_view_map (SynackWindow *self)
{
  GtkWidget *list_view;
  guint selected;

  if (gtk_column_view_get_model (self->events_view) != NULL)
    return;
  gtk_column_view_set_model (self->events_view, GTK_SELECTION_MODEL (self->event_selection));
  selected = gtk_single_selection_get_selected (self->event_selection);
  if (selected != GTK_INVALID_LIST_POSITION && (list_view = find_list_view (GTK_WIDGET (self->events_view))) != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", selected);
}

static void
set_selected (SynackWindow *self, long event, gboolean from_list)
{
  g_autofree char *sentence = NULL;
  const SynackTrace *trace = self->run ? self->run->trace : NULL;

  if (event == self->selected)
    return;
  self->selected = event;
  synack_diagram_view_set_selected (self->diagram, event);
  synack_segment_details_set_event (self->segment_details, trace, event);

  if (trace != NULL && event >= 0 && (size_t) event < trace->n_events)
    sentence = synack_describe_sentence (trace, event);
  else
    sentence = g_strdup (_("Press Space to play, or → to go one event at a time."));
  gtk_label_set_text (self->explanation_label, sentence);
  gtk_label_set_text (self->caption_sentence_label, sentence);

  if (!from_list)
    {
      GtkWidget *list_view;

      self->syncing++;
      gtk_single_selection_set_selected (self->event_selection,
                                         event >= 0 ? (guint) event : GTK_INVALID_LIST_POSITION);
      self->syncing--;
      /* GtkColumnView has no scroll_to before 4.12; its list view does. */
      if (event >= 0 && gtk_column_view_get_model (self->events_view) != NULL &&
          (list_view = find_list_view (GTK_WIDGET (self->events_view))) != NULL)
        gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", (guint) event);
    }
}

static void
update_time_label (SynackWindow *self)
{
  const SynackTrace *trace = self->run->trace;
  g_autofree char *now = self->progress > 0 ? synack_describe_time (self->cursor_t, SYNACK_TIME_CLOCK)
                                              : synack_describe_time (self->cursor_t, SYNACK_TIME_EXACT);
  /* A run kept for none of its events still knows when it ended. */
  g_autofree char *end = synack_describe_time (trace->n_events ? trace->events[trace->n_events - 1].t : trace->end_time,
                                               SYNACK_TIME_EXACT);
  g_autofree char *text = g_strdup_printf ("%s / %s", now, end);

  synack_playback_bar_set_time (self->playback_bar, text);
  synack_what_if_page_set_time (self->what_if_page, now);
}

void
_synack_window_update_cursor (SynackWindow *self, gboolean moved)
{
  if (self->run == NULL)
    return;

  synack_diagram_view_set_cursor (self->diagram, self->upto, self->progress);
  synack_overview_strip_cursor_moved (self->overview_strip);
  synack_state_view_set_cursor (self->state_view, self->upto);
  update_time_label (self);
  synack_host_panel_set_timers (self->host_panel, self->run->trace, self->upto, self->cursor_t);

  if (!moved)
    {
      _synack_window_scale_cursor_moved (self);
      return;
    }

  self->syncing++;
  synack_event_list_set_last (self->event_list, self->hide_future ? self->upto : SYNACK_EVENT_LIST_ALL);
  self->syncing--;
  synack_playback_bar_set_position (self->playback_bar, self->upto);
  _synack_window_show_states (self);
  set_selected (self, self->upto, FALSE);
  _synack_window_lesson_update (self);
  _synack_window_actions_update (self);
  _synack_window_scale_cursor_moved (self);
}

static void
on_event_selected (SynackWindow *self)
{
  guint pos;

  if (self->syncing > 0 || self->run == NULL)
    return;
  pos = gtk_single_selection_get_selected (self->event_selection);
  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  _synack_window_stop_playing (self);
  set_selected (self, pos, TRUE);
  _synack_window_jump_to (self, pos);
}

/* A click on a segment takes the whole window there: the clock, the host
 * cards and the caption follow, not only the list. */
static void
on_diagram_event_clicked (SynackWindow *self, long event)
{
  if (self->run == NULL)
    return;
  _synack_window_stop_playing (self);
  _synack_window_jump_to (self, event);
}

static void
on_follow_changed (SynackWindow *self)
{
  gtk_widget_set_visible (self->follow_button, !synack_diagram_view_get_follow (self->diagram));
}

static void
on_seek (SynackWindow *self, long event)
{
  if (self->run != NULL && (event != self->upto || self->progress > 0))
    _synack_window_jump_to (self, event);
}

static void
on_speed_changed (SynackWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "speed", synack_playback_bar_get_speed (self->playback_bar));
}

static void
on_page_error (SynackWindow *self, const char *message)
{
  _synack_window_show_error (self, message);
}

/* --- Loading ------------------------------------------------------------- */

/* A new lesson or file is in the document: its titles, and a fresh run. */
void
_synack_window_show_loaded (SynackWindow *self)
{
  GFile *file = synack_document_get_file (self->document);
  const SynackCapture *capture = synack_document_get_capture (self->document);
  const char *title = synack_document_get_title (self->document);

  g_clear_handle_id (&self->rerun_idle_id, g_source_remove);
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (capture != NULL)
    {
      g_autofree char *text = _synack_window_capture_summary (capture);
      gtk_label_set_text (self->subtitle_label, text);
    }
  else if (file != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (file);
      gtk_label_set_text (self->subtitle_label, path);
    }
  else
    gtk_label_set_text (self->subtitle_label, _("Lesson"));
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);

  gtk_label_set_text (self->lesson_title_label, title);
  gtk_label_set_text (self->presentation_title_label, title);
  _synack_window_show_lesson_text (self);
  _synack_window_rerun (self, FALSE);
}

gboolean
synack_window_load_lesson (SynackWindow *self, const char *name)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SYNACK_IS_WINDOW (self), FALSE);

  _synack_window_stop_playing (self);
  if (!synack_document_load_preset (self->document, name, &error) &&
      g_strcmp0 (name, SYNACK_DEFAULT_PRESET) != 0)
    {
      /* A lesson remembered from another version may be gone. */
      g_clear_error (&error);
      name = SYNACK_DEFAULT_PRESET;
      synack_document_load_preset (self->document, name, &error);
    }
  if (error != NULL)
    {
      _synack_window_show_error (self, error->message);
      return FALSE;
    }
  _synack_window_show_loaded (self);
  g_settings_set_string (self->settings, "last-lesson", name);
  return TRUE;
}

/* Says why, and keeps a window that had nothing showing something. */
void
_synack_window_open_failed (SynackWindow *self, GFile *file, const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

  _synack_window_show_message (self, primary, error->message);
  if (synack_document_get_base (self->document) == NULL)
    synack_window_load_lesson (self, SYNACK_DEFAULT_PRESET);
}

gboolean
synack_window_save_to (SynackWindow *self, GFile *file, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SYNACK_IS_WINDOW (self), FALSE);

  if (self->run == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Nothing has been run yet"));
      return FALSE;
    }
  /* The scenario as it ran: lesson, changed parameters and what-if edits.
   * g_file_replace_contents writes a temporary file and renames it. */
  text = synack_scenario_to_text (self->run->scenario);
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

SynackDocument *
synack_window_get_document (SynackWindow *self)
{
  return self->document;
}

SynackRun *
synack_window_get_run (SynackWindow *self)
{
  return self->run;
}

/* A what-if edit, from the What If page or the diagram's menu; the run follows. */
gboolean
_synack_window_add_edit (SynackWindow *self, const SynackEdit *edit)
{
  g_autoptr(GError) error = NULL;

  if (self->run == NULL)
    return FALSE;
  if (!synack_document_add_edit (self->document, edit, &error))
    {
      _synack_window_show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* --- Language switch ------------------------------------------------------ */

/* Templates are translated once, when they are built; so a language switch
 * builds a new window, which takes over everything the old one shows. */
void
synack_window_take_over (SynackWindow *self, SynackWindow *old)
{
  int width, height;

  g_return_if_fail (SYNACK_IS_WINDOW (self) && SYNACK_IS_WINDOW (old));

  gtk_window_get_default_size (GTK_WINDOW (old), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (old)))
    gtk_window_maximize (GTK_WINDOW (self));
  g_object_set (self, "theme-choice", old->theme_choice, "show-side-panel", old->show_side_panel,
                "show-states", old->show_states, NULL);
  synack_playback_bar_set_speed (self->playback_bar, synack_playback_bar_get_speed (old->playback_bar));
  if (synack_document_get_base (old->document) == NULL)
    return;

  set_document (self, synack_document_copy (old->document));
  _synack_window_show_loaded (self);
  /* The old run stands in as this window's previous one, so the new run
   * (the same trace) puts the cursor on exactly the same event. */
  if (old->run != NULL)
    {
      g_clear_pointer (&self->run, synack_run_unref);
      self->run = synack_run_ref (old->run);
      self->upto = old->upto;
      self->progress = old->progress;
      self->cursor_t = old->cursor_t;
    }
  self->keep_time = TRUE;  /* over the first run, still pending */
  _synack_window_set_presentation (self, old->presentation);
}

/* --- GObject ------------------------------------------------------------- */

/* The side panel's tabs may shorten their names ("Parame…") rather than
 * hold the panel wider than the diagram can spare: at 1366 px the
 * diagram needs the width more than the tabs do. */
static void
let_side_tabs_shrink (SynackWindow *self)
{
  for (GtkWidget *tab = gtk_widget_get_first_child (self->side_switcher); tab != NULL; tab = gtk_widget_get_next_sibling (tab))
    {
      GtkWidget *label = GTK_IS_BUTTON (tab) ? gtk_button_get_child (GTK_BUTTON (tab)) : NULL;

      if (GTK_IS_LABEL (label))
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
}

static gboolean
synack_window_close_request (GtkWindow *window)
{
  SynackWindow *self = SYNACK_WINDOW (window);
  int width, height;

  _synack_window_stop_playing (self);
  if (!self->presentation)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (synack_window_parent_class)->close_request (window);
}

static void
synack_window_dispose (GObject *object)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  _synack_window_stop_playing (self);
  _synack_window_hide_busy (self);
  _synack_window_cancel_opening (self);
  g_clear_handle_id (&self->rerun_idle_id, g_source_remove);
  g_clear_handle_id (&self->theme_idle_id, g_source_remove);
  g_clear_handle_id (&self->room_idle_id, g_source_remove);
  /* A run still in its worker stops and is dropped. */
  g_cancellable_cancel (self->cancellable);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  if (self->event_list != NULL)
    synack_event_list_set_trace (self->event_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SYNACK_TYPE_WINDOW);

  g_clear_object (&self->event_selection);
  g_clear_object (&self->event_list);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  if (self->presentation_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->presentation_css));
  g_clear_object (&self->presentation_css);
  G_OBJECT_CLASS (synack_window_parent_class)->dispose (object);
}

static void
synack_window_finalize (GObject *object)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  g_clear_pointer (&self->run, synack_run_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->theme_choice, g_free);
  _synack_window_lesson_finalize (self);
  G_OBJECT_CLASS (synack_window_parent_class)->finalize (object);
}

/* What needs the application; GtkWindow sets it only after construction. */
static void
attach_to_application (SynackWindow *self, SynackApplication *app)
{
  self->settings = g_object_ref (synack_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* Most of the width for the diagram, whose labels shrink with it. */
  gtk_paned_set_position (self->paned, MAX (480, g_settings_get_int (self->settings, "window-width") - 480));
  synack_playback_bar_set_speed (self->playback_bar, g_settings_get_double (self->settings, "speed"));
  g_settings_bind (self->settings, "theme", self, "theme-choice", G_SETTINGS_BIND_DEFAULT);
  /* Shown until dismissed once, on this machine. */
  g_settings_bind (self->settings, "show-legend", self, "show-legend", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (app, "notify::system-dark", G_CALLBACK (_synack_window_apply_theme), self, G_CONNECT_SWAPPED);
  _synack_window_apply_theme (self);

  synack_application_add_window_shortcuts (app, GTK_WIDGET (self));
  synack_application_add_window_shortcuts (app, GTK_WIDGET (self->diagram));
}

static void
synack_window_class_init (SynackWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = synack_window_dispose;
  object_class->finalize = synack_window_finalize;
  window_class->close_request = synack_window_close_request;
  _synack_window_class_properties_init (object_class);

  g_type_ensure (SYNACK_TYPE_DIAGRAM_VIEW);
  g_type_ensure (SYNACK_TYPE_OVERVIEW_STRIP);
  g_type_ensure (SYNACK_TYPE_SCALE_VIEW);
  g_type_ensure (SYNACK_TYPE_EVENT_ROW);
  g_type_ensure (SYNACK_TYPE_PLAYBACK_BAR);
  g_type_ensure (SYNACK_TYPE_HOST_PANEL);
  g_type_ensure (SYNACK_TYPE_SEGMENT_DETAILS);
  g_type_ensure (SYNACK_TYPE_PARAMETERS_PAGE);
  g_type_ensure (SYNACK_TYPE_WHAT_IF_PAGE);
  g_type_ensure (SYNACK_TYPE_STATE_VIEW);
  g_type_ensure (SYNACK_TYPE_QUIZ_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, overview_strip);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, views_paned);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, state_view);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, quiz_panel);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_bar);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_detail_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, diagram_stack);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, scale_view);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, window_bar);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, window_bar_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, opening_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, opening_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, follow_button);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, caption_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, client_caption_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, server_caption_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, caption_sentence_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, playback_bar);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, lesson_title_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, run_note_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, lesson_summary_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, watch_heading_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, watch_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, presentation_header);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, presentation_title_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, presentation_watch_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, host_panel);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, side_switcher);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, events_view);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, segment_details);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, parameters_page);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, what_if_page);

  _synack_window_class_actions_init (widget_class);
}

static void
synack_window_init (SynackWindow *self)
{
  /* The property actions read these while the template is built. */
  self->theme_choice = g_strdup ("system");
  self->show_side_panel = TRUE;
  self->show_caption = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  _synack_window_scale_init (self);

  self->upto = -1;
  self->selected = -2;
  self->cancellable = g_cancellable_new ();
  set_document (self, synack_document_new ());
  g_signal_connect_swapped (self->parameters_page, "error", G_CALLBACK (on_page_error), self);

  self->event_list = synack_event_list_new ();
  self->event_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->event_list)));
  gtk_single_selection_set_autoselect (self->event_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->event_selection, TRUE);
  gtk_column_view_set_model (self->events_view, GTK_SELECTION_MODEL (self->event_selection));
  g_signal_connect_swapped (self->events_view, "map", G_CALLBACK (on_events_view_map), self);
  g_signal_connect_swapped (self->event_selection, "notify::selected", G_CALLBACK (on_event_selected), self);

  g_signal_connect_swapped (self->playback_bar, "seek", G_CALLBACK (on_seek), self);
  g_signal_connect_swapped (self->playback_bar, "notify::speed", G_CALLBACK (on_speed_changed), self);
  g_signal_connect_swapped (self->diagram, "event-clicked", G_CALLBACK (on_diagram_event_clicked), self);
  g_signal_connect_swapped (self->diagram, "notify::follow", G_CALLBACK (on_follow_changed), self);

  self->legend = synack_legend_new ();
  gtk_box_insert_child_after (GTK_BOX (self->legend_box), self->legend, gtk_widget_get_first_child (self->legend_box));
  _synack_window_presentation_init (self);
  _synack_window_states_init (self);
  _synack_window_lesson_init (self);
  let_side_tabs_shrink (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);
  _synack_window_actions_update (self);
  gtk_label_set_text (self->explanation_label, _("Press Space to play, or → to go one event at a time."));
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
}

SynackWindow *
synack_window_new (SynackApplication *app)
{
  SynackWindow *self = g_object_new (SYNACK_TYPE_WINDOW, "application", app, NULL);

  attach_to_application (self, app);
  return self;
}
