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
