/* test-extremes.c: the simulator at the edges a teacher can reach: total loss, microsecond MSL, minute delays, a million connections, runs that never end. */
#include "synack-test-util.h"
#include "synack-test-invariants.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Timers exactly on time, so the limits read as round numbers. */
#define BASE "hz = 0\nat 0 server listen 80\nat 0 client connect 80\n"
#define ENDLESS_KEEPALIVE \
  "time-limit = 8760h\nkeepalive = on\nkeepalive-idle = 1s\nkeepalive-interval = 1s\n" BASE

static SynackScenario *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  SynackScenario *scenario = synack_scenario_parse (text, "extreme", &error);

  g_assert_no_error (error);
  return scenario;
}

/* Runs and checks every invariant; the trace is returned for more checks. */
static SynackTrace *
run_checked (SynackScenario *scenario)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  SynackRunStats stats;
  SynackTrace *trace = synack_scenario_run (scenario, &stats, &error);

  g_assert_no_error (error);
  problem = synack_test_check_invariants (trace, &synack_scenario_get_script (scenario)->params,
                                          stats.hit_time_limit);
  if (problem)
    g_error ("%s", problem);
  return trace;
}

/* The states of a side as one string; freed by the caller's test. */
static void
assert_states (const SynackTrace *trace, SynackHostId host, const char *expected)
{
  g_autofree char *states = synack_test_states (trace, host, 1);

  g_assert_cmpstr (states, ==, expected);
}

static const SynackEvent *
app_result (const SynackTrace *trace, SynackHostId host, SynackCall call, SynackResult result)
{
  long i = synack_test_find_app (trace, host, call, result);

  g_assert_cmpint (i, >=, 0);
  return &trace->events[i];
}

/* ---- Total loss --------------------------------------------------------- */

static void
check_total_loss (const char *profile, SynackTime expected)
{
  g_autofree char *text = g_strdup_printf ("profile = %s\nloss = 100%%\n" BASE, profile);
  g_autoptr (SynackScenario) scenario = parse (text);
  g_autoptr (SynackTrace) trace = run_checked (scenario);
  const SynackEvent *e = app_result (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_ETIMEDOUT);

  g_assert_cmpint (e->t, ==, expected);
  assert_states (trace, SYNACK_CLIENT, "CLOSED SYN_SENT CLOSED");
  /* Nothing arrived, so the server never had a connection. */
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_SERVER, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK), <, 0);
}

static void
test_total_loss_linux (void)
{
  /* Linux 6.x: 4 linear retries of 1 s, then 2, 4, 8, 16, 32 s and the last
   * wait of 64 s (see the reference captures): 131 s. */
  check_total_loss ("linux", SYNACK_SEC (131));
}

static void
test_total_loss_rfc9293 (void)
{
  /* RFC 6298 back-off from 1 s, capped at 60 s, 6 retries:
   * 1 + 2 + 4 + 8 + 16 + 32 + 60 = 123 s. */
  check_total_loss ("rfc9293", SYNACK_SEC (123));
}

/* An established connection whose peer goes silent gives up on its data. */
static void
test_total_loss_established (void)
{
  g_autoptr (SynackScenario) scenario = parse ("delay = 50ms\ndata-retries = 3\n" BASE
                                               "at 1s server unplug\n"
                                               "at 2s client send 100\n"
                                               "at 3s server close\n");
  g_autoptr (SynackTrace) trace = run_checked (scenario);
  const SynackEvent *e = app_result (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ETIMEDOUT);

  g_assert_cmpint (e->t, >, SYNACK_SEC (2));
}

/* ---- Tiny and huge times ------------------------------------------------- */

static SynackScenario *
handshake_with (const char *assignment)
{
  g_autoptr (GError) error = NULL;
  SynackScenario *scenario = synack_scenario_load_preset ("handshake", &error);

  g_assert_no_error (error);
  g_assert_true (synack_scenario_set_assignment (scenario, assignment, &error));
  g_assert_no_error (error);
  return scenario;
}

