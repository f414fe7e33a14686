/* synack-engine.c: placeholder until the engine lands. */
#include "synack-engine.h"
SynackEngineError synack_engine_run (const SynackScript *script, SynackTrace *trace, SynackRunStats *stats) { (void) script; (void) trace; (void) stats; return SYNACK_ENGINE_NO_MEMORY; }
