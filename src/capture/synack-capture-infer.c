/* synack-capture-infer.c: captured segments turned into a trace, each side's
 * state inferred with RFC 9293's transitions from what it sent and received. */
#include "synack-capture-private.h"

#include <string.h>

/* How far ahead a loss is looked for: enough for any retransmission timer,
 * bounded so a huge capture stays linear. */
#define LOOKAHEAD 4096

typedef struct {
  guint   k;      /* the packet */
  guint32 seg;    /* its segment number in the trace */
} Pending;

typedef struct {
  guint32     trace_conn;         /* 0 until its first segment */
  SynackState state[SYNACK_N_HOSTS];
  guint32     iss[SYNACK_N_HOSTS];
  guint32     snd_max[SYNACK_N_HOSTS];
  gboolean    sent_sequence[SYNACK_N_HOSTS];
  guint32     fin_seq[SYNACK_N_HOSTS];
  gboolean    fin_sent[SYNACK_N_HOSTS];
  guint32     rcv_nxt[SYNACK_N_HOSTS];   /* what this side expects next from its peer */
  gboolean    rcv_known[SYNACK_N_HOSTS];
  guint32     max_ack[SYNACK_N_HOSTS];
  gboolean    acked_any[SYNACK_N_HOSTS];
  GHashTable *sends[SYNACK_N_HOSTS];     /* seq -> transmissions that started there */
  guint       syns[SYNACK_N_HOSTS][2];   /* bare SYNs and SYN-ACKs sent */
  GArray     *pending[SYNACK_N_HOSTS];   /* Pending segments on their way to each side */
  gint64      time_wait_since[SYNACK_N_HOSTS];
} Side;

/* A side that entered TIME_WAIT, due to leave it 2 x MSL later. */
typedef struct {
  Side        *side;
  SynackHostId host;
  gint64       since;
} TimeWait;

/* Linux's TIME_WAIT (TCP_TIMEWAIT_LEN): a capture shows no timer, but the
 * kernel frees the socket after it. */
#define LINUX_TIME_WAIT_US G_GINT64_CONSTANT (60000000)

typedef struct {
  const SynackCaptureFile *file;
  GArray      *chosen;            /* indices into file->packets */
  Side        *conns;             /* one per file connection */
  SynackTrace *trace;
  guint32      n_segments;
  guint32      n_trace_conns;
  GHashTable  *listening;         /* server ports with a LISTEN emitted */
  gint64       t0;                /* the first chosen segment's time */
  gint64      *last_from;         /* per connection and host: its last chosen packet, or -1 */
  gboolean    *answers_syn;       /* per connection: the server answered a SYN from a listener */
  GArray      *time_waits;        /* TimeWait, in the order they began (and so end) */
  guint        next_time_wait;    /* the first of them that may not have ended */
  guint        n_unproven, n_lost;
} Inference;

static const SynackCapturePacket *
packet_at (const Inference *inf, guint k)
{
  return &g_array_index (inf->file->packets, SynackCapturePacket, g_array_index (inf->chosen, guint, k));
}

static gboolean
occupies_sequence (const SynackHeader *hdr)
{
  return hdr->len > 0 || (hdr->flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_FIN));
}

static guint32
sequence_end (const SynackHeader *hdr)
{
  return hdr->seq + hdr->len + !!(hdr->flags & SYNACK_FLAG_SYN) + !!(hdr->flags & SYNACK_FLAG_FIN);
}

static gboolean
is_bare_syn (const SynackHeader *hdr)
{
  return (hdr->flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) == SYNACK_FLAG_SYN;
}

/* Was packet k lost after the capture point? The capture cannot see it; the
 * sender's later behaviour shows it: it sends the same bytes again before
 * the peer acknowledged them, or the peer sends again what k acknowledged,
 * or a SYN is never answered at all. */
