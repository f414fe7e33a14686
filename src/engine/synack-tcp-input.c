/* synack-tcp-input.c: a segment arrives (RFC 9293 3.10.7, "SEGMENT
 * ARRIVES"): found no socket, a listener, SYN_SENT, TIME_WAIT, or a
 * synchronized state, each handled the way the RFC's steps read, with
 * Linux's choices where the two differ. */
#include "synack-tcp-arrival.h"

#define LINUX_MAX_QUICKACKS 16 /* TCP_MAX_QUICKACKS */

static void send_replies (Arrival *a);

/* ---- SYN_SENT (3.10.7.3) ----------------------------------------------- */

static void
syn_sent_input (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;
  bool has_ack = in->flags & SYNACK_FLAG_ACK;

  /* "First, check the ACK bit": "If SEG.ACK =< ISS or SEG.ACK > SND.NXT,
   * send a reset (unless the RST bit is set, if so drop the segment and
   * return)". */
  if (has_ack && (synack_seq_le (in->ack, sock->iss) || synack_seq_gt (in->ack, sock->snd_max)))
    {
      set_verdict (a, SYNACK_VERDICT_BAD_ACK);
      if (!(in->flags & SYNACK_FLAG_RST))
        synack_tcp_reply_reset (a->engine, sock->host, a->flight);
      return;
    }

  /* "Second, check the RST bit": "If the ACK was acceptable, then signal
   * to the user "error: connection reset", drop the segment, enter CLOSED
   * state, delete TCB, and return. Otherwise (no ACK), drop the segment and
   * return." */
  if (in->flags & SYNACK_FLAG_RST)
    {
      if (!has_ack)
        {
          set_verdict (a, SYNACK_VERDICT_IGNORED);
          return;
        }
      set_verdict (a, SYNACK_VERDICT_RESET);
      sock->connect_pending = false;
      synack_tcp_app_event (sock, SYNACK_CALL_CONNECT, SYNACK_RESULT_ECONNREFUSED, 0);
      synack_tcp_destroy (sock, SYNACK_CAUSE_RST_RECEIVED);
      return;
    }

  /* "Fifth, if neither of the SYN or RST bits is set, then drop the segment
   * and return." */
  if (!(in->flags & SYNACK_FLAG_SYN))
    {
      set_verdict (a, SYNACK_VERDICT_IGNORED);
      return;
    }

  /* "Fourth, check the SYN bit": "RCV.NXT is set to SEG.SEQ+1, IRS is set
   * to SEG.SEQ." */
  sock->irs = in->seq;
  sock->rcv_nxt = in->seq + 1;
  sock->snd_wnd = in->win;
  synack_tcp_options_negotiate (sock, in);

  /* "If SND.UNA > ISS (our SYN has been ACKed), change the connection state
   * to ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
   * and send it." */
  if (has_ack)
    {
      synack_tcp_ack_advance (sock, in->ack);
      synack_tcp_established (sock, SYNACK_CAUSE_SYN_ACK_RECEIVED);
      synack_tcp_send_ack (sock);
      synack_tcp_output (sock);
      return;
    }

  /* "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
   * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it": a simultaneous open,
   * our SYN crossed theirs. */
  synack_tcp_set_state (sock, SYNACK_STATE_SYN_RECEIVED, SYNACK_CAUSE_SYN_RECEIVED);
  synack_tcp_send_syn (sock, 0);
}

/* ---- TIME_WAIT (Linux's tcp_timewait_state_process) -------------------- */

