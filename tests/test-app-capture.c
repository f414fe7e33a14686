/* test-app-capture.c: a real capture (curl to a local web server) opened in the window: shown as it is, what-if refused, replayed as a scenario. */
#include "synack-config.h"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "synack-application.h"
#include "synack-capture.h"
#include "synack-export-dialog.h"
#include "synack-window-testing.h"

static SynackApplication *app;

static void
wait_ms (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
wait_idle (SynackWindow *window)
{
  while (synack_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  wait_ms (200);
}

/* The screen as a user sees it, to look at (SYNACK_TEST_OUTPUT). */
static void
shoot (const char *name)
{
  const char *outdir = g_getenv ("SYNACK_TEST_OUTPUT");
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_build_filename (outdir ? outdir : g_get_tmp_dir (), file, NULL);
  g_autofree char *import = g_find_program_in_path ("import");
  const char *argv[] = { import, "-window", "root", path, NULL };

  wait_ms (400);
  if (import == NULL)
    return;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  g_test_message ("%s: %s", name, path);
}

static void
on_export_finished (SynackExportDialog *dialog, gboolean ok, const char *message, int *result)
{
  *result = ok ? 1 : 0;
}

static guint
count_events (const SynackTrace *trace, SynackEventType type)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == type;
  return n;
}

static void
test_open_capture (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (SYNACK_TEST_CAPTURE);
  SynackWindow *window = synack_window_new (app);
  const SynackTrace *trace;
  size_t n_events;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  synack_window_open_file (window, file);
  wait_idle (window);

  /* The capture as it is: its 12 segments, no timers (a capture shows none),
   * and HTTP/1.0's server closing first, so the server keeps TIME_WAIT. */
  trace = synack_window_get_run (window)->trace;
  n_events = trace->n_events;
  g_assert_cmpuint (trace->n_segments, ==, 12);
  g_assert_cmpuint (count_events (trace, SYNACK_EVENT_TIMER), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "curl-localhost.pcap");
  synack_window_set_cursor (window, (long) n_events - 1);
  wait_ms (100);
  g_assert_cmpstr (synack_window_get_state_text (window, SYNACK_SERVER), ==, "TIME_WAIT");
  g_assert_cmpstr (synack_window_get_state_text (window, SYNACK_CLIENT), ==, "CLOSED");
  synack_window_set_cursor (window, 12);
  shoot ("capture");

  /* The Export dialog writes the run as a capture again: the same segments. */
  {
    SynackExportDialog *dialog = synack_export_dialog_new (GTK_WINDOW (window), synack_window_get_run (window),
                                                           -1, "light");
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "synack-test-capture-export.pcapng", NULL);
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_autoptr(SynackCapture) again = NULL;
    g_autoptr(GError) error = NULL;

    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    int result = -1;

    gtk_window_present (GTK_WINDOW (dialog));
    g_signal_connect (dialog, "finished", G_CALLBACK (on_export_finished), &result);
    synack_export_dialog_set_extension (dialog, ".pcapng");
    synack_export_dialog_export_to (dialog, out);
    while (result < 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (result, ==, 1);
    again = synack_capture_import_file (path, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->n_packets, ==, 12);
    g_unlink (path);
  }

  /* A what-if is refused, with the reason: the capture stays what it was. */
  {
    SynackEdit lose_third = { .kind = SYNACK_EDIT_LOSE_SEGMENT, .segment = 3 };

    g_assert_false (synack_window_add_edit (window, &lose_third));
    g_assert_nonnull (synack_window_get_error (window));
    g_assert_nonnull (strstr (synack_window_get_error (window), "Replay Capture as Scenario"));
    g_assert_false (synack_window_set_param (window, "rto-min", "1s"));
  }
  wait_idle (window);
  trace = synack_window_get_run (window)->trace;
  g_assert_cmpuint (trace->n_events, ==, n_events);
  g_assert_cmpuint (count_events (trace, SYNACK_EVENT_LOST), ==, 0);

  /* Replayed as a scenario: simulated, timers and all, the same segments. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replay-capture", NULL));
  wait_idle (window);
  trace = synack_window_get_run (window)->trace;
  g_assert_cmpuint (trace->n_segments, ==, 12);
  g_assert_cmpuint (count_events (trace, SYNACK_EVENT_TIMER), >, 0);
  synack_window_set_cursor (window, (long) trace->n_events - 1);
  wait_ms (100);
  g_assert_cmpstr (synack_window_get_state_text (window, SYNACK_CLIENT), ==, "CLOSED");
  /* Now what-if works: losing the SYN brings a retransmission. */
  {
    SynackEdit lose_syn = { .kind = SYNACK_EDIT_LOSE_SEGMENT, .segment = 1 };

    g_assert_true (synack_window_add_edit (window, &lose_syn));
  }
  wait_idle (window);
  trace = synack_window_get_run (window)->trace;
  g_assert_cmpuint (count_events (trace, SYNACK_EVENT_LOST), ==, 1);
  shoot ("capture-replayed");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipping the capture window test\n");
      return 77;
    }
  app = synack_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_test_add_func ("/app/capture", test_open_capture);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
