/* synack-tcp.c: TCP connection management per RFC 9293 section 3.10, with
 * Linux's choices where the two differ (delayed ACK, SYN back-off, TIME_WAIT
 * reuse, RST on data after close). */
#include <stdlib.h>

#include "synack-engine-private.h"

#define LINUX_MAX_QUICKACKS   16             /* TCP_MAX_QUICKACKS */
#define RTO_AFTER_SYN_LOSS    SYNACK_SEC (3) /* RFC 6298 5.7, TCP_TIMEOUT_FALLBACK */
#define INVALID_ACK_INTERVAL  SYNACK_MS (500) /* net.ipv4.tcp_invalid_ratelimit */

static inline const SynackParams *
params_of (const SynackSocket *sock)
{
  return &sock->engine->params;
}

static inline SynackHost *
host_of (SynackSocket *sock)
{
  return &sock->engine->hosts[sock->host];
}

static inline bool
is_linux (const SynackSocket *sock)
{
  return params_of (sock)->profile == SYNACK_PROFILE_LINUX;
}

static inline SynackTime
min_time (SynackTime a, SynackTime b)
{
  return a < b ? a : b;
}

static inline SynackTime
max_time (SynackTime a, SynackTime b)
{
  return a > b ? a : b;
}

static void
app_event (SynackSocket *sock, SynackCall call, SynackResult result, uint64_t bytes)
{
  synack_engine_app_event (sock->engine, sock->host, sock->conn, call, result, bytes);
}

/* ---- Timers ------------------------------------------------------------ */

static void
emit_timer (SynackSocket *sock, SynackTimerKind kind, SynackTimerAction action)
{
  SynackEvent event = { 0 };
  const SynackSchedEntry *entry = &sock->timers[kind].entry;

  event.t = synack_now (sock->engine);
  event.type = SYNACK_EVENT_TIMER;
  event.host = sock->host;
  event.conn = sock->conn;
  event.timer = kind;
  event.action = action;
  if (action == SYNACK_TIMER_START)
    {
      event.expires = entry->when;
      event.duration = entry->when - event.t;
    }
  synack_engine_emit (sock->engine, &event);
}

static void
timer_dispatch (SynackSchedEntry *entry, void *context)
{
  SynackTimer *timer = SYNACK_CONTAINER_OF (entry, SynackTimer, entry);

  (void) context;
  emit_timer (timer->sock, timer->kind, SYNACK_TIMER_EXPIRE);
  synack_tcp_timer_fired (timer);
}

static void
timer_start (SynackSocket *sock, SynackTimerKind kind, SynackTime duration)
{
  SynackTimer *timer = &sock->timers[kind];

  timer->entry.fn = timer_dispatch;
  if (!synack_scheduler_add (&sock->engine->sched, &timer->entry,
                             synack_now (sock->engine) + duration))
    {
      synack_engine_fail (sock->engine, SYNACK_ENGINE_NO_MEMORY);
      return;
    }
  emit_timer (sock, kind, SYNACK_TIMER_START);
}

static void
timer_stop (SynackSocket *sock, SynackTimerKind kind)
{
  SynackTimer *timer = &sock->timers[kind];

  if (!synack_sched_entry_pending (&timer->entry))
    return;
  synack_scheduler_cancel (&sock->engine->sched, &timer->entry);
  emit_timer (sock, kind, SYNACK_TIMER_STOP);
}

static inline bool
timer_running (const SynackSocket *sock, SynackTimerKind kind)
{
  return synack_sched_entry_pending (&sock->timers[kind].entry);
}

static void
timers_stop_all (SynackSocket *sock)
{
  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    timer_stop (sock, (SynackTimerKind) k);
}

/* ---- State ------------------------------------------------------------- */

void
synack_tcp_set_state (SynackSocket *sock, SynackState to, SynackCause cause)
{
  SynackEvent event = { 0 };

  if (sock->state == to)
    return;
  event.t = synack_now (sock->engine);
  event.type = SYNACK_EVENT_STATE;
  event.host = sock->host;
  event.conn = sock->conn;
  event.from = sock->state;
  event.to = to;
  event.cause = cause;
  sock->state = to;
  synack_engine_emit (sock->engine, &event);

  if (to == SYNACK_STATE_ESTABLISHED)
    synack_engine_notify (sock->engine, sock, SYNACK_WHEN_ESTABLISHED, 0);
  else if (to == SYNACK_STATE_CLOSED)
    synack_engine_notify (sock->engine, sock, SYNACK_WHEN_CLOSED, 0);
}

/* Ends a socket: its timers stop, it becomes CLOSED and leaves the table.
 * The socket is freed: callers return straight after. */
static void
destroy (SynackSocket *sock, SynackCause cause)
{
  SynackHost *host = host_of (sock);

  timers_stop_all (sock);
  synack_tcp_set_state (sock, SYNACK_STATE_CLOSED, cause);
  if (sock->listener)
    synack_host_remove_listener (host, sock);
  else
    synack_host_unbind (host, sock);
  synack_socket_free (sock);
}

void
synack_tcp_vanish (SynackSocket *sock)
{
  destroy (sock, SYNACK_CAUSE_CRASH);
}

/* ---- Output ------------------------------------------------------------ */

static inline uint32_t
receive_window (const SynackSocket *sock)
{
  uint32_t window = params_of (sock)->window;

  return sock->unread >= window ? 0 : window - sock->unread;
}

static inline bool
fin_acked (const SynackSocket *sock)
{
  return sock->fin_queued && synack_seq_gt (sock->snd_una, sock->data_end);
}

static void
send_segment (SynackSocket *sock, unsigned flags, uint32_t seq, uint32_t len, uint32_t rexmit)
{
  SynackHeader hdr = { 0 };

  hdr.src_port = sock->local_port;
  hdr.dst_port = sock->remote_port;
  hdr.seq = seq;
  hdr.len = len;
  hdr.flags = (uint8_t) flags;
  /* Linux advertises no window on a RST: nothing more will be received. */
  hdr.win = (flags & SYNACK_FLAG_RST) ? 0 : (uint16_t) receive_window (sock);
  if (flags & SYNACK_FLAG_ACK)
    {
      hdr.ack = sock->rcv_nxt;
      /* Every segment carries the ACK: a pending delayed ACK has ridden along. */
      sock->ack_pending = false;
      timer_stop (sock, SYNACK_TIMER_DELAYED_ACK);
    }
  synack_network_send (sock->engine, sock->host, &hdr, sock->conn, rexmit);
}

