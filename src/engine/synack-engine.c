/* synack-engine.c: the run loop, the applications' scripts, and the trace. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Marks English text for translation catalogues; the layers above translate
 * it with gettext, since the engine itself must not depend on any library. */
#define N_(text) text

#include "synack-tcp-private.h"

/* ---- Trace ------------------------------------------------------------- */

void
synack_engine_fail (SynackEngine *engine, SynackEngineError error)
{
  if (engine->error == SYNACK_ENGINE_OK)
    engine->error = error;
}

static void
defer (SynackEngine *engine, const SynackEvent *event)
{
  if (engine->n_deferred == engine->deferred_capacity)
    {
      size_t capacity = engine->deferred_capacity ? engine->deferred_capacity * 2 : 16;
      SynackEvent *bigger = realloc (engine->deferred, capacity * sizeof *bigger);

      if (bigger == NULL)
        {
          synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
          return;
        }
      engine->deferred = bigger;
      engine->deferred_capacity = capacity;
    }
  engine->deferred[engine->n_deferred++] = *event;
}

void
synack_engine_emit (SynackEngine *engine, const SynackEvent *event)
{
  if (engine->deferring)
    {
      defer (engine, event);
      return;
    }
  if (engine->error != SYNACK_ENGINE_OK)
    return;
  if (engine->trace->emitted >= engine->params.event_limit)
    {
      synack_engine_fail (engine, SYNACK_ENGINE_EVENT_LIMIT);
      return;
    }
  if (!synack_trace_append (engine->trace, event))
    synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
  else if (synack_trace_memory (engine->trace) > engine->params.memory_limit_mib << 20)
    synack_engine_fail (engine, SYNACK_ENGINE_MEMORY_LIMIT);
}

void
synack_engine_defer_events (SynackEngine *engine)
{
  engine->deferring = true;
}

void
synack_engine_emit_deferred (SynackEngine *engine, const SynackEvent *first)
{
  engine->deferring = false;
  synack_engine_emit (engine, first);
  for (size_t i = 0; i < engine->n_deferred; i++)
    synack_engine_emit (engine, &engine->deferred[i]);
  engine->n_deferred = 0;
}

static void
emit_app (SynackEngine *engine, SynackHostId host, uint32_t conn, SynackCall call,
          SynackResult result, uint64_t bytes, uint16_t port)
{
  SynackEvent event = { 0 };

  event.t = synack_now (engine);
  event.type = SYNACK_EVENT_APP;
  event.host = host;
  event.conn = conn;
  event.call = call;
  event.result = result;
  event.bytes = bytes;
  event.port = port;
  synack_engine_emit (engine, &event);
}

void
synack_engine_app_event (SynackEngine *engine, SynackHostId host, uint32_t conn,
                         SynackCall call, SynackResult result, uint64_t bytes)
{
  emit_app (engine, host, conn, call, result, bytes, 0);
}

void
synack_engine_listen_event (SynackEngine *engine, SynackHostId host, uint16_t port, SynackResult result)
{
  emit_app (engine, host, 0, SYNACK_CALL_LISTEN, result, 0, port);
}

/* ---- Application calls ------------------------------------------------- */

static void call_due (SynackSchedEntry *entry, void *context);
static void reaction_due (SynackSchedEntry *entry, void *context);

/* Application calls and reaction walks are counted while queued: the peak
 * shows whether memory follows the connections or the script's size. */
static void
count_pending (SynackEngine *engine)
{
  if (++engine->pending_calls > engine->stats.peak_pending_calls)
    engine->stats.peak_pending_calls = engine->pending_calls;
}

static void *
pending_alloc (SynackEngine *engine, size_t size)
{
  void *pending = calloc (1, size);

  if (pending == NULL)
    {
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
      return NULL;
    }
  count_pending (engine);
  return pending;
}

static void
pending_free (SynackEngine *engine, void *pending)
{
  engine->pending_calls--;
  free (pending);
}

/* Reaction walks are recycled: a churn run makes several per connection. */
static SynackPendingReactions *
walk_new (SynackEngine *engine)
{
  SynackPendingReactions *walk = engine->free_walks;

  if (walk == NULL)
    return pending_alloc (engine, sizeof *walk);
  engine->free_walks = *(SynackPendingReactions **) walk;
  count_pending (engine);
  return walk;
}

static void
walk_free (SynackEngine *engine, SynackPendingReactions *walk)
{
  engine->pending_calls--;
  *(SynackPendingReactions **) walk = engine->free_walks;
  engine->free_walks = walk;
}

