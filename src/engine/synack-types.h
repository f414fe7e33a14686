/* synack-types.h: the vocabulary shared by every layer: hosts, states, flags, timers. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Simulated time is an integer number of microseconds since the run began:
 * integers keep runs bit-for-bit reproducible on every machine. */
typedef int64_t SynackTime;

#define SYNACK_US(n)   ((SynackTime) (n))
#define SYNACK_MS(n)   ((SynackTime) (n) * 1000)
#define SYNACK_SEC(n)  ((SynackTime) (n) * 1000000)

typedef enum {
  SYNACK_CLIENT = 0,
  SYNACK_SERVER = 1,
} SynackHostId;

#define SYNACK_N_HOSTS 2

/* A direction is named after the sending host: client-to-server or back. */
typedef enum {
  SYNACK_C2S = 0,
  SYNACK_S2C = 1,
} SynackDirection;

typedef enum {
  SYNACK_STATE_CLOSED,
  SYNACK_STATE_LISTEN,
  SYNACK_STATE_SYN_SENT,
  SYNACK_STATE_SYN_RECEIVED,
  SYNACK_STATE_ESTABLISHED,
  SYNACK_STATE_FIN_WAIT_1,
  SYNACK_STATE_FIN_WAIT_2,
  SYNACK_STATE_CLOSE_WAIT,
  SYNACK_STATE_CLOSING,
  SYNACK_STATE_LAST_ACK,
  SYNACK_STATE_TIME_WAIT,
  SYNACK_N_STATES
} SynackState;

/* Header flags, in the order the trace lists them. */
typedef enum {
  SYNACK_FLAG_SYN = 1 << 0,
  SYNACK_FLAG_ACK = 1 << 1,
  SYNACK_FLAG_FIN = 1 << 2,
  SYNACK_FLAG_RST = 1 << 3,
  SYNACK_FLAG_PSH = 1 << 4,
} SynackFlags;
#define SYNACK_N_FLAGS 5

typedef enum {
  SYNACK_TIMER_RETRANSMIT,
  SYNACK_TIMER_DELAYED_ACK,
  SYNACK_TIMER_KEEPALIVE,
  SYNACK_TIMER_FIN_WAIT_2,
  SYNACK_TIMER_TIME_WAIT,
  SYNACK_N_TIMERS
} SynackTimerKind;

typedef enum {
  SYNACK_TIMER_START,  /* also a re-arm, with the new deadline */
  SYNACK_TIMER_STOP,
  SYNACK_TIMER_EXPIRE,
} SynackTimerAction;

typedef enum {
  SYNACK_PROFILE_LINUX,
  SYNACK_PROFILE_RFC9293,
} SynackProfile;

/* What an application asked its socket to do. */
typedef enum {
  SYNACK_CALL_LISTEN,
  SYNACK_CALL_CONNECT,
  SYNACK_CALL_ACCEPT,
  SYNACK_CALL_SEND,
  SYNACK_CALL_RECV,
  SYNACK_CALL_SHUTDOWN_WRITE,
  SYNACK_CALL_CLOSE,
  SYNACK_CALL_ABORT,
  SYNACK_CALL_READ_OFF,
  SYNACK_CALL_READ_ON,
  SYNACK_CALL_CRASH,
  SYNACK_CALL_UNPLUG,
  SYNACK_CALL_PLUG,
  SYNACK_N_CALLS
} SynackCall;

/* The outcome an application sees, with the errno names a C programmer knows. */
typedef enum {
  SYNACK_RESULT_PENDING,  /* the call was made; its outcome comes later, if at all */
  SYNACK_RESULT_OK,
  SYNACK_RESULT_EOF,      /* recv() returned 0: the peer closed its side */
  SYNACK_RESULT_ECONNREFUSED,
  SYNACK_RESULT_ETIMEDOUT,
  SYNACK_RESULT_ECONNRESET,
  SYNACK_RESULT_EADDRINUSE,
  SYNACK_RESULT_EADDRNOTAVAIL,
  SYNACK_RESULT_EPIPE,
  SYNACK_RESULT_ENOTCONN,
  SYNACK_RESULT_EISCONN,
  SYNACK_N_RESULTS
} SynackResult;

const char *synack_host_to_string        (SynackHostId host);
const char *synack_state_to_string       (SynackState state);
const char *synack_timer_to_string       (SynackTimerKind kind);
const char *synack_timer_action_to_string (SynackTimerAction action);
const char *synack_profile_to_string     (SynackProfile profile);
const char *synack_call_to_string        (SynackCall call);
const char *synack_result_to_string      (SynackResult result);

/* Parses the exact spelling used in traces; returns false if unknown. */
bool synack_state_from_string  (const char *name, SynackState *out);
bool synack_profile_from_string (const char *name, SynackProfile *out);

/* One flag's name, "SYN" for SYNACK_FLAG_SYN; other ways of writing a set
 * of flags are in the describe module. */
const char *synack_flag_to_string (unsigned flag);

/* Writes the flags as "SYN,ACK" (trace order) into buf; returns buf. */
char *synack_flags_to_string (unsigned flags, char *buf, unsigned size);

/* True if the table of transitions (synack-transitions.h: RFC 9293's
 * figure, its textbook-only edges and the resets and give-ups every stack
 * has) holds an edge from `from` to `to`. */
bool synack_state_transition_is_legal (SynackState from, SynackState to);

/* Sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4). */
static inline bool synack_seq_lt (uint32_t a, uint32_t b) { return (int32_t) (a - b) < 0; }
static inline bool synack_seq_le (uint32_t a, uint32_t b) { return (int32_t) (a - b) <= 0; }
static inline bool synack_seq_gt (uint32_t a, uint32_t b) { return (int32_t) (a - b) > 0; }
static inline bool synack_seq_ge (uint32_t a, uint32_t b) { return (int32_t) (a - b) >= 0; }