static void
time_wait_input (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;
  unsigned flags = in->flags;
  SynackTime time_wait = synack_params_time_wait (synack_tcp_params (sock));
  /* PAWS guards TIME_WAIT too (RFC 7323 5.5): an old duplicate is known by
   * its TSval, whatever its sequence number. */
  bool paws_reject = synack_tcp_paws_rejects_in_time_wait (sock, in);
  bool timestamped = sock->ts_ok && sock->have_ts_recent &&
                     (in->options.present & SYNACK_OPTION_TIMESTAMPS);

  if (!paws_reject && in->seq == sock->rcv_nxt && (a->seg_len == 0 || (flags & SYNACK_FLAG_RST)))
    {
      if ((flags & SYNACK_FLAG_RST) && synack_tcp_params (sock)->rfc1337)
        {
          set_verdict (a, SYNACK_VERDICT_IGNORED);
          return;
        }
      if (flags & SYNACK_FLAG_RST)
        {
          /* "TIME-WAIT assassination" (RFC 1337): by default Linux lets an
           * in-window RST end TIME_WAIT early. */
          set_verdict (a, SYNACK_VERDICT_RESET);
          synack_tcp_destroy (sock, SYNACK_CAUSE_RST_RECEIVED);
          return;
        }
      set_verdict (a, SYNACK_VERDICT_IGNORED);
      synack_tcp_timer_start (sock, SYNACK_TIMER_TIME_WAIT, time_wait);
      if (timestamped)
        {
          sock->ts_recent = in->options.tsval;
          sock->ts_recent_stamp = synack_now (a->engine);
        }
      return;
    }

  /* A new SYN beyond the old connection's sequence space, or (RFC 6191)
   * with a newer timestamp, may reopen the 4-tuple at once (RFC 1122
   * 4.2.2.13); the new ISN is chosen above the old one so the old
   * connection's segments cannot be mistaken for it. */
  if ((flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_RST | SYNACK_FLAG_ACK)) == SYNACK_FLAG_SYN && !paws_reject &&
      (synack_seq_gt (in->seq, sock->rcv_nxt) ||
       (timestamped && (int32_t) (sock->ts_recent - in->options.tsval) < 0)))
    {
      SynackHost *host = synack_tcp_host (sock);
      uint32_t isn = sock->snd_nxt + 65535 + 2;
      SynackSocket *listener;

      synack_tcp_destroy (sock, SYNACK_CAUSE_NEW_SYN);
      a->sock = NULL;
      listener = synack_host_listener (host, in->dst_port);
      if (listener)
        synack_tcp_listen_input (a, listener, true, isn);
      else
        synack_tcp_no_socket_input (a);
      return;
    }

  if (flags & SYNACK_FLAG_RST)
    {
      set_verdict (a, paws_reject ? SYNACK_VERDICT_PAWS : SYNACK_VERDICT_IGNORED);
      return;
    }

  /* RFC 9293 3.10.7.4: "The only thing that can arrive in this state is a
   * retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL
   * timeout." Our last ACK was lost, so the peer sent its FIN again. An old
   * duplicate PAWS caught is answered the same way (tcp_timewait_state_process()). */
  set_verdict (a, paws_reject ? SYNACK_VERDICT_PAWS : SYNACK_VERDICT_UNACCEPTABLE);
  if ((flags & SYNACK_FLAG_ACK) || paws_reject)
    synack_tcp_timer_start (sock, SYNACK_TIMER_TIME_WAIT, time_wait);
  synack_tcp_send_invalid_ack (sock, in);
}

/* ---- Synchronized states (3.10.7.4) ------------------------------------ */

/* Anything heard from the peer proves it alive: the idle time starts over.
 * (Linux measures the idle time when its timer fires instead; restarting it
 * draws the same probes without timer stubs in between.) */
static void
heard_from_peer (SynackSocket *sock)
{
  SynackTime deadline = synack_tcp_timer_deadline (sock, synack_tcp_params (sock)->keepalive_idle);

  if (synack_tcp_timer_running (sock, SYNACK_TIMER_KEEPALIVE) &&
      sock->timers[SYNACK_TIMER_KEEPALIVE].entry.when != deadline)
    {
      sock->keepalive_probes_out = 0;
      synack_tcp_timer_start (sock, SYNACK_TIMER_KEEPALIVE, synack_tcp_params (sock)->keepalive_idle);
    }
}

/* Before the steps: a passive SYN_RECEIVED that sees the SYN again (our
 * SYN-ACK was lost or is late) answers with another SYN-ACK, as Linux does.
 * Linux's tcp_check_req() then pushes the SYN-ACK timer a whole timeout
 * on (mod_timer_pending() to now + reqsk_timeout()): the answer stands for
 * the retransmission the timer would have sent, so no second one follows
 * it when both fall due together, as they do when the SYN-ACK was lost. */
