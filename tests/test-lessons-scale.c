/* test-lessons-scale.c: the lessons at scale against their arithmetic: where
 * the pile-up runs out of ports, and what each remedy leaves in TIME_WAIT,
 * counted by the census. */
#include "synack-test-util.h"
#include "synack-census.h"

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
      /* The server closes first: it holds them, each port back in use
       * reopening its own TIME_WAIT, so never more than R at once. */
      { "time-wait-on-server", 0, R, 1, 0 },
      /* Three pooled connections carry every request. */
      { "keep-alive-pool", 3, 0, 3, 0 },
      /* Reuse takes over the oldest TIME_WAIT: R at most, none refused. */
      { "tw-reuse", R, 0, 1, 0 },
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
        g_assert_cmpuint (peak (&run, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==, remedies[i].client_time_wait);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/scale/exhaustion-point", test_exhaustion_point);
  g_test_add_func ("/lessons/scale/remedies", test_remedies);
  g_test_add_func ("/lessons/scale/pool-idle-but-established", test_pool_idle_but_established);
  return g_test_run ();
}
