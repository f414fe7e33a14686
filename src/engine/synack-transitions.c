/* synack-transitions.c: the one table of TCP state transitions; the engine's traces, the invariant checker and the state diagram all read it. */
#include "synack-transitions.h"

#define S(x)  SYNACK_STATE_##x
#define C(x)  (1ul << SYNACK_CAUSE_##x)
#define F(x)  SYNACK_FLAG_##x

/* What can end any synchronized socket at once, without the polite FIN
 * exchange: the peer's RST, our abort() (RST out), a crash, close() with
 * unread data (RST out, Linux), a retransmission or keep-alive timer that
 * gives up, and Linux's RST for data that reaches a closed application. */
#define TEARDOWN (C(RST_RECEIVED) | C(ABORT_CALL) | C(CRASH) | C(UNREAD_DATA) | \
                  C(RETRIES_EXHAUSTED) | C(KEEPALIVE_EXHAUSTED) | C(DATA_AFTER_CLOSE))

/* Where TIME_WAIT would begin, a host out of TIME_WAIT buckets
 * (tcp_max_tw_buckets) closes the socket instead. */
#define NO_TIME_WAIT_BUCKET C(TIME_WAIT_OVERFLOW)

static const SynackTransition table[] = {
  /* Opening. */
  { S(CLOSED),       S(LISTEN),       SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_LISTEN,         0,              C(LISTEN_CALL) },
  { S(CLOSED),       S(SYN_SENT),     SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_CONNECT,        F(SYN),         C(CONNECT_CALL) },
  { S(LISTEN),       S(CLOSED),       SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_CLOSE,          0,              C(CLOSE_CALL) },
  /* A SYN cookie returned in an ACK makes the socket the SYN did not. */
  { S(LISTEN),       S(SYN_RECEIVED), SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_SYN,        F(SYN) | F(ACK), C(SYN_RECEIVED) | C(SYN_COOKIE) },
  { S(LISTEN),       S(SYN_SENT),     SYNACK_TRANSITION_TEXTBOOK, SYNACK_TRIGGER_SEND,           F(SYN),         0 },
  { S(SYN_SENT),     S(CLOSED),       SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_CLOSE,          0,              C(CLOSE_CALL) },
  { S(SYN_SENT),     S(SYN_RECEIVED), SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_SYN,        F(SYN) | F(ACK), C(SYN_RECEIVED) },
  { S(SYN_SENT),     S(ESTABLISHED),  SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_SYN_ACK,    F(ACK),         C(SYN_ACK_RECEIVED) },
  { S(SYN_RECEIVED), S(LISTEN),       SYNACK_TRANSITION_TEXTBOOK, SYNACK_TRIGGER_RCV_RST,        0,              0 },
  /* In a simultaneous open the peer's SYN-ACK completes SYN_RECEIVED too. */
  /* ... and a two-way handshake (teaching only) by its own SYN-ACK. */
  { S(SYN_RECEIVED), S(ESTABLISHED),  SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_ACK_OF_SYN, 0,              C(ACK_RECEIVED) | C(SYN_ACK_RECEIVED) | C(TWO_WAY) },
  { S(SYN_RECEIVED), S(FIN_WAIT_1),   SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_CLOSE,          F(FIN),         C(CLOSE_CALL) | C(SHUTDOWN_CALL) },
  /* Closing. */
  { S(ESTABLISHED),  S(FIN_WAIT_1),   SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_CLOSE,          F(FIN),         C(CLOSE_CALL) | C(SHUTDOWN_CALL) },
  { S(ESTABLISHED),  S(CLOSE_WAIT),   SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_FIN,        F(ACK),         C(FIN_RECEIVED) },
  { S(FIN_WAIT_1),   S(FIN_WAIT_2),   SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_ACK_OF_FIN, 0,              C(ACK_RECEIVED) },
  { S(FIN_WAIT_1),   S(CLOSING),      SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_FIN,        F(ACK),         C(FIN_RECEIVED) },
  { S(FIN_WAIT_1),   S(TIME_WAIT),    SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_FIN_ACK,    F(ACK),         C(FIN_ACK_RECEIVED) },
  { S(CLOSE_WAIT),   S(LAST_ACK),     SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_CLOSE,          F(FIN),         C(CLOSE_CALL) | C(SHUTDOWN_CALL) },
  { S(FIN_WAIT_2),   S(TIME_WAIT),    SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_FIN,        F(ACK),         C(FIN_RECEIVED) },
  { S(CLOSING),      S(TIME_WAIT),    SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_ACK_OF_FIN, 0,              C(ACK_RECEIVED) },
  { S(LAST_ACK),     S(CLOSED),       SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_RCV_ACK_OF_FIN, 0,              C(ACK_RECEIVED) },
  { S(TIME_WAIT),    S(CLOSED),       SYNACK_TRANSITION_RFC,      SYNACK_TRIGGER_TIMEOUT_2MSL,   0,              C(TIME_WAIT_EXPIRED) },
  /* What the figure leaves out and every stack does. */
  { S(LISTEN),       S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            C(ABORT_CALL) | C(CRASH) },
  { S(SYN_SENT),     S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN },
  /* Linux drops a half-open child instead of returning it to LISTEN, and
   * resets one a full accept queue has no room for (tcp_abort_on_overflow). */
  { S(SYN_RECEIVED), S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN | C(ACCEPT_QUEUE_FULL) },
  { S(ESTABLISHED),  S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN },
  { S(FIN_WAIT_1),   S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN | NO_TIME_WAIT_BUCKET },
  /* Linux's fin-timeout ends an orphaned FIN_WAIT_2. */
  { S(FIN_WAIT_2),   S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN | C(FIN_WAIT_2_EXPIRED) | NO_TIME_WAIT_BUCKET },
  { S(CLOSE_WAIT),   S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN },
  { S(CLOSING),      S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN | NO_TIME_WAIT_BUCKET },
  { S(LAST_ACK),     S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN },
  /* A RST (without RFC 1337), a new SYN beyond the old sequence space, or
   * a connect() that takes the 4-tuple over (tcp_tw_reuse, SO_REUSEADDR)
   * ends TIME_WAIT early. */
  { S(TIME_WAIT),    S(CLOSED),       SYNACK_TRANSITION_EXTRA,    SYNACK_TRIGGER_RESET_OR_GIVE_UP, 0,            TEARDOWN | C(NEW_SYN) | C(CONNECT_CALL) },
};

const SynackTransition *
synack_transitions (unsigned *n_transitions)
{
  *n_transitions = sizeof table / sizeof table[0];
  return table;
}

int
synack_transition_find (SynackState from, SynackState to, SynackCause cause)
{
  if ((unsigned) cause >= SYNACK_N_CAUSES)
    return -1;
  for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
    if (table[i].from == from && table[i].to == to && (table[i].causes & (1ul << cause)))
      return (int) i;
  return -1;
}

bool
synack_state_transition_is_legal (SynackState from, SynackState to)
{
  for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
    if (table[i].from == from && table[i].to == to)
      return true;
  return false;
}
