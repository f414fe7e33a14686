/* test-lessons.c: every built-in lesson pinned: its exact segments, the
 * states each side passes through, its timers and what the applications
 * got; and the lessons that replay a Linux capture match it. */
#include "synack-test-util.h"
#include "synack-describe.h"
#include "synack-i18n.h"
#include "synack-test-text.h"

#include <string.h>

typedef struct {
  const char *name;
  const char *segments;      /* relative to the ISNs, one per line */
  const char *client_states; /* connection 1 */
  const char *server_states;
  const char *timers;        /* every distinct (host, timer, duration in µs) started, in order */
  const char *errors;        /* every application result other than ok, in order */
  const char *attack;        /* what the attacker's forged segments came to, or NULL if none */
  uint32_t    only_conn;     /* segments of this connection only (a lesson at scale); 0: all */
} Lesson;

static const Lesson lessons[] = {
  { "handshake",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, server delayed-ack 40000, client fin-wait-2 60000000, client time-wait 60000000",
    "server recv EOF" },
  { "lost-syn",
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 3000000, server retransmit 300000, client retransmit 300000, server delayed-ack 40000, client fin-wait-2 60000000, client time-wait 60000000",
    "server recv EOF" },
  { "lost-synack",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 3000000, server retransmit 3000000, client retransmit 300000, server delayed-ack 40000, client fin-wait-2 60000000, server retransmit 300000, client time-wait 60000000",
    "server recv EOF" },
  { "lost-handshake-ack",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, server retransmit 2000000, client retransmit 300000, server retransmit 3000000, server delayed-ack 40000, client fin-wait-2 60000000, server retransmit 300000, client time-wait 60000000",
    "server recv EOF" },
  { "refused",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C ACK,RST seq=0 ack=1 len=0\n",
    "CLOSED SYN_SENT CLOSED",
    "",
    "client retransmit 1000000",
    "client connect ECONNREFUSED" },
  { "syn-timeout",
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n",
    "CLOSED SYN_SENT CLOSED",
    "",
    "client retransmit 1000000, client retransmit 2000000, client retransmit 4000000, client retransmit 8000000, client retransmit 16000000, client retransmit 32000000, client retransmit 64000000",
    "client connect ETIMEDOUT" },
  { "lost-data",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, client retransmit 600000, server retransmit 300000, server delayed-ack 40000, client fin-wait-2 60000000, client time-wait 60000000",
    "server recv EOF" },
  { "lost-fin",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, client retransmit 600000, server delayed-ack 40000, client fin-wait-2 60000000, client time-wait 60000000",
    "server recv EOF" },
  { "lost-last-ack",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK,FIN seq=1 ack=1 len=0\n"
    "S>C ACK seq=1 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server delayed-ack 0, client fin-wait-2 60000000, server retransmit 300000, client time-wait 60000000, server retransmit 600000",
    "server recv EOF" },
  { "old-duplicate",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "S>C RST seq=202 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "C>S ACK,FIN seq=101 ack=1 len=0\n"
    "S>C ACK,FIN seq=1 ack=102 len=0\n"
    "C>S ACK seq=102 ack=2 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF" },
  { "old-duplicate-no-time-wait",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, server delayed-ack 40000, client time-wait 2",
    "server recv EOF" },
  { "paws",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "C>S ACK seq=101 ack=1 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, server delayed-ack 40000, client time-wait 2",
    "server recv EOF" },
  { "server-closes-first",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "S>C ACK,FIN seq=201 ack=101 len=0\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK seq=101 ack=202 len=0\n"
    "C>S ACK,FIN seq=101 ack=202 len=0\n"
    "S>C ACK seq=202 ack=102 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, client delayed-ack 40000, server fin-wait-2 60000000, server time-wait 60000000",
    "client recv EOF" },
  { "three-segment-close",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK,FIN seq=1 ack=1 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "C>S SYN seq=2000 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=2001 len=0\n"
    "C>S ACK seq=2001 ack=1 len=0\n"
    "C>S ACK,FIN seq=2001 ack=1 len=0\n"
    "S>C ACK seq=1 ack=2002 len=0\n"
    "S>C ACK,FIN seq=1 ack=2002 len=0\n"
    "C>S ACK seq=2002 ack=2 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server delayed-ack 0, server retransmit 300000, client time-wait 60000000, client fin-wait-2 60000000",
    "server recv EOF" },
  { "simultaneous-open",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "S>C ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "C>S ACK,FIN seq=101 ack=1 len=0\n"
    "S>C ACK,FIN seq=1 ack=101 len=0\n"
    "S>C ACK seq=2 ack=102 len=0\n"
    "C>S ACK seq=102 ack=2 len=0\n",
    "CLOSED SYN_SENT SYN_RECEIVED ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED",
    "CLOSED SYN_SENT SYN_RECEIVED ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 250000, client retransmit 256250, server retransmit 250000, client time-wait 60000000, server time-wait 60000000",
    "" },
  { "simultaneous-close",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=101 len=0\n"
    "S>C ACK seq=202 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, client time-wait 60000000, server time-wait 60000000",
    "" },
  { "half-close",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=50\n"
    "S>C ACK seq=1 ack=51 len=0\n"
    "C>S ACK,FIN seq=51 ack=1 len=0\n"
    "S>C ACK seq=1 ack=52 len=0\n"
    "S>C ACK seq=1 ack=52 len=300\n"
    "C>S ACK seq=52 ack=301 len=0\n"
    "S>C ACK seq=301 ack=52 len=300\n"
    "C>S ACK seq=52 ack=601 len=0\n"
    "S>C ACK seq=601 ack=52 len=300\n"
    "C>S ACK seq=52 ack=901 len=0\n"
    "S>C ACK,FIN seq=901 ack=52 len=0\n"
    "C>S ACK seq=52 ack=902 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server delayed-ack 40000, server retransmit 300000, client time-wait 60000000",
    "server recv EOF, client recv EOF" },
  { "abort",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,RST seq=101 ack=201 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000",
    "server recv ECONNRESET" },
  { "idle-established",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK seq=100 ack=201 len=0\n"
    "S>C ACK seq=201 ack=101 len=0\n"
    "C>S ACK seq=100 ack=201 len=0\n"
    "S>C ACK seq=201 ack=101 len=0\n"
    "C>S ACK seq=100 ack=201 len=0\n"
    "C>S ACK seq=100 ack=201 len=0\n"
    "C>S ACK seq=100 ack=201 len=0\n"
    "C>S ACK,RST seq=101 ack=201 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED",
    "client retransmit 1000000, server retransmit 1000000, client keepalive 120000000, client retransmit 300000, server retransmit 300000, client keepalive 10000000",
    "client recv ETIMEDOUT" },
  { "fin-wait-2-timeout",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK seq=201 ack=102 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S RST seq=102 ack=0 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, server delayed-ack 40000, client fin-wait-2 60000000",
    "server recv EOF" },
  { "time-wait-pileup",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF" },
  { "port-exhaustion",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF, client connect EADDRNOTAVAIL", NULL, 1 },
  { "time-wait-on-server",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "S>C ACK,FIN seq=201 ack=101 len=0\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=202 len=0\n"
    "S>C ACK seq=202 ack=102 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000, client delayed-ack 40000, server time-wait 60000000",
    "client recv EOF", NULL, 1 },
  { "keep-alive-pool",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK seq=101 ack=201 len=100\n"
    "S>C ACK seq=201 ack=201 len=200\n"
    "C>S ACK seq=201 ack=401 len=0\n"
    "C>S ACK seq=201 ack=401 len=100\n"
    "S>C ACK seq=401 ack=301 len=200\n"
    "C>S ACK seq=301 ack=601 len=0\n"
    "C>S ACK seq=301 ack=601 len=100\n"
    "S>C ACK seq=601 ack=401 len=200\n"
    "C>S ACK seq=401 ack=801 len=0\n"
    "C>S ACK seq=401 ack=801 len=100\n"
    "S>C ACK seq=801 ack=501 len=200\n"
    "C>S ACK seq=501 ack=1001 len=0\n"
    "C>S ACK,FIN seq=501 ack=1001 len=0\n"
    "S>C ACK,FIN seq=1001 ack=502 len=0\n"
    "C>S ACK seq=502 ack=1002 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF", NULL, 1 },
  { "tw-reuse",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF", NULL, 1 },
  { "linger-zero",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,RST seq=101 ack=201 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000",
    "server recv ECONNRESET", NULL, 1 },
  { "wider-port-range",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 240000, server retransmit 240000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF", NULL, 1 },
  { "address-in-use",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK,FIN seq=1 ack=101 len=0\n"
    "C>S ACK,FIN seq=101 ack=2 len=0\n"
    "S>C ACK seq=2 ack=102 len=0\n"
    "C>S SYN seq=1000 ack=0 len=0\n"
    "S>C SYN,ACK seq=1000 ack=1001 len=0\n"
    "C>S ACK seq=1001 ack=1001 len=0\n"
    "C>S ACK seq=1001 ack=1001 len=100\n"
    "S>C ACK seq=1001 ack=1101 len=0\n"
    "S>C ACK,FIN seq=1001 ack=1101 len=0\n"
    "C>S ACK,FIN seq=1101 ack=1002 len=0\n"
    "S>C ACK seq=1002 ack=1102 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, client delayed-ack 0, server time-wait 60000000",
    "client recv EOF, server listen EADDRINUSE",
    NULL },
  { "old-duplicate-syn",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S RST seq=1 ack=0 len=0\n"
    "C>S SYN seq=8000 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=8001 len=0\n"
    "C>S ACK seq=8001 ack=1 len=0\n"
    "C>S ACK,FIN seq=8001 ack=1 len=0\n"
    "S>C ACK,FIN seq=1 ack=8002 len=0\n"
    "C>S ACK seq=8002 ack=2 len=0\n",
    "CLOSED SYN_SENT CLOSED",
    "LISTEN SYN_RECEIVED CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server delayed-ack 0, server retransmit 300000, client time-wait 60000000",
    "server recv EOF" },
  { "two-way-handshake",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S RST seq=1 ack=0 len=0\n"
    "C>S SYN seq=8000 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=8001 len=0\n"
    "C>S ACK seq=8001 ack=1 len=0\n"
    "C>S ACK,FIN seq=8001 ack=1 len=0\n"
    "S>C ACK,FIN seq=1 ack=8002 len=0\n"
    "C>S ACK seq=8002 ack=2 len=0\n",
    "CLOSED SYN_SENT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server delayed-ack 0, server retransmit 300000, client time-wait 60000000",
    "server recv ECONNRESET, server recv EOF",
    NULL },
  { "two-army",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK,FIN seq=1 ack=1 len=0\n"
    "S>C ACK seq=1 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S RST seq=2 ack=0 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server delayed-ack 0, client fin-wait-2 60000000, server retransmit 300000, client time-wait 60000000, server retransmit 600000, server retransmit 1200000, server retransmit 2400000, server retransmit 4800000, server retransmit 9600000, server retransmit 19200000, server retransmit 38400000, server retransmit 76800000, server retransmit 120000000",
    "server recv EOF" },
  { "time-wait-assassination",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=200\n"
    "C>S ACK seq=101 ack=201 len=0\n"
    "C>S ACK,FIN seq=101 ack=201 len=0\n"
    "S>C ACK,FIN seq=201 ack=102 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "C>S ACK seq=102 ack=202 len=0\n"
    "S>C RST seq=202 ack=0 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, server retransmit 300000, server delayed-ack 40000, client time-wait 60000000",
    "server recv EOF" },
  { "server-reboot",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S SYN seq=2000 ack=0 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "S>C SYN,ACK seq=0 ack=2001 len=0\n"
    "C>S ACK seq=2001 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C RST seq=1 ack=0 len=0\n"
    "C>S ACK seq=2000 ack=1 len=0\n"
    "S>C RST seq=1 ack=0 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSED",
    "client retransmit 1000000, server retransmit 1000000, client keepalive 60000000, client retransmit 300000, client keepalive 10000000",
    "client recv ECONNRESET" },
  { "accept-queue-full",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "C>S SYN seq=1000 ack=0 len=0\n"
    "C>S SYN seq=2000 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1001 len=0\n"
    "S>C SYN,ACK seq=0 ack=2001 len=0\n"
    "C>S ACK seq=1001 ack=1 len=0\n"
    "C>S ACK seq=2001 ack=1 len=0\n"
    "C>S ACK seq=1001 ack=1 len=100\n"
    "C>S ACK seq=2001 ack=1 len=100\n"
    "S>C ACK seq=1 ack=1101 len=0\n"
    "C>S ACK seq=2001 ack=1 len=100\n"
    "C>S ACK seq=2001 ack=1 len=100\n"
    "S>C SYN,ACK seq=0 ack=2001 len=0\n"
    "C>S ACK seq=2101 ack=1 len=0\n"
    "C>S ACK seq=2001 ack=1 len=100\n"
    "S>C SYN,ACK seq=0 ack=2001 len=0\n"
    "C>S ACK seq=2101 ack=1 len=0\n"
    "C>S ACK seq=2001 ack=1 len=100\n"
    "S>C ACK seq=1 ack=2101 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED",
    "LISTEN SYN_RECEIVED ESTABLISHED",
    "client retransmit 1000000, server retransmit 1000000, client retransmit 300000, client retransmit 600000, client retransmit 1200000, server retransmit 2000000, client retransmit 2400000, server retransmit 4000000, client retransmit 4800000",
    "",
    NULL },
  { "syn-flood",
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK,FIN seq=1 ack=1 len=0\n"
    "S>C ACK,FIN seq=1 ack=2 len=0\n"
    "C>S ACK seq=2 ack=2 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "server retransmit 1000000, client retransmit 1000000, server retransmit 2000000, server retransmit 4000000, client retransmit 2000000, server retransmit 8000000, client retransmit 4000000, client retransmit 8000000, server retransmit 16000000, client retransmit 16000000, client retransmit 3000000, server delayed-ack 0, server retransmit 300000, client time-wait 60000000, server retransmit 32000000",
    "server recv EOF",
    "forged SYNs 120: accepted 6, SYN queue full 114, answers 30 (cookies 0), lost at forged addresses 30; TCP: request_sock_TCP: Possible SYN flooding on port 10.0.0.2:80. Dropping request." },
  { "syn-cookies",
    "C>S SYN seq=0 ack=0 len=0\n"
    "S>C SYN,ACK seq=0 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=0\n"
    "C>S ACK seq=1 ack=1 len=100\n"
    "S>C ACK seq=1 ack=101 len=0\n"
    "S>C ACK seq=1 ack=101 len=100\n"
    "C>S ACK seq=101 ack=101 len=0\n"
    "C>S ACK,FIN seq=101 ack=101 len=0\n"
    "S>C ACK,FIN seq=101 ack=102 len=0\n"
    "C>S ACK seq=102 ack=102 len=0\n",
    "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
    "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
    "server retransmit 1000000, client retransmit 1000000, server retransmit 2000000, client retransmit 300000, server delayed-ack 40000, server retransmit 300000, client time-wait 60000000, server retransmit 4000000, server retransmit 8000000, server retransmit 16000000, server retransmit 32000000",
    "server recv EOF",
    "forged SYNs 120: accepted 6, answered with a SYN cookie 114, answers 144 (cookies 114), lost at forged addresses 144; TCP: request_sock_TCP: Possible SYN flooding on port 10.0.0.2:80. Sending cookies." },
};

/* The segments of the real hosts only: an attacker's hundreds of forged
 * SYNs, and the answers to them, are counted apart (attack_summary). */
static char *
segments_without_times (const SynackTrace *trace, uint32_t conn)
{
  g_autofree SynackEvent *kept = g_new (SynackEvent, trace->n_events + 1);
  SynackTrace real = *trace;
  g_autoptr (GArray) segments = NULL;
  GString *out = g_string_new (NULL);

  real.n_events = 0;
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type != SYNACK_EVENT_SEND || trace->events[i].hdr.spoofed_addr == 0)
      kept[real.n_events++] = trace->events[i];
  real.events = kept;
  segments = synack_test_segments_of_conn (&real, conn);

  for (guint i = 0; i < segments->len; i++)
    {
      g_autofree char *line = synack_test_segment_describe (&g_array_index (segments, SynackTestSegment, i));
      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (out, FALSE);
}

static char *
distinct_timers (const SynackTrace *trace)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      char *item;

      if (e->type != SYNACK_EVENT_TIMER || e->action != SYNACK_TIMER_START)
        continue;
      item = g_strdup_printf ("%s %s %" G_GINT64_FORMAT, synack_host_to_string (e->host),
                              synack_timer_to_string (e->timer), e->duration);
      if (g_ptr_array_find_with_equal_func (seen, item, g_str_equal, NULL))
        g_free (item);
      else
        g_ptr_array_add (seen, item);
    }
  g_ptr_array_add (seen, NULL);
  return g_strjoinv (", ", (char **) seen->pdata);
}

static char *
errors (const SynackTrace *trace)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      char *item;

      if (e->type != SYNACK_EVENT_APP || e->result == SYNACK_RESULT_OK || e->result == SYNACK_RESULT_PENDING)
        continue;
      item = g_strdup_printf ("%s %s %s", synack_host_to_string (e->host), synack_call_to_string (e->call),
                              synack_result_to_string (e->result));
      if (g_ptr_array_find_with_equal_func (seen, item, g_str_equal, NULL))
        g_free (item);
      else
        g_ptr_array_add (seen, item);
    }
  g_ptr_array_add (seen, NULL);
  return g_strjoinv (", ", (char **) seen->pdata);
}

