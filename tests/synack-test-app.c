/* synack-test-app.c: what the window tests share (synack-test-app.h). */
#include "synack-config.h"

#include "synack-test-app.h"

SynackApplication *synack_test_app;

gboolean
synack_test_app_init (void)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_init_check ())
    {
      g_printerr ("no display: the window tests need X (run them under xvfb-run)\n");
      return FALSE;
    }
  synack_test_app = synack_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (synack_test_app), NULL, &error));
  g_assert_no_error (error);
  return TRUE;
}

void
synack_test_app_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

void
synack_test_app_wait_frames (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

void
synack_test_app_wait_until_idle (SynackWindow *window)
{
  /* Generous: a long trace's layout, or a million connections, take a
   * minute or more under the sanitizers on a busy machine. */
  gint64 deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;

  while (synack_window_is_busy (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (synack_window_is_busy (window));
  synack_test_app_flush ();
}

static struct {
  guint  source;
  gint64 last_tick, worst_gap;
  guint  n_ticks;
} heartbeat;

static gboolean
on_heartbeat (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (heartbeat.last_tick != 0)
    heartbeat.worst_gap = MAX (heartbeat.worst_gap, now - heartbeat.last_tick);
  heartbeat.last_tick = now;
  heartbeat.n_ticks++;
  return G_SOURCE_CONTINUE;
}

void
synack_test_app_heartbeat_start (void)
{
  g_assert_true (heartbeat.source == 0);
  heartbeat.last_tick = heartbeat.worst_gap = 0;
  heartbeat.n_ticks = 0;
  heartbeat.source = g_timeout_add (10, on_heartbeat, NULL);
}

gint64
synack_test_app_heartbeat_stop (guint *n_ticks)
{
  g_clear_handle_id (&heartbeat.source, g_source_remove);
  /* The gap since the last tick counts too: the loop may be held still. */
  if (heartbeat.last_tick != 0)
    heartbeat.worst_gap = MAX (heartbeat.worst_gap, g_get_monotonic_time () - heartbeat.last_tick);
  if (n_ticks)
    *n_ticks = heartbeat.n_ticks;
  return heartbeat.worst_gap;
}

SynackWindow *
synack_test_app_open (const char *lesson, int width, int height)
{
  SynackWindow *window = synack_window_new (synack_test_app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (synack_window_load_lesson (window, lesson));
  gtk_window_present (GTK_WINDOW (window));
  synack_test_app_wait_until_idle (window);
  g_assert_nonnull (synack_window_get_run (window));
  synack_test_app_wait_frames (100);
  return window;
}

void
synack_test_app_close (SynackWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  synack_test_app_flush ();
}
