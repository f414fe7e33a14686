/* synack-window.c: the main window: diagram, playback, side panel, parameters and what-if edits. */
#include "synack-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "synack-diagram-view.h"
#include "synack-event-row.h"
#include "synack-explain.h"
#include "synack-export-dialog.h"
#include "synack-lesson-dialog.h"
#include "synack-window.h"
#include "synack-window-capture.h"

/* Runs that take longer than this show a progress overlay. */
#define BUSY_DELAY_MS 40
/* "Event by event" playback: how long each event stays before the next. */
#define EVENT_PAUSE_S 0.8

static const double speeds[] = { 0, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100 };

struct _SynackWindow
{
  GtkApplicationWindow parent_instance;

  /* Template widgets */
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkToggleButton   *presentation_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkPaned          *paned;
  GtkScrolledWindow *diagram_scroller;
  SynackDiagramView *diagram;
  GtkWidget         *busy_box;
  GtkSpinner        *busy_spinner;
  GtkProgressBar    *busy_bar;
  GtkWidget         *follow_button;
  GtkWidget         *caption_box;
  GtkLabel          *client_caption_label;
  GtkLabel          *server_caption_label;
  GtkLabel          *caption_sentence_label;
  GtkWidget         *playback_bar;
  GtkButton         *play_button;
  GtkScale          *scrubber;
  GtkAdjustment     *scrub_adjustment;
  GtkLabel          *time_label;
  GtkDropDown       *speed_dropdown;
  GtkWidget         *side_panel;
  GtkLabel          *lesson_title_label;
  GtkLabel          *lesson_summary_label;
  GtkLabel          *client_state_label;
  GtkLabel          *server_state_label;
  GtkLabel          *client_timers_label;
  GtkLabel          *server_timers_label;
  GtkLabel          *explanation_label;
  GtkStack          *side_stack;
  GtkColumnView     *events_view;
  GtkGrid           *details_grid;
  GtkSpinButton     *loss_c2s_spin;
  GtkSpinButton     *loss_s2c_spin;
  GtkSpinButton     *delay_c2s_spin;
  GtkSpinButton     *delay_s2c_spin;
  GtkSpinButton     *msl_spin;
  GtkSpinButton     *rto_spin;
  GtkSpinButton     *syn_retries_spin;
  GtkSpinButton     *synack_retries_spin;
  GtkSpinButton     *delayed_ack_spin;
  GtkDropDown       *profile_dropdown;
  GtkSpinButton     *seed_spin;
  GtkDropDown       *close_first_dropdown;
  GtkSpinButton     *close_at_spin;
  GtkLabel          *whatif_time_label;
  GtkSpinButton     *send_bytes_spin;
  GtkLabel          *edits_label;

  GSettings          *settings;

  /* What is being simulated */
  SynackScenario     *base;         /* the lesson or file as loaded */
  SynackCapture      *capture;      /* an opened capture, shown as it is: no what-if */
  char               *lesson;       /* preset name, or NULL for a file */
  GFile              *file;
  GHashTable         *overrides;    /* parameter key -> value, from the Parameters page */
  GPtrArray          *edits;        /* what-if lines, in the order they were made */
  SynackRun          *run;

  /* Running it */
  guint               generation;
  gboolean            busy;
  gboolean            keep_time;
  guint               busy_timeout_id;
  guint               pulse_id;
  guint               rerun_idle_id;

  /* The cursor */
  long                upto;
  double              progress;
  SynackTime          cursor_t;
  long                selected;
  gboolean            playing;
  guint               tick_id;
  gint64              last_frame_us;
  double              speed;         /* 0: event by event */

  SynackEventList    *event_list;
  GtkSingleSelection *event_selection;

  gboolean            presentation;
  gboolean            show_side_panel;
  char               *theme_choice;
  guint               syncing;       /* > 0 while we update widgets ourselves */
};

