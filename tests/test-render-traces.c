/* test-render-traces.c: hand-built traces of the classic lessons for the render tests and benchmark. */
#include <string.h>

#include "test-render-traces.h"

/* Events are written lesson-style, one host's story at a time, then put
 * in time order (ties keep the order written), as the engine emits them. */
typedef struct {
  SynackEvent e;
  guint       order;
} Pending;

struct _TraceBuilder {
  GArray   *events;
  uint32_t  seg;
  SynackTrace *trace;
};

TraceBuilder *
trace_builder_new (uint16_t client_port, uint16_t server_port, uint32_t client_iss, uint32_t server_iss)
{
  TraceBuilder *tb = g_new0 (TraceBuilder, 1);
  SynackConnInfo *info;

  tb->events = g_array_new (FALSE, FALSE, sizeof (Pending));
  tb->trace = g_new0 (SynackTrace, 1);
  synack_trace_init (tb->trace);
  info = synack_trace_conn (tb->trace, 1);
  info->client_port = client_port;
  info->server_port = server_port;
  info->client_iss = client_iss;
  info->server_iss = server_iss;
  info->server_iss_known = TRUE;
  return tb;
}

void
trace_builder_add_conn (TraceBuilder *tb, uint32_t conn, uint16_t client_port, uint16_t server_port)
{
  SynackConnInfo *info = synack_trace_conn (tb->trace, conn);

  info->client_port = client_port;
  info->server_port = server_port;
}

static SynackEvent *
push (TraceBuilder *tb, SynackTime t, SynackEventType type, SynackHostId host, uint32_t conn)
{
  Pending p = { .order = tb->events->len };

  p.e.t = t;
  p.e.type = type;
  p.e.host = host;
  p.e.conn = conn;
  g_array_append_val (tb->events, p);
  return &g_array_index (tb->events, Pending, tb->events->len - 1).e;
}

void
tb_app (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, SynackCall call, SynackResult result)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_APP, host, conn);
  e->call = call;
  e->result = result;
}

void
tb_state (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, SynackState from, SynackState to)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_STATE, host, conn);
  e->from = from;
  e->to = to;
}

uint32_t
tb_send (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, unsigned flags,
         uint32_t seq, uint32_t ack, uint32_t len, uint32_t rexmit)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_SEND, host, conn);
  e->seg = ++tb->seg;
  e->hdr.flags = flags;
  e->hdr.seq = seq;
  e->hdr.ack = ack;
  e->hdr.len = len;
  e->hdr.win = 65535;
  e->rexmit = rexmit;
  return e->seg;
}

void
tb_deliver (TraceBuilder *tb, SynackTime t, SynackHostId receiver, uint32_t seg)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_DELIVER, receiver, 0);
  e->seg = seg;
}

void
tb_deliver_copy (TraceBuilder *tb, SynackTime t, SynackHostId receiver, uint32_t seg)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_DELIVER, receiver, 0);
  e->seg = seg;
  e->duplicate = true;
}

void
tb_duplicate (TraceBuilder *tb, SynackTime t, SynackHostId sender, uint32_t seg)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_DUPLICATE, sender, 0);
  e->seg = seg;
  e->duplicate = true;
}

void
tb_lost (TraceBuilder *tb, SynackTime t, SynackHostId sender, uint32_t seg)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_LOST, sender, 0);
  e->seg = seg;
  e->loss_reason = SYNACK_LOSS_SCRIPTED;
}

void
tb_timer (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, SynackTimerKind kind,
          SynackTimerAction action, SynackTime expires)
{
  SynackEvent *e = push (tb, t, SYNACK_EVENT_TIMER, host, conn);
  e->timer = kind;
  e->action = action;
  if (action == SYNACK_TIMER_START)
    {
      e->expires = expires;
      e->duration = expires - t;
    }
}