static gboolean
seems_lost (const Inference *inf, guint k, gboolean acks_new)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  gboolean space = occupies_sequence (&p->hdr);
  gboolean peer_spoke = FALSE;

  if (p->hdr.flags & SYNACK_FLAG_RST || (!space && !acks_new))
    return FALSE;
  for (guint j = k + 1; j < inf->chosen->len && j < k + LOOKAHEAD; j++)
    {
      const SynackCapturePacket *q = packet_at (inf, j);

      if (q->conn_index != p->conn_index)
        continue;
      if (q->from != p->from)
        {
          peer_spoke = TRUE;
          if (space && (q->hdr.flags & SYNACK_FLAG_ACK) && synack_seq_ge (q->hdr.ack, sequence_end (&p->hdr)))
            return FALSE;
          if (q->hdr.flags & SYNACK_FLAG_RST)
            return FALSE;
          if (!space)
            return occupies_sequence (&q->hdr) && synack_seq_lt (q->hdr.seq, p->hdr.ack);
        }
      else if (space && occupies_sequence (&q->hdr) && q->hdr.seq == p->hdr.seq &&
               (q->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) == (p->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)))
        return TRUE;
      else if (!space && (q->hdr.flags & SYNACK_FLAG_ACK) && synack_seq_ge (q->hdr.ack, p->hdr.ack))
        return FALSE;
    }
  return space && is_bare_syn (&p->hdr) && !peer_spoke;
}

/* Does the receiver of packet k send anything afterwards? Only then does the
 * capture show it got the packet and acted on it. */
static gboolean
receiver_speaks_later (const Inference *inf, guint k)
{
  const SynackCapturePacket *p = packet_at (inf, k);

  return inf->last_from[p->conn_index * SYNACK_N_HOSTS + !p->from] > (gint64) k;
}

/* After its FIN, does the side keep receiving data without resetting? Then
 * the application shut down its sending half rather than closing. */
static gboolean
keeps_receiving (const Inference *inf, guint k)
{
  const SynackCapturePacket *p = packet_at (inf, k);

  for (guint j = k + 1; j < inf->chosen->len && j < k + LOOKAHEAD; j++)
    {
      const SynackCapturePacket *q = packet_at (inf, j);

      if (q->conn_index != p->conn_index)
        continue;
      if (q->from == p->from && (q->hdr.flags & SYNACK_FLAG_RST))
        return FALSE;
      if (q->from != p->from && q->hdr.len > 0)
        return TRUE;
    }
  return FALSE;
}

static void
emit (Inference *inf, const SynackEvent *event)
{
  synack_trace_append (inf->trace, event);
}

static void
emit_app (Inference *inf, gint64 t, SynackHostId host, guint32 conn, SynackCall call,
          SynackResult result, guint64 bytes)
{
  SynackEvent e = { .t = t, .type = SYNACK_EVENT_APP, .host = host, .conn = conn,
                    .call = call, .result = result, .bytes = bytes };

  emit (inf, &e);
}

static void
change_state (Inference *inf, Side *side, gint64 t, SynackHostId host, SynackState to,
              SynackCause cause, gboolean unproven)
{
  SynackEvent e = { .t = t, .type = SYNACK_EVENT_STATE, .host = host, .conn = side->trace_conn,
                    .from = side->state[host], .to = to, .cause = cause, .unproven = unproven };

  if (side->state[host] == to)
    return;
  side->state[host] = to;
  inf->n_unproven += unproven;
  emit (inf, &e);
  if (to == SYNACK_STATE_TIME_WAIT)
    {
      TimeWait tw = { side, host, t };

      side->time_wait_since[host] = t;
      g_array_append_val (inf->time_waits, tw);
    }
}

/* The TIME_WAITs whose 60 s are over by `t` end, at their time: without
 * it, a capture's TIME_WAIT would last to its end. */
