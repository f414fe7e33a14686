/* synack-capture-compare.c: a real capture against a simulated run, segment by segment, and the first difference. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-capture.h"

/* A retransmission may come this much earlier or later, as a share of the
 * simulated wait: enough for the kernel's timer ticks and scheduling, too
 * little to hide a wrong RTO or back-off. */
#define RETRANSMISSION_TOLERANCE 0.10
/* …and never less than this: a retransmission that answers a duplicate at
 * once has no wait to take a share of, and a real one comes after the
 * loopback's microseconds and the scheduler's. */
#define RETRANSMISSION_SLACK SYNACK_MS (1)

/* One segment as the comparison sees it: numbers relative to the ISNs. */
typedef struct {
  const SynackEvent *event;
  guint              conn_index;  /* the connection's place in the run, from 0 */
  guint32            rel_seq;
  guint32            rel_ack;
  unsigned           flags;       /* without PSH: when Linux sets it is no TCP state */
  guint              nth;         /* the sender's how-manieth segment, from 1 */
} Segment;

static guint
conn_index (const SynackTrace *trace, guint32 conn)
{
  for (size_t c = 0; c < trace->n_conns; c++)
    if (trace->conns[c].conn == conn)
      return (guint) c;
  return G_MAXUINT;
}

/* Each host's segments in sending order. Sequence numbers count from the
 * sender's ISN and acknowledgements from the receiver's, when they are
 * known: a RST to a port nobody listens on has no ISN of its own. */
static GArray *
segments_of (const SynackTrace *trace, SynackHostId host)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (Segment));

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      Segment s = { e, 0, 0, 0, 0, 0 };
      const SynackConnInfo *info;
      gboolean server_known;
      guint32 own, peer;

      if (e->type != SYNACK_EVENT_SEND)
        continue;
      s.conn_index = conn_index (trace, e->conn);
      s.flags = e->hdr.flags & ~SYNACK_FLAG_PSH;
      s.rel_seq = e->hdr.seq;
      s.rel_ack = (e->hdr.flags & SYNACK_FLAG_ACK) ? e->hdr.ack : 0;
      if (s.conn_index != G_MAXUINT)
        {
          info = &trace->conns[s.conn_index];
          server_known = info->server_iss_known;
          own = host == SYNACK_CLIENT ? info->client_iss : info->server_iss;
          peer = host == SYNACK_CLIENT ? info->server_iss : info->client_iss;
          if (host == SYNACK_CLIENT || server_known)
            s.rel_seq -= own;
          if ((e->hdr.flags & SYNACK_FLAG_ACK) && (host == SYNACK_SERVER || server_known))
            s.rel_ack -= peer;
        }
      if (e->host != host)
        continue;
      s.nth = segments->len + 1;
      g_array_append_val (segments, s);
    }
  return segments;
}

static char *
describe_flags (unsigned flags)
{
  char buf[64];

  return g_strdup (synack_flags_to_string (flags, buf, sizeof buf));
}

/* The options as the comparison sees them: which kinds a segment carries,
 * and the values of MSS and WS, which the handshake settles. TSvals are
 * each machine's own clock, and SACK blocks follow from the segments
 * already compared. */
static gboolean
same_options (const SynackOptions *a, const SynackOptions *b)
{
  if (a->present != b->present)
    return FALSE;
  if ((a->present & SYNACK_OPTION_MSS) && a->mss != b->mss)
    return FALSE;
  return !(a->present & SYNACK_OPTION_WSCALE) || a->wscale == b->wscale;
}

