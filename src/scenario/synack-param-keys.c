/* synack-param-keys.c: the parameter keys shared by scenario files, --set and
 * the GUI, and the value syntaxes they take (durations, probabilities). */
#include "synack-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "synack-describe.h"
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

/* g_ascii_strtod() also reads C's hexadecimal floats (0x10, 0x1p-3); a
 * teacher writing those has made a typo, not asked for base 16. */
static gboolean
is_hex (const char *text)
{
  if (*text == '+' || *text == '-')
    text++;
  return text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
}

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
  if (end == text || errno != 0 || !isfinite (value) || is_hex (text))
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
  if (end == text || errno != 0 || !isfinite (value) || is_hex (text))
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

/* A switch's two words are its choices, off first: on/off (with yes/no,
 * true/false), or words of its own such as lan/loopback. */
static gboolean
parse_switch (const SynackParamInfo *info, const char *text, bool *out, GError **error)
{
  if (g_str_equal (text, info->choices[1].value))
    *out = true;
  else if (g_str_equal (text, info->choices[0].value))
    *out = false;
  else if (g_str_equal (info->choices[1].value, "on") &&
           (g_str_equal (text, "yes") || g_str_equal (text, "true")))
    *out = true;
  else if (g_str_equal (info->choices[0].value, "off") &&
           (g_str_equal (text, "no") || g_str_equal (text, "false")))
    *out = false;
  else if (!g_str_equal (info->choices[1].value, "on"))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s': expected %s or %s"), text, info->choices[0].value, info->choices[1].value);
      return FALSE;
    }
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

/* LOW-HIGH, as sysctl writes ip_local_port_range with a tab between; a
 * range's order and bounds are the engine's to check. */
static gboolean
parse_port_range (const char *text, guint32 range[2], GError **error)
{
  g_auto (GStrv) ends = g_strsplit (text, "-", -1);
  guint64 value;

  if (g_strv_length (ends) != 2)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("'%s' is not a port range (write LOW-HIGH, e.g. 32768-60999)"), text);
      return FALSE;
    }
  for (int i = 0; i < 2; i++)
    {
      if (!g_ascii_string_to_unsigned (ends[i], 10, 0, 65535, &value, NULL))
        {
          g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                       _("'%s' in port range '%s' is not a port (0 to 65535)"), ends[i], text);
          return FALSE;
        }
      range[i] = (guint32) value;
    }
  return TRUE;
}

/* Every key, in the order the README, --help and the Parameters page list
 * them. Ranges are in the unit the page shows; a count's maximum is also the
 * most the parser accepts. A key without a label is not on the page: it is
 * either a shorthand for two keys shown there, or a guard for long runs. */

static const SynackParamChoice profile_choices[] = {
  { "linux",   N_("Linux") },
  { "rfc9293", N_("RFC 9293") },
  { NULL, NULL }
};

static const SynackParamChoice switch_choices[] = {
  { "off", N_("Off") },
  { "on",  N_("On") },
  { NULL, NULL }
};

static const SynackParamChoice placement_choices[] = {
  { "lan",      N_("LAN") },
  { "loopback", N_("Loopback") },
  { NULL, NULL }
};

static const SynackParamChoice hosts_choices[] = {
  { "off",    N_("Off") },
  { "client", N_("Client") },
  { "server", N_("Server") },
  { "on",     N_("Both") },
  { NULL, NULL }
};

#define P(field) offsetof (SynackParams, field), sizeof (((SynackParams *) 0)->field)
#define ALSO(field) offsetof (SynackParams, field)
#define BOTH(field) P (field[SYNACK_C2S]), ALSO (field[SYNACK_S2C])
#define ONE(field) P (field), 0
#define MS SYNACK_PARAM_UNIT_MS
#define SEC SYNACK_PARAM_UNIT_S