static void
end_time_waits_before (Inference *inf, gint64 t)
{
  while (inf->next_time_wait < inf->time_waits->len)
    {
      const TimeWait *tw = &g_array_index (inf->time_waits, TimeWait, inf->next_time_wait);

      if (tw->since + LINUX_TIME_WAIT_US > t)
        return;
      inf->next_time_wait++;
      if (tw->side->state[tw->host] == SYNACK_STATE_TIME_WAIT && tw->side->time_wait_since[tw->host] == tw->since)
        change_state (inf, tw->side, tw->since + LINUX_TIME_WAIT_US, tw->host, SYNACK_STATE_CLOSED,
                      SYNACK_CAUSE_TIME_WAIT_EXPIRED, FALSE);
    }
}

/* A new connection on a 4-tuple an earlier one of the capture used: if a
 * side of that one was still in TIME_WAIT, the new SYN ended it. The
 * client's kernel could send it only by taking the TIME_WAIT over
 * (connect() with tcp_tw_reuse or SO_REUSEADDR); the server's lets a SYN
 * beyond the old sequence space reopen the 4-tuple. A capture has no
 * timers, so without this the old TIME_WAIT would last to the end. */
static void
end_earlier_time_wait (Inference *inf, guint conn_index, gint64 t)
{
  const SynackCaptureConn *now = &g_array_index (inf->file->conns, SynackCaptureConn, conn_index);

  for (guint i = conn_index; i-- > 0;)
    {
      const SynackCaptureConn *before = &g_array_index (inf->file->conns, SynackCaptureConn, i);
      Side *old = &inf->conns[i];

      if (before->family != now->family || memcmp (before->addr, now->addr, sizeof now->addr) != 0 ||
          memcmp (before->port, now->port, sizeof now->port) != 0)
        continue;
      if (old->trace_conn == 0)
        return;
      if (old->state[SYNACK_CLIENT] == SYNACK_STATE_TIME_WAIT)
        change_state (inf, old, t, SYNACK_CLIENT, SYNACK_STATE_CLOSED, SYNACK_CAUSE_CONNECT_CALL, FALSE);
      if (old->state[SYNACK_SERVER] == SYNACK_STATE_TIME_WAIT)
        change_state (inf, old, t, SYNACK_SERVER, SYNACK_STATE_CLOSED, SYNACK_CAUSE_NEW_SYN, FALSE);
      return;
    }
}

/* The first segment of a connection: number it, and set up the listener
 * (the server answers SYNs) or, mid-stream, both sides as established. */
static void
start_connection (Inference *inf, Side *side, guint k)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  const SynackCaptureConn *conn = &g_array_index (inf->file->conns, SynackCaptureConn, p->conn_index);
  SynackConnInfo *info;

  side->trace_conn = ++inf->n_trace_conns;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      side->state[h] = SYNACK_STATE_CLOSED;
      side->sends[h] = g_hash_table_new (NULL, NULL);
      side->pending[h] = g_array_new (FALSE, FALSE, sizeof (Pending));
    }
  info = synack_trace_conn (inf->trace, side->trace_conn);
  if (info)
    {
      info->client_port = conn->port[SYNACK_CLIENT];
      info->server_port = conn->port[SYNACK_SERVER];
      info->client_iss = conn->client_iss;
    }

  if (!conn->saw_open)
    {
      change_state (inf, side, (p->t_us - inf->t0), SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED, SYNACK_CAUSE_CONNECT_CALL, TRUE);
      change_state (inf, side, (p->t_us - inf->t0), SYNACK_SERVER, SYNACK_STATE_ESTABLISHED, SYNACK_CAUSE_ACK_RECEIVED, TRUE);
      return;
    }
  end_earlier_time_wait (inf, p->conn_index, p->t_us - inf->t0);
  if (!inf->answers_syn[p->conn_index])
    return;
  side->state[SYNACK_SERVER] = SYNACK_STATE_LISTEN;
  if (!g_hash_table_contains (inf->listening, GUINT_TO_POINTER (conn->port[SYNACK_SERVER])))
    {
      SynackEvent e = { .t = (p->t_us - inf->t0), .type = SYNACK_EVENT_STATE, .host = SYNACK_SERVER, .conn = 0,
                        .from = SYNACK_STATE_CLOSED, .to = SYNACK_STATE_LISTEN,
                        .cause = SYNACK_CAUSE_LISTEN_CALL };

      g_hash_table_add (inf->listening, GUINT_TO_POINTER (conn->port[SYNACK_SERVER]));
      emit_app (inf, (p->t_us - inf->t0), SYNACK_SERVER, 0, SYNACK_CALL_LISTEN, SYNACK_RESULT_OK, 0);
      emit (inf, &e);
    }
}

