/* synack-segment-details.c: every field of the selected event, and of its segment's header. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-segment-details.h"

struct _SynackSegmentDetails
{
  GtkGrid parent_instance;
};

G_DEFINE_FINAL_TYPE (SynackSegmentDetails, synack_segment_details, GTK_TYPE_GRID)

static void
add_detail (SynackSegmentDetails *self, int *row, const char *name, const char *value)
{
  GtkWidget *k = gtk_label_new (name);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (k), 0);
  gtk_widget_add_css_class (k, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (v), 0);
  gtk_label_set_wrap (GTK_LABEL (v), TRUE);
  gtk_label_set_selectable (GTK_LABEL (v), TRUE);
  gtk_widget_set_hexpand (v, TRUE);
  gtk_grid_attach (GTK_GRID (self), k, 0, *row, 1, 1);
  gtk_grid_attach (GTK_GRID (self), v, 1, *row, 1, 1);
  (*row)++;
}

static void
add_detailf (SynackSegmentDetails *self, int *row, const char *name, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
add_detailf (SynackSegmentDetails *self, int *row, const char *name, const char *format, ...)
{
  va_list args;
  g_autofree char *value = NULL;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  add_detail (self, row, name, value);
}

/* A segment's end: its host and port, or the attacker's forged address. */
static void
add_endpoint (SynackSegmentDetails *self, int *row, const char *name, SynackHostId host,
              const SynackHeader *h, guint port)
{
  if (host == SYNACK_CLIENT && h->spoofed_addr != 0)
    {
      g_autofree char *forged = synack_describe_forged_address (h);

      add_detail (self, row, name, forged);
      return;
    }
  add_detailf (self, row, name, _("%s, port %u"), synack_describe_host (host, SYNACK_HOST_TITLE), port);
}

static void
add_cookie (SynackSegmentDetails *self, int *row, const SynackSynCookie *c, gboolean returned)
{
  g_autofree char *parts = synack_describe_cookie_parts (c);
  g_autofree char *hashes = synack_describe_cookie_hashes (c);

  if (!returned)
    add_detail (self, row, _("SYN cookie"), _("the sequence number is a cookie: the server keeps nothing"));
  else
    add_detail (self, row, _("SYN cookie"), c->valid ? _("returned in the ACK and valid: the connection is made from it")
                                                     : _("returned in the ACK but does not decode"));
  add_detail (self, row, _("Cookie fields"), parts);
  add_detail (self, row, _("Cookie hashes"), hashes);
}

/* What a listener's queues and cookies made of the segment. */
static void
add_listen_details (SynackSegmentDetails *self, int *row, const SynackEvent *send, const SynackEvent *arrival)
{
  if (send->cookie.present)
    add_cookie (self, row, &send->cookie, FALSE);
  if (arrival == NULL || arrival->type != SYNACK_EVENT_DELIVER)
    return;
  if (arrival->cookie.present)
    add_cookie (self, row, &arrival->cookie, TRUE);
  if (arrival->queues.present)
    {
      g_autofree char *queues = synack_describe_queues (&arrival->queues);

      add_detail (self, row, _("Listener queues"), queues);
    }
  if (arrival->queues.flood_warning)
    {
      g_autofree char *log = synack_describe_flood_log (arrival);

      add_detail (self, row, _("Kernel log"), log);
    }
}