G_DEFINE_FINAL_TYPE (SynackWindow, synack_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PRESENTATION,
  PROP_THEME_CHOICE,
  PROP_PLAYING,
  PROP_SHOW_SIDE_PANEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rerun (SynackWindow *self, gboolean keep_time);
static void update_cursor (SynackWindow *self, gboolean moved);
static void set_selected (SynackWindow *self, long event, gboolean from_list);
static void apply_theme (SynackWindow *self);
static gboolean prefers_dark (SynackWindow *self);

/* --- Errors ------------------------------------------------------------ */

static void
show_error (SynackWindow *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
dismiss_error (SynackWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

/* --- Building and running the scenario ---------------------------------- */

static gboolean
line_is_close (const char *line, const char *host)
{
  g_autofree char *pattern = g_strdup_printf ("^\\s*(at\\s+\\S+|when\\s+[^:#]*:)\\s*%s\\s+close\\b", host);
  return g_regex_match_simple (pattern, line, G_REGEX_CASELESS, 0);
}

/* "Closes first" replaces the lesson's own close() calls: the file syntax has
 * no way to remove an action, so the lines are commented out in the text. */
static SynackScenario *
build_closing (SynackWindow *self, GError **error)
{
  guint choice = gtk_drop_down_get_selected (self->close_first_dropdown);
  SynackTime at = (SynackTime) llround (gtk_spin_button_get_value (self->close_at_spin) * 1e6);
  g_autofree char *text = NULL;
  g_autofree char *when = synack_describe_time (at, SYNACK_TIME_SCENARIO);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (choice == 0 || choice == GTK_INVALID_LIST_POSITION)
    return synack_scenario_copy (self->base);

  text = synack_scenario_to_text (self->base);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (line_is_close (lines[i], "client") || line_is_close (lines[i], "server"))
        g_string_append (out, "# replaced by \"Closes first\": ");
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }

  switch (choice)
    {
    case 1:
      g_string_append_printf (out, "at %s client close\nwhen server eof +100ms: server close\n", when);
      break;
    case 2:
      g_string_append_printf (out, "at %s server close\nwhen client eof +100ms: client close\n", when);
      break;
    default:
      g_string_append_printf (out, "at %s client close\nat %s server close\n", when, when);
      break;
    }
  return synack_scenario_parse (out->str, synack_scenario_get_name (self->base), error);
}

static SynackScenario *
build_scenario (SynackWindow *self, GError **error)
{
  g_autoptr(SynackScenario) scenario = NULL;
  g_autoptr(GList) keys = NULL;

  if (self->base == NULL)
    return NULL;
  scenario = build_closing (self, error);
  if (scenario == NULL)
    return NULL;

  /* "profile" first: it resets every default the others then change. */
  if (g_hash_table_contains (self->overrides, "profile") &&
      !synack_scenario_set_param (scenario, "profile", g_hash_table_lookup (self->overrides, "profile"), error))
    return NULL;
  keys = g_hash_table_get_keys (self->overrides);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (g_str_equal (l->data, "profile"))
        continue;
      if (!synack_scenario_set_param (scenario, l->data, g_hash_table_lookup (self->overrides, l->data), error))
        return NULL;
    }
  for (guint i = 0; i < self->edits->len; i++)
    if (!synack_scenario_append_line (scenario, g_ptr_array_index (self->edits, i), error))
      return NULL;
  return g_steal_pointer (&scenario);
}

/* What a worker thread needs, and what it hands back: the run and, because
 * laying out a long trace takes as long as running it, its diagram. */
typedef struct {
  SynackScenario      *scenario;
  char                *theme;
  double               text_scale;
} RunJob;

typedef struct {
  SynackRun           *run;
  SynackDiagramLayout *layout;
  char                *theme;
  double               text_scale;
} RunResult;

static void
run_job_free (RunJob *job)
{
  g_clear_pointer (&job->scenario, synack_scenario_free);
  g_free (job->theme);
  g_free (job);
}

static void
run_result_free (RunResult *result)
{
  g_clear_pointer (&result->layout, synack_diagram_layout_free);
  g_clear_pointer (&result->run, synack_run_unref);
  g_free (result->theme);
  g_free (result);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunJob *job = task_data;
  g_autoptr(GError) error = NULL;
  SynackRunStats stats = { 0 };
  gint64 start = g_get_monotonic_time ();
  SynackTrace *trace = synack_scenario_run (job->scenario, &stats, &error);
  RunResult *result;

  if (trace == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (RunResult, 1);
  result->run = synack_run_new (synack_scenario_copy (job->scenario), trace);
  result->run->stats = stats;
  result->run->elapsed_us = g_get_monotonic_time () - start;
  result->theme = g_strdup (job->theme);
  result->text_scale = job->text_scale;
  result->layout = synack_diagram_view_make_layout (trace, job->theme, job->text_scale);
  g_task_return_pointer (task, result, (GDestroyNotify) run_result_free);
}

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

static void
hide_busy (SynackWindow *self)
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

static void
install_run (SynackWindow *self, RunResult *result, gboolean keep_time)
{
  SynackRun *run = g_steal_pointer (&result->run);
  SynackRun *old = self->run;
  long upto = -1;
  const SynackTrace *trace = run->trace;

  if (keep_time)
    upto = cursor_in_new_run (self, old, run);

  self->syncing++;
  self->run = run;
  /* With a row selected, GtkSingleSelection would look for that row's item
   * among all the new ones, making every row of a long run. */
  gtk_single_selection_set_selected (self->event_selection, GTK_INVALID_LIST_POSITION);
  /* GtkColumnView takes a new model far faster than a big items-changed. */
  gtk_column_view_set_model (self->events_view, NULL);
  synack_event_list_set_trace (self->event_list, trace);
  gtk_column_view_set_model (self->events_view, GTK_SELECTION_MODEL (self->event_selection));
  synack_diagram_view_set_trace_with_layout (self->diagram, trace, g_steal_pointer (&result->layout),
                                             result->theme, result->text_scale);
  gtk_adjustment_configure (self->scrub_adjustment, upto, -1, (double) trace->n_events - 1, 1, 10, 0);
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
  update_cursor (self, TRUE);
}

static void
run_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(SynackWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RunResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (res), "generation"));

  if (generation != self->generation)
    {
      /* A newer run was started meanwhile; only its result counts. */
      g_clear_pointer (&result, run_result_free);
      return;
    }

  self->busy = FALSE;
  hide_busy (self);
  if (result == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The simulation could not run: %s"), error->message);
      show_error (self, msg);
      return;
    }
  install_run (self, result, self->keep_time);
  run_result_free (result);
}

static void populate_params (SynackWindow *self);
static void update_edits_label (SynackWindow *self);

/* A capture is what happened: it is laid out again (a theme change) but
 * never re-simulated, and a what-if is refused rather than ignored. */
static void
show_capture (SynackWindow *self, gboolean keep_time)
{
  RunResult *result;

  if (g_hash_table_size (self->overrides) > 0 || self->edits->len > 0)
    {
      g_hash_table_remove_all (self->overrides);
      g_ptr_array_set_size (self->edits, 0);
      update_edits_label (self);
      populate_params (self);
      show_error (self, _("A capture shows what happened and cannot be changed: choose "
                          "“Replay Capture as Scenario” to simulate it, then change that."));
    }
  self->generation++;  /* a simulation still running is not wanted any more */
  self->busy = FALSE;
  hide_busy (self);
  result = g_new0 (RunResult, 1);
  result->run = synack_run_new (synack_scenario_copy (self->base), synack_window_capture_trace (self->capture));
  result->theme = g_strdup (synack_diagram_view_get_theme_name (self->diagram));
  result->text_scale = synack_diagram_view_get_text_scale (self->diagram);
  result->layout = synack_diagram_view_make_layout (result->run->trace, result->theme, result->text_scale);
  install_run (self, result, keep_time);
  run_result_free (result);
}

static void
rerun (SynackWindow *self, gboolean keep_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SynackScenario *scenario;
  RunJob *job;

  g_clear_handle_id (&self->rerun_idle_id, g_source_remove);

  if (self->capture != NULL)
    {
      show_capture (self, keep_time);
      return;
    }
  scenario = build_scenario (self, &error);
  if (scenario == NULL)
    {
      if (error != NULL)
        show_error (self, error->message);
      return;
    }
  dismiss_error (self);

  self->generation++;
  /* A run started while another is pending keeps the first one's wish to
   * stay at the cursor (a parameter change right after loading does not). */
  self->keep_time = self->busy ? (self->keep_time && keep_time) : keep_time;
  self->busy = TRUE;
  if (self->busy_timeout_id == 0 && !gtk_widget_get_visible (self->busy_box))
    self->busy_timeout_id = g_timeout_add (BUSY_DELAY_MS, show_busy, self);

  job = g_new0 (RunJob, 1);
  job->scenario = scenario;
  job->theme = g_strdup (synack_diagram_view_get_theme_name (self->diagram));
  job->text_scale = synack_diagram_view_get_text_scale (self->diagram);

  task = g_task_new (NULL, NULL, run_done, g_object_ref (self));
  g_task_set_source_tag (task, rerun);
  g_task_set_task_data (task, job, (GDestroyNotify) run_job_free);
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->generation));
  g_task_run_in_thread (task, run_in_thread);
}

