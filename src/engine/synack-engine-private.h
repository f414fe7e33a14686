/* synack-engine-private.h: the structures the engine's files share: the run,
 * its two hosts, their sockets and the segments in flight. */
#pragma once

#include "synack-engine.h"
#include "synack-prng.h"
#include "synack-scheduler.h"
#include "synack-testing.h"
#include "synack-ticks.h"

typedef struct SynackSocket SynackSocket;

typedef struct {
  SynackSchedEntry entry;
  SynackSocket    *sock;
  SynackTimerKind  kind;
} SynackTimer;

struct SynackSocket {
  SynackEngine *engine;
  SynackHostId  host;
  uint32_t      conn;
  SynackState   state;
  bool          listener;
  bool          has_fixed_isn;   /* listener: children use iss as their ISN */
  uint16_t      local_port;
  uint16_t      remote_port;
  uint32_t      remote_addr;     /* the peer's forged address, or 0: see SynackHeader */

  /* Send sequence space (RFC 9293 3.3.1); snd_max is the highest sequence
   * ever sent, so a segment below it is a retransmission. */
  uint32_t iss;
  uint32_t snd_una;
  uint32_t snd_nxt;
  uint32_t snd_max;
  uint32_t snd_wnd;
  uint32_t data_end;       /* just past the last byte the application wrote */
  bool     fin_queued;     /* close() or shutdown(): a FIN follows the data */
  bool     handshake_retransmitted;
  bool     after_timeout;  /* one segment at a time until new data is ACKed */

  /* Receive sequence space. */
  uint32_t irs;
  uint32_t rcv_nxt;
  uint32_t unread;         /* bytes the application has not read yet */
  uint64_t received;       /* bytes the application has read, in all */
  bool     peer_fin;       /* the peer's FIN has arrived in order */
  bool     eof_seen;       /* ... and the application has read it */

  /* What the application did. */
  bool     app_closed;     /* close(): the socket is orphaned */
  bool     write_shut;     /* shutdown(SHUT_WR) or close() */
  bool     read_off;
  bool     connect_pending;
  bool     accepted;       /* passive side: accept() has returned it */
  bool     reuseaddr;      /* SO_REUSEADDR: its port may be bound again while it lingers */
  SynackTime time_wait_since;

  /* A listener's two queues (Linux's icsk_accept_queue): the half-open
   * connections, counted, and the established ones nobody has accepted
   * yet, oldest first. */
  uint32_t      backlog;          /* listen()'s, capped by somaxconn */
  uint32_t      syn_queue_len;
  uint32_t      syn_queue_young;  /* ... of which never timed out */
  uint32_t      accept_queue_len;
  SynackSocket *accept_head;
  SynackSocket *accept_tail;
  bool          accept_paced;     /* the application accepts when it says so, not at once */
  SynackTime    accept_every;     /* ... every this long (0: only by an accept action) */
  SynackSchedEntry accept_pace;   /* the next paced accept() */
  SynackTime    next_accept_at;   /* ... not before this */
  uint32_t      accepts_waiting;  /* accept() calls blocked on an empty queue */
  bool          flood_warned;     /* "Possible SYN flooding" is logged once */
  bool          overflowed;       /* cookies were sent at last_overflow */
  SynackTime    last_overflow;
  /* A passive child's place in them. */
  bool          in_syn_queue;
  bool          in_accept_queue;
  bool          overflow_acked;   /* its final ACK found the accept queue full (Linux's req->acked) */
  SynackSocket *next_in_accept_queue;

  /* RFC 6298 estimator; Karn's rule says time one unretransmitted segment. */
  SynackTime srtt;
  SynackTime rttvar;
  SynackTime rto;
  bool       have_rtt;
  bool       rtt_timing;
  uint32_t   rtt_seq;      /* timed segment's end */
  SynackTime rtt_start;
  uint32_t   retransmits;  /* consecutive timeouts of the oldest segment */

  /* Linux's delayed-ACK machinery (net/ipv4/tcp_input.c). */
  bool       ack_pending;
  bool       pingpong;     /* interactive: hold ACKs to ride on replies */
  uint32_t   quick_acks;   /* segments still ACKed at once after start */
  bool       ever_received_data;
  SynackTime last_data_time;

  bool       invalid_ack_sent;
  SynackTime last_invalid_ack;

  uint32_t   keepalive_probes_out;

