/* synack-tcp-options.c: the options a socket puts on its segments and what
 * it does with the peer's: the handshake's agreement, timestamps and PAWS
 * (RFC 7323), SACK and D-SACK blocks (RFC 2018, RFC 2883), as Linux's
 * tcp_syn_options(), tcp_synack_options(), tcp_established_options() and
 * tcp_paws_discard() do them. */
#include <string.h>

#include "synack-tcp-private.h"

#define MAX_WINDOW_SCALE   14    /* RFC 7323 2.3 */

/* TCP_PAWS_WINDOW: Linux lets a TSval one tick behind through, since
 * segments sent in the same millisecond may be reordered. */
#define PAWS_WINDOW        1
/* TCP_PAWS_WRAP: a TS.Recent this old may have wrapped; don't trust it. */
#define PAWS_24_DAYS       SYNACK_SEC (24 * 24 * 3600)
/* TCP_PAWS_MSL: in TIME_WAIT a RST with an old TSval is let through once
 * TS.Recent is older than this. */
#define PAWS_MSL           SYNACK_SEC (60)

#define TS_OFFSET_KEY      0x74732d6f66667365ull

/* Linux's TSval: a millisecond clock (tcp_clock_ms()) plus tsoffset, a
 * hash of the two addresses (secure_tcp_ts_off()), so one host's
 * connections to the other share it and their TSvals keep growing from
 * one connection to the next: what lets PAWS guard a reused 4-tuple. */
static uint32_t
timestamp_now (const SynackSocket *sock)
{
  const SynackEngine *engine = sock->engine;
  uint32_t offset = (uint32_t) synack_prng_hash (engine->params.seed ^ TS_OFFSET_KEY, sock->host);

  return (uint32_t) (synack_now (engine) / 1000) + offset;
}

static void
add_timestamps (SynackSocket *sock, SynackOptions *out, uint32_t tsecr)
{
  out->present |= SYNACK_OPTION_TIMESTAMPS;
  out->tsval = timestamp_now (sock);
  out->tsecr = tsecr;
}

static void
add_sack_blocks (SynackSocket *sock, SynackOptions *out)
{
  unsigned n = 0;

  /* RFC 2883 4: the D-SACK block comes first, and only once. */
  if (sock->dsack_pending)
    {
      out->sack[n++] = sock->dsack;
      sock->dsack_pending = false;
    }
  for (unsigned i = 0; i < sock->n_out_of_order && n < SYNACK_SACK_BLOCKS_MAX; i++)
    out->sack[n++] = sock->out_of_order[i];
  if (n > 0)
    {
      out->present |= SYNACK_OPTION_SACK;
      out->n_sack = (uint8_t) n;
    }
}

void
synack_tcp_options_for_segment (SynackSocket *sock, unsigned flags, SynackOptions *out)
{
  const SynackParams *params = synack_tcp_params (sock);
  uint32_t tsecr = sock->have_ts_recent ? sock->ts_recent : 0;

  memset (out, 0, sizeof *out);
  if (flags & SYNACK_FLAG_SYN)
    {
      /* A SYN offers what the sysctls allow (tcp_syn_options()); a SYN-ACK
       * only what the SYN offered too (tcp_synack_options()). */
      bool answer = (flags & SYNACK_FLAG_ACK) != 0;
      bool ts = answer ? sock->ts_ok : params->timestamps;
      bool sack = answer ? sock->sack_ok : params->sack;
      bool wscale = answer ? sock->wscale_ok : params->window_scaling;

      out->present |= SYNACK_OPTION_MSS;
      out->mss = (uint16_t) params->mss;
      if (sack)
        out->present |= SYNACK_OPTION_SACK_PERM;
      if (ts)
        add_timestamps (sock, out, answer ? tsecr : 0);
      if (wscale)
        {
          out->present |= SYNACK_OPTION_WSCALE;
          out->wscale = synack_tcp_window_scale (sock);
        }
      return;
    }
  /* Once agreed, "the TSopt MUST be sent in every non-<RST> segment"
   * (RFC 7323 3.2); Linux's resets from a socket carry it too. */
  if (sock->ts_ok)
    add_timestamps (sock, out, tsecr);
  if (sock->sack_ok && !(flags & SYNACK_FLAG_RST))
    add_sack_blocks (sock, out);
}

void
synack_tcp_options_negotiate (SynackSocket *sock, const SynackHeader *syn)
{
  const SynackParams *params = synack_tcp_params (sock);
  const SynackOptions *offered = &syn->options;

  /* RFC 7323 3.2 and 2.2, RFC 2018 2: each is used only if both ends ask. */
  sock->ts_ok = params->timestamps && (offered->present & SYNACK_OPTION_TIMESTAMPS);
  sock->sack_ok = params->sack && (offered->present & SYNACK_OPTION_SACK_PERM);
  sock->wscale_ok = params->window_scaling && (offered->present & SYNACK_OPTION_WSCALE);
  sock->snd_wscale = 0;
  if (sock->wscale_ok)
    sock->snd_wscale = offered->wscale > MAX_WINDOW_SCALE ? MAX_WINDOW_SCALE : offered->wscale;
  if (sock->ts_ok)
    {
      sock->have_ts_recent = true;
      sock->ts_recent = offered->tsval;
      sock->ts_recent_stamp = synack_now (sock->engine);
    }
}

