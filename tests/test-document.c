/* test-document.c: the document model without a display: structured changes, runs, superseded runs that stop at once, captures shown read-only. */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>

#include "synack-document-private.h"
#include "synack-test-long-run.h"

/* Long enough that a run left alone takes seconds. */
static const char long_scenario[] = SYNACK_TEST_LONG_RUN;

typedef struct {
  SynackRun *run;
  GError    *error;
  gint64     returned_us;   /* when the callback ran */
  gboolean   done;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->run, synack_run_unref);
  g_clear_error (&o->error);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;

  o->run = synack_document_run_finish (SYNACK_DOCUMENT (source), result, &o->error);
  o->returned_us = g_get_monotonic_time ();
  o->done = TRUE;
}

static void
wait_for (Outcome *o)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!o->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (o->done);
}

static SynackDocument *
document_with (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  SynackDocument *doc = synack_document_new ();
  int fd = g_file_open_tmp ("synack-document-XXXXXX.synack", &path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  close (fd);
  file = g_file_new_for_path (path);
  g_assert_true (synack_document_load_file (doc, file, &error));
  g_assert_no_error (error);
  g_unlink (path);
  return doc;
}

static SynackRun *
run_now (SynackDocument *doc)
{
  Outcome o = { 0 };

  synack_document_run_async (doc, NULL, 1.0, NULL, on_run_done, &o);
  wait_for (&o);
  g_assert_no_error (o.error);
  g_assert_nonnull (o.run);
  return o.run;
}

static gboolean
has_event (const SynackTrace *trace, SynackEventType type, SynackHostId host, guint8 flags)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == type && trace->events[i].host == host &&
        (flags == 0 || (trace->events[i].hdr.flags & flags) == flags))
      return TRUE;
  return FALSE;
}

static long
first_fin (const SynackTrace *trace)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && (trace->events[i].hdr.flags & SYNACK_FLAG_FIN))
      return (long) i;
  return -1;
}

static void
on_changed (SynackDocument *doc, guint *count)
{
  (*count)++;
}

static void
test_parameters (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autoptr(GError) error = NULL;
  SynackParams params;
  guint changes = 0;

  g_assert_false (synack_document_get_params (doc, &params));
  g_assert_true (synack_document_load_preset (doc, "handshake", &error));
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_true (synack_document_set_param (doc, "loss-c2s", "50%", &error));
  g_assert_true (synack_document_get_params (doc, &params));
  g_assert_cmpfloat (params.loss[SYNACK_C2S], ==, 0.5);
  g_assert_cmpuint (changes, ==, 1);

  /* A bad value is refused with the scenario layer's message. */
  g_assert_false (synack_document_set_param (doc, "msl", "-3s", &error));
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "negative"));
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_null (synack_document_get_param (doc, "msl"));

  /* Each value alone is fine; together they are not, and the second is
   * refused rather than kept to break every later run. */
  g_assert_true (synack_document_set_param (doc, "rto-initial", "200ms", &error));
  g_assert_true (synack_document_set_param (doc, "rto-max", "300ms", &error));
  g_assert_false (synack_document_set_param (doc, "rto-min", "500ms", &error));
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_null (synack_document_get_param (doc, "rto-min"));
  g_assert_cmpstr (synack_document_get_param (doc, "rto-max"), ==, "300ms");
  g_assert_cmpuint (changes, ==, 3);

  /* A profile starts from its own defaults. */
  g_assert_true (synack_document_set_param (doc, "profile", "rfc9293", &error));
  g_assert_null (synack_document_get_param (doc, "loss-c2s"));
  g_assert_true (synack_document_get_params (doc, &params));
  g_assert_cmpint (params.msl, ==, SYNACK_SEC (120));
  g_assert_cmpfloat (params.loss[SYNACK_C2S], ==, 0);

  synack_document_reset_params (doc);
  g_assert_true (synack_document_get_params (doc, &params));
  g_assert_cmpint (params.msl, ==, SYNACK_SEC (30));
}

/* "Closes first" removes the lesson's close() calls from the script itself
 * and saves as a file that runs the same. */