static int
compare_pending (gconstpointer a, gconstpointer b)
{
  const Pending *x = a, *y = b;

  if (x->e.t != y->e.t)
    return x->e.t < y->e.t ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

SynackTrace *
trace_builder_finish (TraceBuilder *tb)
{
  SynackTrace *trace = tb->trace;
  uint32_t renumber_from = 0;
  g_autofree uint32_t *new_seg = NULL;

  g_array_sort (tb->events, compare_pending);
  /* Segment numbers must rise in sending order, as the engine's do. */
  new_seg = g_new0 (uint32_t, tb->seg + 1);
  for (guint i = 0; i < tb->events->len; i++)
    {
      SynackEvent *e = &g_array_index (tb->events, Pending, i).e;
      if (e->type == SYNACK_EVENT_SEND)
        new_seg[e->seg] = ++renumber_from;
    }
  for (guint i = 0; i < tb->events->len; i++)
    {
      SynackEvent *e = &g_array_index (tb->events, Pending, i).e;
      if (e->type == SYNACK_EVENT_SEND || e->type == SYNACK_EVENT_DELIVER ||
          e->type == SYNACK_EVENT_LOST || e->type == SYNACK_EVENT_DUPLICATE)
        e->seg = new_seg[e->seg];
      synack_trace_append (trace, e);
    }
  g_array_unref (tb->events);
  g_free (tb);
  return trace;
}

void
test_trace_free (SynackTrace *trace)
{
  if (trace == NULL)
    return;
  synack_trace_clear (trace);
  g_free (trace);
}

/* ------------------------------------------------------------ lessons */

#define C SYNACK_CLIENT
#define S SYNACK_SERVER
#define D SYNACK_MS (50)

static void
listen_at_zero (TraceBuilder *tb)
{
  tb_app (tb, 0, S, 0, SYNACK_CALL_LISTEN, SYNACK_RESULT_OK);
  tb_state (tb, 0, S, 0, SYNACK_STATE_CLOSED, SYNACK_STATE_LISTEN);
}

/* Handshake at t0 (client ISS 1000, server 5000); returns when the client
 * is ESTABLISHED (t0 + 2D) and the server too (t0 + 3D). */
static void
handshake (TraceBuilder *tb, SynackTime t0)
{
  uint32_t s;

  tb_app (tb, t0, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING);
  tb_state (tb, t0, C, 1, SYNACK_STATE_CLOSED, SYNACK_STATE_SYN_SENT);
  s = tb_send (tb, t0, C, 1, SYNACK_FLAG_SYN, 1000, 0, 0, 0);
  tb_timer (tb, t0, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t0 + SYNACK_SEC (1));
  tb_deliver (tb, t0 + D, S, s);
  tb_state (tb, t0 + D, S, 1, SYNACK_STATE_LISTEN, SYNACK_STATE_SYN_RECEIVED);
  s = tb_send (tb, t0 + D, S, 1, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 5000, 1001, 0, 0);
  tb_timer (tb, t0 + D, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t0 + D + SYNACK_SEC (1));
  tb_deliver (tb, t0 + 2 * D, C, s);
  tb_timer (tb, t0 + 2 * D, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t0 + 2 * D, C, 1, SYNACK_STATE_SYN_SENT, SYNACK_STATE_ESTABLISHED);
  tb_app (tb, t0 + 2 * D, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK);
  s = tb_send (tb, t0 + 2 * D, C, 1, SYNACK_FLAG_ACK, 1001, 5001, 0, 0);
  tb_deliver (tb, t0 + 3 * D, S, s);
  tb_timer (tb, t0 + 3 * D, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t0 + 3 * D, S, 1, SYNACK_STATE_SYN_RECEIVED, SYNACK_STATE_ESTABLISHED);
  tb_app (tb, t0 + 3 * D, S, 1, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK);
}

/* Client closes at t0 with seq cs, server's next seq ss; TIME_WAIT 60 s. */
static SynackTime
active_close (TraceBuilder *tb, SynackTime t0, uint32_t cs, uint32_t ss)
{
  uint32_t s;
  SynackTime t;

  tb_app (tb, t0, C, 1, SYNACK_CALL_CLOSE, SYNACK_RESULT_PENDING);
  tb_state (tb, t0, C, 1, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_FIN_WAIT_1);
  s = tb_send (tb, t0, C, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, cs, ss, 0, 0);
  tb_timer (tb, t0, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t0 + SYNACK_MS (250));
  t = t0 + D;
  tb_deliver (tb, t, S, s);
  tb_state (tb, t, S, 1, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_CLOSE_WAIT);
  tb_app (tb, t, S, 1, SYNACK_CALL_RECV, SYNACK_RESULT_EOF);
  s = tb_send (tb, t, S, 1, SYNACK_FLAG_ACK, ss, cs + 1, 0, 0);
  tb_deliver (tb, t + D, C, s);
  tb_timer (tb, t + D, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t + D, C, 1, SYNACK_STATE_FIN_WAIT_1, SYNACK_STATE_FIN_WAIT_2);
  tb_timer (tb, t + D, C, 1, SYNACK_TIMER_FIN_WAIT_2, SYNACK_TIMER_START, t + D + SYNACK_SEC (60));
  t += SYNACK_MS (20);
  tb_app (tb, t, S, 1, SYNACK_CALL_CLOSE, SYNACK_RESULT_PENDING);
  tb_state (tb, t, S, 1, SYNACK_STATE_CLOSE_WAIT, SYNACK_STATE_LAST_ACK);
  s = tb_send (tb, t, S, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, ss, cs + 1, 0, 0);
  tb_timer (tb, t, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t + SYNACK_MS (250));
  tb_deliver (tb, t + D, C, s);
  tb_timer (tb, t + D, C, 1, SYNACK_TIMER_FIN_WAIT_2, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t + D, C, 1, SYNACK_STATE_FIN_WAIT_2, SYNACK_STATE_TIME_WAIT);
  tb_timer (tb, t + D, C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, t + D + SYNACK_SEC (60));
  s = tb_send (tb, t + D, C, 1, SYNACK_FLAG_ACK, cs + 1, ss + 1, 0, 0);
  tb_deliver (tb, t + 2 * D, S, s);
  tb_timer (tb, t + 2 * D, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t + 2 * D, S, 1, SYNACK_STATE_LAST_ACK, SYNACK_STATE_CLOSED);
  tb_timer (tb, t + D + SYNACK_SEC (60), C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);
  tb_state (tb, t + D + SYNACK_SEC (60), C, 1, SYNACK_STATE_TIME_WAIT, SYNACK_STATE_CLOSED);
  return t + D + SYNACK_SEC (60);
}

static SynackTrace *
lesson_handshake_close (void)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 5000);

  listen_at_zero (tb);
  handshake (tb, 0);
  active_close (tb, 3 * D + SYNACK_MS (100), 1001, 5001);
  return trace_builder_finish (tb);
}

