/* synack-tcp-output.c: the segments a socket sends: data and FIN as the
 * window allows, ACKs (at once or delayed, as Linux does), SYNs and RSTs. */
#include "synack-tcp-private.h"

#define INVALID_ACK_INTERVAL SYNACK_MS (500) /* net.ipv4.tcp_invalid_ratelimit */

static uint32_t
unscaled_receive_window (const SynackSocket *sock)
{
  uint32_t window = synack_tcp_params (sock)->window;

  return sock->unread >= window ? 0 : window - sock->unread;
}

/* Once window scaling is agreed the window field counts units of 2^shift,
 * so the window offered, and taken, is rounded down to one
 * (tcp_select_window()). */
uint32_t
synack_tcp_receive_window (const SynackSocket *sock)
{
  uint32_t window = unscaled_receive_window (sock);

  if (sock->wscale_ok)
    window = (window >> synack_tcp_window_scale (sock)) << synack_tcp_window_scale (sock);
  return window;
}

void
synack_tcp_send_segment (SynackSocket *sock, unsigned flags, uint32_t seq, uint32_t len,
                         uint32_t rexmit)
{
  SynackHeader hdr = { 0 };

  hdr.src_port = sock->local_port;
  hdr.dst_port = sock->remote_port;
  hdr.spoofed_addr = sock->remote_addr;
  hdr.seq = seq;
  hdr.len = len;
  hdr.flags = (uint8_t) flags;
  /* Linux advertises no window on a RST: nothing more will be received.
   * A SYN's window is never scaled (RFC 7323 2.2), so never rounded. */
  if (flags & SYNACK_FLAG_RST)
    hdr.win = 0;
  else if (flags & SYNACK_FLAG_SYN)
    hdr.win = (uint16_t) unscaled_receive_window (sock);
  else
    hdr.win = (uint16_t) synack_tcp_receive_window (sock);
  if (flags & SYNACK_FLAG_ACK)
    {
      hdr.ack = sock->rcv_nxt;
      sock->rcv_wup = sock->rcv_nxt;
      /* Every segment carries the ACK: a pending delayed ACK has ridden along. */
      sock->ack_pending = false;
      synack_tcp_timer_stop (sock, SYNACK_TIMER_DELAYED_ACK);
    }
  synack_tcp_options_for_segment (sock, flags, &hdr.options);
  synack_network_send (sock->engine, sock->host, &hdr, sock->conn, rexmit);
}

/* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
void
synack_tcp_send_ack (SynackSocket *sock)
{
  synack_tcp_send_segment (sock, SYNACK_FLAG_ACK, sock->snd_nxt, 0, 0);
}

/* Two stacks that disagree about the sequence space could ACK each other's
 * ACKs forever, so, like Linux's tcp_oow_rate_limited(), replies to segments
 * that occupy no sequence space (or are SYNs) go out at most once per
 * INVALID_ACK_INTERVAL. */
void
synack_tcp_send_invalid_ack (SynackSocket *sock, const SynackHeader *in)
{
  SynackTime now = synack_now (sock->engine);
  bool occupies_space = in->len > 0 || (in->flags & SYNACK_FLAG_FIN);

  if (!occupies_space || (in->flags & SYNACK_FLAG_SYN))
    {
      if (sock->invalid_ack_sent && now - sock->last_invalid_ack < INVALID_ACK_INTERVAL)
        return;
      sock->invalid_ack_sent = true;
      sock->last_invalid_ack = now;
    }
  synack_tcp_send_ack (sock);
}

/* SND.NXT may have been pulled back by a timeout, so a reset names the
 * furthest point we ever reached. */
void
synack_tcp_send_reset (SynackSocket *sock)
{
  if (synack_tcp_is_linux (sock))
    synack_tcp_send_segment (sock, SYNACK_FLAG_RST | SYNACK_FLAG_ACK, sock->snd_max, 0, 0);
  else
    synack_tcp_send_segment (sock, SYNACK_FLAG_RST, sock->snd_max, 0, 0);
}

void
synack_tcp_send_syn (SynackSocket *sock, uint32_t rexmit)
{
  unsigned flags = SYNACK_FLAG_SYN;

  /* Past SYN_SENT the peer's SYN has arrived (a passive socket closed in
   * SYN_RECEIVED is in FIN_WAIT_1 and still resends its SYN-ACK). */
  if (sock->state != SYNACK_STATE_SYN_SENT)
    flags |= SYNACK_FLAG_ACK;
  synack_tcp_send_segment (sock, flags, sock->iss, 0, rexmit);
  sock->snd_nxt = sock->iss + 1;
  if (synack_seq_gt (sock->snd_nxt, sock->snd_max))
    sock->snd_max = sock->snd_nxt;
  if (rexmit == 0 && !sock->handshake_retransmitted)
    {
      sock->rtt_timing = true;
      sock->rtt_seq = sock->snd_nxt;
      sock->rtt_start = synack_now (sock->engine);
    }
}