static void
test_close_order (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SynackRun) as_written = NULL;
  g_autoptr(SynackRun) server_first = NULL;
  g_autoptr(SynackScenario) reread = NULL;
  g_autoptr(SynackTrace) again = NULL;
  g_autofree char *text = NULL;
  const SynackTrace *trace;
  long fin;

  g_assert_true (synack_document_load_preset (doc, "handshake", &error));
  as_written = run_now (doc);
  fin = first_fin (as_written->trace);
  g_assert_cmpint (fin, >=, 0);
  g_assert_cmpint (as_written->trace->events[fin].host, ==, SYNACK_CLIENT);

  synack_document_set_close_order (doc, SYNACK_CLOSE_SERVER_FIRST, SYNACK_MS (300));
  server_first = run_now (doc);
  trace = server_first->trace;
  fin = first_fin (trace);
  g_assert_cmpint (fin, >=, 0);
  g_assert_cmpint (trace->events[fin].host, ==, SYNACK_SERVER);
  g_assert_cmpint (trace->events[fin].t, ==, SYNACK_MS (300));
  g_assert_true (has_event (trace, SYNACK_EVENT_SEND, SYNACK_CLIENT, SYNACK_FLAG_FIN));

  text = synack_scenario_to_text (server_first->scenario);
  g_assert_nonnull (strstr (text, "# left out: "));
  reread = synack_scenario_parse (text, "saved", &error);
  g_assert_no_error (error);
  again = synack_scenario_run (reread, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_events, ==, trace->n_events);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      g_assert_cmpint (again->events[i].t, ==, trace->events[i].t);
      g_assert_cmpint (again->events[i].type, ==, trace->events[i].type);
      g_assert_cmpint (again->events[i].host, ==, trace->events[i].host);
      g_assert_cmpuint (again->events[i].hdr.flags, ==, trace->events[i].hdr.flags);
    }
}

