/* synack-host-panel.c: each host's state in large type and its running timers, at the cursor. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-host-panel.h"

struct _SynackHostPanel
{
  GtkGrid   parent_instance;

  GtkLabel *client_state_label;
  GtkLabel *server_state_label;
  GtkLabel *client_timers_label;
  GtkLabel *server_timers_label;
};

G_DEFINE_FINAL_TYPE (SynackHostPanel, synack_host_panel, GTK_TYPE_GRID)

/* The colour of a state for large text on the window's background. */
static void
append_state_markup (GString *markup, SynackState state, const SynackTheme *theme, gboolean dark)
{
  SynackRgba c = theme->state[state];
  double luma = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
  g_autofree char *text = NULL;

  /* The hue of the state's band in the diagram, but dark enough (or light
   * enough) to read as large text on the window's background. */
  if (!dark && luma > 0.45)
    {
      double f = 0.45 / luma;
      c.r *= f, c.g *= f, c.b *= f;
    }
  else if (dark && luma < 0.55)
    {
      double f = (0.55 - luma) / (1 - luma);
      c.r += (1 - c.r) * f, c.g += (1 - c.g) * f, c.b += (1 - c.b) * f;
    }
  text = g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\">%s</span>",
                                  (int) (c.r * 255), (int) (c.g * 255), (int) (c.b * 255),
                                  synack_state_to_string (state));
  g_string_append (markup, text);
}

/* What a host's card says at the cursor: the state of its one connection,
 * or, with several open at once, how many sockets are in each state
 * ("TIME_WAIT × 5"), so a pile-up is seen as one. A listener counts only
 * while no connection is open: it is the server's state until the first
 * SYN. */
static void
set_host_states (GtkLabel *label, const SynackTrace *trace, SynackHostId host, long upto,
                 const SynackTheme *theme, gboolean dark)
{
  g_autoptr(GArray) sockets = synack_describe_open_sockets (trace, host, upto);
  g_autoptr(GString) markup = g_string_new (NULL);
  guint count[SYNACK_N_STATES] = { 0 };

  for (guint i = 0; i < sockets->len; i++)
    count[g_array_index (sockets, SynackSocketState, i).state]++;
  if (sockets->len <= 1)
    {
      append_state_markup (markup, synack_trace_state_at (trace, host, 0, upto), theme, dark);
      gtk_label_set_markup (label, markup->str);
      return;
    }
  for (int s = 0; s < SYNACK_N_STATES; s++)
    {
      if (count[s] == 0)
        continue;
      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      append_state_markup (markup, s, theme, dark);
      if (count[s] > 1)
        g_string_append_printf (markup, " × %u", count[s]);
    }
  gtk_label_set_markup (label, markup->str);
}

void
synack_host_panel_set_states (SynackHostPanel *self, const SynackTrace *trace, long upto,
                              const SynackTheme *theme, gboolean dark)
{
  set_host_states (self->client_state_label, trace, SYNACK_CLIENT, upto, theme, dark);
  set_host_states (self->server_state_label, trace, SYNACK_SERVER, upto, theme, dark);
}

const char *
synack_host_panel_get_state_text (SynackHostPanel *self, SynackHostId host)
{
  return gtk_label_get_text (host == SYNACK_CLIENT ? self->client_state_label : self->server_state_label);
}

static const char *
timer_title (SynackTimerKind kind)
{
  switch (kind)
    {
    case SYNACK_TIMER_RETRANSMIT: return _("Retransmit");
    case SYNACK_TIMER_DELAYED_ACK: return _("Delayed ACK");
    case SYNACK_TIMER_KEEPALIVE: return _("Keepalive");
    case SYNACK_TIMER_FIN_WAIT_2: return _("FIN_WAIT_2");
    case SYNACK_TIMER_TIME_WAIT: return _("TIME_WAIT");
    default: return "";
    }
}

void
synack_host_panel_set_timers (SynackHostPanel *self, const SynackTrace *trace, long upto, SynackTime cursor_t)
{
  SynackTime expires[SYNACK_N_HOSTS][SYNACK_N_TIMERS];
  SynackTime length[SYNACK_N_HOSTS][SYNACK_N_TIMERS];
  GtkLabel *labels[SYNACK_N_HOSTS] = { self->client_timers_label, self->server_timers_label };

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    for (int k = 0; k < SYNACK_N_TIMERS; k++)
      expires[h][k] = -1;

  for (long i = 0; i <= upto; i++)
    {
      const SynackEvent *e = &trace->events[i];
      if (e->type != SYNACK_EVENT_TIMER)
        continue;
      if (e->action == SYNACK_TIMER_START)
        {
          expires[e->host][e->timer] = e->expires;
          length[e->host][e->timer] = e->duration;
        }
      else
        expires[e->host][e->timer] = -1;
    }

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (int k = 0; k < SYNACK_N_TIMERS; k++)
        {
          g_autofree char *left = NULL;
          g_autofree char *of = NULL;

          if (expires[h][k] < 0)
            continue;
          left = synack_describe_time (MAX (0, expires[h][k] - cursor_t) / 10000 * 10000, SYNACK_TIME_EXACT);
          of = synack_describe_time (length[h][k], SYNACK_TIME_EXACT);
          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* TRANSLATORS: a running timer: "Retransmit: 0.62 s left of 1 s" */
          g_string_append_printf (text, _("%s: %s left of %s"), timer_title (k), left, of);
        }
      gtk_label_set_text (labels[h], text->len ? text->str : _("No timers running"));
    }
}

static void
synack_host_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SYNACK_TYPE_HOST_PANEL);
  G_OBJECT_CLASS (synack_host_panel_parent_class)->dispose (object);
}

static void
synack_host_panel_class_init (SynackHostPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = synack_host_panel_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-host-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackHostPanel, client_state_label);
  gtk_widget_class_bind_template_child (widget_class, SynackHostPanel, server_state_label);
  gtk_widget_class_bind_template_child (widget_class, SynackHostPanel, client_timers_label);
  gtk_widget_class_bind_template_child (widget_class, SynackHostPanel, server_timers_label);
}

static void
synack_host_panel_init (SynackHostPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
