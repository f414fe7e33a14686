/* synack-tcp-listen.c: a listener's two queues as Linux keeps them
 * (inet_connection_sock.c, tcp_conn_request() in tcp_input.c): the SYN
 * queue of half-open connections, the accept queue of established ones
 * the application has not accepted, what overflows each, and accept(). */
#include "synack-tcp-private.h"

/* The rfc9293 profile reads "backlog" as the textbook does, the number of
 * pending connections; Linux lets each queue grow one past it
 * (inet_csk_reqsk_queue_is_full() and sk_acceptq_is_full() compare with >). */
static bool
over_backlog (const SynackSocket *listener, uint32_t len)
{
  if (synack_tcp_is_linux (listener))
    return len > listener->backlog;
  return len >= listener->backlog;
}

bool
synack_listener_syn_queue_full (const SynackSocket *listener)
{
  return over_backlog (listener, listener->syn_queue_len);
}

bool
synack_listener_accept_queue_full (const SynackSocket *listener)
{
  return over_backlog (listener, listener->accept_queue_len);
}

SynackSocket *
synack_listener_of (SynackSocket *child)
{
  return synack_host_listener (synack_tcp_host (child), child->local_port);
}

/* tcp_syn_flood_action(): the first overflow of a listener is logged, once
 * ("Possible SYN flooding on port 80. Sending cookies."), unless cookies
 * are always on, when a full queue is nothing unusual. */
static void
note_flood (SynackSocket *listener, bool cookies, SynackQueueCensus *census)
{
  if (listener->flood_warned || synack_tcp_params (listener)->syncookies == 2)
    return;
  listener->flood_warned = true;
  census->flood_warning = true;
  census->cookies = cookies;
}

SynackAdmission
synack_listener_admit_syn (SynackSocket *listener, bool reopening, SynackQueueCensus *census)
{
  const SynackParams *params = synack_tcp_params (listener);
  uint32_t syncookies = synack_tcp_is_linux (listener) ? params->syncookies : 0;
  bool want_cookie = false;

  /* A SYN that reopens a TIME_WAIT brings its own ISN and skips these. */
  if (!reopening && (syncookies == 2 || synack_listener_syn_queue_full (listener)))
    {
      if (synack_listener_syn_queue_full (listener))
        note_flood (listener, syncookies != 0, census);
      if (syncookies == 0)
        return SYNACK_ADMIT_DROP_SYN_QUEUE_FULL;
      want_cookie = true;
    }
  if (synack_listener_accept_queue_full (listener))
    return SYNACK_ADMIT_DROP_ACCEPT_QUEUE_FULL;
  if (want_cookie)
    {
      listener->overflowed = true;
      listener->last_overflow = synack_now (listener->engine);
      return SYNACK_ADMIT_COOKIE;
    }
  /* "Without syncookies last quarter of backlog is filled with
   * destinations, proven to be alive": no peer here has been proven
   * (that takes a cached RTT from an earlier connection). */
  if (!reopening && syncookies == 0 && synack_tcp_is_linux (listener) &&
      params->max_syn_backlog - listener->syn_queue_len < (params->max_syn_backlog >> 2))
    return SYNACK_ADMIT_DROP_SYN_QUEUE_FULL;
  return SYNACK_ADMIT_QUEUE;
}

/* tcp_synq_no_recent_overflow(): an ACK is taken for a cookie only while
 * cookies have been sent in the last two minutes (TCP_SYNCOOKIE_VALID). */
bool
synack_listener_expects_cookies (const SynackSocket *listener)
{
  const SynackParams *params = synack_tcp_params (listener);

  return synack_tcp_is_linux (listener) && params->syncookies != 0 && listener->overflowed &&
         synack_now (listener->engine) - listener->last_overflow <= SYNACK_SEC (120);
}

void
synack_listener_enter_syn_queue (SynackSocket *listener, SynackSocket *child)
{
  child->in_syn_queue = true;
  listener->syn_queue_len++;
  listener->syn_queue_young++;
}