/* SYN lost twice: RTO 1 s, 2 s, then the third SYN gets through. */
static SynackTrace *
lesson_syn_loss (void)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 5000);
  uint32_t s;
  SynackTime t3 = SYNACK_SEC (3);

  listen_at_zero (tb);
  tb_app (tb, 0, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING);
  tb_state (tb, 0, C, 1, SYNACK_STATE_CLOSED, SYNACK_STATE_SYN_SENT);
  s = tb_send (tb, 0, C, 1, SYNACK_FLAG_SYN, 1000, 0, 0, 0);
  tb_timer (tb, 0, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, SYNACK_SEC (1));
  tb_lost (tb, D, C, s);
  tb_timer (tb, SYNACK_SEC (1), C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_EXPIRE, 0);
  s = tb_send (tb, SYNACK_SEC (1), C, 1, SYNACK_FLAG_SYN, 1000, 0, 0, 1);
  tb_timer (tb, SYNACK_SEC (1), C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t3);
  tb_lost (tb, SYNACK_SEC (1) + D, C, s);
  tb_timer (tb, t3, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_EXPIRE, 0);
  s = tb_send (tb, t3, C, 1, SYNACK_FLAG_SYN, 1000, 0, 0, 2);
  tb_timer (tb, t3, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t3 + SYNACK_SEC (4));
  tb_deliver (tb, t3 + D, S, s);
  tb_state (tb, t3 + D, S, 1, SYNACK_STATE_LISTEN, SYNACK_STATE_SYN_RECEIVED);
  s = tb_send (tb, t3 + D, S, 1, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 5000, 1001, 0, 0);
  tb_deliver (tb, t3 + 2 * D, C, s);
  tb_timer (tb, t3 + 2 * D, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t3 + 2 * D, C, 1, SYNACK_STATE_SYN_SENT, SYNACK_STATE_ESTABLISHED);
  tb_app (tb, t3 + 2 * D, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK);
  s = tb_send (tb, t3 + 2 * D, C, 1, SYNACK_FLAG_ACK, 1001, 5001, 0, 0);
  tb_deliver (tb, t3 + 3 * D, S, s);
  tb_state (tb, t3 + 3 * D, S, 1, SYNACK_STATE_SYN_RECEIVED, SYNACK_STATE_ESTABLISHED);
  return trace_builder_finish (tb);
}