static gboolean
rerun_idle (gpointer data)
{
  SynackWindow *self = data;

  self->rerun_idle_id = 0;
  rerun (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Several widgets may change in one go (a profile switch): run once. */
static void
queue_rerun (SynackWindow *self)
{
  if (self->rerun_idle_id == 0)
    self->rerun_idle_id = g_idle_add (rerun_idle, self);
}

/* --- Parameters page ---------------------------------------------------- */

static void
populate_params (SynackWindow *self)
{
  g_autoptr(SynackScenario) scenario = NULL;
  const SynackParams *p;

  scenario = build_scenario (self, NULL);
  if (scenario == NULL)
    return;
  p = &synack_scenario_get_script (scenario)->params;

  self->syncing++;
  gtk_spin_button_set_value (self->loss_c2s_spin, p->loss[SYNACK_C2S] * 100);
  gtk_spin_button_set_value (self->loss_s2c_spin, p->loss[SYNACK_S2C] * 100);
  gtk_spin_button_set_value (self->delay_c2s_spin, p->delay[SYNACK_C2S] / 1000.0);
  gtk_spin_button_set_value (self->delay_s2c_spin, p->delay[SYNACK_S2C] / 1000.0);
  gtk_spin_button_set_value (self->msl_spin, p->msl / 1e6);
  gtk_spin_button_set_value (self->rto_spin, p->rto_initial / 1000.0);
  gtk_spin_button_set_value (self->syn_retries_spin, p->syn_retries);
  gtk_spin_button_set_value (self->synack_retries_spin, p->synack_retries);
  gtk_spin_button_set_value (self->delayed_ack_spin, p->delayed_ack / 1000.0);
  gtk_drop_down_set_selected (self->profile_dropdown, p->profile == SYNACK_PROFILE_RFC9293 ? 1 : 0);
  gtk_spin_button_set_value (self->seed_spin, (double) p->seed);
  self->syncing--;
}

static char *
param_value_from_widget (SynackWindow *self, GtkWidget *widget, const char *key)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (GTK_IS_DROP_DOWN (widget))
    return g_strdup (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)) == 1 ? "rfc9293" : "linux");

  {
    double v = gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget));

    if (g_str_has_prefix (key, "loss"))
      return g_strdup_printf ("%s%%", g_ascii_formatd (buf, sizeof buf, "%.6g", v));
    if (g_str_equal (key, "msl"))
      return g_strdup_printf ("%sms", g_ascii_formatd (buf, sizeof buf, "%.0f", v * 1000));
    if (g_str_equal (key, "delayed-ack") && v <= 0)
      return g_strdup ("off");
    if (g_str_has_prefix (key, "delay") || g_str_equal (key, "rto-initial") || g_str_equal (key, "delayed-ack"))
      return g_strdup_printf ("%sms", g_ascii_formatd (buf, sizeof buf, "%.0f", v));
    return g_strdup_printf ("%.0f", v);
  }
}

static gboolean
set_param_internal (SynackWindow *self, const char *key, const char *value)
{
  g_autoptr(SynackScenario) probe = NULL;
  g_autoptr(GError) error = NULL;

  /* Check the value before keeping it, so one bad value cannot block every
   * later run. */
  probe = synack_scenario_copy (self->base);
  if (!synack_scenario_set_param (probe, key, value, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (g_str_equal (key, "profile"))
    {
      /* The other fields showed the old profile's defaults. */
      g_hash_table_remove_all (self->overrides);
    }
  g_hash_table_insert (self->overrides, g_strdup (key), g_strdup (value));
  if (g_str_equal (key, "profile"))
    populate_params (self);
  return TRUE;
}

static void
on_param_changed (GtkWidget *widget, GParamSpec *pspec, SynackWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (widget), "synack-param");
  g_autofree char *value = NULL;

  if (self->syncing > 0 || self->base == NULL || key == NULL)
    return;
  value = param_value_from_widget (self, widget, key);
  if (set_param_internal (self, key, value))
    queue_rerun (self);
}

static void
on_closing_changed (SynackWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_at_spin),
                            gtk_drop_down_get_selected (self->close_first_dropdown) != 0);
  if (self->syncing > 0 || self->base == NULL)
    return;
  queue_rerun (self);
}

static void
reset_parameters (SynackWindow *self)
{
  g_hash_table_remove_all (self->overrides);
  self->syncing++;
  gtk_drop_down_set_selected (self->close_first_dropdown, 0);
  self->syncing--;
  populate_params (self);
  rerun (self, TRUE);
}

/* --- The side panel ------------------------------------------------------ */

static void
set_state_label (SynackWindow *self, GtkLabel *label, SynackState state)
{
  const SynackTheme *theme = synack_diagram_view_get_theme (self->diagram);
  SynackRgba c = theme->state[state];
  gboolean dark = prefers_dark (self);
  double luma = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
  g_autofree char *markup = NULL;

  /* The hue of the state's band in the diagram, but dark enough (or light
   * enough) to read as large text on the window's background. */
  if (!dark && luma > 0.45)
    {
      double f = 0.45 / luma;
      c.r *= f, c.g *= f, c.b *= f;
    }
  else if (dark && luma < 0.55)
    {
      double f = (0.55 - luma) / (1 - luma);
      c.r += (1 - c.r) * f, c.g += (1 - c.g) * f, c.b += (1 - c.b) * f;
    }
  markup = g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\">%s</span>",
                                    (int) (c.r * 255), (int) (c.g * 255), (int) (c.b * 255),
                                    synack_state_to_string (state));
  gtk_label_set_markup (label, markup);

  /* The projector caption: on the dark OSD, the band colour as it is. */
  {
    g_autofree char *caption = NULL;
    const SynackRgba *b = &theme->state[state];
    gboolean client = label == self->client_state_label;

    caption = g_markup_printf_escaped ("%s <span foreground=\"#%02x%02x%02x\" weight=\"heavy\">%s</span>",
                                       client ? _("Client") : _("Server"),
                                       (int) (b->r * 255), (int) (b->g * 255), (int) (b->b * 255),
                                       synack_state_to_string (state));
    gtk_label_set_markup (client ? self->client_caption_label : self->server_caption_label, caption);
  }
}

static const char *
timer_title (SynackTimerKind kind)
{
  switch (kind)
    {
    case SYNACK_TIMER_RETRANSMIT: return _("Retransmit");
    case SYNACK_TIMER_DELAYED_ACK: return _("Delayed ACK");
    case SYNACK_TIMER_KEEPALIVE: return _("Keepalive");
    case SYNACK_TIMER_FIN_WAIT_2: return _("FIN_WAIT_2");
    case SYNACK_TIMER_TIME_WAIT: return _("TIME_WAIT");
    default: return "";
    }
}

static void
update_timers (SynackWindow *self)
{
  const SynackTrace *trace = self->run->trace;
  SynackTime expires[SYNACK_N_HOSTS][SYNACK_N_TIMERS];
  SynackTime length[SYNACK_N_HOSTS][SYNACK_N_TIMERS];
  GtkLabel *labels[SYNACK_N_HOSTS] = { self->client_timers_label, self->server_timers_label };

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    for (int k = 0; k < SYNACK_N_TIMERS; k++)
      expires[h][k] = -1;

  for (long i = 0; i <= self->upto; i++)
    {
      const SynackEvent *e = &trace->events[i];
      if (e->type != SYNACK_EVENT_TIMER)
        continue;
      if (e->action == SYNACK_TIMER_START)
        {
          expires[e->host][e->timer] = e->expires;
          length[e->host][e->timer] = e->duration;
        }
      else
        expires[e->host][e->timer] = -1;
    }

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (int k = 0; k < SYNACK_N_TIMERS; k++)
        {
          g_autofree char *left = NULL;
          g_autofree char *of = NULL;

          if (expires[h][k] < 0)
            continue;
          left = synack_explain_time (MAX (0, expires[h][k] - self->cursor_t) / 10000 * 10000);
          of = synack_explain_time (length[h][k]);
          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* TRANSLATORS: a running timer: "Retransmit: 0.62 s left of 1 s" */
          g_string_append_printf (text, _("%s: %s left of %s"), timer_title (k), left, of);
        }
      gtk_label_set_text (labels[h], text->len ? text->str : _("No timers running"));
    }
}