/* To the microsecond: timers exactly on time, not on ticks. */
static SynackScenario *
exact_timers (SynackScenario *scenario)
{
  g_autoptr (GError) error = NULL;

  synack_scenario_set_assignment (scenario, "hz=0", &error);
  g_assert_no_error (error);
  return scenario;
}

static void
test_msl_microseconds (void)
{
  for (SynackTime msl = 1; msl <= 8; msl *= 2)
    {
      g_autofree char *set = g_strdup_printf ("msl=%" G_GINT64_FORMAT "us", msl);
      g_autoptr (SynackScenario) scenario = exact_timers (handshake_with (set));
      g_autoptr (SynackTrace) trace = run_checked (scenario);
      long start = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 0);
      long end = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);

      g_assert_cmpint (start, >=, 0);
      g_assert_cmpint (end, >, start);
      g_assert_cmpint (trace->events[end].t - trace->events[start].t, ==, 2 * msl);
      assert_states (trace, SYNACK_CLIENT, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED");
    }
}

/* With a one-way delay of minutes the SYN's retries run out long before the
 * SYN-ACK can come back; the late SYN-ACK then meets no socket. */
static void
test_delay_minutes (void)
{
  g_autoptr (SynackScenario) scenario = exact_timers (handshake_with ("delay=5min"));
  g_autoptr (SynackTrace) trace = run_checked (scenario);
  const SynackEvent *e = app_result (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_ETIMEDOUT);

  g_assert_cmpint (e->t, ==, SYNACK_MS (10) + SYNACK_SEC (131));
  g_assert_cmpint (trace->end_time, >=, SYNACK_SEC (600));
}

/* Minutes of delay and an RTO that waits for them: the whole lesson runs. */
static void
test_delay_minutes_patient (void)
{
  g_autoptr (SynackScenario) scenario = handshake_with ("delay=2min");
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (synack_scenario_set_assignment (scenario, "rto-max=1h", &error));
  g_assert_true (synack_scenario_set_assignment (scenario, "rto-initial=10min", &error));
  g_assert_no_error (error);
  trace = run_checked (scenario);
  assert_states (trace, SYNACK_CLIENT, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED");
  assert_states (trace, SYNACK_SERVER, "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED");
}

/* ---- A million connections ---------------------------------------------- */

static void
test_connections_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario =
    synack_scenario_parse ("at 0 server listen 80\nat 0 client connect 80 repeat 100000001 every 1ms\n",
                           "extreme", &error);

  g_assert_null (scenario);
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "100000000"));
}

/* The most a file may ask for: it must end by the event limit, with a
 * message. (How long it takes is a figure of bench-engine's, not a test:
 * each connect used to scan the whole ephemeral range again once TIME_WAIT
 * had taken every port.) */
static void
test_connections_million (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario =
    parse ("at 0 server listen 80\nat 0 client connect 80 repeat 999999 every 1ms\n");
  g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, NULL, &error);

  g_assert_null (trace);
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_RUN);
  g_assert_nonnull (strstr (error->message, "event limit"));
}

/* Past the first TIME_WAITs the client has no port left: EADDRNOTAVAIL, at once. */
static void
test_ports_exhausted (void)
{
  g_autoptr (SynackScenario) scenario =
    parse ("event-limit = 4000000\nat 0 server listen 80\n"
           "at 0 client connect 80 repeat 60000 every 1ms\n"
           "when client established: client close\n"
           "when server eof: server close\n");
  g_autoptr (SynackTrace) trace = run_checked (scenario);

  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT,
                                         SYNACK_RESULT_EADDRNOTAVAIL), >=, 0);
}

/* ---- Runs that would never end ------------------------------------------ */

static void
check_endless (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = parse (text);
  g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, NULL, &error);

  g_assert_null (trace);
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_RUN);
  g_assert_nonnull (strstr (error->message, "event limit"));
}

static void
test_endless_keepalive (void)
{
  /* Two live hosts probing each other every second for a year. (Probes a
   * microsecond apart would end: Linux answers out-of-window segments at
   * most every 500 ms, so the probes go unanswered.) */
  check_endless (ENDLESS_KEEPALIVE);
}

