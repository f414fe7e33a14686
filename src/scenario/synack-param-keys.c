/* synack-param-keys.c: the parameter keys shared by scenario files, --set and
 * the GUI, and the value syntaxes they take (durations, probabilities). */
#include "synack-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "synack-param-keys.h"

G_DEFINE_QUARK (synack-scenario-error-quark, synack_scenario_error)

/* A duration beyond a year is surely a typo, and keeps products in range. */
#define MAX_DURATION_US ((SynackTime) 366 * 24 * 3600 * 1000000)

static const struct {
  const char *suffix;
  double      factor;
} duration_units[] = {
  { "us",  1.0 },
  { "ms",  1e3 },
  { "s",   1e6 },
  { "min", 60e6 },
  { "h",   3600e6 },
};

gboolean
synack_parse_duration (const char *text, SynackTime *out, GError **error)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("expected a duration such as 50ms, 1s or 2min"));
      return FALSE;
    }
  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || errno != 0 || !isfinite (value))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s' is not a duration (write e.g. 50ms, 1.5s, 2min)"), text);
      return FALSE;
    }
  if (value < 0)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s': a duration cannot be negative"), text);
      return FALSE;
    }
  if (*end == '\0')
    {
      if (value == 0)
        {
          *out = 0;
          return TRUE;
        }
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s' needs a unit: us, ms, s, min or h (e.g. %sms)"), text, text);
      return FALSE;
    }
  for (unsigned i = 0; i < G_N_ELEMENTS (duration_units); i++)
    if (strcmp (end, duration_units[i].suffix) == 0)
      {
        double us = value * duration_units[i].factor;

        if (us > (double) MAX_DURATION_US)
          {
            g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                         _("'%s' is longer than a year"), text);
            return FALSE;
          }
        *out = (SynackTime) llround (us);
        return TRUE;
      }
  g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
               _("'%s': unknown unit '%s' (use us, ms, s, min or h)"), text, end);
  return FALSE;
}