static SynackPendingCall *
pending_call_new (SynackEngine *engine, const SynackAction *action, uint32_t conn)
{
  SynackPendingCall *call = pending_alloc (engine, sizeof *call);

  if (call == NULL)
    return NULL;
  synack_sched_entry_init (&call->entry, call_due);
  call->action = action;
  call->conn = conn;
  call->remaining = action->repeat;
  return call;
}

static void
schedule_call (SynackEngine *engine, SynackPendingCall *call, SynackTime at)
{
  if (!synack_scheduler_add (&engine->sched, &call->entry, at))
    {
      pending_free (engine, call);
      synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
    }
}

static SynackCall
call_of (SynackDo what)
{
  switch (what)
    {
    case SYNACK_DO_LISTEN:         return SYNACK_CALL_LISTEN;
    case SYNACK_DO_CONNECT:        return SYNACK_CALL_CONNECT;
    case SYNACK_DO_SEND:           return SYNACK_CALL_SEND;
    case SYNACK_DO_SHUTDOWN_WRITE: return SYNACK_CALL_SHUTDOWN_WRITE;
    case SYNACK_DO_CLOSE:          return SYNACK_CALL_CLOSE;
    case SYNACK_DO_ABORT:          return SYNACK_CALL_ABORT;
    case SYNACK_DO_READ_OFF:       return SYNACK_CALL_READ_OFF;
    case SYNACK_DO_READ_ON:        return SYNACK_CALL_READ_ON;
    case SYNACK_DO_CRASH:          return SYNACK_CALL_CRASH;
    case SYNACK_DO_UNPLUG:         return SYNACK_CALL_UNPLUG;
    case SYNACK_DO_PLUG:           return SYNACK_CALL_PLUG;
    case SYNACK_DO_ACCEPT:         return SYNACK_CALL_ACCEPT;
    case SYNACK_DO_SYN_FLOOD:      return SYNACK_CALL_CONNECT;
    case SYNACK_DO_CLOSE_LISTENER: return SYNACK_CALL_CLOSE;
    }
  return SYNACK_CALL_CLOSE;
}

static bool
conn_reserved (const SynackEngine *engine, uint32_t conn)
{
  for (size_t i = 0; i < engine->script->n_actions; i++)
    if (engine->script->actions[i].what == SYNACK_DO_CONNECT && engine->script->actions[i].conn == conn)
      return true;
  return false;
}

uint32_t
synack_engine_new_conn (SynackEngine *engine)
{
  /* Numbers that the script gives to its own connects are kept for them;
   * the others count up from 1 in the order connections open. */
  while (engine->n_reserved > 0 && conn_reserved (engine, engine->next_conn))
    engine->next_conn++;
  return engine->next_conn++;
}

static void
crash (SynackEngine *engine, SynackHostId host_id)
{
  SynackHost *host = &engine->hosts[host_id];

  synack_engine_app_event (engine, host_id, 0, SYNACK_CALL_CRASH, SYNACK_RESULT_OK, 0);
  /* Every socket vanishes without sending anything: the peer finds out
   * only when it next sends and gets a RST. */
  for (size_t b = 0; b < host->by_tuple.n_buckets; b++)
    while (host->by_tuple.buckets[b])
      synack_tcp_vanish (host->by_tuple.buckets[b]);
  while (host->n_listeners > 0)
    synack_tcp_vanish (host->listeners[0]);
}

static void
perform (SynackEngine *engine, const SynackAction *action, uint32_t conn)
{
  SynackHost *host = &engine->hosts[action->host];
  SynackSocket *sock;

  switch (action->what)
    {
    case SYNACK_DO_LISTEN:
      synack_tcp_listen (engine, action->host, action);
      return;
    case SYNACK_DO_ACCEPT:
      synack_tcp_accept (engine, action->host, action->port);
      return;
    case SYNACK_DO_CLOSE_LISTENER:
      synack_tcp_close_listener (engine, action->host, action->port);
      return;
    case SYNACK_DO_SYN_FLOOD:
      /* call_due() sends these itself, numbered. */
      return;
    case SYNACK_DO_CONNECT:
      synack_tcp_connect (engine, action->host, conn ? conn : synack_engine_new_conn (engine),
                          action->local_port, action->port, action->has_isn, action->isn,
                          action->reuseaddr);
      return;
    case SYNACK_DO_CRASH:
      crash (engine, action->host);
      return;
    case SYNACK_DO_UNPLUG:
    case SYNACK_DO_PLUG:
      synack_engine_app_event (engine, action->host, 0, call_of (action->what), SYNACK_RESULT_OK, 0);
      synack_network_set_unplugged (engine, action->host, action->what == SYNACK_DO_UNPLUG);
      return;
    default:
      break;
    }

  if (conn == SYNACK_CONN_LATEST)
    conn = host->latest_conn;
  sock = conn ? synack_host_find_conn (host, conn) : NULL;
  if (sock == NULL)
    {
      synack_engine_app_event (engine, action->host, conn, call_of (action->what),
                               SYNACK_RESULT_ENOTCONN, action->bytes);
      return;
    }

  switch (action->what)
    {
    case SYNACK_DO_SEND:
      synack_tcp_send (sock, action->bytes);
      break;
    case SYNACK_DO_SHUTDOWN_WRITE:
      synack_tcp_shutdown (sock);
      break;
    case SYNACK_DO_CLOSE:
      synack_tcp_close (sock);
      break;
    case SYNACK_DO_ABORT:
      synack_tcp_abort (sock);
      break;
    case SYNACK_DO_READ_OFF:
    case SYNACK_DO_READ_ON:
      synack_tcp_set_reading (sock, action->what == SYNACK_DO_READ_ON);
      break;
    default:
      break;
    }
}