static void
test_endless_ping_pong (void)
{
  /* A gigabyte one byte per segment, answered byte by byte. */
  check_endless ("mss = 1\ndelayed-ack = off\n" BASE
                 "when client established: client send 1073741824\n"
                 "when server received 1: server send 1073741824\n");
}

static gpointer
raise_flag_later (gpointer flag)
{
  g_usleep (50 * 1000);
  g_atomic_int_set ((int *) flag, 1);
  return NULL;
}

/* A run nobody waits for any more: another thread raises the engine's
 * cancel flag, and the run loop stops (had it not, the year of keep-alive
 * probes would have ended by the event limit instead). */
static void
test_endless_cancelled (void)
{
  g_autoptr (SynackScenario) scenario = parse (ENDLESS_KEEPALIVE);
  SynackTrace trace;
  SynackRunStats stats;
  int flag = 0;
  GThread *raiser = g_thread_new ("raise-cancel", raise_flag_later, &flag);
  SynackEngineError result;

  synack_trace_init (&trace);
  result = synack_engine_run_cancellable (synack_scenario_get_script (scenario), &trace, &stats, &flag);
  g_thread_join (raiser);
  g_test_message ("cancelled after %llu scheduler entries", (unsigned long long) stats.scheduled);
  g_assert_cmpint (result, ==, SYNACK_ENGINE_CANCELLED);
  g_assert_cmpuint (stats.scheduled, >, 0);
  synack_trace_clear (&trace);

  /* Raised before the start, the flag stops the run before its first event. */
  synack_trace_init (&trace);
  g_assert_cmpint (synack_engine_run_cancellable (synack_scenario_get_script (scenario), &trace, &stats, &flag),
                   ==, SYNACK_ENGINE_CANCELLED);
  g_assert_cmpuint (stats.scheduled, ==, 0);
  synack_trace_clear (&trace);
}

static void
test_endless_event_limit_small (void)
{
  check_endless ("event-limit = 1\n" BASE);
}

/* The run stops at its time limit: a trace, marked as cut short. */
static void
test_time_limit (void)
{
  g_autoptr (SynackScenario) scenario = parse ("time-limit = 1us\n" BASE);
  g_autoptr (GError) error = NULL;
  SynackRunStats stats;
  g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, &stats, &error);

  g_assert_no_error (error);
  g_assert_true (stats.hit_time_limit);
  g_assert_cmpint (trace->end_time, <=, 1);
}

/* ---- The CLI's exit codes ------------------------------------------------ */

static int
run_cli (const char *text, const char *const *extra, char **out, char **err)
{
  const char *cli = g_getenv ("SYNACK_CLI");
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status;

  /* meson test always sets it: without it the test would check nothing. */
  if (cli == NULL)
    g_error ("SYNACK_CLI is not set: run the test with meson test");
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "run");
  if (text)
    {
      int fd = g_file_open_tmp ("synack-extreme-XXXXXX.synack", &path, &error);

      g_assert_no_error (error);
      close (fd);
      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_ptr_array_add (argv, path);
    }
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  if (path)
    g_unlink (path);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
expect_exit (const char *text, const char *const *extra, int code, const char *in_output)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (text, extra, &out, &err);

  if (status != code)
    g_error ("expected exit %d, got %d; stderr: %s", code, status, err);
  if (in_output && strstr (out, in_output) == NULL && strstr (err, in_output) == NULL)
    g_error ("expected '%s' in the output; stdout: %.300s; stderr: %s", in_output, out, err);
  /* A failure always says why, on stderr. */
  if (code != 0)
    g_assert_cmpstr (err, !=, "");
}

/* A thousand connections keep tens of thousands of events: past a 1 MiB
 * memory-limit for a kept trace, well within it for synack-cli run, which
 * keeps only a record per connection and writes the events as it goes. */
