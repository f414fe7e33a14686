/* synack-trace.h: the record of a run, the only thing views and exports read. */
#pragma once

#include <stddef.h>

#include "synack-options.h"
#include "synack-types.h"

typedef enum {
  SYNACK_EVENT_APP,       /* an application call, or the result it got */
  SYNACK_EVENT_STATE,     /* a socket changed state */
  SYNACK_EVENT_SEND,      /* a segment left a host */
  SYNACK_EVENT_DELIVER,   /* a segment reached a host */
  SYNACK_EVENT_LOST,      /* a segment vanished; t is when it would have arrived */
  SYNACK_EVENT_DUPLICATE, /* the network made a copy of a segment, to arrive later */
  SYNACK_EVENT_TIMER,
  SYNACK_N_EVENT_TYPES
} SynackEventType;

/* Why a socket changed state: the text of each is stable, traces carry it. */
typedef enum {
  SYNACK_CAUSE_LISTEN_CALL,
  SYNACK_CAUSE_CONNECT_CALL,
  SYNACK_CAUSE_CLOSE_CALL,
  SYNACK_CAUSE_SHUTDOWN_CALL,
  SYNACK_CAUSE_ABORT_CALL,
  SYNACK_CAUSE_CRASH,
  SYNACK_CAUSE_SYN_RECEIVED,
  SYNACK_CAUSE_SYN_ACK_RECEIVED,
  SYNACK_CAUSE_ACK_RECEIVED,       /* the handshake's ACK, or the ACK of our FIN */
  SYNACK_CAUSE_FIN_RECEIVED,
  SYNACK_CAUSE_FIN_ACK_RECEIVED,   /* a FIN that also acknowledges ours */
  SYNACK_CAUSE_RST_RECEIVED,
  SYNACK_CAUSE_TIME_WAIT_EXPIRED,
  SYNACK_CAUSE_FIN_WAIT_2_EXPIRED,
  SYNACK_CAUSE_RETRIES_EXHAUSTED,
  SYNACK_CAUSE_KEEPALIVE_EXHAUSTED,
  SYNACK_CAUSE_DATA_AFTER_CLOSE,   /* Linux resets a closed socket that still gets data */
  SYNACK_CAUSE_UNREAD_DATA,        /* close() with unread data sends RST (Linux) */
  SYNACK_CAUSE_NEW_SYN,            /* a new SYN reopened a TIME_WAIT 4-tuple */
  SYNACK_CAUSE_TIME_WAIT_OVERFLOW, /* no TIME_WAIT bucket left (tcp_max_tw_buckets): CLOSED at once */
  SYNACK_CAUSE_SYN_COOKIE,         /* an ACK returned a valid SYN cookie: a socket made from it */
  SYNACK_CAUSE_ACCEPT_QUEUE_FULL,  /* tcp_abort_on_overflow: the final ACK found no room */
  SYNACK_CAUSE_TWO_WAY,            /* two-way: the SYN-ACK sent is taken as the connection made */
  SYNACK_N_CAUSES
} SynackCause;

/* What a host did with a segment that reached it. */
typedef enum {
  SYNACK_VERDICT_ACCEPTED,
  SYNACK_VERDICT_NO_SOCKET,        /* nothing there: answered with RST */
  SYNACK_VERDICT_UNACCEPTABLE,     /* outside the window: ACKed again, then dropped */
  SYNACK_VERDICT_BAD_ACK,          /* acknowledges something never sent */
  SYNACK_VERDICT_NO_ACK,           /* no ACK bit in a synchronized state: dropped */
  SYNACK_VERDICT_IGNORED,          /* nothing to do with it */
  SYNACK_VERDICT_CHALLENGE_ACK,    /* RST or SYN not at the exact edge: RFC 5961 */
  SYNACK_VERDICT_RESET,            /* a RST that closed the connection */
  SYNACK_VERDICT_STALE_DATA,       /* bytes of an earlier connection taken as this one's */
  SYNACK_VERDICT_UNREACHABLE,      /* the host was unplugged */
  SYNACK_VERDICT_PAWS,             /* an old timestamp: RFC 7323's PAWS dropped it */
  SYNACK_VERDICT_OUT_OF_ORDER,     /* beyond a hole: held, SACKed, the hole ACKed again */
  SYNACK_VERDICT_SYN_QUEUE_FULL,   /* a SYN the listener's SYN queue had no room for: dropped */
  SYNACK_VERDICT_ACCEPT_QUEUE_FULL,/* the accept queue is full: a SYN, or the final ACK, dropped */
  SYNACK_VERDICT_ACCEPT_QUEUE_RESET,/* ... and tcp_abort_on_overflow answers the final ACK with RST */
  SYNACK_VERDICT_SYN_COOKIE_SENT,  /* a SYN answered with a SYN cookie, nothing kept */
  SYNACK_VERDICT_SYN_COOKIE_VALID, /* an ACK whose cookie decodes: a connection made from it */
  SYNACK_N_VERDICTS
} SynackVerdict;

