/* synack-tcp-arrival.h: one segment's way through the steps of segment
 * arrival, shared by synack-tcp-input.c and synack-tcp-input-listen.c. */
#pragma once

#include "synack-tcp-private.h"

/* One segment's way through the steps. Its DELIVER event is built up here
 * and enters the trace once, with its final verdict, when the steps are
 * done; what the steps cause is held back until then (see
 * synack_engine_defer_events), so the trace still shows cause before effect. */
typedef struct {
  SynackEngine       *engine;
  SynackHostId        host;
  SynackSocket       *sock;      /* NULL until a socket takes the segment */
  const SynackFlight *flight;
  const SynackHeader *in;
  uint32_t            seg_len;   /* SEG.LEN */
  SynackEvent         event;     /* the DELIVER event */

  /* Synchronized states only: what the steps found so far. */
  bool                simultaneous_syn_ack;
  uint32_t            data_len;  /* bytes of text still to take */
  uint32_t            offset;    /* leading bytes already received */
  bool                need_ack;
  bool                ack_now;
  bool                time_wait_overflow; /* TIME_WAIT was due but no bucket was left */
} Arrival;

/* Whether the steps go on with the segment after this one. */
typedef enum {
  NEXT_STEP,
  SEGMENT_DONE,
} Step;

static inline void
set_verdict (Arrival *a, SynackVerdict verdict)
{
  a->event.verdict = verdict;
}

/* synack-tcp-input-listen.c: no socket (3.10.7.1) and LISTEN (3.10.7.2). */
void synack_tcp_no_socket_input (Arrival *a);
/* forced_isn: the child takes `isn` (a TIME_WAIT reopened by a new SYN). */
void synack_tcp_listen_input    (Arrival *a, SynackSocket *listener, bool forced_isn, uint32_t isn);

/* synack-tcp-input.c: the synchronized states' steps (3.10.7.4). */
void synack_tcp_synchronized_input (Arrival *a);