/* Keys the hash the Poisson gaps are drawn from, apart from loss and ISNs. */
#define ARRIVAL_KEY 0x6172726976616c73ull

/* The wait before a repeated action's next time: fixed, or for a Poisson
 * process an exponential gap of mean `every` (-ln U times the mean). Each
 * gap is a hash of the seed, the action and the arrival's number, so the
 * generator behind random loss draws as it would without them. */
static SynackTime
next_gap (SynackEngine *engine, SynackPendingCall *call)
{
  const SynackAction *action = call->action;
  uint64_t which = ((uint64_t) (action - engine->script->actions) << 32) | call->arrivals++;
  double uniform;

  if (!action->poisson)
    return action->every;
  /* 53 bits, centred in their step: never 0, so the logarithm is finite. */
  uniform = ((double) (synack_prng_hash (engine->params.seed ^ ARRIVAL_KEY, which) >> 11) + 0.5) / 9007199254740992.0;
  return (SynackTime) llround (-log (uniform) * (double) action->every);
}

static void
perform_arrival (SynackEngine *engine, const SynackAction *action, uint32_t conn)
{
  uint32_t burst = action->what == SYNACK_DO_CONNECT && action->burst > 1 ? action->burst : 1;

  for (uint32_t i = 0; i < burst; i++)
    perform (engine, action, conn);
}

static void
call_due (SynackSchedEntry *entry, void *context)
{
  SynackEngine *engine = context;
  SynackPendingCall *call = SYNACK_CONTAINER_OF (entry, SynackPendingCall, entry);
  const SynackAction *action = call->action;

  if (action->what == SYNACK_DO_SYN_FLOOD)
    synack_syn_flood_send (engine, action, action->repeat - call->remaining);
  else
    perform_arrival (engine, action, call->conn);

  if (call->remaining > 0)
    {
      call->remaining--;
      /* A repeating connect opens a fresh connection each time, a flood
       * sends its next SYN; a repeating send writes on the same one. */
      if (action->what == SYNACK_DO_CONNECT)
        call->conn = 0;
      schedule_call (engine, call, synack_now (engine) + next_gap (engine, call));
      return;
    }
  pending_free (engine, call);
}

/* A reaction that repeats: its first time was now, the others follow as
 * a timed call's would. */
static void
repeat_reaction (SynackEngine *engine, const SynackAction *action, uint32_t conn)
{
  SynackPendingCall *call = pending_call_new (engine, action, conn);

  if (call == NULL)
    return;
  call->remaining = action->repeat - 1;
  schedule_call (engine, call, synack_now (engine) + next_gap (engine, call));
}

/* ---- Reactions --------------------------------------------------------- */

static bool
reaction_applies (const SynackPendingReactions *walk, const SynackAction *action)
{
  if (action->when != walk->what || action->trigger_host != walk->host)
    return false;
  if (action->conn != SYNACK_CONN_EACH && action->conn != walk->conn)
    return false;
  if (walk->what != SYNACK_WHEN_RECEIVED)
    return true;
  if (action->each)
    return walk->before / action->amount < walk->received / action->amount;
  return walk->before < action->amount && walk->received >= action->amount;
}

/* Queues the walk for the next reaction that applies; false if none is
 * left. Each reaction keeps the tie place it would have had if all had been
 * queued when the event happened, so the trace is the same as if they had. */
