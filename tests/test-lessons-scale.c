/* test-lessons-scale.c: the lessons at scale against their arithmetic: where
 * the pile-up runs out of ports, and what each remedy leaves in TIME_WAIT,
 * counted by the census. */
#include "synack-test-util.h"
#include "synack-census.h"

#include <string.h>
#include <sys/wait.h>

typedef struct {
  SynackScenario *scenario;
  SynackTrace    *trace;
  SynackCensus    census;
} ScaleRun;

static void
scale_run (ScaleRun *run, const char *lesson)
{
  g_autoptr (GError) error = NULL;

  run->scenario = synack_scenario_load_preset (lesson, &error);
  g_assert_no_error (error);
  run->trace = synack_scenario_run (run->scenario, NULL, &error);
  g_assert_no_error (error);
  synack_census_of_trace (&run->census, run->trace, 0, NULL, NULL);
  g_assert_cmpuint (synack_census_inconsistencies (&run->census), ==, 0);
}

static void
scale_run_clear (ScaleRun *run)
{
  g_clear_pointer (&run->trace, synack_trace_free);
  g_clear_pointer (&run->scenario, synack_scenario_free);
}

static const SynackParams *
params_of (const ScaleRun *run)
{
  return &synack_scenario_get_script (run->scenario)->params;
}

/* The lesson's one repeated connect: its first time, interval and count. */
static const SynackAction *
repeated_connect (const ScaleRun *run)
{
  const SynackScript *script = synack_scenario_get_script (run->scenario);

  for (size_t i = 0; i < script->n_actions; i++)
    if (script->actions[i].what == SYNACK_DO_CONNECT && script->actions[i].repeat > 0)
      return &script->actions[i];
  g_assert_not_reached ();
}

static guint
ports_of (const SynackParams *params)
{
  return params->port_high - params->port_low + 1;
}

static guint
peak (const ScaleRun *run, SynackHostId host, SynackState state)
{
  return synack_census_peak (&run->census, host, state).count;
}

/* A client that opens a connection every `every` and keeps each port for
 * TIME_WAIT runs out when the ports are all taken: connection range + 1,
 * at first + range x every, as long as that comes before the first
 * TIME_WAIT ends. */
