/* synack-tcp-user.c: the calls an application makes on a socket (RFC 9293
 * 3.10.1-3.10.5): listen, connect, send, shutdown, close, abort, and
 * stopping or resuming reading. */
#include "synack-tcp-private.h"

/* listen(2): "The backlog argument defines the maximum length to which the
 * queue of pending connections for sockfd may grow", silently truncated to
 * somaxconn; a listen() without one asks for SOMAXCONN, as most servers do. */
static uint32_t
listen_backlog (const SynackParams *params, const SynackAction *action)
{
  uint32_t asked = action->has_backlog ? action->backlog : SYNACK_MAX_BACKLOG;

  return asked < params->somaxconn ? asked : params->somaxconn;
}

SynackResult
synack_tcp_listen (SynackEngine *engine, SynackHostId host_id, const SynackAction *action)
{
  SynackHost *host = &engine->hosts[host_id];
  uint16_t port = action->port;
  SynackSocket *sock;

  /* Connections left on the port, TIME_WAIT included, block a new
   * listener unless they and it set SO_REUSEADDR. */
  if (synack_host_listener (host, port) != NULL ||
      synack_host_bind_conflict (host, port, action->reuseaddr) != NULL)
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
  sock->has_fixed_isn = action->has_isn;
  sock->iss = action->isn;
  sock->backlog = listen_backlog (&engine->params, action);
  sock->reuseaddr = action->reuseaddr;
  sock->accept_paced = action->accept_paced;
  sock->accept_every = action->accept_every;
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

/* tcp_tw_reuse_delay: a TIME_WAIT younger than this is not reused. */
#define TIME_WAIT_REUSE_DELAY SYNACK_SEC (1)

/* Linux's tcp_twsk_unique(): connect() may take over a 4-tuple its own host
 * holds in TIME_WAIT only when the old connection used timestamps (its
 * tw_ts_recent_stamp is set), so that PAWS keeps the old connection's
 * segments out. A port the application bound itself needs nothing more;
 * an ephemeral one needs tcp_tw_reuse (2: only between loopback
 * addresses) and a TIME_WAIT at least a second old. */
static bool
ephemeral_reuse_allowed (const SynackParams *params)
{
  return params->profile == SYNACK_PROFILE_LINUX &&
         (params->tw_reuse == 1 || (params->tw_reuse == 2 && params->loopback));
}

static bool
time_wait_reusable (const SynackSocket *old, bool bound)
{
  if (old->state != SYNACK_STATE_TIME_WAIT || !synack_tcp_is_linux (old) || !old->have_ts_recent)
    return false;
  if (bound)
    return true;
  if (!ephemeral_reuse_allowed (synack_tcp_params (old)))
    return false;
  return synack_now (old->engine) - old->time_wait_since >= TIME_WAIT_REUSE_DELAY;
}

static bool
ephemeral_takeable (SynackSocket *old, void *data)
{
  (void) data;
  return time_wait_reusable (old, false);
}

/* The old connection ends and the new one starts "65535 + 2" above its
 * SND.NXT, out of reach of anything the old one sent (and never 0). */
static uint32_t
take_over_time_wait (SynackSocket *old)
{
  uint32_t isn = old->snd_nxt + 65535 + 2;

  synack_tcp_destroy (old, SYNACK_CAUSE_CONNECT_CALL);
  return isn != 0 ? isn : 1;
}

SynackResult
synack_tcp_connect (SynackEngine *engine, SynackHostId host_id, uint32_t conn,
                    uint16_t local_port, uint16_t remote_port, bool has_isn, uint32_t isn,
                    bool reuseaddr)
{
  SynackHost *host = &engine->hosts[host_id];
  SynackResult refused = SYNACK_RESULT_OK;
  SynackSocket *sock, *old = NULL;
  bool bound = local_port != 0;

  if (synack_host_find_conn (host, conn) != NULL)
    refused = SYNACK_RESULT_EISCONN;
  else if (bound && synack_host_listener (host, local_port) != NULL)
    refused = SYNACK_RESULT_EADDRINUSE;
  else if (bound && (old = synack_host_lookup (host, local_port, remote_port)) != NULL)
    {
      /* bind() conflicts unless both sockets set SO_REUSEADDR; then the
       * 4-tuple itself must be free or reusable. */
      if (!reuseaddr || !old->reuseaddr)
        refused = SYNACK_RESULT_EADDRINUSE;
      else if (!time_wait_reusable (old, true))
        refused = SYNACK_RESULT_EADDRNOTAVAIL;
    }
  else if (!bound)
    {
      /* Where reuse is off (on a LAN, by default) only free ports count:
       * a host out of them would otherwise look at every port each time. */
      local_port = synack_host_pick_port (host, remote_port,
                                          ephemeral_reuse_allowed (&engine->params) ? ephemeral_takeable : NULL,
                                          NULL);
      if (local_port == 0)
        refused = SYNACK_RESULT_EADDRNOTAVAIL;
      else
        old = synack_host_lookup (host, local_port, remote_port);
    }
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
  sock->reuseaddr = reuseaddr;
  if (old != NULL)
    {
      uint32_t after_old = take_over_time_wait (old);

      synack_tcp_set_isn (sock, has_isn ? isn : after_old);
    }
  else
    synack_tcp_set_isn (sock, synack_tcp_choose_isn (sock, has_isn, isn));
  sock->connect_pending = true;
  sock->accepted = true;
  if (!synack_host_bind (host, sock))
    {
      synack_socket_free (sock);
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return SYNACK_RESULT_ENOTCONN;
    }
  host->latest_conn = conn;
  synack_tcp_record_conn (sock);

  synack_engine_app_event (engine, host_id, conn, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING, 0);
  synack_tcp_set_state (sock, SYNACK_STATE_SYN_SENT, SYNACK_CAUSE_CONNECT_CALL);
  synack_tcp_send_syn (sock, 0);
  synack_tcp_arm_retransmit (sock);
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

  synack_tcp_app_event (sock, SYNACK_CALL_SEND, result, bytes);
  if (result != SYNACK_RESULT_OK)
    return result;
  sock->data_end += (uint32_t) bytes;
  synack_tcp_output (sock);
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
    synack_tcp_output (sock);
  return SYNACK_RESULT_OK;
}

SynackResult
synack_tcp_shutdown (SynackSocket *sock)
{
  if (sock->state == SYNACK_STATE_SYN_SENT || sock->state == SYNACK_STATE_LISTEN)
    {
      synack_tcp_app_event (sock, SYNACK_CALL_SHUTDOWN_WRITE, SYNACK_RESULT_ENOTCONN, 0);
      return SYNACK_RESULT_ENOTCONN;
    }
  synack_tcp_app_event (sock, SYNACK_CALL_SHUTDOWN_WRITE, SYNACK_RESULT_OK, 0);
  return queue_fin (sock, SYNACK_CAUSE_SHUTDOWN_CALL);
}

SynackResult
synack_tcp_close (SynackSocket *sock)
{
  synack_tcp_app_event (sock, SYNACK_CALL_CLOSE, SYNACK_RESULT_OK, 0);
  if (sock->app_closed)
    return SYNACK_RESULT_OK;
  sock->app_closed = true;
  sock->connect_pending = false;

  switch (sock->state)
    {
    case SYNACK_STATE_LISTEN:
    case SYNACK_STATE_SYN_SENT:
      synack_tcp_destroy (sock, SYNACK_CAUSE_CLOSE_CALL);
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
          synack_tcp_send_reset (sock);
          synack_tcp_destroy (sock, SYNACK_CAUSE_UNREAD_DATA);
          return SYNACK_RESULT_OK;
        }
      if (sock->state == SYNACK_STATE_FIN_WAIT_2)
        {
          synack_tcp_timer_start (sock, SYNACK_TIMER_FIN_WAIT_2, synack_tcp_params (sock)->fin_timeout);
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
      synack_tcp_app_event (sock, SYNACK_CALL_ABORT, SYNACK_RESULT_ENOTCONN, 0);
      return SYNACK_RESULT_ENOTCONN;
    case SYNACK_STATE_LISTEN:
    case SYNACK_STATE_SYN_SENT:
      synack_tcp_app_event (sock, SYNACK_CALL_ABORT, SYNACK_RESULT_OK, 0);
      synack_tcp_destroy (sock, SYNACK_CAUSE_ABORT_CALL);
      return SYNACK_RESULT_OK;
    default:
      synack_tcp_app_event (sock, SYNACK_CALL_ABORT, SYNACK_RESULT_OK, 0);
      synack_tcp_send_reset (sock);
      synack_tcp_destroy (sock, SYNACK_CAUSE_ABORT_CALL);
      return SYNACK_RESULT_OK;
    }
}

void
synack_tcp_set_reading (SynackSocket *sock, bool reading)
{
  synack_tcp_app_event (sock, reading ? SYNACK_CALL_READ_ON : SYNACK_CALL_READ_OFF, SYNACK_RESULT_OK, 0);
  if (!reading)
    {
      sock->read_off = true;
      return;
    }
  synack_tcp_read_waiting (sock);
}

void
synack_tcp_read_waiting (SynackSocket *sock)
{
  uint32_t window_before = synack_tcp_receive_window (sock);

  sock->read_off = false;
  if (sock->unread > 0)
    {
      uint64_t before = sock->received;
      uint32_t n = sock->unread;

      sock->unread = 0;
      sock->received += n;
      synack_tcp_app_event (sock, SYNACK_CALL_RECV, SYNACK_RESULT_OK, n);
      synack_engine_notify (sock->engine, sock, SYNACK_WHEN_RECEIVED, before);
      /* The window opened: tell the sender, or it may wait forever. */
      if (window_before < synack_tcp_params (sock)->mss && synack_tcp_can_send_data (sock))
        synack_tcp_send_ack (sock);
    }
  synack_tcp_read_eof (sock);
}