static void
test_edits (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SynackRun) lossy = NULL;
  g_autoptr(SynackRun) clean = NULL;
  SynackEdit lose = { .kind = SYNACK_EDIT_LOSE_SEGMENT, .segment = 1 };
  SynackEdit nonsense = { .kind = SYNACK_EDIT_CALL, .what = SYNACK_DO_LISTEN };
  g_autofree char *line = NULL;

  g_assert_true (synack_document_load_preset (doc, "handshake", &error));
  g_assert_true (synack_document_add_edit (doc, &lose, &error));
  g_assert_false (synack_document_add_edit (doc, &nonsense, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (synack_document_get_n_edits (doc), ==, 1);
  line = synack_edit_to_line (synack_document_get_edit (doc, 0));
  g_assert_cmpstr (line, ==, "lose segment 1");

  lossy = run_now (doc);
  g_assert_true (has_event (lossy->trace, SYNACK_EVENT_LOST, SYNACK_CLIENT, 0) ||
                 has_event (lossy->trace, SYNACK_EVENT_LOST, SYNACK_SERVER, 0));
  synack_document_undo_edit (doc);
  clean = run_now (doc);
  g_assert_false (has_event (clean->trace, SYNACK_EVENT_LOST, SYNACK_CLIENT, 0) ||
                  has_event (clean->trace, SYNACK_EVENT_LOST, SYNACK_SERVER, 0));
}

/* Let the first run get well into its work before it is superseded. */
static void
spin_main_loop (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_superseded_run_stops (void)
{
  g_autoptr(SynackDocument) doc = document_with (long_scenario);
  g_autoptr(GError) error = NULL;
  Outcome first = { 0 }, second = { 0 };
  gint64 superseded_at, stopped_after;

  synack_document_run_async (doc, NULL, 1.0, NULL, on_run_done, &first);
  g_assert_true (synack_document_get_busy (doc));
  spin_main_loop (100);
  g_assert_false (first.done);

  superseded_at = g_get_monotonic_time ();
  g_assert_true (synack_document_set_param (doc, "time-limit", "50ms", &error));
  synack_document_run_async (doc, "light", 1.0, NULL, on_run_done, &second);
  wait_for (&second);

  g_assert_true (first.done);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.run);
  stopped_after = first.returned_us - superseded_at;
  g_test_message ("the superseded run returned %.1f ms after the change", stopped_after / 1000.0);
  /* A few milliseconds; the bound leaves room for a loaded machine and the
   * sanitizers, and is still far below the seconds the run would take. */
  g_assert_cmpint (stopped_after, <, 300 * 1000);

  g_assert_no_error (second.error);
  g_assert_nonnull (second.run);
  g_assert_cmpint (synack_scenario_get_script (second.run->scenario)->params.time_limit, ==, SYNACK_MS (50));
  g_assert_cmpint (second.run->trace->end_time, <=, SYNACK_MS (50));
  g_assert_nonnull (second.run->layout);
  g_assert_false (synack_document_get_busy (doc));
  g_assert_cmpuint (synack_document_get_peak_workers (doc), ==, 1);
  outcome_clear (&first);
  outcome_clear (&second);
}

/* Twenty changes in a row: one run works at a time, only the last counts. */
static void
test_rapid_changes (void)
{
  g_autoptr(SynackDocument) doc = document_with (long_scenario);
  Outcome outcomes[20] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *seed = g_strdup_printf ("%u", i + 1);

      g_assert_true (synack_document_set_param (doc, "seed", seed, &error));
      if (i == G_N_ELEMENTS (outcomes) - 1)
        g_assert_true (synack_document_set_param (doc, "time-limit", "20ms", &error));
      synack_document_run_async (doc, NULL, 1.0, NULL, on_run_done, &outcomes[i]);
      g_main_context_iteration (NULL, FALSE);
    }
  wait_for (&outcomes[G_N_ELEMENTS (outcomes) - 1]);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (outcomes); i++)
    {
      g_assert_true (outcomes[i].done);
      g_assert_error (outcomes[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      outcome_clear (&outcomes[i]);
    }
  g_assert_no_error (outcomes[19].error);
  g_assert_cmpuint (synack_scenario_get_script (outcomes[19].run->scenario)->params.seed, ==, 20);
  g_assert_cmpuint (synack_document_get_peak_workers (doc), ==, 1);
  g_assert_false (synack_document_get_busy (doc));
  outcome_clear (&outcomes[19]);
}

static void
test_caller_cancels (void)
{
  g_autoptr(SynackDocument) doc = document_with (long_scenario);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };
  gint64 cancelled_at;

  synack_document_run_async (doc, NULL, 1.0, cancellable, on_run_done, &o);
  spin_main_loop (50);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  wait_for (&o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (o.returned_us - cancelled_at, <, 300 * 1000);
  outcome_clear (&o);
}

/* A capture is shown as it is: its runs are its own trace, every change is
 * refused with the reason until it is replayed, and then it simulates. */
static void
test_capture (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autoptr(SynackDocument) copy = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (SYNACK_TEST_CAPTURE);
  g_autoptr(GError) error = NULL;
  SynackEdit lose = { .kind = SYNACK_EDIT_LOSE_SEGMENT, .segment = 1 };
  Outcome o = { 0 };
  guint n_segments, n_lost;

  g_assert_true (synack_document_load_capture (doc, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (synack_document_get_capture (doc));
  g_assert_null (synack_document_get_file (doc));  /* a save never writes over it */
  n_segments = synack_document_get_capture (doc)->trace->n_segments;

  g_assert_false (synack_document_set_param (doc, "rto-min", "1s", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (synack_document_add_edit (doc, &lose, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  synack_document_set_close_order (doc, SYNACK_CLOSE_SERVER_FIRST, SYNACK_SEC (1));
  g_assert_cmpint (synack_document_get_close_order (doc, NULL), ==, SYNACK_CLOSE_AS_WRITTEN);
  g_assert_cmpuint (synack_document_get_n_edits (doc), ==, 0);

  /* Its run is the capture: the same segments and no timer at all. */
  synack_document_run_async (doc, "light", 1.0, NULL, on_run_done, &o);
  wait_for (&o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.run->trace->n_segments, ==, n_segments);
  for (size_t i = 0; i < o.run->trace->n_events; i++)
    g_assert_cmpint (o.run->trace->events[i].type, !=, SYNACK_EVENT_TIMER);
  outcome_clear (&o);

  /* A copy (the language switch) is a capture too. */
  copy = synack_document_copy (doc);
  g_assert_nonnull (synack_document_get_capture (copy));
  g_assert_false (synack_document_check_writable (copy, NULL));

  g_assert_true (synack_document_replay_capture (doc));
  g_assert_null (synack_document_get_capture (doc));
  g_assert_true (synack_document_add_edit (doc, &lose, &error));
  g_assert_no_error (error);
  o = (Outcome) { 0 };
  synack_document_run_async (doc, NULL, 1.0, NULL, on_run_done, &o);
  wait_for (&o);
  g_assert_no_error (o.error);
  n_lost = 0;
  for (size_t i = 0; i < o.run->trace->n_events; i++)
    n_lost += o.run->trace->events[i].type == SYNACK_EVENT_LOST;
  g_assert_cmpuint (n_lost, ==, 1);
  outcome_clear (&o);
  g_assert_false (synack_document_replay_capture (doc));
}

typedef struct {
  gboolean  ok;
  GError   *error;
  gboolean  done;
} Loaded;

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  Loaded *l = data;

  l->ok = synack_document_open_finish (SYNACK_DOCUMENT (source), result, &l->error);
  l->done = TRUE;
}

static guint ticks;

static gboolean
on_tick (gpointer data)
{
  ticks++;
  return G_SOURCE_CONTINUE;
}

/* A capture (found by its first bytes) loads in a worker: the main loop turns meanwhile, and the
 * document changes only when it is in. */
static void
test_load_async (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path (SYNACK_TEST_CAPTURE);
  guint tick = g_timeout_add (1, on_tick, NULL);
  Loaded l = { 0 };

  g_assert_true (synack_document_load_preset (doc, "handshake", NULL));
  synack_document_hold_loads (doc, TRUE);
  synack_document_open_async (doc, file, NULL, on_loaded, &l);
  ticks = 0;
  spin_main_loop (50);
  g_assert_false (l.done);
  g_assert_cmpuint (ticks, >, 5);
  g_assert_cmpstr (synack_document_get_lesson (doc), ==, "handshake");

  synack_document_hold_loads (doc, FALSE);
  while (!l.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_no_error (l.error);
  g_assert_true (l.ok);
  g_assert_nonnull (synack_document_get_capture (doc));
  g_assert_null (synack_document_get_lesson (doc));
}

/* Cancelled while its worker still reads: the load fails at once with
 * CANCELLED and the lesson that was there stays, unchanged. */
static void
test_load_cancelled (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path (SYNACK_TEST_CAPTURE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint changes = 0;
  Loaded l = { 0 };

  g_assert_true (synack_document_load_preset (doc, "handshake", NULL));
  g_assert_true (synack_document_set_param (doc, "delay", "80ms", NULL));
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &changes);
  synack_document_hold_loads (doc, TRUE);
  synack_document_open_async (doc, file, cancellable, on_loaded, &l);
  spin_main_loop (20);
  g_cancellable_cancel (cancellable);
  while (!l.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (l.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (l.ok);
  g_clear_error (&l.error);

  /* Even once its worker has ended, nothing of it arrives. */
  synack_document_hold_loads (doc, FALSE);
  spin_main_loop (50);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_null (synack_document_get_capture (doc));
  g_assert_cmpstr (synack_document_get_lesson (doc), ==, "handshake");
  g_assert_cmpstr (synack_document_get_param (doc, "delay"), ==, "80ms");
}

/* A pipe with no writer is refused with the reason, not waited on (a
 * capture's first bytes are looked for in regular files only). */
static void
test_open_pipe (void)
{
  g_autoptr(SynackDocument) doc = synack_document_new ();
  g_autofree char *dir = g_dir_make_tmp ("synack-document-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pipe.synack", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  Loaded l = { 0 };

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_true (synack_document_load_preset (doc, "handshake", NULL));
  synack_document_open_async (doc, file, NULL, on_loaded, &l);
  while (!l.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (l.done);
  g_assert_false (l.ok);
  g_assert_nonnull (l.error);
  g_assert_nonnull (strstr (l.error->message, "not a regular file"));
  g_assert_cmpstr (synack_document_get_lesson (doc), ==, "handshake");
  g_clear_error (&l.error);
  g_unlink (path);
  g_rmdir (dir);
}

/* Short connections, one every millisecond, the client closing first. */
#define SHORT_CONNECTIONS(n) \
  "delay = 2ms\n" \
  "event-limit = 100000000\n" \
  "at 0 server listen 80\n" \
  "at 1ms client connect 80 repeat " #n " every 1ms\n" \
  "when client established: client send 100\n" \
  "when server received 100: server send 200\n" \
  "when client received 200: client close\n" \
  "when server eof: server close\n"

static void
count_progress (SynackDocument *doc, guint64 events, gint64 t, guint connections, gpointer data)
{
  guint *reports = data;

  (*reports)++;
  g_assert_cmpuint (events, >, 0);
}

/* More connections than a run keeps: the run streams into its census and
 * strip grid, keeping no events, and tells its progress on the way. */
static void
test_run_too_big_to_keep (void)
{
  g_autoptr(SynackDocument) doc = document_with (SHORT_CONNECTIONS (29999));
  guint reports = 0;
  gulong handler = g_signal_connect (doc, "run-progress", G_CALLBACK (count_progress), &reports);
  g_autoptr(SynackRun) run = run_now (doc);
  SynackCensusPeak peak;

  g_signal_handler_disconnect (doc, handler);
  g_assert_true (run->summarized);
  g_assert_cmpuint (run->trace->n_events, ==, 0);
  g_assert_null (run->layout);
  /* Every port towards the server is in TIME_WAIT after 28,232 (Linux's
   * range, 32768–60999): the later connects fail with EADDRNOTAVAIL. */
  g_assert_cmpuint (synack_strip_grid_n_conns (run->summary->grid), ==, 28232);
  g_assert_cmpuint (synack_census_eaddrnotavail (&run->summary->census, SYNACK_CLIENT), ==, 30000 - 28232);
  peak = synack_census_peak (&run->summary->census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT);
  g_assert_cmpuint (peak.count, ==, 28232);
  g_assert_cmpuint (reports, >, 0);
  /* Bounded by the grid and the census bins, not by the connections. */
  g_assert_cmpuint (synack_scale_summary_memory (run->summary), <, 16 * 1024 * 1024);
}

/* A window of connections keeps exactly the events of those connections
 * and of the listener that a whole run has, in the same order. */
static void
test_run_window (void)
{
  g_autoptr(SynackDocument) doc = document_with (SHORT_CONNECTIONS (299));
  g_autoptr(SynackRun) whole = run_now (doc);
  g_autoptr(SynackRun) window = NULL;
  g_autoptr(GHashTable) segments = g_hash_table_new (g_direct_hash, g_direct_equal);
  size_t k = 0;

  g_assert_false (whole->summarized);
  synack_document_set_window (doc, 100, 102);
  window = run_now (doc);
  g_assert_true (window->summarized);
  g_assert_cmpuint (window->window_first, ==, 100);
  for (size_t i = 0; i < whole->trace->n_events; i++)
    {
      const SynackEvent *e = &whole->trace->events[i];
      gboolean mine = e->conn >= 100 && e->conn <= 102;

      if (e->type == SYNACK_EVENT_SEND && mine)
        g_hash_table_add (segments, GUINT_TO_POINTER (e->seg));
      if (e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_LOST || e->type == SYNACK_EVENT_DUPLICATE)
        mine = g_hash_table_contains (segments, GUINT_TO_POINTER (e->seg));
      else if (e->type != SYNACK_EVENT_SEND)
        mine = mine || e->conn == 0;
      if (!mine)
        continue;
      g_assert_cmpuint (k, <, window->trace->n_events);
      g_assert_cmpint (window->trace->events[k].t, ==, e->t);
      g_assert_cmpint (window->trace->events[k].type, ==, e->type);
      g_assert_cmpuint (window->trace->events[k].conn, ==, e->conn);
      k++;
    }
  g_assert_cmpuint (k, ==, window->trace->n_events);
  g_assert_cmpuint (synack_trace_find_conn (window->trace, 101)->client_port,
                    ==, synack_trace_find_conn (whole->trace, 101)->client_port);
  g_assert_cmpuint (synack_strip_grid_n_conns (window->summary->grid), ==, 300);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/parameters", test_parameters);
  g_test_add_func ("/document/close-order", test_close_order);
  g_test_add_func ("/document/edits", test_edits);
  g_test_add_func ("/document/superseded-run-stops", test_superseded_run_stops);
  g_test_add_func ("/document/rapid-changes", test_rapid_changes);
  g_test_add_func ("/document/caller-cancels", test_caller_cancels);
  g_test_add_func ("/document/capture", test_capture);
  g_test_add_func ("/document/load/async", test_load_async);
  g_test_add_func ("/document/load/cancelled", test_load_cancelled);
  g_test_add_func ("/document/load/pipe", test_open_pipe);
  g_test_add_func ("/document/scale/too-big-to-keep", test_run_too_big_to_keep);
  g_test_add_func ("/document/scale/window", test_run_window);
  return g_test_run ();
}
