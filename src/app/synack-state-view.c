/* synack-state-view.c: the live TCP state-transition diagram: both hosts marked at the cursor; click a state or an edge to find it in the run. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-state-view.h"

struct _SynackStateView
{
  GtkBox              parent_instance;

  GtkDrawingArea     *area;
  GtkRevealer        *moments_revealer;
  GtkLabel           *moments_label;
  GtkButton          *moments_close;
  GtkFlowBox         *moments_box;

  SynackRun          *run;
  SynackTheme        *theme;
  SynackStateDiagram *diagram;
  long                upto;
  SynackStateMarks    marks;

  /* How the figure was fitted into the drawing at the last draw. */
  double              zoom, x0, y0;
};

G_DEFINE_FINAL_TYPE (SynackStateView, synack_state_view, GTK_TYPE_BOX)

enum {
  SIGNAL_EVENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_marks (SynackStateView *self)
{
  if (self->diagram == NULL)
    return;
  if (self->run != NULL)
    synack_state_diagram_marks (self->diagram, self->run->trace, self->upto, &self->marks);
  else
    synack_state_diagram_marks (self->diagram, &(SynackTrace) { 0 }, -1, &self->marks);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
fit (SynackStateView *self, int width, int height)
{
  self->zoom = MIN (width / self->diagram->width, height / self->diagram->height);
  self->x0 = (width - self->diagram->width * self->zoom) / 2;
  self->y0 = (height - self->diagram->height * self->zoom) / 2;
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  SynackStateView *self = data;

  if (self->diagram == NULL || self->theme == NULL)
    return;
  cairo_set_source_rgb (cr, self->theme->background.r, self->theme->background.g, self->theme->background.b);
  cairo_paint (cr);
  fit (self, width, height);
  cairo_translate (cr, self->x0, self->y0);
  cairo_scale (cr, self->zoom, self->zoom);
  synack_state_diagram_paint (cr, self->diagram, self->theme, &self->marks,
                              self->run ? self->run->trace : NULL);
}

static void
on_moment_clicked (GtkButton *button, SynackStateView *self)
{
  long event = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "synack-event")) - 2;

  g_signal_emit (self, signals[SIGNAL_EVENT_ACTIVATED], 0, (glong) event);
}

static void
add_moment (SynackStateView *self, const char *text, long event)
{
  GtkWidget *button = gtk_button_new_with_label (text);

  /* -1 (the start) is a valid place to go: stored offset by two. */
  g_object_set_data (G_OBJECT (button), "synack-event", GINT_TO_POINTER ((int) event + 2));
  g_signal_connect (button, "clicked", G_CALLBACK (on_moment_clicked), self);
  gtk_flow_box_append (self->moments_box, button);
}

static void
clear_moments (SynackStateView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->moments_box))) != NULL)
    gtk_flow_box_remove (self->moments_box, child);
}

/* Every time a host entered the state: "client at 0.150 s". */
static void
list_moments (SynackStateView *self, int node)
{
  const SynackStateDiagram *d = self->diagram;
  const SynackTrace *trace = self->run->trace;
  SynackState state = d->nodes[node].state;
  g_autofree char *heading = NULL;
  int n = 0;

  clear_moments (self);
  if (state == SYNACK_STATE_CLOSED && !d->nodes[node].final)
    {
      add_moment (self, _("both hosts, at the start"), -1);
      n++;
    }
  for (size_t i = 0; i < trace->n_events && n < 200; i++)
    {
      const SynackEvent *e = &trace->events[i];
      int edge;
      g_autofree char *when = NULL;
      g_autofree char *text = NULL;

      if (e->type != SYNACK_EVENT_STATE || e->to != state)
        continue;
      edge = synack_state_diagram_edge_for (d, synack_transition_find (e->from, e->to, e->cause));
      if (edge >= 0 && d->edges[edge].to_node != node)
        continue;
      when = synack_describe_time (e->t, SYNACK_TIME_EXACT);
      /* TRANSLATORS: a moment a host entered a state: "client, conn 1, at 0.150 s" */
      text = g_strdup_printf (_("%s, conn %u, at %s"), synack_describe_host (e->host, SYNACK_HOST_HEADING),
                              e->conn, when);
      add_moment (self, text, (long) i);
      n++;
    }
  if (n == 0)
    /* TRANSLATORS: %s is a state name such as TIME_WAIT */
    heading = g_strdup_printf (_("No host is in %s in this run."), synack_state_to_string (state));
  else
    /* TRANSLATORS: %s is a state name such as TIME_WAIT */
    heading = g_strdup_printf (_("When a host entered %s: choose one to go there."), synack_state_to_string (state));
  gtk_label_set_text (self->moments_label, heading);
  gtk_revealer_set_reveal_child (self->moments_revealer, TRUE);
}

/* The event that took the edge: the next one after the cursor, else the first. */
static void
go_to_edge (SynackStateView *self, int edge)
{
  const SynackTrace *trace = self->run->trace;
  long first = -1, next = -1;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type != SYNACK_EVENT_STATE ||
          synack_state_diagram_edge_for (self->diagram, synack_transition_find (e->from, e->to, e->cause)) != edge)
        continue;
      if (first < 0)
        first = (long) i;
      if ((long) i > self->upto)
        {
          next = (long) i;
          break;
        }
    }
  if (first < 0)
    {
      g_autofree char *heading = NULL;

      clear_moments (self);
      /* TRANSLATORS: %s is an edge label such as "rcv SYN / snd SYN,ACK" */
      heading = g_strdup_printf (_("This run never takes “%s”."), self->diagram->edges[edge].label);
      gtk_label_set_text (self->moments_label, heading);
      gtk_revealer_set_reveal_child (self->moments_revealer, TRUE);
      return;
    }
  gtk_revealer_set_reveal_child (self->moments_revealer, FALSE);
  g_signal_emit (self, signals[SIGNAL_EVENT_ACTIVATED], 0, (glong) (next >= 0 ? next : first));
}