/* Nobody listens: the SYN is answered with RST. */
static SynackTrace *
lesson_refused (void)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 0);
  uint32_t s;

  tb_app (tb, 0, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING);
  tb_state (tb, 0, C, 1, SYNACK_STATE_CLOSED, SYNACK_STATE_SYN_SENT);
  s = tb_send (tb, 0, C, 1, SYNACK_FLAG_SYN, 1000, 0, 0, 0);
  tb_timer (tb, 0, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, SYNACK_SEC (1));
  tb_deliver (tb, D, S, s);
  s = tb_send (tb, D, S, 1, SYNACK_FLAG_RST | SYNACK_FLAG_ACK, 0, 1001, 0, 0);
  tb_deliver (tb, 2 * D, C, s);
  tb_timer (tb, 2 * D, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, 2 * D, C, 1, SYNACK_STATE_SYN_SENT, SYNACK_STATE_CLOSED);
  tb_app (tb, 2 * D, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_ECONNREFUSED);
  return trace_builder_finish (tb);
}

/* Both close at once: the FINs cross, both go through CLOSING. */
static SynackTrace *
lesson_simultaneous_close (void)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 5000);
  SynackTime t = SYNACK_MS (300);
  uint32_t f1, f2, a1, a2;

  listen_at_zero (tb);
  handshake (tb, 0);
  tb_app (tb, t, C, 1, SYNACK_CALL_CLOSE, SYNACK_RESULT_PENDING);
  tb_state (tb, t, C, 1, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_FIN_WAIT_1);
  f1 = tb_send (tb, t, C, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 1001, 5001, 0, 0);
  tb_app (tb, t, S, 1, SYNACK_CALL_CLOSE, SYNACK_RESULT_PENDING);
  tb_state (tb, t, S, 1, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_FIN_WAIT_1);
  f2 = tb_send (tb, t, S, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 5001, 1001, 0, 0);
  tb_deliver (tb, t + D, S, f1);
  tb_state (tb, t + D, S, 1, SYNACK_STATE_FIN_WAIT_1, SYNACK_STATE_CLOSING);
  a1 = tb_send (tb, t + D, S, 1, SYNACK_FLAG_ACK, 5002, 1002, 0, 0);
  tb_deliver (tb, t + D, C, f2);
  tb_state (tb, t + D, C, 1, SYNACK_STATE_FIN_WAIT_1, SYNACK_STATE_CLOSING);
  a2 = tb_send (tb, t + D, C, 1, SYNACK_FLAG_ACK, 1002, 5002, 0, 0);
  tb_deliver (tb, t + 2 * D, C, a1);
  tb_state (tb, t + 2 * D, C, 1, SYNACK_STATE_CLOSING, SYNACK_STATE_TIME_WAIT);
  tb_timer (tb, t + 2 * D, C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, t + 2 * D + SYNACK_SEC (60));
  tb_deliver (tb, t + 2 * D, S, a2);
  tb_state (tb, t + 2 * D, S, 1, SYNACK_STATE_CLOSING, SYNACK_STATE_TIME_WAIT);
  tb_timer (tb, t + 2 * D, S, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, t + 2 * D + SYNACK_SEC (60));
  tb_timer (tb, t + 2 * D + SYNACK_SEC (60), C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);
  tb_state (tb, t + 2 * D + SYNACK_SEC (60), C, 1, SYNACK_STATE_TIME_WAIT, SYNACK_STATE_CLOSED);
  tb_timer (tb, t + 2 * D + SYNACK_SEC (60), S, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);
  tb_state (tb, t + 2 * D + SYNACK_SEC (60), S, 1, SYNACK_STATE_TIME_WAIT, SYNACK_STATE_CLOSED);
  return trace_builder_finish (tb);
}