static gboolean
parse_probability (const char *text, double *out, GError **error)
{
  char *end = NULL;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (end == text || errno != 0 || !isfinite (value))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s' is not a probability (write 0.05 or 5%%)"), text);
      return FALSE;
    }
  if (strcmp (end, "%") == 0)
    value /= 100.0;
  else if (*end != '\0')
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s' is not a probability (write 0.05 or 5%%)"), text);
      return FALSE;
    }
  if (value < 0.0 || value > 1.0)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("loss '%s' is out of range: a probability is between 0 and 1 (0%% to 100%%)"),
                   text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_count (const char *text, guint64 max, guint64 *out, GError **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s' is not a whole number between 0 and %llu"), text, (unsigned long long) max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_switch (const char *text, bool *out, GError **error)
{
  if (g_str_equal (text, "on") || g_str_equal (text, "yes") || g_str_equal (text, "true"))
    *out = true;
  else if (g_str_equal (text, "off") || g_str_equal (text, "no") || g_str_equal (text, "false"))
    *out = false;
  else
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s': expected on or off"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_hosts (const char *text, unsigned *out, GError **error)
{
  if (g_str_equal (text, "off") || g_str_equal (text, "no"))
    *out = 0;
  else if (g_str_equal (text, "client"))
    *out = 1u << SYNACK_CLIENT;
  else if (g_str_equal (text, "server"))
    *out = 1u << SYNACK_SERVER;
  else if (g_str_equal (text, "on") || g_str_equal (text, "both") || g_str_equal (text, "yes"))
    *out = (1u << SYNACK_CLIENT) | (1u << SYNACK_SERVER);
  else
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s': expected off, client, server or on"), text);
      return FALSE;
    }
  return TRUE;
}

typedef enum {
  KIND_PROFILE,
  KIND_DURATION,
  KIND_DURATION_OR_OFF,
  KIND_PROBABILITY,
  KIND_COUNT,
  KIND_HOSTS,
  KIND_SWITCH,
} KeyKind;

typedef struct {
  const char *key;
  KeyKind     kind;
  guint64     max;      /* KIND_COUNT */
  size_t      offset;   /* into SynackParams */
  size_t      size;     /* of that field */
  size_t      offset2;  /* a second field set to the same value, or 0 */
  const char *help;
} KeyInfo;

#define P(field) offsetof (SynackParams, field), sizeof (((SynackParams *) 0)->field)
#define ALSO(field) offsetof (SynackParams, field)

static const KeyInfo keys[] = {
  { "profile", KIND_PROFILE, 0, P (profile), 0,
    N_("linux (default) or rfc9293: the set of defaults the others start from") },
  { "delay", KIND_DURATION, 0, P (delay[SYNACK_C2S]), ALSO (delay[SYNACK_S2C]),
    N_("one-way network delay, both directions") },
  { "delay-c2s", KIND_DURATION, 0, P (delay[SYNACK_C2S]), 0, N_("client-to-server delay") },
  { "delay-s2c", KIND_DURATION, 0, P (delay[SYNACK_S2C]), 0, N_("server-to-client delay") },
  { "loss", KIND_PROBABILITY, 0, P (loss[SYNACK_C2S]), ALSO (loss[SYNACK_S2C]),
    N_("probability a segment is lost, both directions (0.05 or 5%)") },
  { "loss-c2s", KIND_PROBABILITY, 0, P (loss[SYNACK_C2S]), 0, N_("client-to-server loss") },
  { "loss-s2c", KIND_PROBABILITY, 0, P (loss[SYNACK_S2C]), 0, N_("server-to-client loss") },
  { "seed", KIND_COUNT, G_MAXUINT64, P (seed), 0, N_("random seed for loss and ISNs") },
  { "msl", KIND_DURATION, 0, P (msl), 0, N_("maximum segment lifetime; TIME_WAIT lasts 2 x msl") },
  { "rto-initial", KIND_DURATION, 0, P (rto_initial), 0, N_("retransmission timeout before any RTT sample") },
  { "rto-min", KIND_DURATION, 0, P (rto_min), 0, N_("floor of the retransmission timeout") },
  { "rto-max", KIND_DURATION, 0, P (rto_max), 0, N_("ceiling of the retransmission timeout") },
  { "syn-retries", KIND_COUNT, 255, P (syn_retries), 0, N_("SYN retransmissions with back-off") },
  { "syn-linear-retries", KIND_COUNT, 255, P (syn_linear_retries), 0,
    N_("first SYN retransmissions without back-off (Linux)") },
  { "synack-retries", KIND_COUNT, 255, P (synack_retries), 0, N_("SYN-ACK retransmissions") },
  { "data-retries", KIND_COUNT, 255, P (data_retries), 0,
    N_("data or FIN retransmissions before ETIMEDOUT") },
  { "fin-timeout", KIND_DURATION, 0, P (fin_timeout), 0, N_("lifetime of an orphaned FIN_WAIT_2") },
  { "delayed-ack", KIND_DURATION_OR_OFF, 0, P (delayed_ack), 0,
    N_("how long an ACK may wait for a reply to ride on, or off") },
  { "mss", KIND_COUNT, 65495, P (mss), 0, N_("maximum segment size in bytes") },
  { "window", KIND_COUNT, 65535, P (window), 0, N_("receive window in bytes") },
  { "rfc1337", KIND_SWITCH, 0, P (rfc1337), 0,
    N_("on: TIME_WAIT ignores RST (RFC 1337); off, Linux's default, lets a RST end it") },
  { "keepalive", KIND_HOSTS, 0, P (keepalive), 0,
    N_("who sends keep-alive probes on idle connections: off, client, server or on (both)") },
  { "keepalive-idle", KIND_DURATION, 0, P (keepalive_idle), 0, N_("idle time before the first probe") },
  { "keepalive-interval", KIND_DURATION, 0, P (keepalive_interval), 0, N_("time between probes") },
  { "keepalive-probes", KIND_COUNT, 255, P (keepalive_probes), 0, N_("unanswered probes before giving up") },
  { "time-limit", KIND_DURATION, 0, P (time_limit), 0, N_("simulated time at which the run stops") },
  { "event-limit", KIND_COUNT, 20000000, P (event_limit), 0, N_("trace events before the run is stopped") },
};

#undef P
#undef ALSO

static const char *const key_names[] = {
  "profile", "delay", "delay-c2s", "delay-s2c", "loss", "loss-c2s", "loss-s2c", "seed",
  "msl", "rto-initial", "rto-min", "rto-max", "syn-retries", "syn-linear-retries",
  "synack-retries", "data-retries", "fin-timeout", "delayed-ack", "mss", "window",
  "rfc1337", "keepalive", "keepalive-idle", "keepalive-interval", "keepalive-probes", "time-limit",
  "event-limit", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (key_names) == G_N_ELEMENTS (keys) + 1);

const char *const *
synack_param_keys (void)
{
  return key_names;
}

const char *
synack_param_key_help (const char *key)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].key, key))
      return keys[i].help;
  return NULL;
}

