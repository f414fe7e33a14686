/* synack-document.c: the scenario being explored and its runs, one worker at a time. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-describe.h"
#include "synack-document-private.h"
#include "synack-param-keys.h"

struct _SynackDocument
{
  GObject           parent_instance;

  SynackScenario   *base;           /* the lesson or file as loaded */
  char             *lesson;         /* preset name, or NULL for a file */
  GFile            *file;
  SynackCapture    *capture;        /* shown as it is; NULL when simulated */
  GHashTable       *overrides;      /* parameter key -> value */
  GArray           *edits;          /* of SynackEdit, in the order made */
  SynackCloseOrder  close_order;
  SynackTime        close_at;

  /* Runs: the one in its worker thread, and the next, which starts when
   * that worker returns. Both are outer tasks, the caller's. */
  GTask            *working;
  GTask            *waiting;
  int               n_workers;      /* atomic: workers inside run_in_thread */
  int               peak_workers;   /* atomic: most there have been at once */
  guint             n_stopped;      /* runs that ended cancelled */
  int               loads_held;     /* atomic: tests hold loads in their worker */
  uint32_t          window_first, window_last;
};

G_DEFINE_FINAL_TYPE (SynackDocument, synack_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  RUN_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a worker needs. `cancel` is the document's own: it is cancelled when
 * a newer run supersedes this one, and also when the caller's is. */
typedef struct {
  SynackScenario *scenario;
  SynackTrace    *trace;            /* a capture's, shown instead of a simulation */
  char           *layout_theme;
  double          text_scale;
  GCancellable   *cancel;
  GCancellable   *caller_cancel;
  gulong          caller_handler;
  uint32_t        window_first, window_last;
  GMainContext   *context;          /* the caller's: progress is told there */
  SynackDocument *document;         /* for progress; the task holds a reference */
} RunJob;

static void
run_job_free (RunJob *job)
{
  if (job->caller_cancel != NULL)
    g_cancellable_disconnect (job->caller_cancel, job->caller_handler);
  g_clear_object (&job->caller_cancel);
  g_clear_object (&job->cancel);
  g_clear_pointer (&job->scenario, synack_scenario_free);
  if (job->trace != NULL)
    synack_trace_free (job->trace);
  g_free (job->layout_theme);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
changed (SynackDocument *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- What is loaded -------------------------------------------------------- */

void
_synack_document_set_base (SynackDocument *self, SynackScenario *scenario, const char *lesson, GFile *file,
                           SynackCapture *capture)
{
  g_clear_pointer (&self->base, synack_scenario_free);
  self->base = scenario;
  g_clear_pointer (&self->capture, synack_capture_free);
  self->capture = capture;
  g_free (self->lesson);
  self->lesson = g_strdup (lesson);
  g_set_object (&self->file, file);
  self->window_first = self->window_last = 0;
  g_hash_table_remove_all (self->overrides);
  g_array_set_size (self->edits, 0);
  self->close_order = SYNACK_CLOSE_AS_WRITTEN;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  changed (self);
}

gboolean
synack_document_load_preset (SynackDocument *self, const char *name, GError **error)
{
  SynackScenario *scenario;

  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), FALSE);

  scenario = synack_scenario_load_preset (name, error);
  if (scenario == NULL)
    return FALSE;
  _synack_document_set_base (self, scenario, name, NULL, NULL);
  return TRUE;
}

void
synack_document_hold_loads (SynackDocument *self, gboolean hold)
{
  g_atomic_int_set (&self->loads_held, hold);
}

gboolean
_synack_document_loads_held (SynackDocument *self)
{
  return g_atomic_int_get (&self->loads_held);
}

const SynackCapture *
synack_document_get_capture (SynackDocument *self)
{
  return self->capture;
}

gboolean
synack_document_replay_capture (SynackDocument *self)
{
  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), FALSE);

  if (self->capture == NULL)
    return FALSE;
  g_clear_pointer (&self->capture, synack_capture_free);
  changed (self);
  return TRUE;
}