static bool
schedule_next_reaction (SynackEngine *engine, SynackPendingReactions *walk)
{
  for (; walk->next < engine->n_reactions; walk->next++)
    {
      const SynackAction *action = engine->reactions[walk->next];
      uint64_t tie_place = walk->first_place + (uint64_t) (action - engine->script->actions);

      if (!reaction_applies (walk, action))
        continue;
      if (!synack_scheduler_add_at_place (&engine->sched, &walk->entry,
                                          walk->triggered + action->at, tie_place))
        {
          synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
          return false;
        }
      return true;
    }
  return false;
}

static void
reaction_due (SynackSchedEntry *entry, void *context)
{
  SynackEngine *engine = context;
  SynackPendingReactions *walk = SYNACK_CONTAINER_OF (entry, SynackPendingReactions, entry);

  const SynackAction *action = engine->reactions[walk->next++];

  perform (engine, action, walk->conn);
  if (action->repeat > 0)
    repeat_reaction (engine, action, walk->conn);
  if (!schedule_next_reaction (engine, walk))
    walk_free (engine, walk);
}

void
synack_engine_notify (SynackEngine *engine, SynackSocket *sock, SynackWhen what, uint64_t before)
{
  SynackPendingReactions found = {
    .what = what, .host = sock->host, .conn = sock->conn,
    .before = before, .received = sock->received, .triggered = synack_now (engine),
  };
  SynackPendingReactions *walk;

  if (sock->conn == 0)
    return;
  while (found.next < engine->n_reactions && !reaction_applies (&found, engine->reactions[found.next]))
    found.next++;
  if (found.next == engine->n_reactions)
    return;
  walk = walk_new (engine);
  if (walk == NULL)
    return;
  *walk = found;
  synack_sched_entry_init (&walk->entry, reaction_due);
  walk->first_place = synack_scheduler_reserve_places (&engine->sched, engine->script->n_actions);
  if (!schedule_next_reaction (engine, walk))
    walk_free (engine, walk);
}

/* ---- The run ----------------------------------------------------------- */

/* Reactions walk in the order of their delays; equal delays in the script's. */
static int
compare_delays (const void *a, const void *b)
{
  const SynackAction *x = *(const SynackAction *const *) a;
  const SynackAction *y = *(const SynackAction *const *) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x < y ? -1 : x > y;
}

static bool
engine_init (SynackEngine *engine, const SynackScript *script, SynackTrace *trace)
{
  memset (engine, 0, sizeof *engine);
  engine->params = script->params;
  engine->script = script;
  engine->trace = trace;
  synack_scheduler_init (&engine->sched);
  synack_prng_seed (&engine->prng, script->params.seed);
  synack_ticks_init (&engine->ticks, &script->params);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    synack_host_init (&engine->hosts[h], (SynackHostId) h, &script->params);

  engine->fault_hits = calloc (script->n_faults + 1, sizeof *engine->fault_hits);
  engine->reactions = calloc (script->n_actions + 1, sizeof *engine->reactions);
  if (engine->fault_hits == NULL || engine->reactions == NULL)
    return false;

  for (size_t i = 0; i < script->n_actions; i++)
    {
      const SynackAction *action = &script->actions[i];

      if (action->what == SYNACK_DO_CONNECT && action->conn != 0)
        engine->n_reserved++;
      if (action->when != SYNACK_WHEN_TIME)
        engine->reactions[engine->n_reactions++] = action;
    }
  qsort (engine->reactions, engine->n_reactions, sizeof *engine->reactions, compare_delays);
  engine->next_conn = 1;

  for (size_t i = 0; i < script->n_actions; i++)
    {
      const SynackAction *action = &script->actions[i];
      SynackPendingCall *call;

      if (action->when != SYNACK_WHEN_TIME)
        continue;
      call = pending_call_new (engine, action, action->conn);
      if (call == NULL)
        return false;
      schedule_call (engine, call, action->at);
    }
  return engine->error == SYNACK_ENGINE_OK;
}