static gboolean
is_synchronized (SynackState state)
{
  return state != SYNACK_STATE_CLOSED && state != SYNACK_STATE_LISTEN && state != SYNACK_STATE_SYN_SENT;
}

/* What the sender's application must have done for the segment to leave. */
static void
before_send (Inference *inf, Side *side, guint k, gboolean rexmit)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  SynackHostId x = p->from;
  guint32 c = side->trace_conn;
  gint64 t = (p->t_us - inf->t0);

  if (is_bare_syn (&p->hdr) && side->state[x] == SYNACK_STATE_CLOSED)
    {
      emit_app (inf, t, x, c, SYNACK_CALL_CONNECT, SYNACK_RESULT_PENDING, 0);
      change_state (inf, side, t, x, SYNACK_STATE_SYN_SENT, SYNACK_CAUSE_CONNECT_CALL, FALSE);
      return;
    }
  if (p->hdr.flags & SYNACK_FLAG_RST)
    {
      if (side->state[x] == SYNACK_STATE_CLOSED || side->state[x] == SYNACK_STATE_LISTEN)
        return;  /* no socket answering: no state to leave */
      if (side->fin_sent[x])
        change_state (inf, side, t, x, SYNACK_STATE_CLOSED, SYNACK_CAUSE_DATA_AFTER_CLOSE, FALSE);
      else
        {
          emit_app (inf, t, x, c, SYNACK_CALL_ABORT, SYNACK_RESULT_OK, 0);
          change_state (inf, side, t, x, SYNACK_STATE_CLOSED, SYNACK_CAUSE_ABORT_CALL, FALSE);
        }
      return;
    }
  if (rexmit)
    return;
  if (p->hdr.len > 0 && is_synchronized (side->state[x]))
    emit_app (inf, t, x, c, SYNACK_CALL_SEND, SYNACK_RESULT_OK, p->hdr.len);
  /* A FIN leaves ESTABLISHED, SYN_RECEIVED or CLOSE_WAIT; from any other
   * state the socket has already closed its side. */
  if ((p->hdr.flags & SYNACK_FLAG_FIN) &&
      (side->state[x] == SYNACK_STATE_ESTABLISHED || side->state[x] == SYNACK_STATE_SYN_RECEIVED ||
       side->state[x] == SYNACK_STATE_CLOSE_WAIT))
    {
      gboolean half = keeps_receiving (inf, k);
      SynackState to = side->state[x] == SYNACK_STATE_CLOSE_WAIT ? SYNACK_STATE_LAST_ACK : SYNACK_STATE_FIN_WAIT_1;

      emit_app (inf, t, x, c, half ? SYNACK_CALL_SHUTDOWN_WRITE : SYNACK_CALL_CLOSE, SYNACK_RESULT_OK, 0);
      change_state (inf, side, t, x, to, half ? SYNACK_CAUSE_SHUTDOWN_CALL : SYNACK_CAUSE_CLOSE_CALL, FALSE);
    }
}

/* RFC 9293 section 3.10.7, for what one capture can show: the receiver's
 * transitions on a SYN, a SYN-ACK, an ACK of its FIN, a FIN, a RST. */