/* Data with a delayed ACK, a duplicate, then the last ACK of the close is
 * lost: the server retransmits its FIN and the client's TIME_WAIT restarts. */
static SynackTrace *
lesson_data_and_lost_last_ack (void)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 5000);
  SynackTime t = SYNACK_MS (200), t2;
  uint32_t s;

  listen_at_zero (tb);
  handshake (tb, 0);
  tb_app (tb, t, C, 1, SYNACK_CALL_SEND, SYNACK_RESULT_PENDING);
  s = tb_send (tb, t, C, 1, SYNACK_FLAG_ACK | SYNACK_FLAG_PSH, 1001, 5001, 100, 0);
  tb_timer (tb, t, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t + SYNACK_MS (250));
  tb_duplicate (tb, t, C, s);
  tb_deliver (tb, t + D, S, s);
  tb_timer (tb, t + D, S, 1, SYNACK_TIMER_DELAYED_ACK, SYNACK_TIMER_START, t + D + SYNACK_MS (40));
  tb_deliver_copy (tb, t + D + SYNACK_MS (30), S, s);
  tb_timer (tb, t + D + SYNACK_MS (40), S, 1, SYNACK_TIMER_DELAYED_ACK, SYNACK_TIMER_EXPIRE, 0);
  s = tb_send (tb, t + D + SYNACK_MS (40), S, 1, SYNACK_FLAG_ACK, 5001, 1101, 0, 0);
  tb_deliver (tb, t + 2 * D + SYNACK_MS (40), C, s);
  tb_timer (tb, t + 2 * D + SYNACK_MS (40), C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);

  t = SYNACK_MS (500);
  tb_app (tb, t, C, 1, SYNACK_CALL_SHUTDOWN_WRITE, SYNACK_RESULT_PENDING);
  tb_state (tb, t, C, 1, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_FIN_WAIT_1);
  s = tb_send (tb, t, C, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 1101, 5001, 0, 0);
  tb_timer (tb, t, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t + SYNACK_MS (250));
  tb_deliver (tb, t + D, S, s);
  tb_state (tb, t + D, S, 1, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_CLOSE_WAIT);
  tb_app (tb, t + D, S, 1, SYNACK_CALL_RECV, SYNACK_RESULT_EOF);
  tb_app (tb, t + D, S, 1, SYNACK_CALL_CLOSE, SYNACK_RESULT_PENDING);
  tb_state (tb, t + D, S, 1, SYNACK_STATE_CLOSE_WAIT, SYNACK_STATE_LAST_ACK);
  s = tb_send (tb, t + D, S, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 5001, 1102, 0, 0);
  tb_timer (tb, t + D, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t + D + SYNACK_MS (250));
  tb_deliver (tb, t + 2 * D, C, s);
  tb_timer (tb, t + 2 * D, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t + 2 * D, C, 1, SYNACK_STATE_FIN_WAIT_1, SYNACK_STATE_TIME_WAIT);
  tb_timer (tb, t + 2 * D, C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, t + 2 * D + SYNACK_SEC (60));
  s = tb_send (tb, t + 2 * D, C, 1, SYNACK_FLAG_ACK, 1102, 5002, 0, 0);
  tb_lost (tb, t + 3 * D, C, s);
  t2 = t + D + SYNACK_MS (250);
  tb_timer (tb, t2, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_EXPIRE, 0);
  s = tb_send (tb, t2, S, 1, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 5001, 1102, 0, 1);
  tb_timer (tb, t2, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t2 + SYNACK_MS (500));
  tb_deliver (tb, t2 + D, C, s);
  tb_timer (tb, t2 + D, C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, t2 + D + SYNACK_SEC (60));
  s = tb_send (tb, t2 + D, C, 1, SYNACK_FLAG_ACK, 1102, 5002, 0, 0);
  tb_deliver (tb, t2 + 2 * D, S, s);
  tb_timer (tb, t2 + 2 * D, S, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_STOP, 0);
  tb_state (tb, t2 + 2 * D, S, 1, SYNACK_STATE_LAST_ACK, SYNACK_STATE_CLOSED);
  tb_timer (tb, t2 + D + SYNACK_SEC (60), C, 1, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);
  tb_state (tb, t2 + D + SYNACK_SEC (60), C, 1, SYNACK_STATE_TIME_WAIT, SYNACK_STATE_CLOSED);
  return trace_builder_finish (tb);
}

