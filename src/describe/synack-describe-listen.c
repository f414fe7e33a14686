/* synack-describe-listen.c: the words for a listener's queues, SYN floods
 * and SYN cookies: what the trace output, the narration and the segment
 * details say about them. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-describe.h"

gboolean
synack_describe_queue_verdict (SynackVerdict verdict)
{
  switch (verdict)
    {
    case SYNACK_VERDICT_SYN_QUEUE_FULL:
    case SYNACK_VERDICT_ACCEPT_QUEUE_FULL:
    case SYNACK_VERDICT_ACCEPT_QUEUE_RESET:
    case SYNACK_VERDICT_SYN_COOKIE_SENT:
    case SYNACK_VERDICT_SYN_COOKIE_VALID:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
synack_describe_flood_log (const SynackEvent *e)
{
  /* tcp_syn_flood_action()'s message, word for word as Linux 6.18 logs it
   * for a listener on the server's address: it is quoted, never translated. */
  return g_strdup_printf ("TCP: request_sock_TCP: Possible SYN flooding on port %s:%u. %s.",
                          synack_describe_host_address (NULL, SYNACK_SERVER), e->hdr.dst_port,
                          e->queues.cookies ? "Sending cookies" : "Dropping request");
}

char *
synack_describe_queues (const SynackQueueCensus *q)
{
  /* TRANSLATORS: a listener's queues: half-open connections, established ones not yet accepted, listen()'s backlog */
  return g_strdup_printf (_("SYN queue %u, accept queue %u (backlog %u)"), q->syn_queue, q->accept_queue, q->backlog);
}

char *
synack_describe_cookie_parts (const SynackSynCookie *c)
{
  /* TRANSLATORS: a SYN cookie taken apart: its minute counter, the MSS index and the MSS it stands for */
  return g_strdup_printf (_("minute counter %u (top 8 bits: %u), MSS index %u = %u bytes"),
                          c->count, c->count & 0xff, c->mss_index, c->mss);
}

char *
synack_describe_cookie_hashes (const SynackSynCookie *c)
{
  /* TRANSLATORS: the two keyed hashes of a SYN cookie and the client's ISN it adds */
  return g_strdup_printf (_("hash of the 4-tuple 0x%08x + client ISN %u + counter << 24 + "
                            "(hash of the 4-tuple and counter 0x%06x + MSS index) mod 2^24"),
                          c->hash1, c->client_isn, c->hash2);
}

char *
synack_describe_forged_address (const SynackHeader *h)
{
  char buf[SYNACK_ADDRESS_SIZE];

  /* TRANSLATORS: the attacker's segment, from a forged IP address and a port */
  return g_strdup_printf (_("Attacker, forged address %s, port %u"),
                          synack_describe_segment_address (NULL, SYNACK_CLIENT, h, buf), h->src_port);
}
