/* test-app-scale.c: a run too big to keep in the window: the strip view and the census on the host cards, zooming into a few connections shows their segments, and back. */
#include "synack-config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "synack-scale-view.h"
#include "synack-test-app.h"

/* More short connections than the document keeps. */
static const char scenario[] =
  "title = Six thousand connections\n"
  "delay = 2ms\n"
  "event-limit = 100000000\n"
  "at 0 server listen 80\n"
  "at 1ms client connect 80 repeat 5999 every 1ms\n"
  "when client established: client send 100\n"
  "when server received 100: server send 200\n"
  "when client received 200: client close\n"
  "when server eof: server close\n";

static void
test_strips_and_zoom (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "synack-test-scale.synack", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  SynackScaleView *view = SYNACK_SCALE_VIEW (synack_window_get_scale_view (window));
  const SynackRun *run;
  uint32_t first, last;
  int zooms = 0;

  g_assert_true (g_file_set_contents (path, scenario, -1, NULL));
  g_assert_cmpstr (synack_window_get_view_shown (window), ==, "diagram");
  synack_window_open_file (window, file);
  synack_test_app_wait_until_idle (window);
  run = synack_window_get_run (window);
  g_assert_true (run->summarized);
  g_assert_cmpuint (run->trace->n_events, ==, 0);
  g_assert_cmpstr (synack_window_get_view_shown (window), ==, "strips");
  g_assert_false (synack_window_get_window_bar_shown (window));

  /* A moment when thousands wait: the card counts them from the census. */
  synack_window_seek_time (window, SYNACK_SEC (30));
  g_assert_nonnull (strstr (synack_window_get_state_text (window, SYNACK_CLIENT), "TIME_WAIT × "));

  /* Zoomed in until few connections are in view: their segments come. */
  while (synack_window_get_run (window) == run && zooms++ < 20)
    {
      synack_scale_view_zoom_rows (view, 2, 0);
      synack_test_app_wait_until_idle (window);
    }
  run = synack_window_get_run (window);
  g_assert_cmpuint (run->window_first, ==, 1);
  g_assert_cmpuint (run->window_last, <=, SYNACK_SCALE_VIEW_SHOW_CONNECTIONS);
  g_assert_cmpuint (run->trace->n_events, >, 0);
  g_assert_cmpstr (synack_window_get_view_shown (window), ==, "diagram");
  g_assert_true (synack_window_get_window_bar_shown (window));
  for (size_t i = 0; i < run->trace->n_events; i++)
    g_assert_cmpuint (run->trace->events[i].conn, <=, run->window_last);

  /* And back to all of them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "scale.all-connections", NULL));
  synack_test_app_wait_until_idle (window);
  g_assert_cmpstr (synack_window_get_view_shown (window), ==, "strips");
  synack_scale_view_get_shown (view, &first, &last);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, synack_strip_grid_n_conns (synack_window_get_run (window)->summary->grid));

  synack_test_app_close (window);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!synack_test_app_init ())
    return 77;
  g_test_add_func ("/app/scale/strips-and-zoom", test_strips_and_zoom);
  return g_test_run ();
}