  /* The options both ends agreed in the handshake (RFC 7323, RFC 2018). */
  bool       ts_ok;
  bool       sack_ok;
  bool       wscale_ok;
  uint8_t    snd_wscale;    /* the peer's shift: its windows come scaled by it */
  /* TS.Recent (RFC 7323 4.3): the TSval to echo, and when it was taken;
   * PAWS rejects a segment whose TSval is older. */
  bool       have_ts_recent;
  uint32_t   ts_recent;
  SynackTime ts_recent_stamp;
  uint32_t   rcv_wup;       /* Last.ACK.sent: RCV.NXT in the last ACK we sent */
  /* Data that arrived beyond a hole, as sequence ranges (the bytes are
   * counted, not kept), most recent first: what the SACK blocks report. */
  SynackSackBlock out_of_order[SYNACK_SACK_BLOCKS_MAX];
  uint8_t    n_out_of_order;
  /* A D-SACK block (RFC 2883) for the next segment only: data seen twice. */
  bool       dsack_pending;
  SynackSackBlock dsack;

  SynackTimer timers[SYNACK_N_TIMERS];

  SynackSocket *next_by_tuple;
  SynackSocket *next_by_conn;
};

/* A chained hash of sockets with an intrusive next pointer, so lookups by
 * 4-tuple (for segments) and by connection (for application calls) are
 * constant time and allocate nothing per entry. */
typedef struct {
  SynackSocket **buckets;
  size_t         n_buckets;
  size_t         n;
  bool           by_conn;
} SynackSocketMap;

typedef struct {
  SynackHostId     id;
  SynackSocketMap  by_tuple;
  SynackSocketMap  by_conn;
  SynackSocket    *listeners[8];
  unsigned         n_listeners;
  uint16_t         next_port;
  uint16_t         port_low, port_high;  /* its ip_local_port_range */
  uint32_t         time_wait_count;      /* sockets in TIME_WAIT, against tcp_max_tw_buckets */
  bool             unplugged;
  uint32_t         latest_conn;

  /* Ports only free up when a socket leaves: after a full scan found none
   * for a remote port, the next connect fails at once until one does. */
  uint64_t         departures;
  bool             ports_exhausted;
  uint16_t         exhausted_remote_port;
  uint64_t         exhausted_at;
} SynackHost;

/* A segment on the wire. */
typedef struct {
  SynackSchedEntry entry;
  SynackHeader     hdr;
  SynackDirection  dir;
  uint32_t         seg;
  uint32_t         rexmit;
  uint32_t         origin_conn;  /* whose bytes these are; not on the wire */
  bool             duplicate;
  int              lost;         /* a SynackLossReason, or -1 if it arrives */
} SynackFlight;

/* An application call waiting for its time. */
typedef struct {
  SynackSchedEntry    entry;
  const SynackAction *action;
  uint32_t            conn;       /* resolved connection, or 0 */
  uint32_t            remaining;  /* repeating connect or send: how many more */
  uint32_t            arrivals;   /* a Poisson repeat: gaps drawn so far */
} SynackPendingCall;

/* The reactions one connection event triggered, performed one at a time in
 * the order of their delays: a single queued entry per event rather than
 * one per reaction, so memory follows the connections alive, not
 * reactions times connections. */
typedef struct {
  SynackSchedEntry entry;
  SynackWhen       what;
  SynackHostId     host;
  uint32_t         conn;
  uint64_t         before;       /* SYNACK_WHEN_RECEIVED: bytes read before the event */
  uint64_t         received;     /* and after it */
  SynackTime       triggered;    /* when the event happened */
  uint64_t         first_place;  /* the scheduler's tie places set aside then, one per action */
  size_t           next;         /* index in the engine's reactions of the next one due */
} SynackPendingReactions;

struct SynackEngine {
  SynackParams        params;
  const SynackScript *script;
  SynackTrace        *trace;
  SynackScheduler     sched;
  SynackPrng          prng;
  SynackTickClock     ticks;
  SynackHost          hosts[SYNACK_N_HOSTS];
  SynackEngineError   error;
  SynackRunStats      stats;
  size_t              live_sockets;

  uint32_t            next_seg;
  uint32_t            next_conn;
  size_t              n_reserved;  /* connects with a number of their own */
  uint32_t           *fault_hits;  /* per fault: matches seen so far */

  const SynackAction **reactions;  /* actions that wait for an event, by delay */
  size_t               n_reactions;
  size_t               pending_calls;  /* application calls and reaction walks queued */

  const int           *cancel;        /* raised by another thread to stop the run, or NULL */

  /* While a segment is delivered, the events it causes wait here so its
   * DELIVER event, emitted once its verdict is known, can precede them. */
  bool                 deferring;
  SynackEvent         *deferred;
  size_t               n_deferred;
  size_t               deferred_capacity;

  SynackSocket        *free_sockets;
  SynackFlight        *free_flights;
  SynackPendingReactions *free_walks;
};

static inline SynackTime
synack_now (const SynackEngine *engine)
{
  return engine->sched.now;
}

/* synack-engine.c */
void synack_engine_emit      (SynackEngine *engine, const SynackEvent *event);
/* From now on emitted events are held back, until
 * synack_engine_emit_deferred() emits `first` and then them, in order. */
