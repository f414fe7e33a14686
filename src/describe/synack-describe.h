/* synack-describe.h: the words and numbers written about a run, for text output, diagram and window. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

/* ---- Time ------------------------------------------------------------- */

typedef enum {
  SYNACK_TIME_BRIEF,     /* a length, short and round: "40 ms", "1.5 s", "2.5 min" (text output, messages) */
  SYNACK_TIME_EXACT,     /* microsecond-exact: "1.05 s", "60.11 s" (side panel, event list, narration) */
  SYNACK_TIME_LABEL,     /* four significant digits, minutes from 2 min: "1.234 s", "2 min 3.5 s" (diagram) */
  SYNACK_TIME_AXIS,      /* a point on the diagram's axis, exact to the millisecond: "61.05 s" */
  SYNACK_TIME_CLOCK,     /* the playback clock, digits that do not jitter: "85 ms", "5.98 s" */
  SYNACK_TIME_SECONDS,   /* seconds with six decimals, "0.050000": the text output's time column */
  SYNACK_TIME_SCENARIO,  /* what a scenario file reads back exactly: "1500ms", "250us" */
} SynackTimeStyle;

char *synack_describe_time (SynackTime t, SynackTimeStyle style);

/* SYNACK_TIME_SECONDS written into `buf` without allocating (the text
 * trace's column, once per event); returns its length. */
#define SYNACK_SECONDS_BUF_SIZE 32
gsize synack_describe_seconds_into (char buf[SYNACK_SECONDS_BUF_SIZE], SynackTime t);

/* ---- Segments ----------------------------------------------------------- */

typedef enum {
  SYNACK_FLAGS_SPOKEN,   /* "SYN, ACK", "FIN, ACK": the order people say them, ACK last (diagram, window) */
  SYNACK_FLAGS_TCPDUMP,  /* "S.", "F.": tcpdump's letters (text output) */
  SYNACK_FLAGS_JSON,     /* "\"SYN\", \"ACK\"": the items of the JSON trace's flags array */
} SynackFlagStyle;

char *synack_describe_flags (unsigned flags, SynackFlagStyle style);

/* What a segment is, in words: "SYN-ACK", "FIN", "ACK", "100 bytes of data". */
char *synack_describe_segment_kind (const SynackHeader *hdr);

/* A segment's options as tcpdump prints them, in the order of the wire:
 * "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 10"; "" when there are none. */
char *synack_describe_options (const SynackOptions *options);

/* Each option of a segment (NOPs left out) with what it does, one string
 * each, for the segment details: "MSS 1460: the largest segment …". */
GPtrArray *synack_describe_options_explained (const SynackHeader *hdr);

/* The send event of a segment event (itself for a send); NULL if unknown. */
const SynackEvent *synack_describe_send_of (const SynackTrace *trace, const SynackEvent *e);

/* ---- Hosts -------------------------------------------------------------- */

typedef enum {
  SYNACK_HOST_TITLE,              /* "Client" (panel, event list) */
  SYNACK_HOST_HEADING,            /* "client" (diagram heading) */
  SYNACK_HOST_SUBJECT,            /* "The client" */
  SYNACK_HOST_OBJECT,             /* "the client" */
  SYNACK_HOST_POSSESSIVE,         /* "The client’s" */
  SYNACK_HOST_OBJECT_POSSESSIVE,  /* "the client’s" */
} SynackHostStyle;

const char *synack_describe_host         (SynackHostId host, SynackHostStyle style);
const char *synack_describe_host_address (const SynackTrace *trace, SynackHostId host);   /* "10.0.0.1"; trace may be NULL */
/* The address `host` has in segment `h`: the client side's is the forged
 * one of an attacker's SYN and of the answer to it, written into buf. */
#define SYNACK_ADDRESS_SIZE 16
const char *synack_describe_segment_address (const SynackTrace *trace, SynackHostId host, const SynackHeader *h,
                                             char buf[SYNACK_ADDRESS_SIZE]);

/* ---- Events ------------------------------------------------------------- */

/* One line for the event list: "SYN_SENT → ESTABLISHED",
 * "#2 SYN, ACK sent  seq=5000 ack=1001 len=0", "retransmit timer started (1 s)". */
