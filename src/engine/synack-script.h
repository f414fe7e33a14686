/* synack-script.h: what the applications do and what the network does wrong:
 * the input of a run, apart from its parameters. */
#pragma once

#include <stddef.h>

#include "synack-params.h"
#include "synack-trace.h"

/* The socket call an action makes. */
typedef enum {
  SYNACK_DO_LISTEN,          /* port */
  SYNACK_DO_CONNECT,         /* port (remote), local_port (0: ephemeral) */
  SYNACK_DO_SEND,            /* bytes */
  SYNACK_DO_SHUTDOWN_WRITE,
  SYNACK_DO_CLOSE,
  SYNACK_DO_ABORT,           /* close() with SO_LINGER 0: RST, no TIME_WAIT */
  SYNACK_DO_READ_OFF,        /* stop reading: data piles up in the receive buffer */
  SYNACK_DO_READ_ON,
  SYNACK_DO_CRASH,           /* the host loses every socket without a word */
  SYNACK_DO_UNPLUG,          /* the host's cable is pulled: segments to and from it vanish */
  SYNACK_DO_PLUG,
  SYNACK_DO_ACCEPT,          /* port: accept() one connection from the listener's accept queue */
  SYNACK_DO_SYN_FLOOD,       /* port; SYNs from forged addresses of flood_net/flood_prefix */
  SYNACK_DO_CLOSE_LISTENER,  /* port: close() the listening socket */
} SynackDo;

/* What a reactive action waits for on a connection. */
typedef enum {
  SYNACK_WHEN_TIME,          /* at an absolute time */
  SYNACK_WHEN_ESTABLISHED,   /* the host's side of the connection reached ESTABLISHED */
  SYNACK_WHEN_RECEIVED,      /* the application has read `amount` bytes in all */
  SYNACK_WHEN_EOF,           /* the application read end of stream: the peer closed */
  SYNACK_WHEN_CLOSED,        /* the host's side of the connection is gone (CLOSED) */
} SynackWhen;

/* Which connection an action applies to. */
#define SYNACK_CONN_LATEST  0u   /* the host's most recent connection */
#define SYNACK_CONN_EACH    0u   /* for a reactive action: every connection */

typedef struct {
  SynackWhen   when;
  SynackTime   at;            /* SYNACK_WHEN_TIME: the time; otherwise the delay after the trigger */
  SynackHostId trigger_host;  /* whose event triggers a reactive action */
  uint64_t     amount;        /* SYNACK_WHEN_RECEIVED: the byte count */
  bool         each;          /* SYNACK_WHEN_RECEIVED: at every multiple of amount, not once */

  SynackHostId host;          /* who acts */
  SynackDo     what;
  uint32_t     conn;          /* SYNACK_CONN_LATEST / SYNACK_CONN_EACH, or a connection number */
  uint16_t     port;
  uint16_t     local_port;
  uint64_t     bytes;
  bool         has_isn;
  uint32_t     isn;
  bool         reuseaddr;     /* connect, listen: SO_REUSEADDR before binding the local port */

  /* listen: the backlog (has_backlog false: SOMAXCONN, as most servers ask)
   * and how the application accepts: at once (accept_paced false), every
   * accept_every, or only on accept actions (accept_every 0). */
  bool         has_backlog;
  uint32_t     backlog;
  bool         accept_paced;
  SynackTime   accept_every;

  /* syn-flood: `repeat` + 1 SYNs, `every` apart, each from a random
   * address of flood_net/flood_prefix and a random port. */
  uint32_t     flood_net;
  unsigned     flood_prefix;

  /* A connect or send may repeat: `repeat` more times, `every` apart, or
   * with `poisson` at random gaps averaging `every` (arrivals of a Poisson
   * process, drawn from the seed). A connect opens `burst` connections at
   * each arrival (0 counts as 1). */
  uint32_t     repeat;
  SynackTime   every;
  bool         poisson;
  uint32_t     burst;

  unsigned     line;          /* where it came from, for messages */
} SynackAction;

/* Which segments a fault picks. */
typedef enum {
  SYNACK_MATCH_ANY,
  SYNACK_MATCH_SYN,          /* SYN without ACK */
  SYNACK_MATCH_SYN_ACK,
  SYNACK_MATCH_ACK,          /* a bare ACK: no data, SYN, FIN or RST */
  SYNACK_MATCH_DATA,         /* carries payload */
  SYNACK_MATCH_FIN,
  SYNACK_MATCH_RST,
} SynackMatchKind;

typedef enum {
  SYNACK_FAULT_LOSE,
  SYNACK_FAULT_DELAY,        /* arrive `extra` later than normal */
  SYNACK_FAULT_DUPLICATE,    /* deliver normally and a copy `extra` later */
} SynackFaultKind;

typedef struct {
  SynackFaultKind kind;
  bool            any_direction;
  SynackDirection direction;
  SynackMatchKind match;
  uint32_t        conn;       /* 0: any connection */
  uint32_t        nth;        /* 1-based occurrence among matches; 0: every match */
  bool            and_later;  /* with nth: that occurrence and every one after it */
  uint32_t        segment;    /* nonzero: exactly the segment with this number */
  SynackTime      from;       /* only segments sent at or after this time (a cable cut one way) */
  SynackTime      extra;
  unsigned        line;
} SynackFault;

typedef struct {
  SynackParams  params;
  SynackAction *actions;
  size_t        n_actions;
  SynackFault  *faults;
  size_t        n_faults;
} SynackScript;

const char *synack_match_to_string (SynackMatchKind match);
/* True if a segment with this header is of the kind (faults, quiz moments). */
bool        synack_match_kind_matches (SynackMatchKind match, const SynackHeader *hdr);
const char *synack_do_to_string    (SynackDo what);