void synack_engine_defer_events  (SynackEngine *engine);
void synack_engine_emit_deferred (SynackEngine *engine, const SynackEvent *first);
void synack_engine_fail      (SynackEngine *engine, SynackEngineError error);
/* A number for a connection the script did not number itself. */
uint32_t synack_engine_new_conn (SynackEngine *engine);
/* A listen() call, with its port. */
void synack_engine_listen_event (SynackEngine *engine, SynackHostId host, uint16_t port, SynackResult result);
void synack_engine_app_event (SynackEngine *engine, SynackHostId host, uint32_t conn,
                              SynackCall call, SynackResult result, uint64_t bytes);
/* A connection event happened; schedules the reactions waiting for it.
 * `before` is the byte count read before, for SYNACK_WHEN_RECEIVED. */
void synack_engine_notify    (SynackEngine *engine, SynackSocket *sock, SynackWhen what,
                              uint64_t before);

/* synack-host.c */
void          synack_host_init        (SynackHost *host, SynackHostId id, const SynackParams *params);
void          synack_host_clear       (SynackEngine *engine, SynackHost *host);
SynackSocket *synack_socket_new       (SynackEngine *engine, SynackHostId host);
void          synack_socket_free      (SynackSocket *sock);
bool          synack_host_bind        (SynackHost *host, SynackSocket *sock);
void          synack_host_unbind      (SynackHost *host, SynackSocket *sock);
SynackSocket *synack_host_lookup      (SynackHost *host, uint16_t local_port, uint16_t remote_port);
/* The same for a peer at a forged address (0: the client's own). */
SynackSocket *synack_host_lookup_addr (SynackHost *host, uint32_t remote_addr, uint16_t local_port,
                                       uint16_t remote_port);
SynackSocket *synack_host_find_conn   (SynackHost *host, uint32_t conn);
/* A socket whose local port keeps bind(port) from succeeding, or NULL. */
SynackSocket *synack_host_bind_conflict (SynackHost *host, uint16_t port, bool reuseaddr);
SynackSocket *synack_host_listener    (SynackHost *host, uint16_t port);
bool          synack_host_add_listener    (SynackHost *host, SynackSocket *sock);
void          synack_host_remove_listener (SynackHost *host, SynackSocket *sock);
/* A free ephemeral port towards remote_port, or 0 if all are taken. */
/* Whether connect() may take over the 4-tuple old holds (a TIME_WAIT). */
typedef bool (*SynackTakeable) (SynackSocket *old, void *data);
uint16_t      synack_host_pick_port   (SynackHost *host, uint16_t remote_port, SynackTakeable takeable, void *data);

/* synack-network.c */
void synack_network_send (SynackEngine *engine, SynackHostId from, const SynackHeader *hdr,
                          uint32_t conn, uint32_t rexmit);
/* The same for a SYN-ACK whose sequence number is a SYN cookie. */
void synack_network_send_cookie (SynackEngine *engine, SynackHostId from, const SynackHeader *hdr,
                                 uint32_t conn, uint32_t rexmit, const SynackSynCookie *cookie);
void synack_network_set_unplugged (SynackEngine *engine, SynackHostId host, bool unplugged);
/* Frees a queued entry if it is a segment in flight (at the end of a run). */
void synack_network_discard   (SynackEngine *engine, SynackSchedEntry *entry);
void synack_network_free_pool (SynackEngine *engine);

/* synack-tcp-input.c: a segment reaches a host. */
void synack_tcp_input        (SynackEngine *engine, SynackHostId host, const SynackFlight *flight);

/* synack-tcp.c */
void synack_tcp_set_state    (SynackSocket *sock, SynackState to, SynackCause cause);
/* The socket is gone with its host: CLOSED, nothing sent, freed. */
void synack_tcp_vanish       (SynackSocket *sock);

/* synack-tcp-user.c: the application's calls. */
SynackResult synack_tcp_listen   (SynackEngine *engine, SynackHostId host, const SynackAction *action);
/* close() on a listening socket: its unaccepted connections are reset. */
SynackResult synack_tcp_close_listener (SynackEngine *engine, SynackHostId host, uint16_t port);
/* accept(): the oldest connection of the listener's accept queue, if any. */
SynackResult synack_tcp_accept   (SynackEngine *engine, SynackHostId host, uint16_t port);
SynackResult synack_tcp_connect  (SynackEngine *engine, SynackHostId host, uint32_t conn,
                                  uint16_t local_port, uint16_t remote_port,
                                  bool has_isn, uint32_t isn, bool reuseaddr);
SynackResult synack_tcp_send     (SynackSocket *sock, uint64_t bytes);
SynackResult synack_tcp_shutdown (SynackSocket *sock);
SynackResult synack_tcp_close    (SynackSocket *sock);
SynackResult synack_tcp_abort    (SynackSocket *sock);
void         synack_tcp_set_reading (SynackSocket *sock, bool reading);
