/* test-app-classroom.c: the window as a teacher uses it in front of a class: selecting, keys, hidden answers, under Xvfb. */
#include "synack-config.h"

#include <locale.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-diagram-view.h"
#include "synack-test-app.h"

/* The middle of the n-th arrow, in the diagram widget's coordinates. */
static void
arrow_point (SynackWindow *window, size_t n, double *x, double *y, long *send_event)
{
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  const SynackDiagramLayout *layout = synack_diagram_view_get_layout (diagram);
  size_t n_arrows;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);

  g_assert_cmpuint (n, <, n_arrows);
  synack_diagram_view_layout_to_widget (diagram, (arrows[n].x0 + arrows[n].x1) / 2,
                                        (arrows[n].y0 + arrows[n].y1) / 2, x, y);
  *send_event = arrows[n].send_event;
}

/* Everything that follows the cursor is at event upto. */
static void
assert_cursor_at (SynackWindow *window, long upto)
{
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  g_autofree char *sentence = synack_describe_sentence (trace, upto);

  g_assert_cmpint (synack_window_get_cursor (window), ==, upto);
  g_assert_cmpint (synack_window_get_cursor_time (window), ==, trace->events[upto].t);
  g_assert_cmpint (synack_window_get_selected_row (window), ==, upto);
  g_assert_cmpstr (synack_window_get_explanation (window), ==, sentence);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    g_assert_cmpstr (synack_window_get_state_text (window, h), ==,
                     synack_state_to_string (synack_trace_state_at (trace, h, 0, upto)));
}

/* A click on a segment moves the run there, not only the list. */
static void
test_click_moves_cursor (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  double x, y;
  long send_event, hit;

  synack_window_set_cursor (window, (long) synack_window_get_run (window)->trace->n_events - 1);
  synack_window_set_cursor (window, 20);
  synack_test_app_wait_frames (50);
  /* The SYN-ACK, drawn while the cursor is further on. */
  arrow_point (window, 1, &x, &y, &send_event);
  hit = synack_diagram_view_hit_test (diagram, x, y);
  g_assert_cmpint (hit, ==, send_event);
  g_signal_emit_by_name (diagram, "event-clicked", hit);
  synack_test_app_flush ();
  assert_cursor_at (window, send_event);
  synack_test_app_close (window);
}

static GtkShortcut *
bare_key (GtkWidget *widget, const char *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (key);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), "synack-bare-keys") != 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;
        }
    }
  return NULL;
}

static void
press_on (GtkWidget *widget, const char *key)
{
  GtkShortcut *shortcut = bare_key (widget, key);

  if (shortcut == NULL)
    g_error ("%s does nothing on a %s", key, G_OBJECT_TYPE_NAME (widget));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL));
  synack_test_app_flush ();
}

/* After a click on the diagram (which then has the focus), Home, End and
 * the arrows still move the run: the diagram's own keys reach it before its
 * scrolled window, which would scroll instead. */
static void
test_keys_after_clicking_diagram (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  GtkWidget *diagram = synack_window_get_diagram (window);
  long last = (long) synack_window_get_run (window)->trace->n_events - 1;

  gtk_widget_grab_focus (diagram);
  g_assert_true (gtk_widget_has_focus (diagram));
  press_on (diagram, "End");
  g_assert_cmpint (synack_window_get_cursor (window), ==, last);
  press_on (diagram, "Left");
  g_assert_cmpint (synack_window_get_cursor (window), ==, last - 1);
  press_on (diagram, "Home");
  g_assert_cmpint (synack_window_get_cursor (window), ==, -1);
  press_on (diagram, "Right");
  g_assert_cmpint (synack_window_get_cursor (window), ==, 0);
  synack_test_app_close (window);
}

/* With future events hidden the list ends at the cursor; presentation mode
 * hides them and gives the desk's choice back afterwards. */
static void
test_hide_future_events (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  guint n_events = (guint) synack_window_get_run (window)->trace->n_events;
  gboolean hide;

  synack_window_set_cursor (window, 5);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, n_events);
  g_object_set (window, "hide-future", TRUE, NULL);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 6);
  g_assert_cmpint (synack_window_get_selected_row (window), ==, 5);
  synack_window_set_cursor (window, 9);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 10);
  synack_window_set_cursor (window, -1);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 0);
  g_object_set (window, "hide-future", FALSE, NULL);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, n_events);

  g_object_set (window, "presentation", TRUE, NULL);
  g_object_get (window, "hide-future", &hide, NULL);
  g_assert_true (hide);
  synack_window_set_cursor (window, 3);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, 4);
  g_object_set (window, "presentation", FALSE, NULL);
  g_object_get (window, "hide-future", &hide, NULL);
  g_assert_false (hide);
  g_assert_cmpuint (synack_window_get_n_listed_events (window), ==, n_events);
  synack_test_app_close (window);
}

