/* synack-describe-diagram.c: the sequence diagram's words: segment labels, timer titles, notes, headings. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"

/* " name=value", without printf: every segment's label has two or three. */
static void
append_field (GString *s, const char *name, uint32_t value)
{
  char digits[16];
  int n = 0;

  if (s->len)
    g_string_append_c (s, ' ');
  g_string_append (s, name);
  g_string_append_c (s, '=');
  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  while (n > 0)
    g_string_append_c (s, digits[--n]);
}

char *
synack_describe_segment_label (const SynackEvent *send, gboolean duplicate)
{
  g_autofree char *flags = synack_describe_flags (send->hdr.flags, SYNACK_FLAGS_SPOKEN);
  GString *s = g_string_new (flags);

  append_field (s, "seq", send->hdr.seq);
  if (send->hdr.flags & SYNACK_FLAG_ACK)
    append_field (s, "ack", send->hdr.ack);
  if (send->hdr.len > 0)
    append_field (s, "len", send->hdr.len);
  if (send->rexmit > 0)
    {
      g_string_append_c (s, '\n');
      /* Translators: marks a segment sent again; %u counts the resends */
      g_string_append_printf (s, _("retransmission %u"), send->rexmit);
    }
  if (duplicate)
    {
      g_string_append_c (s, '\n');
      /* Translators: the network delivered a second copy of this segment */
      g_string_append (s, _("duplicate"));
    }
  if (send->cookie.present)
    {
      g_string_append_c (s, '\n');
      /* Translators: the SYN-ACK's sequence number is a SYN cookie */
      g_string_append (s, _("seq is a SYN cookie"));
    }
  if (send->hdr.spoofed_addr != 0)
    {
      char buf[SYNACK_ADDRESS_SIZE];

      g_string_append_c (s, '\n');
      /* Translators: the attacker's forged IP address on a segment */
      g_string_append_printf (s, _("forged address %s"),
                              synack_describe_segment_address (NULL, SYNACK_CLIENT, &send->hdr, buf));
    }
  return g_string_free (s, FALSE);
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
    case SYNACK_VERDICT_PAWS:
      /* Translators: RFC 7323's protection against wrapped sequence numbers dropped the segment */
      return g_strdup (_("old timestamp: PAWS drops it"));
    case SYNACK_VERDICT_OUT_OF_ORDER:
      /* Translators: data beyond a hole is kept and reported with a SACK block */
      return g_strdup (_("out of order: held, SACKed"));
    case SYNACK_VERDICT_SYN_QUEUE_FULL:
      /* Translators: the listener's queue of half-open connections has no room: the SYN is dropped */
      return g_strdup (_("SYN queue full: dropped"));
    case SYNACK_VERDICT_ACCEPT_QUEUE_FULL:
      /* Translators: the queue of connections waiting for accept() has no room */
      return g_strdup (_("accept queue full: dropped"));
    case SYNACK_VERDICT_ACCEPT_QUEUE_RESET:
      return g_strdup (_("accept queue full: answers RST"));
    case SYNACK_VERDICT_SYN_COOKIE_SENT:
      /* Translators: the SYN is answered with a SYN cookie and nothing is kept */
      return g_strdup (_("SYN queue full: SYN cookie, nothing kept"));
    case SYNACK_VERDICT_SYN_COOKIE_VALID:
      return g_strdup (_("valid SYN cookie: connection made"));
    default:
      return NULL;
    }
}

const char *
synack_describe_lost_mark (void)
{
  /* Translators: beside the ✕ where the network lost a segment */
  return _("lost");
}

char *
synack_describe_break_label (SynackTime length)
{
  g_autofree char *d = synack_describe_time (length, SYNACK_TIME_LABEL);

  return g_strdup_printf ("… %s …", d);
}

char *
synack_describe_state_label (SynackState state, uint32_t conn)
{
  if (conn == 0)
    return g_strdup (synack_state_to_string (state));
  return g_strdup_printf ("%s #%u", synack_state_to_string (state), conn);
}

char *
synack_describe_listener_label (SynackState state, uint16_t port)
{
  if (port == 0)
    return g_strdup (synack_state_to_string (state));
  return g_strdup_printf ("%s :%u", synack_state_to_string (state), port);
}

char *
synack_describe_host_heading (const SynackTrace *trace, SynackHostId host, const char *ports)
{
  return g_strdup_printf ("%s\n%s%s", synack_describe_host (host, SYNACK_HOST_HEADING),
                          synack_describe_host_address (trace, host), ports);
}