/* The server never answers: SYN backs off 1, 2, 4 s until ETIMEDOUT. */
static SynackTrace *
lesson_syn_timeout (void)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 0);
  SynackTime t = 0, rto = SYNACK_SEC (1);

  tb_app (tb, 0, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING);
  tb_state (tb, 0, C, 1, SYNACK_STATE_CLOSED, SYNACK_STATE_SYN_SENT);
  for (uint32_t r = 0; r <= 3; r++)
    {
      uint32_t s = tb_send (tb, t, C, 1, SYNACK_FLAG_SYN, 1000, 0, 0, r);
      tb_timer (tb, t, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, t + rto);
      tb_lost (tb, t + D, C, s);
      t += rto;
      tb_timer (tb, t, C, 1, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_EXPIRE, 0);
      rto *= 2;
    }
  tb_state (tb, t, C, 1, SYNACK_STATE_SYN_SENT, SYNACK_STATE_CLOSED);
  tb_app (tb, t, C, 1, SYNACK_CALL_CONNECT, SYNACK_RESULT_ETIMEDOUT);
  return trace_builder_finish (tb);
}

static const struct {
  const char *name;
  SynackTrace *(*build) (void);
} lessons[] = {
  { "handshake-close", lesson_handshake_close },
  { "syn-loss", lesson_syn_loss },
  { "refused", lesson_refused },
  { "simultaneous-close", lesson_simultaneous_close },
  { "lost-last-ack", lesson_data_and_lost_last_ack },
  { "syn-timeout", lesson_syn_timeout },
};

const char *const *
test_lesson_names (void)
{
  static const char *names[G_N_ELEMENTS (lessons) + 1];

  for (size_t i = 0; i < G_N_ELEMENTS (lessons); i++)
    names[i] = lessons[i].name;
  return names;
}

SynackTrace *
test_lesson_trace (const char *name)
{
  for (size_t i = 0; i < G_N_ELEMENTS (lessons); i++)
    if (strcmp (lessons[i].name, name) == 0)
      return lessons[i].build ();
  return NULL;
}

/* A long busy run for the benchmark: connections one after another, each a
 * handshake, a few data segments with some losses, and a close, with the
 * next connection starting while the last TIME_WAIT still runs. */
