/* synack-tcp-timers.c: a socket's timers, RFC 6298 round-trip estimation and
 * what each timer does when it expires (retransmit, delayed ACK,
 * keep-alive, FIN_WAIT_2 and TIME_WAIT). */
#include "synack-tcp-private.h"

#define RTO_AFTER_SYN_LOSS SYNACK_SEC (3) /* RFC 6298 5.7, TCP_TIMEOUT_FALLBACK */

static void timer_fired (SynackTimer *timer);

/* A start carries the duration the stack asked for and the time the tick
 * clock really fires it, which may be a little later. */
static void
emit_timer (SynackSocket *sock, SynackTimerKind kind, SynackTimerAction action,
            SynackTime duration)
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
      event.duration = duration;
    }
  synack_engine_emit (sock->engine, &event);
}

static void
timer_dispatch (SynackSchedEntry *entry, void *context)
{
  SynackTimer *timer = SYNACK_CONTAINER_OF (entry, SynackTimer, entry);

  (void) context;
  emit_timer (timer->sock, timer->kind, SYNACK_TIMER_EXPIRE, 0);
  timer_fired (timer);
}

void
synack_tcp_timer_start (SynackSocket *sock, SynackTimerKind kind, SynackTime duration)
{
  SynackTimer *timer = &sock->timers[kind];

  timer->entry.fn = timer_dispatch;
  if (!synack_scheduler_add (&sock->engine->sched, &timer->entry,
                             synack_tcp_timer_deadline (sock, duration)))
    {
      synack_engine_fail (sock->engine, SYNACK_ENGINE_NO_MEMORY);
      return;
    }
  emit_timer (sock, kind, SYNACK_TIMER_START, duration);
}

void
synack_tcp_timer_stop (SynackSocket *sock, SynackTimerKind kind)
{
  SynackTimer *timer = &sock->timers[kind];

  if (!synack_sched_entry_pending (&timer->entry))
    return;
  synack_scheduler_cancel (&sock->engine->sched, &timer->entry);
  emit_timer (sock, kind, SYNACK_TIMER_STOP, 0);
}

void
synack_tcp_timers_stop_all (SynackSocket *sock)
{
  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    synack_tcp_timer_stop (sock, (SynackTimerKind) k);
}

void
synack_tcp_arm_retransmit (SynackSocket *sock)
{
  if (!synack_tcp_timer_running (sock, SYNACK_TIMER_RETRANSMIT))
    synack_tcp_timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
}

/* ---- Round-trip time (RFC 6298) ---------------------------------------- */

static void
update_rto (SynackSocket *sock)
{
  const SynackParams *params = synack_tcp_params (sock);
  SynackTime rto;

  if (synack_tcp_is_linux (sock))
    /* tcp_set_rto(): the floor applies to the variance term, so a loopback
     * RTO is rto-min plus the tiny SRTT. */
    rto = sock->srtt + synack_max_time (4 * sock->rttvar, params->rto_min);
  else
    /* RFC 6298 2.3: "RTO <- SRTT + max (G, K*RTTVAR)" with K = 4 and a
     * 1 µs clock granularity G; 2.4: "Whenever RTO is computed, if it is
     * less than 1 second, then the RTO SHOULD be rounded up to 1 second". */
    rto = synack_max_time (params->rto_min, sock->srtt + synack_max_time (1, 4 * sock->rttvar));
  /* 2.5: "A maximum value MAY be placed on RTO provided it is at least 60
   * seconds." */
  sock->rto = synack_min_time (rto, params->rto_max);
}

static void
rtt_sample (SynackSocket *sock, SynackTime m)
{
  if (!sock->have_rtt)
    {
      /* 2.2: "When the first RTT measurement R is made, the host MUST set
       * SRTT <- R, RTTVAR <- R/2". */
      sock->srtt = m;
      sock->rttvar = m / 2;
      sock->have_rtt = true;
    }
  else
    {
      /* 2.3: "RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|" and
       * "SRTT <- (1 - alpha) * SRTT + alpha * R'", alpha 1/8, beta 1/4,
       * RTTVAR first because it uses the old SRTT. */
      SynackTime err = sock->srtt > m ? sock->srtt - m : m - sock->srtt;

      sock->rttvar = (3 * sock->rttvar + err) / 4;
      sock->srtt = (7 * sock->srtt + m) / 8;
    }
  update_rto (sock);
}

void
synack_tcp_ack_advance (SynackSocket *sock, uint32_t ack)
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

  /* 5.2: "When all outstanding data has been acknowledged, turn off the
   * retransmission timer." 5.3: "When an ACK is received that acknowledges
   * new data, restart the retransmission timer". */
  synack_tcp_timer_stop (sock, SYNACK_TIMER_RETRANSMIT);
  if (sock->snd_una != sock->snd_max)
    synack_tcp_timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
}