/* A request is young until its SYN-ACK is first resent. */
static void
leave_syn_queue (SynackSocket *listener, SynackSocket *child)
{
  if (listener != NULL && listener->syn_queue_len > 0)
    listener->syn_queue_len--;
  if (listener != NULL && child->retransmits == 0 && listener->syn_queue_young > 0)
    listener->syn_queue_young--;
  child->in_syn_queue = false;
}

void
synack_listener_request_timed_out (SynackSocket *child)
{
  SynackSocket *listener;

  if (!child->in_syn_queue || child->retransmits != 0)
    return;
  listener = synack_listener_of (child);
  if (listener != NULL && listener->syn_queue_young > 0)
    listener->syn_queue_young--;
}

/* reqsk_timer_handler(): "we reserve half of room for young embrions; and
 * abort old ones without pity, if old ones are about to clog our table."
 * Once the SYN queue is more than half full, a request gets fewer SYN-ACK
 * retries the fewer young ones there are, down to 2. */
uint32_t
synack_listener_synack_retries (SynackSocket *child)
{
  uint32_t retries = (uint32_t) synack_tcp_params (child)->synack_retries;
  SynackSocket *listener = child->in_syn_queue ? synack_listener_of (child) : NULL;
  uint32_t threshold, young;

  if (listener == NULL || !synack_tcp_is_linux (child))
    return retries;
  threshold = listener->backlog > 8 ? listener->backlog : 8;
  if ((listener->syn_queue_len << 1) <= threshold)
    return retries;
  young = listener->syn_queue_young << 1;
  while (retries > 2)
    {
      if (listener->syn_queue_len < young)
        break;
      retries--;
      young <<= 1;
    }
  return retries;
}

void
synack_listener_dequeue_accept (SynackSocket *listener, SynackSocket *child)
{
  SynackSocket **link = &listener->accept_head, *prev = NULL;

  while (*link != NULL && *link != child)
    {
      prev = *link;
      link = &(*link)->next_in_accept_queue;
    }
  if (*link == NULL)
    return;
  *link = child->next_in_accept_queue;
  if (listener->accept_tail == child)
    listener->accept_tail = prev;
  child->next_in_accept_queue = NULL;
  child->in_accept_queue = false;
  listener->accept_queue_len--;
}

void
synack_listener_forget (SynackSocket *child)
{
  SynackSocket *listener;

  if (!child->in_syn_queue && !child->in_accept_queue)
    return;
  listener = synack_listener_of (child);
  if (listener == NULL)
    return;
  if (child->in_syn_queue)
    leave_syn_queue (listener, child);
  if (child->in_accept_queue)
    synack_listener_dequeue_accept (listener, child);
}

static void
accept_child (SynackSocket *listener, SynackSocket *child)
{
  synack_listener_dequeue_accept (listener, child);
  child->accepted = true;
  synack_tcp_app_event (child, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK, 0);
  /* Only now can the application read what arrived meanwhile. */
  synack_tcp_read_waiting (child);
  if (listener->accept_every > 0)
    listener->next_accept_at = synack_now (listener->engine) + listener->accept_every;
}

static void
schedule_paced_accept (SynackSocket *listener)
{
  if (listener->accept_every == 0 || listener->accept_head == NULL ||
      synack_sched_entry_pending (&listener->accept_pace))
    return;
  if (!synack_scheduler_add (&listener->engine->sched, &listener->accept_pace, listener->next_accept_at))
    synack_engine_fail (listener->engine, SYNACK_ENGINE_NO_MEMORY);
}

void
synack_listener_accept_pace_due (SynackSchedEntry *entry, void *context)
{
  SynackSocket *listener = SYNACK_CONTAINER_OF (entry, SynackSocket, accept_pace);

  (void) context;
  if (listener->accept_head != NULL)
    accept_child (listener, listener->accept_head);
  schedule_paced_accept (listener);
}

