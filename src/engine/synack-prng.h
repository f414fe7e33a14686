/* synack-prng.h: the seeded random numbers behind loss and default ISNs. */
#pragma once

#include <stdint.h>

/* xoshiro256**: small, fast, and the same sequence on every platform, which
 * is what makes "same seed, same trace" hold. */
typedef struct {
  uint64_t s[4];
} SynackPrng;

void     synack_prng_seed   (SynackPrng *prng, uint64_t seed);
uint64_t synack_prng_next   (SynackPrng *prng);
double   synack_prng_double (SynackPrng *prng);   /* uniform in [0, 1) */

/* A keyed hash of value: the same for the same key and value, unrelated
 * otherwise. Things drawn from the seed this way (the tick phase, ISNs)
 * leave the generator's sequence, and so every loss draw, as it was. */
uint64_t synack_prng_hash   (uint64_t key, uint64_t value);
