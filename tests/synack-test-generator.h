/* synack-test-generator.h: random scenarios for the invariant tests and the engine fuzzer. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

/* Where the random choices come from: a seeded GRand in the tests, the
 * fuzzer's bytes in fuzz-engine, so the fuzzer steers every choice. */
typedef struct _SynackTestRandom SynackTestRandom;
struct _SynackTestRandom {
  guint32 (*bits)      (SynackTestRandom *self);                            /* 32 random bits */
  gint32  (*int_range) (SynackTestRandom *self, gint32 begin, gint32 end);  /* in [begin, end) */
  double  (*fraction)  (SynackTestRandom *self);                            /* in [0, 1) */
  gpointer data;
};

/* A scenario as a teacher could write it (connections, data, closes in any
 * order, reactions, faults, crashes, cables), valid by construction; the
 * text is what a failure prints. origin goes into its first comment. */
char *synack_test_generate_scenario (SynackTestRandom *rand, const char *origin);

G_END_DECLS