void
synack_tcp_reply_reset (SynackEngine *engine, SynackHostId host, const SynackFlight *flight)
{
  const SynackHeader *in = &flight->hdr;
  SynackHeader hdr = { 0 };

  if (in->flags & SYNACK_FLAG_RST)
    return;
  hdr.src_port = in->dst_port;
  hdr.dst_port = in->src_port;
  hdr.spoofed_addr = in->spoofed_addr;
  if (in->flags & SYNACK_FLAG_ACK)
    {
      hdr.seq = in->ack;
      hdr.flags = SYNACK_FLAG_RST;
    }
  else
    {
      hdr.seq = 0;
      hdr.ack = in->seq + synack_tcp_segment_length (in);
      hdr.flags = SYNACK_FLAG_RST | SYNACK_FLAG_ACK;
    }
  synack_network_send (engine, host, &hdr, flight->origin_conn, 0);
}

bool
synack_tcp_can_send_data (const SynackSocket *sock)
{
  switch (sock->state)
    {
    case SYNACK_STATE_ESTABLISHED:
    case SYNACK_STATE_CLOSE_WAIT:
    case SYNACK_STATE_FIN_WAIT_1:
    case SYNACK_STATE_CLOSING:
    case SYNACK_STATE_LAST_ACK:
      return true;
    default:
      return false;
    }
}

/* After a timeout only one segment is outstanding until an ACK arrives, as
 * Linux's loss recovery does. */
void
synack_tcp_output (SynackSocket *sock)
{
  const SynackParams *params = synack_tcp_params (sock);

  if (!synack_tcp_can_send_data (sock))
    return;
  /* Nothing follows our SYN until it is acknowledged: data sent now would
   * take the SYN's sequence number (close() in SYN_RECEIVED gets here). */
  if (synack_seq_lt (sock->snd_una, sock->iss + 1))
    return;

  for (;;)
    {
      uint32_t in_flight = sock->snd_nxt - sock->snd_una;
      bool below_max = synack_seq_lt (sock->snd_nxt, sock->snd_max);
      uint32_t rexmit = below_max ? (sock->retransmits ? sock->retransmits : 1) : 0;

      if (sock->after_timeout && in_flight > 0)
        return;

      if (synack_seq_lt (sock->snd_nxt, sock->data_end))
        {
          uint32_t available = sock->data_end - sock->snd_nxt;
          uint32_t room = sock->snd_wnd > in_flight ? sock->snd_wnd - in_flight : 0;
          uint32_t len = available;
          unsigned flags = SYNACK_FLAG_ACK;

          if (len > params->mss)
            len = params->mss;
          if (len > room)
            len = room;
          if (len == 0)
            {
              /* A zero window and nothing in flight: no ACK will come by
               * itself, so probe (RFC 9293 3.8.6.1). Like Linux's probe0
               * timer, the probes share the retransmission timer. */
              if (in_flight == 0)
                synack_tcp_arm_retransmit (sock);
              return;
            }
          if (sock->snd_nxt + len == sock->data_end)
            flags |= SYNACK_FLAG_PSH;
          if (!sock->rtt_timing && rexmit == 0)
            {
              sock->rtt_timing = true;
              sock->rtt_seq = sock->snd_nxt + len;
              sock->rtt_start = synack_now (sock->engine);
            }
          /* Linux enters "pingpong" (interactive) mode when it answers soon
           * after receiving: ACKs are then held to ride on the next reply. */
          if (sock->ever_received_data && params->delayed_ack > 0 &&
              synack_now (sock->engine) - sock->last_data_time < params->delayed_ack)
            sock->pingpong = true;
          synack_tcp_send_segment (sock, flags, sock->snd_nxt, len, rexmit);
          sock->snd_nxt += len;
          if (synack_seq_gt (sock->snd_nxt, sock->snd_max))
            sock->snd_max = sock->snd_nxt;
          synack_tcp_arm_retransmit (sock);
          continue;
        }

      if (sock->fin_queued && sock->snd_nxt == sock->data_end)
        {
          synack_tcp_send_segment (sock, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, sock->snd_nxt, 0, rexmit);
          sock->snd_nxt++;
          if (synack_seq_gt (sock->snd_nxt, sock->snd_max))
            sock->snd_max = sock->snd_nxt;
          synack_tcp_arm_retransmit (sock);
        }
      return;
    }
}

/* Linux ACKs at once while in "quick ACK" mode (the first segments of a
 * connection); otherwise it waits up to the delayed-ACK timeout for a reply
 * to carry the ACK. */
void
synack_tcp_acknowledge (SynackSocket *sock, bool now)
{
  const SynackParams *params = synack_tcp_params (sock);

  if (now || params->delayed_ack == 0)
    {
      synack_tcp_send_ack (sock);
      return;
    }
  if (!sock->ever_received_data)
    {
      /* No data yet, so the ACK timeout (icsk_ack.ato) is still zero and
       * tcp_send_delayed_ack() arms the timer for "now": it fires at the
       * next tick. A FIN the application sends before then carries the
       * ACK, and the teardown takes three segments instead of four. */
      sock->ack_pending = true;
      if (!synack_tcp_timer_running (sock, SYNACK_TIMER_DELAYED_ACK))
        synack_tcp_timer_start (sock, SYNACK_TIMER_DELAYED_ACK, 0);
      return;
    }
  if (sock->quick_acks > 0 && !sock->pingpong)
    {
      sock->quick_acks--;
      synack_tcp_send_ack (sock);
      return;
    }
  sock->ack_pending = true;
  if (!synack_tcp_timer_running (sock, SYNACK_TIMER_DELAYED_ACK))
    synack_tcp_timer_start (sock, SYNACK_TIMER_DELAYED_ACK, params->delayed_ack);
}
