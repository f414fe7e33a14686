/* synack-test-invariants.h: what every trace must satisfy, checked event by event (shared by the reliability tests). */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

/* Returns NULL if the trace keeps every invariant, else (newly allocated)
 * what broke and at which event. hit_time_limit excuses what the end of a
 * run cut short: timers still running, connections still open.
 *
 * The invariants, per host and connection:
 *  - events never go back in time;
 *  - every state change is an edge of the table of transitions, with a
 *    cause the table gives it (synack_transition_find), and starts from
 *    the socket's state;
 *  - TIME_WAIT that expires lasted at least 2 x MSL;
 *  - a timer is stopped or expires only while running, and expires at its
 *    deadline; at the end none is running;
 *  - an ACK acknowledges only sequence space that arrived, contiguously from
 *    the peer's SYN; acknowledgment numbers a side sends never decrease;
 *  - an ACK the socket accepted acknowledges only what it sent;
 *  - sequence numbers never go backwards: see the comment in the checker;
 *  - at the end every connection is CLOSED or its application got an error
 *    (ECONNREFUSED, ETIMEDOUT, ECONNRESET, EADDRINUSE, EADDRNOTAVAIL). */
char *synack_test_check_invariants (const SynackTrace *trace,
                                    const SynackParams *params,
                                    gboolean            hit_time_limit);

G_END_DECLS