static void
add_detail (SynackWindow *self, int *row, const char *name, const char *value)
{
  GtkWidget *k = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (k), 0);
  gtk_widget_add_css_class (k, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (self->details_grid, k, 0, *row, 1, 1);
  gtk_grid_attach (self->details_grid, v, 1, *row, 1, 1);
  (*row)++;
}

static void
add_detailf (SynackWindow *self, int *row, const char *name, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
add_detailf (SynackWindow *self, int *row, const char *name, const char *format, ...)
{
  va_list args;
  g_autofree char *value = NULL;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  add_detail (self, row, name, value);
}

static void
update_details (SynackWindow *self)
{
  GtkWidget *child;
  const SynackTrace *trace = self->run ? self->run->trace : NULL;
  const SynackEvent *e;
  g_autofree char *t = NULL;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))) != NULL)
    gtk_grid_remove (self->details_grid, child);

  if (trace == NULL || self->selected < 0 || (size_t) self->selected >= trace->n_events)
    {
      add_detail (self, &row, _("Event"), _("None yet: step forward to see the first one."));
      return;
    }

  e = &trace->events[self->selected];
  t = synack_explain_time (e->t);
  add_detailf (self, &row, _("Event"), _("%ld of %zu"), self->selected + 1, trace->n_events);
  add_detail (self, &row, _("Time"), t);
  add_detail (self, &row, _("Host"), synack_explain_host (e->host));
  if (e->conn != 0)
    add_detailf (self, &row, _("Connection"), "%u", e->conn);

  switch (e->type)
    {
    case SYNACK_EVENT_SEND:
    case SYNACK_EVENT_DELIVER:
    case SYNACK_EVENT_LOST:
    case SYNACK_EVENT_DUPLICATE:
      {
        long send = synack_trace_find_send (trace, e->seg);
        const SynackEvent *s = send >= 0 ? &trace->events[send] : e;
        const SynackHeader *h = &s->hdr;
        long end = send >= 0 ? synack_trace_find_arrival (trace, send) : -1;
        char flags[32];
        g_autofree char *kind = synack_explain_segment_kind (h);

        synack_flags_to_string (h->flags, flags, sizeof flags);
        add_detailf (self, &row, _("Segment"), "#%u (%s)", e->seg, kind);
        add_detailf (self, &row, _("From"), _("%s, port %u"), synack_explain_host (s->host), h->src_port);
        add_detailf (self, &row, _("To"), _("%s, port %u"),
                     synack_explain_host (s->host == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT), h->dst_port);
        add_detail (self, &row, _("Flags"), flags[0] ? flags : _("none"));
        add_detailf (self, &row, _("Sequence number"), "%u", h->seq);
        add_detailf (self, &row, _("Acknowledgement"), (h->flags & SYNACK_FLAG_ACK) ? "%u" : _("%u (not valid: no ACK flag)"), h->ack);
        add_detailf (self, &row, _("Window"), "%u", h->win);
        add_detailf (self, &row, _("Payload length"), g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", h->len), h->len);
        if (s->duplicate || e->duplicate)
          add_detail (self, &row, _("Transmission"), _("a copy made by the network"));
        else if (s->rexmit == 0)
          add_detail (self, &row, _("Transmission"), _("first"));
        else
          add_detailf (self, &row, _("Transmission"), _("retransmission %u"), s->rexmit);
        if (end >= 0)
          {
            const SynackEvent *a = &trace->events[end];
            g_autofree char *at = synack_explain_time (a->t);
            if (a->type == SYNACK_EVENT_LOST)
              add_detailf (self, &row, _("Fate"), _("lost (%s), would have arrived at %s"),
                           _(synack_loss_reason_to_string (a->loss_reason)), at);
            else
              add_detailf (self, &row, _("Fate"), _("arrives at %s: %s"), at, _(synack_verdict_to_string (a->verdict)));
          }
        else
          add_detail (self, &row, _("Fate"), _("still in flight when the run ends"));
      }
      break;

    case SYNACK_EVENT_STATE:
      add_detail (self, &row, _("From state"), synack_state_to_string (e->from));
      add_detail (self, &row, _("To state"), synack_state_to_string (e->to));
      add_detail (self, &row, _("Cause"), _(synack_cause_to_string (e->cause)));
      break;

    case SYNACK_EVENT_TIMER:
      {
        add_detail (self, &row, _("Timer"), synack_describe_timer_kind (e->timer));
        add_detail (self, &row, _("Action"), e->action == SYNACK_TIMER_START ? C_("timer", "start")
                                             : e->action == SYNACK_TIMER_STOP ? C_("timer", "stop")
                                             : C_("timer", "expire"));
        if (e->action == SYNACK_TIMER_START)
          {
            g_autofree char *d = synack_explain_time (e->duration);
            g_autofree char *x = synack_explain_time (e->expires);
            add_detail (self, &row, _("Duration"), d);
            add_detail (self, &row, _("Expires at"), x);
          }
      }
      break;

    case SYNACK_EVENT_APP:
      add_detailf (self, &row, _("Call"), "%s()", synack_call_to_string (e->call));
      add_detail (self, &row, _("Result"), e->result == SYNACK_RESULT_OK ? C_("result", "ok")
                                           : e->result == SYNACK_RESULT_PENDING ? C_("result", "pending")
                                           : synack_result_to_string (e->result));
      if (e->call == SYNACK_CALL_SEND || e->call == SYNACK_CALL_RECV)
        add_detailf (self, &row, _("Bytes"), "%" G_GUINT64_FORMAT, e->bytes);
      break;

    default:
      break;
    }
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

static void
set_selected (SynackWindow *self, long event, gboolean from_list)
{
  g_autofree char *sentence = NULL;
  const SynackTrace *trace = self->run ? self->run->trace : NULL;

  if (event == self->selected)
    return;
  self->selected = event;
  synack_diagram_view_set_selected (self->diagram, event);
  update_details (self);

  if (trace != NULL && event >= 0 && (size_t) event < trace->n_events)
    sentence = synack_explain_sentence (trace, event);
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
      if (event >= 0 && (list_view = find_list_view (GTK_WIDGET (self->events_view))) != NULL)
        gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", (guint) event);
    }
}

