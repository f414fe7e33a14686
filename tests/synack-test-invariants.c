/* synack-test-invariants.c: the invariant checker the reliability tests run on every trace. */
#include "synack-test-invariants.h"

#include <string.h>

#include "synack-transitions.h"

/* One host's side of one connection, as the trace shows it. Sequence numbers
 * are kept relative to the ISN of their direction, in 64 bits, so "before"
 * and "after" are plain comparisons (runs carry far less than 2^31 bytes). */
typedef struct {
  gboolean    seen_state;
  SynackState state;
  SynackTime  time_wait_since;
  gboolean    app_error;

  /* What this side sent. */
  gboolean    have_iss;
  uint32_t    iss;
  guint64     snd_max;     /* one past the highest sequence number sent */
  guint64     snd_una;     /* highest ACK of ours the side accepted */
  gboolean    sent_ack;
  guint64     last_ack;    /* highest acknowledgment number this side sent */

  /* What reached this side. */
  gboolean    have_peer_isn;
  uint32_t    peer_isn;
  GArray     *ranges;      /* of Range: sequence space delivered, relative */
  guint64     received;    /* everything below this arrived (contiguously) */

  struct {
    gboolean   active;
    SynackTime expires;
    long       started_at;
  } timers[SYNACK_N_TIMERS];
} Side;

typedef struct {
  guint64 start, end;
} Range;

static void
side_free (gpointer data)
{
  Side *side = data;

  g_array_unref (side->ranges);
  g_free (side);
}

static Side *
side_get (GHashTable *sides, SynackHostId host, uint32_t conn)
{
  guint64 key = ((guint64) host << 32) | conn;
  Side *side = g_hash_table_lookup (sides, &key);

  if (side == NULL)
    {
      guint64 *k = g_new (guint64, 1);

      *k = key;
      side = g_new0 (Side, 1);
      side->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
      g_hash_table_insert (sides, k, side);
    }
  return side;
}

static guint32
seq_space (const SynackHeader *hdr)
{
  return hdr->len + ((hdr->flags & SYNACK_FLAG_SYN) ? 1 : 0) + ((hdr->flags & SYNACK_FLAG_FIN) ? 1 : 0);
}

/* Adds what a delivered segment carried and advances the contiguous edge. */
static void
side_receive (Side *side, const SynackHeader *hdr, SynackVerdict verdict)
{
  guint32 rel;
  Range r;
  guint lo, hi, consumed;

  if (hdr->flags & SYNACK_FLAG_RST)
    return;
  if (hdr->flags & SYNACK_FLAG_SYN)
    {
      /* Only a SYN the host took (or answered for want of a socket) names
       * the peer's ISN: a stray SYN-ACK of an earlier incarnation does not. */
      if (!side->have_peer_isn && verdict != SYNACK_VERDICT_ACCEPTED && verdict != SYNACK_VERDICT_NO_SOCKET)
        return;
      if (!side->have_peer_isn)
        {
          side->have_peer_isn = TRUE;
          side->peer_isn = hdr->seq;
        }
      else if (hdr->seq != side->peer_isn)
        return;  /* another incarnation's SYN: says nothing about this one */
    }
  if (!side->have_peer_isn)
    return;
  rel = hdr->seq - side->peer_isn;
  if (rel >= 0x80000000u || seq_space (hdr) == 0)
    return;
  r.start = rel;
  r.end = (guint64) rel + seq_space (hdr);
  if (r.end <= side->received)
    return;
  /* Ranges are kept sorted by start, so the edge advances over a prefix:
   * a long run with a hole at the edge stays linear. */
  lo = 0;
  hi = side->ranges->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (side->ranges, Range, mid).start <= r.start)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (side->ranges, lo, r);
  for (consumed = 0; consumed < side->ranges->len; consumed++)
    {
      const Range *q = &g_array_index (side->ranges, Range, consumed);

      if (q->start > side->received)
        break;
      side->received = MAX (side->received, q->end);
    }
  g_array_remove_range (side->ranges, 0, consumed);
}

