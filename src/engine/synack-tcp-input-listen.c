/* synack-tcp-input-listen.c: a segment that finds no socket (RFC 9293
 * 3.10.7.1) or a listener (3.10.7.2), whose SYN and accept queues and SYN
 * cookies decide what becomes of it, as Linux's tcp_conn_request() does. */
#include "synack-tcp-arrival.h"

/* ---- CLOSED: no socket (3.10.7.1) -------------------------------------- */

void
synack_tcp_no_socket_input (Arrival *a)
{
  /* "An incoming segment containing a RST is discarded. An incoming segment
   * not containing a RST causes a RST to be sent in response." */
  if (a->in->flags & SYNACK_FLAG_RST)
    {
      set_verdict (a, SYNACK_VERDICT_IGNORED);
      return;
    }
  set_verdict (a, SYNACK_VERDICT_NO_SOCKET);
  synack_tcp_reply_reset (a->engine, a->host, a->flight);
}

/* ---- LISTEN (3.10.7.2) ------------------------------------------------- */

/* The SYN-ACK of a SYN answered with a cookie: <SEQ=cookie><ACK=SEG.SEQ+1>,
 * sent by no socket (syncookies: the listener keeps nothing). */
static void
send_cookie_syn_ack (Arrival *a)
{
  const SynackHeader *in = a->in;
  SynackHeader hdr = { 0 };
  SynackSynCookie cookie = { 0 };

  hdr.src_port = in->dst_port;
  hdr.dst_port = in->src_port;
  hdr.spoofed_addr = in->spoofed_addr;
  hdr.seq = synack_syncookie_make (a->engine, in, a->engine->params.mss, &cookie);
  hdr.ack = in->seq + 1;
  hdr.flags = SYNACK_FLAG_SYN | SYNACK_FLAG_ACK;
  hdr.win = (uint16_t) a->engine->params.window;
  synack_network_send_cookie (a->engine, a->host, &hdr, a->flight->origin_conn, 0, &cookie);
}

/* A passive child for the segment's 4-tuple, bound and recorded, or NULL
 * (out of memory). */
static SynackSocket *
new_child (Arrival *a, SynackSocket *listener)
{
  const SynackHeader *in = a->in;
  SynackHost *host = &a->engine->hosts[listener->host];
  SynackSocket *child;
  uint32_t conn;

  /* The child takes the connection number of the SYN's sender, so both
   * sides of one connection share it in the trace. */
  conn = a->flight->origin_conn;
  if (conn == 0 || synack_host_find_conn (host, conn) != NULL)
    conn = synack_engine_new_conn (a->engine);

  child = synack_socket_new (a->engine, listener->host);
  if (child == NULL)
    {
      synack_engine_fail (a->engine, SYNACK_ENGINE_NO_MEMORY);
      return NULL;
    }
  child->conn = conn;
  child->state = SYNACK_STATE_LISTEN;
  child->local_port = in->dst_port;
  child->remote_port = in->src_port;
  child->remote_addr = in->spoofed_addr;
  child->snd_wnd = in->win;
  synack_tcp_options_negotiate (child, in);
  child->reuseaddr = listener->reuseaddr;  /* sk_clone_lock() copies sk_reuse */
  return child;
}

static bool
bind_child (Arrival *a, SynackSocket *child)
{
  SynackHost *host = &a->engine->hosts[child->host];

  if (!synack_host_bind (host, child))
    {
      synack_socket_free (child);
      synack_engine_fail (a->engine, SYNACK_ENGINE_NO_MEMORY);
      return false;
    }
  host->latest_conn = child->conn;
  synack_tcp_record_conn (child);
  a->event.conn = child->conn;
  return true;
}

/* cookie_v4_check(): an ACK with no socket, while cookies are being sent,
 * may return one. If it decodes, the connection is made from it as if the
 * handshake had gone through a SYN queue that was never there. */