static void
after_delivery (Inference *inf, Side *side, guint k, gint64 t, gboolean unproven)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  const SynackHeader *h = &p->hdr;
  SynackHostId y = !p->from;
  guint32 c = side->trace_conn;
  gboolean fin_in_order, fin_acked;

  if (h->flags & SYNACK_FLAG_RST)
    {
      if (side->state[y] == SYNACK_STATE_SYN_SENT)
        {
          change_state (inf, side, t, y, SYNACK_STATE_CLOSED, SYNACK_CAUSE_RST_RECEIVED, unproven);
          emit_app (inf, t, y, c, SYNACK_CALL_CONNECT, SYNACK_RESULT_ECONNREFUSED, 0);
        }
      else if (is_synchronized (side->state[y]))
        change_state (inf, side, t, y, SYNACK_STATE_CLOSED, SYNACK_CAUSE_RST_RECEIVED, unproven);
      return;
    }
  if (h->flags & SYNACK_FLAG_SYN)
    {
      side->rcv_nxt[y] = h->seq + 1;
      side->rcv_known[y] = TRUE;
      if (!(h->flags & SYNACK_FLAG_ACK) &&
          (side->state[y] == SYNACK_STATE_LISTEN || side->state[y] == SYNACK_STATE_SYN_SENT))
        change_state (inf, side, t, y, SYNACK_STATE_SYN_RECEIVED, SYNACK_CAUSE_SYN_RECEIVED, unproven);
      else if ((h->flags & SYNACK_FLAG_ACK) && side->state[y] == SYNACK_STATE_SYN_RECEIVED &&
               synack_seq_gt (h->ack, side->iss[y]))
        /* Simultaneous open: the peer's SYN-ACK acknowledges ours. */
        change_state (inf, side, t, y, SYNACK_STATE_ESTABLISHED, SYNACK_CAUSE_SYN_ACK_RECEIVED, unproven);
      else if ((h->flags & SYNACK_FLAG_ACK) && side->state[y] == SYNACK_STATE_SYN_SENT)
        {
          change_state (inf, side, t, y, SYNACK_STATE_ESTABLISHED, SYNACK_CAUSE_SYN_ACK_RECEIVED, unproven);
          emit_app (inf, t, y, c, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK, 0);
        }
      return;
    }
  if (!(h->flags & SYNACK_FLAG_ACK))
    return;
  if (side->state[y] == SYNACK_STATE_SYN_RECEIVED && synack_seq_gt (h->ack, side->iss[y]))
    {
      change_state (inf, side, t, y, SYNACK_STATE_ESTABLISHED, SYNACK_CAUSE_ACK_RECEIVED, unproven);
      if (y == SYNACK_SERVER)
        emit_app (inf, t, y, c, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK, 0);
    }

  /* Data and a FIN count only in order: a FIN behind a lost segment waits. */
  if (!side->rcv_known[y])
    {
      side->rcv_nxt[y] = h->seq;
      side->rcv_known[y] = TRUE;
    }
  if (synack_seq_le (h->seq, side->rcv_nxt[y]) && synack_seq_gt (h->seq + h->len, side->rcv_nxt[y]))
    side->rcv_nxt[y] = h->seq + h->len;
  fin_in_order = (h->flags & SYNACK_FLAG_FIN) && side->rcv_nxt[y] == h->seq + h->len;
  if (fin_in_order)
    side->rcv_nxt[y] = h->seq + h->len + 1;
  fin_acked = side->fin_sent[y] && synack_seq_gt (h->ack, side->fin_seq[y]);

  switch (side->state[y])
    {
    case SYNACK_STATE_ESTABLISHED:
      if (fin_in_order)
        change_state (inf, side, t, y, SYNACK_STATE_CLOSE_WAIT, SYNACK_CAUSE_FIN_RECEIVED, unproven);
      break;
    case SYNACK_STATE_FIN_WAIT_1:
      if (fin_acked && fin_in_order)
        change_state (inf, side, t, y, SYNACK_STATE_TIME_WAIT, SYNACK_CAUSE_FIN_ACK_RECEIVED, unproven);
      else if (fin_acked)
        change_state (inf, side, t, y, SYNACK_STATE_FIN_WAIT_2, SYNACK_CAUSE_ACK_RECEIVED, unproven);
      else if (fin_in_order)
        change_state (inf, side, t, y, SYNACK_STATE_CLOSING, SYNACK_CAUSE_FIN_RECEIVED, unproven);
      break;
    case SYNACK_STATE_FIN_WAIT_2:
      if (fin_in_order)
        change_state (inf, side, t, y, SYNACK_STATE_TIME_WAIT, SYNACK_CAUSE_FIN_RECEIVED, unproven);
      break;
    case SYNACK_STATE_CLOSING:
      if (fin_acked)
        change_state (inf, side, t, y, SYNACK_STATE_TIME_WAIT, SYNACK_CAUSE_ACK_RECEIVED, unproven);
      break;
    case SYNACK_STATE_LAST_ACK:
      if (fin_acked)
        change_state (inf, side, t, y, SYNACK_STATE_CLOSED, SYNACK_CAUSE_ACK_RECEIVED, unproven);
      break;
    default:
      break;
    }
}