gboolean
synack_document_check_writable (SynackDocument *self, GError **error)
{
  if (self->capture == NULL)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                       _("A capture shows what happened and cannot be changed: choose "
                         "“Replay Capture as Scenario” to simulate it, then change that."));
  return FALSE;
}

const SynackScenario *
synack_document_get_base (SynackDocument *self)
{
  return self->base;
}

const char *
synack_document_get_lesson (SynackDocument *self)
{
  return self->lesson;
}

GFile *
synack_document_get_file (SynackDocument *self)
{
  return self->file;
}

const char *
synack_document_get_title (SynackDocument *self)
{
  const char *title;

  if (self->base == NULL)
    return NULL;
  title = synack_scenario_get_title (self->base);
  return title != NULL && *title != '\0' ? title : synack_scenario_get_name (self->base);
}

/* ---- Parameters ------------------------------------------------------------ */

gboolean
synack_document_set_param (SynackDocument *self, const char *key, const char *value, GError **error)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(SynackScenario) probe = NULL;

  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), FALSE);

  if (self->base == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No lesson is loaded"));
      return FALSE;
    }
  if (!synack_document_check_writable (self, error))
    return FALSE;
  /* Keep the value only if the whole scenario still holds with it (rto-min
   * above an rto-max changed before would not), so one bad value cannot
   * block every later run. */
  before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    GHashTableIter iter;
    gpointer k, v;

    g_hash_table_iter_init (&iter, self->overrides);
    while (g_hash_table_iter_next (&iter, &k, &v))
      g_hash_table_insert (before, g_strdup (k), g_strdup (v));
  }
  if (g_str_equal (key, "profile"))
    g_hash_table_remove_all (self->overrides);
  g_hash_table_insert (self->overrides, g_strdup (key), g_strdup (value));
  probe = synack_document_build_scenario (self, error);
  if (probe == NULL)
    {
      g_hash_table_unref (self->overrides);
      self->overrides = g_steal_pointer (&before);
      return FALSE;
    }
  changed (self);
  return TRUE;
}

const char *
synack_document_get_param (SynackDocument *self, const char *key)
{
  return g_hash_table_lookup (self->overrides, key);
}

void
synack_document_set_close_order (SynackDocument *self, SynackCloseOrder order, SynackTime at)
{
  g_return_if_fail (SYNACK_IS_DOCUMENT (self));

  if (!synack_document_check_writable (self, NULL))
    return;
  if (self->close_order == order && (order == SYNACK_CLOSE_AS_WRITTEN || self->close_at == at))
    {
      self->close_at = at;
      return;
    }
  self->close_order = order;
  self->close_at = at;
  changed (self);
}

SynackCloseOrder
synack_document_get_close_order (SynackDocument *self, SynackTime *at)
{
  if (at != NULL)
    *at = self->close_at;
  return self->close_order;
}

void
synack_document_reset_params (SynackDocument *self)
{
  g_return_if_fail (SYNACK_IS_DOCUMENT (self));

  g_hash_table_remove_all (self->overrides);
  self->close_order = SYNACK_CLOSE_AS_WRITTEN;
  changed (self);
}

/* ---- Edits ----------------------------------------------------------------- */

gboolean
synack_document_add_edit (SynackDocument *self, const SynackEdit *edit, GError **error)
{
  g_autoptr(SynackScenario) probe = NULL;

  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), FALSE);

  if (!synack_document_check_writable (self, error))
    return FALSE;
  g_array_append_val (self->edits, *edit);
  probe = synack_document_build_scenario (self, error);
  if (probe == NULL)
    {
      g_array_set_size (self->edits, self->edits->len - 1);
      return FALSE;
    }
  changed (self);
  return TRUE;
}

guint
synack_document_get_n_edits (SynackDocument *self)
{
  return self->edits->len;
}

const SynackEdit *
synack_document_get_edit (SynackDocument *self, guint index)
{
  g_return_val_if_fail (index < self->edits->len, NULL);
  return &g_array_index (self->edits, SynackEdit, index);
}