static void
engine_clear (SynackEngine *engine)
{
  /* Whatever is still queued belongs to a socket (freed with its host), a
   * segment in flight, an application call or a reaction walk: free all
   * but the first here, before any socket memory goes. */
  SynackSchedEntry *entry;

  while ((entry = synack_scheduler_pop (&engine->sched)) != NULL)
    {
      if (entry->fn == call_due)
        free (SYNACK_CONTAINER_OF (entry, SynackPendingCall, entry));
      else if (entry->fn == reaction_due)
        free (SYNACK_CONTAINER_OF (entry, SynackPendingReactions, entry));
      else
        synack_network_discard (engine, entry);
    }
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    synack_host_clear (engine, &engine->hosts[h]);
  synack_scheduler_clear (&engine->sched);

  while (engine->free_sockets)
    {
      SynackSocket *sock = engine->free_sockets;

      engine->free_sockets = sock->next_by_tuple;
      free (sock);
    }
  while (engine->free_walks)
    {
      SynackPendingReactions *walk = engine->free_walks;

      engine->free_walks = *(SynackPendingReactions **) walk;
      free (walk);
    }
  synack_network_free_pool (engine);
  free (engine->fault_hits);
  free (engine->reactions);
  free (engine->deferred);
}

SynackEngine *
synack_engine_new (const SynackScript *script, SynackTrace *trace, SynackEngineError *error)
{
  SynackEngine *engine;

  if (synack_params_validate (&script->params) != SYNACK_PARAMS_OK)
    {
      *error = SYNACK_ENGINE_BAD_PARAMS;
      return NULL;
    }
  engine = malloc (sizeof *engine);
  if (engine == NULL)
    {
      *error = SYNACK_ENGINE_NO_MEMORY;
      return NULL;
    }
  if (!engine_init (engine, script, trace))
    synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
  *error = engine->error;
  return engine;
}

SynackEngineError
synack_engine_advance (SynackEngine *engine, SynackTime until)
{
  if (until > engine->params.time_limit)
    until = engine->params.time_limit;
  while (engine->error == SYNACK_ENGINE_OK)
    {
      SynackSchedEntry *entry;
      SynackTime next = synack_scheduler_peek_time (&engine->sched);

      if (next < 0)
        break;
      if (next > until)
        {
          engine->stats.hit_time_limit = until == engine->params.time_limit;
          break;
        }
      if (engine->cancel != NULL && engine->stats.scheduled % SYNACK_ENGINE_CANCEL_EVERY == 0 &&
          __atomic_load_n (engine->cancel, __ATOMIC_RELAXED) != 0)
        {
          synack_engine_fail (engine, SYNACK_ENGINE_CANCELLED);
          break;
        }
      entry = synack_scheduler_pop (&engine->sched);
      engine->stats.scheduled++;
      entry->fn (entry, engine);
    }
  if (engine->sched.out_of_memory)
    synack_engine_fail (engine, SYNACK_ENGINE_NO_MEMORY);
  /* The clock reaches `until` even when nothing happens, so a test can act
   * at that time. */
  if (engine->error == SYNACK_ENGINE_OK && engine->sched.now < until)
    engine->sched.now = until;
  return engine->error;
}

SynackEngineError
synack_engine_free (SynackEngine *engine, SynackRunStats *stats)
{
  SynackEngineError error = engine->error;

  engine->stats.end_time = engine->trace->end_time;
  engine->stats.events = engine->trace->emitted;
  engine->stats.connections = engine->trace->n_conns;
  if (stats)
    *stats = engine->stats;
  engine_clear (engine);
  free (engine);
  return error;
}

SynackEngineError
synack_engine_run (const SynackScript *script, SynackTrace *trace, SynackRunStats *stats)
{
  return synack_engine_run_cancellable (script, trace, stats, NULL);
}

SynackEngineError
synack_engine_run_cancellable (const SynackScript *script, SynackTrace *trace, SynackRunStats *stats,
                               const int *cancel)
{
  SynackEngineError error;
  SynackEngine *engine;

  if (stats)
    memset (stats, 0, sizeof *stats);
  engine = synack_engine_new (script, trace, &error);
  if (engine == NULL)
    return error;
  engine->cancel = cancel;
  synack_engine_advance (engine, engine->params.time_limit);
  return synack_engine_free (engine, stats);
}

const char *
synack_engine_error_to_string (SynackEngineError error)
{
  switch (error)
    {
    case SYNACK_ENGINE_OK:
      return N_("no error");
    case SYNACK_ENGINE_BAD_PARAMS:
      return N_("the parameters are not consistent");
    case SYNACK_ENGINE_EVENT_LIMIT:
      return N_("the run reached its event limit: the scenario may never end "
             "(raise event-limit if it really is that long)");
    case SYNACK_ENGINE_NO_MEMORY:
      return N_("out of memory");
    case SYNACK_ENGINE_MEMORY_LIMIT:
      return N_("the trace reached its memory limit (its events and a record per "
             "connection): raise memory-limit, in MiB, if the machine has the memory");
    case SYNACK_ENGINE_CANCELLED:
      return N_("the run was cancelled");
    }
  return "unknown engine error";
}
