/* synack-scenario-attacker.c: the attacker's line of a scenario:
 * at TIME attacker syn-flood PORT from NET/PREFIX rate N/s for DURATION. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "synack-scenario-private.h"

/* The most SYNs a second: a lesson needs hundreds, and the engine's
 * microsecond clock cannot space more than a million. */
#define MAX_FLOOD_RATE 1000000u

static gboolean
take_network (SynackCursor *cur, SynackAction *action, GError **error)
{
  const char *word = synack_cursor_take (cur);
  unsigned a, b, c, d, prefix;
  char end;

  if (word == NULL || sscanf (word, "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &prefix, &end) != 5 ||
      a > 255 || b > 255 || c > 255 || d > 255 || prefix > 32)
    return synack_cursor_fail (cur, error, _("expected the forged addresses as a network, such as 10.9.0.0/16, found '%s'"),
                               word ? word : "end of line");
  action->flood_net = (a << 24) | (b << 16) | (c << 8) | d;
  action->flood_prefix = prefix;
  /* 10.0.0.1 and 10.0.0.2 are the client and the server: a single
   * address that is one of them (or 0.0.0.0) is nobody to forge. */
  if (prefix == 32 && (action->flood_net == 0x0a000001u || action->flood_net == 0x0a000002u ||
                       action->flood_net == 0))
    return synack_cursor_fail (cur, error, _("%s is not an address to forge: 10.0.0.1 is the client, "
                                             "10.0.0.2 the server"), word);
  return TRUE;
}

static gboolean
take_rate (SynackCursor *cur, guint64 *rate, GError **error)
{
  const char *word = synack_cursor_take (cur);
  g_autofree char *number = NULL;
  const char *slash = word ? strchr (word, '/') : NULL;

  if (slash == NULL || !g_str_equal (slash, "/s"))
    return synack_cursor_fail (cur, error, _("expected a rate in SYNs per second, such as 1000/s, found '%s'"),
                               word ? word : "end of line");
  number = g_strndup (word, (gsize) (slash - word));
  if (!g_ascii_string_to_unsigned (number, 10, 1, MAX_FLOOD_RATE, rate, NULL))
    return synack_cursor_fail (cur, error, _("'%s' is not a rate: a whole number of SYNs per second from 1 to %u"),
                               word, MAX_FLOOD_RATE);
  return TRUE;
}

gboolean
synack_scenario_parse_attacker (SynackCursor *cur, SynackAction *action, GError **error)
{
  const char *verb = synack_cursor_take (cur);
  SynackTime duration;
  guint64 port, rate, count;

  if (verb == NULL || !g_str_equal (verb, "syn-flood"))
    return synack_cursor_fail (cur, error, _("the attacker knows one action: syn-flood PORT from NET/PREFIX "
                                             "rate N/s for DURATION"));
  /* The attacker sits on the client's side of the network. */
  action->host = SYNACK_CLIENT;
  action->what = SYNACK_DO_SYN_FLOOD;
  if (!synack_cursor_take_number (cur, "port", 65535, &port, error))
    return FALSE;
  if (port == 0)
    return synack_cursor_fail (cur, error, _("port 0 cannot be connected to"));
  action->port = (uint16_t) port;
  if (!synack_cursor_take_word (cur, "from"))
    return synack_cursor_fail (cur, error, _("expected 'from NET/PREFIX' after the port"));
  if (!take_network (cur, action, error))
    return FALSE;
  if (!synack_cursor_take_word (cur, "rate"))
    return synack_cursor_fail (cur, error, _("expected 'rate N/s' after the addresses"));
  if (!take_rate (cur, &rate, error))
    return FALSE;
  if (!synack_cursor_take_word (cur, "for"))
    return synack_cursor_fail (cur, error, _("expected 'for DURATION' after the rate"));
  if (!synack_cursor_take_duration (cur, "how long the flood lasts", &duration, error))
    return FALSE;
  if (synack_cursor_peek (cur))
    return synack_cursor_fail (cur, error, _("unexpected '%s' after the action"), synack_cursor_peek (cur));

  /* rate x duration SYNs, evenly spaced, the first at the line's time. */
  count = (guint64) ((double) rate * (double) duration / 1e6 + 0.5);
  if (count == 0)
    return synack_cursor_fail (cur, error, _("a flood of %llu/s for so short a time sends no SYN at all"),
                               (unsigned long long) rate);
  if (count > MAX_REPEAT)
    return synack_cursor_fail (cur, error, _("a flood of more than %u SYNs: lower the rate or the duration"),
                               MAX_REPEAT);
  action->repeat = (uint32_t) (count - 1);
  action->every = SYNACK_SEC (1) / (SynackTime) rate;
  return TRUE;
}