/* The attacker's side of a run: its SYNs, what the server made of them,
 * its answers to forged addresses and the kernel's flood warning. */
static char *
attack_summary (const SynackTrace *trace)
{
  guint syns = 0, answers = 0, cookies = 0, lost = 0, verdicts[SYNACK_N_VERDICTS] = { 0 };
  g_autofree char *warning = NULL;
  GString *out;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      long send = e->type == SYNACK_EVENT_SEND ? (long) i : synack_trace_find_send (trace, e->seg);
      const SynackEvent *s = send >= 0 ? &trace->events[send] : e;

      if (e->type == SYNACK_EVENT_DELIVER && e->queues.flood_warning && warning == NULL)
        warning = synack_describe_flood_log (e);
      if (s->hdr.spoofed_addr == 0)
        continue;
      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT)
        syns++;
      else if (e->type == SYNACK_EVENT_SEND)
        {
          answers++;
          cookies += e->cookie.present;
        }
      else if (e->type == SYNACK_EVENT_DELIVER)
        verdicts[e->verdict]++;
      else if (e->type == SYNACK_EVENT_LOST && e->loss_reason == SYNACK_LOSS_SPOOFED)
        lost++;
    }
  if (syns == 0 && warning == NULL)
    return NULL;
  out = g_string_new (NULL);
  g_string_append_printf (out, "forged SYNs %u:", syns);
  for (int v = 0; v < SYNACK_N_VERDICTS; v++)
    if (verdicts[v] > 0)
      g_string_append_printf (out, " %s %u,", synack_verdict_to_string ((SynackVerdict) v), verdicts[v]);
  g_string_append_printf (out, " answers %u (cookies %u), lost at forged addresses %u", answers, cookies, lost);
  if (warning != NULL)
    g_string_append_printf (out, "; %s", warning);
  return g_string_free (out, FALSE);
}

