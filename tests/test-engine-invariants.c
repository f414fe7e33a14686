/* test-engine-invariants.c: thousands of generated scenarios, each run twice and checked against what TCP must never do. */
#include "synack-test-util.h"

#include <stdlib.h>
#include <string.h>

/* How many scenarios: SYNACK_INVARIANT_RUNS overrides; under a sanitizer or
 * valgrind a run costs ten to fifty times more, so fewer by default there. */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_SANITIZER 1
# endif
#endif
#ifdef UNDER_SANITIZER
# define DEFAULT_RUNS 500
#else
# define DEFAULT_RUNS 5000
#endif
#define DEFAULT_SEED 20261123u
#define MAX_REPORTED 5

/* ---- The checker -------------------------------------------------------- */

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
  gboolean moved = TRUE;

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
  g_array_append_val (side->ranges, r);
  while (moved)
    {
      moved = FALSE;
      for (guint i = 0; i < side->ranges->len; i++)
        {
          Range *q = &g_array_index (side->ranges, Range, i);

          if (q->start <= side->received && q->end > side->received)
            {
              side->received = q->end;
              moved = TRUE;
            }
          if (q->end <= side->received)
            g_array_remove_index_fast (side->ranges, i--);
        }
    }
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

/* Returns NULL if the trace keeps every invariant, else what broke and where.
 * hit_time_limit excuses what the end of a run cut short. */
static char *
check_trace (const SynackTrace *trace, const SynackParams *params, gboolean hit_time_limit)
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
          if (!synack_state_transition_is_legal (e->from, e->to))
            VIOLATION ("%s -> %s is not a transition of RFC 9293",
                       synack_state_to_string (e->from), synack_state_to_string (e->to));
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

/* ---- The generator ------------------------------------------------------ */

static const char *
pick (GRand *rand, const char *const *words, guint n)
{
  return words[g_rand_int_range (rand, 0, (gint32) n)];
}

static char *
duration (GRand *rand, SynackTime max_us)
{
  SynackTime t = (SynackTime) g_rand_double_range (rand, 0, (double) max_us);

  return g_strdup_printf ("%" G_GINT64_FORMAT "us", t);
}

static gboolean
chance (GRand *rand, double p)
{
  return g_rand_double (rand) < p;
}