static char *
describe_options (const SynackOptions *options)
{
  GString *s = g_string_new (NULL);
  SynackOptionKind kinds[SYNACK_OPTION_ITEMS_MAX];
  size_t n = synack_options_layout (options, kinds);

  for (size_t i = 0; i < n; i++)
    {
      if (kinds[i] == SYNACK_OPTION_KIND_NOP)
        continue;
      if (s->len)
        g_string_append_c (s, ',');
      g_string_append (s, synack_option_kind_to_string (kinds[i]));
      if (kinds[i] == SYNACK_OPTION_KIND_MSS)
        g_string_append_printf (s, "=%u", options->mss);
      else if (kinds[i] == SYNACK_OPTION_KIND_WSCALE)
        g_string_append_printf (s, "=%u", options->wscale);
    }
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

/* The earlier transmission that segment i repeats: same connection,
 * sequence number and flags; -1 if it repeats nothing. */
static int
previous_transmission (GArray *segments, guint i)
{
  const Segment *s = &g_array_index (segments, Segment, i);

  for (int j = (int) i - 1; j >= 0; j--)
    {
      const Segment *p = &g_array_index (segments, Segment, j);

      if (p->conn_index == s->conn_index && p->rel_seq == s->rel_seq && p->flags == s->flags &&
          p->event->hdr.len == s->event->hdr.len)
        return j;
    }
  return -1;
}

static gboolean
differ (SynackCaptureDifference *diff, const char *field, char *expected, char *got)
{
  diff->field = field;
  diff->expected = expected;
  diff->got = got;
  return TRUE;
}

/* The first field of segment i that differs, in the order a reader checks
 * them; FALSE if none does. */
static gboolean
compare_segment (GArray *real, GArray *simulated, guint i, SynackCaptureDifference *diff)
{
  const Segment *r = &g_array_index (real, Segment, i);
  const Segment *s = &g_array_index (simulated, Segment, i);
  int previous;

  if (r->conn_index != s->conn_index)
    return differ (diff, N_("connection"), g_strdup_printf ("%u", s->conn_index + 1),
                   g_strdup_printf ("%u", r->conn_index + 1));
  if (r->flags != s->flags)
    return differ (diff, N_("flags"), describe_flags (s->flags), describe_flags (r->flags));
  if (r->rel_seq != s->rel_seq)
    return differ (diff, N_("relative seq"), g_strdup_printf ("%u", s->rel_seq), g_strdup_printf ("%u", r->rel_seq));
  if (r->rel_ack != s->rel_ack)
    return differ (diff, N_("relative ack"), g_strdup_printf ("%u", s->rel_ack), g_strdup_printf ("%u", r->rel_ack));
  if (r->event->hdr.len != s->event->hdr.len)
    return differ (diff, N_("length"), g_strdup_printf ("%u", s->event->hdr.len),
                   g_strdup_printf ("%u", r->event->hdr.len));
  if (!same_options (&r->event->hdr.options, &s->event->hdr.options))
    return differ (diff, N_("options"), describe_options (&s->event->hdr.options),
                   describe_options (&r->event->hdr.options));

  /* A retransmission's time is what its timer decided: the wait since the
   * transmission it repeats. */
  previous = previous_transmission (simulated, i);
  if (s->event->rexmit > 0 && previous >= 0)
    {
      SynackTime sim_wait = s->event->t - g_array_index (simulated, Segment, previous).event->t;
      SynackTime real_wait = r->event->t - g_array_index (real, Segment, previous).event->t;

      if (ABS (real_wait - sim_wait) > MAX (sim_wait * RETRANSMISSION_TOLERANCE, RETRANSMISSION_SLACK))
        return differ (diff, N_("retransmission wait"),
                       g_strdup_printf ("%.3f s", sim_wait / 1e6), g_strdup_printf ("%.3f s", real_wait / 1e6));
    }
  return FALSE;
}

/* The first difference in one host's segments, or FALSE. */
static gboolean
compare_host (GArray *real, GArray *simulated, SynackHostId host, SynackCaptureDifference *diff)
{
  guint n = MIN (real->len, simulated->len);

  for (guint i = 0; i < n; i++)
    if (compare_segment (real, simulated, i, diff))
      {
        diff->host = host;
        diff->nth = i + 1;
        diff->real_seg = g_array_index (real, Segment, i).event->seg;
        diff->simulated_seg = g_array_index (simulated, Segment, i).event->seg;
        diff->t = g_array_index (real, Segment, i).event->t;
        return TRUE;
      }
  if (real->len == simulated->len)
    return FALSE;
  diff->host = host;
  diff->nth = n + 1;
  diff->real_seg = real->len > n ? g_array_index (real, Segment, n).event->seg : 0;
  diff->simulated_seg = simulated->len > n ? g_array_index (simulated, Segment, n).event->seg : 0;
  diff->t = real->len > n ? g_array_index (real, Segment, n).event->t : G_MAXINT64;
  differ (diff, N_("segment"),
          simulated->len > n ? describe_flags (g_array_index (simulated, Segment, n).flags) : g_strdup (_("none")),
          real->len > n ? describe_flags (g_array_index (real, Segment, n).flags) : g_strdup (_("none")));
  return TRUE;
}

gboolean
synack_capture_compare (const SynackTrace *real, const SynackTrace *simulated, SynackCaptureDifference *diff)
{
  SynackCaptureDifference found[SYNACK_N_HOSTS] = { 0 };
  gboolean differs[SYNACK_N_HOSTS];
  int first = -1;

  memset (diff, 0, sizeof *diff);
  /* Each host's segments are compared in its own order: when both send at
   * once, which the wire carries first is chance, not TCP. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_autoptr (GArray) r = segments_of (real, h);
      g_autoptr (GArray) s = segments_of (simulated, h);

      diff->n_compared += MIN (r->len, s->len);
      differs[h] = compare_host (r, s, h, &found[h]);
    }
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    if (differs[h] && (first < 0 || found[h].t < found[first].t))
      first = h;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    if (h != first)
      synack_capture_difference_clear (&found[h]);
  if (first < 0)
    return FALSE;
  found[first].n_compared = diff->n_compared;
  *diff = found[first];
  return TRUE;
}

char *
synack_capture_difference_to_string (const SynackCaptureDifference *diff)
{
  g_autofree char *whose = diff->host == SYNACK_CLIENT
                           ? g_strdup_printf (_("the client's segment %u"), diff->nth)
                           : g_strdup_printf (_("the server's segment %u"), diff->nth);
  g_autofree char *in_capture = diff->real_seg ? g_strdup_printf (_("segment %u of the capture"), diff->real_seg)
                                               : g_strdup (_("past the end of the capture"));
  g_autofree char *in_simulation = diff->simulated_seg
                                   ? g_strdup_printf (_("segment %u of the simulation"), diff->simulated_seg)
                                   : g_strdup (_("past the end of the simulation"));

  /* TRANSLATORS: "the client's segment 4 (segment 7 of the capture, segment 7
   * of the simulation): flags: expected ACK,FIN, got ACK" */
  return g_strdup_printf (_("%s (%s, %s): %s: expected %s, got %s"), whose, in_capture, in_simulation,
                          _(diff->field), diff->expected, diff->got);
}

void
synack_capture_difference_clear (SynackCaptureDifference *diff)
{
  g_clear_pointer (&diff->expected, g_free);
  g_clear_pointer (&diff->got, g_free);
}