static void
update_time_label (SynackWindow *self)
{
  const SynackTrace *trace = self->run->trace;
  g_autofree char *now = self->progress > 0 ? synack_describe_time (self->cursor_t, SYNACK_TIME_CLOCK) : synack_explain_time (self->cursor_t);
  g_autofree char *end = synack_explain_time (trace->n_events ? trace->events[trace->n_events - 1].t : 0);
  g_autofree char *text = g_strdup_printf ("%s / %s", now, end);
  g_autofree char *whatif = NULL;

  gtk_label_set_text (self->time_label, text);
  /* TRANSLATORS: the what-if page; %s is a time like "1.5 s" */
  whatif = g_strdup_printf (_("Make something happen at the cursor, t = %s. The run is redone with the change; everything before it stays the same."), now);
  gtk_label_set_text (self->whatif_time_label, whatif);
}

/* Everything that follows the cursor. `moved`: a new event is shown (or one
 * was taken away), not just the animation between two events. */
static void
update_cursor (SynackWindow *self, gboolean moved)
{
  const SynackTrace *trace;

  if (self->run == NULL)
    return;
  trace = self->run->trace;

  synack_diagram_view_set_cursor (self->diagram, self->upto, self->progress);
  update_time_label (self);
  update_timers (self);

  if (!moved)
    return;

  self->syncing++;
  gtk_adjustment_set_value (self->scrub_adjustment, self->upto);
  self->syncing--;

  set_state_label (self, self->client_state_label, synack_trace_state_at (trace, SYNACK_CLIENT, 0, self->upto));
  set_state_label (self, self->server_state_label, synack_trace_state_at (trace, SYNACK_SERVER, 0, self->upto));
  set_selected (self, self->upto, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-back", self->upto >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-start", self->upto >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-forward", (size_t) (self->upto + 1) < trace->n_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-end", (size_t) (self->upto + 1) < trace->n_events);
}

/* --- Playback ------------------------------------------------------------ */

static void
stop_playing (SynackWindow *self)
{
  if (!self->playing)
    return;
  self->playing = FALSE;
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Play (Space)"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* Moves the cursor to event `upto` exactly (no animation in progress). */
static void
jump_to (SynackWindow *self, long upto)
{
  const SynackTrace *trace = self->run->trace;

  upto = CLAMP (upto, -1, (long) trace->n_events - 1);
  self->upto = upto;
  self->progress = 0;
  self->cursor_t = upto >= 0 ? trace->events[upto].t : 0;
  synack_diagram_view_set_follow (self->diagram, TRUE);
  update_cursor (self, TRUE);
}

static gboolean
tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  const SynackTrace *trace;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame_us ? (now - self->last_frame_us) / 1e6 : 0;
  long before = self->upto;
  long last;

  self->last_frame_us = now;
  if (self->run == NULL || self->busy)
    return G_SOURCE_CONTINUE;
  trace = self->run->trace;
  last = (long) trace->n_events - 1;
  dt = MIN (dt, 0.25); /* after a stall, do not leap */

  if (self->speed <= 0)
    {
      SynackTime t0, t1;

      self->progress += dt / EVENT_PAUSE_S;
      while (self->progress >= 1 && self->upto < last)
        {
          self->upto++;
          self->progress -= 1;
        }
      if (self->upto >= last)
        self->progress = 0;
      t0 = self->upto >= 0 ? trace->events[self->upto].t : 0;
      t1 = self->upto < last ? trace->events[self->upto + 1].t : t0;
      self->cursor_t = t0 + (SynackTime) llround ((t1 - t0) * self->progress);
    }
  else
    {
      SynackTime end = last >= 0 ? trace->events[last].t : 0;

      self->cursor_t = MIN (end, self->cursor_t + (SynackTime) llround (dt * self->speed * 1e6));
      /* Never backwards: a step made while playing stays made. */
      self->upto = MAX (self->upto, synack_run_event_at_time (self->run, self->cursor_t));
      if (self->upto < last && trace->events[self->upto + 1].t > trace->events[MAX (self->upto, 0)].t)
        {
          SynackTime t0 = self->upto >= 0 ? trace->events[self->upto].t : 0;
          SynackTime t1 = trace->events[self->upto + 1].t;
          self->progress = CLAMP ((double) (self->cursor_t - t0) / (double) (t1 - t0), 0, 1);
        }
      else
        self->progress = 0;
    }

  update_cursor (self, self->upto != before);
  if (self->upto >= last)
    {
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_playing (SynackWindow *self)
{
  const SynackTrace *trace;

  if (self->playing || self->run == NULL)
    return;
  trace = self->run->trace;
  if (trace->n_events == 0)
    return;
  if ((size_t) (self->upto + 1) >= trace->n_events)
    jump_to (self, -1);

  self->playing = TRUE;
  self->last_frame_us = 0;
  synack_diagram_view_set_follow (self->diagram, TRUE);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Pause (Space)"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
set_speed_index (SynackWindow *self, guint index)
{
  index = MIN (index, G_N_ELEMENTS (speeds) - 1);
  self->speed = speeds[index];
  self->syncing++;
  gtk_drop_down_set_selected (self->speed_dropdown, index);
  self->syncing--;
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "speed", self->speed);
}

static guint
speed_index (double speed)
{
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (log (MAX (speed, 1e-3)) - log (speeds[i])) < fabs (log (MAX (speed, 1e-3)) - log (MAX (speeds[best], 1e-3))))
      best = i;
  return speed <= 0 ? 0 : best;
}

static void
on_speed_selected (SynackWindow *self)
{
  if (self->syncing > 0)
    return;
  set_speed_index (self, gtk_drop_down_get_selected (self->speed_dropdown));
}

static void
on_scrubbed (SynackWindow *self)
{
  long v;

  if (self->syncing > 0 || self->run == NULL)
    return;
  v = lround (gtk_adjustment_get_value (self->scrub_adjustment));
  if (v != self->upto || self->progress > 0)
    jump_to (self, v);
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
  stop_playing (self);
  set_selected (self, pos, TRUE);
  jump_to (self, pos);
}

static void
on_diagram_event_clicked (SynackWindow *self, long event)
{
  set_selected (self, event, FALSE);
}

static void
on_follow_changed (SynackWindow *self)
{
  gtk_widget_set_visible (self->follow_button, !synack_diagram_view_get_follow (self->diagram));
}

/* --- Actions ------------------------------------------------------------- */

static void
action_play (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  if (self->playing)
    stop_playing (self);
  else
    start_playing (self);
}

static void
action_step (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  if (self->run == NULL)
    return;
  stop_playing (self);
  if (g_str_equal (name, "win.step-forward"))
    jump_to (self, self->upto + 1);
  else if (g_str_equal (name, "win.step-back"))
    jump_to (self, self->progress > 0 ? self->upto : self->upto - 1);
  else if (g_str_equal (name, "win.go-start"))
    jump_to (self, -1);
  else
    jump_to (self, (long) self->run->trace->n_events - 1);
}

static void
action_speed (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  guint i = gtk_drop_down_get_selected (self->speed_dropdown);

  if (g_str_equal (name, "win.faster"))
    set_speed_index (self, i + 1);
  else if (i > 0)
    set_speed_index (self, i - 1);
}

static void
action_zoom (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

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
  g_autofree char *line = g_strdup_printf ("lose segment %u", g_variant_get_uint32 (param));

  synack_window_add_edit (SYNACK_WINDOW (widget), line);
}

static void
action_what_if (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  const char *what = g_variant_get_string (param, NULL);
  g_autofree char *at = synack_describe_time (self->cursor_t, SYNACK_TIME_SCENARIO);
  g_autofree char *line = NULL;

  if (g_str_has_suffix (what, " send"))
    line = g_strdup_printf ("at %s %s %d", at, what, gtk_spin_button_get_value_as_int (self->send_bytes_spin));
  else
    line = g_strdup_printf ("at %s %s", at, what);
  synack_window_add_edit (self, line);
}

static void
update_edits_label (SynackWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->edits->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (self->edits, i));
    }
  gtk_label_set_text (self->edits_label, text->len ? text->str : _("None yet."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-edit", self->edits->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-edits", self->edits->len > 0);
}

