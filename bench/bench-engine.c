/* bench-engine.c: the engine's speed and memory on a churn workload (or any
 * scenario file), alone, with the census, and through `synack-cli run` and
 * `synack-cli census`. Prints figures; it asserts nothing. */
#include "synack-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "synack-scenario.h"

/* Each connection: handshake, PAYLOAD bytes each way, the client closes,
 * the server follows, TIME_WAIT on the client. One every SPACING keeps
 * 2×MSL / SPACING of them in TIME_WAIT, which must stay below the 28,232
 * ephemeral ports. A connection makes about 56 events: the limit on
 * endless runs leaves room for 100 each. */
#define CHURN \
  "event-limit = %" G_GUINT64_FORMAT "\n" \
  "delay = %s\n" \
  "loss = %s\n" \
  "msl = %s\n" \
  "at 0 server listen 80\n" \
  "at 0 client connect 80 repeat %" G_GUINT64_FORMAT " every %s\n" \
  "when client established: client send %" G_GUINT64_FORMAT "\n" \
  "when server received %" G_GUINT64_FORMAT ": server send %" G_GUINT64_FORMAT "\n" \
  "when client received %" G_GUINT64_FORMAT ": client close\n" \
  "when server eof: server close\n"

typedef struct {
  guint64 events;
  guint64 segments;
  guint64 connects;
} Counts;

/* What one run cost: CPU and wall seconds, peak resident memory. */
typedef struct {
  double cpu;
  double wall;
  long   peak_rss_kib;
} Cost;

static void
count_event (const SynackEvent *event, void *data)
{
  Counts *counts = data;

  counts->events++;
  if (event->type == SYNACK_EVENT_SEND)
    counts->segments++;
  /* A connect's first event, before its result. */
  if (event->type == SYNACK_EVENT_APP && event->call == SYNACK_CALL_CONNECT &&
      event->result == SYNACK_RESULT_PENDING)
    counts->connects++;
}

static double
seconds (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
timeval_seconds (struct timeval tv)
{
  return tv.tv_sec + tv.tv_usec / 1e6;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static G_NORETURN void
die (const char *message)
{
  fprintf (stderr, "bench-engine: %s\n", message);
  exit (1);
}

/* The engine with `sink` behind its trace, keeping nothing: the bare
 * engine's events go to a counter, the census's to the census. */
static Cost
run_engine (const SynackScenario *scenario, SynackTraceSink sink, void *sink_data,
            SynackRunStats *stats, SynackTime *end_time)
{
  SynackTrace trace;
  SynackScript script = *synack_scenario_get_script (scenario);
  SynackEngineError result;
  Cost cost;
  double cpu0, wall0;

  synack_trace_init (&trace);
  trace.sink = sink;
  trace.sink_data = sink_data;
  trace.without_conn_records = true;
  /* Counted events take no memory: the runaway guard is for kept traces. */
  script.params.event_limit = UINT64_MAX;

  cpu0 = seconds (CLOCK_PROCESS_CPUTIME_ID);
  wall0 = seconds (CLOCK_MONOTONIC);
  result = synack_engine_run (&script, &trace, stats);
  cost.cpu = seconds (CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  cost.wall = seconds (CLOCK_MONOTONIC) - wall0;
  cost.peak_rss_kib = peak_rss_kib ();
  *end_time = trace.end_time;
  synack_trace_clear (&trace);
  if (result != SYNACK_ENGINE_OK)
    die (synack_engine_error_to_string (result));
  return cost;
}

/* The census as `synack-cli census` counts it, but writing nothing: what
 * counting costs, and the peaks. */
static Cost
run_census (const SynackScenario *scenario, SynackCensus *census)
{
  SynackTime end_time;
  Cost cost;

  synack_census_init (census, 0, NULL, NULL);
  cost = run_engine (scenario, synack_census_sink, census, NULL, &end_time);
  synack_census_finish (census, end_time);
  return cost;
}

static void
print_census_peaks (const SynackCensus *census)
{
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      SynackCensusPeak tw = synack_census_peak (census, h, SYNACK_STATE_TIME_WAIT);

      printf ("  census, %s: TIME_WAIT at most %u", synack_host_to_string (h), tw.count);
      if (tw.count > 0)
        printf (" (first at %.3f s)", tw.first_t / 1e6);
      printf (", ESTABLISHED at most %u, %" G_GUINT64_FORMAT " connects refused with EADDRNOTAVAIL\n",
              synack_census_peak (census, h, SYNACK_STATE_ESTABLISHED).count,
              synack_census_eaddrnotavail (census, h));
    }
}

/* `synack-cli COMMAND FILE ARGS... > /dev/null` in a child process, so its
 * memory is its own and the figures are what a user of the CLI gets. */
static Cost
run_cli (const char *cli, const char *command, const char *path, char **extra)
{
  GPtrArray *argv = g_ptr_array_new ();
  struct rusage usage;
  int status;
  pid_t child;
  double wall0 = seconds (CLOCK_MONOTONIC);
  Cost cost;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) command);
  g_ptr_array_add (argv, (char *) path);
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, extra[i]);
  g_ptr_array_add (argv, NULL);

  fflush (stdout);
  child = fork ();
  if (child < 0)
    die (g_strerror (errno));
  if (child == 0)
    {
      if (freopen ("/dev/null", "w", stdout) == NULL)
        _exit (126);
      execv (cli, (char **) argv->pdata);
      fprintf (stderr, "bench-engine: cannot run %s: %s\n", cli, g_strerror (errno));
      _exit (127);
    }
  g_ptr_array_free (argv, TRUE);
  if (wait4 (child, &status, 0, &usage) < 0)
    die (g_strerror (errno));
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    die ("synack-cli failed (its message is above)");
  cost.wall = seconds (CLOCK_MONOTONIC) - wall0;
  cost.cpu = timeval_seconds (usage.ru_utime) + timeval_seconds (usage.ru_stime);
  cost.peak_rss_kib = usage.ru_maxrss;
  return cost;
}

