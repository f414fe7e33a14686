/* synack-syncookies.c: SYN cookies as Linux makes and checks them
 * (net/ipv4/syncookies.c): a SYN-ACK's sequence number that lets the final
 * ACK rebuild the connection with nothing kept in between. */
#include "synack-tcp-private.h"

/* The upper 8 bits of a cookie hold the minute counter, the lower 24 the
 * second hash plus the MSS index (COOKIEBITS). */
#define COOKIE_BITS 24
#define COOKIE_MASK ((UINT32_C (1) << COOKIE_BITS) - 1)
/* A cookie is good for the counter it was made at and the one after it:
 * between one and two minutes (MAX_SYNCOOKIE_AGE). */
#define COOKIE_MAX_AGE 2
/* tcp_cookie_time(): the counter steps every minute. */
#define COOKIE_PERIOD SYNACK_SEC (60)

/* Keys that keep the hashes drawn from the seed apart: Linux's two
 * syncookie_secret[] and the uptime its jiffies start from. */
#define COOKIE_SECRET_1 0x636f6f6b69652d31ull
#define COOKIE_SECRET_2 0x636f6f6b69652d32ull
#define COOKIE_UPTIME   0x636f6f6b69652d75ull

#define CLIENT_ADDR 0x0a000001u  /* 10.0.0.1 */
#define SERVER_ADDR 0x0a000002u  /* 10.0.0.2 */

/* msstab[]: the MSS values a cookie can name, in its two lowest bits. */
static const uint32_t cookie_mss_table[] = { 536, 1300, 1440, 1460 };
#define N_COOKIE_MSS (sizeof cookie_mss_table / sizeof cookie_mss_table[0])

typedef struct {
  uint32_t client_addr;
  uint16_t client_port;
  uint16_t server_port;
} CookieTuple;

static CookieTuple
tuple_of (const SynackHeader *from_client)
{
  CookieTuple t = {
    .client_addr = from_client->spoofed_addr ? from_client->spoofed_addr : CLIENT_ADDR,
    .client_port = from_client->src_port,
    .server_port = from_client->dst_port,
  };
  return t;
}

/* cookie_hash(): a keyed hash of the 4-tuple and, for the second, the counter. */
static uint32_t
cookie_hash (const SynackEngine *engine, const CookieTuple *t, uint32_t count, int which)
{
  uint64_t key = engine->params.seed ^ (which == 1 ? COOKIE_SECRET_1 : COOKIE_SECRET_2);
  uint64_t ports = ((uint64_t) t->client_port << 16) | t->server_port;
  uint64_t value = ((uint64_t) t->client_addr << 32 | SERVER_ADDR) ^
                   synack_prng_hash (ports, which == 1 ? 0 : count);

  return (uint32_t) synack_prng_hash (key, value);
}

/* The minute counter now: the host has been up a while (drawn from the
 * seed, up to a month) when the run starts. */
static uint32_t
cookie_time (const SynackEngine *engine)
{
  SynackTime uptime = (SynackTime) (synack_prng_hash (engine->params.seed, COOKIE_UPTIME) %
                                    (uint64_t) SYNACK_SEC (30 * 24 * 3600));

  return (uint32_t) ((uptime + synack_now (engine)) / COOKIE_PERIOD);
}

uint32_t
synack_syncookie_make (const SynackEngine *engine, const SynackHeader *syn, uint32_t mss,
                       SynackSynCookie *out)
{
  CookieTuple t = tuple_of (syn);
  uint32_t count = cookie_time (engine);
  uint32_t index;

  /* __cookie_v4_init_sequence(): the largest table value not above the
   * client's MSS (536 if none is). */
  for (index = N_COOKIE_MSS - 1; index > 0; index--)
    if (mss >= cookie_mss_table[index])
      break;
  out->present = true;
  out->valid = true;
  out->count = count;
  out->mss_index = index;
  out->mss = cookie_mss_table[index];
  out->hash1 = cookie_hash (engine, &t, 0, 1);
  out->hash2 = cookie_hash (engine, &t, count, 2) & COOKIE_MASK;
  out->client_isn = syn->seq;
  /* secure_tcp_syn_cookie() */
  return out->hash1 + syn->seq + (count << COOKIE_BITS) + ((out->hash2 + index) & COOKIE_MASK);
}

bool
synack_syncookie_check (const SynackEngine *engine, const SynackHeader *ack, SynackSynCookie *out)
{
  CookieTuple t = tuple_of (ack);
  uint32_t client_isn = ack->seq - 1;
  uint32_t cookie = ack->ack - 1;
  uint32_t now = cookie_time (engine);
  uint32_t rest, age, index;

  /* check_tcp_syn_cookie(): take away the first hash and the ISN; what is
   * left is (count << 24) + ((hash2 + index) mod 2^24). */
  out->present = true;
  out->client_isn = client_isn;
  out->hash1 = cookie_hash (engine, &t, 0, 1);
  rest = cookie - (out->hash1 + client_isn);
  age = (now - (rest >> COOKIE_BITS)) & (UINT32_MAX >> COOKIE_BITS);
  out->count = now - age;
  out->hash2 = cookie_hash (engine, &t, out->count, 2) & COOKIE_MASK;
  index = (rest - out->hash2) & COOKIE_MASK;
  out->mss_index = index;
  out->mss = index < N_COOKIE_MSS ? cookie_mss_table[index] : 0;
  out->valid = age < COOKIE_MAX_AGE && index < N_COOKIE_MSS;
  return out->valid;
}