/* A changed run says so in the title, and the side panel says who holds
 * TIME_WAIT in it rather than repeating the lesson's story. */
static void
test_changed_run_is_marked (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  g_autofree char *lesson_title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_autofree char *changed_title = g_strdup_printf ("%s (changed)", lesson_title);

  g_assert_null (synack_window_get_run_note (window));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (synack_window_get_param_widget (window, "close-first")), 2);
  synack_test_app_wait_until_idle (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, changed_title);
  g_assert_nonnull (synack_window_get_run_note (window));
  g_assert_nonnull (strstr (synack_window_get_run_note (window), "the server holds TIME_WAIT"));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (synack_window_get_param_widget (window, "close-first")), 0);
  synack_test_app_wait_until_idle (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, lesson_title);
  g_assert_null (synack_window_get_run_note (window));
  synack_test_app_close (window);
}

/* The client card of time-wait-pileup counts its sockets: at the end of
 * the last handshake all the earlier connections wait in TIME_WAIT. */
static void
test_host_card_counts_sockets (void)
{
  SynackWindow *window = synack_test_app_open ("time-wait-pileup", 1366, 768);
  const SynackTrace *trace = synack_window_get_run (window)->trace;
  guint most = 0;

  for (long i = 0; i < (long) trace->n_events; i++)
    {
      g_autoptr(GHashTable) state = g_hash_table_new (NULL, NULL);
      GHashTableIter iter;
      gpointer value;
      guint waiting = 0;
      g_autofree char *expected = NULL;

      for (long j = 0; j <= i; j++)
        if (trace->events[j].type == SYNACK_EVENT_STATE && trace->events[j].host == SYNACK_CLIENT)
          g_hash_table_insert (state, GUINT_TO_POINTER (trace->events[j].conn), GINT_TO_POINTER (trace->events[j].to));
      g_hash_table_iter_init (&iter, state);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        waiting += GPOINTER_TO_INT (value) == SYNACK_STATE_TIME_WAIT;
      if (waiting < 2)
        continue;
      synack_window_set_cursor (window, i);
      expected = g_strdup_printf ("TIME_WAIT × %u", waiting);
      g_assert_nonnull (strstr (synack_window_get_state_text (window, SYNACK_CLIENT), expected));
      most = MAX (most, waiting);
    }
  g_assert_cmpuint (most, >=, 5);
  synack_test_app_close (window);
}

static gboolean
text_is_light (GtkWidget *widget)
{
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return fg.red + fg.green + fg.blue > 1.5;
}

/* Following the system under a dark GTK theme, the diagram is dark too,
 * like the controls around it; and light again under a light theme. */
static void
test_diagram_follows_dark_gtk_theme (void)
{
  SynackWindow *window = synack_test_app_open ("handshake", 1366, 768);
  SynackDiagramView *diagram = SYNACK_DIAGRAM_VIEW (synack_window_get_diagram (window));
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *before = NULL;

  g_object_get (settings, "gtk-theme-name", &before, NULL);
  g_object_set (window, "theme-choice", "system", NULL);
  g_assert_cmpstr (synack_diagram_view_get_theme_name (diagram), ==, "light");
  g_assert_false (text_is_light (GTK_WIDGET (window)));

  g_object_set (settings, "gtk-theme-name", "Adwaita-dark", NULL);
  synack_test_app_wait_frames (200);
  g_assert_true (text_is_light (GTK_WIDGET (window)));
  g_assert_cmpstr (synack_diagram_view_get_theme_name (diagram), ==, "dark");

  g_object_set (settings, "gtk-theme-name", "Adwaita", NULL);
  synack_test_app_wait_frames (200);
  g_assert_false (text_is_light (GTK_WIDGET (window)));
  g_assert_cmpstr (synack_diagram_view_get_theme_name (diagram), ==, "light");
  g_object_set (settings, "gtk-theme-name", before, NULL);
  synack_test_app_close (window);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (!synack_test_app_init ())
    return 77;

  g_test_add_func ("/app/classroom/click-moves-cursor", test_click_moves_cursor);
  g_test_add_func ("/app/classroom/keys-after-clicking-diagram", test_keys_after_clicking_diagram);
  g_test_add_func ("/app/classroom/hide-future-events", test_hide_future_events);
  g_test_add_func ("/app/classroom/changed-run-is-marked", test_changed_run_is_marked);
  g_test_add_func ("/app/classroom/host-card-counts-sockets", test_host_card_counts_sockets);
  g_test_add_func ("/app/classroom/dark-gtk-theme", test_diagram_follows_dark_gtk_theme);
  return g_test_run ();
}
