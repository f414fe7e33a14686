/* synack-syn-flood.c: an attacker beside the client that sends SYNs from
 * forged addresses: nobody there answers the SYN-ACKs, so each SYN leaves
 * a half-open connection in the server's SYN queue until it gives up. */
#include "synack-tcp-private.h"

#define FLOOD_KEY 0x73796e2d666c6f6full

#define CLIENT_ADDR 0x0a000001u
#define SERVER_ADDR 0x0a000002u

/* Ports a forged SYN may come from: above the well-known ones. */
#define FLOOD_PORT_LOW 1024u

void
synack_syn_flood_send (SynackEngine *engine, const SynackAction *action, uint32_t index)
{
  uint64_t draw = synack_prng_hash (engine->params.seed ^ FLOOD_KEY,
                                    ((uint64_t) action->line << 32) | index);
  uint32_t host_mask = action->flood_prefix >= 32 ? 0 : UINT32_MAX >> action->flood_prefix;
  uint32_t addr = (action->flood_net & ~host_mask) | ((uint32_t) draw & host_mask);
  SynackHeader hdr = { 0 };

  /* Never one of the two real hosts, nor 0, which stands for "no forged
   * address" in the header: the neighbouring address instead (the scenario
   * reader refuses a /32 that is one of them). */
  if ((addr == 0 || addr == CLIENT_ADDR || addr == SERVER_ADDR) && host_mask != 0)
    addr ^= 4u & host_mask ? 4u : 1u;
  hdr.spoofed_addr = addr;
  hdr.src_port = (uint16_t) (FLOOD_PORT_LOW + (uint32_t) (draw >> 32) % (65536u - FLOOD_PORT_LOW));
  hdr.dst_port = action->port;
  hdr.seq = (uint32_t) synack_prng_hash (draw, index);
  hdr.flags = SYNACK_FLAG_SYN;
  hdr.win = (uint16_t) engine->params.window;
  synack_network_send (engine, action->host, &hdr, 0, 0);
}