/* A scenario as a teacher could write it: the text is what a failure prints. */
static char *
generate (guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GString *s = g_string_new (NULL);
  static const char *const hosts[] = { "client", "server" };
  static const char *const kinds[] = { "SYN", "SYN-ACK", "ACK", "data", "FIN", "RST", "any" };
  static const char *const msls[] = { "2us", "1ms", "100ms", "1s", "30s" };
  gboolean simultaneous_open = chance (rand, 0.05);
  guint n_conns = simultaneous_open ? 1 : (guint) g_rand_int_range (rand, 1, 4);
  SynackTime t = 0;

  g_string_append_printf (s, "# generated by test-engine-invariants, seed %u\n", seed);
  g_string_append_printf (s, "profile = %s\n", chance (rand, 0.8) ? "linux" : "rfc9293");
  g_string_append_printf (s, "seed = %u\n", g_rand_int (rand));
  for (int d = 0; d < 2; d++)
    {
      g_autofree char *delay = duration (rand, chance (rand, 0.2) ? 2000 : SYNACK_MS (400));

      g_string_append_printf (s, "delay-%s = %s\n", d ? "s2c" : "c2s", delay);
      g_string_append_printf (s, "loss-%s = %.1f%%\n", d ? "s2c" : "c2s",
                              chance (rand, 0.3) ? 0.0 : g_rand_double_range (rand, 0, 60));
    }
  g_string_append_printf (s, "msl = %s\n", pick (rand, msls, G_N_ELEMENTS (msls)));
  /* Fewer retries than Linux keeps the lossy runs short without changing
   * what is checked. */
  g_string_append_printf (s, "syn-retries = %d\n", g_rand_int_range (rand, 1, 7));
  g_string_append_printf (s, "synack-retries = %d\n", g_rand_int_range (rand, 1, 6));
  g_string_append_printf (s, "data-retries = %d\n", g_rand_int_range (rand, 1, 9));
  if (chance (rand, 0.3))
    g_string_append (s, "delayed-ack = off\n");
  if (chance (rand, 0.2))
    g_string_append_printf (s, "rto-min = %dms\n", g_rand_int_range (rand, 1, 1000));
  if (chance (rand, 0.15))
    g_string_append_printf (s, "keepalive = %s\nkeepalive-idle = 2s\nkeepalive-interval = 1s\nkeepalive-probes = 3\n",
                            chance (rand, 0.5) ? "on" : "client");
  if (chance (rand, 0.1))
    g_string_append_printf (s, "mss = %d\n", g_rand_int_range (rand, 1, 1500));
  if (chance (rand, 0.1))
    g_string_append_printf (s, "window = %d\n", g_rand_int_range (rand, 1, 65536));

  if (simultaneous_open)
    {
      g_autofree char *ta = duration (rand, SYNACK_MS (100));

      g_string_append_printf (s, "at %s client connect 6000 from 5000 conn=1\n", ta);
      g_string_append_printf (s, "at %s server connect 5000 from 6000 conn=1\n", chance (rand, 0.5) ? ta : "0");
    }
  else
    {
      /* Usually listening first; sometimes late, so SYNs meet a closed port. */
      g_autofree char *listen_at = duration (rand, chance (rand, 0.85) ? 1 : SYNACK_SEC (3));
      gboolean fixed_port = chance (rand, 0.15);

      g_string_append_printf (s, "at %s server listen 80%s\n", listen_at,
                              chance (rand, 0.3) ? " isn=4294967000" : "");
      for (guint k = 1; k <= n_conns; k++)
        {
          g_autofree char *at = NULL;

          t += (SynackTime) g_rand_int_range (rand, 0, chance (rand, 0.5) ? 1000 : SYNACK_SEC (3));
          at = g_strdup_printf ("%" G_GINT64_FORMAT "us", t);
          g_string_append_printf (s, "at %s client connect 80%s conn=%u%s\n", at,
                                  fixed_port ? " from 5000" : "", k,
                                  chance (rand, 0.3) ? " isn=4294967290" : "");
        }
    }

  /* Per connection: data, half-closes, reading stops, closes in any order. */
  for (guint k = 1; k <= n_conns; k++)
    {
      guint n = (guint) g_rand_int_range (rand, 0, 5);

      for (guint j = 0; j < n; j++)
        {
          g_autofree char *at = duration (rand, SYNACK_SEC (5));
          const char *host = pick (rand, hosts, 2);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
            case 1:
              g_string_append_printf (s, "at %s %s send %d conn=%u\n", at, host,
                                      g_rand_int_range (rand, 1, 5000), k);
              break;
            case 2:
              g_string_append_printf (s, "at %s %s shutdown conn=%u\n", at, host, k);
              break;
            default:
              g_string_append_printf (s, "at %s %s read %s conn=%u\n", at, host,
                                      chance (rand, 0.5) ? "off" : "on", k);
              break;
            }
        }
      if (chance (rand, 0.7))
        {
          g_autofree char *tc = duration (rand, SYNACK_SEC (6));
          g_autofree char *ts = chance (rand, 0.2) ? g_strdup (tc) : duration (rand, SYNACK_SEC (6));

          g_string_append_printf (s, "at %s client %s conn=%u\n", tc, chance (rand, 0.1) ? "abort" : "close", k);
          g_string_append_printf (s, "at %s server %s conn=%u\n", ts, chance (rand, 0.1) ? "abort" : "close", k);
        }
    }

  /* Reactions, for every connection. */
  if (chance (rand, 0.6))
    g_string_append_printf (s, "when client established: client send %d\n", g_rand_int_range (rand, 1, 3000));
  if (chance (rand, 0.4))
    g_string_append_printf (s, "when server received %d: server send %d\n",
                            g_rand_int_range (rand, 1, 100), g_rand_int_range (rand, 1, 3000));
  if (chance (rand, 0.5))
    {
      g_autofree char *d = duration (rand, SYNACK_MS (500));

      g_string_append_printf (s, "when server eof +%s: server %s\n", d, chance (rand, 0.1) ? "abort" : "close");
    }
  if (chance (rand, 0.3))
    {
      g_autofree char *d = duration (rand, SYNACK_MS (500));

      g_string_append_printf (s, "when client eof +%s: client close\n", d);
    }
  /* Every application closes in the end, so every connection must end. */
  {
    g_autofree char *dc = duration (rand, SYNACK_SEC (8));
    g_autofree char *ds = duration (rand, SYNACK_SEC (8));

    g_string_append_printf (s, "when client established +%s: client close\n", dc);
    g_string_append_printf (s, "when server established +%s: server close\n", ds);
    /* Sockets that never reach ESTABLISHED (closed or shut down in
     * SYN_RECEIVED) are closed late; by then a SYN_RECEIVED has given up. */
    for (guint k = 1; k <= n_conns; k++)
      g_string_append_printf (s, "at 120s client close conn=%u\nat 120s server close conn=%u\n", k, k);
  }

  /* Scripted faults. */
  for (guint n = (guint) g_rand_int_range (rand, 0, 4); n > 0; n--)
    {
      const char *verb;
      g_autofree char *tail = NULL;
      g_autofree char *which = NULL;

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          verb = "lose";
          tail = g_strdup ("");
          break;
        case 1:
          verb = "delay";
          {
            g_autofree char *d = duration (rand, SYNACK_SEC (3));
            tail = g_strdup_printf (" by %s", d);
          }
          break;
        default:
          verb = "duplicate";
          {
            g_autofree char *d = duration (rand, SYNACK_SEC (3));
            tail = g_strdup_printf (" after %s", d);
          }
          break;
        }
      if (chance (rand, 0.3))
        which = g_strdup_printf ("segment %d", g_rand_int_range (rand, 1, 30));
      else
        {
          static const char *const senders[] = { "client", "server", "any" };
          int nth = g_rand_int_range (rand, 0, 4);

          which = g_strdup_printf ("%s %s %s", pick (rand, senders, 3), pick (rand, kinds, G_N_ELEMENTS (kinds)),
                                   nth == 0 ? "every" : (nth == 1 ? "" : (nth == 2 ? "#1" : "#2")));
        }
      g_string_append_printf (s, "%s %s%s\n", verb, which, tail);
    }

  /* A crash, or a cable pulled (and usually put back). */
  if (chance (rand, 0.08))
    {
      g_autofree char *at = duration (rand, SYNACK_SEC (4));

      g_string_append_printf (s, "at %s %s crash\n", at, pick (rand, hosts, 2));
    }
  if (chance (rand, 0.08))
    {
      g_autofree char *at = duration (rand, SYNACK_SEC (4));
      g_autofree char *back = duration (rand, SYNACK_SEC (10));
      const char *host = pick (rand, hosts, 2);

      g_string_append_printf (s, "at %s %s unplug\n", at, host);
      if (chance (rand, 0.7))
        g_string_append_printf (s, "at %s %s plug\n", back, host);
    }
  return g_string_free (s, FALSE);
}