void
synack_tcp_rto_established (SynackSocket *sock)
{
  /* 5.7: "If the timer expires awaiting the ACK of a SYN segment and the
   * TCP implementation is using an RTO less than 3 seconds, the RTO MUST be
   * re-initialized to 3 seconds when data transmission begins". */
  if (!sock->have_rtt && sock->handshake_retransmitted)
    sock->rto = synack_min_time (RTO_AFTER_SYN_LOSS, synack_tcp_params (sock)->rto_max);
}

/* ---- Timers expiring --------------------------------------------------- */

/* After `limit` retransmissions the connection is given up: ETIMEDOUT. */
static bool
retries_exhausted (SynackSocket *sock, int limit)
{
  if (sock->retransmits < (uint32_t) limit)
    return false;
  synack_tcp_report_error (sock, SYNACK_RESULT_ETIMEDOUT);
  synack_tcp_destroy (sock, SYNACK_CAUSE_RETRIES_EXHAUSTED);
  return true;
}

/* 5.5: "The host MUST set RTO <- RTO * 2 ("back off the timer")", up to
 * the ceiling. */
static void
back_off (SynackSocket *sock)
{
  sock->rto = synack_min_time (sock->rto * 2, synack_tcp_params (sock)->rto_max);
}

static void
retransmit_timeout (SynackSocket *sock)
{
  const SynackParams *params = synack_tcp_params (sock);

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
      synack_tcp_send_syn (sock, sock->retransmits);
      synack_tcp_timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
      return;
    }

  /* Our SYN-ACK is unacknowledged: SYN_RECEIVED, or a socket closed there
   * (FIN_WAIT_1 before the handshake completed). */
  if (synack_seq_lt (sock->snd_una, sock->iss + 1))
    {
      /* The half-open request is dropped without a word. */
      if (retries_exhausted (sock, (int) synack_listener_synack_retries (sock)))
        return;
      synack_listener_request_timed_out (sock);
      sock->retransmits++;
      sock->handshake_retransmitted = true;
      back_off (sock);
      synack_tcp_send_syn (sock, sock->retransmits);
      synack_tcp_timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
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
          synack_tcp_send_segment (sock, SYNACK_FLAG_ACK, sock->snd_una - 1, 0, 0);
          synack_tcp_timer_start (sock, SYNACK_TIMER_RETRANSMIT, sock->rto);
        }
      return;
    }

  if (retries_exhausted (sock, params->data_retries))
    return;
  sock->retransmits++;
  back_off (sock);
  /* 5.4: "Retransmit the earliest segment that has not been acknowledged":
   * go back to the oldest unacknowledged byte and resend from there. */
  sock->snd_nxt = sock->snd_una;
  sock->after_timeout = true;
  synack_tcp_output (sock);
}

static void
keepalive_timeout (SynackSocket *sock)
{
  const SynackParams *params = synack_tcp_params (sock);

  if (sock->state != SYNACK_STATE_ESTABLISHED && sock->state != SYNACK_STATE_CLOSE_WAIT)
    return;
  /* Data in flight has its own timer to find a dead peer. */
  if (sock->snd_una != sock->snd_max)
    {
      synack_tcp_timer_start (sock, SYNACK_TIMER_KEEPALIVE, params->keepalive_idle);
      return;
    }
  if (sock->keepalive_probes_out >= (uint32_t) params->keepalive_probes)
    {
      synack_tcp_report_error (sock, SYNACK_RESULT_ETIMEDOUT);
      synack_tcp_send_reset (sock);
      synack_tcp_destroy (sock, SYNACK_CAUSE_KEEPALIVE_EXHAUSTED);
      return;
    }
  /* A probe is an ACK one byte behind: the peer must answer with an ACK. */
  sock->keepalive_probes_out++;
  synack_tcp_send_segment (sock, SYNACK_FLAG_ACK, sock->snd_una - 1, 0, 0);
  synack_tcp_timer_start (sock, SYNACK_TIMER_KEEPALIVE, params->keepalive_interval);
}

static void
timer_fired (SynackTimer *timer)
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
          synack_tcp_send_ack (sock);
          /* "Delayed ACK missed": Linux leaves interactive mode. */
          sock->pingpong = false;
        }
      break;

    case SYNACK_TIMER_KEEPALIVE:
      keepalive_timeout (sock);
      break;

    case SYNACK_TIMER_FIN_WAIT_2:
      synack_tcp_destroy (sock, SYNACK_CAUSE_FIN_WAIT_2_EXPIRED);
      break;

    case SYNACK_TIMER_TIME_WAIT:
      synack_tcp_destroy (sock, SYNACK_CAUSE_TIME_WAIT_EXPIRED);
      break;

    case SYNACK_N_TIMERS:
      break;
    }
}