static void
action_undo_edit (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);

  if (self->edits->len == 0)
    return;
  if (g_str_equal (name, "win.reset-edits"))
    g_ptr_array_set_size (self->edits, 0);
  else
    g_ptr_array_remove_index (self->edits, self->edits->len - 1);
  update_edits_label (self);
  rerun (self, TRUE);
}

static void
action_reset_parameters (GtkWidget *widget, const char *name, GVariant *param)
{
  reset_parameters (SYNACK_WINDOW (widget));
}

static void
action_dismiss_error (GtkWidget *widget, const char *name, GVariant *param)
{
  dismiss_error (SYNACK_WINDOW (widget));
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
  SynackLessonDialog *dialog = synack_lesson_dialog_new (GTK_WINDOW (self), self->lesson);

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
  g_autoptr(GtkFileFilter) captures = synack_window_capture_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open Scenario or Capture"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
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
show_message (SynackWindow *self, const char *primary, const char *secondary)
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
        show_message (self, _("Could not save the scenario"), error->message);
    }
  g_object_unref (native);
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
  stop_playing (self);
  dialog = synack_export_dialog_new (GTK_WINDOW (self), self->run, self->upto,
                                     self->presentation ? "projector" : synack_diagram_view_get_theme (self->diagram)->name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_leave_presentation (GtkWidget *widget, const char *name, GVariant *param)
{
  g_object_set (widget, "presentation", FALSE, NULL);
}

/* --- Presentation and theme ---------------------------------------------- */

static gboolean
prefers_dark (SynackWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (self->theme_choice, "dark") == 0)
    return TRUE;
  if (g_strcmp0 (self->theme_choice, "light") == 0)
    return FALSE;
  return app != NULL && synack_application_get_system_dark (SYNACK_APPLICATION (app));
}

static void
apply_theme (SynackWindow *self)
{
  gboolean dark = prefers_dark (self);
  const char *diagram_theme = self->presentation ? "projector" : dark ? "dark" : "light";

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
  synack_diagram_view_set_theme (self->diagram, diagram_theme, 1.0);
  if (self->run != NULL)
    {
      set_state_label (self, self->client_state_label, synack_trace_state_at (self->run->trace, SYNACK_CLIENT, 0, self->upto));
      set_state_label (self, self->server_state_label, synack_trace_state_at (self->run->trace, SYNACK_SERVER, 0, self->upto));
    }
}

static void
set_presentation (SynackWindow *self, gboolean presentation)
{
  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;

  /* The diagram takes the whole width (its labels are sized to it); the
   * states and the sentence come up as a caption over its foot. */
  gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), !presentation && self->show_side_panel);
  gtk_widget_set_visible (self->caption_box, presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presentation);
  apply_theme (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

static void
on_fullscreened (SynackWindow *self)
{
  /* The window manager took us out of fullscreen (or a key did). */
  if (self->presentation && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    set_presentation (self, FALSE);
}

static void
set_theme_choice (SynackWindow *self, const char *choice)
{
  if (g_strcmp0 (choice, self->theme_choice) == 0)
    return;
  g_free (self->theme_choice);
  self->theme_choice = g_strdup (choice);
  apply_theme (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_CHOICE]);
}

/* --- Loading ------------------------------------------------------------- */

static void
set_capture (SynackWindow *self, SynackCapture *capture)
{
  g_clear_pointer (&self->capture, synack_capture_free);
  self->capture = capture;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replay-capture", capture != NULL);
}

static void
set_base (SynackWindow *self, SynackScenario *scenario, const char *lesson, GFile *file)
{
  g_autofree char *summary = NULL;
  const char *title;

  stop_playing (self);
  g_clear_pointer (&self->base, synack_scenario_free);
  self->base = scenario;
  g_free (self->lesson);
  self->lesson = g_strdup (lesson);
  g_set_object (&self->file, file);
  g_hash_table_remove_all (self->overrides);
  g_ptr_array_set_size (self->edits, 0);
  update_edits_label (self);

  self->syncing++;
  gtk_drop_down_set_selected (self->close_first_dropdown, 0);
  self->syncing--;

  title = synack_scenario_get_title (scenario);
  if (title == NULL || *title == '\0')
    title = synack_scenario_get_name (scenario);
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (file);
      gtk_label_set_text (self->subtitle_label, path);
    }
  else
    gtk_label_set_text (self->subtitle_label, _("Lesson"));
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);

  gtk_label_set_text (self->lesson_title_label, title);
  summary = g_strdup (synack_scenario_get_summary (scenario));
  gtk_label_set_text (self->lesson_summary_label, summary ? summary : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lesson_summary_label), summary);

  populate_params (self);
  rerun (self, FALSE);
}