/* The receiver's next segment of packet k's connection, or NULL. */
static const SynackCapturePacket *
peer_next (const Inference *inf, guint k)
{
  const SynackCapturePacket *p = packet_at (inf, k);

  for (guint j = k + 1; j < inf->chosen->len && j < k + LOOKAHEAD; j++)
    {
      const SynackCapturePacket *q = packet_at (inf, j);

      if (q->conn_index == p->conn_index && q->from != p->from)
        return q;
    }
  return NULL;
}

/* Is the receiver's next segment a RST without ACK, the answer of no socket? */
static gboolean
next_is_bare_rst (const Inference *inf, guint k)
{
  const SynackCapturePacket *q = peer_next (inf, k);

  return q && (q->hdr.flags & (SYNACK_FLAG_RST | SYNACK_FLAG_ACK)) == SYNACK_FLAG_RST;
}

static void
deliver (Inference *inf, Side *side, guint k, guint32 seg, gint64 t)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  SynackEvent arrival = { .t = t, .type = SYNACK_EVENT_DELIVER, .host = !p->from, .conn = side->trace_conn,
                          .seg = seg, .hdr = p->hdr };

  /* Answered with a bare RST from FIN_WAIT_2: the socket had timed out
   * (tcp_fin_timeout) before the segment came. */
  if (side->state[!p->from] == SYNACK_STATE_FIN_WAIT_2 && next_is_bare_rst (inf, k))
    change_state (inf, side, t, !p->from, SYNACK_STATE_CLOSED, SYNACK_CAUSE_FIN_WAIT_2_EXPIRED, TRUE);
  /* A SYN-ACK answered with a bare RST: the connecting application had
   * given up (close() in SYN_SENT sends nothing) before it came, so this
   * SYN-ACK answers an old SYN. */
  if (side->state[!p->from] == SYNACK_STATE_SYN_SENT &&
      (p->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK) &&
      next_is_bare_rst (inf, k))
    change_state (inf, side, t, !p->from, SYNACK_STATE_CLOSED, SYNACK_CAUSE_CLOSE_CALL, TRUE);
  arrival.verdict = side->state[!p->from] == SYNACK_STATE_CLOSED && !(p->hdr.flags & SYNACK_FLAG_RST)
                    ? SYNACK_VERDICT_NO_SOCKET : SYNACK_VERDICT_ACCEPTED;
  emit (inf, &arrival);
  after_delivery (inf, side, k, t, !receiver_speaks_later (inf, k));
}

/* Was the receiver's next segment of this connection sent before packet k
 * reached it? It was if it does not acknowledge k's sequence space. */
