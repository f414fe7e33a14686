/* synack-transitions.h: the one table of TCP state transitions, with what causes each and what it sends. */
#pragma once

#include <stdbool.h>

#include "synack-trace.h"

/* Where an edge comes from. */
typedef enum {
  SYNACK_TRANSITION_RFC,       /* drawn in RFC 9293 figure 5, and the engine takes it */
  SYNACK_TRANSITION_EXTRA,     /* resets, aborts and give-up timers: every real stack has them */
  SYNACK_TRANSITION_TEXTBOOK,  /* in the RFC's figure, but the engine never takes it */
} SynackTransitionOrigin;

/* What sets an edge off, in the textbook's words ("rcv SYN"). The render
 * layer turns these into translated labels. */
typedef enum {
  SYNACK_TRIGGER_LISTEN,        /* passive open: listen() */
  SYNACK_TRIGGER_CONNECT,       /* active open: connect() */
  SYNACK_TRIGGER_CLOSE,         /* close() or shutdown() */
  SYNACK_TRIGGER_SEND,          /* the RFC's SEND on a listening socket */
  SYNACK_TRIGGER_RCV_SYN,
  SYNACK_TRIGGER_RCV_SYN_ACK,
  SYNACK_TRIGGER_RCV_ACK_OF_SYN,
  SYNACK_TRIGGER_RCV_FIN,
  SYNACK_TRIGGER_RCV_FIN_ACK,   /* a FIN that also acknowledges ours */
  SYNACK_TRIGGER_RCV_ACK_OF_FIN,
  SYNACK_TRIGGER_RCV_RST,
  SYNACK_TRIGGER_TIMEOUT_2MSL,
  SYNACK_TRIGGER_RESET_OR_GIVE_UP, /* a RST either way, abort(), a crash or a timer giving up */
  SYNACK_N_TRIGGERS
} SynackTrigger;

typedef struct {
  SynackState            from, to;
  SynackTransitionOrigin origin;
  SynackTrigger          trigger;
  unsigned               sends;   /* SynackFlags of the segment it sends; 0: none */
  unsigned long          causes;  /* bit (1 << SynackCause) for each cause the engine gives it */
} SynackTransition;

/* The table, in the order the classic figure reads (top to bottom). */
const SynackTransition *synack_transitions (unsigned *n_transitions);

/* The index of the edge the engine takes for a state change with this
 * cause, or -1 if the table has none (the engine broke its own rules). */
int synack_transition_find (SynackState from, SynackState to, SynackCause cause);