static Step
check_cookie (Arrival *a, SynackSocket *listener)
{
  const SynackHeader *in = a->in;
  SynackSocket *child;

  if ((in->flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_RST)) || !synack_listener_expects_cookies (listener))
    return NEXT_STEP;
  if (!synack_syncookie_check (a->engine, in, &a->event.cookie))
    return NEXT_STEP;  /* not ours: reset as any stray ACK */
  /* tcp_get_cookie_sock(): no room in the accept queue, no connection. */
  if (synack_listener_accept_queue_full (listener))
    {
      set_verdict (a, SYNACK_VERDICT_ACCEPT_QUEUE_FULL);
      return SEGMENT_DONE;
    }
  child = new_child (a, listener);
  if (child == NULL)
    return SEGMENT_DONE;
  child->irs = in->seq - 1;
  child->rcv_nxt = in->seq;
  synack_tcp_set_isn (child, in->ack - 1);
  child->snd_nxt = child->snd_max = in->ack;
  if (!bind_child (a, child))
    return SEGMENT_DONE;
  synack_tcp_set_state (child, SYNACK_STATE_SYN_RECEIVED, SYNACK_CAUSE_SYN_COOKIE);
  child->in_syn_queue = false;
  a->sock = child;
  /* The ACK step finds SYN_RECEIVED and completes the handshake; text on
   * the ACK is taken as on any first segment. */
  synack_tcp_synchronized_input (a);
  if (a->event.verdict == SYNACK_VERDICT_ACCEPTED)
    set_verdict (a, SYNACK_VERDICT_SYN_COOKIE_VALID);
  return SEGMENT_DONE;
}

/* A SYN makes a child socket in SYN_RECEIVED that answers with a SYN-ACK,
 * if the listener's queues have room (tcp_conn_request()).
 * forced_isn: the child takes `isn` (a TIME_WAIT reopened by a new SYN
 * needs one above the old connection's, see time_wait_input). */
void
synack_tcp_listen_input (Arrival *a, SynackSocket *listener, bool forced_isn, uint32_t isn)
{
  const SynackHeader *in = a->in;
  SynackSocket *child;

  /* "First, check for a RST": "An incoming RST should be ignored." */
  if (in->flags & SYNACK_FLAG_RST)
    {
      set_verdict (a, SYNACK_VERDICT_IGNORED);
      return;
    }
  /* "Second, check for an ACK": "Any acknowledgment is bad if it arrives on
   * a connection still in the LISTEN state. An acceptable reset segment
   * should be formed for any arriving ACK-bearing segment." Unless it
   * carries a SYN cookie. */
  if (in->flags & SYNACK_FLAG_ACK)
    {
      if (check_cookie (a, listener) == SEGMENT_DONE)
        return;
      set_verdict (a, SYNACK_VERDICT_NO_SOCKET);
      synack_tcp_reply_reset (a->engine, listener->host, a->flight);
      return;
    }
  /* "Fourth, other data or control": "drop the segment, and return." */
  if (!(in->flags & SYNACK_FLAG_SYN))
    {
      set_verdict (a, SYNACK_VERDICT_IGNORED);
      return;
    }

  switch (synack_listener_admit_syn (listener, forced_isn, &a->event.queues))
    {
    case SYNACK_ADMIT_DROP_SYN_QUEUE_FULL:
      set_verdict (a, SYNACK_VERDICT_SYN_QUEUE_FULL);
      return;
    case SYNACK_ADMIT_DROP_ACCEPT_QUEUE_FULL:
      set_verdict (a, SYNACK_VERDICT_ACCEPT_QUEUE_FULL);
      return;
    case SYNACK_ADMIT_COOKIE:
      set_verdict (a, SYNACK_VERDICT_SYN_COOKIE_SENT);
      send_cookie_syn_ack (a);
      return;
    case SYNACK_ADMIT_QUEUE:
      break;
    }

  /* "Third, check for a SYN": "Set RCV.NXT to SEG.SEQ+1, IRS is set to
   * SEG.SEQ", "an ISS should be selected and a SYN segment sent of the form
   * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>", "The connection state should be
   * changed to SYN-RECEIVED." */
  child = new_child (a, listener);
  if (child == NULL)
    return;
  child->irs = in->seq;
  child->rcv_nxt = in->seq + 1;
  synack_tcp_set_isn (child, forced_isn ? isn
                                        : synack_tcp_choose_isn (child, listener->has_fixed_isn,
                                                                 listener->iss));
  if (!bind_child (a, child))
    return;
  synack_listener_enter_syn_queue (listener, child);
  synack_tcp_set_state (child, SYNACK_STATE_SYN_RECEIVED, SYNACK_CAUSE_SYN_RECEIVED);
  synack_tcp_send_syn (child, 0);
  synack_tcp_arm_retransmit (child);
  /* What a two-way handshake would do: count the connection as made once
   * the SYN is answered, old duplicate or not. The SYN-ACK still waits to
   * be acknowledged, so it is resent until the client's ACK (or RST). */
  if (a->engine->params.two_way)
    synack_tcp_established (child, SYNACK_CAUSE_TWO_WAY);
}
