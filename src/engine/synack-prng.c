/* synack-prng.c: placeholder until the engine lands. */
#include "synack-engine.h"