static gboolean
result_is_error (SynackResult result)
{
  switch (result)
    {
    case SYNACK_RESULT_ECONNREFUSED:
    case SYNACK_RESULT_ETIMEDOUT:
    case SYNACK_RESULT_ECONNRESET:
    case SYNACK_RESULT_EADDRINUSE:
    case SYNACK_RESULT_EADDRNOTAVAIL:
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
describe_event (const SynackTrace *trace, long i)
{
  const SynackEvent *e = &trace->events[i];
  char flags[32];

  switch (e->type)
    {
    case SYNACK_EVENT_STATE:
      return g_strdup_printf ("event %ld at %" G_GINT64_FORMAT " us: %s conn %u %s -> %s (%s)", i, e->t,
                              synack_host_to_string (e->host), e->conn, synack_state_to_string (e->from),
                              synack_state_to_string (e->to), synack_cause_to_string (e->cause));
    case SYNACK_EVENT_TIMER:
      return g_strdup_printf ("event %ld at %" G_GINT64_FORMAT " us: %s conn %u timer %s %s", i, e->t,
                              synack_host_to_string (e->host), e->conn, synack_timer_to_string (e->timer),
                              synack_timer_action_to_string (e->action));
    case SYNACK_EVENT_APP:
      return g_strdup_printf ("event %ld at %" G_GINT64_FORMAT " us: %s conn %u %s = %s", i, e->t,
                              synack_host_to_string (e->host), e->conn, synack_call_to_string (e->call),
                              synack_result_to_string (e->result));
    default:
      synack_flags_to_string (e->hdr.flags, flags, sizeof flags);
      return g_strdup_printf ("event %ld at %" G_GINT64_FORMAT " us: %s %s conn %u seg #%u [%s] seq %u ack %u len %u rexmit %u",
                              i, e->t, synack_event_type_to_string (e->type),
                              synack_host_to_string (e->host), e->conn, e->seg, flags,
                              e->hdr.seq, e->hdr.ack, e->hdr.len, e->rexmit);
    }
}

#define VIOLATION(...) \
  G_STMT_START { \
    g_autofree char *what_ = g_strdup_printf (__VA_ARGS__); \
    g_autofree char *where_ = describe_event (trace, (long) i); \
    return g_strdup_printf ("%s\n  at %s", what_, where_); \
  } G_STMT_END

char *
synack_test_check_invariants (const SynackTrace *trace, const SynackParams *params, gboolean hit_time_limit)
{
  g_autoptr (GHashTable) sides = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, side_free);
  GHashTableIter iter;
  gpointer key, value;
  SynackTime last_t = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      Side *side;

      if (e->t < last_t)
        VIOLATION ("time went backwards (%" G_GINT64_FORMAT " us after %" G_GINT64_FORMAT " us)", e->t, last_t);
      last_t = e->t;

      switch (e->type)
        {
        case SYNACK_EVENT_STATE:
          side = side_get (sides, e->host, e->conn);
          /* A server side that gave up in SYN_RECEIVED is born again from the
           * listener when the client's SYN comes back: a new socket, with
           * its own sending side. */
          if (side->seen_state && side->state == SYNACK_STATE_CLOSED &&
              e->from == SYNACK_STATE_LISTEN && e->cause == SYNACK_CAUSE_SYN_RECEIVED)
            {
              side->seen_state = FALSE;
              side->have_iss = FALSE;
              side->snd_max = side->snd_una = side->last_ack = 0;
              side->sent_ack = FALSE;
            }
          /* A child socket is born from its listener, anything else from CLOSED. */
          if (!side->seen_state)
            {
              if (e->from != SYNACK_STATE_CLOSED &&
                  !(e->from == SYNACK_STATE_LISTEN && e->cause == SYNACK_CAUSE_SYN_RECEIVED))
                VIOLATION ("a socket's first state change does not start from CLOSED");
            }
          else if (e->from != side->state)
            VIOLATION ("state change from %s, but the socket was in %s",
                       synack_state_to_string (e->from), synack_state_to_string (side->state));
          if (synack_transition_find (e->from, e->to, e->cause) < 0)
            VIOLATION ("%s -> %s on %s is not in the table of transitions",
                       synack_state_to_string (e->from), synack_state_to_string (e->to),
                       synack_cause_to_string (e->cause));
          if (e->from == SYNACK_STATE_TIME_WAIT && e->cause == SYNACK_CAUSE_TIME_WAIT_EXPIRED &&
              e->t - side->time_wait_since < synack_params_time_wait (params))
            VIOLATION ("TIME_WAIT lasted %" G_GINT64_FORMAT " us, less than 2 x MSL",
                       e->t - side->time_wait_since);
          if (e->to == SYNACK_STATE_TIME_WAIT)
            side->time_wait_since = e->t;
          side->seen_state = TRUE;
          side->state = e->to;
          break;

        case SYNACK_EVENT_TIMER:
          {
            side = side_get (sides, e->host, e->conn);
            if (e->action == SYNACK_TIMER_START)
              {
                if (e->expires < e->t)
                  VIOLATION ("timer started with a deadline in the past");
                side->timers[e->timer].active = TRUE;
                side->timers[e->timer].expires = e->expires;
                side->timers[e->timer].started_at = (long) i;
              }
            else
              {
                if (!side->timers[e->timer].active)
                  VIOLATION ("%s of a timer that was not running",
                             synack_timer_action_to_string (e->action));
                if (e->action == SYNACK_TIMER_EXPIRE && e->t != side->timers[e->timer].expires)
                  VIOLATION ("timer expired at %" G_GINT64_FORMAT " us, its deadline was %" G_GINT64_FORMAT " us",
                             e->t, side->timers[e->timer].expires);
                side->timers[e->timer].active = FALSE;
              }
          }
          break;

        case SYNACK_EVENT_APP:
          if (result_is_error (e->result))
            side_get (sides, e->host, e->conn)->app_error = TRUE;
          break;

        case SYNACK_EVENT_DELIVER:
          if (e->verdict == SYNACK_VERDICT_UNREACHABLE)
            break;
          side = side_get (sides, e->host, e->conn);
          side_receive (side, &e->hdr, e->verdict);
          /* An ACK the socket took must acknowledge something it sent. */
          if (e->verdict == SYNACK_VERDICT_ACCEPTED && (e->hdr.flags & SYNACK_FLAG_ACK) &&
              !(e->hdr.flags & SYNACK_FLAG_RST) && side->have_iss)
            {
              guint32 rel = e->hdr.ack - side->iss;

              if (rel < 0x80000000u)
                {
                  if (rel > side->snd_max)
                    VIOLATION ("accepted an ACK of %u, beyond anything it sent (%" G_GUINT64_FORMAT ")",
                               rel, side->snd_max);
                  side->snd_una = MAX (side->snd_una, rel);
                }
            }
          break;

        case SYNACK_EVENT_SEND:
          {
            guint32 space = seq_space (&e->hdr);
            guint64 rel;

            if (e->conn == 0)
              break;  /* a host with no socket answering: no sequence space of its own */
            side = side_get (sides, e->host, e->conn);

            /* Acknowledging: only what arrived, contiguously from the peer's SYN. */
            if (e->hdr.flags & SYNACK_FLAG_ACK)
              {
                guint32 arel;

                if (!side->have_peer_isn)
                  VIOLATION ("ACK sent before any SYN of the peer arrived");
                arel = e->hdr.ack - side->peer_isn;
                if (arel >= 0x80000000u || arel > side->received)
                  VIOLATION ("acknowledges %u bytes of sequence space, only %" G_GUINT64_FORMAT " arrived",
                             arel, side->received);
                if (!(e->hdr.flags & SYNACK_FLAG_RST))
                  {
                    if (side->sent_ack && arel < side->last_ack)
                      VIOLATION ("acknowledgment number went back from %" G_GUINT64_FORMAT " to %u",
                                 side->last_ack, arel);
                    side->sent_ack = TRUE;
                    side->last_ack = arel;
                  }
              }

            if (e->hdr.flags & SYNACK_FLAG_RST)
              break;  /* a RST's sequence number answers the segment that provoked it */
            if (e->hdr.flags & SYNACK_FLAG_SYN)
              {
                if (!side->have_iss)
                  {
                    side->have_iss = TRUE;
                    side->iss = e->hdr.seq;
                  }
                else if (e->hdr.seq != side->iss)
                  VIOLATION ("SYN with a different ISN on the same connection");
              }
            if (!side->have_iss)
              VIOLATION ("segment sent before this side's SYN");
            rel = (guint32) (e->hdr.seq - side->iss);
            if (rel >= 0x80000000u)
              VIOLATION ("sequence number before the ISN");
            /* "Going backwards": new sequence space must start exactly where
             * the last ended (a SYN always carries the ISN: in a simultaneous
             * open the SYN-ACK repeats it); a retransmission starts inside
             * what was sent and not yet acknowledged (it may run on into new
             * bytes: go-back-N repacketizes); a segment without sequence space
             * (an ACK) carries SND.NXT, or SND.UNA - 1 for a keep-alive. */
            if (space > 0 && e->rexmit == 0 && rel != side->snd_max &&
                !(e->hdr.flags & SYNACK_FLAG_SYN))
              VIOLATION ("new sequence space starts at %" G_GUINT64_FORMAT ", the last ended at %" G_GUINT64_FORMAT,
                         rel, side->snd_max);
            if (space > 0 && rel == 0 && !(e->hdr.flags & SYNACK_FLAG_SYN))
              VIOLATION ("data or FIN over the SYN's own sequence number (the ISN)");
            if (space > 0 && e->rexmit > 0 && rel >= side->snd_max)
              VIOLATION ("a retransmission starts at %" G_GUINT64_FORMAT ", nothing there was sent (%" G_GUINT64_FORMAT ")",
                         rel, side->snd_max);
            if (space > 0 && rel < side->snd_una)
              VIOLATION ("sends sequence number %" G_GUINT64_FORMAT ", already acknowledged up to %" G_GUINT64_FORMAT,
                         rel, side->snd_una);
            if (space == 0 && (rel > side->snd_max || rel + 1 < side->snd_una))
              VIOLATION ("an ACK with sequence number %" G_GUINT64_FORMAT ", outside [%" G_GUINT64_FORMAT " - 1, %" G_GUINT64_FORMAT "]",
                         rel, side->snd_una, side->snd_max);
            side->snd_max = MAX (side->snd_max, rel + space);
          }
          break;

        default:
          break;
        }
    }

  /* The end: every timer settled, every connection closed or failed. */
  if (hit_time_limit)
    return NULL;
  g_hash_table_iter_init (&iter, sides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Side *side = value;
      SynackHostId host = (SynackHostId) (*(guint64 *) key >> 32);
      uint32_t conn = (uint32_t) *(guint64 *) key;

      for (int k = 0; k < SYNACK_N_TIMERS; k++)
        if (side->timers[k].active)
          {
            long i = side->timers[k].started_at;

            VIOLATION ("%s conn %u: timer %s started and never stopped or expired",
                       synack_host_to_string (host), conn, synack_timer_to_string ((SynackTimerKind) k));
          }
      if (conn != 0 && side->seen_state && side->state != SYNACK_STATE_CLOSED && !side->app_error)
        return g_strdup_printf ("%s conn %u ends in %s and its application got no error",
                                synack_host_to_string (host), conn, synack_state_to_string (side->state));
    }
  return NULL;
}

