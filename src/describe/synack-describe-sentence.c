/* synack-describe-sentence.c: the sentence a student reads for every event of a run (the narration). */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-describe.h"

/* The host as the sentences name it: "the client", "The client", ... */
static const char *
host_lower (SynackHostId host)
{
  return synack_describe_host (host, SYNACK_HOST_OBJECT);
}

static const char *
host_subject (SynackHostId host)
{
  return synack_describe_host (host, SYNACK_HOST_SUBJECT);
}

static const char *
host_possessive (SynackHostId host)
{
  return synack_describe_host (host, SYNACK_HOST_POSSESSIVE);
}

static const char *
object_possessive (SynackHostId host)
{
  return synack_describe_host (host, SYNACK_HOST_OBJECT_POSSESSIVE);
}

static char *
describe_state_change (const SynackEvent *e)
{
  const char *who = host_lower (e->host);
  const char *to = synack_state_to_string (e->to);
  const char *Who = host_subject (e->host);

  switch (e->cause)
    {
    case SYNACK_CAUSE_LISTEN_CALL:
      return g_strdup_printf (_("%s called listen(), so it enters LISTEN and waits for a SYN."), Who);
    case SYNACK_CAUSE_CONNECT_CALL:
      if (e->from == SYNACK_STATE_TIME_WAIT)
        return g_strdup_printf (_("%s’s new connect() takes over this 4-tuple, which waited in TIME_WAIT (tw-reuse or SO_REUSEADDR allows it): "
                                  "the old connection is CLOSED early, and the new one starts its sequence numbers above it."), Who);
      return g_strdup_printf (_("%s called connect(), so it sends a SYN and enters SYN_SENT to wait for the answer."), Who);
    case SYNACK_CAUSE_CLOSE_CALL:
    case SYNACK_CAUSE_SHUTDOWN_CALL:
      if (e->to == SYNACK_STATE_LAST_ACK)
        return g_strdup_printf (_("%s closes its side too: it sends its FIN and enters LAST_ACK to wait for that FIN to be acknowledged."), Who);
      if (e->to == SYNACK_STATE_FIN_WAIT_1)
        return g_strdup_printf (_("%s closes first: it sends a FIN and enters FIN_WAIT_1."), Who);
      return g_strdup_printf (_("%s closed its socket, so it enters %s."), Who, to);
    case SYNACK_CAUSE_ABORT_CALL:
      return g_strdup_printf (_("%s aborts: it sends a RST and drops the connection at once, with no TIME_WAIT."), Who);
    case SYNACK_CAUSE_CRASH:
      return g_strdup_printf (_("%s crashed and forgot the connection without a word."), Who);
    case SYNACK_CAUSE_SYN_RECEIVED:
      if (e->from == SYNACK_STATE_SYN_SENT)
        return g_strdup_printf (_("%s got a SYN while its own SYN was out (a simultaneous open), so it enters SYN_RECEIVED."), Who);
      return g_strdup_printf (_("%s got a SYN, so it answers with a SYN-ACK and enters SYN_RECEIVED."), Who);
    case SYNACK_CAUSE_SYN_ACK_RECEIVED:
      return g_strdup_printf (_("%s SYN was acknowledged, so it enters ESTABLISHED and sends the final ACK."), host_possessive (e->host));
    case SYNACK_CAUSE_ACK_RECEIVED:
      switch (e->to)
        {
        case SYNACK_STATE_ESTABLISHED:
          return g_strdup_printf (_("%s SYN-ACK was acknowledged, so the handshake is complete and it enters ESTABLISHED."), host_possessive (e->host));
        case SYNACK_STATE_FIN_WAIT_2:
          return g_strdup_printf (_("%s FIN was acknowledged, so it enters FIN_WAIT_2 and waits for the other side’s FIN."), host_possessive (e->host));
        case SYNACK_STATE_TIME_WAIT:
          return g_strdup_printf (_("%s FIN was acknowledged after both sides closed, so it enters TIME_WAIT for 2×MSL."), host_possessive (e->host));
        case SYNACK_STATE_CLOSED:
          return g_strdup_printf (_("%s FIN was acknowledged, so the connection is fully closed on its side."), host_possessive (e->host));
        default:
          return g_strdup_printf (_("%s got an ACK, so it enters %s."), Who, to);
        }
    case SYNACK_CAUSE_FIN_RECEIVED:
      if (e->to == SYNACK_STATE_CLOSE_WAIT)
        return g_strdup_printf (_("%s got a FIN: the other side has nothing more to send. It acknowledges it and enters CLOSE_WAIT until its application closes too."), Who);
      if (e->to == SYNACK_STATE_CLOSING)
        return g_strdup_printf (_("%s got a FIN before its own FIN was acknowledged (both closed at once), so it enters CLOSING."), Who);
      if (e->to == SYNACK_STATE_TIME_WAIT)
        return g_strdup_printf (_("%s got the other side’s FIN, acknowledges it, and enters TIME_WAIT for 2×MSL in case that ACK is lost."), Who);
      return g_strdup_printf (_("%s got a FIN, so it enters %s."), Who, to);
    case SYNACK_CAUSE_FIN_ACK_RECEIVED:
      return g_strdup_printf (_("%s got a FIN that also acknowledges its own FIN, so it acknowledges it and enters %s."), Who, to);
    case SYNACK_CAUSE_RST_RECEIVED:
      return g_strdup_printf (_("%s got a RST, so the connection is reset and it enters %s."), Who, to);
    case SYNACK_CAUSE_TIME_WAIT_EXPIRED:
      return g_strdup_printf (_("%s waited 2×MSL in TIME_WAIT; no old segment can still be around, so the connection is finally CLOSED."), Who);
    case SYNACK_CAUSE_FIN_WAIT_2_EXPIRED:
      return g_strdup_printf (_("%s waited too long in FIN_WAIT_2 for the other side’s FIN and gives up."), Who);
    case SYNACK_CAUSE_RETRIES_EXHAUSTED:
      return g_strdup_printf (_("%s retransmitted as many times as allowed without an answer and gives up (ETIMEDOUT)."), Who);
    case SYNACK_CAUSE_KEEPALIVE_EXHAUSTED:
      return g_strdup_printf (_("%s got no answer to its keepalive probes and drops the connection."), Who);
    case SYNACK_CAUSE_DATA_AFTER_CLOSE:
      return g_strdup_printf (_("%s got data for a socket its application had closed, so it answers with a RST."), Who);
    case SYNACK_CAUSE_UNREAD_DATA:
      return g_strdup_printf (_("%s closed with data still unread, so it sends a RST instead of a FIN."), Who);
    case SYNACK_CAUSE_NEW_SYN:
      return g_strdup_printf (_("A new SYN reused the 4-tuple that %s held in TIME_WAIT, so it starts a new connection."), who);
    case SYNACK_CAUSE_TIME_WAIT_OVERFLOW:
      return g_strdup_printf (_("%s already holds as many TIME_WAIT sockets as max-tw-buckets allows, so this one is CLOSED at once, without TIME_WAIT: "
                                "Linux counts a “time wait bucket table overflow”, and nothing is left to answer a retransmitted FIN."), Who);
    case SYNACK_CAUSE_SYN_COOKIE:
      return g_strdup_printf (_("%s finds a valid SYN cookie in the ACK, so it makes the connection it never stored."), Who);
    case SYNACK_CAUSE_TWO_WAY:
      return g_strdup_printf (_("%s has answered the SYN and, in a two-way handshake, takes the connection as made: it enters ESTABLISHED without waiting for an ACK."), Who);
    case SYNACK_CAUSE_ACCEPT_QUEUE_FULL:
      return g_strdup_printf (_("%s has no room in its accept queue, so it resets the connection (tcp_abort_on_overflow)."), Who);
    default:
      return g_strdup_printf (_("%s enters %s."), Who, to);
    }
}