gboolean
synack_window_load_lesson (SynackWindow *self, const char *name)
{
  g_autoptr(GError) error = NULL;
  SynackScenario *scenario;

  g_return_val_if_fail (SYNACK_IS_WINDOW (self), FALSE);

  scenario = synack_scenario_load_preset (name, &error);
  if (scenario == NULL && g_strcmp0 (name, SYNACK_DEFAULT_PRESET) != 0)
    {
      /* A lesson remembered from another version may be gone. */
      g_clear_error (&error);
      name = SYNACK_DEFAULT_PRESET;
      scenario = synack_scenario_load_preset (name, &error);
    }
  if (scenario == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  set_capture (self, NULL);
  set_base (self, scenario, name, NULL);
  g_settings_set_string (self->settings, "last-lesson", name);
  return TRUE;
}

/* Says why, and keeps a window that had nothing showing something. */
static void
open_failed (SynackWindow *self, GFile *file, const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

  show_message (self, primary, error->message);
  if (self->base == NULL)
    synack_window_load_lesson (self, SYNACK_DEFAULT_PRESET);
}

void
synack_window_open_file (SynackWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  SynackScenario *scenario = NULL;

  if (synack_window_capture_file_is_capture (file))
    {
      synack_window_open_capture (self, file);
      return;
    }
  if (path != NULL)
    scenario = synack_scenario_load_file (path, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be opened"));

  if (scenario == NULL)
    {
      open_failed (self, file, error);
      return;
    }
  set_capture (self, NULL);
  set_base (self, scenario, NULL, file);
}

void
synack_window_open_capture (SynackWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SynackCapture) capture = synack_window_capture_open (file, &error);
  g_autofree char *summary = NULL;
  SynackScenario *scenario = NULL;

  if (capture != NULL)
    scenario = synack_window_capture_scenario (capture, &error);
  if (scenario == NULL)
    {
      open_failed (self, file, error);
      return;
    }
  summary = synack_window_capture_summary (capture);
  set_capture (self, g_steal_pointer (&capture));
  /* No file: Save must ask where to write the scenario, never over the capture. */
  set_base (self, scenario, NULL, NULL);
  gtk_label_set_text (self->subtitle_label, summary);
}

static void
action_replay_capture (GtkWidget *widget, const char *name, GVariant *param)
{
  SynackWindow *self = SYNACK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  SynackScenario *scenario;

  if (self->capture == NULL)
    return;
  scenario = synack_window_capture_scenario (self->capture, &error);
  if (scenario == NULL)
    {
      show_error (self, error->message);
      return;
    }
  subtitle = g_strdup_printf (_("Replay of the capture %s"), self->capture->source);
  set_capture (self, NULL);
  set_base (self, scenario, NULL, NULL);
  gtk_label_set_text (self->subtitle_label, subtitle);
}

/* --- Public API, used by the tests too ------------------------------------- */

gboolean
synack_window_set_param (SynackWindow *self, const char *key, const char *value)
{
  g_return_val_if_fail (SYNACK_IS_WINDOW (self), FALSE);

  if (self->base == NULL || !set_param_internal (self, key, value))
    return FALSE;
  populate_params (self);
  rerun (self, TRUE);
  return TRUE;
}

gboolean
synack_window_add_edit (SynackWindow *self, const char *line)
{
  g_autoptr(SynackScenario) probe = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SYNACK_IS_WINDOW (self), FALSE);

  if (self->run == NULL)
    return FALSE;
  probe = synack_scenario_copy (self->run->scenario);
  if (!synack_scenario_append_line (probe, line, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_ptr_array_add (self->edits, g_strdup (line));
  update_edits_label (self);
  rerun (self, TRUE);
  return TRUE;
}

SynackRun *
synack_window_get_run (SynackWindow *self)
{
  return self->run;
}

gboolean
synack_window_is_busy (SynackWindow *self)
{
  return self->busy || self->rerun_idle_id != 0;
}

long
synack_window_get_cursor (SynackWindow *self)
{
  return self->upto;
}

double
synack_window_get_progress (SynackWindow *self)
{
  return self->progress;
}

SynackTime
synack_window_get_cursor_time (SynackWindow *self)
{
  return self->cursor_t;
}

void
synack_window_set_cursor (SynackWindow *self, long upto)
{
  if (self->run != NULL)
    jump_to (self, upto);
}

void
synack_window_seek_time (SynackWindow *self, SynackTime t)
{
  const SynackTrace *trace;
  long upto;

  if (self->run == NULL)
    return;
  trace = self->run->trace;
  stop_playing (self);
  upto = synack_run_event_at_time (self->run, t);
  self->upto = upto;
  self->cursor_t = t;
  self->progress = 0;
  if (upto + 1 < (long) trace->n_events)
    {
      SynackTime t0 = upto >= 0 ? trace->events[upto].t : 0, t1 = trace->events[upto + 1].t;
      if (t1 > t0)
        self->progress = CLAMP ((double) (t - t0) / (double) (t1 - t0), 0, 1);
    }
  synack_diagram_view_set_follow (self->diagram, TRUE);
  update_cursor (self, TRUE);
}

gboolean
synack_window_get_playing (SynackWindow *self)
{
  return self->playing;
}

const char *
synack_window_get_state_text (SynackWindow *self, SynackHostId host)
{
  return gtk_label_get_text (host == SYNACK_CLIENT ? self->client_state_label : self->server_state_label);
}

const char *
synack_window_get_explanation (SynackWindow *self)
{
  return gtk_label_get_text (self->explanation_label);
}

long
synack_window_get_selected_row (SynackWindow *self)
{
  guint pos = gtk_single_selection_get_selected (self->event_selection);
  return pos == GTK_INVALID_LIST_POSITION ? -1 : (long) pos;
}

GtkWidget *
synack_window_get_diagram (SynackWindow *self)
{
  return GTK_WIDGET (self->diagram);
}

void
synack_window_show_page (SynackWindow *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->side_stack, name);
}

GtkWidget *
synack_window_get_param_widget (SynackWindow *self, const char *key)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->loss_c2s_spin), GTK_WIDGET (self->loss_s2c_spin), GTK_WIDGET (self->delay_c2s_spin),
    GTK_WIDGET (self->delay_s2c_spin), GTK_WIDGET (self->msl_spin), GTK_WIDGET (self->rto_spin),
    GTK_WIDGET (self->syn_retries_spin), GTK_WIDGET (self->synack_retries_spin),
    GTK_WIDGET (self->delayed_ack_spin), GTK_WIDGET (self->profile_dropdown), GTK_WIDGET (self->seed_spin),
  };

  if (g_strcmp0 (key, "close-first") == 0)
    return GTK_WIDGET (self->close_first_dropdown);
  if (g_strcmp0 (key, "close-at") == 0)
    return GTK_WIDGET (self->close_at_spin);
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (widgets[i]), "synack-param"), key) == 0)
      return widgets[i];
  return NULL;
}

/* --- Language switch ------------------------------------------------------ */

/* Templates are translated once, when they are built; so a language switch
 * builds a new window, which takes over everything the old one shows. */
void
synack_window_take_over (SynackWindow *self, SynackWindow *old)
{
  GHashTableIter iter;
  gpointer key, value;
  int width, height;

  g_return_if_fail (SYNACK_IS_WINDOW (self) && SYNACK_IS_WINDOW (old));

  gtk_window_get_default_size (GTK_WINDOW (old), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (old)))
    gtk_window_maximize (GTK_WINDOW (self));
  g_object_set (self, "theme-choice", old->theme_choice, "show-side-panel", old->show_side_panel, NULL);
  set_speed_index (self, speed_index (old->speed));
  if (old->base == NULL)
    return;

  set_base (self, synack_scenario_copy (old->base), old->lesson, old->file);
  g_hash_table_iter_init (&iter, old->overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->overrides, g_strdup (key), g_strdup (value));
  for (guint i = 0; i < old->edits->len; i++)
    g_ptr_array_add (self->edits, g_strdup (g_ptr_array_index (old->edits, i)));
  self->syncing++;
  gtk_drop_down_set_selected (self->close_first_dropdown, gtk_drop_down_get_selected (old->close_first_dropdown));
  gtk_spin_button_set_value (self->close_at_spin, gtk_spin_button_get_value (old->close_at_spin));
  self->syncing--;
  populate_params (self);
  update_edits_label (self);

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
  rerun (self, TRUE);
  self->keep_time = TRUE;  /* over the lesson's first run, still pending */
  set_presentation (self, old->presentation);
}

