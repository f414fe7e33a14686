/* synack-host.c: a host's socket table, keyed by 4-tuple like a real stack's. */
#include <stdlib.h>
#include <string.h>

#include "synack-tcp-private.h"

/* Both hosts have one address each, so a 4-tuple seen from one host is just
 * its (local port, remote port) pair, and the peer's address only when an
 * attacker forged it. */
static inline uint64_t
tuple_key (uint32_t remote_addr, uint16_t local_port, uint16_t remote_port)
{
  return ((uint64_t) remote_addr << 32) | ((uint64_t) local_port << 16) | remote_port;
}

static inline uint64_t
socket_key (const SynackSocketMap *map, const SynackSocket *sock)
{
  return map->by_conn ? sock->conn : tuple_key (sock->remote_addr, sock->local_port, sock->remote_port);
}

static inline SynackSocket **
next_link (const SynackSocketMap *map, SynackSocket *sock)
{
  return map->by_conn ? &sock->next_by_conn : &sock->next_by_tuple;
}

static inline size_t
bucket_of (const SynackSocketMap *map, uint64_t key)
{
  /* Fibonacci hashing spreads consecutive ports and connection numbers. */
  return (size_t) ((key * 0x9e3779b97f4a7c15ull) >> 40) & (map->n_buckets - 1);
}

static void
map_init (SynackSocketMap *map, bool by_conn)
{
  memset (map, 0, sizeof *map);
  map->by_conn = by_conn;
}

static bool
map_grow (SynackSocketMap *map)
{
  size_t n_buckets = map->n_buckets ? map->n_buckets * 2 : 64;
  SynackSocket **buckets = calloc (n_buckets, sizeof *buckets);
  SynackSocketMap bigger = *map;

  if (buckets == NULL)
    return false;
  bigger.buckets = buckets;
  bigger.n_buckets = n_buckets;
  for (size_t b = 0; b < map->n_buckets; b++)
    {
      SynackSocket *sock = map->buckets[b];

      while (sock)
        {
          SynackSocket *next = *next_link (map, sock);
          size_t i = bucket_of (&bigger, socket_key (map, sock));

          *next_link (map, sock) = buckets[i];
          buckets[i] = sock;
          sock = next;
        }
    }
  free (map->buckets);
  map->buckets = buckets;
  map->n_buckets = n_buckets;
  return true;
}

static bool
map_insert (SynackSocketMap *map, SynackSocket *sock)
{
  size_t i;

  if (map->n >= map->n_buckets && !map_grow (map))
    return false;
  i = bucket_of (map, socket_key (map, sock));
  *next_link (map, sock) = map->buckets[i];
  map->buckets[i] = sock;
  map->n++;
  return true;
}

static void
map_remove (SynackSocketMap *map, SynackSocket *sock)
{
  SynackSocket **link;

  if (map->n_buckets == 0)
    return;
  link = &map->buckets[bucket_of (map, socket_key (map, sock))];
  while (*link)
    {
      if (*link == sock)
        {
          *link = *next_link (map, sock);
          *next_link (map, sock) = NULL;
          map->n--;
          return;
        }
      link = next_link (map, *link);
    }
}

static SynackSocket *
map_find (const SynackSocketMap *map, uint64_t key)
{
  SynackSocket *sock;

  if (map->n_buckets == 0)
    return NULL;
  for (sock = map->buckets[bucket_of (map, key)]; sock; sock = *next_link (map, sock))
    if (socket_key (map, sock) == key)
      return sock;
  return NULL;
}

void
synack_host_init (SynackHost *host, SynackHostId id, const SynackParams *params)
{
  memset (host, 0, sizeof *host);
  host->id = id;
  map_init (&host->by_tuple, false);
  map_init (&host->by_conn, true);
  host->port_low = (uint16_t) params->port_low;
  host->port_high = (uint16_t) params->port_high;
  host->next_port = synack_params_first_port (params);
}

void
synack_host_clear (SynackEngine *engine, SynackHost *host)
{
  for (size_t b = 0; b < host->by_tuple.n_buckets; b++)
    while (host->by_tuple.buckets[b])
      {
        SynackSocket *sock = host->by_tuple.buckets[b];

        synack_host_unbind (host, sock);
        synack_socket_free (sock);
      }
  for (unsigned i = 0; i < host->n_listeners; i++)
    synack_socket_free (host->listeners[i]);
  host->n_listeners = 0;
  free (host->by_tuple.buckets);
  free (host->by_conn.buckets);
  (void) engine;
}

SynackSocket *
synack_socket_new (SynackEngine *engine, SynackHostId host)
{
  SynackSocket *sock = engine->free_sockets;

  if (sock)
    engine->free_sockets = sock->next_by_tuple;
  else
    sock = malloc (sizeof *sock);
  if (sock == NULL)
    return NULL;

  memset (sock, 0, sizeof *sock);
  sock->engine = engine;
  sock->host = host;
  sock->state = SYNACK_STATE_CLOSED;
  sock->snd_wnd = engine->params.window;
  sock->rto = engine->params.rto_initial;
  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    {
      synack_sched_entry_init (&sock->timers[k].entry, NULL);
      sock->timers[k].sock = sock;
      sock->timers[k].kind = (SynackTimerKind) k;
    }
  synack_sched_entry_init (&sock->accept_pace, synack_listener_accept_pace_due);
  engine->live_sockets++;
  if (engine->live_sockets > engine->stats.peak_sockets)
    engine->stats.peak_sockets = engine->live_sockets;
  return sock;
}

