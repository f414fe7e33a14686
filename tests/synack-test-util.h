/* synack-test-util.h: helpers the engine and scenario tests share: run a
 * scenario text, and reduce a trace or a pcap to comparable segments. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

/* Runs scenario text; fails the test on any error. */
SynackTrace *synack_test_run (const char *text);

/* Runs a built-in lesson; fails the test on any error. */
SynackTrace *synack_test_run_preset (const char *name);
/* Whether an attacker forged segments in the run: a capture import knows
 * two hosts only, so such a run does not come back from pcapng whole. */
gboolean     synack_test_trace_has_forged (const SynackTrace *trace);

/* True if the program is on PATH: a test that needs a tool skips, saying
 * so, only when it is absent. */
gboolean synack_test_have_program (const char *name);

/* Runs scenario text and returns the error it must fail with. */
GError *synack_test_run_error (const char *text);

/* A segment as the reference comparison sees it: sequence numbers relative
 * to the ISN of their direction (absolute if that direction sent no SYN),
 * flags without PSH. */
typedef struct {
  SynackDirection dir;
  unsigned        flags;
  uint32_t        seq;
  uint32_t        ack;
  uint32_t        len;
  SynackTime      t;
} SynackTestSegment;

/* How many application calls `call` returned `result` in the run. */
guint synack_test_count_results (const SynackTrace *trace, SynackCall call, SynackResult result);

GArray *synack_test_segments_from_trace (const SynackTrace *trace);
/* The same for one connection only (0: all of them). */
GArray *synack_test_segments_of_conn (const SynackTrace *trace, uint32_t conn);
/* Reads a libpcap file of Ethernet/IPv4/TCP frames; the client is the side
 * that does not use server_port. Returns NULL (with a test failure) on error. */
GArray *synack_test_segments_from_pcap (const char *path, uint16_t server_port);

/* "C>S SYN,ACK seq=0 ack=1 len=0" */
char *synack_test_segment_describe (const SynackTestSegment *segment);
/* All segments, one per line, for assertion messages. */
char *synack_test_segments_describe (GArray *segments);

/* The states a host's side of a connection went through, "CLOSED SYN_SENT …". */
char *synack_test_states (const SynackTrace *trace, SynackHostId host, uint32_t conn);

/* The connection table's row for conn; fails the test if there is none. */
const SynackConnInfo *synack_test_conn_info (const SynackTrace *trace, uint32_t conn);

/* The n-th (from 0) event matching type/host/timer etc.; -1 if none. */
long synack_test_find_timer (const SynackTrace *trace, SynackHostId host,
                             SynackTimerKind timer, SynackTimerAction action, guint nth);
long synack_test_find_app (const SynackTrace *trace, SynackHostId host,
                           SynackCall call, SynackResult result);

/* Times (µs) of every SEND by host whose flags (PSH ignored) equal flags. */
GArray *synack_test_send_times (const SynackTrace *trace, SynackHostId host, unsigned flags);

/* $SYNACK_REFERENCE_DIR/NAME.SUFFIX (tests/reference/linux/ under meson
 * test); fails the test if the file is missing. */
char *synack_test_reference_path (const char *name, const char *suffix);

/* Same segments in the same order, bursts within a millisecond of the
 * capture compared as sets; fails the test with both listings otherwise. */
void synack_test_assert_same_segments (const char *name, GArray *expected, GArray *actual);
/* Every retransmission's distance from the previous copy within 10 %. */
void synack_test_assert_retransmission_times (const char *name, GArray *expected, GArray *actual);

G_END_DECLS