static SynackTrace *
run_preset (const char *name, const char *set)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (name, &error);
  SynackTrace *trace;

  g_assert_no_error (error);
  if (set)
    {
      synack_scenario_set_assignment (scenario, set, &error);
      g_assert_no_error (error);
    }
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

static void
test_lesson (gconstpointer data)
{
  const Lesson *lesson = data;
  g_autoptr (SynackTrace) trace = run_preset (lesson->name, NULL);
  g_autofree char *segments = segments_without_times (trace, lesson->only_conn);
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);
  g_autofree char *timers = distinct_timers (trace);
  g_autofree char *results = errors (trace);
  g_autofree char *attack = attack_summary (trace);

  g_assert_cmpstr (attack, ==, lesson->attack);
  g_assert_cmpstr (segments, ==, lesson->segments);
  g_assert_cmpstr (client, ==, lesson->client_states);
  g_assert_cmpstr (server, ==, lesson->server_states);
  g_assert_cmpstr (timers, ==, lesson->timers);
  g_assert_cmpstr (results, ==, lesson->errors);
}

/* paws: the late copy is dropped by PAWS; with timestamps off, the what-if
 * the summary offers, the same copy is taken as connection 2's data. */
static SynackVerdict
late_copy_verdict (const SynackTrace *trace)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_DELIVER && trace->events[i].duplicate)
      return trace->events[i].verdict;
  g_assert_not_reached ();
}