/* Whose segment it is, as the subject of a sentence: an attacker's forged
 * SYN is the attacker's, not the client's. */
static const char *
sender_possessive (const SynackHeader *h, SynackHostId from)
{
  if (h->spoofed_addr != 0 && from == SYNACK_CLIENT)
    {
      /* Translators: the attacker's segment, as the subject of a sentence */
      return _("The attacker’s");
    }
  return host_possessive (from);
}

static char *
describe_segment_event (const SynackTrace *trace, const SynackEvent *e)
{
  const SynackEvent *s = synack_describe_send_of (trace, e);
  const SynackHeader *h = s ? &s->hdr : &e->hdr;
  SynackHostId from = s ? s->host : e->host;
  SynackHostId to = from == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  g_autofree char *kind = synack_describe_segment_kind (h);
  char forged[SYNACK_ADDRESS_SIZE];

  /* The hosts' names are looked up in the catalogue only where a
   * sentence uses them: an export asks for the sentence of every segment. */

  /* An attacker's segments, and the answers to its forged addresses. */
  if (h->spoofed_addr != 0)
    {
      synack_describe_segment_address (NULL, SYNACK_CLIENT, h, forged);
      if (e->type == SYNACK_EVENT_SEND && from == SYNACK_CLIENT)
        return g_strdup_printf (_("The attacker sends a SYN from the forged address %s."), forged);
      if (e->type == SYNACK_EVENT_LOST)
        return g_strdup_printf (_("%s %s goes to the forged address %s, where nobody answers."),
                                host_possessive (from), kind, forged);
    }

  switch (e->type)
    {
    case SYNACK_EVENT_SEND:
      if (s->rexmit > 0)
        return g_strdup_printf (_("%s has heard nothing back in time, so it sends its %s again (retransmission %u)."),
                                host_subject (from), kind, s->rexmit);
      if ((h->flags & SYNACK_FLAG_SYN) && !(h->flags & SYNACK_FLAG_ACK))
        return g_strdup_printf (_("%s sends a SYN with its initial sequence number %u to open the connection."), host_subject (from), h->seq);
      if ((h->flags & SYNACK_FLAG_SYN) && (h->flags & SYNACK_FLAG_ACK))
        return g_strdup_printf (_("%s answers with a SYN-ACK: its own initial sequence number %u, and ack %u acknowledges the SYN."),
                                host_subject (from), h->seq, h->ack);
      if (h->flags & SYNACK_FLAG_RST)
        return g_strdup_printf (_("%s sends a RST: the connection is refused or torn down at once."), host_subject (from));
      if (h->flags & SYNACK_FLAG_FIN)
        return g_strdup_printf (_("%s sends a FIN: it has nothing more to send (seq %u)."), host_subject (from), h->seq);
      if (h->len > 0)
        return g_strdup_printf (_("%s sends %u bytes of data, sequence numbers %u to %u."), host_subject (from), h->len, h->seq, h->seq + h->len - 1);
      return g_strdup_printf (_("%s sends an ACK: ack %u says it has everything before byte %u."), host_subject (from), h->ack, h->ack);

    case SYNACK_EVENT_DELIVER:
      switch (e->verdict)
        {
        case SYNACK_VERDICT_ACCEPTED:
          return g_strdup_printf (_("%s %s reaches %s."), sender_possessive (h, from), kind, host_lower (to));
        case SYNACK_VERDICT_NO_SOCKET:
          return g_strdup_printf (_("%s %s reaches %s, but no socket is there, so it answers with a RST."), host_possessive (from), kind, host_lower (to));
        case SYNACK_VERDICT_UNACCEPTABLE:
          return g_strdup_printf (_("%s %s is outside %s’s window: it is acknowledged again and dropped."), host_possessive (from), kind, host_lower (to));
        case SYNACK_VERDICT_IGNORED:
          return g_strdup_printf (_("%s %s reaches %s, which has nothing to do with it."), host_possessive (from), kind, host_lower (to));
        case SYNACK_VERDICT_CHALLENGE_ACK:
          return g_strdup_printf (_("%s %s is not at the expected edge, so %s answers with a challenge ACK (RFC 5961)."), host_possessive (from), kind, host_lower (to));
        case SYNACK_VERDICT_RESET:
          return g_strdup_printf (_("%s RST reaches %s and resets the connection."), host_possessive (from), host_lower (to));
        case SYNACK_VERDICT_PAWS:
          return g_strdup_printf (_("%s %s carries a timestamp older than the last one %s took: PAWS (RFC 7323) "
                                    "drops it as an old duplicate and acknowledges again."),
                                  host_possessive (from), kind, host_lower (to));
        case SYNACK_VERDICT_OUT_OF_ORDER:
          return g_strdup_printf (_("%s %s arrives beyond a hole: %s holds it, and acknowledges the hole again "
                                    "with a SACK block for what it holds."),
                                  host_possessive (from), kind, host_lower (to));
        case SYNACK_VERDICT_SYN_QUEUE_FULL:
          return g_strdup_printf (_("%s %s reaches %s, whose SYN queue is full: it is dropped without an answer."),
                                  sender_possessive (h, from), kind, host_lower (to));
        case SYNACK_VERDICT_ACCEPT_QUEUE_FULL:
          return g_strdup_printf (_("%s %s reaches %s, whose accept queue is full: it is dropped, and the connection waits half-open."),
                                  sender_possessive (h, from), kind, host_lower (to));
        case SYNACK_VERDICT_ACCEPT_QUEUE_RESET:
          return g_strdup_printf (_("%s %s reaches %s, whose accept queue is full: it answers with a RST."),
                                  sender_possessive (h, from), kind, host_lower (to));
        case SYNACK_VERDICT_SYN_COOKIE_SENT:
          return g_strdup_printf (_("%s %s reaches %s, whose SYN queue is full: it answers with a SYN cookie and keeps nothing."),
                                  sender_possessive (h, from), kind, host_lower (to));
        case SYNACK_VERDICT_SYN_COOKIE_VALID:
          return g_strdup_printf (_("%s %s returns a valid SYN cookie, so %s makes the connection from it."),
                                  sender_possessive (h, from), kind, host_lower (to));
        default:
          return g_strdup_printf (_("%s %s reaches %s (%s)."), sender_possessive (h, from), kind, host_lower (to),
                                  _(synack_verdict_to_string (e->verdict)));
        }

    case SYNACK_EVENT_LOST:
      return g_strdup_printf (_("The network loses %s %s: it never reaches %s, and only a timer can tell %s."),
                              object_possessive (from), kind, host_lower (to), host_lower (from));

    case SYNACK_EVENT_DUPLICATE:
      return g_strdup_printf (_("The network makes a copy of %s %s, which will arrive later."),
                              object_possessive (from), kind);
    default:
      return NULL;
    }
}