static Step
answer_repeated_syn (Arrival *a)
{
  SynackSocket *sock = a->sock;

  if (sock->state != SYNACK_STATE_SYN_RECEIVED ||
      (a->in->flags & ~SYNACK_FLAG_PSH) != SYNACK_FLAG_SYN || a->in->seq != sock->irs)
    return NEXT_STEP;
  set_verdict (a, SYNACK_VERDICT_IGNORED);
  /* A retransmission: Karn's rule, and RFC 6298 5.7's RTO of 3 s after it
   * (Linux takes no SYN-ACK sample once req->num_retrans is counted). */
  sock->rtt_timing = false;
  sock->handshake_retransmitted = true;
  synack_tcp_send_syn (sock, sock->retransmits + 1);
  if (synack_tcp_is_linux (sock) && synack_tcp_timer_running (sock, SYNACK_TIMER_RETRANSMIT))
    synack_tcp_timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
  return SEGMENT_DONE;
}

/* RCV.NXT =< seq < RCV.NXT+window */
static bool
in_window (const SynackSocket *sock, uint32_t seq, uint32_t window)
{
  return synack_seq_le (sock->rcv_nxt, seq) && synack_seq_lt (seq, sock->rcv_nxt + window);
}

/* The RFC's table of the four cases of segment length and window. */
static bool
sequence_acceptable (const SynackSocket *sock, const SynackHeader *in, uint32_t seg_len)
{
  uint32_t window = synack_tcp_receive_window (sock);

  if (seg_len == 0)
    return window == 0 ? in->seq == sock->rcv_nxt : in_window (sock, in->seq, window);
  if (window == 0)
    return false;
  return in_window (sock, in->seq, window) || in_window (sock, in->seq + seg_len - 1, window);
}

/* Linux's tcp_send_dupack(): a segment that repeats sequence space we
 * have is reported with a D-SACK block (RFC 2883) in the ACK. Not a
 * repeated SYN: Linux's window test (tcp_sequence(), from RCV.WUP) lets
 * it on to the SYN check, whose challenge ACK carries no block. */
static void
send_duplicate_ack (Arrival *a)
{
  if (a->seg_len > 0 && !(a->in->flags & SYNACK_FLAG_SYN) && synack_seq_lt (a->in->seq, a->sock->rcv_nxt))
    synack_tcp_report_duplicate (a->sock, a->in->seq, a->in->seq + a->seg_len);
  synack_tcp_send_invalid_ack (a->sock, a->in);
}

/* Before the sequence number, as Linux's tcp_validate_incoming() does:
 * RFC 7323 5.3, "If SEG.TSval < TS.Recent and the RST bit is off ... the
 * segment is not acceptable": "Send an acknowledgment in reply as
 * specified in RFC 793 page 69 and drop the segment." A sequence number
 * that wrapped round into the window does not fool it. */
static Step
check_timestamp (Arrival *a)
{
  if (!synack_tcp_paws_rejects (a->sock, a->in))
    return NEXT_STEP;
  set_verdict (a, SYNACK_VERDICT_PAWS);
  send_duplicate_ack (a);
  return SEGMENT_DONE;
}

/* "First, check sequence number" */
static Step
check_sequence_number (Arrival *a)
{
  /* In a simultaneous open the peer's SYN-ACK repeats a SYN we already
   * have; Linux lets it through to the ACK check (tcp_validate_incoming). */
  if (a->simultaneous_syn_ack || sequence_acceptable (a->sock, a->in, a->seg_len))
    return NEXT_STEP;
  /* "If an incoming segment is not acceptable, an acknowledgment should be
   * sent in reply (unless the RST bit is set, if so drop the segment and
   * return)". */
  set_verdict (a, SYNACK_VERDICT_UNACCEPTABLE);
  if (!(a->in->flags & SYNACK_FLAG_RST))
    send_duplicate_ack (a);
  return SEGMENT_DONE;
}

/* "Second, check the RST bit" (with RFC 5961's protection, which the RFC
 * now describes) */