static void
test_paws_what_if (void)
{
  g_autoptr (SynackTrace) with = run_preset ("paws", NULL);
  g_autoptr (SynackTrace) without = run_preset ("paws", "timestamps = off");

  g_assert_cmpint (late_copy_verdict (with), ==, SYNACK_VERDICT_PAWS);
  g_assert_cmpint (late_copy_verdict (without), ==, SYNACK_VERDICT_STALE_DATA);
}

static void
test_every_lesson_is_pinned (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (lessons));
  for (guint i = 0; names[i]; i++)
    g_assert_cmpstr (names[i], ==, lessons[i].name);
}

/* Lessons that stage a situation a Linux capture shows: same application
 * actions, so with loopback's tiny delay they must give the same segments. */
static const struct { const char *lesson; const char *capture; guint16 port; } replays[] = {
  { "handshake", "normal", 9300 },
  { "refused", "refused", 9312 },
  { "syn-timeout", "syn-timeout-default", 9334 },
  { "lost-last-ack", "lost-last-ack", 9314 },
  { "half-close", "half-close", 9318 },
};

static void
test_lesson_matches_capture (gconstpointer data)
{
  const __typeof__ (replays[0]) *replay = data;
  g_autofree char *pcap = synack_test_reference_path (replay->capture, "pcap");
  g_autoptr (GArray) expected = NULL;
  g_autoptr (GArray) actual = NULL;
  g_autoptr (SynackTrace) trace = NULL;

  expected = synack_test_segments_from_pcap (pcap, replay->port);
  trace = run_preset (replay->lesson, "delay=50us");
  actual = synack_test_segments_from_trace (trace);
  synack_test_assert_same_segments (replay->lesson, expected, actual);
  synack_test_assert_retransmission_times (replay->lesson, expected, actual);
}

