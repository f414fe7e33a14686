/* synack-params.c: profile defaults and the checks that keep a run meaningful. */
#include <string.h>

/* Marks English text for translation catalogues; the layers above translate
 * it with gettext, since the engine itself must not depend on any library. */
#define N_(text) text

#include "synack-params.h"

void
synack_params_init (SynackParams *p, SynackProfile profile)
{
  memset (p, 0, sizeof *p);
  p->profile = profile;
  p->delay[SYNACK_C2S] = SYNACK_MS (50);
  p->delay[SYNACK_S2C] = SYNACK_MS (50);
  p->seed = 1;
  p->mss = 1460;
  p->window = 65535;
  p->synack_retries = 5;
  p->syn_retries = 6;
  p->data_retries = 15;
  p->rto_initial = SYNACK_SEC (1);
  p->fin_timeout = SYNACK_SEC (60);
  p->keepalive_idle = SYNACK_SEC (7200);
  p->keepalive_interval = SYNACK_SEC (75);
  p->keepalive_probes = 9;
  p->tw_reuse = 2;
  p->port_low = SYNACK_EPHEMERAL_LOW;
  p->port_high = SYNACK_EPHEMERAL_HIGH;
  p->max_tw_buckets = SYNACK_MAX_TW_BUCKETS;
  p->somaxconn = 4096;
  /* max(128, established hash buckets / 128): 2048 on the machine the
   * recordings were made on. */
  p->max_syn_backlog = 2048;
  p->time_limit = SYNACK_SEC (24 * 3600);
  p->event_limit = 1000000;
  p->memory_limit_mib = 1024;

  switch (profile)
    {
    case SYNACK_PROFILE_RFC9293:
      /* The textbook: MSL of two minutes, RFC 6298's one-second floor and
       * sixty-second ceiling, plain exponential back-off, every segment
       * acknowledged at once. */
      p->msl = SYNACK_SEC (120);
      p->rto_min = SYNACK_SEC (1);
      p->rto_max = SYNACK_SEC (60);
      p->syn_linear_retries = 0;
      p->delayed_ack = 0;
      p->hz = 0;
      /* RFC 9293 alone: the MSS option (3.7.1) and none of the extensions
       * of RFC 7323 and RFC 2018, so segments read as the textbook draws
       * them and the sequence number alone guards a connection (no PAWS). */
      p->timestamps = false;
      p->sack = false;
      p->window_scaling = false;
      /* SYN cookies came after the RFC's TCP: a full queue just drops. */
      p->syncookies = 0;
      break;

    case SYNACK_PROFILE_LINUX:
    default:
      /* include/net/tcp.h and the net.ipv4 sysctls of Linux 6.x. */
      p->msl = SYNACK_SEC (30);
      p->rto_min = SYNACK_MS (200);
      p->rto_max = SYNACK_SEC (120);
      p->syn_linear_retries = 4;
      p->delayed_ack = SYNACK_MS (40);
      /* CONFIG_HZ of Debian's kernels: a 4 ms tick. */
      p->hz = 250;
      /* net.ipv4.tcp_timestamps, tcp_sack and tcp_window_scaling are on. */
      p->timestamps = true;
      p->sack = true;
      p->window_scaling = true;
      p->syncookies = 1;
      break;
    }
}

