/* test-app-screenshots.c: screenshots of the running window (start,
 * mid-handshake, TIME_WAIT, presentation, with the state diagram, predict mode, dark), each checked not blank. */
#include "synack-config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "synack-application.h"
#include "synack-export-dialog.h"
#include "synack-i18n.h"
#include "synack-lesson-dialog.h"
#include "synack-toast.h"
#include "synack-window.h"
#include "synack-quiz-panel.h"
#include "synack-test-text.h"
#include "synack-document-private.h"
#include "synack-window-testing.h"

static SynackApplication *app;
static SynackWindow *window;
static const char *language;   /* NULL: as the environment says */

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

static guint
count_colours (GdkTexture *texture, guint cap)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  gsize stride = (gsize) w * 4;
  g_autofree guchar *data = g_malloc (stride * h);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < h && g_hash_table_size (seen) < cap; y += 3)
    for (int x = 0; x < w; x += 3)
      {
        guint32 px;
        memcpy (&px, data + y * stride + x * 4, 4);
        g_hash_table_add (seen, GUINT_TO_POINTER (px | 1));
      }
  return g_hash_table_size (seen);
}

/* The X screen as a user sees it (`import` from ImageMagick); without it, the
 * window's own rendering. Either way the picture is checked not blank. */
static void
shoot (const char *name)
{
  const char *outdir = g_getenv ("SYNACK_TEST_OUTPUT");
  g_autofree char *file = g_strdup_printf ("screenshot-%s%s%s.png", language ? language : "",
                                          language ? "-" : "", name);
  g_autofree char *path = g_build_filename (outdir ? outdir : g_get_tmp_dir (), file, NULL);
  g_autofree char *import = g_find_program_in_path ("import");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  wait_ms (400);
  if (import != NULL && g_getenv ("DISPLAY") != NULL)
    {
      const char *argv[] = { import, "-window", "root", path, NULL };
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, NULL);
    }
  if (status != 0)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      int w = gtk_widget_get_width (GTK_WIDGET (window)), h = gtk_widget_get_height (GTK_WIDGET (window));
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) rendered = NULL;

      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      rendered = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                              &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_assert_true (gdk_texture_save_to_png (rendered, path));
    }

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s", name, path);
  g_assert_cmpuint (count_colours (texture, 64), >=, 32);
}

static long
find_event (const SynackTrace *trace, SynackEventType type, unsigned flags, SynackState to)
{
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      if (e->type != type)
        continue;
      if (type == SYNACK_EVENT_SEND && e->hdr.flags == flags)
        return (long) i;
      if (type == SYNACK_EVENT_STATE && e->to == to)
        return (long) i;
    }
  return -1;
}