static void
send_ack (SynackSocket *sock)
{
  send_segment (sock, SYNACK_FLAG_ACK, sock->snd_nxt, 0, 0);
}

/* Answers a segment we will not take. Two stacks that disagree about the
 * sequence space could ACK each other's ACKs forever, so, like Linux's
 * tcp_oow_rate_limited(), replies to segments that occupy no sequence space
 * (or are SYNs) go out at most once per INVALID_ACK_INTERVAL. */
static void
send_invalid_ack (SynackSocket *sock, const SynackHeader *in)
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
  send_ack (sock);
}

/* SND.NXT may have been pulled back by a timeout, so a reset names the
 * furthest point we ever reached. */
static void
send_reset (SynackSocket *sock)
{
  if (is_linux (sock))
    send_segment (sock, SYNACK_FLAG_RST | SYNACK_FLAG_ACK, sock->snd_max, 0, 0);
  else
    send_segment (sock, SYNACK_FLAG_RST, sock->snd_max, 0, 0);
}

static void
send_syn (SynackSocket *sock, uint32_t rexmit)
{
  unsigned flags = SYNACK_FLAG_SYN;

  /* Past SYN_SENT the peer's SYN has arrived (a passive socket closed in
   * SYN_RECEIVED is in FIN_WAIT_1 and still resends its SYN-ACK). */
  if (sock->state != SYNACK_STATE_SYN_SENT)
    flags |= SYNACK_FLAG_ACK;
  send_segment (sock, flags, sock->iss, 0, rexmit);
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

static void
arm_retransmit (SynackSocket *sock)
{
  if (!timer_running (sock, SYNACK_TIMER_RETRANSMIT))
    timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
}

static bool
can_send_data (const SynackSocket *sock)
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

/* Sends what the window allows: new or retransmitted data, then the FIN.
 * After a timeout only one segment is outstanding until an ACK arrives,
 * as Linux's loss recovery does. */
static void
output (SynackSocket *sock)
{
  const SynackParams *params = params_of (sock);

  if (!can_send_data (sock))
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
                arm_retransmit (sock);
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
          send_segment (sock, flags, sock->snd_nxt, len, rexmit);
          sock->snd_nxt += len;
          if (synack_seq_gt (sock->snd_nxt, sock->snd_max))
            sock->snd_max = sock->snd_nxt;
          arm_retransmit (sock);
          continue;
        }

      if (sock->fin_queued && sock->snd_nxt == sock->data_end)
        {
          send_segment (sock, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, sock->snd_nxt, 0, rexmit);
          sock->snd_nxt++;
          if (synack_seq_gt (sock->snd_nxt, sock->snd_max))
            sock->snd_max = sock->snd_nxt;
          arm_retransmit (sock);
        }
      return;
    }
}

/* Decides when to acknowledge what just arrived. Linux ACKs at once while in
 * "quick ACK" mode (the first segments of a connection) and whenever no data
 * has arrived yet (its ACK timeout is still zero); otherwise it waits up to
 * the delayed-ACK timeout for a reply to carry the ACK. */
static void
acknowledge (SynackSocket *sock, bool now)
{
  const SynackParams *params = params_of (sock);

  if (now || params->delayed_ack == 0 || !sock->ever_received_data)
    {
      send_ack (sock);
      return;
    }
  if (sock->quick_acks > 0 && !sock->pingpong)
    {
      sock->quick_acks--;
      send_ack (sock);
      return;
    }
  sock->ack_pending = true;
  if (!timer_running (sock, SYNACK_TIMER_DELAYED_ACK))
    timer_start (sock, SYNACK_TIMER_DELAYED_ACK, params->delayed_ack);
}

/* ---- Round-trip time (RFC 6298) ---------------------------------------- */

static void
update_rto (SynackSocket *sock)
{
  const SynackParams *params = params_of (sock);
  SynackTime rto;

  if (is_linux (sock))
    /* tcp_set_rto(): the floor applies to the variance term, so a loopback
     * RTO is rto-min plus the tiny SRTT. */
    rto = sock->srtt + max_time (4 * sock->rttvar, params->rto_min);
  else
    rto = max_time (params->rto_min, sock->srtt + max_time (1, 4 * sock->rttvar));
  sock->rto = min_time (rto, params->rto_max);
}

static void
rtt_sample (SynackSocket *sock, SynackTime m)
{
  if (!sock->have_rtt)
    {
      sock->srtt = m;
      sock->rttvar = m / 2;
      sock->have_rtt = true;
    }
  else
    {
      SynackTime err = sock->srtt > m ? sock->srtt - m : m - sock->srtt;

      sock->rttvar = (3 * sock->rttvar + err) / 4;
      sock->srtt = (7 * sock->srtt + m) / 8;
    }
  update_rto (sock);
}

/* Takes what an acceptable ACK acknowledges. */
static void
ack_advance (SynackSocket *sock, uint32_t ack)
{
  if (!synack_seq_gt (ack, sock->snd_una))
    return;
  if (sock->rtt_timing && synack_seq_ge (ack, sock->rtt_seq))
    {
      sock->rtt_timing = false;
      rtt_sample (sock, synack_now (sock->engine) - sock->rtt_start);
    }
  else if (sock->retransmits > 0 && sock->have_rtt)
    /* New data acknowledged: the back-off is over (RFC 6298 5.7 leaves the
     * backed-off value; Linux recomputes, and so do we). */
    update_rto (sock);
  sock->snd_una = ack;
  if (synack_seq_lt (sock->snd_nxt, sock->snd_una))
    sock->snd_nxt = sock->snd_una;
  sock->retransmits = 0;
  sock->after_timeout = false;
  sock->keepalive_probes_out = 0;

  timer_stop (sock, SYNACK_TIMER_RETRANSMIT);
  if (sock->snd_una != sock->snd_max)
    timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
}

/* ---- Entering states --------------------------------------------------- */