static gboolean
crossed_by_next (const Inference *inf, guint k)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  const SynackCapturePacket *q = peer_next (inf, k);

  if (!occupies_sequence (&p->hdr) || q == NULL || (q->hdr.flags & SYNACK_FLAG_RST))
    return FALSE;
  return !(q->hdr.flags & SYNACK_FLAG_ACK) || synack_seq_lt (q->hdr.ack, sequence_end (&p->hdr));
}

/* The segments that were on their way to host when it sent one arrive now. */
static void
deliver_pending (Inference *inf, Side *side, SynackHostId host, gint64 t)
{
  g_autoptr (GArray) pending = side->pending[host];

  side->pending[host] = g_array_new (FALSE, FALSE, sizeof (Pending));
  for (guint i = 0; i < pending->len; i++)
    deliver (inf, side, g_array_index (pending, Pending, i).k, g_array_index (pending, Pending, i).seg, t);
}

static void
import_packet (Inference *inf, guint k)
{
  const SynackCapturePacket *p = packet_at (inf, k);
  Side *side = &inf->conns[p->conn_index];
  SynackHostId x = p->from;
  gboolean space = occupies_sequence (&p->hdr);
  gboolean acks_new, rexmit_seen;
  guint previous = 0;
  SynackEvent send = { .t = (p->t_us - inf->t0), .type = SYNACK_EVENT_SEND, .host = x, .hdr = p->hdr };
  SynackEvent arrival = { .t = (p->t_us - inf->t0), .host = !x, .hdr = p->hdr };

  if (side->trace_conn == 0)
    start_connection (inf, side, k);
  /* A retransmission sends the same kind of segment again. The SYN-ACK of a
   * simultaneous open repeats its sender's SYN sequence number, but it is
   * a new segment (RFC 9293 3.10.7.3), as the engine counts it. */
  if (p->hdr.flags & SYNACK_FLAG_SYN)
    {
      previous = side->syns[x][!!(p->hdr.flags & SYNACK_FLAG_ACK)]++;
      rexmit_seen = previous > 0;
    }
  else
    {
      if (space)
        previous = GPOINTER_TO_UINT (g_hash_table_lookup (side->sends[x], GUINT_TO_POINTER (p->hdr.seq)));
      rexmit_seen = space && side->sent_sequence[x] && synack_seq_lt (p->hdr.seq, side->snd_max[x]);
    }
  acks_new = (p->hdr.flags & SYNACK_FLAG_ACK) && (!side->acked_any[x] || synack_seq_gt (p->hdr.ack, side->max_ack[x]));

  before_send (inf, side, k, rexmit_seen);
  send.conn = side->trace_conn;
  send.seg = ++inf->n_segments;
  send.rexmit = rexmit_seen ? MAX (previous, 1) : 0;
  emit (inf, &send);

  if (space)
    {
      g_hash_table_insert (side->sends[x], GUINT_TO_POINTER (p->hdr.seq), GUINT_TO_POINTER (previous + 1));
      if (p->hdr.flags & SYNACK_FLAG_SYN)
        {
          SynackConnInfo *info = synack_trace_conn (inf->trace, side->trace_conn);

          side->iss[x] = p->hdr.seq;
          if (info && x == SYNACK_CLIENT)
            info->client_iss = p->hdr.seq;
          else if (info)
            {
              info->server_iss = p->hdr.seq;
              info->server_iss_known = TRUE;
            }
        }
      if (!side->sent_sequence[x] || synack_seq_gt (sequence_end (&p->hdr), side->snd_max[x]))
        side->snd_max[x] = sequence_end (&p->hdr);
      side->sent_sequence[x] = TRUE;
      if ((p->hdr.flags & SYNACK_FLAG_FIN) && !side->fin_sent[x])
        {
          side->fin_sent[x] = TRUE;
          side->fin_seq[x] = p->hdr.seq + p->hdr.len;
        }
    }
  if (p->hdr.flags & SYNACK_FLAG_ACK)
    {
      if (acks_new)
        side->max_ack[x] = p->hdr.ack;
      side->acked_any[x] = TRUE;
    }

  deliver_pending (inf, side, x, send.t);

  arrival.conn = side->trace_conn;
  arrival.seg = send.seg;
  arrival.rexmit = send.rexmit;
  if (seems_lost (inf, k, acks_new))
    {
      arrival.type = SYNACK_EVENT_LOST;
      arrival.host = x;
      arrival.loss_reason = SYNACK_LOSS_INFERRED;
      inf->n_lost++;
      emit (inf, &arrival);
      return;
    }
  /* Segments that crossed (two SYNs of a simultaneous open, two FINs of a
   * simultaneous close, data and a reply): the capture saw this one first,
   * but the receiver's next segment does not acknowledge it, so it left
   * before this one got there. This one arrives just after it. */
  if (crossed_by_next (inf, k))
    {
      Pending pending = { k, send.seg };

      g_array_append_val (side->pending[!x], pending);
      return;
    }
  deliver (inf, side, k, send.seg, arrival.t);
}

