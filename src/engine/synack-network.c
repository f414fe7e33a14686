/* synack-network.c: the wire between the hosts: delay, random loss and the
 * scripted faults lessons use (lose, delay or duplicate a chosen segment). */
#include <stdlib.h>
#include <string.h>

#include "synack-engine-private.h"

static inline SynackHostId
receiver_of (SynackDirection dir)
{
  return dir == SYNACK_C2S ? SYNACK_SERVER : SYNACK_CLIENT;
}

bool
synack_match_kind_matches (SynackMatchKind match, const SynackHeader *hdr)
{
  unsigned flags = hdr->flags & ~SYNACK_FLAG_PSH;

  switch (match)
    {
    case SYNACK_MATCH_ANY:
      return true;
    case SYNACK_MATCH_SYN:
      return flags == SYNACK_FLAG_SYN;
    case SYNACK_MATCH_SYN_ACK:
      return flags == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);
    case SYNACK_MATCH_ACK:
      return flags == SYNACK_FLAG_ACK && hdr->len == 0;
    case SYNACK_MATCH_DATA:
      return hdr->len > 0;
    case SYNACK_MATCH_FIN:
      return (flags & SYNACK_FLAG_FIN) != 0;
    case SYNACK_MATCH_RST:
      return (flags & SYNACK_FLAG_RST) != 0;
    }
  return false;
}

static bool
fault_matches (const SynackFault *fault, const SynackHeader *hdr, SynackDirection dir,
               uint32_t seg, uint32_t conn, SynackTime now)
{
  if (now < fault->from)
    return false;
  if (fault->segment != 0)
    return fault->segment == seg;
  if (!fault->any_direction && fault->direction != dir)
    return false;
  if (fault->conn != 0 && fault->conn != conn)
    return false;
  return synack_match_kind_matches (fault->match, hdr);
}

static void flight_arrived (SynackSchedEntry *entry, void *context);

static SynackFlight *
flight_new (SynackEngine *engine)
{
  SynackFlight *flight = engine->free_flights;

  if (flight)
    engine->free_flights = *(SynackFlight **) flight;
  else
    flight = malloc (sizeof *flight);
  if (flight == NULL)
    {
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return NULL;
    }
  memset (flight, 0, sizeof *flight);
  synack_sched_entry_init (&flight->entry, flight_arrived);
  return flight;
}

static void
flight_free (SynackEngine *engine, SynackFlight *flight)
{
  *(SynackFlight **) flight = engine->free_flights;
  engine->free_flights = flight;
}

static void
schedule (SynackEngine *engine, SynackFlight *flight, SynackTime at)
{
  if (!synack_scheduler_add (&engine->sched, &flight->entry, at))
    {
      flight_free (engine, flight);
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
    }
}

#define LOST_NONE (-1)

void
synack_network_send (SynackEngine *engine, SynackHostId from, const SynackHeader *hdr,
                     uint32_t conn, uint32_t rexmit)
{
  synack_network_send_cookie (engine, from, hdr, conn, rexmit, NULL);
}