#define THOUSAND_CONNECTIONS \
  "memory-limit = 1\nevent-limit = 100000000\nmsl = 1s\nat 0 server listen 80\n" \
  "at 0 client connect 80 repeat 999 every 1ms\n" \
  "when client established: client send 1024\n" \
  "when server received 1024: server close\n" \
  "when client eof: client close\n"

static void
test_memory_limit (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = parse (THOUSAND_CONNECTIONS);
  g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, NULL, &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_null (trace);
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_RUN);
  g_assert_nonnull (strstr (error->message, "raise memory-limit"));

  g_assert_cmpint (run_cli (THOUSAND_CONNECTIONS, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "conn 1000  TIME_WAIT -> CLOSED"));
}

static void
test_cli_exit_codes (void)
{
  const char *const loss[] = { "--set", "loss=100%", NULL };
  const char *const json[] = { "--format", "json", "--set", "loss=100%", NULL };
  const char *const bad_key[] = { "--set", "lossy=1", NULL };
  const char *const bad_loss[] = { "--set", "loss=150%", NULL };
  const char *const bad_delay[] = { "--set", "delay=-5ms", NULL };
  const char *const bad_msl[] = { "--set", "msl=0", NULL };
  const char *const bad_format[] = { "--format", "xml", NULL };
  const char *const missing[] = { "/nonexistent/lesson.synack", NULL };

  /* A run whose connection fails is still a successful simulation. */
  expect_exit (BASE, loss, 0, "ETIMEDOUT");
  expect_exit (BASE, json, 0, "\"ETIMEDOUT\"");
  expect_exit ("delay = 5min\n" BASE, NULL, 0, "ETIMEDOUT");
  expect_exit ("msl = 1us\n" BASE "at 1s client close\nat 2s server close\n", NULL, 0, "TIME_WAIT");
  /* Bad input: 2. */
  expect_exit ("at 0 server listen 80\nat 0 client connect 80 repeat 100000001 every 1ms\n", NULL, 2, "100000000");
  expect_exit (BASE, bad_key, 2, "lossy");
  expect_exit (BASE, bad_loss, 2, "150%");
  expect_exit (BASE, bad_delay, 2, NULL);
  expect_exit (BASE, bad_msl, 2, NULL);
  expect_exit (BASE, bad_format, 2, "xml");
  expect_exit (NULL, missing, 2, NULL);
  expect_exit ("at 0 server listen 80\nat forever client connect 80\n", NULL, 2, "forever");
  /* A run that cannot finish: 1, with the reason. */
  expect_exit (ENDLESS_KEEPALIVE, NULL, 1, "event limit");
  expect_exit ("at 0 server listen 80\nat 0 client connect 80 repeat 999999 every 1ms\n", NULL, 1, "event limit");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/extremes/loss-100/linux", test_total_loss_linux);
  g_test_add_func ("/extremes/loss-100/rfc9293", test_total_loss_rfc9293);
  g_test_add_func ("/extremes/loss-100/established", test_total_loss_established);
  g_test_add_func ("/extremes/msl/microseconds", test_msl_microseconds);
  g_test_add_func ("/extremes/delay/minutes", test_delay_minutes);
  g_test_add_func ("/extremes/delay/minutes-patient", test_delay_minutes_patient);
  g_test_add_func ("/extremes/connections/refused", test_connections_refused);
  g_test_add_func ("/extremes/connections/million", test_connections_million);
  g_test_add_func ("/extremes/connections/ports-exhausted", test_ports_exhausted);
  g_test_add_func ("/extremes/endless/keepalive", test_endless_keepalive);
  g_test_add_func ("/extremes/endless/ping-pong", test_endless_ping_pong);
  g_test_add_func ("/extremes/endless/event-limit-1", test_endless_event_limit_small);
  g_test_add_func ("/extremes/endless/cancelled", test_endless_cancelled);
  g_test_add_func ("/extremes/time-limit", test_time_limit);
  g_test_add_func ("/extremes/cli/exit-codes", test_cli_exit_codes);
  g_test_add_func ("/extremes/memory-limit", test_memory_limit);
  return g_test_run ();
}