SynackParamsError
synack_params_validate (const SynackParams *p)
{
  for (int d = 0; d < 2; d++)
    {
      if (p->delay[d] < 0)
        return SYNACK_PARAMS_NEGATIVE_DELAY;
      if (!(p->loss[d] >= 0.0 && p->loss[d] <= 1.0))
        return SYNACK_PARAMS_LOSS_OUT_OF_RANGE;
    }
  if (p->msl <= 0)
    return SYNACK_PARAMS_MSL_ZERO;
  if (p->rto_min <= 0 || p->rto_initial <= 0)
    return SYNACK_PARAMS_RTO_ZERO;
  if (p->rto_min > p->rto_max || p->rto_initial > p->rto_max)
    return SYNACK_PARAMS_RTO_ORDER;
  if (p->syn_retries < 0 || p->syn_linear_retries < 0 ||
      p->synack_retries < 0 || p->data_retries < 0)
    return SYNACK_PARAMS_NEGATIVE_RETRIES;
  if (p->syn_retries + p->syn_linear_retries > 255)
    return SYNACK_PARAMS_TOO_MANY_SYN_RETRIES;
  if (p->synack_retries > 255 || p->data_retries > 255)
    return SYNACK_PARAMS_TOO_MANY_RETRIES;
  if (p->mss < 1 || p->mss > 65495)
    return SYNACK_PARAMS_MSS_RANGE;
  if (p->window < 1 || p->window > 65535)
    return SYNACK_PARAMS_WINDOW_RANGE;
  if (p->fin_timeout <= 0)
    return SYNACK_PARAMS_FIN_TIMEOUT_ZERO;
  if (p->keepalive_idle <= 0 || p->keepalive_interval <= 0 ||
      p->keepalive_probes < 1 || p->keepalive_probes > 255)
    return SYNACK_PARAMS_KEEPALIVE_RANGE;
  if (p->time_limit <= 0 || p->event_limit == 0 || p->memory_limit_mib == 0)
    return SYNACK_PARAMS_LIMIT_ZERO;
  /* A tick of a whole number of microseconds keeps simulated time exact. */
  if (p->hz > 10000 || (p->hz > 0 && SYNACK_SEC (1) % p->hz != 0))
    return SYNACK_PARAMS_HZ_RANGE;
  if (p->tw_reuse > 2)
    return SYNACK_PARAMS_TW_REUSE_RANGE;
  if (p->port_low < SYNACK_PRIVILEGED_PORTS || p->port_low > p->port_high || p->port_high > 65535)
    return SYNACK_PARAMS_PORT_RANGE;
  if (p->somaxconn > SYNACK_MAX_BACKLOG || p->max_syn_backlog < 1 ||
      p->max_syn_backlog > SYNACK_MAX_BACKLOG)
    return SYNACK_PARAMS_BACKLOG_RANGE;
  if (p->syncookies > 2)
    return SYNACK_PARAMS_SYNCOOKIES_RANGE;
  return SYNACK_PARAMS_OK;
}

const char *
synack_params_error_to_string (SynackParamsError error)
{
  switch (error)
    {
    case SYNACK_PARAMS_OK:
      return N_("no error");
    case SYNACK_PARAMS_NEGATIVE_DELAY:
      return N_("a delay cannot be negative: segments cannot arrive before they are sent");
    case SYNACK_PARAMS_LOSS_OUT_OF_RANGE:
      return N_("loss is a probability: between 0 and 1, or 0% to 100%");
    case SYNACK_PARAMS_MSL_ZERO:
      return N_("msl must be more than zero: TIME_WAIT lasts 2 x MSL, and a TIME_WAIT of "
             "zero could neither resend the last ACK nor let old duplicates die "
             "(to watch what goes wrong without it, use a tiny value such as 1us)");
    case SYNACK_PARAMS_RTO_ZERO:
      return N_("rto-min and rto-initial must be more than zero, or a retransmission "
             "would be sent at the same instant as the original");
    case SYNACK_PARAMS_RTO_ORDER:
      return N_("retransmission timeouts must satisfy rto-min <= rto-max and rto-initial <= rto-max");
    case SYNACK_PARAMS_NEGATIVE_RETRIES:
      return N_("a retry count cannot be negative");
    case SYNACK_PARAMS_TOO_MANY_SYN_RETRIES:
      return N_("syn-retries plus syn-linear-retries must be at most 255 (Linux counts them together)");
    case SYNACK_PARAMS_TOO_MANY_RETRIES:
      return N_("at most 255 retries (Linux's own limit)");
    case SYNACK_PARAMS_MSS_RANGE:
      return N_("mss must be between 1 and 65495 bytes");
    case SYNACK_PARAMS_WINDOW_RANGE:
      return N_("the window must be between 1 and 65535 bytes (no window scaling)");
    case SYNACK_PARAMS_FIN_TIMEOUT_ZERO:
      return N_("fin-timeout must be more than zero");
    case SYNACK_PARAMS_KEEPALIVE_RANGE:
      return N_("keep-alive times must be more than zero and probes between 1 and 255");
    case SYNACK_PARAMS_LIMIT_ZERO:
      return N_("time-limit, event-limit and memory-limit must be more than zero");
    case SYNACK_PARAMS_HZ_RANGE:
      return N_("hz must be 0 (timers exactly on time) or a tick rate up to 10000 that divides "
             "1000000, such as 100, 250 or 1000");
    case SYNACK_PARAMS_TW_REUSE_RANGE:
      return N_("tw-reuse is 0 (never), 1 (always) or 2 (on loopback only, Linux's default)");
    case SYNACK_PARAMS_PORT_RANGE:
      return N_("port-range is LOW-HIGH with 1024 <= LOW <= HIGH <= 65535, as Linux's "
             "ip_local_port_range (its default is 32768-60999)");
    case SYNACK_PARAMS_BACKLOG_RANGE:
      return N_("somaxconn must be at most 65535 and max-syn-backlog between 1 and 65535");
    case SYNACK_PARAMS_SYNCOOKIES_RANGE:
      return N_("syncookies is 0 (never), 1 (when the SYN queue overflows, Linux's default) or 2 (always)");
    }
  return "unknown parameter error";
}