void
synack_network_send_cookie (SynackEngine *engine, SynackHostId from, const SynackHeader *hdr,
                            uint32_t conn, uint32_t rexmit, const SynackSynCookie *cookie)
{
  SynackDirection dir = from == SYNACK_CLIENT ? SYNACK_C2S : SYNACK_S2C;
  SynackTime arrival = synack_now (engine) + engine->params.delay[dir];
  SynackTime copy_after = -1;
  int lost = LOST_NONE;
  SynackEvent event = { 0 };
  SynackFlight *flight;
  uint32_t seg = ++engine->next_seg;

  event.t = synack_now (engine);
  event.type = SYNACK_EVENT_SEND;
  event.host = from;
  event.conn = conn;
  event.seg = seg;
  event.hdr = *hdr;
  event.rexmit = rexmit;
  if (cookie != NULL)
    event.cookie = *cookie;
  synack_engine_emit (engine, &event);

  for (size_t i = 0; i < engine->script->n_faults; i++)
    {
      const SynackFault *fault = &engine->script->faults[i];

      if (!fault_matches (fault, hdr, dir, seg, conn, synack_now (engine)))
        continue;
      engine->fault_hits[i]++;
      if (fault->nth != 0 && (fault->and_later ? engine->fault_hits[i] < fault->nth
                                               : engine->fault_hits[i] != fault->nth))
        continue;
      switch (fault->kind)
        {
        case SYNACK_FAULT_LOSE:
          lost = SYNACK_LOSS_SCRIPTED;
          break;
        case SYNACK_FAULT_DELAY:
          arrival += fault->extra;
          break;
        case SYNACK_FAULT_DUPLICATE:
          copy_after = fault->extra;
          break;
        }
    }

  /* An answer to a forged address goes to a machine that never asked (an
   * attacker picks addresses where none answers, or its SYNs would be reset). */
  if (dir == SYNACK_S2C && hdr->spoofed_addr != 0)
    lost = SYNACK_LOSS_SPOOFED;
  else if (engine->hosts[from].unplugged || engine->hosts[receiver_of (dir)].unplugged)
    lost = SYNACK_LOSS_UNPLUGGED;
  else if (lost == LOST_NONE && engine->params.loss[dir] > 0.0 &&
           synack_prng_double (&engine->prng) < engine->params.loss[dir])
    lost = SYNACK_LOSS_RANDOM;

  flight = flight_new (engine);
  if (flight == NULL)
    return;
  flight->hdr = *hdr;
  flight->dir = dir;
  flight->seg = seg;
  flight->rexmit = rexmit;
  flight->origin_conn = conn;
  /* A flight that will be lost is still scheduled for its arrival time, so
   * the "lost" event lands in the trace in time order. */
  flight->lost = lost;
  schedule (engine, flight, arrival);

  if (copy_after >= 0 && lost == LOST_NONE)
    {
      SynackFlight *copy = flight_new (engine);

      if (copy == NULL)
        return;
      *copy = *flight;
      synack_sched_entry_init (&copy->entry, flight_arrived);
      copy->duplicate = true;
      event.type = SYNACK_EVENT_DUPLICATE;
      event.duplicate = true;
      event.copy_arrives = arrival + copy_after;
      synack_engine_emit (engine, &event);
      schedule (engine, copy, arrival + copy_after);
    }
}

static void
flight_arrived (SynackSchedEntry *entry, void *context)
{
  SynackEngine *engine = context;
  SynackFlight *flight = SYNACK_CONTAINER_OF (entry, SynackFlight, entry);
  SynackHostId to = receiver_of (flight->dir);
  int lost = flight->lost;

  /* A cable pulled while the segment was on its way loses it too. */
  if (lost < 0 && engine->hosts[to].unplugged)
    lost = SYNACK_LOSS_UNPLUGGED;

  if (lost >= 0)
    {
      SynackEvent event = { 0 };

      event.t = synack_now (engine);
      event.type = SYNACK_EVENT_LOST;
      event.host = to == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
      event.conn = flight->origin_conn;
      event.seg = flight->seg;
      event.hdr = flight->hdr;
      event.rexmit = flight->rexmit;
      event.duplicate = flight->duplicate;
      event.loss_reason = (SynackLossReason) lost;
      synack_engine_emit (engine, &event);
    }
  else
    synack_tcp_input (engine, to, flight);

  flight_free (engine, flight);
}

void
synack_network_inject (SynackEngine *engine, SynackHostId from, const SynackHeader *hdr, uint32_t conn)
{
  SynackDirection dir = from == SYNACK_CLIENT ? SYNACK_C2S : SYNACK_S2C;
  SynackEvent event = { 0 };
  SynackFlight *flight = flight_new (engine);

  if (flight == NULL)
    return;
  event.t = synack_now (engine);
  event.type = SYNACK_EVENT_SEND;
  event.host = from;
  event.conn = conn;
  event.seg = ++engine->next_seg;
  event.hdr = *hdr;
  synack_engine_emit (engine, &event);
  flight->hdr = *hdr;
  flight->dir = dir;
  flight->seg = event.seg;
  flight->origin_conn = conn;
  flight->lost = LOST_NONE;
  schedule (engine, flight, synack_now (engine) + engine->params.delay[dir]);
}

void
synack_network_set_unplugged (SynackEngine *engine, SynackHostId host, bool unplugged)
{
  engine->hosts[host].unplugged = unplugged;
}

void
synack_network_discard (SynackEngine *engine, SynackSchedEntry *entry)
{
  (void) engine;
  if (entry->fn == flight_arrived)
    free (SYNACK_CONTAINER_OF (entry, SynackFlight, entry));
}

void
synack_network_free_pool (SynackEngine *engine)
{
  while (engine->free_flights)
    {
      SynackFlight *flight = engine->free_flights;

      engine->free_flights = *(SynackFlight **) flight;
      free (flight);
    }
}