void
synack_segment_details_set_event (SynackSegmentDetails *self, const SynackTrace *trace, long index)
{
  GtkWidget *child;
  const SynackEvent *e;
  g_autofree char *t = NULL;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_grid_remove (GTK_GRID (self), child);

  if (trace == NULL || index < 0 || (size_t) index >= trace->n_events)
    {
      add_detail (self, &row, _("Event"), _("None yet: step forward to see the first one."));
      return;
    }

  e = &trace->events[index];
  t = synack_describe_time (e->t, SYNACK_TIME_EXACT);
  add_detailf (self, &row, _("Event"), _("%ld of %zu"), index + 1, trace->n_events);
  add_detail (self, &row, _("Time"), t);
  add_detail (self, &row, _("Host"), synack_describe_host (e->host, SYNACK_HOST_TITLE));
  if (e->conn != 0)
    add_detailf (self, &row, _("Connection"), "%u", e->conn);

  switch (e->type)
    {
    case SYNACK_EVENT_SEND:
    case SYNACK_EVENT_DELIVER:
    case SYNACK_EVENT_LOST:
    case SYNACK_EVENT_DUPLICATE:
      {
        long send = synack_trace_find_send (trace, e->seg);
        const SynackEvent *s = send >= 0 ? &trace->events[send] : e;
        const SynackHeader *h = &s->hdr;
        long end = send >= 0 ? synack_trace_find_arrival (trace, send) : -1;
        g_autofree char *flags = synack_describe_flags (h->flags, SYNACK_FLAGS_SPOKEN);
        g_autofree char *kind = synack_describe_segment_kind (h);

        add_detailf (self, &row, _("Segment"), "#%u (%s)", e->seg, kind);
        add_endpoint (self, &row, _("From"), s->host, h, h->src_port);
        add_endpoint (self, &row, _("To"), s->host == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT, h, h->dst_port);
        /* Cookies and queues first: they are what such a segment is about. */
        add_listen_details (self, &row, s, end >= 0 ? &trace->events[end] : NULL);
        add_detail (self, &row, _("Flags"), flags[0] ? flags : _("none"));
        add_detailf (self, &row, _("Sequence number"), "%u", h->seq);
        add_detailf (self, &row, _("Acknowledgement"), (h->flags & SYNACK_FLAG_ACK) ? "%u" : _("%u (not valid: no ACK flag)"), h->ack);
        add_detailf (self, &row, _("Window"), "%u", h->win);
        add_detailf (self, &row, _("Payload length"), g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", h->len), h->len);
        add_detailf (self, &row, _("Header length"),
                     g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", synack_options_header_length (&h->options)),
                     synack_options_header_length (&h->options));
        {
          g_autoptr (GPtrArray) options = synack_describe_options_explained (h);

          if (options->len == 0)
            add_detail (self, &row, _("Options"), _("none"));
          for (guint i = 0; i < options->len; i++)
            add_detail (self, &row, i == 0 ? _("Options") : "", g_ptr_array_index (options, i));
        }
        if (s->duplicate || e->duplicate)
          add_detail (self, &row, _("Transmission"), _("a copy made by the network"));
        else if (s->rexmit == 0)
          add_detail (self, &row, _("Transmission"), _("first"));
        else
          add_detailf (self, &row, _("Transmission"), _("retransmission %u"), s->rexmit);
        if (end >= 0)
          {
            const SynackEvent *a = &trace->events[end];
            g_autofree char *at = synack_describe_time (a->t, SYNACK_TIME_EXACT);
            if (a->type == SYNACK_EVENT_LOST)
              add_detailf (self, &row, _("Fate"), _("lost (%s), would have arrived at %s"),
                           _(synack_loss_reason_to_string (a->loss_reason)), at);
            else
              add_detailf (self, &row, _("Fate"), _("arrives at %s: %s"), at, _(synack_verdict_to_string (a->verdict)));
          }
        else
          add_detail (self, &row, _("Fate"), _("still in flight when the run ends"));
      }
      break;

    case SYNACK_EVENT_STATE:
      add_detail (self, &row, _("From state"), synack_state_to_string (e->from));
      add_detail (self, &row, _("To state"), synack_state_to_string (e->to));
      add_detail (self, &row, _("Cause"), _(synack_cause_to_string (e->cause)));
      break;

    case SYNACK_EVENT_TIMER:
      {
        add_detail (self, &row, _("Timer"), synack_describe_timer_kind (e->timer));
        add_detail (self, &row, _("Action"), e->action == SYNACK_TIMER_START ? C_("timer", "start")
                                             : e->action == SYNACK_TIMER_STOP ? C_("timer", "stop")
                                             : C_("timer", "expire"));
        if (e->action == SYNACK_TIMER_START)
          {
            g_autofree char *d = synack_describe_time (e->duration, SYNACK_TIME_EXACT);
            g_autofree char *x = synack_describe_time (e->expires, SYNACK_TIME_EXACT);
            add_detail (self, &row, _("Duration"), d);
            add_detail (self, &row, _("Expires at"), x);
          }
      }
      break;

    case SYNACK_EVENT_APP:
      add_detailf (self, &row, _("Call"), "%s()", synack_call_to_string (e->call));
      add_detail (self, &row, _("Result"), e->result == SYNACK_RESULT_OK ? C_("result", "ok")
                                           : e->result == SYNACK_RESULT_PENDING ? C_("result", "pending")
                                           : synack_result_to_string (e->result));
      if (e->call == SYNACK_CALL_SEND || e->call == SYNACK_CALL_RECV)
        add_detailf (self, &row, _("Bytes"), "%" G_GUINT64_FORMAT, e->bytes);
      break;

    default:
      break;
    }
}

static void
synack_segment_details_class_init (SynackSegmentDetailsClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/synack/SynAck/synack-segment-details.ui");
}

static void
synack_segment_details_init (SynackSegmentDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  synack_segment_details_set_event (self, NULL, -1);
}