/* ---- The tests ---------------------------------------------------------- */

static guint
env_uint (const char *name, guint fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return (guint) value;
  return fallback;
}

/* Runs one scenario twice; NULL if all is well, else why not. */
/* What the generated runs reached, so a generator that stopped exercising
 * something (no CLOSING any more, no timeouts) shows in the log. */
typedef struct {
  guint states[SYNACK_N_STATES];
  guint results[SYNACK_N_RESULTS];
  guint lost, duplicated;
} Reached;

static void
tally (Reached *reached, const SynackTrace *trace)
{
  gboolean states[SYNACK_N_STATES] = { FALSE };
  gboolean results[SYNACK_N_RESULTS] = { FALSE };
  gboolean lost = FALSE, duplicated = FALSE;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_STATE)
        states[e->to] = TRUE;
      else if (e->type == SYNACK_EVENT_APP)
        results[e->result] = TRUE;
      else if (e->type == SYNACK_EVENT_LOST)
        lost = TRUE;
      else if (e->type == SYNACK_EVENT_DUPLICATE)
        duplicated = TRUE;
    }
  for (int k = 0; k < SYNACK_N_STATES; k++)
    reached->states[k] += states[k];
  for (int k = 0; k < SYNACK_N_RESULTS; k++)
    reached->results[k] += results[k];
  reached->lost += lost;
  reached->duplicated += duplicated;
}