static const SynackParamInfo keys[] = {
  { "profile", SYNACK_PARAM_PROFILE, N_("_Profile"),
    N_("linux or rfc9293: the set of defaults the others start from"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, profile_choices, ONE (profile) },
  { "delay", SYNACK_PARAM_DURATION, NULL, N_("one-way network delay, both directions"),
    MS, 0, 60000, 10, 0, NULL, BOTH (delay) },
  { "delay-c2s", SYNACK_PARAM_DURATION, N_("_Delay, client → server (ms)"), N_("client-to-server delay"),
    MS, 0, 60000, 10, 0, NULL, ONE (delay[SYNACK_C2S]) },
  { "delay-s2c", SYNACK_PARAM_DURATION, N_("D_elay, server → client (ms)"), N_("server-to-client delay"),
    MS, 0, 60000, 10, 0, NULL, ONE (delay[SYNACK_S2C]) },
  { "loss", SYNACK_PARAM_PROBABILITY, NULL,
    N_("probability a segment is lost, both directions (0.05 or 5%)"),
    SYNACK_PARAM_UNIT_PERCENT, 0, 100, 5, 1, NULL, BOTH (loss) },
  { "loss-c2s", SYNACK_PARAM_PROBABILITY, N_("_Loss, client → server (%)"), N_("client-to-server loss"),
    SYNACK_PARAM_UNIT_PERCENT, 0, 100, 5, 1, NULL, ONE (loss[SYNACK_C2S]) },
  { "loss-s2c", SYNACK_PARAM_PROBABILITY, N_("L_oss, server → client (%)"), N_("server-to-client loss"),
    SYNACK_PARAM_UNIT_PERCENT, 0, 100, 5, 1, NULL, ONE (loss[SYNACK_S2C]) },
  { "seed", SYNACK_PARAM_COUNT, N_("_Seed"),
    N_("random seed for loss and ISNs: the same seed gives the same run"),
    SYNACK_PARAM_UNIT_NONE, 0, (double) G_MAXUINT64, 1, 0, NULL, ONE (seed) },
  { "msl", SYNACK_PARAM_DURATION, N_("_MSL (s)"), N_("maximum segment lifetime; TIME_WAIT lasts 2 x msl"),
    SEC, 0.1, 600, 1, 1, NULL, ONE (msl) },
  { "rto-initial", SYNACK_PARAM_DURATION, N_("Initial _RTO (ms)"), N_("retransmission timeout before any RTT sample"),
    MS, 1, 120000, 100, 0, NULL, ONE (rto_initial) },
  { "rto-min", SYNACK_PARAM_DURATION, N_("RTO floor (ms)"), N_("floor of the retransmission timeout"),
    MS, 1, 120000, 10, 0, NULL, ONE (rto_min) },
  { "rto-max", SYNACK_PARAM_DURATION, N_("RTO ceiling (s)"), N_("ceiling of the retransmission timeout"),
    SEC, 1, 3600, 10, 0, NULL, ONE (rto_max) },
  { "syn-retries", SYNACK_PARAM_COUNT, N_("SYN re_tries"), N_("SYN retransmissions with back-off"),
    SYNACK_PARAM_UNIT_NONE, 0, 255, 1, 0, NULL, ONE (syn_retries) },
  { "syn-linear-retries", SYNACK_PARAM_COUNT, N_("SYN retries without back-off"),
    N_("first SYN retransmissions without back-off (Linux)"),
    SYNACK_PARAM_UNIT_NONE, 0, 255, 1, 0, NULL, ONE (syn_linear_retries) },
  { "synack-retries", SYNACK_PARAM_COUNT, N_("SYN-ACK retries"), N_("SYN-ACK retransmissions"),
    SYNACK_PARAM_UNIT_NONE, 0, 255, 1, 0, NULL, ONE (synack_retries) },
  { "data-retries", SYNACK_PARAM_COUNT, N_("Data and FIN retries"),
    N_("data or FIN retransmissions before ETIMEDOUT"),
    SYNACK_PARAM_UNIT_NONE, 0, 255, 1, 0, NULL, ONE (data_retries) },
  { "fin-timeout", SYNACK_PARAM_DURATION, N_("FIN_WAIT_2 timeout (s)"), N_("lifetime of an orphaned FIN_WAIT_2"),
    SEC, 1, 3600, 10, 0, NULL, ONE (fin_timeout) },
  { "delayed-ack", SYNACK_PARAM_DURATION_OR_OFF, N_("Dela_yed ACK (ms)"),
    N_("how long an ACK may wait for a reply to ride on, or off"),
    MS, 0, 500, 10, 0, NULL, ONE (delayed_ack) },
  { "hz", SYNACK_PARAM_COUNT, N_("_Hz: timer ticks per second"),
    N_("timers fire on a tick clock of this rate, as Linux's jiffies (250 on Debian); 0: exactly on time"),
    SYNACK_PARAM_UNIT_NONE, 0, 10000, 50, 0, NULL, ONE (hz) },
  { "mss", SYNACK_PARAM_COUNT, N_("MSS (bytes)"), N_("maximum segment size in bytes"),
    SYNACK_PARAM_UNIT_BYTES, 1, 65495, 100, 0, NULL, ONE (mss) },
  { "window", SYNACK_PARAM_COUNT, N_("Receive window (bytes)"), N_("receive window in bytes"),
    SYNACK_PARAM_UNIT_BYTES, 1, 65535, 1000, 0, NULL, ONE (window) },
  { "timestamps", SYNACK_PARAM_SWITCH, N_("_Timestamps"),
    N_("RFC 7323 timestamps on every segment, and PAWS with them (Linux's tcp_timestamps)"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, switch_choices, ONE (timestamps) },
  { "sack", SYNACK_PARAM_SWITCH, N_("S_ACK"),
    N_("selective acknowledgements of out-of-order and duplicate data, RFC 2018 and 2883 (Linux's tcp_sack)"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, switch_choices, ONE (sack) },
  { "window-scaling", SYNACK_PARAM_SWITCH, N_("_Window scaling"),
    N_("the window scale option of RFC 7323 in the handshake (Linux's tcp_window_scaling)"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, switch_choices, ONE (window_scaling) },
  { "rfc1337", SYNACK_PARAM_SWITCH, N_("RFC 1337"),
    N_("on: TIME_WAIT ignores RST (RFC 1337); off, Linux's default, lets a RST end it"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, switch_choices, ONE (rfc1337) },
  { "two-way", SYNACK_PARAM_SWITCH, NULL,
    N_("on: a two-way handshake, for teaching what goes wrong: the server takes every SYN as a connection at once, without waiting for the final ACK"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, switch_choices, ONE (two_way) },
  { "tw-reuse", SYNACK_PARAM_COUNT, N_("TIME_WAIT reuse, tcp_tw_reuse"),
    N_("connect() on an ephemeral port may take over a TIME_WAIT a second old: 0 never, 1 always, 2 on loopback only"),
    SYNACK_PARAM_UNIT_NONE, 0, 2, 1, 0, NULL, ONE (tw_reuse) },
  { "port-range", SYNACK_PARAM_PORT_RANGE, NULL,
    N_("ephemeral ports connect() picks from, LOW-HIGH (ip_local_port_range): fewer ports run out sooner"),
    SYNACK_PARAM_UNIT_NONE, 1024, 65535, 1, 0, NULL, P (port_low), ALSO (port_high) },
  { "max-tw-buckets", SYNACK_PARAM_COUNT, NULL,
    N_("TIME_WAIT sockets a host may hold (tcp_max_tw_buckets); beyond it a closing socket skips TIME_WAIT"),
    SYNACK_PARAM_UNIT_NONE, 0, 2147483647, 1000, 0, NULL, ONE (max_tw_buckets) },
  { "somaxconn", SYNACK_PARAM_COUNT, NULL,
    N_("the most a listen() backlog may ask for, net.core.somaxconn"),
    SYNACK_PARAM_UNIT_NONE, 0, 65535, 1, 0, NULL, ONE (somaxconn) },
  { "max-syn-backlog", SYNACK_PARAM_COUNT, NULL,
    N_("half-open connections a listener keeps, tcp_max_syn_backlog: without cookies, its last quarter is kept for known peers"),
    SYNACK_PARAM_UNIT_NONE, 1, 65535, 1, 0, NULL, ONE (max_syn_backlog) },
  { "syncookies", SYNACK_PARAM_COUNT, N_("SYN _cookies, tcp_syncookies"),
    N_("answer SYNs with a cookie instead of queueing them: 0 never, 1 when the SYN queue is full, 2 always"),
    SYNACK_PARAM_UNIT_NONE, 0, 2, 1, 0, NULL, ONE (syncookies) },
  { "abort-on-overflow", SYNACK_PARAM_SWITCH, NULL,
    N_("on: a final ACK that finds the accept queue full is answered with RST; off, Linux's default, drops it"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, switch_choices, ONE (abort_on_overflow) },
  { "hosts", SYNACK_PARAM_SWITCH, N_("Hosts on"),
    N_("where the two hosts are: lan (two machines) or loopback (one machine, as tw-reuse = 2 asks)"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, placement_choices, ONE (loopback) },
  { "keepalive", SYNACK_PARAM_HOSTS, N_("Keep-alive"),
    N_("who sends keep-alive probes on idle connections: off, client, server or on (both)"),
    SYNACK_PARAM_UNIT_NONE, 0, 0, 0, 0, hosts_choices, ONE (keepalive) },
  { "keepalive-idle", SYNACK_PARAM_DURATION, N_("Keep-alive idle time (s)"), N_("idle time before the first probe"),
    SEC, 1, 86400, 60, 0, NULL, ONE (keepalive_idle) },
  { "keepalive-interval", SYNACK_PARAM_DURATION, N_("Keep-alive interval (s)"), N_("time between probes"),
    SEC, 1, 3600, 5, 0, NULL, ONE (keepalive_interval) },
  { "keepalive-probes", SYNACK_PARAM_COUNT, N_("Keep-alive probes"), N_("unanswered probes before giving up"),
    SYNACK_PARAM_UNIT_NONE, 1, 255, 1, 0, NULL, ONE (keepalive_probes) },
  { "time-limit", SYNACK_PARAM_DURATION, NULL, N_("simulated time at which the run stops"),
    SEC, 1, 31622400, 60, 0, NULL, ONE (time_limit) },
  { "event-limit", SYNACK_PARAM_COUNT, NULL, N_("trace events before the run is stopped"),
    SYNACK_PARAM_UNIT_NONE, 1, 1e12, 1000, 0, NULL, ONE (event_limit) },
  { "memory-limit", SYNACK_PARAM_COUNT, NULL,
    N_("MiB the trace may take (the events kept, a record per connection) before the run is stopped"),
    SYNACK_PARAM_UNIT_NONE, 1, 1048576, 64, 0, NULL, ONE (memory_limit_mib) },
};

#undef P
#undef ALSO
#undef BOTH
#undef ONE
#undef MS
#undef SEC

static const SynackParamInfo *
find_key (const char *key)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
}

const SynackParamInfo *
synack_param_table (size_t *n_keys)
{
  *n_keys = G_N_ELEMENTS (keys);
  return keys;
}

const SynackParamInfo *
synack_param_info (const char *key)
{
  return key != NULL ? find_key (key) : NULL;
}

const char *const *
synack_param_keys (void)
{
  static const char *names[G_N_ELEMENTS (keys) + 1];
  static gsize filled;

  if (g_once_init_enter (&filled))
    {
      for (unsigned i = 0; i < G_N_ELEMENTS (keys); i++)
        names[i] = keys[i].key;
      g_once_init_leave (&filled, 1);
    }
  return names;
}

const char *
synack_param_key_help (const char *key)
{
  const SynackParamInfo *info = find_key (key);

  return info != NULL ? info->help : NULL;
}

gboolean
synack_param_key_is_known (const char *key)
{
  return find_key (key) != NULL;
}

/* Microseconds (or, for a probability, fractions) per unit shown. */
static double
unit_factor (const SynackParamInfo *info)
{
  switch (info->unit)
    {
    case SYNACK_PARAM_UNIT_MS: return 1e3;
    case SYNACK_PARAM_UNIT_S: return 1e6;
    case SYNACK_PARAM_UNIT_PERCENT: return 0.01;
    case SYNACK_PARAM_UNIT_BYTES:
    case SYNACK_PARAM_UNIT_NONE:
    default: return 1;
    }
}

static const void *
field (const SynackParams *params, const SynackParamInfo *info)
{
  return (const char *) params + info->offset;
}

static double
count_value (const SynackParams *params, const SynackParamInfo *info)
{
  if (info->size == sizeof (uint64_t))
    return (double) *(const uint64_t *) field (params, info);
  return (double) *(const uint32_t *) field (params, info);
}

double
synack_param_get_number (const SynackParams *params, const SynackParamInfo *info)
{
  switch (info->kind)
    {
    case SYNACK_PARAM_DURATION:
    case SYNACK_PARAM_DURATION_OR_OFF:
      return (double) *(const SynackTime *) field (params, info) / unit_factor (info);
    case SYNACK_PARAM_PROBABILITY:
      return *(const double *) field (params, info) / unit_factor (info);
    case SYNACK_PARAM_COUNT:
      return count_value (params, info);
    case SYNACK_PARAM_PROFILE:
    case SYNACK_PARAM_SWITCH:
    case SYNACK_PARAM_HOSTS:
    case SYNACK_PARAM_PORT_RANGE:
    default:
      return 0;
    }
}

char *
synack_param_value_from_number (const SynackParamInfo *info, double number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (info->kind)
    {
    case SYNACK_PARAM_DURATION_OR_OFF:
      if (number <= 0)
        return g_strdup ("off");
      G_GNUC_FALLTHROUGH;
    case SYNACK_PARAM_DURATION:
      return synack_describe_time ((SynackTime) llround (number * unit_factor (info)), SYNACK_TIME_SCENARIO);
    case SYNACK_PARAM_PROBABILITY:
      return g_strdup_printf ("%s%%", g_ascii_formatd (buf, sizeof buf, "%.6g", number));
    case SYNACK_PARAM_COUNT:
      return g_strdup_printf ("%.0f", number);
    case SYNACK_PARAM_PROFILE:
    case SYNACK_PARAM_SWITCH:
    case SYNACK_PARAM_HOSTS:
    case SYNACK_PARAM_PORT_RANGE:
    default:
      return NULL;
    }
}

char *
synack_param_get_value (const SynackParams *params, const SynackParamInfo *info)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (info->kind)
    {
    case SYNACK_PARAM_PROFILE:
      return g_strdup (synack_profile_to_string (*(const SynackProfile *) field (params, info)));
    case SYNACK_PARAM_SWITCH:
      return g_strdup (info->choices[*(const bool *) field (params, info) ? 1 : 0].value);
    case SYNACK_PARAM_HOSTS:
      {
        unsigned hosts = *(const unsigned *) field (params, info);

        return g_strdup (hosts == 0 ? "off" : hosts == 1u << SYNACK_CLIENT ? "client"
                         : hosts == 1u << SYNACK_SERVER ? "server" : "on");
      }
    case SYNACK_PARAM_PORT_RANGE:
      return g_strdup_printf ("%u-%u", *(const uint32_t *) field (params, info),
                              *(const uint32_t *) ((const char *) params + info->offset2));
    case SYNACK_PARAM_DURATION_OR_OFF:
    case SYNACK_PARAM_DURATION:
      {
        SynackTime d = *(const SynackTime *) field (params, info);

        if (d == 0 && info->kind == SYNACK_PARAM_DURATION_OR_OFF)
          return g_strdup ("off");
        return synack_describe_time (d, SYNACK_TIME_SCENARIO);
      }
    case SYNACK_PARAM_PROBABILITY:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", *(const double *) field (params, info)));
    case SYNACK_PARAM_COUNT:
    default:
      return g_strdup_printf ("%.0f", count_value (params, info));
    }
}

static void
store (SynackParams *params, const SynackParamInfo *info, const void *value, size_t size)
{
  g_assert (size == info->size);
  memcpy ((char *) params + info->offset, value, size);
  if (info->offset2)
    memcpy ((char *) params + info->offset2, value, size);
}

gboolean
synack_param_apply (SynackParams *params, const char *key, const char *value, GError **error)
{
  const SynackParamInfo *info = find_key (key);

  if (info == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) synack_param_keys ());

      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_UNKNOWN_KEY,
                   _("unknown parameter '%s' (known: %s)"), key, known);
      return FALSE;
    }

  switch (info->kind)
    {
    case SYNACK_PARAM_PROFILE:
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

    case SYNACK_PARAM_DURATION_OR_OFF:
      if (g_str_equal (value, "off"))
        {
          SynackTime zero = 0;

          store (params, info, &zero, sizeof zero);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case SYNACK_PARAM_DURATION:
      {
        SynackTime d;

        if (!synack_parse_duration (value, &d, error))
          return FALSE;
        store (params, info, &d, sizeof d);
        return TRUE;
      }

    case SYNACK_PARAM_PROBABILITY:
      {
        double p;

        if (!parse_probability (value, &p, error))
          return FALSE;
        store (params, info, &p, sizeof p);
        return TRUE;
      }

    case SYNACK_PARAM_COUNT:
      {
        guint64 n;

        /* 2^64 itself does not fit: the table's double stands for "any". */
        if (!parse_count (value, info->max >= (double) G_MAXUINT64 ? G_MAXUINT64 : (guint64) info->max, &n, error))
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

    case SYNACK_PARAM_SWITCH:
      {
        bool on;

        if (!parse_switch (info, value, &on, error))
          return FALSE;
        store (params, info, &on, sizeof on);
        return TRUE;
      }

    case SYNACK_PARAM_HOSTS:
      {
        unsigned hosts;

        if (!parse_hosts (value, &hosts, error))
          return FALSE;
        store (params, info, &hosts, sizeof hosts);
        return TRUE;
      }

    case SYNACK_PARAM_PORT_RANGE:
      {
        guint32 range[2];

        if (!parse_port_range (value, range, error))
          return FALSE;
        memcpy ((char *) params + info->offset, &range[0], sizeof range[0]);
        memcpy ((char *) params + info->offset2, &range[1], sizeof range[1]);
        return TRUE;
      }
    }
  return FALSE;
}