static void
established (SynackSocket *sock, SynackCause cause)
{
  const SynackParams *params = params_of (sock);

  sock->retransmits = 0;
  if (!sock->have_rtt && sock->handshake_retransmitted)
    sock->rto = min_time (RTO_AFTER_SYN_LOSS, params->rto_max);

  synack_tcp_set_state (sock, SYNACK_STATE_ESTABLISHED, cause);
  if (sock->connect_pending)
    {
      sock->connect_pending = false;
      app_event (sock, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK, 0);
    }
  else if (!sock->accepted)
    {
      sock->accepted = true;
      app_event (sock, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK, 0);
    }
  if (params->keepalive & (1u << sock->host))
    timer_start (sock, SYNACK_TIMER_KEEPALIVE, params->keepalive_idle);
}

static void
enter_time_wait (SynackSocket *sock, SynackCause cause)
{
  timers_stop_all (sock);
  synack_tcp_set_state (sock, SYNACK_STATE_TIME_WAIT, cause);
  timer_start (sock, SYNACK_TIMER_TIME_WAIT, synack_params_time_wait (params_of (sock)));
}

static void
enter_fin_wait_2 (SynackSocket *sock)
{
  synack_tcp_set_state (sock, SYNACK_STATE_FIN_WAIT_2, SYNACK_CAUSE_ACK_RECEIVED);
  /* Only an orphan (after close(), not shutdown()) can wait in vain forever:
   * Linux bounds that wait with tcp_fin_timeout. */
  if (sock->app_closed)
    timer_start (sock, SYNACK_TIMER_FIN_WAIT_2, params_of (sock)->fin_timeout);
}

/* The peer reset or the connection timed out: tell the application, if
 * there is one to tell (not after close(), nor for a passive half-open
 * connection nobody has accepted yet). */
static void
report_error (SynackSocket *sock, SynackResult error)
{
  if (sock->connect_pending)
    {
      sock->connect_pending = false;
      app_event (sock, SYNACK_CALL_CONNECT, error, 0);
    }
  else if (!sock->app_closed && sock->accepted)
    app_event (sock, SYNACK_CALL_RECV, error, 0);
}

/* ---- Segments without a socket (RFC 9293 3.10.7.1) --------------------- */

static void
set_verdict (SynackEngine *engine, SynackVerdict verdict)
{
  if (engine->deliver_index >= 0)
    engine->trace->events[engine->deliver_index].verdict = verdict;
}

static void
reply_reset (SynackEngine *engine, SynackHostId host, const SynackFlight *flight)
{
  const SynackHeader *in = &flight->hdr;
  SynackHeader hdr = { 0 };

  if (in->flags & SYNACK_FLAG_RST)
    return;
  hdr.src_port = in->dst_port;
  hdr.dst_port = in->src_port;
  if (in->flags & SYNACK_FLAG_ACK)
    {
      hdr.seq = in->ack;
      hdr.flags = SYNACK_FLAG_RST;
    }
  else
    {
      hdr.seq = 0;
      hdr.ack = in->seq + in->len + !!(in->flags & SYNACK_FLAG_SYN) + !!(in->flags & SYNACK_FLAG_FIN);
      hdr.flags = SYNACK_FLAG_RST | SYNACK_FLAG_ACK;
    }
  synack_network_send (engine, host, &hdr, flight->origin_conn, 0);
}

static void
no_socket_input (SynackEngine *engine, SynackHostId host, const SynackFlight *flight)
{
  if (flight->hdr.flags & SYNACK_FLAG_RST)
    {
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      return;
    }
  set_verdict (engine, SYNACK_VERDICT_NO_SOCKET);
  reply_reset (engine, host, flight);
}

/* ---- LISTEN (3.10.7.2) ------------------------------------------------- */

static uint32_t
choose_isn (SynackEngine *engine, bool has_isn, uint32_t isn)
{
  return has_isn ? isn : (uint32_t) synack_prng_next (&engine->prng);
}

/* The send sequence space starts at the ISN; the SYN takes its one number. */
static void
set_isn (SynackSocket *sock, uint32_t iss)
{
  sock->iss = iss;
  sock->snd_una = iss;
  sock->snd_nxt = iss;
  sock->snd_max = iss;
  sock->data_end = iss + 1;
}

static void
record_conn (SynackSocket *sock)
{
  SynackConnInfo *info = synack_trace_conn (sock->engine->trace, sock->conn);

  if (info == NULL)
    return;
  if (sock->host == SYNACK_CLIENT)
    {
      info->client_port = sock->local_port;
      info->server_port = sock->remote_port;
      info->client_iss = sock->iss;
    }
  else
    {
      info->client_port = sock->remote_port;
      info->server_port = sock->local_port;
      info->server_iss = sock->iss;
      info->server_iss_known = true;
    }
}

static void
listen_input (SynackEngine *engine, SynackSocket *listener, const SynackFlight *flight,
              bool forced_isn, uint32_t isn)
{
  const SynackHeader *in = &flight->hdr;
  SynackHost *host = &engine->hosts[listener->host];
  SynackSocket *child;
  uint32_t conn;

  if (in->flags & SYNACK_FLAG_RST)
    {
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      return;
    }
  if (in->flags & SYNACK_FLAG_ACK)
    {
      set_verdict (engine, SYNACK_VERDICT_NO_SOCKET);
      reply_reset (engine, listener->host, flight);
      return;
    }
  if (!(in->flags & SYNACK_FLAG_SYN))
    {
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      return;
    }

  /* The child takes the connection number of the SYN's sender, so both
   * sides of one connection share it in the trace. */
  conn = flight->origin_conn;
  if (conn == 0 || synack_host_find_conn (host, conn) != NULL)
    conn = synack_engine_new_conn (engine);

  child = synack_socket_new (engine, listener->host);
  if (child == NULL)
    {
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return;
    }
  child->conn = conn;
  child->state = SYNACK_STATE_LISTEN;
  child->local_port = in->dst_port;
  child->remote_port = in->src_port;
  child->irs = in->seq;
  child->rcv_nxt = in->seq + 1;
  child->snd_wnd = in->win;
  set_isn (child, forced_isn ? isn : choose_isn (engine, listener->has_fixed_isn, listener->iss));
  if (!synack_host_bind (host, child))
    {
      synack_socket_free (child);
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return;
    }
  host->latest_conn = conn;
  record_conn (child);
  if (engine->deliver_index >= 0)
    engine->trace->events[engine->deliver_index].conn = conn;

  synack_tcp_set_state (child, SYNACK_STATE_SYN_RECEIVED, SYNACK_CAUSE_SYN_RECEIVED);
  send_syn (child, 0);
  arm_retransmit (child);
}

