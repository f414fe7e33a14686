/* synack-tcp-private.h: what the TCP files share: the connection's life
 * (synack-tcp.c), output, timers with RTT estimation, and their helpers. */
#pragma once

#include "synack-engine-private.h"

static inline const SynackParams *
synack_tcp_params (const SynackSocket *sock)
{
  return &sock->engine->params;
}

static inline SynackHost *
synack_tcp_host (SynackSocket *sock)
{
  return &sock->engine->hosts[sock->host];
}

static inline bool
synack_tcp_is_linux (const SynackSocket *sock)
{
  return synack_tcp_params (sock)->profile == SYNACK_PROFILE_LINUX;
}

static inline SynackTime
synack_min_time (SynackTime a, SynackTime b)
{
  return a < b ? a : b;
}

static inline SynackTime
synack_max_time (SynackTime a, SynackTime b)
{
  return a > b ? a : b;
}

static inline void
synack_tcp_app_event (SynackSocket *sock, SynackCall call, SynackResult result, uint64_t bytes)
{
  synack_engine_app_event (sock->engine, sock->host, sock->conn, call, result, bytes);
}

/* SEG.LEN: the sequence space a segment occupies, SYN and FIN one each. */
static inline uint32_t
synack_tcp_segment_length (const SynackHeader *hdr)
{
  return hdr->len + !!(hdr->flags & SYNACK_FLAG_SYN) + !!(hdr->flags & SYNACK_FLAG_FIN);
}

/* Our FIN has been sent and acknowledged. */
static inline bool
synack_tcp_fin_acked (const SynackSocket *sock)
{
  return sock->fin_queued && synack_seq_gt (sock->snd_una, sock->data_end);
}

/* ---- synack-tcp.c: the connection's life -------------------------------- */

/* Ends a socket: its timers stop, it becomes CLOSED and leaves the table.
 * The socket is freed: callers return straight after. */
void     synack_tcp_destroy         (SynackSocket *sock, SynackCause cause);
void     synack_tcp_established     (SynackSocket *sock, SynackCause cause);
bool     synack_tcp_enter_time_wait (SynackSocket *sock, SynackCause cause);
void     synack_tcp_close_without_time_wait (SynackSocket *sock);
void     synack_tcp_enter_fin_wait_2 (SynackSocket *sock);
/* Tells the application the connection failed, if there is one to tell. */
void     synack_tcp_report_error    (SynackSocket *sock, SynackResult error);
/* The ISN given, or the profile's choice for the socket's 4-tuple (its
 * ports are set): RFC 6528's clock and hash for linux, random for rfc9293. */
uint32_t synack_tcp_choose_isn      (const SynackSocket *sock, bool has_isn, uint32_t isn);
void     synack_tcp_set_isn         (SynackSocket *sock, uint32_t iss);
/* Writes the socket's ports and ISN into the trace's connection table. */
void     synack_tcp_record_conn     (SynackSocket *sock);
/* The application reads what waits in the receive buffer, then the FIN. */
void     synack_tcp_read_waiting    (SynackSocket *sock);
/* The application reads the peer's FIN, if it has arrived and may be read. */
void     synack_tcp_read_eof        (SynackSocket *sock);

/* ---- synack-tcp-output.c ------------------------------------------------ */

uint32_t synack_tcp_receive_window  (const SynackSocket *sock);
bool     synack_tcp_can_send_data   (const SynackSocket *sock);
void     synack_tcp_send_segment    (SynackSocket *sock, unsigned flags, uint32_t seq,
                                     uint32_t len, uint32_t rexmit);
void     synack_tcp_send_ack        (SynackSocket *sock);
/* Answers a segment we will not take, rate-limited like Linux. */
void     synack_tcp_send_invalid_ack (SynackSocket *sock, const SynackHeader *in);
void     synack_tcp_send_reset      (SynackSocket *sock);
void     synack_tcp_send_syn        (SynackSocket *sock, uint32_t rexmit);
/* The RST that answers a segment nobody should have received (RFC 9293
 * 3.10.7.1): <SEQ=SEG.ACK><CTL=RST>, or <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. */
void     synack_tcp_reply_reset     (SynackEngine *engine, SynackHostId host,
                                     const SynackFlight *flight);
/* Sends what the window allows: new or retransmitted data, then the FIN. */
void     synack_tcp_output          (SynackSocket *sock);
/* Acknowledges what arrived, at once or (delayed ACK) a little later. */
void     synack_tcp_acknowledge     (SynackSocket *sock, bool now);

/* ---- synack-tcp-options.c: options out, options in, PAWS --------------- */

/* The window scale a socket offers. Linux 6.18 picks it from the largest
 * receive buffer it may grow to (tcp_select_initial_window(): log2 of
 * tcp_rmem[2], 32 MiB, less 15): 10, as every capture in
 * tests/reference/linux shows. A smaller window is what a small SO_RCVBUF
 * gives, which clamps that buffer, and so the scale, to 0. */
static inline uint8_t
synack_tcp_window_scale (const SynackSocket *sock)
{
  return synack_tcp_params (sock)->window < 65535 ? 0 : 10;
}

/* The options of a segment the socket sends now with `flags`. */
void     synack_tcp_options_for_segment (SynackSocket *sock, unsigned flags, SynackOptions *out);
/* A SYN or SYN-ACK arrived: keep what the peer offered that we offer too. */
void     synack_tcp_options_negotiate   (SynackSocket *sock, const SynackHeader *syn);
/* RFC 7323 5.3 (Linux's tcp_paws_discard()): true if the segment carries
 * a TSval older than TS.Recent, so must be dropped as an old duplicate. */