static Step
check_rst (Arrival *a)
{
  SynackSocket *sock = a->sock;

  if (!(a->in->flags & SYNACK_FLAG_RST))
    return NEXT_STEP;
  /* "If the RST bit is set and the sequence number does not exactly match
   * the next expected sequence value, yet is within the current receive
   * window, TCP endpoints MUST send an acknowledgment (challenge ACK)". */
  if (a->in->seq != sock->rcv_nxt)
    {
      set_verdict (a, SYNACK_VERDICT_CHALLENGE_ACK);
      synack_tcp_send_invalid_ack (sock, a->in);
      return SEGMENT_DONE;
    }
  /* "If the RST bit is set and the sequence number exactly matches the next
   * expected sequence number (RCV.NXT), then TCP endpoints MUST reset the
   * connection". An active open refused in SYN_RECEIVED is "connection
   * refused"; in CLOSING and LAST_ACK the user has closed and hears nothing. */
  set_verdict (a, SYNACK_VERDICT_RESET);
  if (sock->state == SYNACK_STATE_SYN_RECEIVED && sock->connect_pending)
    {
      sock->connect_pending = false;
      synack_tcp_app_event (sock, SYNACK_CALL_CONNECT, SYNACK_RESULT_ECONNREFUSED, 0);
    }
  else if (sock->state != SYNACK_STATE_CLOSING && sock->state != SYNACK_STATE_LAST_ACK)
    synack_tcp_report_error (sock, SYNACK_RESULT_ECONNRESET);
  synack_tcp_destroy (sock, SYNACK_CAUSE_RST_RECEIVED);
  return SEGMENT_DONE;
}

/* "Third, check security": a simulation has no compartments; nothing to do. */

/* "Fourth, check the SYN bit" */
static Step
check_syn (Arrival *a)
{
  if (!(a->in->flags & SYNACK_FLAG_SYN) || a->simultaneous_syn_ack)
    return NEXT_STEP;
  /* "If the SYN bit is set, irrespective of the sequence number, TCP
   * endpoints MUST send a "challenge ACK" to the remote peer" (RFC 5961 4.2). */
  set_verdict (a, SYNACK_VERDICT_CHALLENGE_ACK);
  synack_tcp_send_invalid_ack (a->sock, a->in);
  return SEGMENT_DONE;
}

/* tcp_check_req(): the handshake is complete but the listener's accept
 * queue has no room. Linux drops the ACK and remembers it came
 * (req->acked), so the SYN-ACK goes on being resent and the next ACK tries
 * again; the client, whose connect() has returned, knows nothing of it.
 * With tcp_abort_on_overflow the request is reset instead. */
static Step
accept_queue_overflow (Arrival *a)
{
  SynackSocket *sock = a->sock;
  SynackSocket *listener = synack_listener_of (sock);

  if (listener == NULL || !sock->in_syn_queue || !synack_listener_accept_queue_full (listener))
    return NEXT_STEP;
  if (synack_tcp_params (sock)->abort_on_overflow && synack_tcp_is_linux (sock))
    {
      set_verdict (a, SYNACK_VERDICT_ACCEPT_QUEUE_RESET);
      synack_tcp_reply_reset (a->engine, sock->host, a->flight);
      synack_tcp_destroy (sock, SYNACK_CAUSE_ACCEPT_QUEUE_FULL);
      a->sock = NULL;
      return SEGMENT_DONE;
    }
  set_verdict (a, SYNACK_VERDICT_ACCEPT_QUEUE_FULL);
  sock->overflow_acked = true;
  return SEGMENT_DONE;
}

/* The ACK step in SYN_RECEIVED: "If SND.UNA < SEG.ACK =< SND.NXT, then
 * enter ESTABLISHED state and continue processing". */
static Step
check_ack_syn_received (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;

  /* "If the segment acknowledgment is not acceptable, form a reset segment
   * <SEQ=SEG.ACK><CTL=RST> and send it." */
  if (!(synack_seq_lt (sock->snd_una, in->ack) && synack_seq_le (in->ack, sock->snd_max)))
    {
      set_verdict (a, SYNACK_VERDICT_BAD_ACK);
      synack_tcp_reply_reset (a->engine, sock->host, a->flight);
      return SEGMENT_DONE;
    }
  if (!a->simultaneous_syn_ack && accept_queue_overflow (a) == SEGMENT_DONE)
    return SEGMENT_DONE;
  sock->snd_wnd = in->win;
  synack_tcp_ack_advance (sock, in->ack);
  synack_tcp_established (sock, a->simultaneous_syn_ack ? SYNACK_CAUSE_SYN_ACK_RECEIVED
                                                        : SYNACK_CAUSE_ACK_RECEIVED);
  if (sock->state != SYNACK_STATE_ESTABLISHED)
    return SEGMENT_DONE;
  /* The crossed SYN-ACK repeats a SYN we already took: Linux's
   * tcp_data_queue() treats it as a retransmission and ACKs at once (with a
   * D-SACK block for it), unless queued data goes out and carries the ACK. */
  if (a->simultaneous_syn_ack)
    {
      synack_tcp_report_duplicate (sock, in->seq, in->seq + 1);
      a->need_ack = true;
      a->ack_now = true;
      send_replies (a);
      return SEGMENT_DONE;
    }
  return NEXT_STEP;
}