/* ---- SYN_SENT (3.10.7.3) ----------------------------------------------- */

static void
syn_sent_input (SynackEngine *engine, SynackSocket *sock, const SynackFlight *flight)
{
  const SynackHeader *in = &flight->hdr;
  bool has_ack = in->flags & SYNACK_FLAG_ACK;

  if (has_ack && (synack_seq_le (in->ack, sock->iss) || synack_seq_gt (in->ack, sock->snd_max)))
    {
      set_verdict (engine, SYNACK_VERDICT_BAD_ACK);
      if (!(in->flags & SYNACK_FLAG_RST))
        reply_reset (engine, sock->host, flight);
      return;
    }

  if (in->flags & SYNACK_FLAG_RST)
    {
      if (!has_ack)
        {
          set_verdict (engine, SYNACK_VERDICT_IGNORED);
          return;
        }
      set_verdict (engine, SYNACK_VERDICT_RESET);
      sock->connect_pending = false;
      app_event (sock, SYNACK_CALL_CONNECT, SYNACK_RESULT_ECONNREFUSED, 0);
      destroy (sock, SYNACK_CAUSE_RST_RECEIVED);
      return;
    }

  if (!(in->flags & SYNACK_FLAG_SYN))
    {
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      return;
    }

  sock->irs = in->seq;
  sock->rcv_nxt = in->seq + 1;
  sock->snd_wnd = in->win;

  if (has_ack)
    {
      ack_advance (sock, in->ack);
      established (sock, SYNACK_CAUSE_SYN_ACK_RECEIVED);
      send_ack (sock);
      output (sock);
      return;
    }

  /* Simultaneous open: our SYN crossed theirs. */
  synack_tcp_set_state (sock, SYNACK_STATE_SYN_RECEIVED, SYNACK_CAUSE_SYN_RECEIVED);
  send_syn (sock, 0);
}

/* ---- TIME_WAIT (Linux's tcp_timewait_state_process) -------------------- */

static void
time_wait_input (SynackEngine *engine, SynackSocket *sock, const SynackFlight *flight)
{
  const SynackHeader *in = &flight->hdr;
  unsigned flags = in->flags;
  uint32_t seg_len = in->len + !!(flags & SYNACK_FLAG_SYN) + !!(flags & SYNACK_FLAG_FIN);
  SynackTime time_wait = synack_params_time_wait (params_of (sock));

  if (in->seq == sock->rcv_nxt && (seg_len == 0 || (flags & SYNACK_FLAG_RST)))
    {
      if ((flags & SYNACK_FLAG_RST) && params_of (sock)->rfc1337)
        {
          set_verdict (engine, SYNACK_VERDICT_IGNORED);
          return;
        }
      if (flags & SYNACK_FLAG_RST)
        {
          /* "TIME-WAIT assassination" (RFC 1337): by default Linux lets an
           * in-window RST end TIME_WAIT early. */
          set_verdict (engine, SYNACK_VERDICT_RESET);
          destroy (sock, SYNACK_CAUSE_RST_RECEIVED);
          return;
        }
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      timer_start (sock, SYNACK_TIMER_TIME_WAIT, time_wait);
      return;
    }

  /* A new SYN beyond the old connection's sequence space may reopen the
   * 4-tuple at once (RFC 1122 4.2.2.13); the new ISN is chosen above the
   * old one so the old connection's segments cannot be mistaken for it. */
  if ((flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_RST | SYNACK_FLAG_ACK)) == SYNACK_FLAG_SYN &&
      synack_seq_gt (in->seq, sock->rcv_nxt))
    {
      SynackHost *host = host_of (sock);
      uint32_t isn = sock->snd_nxt + 65535 + 2;
      SynackSocket *listener;

      destroy (sock, SYNACK_CAUSE_NEW_SYN);
      listener = synack_host_listener (host, in->dst_port);
      if (listener)
        listen_input (engine, listener, flight, true, isn);
      else
        no_socket_input (engine, host->id, flight);
      return;
    }

  if (flags & SYNACK_FLAG_RST)
    {
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      return;
    }

  /* Anything else, such as the peer's retransmitted FIN because our last
   * ACK was lost, is acknowledged again, and TIME_WAIT starts over. */
  set_verdict (engine, SYNACK_VERDICT_UNACCEPTABLE);
  if (flags & SYNACK_FLAG_ACK)
    timer_start (sock, SYNACK_TIMER_TIME_WAIT, time_wait);
  send_invalid_ack (sock, in);
}

/* Anything heard from the peer proves it alive: the idle time starts over.
 * (Linux measures the idle time when its timer fires instead; restarting it
 * draws the same probes without timer stubs in between.) */
static void
heard_from_peer (SynackSocket *sock)
{
  SynackTime deadline = synack_now (sock->engine) + params_of (sock)->keepalive_idle;

  if (timer_running (sock, SYNACK_TIMER_KEEPALIVE) &&
      sock->timers[SYNACK_TIMER_KEEPALIVE].entry.when != deadline)
    {
      sock->keepalive_probes_out = 0;
      timer_start (sock, SYNACK_TIMER_KEEPALIVE, params_of (sock)->keepalive_idle);
    }
}

/* ---- Synchronized states (3.10.7.4) ------------------------------------ */

static bool
in_window (const SynackSocket *sock, uint32_t seq, uint32_t window)
{
  return synack_seq_le (sock->rcv_nxt, seq) && synack_seq_lt (seq, sock->rcv_nxt + window);
}

static bool
sequence_acceptable (const SynackSocket *sock, const SynackHeader *in, uint32_t seg_len)
{
  uint32_t window = receive_window (sock);

  if (seg_len == 0)
    return window == 0 ? in->seq == sock->rcv_nxt : in_window (sock, in->seq, window);
  if (window == 0)
    return false;
  return in_window (sock, in->seq, window) || in_window (sock, in->seq + seg_len - 1, window);
}