/* The handshake is complete: the connection leaves the SYN queue for the
 * accept queue, where an application that accepts at once (the default)
 * or is already blocked in accept() takes it straight away. */
void
synack_listener_established (SynackSocket *child)
{
  SynackSocket *listener = synack_listener_of (child);

  if (child->in_syn_queue)
    leave_syn_queue (listener, child);
  if (listener == NULL || !listener->accept_paced)
    {
      child->accepted = true;
      synack_tcp_app_event (child, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK, 0);
      return;
    }
  child->in_accept_queue = true;
  /* Nobody reads a connection that has not been accepted: bytes wait in
   * its receive buffer, acknowledged by the kernel. */
  child->read_off = true;
  if (listener->accept_tail != NULL)
    listener->accept_tail->next_in_accept_queue = child;
  else
    listener->accept_head = child;
  listener->accept_tail = child;
  listener->accept_queue_len++;

  if (listener->accepts_waiting > 0)
    {
      listener->accepts_waiting--;
      accept_child (listener, child);
    }
  else if (listener->accept_every > 0 && synack_now (child->engine) >= listener->next_accept_at)
    accept_child (listener, child);
  else
    schedule_paced_accept (listener);
}

SynackResult
synack_tcp_accept (SynackEngine *engine, SynackHostId host_id, uint16_t port)
{
  SynackSocket *listener = synack_host_listener (&engine->hosts[host_id], port);

  if (listener == NULL)
    {
      synack_engine_app_event (engine, host_id, 0, SYNACK_CALL_ACCEPT, SYNACK_RESULT_ENOTCONN, 0);
      return SYNACK_RESULT_ENOTCONN;
    }
  if (listener->accept_head == NULL)
    {
      /* accept() blocks until the next connection is established. */
      listener->accepts_waiting++;
      synack_engine_app_event (engine, host_id, 0, SYNACK_CALL_ACCEPT, SYNACK_RESULT_PENDING, 0);
      return SYNACK_RESULT_PENDING;
    }
  accept_child (listener, listener->accept_head);
  return SYNACK_RESULT_OK;
}

void
synack_listener_census (const SynackSocket *listener, SynackQueueCensus *census)
{
  census->present = true;
  census->syn_queue = listener->syn_queue_len;
  census->accept_queue = listener->accept_queue_len;
  census->backlog = listener->backlog;
}

/* inet_csk_listen_stop(): the connections nobody accepted are reset, the
 * half-open ones dropped; those the application accepted live on. */
SynackResult
synack_tcp_close_listener (SynackEngine *engine, SynackHostId host_id, uint16_t port)
{
  SynackHost *host = &engine->hosts[host_id];
  SynackSocket *listener = synack_host_listener (host, port);

  if (listener == NULL)
    {
      synack_engine_app_event (engine, host_id, 0, SYNACK_CALL_CLOSE, SYNACK_RESULT_ENOTCONN, 0);
      return SYNACK_RESULT_ENOTCONN;
    }
  synack_engine_app_event (engine, host_id, 0, SYNACK_CALL_CLOSE, SYNACK_RESULT_OK, 0);
  while (listener->accept_head != NULL)
    {
      SynackSocket *child = listener->accept_head;

      synack_listener_dequeue_accept (listener, child);
      synack_tcp_abort (child);
    }
  for (size_t b = 0; b < host->by_tuple.n_buckets && listener->syn_queue_len > 0; b++)
    for (SynackSocket *sock = host->by_tuple.buckets[b], *next; sock; sock = next)
      {
        next = sock->next_by_tuple;
        if (sock->in_syn_queue && sock->local_port == port)
          synack_tcp_destroy (sock, SYNACK_CAUSE_CLOSE_CALL);
      }
  synack_tcp_destroy (listener, SYNACK_CAUSE_CLOSE_CALL);
  return SYNACK_RESULT_OK;
}