/* "Fifth, check the ACK field" */
static Step
check_ack (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;

  /* "if the ACK bit is off, drop the segment and return" */
  if (!(in->flags & SYNACK_FLAG_ACK))
    {
      set_verdict (a, SYNACK_VERDICT_NO_ACK);
      return SEGMENT_DONE;
    }
  if (sock->state == SYNACK_STATE_SYN_RECEIVED && check_ack_syn_received (a) == SEGMENT_DONE)
    return SEGMENT_DONE;

  /* "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send
   * an ACK, drop the segment, and return." Linux's tcp_ack() drops it
   * silently, which is what keeps a desynchronized pair from an ACK storm. */
  if (synack_seq_gt (in->ack, sock->snd_max))
    {
      set_verdict (a, SYNACK_VERDICT_BAD_ACK);
      if (!synack_tcp_is_linux (sock))
        synack_tcp_send_invalid_ack (sock, in);
      return SEGMENT_DONE;
    }
  /* "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK." */
  synack_tcp_ack_advance (sock, in->ack);
  sock->snd_wnd = in->win;
  /* An answer to a zero-window probe: the peer is alive, keep probing. */
  if (sock->snd_una == sock->snd_max)
    sock->retransmits = 0;

  switch (sock->state)
    {
    case SYNACK_STATE_FIN_WAIT_1:
      /* "if the FIN segment is now acknowledged, then enter FIN-WAIT-2 and
       * continue processing in that state". A FIN that also acknowledges
       * ours goes straight to TIME_WAIT in the FIN step instead. */
      if (synack_tcp_fin_acked (sock) &&
          !((in->flags & SYNACK_FLAG_FIN) && in->seq + in->len == sock->rcv_nxt))
        synack_tcp_enter_fin_wait_2 (sock);
      break;
    case SYNACK_STATE_CLOSING:
      /* "if the ACK acknowledges our FIN, then enter the TIME-WAIT state;
       * otherwise, ignore the segment." */
      if (synack_tcp_fin_acked (sock))
        {
          a->time_wait_overflow = !synack_tcp_enter_time_wait (sock, SYNACK_CAUSE_ACK_RECEIVED);
          return SEGMENT_DONE;
        }
      break;
    case SYNACK_STATE_LAST_ACK:
      /* "If our FIN is now acknowledged, delete the TCB, enter the CLOSED
       * state, and return." */
      if (synack_tcp_fin_acked (sock))
        {
          synack_tcp_destroy (sock, SYNACK_CAUSE_ACK_RECEIVED);
          return SEGMENT_DONE;
        }
      break;
    default:
      break;
    }
  return NEXT_STEP;
}

/* "Sixth, check the URG bit": the simulated applications send no urgent
 * data, so there is nothing to do. */

static void
take_data (Arrival *a, uint32_t len)
{
  SynackSocket *sock = a->sock;
  uint64_t before = sock->received;

  sock->rcv_nxt += len;
  if (!sock->ever_received_data)
    {
      sock->ever_received_data = true;
      sock->quick_acks = LINUX_MAX_QUICKACKS;
    }
  sock->last_data_time = synack_now (a->engine);

  if (a->flight->origin_conn != sock->conn && a->flight->origin_conn != 0)
    {
      set_verdict (a, SYNACK_VERDICT_STALE_DATA);
      a->event.stale_conn = a->flight->origin_conn;
    }

  if (sock->read_off)
    {
      sock->unread += len;
      return;
    }
  sock->received += len;
  synack_tcp_app_event (sock, SYNACK_CALL_RECV, SYNACK_RESULT_OK, len);
  synack_engine_notify (a->engine, sock, SYNACK_WHEN_RECEIVED, before);
}