typedef enum {
  SYNACK_LOSS_RANDOM,
  SYNACK_LOSS_SCRIPTED,
  SYNACK_LOSS_UNPLUGGED,
  SYNACK_LOSS_INFERRED,   /* imported: the capture shows the sender acting as if it was lost */
  SYNACK_LOSS_SPOOFED,    /* sent to a forged source address, where nobody answers */
  SYNACK_N_LOSS_REASONS
} SynackLossReason;

/* The header of a segment, as it appeared on the wire. */
typedef struct {
  uint16_t src_port;
  uint16_t dst_port;
  uint32_t seq;
  uint32_t ack;
  uint32_t len;      /* payload bytes */
  uint16_t win;      /* the window in bytes, before any scaling */
  uint8_t  flags;    /* SynackFlags */
  SynackOptions options;
  /* The client side's IP address when it is not the client's own: the
   * forged source of an attacker's SYN, the destination of the server's
   * answer to it. 0: the client (10.0.0.1). */
  uint32_t spoofed_addr;
} SynackHeader;

/* A SYN cookie taken apart (Linux's net/ipv4/syncookies.c): the sequence
 * number is hash1 + the client's ISN + (count << 24) + ((hash2 + the MSS
 * index) mod 2^24), hash1 and hash2 keyed hashes of the 4-tuple, hash2's
 * also of count, a minute counter. */
typedef struct {
  bool     present;
  bool     valid;      /* an ACK's: the cookie decoded to a recent count and a known MSS index */
  uint32_t count;      /* the minute counter it was made at */
  uint32_t mss_index;  /* into the table of MSS values (536, 1300, 1440, 1460) */
  uint32_t mss;
  uint32_t hash1;
  uint32_t hash2;      /* the low 24 bits count */
  uint32_t client_isn;
} SynackSynCookie;

/* A listener's queues after a segment reached it (Linux's request sock
 * queue and accept queue), with their limits. */
typedef struct {
  bool     present;
  uint32_t syn_queue;      /* half-open: SYN_RECEIVED */
  uint32_t accept_queue;   /* ESTABLISHED, waiting for accept() */
  uint32_t backlog;        /* listen()'s backlog, capped by somaxconn */
  bool     flood_warning;  /* the first overflow: the kernel logs "Possible SYN flooding" */
  bool     cookies;        /* ... and is sending cookies (else dropping) */
} SynackQueueCensus;

typedef struct {
  SynackTime      t;
  SynackEventType type;
  SynackHostId    host;        /* who acted: sender for SEND and LOST, receiver for DELIVER */
  uint32_t        conn;        /* 0 for a listener or when no connection owns it */

  /* Each kind has fields of its own; only those of `type` are meaningful. */
  union {
    /* SYNACK_EVENT_APP */
    struct {
      SynackCall      call;
      SynackResult    result;
      uint64_t        bytes;       /* send and recv: the byte count */
      uint16_t        port;        /* listen: the port, so two listeners can be told apart */
    };

    /* SYNACK_EVENT_STATE */
    struct {
      SynackState     from, to;
      SynackCause     cause;
      bool            unproven;    /* imported from a capture that cannot prove it */
    };

    /* SEND, DELIVER, LOST, DUPLICATE: the segment's number and header */
    struct {
      uint32_t         seg;
      SynackHeader     hdr;
      uint32_t         rexmit;      /* 0 for a first transmission, n for the n-th retransmission */
      bool             duplicate;   /* the network's copy, not the original */
      SynackVerdict    verdict;     /* DELIVER */
      uint32_t         stale_conn;  /* DELIVER, STALE_DATA: the connection the bytes came from */
      SynackLossReason loss_reason; /* LOST */
      SynackTime       copy_arrives;/* DUPLICATE: when the copy arrives */
      SynackSynCookie  cookie;      /* SEND of a SYN-ACK, DELIVER of an ACK to a listener */
      SynackQueueCensus queues;     /* DELIVER to a listener */
    };

    /* SYNACK_EVENT_TIMER */
    struct {
      SynackTimerKind   timer;
      SynackTimerAction action;
      SynackTime        expires;   /* START: the deadline */
      SynackTime        duration;  /* START: what the stack asked for; the tick clock may fire it later, at expires */
    };
  };
} SynackEvent;