SynackTrace *
synack_capture_infer (const SynackCaptureFile *file, guint chosen, guint *n_unproven, guint *n_lost)
{
  Inference inf = { .file = file };
  SynackTrace *trace = g_new0 (SynackTrace, 1);
  gint64 t0 = 0;

  synack_trace_init (trace);
  inf.trace = trace;
  inf.chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  inf.conns = g_new0 (Side, file->conns->len);
  inf.listening = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < file->packets->len; i++)
    {
      const SynackCapturePacket *p = &g_array_index (file->packets, SynackCapturePacket, i);

      if (chosen == G_MAXUINT || p->conn_index == chosen)
        g_array_append_val (inf.chosen, i);
    }
  /* Time starts at the chosen connections' first segment. */
  if (inf.chosen->len > 0)
    t0 = packet_at (&inf, 0)->t_us;
  inf.t0 = t0;
  inf.last_from = g_new (gint64, file->conns->len * SYNACK_N_HOSTS);
  inf.answers_syn = g_new0 (gboolean, file->conns->len);
  for (guint i = 0; i < file->conns->len * SYNACK_N_HOSTS; i++)
    inf.last_from[i] = -1;
  for (guint k = 0; k < inf.chosen->len; k++)
    {
      const SynackCapturePacket *p = packet_at (&inf, k);

      inf.last_from[p->conn_index * SYNACK_N_HOSTS + p->from] = k;
      if (p->from == SYNACK_SERVER &&
          (p->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK))
        inf.answers_syn[p->conn_index] = TRUE;
    }
  /* A server that sends a SYN of its own opened actively too: no listener. */
  for (guint k = 0; k < inf.chosen->len; k++)
    {
      const SynackCapturePacket *p = packet_at (&inf, k);

      if (p->from == SYNACK_SERVER && is_bare_syn (&p->hdr))
        inf.answers_syn[p->conn_index] = FALSE;
    }
  inf.time_waits = g_array_new (FALSE, FALSE, sizeof (TimeWait));
  for (guint k = 0; k < inf.chosen->len; k++)
    {
      end_time_waits_before (&inf, packet_at (&inf, k)->t_us - t0);
      import_packet (&inf, k);
    }
  g_array_unref (inf.time_waits);

  for (guint c = 0; c < file->conns->len; c++)
    for (int h = 0; h < SYNACK_N_HOSTS; h++)
      {
        g_clear_pointer (&inf.conns[c].sends[h], g_hash_table_unref);
        g_clear_pointer (&inf.conns[c].pending[h], g_array_unref);
      }
  g_free (inf.conns);
  g_free (inf.last_from);
  g_free (inf.answers_syn);
  g_hash_table_unref (inf.listening);
  g_array_unref (inf.chosen);
  *n_unproven = inf.n_unproven;
  *n_lost = inf.n_lost;
  return trace;
}