void
synack_document_undo_edit (SynackDocument *self)
{
  if (self->edits->len == 0)
    return;
  g_array_set_size (self->edits, self->edits->len - 1);
  changed (self);
}

void
synack_document_clear_edits (SynackDocument *self)
{
  if (self->edits->len == 0)
    return;
  g_array_set_size (self->edits, 0);
  changed (self);
}

/* ---- The scenario ---------------------------------------------------------- */

static gboolean
apply_close_order (SynackDocument *self, SynackScenario *scenario, GError **error)
{
  g_autofree char *at = synack_describe_time (self->close_at, SYNACK_TIME_SCENARIO);
  g_autofree char *first = NULL;
  g_autofree char *then = NULL;

  if (self->close_order == SYNACK_CLOSE_AS_WRITTEN)
    return TRUE;
  synack_scenario_remove_actions (scenario, SYNACK_DO_CLOSE);
  switch (self->close_order)
    {
    case SYNACK_CLOSE_CLIENT_FIRST:
      first = g_strdup_printf ("at %s client close", at);
      then = g_strdup ("when server eof +100ms: server close");
      break;
    case SYNACK_CLOSE_SERVER_FIRST:
      first = g_strdup_printf ("at %s server close", at);
      then = g_strdup ("when client eof +100ms: client close");
      break;
    case SYNACK_CLOSE_BOTH_AT_ONCE:
    case SYNACK_CLOSE_AS_WRITTEN:
    default:
      first = g_strdup_printf ("at %s client close", at);
      then = g_strdup_printf ("at %s server close", at);
      break;
    }
  return synack_scenario_append_line (scenario, first, error) &&
         synack_scenario_append_line (scenario, then, error);
}

SynackScenario *
synack_document_build_scenario (SynackDocument *self, GError **error)
{
  g_autoptr(SynackScenario) scenario = NULL;
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), NULL);

  if (self->base == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No lesson is loaded"));
      return NULL;
    }
  scenario = synack_scenario_copy (self->base);
  if (!apply_close_order (self, scenario, error))
    return NULL;

  /* "profile" first: it resets every default the others then change. */
  if (g_hash_table_contains (self->overrides, "profile") &&
      !synack_scenario_set_param (scenario, "profile", g_hash_table_lookup (self->overrides, "profile"), error))
    return NULL;
  keys = g_hash_table_get_keys (self->overrides);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "profile") &&
        !synack_scenario_set_param (scenario, l->data, g_hash_table_lookup (self->overrides, l->data), error))
      return NULL;

  for (guint i = 0; i < self->edits->len; i++)
    {
      g_autofree char *line = synack_edit_to_line (&g_array_index (self->edits, SynackEdit, i));

      if (line == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This change cannot be made to a scenario"));
          return NULL;
        }
      if (!synack_scenario_append_line (scenario, line, error))
        return NULL;
    }
  return g_steal_pointer (&scenario);
}

gboolean
synack_document_get_params (SynackDocument *self, SynackParams *params)
{
  g_autoptr(SynackScenario) scenario = synack_document_build_scenario (self, NULL);

  if (scenario == NULL)
    return FALSE;
  *params = synack_scenario_get_script (scenario)->params;
  return TRUE;
}

/* ---- Running --------------------------------------------------------------- */

typedef struct {
  SynackDocument *document;
  guint64         events;
  gint64          t;
  guint           connections;
} Progress;

static gboolean
emit_progress (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->document, signals[RUN_PROGRESS], 0, p->events, p->t, p->connections);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->document);
  g_free (p);
}

