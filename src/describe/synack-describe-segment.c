/* synack-describe-segment.c: a segment's flags in every notation, and its kind in words. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-describe.h"

/* The trace's order (and the JSON contract's), and the order people say
 * them in (SYN, ACK; FIN, ACK; PSH, ACK), which is also tcpdump's. */
static const unsigned trace_order[SYNACK_N_FLAGS] = {
  SYNACK_FLAG_SYN, SYNACK_FLAG_ACK, SYNACK_FLAG_FIN, SYNACK_FLAG_RST, SYNACK_FLAG_PSH,
};
static const unsigned spoken_order[SYNACK_N_FLAGS] = {
  SYNACK_FLAG_SYN, SYNACK_FLAG_FIN, SYNACK_FLAG_RST, SYNACK_FLAG_PSH, SYNACK_FLAG_ACK,
};

char *
synack_describe_flags (unsigned flags, SynackFlagStyle style)
{
  GString *s = g_string_new (NULL);
  const unsigned *order = style == SYNACK_FLAGS_JSON ? trace_order : spoken_order;


  for (unsigned i = 0; i < SYNACK_N_FLAGS; i++)
    {
      const char *name = synack_flag_to_string (order[i]);

      if (!(flags & order[i]))
        continue;
      switch (style)
        {
        case SYNACK_FLAGS_JSON:
          /* Appended piece by piece: every segment's label has its flags. */
          if (s->len)
            g_string_append (s, ", ");
          g_string_append_c (s, '"');
          g_string_append (s, name);
          g_string_append_c (s, '"');
          break;
        case SYNACK_FLAGS_TCPDUMP:
          /* tcpdump writes ACK as '.', the others by their initial. */
          g_string_append_c (s, order[i] == SYNACK_FLAG_ACK ? '.' : name[0]);
          break;
        case SYNACK_FLAGS_SPOKEN:
        default:
          if (s->len)
            g_string_append (s, ", ");
          g_string_append (s, name);
          break;
        }
    }
  return g_string_free (s, FALSE);
}

char *
synack_describe_segment_kind (const SynackHeader *hdr)
{
  unsigned f = hdr->flags;

  if (f & SYNACK_FLAG_RST)
    return g_strdup ((f & SYNACK_FLAG_ACK) ? "RST-ACK" : "RST");
  if ((f & SYNACK_FLAG_SYN) && (f & SYNACK_FLAG_ACK))
    return g_strdup ("SYN-ACK");
  if (f & SYNACK_FLAG_SYN)
    return g_strdup ("SYN");
  if (f & SYNACK_FLAG_FIN)
    return g_strdup (hdr->len > 0 ? _("FIN with data") : "FIN");
  if (hdr->len > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte of data", "%u bytes of data", hdr->len), hdr->len);
  return g_strdup ("ACK");
}

static void
append_sack_blocks (GString *s, const SynackOptions *options, const char *separator)
{
  unsigned n = synack_options_sack_blocks_sent (options);

  for (unsigned b = 0; b < n; b++)
    g_string_append_printf (s, "%s{%u:%u}", b ? separator : "", options->sack[b].start, options->sack[b].end);
}

char *
synack_describe_options (const SynackOptions *options)
{
  SynackOptionKind kinds[SYNACK_OPTION_ITEMS_MAX];
  size_t n = synack_options_layout (options, kinds);
  GString *s = g_string_new (NULL);

  for (size_t i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      switch (kinds[i])
        {
        case SYNACK_OPTION_KIND_EOL:
          g_string_append (s, "eol");
          break;
        case SYNACK_OPTION_KIND_NOP:
          g_string_append (s, "nop");
          break;
        case SYNACK_OPTION_KIND_MSS:
          g_string_append_printf (s, "mss %u", options->mss);
          break;
        case SYNACK_OPTION_KIND_SACK_PERM:
          g_string_append (s, "sackOK");
          break;
        case SYNACK_OPTION_KIND_TIMESTAMPS:
          g_string_append_printf (s, "TS val %u ecr %u", options->tsval, options->tsecr);
          break;
        case SYNACK_OPTION_KIND_WSCALE:
          g_string_append_printf (s, "wscale %u", options->wscale);
          break;
        case SYNACK_OPTION_KIND_SACK:
          g_string_append_printf (s, "sack %u ", synack_options_sack_blocks_sent (options));
          append_sack_blocks (s, options, "");
          break;
        }
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
synack_describe_options_explained (const SynackHeader *hdr)
{
  const SynackOptions *options = &hdr->options;
  SynackOptionKind kinds[SYNACK_OPTION_ITEMS_MAX];
  size_t n = synack_options_layout (options, kinds);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (size_t i = 0; i < n; i++)
    switch (kinds[i])
      {
      case SYNACK_OPTION_KIND_EOL:
      case SYNACK_OPTION_KIND_NOP:
        break;
      case SYNACK_OPTION_KIND_MSS:
        g_ptr_array_add (lines, g_strdup_printf (_("MSS %u: the largest segment the sender can receive"),
                                                 options->mss));
        break;
      case SYNACK_OPTION_KIND_SACK_PERM:
        g_ptr_array_add (lines, g_strdup (_("SACK_PERM: the sender can take selective acknowledgements (RFC 2018)")));
        break;
      case SYNACK_OPTION_KIND_TIMESTAMPS:
        g_ptr_array_add (lines, g_strdup_printf (_("TS val %u ecr %u: the sender’s clock in milliseconds, "
                                                   "and the peer’s latest it echoes back (RFC 7323); "
                                                   "PAWS drops segments older than the last one taken"),
                                                 options->tsval, options->tsecr));
        break;
      case SYNACK_OPTION_KIND_WSCALE:
        g_ptr_array_add (lines, g_strdup_printf (_("WS %u: the sender’s later windows are to be multiplied by %u (RFC 7323)"),
                                                 options->wscale, 1u << (options->wscale > 14 ? 14 : options->wscale)));
        break;
      case SYNACK_OPTION_KIND_SACK:
        {
          g_autoptr (GString) blocks = g_string_new (NULL);

          append_sack_blocks (blocks, options, " ");
          /* RFC 2883 4: a first block below the cumulative ACK reports
           * data that arrived twice. */
          if (synack_seq_lt (options->sack[0].start, hdr->ack))
            g_ptr_array_add (lines, g_strdup_printf (_("D-SACK %s: the first range arrived twice (RFC 2883); "
                                                       "any others arrived beyond the ACK"), blocks->str));
          else
            g_ptr_array_add (lines, g_strdup_printf (_("SACK %s: ranges that arrived beyond a hole, "
                                                       "held by the receiver (RFC 2018)"), blocks->str));
        }
        break;
      }
  return lines;
}