static void
print_cost (const char *what, const Cost *cost, guint64 connections, guint64 events, const Cost *bare)
{
  printf ("%-22s CPU %8.3f s (wall %7.3f s)  %7.0f ns/connection  %6.2f M events/s  "
          "peak RSS %8.1f MiB",
          what, cost->cpu, cost->wall, cost->cpu * 1e9 / (double) connections,
          events / cost->cpu / 1e6, cost->peak_rss_kib / 1024.0);
  if (bare != NULL)
    printf ("  %.2f× the bare engine", cost->cpu / bare->cpu);
  putchar ('\n');
}

int
main (int argc, char **argv)
{
  guint64 connections = 100000, payload = 1024;
  g_autofree char *spacing = g_strdup ("1ms");
  g_autofree char *delay = g_strdup ("50ms");
  g_autofree char *msl = g_strdup ("5s");
  g_autofree char *loss = g_strdup ("1%");
  g_autofree char *cli = g_strdup (SYNACK_CLI_PATH);
  gboolean no_cli = FALSE;
  g_autofree char *formats = g_strdup ("text,json,census");
  g_auto (GStrv) files = NULL;
  g_auto (GStrv) sets = NULL;
  GOptionEntry entries[] = {
    { "connections", 'n', 0, G_OPTION_ARG_INT64, &connections, "Churn: how many connections (100000)", "N" },
    { "spacing", 0, 0, G_OPTION_ARG_STRING, &spacing, "Churn: time between two connects (1ms)", "DURATION" },
    { "delay", 0, 0, G_OPTION_ARG_STRING, &delay, "Churn: one-way delay (50ms)", "DURATION" },
    { "payload", 0, 0, G_OPTION_ARG_INT64, &payload, "Churn: bytes sent each way (1024)", "BYTES" },
    { "msl", 0, 0, G_OPTION_ARG_STRING, &msl, "Churn: MSL; TIME_WAIT is twice it (5s)", "DURATION" },
    { "loss", 0, 0, G_OPTION_ARG_STRING, &loss, "Churn: loss probability (1%)", "P" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "The synack-cli to measure (the one built with this)", "PATH" },
    { "cli-set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, "Pass --set KEY=VALUE to synack-cli (repeatable)", "KEY=VALUE" },
    { "cli-formats", 0, 0, G_OPTION_ARG_STRING, &formats, "Which outputs of synack-cli to measure (text,json,census)", "LIST" },
    { "no-cli", 0, 0, G_OPTION_ARG_NONE, &no_cli, "Measure the bare engine only", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[SCENARIO]" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new ("[SCENARIO] - the engine alone and through synack-cli run and census");
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) text_args = g_ptr_array_new ();
  g_autoptr (GPtrArray) json_args = g_ptr_array_new ();
  Counts counts = { 0, 0, 0 };
  SynackRunStats stats;
  Cost bare, census_cost, text_cost, json_cost, cli_census_cost;
  SynackCensus census;
  SynackTime end_time;
  guint64 made;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Without SCENARIO, the churn workload: N connections SPACING apart, PAYLOAD\n"
    "bytes each way, the client closes first. See bench/README.md.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die (error->message);
  if (files != NULL && files[0] != NULL)
    {
      if (files[1] != NULL)
        die ("give at most one scenario file");
      path = g_strdup (files[0]);
      scenario = synack_scenario_load_file (path, &error);
    }
  else
    {
      g_autofree char *text = NULL;
      int fd;

      if (connections < 1)
        die ("--connections must be at least 1");
      text = g_strdup_printf (CHURN, MAX (connections * 100, 1000000), delay, loss, msl, connections - 1, spacing,
                              payload, payload, payload, payload);
      scenario = synack_scenario_parse (text, "churn", &error);
      /* The CLI reads the same workload from a file. */
      fd = g_file_open_tmp ("bench-engine-XXXXXX.synack", &path, &error);
      if (fd < 0 || !g_file_set_contents (path, text, -1, &error))
        die (error->message);
      close (fd);
    }
  if (scenario == NULL)
    die (error->message);

  bare = run_engine (scenario, count_event, &counts, &stats, &end_time);
  made = MAX (counts.connects, 1);
  printf ("%s: %" G_GUINT64_FORMAT " connections over %.0f simulated seconds, %" G_GUINT64_FORMAT " trace events "
          "(%" G_GUINT64_FORMAT " segments), %" G_GUINT64_FORMAT " scheduler entries, "
          "%zu sockets alive at most\n",
          files && files[0] ? path : "churn", made, stats.end_time / 1e6,
          counts.events, counts.segments, stats.scheduled, stats.peak_sockets);
  print_cost ("bare engine", &bare, made, counts.events, NULL);
  census_cost = run_census (scenario, &census);
  print_cost ("engine + census", &census_cost, made, counts.events, &bare);
  print_census_peaks (&census);
  if (!no_cli)
    {
      for (guint i = 0; sets && sets[i]; i++)
        {
          g_ptr_array_add (text_args, "--set");
          g_ptr_array_add (text_args, sets[i]);
        }
      g_ptr_array_add (text_args, NULL);
      g_ptr_array_add (json_args, "--format");
      g_ptr_array_add (json_args, "json");
      g_ptr_array_extend (json_args, text_args, NULL, NULL);
      if (strstr (formats, "text") != NULL)
        {
          text_cost = run_cli (cli, "run", path, (char **) text_args->pdata);
          print_cost ("synack-cli run (text)", &text_cost, made, counts.events, &bare);
        }
      if (strstr (formats, "json") != NULL)
        {
          json_cost = run_cli (cli, "run", path, (char **) json_args->pdata);
          print_cost ("synack-cli run (json)", &json_cost, made, counts.events, &bare);
        }
      if (strstr (formats, "census") != NULL)
        {
          cli_census_cost = run_cli (cli, "census", path, (char **) text_args->pdata);
          print_cost ("synack-cli census", &cli_census_cost, made, counts.events, &bare);
        }
    }
  if (files == NULL || files[0] == NULL)
    g_unlink (path);
  return 0;
}