/* --- GObject ------------------------------------------------------------- */

static gboolean
synack_window_close_request (GtkWindow *window)
{
  SynackWindow *self = SYNACK_WINDOW (window);
  int width, height;

  stop_playing (self);
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

  stop_playing (self);
  hide_busy (self);
  g_clear_handle_id (&self->rerun_idle_id, g_source_remove);
  self->generation++;  /* a run still in its thread is dropped when done */

  if (self->event_list != NULL)
    synack_event_list_set_trace (self->event_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SYNACK_TYPE_WINDOW);

  g_clear_object (&self->event_selection);
  g_clear_object (&self->event_list);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (synack_window_parent_class)->dispose (object);
}

static void
synack_window_finalize (GObject *object)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  g_clear_pointer (&self->run, synack_run_unref);
  g_clear_pointer (&self->base, synack_scenario_free);
  g_clear_pointer (&self->capture, synack_capture_free);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->edits, g_ptr_array_unref);
  g_clear_pointer (&self->lesson, g_free);
  g_clear_pointer (&self->theme_choice, g_free);
  G_OBJECT_CLASS (synack_window_parent_class)->finalize (object);
}

static void
synack_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION: g_value_set_boolean (value, self->presentation); break;
    case PROP_THEME_CHOICE: g_value_set_string (value, self->theme_choice); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_SHOW_SIDE_PANEL: g_value_set_boolean (value, self->show_side_panel); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION: set_presentation (self, g_value_get_boolean (value)); break;
    case PROP_THEME_CHOICE: set_theme_choice (self, g_value_get_string (value)); break;
    case PROP_SHOW_SIDE_PANEL:
      /* The whole width for the diagram, on a small screen or projector. */
      self->show_side_panel = g_value_get_boolean (value);
      if (self->paned != NULL)
        gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), self->show_side_panel && !self->presentation);
      g_object_notify_by_pspec (object, pspec);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  set_speed_index (self, speed_index (g_settings_get_double (self->settings, "speed")));
  g_settings_bind (self->settings, "theme", self, "theme-choice", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (app, "notify::system-dark", G_CALLBACK (apply_theme), self, G_CONNECT_SWAPPED);
  apply_theme (self);

  synack_application_add_window_shortcuts (app, GTK_WIDGET (self));
}

static void
synack_window_class_init (SynackWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = synack_window_dispose;
  object_class->finalize = synack_window_finalize;
  object_class->get_property = synack_window_get_property;
  object_class->set_property = synack_window_set_property;
  window_class->close_request = synack_window_close_request;

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME_CHOICE] =
    g_param_spec_string ("theme-choice", NULL, NULL, "system",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDE_PANEL] =
    g_param_spec_boolean ("show-side-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SYNACK_TYPE_DIAGRAM_VIEW);
  g_type_ensure (SYNACK_TYPE_EVENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, presentation_button);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, diagram_scroller);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, busy_bar);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, follow_button);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, caption_box);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, client_caption_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, server_caption_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, caption_sentence_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, playback_bar);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, scrubber);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, scrub_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, lesson_title_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, lesson_summary_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, client_state_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, server_state_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, client_timers_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, server_timers_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, events_view);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, details_grid);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, loss_c2s_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, loss_s2c_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, delay_c2s_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, delay_s2c_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, msl_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, rto_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, syn_retries_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, synack_retries_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, delayed_ack_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, close_first_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, close_at_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, whatif_time_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, send_bytes_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWindow, edits_label);

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
}

static void
bind_param (SynackWindow *self, GtkWidget *widget, const char *key)
{
  g_object_set_data (G_OBJECT (widget), "synack-param", (gpointer) key);
  g_signal_connect (widget, GTK_IS_DROP_DOWN (widget) ? "notify::selected" : "notify::value",
                    G_CALLBACK (on_param_changed), self);
}

static void
synack_window_init (SynackWindow *self)
{
  /* The property actions read these while the template is built. */
  self->theme_choice = g_strdup ("system");
  self->show_side_panel = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->upto = -1;
  self->selected = -2;
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->edits = g_ptr_array_new_with_free_func (g_free);

  self->event_list = synack_event_list_new ();
  self->event_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->event_list)));
  gtk_single_selection_set_autoselect (self->event_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->event_selection, TRUE);
  gtk_column_view_set_model (self->events_view, GTK_SELECTION_MODEL (self->event_selection));
  g_signal_connect_swapped (self->event_selection, "notify::selected", G_CALLBACK (on_event_selected), self);

  g_signal_connect_swapped (self->scrub_adjustment, "value-changed", G_CALLBACK (on_scrubbed), self);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected", G_CALLBACK (on_speed_selected), self);
  g_signal_connect_swapped (self->diagram, "event-clicked", G_CALLBACK (on_diagram_event_clicked), self);
  g_signal_connect_swapped (self->diagram, "notify::follow", G_CALLBACK (on_follow_changed), self);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), self);

  bind_param (self, GTK_WIDGET (self->loss_c2s_spin), "loss-c2s");
  bind_param (self, GTK_WIDGET (self->loss_s2c_spin), "loss-s2c");
  bind_param (self, GTK_WIDGET (self->delay_c2s_spin), "delay-c2s");
  bind_param (self, GTK_WIDGET (self->delay_s2c_spin), "delay-s2c");
  bind_param (self, GTK_WIDGET (self->msl_spin), "msl");
  bind_param (self, GTK_WIDGET (self->rto_spin), "rto-initial");
  bind_param (self, GTK_WIDGET (self->syn_retries_spin), "syn-retries");
  bind_param (self, GTK_WIDGET (self->synack_retries_spin), "synack-retries");
  bind_param (self, GTK_WIDGET (self->delayed_ack_spin), "delayed-ack");
  bind_param (self, GTK_WIDGET (self->profile_dropdown), "profile");
  bind_param (self, GTK_WIDGET (self->seed_spin), "seed");
  g_signal_connect_swapped (self->close_first_dropdown, "notify::selected", G_CALLBACK (on_closing_changed), self);
  g_signal_connect_swapped (self->close_at_spin, "notify::value", G_CALLBACK (on_closing_changed), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replay-capture", FALSE);
  update_edits_label (self);
  update_details (self);
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