/* In the worker: told in the caller's context, where the window is. */
static void
report_progress (uint64_t events, SynackTime t, uint32_t connections, gpointer data)
{
  RunJob *job = data;
  Progress *p = g_new0 (Progress, 1);

  p->document = g_object_ref (job->document);
  p->events = events;
  p->t = t;
  p->connections = connections;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, emit_progress, p, progress_free);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *unused)
{
  SynackDocument *self = source;
  RunJob *job = task_data;
  g_autoptr(GError) error = NULL;
  SynackRunStats stats = { 0 };
  gint64 start = g_get_monotonic_time ();
  SynackScaleSummary *summary = NULL;
  SynackTrace *trace;
  SynackRun *run;
  int now_working = g_atomic_int_add (&self->n_workers, 1) + 1;
  int peak;

  do
    peak = g_atomic_int_get (&self->peak_workers);
  while (now_working > peak && !g_atomic_int_compare_and_exchange (&self->peak_workers, peak, now_working));

  if (job->trace != NULL)
    trace = g_steal_pointer (&job->trace);
  else if (job->window_first > 0 ||
           synack_scenario_count_connects (job->scenario) > SYNACK_DOCUMENT_KEEP_CONNECTIONS)
    trace = _synack_document_run_at_scale (job->scenario, job->window_first, job->window_last, &summary, &stats,
                                           report_progress, job, job->cancel, &error);
  else
    trace = synack_scenario_run_cancellable (job->scenario, &stats, job->cancel, &error);
  if (trace != NULL && g_cancellable_set_error_if_cancelled (job->cancel, &error))
    g_clear_pointer (&trace, synack_trace_free);
  if (trace == NULL)
    {
      g_atomic_int_add (&self->n_workers, -1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run = synack_run_new (g_steal_pointer (&job->scenario), trace);
  run->stats = stats;
  run->summarized = summary != NULL;
  run->summary = summary != NULL ? g_steal_pointer (&summary) : synack_scale_summary_of_trace (trace);
  run->window_first = job->window_first;
  run->window_last = job->window_last;
  run->elapsed_us = g_get_monotonic_time () - start;
  if (job->layout_theme != NULL && !(run->summarized && run->window_first == 0))
    synack_run_lay_out (run, job->layout_theme, job->text_scale);
  g_atomic_int_add (&self->n_workers, -1);
  g_task_return_pointer (task, run, (GDestroyNotify) synack_run_unref);
}

static void start_worker (SynackDocument *self, GTask *outer);

/* The worker returned: hand its result to the caller, start the next run. */
static void
worker_done (GObject *source, GAsyncResult *result, gpointer data)
{
  SynackDocument *self = SYNACK_DOCUMENT (source);
  g_autoptr(GTask) outer = data;
  g_autoptr(GError) error = NULL;
  SynackRun *run = g_task_propagate_pointer (G_TASK (result), &error);
  RunJob *job = g_task_get_task_data (outer);

  /* Superseded after its worker had already finished: nobody wants it. */
  if (run != NULL && g_cancellable_set_error_if_cancelled (job->cancel, &error))
    g_clear_pointer (&run, synack_run_unref);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->n_stopped++;

  g_assert (self->working == outer);
  g_clear_object (&self->working);
  if (self->waiting != NULL)
    {
      GTask *next = g_steal_pointer (&self->waiting);

      start_worker (self, next);
      g_object_unref (next);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (run != NULL)
    g_task_return_pointer (outer, run, (GDestroyNotify) synack_run_unref);
  else
    g_task_return_error (outer, g_steal_pointer (&error));
}

static void
start_worker (SynackDocument *self, GTask *outer)
{
  g_autoptr(GTask) inner = g_task_new (self, NULL, worker_done, g_object_ref (outer));

  self->working = g_object_ref (outer);
  g_task_set_source_tag (inner, start_worker);
  g_task_set_task_data (inner, g_task_get_task_data (outer), NULL);
  g_task_run_in_thread (inner, run_in_thread);
}

static void
cancel_from_caller (GCancellable *caller, gpointer cancel)
{
  g_cancellable_cancel (cancel);
}

void
synack_document_run_async (SynackDocument      *self,
                           const char          *layout_theme,
                           double               text_scale,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SynackScenario *scenario;
  gboolean was_busy;
  RunJob *job;

  g_return_if_fail (SYNACK_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, synack_document_run_async);
  scenario = synack_document_build_scenario (self, &error);
  if (scenario == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (RunJob, 1);
  job->scenario = scenario;
  if (self->capture != NULL)
    job->trace = synack_capture_copy_trace (self->capture);
  job->layout_theme = g_strdup (layout_theme);
  job->text_scale = text_scale;
  job->window_first = self->window_first;
  job->window_last = self->window_last;
  job->context = g_main_context_ref_thread_default ();
  job->document = self;
  job->cancel = g_cancellable_new ();
  if (cancellable != NULL)
    {
      job->caller_cancel = g_object_ref (cancellable);
      job->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_from_caller), job->cancel, NULL);
    }
  g_task_set_task_data (task, job, (GDestroyNotify) run_job_free);

  was_busy = synack_document_get_busy (self);
  if (self->waiting != NULL)
    {
      /* It never started; nobody wants it any more. */
      g_autoptr(GTask) superseded = g_steal_pointer (&self->waiting);

      g_task_return_new_error (superseded, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("A newer run replaced this one"));
    }
  if (self->working != NULL)
    {
      RunJob *old = g_task_get_task_data (self->working);

      g_cancellable_cancel (old->cancel);
      self->waiting = g_steal_pointer (&task);
    }
  else
    start_worker (self, task);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
synack_document_set_window (SynackDocument *self, uint32_t first, uint32_t last)
{
  g_return_if_fail (SYNACK_IS_DOCUMENT (self));

  if (first == 0 || last < first)
    first = last = 0;
  if (first == self->window_first && last == self->window_last)
    return;
  self->window_first = first;
  self->window_last = last;
  changed (self);
}

void
synack_document_get_window (SynackDocument *self, uint32_t *first, uint32_t *last)
{
  *first = self->window_first;
  *last = self->window_last;
}

SynackRun *
synack_document_run_finish (SynackDocument *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == synack_document_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
synack_document_get_busy (SynackDocument *self)
{
  return self->working != NULL || self->waiting != NULL;
}

guint
synack_document_get_peak_workers (SynackDocument *self)
{
  return (guint) g_atomic_int_get (&self->peak_workers);
}

guint
synack_document_get_n_stopped (SynackDocument *self)
{
  return self->n_stopped;
}

/* ---- GObject --------------------------------------------------------------- */

SynackDocument *
synack_document_new (void)
{
  return g_object_new (SYNACK_TYPE_DOCUMENT, NULL);
}

SynackDocument *
synack_document_copy (SynackDocument *self)
{
  SynackDocument *copy = synack_document_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), NULL);

  if (self->base != NULL)
    copy->base = synack_scenario_copy (self->base);
  copy->lesson = g_strdup (self->lesson);
  g_set_object (&copy->file, self->file);
  if (self->capture != NULL)
    copy->capture = synack_capture_copy (self->capture);
  g_hash_table_iter_init (&iter, self->overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->overrides, g_strdup (key), g_strdup (value));
  g_array_append_vals (copy->edits, self->edits->data, self->edits->len);
  copy->close_order = self->close_order;
  copy->close_at = self->close_at;
  return copy;
}

static void
synack_document_finalize (GObject *object)
{
  SynackDocument *self = SYNACK_DOCUMENT (object);

  /* A working run holds a reference to the document, so none is left. */
  g_assert (self->working == NULL && self->waiting == NULL);
  g_clear_pointer (&self->base, synack_scenario_free);
  g_clear_pointer (&self->lesson, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->capture, synack_capture_free);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->edits, g_array_unref);
  G_OBJECT_CLASS (synack_document_parent_class)->finalize (object);
}

static void
synack_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackDocument *self = SYNACK_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, synack_document_get_title (self)); break;
    case PROP_BUSY: g_value_set_boolean (value, synack_document_get_busy (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_document_class_init (SynackDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = synack_document_finalize;
  object_class->get_property = synack_document_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* What the next run would be has changed: parameters, edits, the lesson. */
  signals[RUN_PROGRESS] = g_signal_new ("run-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                        G_TYPE_UINT64, G_TYPE_INT64, G_TYPE_UINT);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
synack_document_init (SynackDocument *self)
{
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->edits = g_array_new (FALSE, TRUE, sizeof (SynackEdit));
  self->close_at = SYNACK_SEC (1);
}