static void
take_data (SynackEngine *engine, SynackSocket *sock, const SynackFlight *flight, uint32_t len)
{
  uint64_t before = sock->received;

  sock->rcv_nxt += len;
  if (!sock->ever_received_data)
    {
      sock->ever_received_data = true;
      sock->quick_acks = LINUX_MAX_QUICKACKS;
    }
  sock->last_data_time = synack_now (engine);

  if (flight->origin_conn != sock->conn && flight->origin_conn != 0)
    {
      set_verdict (engine, SYNACK_VERDICT_STALE_DATA);
      if (engine->deliver_index >= 0)
        engine->trace->events[engine->deliver_index].stale_conn = flight->origin_conn;
    }

  if (sock->read_off)
    {
      sock->unread += len;
      return;
    }
  sock->received += len;
  app_event (sock, SYNACK_CALL_RECV, SYNACK_RESULT_OK, len);
  synack_engine_notify (engine, sock, SYNACK_WHEN_RECEIVED, before);
}

static void
read_eof (SynackSocket *sock)
{
  if (sock->eof_seen || !sock->peer_fin || sock->read_off || sock->app_closed)
    return;
  sock->eof_seen = true;
  app_event (sock, SYNACK_CALL_RECV, SYNACK_RESULT_EOF, 0);
  synack_engine_notify (sock->engine, sock, SYNACK_WHEN_EOF, 0);
}

static void
synchronized_input (SynackEngine *engine, SynackSocket *sock, const SynackFlight *flight)
{
  const SynackHeader *in = &flight->hdr;
  unsigned flags = in->flags;
  uint32_t seg_len = in->len + !!(flags & SYNACK_FLAG_SYN) + !!(flags & SYNACK_FLAG_FIN);
  bool simultaneous_syn_ack;
  bool need_ack = false, ack_now = false;
  uint32_t data_len = in->len;
  uint32_t offset = 0;
  uint32_t segments_before;

  heard_from_peer (sock);

  /* A passive SYN_RECEIVED that sees the SYN again: our SYN-ACK was lost or
   * is late. Linux answers with another SYN-ACK. */
  if (sock->state == SYNACK_STATE_SYN_RECEIVED && (flags & ~SYNACK_FLAG_PSH) == SYNACK_FLAG_SYN &&
      in->seq == sock->irs)
    {
      set_verdict (engine, SYNACK_VERDICT_IGNORED);
      send_syn (sock, sock->retransmits + 1);
      return;
    }

  /* In a simultaneous open the peer's SYN-ACK repeats a SYN we already have;
   * Linux lets it through to the ACK check (tcp_validate_incoming). */
  simultaneous_syn_ack = sock->state == SYNACK_STATE_SYN_RECEIVED &&
                         (flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK) &&
                         in->seq + 1 == sock->rcv_nxt && in->ack == sock->iss + 1;

  /* First: is it within the window? */
  if (!simultaneous_syn_ack && !sequence_acceptable (sock, in, seg_len))
    {
      set_verdict (engine, SYNACK_VERDICT_UNACCEPTABLE);
      if (!(flags & SYNACK_FLAG_RST))
        send_invalid_ack (sock, in);
      return;
    }

  /* Second: RST, accepted only at exactly RCV.NXT (RFC 5961). */
  if (flags & SYNACK_FLAG_RST)
    {
      if (in->seq != sock->rcv_nxt)
        {
          set_verdict (engine, SYNACK_VERDICT_CHALLENGE_ACK);
          send_invalid_ack (sock, in);
          return;
        }
      set_verdict (engine, SYNACK_VERDICT_RESET);
      if (sock->state == SYNACK_STATE_SYN_RECEIVED && sock->connect_pending)
        {
          sock->connect_pending = false;
          app_event (sock, SYNACK_CALL_CONNECT, SYNACK_RESULT_ECONNREFUSED, 0);
        }
      else if (sock->state != SYNACK_STATE_CLOSING && sock->state != SYNACK_STATE_LAST_ACK)
        report_error (sock, SYNACK_RESULT_ECONNRESET);
      destroy (sock, SYNACK_CAUSE_RST_RECEIVED);
      return;
    }

  /* Fourth: a SYN here is a challenge-ACK matter (RFC 5961 4.2). */
  if ((flags & SYNACK_FLAG_SYN) && !simultaneous_syn_ack)
    {
      set_verdict (engine, SYNACK_VERDICT_CHALLENGE_ACK);
      send_invalid_ack (sock, in);
      return;
    }

  /* Fifth: the ACK field. */
  if (!(flags & SYNACK_FLAG_ACK))
    {
      set_verdict (engine, SYNACK_VERDICT_NO_ACK);
      return;
    }

  if (sock->state == SYNACK_STATE_SYN_RECEIVED)
    {
      if (!(synack_seq_lt (sock->snd_una, in->ack) && synack_seq_le (in->ack, sock->snd_max)))
        {
          set_verdict (engine, SYNACK_VERDICT_BAD_ACK);
          reply_reset (engine, sock->host, flight);
          return;
        }
      sock->snd_wnd = in->win;
      ack_advance (sock, in->ack);
      established (sock, simultaneous_syn_ack ? SYNACK_CAUSE_SYN_ACK_RECEIVED
                                              : SYNACK_CAUSE_ACK_RECEIVED);
      if (sock->state != SYNACK_STATE_ESTABLISHED)
        return;
      if (simultaneous_syn_ack)
        {
          output (sock);
          return;
        }
    }

  if (synack_seq_gt (in->ack, sock->snd_max))
    {
      /* RFC 9293 answers with an ACK; Linux's tcp_ack() drops it silently,
       * which is what keeps a desynchronized pair from an ACK storm. */
      set_verdict (engine, SYNACK_VERDICT_BAD_ACK);
      if (!is_linux (sock))
        send_invalid_ack (sock, in);
      return;
    }
  ack_advance (sock, in->ack);
  sock->snd_wnd = in->win;
  /* An answer to a zero-window probe: the peer is alive, keep probing. */
  if (sock->snd_una == sock->snd_max)
    sock->retransmits = 0;

  switch (sock->state)
    {
    case SYNACK_STATE_FIN_WAIT_1:
      /* A FIN that also acknowledges ours goes straight to TIME_WAIT below. */
      if (fin_acked (sock) && !((flags & SYNACK_FLAG_FIN) && in->seq + in->len == sock->rcv_nxt))
        enter_fin_wait_2 (sock);
      break;
    case SYNACK_STATE_CLOSING:
      if (fin_acked (sock))
        {
          enter_time_wait (sock, SYNACK_CAUSE_ACK_RECEIVED);
          return;
        }
      break;
    case SYNACK_STATE_LAST_ACK:
      if (fin_acked (sock))
        {
          destroy (sock, SYNACK_CAUSE_ACK_RECEIVED);
          return;
        }
      break;
    default:
      break;
    }

  /* Seventh: the data. */
  if (data_len > 0)
    {
      switch (sock->state)
        {
        case SYNACK_STATE_ESTABLISHED:
        case SYNACK_STATE_FIN_WAIT_1:
        case SYNACK_STATE_FIN_WAIT_2:
          if (sock->app_closed)
            {
              /* RFC 1122 4.2.2.13 and Linux: nobody will ever read this,
               * so tell the sender with a RST instead of swallowing it. */
              set_verdict (engine, SYNACK_VERDICT_RESET);
              reply_reset (engine, sock->host, flight);
              destroy (sock, SYNACK_CAUSE_DATA_AFTER_CLOSE);
              return;
            }
          if (synack_seq_lt (in->seq, sock->rcv_nxt))
            offset = sock->rcv_nxt - in->seq;
          if (in->seq + offset != sock->rcv_nxt || offset >= data_len)
            {
              /* Out of order, or all of it seen before: ask again. Its
               * ACK was taken above, so what it freed (a FIN waiting
               * behind acknowledged data) goes out now. */
              set_verdict (engine, SYNACK_VERDICT_UNACCEPTABLE);
              send_invalid_ack (sock, in);
              output (sock);
              return;
            }
          data_len -= offset;
          if (data_len > receive_window (sock))
            data_len = receive_window (sock);
          take_data (engine, sock, flight, data_len);
          need_ack = true;
          break;
        default:
          /* The peer already sent its FIN: data after it is nonsense. */
          break;
        }
    }

  /* Eighth: the FIN, if it is next in sequence. */
  if ((flags & SYNACK_FLAG_FIN) && in->seq + in->len == sock->rcv_nxt && !sock->peer_fin &&
      data_len + offset == in->len)
    {
      sock->rcv_nxt++;
      sock->peer_fin = true;
      need_ack = true;
      switch (sock->state)
        {
        case SYNACK_STATE_SYN_RECEIVED:
        case SYNACK_STATE_ESTABLISHED:
          synack_tcp_set_state (sock, SYNACK_STATE_CLOSE_WAIT, SYNACK_CAUSE_FIN_RECEIVED);
          /* tcp_fin(): the application will answer, so hold the ACK for it. */
          sock->pingpong = true;
          break;
        case SYNACK_STATE_FIN_WAIT_1:
          ack_now = true;
          if (fin_acked (sock))
            enter_time_wait (sock, SYNACK_CAUSE_FIN_ACK_RECEIVED);
          else
            synack_tcp_set_state (sock, SYNACK_STATE_CLOSING, SYNACK_CAUSE_FIN_RECEIVED);
          break;
        case SYNACK_STATE_FIN_WAIT_2:
          ack_now = true;
          enter_time_wait (sock, SYNACK_CAUSE_FIN_RECEIVED);
          break;
        default:
          break;
        }
      read_eof (sock);
    }

  /* Data or a FIN sent now carries the ACK; otherwise acknowledge alone. */
  segments_before = engine->next_seg;
  output (sock);
  if (need_ack && engine->next_seg == segments_before)
    acknowledge (sock, ack_now);
}