char *synack_describe_summary (const SynackTrace *trace, long index);

/* One sentence a student can read aloud: "The client’s SYN was
 * acknowledged, so it enters ESTABLISHED and sends the final ACK." */
char *synack_describe_sentence (const SynackTrace *trace, long index);

/* A lesson's point to watch is about the moment the run first enters the
 * first state it names ("TIME_WAIT is held by the side that closed
 * first" is about the first entry into TIME_WAIT): that STATE event's
 * index, or -1 for a point that names no state (or one the run never
 * reaches), which is about the whole run. */
long synack_describe_watch_moment (const SynackTrace *trace, const char *point);
/* Of a lesson's points, given their moments, the one the run at event
 * upto is showing: the one whose moment was reached last, else the first;
 * -1 when there are none. */
long synack_describe_current_watch (const long *moments, size_t n_points, long upto);

/* ---- Sockets ------------------------------------------------------------ */

/* One of a host's connections at a moment, and its state. */
typedef struct {
  uint32_t    conn;
  uint16_t    port;   /* the connection's client port, which tells a host's connections apart */
  SynackState state;
} SynackSocketState;

/* A host's connections that are not CLOSED after event upto (listeners
 * left out), in the order they opened. Free with g_array_unref(). */
GArray *synack_describe_open_sockets (const SynackTrace *trace, SynackHostId host, long upto);

/* Who holds TIME_WAIT in this run, read from its state changes (not from
 * what the lesson says): "In this run, the server holds TIME_WAIT." */
char *synack_describe_time_wait_holders (const SynackTrace *trace);

/* A timer by its trace name ("retransmit"), translated for people. */
const char *synack_describe_timer_kind (SynackTimerKind kind);

/* "the retransmission timer", as a sentence names it. */
const char *synack_describe_timer_name (SynackTimerKind kind);

/* ---- The sequence diagram ---------------------------------------------- */

/* A segment's label: "SYN, ACK seq=5000 ack=1001", then "retransmission N"
 * and "duplicate" on lines of their own. */
char *synack_describe_segment_label (const SynackEvent *send, gboolean duplicate);

/* A running timer's title: "RTO 1 s", "TIME_WAIT 2MSL 60 s". */
char *synack_describe_timer_label (SynackTimerKind kind, SynackTime duration);

/* The note for an application call: "connect() → 0", "recv → 100 B". */
char *synack_describe_call_note (const SynackEvent *app);

/* What a host did with a delivered segment, when that is the point of the
 * picture ("no socket: answers RST"); NULL when there is nothing to say. */
char *synack_describe_verdict_note (const SynackEvent *deliver);

/* The word beside a lost segment's ✕. */
const char *synack_describe_lost_mark (void);

/* A squeezed stretch of time: "… 59.9 s …". */
char *synack_describe_break_label (SynackTime length);

/* A state band's name, with its connection when there are several
 * (conn 0: none): "ESTABLISHED", "TIME_WAIT #3". */
char *synack_describe_state_label (SynackState state, uint32_t conn);
/* A listening socket's state with the port it listens on ("LISTEN :80"). */
char *synack_describe_listener_label (SynackState state, uint16_t port);

/* The heading above a lifeline: "client\n10.0.0.1:40000", where ports is
 * what follows the address (":40000", ":40000…40009"). */
char *synack_describe_host_heading (const SynackTrace *trace, SynackHostId host, const char *ports);

/* ---- synack-describe-listen.c: queues, floods, cookies ---- */

/* Whether a listener's queues decided the segment's fate (trace output
 * shows them then). */
gboolean synack_describe_queue_verdict   (SynackVerdict verdict);
/* The kernel's "Possible SYN flooding" line for the event's port, in English. */
char    *synack_describe_flood_log       (const SynackEvent *e);
char    *synack_describe_queues          (const SynackQueueCensus *q);
char    *synack_describe_cookie_parts    (const SynackSynCookie *c);
char    *synack_describe_cookie_hashes   (const SynackSynCookie *c);
/* "Attacker, forged address 10.9.3.4, port 5555": a segment's client side. */
char    *synack_describe_forged_address  (const SynackHeader *h);

G_END_DECLS