gboolean
synack_param_key_is_known (const char *key)
{
  return synack_param_key_help (key) != NULL;
}

static void
store (SynackParams *params, const KeyInfo *info, const void *value, size_t size)
{
  g_assert (size == info->size);
  memcpy ((char *) params + info->offset, value, size);
  if (info->offset2)
    memcpy ((char *) params + info->offset2, value, size);
}

gboolean
synack_param_apply (SynackParams *params, const char *key, const char *value, GError **error)
{
  const KeyInfo *info = NULL;

  for (unsigned i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].key, key))
      info = &keys[i];
  if (info == NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_UNKNOWN_KEY,
                   _("unknown parameter '%s' (known: %s)"), key,
                   "profile, delay, delay-c2s, delay-s2c, loss, loss-c2s, loss-s2c, seed, msl, "
                   "rto-initial, rto-min, rto-max, syn-retries, syn-linear-retries, "
                   "synack-retries, data-retries, fin-timeout, delayed-ack, mss, window, "
                   "rfc1337, keepalive, keepalive-idle, keepalive-interval, keepalive-probes, "
                   "time-limit, event-limit");
      return FALSE;
    }

  switch (info->kind)
    {
    case KIND_PROFILE:
      {
        SynackProfile profile;

        if (!synack_profile_from_string (value, &profile))
          {
            g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                         _("unknown profile '%s' (use linux or rfc9293)"), value);
            return FALSE;
          }
        store (params, info, &profile, sizeof profile);
        return TRUE;
      }

    case KIND_DURATION_OR_OFF:
      if (g_str_equal (value, "off"))
        {
          SynackTime zero = 0;

          store (params, info, &zero, sizeof zero);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case KIND_DURATION:
      {
        SynackTime d;

        if (!synack_parse_duration (value, &d, error))
          return FALSE;
        store (params, info, &d, sizeof d);
        return TRUE;
      }

    case KIND_PROBABILITY:
      {
        double p;

        if (!parse_probability (value, &p, error))
          return FALSE;
        store (params, info, &p, sizeof p);
        return TRUE;
      }

    case KIND_COUNT:
      {
        guint64 n;

        if (!parse_count (value, info->max, &n, error))
          return FALSE;
        if (info->size == sizeof (uint64_t))
          {
            uint64_t wide = n;
            store (params, info, &wide, sizeof wide);
          }
        else
          {
            /* int and uint32_t fields: every allowed value fits both. */
            uint32_t narrow = (uint32_t) n;
            G_STATIC_ASSERT (sizeof (int) == sizeof (uint32_t));
            store (params, info, &narrow, sizeof narrow);
          }
        return TRUE;
      }

    case KIND_SWITCH:
      {
        bool on;

        if (!parse_switch (value, &on, error))
          return FALSE;
        store (params, info, &on, sizeof on);
        return TRUE;
      }

    case KIND_HOSTS:
      {
        unsigned hosts;

        if (!parse_hosts (value, &hosts, error))
          return FALSE;
        store (params, info, &hosts, sizeof hosts);
        return TRUE;
      }
    }
  return FALSE;
}