static void
test_exhaustion_point (void)
{
  ScaleRun run = { 0 };
  const SynackAction *connect;
  const SynackParams *params;
  guint ports, connections, refused = 0;
  SynackTime predicted;
  long first;

  scale_run (&run, "port-exhaustion");
  connect = repeated_connect (&run);
  params = params_of (&run);
  ports = ports_of (params);
  connections = connect->repeat + 1;
  predicted = connect->at + (SynackTime) ports * connect->every;
  g_assert_false (connect->poisson);
  g_assert_cmpuint (connections, >, ports);
  g_assert_cmpint (predicted, <, connect->at + synack_params_time_wait (params));

  first = synack_test_find_app (run.trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL);
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpuint (run.trace->events[first].conn, ==, ports + 1);
  g_assert_cmpint (run.trace->events[first].t, ==, predicted);
  /* Every later connect fails too: no TIME_WAIT has ended yet. */
  for (size_t i = 0; i < run.trace->n_events; i++)
    refused += run.trace->events[i].type == SYNACK_EVENT_APP &&
               run.trace->events[i].result == SYNACK_RESULT_EADDRNOTAVAIL;
  g_assert_cmpuint (refused, ==, connections - ports);
  g_assert_cmpuint (synack_census_eaddrnotavail (&run.census, SYNACK_CLIENT), ==, connections - ports);
  g_assert_cmpuint (peak (&run, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==, ports);
  g_assert_cmpint (synack_census_peak (&run.census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT).first_t, <=, predicted);
  g_assert_cmpuint (peak (&run, SYNACK_SERVER, SYNACK_STATE_TIME_WAIT), ==, 0);
  scale_run_clear (&run);
}

/* What each remedy leaves, for the same workload: the most sockets in
 * TIME_WAIT on each side and in ESTABLISHED on the client, and refusals. */
typedef struct {
  const char *lesson;
  guint       client_time_wait;
  guint       server_time_wait;
  guint       client_established;
  guint       refused;
} Remedy;

/* For a count: as many as the lesson's own range has ports. */
#define ITS_PORTS G_MAXUINT

/* The numbers follow from the lessons' parameters: R ports, N connections,
 * a pool of P; they are spelled out here in those terms. */
static void
test_remedies (void)
{
  ScaleRun base = { 0 };
  guint R, N;

  scale_run (&base, "port-exhaustion");
  R = ports_of (params_of (&base));
  N = repeated_connect (&base)->repeat + 1;
  {
    const Remedy remedies[] = {
      /* The client closes first and runs out: R waiting, N - R refused. */
      { "port-exhaustion", R, 0, 1, N - R },
      /* The server closes first: it holds them, and each even port the
       * client takes first comes back as soon as its connection ends,
       * reopening its own TIME_WAIT: never more than R / 2 at once. */
      { "time-wait-on-server", 0, R / 2, 1, 0 },
      /* Three pooled connections carry every request. */
      { "keep-alive-pool", 3, 0, 3, 0 },
      /* Reuse takes over a TIME_WAIT a second old on each of its own
       * fewer ports: one each at most, none refused. */
      { "tw-reuse", ITS_PORTS, 0, 1, 0 },
      /* SO_LINGER 0: RST, no TIME_WAIT anywhere. */
      { "linger-zero", 0, 0, 1, 0 },
      /* Enough ports: every connection keeps its TIME_WAIT. */
      { "wider-port-range", N, 0, 1, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (remedies); i++)
      {
        ScaleRun run = { 0 };

        scale_run (&run, remedies[i].lesson);
        g_test_message ("%s: client TIME_WAIT %u, server TIME_WAIT %u, client ESTABLISHED %u, refused %" G_GUINT64_FORMAT,
                        remedies[i].lesson, peak (&run, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT),
                        peak (&run, SYNACK_SERVER, SYNACK_STATE_TIME_WAIT),
                        peak (&run, SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED),
                        synack_census_eaddrnotavail (&run.census, SYNACK_CLIENT));
        /* The same workload, but for the pool, which carries it on fewer. */
        if (!g_str_equal (remedies[i].lesson, "keep-alive-pool"))
          g_assert_cmpuint (repeated_connect (&run)->repeat + 1, ==, N);
        g_assert_cmpuint (peak (&run, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==,
                          remedies[i].client_time_wait == ITS_PORTS ? ports_of (params_of (&run))
                                                                    : remedies[i].client_time_wait);
        g_assert_cmpuint (peak (&run, SYNACK_SERVER, SYNACK_STATE_TIME_WAIT), ==, remedies[i].server_time_wait);
        g_assert_cmpuint (peak (&run, SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED), ==, remedies[i].client_established);
        g_assert_cmpuint (synack_census_eaddrnotavail (&run.census, SYNACK_CLIENT), ==, remedies[i].refused);
        scale_run_clear (&run);
      }
  }
  scale_run_clear (&base);
}

/* The pool's connections stay ESTABLISHED between requests: for most of
 * the time nothing is in flight on them, yet they are all still open. */
static void
test_pool_idle_but_established (void)
{
  ScaleRun run = { 0 };
  SynackTime last_send = -1, longest_quiet = 0, closing = -1;

  scale_run (&run, "keep-alive-pool");
  for (size_t i = 0; i < run.trace->n_events; i++)
    {
      const SynackEvent *e = &run.trace->events[i];

      if (e->type == SYNACK_EVENT_APP && e->call == SYNACK_CALL_CLOSE && closing < 0)
        closing = e->t;
      if (e->type != SYNACK_EVENT_SEND || closing >= 0)
        continue;
      if (last_send >= 0 && e->t - last_send > longest_quiet)
        longest_quiet = e->t - last_send;
      last_send = e->t;
    }
  /* Gaps with nothing on the wire longer than the round trip... */
  g_assert_cmpint (longest_quiet, >, params_of (&run)->delay[SYNACK_C2S] + params_of (&run)->delay[SYNACK_S2C]);
  /* ...while every pooled connection is open from its handshake to the close. */
  g_assert_cmpuint (synack_census_peak (&run.census, SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED).count, ==, 3);
  scale_run_clear (&run);
}

/* The comparison table: a line per scenario, its numbers those of the
 * census in the columns' order. */
static void
test_compare_table (void)
{
  const char *names[] = { "port-exhaustion", "keep-alive-pool", "linger-zero" };
  const guint expected[][5] = { { 10, 0, 1, 1, 5 }, { 3, 0, 3, 3, 0 }, { 0, 0, 1, 1, 0 } };
  SynackScenario *scenarios[G_N_ELEMENTS (names)];
  g_autoptr (GError) error = NULL;
  g_autofree char *table = NULL;
  g_auto (GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      scenarios[i] = synack_scenario_load_preset (names[i], &error);
      g_assert_no_error (error);
    }
  table = synack_census_compare (scenarios, G_N_ELEMENTS (names), &error);
  g_assert_no_error (error);
  lines = g_strsplit (table, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + G_N_ELEMENTS (names) + 1);
  g_assert_nonnull (strstr (lines[1], "client TIME_WAIT"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto (GStrv) cells = g_strsplit_set (lines[2 + i], " ", -1);
      guint n = 0;

      g_assert_true (g_str_has_prefix (lines[2 + i], names[i]));
      for (guint k = 1; cells[k] != NULL; k++)
        if (*cells[k] != '\0')
          {
            g_assert_cmpuint (n, <, 5);
            g_assert_cmpuint (g_ascii_strtoull (cells[k], NULL, 10), ==, expected[i][n]);
            n++;
          }
      g_assert_cmpuint (n, ==, 5);
      synack_scenario_free (scenarios[i]);
    }
}

static void
run_cli (const char *const *args, int *status, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (g_getenv ("SYNACK_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("SYNACK_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, status, &error));
  g_assert_no_error (error);
}

/* synack-cli census --compare: the table, and each mistake named; and a
 * lesson real sockets cannot run refused by record. */
static void
test_compare_cli (void)
{
  const struct { const char *args[6]; int exit_code; const char *fragment; } cases[] = {
    { { "census", "--compare", "port-exhaustion", "tw-reuse", NULL }, 0, "tw-reuse  " },
    { { "census", "--compare", NULL }, 2, "--compare needs the lessons or files to compare" },
    { { "census", "--compare", "no-such-lesson", NULL }, 2, "no lesson called 'no-such-lesson'" },
    { { "census", "--compare", "port-exhaustion", "--format", "json", NULL }, 2, "takes no --format or --interval" },
    { { "census", "--compare", "port-exhaustion", "--set", "port-range=9-1", NULL }, 2, "--set port-range=9-1" },
    /* The pool cannot be recorded on real sockets, and says why, before
     * anything is set up or written. */
    { { "record", "--preset", "keep-alive-pool", "-o", "keep-alive-pool-refused.pcap", NULL }, 2,
      "line 24: the recorder makes a repeat only of a connect at a fixed interval" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status;

      run_cli (cases[i].args, &status, &out, &err);
      if (!g_spawn_check_wait_status (status, NULL))
        g_assert_cmpint (WEXITSTATUS (status), ==, cases[i].exit_code);
      else
        g_assert_cmpint (0, ==, cases[i].exit_code);
      if (strstr (cases[i].exit_code == 0 ? out : err, cases[i].fragment) == NULL)
        g_error ("census --compare case %u: expected '%s' in: %s%s", i, cases[i].fragment, out, err);
      if (cases[i].exit_code != 0)
        g_assert_cmpstr (out, ==, "");
    }
  g_assert_false (g_file_test ("keep-alive-pool-refused.pcap", G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/scale/exhaustion-point", test_exhaustion_point);
  g_test_add_func ("/lessons/scale/remedies", test_remedies);
  g_test_add_func ("/lessons/scale/pool-idle-but-established", test_pool_idle_but_established);
  g_test_add_func ("/lessons/scale/compare/table", test_compare_table);
  g_test_add_func ("/lessons/scale/compare/cli", test_compare_cli);
  return g_test_run ();
}