/* tcp_paws_check(): the TSval is recent enough, or TS.Recent cannot be
 * trusted (none yet, too old, or a peer that sent 0 in its SYN). */
static bool
paws_passes (const SynackSocket *sock, const SynackHeader *in, int32_t window)
{
  if (!sock->ts_ok || !sock->have_ts_recent || !(in->options.present & SYNACK_OPTION_TIMESTAMPS))
    return true;
  if ((int32_t) (sock->ts_recent - in->options.tsval) <= window)
    return true;
  if (synack_now (sock->engine) - sock->ts_recent_stamp >= PAWS_24_DAYS)
    return true;
  return sock->ts_recent == 0;
}

bool
synack_tcp_paws_rejects (const SynackSocket *sock, const SynackHeader *in)
{
  /* RFC 7323 5.3: "If SEG.TSval < TS.Recent and the RST bit is off, then
   * the segment is not acceptable"; Linux accepts a RST whatever its
   * TSval (tcp_validate_incoming()), for its sequence number to judge. */
  if (in->flags & SYNACK_FLAG_RST)
    return false;
  return !paws_passes (sock, in, PAWS_WINDOW);
}

bool
synack_tcp_paws_rejects_in_time_wait (const SynackSocket *sock, const SynackHeader *in)
{
  if (paws_passes (sock, in, 0))
    return false;
  return !((in->flags & SYNACK_FLAG_RST) &&
           synack_now (sock->engine) - sock->ts_recent_stamp >= PAWS_MSL);
}

void
synack_tcp_take_timestamp (SynackSocket *sock, const SynackHeader *in)
{
  /* "If SEG.TSval >= TS.Recent and SEG.SEQ =< Last.ACK.sent, then
   * SEG.TSval is copied to TS.Recent" (RFC 7323 4.3, tcp_replace_ts_recent()). */
  if (!sock->ts_ok || !(in->options.present & SYNACK_OPTION_TIMESTAMPS))
    return;
  if (synack_seq_gt (in->seq, sock->rcv_wup) || !paws_passes (sock, in, 0))
    return;
  sock->have_ts_recent = true;
  sock->ts_recent = in->options.tsval;
  sock->ts_recent_stamp = synack_now (sock->engine);
}

void
synack_tcp_report_duplicate (SynackSocket *sock, uint32_t start, uint32_t end)
{
  if (!sock->sack_ok)
    return;
  sock->dsack_pending = true;
  sock->dsack.start = start;
  sock->dsack.end = end;
}

static bool
ranges_touch (const SynackSackBlock *a, uint32_t start, uint32_t end)
{
  return synack_seq_le (a->start, end) && synack_seq_le (start, a->end);
}

void
synack_tcp_hold_out_of_order (SynackSocket *sock, uint32_t start, uint32_t end)
{
  SynackSackBlock merged = { start, end };
  unsigned kept = 0;

  /* The block that changed goes first (RFC 2018 4: "the first SACK block
   * ... MUST specify the contiguous block of data containing the segment
   * which triggered this ACK"); the others follow in their order. */
  for (unsigned i = 0; i < sock->n_out_of_order; i++)
    {
      SynackSackBlock *block = &sock->out_of_order[i];

      if (ranges_touch (block, merged.start, merged.end))
        {
          if (synack_seq_lt (block->start, merged.start))
            merged.start = block->start;
          if (synack_seq_gt (block->end, merged.end))
            merged.end = block->end;
        }
      else
        sock->out_of_order[kept++] = *block;
    }
  /* Full: the oldest hole's data is forgotten, as if it had not come
   * (Linux has room for more; four ranges are plenty for a lesson). */
  if (kept == SYNACK_SACK_BLOCKS_MAX)
    kept--;
  memmove (&sock->out_of_order[1], &sock->out_of_order[0], kept * sizeof merged);
  sock->out_of_order[0] = merged;
  sock->n_out_of_order = (uint8_t) (kept + 1);
}

uint32_t
synack_tcp_take_held_data (SynackSocket *sock, uint32_t upto)
{
  uint32_t taken = 0;
  bool again = true;

  while (again)
    {
      again = false;
      for (unsigned i = 0; i < sock->n_out_of_order; i++)
        {
          SynackSackBlock block = sock->out_of_order[i];
          uint32_t next = upto + taken;

          if (synack_seq_gt (block.start, next))
            continue;
          if (synack_seq_gt (block.end, next))
            taken += block.end - next;
          memmove (&sock->out_of_order[i], &sock->out_of_order[i + 1],
                   (sock->n_out_of_order - i - 1) * sizeof block);
          sock->n_out_of_order--;
          again = true;
          break;
        }
    }
  return taken;
}