static char *
check_scenario (const char *text, gboolean *hit_limit, Reached *reached)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "generated.synack", &error);
  g_autoptr (SynackTrace) first = NULL;
  g_autoptr (SynackTrace) second = NULL;
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;
  SynackRunStats stats;

  if (scenario == NULL)
    return g_strdup_printf ("the generated scenario does not parse: %s", error->message);
  first = synack_scenario_run (scenario, &stats, &error);
  if (first == NULL)
    return g_strdup_printf ("the run did not finish: %s", error->message);
  *hit_limit = stats.hit_time_limit;
  tally (reached, first);
  second = synack_scenario_run (scenario, NULL, &error);
  if (second == NULL)
    return g_strdup_printf ("the second run did not finish: %s", error->message);
  json1 = synack_trace_to_json (first, scenario);
  json2 = synack_trace_to_json (second, scenario);
  if (strcmp (json1, json2) != 0)
    return g_strdup ("two runs of the same scenario gave different traces");
  return check_trace (first, &synack_scenario_get_script (scenario)->params, stats.hit_time_limit);
}

static void
test_random_scenarios (void)
{
  guint runs = env_uint ("SYNACK_INVARIANT_RUNS", DEFAULT_RUNS);
  guint base = env_uint ("SYNACK_INVARIANT_SEED", DEFAULT_SEED);
  guint failures = 0;
  guint time_limited = 0;
  Reached reached = { { 0 } };
  g_autoptr (GString) summary = g_string_new (NULL);

  for (guint i = 0; i < runs; i++)
    {
      guint32 seed = base + i;
      g_autofree char *text = generate (seed);
      gboolean hit_limit = FALSE;
      g_autofree char *problem = check_scenario (text, &hit_limit, &reached);

      time_limited += hit_limit;
      if (problem == NULL)
        continue;
      if (failures++ < MAX_REPORTED)
        g_printerr ("\n### invariant broken, seed %u (reproduce: SYNACK_INVARIANT_SEED=%u SYNACK_INVARIANT_RUNS=1)\n"
                    "### %s\n### scenario, for synack-cli run FILE:\n%s\n",
                    seed, seed, problem, text);
    }
  for (int k = 0; k < SYNACK_N_STATES; k++)
    g_string_append_printf (summary, " %s %u", synack_state_to_string ((SynackState) k), reached.states[k]);
  for (int k = SYNACK_RESULT_EOF; k < SYNACK_N_RESULTS; k++)
    g_string_append_printf (summary, " %s %u", synack_result_to_string ((SynackResult) k), reached.results[k]);
  g_test_message ("%u scenarios checked from seed %u, %u failed, %u stopped at the time limit",
                  runs, base, failures, time_limited);
  g_test_message ("runs reaching:%s; with losses %u, with duplicates %u",
                  summary->str, reached.lost, reached.duplicated);
  if (failures > 0)
    g_test_fail_printf ("%u of %u generated scenarios broke an invariant (first seeds printed above)",
                        failures, runs);
}

/* The checker itself must catch what it claims to: break a good trace. */
static SynackTrace *
good_trace (void)
{
  return synack_test_run ("delay = 50ms\nat 0 server listen 80 isn=5000\nat 10ms client connect 80 isn=1000\n"
                          "when client established: client send 100\n"
                          "when server received 100: server send 200\n"
                          "when client received 200: client close\n"
                          "when server eof: server close\n");
}

static long
nth_event (const SynackTrace *trace, SynackEventType type, SynackHostId host, guint nth)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == type && trace->events[i].host == host && nth-- == 0)
      return (long) i;
  g_assert_not_reached ();
}

