/* test-app-scale.c: a run too big to keep in the window: the strip view and the census on the host cards, zooming into a few connections shows their segments, and back. */
#include "synack-config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "synack-i18n.h"
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

  /* Zoomed in (Ctrl +) until few connections are in view: their segments come. */
  while (synack_window_get_run (window) == run && zooms++ < 20)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
      synack_test_app_wait_until_idle (window);
    }
  run = synack_window_get_run (window);
  g_assert_cmpuint (run->window_first, >=, 1);
  g_assert_cmpuint (run->window_last - run->window_first + 1, <=, SYNACK_SCALE_VIEW_SHOW_CONNECTIONS);
  g_assert_cmpuint (run->trace->n_events, >, 0);
  g_assert_cmpstr (synack_window_get_view_shown (window), ==, "diagram");
  g_assert_true (synack_window_get_window_bar_shown (window));
  for (size_t i = 0; i < run->trace->n_events; i++)
    if (run->trace->events[i].conn != 0)
      {
        g_assert_cmpuint (run->trace->events[i].conn, >=, run->window_first);
        g_assert_cmpuint (run->trace->events[i].conn, <=, run->window_last);
      }

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

/* The screen as a teacher sees it (`import` from ImageMagick), into
 * SYNACK_TEST_OUTPUT; checked not blank: the strips and the census are
 * drawn in many colours. */
static void
shoot (const char *language, const char *name)
{
  const char *outdir = g_getenv ("SYNACK_TEST_OUTPUT");
  g_autofree char *file = g_strdup_printf ("scale-%s-%s.png", name, language != NULL ? language : "en");
  g_autofree char *path = g_build_filename (outdir != NULL ? outdir : g_get_tmp_dir (), file, NULL);
  g_autofree char *import = g_find_program_in_path ("import");
  const char *argv[] = { import, "-window", "root", path, NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *data = NULL;
  int status = -1, w, h;

  synack_test_app_wait_frames (300);
  if (import == NULL)
    {
      g_test_message ("no ImageMagick import: no screenshot %s", file);
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  texture = gdk_texture_new_from_filename (path, NULL);
  g_assert_nonnull (texture);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, (gsize) w * 4);
  for (int i = 0; i < w * h; i += 7)
    g_hash_table_add (colours, GUINT_TO_POINTER (((guint32 *) data)[i] | 1));
  g_assert_cmpuint (g_hash_table_size (colours), >, 20);
}

static SynackWindow *
open_scenario (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("SYNACK_SOURCE_DIR"), "bench", "scale", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);

  if (synack_window_get_legend_shown (window))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.legend", NULL));
  synack_window_open_file (window, file);
  synack_test_app_wait_until_idle (window);
  return window;
}

/* 100, 10,000 and 1,000,000 connections, in English and Chinese: the
 * census beside the diagram, the strip view, a window of connections. */
static void
shoot_all (const char *language, gboolean million)
{
  SynackWindow *window;
  SynackScaleView *view;

  synack_i18n_set_language (language);
  window = open_scenario ("connections-100.synack");
  g_assert_cmpstr (synack_window_get_view_shown (window), ==, "diagram");
  synack_window_seek_time (window, SYNACK_MS (500));
  shoot (language, "100-census");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "scale.strips", NULL));
  shoot (language, "100-strips");
  synack_test_app_close (window);

  window = open_scenario ("connections-10000.synack");
  view = SYNACK_SCALE_VIEW (synack_window_get_scale_view (window));
  synack_window_seek_time (window, SYNACK_SEC (30));
  shoot (language, "10000-strips");
  for (int i = 0; i < 20 && synack_window_get_run (window)->window_first == 0; i++)
    {
      synack_scale_view_zoom_rows (view, 2, 60);
      synack_test_app_wait_until_idle (window);
    }
  synack_window_seek_time (window, SYNACK_SEC (10));
  shoot (language, "10000-window");
  synack_test_app_close (window);

  /* A million connections take a minute under the sanitizers: once is
   * enough to see its strips (their words are those of the 10,000). */
  if (million)
    {
      window = open_scenario ("connections-1000000.synack");
      synack_window_seek_time (window, SYNACK_SEC (300));
      shoot (language, "1000000-strips");
      synack_test_app_close (window);
    }
  synack_i18n_set_language (NULL);
}

static void
test_screenshots (void)
{
  shoot_all (NULL, TRUE);
  shoot_all ("zh_CN", FALSE);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!synack_test_app_init ())
    return 77;
  g_test_add_func ("/app/scale/strips-and-zoom", test_strips_and_zoom);
  g_test_add_func ("/app/scale/screenshots", test_screenshots);
  return g_test_run ();
}
