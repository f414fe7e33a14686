/* synack-prng.c: xoshiro256** seeded through splitmix64. */
#include "synack-prng.h"

static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void
synack_prng_seed (SynackPrng *prng, uint64_t seed)
{
  for (int i = 0; i < 4; i++)
    prng->s[i] = splitmix64 (&seed);
}

uint64_t
synack_prng_next (SynackPrng *prng)
{
  uint64_t *s = prng->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
synack_prng_double (SynackPrng *prng)
{
  return (double) (synack_prng_next (prng) >> 11) * 0x1.0p-53;
}

uint64_t
synack_prng_hash (uint64_t key, uint64_t value)
{
  uint64_t x = key ^ splitmix64 (&value);

  return splitmix64 (&x);
}