void
synack_tcp_input (SynackEngine *engine, SynackHostId host_id, const SynackFlight *flight)
{
  SynackHost *host = &engine->hosts[host_id];
  const SynackHeader *in = &flight->hdr;
  SynackSocket *sock = synack_host_lookup (host, in->dst_port, in->src_port);
  SynackEvent event = { 0 };

  event.t = synack_now (engine);
  event.type = SYNACK_EVENT_DELIVER;
  event.host = host_id;
  event.conn = sock ? sock->conn : flight->origin_conn;
  event.seg = flight->seg;
  event.hdr = *in;
  event.rexmit = flight->rexmit;
  event.duplicate = flight->duplicate;
  event.verdict = SYNACK_VERDICT_ACCEPTED;
  synack_engine_emit (engine, &event);
  engine->deliver_index = engine->trace->sink || engine->error != SYNACK_ENGINE_OK
                            ? -1 : (long) engine->trace->n_events - 1;

  if (sock == NULL)
    {
      SynackSocket *listener = synack_host_listener (host, in->dst_port);

      if (listener)
        listen_input (engine, listener, flight, false, 0);
      else
        no_socket_input (engine, host_id, flight);
    }
  else if (sock->state == SYNACK_STATE_TIME_WAIT)
    time_wait_input (engine, sock, flight);
  else if (sock->state == SYNACK_STATE_SYN_SENT)
    syn_sent_input (engine, sock, flight);
  else
    synchronized_input (engine, sock, flight);

  engine->deliver_index = -1;
}

/* ---- Timers firing ----------------------------------------------------- */

/* After `limit` retransmissions the connection is given up: ETIMEDOUT. */
static bool
retries_exhausted (SynackSocket *sock, int limit)
{
  if (sock->retransmits < (uint32_t) limit)
    return false;
  report_error (sock, SYNACK_RESULT_ETIMEDOUT);
  destroy (sock, SYNACK_CAUSE_RETRIES_EXHAUSTED);
  return true;
}

static void
back_off (SynackSocket *sock)
{
  sock->rto = min_time (sock->rto * 2, params_of (sock)->rto_max);
}

