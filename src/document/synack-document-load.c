/* synack-document-load.c: opening a scenario file or a capture, at once or in a worker thread. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-document-private.h"

typedef enum {
  LOAD_SCENARIO,
  LOAD_CAPTURE,
  LOAD_EITHER,    /* a capture if it starts like one */
} LoadKind;

/* What a load reads: made in any thread, given to the document in its own. */
typedef struct {
  LoadKind        kind;
  GFile          *file;
  SynackScenario *scenario;
  SynackCapture  *capture;
} Load;

static void
load_clear (Load *load)
{
  g_clear_object (&load->file);
  g_clear_pointer (&load->scenario, synack_scenario_free);
  g_clear_pointer (&load->capture, synack_capture_free);
}

static void
load_free (gpointer data)
{
  load_clear (data);
  g_free (data);
}

static gboolean
load_read (Load *load, GError **error)
{
  g_autofree char *path = g_file_get_path (load->file);
  g_autofree char *text = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be opened"));
      return FALSE;
    }
  /* Only a regular file is sniffed: opening a FIFO would wait for a
   * writer. Anything else is refused, with the reason, as a scenario. */
  if (load->kind == LOAD_EITHER)
    load->kind = g_file_test (path, G_FILE_TEST_IS_REGULAR) && synack_capture_file_is_capture (path)
                 ? LOAD_CAPTURE : LOAD_SCENARIO;
  if (load->kind == LOAD_SCENARIO)
    {
      load->scenario = synack_scenario_load_file (path, error);
      return load->scenario != NULL;
    }
  load->capture = synack_capture_import_file (path, 0, error);
  if (load->capture == NULL)
    return FALSE;
  text = synack_capture_to_scenario_text (load->capture);
  load->scenario = synack_scenario_parse (text, load->capture->source, error);
  if (load->scenario == NULL)
    return FALSE;
  synack_scenario_set_name (load->scenario, load->capture->source);
  return TRUE;
}

static void
load_apply (SynackDocument *self, Load *load)
{
  /* A capture is shown without a file, so a save never writes over it. */
  _synack_document_set_base (self, g_steal_pointer (&load->scenario), NULL,
                             load->kind == LOAD_SCENARIO ? load->file : NULL,
                             g_steal_pointer (&load->capture));
}

static gboolean
load_now (SynackDocument *self, LoadKind kind, GFile *file, GError **error)
{
  Load load = { kind, g_object_ref (file), NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (SYNACK_IS_DOCUMENT (self), FALSE);

  ok = load_read (&load, error);
  if (ok)
    load_apply (self, &load);
  load_clear (&load);
  return ok;
}

gboolean
synack_document_load_file (SynackDocument *self, GFile *file, GError **error)
{
  return load_now (self, LOAD_SCENARIO, file, error);
}

gboolean
synack_document_load_capture (SynackDocument *self, GFile *file, GError **error)
{
  return load_now (self, LOAD_CAPTURE, file, error);
}

/* ---- In a worker thread ----------------------------------------------------- */

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  while (_synack_document_loads_held (source) && !g_cancellable_is_cancelled (cancellable))
    g_usleep (G_USEC_PER_SEC / 1000);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (load_read (load, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back in the document's thread: the worker's task gave up at once if
 * cancelled (its thread finishes on its own and its result is dropped);
 * otherwise what it read becomes the document's. */
static void
load_read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  load_apply (SYNACK_DOCUMENT (source), g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

void
synack_document_open_async (SynackDocument *self, GFile *file, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  g_autoptr(GTask) worker = NULL;
  Load *load;

  g_return_if_fail (SYNACK_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, synack_document_open_async);
  /* Once loaded, the document has changed: a cancel that comes after
   * that must not make the caller believe otherwise. */
  g_task_set_check_cancellable (task, FALSE);

  load = g_new0 (Load, 1);
  load->kind = LOAD_EITHER;
  load->file = g_object_ref (file);
  worker = g_task_new (self, cancellable, load_read_done, task);
  g_task_set_task_data (worker, load, load_free);
  g_task_set_return_on_cancel (worker, TRUE);
  g_task_run_in_thread (worker, load_in_thread);
}

gboolean
synack_document_open_finish (SynackDocument *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == synack_document_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