/* "Seventh, process the segment text" */
static Step
process_text (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;

  if (a->data_len == 0)
    return NEXT_STEP;
  switch (sock->state)
    {
    case SYNACK_STATE_ESTABLISHED:
    case SYNACK_STATE_FIN_WAIT_1:
    case SYNACK_STATE_FIN_WAIT_2:
      if (sock->app_closed)
        {
          /* RFC 1122 4.2.2.13 and Linux: nobody will ever read this, so
           * tell the sender with a RST instead of swallowing it. */
          set_verdict (a, SYNACK_VERDICT_RESET);
          synack_tcp_reply_reset (a->engine, sock->host, a->flight);
          synack_tcp_destroy (sock, SYNACK_CAUSE_DATA_AFTER_CLOSE);
          return SEGMENT_DONE;
        }
      if (synack_seq_lt (in->seq, sock->rcv_nxt))
        a->offset = sock->rcv_nxt - in->seq;
      if (in->seq + a->offset != sock->rcv_nxt || a->offset >= a->data_len)
        {
          /* Out of order, or all of it seen before: ask again. Its ACK was
           * taken above, so what it freed (a FIN waiting behind
           * acknowledged data) goes out now. Data beyond a hole is held,
           * "for later processing" (3.10.7.4), and SACKed; data seen
           * before is D-SACKed. */
          if (a->offset >= a->data_len)
            {
              set_verdict (a, SYNACK_VERDICT_UNACCEPTABLE);
              synack_tcp_report_duplicate (sock, in->seq, in->seq + in->len);
            }
          else
            {
              /* Only the bytes: a FIN beyond the hole is not held, and
               * comes again with the sender's next retransmission. */
              set_verdict (a, SYNACK_VERDICT_OUT_OF_ORDER);
              synack_tcp_hold_out_of_order (sock, in->seq, in->seq + in->len);
            }
          synack_tcp_send_invalid_ack (sock, in);
          synack_tcp_output (sock);
          return SEGMENT_DONE;
        }
      /* Partly seen before: the part seen is D-SACKed (tcp_data_queue()). */
      if (a->offset > 0)
        synack_tcp_report_duplicate (sock, in->seq, sock->rcv_nxt);
      /* "Once in the ESTABLISHED state, it is possible to deliver segment
       * data to user RECEIVE buffers", as much as the window has room for,
       * with what was held beyond it if this filled the hole. */
      a->data_len -= a->offset;
      if (a->data_len > synack_tcp_receive_window (sock))
        a->data_len = synack_tcp_receive_window (sock);
      take_data (a, a->data_len + synack_tcp_take_held_data (sock, sock->rcv_nxt + a->data_len));
      a->need_ack = true;
      break;
    default:
      /* "This should not occur since a FIN has been received from the
       * remote side. Ignore the segment text." */
      break;
    }
  return NEXT_STEP;
}

/* "Eighth, check the FIN bit" */
static void
check_fin (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;

  /* Only a FIN next in sequence, after all of this segment's text. */
  if (!(in->flags & SYNACK_FLAG_FIN) || in->seq + in->len != sock->rcv_nxt || sock->peer_fin ||
      a->data_len + a->offset != in->len)
    return;

  /* "advance RCV.NXT over the FIN, and send an acknowledgment for the FIN" */
  sock->rcv_nxt++;
  sock->peer_fin = true;
  a->need_ack = true;
  switch (sock->state)
    {
    case SYNACK_STATE_SYN_RECEIVED:
    case SYNACK_STATE_ESTABLISHED:
      /* "Enter the CLOSE-WAIT state." */
      synack_tcp_set_state (sock, SYNACK_STATE_CLOSE_WAIT, SYNACK_CAUSE_FIN_RECEIVED);
      /* tcp_fin(): the application will answer, so hold the ACK for it. */
      sock->pingpong = true;
      break;
    case SYNACK_STATE_FIN_WAIT_1:
      /* "If our FIN has been ACKed (perhaps in this segment), then enter
       * TIME-WAIT, start the time-wait timer, turn off the other timers;
       * otherwise, enter the CLOSING state." */
      a->ack_now = true;
      if (synack_tcp_fin_acked (sock))
        a->time_wait_overflow = !synack_tcp_enter_time_wait (sock, SYNACK_CAUSE_FIN_ACK_RECEIVED);
      else
        synack_tcp_set_state (sock, SYNACK_STATE_CLOSING, SYNACK_CAUSE_FIN_RECEIVED);
      break;
    case SYNACK_STATE_FIN_WAIT_2:
      /* "Enter the TIME-WAIT state. Start the time-wait timer, turn off the
       * other timers." */
      a->ack_now = true;
      a->time_wait_overflow = !synack_tcp_enter_time_wait (sock, SYNACK_CAUSE_FIN_RECEIVED);
      break;
    default:
      break;
    }
  /* "signal the user "connection closing"" */
  synack_tcp_read_eof (sock);
}

