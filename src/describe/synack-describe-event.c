/* synack-describe-event.c: hosts and events in words: names, addresses, summaries, timer names. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-describe.h"

const char *
synack_describe_host (SynackHostId host, SynackHostStyle style)
{
  gboolean client = host == SYNACK_CLIENT;

  switch (style)
    {
    case SYNACK_HOST_HEADING: return client ? _("client") : _("server");
    case SYNACK_HOST_SUBJECT: return client ? _("The client") : _("The server");
    case SYNACK_HOST_OBJECT: return client ? _("the client") : _("the server");
    case SYNACK_HOST_POSSESSIVE: return client ? _("The client’s") : _("The server’s");
    case SYNACK_HOST_OBJECT_POSSESSIVE: return client ? _("the client’s") : _("the server’s");
    case SYNACK_HOST_TITLE:
    default: return client ? _("Client") : _("Server");
    }
}

const char *
synack_describe_host_address (const SynackTrace *trace, SynackHostId host)
{
  if (trace != NULL && trace->host_address[host][0] != '\0')
    return trace->host_address[host];
  /* The simulator has exactly one client and one server, at fixed addresses. */
  return host == SYNACK_CLIENT ? "10.0.0.1" : "10.0.0.2";
}

const char *
synack_describe_segment_address (const SynackTrace *trace, SynackHostId host, const SynackHeader *h,
                                 char buf[SYNACK_ADDRESS_SIZE])
{
  uint32_t a = h->spoofed_addr;

  if (host != SYNACK_CLIENT || a == 0)
    return synack_describe_host_address (trace, host);
  g_snprintf (buf, SYNACK_ADDRESS_SIZE, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
  return buf;
}

static const SynackEvent *
send_of (const SynackTrace *trace, uint32_t seg)
{
  long i = synack_trace_find_send (trace, seg);
  return i >= 0 ? &trace->events[i] : NULL;
}

const SynackEvent *
synack_describe_send_of (const SynackTrace *trace, const SynackEvent *e)
{
  return e->type == SYNACK_EVENT_SEND ? e : send_of (trace, e->seg);
}

char *
synack_describe_summary (const SynackTrace *trace, long index)
{
  const SynackEvent *e;

  g_return_val_if_fail (trace != NULL && index >= 0 && (size_t) index < trace->n_events, NULL);
  e = &trace->events[index];

  switch (e->type)
    {
    case SYNACK_EVENT_APP:
      if (e->result == SYNACK_RESULT_PENDING || e->result == SYNACK_RESULT_OK)
        {
          if (e->call == SYNACK_CALL_SEND || e->call == SYNACK_CALL_RECV)
            return g_strdup_printf ("%s() %" G_GUINT64_FORMAT " B", synack_call_to_string (e->call), e->bytes);
          return g_strdup_printf ("%s()", synack_call_to_string (e->call));
        }
      return g_strdup_printf ("%s() → %s", synack_call_to_string (e->call), synack_result_to_string (e->result));

    case SYNACK_EVENT_STATE:
      return g_strdup_printf ("%s → %s", synack_state_to_string (e->from), synack_state_to_string (e->to));

    case SYNACK_EVENT_SEND:
    case SYNACK_EVENT_DELIVER:
    case SYNACK_EVENT_LOST:
    case SYNACK_EVENT_DUPLICATE:
      {
        const SynackEvent *s = synack_describe_send_of (trace, e);
        const SynackHeader *h = s != NULL ? &s->hdr : &e->hdr;
        g_autofree char *flags = synack_describe_flags (h->flags, SYNACK_FLAGS_SPOKEN);
        g_autofree char *rex = NULL;
        const char *what;

        if (s != NULL && s->rexmit > 0)
          rex = g_strdup_printf (_(", retransmission %u"), s->rexmit);

        switch (e->type)
          {
          case SYNACK_EVENT_SEND: what = _("sent"); break;
          case SYNACK_EVENT_DELIVER: what = _("arrived"); break;
          case SYNACK_EVENT_LOST: what = _("lost"); break;
          default: what = _("duplicated"); break;
          }
        return g_strdup_printf ("#%u %s %s  seq=%u ack=%u len=%u%s", e->seg, flags[0] ? flags : "—",
                                what, h->seq, h->ack, h->len, rex ? rex : "");
      }

    case SYNACK_EVENT_TIMER:
      {
        g_autofree char *d = synack_describe_time (e->duration, SYNACK_TIME_EXACT);
        if (e->action == SYNACK_TIMER_START)
          return g_strdup_printf (_("%s timer started (%s)"), synack_describe_timer_kind (e->timer), d);
        if (e->action == SYNACK_TIMER_STOP)
          return g_strdup_printf (_("%s timer stopped"), synack_describe_timer_kind (e->timer));
        return g_strdup_printf (_("%s timer expired"), synack_describe_timer_kind (e->timer));
      }

    default:
      return g_strdup (synack_event_type_to_string (e->type));
    }
}

const char *
synack_describe_timer_kind (SynackTimerKind kind)
{
  switch (kind)
    {
    case SYNACK_TIMER_RETRANSMIT:  return C_("timer", "retransmit");
    case SYNACK_TIMER_DELAYED_ACK: return C_("timer", "delayed-ack");
    case SYNACK_TIMER_KEEPALIVE:   return C_("timer", "keepalive");
    case SYNACK_TIMER_FIN_WAIT_2:  return C_("timer", "fin-wait-2");
    case SYNACK_TIMER_TIME_WAIT:   return C_("timer", "time-wait");
    default:                       return synack_timer_to_string (kind);
    }
}

const char *
synack_describe_timer_name (SynackTimerKind kind)
{
  switch (kind)
    {
    case SYNACK_TIMER_RETRANSMIT: return _("the retransmission timer");
    case SYNACK_TIMER_DELAYED_ACK: return _("the delayed-ACK timer");
    case SYNACK_TIMER_KEEPALIVE: return _("the keepalive timer");
    case SYNACK_TIMER_FIN_WAIT_2: return _("the FIN_WAIT_2 timer");
    case SYNACK_TIMER_TIME_WAIT: return _("the TIME_WAIT timer (2×MSL)");
    default: return synack_timer_to_string (kind);
    }
}
