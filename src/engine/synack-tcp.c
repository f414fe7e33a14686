/* synack-tcp.c: a TCP connection's life per RFC 9293 section 3.10, with
 * Linux's choices where the two differ: its sequence space starts, the
 * states it enters, and how it ends. Segment arrival, output, timers and the
 * user calls have files of their own (synack-tcp-*.c). */
#include "synack-tcp-private.h"

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
  if (sock->state == SYNACK_STATE_TIME_WAIT)
    synack_tcp_host (sock)->time_wait_count--;
  else if (to == SYNACK_STATE_TIME_WAIT)
    synack_tcp_host (sock)->time_wait_count++;
  sock->state = to;
  synack_engine_emit (sock->engine, &event);

  if (to == SYNACK_STATE_ESTABLISHED)
    synack_engine_notify (sock->engine, sock, SYNACK_WHEN_ESTABLISHED, 0);
  else if (to == SYNACK_STATE_CLOSED)
    synack_engine_notify (sock->engine, sock, SYNACK_WHEN_CLOSED, 0);
}

void
synack_tcp_destroy (SynackSocket *sock, SynackCause cause)
{
  SynackHost *host = synack_tcp_host (sock);

  synack_tcp_timers_stop_all (sock);
  synack_listener_forget (sock);
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
  synack_tcp_destroy (sock, SYNACK_CAUSE_CRASH);
}

/* ---- The sequence space ------------------------------------------------ */

/* Keys that keep the hashes drawn from the seed apart. */
#define ISN_HASH_KEY   0x69736e2d68617368ull
#define ISN_CLOCK_KEY  0x69736e2d636c6f63ull

/* RFC 6528 as Linux's secure_tcp_seq() does it: "ISN = M + F(localip,
 * localport, remoteip, remoteport, secretkey)", F a keyed hash (SipHash
 * there; the seed keys ours) and M the real-time clock in 64 ns steps
 * (seq_scale()), so a new connection on the same 4-tuple starts above the
 * old one by the time elapsed, and other 4-tuples start anywhere. */
static uint32_t
rfc6528_isn (const SynackSocket *sock)
{
  const SynackEngine *engine = sock->engine;
  uint64_t tuple = ((uint64_t) sock->host << 32) | ((uint64_t) sock->local_port << 16) | sock->remote_port;
  /* The machine's clock at time 0: any time in a century. */
  uint64_t century_ns = UINT64_C (100) * 365 * 24 * 3600 * 1000000000;
  uint64_t clock_ns = synack_prng_hash (engine->params.seed, ISN_CLOCK_KEY) % century_ns +
                      (uint64_t) synack_now (engine) * 1000;

  return (uint32_t) synack_prng_hash (engine->params.seed ^ ISN_HASH_KEY, tuple) + (uint32_t) (clock_ns >> 6);
}

uint32_t
synack_tcp_choose_isn (const SynackSocket *sock, bool has_isn, uint32_t isn)
{
  if (has_isn)
    return isn;
  if (synack_tcp_is_linux (sock))
    return rfc6528_isn (sock);
  return (uint32_t) synack_prng_next (&sock->engine->prng);
}

/* The send sequence space starts at the ISN; the SYN takes its one number. */
void
synack_tcp_set_isn (SynackSocket *sock, uint32_t iss)
{
  sock->iss = iss;
  sock->snd_una = iss;
  sock->snd_nxt = iss;
  sock->snd_max = iss;
  sock->data_end = iss + 1;
}

void
synack_tcp_record_conn (SynackSocket *sock)
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
      info->forged = sock->remote_addr != 0;
    }
}

/* ---- Entering states --------------------------------------------------- */

void
synack_tcp_established (SynackSocket *sock, SynackCause cause)
{
  const SynackParams *params = synack_tcp_params (sock);

  sock->retransmits = 0;
  synack_tcp_rto_established (sock);

  synack_tcp_set_state (sock, SYNACK_STATE_ESTABLISHED, cause);
  if (sock->connect_pending)
    {
      sock->connect_pending = false;
      synack_tcp_app_event (sock, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK, 0);
    }
  else if (!sock->accepted && !sock->in_accept_queue)
    synack_listener_established (sock);
  if (params->keepalive & (1u << sock->host))
    synack_tcp_timer_start (sock, SYNACK_TIMER_KEEPALIVE, params->keepalive_idle);
}

/* RFC 9293 3.10.7.4: "Enter the TIME-WAIT state. Start the time-wait timer,
 * turn off the other timers." Linux's tcp_time_wait() first needs a
 * TIME_WAIT bucket: a host that holds tcp_max_tw_buckets of them already
 * gets none, and the socket is closed at once instead (false: the caller
 * sends what it owes, then calls synack_tcp_close_without_time_wait()). */
bool
synack_tcp_enter_time_wait (SynackSocket *sock, SynackCause cause)
{
  if (synack_tcp_host (sock)->time_wait_count >= synack_tcp_params (sock)->max_tw_buckets)
    return false;
  synack_tcp_timers_stop_all (sock);
  sock->time_wait_since = synack_now (sock->engine);
  synack_tcp_set_state (sock, SYNACK_STATE_TIME_WAIT, cause);
  synack_tcp_timer_start (sock, SYNACK_TIMER_TIME_WAIT,
                          synack_params_time_wait (synack_tcp_params (sock)));
  return true;
}

/* The TIME_WAIT bucket table is full: Linux counts TCPTimeWaitOverflow
 * (older kernels also logged "TCP: time wait bucket table overflow") and
 * the connection is CLOSED, with nothing left to answer a lost last ACK's
 * retransmitted FIN or to keep old duplicates out. */
void
synack_tcp_close_without_time_wait (SynackSocket *sock)
{
  synack_tcp_destroy (sock, SYNACK_CAUSE_TIME_WAIT_OVERFLOW);
}

void
synack_tcp_enter_fin_wait_2 (SynackSocket *sock)
{
  synack_tcp_set_state (sock, SYNACK_STATE_FIN_WAIT_2, SYNACK_CAUSE_ACK_RECEIVED);
  /* Only an orphan (after close(), not shutdown()) can wait in vain forever:
   * Linux bounds that wait with tcp_fin_timeout. */
  if (sock->app_closed)
    synack_tcp_timer_start (sock, SYNACK_TIMER_FIN_WAIT_2, synack_tcp_params (sock)->fin_timeout);
}

/* ---- What the application hears --------------------------------------- */

/* The peer reset or the connection timed out: tell the application, if
 * there is one to tell (not after close(), nor for a passive half-open
 * connection nobody has accepted yet). */
void
synack_tcp_report_error (SynackSocket *sock, SynackResult error)
{
  if (sock->connect_pending)
    {
      sock->connect_pending = false;
      synack_tcp_app_event (sock, SYNACK_CALL_CONNECT, error, 0);
    }
  else if (!sock->app_closed && sock->accepted)
    synack_tcp_app_event (sock, SYNACK_CALL_RECV, error, 0);
}

void
synack_tcp_read_eof (SynackSocket *sock)
{
  if (sock->eof_seen || !sock->peer_fin || sock->read_off || sock->app_closed)
    return;
  sock->eof_seen = true;
  synack_tcp_app_event (sock, SYNACK_CALL_RECV, SYNACK_RESULT_EOF, 0);
  synack_engine_notify (sock->engine, sock, SYNACK_WHEN_EOF, 0);
}
