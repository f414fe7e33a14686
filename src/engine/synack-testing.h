/* synack-testing.h: a run in steps, with hand-made segments slipped in
 * between, for tests of how TCP treats what a scenario cannot produce.
 * Not for applications: they run a whole script with synack_engine_run().
 *
 *   SynackEngineError error;
 *   SynackEngine *engine = synack_engine_new (script, &trace, &error);
 *   synack_engine_advance (engine, SYNACK_SEC (1));    // up to t = 1 s
 *   synack_testing_socket (engine, SYNACK_SERVER, 1, &view);
 *   synack_network_inject (engine, SYNACK_CLIENT, &hdr, 1);
 *   synack_engine_advance (engine, SYNACK_MS (1050));  // it has arrived
 *   synack_engine_free (engine, NULL);
 */
#pragma once

#include "synack-engine.h"

typedef struct SynackEngine SynackEngine;

/* Sets a run up without running it; NULL (with *error set) if the script
 * is refused. A non-NULL engine must be freed even if *error is not OK. */
SynackEngine     *synack_engine_new     (const SynackScript *script, SynackTrace *trace,
                                         SynackEngineError *error);
/* Processes everything due up to `until` (capped at the time limit); the
 * clock then reads `until` even if nothing happened, so a test can act at
 * that time. */
SynackEngineError synack_engine_advance (SynackEngine *engine, SynackTime until);
/* Ends the run where it stands; returns its error and fills *stats. */
SynackEngineError synack_engine_free    (SynackEngine *engine, SynackRunStats *stats);

/* Puts a hand-made segment on the wire from `from` as connection `conn`'s,
 * arriving after the usual delay, never lost. */
void synack_network_inject (SynackEngine *engine, SynackHostId from, const SynackHeader *hdr,
                            uint32_t conn);

/* What a test may look at in one side of a connection. */
typedef struct {
  SynackState state;
  uint32_t    snd_una;
  uint32_t    snd_nxt;
  uint32_t    rcv_nxt;
} SynackTestingSocket;

/* Fills *out from `host`'s side of connection `conn`; false if it has none. */
bool synack_testing_socket (SynackEngine *engine, SynackHostId host, uint32_t conn,
                            SynackTestingSocket *out);
