/* synack-params.h: every tunable of a run, with each profile's defaults. */
#pragma once

#include "synack-types.h"

typedef struct {
  SynackProfile profile;

  SynackTime delay[2];           /* one-way delay, by direction */
  double     loss[2];            /* probability 0..1, by direction */
  uint64_t   seed;

  SynackTime msl;                /* TIME_WAIT lasts 2 x msl */
  SynackTime rto_initial;
  SynackTime rto_min;
  SynackTime rto_max;
  int        syn_retries;
  int        syn_linear_retries; /* first retries that do not back off (Linux) */
  int        synack_retries;
  int        data_retries;       /* retransmissions of data or FIN before ETIMEDOUT */
  SynackTime fin_timeout;        /* orphaned FIN_WAIT_2 lifetime */
  SynackTime delayed_ack;        /* 0 means off */
  uint32_t   hz;                 /* timers fire on ticks of 1 s / hz; 0: exactly on time */
  uint32_t   mss;
  uint32_t   window;             /* receive buffer each socket advertises */

  /* The options of the handshake (Linux's tcp_timestamps, tcp_sack and
   * tcp_window_scaling): each is offered in the SYN and used if both agree. */
  bool       timestamps;         /* RFC 7323 timestamps, and PAWS with them */
  bool       sack;               /* RFC 2018 selective acknowledgements, RFC 2883 D-SACK */
  bool       window_scaling;     /* RFC 7323 window scale */
  /* Listen queues (Linux's net.core.somaxconn, net.ipv4.tcp_max_syn_backlog,
   * tcp_syncookies and tcp_abort_on_overflow). */
  uint32_t   somaxconn;          /* listen()'s backlog is capped at this */
  uint32_t   max_syn_backlog;    /* without cookies, the last quarter of it is kept from new peers */
  uint32_t   syncookies;         /* 0 never, 1 when the SYN queue overflows, 2 always */
  bool       abort_on_overflow;  /* a full accept queue answers the final ACK with RST */

  bool       rfc1337;            /* TIME_WAIT ignores RST (RFC 1337); Linux's default is off */
  bool       two_way;            /* teaching only: the server is ESTABLISHED once it sends its SYN-ACK */
  uint32_t   tw_reuse;           /* net.ipv4.tcp_tw_reuse: 0 never, 1 always, 2 on loopback only */
  uint32_t   port_low;           /* net.ipv4.ip_local_port_range: the ephemeral ports */
  uint32_t   port_high;
  uint32_t   max_tw_buckets;     /* net.ipv4.tcp_max_tw_buckets: TIME_WAIT sockets a host may hold */
  bool       loopback;           /* the hosts talk over loopback, not a LAN */
  unsigned   keepalive;          /* bit per SynackHostId: who sets SO_KEEPALIVE */
  SynackTime keepalive_idle;
  SynackTime keepalive_interval;
  int        keepalive_probes;

  SynackTime time_limit;         /* the run stops here even if timers remain */
  uint64_t   event_limit;        /* runaway guard: trace events before giving up */
  uint64_t   memory_limit_mib;   /* what the trace may keep (events, connection records) */
} SynackParams;

/* Linux's default ephemeral port range (net.ipv4.ip_local_port_range), and
 * where we start in a range that holds it, so the first connection reads
 * 40000 in a lesson. */
#define SYNACK_EPHEMERAL_LOW    32768
#define SYNACK_EPHEMERAL_HIGH   60999
#define SYNACK_EPHEMERAL_FIRST  40000
/* Linux refuses a range that reaches below ip_unprivileged_port_start. */
#define SYNACK_PRIVILEGED_PORTS 1024
/* tcp_max_tw_buckets is sized from the memory of the machine; this is what
 * a machine with a few GiB gets. */
#define SYNACK_MAX_TW_BUCKETS   262144

typedef enum {
  SYNACK_PARAMS_OK,
  SYNACK_PARAMS_NEGATIVE_DELAY,
  SYNACK_PARAMS_LOSS_OUT_OF_RANGE,
  SYNACK_PARAMS_MSL_ZERO,
  SYNACK_PARAMS_RTO_ORDER,
  SYNACK_PARAMS_RTO_ZERO,
  SYNACK_PARAMS_NEGATIVE_RETRIES,
  SYNACK_PARAMS_TOO_MANY_SYN_RETRIES,
  SYNACK_PARAMS_TOO_MANY_RETRIES,
  SYNACK_PARAMS_MSS_RANGE,
  SYNACK_PARAMS_WINDOW_RANGE,
  SYNACK_PARAMS_FIN_TIMEOUT_ZERO,
  SYNACK_PARAMS_KEEPALIVE_RANGE,
  SYNACK_PARAMS_LIMIT_ZERO,
  SYNACK_PARAMS_HZ_RANGE,
  SYNACK_PARAMS_TW_REUSE_RANGE,
  SYNACK_PARAMS_PORT_RANGE,
  SYNACK_PARAMS_BACKLOG_RANGE,
  SYNACK_PARAMS_SYNCOOKIES_RANGE,
} SynackParamsError;

/* The most a backlog may be: Linux keeps it in an int, a lesson needs far less. */
#define SYNACK_MAX_BACKLOG 65535

/* Fills params with the defaults of the profile. */
void synack_params_init (SynackParams *params, SynackProfile profile);

/* Checks the combination; the first problem found is returned. */
SynackParamsError synack_params_validate (const SynackParams *params);

/* An English sentence explaining the error, fit to show a teacher. */
const char *synack_params_error_to_string (SynackParamsError error);

/* The port a host's first ephemeral connect takes. */
static inline uint16_t
synack_params_first_port (const SynackParams *params)
{
  if (params->port_low <= SYNACK_EPHEMERAL_FIRST && SYNACK_EPHEMERAL_FIRST <= params->port_high)
    return SYNACK_EPHEMERAL_FIRST;
  return (uint16_t) params->port_low;
}

static inline SynackTime
synack_params_time_wait (const SynackParams *params)
{
  return 2 * params->msl;
}