/* After the steps: data or a FIN sent now carries the ACK; otherwise the
 * ACK goes alone, at once or delayed. */
static void
send_replies (Arrival *a)
{
  uint32_t segments_before = a->engine->next_seg;

  synack_tcp_output (a->sock);
  if (a->need_ack && a->engine->next_seg == segments_before)
    synack_tcp_acknowledge (a->sock, a->ack_now);
}

void
synack_tcp_synchronized_input (Arrival *a)
{
  SynackSocket *sock = a->sock;
  const SynackHeader *in = a->in;

  heard_from_peer (sock);
  if (answer_repeated_syn (a) == SEGMENT_DONE)
    return;

  a->simultaneous_syn_ack = sock->state == SYNACK_STATE_SYN_RECEIVED &&
                            (in->flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) ==
                              (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK) &&
                            in->seq + 1 == sock->rcv_nxt && in->ack == sock->iss + 1;
  a->data_len = in->len;

  if (check_timestamp (a) == SEGMENT_DONE ||
      check_sequence_number (a) == SEGMENT_DONE)
    return;
  synack_tcp_take_timestamp (sock, in);
  if (check_rst (a) != SEGMENT_DONE &&
      check_syn (a) != SEGMENT_DONE &&
      check_ack (a) != SEGMENT_DONE &&
      process_text (a) != SEGMENT_DONE)
    {
      check_fin (a);
      send_replies (a);
    }
  /* Only after the last ACK has gone out, as tcp_fin() sends it before
   * tcp_time_wait() finds no bucket. */
  if (a->time_wait_overflow)
    synack_tcp_close_without_time_wait (sock);
}

/* ---- Dispatch ---------------------------------------------------------- */

void
synack_tcp_input (SynackEngine *engine, SynackHostId host_id, const SynackFlight *flight)
{
  SynackHost *host = &engine->hosts[host_id];
  Arrival a = { 0 };
  bool passive;

  a.engine = engine;
  a.host = host_id;
  a.flight = flight;
  a.in = &flight->hdr;
  a.seg_len = synack_tcp_segment_length (a.in);
  a.sock = synack_host_lookup_addr (host, a.in->spoofed_addr, a.in->dst_port, a.in->src_port);

  a.event.t = synack_now (engine);
  a.event.type = SYNACK_EVENT_DELIVER;
  a.event.host = host_id;
  a.event.conn = a.sock ? a.sock->conn : flight->origin_conn;
  a.event.seg = flight->seg;
  a.event.hdr = *a.in;
  a.event.rexmit = flight->rexmit;
  a.event.duplicate = flight->duplicate;
  a.event.verdict = SYNACK_VERDICT_ACCEPTED;

  passive = a.sock == NULL || a.sock->in_syn_queue;
  synack_engine_defer_events (engine);
  if (a.sock == NULL)
    {
      SynackSocket *listener = synack_host_listener (host, a.in->dst_port);

      if (listener)
        synack_tcp_listen_input (&a, listener, false, 0);
      else
        synack_tcp_no_socket_input (&a);
    }
  else if (a.sock->state == SYNACK_STATE_TIME_WAIT)
    time_wait_input (&a);
  else if (a.sock->state == SYNACK_STATE_SYN_SENT)
    syn_sent_input (&a);
  else
    synack_tcp_synchronized_input (&a);
  if (passive)
    {
      SynackSocket *listener = synack_host_listener (host, a.in->dst_port);

      if (listener != NULL)
        synack_listener_census (listener, &a.event.queues);
    }
  synack_engine_emit_deferred (engine, &a.event);
}