char *
synack_describe_sentence (const SynackTrace *trace, long index)
{
  const SynackEvent *e;
  const char *Who;
  /* Only two application sentences name a byte count: formatted for
   * those alone, since a big chart's export asks for every sentence. */
  char bytes[24];

  g_return_val_if_fail (trace != NULL && index >= 0 && (size_t) index < trace->n_events, NULL);
  e = &trace->events[index];
  /* Named here by the application's and the timers' sentences alone. */
  Who = e->type == SYNACK_EVENT_APP || e->type == SYNACK_EVENT_TIMER ? host_subject (e->host) : NULL;

  switch (e->type)
    {
    case SYNACK_EVENT_APP:
      /* recv() returning 0 at end of stream is the normal end, not an error. */
      if (e->result != SYNACK_RESULT_PENDING && e->result != SYNACK_RESULT_OK &&
          !(e->call == SYNACK_CALL_RECV && e->result == SYNACK_RESULT_EOF))
        return g_strdup_printf (_("%s’s application sees %s() fail with %s."), Who,
                                synack_call_to_string (e->call), synack_result_to_string (e->result));
      switch (e->call)
        {
        case SYNACK_CALL_LISTEN:
          return g_strdup_printf (_("%s’s application calls listen(): it is ready to accept connections."), Who);
        case SYNACK_CALL_CONNECT:
          /* The same call again, when it returns once the handshake is done. */
          if (e->result == SYNACK_RESULT_OK)
            return g_strdup_printf (_("%s’s connect() returns: the connection is open."), Who);
          return g_strdup_printf (_("%s’s application calls connect() to open a connection."), Who);
        case SYNACK_CALL_ACCEPT:
          return g_strdup_printf (_("%s’s application accepts the new connection."), Who);
        case SYNACK_CALL_SEND:
          g_snprintf (bytes, sizeof bytes, "%" G_GUINT64_FORMAT, e->bytes);
          return g_strdup_printf (_("%s’s application hands %s bytes to TCP to send."), Who, bytes);
        case SYNACK_CALL_RECV:
          if (e->result == SYNACK_RESULT_EOF)
            return g_strdup_printf (_("%s’s application reads end of stream: the other side has closed."), Who);
          g_snprintf (bytes, sizeof bytes, "%" G_GUINT64_FORMAT, e->bytes);
          return g_strdup_printf (_("%s’s application reads %s bytes."), Who, bytes);
        case SYNACK_CALL_CLOSE:
          /* No connection: the listening socket (the server program exits). */
          if (e->conn == 0)
            return g_strdup_printf (_("%s’s application closes its listening socket: no new connection is accepted, the old ones stay."), Who);
          return g_strdup_printf (_("%s’s application calls close(): it has nothing more to send."), Who);
        case SYNACK_CALL_SHUTDOWN_WRITE:
          return g_strdup_printf (_("%s’s application calls shutdown(SHUT_WR): it will send no more, but keeps reading."), Who);
        case SYNACK_CALL_ABORT:
          return g_strdup_printf (_("%s’s application aborts the connection (close with SO_LINGER 0)."), Who);
        case SYNACK_CALL_CRASH:
          return g_strdup_printf (_("%s crashes."), Who);
        case SYNACK_CALL_UNPLUG:
          return g_strdup_printf (_("%s’s network cable is pulled out."), Who);
        case SYNACK_CALL_PLUG:
          return g_strdup_printf (_("%s’s network cable is plugged back in."), Who);
        default:
          return g_strdup_printf (_("%s’s application calls %s()."), Who, synack_call_to_string (e->call));
        }

    case SYNACK_EVENT_STATE:
      return describe_state_change (e);

    case SYNACK_EVENT_SEND:
    case SYNACK_EVENT_DELIVER:
    case SYNACK_EVENT_LOST:
    case SYNACK_EVENT_DUPLICATE:
      return describe_segment_event (trace, e);

    case SYNACK_EVENT_TIMER:
      {
        g_autofree char *d = synack_describe_time (e->duration, SYNACK_TIME_EXACT);
        const char *what = synack_describe_timer_name (e->timer);

        if (e->action == SYNACK_TIMER_START)
          {
            if (e->timer == SYNACK_TIMER_RETRANSMIT)
              return g_strdup_printf (_("%s starts %s: if nothing is acknowledged within %s, it sends again."), Who, what, d);
            return g_strdup_printf (_("%s starts %s for %s."), Who, what, d);
          }
        if (e->action == SYNACK_TIMER_STOP)
          return g_strdup_printf (_("%s stops %s: what it was waiting for has happened."), Who, what);
        if (e->timer == SYNACK_TIMER_RETRANSMIT)
          return g_strdup_printf (_("%s’s retransmission timer expires: nothing was acknowledged in time."), Who);
        return g_strdup_printf (_("For %s, %s expires."), host_lower (e->host), what);
      }

    default:
      return g_strdup ("");
    }
}

char *
synack_describe_time_wait_holders (const SynackTrace *trace)
{
  gboolean holds[SYNACK_N_HOSTS] = { FALSE };

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].to == SYNACK_STATE_TIME_WAIT)
      holds[trace->events[i].host] = TRUE;

  if (holds[SYNACK_CLIENT] && holds[SYNACK_SERVER])
    return g_strdup (_("In this run, both sides hold TIME_WAIT."));
  if (holds[SYNACK_CLIENT] || holds[SYNACK_SERVER])
    /* TRANSLATORS: %s is "the client" or "the server" */
    return g_strdup_printf (_("In this run, %s holds TIME_WAIT."), host_lower (holds[SYNACK_CLIENT] ? SYNACK_CLIENT : SYNACK_SERVER));
  return g_strdup (_("In this run, neither side enters TIME_WAIT."));
}