void
synack_socket_free (SynackSocket *sock)
{
  SynackEngine *engine = sock->engine;

  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    synack_scheduler_cancel (&engine->sched, &sock->timers[k].entry);
  synack_scheduler_cancel (&engine->sched, &sock->accept_pace);
  engine->live_sockets--;
  /* Recycled, since a churn run creates and frees a socket per connection. */
  sock->next_by_tuple = engine->free_sockets;
  engine->free_sockets = sock;
}

bool
synack_host_bind (SynackHost *host, SynackSocket *sock)
{
  if (!map_insert (&host->by_tuple, sock))
    return false;
  if (sock->conn != 0 && !map_insert (&host->by_conn, sock))
    {
      map_remove (&host->by_tuple, sock);
      return false;
    }
  return true;
}

void
synack_host_unbind (SynackHost *host, SynackSocket *sock)
{
  map_remove (&host->by_tuple, sock);
  if (sock->conn != 0)
    map_remove (&host->by_conn, sock);
  host->departures++;
}

SynackSocket *
synack_host_lookup (SynackHost *host, uint16_t local_port, uint16_t remote_port)
{
  return map_find (&host->by_tuple, tuple_key (0, local_port, remote_port));
}

SynackSocket *
synack_host_lookup_addr (SynackHost *host, uint32_t remote_addr, uint16_t local_port,
                         uint16_t remote_port)
{
  return map_find (&host->by_tuple, tuple_key (remote_addr, local_port, remote_port));
}

SynackSocket *
synack_host_bind_conflict (SynackHost *host, uint16_t port, bool reuseaddr)
{
  /* inet_bind_conflict(): another socket on the port conflicts unless both
   * set SO_REUSEADDR (a listener always does, handled by the caller). A
   * scan, but bind() is rare. */
  for (size_t b = 0; b < host->by_tuple.n_buckets; b++)
    for (SynackSocket *sock = host->by_tuple.buckets[b]; sock; sock = sock->next_by_tuple)
      if (sock->local_port == port && !(reuseaddr && sock->reuseaddr))
        return sock;
  return NULL;
}

SynackSocket *
synack_host_find_conn (SynackHost *host, uint32_t conn)
{
  return map_find (&host->by_conn, conn);
}

SynackSocket *
synack_host_listener (SynackHost *host, uint16_t port)
{
  for (unsigned i = 0; i < host->n_listeners; i++)
    if (host->listeners[i]->local_port == port)
      return host->listeners[i];
  return NULL;
}

bool
synack_host_add_listener (SynackHost *host, SynackSocket *sock)
{
  if (host->n_listeners == sizeof host->listeners / sizeof host->listeners[0])
    return false;
  host->listeners[host->n_listeners++] = sock;
  return true;
}

void
synack_host_remove_listener (SynackHost *host, SynackSocket *sock)
{
  for (unsigned i = 0; i < host->n_listeners; i++)
    if (host->listeners[i] == sock)
      {
        host->listeners[i] = host->listeners[--host->n_listeners];
        host->departures++;
        return;
      }
}

/* Linux's __inet_hash_connect(): the ports of the range's low parity first
 * (the other half is left for bind()), each taken if its 4-tuple is free
 * or holds a TIME_WAIT that may be taken over, then the other parity. The
 * range is used in an even number of ports ("remaining &= ~1"), so an odd
 * range's top port is never picked. Linux starts each search at a hashed,
 * randomly advanced offset; here just after the last port picked, so a
 * lesson's ports read 40000, 40002, 40004... */
uint16_t
synack_host_pick_port (SynackHost *host, uint16_t remote_port, SynackTakeable takeable, void *data)
{
  unsigned remaining = (unsigned) host->port_high - host->port_low + 1;
  unsigned offset = (unsigned) host->next_port - host->port_low;

  if (remaining > 1)
    remaining &= ~1u;
  /* Without this, every connect of a client that ran out of ports scans
   * the whole range again: a million connects took minutes. Only free
   * ports count then; a TIME_WAIT that may be taken over ages, so a host
   * that may take one over looks again each time. */
  if (takeable == NULL && host->ports_exhausted && host->exhausted_remote_port == remote_port &&
      host->exhausted_at == host->departures)
    return 0;

  offset = (offset % remaining) & ~1u;
  for (unsigned pass = 0; pass < (remaining > 1 ? 2u : 1u); pass++, offset++)
    for (unsigned i = 0; i < remaining; i += (remaining > 1 ? 2 : 1))
      {
        uint16_t port = (uint16_t) (host->port_low + (offset + i) % remaining);
        SynackSocket *old;

        if (synack_host_listener (host, port) != NULL)
          continue;
        old = synack_host_lookup (host, port, remote_port);
        if (old == NULL || (takeable != NULL && takeable (old, data)))
          {
            host->next_port = (uint16_t) (host->port_low + (offset + i + 2) % remaining);
            return port;
          }
      }
  host->ports_exhausted = true;
  host->exhausted_remote_port = remote_port;
  host->exhausted_at = host->departures;
  return 0;
}

bool
synack_testing_socket (SynackEngine *engine, SynackHostId host, uint32_t conn,
                       SynackTestingSocket *out)
{
  const SynackSocket *sock = synack_host_find_conn (&engine->hosts[host], conn);

  if (sock == NULL)
    return false;
  out->state = sock->state;
  out->snd_una = sock->snd_una;
  out->snd_nxt = sock->snd_nxt;
  out->rcv_nxt = sock->rcv_nxt;
  return true;
}
