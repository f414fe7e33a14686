/* synack-window-scale.c: runs at scale in the window: the strip view when arrows no longer fit, the census beside the diagram, a window of connections zoomed into, a long run's progress and its Cancel. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-window-private.h"

/* More connections than this and individual arrows no longer fit: the
 * strip view is shown, even for a run that is kept. */
#define STRIPS_FROM_CONNECTIONS 300
/* Beside the diagram the census takes a third of a 1366 px window: by
 * default it is shown only once there are too many connections to count
 * by eye; the lessons' few stay readable at full width. */
#define CENSUS_FROM_CONNECTIONS 50

static uint32_t
run_connections (SynackWindow *self)
{
  return self->run != NULL ? synack_strip_grid_n_conns (self->run->summary->grid) : 0;
}

/* The strip view instead of the diagram: a run known only by its summary,
 * or too many connections for arrows, or chosen. */
static gboolean
strips_shown (SynackWindow *self)
{
  if (self->run == NULL)
    return FALSE;
  if (self->run->summarized && self->run->window_first == 0)
    return TRUE;
  if (self->run->window_first > 0)
    return FALSE;
  return self->strips_chosen || run_connections (self) > STRIPS_FROM_CONNECTIONS;
}

static gboolean
census_shown (SynackWindow *self)
{
  return self->census_choice >= 0 ? self->census_choice : run_connections (self) >= CENSUS_FROM_CONNECTIONS;
}

static void
update_actions (SynackWindow *self)
{
  GActionMap *group = G_ACTION_MAP (self->scale_actions);
  GAction *strips = g_action_map_lookup_action (group, "strips");
  GAction *census = g_action_map_lookup_action (group, "census");

  g_simple_action_set_state (G_SIMPLE_ACTION (strips), g_variant_new_boolean (strips_shown (self)));
  /* Nothing to show but the strips: a run kept for none of its events. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (strips),
                               self->run != NULL && !(self->run->summarized && self->run->window_first == 0));
  g_simple_action_set_state (G_SIMPLE_ACTION (census), g_variant_new_boolean (census_shown (self)));
}

static void
show_view (SynackWindow *self)
{
  gboolean strips = strips_shown (self);

  synack_diagram_view_set_show_census (self->diagram, census_shown (self));
  gtk_stack_set_visible_child_name (self->diagram_stack, strips ? "strips" : "diagram");
  gtk_widget_set_visible (GTK_WIDGET (self->overview_strip), !strips);
  update_actions (self);
}

void
_synack_window_scale_set_run (SynackWindow *self)
{
  SynackRun *run = self->run;

  synack_scale_view_set_summary (self->scale_view, run->summary, synack_diagram_view_get_theme_name (self->diagram),
                                 synack_diagram_view_get_text_scale (self->diagram));
  gtk_widget_set_visible (self->window_bar, run->window_first > 0);
  if (run->window_first > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Connections #%u–#%u of %u"), run->window_first,
                                               MIN (run->window_last, run_connections (self)), run_connections (self));

      gtk_label_set_text (self->window_bar_label, text);
    }
  show_view (self);
  _synack_window_scale_cursor_moved (self);
}

void
_synack_window_scale_cursor_moved (SynackWindow *self)
{
  if (self->run == NULL)
    return;
  synack_scale_view_set_cursor (self->scale_view, self->cursor_t);
  /* No events to count: the census says what each host holds. */
  if (self->run->summarized && self->run->window_first == 0)
    synack_host_panel_set_census (self->host_panel, self->run->summary->series, self->cursor_t,
                                  synack_diagram_view_get_theme (self->diagram), _synack_window_prefers_dark (self));
}

gboolean
_synack_window_scale_zoom (SynackWindow *self, const char *action)
{
  if (!strips_shown (self))
    return FALSE;
  if (g_str_equal (action, "win.zoom-in"))
    synack_scale_view_zoom_rows (self->scale_view, 2, -1);
  else if (g_str_equal (action, "win.zoom-out"))
    synack_scale_view_zoom_rows (self->scale_view, 0.5, -1);
  else
    synack_scale_view_zoom_rows (self->scale_view, 0, -1);
  return TRUE;
}

static void
on_strip_seek (SynackWindow *self, gint64 t)
{
  if (self->run == NULL)
    return;
  self->cursor_t = MAX (t, 0);
  if (self->run->trace->n_events > 0)
    _synack_window_jump_to (self, synack_run_event_at_time (self->run, self->cursor_t));
  else
    _synack_window_scale_cursor_moved (self);
}

/* Zoomed into a few connections: run again keeping theirs, and show
 * their segments. */
static void
on_show_connections (SynackWindow *self, guint first, guint last)
{
  if (self->run == NULL)
    return;
  if (self->run->summarized)
    synack_document_set_window (self->document, first, last);
  else
    {
      /* Kept already: the diagram shows them all; go to the first one's start. */
      self->strips_chosen = FALSE;
      show_view (self);
    }
}

static void
on_run_progress (SynackWindow *self, guint64 events, gint64 t, guint connections)
{
  g_autofree char *when = synack_describe_time (t, SYNACK_TIME_CLOCK);
  g_autofree char *text = g_strdup_printf (_("%u connections, %s simulated"), connections, when);

  gtk_label_set_text (self->busy_detail_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_detail_label), TRUE);
  gtk_widget_set_visible (self->busy_cancel_button, TRUE);
}

void
_synack_window_scale_run_started (SynackWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->busy_detail_label), FALSE);
  gtk_widget_set_visible (self->busy_cancel_button, FALSE);
}

void
_synack_window_scale_run_ended (SynackWindow *self)
{
  _synack_window_scale_run_started (self);
}

static void
action_strips (GSimpleAction *action, GVariant *state, gpointer data)
{
  SynackWindow *self = data;

  self->strips_chosen = g_variant_get_boolean (state);
  show_view (self);
}

static void
action_census (GSimpleAction *action, GVariant *state, gpointer data)
{
  SynackWindow *self = data;

  self->census_choice = g_variant_get_boolean (state);
  show_view (self);
}

static void
action_all_connections (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  SynackWindow *self = data;

  synack_document_set_window (self->document, 0, 0);
}

/* A long run stopped: the window keeps what it showed before. */
static void
action_cancel (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  SynackWindow *self = data;

  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = FALSE;
  _synack_window_hide_busy (self);
  _synack_window_scale_run_ended (self);
}

void
_synack_window_scale_init (SynackWindow *self)
{
  static const GActionEntry entries[] = {
    { "strips", NULL, NULL, "false", action_strips },
    { "census", NULL, NULL, "true", action_census },
    { "all-connections", action_all_connections },
    { "cancel", action_cancel },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  self->census_choice = -1;
  self->scale_actions = group;
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  /* The widget holds the group from now on. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "scale", G_ACTION_GROUP (group));
  g_object_unref (group);
  g_signal_connect_swapped (self->scale_view, "seek", G_CALLBACK (on_strip_seek), self);
  g_signal_connect_swapped (self->scale_view, "show-connections", G_CALLBACK (on_show_connections), self);
}

void
_synack_window_scale_watch_document (SynackWindow *self)
{
  g_signal_connect_swapped (self->document, "run-progress", G_CALLBACK (on_run_progress), self);
}