static void
shoot_all (void)
{
  const SynackTrace *trace;
  long synack, arrival, time_wait;

  window = synack_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  g_assert_true (synack_window_load_lesson (window, SYNACK_DEFAULT_PRESET));
  gtk_window_present (GTK_WINDOW (window));
  while (synack_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  trace = synack_window_get_run (window)->trace;

  shoot ("start");

  /* A file that takes long to read: the lesson stays, with a Cancel. */
  {
    g_autoptr(GFile) slow = g_file_new_for_path (SYNACK_TEST_CAPTURE);
    SynackDocument *document = synack_window_get_document (window);

    synack_document_hold_loads (document, TRUE);
    synack_window_open_file (window, slow);
    wait_ms (500);
    g_assert_true (synack_window_get_opening_shown (window));
    shoot ("opening");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-opening", NULL));
    synack_document_hold_loads (document, FALSE);
  }

  /* The SYN-ACK half-way to the client. */
  synack = find_event (trace, SYNACK_EVENT_SEND, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0);
  g_assert_cmpint (synack, >=, 0);
  arrival = synack_trace_find_arrival (trace, synack);
  g_assert_cmpint (arrival, >, synack);
  synack_window_seek_time (window, (trace->events[synack].t + trace->events[arrival].t) / 2);
  shoot ("mid-handshake");

  time_wait = find_event (trace, SYNACK_EVENT_STATE, 0, SYNACK_STATE_TIME_WAIT);
  g_assert_cmpint (time_wait, >=, 0);
  synack_window_seek_time (window, trace->events[time_wait].t + SYNACK_SEC (20));
  g_assert_cmpstr (synack_window_get_state_text (window, SYNACK_CLIENT), ==, "TIME_WAIT");
  if (language != NULL)
    g_assert_true (synack_test_has_han (synack_window_get_explanation (window)));
  shoot ("time-wait");

  g_object_set (window, "presentation", TRUE, NULL);
  /* No window manager under Xvfb to honour fullscreen: fill the screen. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  synack_window_seek_time (window, (trace->events[synack].t + trace->events[arrival].t) / 2);
  shoot ("presentation");
  /* Both diagrams at once, for the back of the room. */
  g_object_set (window, "show-states", TRUE, NULL);
  synack_window_set_cursor (window, arrival + 1);
  shoot ("presentation-states");
  /* Predict mode for a class: the question big over the diagram. */
  synack_window_set_cursor (window, -1);
  g_object_set (window, "predict", TRUE, NULL);
  synack_window_set_cursor (window, arrival + 1);
  shoot ("presentation-predict");
  synack_quiz_panel_reveal (SYNACK_QUIZ_PANEL (synack_window_get_quiz_panel (window)));
  shoot ("presentation-predict-revealed");
  g_object_set (window, "predict", FALSE, "presentation", FALSE, NULL);
  synack_window_set_cursor (window, time_wait);
  shoot ("states");
  g_object_set (window, "show-states", FALSE, NULL);

  g_object_set (window, "theme-choice", "dark", NULL);
  synack_window_seek_time (window, trace->events[time_wait].t + SYNACK_SEC (20));
  shoot ("dark");
  g_object_set (window, "theme-choice", "light", NULL);

  /* The SYN-ACK itself: its header, options and what each means. */
  synack_window_set_cursor (window, synack);
  synack_window_show_page (window, "details");
  shoot ("details");
  synack_window_show_page (window, "parameters");
  shoot ("parameters");
  synack_window_show_page (window, "what-if");
  shoot ("what-if");
  synack_window_show_page (window, "events");

  {
    SynackLessonDialog *lessons = synack_lesson_dialog_new (GTK_WINDOW (window), SYNACK_DEFAULT_PRESET);
    gtk_window_present (GTK_WINDOW (lessons));
    shoot ("lessons");
    gtk_window_destroy (GTK_WINDOW (lessons));
  }
  {
    SynackExportDialog *export = synack_export_dialog_new (GTK_WINDOW (window), synack_window_get_run (window),
                                                           synack_window_get_cursor (window), "light");
    gtk_window_present (GTK_WINDOW (export));
    shoot ("export");
    {
      /* Every event as a numbered PNG takes a while: the dialog says so
       * and offers Cancel. */
      g_autofree char *dir = g_dir_make_tmp ("synack-shot-XXXXXX", NULL);
      g_autofree char *stem = g_build_filename (dir, "slide.png", NULL);
      g_autoptr(GFile) slides = g_file_new_for_path (stem);

      synack_export_dialog_set_format (export, SYNACK_EXPORT_FORMAT_PNG);
      synack_export_dialog_set_per_step (export, TRUE);
      synack_export_dialog_export_to (export, slides);
      /* A fast machine may finish the export, and the dialog close
       * itself, before Cancel: the dialog is then gone. */
      g_object_add_weak_pointer (G_OBJECT (export), (gpointer *) &export);
      shoot ("exporting");
      if (export != NULL)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (export), "export.cancel", NULL));
      wait_ms (400);
      {
        /* A finished export left its slides. */
        g_autoptr(GDir) left = g_dir_open (dir, 0, NULL);
        const char *name;

        while (left != NULL && (name = g_dir_read_name (left)) != NULL)
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);

            g_unlink (path);
          }
      }
      g_rmdir (dir);
    }
    if (export != NULL)
      {
        g_object_remove_weak_pointer (G_OBJECT (export), (gpointer *) &export);
        gtk_window_destroy (GTK_WINDOW (export));
      }
  }
  {
    /* What a successful export leaves in the window. */
    g_autoptr(GFile) file = g_file_new_for_path ("/tmp/handshake.pdf");

    synack_toast_show (GTK_WINDOW (window), "Exported “handshake.pdf”", file);
    wait_ms (400);
    shoot ("export-done");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The lesson of a SYN flood at a projector's 1366 × 768, at the moment
 * the lesson is about: the verdict's segment selected, its details shown. */
static void
shoot_attack (const char *lesson, SynackVerdict verdict)
{
  const SynackTrace *trace;
  long moment = -1;

  window = synack_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (synack_window_load_lesson (window, lesson));
  gtk_window_present (GTK_WINDOW (window));
  while (synack_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  trace = synack_window_get_run (window)->trace;
  for (size_t i = 0; i < trace->n_events && moment < 0; i++)
    if (trace->events[i].type == SYNACK_EVENT_DELIVER && trace->events[i].verdict == verdict &&
        trace->events[i].hdr.spoofed_addr == 0)
      moment = (long) i;
  g_assert_cmpint (moment, >=, 0);
  synack_window_set_cursor (window, moment);
  shoot (lesson);
  if (g_str_equal (lesson, "syn-cookies"))
    {
      /* The cookie taken apart, in the segment's details. */
      g_autofree char *name = g_strdup_printf ("%s-details", lesson);

      synack_window_show_page (window, "details");
      shoot (name);
      synack_window_show_page (window, "lesson");
    }
  if (g_str_equal (lesson, "syn-flood"))
    {
      SynackLessonDialog *lessons = synack_lesson_dialog_new (GTK_WINDOW (window), lesson);

      gtk_window_present (GTK_WINDOW (lessons));
      /* What a teacher types to find them: the new topic's two lessons. */
      synack_lesson_dialog_search (lessons, language ? "洪泛" : "flood");
      shoot ("lessons-attacks");
      gtk_window_destroy (GTK_WINDOW (lessons));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
shoot_attacks (void)
{
  shoot_attack ("syn-flood", SYNACK_VERDICT_SYN_QUEUE_FULL);
  shoot_attack ("syn-cookies", SYNACK_VERDICT_SYN_COOKIE_VALID);
}

static void
test_screenshots (void)
{
  language = NULL;
  shoot_all ();
  shoot_attacks ();
}

/* The same pictures in Chinese, for the eye; the side panel's sentence must
 * really be Chinese, or they would show English again. */
static void
test_screenshots_chinese (void)
{
  language = "zh_CN";
  synack_i18n_set_language (language);
  shoot_all ();
  shoot_attacks ();
  synack_i18n_set_language (NULL);
  language = NULL;
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
      g_printerr ("no display: skipping the screenshots\n");
      return 77;
    }
  app = synack_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_test_add_func ("/app/screenshots", test_screenshots);
  g_test_add_func ("/app/screenshots/zh-cn", test_screenshots_chinese);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