/* One connection of the run: the client's side of a 4-tuple incarnation. */
typedef struct {
  uint32_t conn;
  uint16_t client_port;
  uint16_t server_port;
  uint32_t client_iss;
  uint32_t server_iss;
  bool     server_iss_known;
  bool     forged;     /* the client side is an attacker's forged address */
} SynackConnInfo;

/* Where trace events go. The default collects them in memory; with a sink
 * (a benchmark's counter, synack-cli's streaming output) they go there
 * instead, so memory does not grow with the events. The connection records
 * are kept either way (a JSON trace lists them first) unless
 * without_conn_records says nobody will read them: then memory follows the
 * sockets alive, not the connections made. */
typedef struct SynackTrace SynackTrace;
typedef void (*SynackTraceSink) (const SynackEvent *event, void *user_data);

struct SynackTrace {
  SynackEvent    *events;
  size_t          n_events;
  size_t          capacity;
  SynackConnInfo *conns;       /* in the order the connections opened */
  size_t          n_conns;
  size_t          conns_capacity;
  /* Open addressing from a connection number to 1 + its index in conns
   * (0: empty), so finding a record never scans the table. */
  uint32_t       *conn_slots;
  size_t          n_conn_slots; /* a power of two, or 0 */
  uint32_t        n_segments;
  SynackTime      end_time;
  /* The hosts' addresses as text when they are not the simulated ones
   * (an imported capture's); "" for 10.0.0.1 and 10.0.0.2. */
  char            host_address[2][48];
  uint64_t        emitted;     /* events seen, kept or not */

  SynackTraceSink sink;        /* if set, events go here and are not kept */
  void           *sink_data;
  bool            without_conn_records;
};

void synack_trace_init  (SynackTrace *trace);
void synack_trace_clear (SynackTrace *trace);

/* Adds the event to the kept ones (synack_trace_append() without a sink). */
bool synack_trace_keep (SynackTrace *trace, const SynackEvent *event);

/* Returns false only if memory ran out. Inline: it runs for every event. */
static inline bool
synack_trace_append (SynackTrace *trace, const SynackEvent *event)
{
  trace->emitted++;
  if (event->t > trace->end_time)
    trace->end_time = event->t;
  if (event->type == SYNACK_EVENT_SEND && event->seg > trace->n_segments)
    trace->n_segments = event->seg;

  if (trace->sink)
    {
      trace->sink (event, trace->sink_data);
      return true;
    }
  return synack_trace_keep (trace, event);
}
/* The record of connection `conn`, added (zeroed but for its number) if
 * there is none yet; NULL if memory ran out or records are not kept. */
SynackConnInfo *synack_trace_conn (SynackTrace *trace, uint32_t conn);
/* Bytes of what the trace keeps: its events (none with a sink) and a
 * record per connection. The engine holds a run to memory-limit with it,
 * after every event, hence inline. What is used, not what is allocated,
 * so the limit does not depend on how the arrays grow; a record also has
 * its two index slots. */
static inline size_t
synack_trace_memory (const SynackTrace *trace)
{
  return trace->n_events * sizeof *trace->events +
         trace->n_conns * (sizeof *trace->conns + 2 * sizeof *trace->conn_slots);
}

/* The record of connection `conn`, or NULL if it has none. */
const SynackConnInfo *synack_trace_find_conn (const SynackTrace *trace, uint32_t conn);

/* The index of the SEND event of segment `seg`, or -1. Segments are numbered
 * in sending order, so this is a search over a sorted sequence. */
long synack_trace_find_send (const SynackTrace *trace, uint32_t seg);

/* The index of the event where segment `seg` ended (DELIVER or LOST) that
 * comes after `send_index`, or -1 if it was still in flight at the end. */
long synack_trace_find_arrival (const SynackTrace *trace, long send_index);

/* The state of a host's side of a connection after event `upto` (inclusive;
 * -1 for "before the first"). conn 0 means the host's latest connection. */
SynackState synack_trace_state_at (const SynackTrace *trace, SynackHostId host,
                                   uint32_t conn, long upto);

const char *synack_event_type_to_string  (SynackEventType type);
const char *synack_cause_to_string       (SynackCause cause);
const char *synack_verdict_to_string     (SynackVerdict verdict);
const char *synack_loss_reason_to_string (SynackLossReason reason);
