/* synack-describe-event.c: the short texts about an event: host names, one-line summaries, timer titles, call and verdict notes. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
synack_describe_host_address (SynackHostId host)
{
  /* Fixed addresses: the simulator has exactly one client and one server. */
  return host == SYNACK_CLIENT ? "10.0.0.1" : "10.0.0.2";
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
        g_autofree char *flags = synack_describe_flags (h->flags, SYNACK_FLAGS_TRACE);
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
          return g_strdup_printf (_("%s timer started (%s)"), synack_timer_to_string (e->timer), d);
        if (e->action == SYNACK_TIMER_STOP)
          return g_strdup_printf (_("%s timer stopped"), synack_timer_to_string (e->timer));
        return g_strdup_printf (_("%s timer expired"), synack_timer_to_string (e->timer));
      }

    default:
      return g_strdup (synack_event_type_to_string (e->type));
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

char *
synack_describe_timer_label (SynackTimerKind kind, SynackTime duration)
{
  g_autofree char *d = synack_describe_time (duration, SYNACK_TIME_LABEL);

  switch (kind)
    {
    case SYNACK_TIMER_RETRANSMIT: return g_strdup_printf ("RTO %s", d);
    /* Translators: the delayed-acknowledgement timer */
    case SYNACK_TIMER_DELAYED_ACK: return g_strdup_printf (_("delayed ACK %s"), d);
    case SYNACK_TIMER_KEEPALIVE: return g_strdup_printf (_("keepalive %s"), d);
    case SYNACK_TIMER_FIN_WAIT_2: return g_strdup_printf ("FIN_WAIT_2 %s", d);
    case SYNACK_TIMER_TIME_WAIT: return g_strdup_printf ("TIME_WAIT 2MSL %s", d);
    default: return g_strdup (d);
    }
}

char *
synack_describe_call_note (const SynackEvent *e)
{
  const char *call;

  switch (e->call)
    {
    case SYNACK_CALL_LISTEN: call = "listen()"; break;
    case SYNACK_CALL_CONNECT: call = "connect()"; break;
    case SYNACK_CALL_ACCEPT: call = "accept()"; break;
    case SYNACK_CALL_SEND: call = "send()"; break;
    case SYNACK_CALL_RECV: call = "recv()"; break;
    case SYNACK_CALL_SHUTDOWN_WRITE: call = "shutdown(WR)"; break;
    case SYNACK_CALL_CLOSE: call = "close()"; break;
    /* Translators: close() with SO_LINGER 0, which resets the connection */
    case SYNACK_CALL_ABORT: call = _("close(), linger 0"); break;
    /* Translators: the application stops reading its socket */
    case SYNACK_CALL_READ_OFF: call = _("stops reading"); break;
    case SYNACK_CALL_READ_ON: call = _("reads again"); break;
    case SYNACK_CALL_CRASH: call = _("host crashes"); break;
    case SYNACK_CALL_UNPLUG: call = _("cable unplugged"); break;
    case SYNACK_CALL_PLUG: call = _("cable plugged in"); break;
    default: call = "?"; break;
    }

  switch (e->result)
    {
    case SYNACK_RESULT_PENDING:
      if (e->call == SYNACK_CALL_SEND && e->bytes > 0)
        return g_strdup_printf ("send(%" G_GUINT64_FORMAT " B)", e->bytes);
      return g_strdup (call);
    case SYNACK_RESULT_OK:
      if (e->call == SYNACK_CALL_SEND && e->bytes > 0)
        return g_strdup_printf ("send(%" G_GUINT64_FORMAT " B)", e->bytes);
      if (e->call == SYNACK_CALL_RECV && e->bytes > 0)
        return g_strdup_printf ("%.*s → %" G_GUINT64_FORMAT " B", (int) (strlen (call) - 2), call, e->bytes);
      if (e->call == SYNACK_CALL_CONNECT || e->call == SYNACK_CALL_ACCEPT)
        return g_strdup_printf ("%s → 0", call);
      return g_strdup (call);
    case SYNACK_RESULT_EOF:
      /* Translators: recv() returned 0 because the peer closed */
      return g_strdup_printf (_("%s → 0 (end of stream)"), call);
    default:
      return g_strdup_printf ("%s → %s", call, synack_result_to_string (e->result));
    }
}

char *
synack_describe_verdict_note (const SynackEvent *e)
{
  gboolean occupies_space = e->hdr.len > 0 || (e->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_FIN));

  switch (e->verdict)
    {
    case SYNACK_VERDICT_STALE_DATA:
      /* Translators: bytes of an earlier connection accepted as this one's */
      return g_strdup_printf (_("⚠ %u B of connection %u taken as data!"), e->hdr.len, e->stale_conn);
    case SYNACK_VERDICT_UNACCEPTABLE:
      if (!occupies_space)
        return NULL;
      /* Translators: a segment outside the receive window is answered with an ACK and dropped */
      return g_strdup (e->duplicate ? _("old duplicate: ACKed, dropped") : _("already received: ACKed, dropped"));
    case SYNACK_VERDICT_NO_SOCKET:
      /* Translators: no socket matches the segment, so the host answers with RST */
      return g_strdup (_("no socket: answers RST"));
    case SYNACK_VERDICT_CHALLENGE_ACK:
      return g_strdup (_("challenge ACK"));
    default:
      return NULL;
    }
}