static void
retransmit_timeout (SynackSocket *sock)
{
  const SynackParams *params = params_of (sock);

  sock->rtt_timing = false;  /* Karn: never time a retransmitted segment */

  if (sock->state == SYNACK_STATE_SYN_SENT)
    {
      if (retries_exhausted (sock, params->syn_retries + params->syn_linear_retries))
        return;
      sock->retransmits++;
      sock->handshake_retransmitted = true;
      /* tcp_syn_linear_timeouts: the first retries keep the initial RTO. */
      if (sock->retransmits > (uint32_t) params->syn_linear_retries)
        back_off (sock);
      send_syn (sock, sock->retransmits);
      timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
      return;
    }

  /* Our SYN-ACK is unacknowledged: SYN_RECEIVED, or a socket closed there
   * (FIN_WAIT_1 before the handshake completed). */
  if (synack_seq_lt (sock->snd_una, sock->iss + 1))
    {
      /* The half-open request is dropped without a word. */
      if (retries_exhausted (sock, params->synack_retries))
        return;
      sock->retransmits++;
      sock->handshake_retransmitted = true;
      back_off (sock);
      send_syn (sock, sock->retransmits);
      timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
      return;
    }

  if (sock->snd_una == sock->snd_max)
    {
      /* Zero-window probe: one byte behind, like a keep-alive, so the peer
       * answers with its window; unanswered probes give up like
       * retransmissions. */
      if (synack_seq_lt (sock->snd_nxt, sock->data_end) && sock->snd_wnd == 0)
        {
          if (retries_exhausted (sock, params->data_retries))
            return;
          sock->retransmits++;
          back_off (sock);
          send_segment (sock, SYNACK_FLAG_ACK, sock->snd_una - 1, 0, 0);
          timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
        }
      return;
    }

  if (retries_exhausted (sock, params->data_retries))
    return;
  sock->retransmits++;
  back_off (sock);
  /* Go back to the oldest unacknowledged byte and resend from there. */
  sock->snd_nxt = sock->snd_una;
  sock->after_timeout = true;
  output (sock);
}

static void
keepalive_timeout (SynackSocket *sock)
{
  const SynackParams *params = params_of (sock);

  if (sock->state != SYNACK_STATE_ESTABLISHED && sock->state != SYNACK_STATE_CLOSE_WAIT)
    return;
  /* Data in flight has its own timer to find a dead peer. */
  if (sock->snd_una != sock->snd_max)
    {
      timer_start (sock, SYNACK_TIMER_KEEPALIVE, params->keepalive_idle);
      return;
    }
  if (sock->keepalive_probes_out >= (uint32_t) params->keepalive_probes)
    {
      report_error (sock, SYNACK_RESULT_ETIMEDOUT);
      send_reset (sock);
      destroy (sock, SYNACK_CAUSE_KEEPALIVE_EXHAUSTED);
      return;
    }
  /* A probe is an ACK one byte behind: the peer must answer with an ACK. */
  sock->keepalive_probes_out++;
  send_segment (sock, SYNACK_FLAG_ACK, sock->snd_una - 1, 0, 0);
  timer_start (sock, SYNACK_TIMER_KEEPALIVE, params->keepalive_interval);
}

void
synack_tcp_timer_fired (SynackTimer *timer)
{
  SynackSocket *sock = timer->sock;

  switch (timer->kind)
    {
    case SYNACK_TIMER_RETRANSMIT:
      retransmit_timeout (sock);
      break;

    case SYNACK_TIMER_DELAYED_ACK:
      if (sock->ack_pending)
        {
          send_ack (sock);
          /* "Delayed ACK missed": Linux leaves interactive mode. */
          sock->pingpong = false;
        }
      break;

    case SYNACK_TIMER_KEEPALIVE:
      keepalive_timeout (sock);
      break;

    case SYNACK_TIMER_FIN_WAIT_2:
      destroy (sock, SYNACK_CAUSE_FIN_WAIT_2_EXPIRED);
      break;

    case SYNACK_TIMER_TIME_WAIT:
      destroy (sock, SYNACK_CAUSE_TIME_WAIT_EXPIRED);
      break;

    case SYNACK_N_TIMERS:
      break;
    }
}

/* ---- Application calls ------------------------------------------------- */

SynackResult
synack_tcp_listen (SynackEngine *engine, SynackHostId host_id, uint16_t port,
                   bool has_isn, uint32_t isn)
{
  SynackHost *host = &engine->hosts[host_id];
  SynackSocket *sock;

  if (synack_host_listener (host, port) != NULL)
    {
      synack_engine_listen_event (engine, host_id, port, SYNACK_RESULT_EADDRINUSE);
      return SYNACK_RESULT_EADDRINUSE;
    }
  sock = synack_socket_new (engine, host_id);
  if (sock == NULL)
    {
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return SYNACK_RESULT_ENOTCONN;
    }
  sock->listener = true;
  sock->local_port = port;
  sock->has_fixed_isn = has_isn;
  sock->iss = isn;
  if (!synack_host_add_listener (host, sock))
    {
      synack_socket_free (sock);
      synack_engine_listen_event (engine, host_id, port, SYNACK_RESULT_EADDRINUSE);
      return SYNACK_RESULT_EADDRINUSE;
    }
  synack_engine_listen_event (engine, host_id, port, SYNACK_RESULT_OK);
  synack_tcp_set_state (sock, SYNACK_STATE_LISTEN, SYNACK_CAUSE_LISTEN_CALL);
  return SYNACK_RESULT_OK;
}

SynackResult
synack_tcp_connect (SynackEngine *engine, SynackHostId host_id, uint32_t conn,
                    uint16_t local_port, uint16_t remote_port, bool has_isn, uint32_t isn)
{
  SynackHost *host = &engine->hosts[host_id];
  SynackResult refused = SYNACK_RESULT_OK;
  SynackSocket *sock;

  if (synack_host_find_conn (host, conn) != NULL)
    refused = SYNACK_RESULT_EISCONN;
  else if (local_port != 0 &&
           (synack_host_lookup (host, local_port, remote_port) != NULL ||
            synack_host_listener (host, local_port) != NULL))
    refused = SYNACK_RESULT_EADDRINUSE;
  else if (local_port == 0 && (local_port = synack_host_pick_port (host, remote_port)) == 0)
    refused = SYNACK_RESULT_EADDRNOTAVAIL;
  if (refused != SYNACK_RESULT_OK)
    {
      synack_engine_app_event (engine, host_id, conn, SYNACK_CALL_CONNECT, refused, 0);
      return refused;
    }

  sock = synack_socket_new (engine, host_id);
  if (sock == NULL)
    {
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return SYNACK_RESULT_ENOTCONN;
    }
  sock->conn = conn;
  sock->local_port = local_port;
  sock->remote_port = remote_port;
  set_isn (sock, choose_isn (engine, has_isn, isn));
  sock->connect_pending = true;
  sock->accepted = true;
  if (!synack_host_bind (host, sock))
    {
      synack_socket_free (sock);
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return SYNACK_RESULT_ENOTCONN;
    }
  host->latest_conn = conn;
  record_conn (sock);

  synack_engine_app_event (engine, host_id, conn, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING, 0);
  synack_tcp_set_state (sock, SYNACK_STATE_SYN_SENT, SYNACK_CAUSE_CONNECT_CALL);
  send_syn (sock, 0);
  arm_retransmit (sock);
  return SYNACK_RESULT_PENDING;
}