gboolean
synack_state_view_click_at (SynackStateView *self, double x, double y)
{
  int node, edge;

  g_return_val_if_fail (SYNACK_IS_STATE_VIEW (self), FALSE);
  if (self->diagram == NULL || self->run == NULL || self->zoom <= 0)
    return FALSE;
  synack_state_diagram_hit_test (self->diagram, (x - self->x0) / self->zoom, (y - self->y0) / self->zoom,
                                 &node, &edge);
  if (node >= 0)
    list_moments (self, node);
  else if (edge >= 0)
    go_to_edge (self, edge);
  else
    return FALSE;
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, SynackStateView *self)
{
  if (synack_state_view_click_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_resize (GtkDrawingArea *area, int width, int height, SynackStateView *self)
{
  if (self->diagram != NULL)
    fit (self, width, height);
}

static void
on_moments_close (SynackStateView *self)
{
  gtk_revealer_set_reveal_child (self->moments_revealer, FALSE);
}

void
synack_state_view_set_run (SynackStateView *self, SynackRun *run)
{
  g_return_if_fail (SYNACK_IS_STATE_VIEW (self));

  if (run != NULL)
    synack_run_ref (run);
  g_clear_pointer (&self->run, synack_run_unref);
  self->run = run;
  gtk_revealer_set_reveal_child (self->moments_revealer, FALSE);
  update_marks (self);
}

void
synack_state_view_set_cursor (SynackStateView *self, long upto)
{
  g_return_if_fail (SYNACK_IS_STATE_VIEW (self));

  self->upto = upto;
  update_marks (self);
}

void
synack_state_view_set_theme (SynackStateView *self, const char *name, double text_scale)
{
  g_autoptr (SynackTheme) theme = NULL;

  g_return_if_fail (SYNACK_IS_STATE_VIEW (self));

  theme = synack_theme_new (name, 1, NULL);
  if (theme == NULL)
    return;
  g_clear_pointer (&self->theme, synack_theme_free);
  self->theme = g_steal_pointer (&theme);
  g_clear_pointer (&self->diagram, synack_state_diagram_free);
  self->diagram = synack_state_diagram_new (self->theme, text_scale);
  fit (self, gtk_widget_get_width (GTK_WIDGET (self->area)), gtk_widget_get_height (GTK_WIDGET (self->area)));
  update_marks (self);
}

const SynackStateDiagram *
synack_state_view_get_diagram (SynackStateView *self)
{
  return self->diagram;
}

const SynackStateMarks *
synack_state_view_get_marks (SynackStateView *self)
{
  return &self->marks;
}

void
synack_state_view_diagram_to_widget (SynackStateView *self, double dx, double dy, double *x, double *y)
{
  *x = self->x0 + dx * self->zoom;
  *y = self->y0 + dy * self->zoom;
}

GtkWidget *
synack_state_view_get_moments (SynackStateView *self)
{
  return gtk_revealer_get_reveal_child (self->moments_revealer) ? GTK_WIDGET (self->moments_box) : NULL;
}

GtkWidget *
synack_state_view_get_area (SynackStateView *self)
{
  return GTK_WIDGET (self->area);
}

static void
synack_state_view_dispose (GObject *object)
{
  SynackStateView *self = SYNACK_STATE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SYNACK_TYPE_STATE_VIEW);
  G_OBJECT_CLASS (synack_state_view_parent_class)->dispose (object);
}

static void
synack_state_view_finalize (GObject *object)
{
  SynackStateView *self = SYNACK_STATE_VIEW (object);

  g_clear_pointer (&self->run, synack_run_unref);
  g_clear_pointer (&self->diagram, synack_state_diagram_free);
  g_clear_pointer (&self->theme, synack_theme_free);
  G_OBJECT_CLASS (synack_state_view_parent_class)->finalize (object);
}

static void
synack_state_view_class_init (SynackStateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_state_view_dispose;
  object_class->finalize = synack_state_view_finalize;

  /* The window moves its cursor there; -1 is the start of the run. */
  signals[SIGNAL_EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_LONG);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-state-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackStateView, area);
  gtk_widget_class_bind_template_child (widget_class, SynackStateView, moments_revealer);
  gtk_widget_class_bind_template_child (widget_class, SynackStateView, moments_label);
  gtk_widget_class_bind_template_child (widget_class, SynackStateView, moments_close);
  gtk_widget_class_bind_template_child (widget_class, SynackStateView, moments_box);
}

static void
synack_state_view_init (SynackStateView *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->upto = -1;
  gtk_drawing_area_set_draw_func (self->area, draw, self, NULL);
  g_signal_connect (self->area, "resize", G_CALLBACK (on_resize), self);
  g_signal_connect_swapped (self->moments_close, "clicked", G_CALLBACK (on_moments_close), self);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  synack_state_view_set_theme (self, "light", 1);
}