/* Every lesson has a topic and the question it answers, and reads in
 * Chinese too: its title, question, summary and each of its points to
 * watch, none left to fall back to English. */
static void
test_every_lesson_in_chinese (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) lesson = synack_scenario_load_preset (names[i], &error);
      g_auto (GStrv) english = NULL, chinese = NULL;

      g_assert_no_error (error);
      synack_i18n_set_language ("en");
      g_assert_false (synack_test_has_han (synack_scenario_get_title (lesson)));
      english = g_strsplit (synack_scenario_get_watch (lesson), "\n", -1);
      if (synack_scenario_get_topic (lesson) == NULL || *synack_scenario_get_question (lesson) == '\0' ||
          synack_test_has_han (synack_scenario_get_question (lesson)))
        g_error ("lesson %s needs a topic and the question it answers, in English", names[i]);
      synack_i18n_set_language ("zh_CN");
      if (!synack_test_has_han (synack_scenario_get_question (lesson)))
        g_error ("lesson %s has no Chinese question", names[i]);
      if (!synack_test_has_han (synack_scenario_get_title (lesson)) ||
          !synack_test_has_han (synack_scenario_get_summary (lesson)))
        g_error ("lesson %s has no Chinese title or summary", names[i]);
      chinese = g_strsplit (synack_scenario_get_watch (lesson), "\n", -1);
      if (g_strv_length (chinese) != g_strv_length (english))
        g_error ("lesson %s: %u points to watch in Chinese, %u in English", names[i],
                 g_strv_length (chinese), g_strv_length (english));
      for (guint k = 0; chinese[k] != NULL; k++)
        if (!synack_test_has_han (chinese[k]))
          g_error ("lesson %s: point to watch %u is not in Chinese: %s", names[i], k + 1, chinese[k]);
      synack_i18n_set_language (NULL);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/all-pinned", test_every_lesson_is_pinned);
  g_test_add_func ("/lessons/paws/what-if", test_paws_what_if);
  g_test_add_func ("/lessons/chinese", test_every_lesson_in_chinese);
  for (guint i = 0; i < G_N_ELEMENTS (lessons); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lessons/%s", lessons[i].name);
      g_test_add_data_func (path, &lessons[i], test_lesson);
    }
  for (guint i = 0; i < G_N_ELEMENTS (replays); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lessons/%s/matches-linux", replays[i].lesson);
      g_test_add_data_func (path, &replays[i], test_lesson_matches_capture);
    }
  return g_test_run ();
}