SynackResult
synack_tcp_send (SynackSocket *sock, uint64_t bytes)
{
  SynackResult result = SYNACK_RESULT_OK;

  if (sock->write_shut)
    result = SYNACK_RESULT_EPIPE;
  else
    switch (sock->state)
      {
      case SYNACK_STATE_SYN_SENT:
      case SYNACK_STATE_SYN_RECEIVED:
      case SYNACK_STATE_ESTABLISHED:
      case SYNACK_STATE_CLOSE_WAIT:
        break;
      case SYNACK_STATE_LISTEN:
        result = SYNACK_RESULT_ENOTCONN;
        break;
      default:
        result = SYNACK_RESULT_EPIPE;
        break;
      }
  /* The sequence space of one connection is 4 GiB; a lesson needs far less. */
  if (result == SYNACK_RESULT_OK && bytes > 0x40000000u)
    result = SYNACK_RESULT_EPIPE;

  app_event (sock, SYNACK_CALL_SEND, result, bytes);
  if (result != SYNACK_RESULT_OK)
    return result;
  sock->data_end += (uint32_t) bytes;
  output (sock);
  return result;
}

static SynackResult
queue_fin (SynackSocket *sock, SynackCause cause)
{
  sock->write_shut = true;
  switch (sock->state)
    {
    case SYNACK_STATE_SYN_RECEIVED:
    case SYNACK_STATE_ESTABLISHED:
      sock->fin_queued = true;
      synack_tcp_set_state (sock, SYNACK_STATE_FIN_WAIT_1, cause);
      break;
    case SYNACK_STATE_CLOSE_WAIT:
      sock->fin_queued = true;
      synack_tcp_set_state (sock, SYNACK_STATE_LAST_ACK, cause);
      break;
    default:
      return SYNACK_RESULT_OK;
    }
  /* From SYN_RECEIVED the FIN waits until the handshake completes. */
  if (synack_seq_ge (sock->snd_una, sock->iss + 1))
    output (sock);
  return SYNACK_RESULT_OK;
}

SynackResult
synack_tcp_shutdown (SynackSocket *sock)
{
  if (sock->state == SYNACK_STATE_SYN_SENT || sock->state == SYNACK_STATE_LISTEN)
    {
      app_event (sock, SYNACK_CALL_SHUTDOWN_WRITE, SYNACK_RESULT_ENOTCONN, 0);
      return SYNACK_RESULT_ENOTCONN;
    }
  app_event (sock, SYNACK_CALL_SHUTDOWN_WRITE, SYNACK_RESULT_OK, 0);
  return queue_fin (sock, SYNACK_CAUSE_SHUTDOWN_CALL);
}

SynackResult
synack_tcp_close (SynackSocket *sock)
{
  app_event (sock, SYNACK_CALL_CLOSE, SYNACK_RESULT_OK, 0);
  if (sock->app_closed)
    return SYNACK_RESULT_OK;
  sock->app_closed = true;
  sock->connect_pending = false;

  switch (sock->state)
    {
    case SYNACK_STATE_LISTEN:
    case SYNACK_STATE_SYN_SENT:
      destroy (sock, SYNACK_CAUSE_CLOSE_CALL);
      return SYNACK_RESULT_OK;

    case SYNACK_STATE_SYN_RECEIVED:
    case SYNACK_STATE_ESTABLISHED:
    case SYNACK_STATE_CLOSE_WAIT:
    case SYNACK_STATE_FIN_WAIT_1:
    case SYNACK_STATE_FIN_WAIT_2:
      if (sock->unread > 0)
        {
          /* Linux (tcp_close): unread data means the peer's bytes were never
           * consumed; a RST says so instead of a polite FIN. */
          send_reset (sock);
          destroy (sock, SYNACK_CAUSE_UNREAD_DATA);
          return SYNACK_RESULT_OK;
        }
      if (sock->state == SYNACK_STATE_FIN_WAIT_2)
        {
          timer_start (sock, SYNACK_TIMER_FIN_WAIT_2, params_of (sock)->fin_timeout);
          return SYNACK_RESULT_OK;
        }
      return queue_fin (sock, SYNACK_CAUSE_CLOSE_CALL);

    default:
      return SYNACK_RESULT_OK;
    }
}

SynackResult
synack_tcp_abort (SynackSocket *sock)
{
  switch (sock->state)
    {
    case SYNACK_STATE_TIME_WAIT:
      app_event (sock, SYNACK_CALL_ABORT, SYNACK_RESULT_ENOTCONN, 0);
      return SYNACK_RESULT_ENOTCONN;
    case SYNACK_STATE_LISTEN:
    case SYNACK_STATE_SYN_SENT:
      app_event (sock, SYNACK_CALL_ABORT, SYNACK_RESULT_OK, 0);
      destroy (sock, SYNACK_CAUSE_ABORT_CALL);
      return SYNACK_RESULT_OK;
    default:
      app_event (sock, SYNACK_CALL_ABORT, SYNACK_RESULT_OK, 0);
      send_reset (sock);
      destroy (sock, SYNACK_CAUSE_ABORT_CALL);
      return SYNACK_RESULT_OK;
    }
}

void
synack_tcp_set_reading (SynackSocket *sock, bool reading)
{
  uint32_t window_before = receive_window (sock);

  app_event (sock, reading ? SYNACK_CALL_READ_ON : SYNACK_CALL_READ_OFF, SYNACK_RESULT_OK, 0);
  if (!reading)
    {
      sock->read_off = true;
      return;
    }
  sock->read_off = false;
  if (sock->unread > 0)
    {
      uint64_t before = sock->received;
      uint32_t n = sock->unread;

      sock->unread = 0;
      sock->received += n;
      app_event (sock, SYNACK_CALL_RECV, SYNACK_RESULT_OK, n);
      synack_engine_notify (sock->engine, sock, SYNACK_WHEN_RECEIVED, before);
      /* The window opened: tell the sender, or it may wait forever. */
      if (window_before < params_of (sock)->mss && can_send_data (sock))
        send_ack (sock);
    }
  read_eof (sock);
}