static void
expect_violation (SynackTrace *trace, const char *fragment)
{
  SynackParams params;
  g_autofree char *problem = NULL;

  synack_params_init (&params, SYNACK_PROFILE_LINUX);
  problem = check_trace (trace, &params, FALSE);
  g_assert_nonnull (problem);
  if (strstr (problem, fragment) == NULL)
    g_error ("expected a violation about '%s', got: %s", fragment, problem);
}

static void
test_checker_catches (void)
{
  SynackParams params;
  long i;

  synack_params_init (&params, SYNACK_PROFILE_LINUX);
  {
    g_autoptr (SynackTrace) trace = good_trace ();
    g_autofree char *problem = check_trace (trace, &params, FALSE);

    g_assert_null (problem);
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    i = nth_event (trace, SYNACK_EVENT_STATE, SYNACK_CLIENT, 1);
    trace->events[i].from = SYNACK_STATE_LISTEN;
    expect_violation (trace, "but the socket was in");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    i = nth_event (trace, SYNACK_EVENT_STATE, SYNACK_CLIENT, 1);
    trace->events[i].to = SYNACK_STATE_TIME_WAIT;
    expect_violation (trace, "not a transition");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* The client's first data ACKed by the server one byte too far. */
    i = nth_event (trace, SYNACK_EVENT_SEND, SYNACK_SERVER, 1);
    trace->events[i].hdr.ack += 1;
    expect_violation (trace, "only");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    i = nth_event (trace, SYNACK_EVENT_SEND, SYNACK_CLIENT, 2);
    trace->events[i].hdr.seq -= 1;
    expect_violation (trace, "new sequence space starts at");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* The last timer STOP vanishes. */
    for (i = (long) trace->n_events - 1; i >= 0; i--)
      if (trace->events[i].type == SYNACK_EVENT_TIMER && trace->events[i].action == SYNACK_TIMER_STOP)
        break;
    g_assert_cmpint (i, >=, 0);
    trace->events[i].type = SYNACK_EVENT_APP;
    trace->events[i].result = SYNACK_RESULT_OK;
    expect_violation (trace, "never stopped");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* The client's last event is TIME_WAIT -> CLOSED: drop it. */
    g_assert_cmpint (trace->events[trace->n_events - 1].to, ==, SYNACK_STATE_CLOSED);
    trace->n_events--;
    expect_violation (trace, "ends in TIME_WAIT");
  }
}

/* ---- Regressions: minimal scenarios for what the generated ones found ---- */

static void
assert_invariants (const char *text)
{
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  SynackRunStats stats;

  scenario = synack_scenario_parse (text, "regression", &error);
  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, &stats, &error);
  g_assert_no_error (error);
  problem = check_trace (trace, &synack_scenario_get_script (scenario)->params, stats.hit_time_limit);
  if (problem)
    g_error ("%s", problem);
}

/* A passive socket closed in SYN_RECEIVED whose SYN-ACK is still unacknowledged
 * must retransmit the SYN-ACK, not send its data over the SYN's sequence number. */
static void
test_close_in_syn_received (void)
{
  static const char text[] =
    "delay = 50ms\n"
    "at 0 server listen 80 isn=5000\n"
    "at 0 client connect 80 isn=1000 conn=1\n"
    "at 60ms server send 100 conn=1\n"
    "at 70ms server close conn=1\n"
    "when client eof: client close\n"
    "lose client ACK #1\n";
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  gboolean seen = FALSE;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_SERVER && e->rexmit == 1)
        {
          g_assert_cmpuint (e->hdr.flags, ==, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);
          g_assert_cmpuint (e->hdr.seq, ==, 5000);
          g_assert_cmpuint (e->hdr.len, ==, 0);
          seen = TRUE;
          break;
        }
    }
  g_assert_true (seen);
  assert_invariants (text);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/invariants/checker-catches", test_checker_catches);
  g_test_add_func ("/engine/invariants/regression/close-in-syn-received", test_close_in_syn_received);
  g_test_add_func ("/engine/invariants/random", test_random_scenarios);
  return g_test_run ();
}
