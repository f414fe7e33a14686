/* synack-test-references.c: the scenario of application actions behind each real Linux capture. */
#include "synack-test-references.h"

/* Loopback answers within microseconds; a small delay keeps the same order
 * of events without hiding any timer. */
#define LOOPBACK "delay = 50us\n"

const SynackTestReference synack_test_references[] = {
  { "normal", 9300, LOOPBACK
    "at 0 server listen 80\n"
    "at 0 client connect 80\n"
    "when client established: client send 100\n"
    "when server received 100: server send 200\n"
    "at 51ms client close\n"
    "at 130ms server close\n" },
  { "lost-last-ack", 9314, LOOPBACK
    "at 0 server listen 80\n"
    "at 0 client connect 80\n"
    "when client established: client close\n"
    "at 60ms server close\n"
    "lose client ACK #2\n" },
  { "refused", 9312, LOOPBACK
    "at 0 client connect 80\n" },
  { "simultaneous-close", 9320, LOOPBACK
    "at 0 server listen 80\n"
    "at 0 client connect 80\n"
    "at 40ms client close\n"
    "at 40ms server close\n"
    "lose client FIN #1\n"
    "lose server FIN #1\n" },
  { "half-close", 9318, LOOPBACK
    "at 0 server listen 80\n"
    "at 0 client connect 80\n"
    "when client established: client send 50\n"
    "when client established +200us: client shutdown\n"
    "at 60ms server send 300\n"
    "at 160ms server send 300\n"
    "at 261ms server send 300\n"
    "at 361ms server close\n"
    "when client eof: client close\n" },
  { "syn-timeout-default", 9334, LOOPBACK
    "at 0 client connect 80\n"
    "lose client SYN every\n" },
  { "time-wait-60s", 9338, LOOPBACK
    "at 0 server listen 80\n"
    "at 0 client connect 80\n"
    "when client established +100us: client close\n"
    "at 20ms server close\n" },
};

const guint synack_test_n_references = G_N_ELEMENTS (synack_test_references);