bool     synack_tcp_paws_rejects        (const SynackSocket *sock, const SynackHeader *in);
/* The same test in TIME_WAIT (tcp_paws_reject()): a RST is let through
 * once TS.Recent is more than 60 s old. */
bool     synack_tcp_paws_rejects_in_time_wait (const SynackSocket *sock, const SynackHeader *in);
/* RFC 7323 4.3: an acceptable segment at or below Last.ACK.sent updates
 * TS.Recent. */
void     synack_tcp_take_timestamp      (SynackSocket *sock, const SynackHeader *in);
/* RFC 2883: the next segment reports [start, end) as received twice. */
void     synack_tcp_report_duplicate    (SynackSocket *sock, uint32_t start, uint32_t end);
/* Out-of-order data [start, end) is held (as a range) and SACKed. */
void     synack_tcp_hold_out_of_order   (SynackSocket *sock, uint32_t start, uint32_t end);
/* In-order data reaches `upto`: how many held bytes follow on from there
 * (no longer holes), to be taken with it. */
uint32_t synack_tcp_take_held_data      (SynackSocket *sock, uint32_t upto);

/* ---- synack-tcp-timers.c ------------------------------------------------ */

void     synack_tcp_timer_start     (SynackSocket *sock, SynackTimerKind kind, SynackTime duration);
void     synack_tcp_timer_stop      (SynackSocket *sock, SynackTimerKind kind);
void     synack_tcp_timers_stop_all (SynackSocket *sock);
/* Starts the retransmission timer unless it is already running. */
void     synack_tcp_arm_retransmit  (SynackSocket *sock);
/* Takes what an acceptable ACK acknowledges: SND.UNA, the RTT sample, the
 * retransmission timer (RFC 6298 section 5). */
void     synack_tcp_ack_advance     (SynackSocket *sock, uint32_t ack);
/* The RTO once the handshake is over (RFC 6298 5.7). */
void     synack_tcp_rto_established (SynackSocket *sock);

/* When a timer started now for `duration` would fire (on the tick clock). */
static inline SynackTime
synack_tcp_timer_deadline (const SynackSocket *sock, SynackTime duration)
{
  return synack_ticks_deadline (&sock->engine->ticks, synack_now (sock->engine), duration);
}

static inline bool
synack_tcp_timer_running (const SynackSocket *sock, SynackTimerKind kind)
{
  return synack_sched_entry_pending (&sock->timers[kind].entry);
}

/* ---- synack-tcp-listen.c: a listener's SYN and accept queues ------------ */

/* What tcp_conn_request() does with a SYN that reaches a listener. */
typedef enum {
  SYNACK_ADMIT_QUEUE,                  /* a request in the SYN queue, a SYN-ACK */
  SYNACK_ADMIT_COOKIE,                 /* a SYN-ACK carrying a cookie, nothing kept */
  SYNACK_ADMIT_DROP_SYN_QUEUE_FULL,
  SYNACK_ADMIT_DROP_ACCEPT_QUEUE_FULL,
} SynackAdmission;

bool            synack_listener_syn_queue_full    (const SynackSocket *listener);
bool            synack_listener_accept_queue_full (const SynackSocket *listener);
/* The listener a passive child came from, or NULL if it is gone. */
SynackSocket   *synack_listener_of                (SynackSocket *child);
/* reopening: the SYN reopens a TIME_WAIT, with an ISN of its own. */
SynackAdmission synack_listener_admit_syn         (SynackSocket *listener, bool reopening,
                                                   SynackQueueCensus *census);
/* Cookies went out lately, so an unexpected ACK may carry one. */
bool            synack_listener_expects_cookies   (const SynackSocket *listener);
void            synack_listener_enter_syn_queue   (SynackSocket *listener, SynackSocket *child);
/* The child reached ESTABLISHED: into the accept queue, or accepted. */
void            synack_listener_established       (SynackSocket *child);
void            synack_listener_dequeue_accept    (SynackSocket *listener, SynackSocket *child);
/* The child is going away: out of whichever queue holds it. */
void            synack_listener_forget            (SynackSocket *child);
/* The SYN-ACK retries a half-open child has, fewer in a crowded SYN queue. */
uint32_t        synack_listener_synack_retries    (SynackSocket *child);
/* Its SYN-ACK timer fired: it is young no more. */
void            synack_listener_request_timed_out (SynackSocket *child);
void            synack_listener_accept_pace_due   (SynackSchedEntry *entry, void *context);
void            synack_listener_census            (const SynackSocket *listener, SynackQueueCensus *census);

/* ---- synack-syncookies.c ------------------------------------------------ */

/* The cookie that answers `syn` (the SYN-ACK's ISN), taken apart in `out`. */
uint32_t synack_syncookie_make  (const SynackEngine *engine, const SynackHeader *syn, uint32_t mss,
                                 SynackSynCookie *out);
/* Whether the ACK returns a cookie we made lately; `out` takes it apart. */
bool     synack_syncookie_check (const SynackEngine *engine, const SynackHeader *ack,
                                 SynackSynCookie *out);

/* ---- synack-syn-flood.c ------------------------------------------------- */

/* The attacker's `index`-th forged SYN of a syn-flood action. */
void     synack_syn_flood_send  (SynackEngine *engine, const SynackAction *action, uint32_t index);