SynackTrace *
test_bulk_trace (uint32_t n_segments)
{
  TraceBuilder *tb = trace_builder_new (40000, 80, 1000, 5000);
  SynackTime t = 0;
  uint32_t conn = 0;

  listen_at_zero (tb);
  while (tb->seg < n_segments)
    {
      uint32_t cs = 1000 + conn * 7, ss = 5000 + conn * 13;
      uint32_t s;

      conn++;
      trace_builder_add_conn (tb, conn, (uint16_t) (40000 + conn % 20000), 80);
      tb_app (tb, t, C, conn, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING);
      tb_state (tb, t, C, conn, SYNACK_STATE_CLOSED, SYNACK_STATE_SYN_SENT);
      s = tb_send (tb, t, C, conn, SYNACK_FLAG_SYN, cs, 0, 0, 0);
      tb_deliver (tb, t + D, S, s);
      tb_state (tb, t + D, S, conn, SYNACK_STATE_LISTEN, SYNACK_STATE_SYN_RECEIVED);
      s = tb_send (tb, t + D, S, conn, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, ss, cs + 1, 0, 0);
      tb_deliver (tb, t + 2 * D, C, s);
      tb_state (tb, t + 2 * D, C, conn, SYNACK_STATE_SYN_SENT, SYNACK_STATE_ESTABLISHED);
      s = tb_send (tb, t + 2 * D, C, conn, SYNACK_FLAG_ACK, cs + 1, ss + 1, 0, 0);
      tb_deliver (tb, t + 3 * D, S, s);
      tb_state (tb, t + 3 * D, S, conn, SYNACK_STATE_SYN_RECEIVED, SYNACK_STATE_ESTABLISHED);
      t += 2 * D;
      for (int k = 0; k < 6; k++)
        {
          uint32_t seq = cs + 1 + (uint32_t) k * 100;
          s = tb_send (tb, t + k * SYNACK_MS (10), C, conn, SYNACK_FLAG_ACK | SYNACK_FLAG_PSH, seq, ss + 1, 100, 0);
          tb_timer (tb, t + k * SYNACK_MS (10), C, conn, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START,
                    t + k * SYNACK_MS (10) + SYNACK_MS (200));
          if ((conn + (uint32_t) k) % 9 == 0)
            {
              tb_lost (tb, t + k * SYNACK_MS (10) + D, C, s);
              s = tb_send (tb, t + k * SYNACK_MS (10) + SYNACK_MS (200), C, conn,
                           SYNACK_FLAG_ACK | SYNACK_FLAG_PSH, seq, ss + 1, 100, 1);
              tb_deliver (tb, t + k * SYNACK_MS (10) + SYNACK_MS (200) + D, S, s);
            }
          else
            tb_deliver (tb, t + k * SYNACK_MS (10) + D, S, s);
          s = tb_send (tb, t + k * SYNACK_MS (10) + D, S, conn, SYNACK_FLAG_ACK, ss + 1, seq + 100, 0, 0);
          tb_deliver (tb, t + k * SYNACK_MS (10) + 2 * D, C, s);
        }
      t += SYNACK_MS (400);
      tb_app (tb, t, C, conn, SYNACK_CALL_CLOSE, SYNACK_RESULT_PENDING);
      tb_state (tb, t, C, conn, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_FIN_WAIT_1);
      s = tb_send (tb, t, C, conn, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, cs + 601, ss + 1, 0, 0);
      tb_deliver (tb, t + D, S, s);
      tb_state (tb, t + D, S, conn, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_LAST_ACK);
      s = tb_send (tb, t + D, S, conn, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, ss + 1, cs + 602, 0, 0);
      tb_deliver (tb, t + 2 * D, C, s);
      tb_state (tb, t + 2 * D, C, conn, SYNACK_STATE_FIN_WAIT_1, SYNACK_STATE_TIME_WAIT);
      tb_timer (tb, t + 2 * D, C, conn, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, t + 2 * D + SYNACK_SEC (60));
      s = tb_send (tb, t + 2 * D, C, conn, SYNACK_FLAG_ACK, cs + 602, ss + 2, 0, 0);
      tb_deliver (tb, t + 3 * D, S, s);
      tb_state (tb, t + 3 * D, S, conn, SYNACK_STATE_LAST_ACK, SYNACK_STATE_CLOSED);
      tb_timer (tb, t + 2 * D + SYNACK_SEC (60), C, conn, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);
      tb_state (tb, t + 2 * D + SYNACK_SEC (60), C, conn, SYNACK_STATE_TIME_WAIT, SYNACK_STATE_CLOSED);
      t += SYNACK_MS (500);
    }
  return trace_builder_finish (tb);
}
