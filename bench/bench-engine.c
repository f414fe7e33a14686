/* bench-engine.c: engine throughput on a churn workload, and its memory;
 * the memory of many reactions on many connections.
 * Prints figures; it asserts nothing. */
#include "synack-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "synack-scenario.h"

/* Each connection: handshake, 1 KB each way, the client closes, the server
 * follows, TIME_WAIT on the client. A new one every 3 ms keeps about 20,000
 * in TIME_WAIT at once, below the 28,232 ephemeral ports. */
#define WORKLOAD \
  "loss = 1%%\n" \
  "at 0 server listen 80\n" \
  "at 0 client connect 80 repeat %u every 3ms\n" \
  "when client established: client send 1024\n" \
  "when server received 1024: server send 1024\n" \
  "when client received 1024: client close\n" \
  "when server eof: server close\n"

typedef struct {
  guint64 events;
  guint64 segments;
} Counts;

static void
count_event (const SynackEvent *event, void *data)
{
  Counts *counts = data;

  counts->events++;
  if (event->type == SYNACK_EVENT_SEND)
    counts->segments++;
}

static double
seconds (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Runs scenario text with every event counted, not kept: the file
 * format's cap on event-limit does not apply here. Exits on any error. */
static SynackRunStats
run_counted (const char *text, const char *name, Counts *counts, double *cpu, double *wall)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, name, &error);
  SynackTrace trace;
  SynackScript script;
  SynackRunStats stats;
  SynackEngineError result;
  double cpu0, wall0;

  if (scenario == NULL)
    {
      fprintf (stderr, "bench-engine: %s\n", error->message);
      exit (1);
    }
  synack_trace_init (&trace);
  trace.sink = count_event;
  trace.sink_data = counts;

  cpu0 = seconds (CLOCK_PROCESS_CPUTIME_ID);
  wall0 = seconds (CLOCK_MONOTONIC);
  script = *synack_scenario_get_script (scenario);
  script.params.event_limit = UINT64_MAX;
  result = synack_engine_run (&script, &trace, &stats);
  *cpu = seconds (CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  *wall = seconds (CLOCK_MONOTONIC) - wall0;
  if (result != SYNACK_ENGINE_OK)
    {
      fprintf (stderr, "bench-engine: %s\n", synack_engine_error_to_string (result));
      exit (1);
    }
  synack_trace_clear (&trace);
  return stats;
}

static void
run (unsigned connections)
{
  g_autofree char *text = g_strdup_printf (WORKLOAD, connections - 1);
  Counts counts = { 0, 0 };
  double cpu, wall;
  long rss0 = peak_rss_kib ();
  SynackRunStats stats = run_counted (text, "churn", &counts, &cpu, &wall);

  printf ("%u connections over %.0f simulated seconds, 1%% loss\n", connections, stats.end_time / 1e6);
  printf ("  trace events       %12" G_GUINT64_FORMAT "  (%" G_GUINT64_FORMAT " segments)\n",
          counts.events, counts.segments);
  printf ("  scheduler entries  %12" G_GUINT64_FORMAT "\n", stats.scheduled);
  printf ("  CPU time           %12.3f s  (wall %.3f s)\n", cpu, wall);
  printf ("  events per second  %12.2f million (one core)\n", counts.events / cpu / 1e6);
  printf ("  sockets alive, peak%12zu\n", stats.peak_sockets);
  printf ("  peak RSS           %12ld KiB (%ld KiB before the run)\n", peak_rss_kib (), rss0);
}

/* Many reactions on many connections, each due long after every connection
 * has opened: the calls queued at once should follow the connections, not
 * reactions times connections. */
static void
run_reactions (unsigned connections, unsigned reactions)
{
  g_autoptr (GString) text = g_string_new ("time-limit = 60s\nat 0 server listen 80\n");
  Counts counts = { 0, 0 };
  double cpu, wall;
  long rss0 = peak_rss_kib ();
  SynackRunStats stats;

  g_string_append_printf (text, "at 0 client connect 80 repeat %u every 1ms\n", connections - 1);
  for (unsigned i = 0; i < reactions; i++)
    g_string_append_printf (text, "when client established +%us: client send 1\n", 100 + i);
  stats = run_counted (text->str, "reactions", &counts, &cpu, &wall);

  printf ("%u connections, %u reactions each, none due before the end\n", connections, reactions);
  printf ("  calls queued, peak %12zu\n", stats.peak_pending_calls);
  printf ("  CPU time           %12.3f s  (wall %.3f s)\n", cpu, wall);
  printf ("  peak RSS           %12ld KiB (%ld KiB before the run)\n", peak_rss_kib (), rss0);
}

int
main (int argc, char **argv)
{
  unsigned connections = argc > 1 ? (unsigned) strtoul (argv[1], NULL, 10) : 100000;

  /* A tenth of the work first: memory should follow the sockets alive at
   * once, not the connections made. */
  run (connections / 10 ? connections / 10 : 1);
  run (connections);
  run_reactions (connections / 10 ? connections / 10 : 1, 2000);
  return 0;
}
