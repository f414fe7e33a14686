/* test-engine-invariants.c: thousands of generated scenarios, each run twice and checked against what TCP must never do. */
#include "synack-test-util.h"
#include "synack-test-invariants.h"
#include "synack-test-generator.h"

#include <stdlib.h>
#include <string.h>

/* How many scenarios: SYNACK_INVARIANT_RUNS overrides; under a sanitizer or
 * valgrind a run costs ten to fifty times more, so fewer by default there. */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_SANITIZER 1
# endif
#endif
#ifdef UNDER_SANITIZER
# define DEFAULT_RUNS 500
#else
# define DEFAULT_RUNS 5000
#endif
#define DEFAULT_SEED 20261123u
#define MAX_REPORTED 5

/* ---- Random numbers from a seed ----------------------------------------- */

static guint32 grand_bits (SynackTestRandom *self) { return g_rand_int (self->data); }
static gint32 grand_int_range (SynackTestRandom *self, gint32 begin, gint32 end) { return g_rand_int_range (self->data, begin, end); }
static double grand_fraction (SynackTestRandom *self) { return g_rand_double (self->data); }

static char *
generate (guint32 seed)
{
  g_autoptr (GRand) grand = g_rand_new_with_seed (seed);
  SynackTestRandom rand = { grand_bits, grand_int_range, grand_fraction, grand };
  g_autofree char *origin = g_strdup_printf ("test-engine-invariants, seed %u", seed);

  return synack_test_generate_scenario (&rand, origin);
}

/* ---- The tests ---------------------------------------------------------- */

static guint
env_uint (const char *name, guint fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return (guint) value;
  return fallback;
}

/* Runs one scenario twice; NULL if all is well, else why not. */
/* What the generated runs reached, so a generator that stopped exercising
 * something (no CLOSING any more, no timeouts) shows in the log. */
typedef struct {
  guint states[SYNACK_N_STATES];
  guint results[SYNACK_N_RESULTS];
  guint lost, duplicated;
} Reached;

static void
tally (Reached *reached, const SynackTrace *trace)
{
  gboolean states[SYNACK_N_STATES] = { FALSE };
  gboolean results[SYNACK_N_RESULTS] = { FALSE };
  gboolean lost = FALSE, duplicated = FALSE;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_STATE)
        states[e->to] = TRUE;
      else if (e->type == SYNACK_EVENT_APP)
        results[e->result] = TRUE;
      else if (e->type == SYNACK_EVENT_LOST)
        lost = TRUE;
      else if (e->type == SYNACK_EVENT_DUPLICATE)
        duplicated = TRUE;
    }
  for (int k = 0; k < SYNACK_N_STATES; k++)
    reached->states[k] += states[k];
  for (int k = 0; k < SYNACK_N_RESULTS; k++)
    reached->results[k] += results[k];
  reached->lost += lost;
  reached->duplicated += duplicated;
}

static char *
check_scenario (const char *text, gboolean *hit_limit, Reached *reached)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "generated.synack", &error);
  g_autoptr (SynackTrace) first = NULL;
  g_autoptr (SynackTrace) second = NULL;
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;
  SynackRunStats stats;

  if (scenario == NULL)
    return g_strdup_printf ("the generated scenario does not parse: %s", error->message);
  first = synack_scenario_run (scenario, &stats, &error);
  if (first == NULL)
    return g_strdup_printf ("the run did not finish: %s", error->message);
  *hit_limit = stats.hit_time_limit;
  tally (reached, first);
  second = synack_scenario_run (scenario, NULL, &error);
  if (second == NULL)
    return g_strdup_printf ("the second run did not finish: %s", error->message);
  json1 = synack_trace_to_json (first, scenario);
  json2 = synack_trace_to_json (second, scenario);
  if (strcmp (json1, json2) != 0)
    return g_strdup ("two runs of the same scenario gave different traces");
  return synack_test_check_invariants (first, &synack_scenario_get_script (scenario)->params, stats.hit_time_limit);
}

static void
test_random_scenarios (void)
{
  guint runs = env_uint ("SYNACK_INVARIANT_RUNS", DEFAULT_RUNS);
  guint base = env_uint ("SYNACK_INVARIANT_SEED", DEFAULT_SEED);
  guint failures = 0;
  guint time_limited = 0;
  Reached reached = { { 0 } };
  g_autoptr (GString) summary = g_string_new (NULL);

  for (guint i = 0; i < runs; i++)
    {
      guint32 seed = base + i;
      g_autofree char *text = generate (seed);
      gboolean hit_limit = FALSE;
      g_autofree char *problem = check_scenario (text, &hit_limit, &reached);

      time_limited += hit_limit;
      if (problem == NULL)
        continue;
      if (failures++ < MAX_REPORTED)
        g_printerr ("\n### invariant broken, seed %u (reproduce: SYNACK_INVARIANT_SEED=%u SYNACK_INVARIANT_RUNS=1)\n"
                    "### %s\n### scenario, for synack-cli run FILE:\n%s\n",
                    seed, seed, problem, text);
    }
  for (int k = 0; k < SYNACK_N_STATES; k++)
    g_string_append_printf (summary, " %s %u", synack_state_to_string ((SynackState) k), reached.states[k]);
  for (int k = SYNACK_RESULT_EOF; k < SYNACK_N_RESULTS; k++)
    g_string_append_printf (summary, " %s %u", synack_result_to_string ((SynackResult) k), reached.results[k]);
  g_test_message ("%u scenarios checked from seed %u, %u failed, %u stopped at the time limit",
                  runs, base, failures, time_limited);
  g_test_message ("runs reaching:%s; with losses %u, with duplicates %u",
                  summary->str, reached.lost, reached.duplicated);
  if (failures > 0)
    g_test_fail_printf ("%u of %u generated scenarios broke an invariant (first seeds printed above)",
                        failures, runs);
}

/* The checker itself must catch what it claims to: break a good trace. */
static SynackTrace *
good_trace (void)
{
  return synack_test_run ("delay = 50ms\nat 0 server listen 80 isn=5000\nat 10ms client connect 80 isn=1000\n"
                          "when client established: client send 100\n"
                          "when server received 100: server send 200\n"
                          "when client received 200: client close\n"
                          "when server eof: server close\n");
}

static long
nth_event (const SynackTrace *trace, SynackEventType type, SynackHostId host, guint nth)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == type && trace->events[i].host == host && nth-- == 0)
      return (long) i;
  g_assert_not_reached ();
}

static void
expect_violation (SynackTrace *trace, const char *fragment)
{
  SynackParams params;
  g_autofree char *problem = NULL;

  synack_params_init (&params, SYNACK_PROFILE_LINUX);
  problem = synack_test_check_invariants (trace, &params, FALSE);
  g_assert_nonnull (problem);
  if (strstr (problem, fragment) == NULL)
    g_error ("expected a violation about '%s', got: %s", fragment, problem);
}

static void
test_checker_catches (void)
{
  SynackParams params;
  long i;

  synack_params_init (&params, SYNACK_PROFILE_LINUX);
  {
    g_autoptr (SynackTrace) trace = good_trace ();
    g_autofree char *problem = synack_test_check_invariants (trace, &params, FALSE);

    g_assert_null (problem);
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    i = nth_event (trace, SYNACK_EVENT_STATE, SYNACK_CLIENT, 1);
    trace->events[i].from = SYNACK_STATE_LISTEN;
    expect_violation (trace, "but the socket was in");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    i = nth_event (trace, SYNACK_EVENT_STATE, SYNACK_CLIENT, 1);
    trace->events[i].to = SYNACK_STATE_TIME_WAIT;
    expect_violation (trace, "not in the table of transitions");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* A real edge, but for a reason the table does not give it. */
    i = nth_event (trace, SYNACK_EVENT_STATE, SYNACK_CLIENT, 1);
    trace->events[i].cause = SYNACK_CAUSE_FIN_RECEIVED;
    expect_violation (trace, "on FIN received is not in the table");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* The client's first data ACKed by the server one byte too far. */
    i = nth_event (trace, SYNACK_EVENT_SEND, SYNACK_SERVER, 1);
    trace->events[i].hdr.ack += 1;
    expect_violation (trace, "only");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    i = nth_event (trace, SYNACK_EVENT_SEND, SYNACK_CLIENT, 2);
    trace->events[i].hdr.seq -= 1;
    expect_violation (trace, "new sequence space starts at");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* The last timer STOP vanishes. */
    for (i = (long) trace->n_events - 1; i >= 0; i--)
      if (trace->events[i].type == SYNACK_EVENT_TIMER && trace->events[i].action == SYNACK_TIMER_STOP)
        break;
    g_assert_cmpint (i, >=, 0);
    trace->events[i].type = SYNACK_EVENT_APP;
    trace->events[i].result = SYNACK_RESULT_OK;
    expect_violation (trace, "never stopped");
  }
  {
    g_autoptr (SynackTrace) trace = good_trace ();

    /* The client's last event is TIME_WAIT -> CLOSED: drop it. */
    g_assert_cmpint (trace->events[trace->n_events - 1].to, ==, SYNACK_STATE_CLOSED);
    trace->n_events--;
    expect_violation (trace, "ends in TIME_WAIT");
  }
}

/* ---- Regressions: minimal scenarios for what the generated ones found ---- */

static void
assert_invariants (const char *text)
{
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  SynackRunStats stats;

  scenario = synack_scenario_parse (text, "regression", &error);
  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, &stats, &error);
  g_assert_no_error (error);
  problem = synack_test_check_invariants (trace, &synack_scenario_get_script (scenario)->params, stats.hit_time_limit);
  if (problem)
    g_error ("%s", problem);
}

/* A passive socket closed in SYN_RECEIVED whose SYN-ACK is still unacknowledged
 * must retransmit the SYN-ACK, not send its data over the SYN's sequence number. */
static void
test_close_in_syn_received (void)
{
  static const char text[] =
    "delay = 50ms\n"
    "at 0 server listen 80 isn=5000\n"
    "at 0 client connect 80 isn=1000 conn=1\n"
    "at 60ms server send 100 conn=1\n"
    "at 70ms server close conn=1\n"
    "when client eof: client close\n"
    "lose client ACK #1\n";
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  gboolean seen = FALSE;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_SERVER && e->rexmit == 1)
        {
          g_assert_cmpuint (e->hdr.flags, ==, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);
          g_assert_cmpuint (e->hdr.seq, ==, 5000);
          g_assert_cmpuint (e->hdr.len, ==, 0);
          seen = TRUE;
          break;
        }
    }
  g_assert_true (seen);
  assert_invariants (text);
}

/* An ACK that arrives on an out-of-order data segment frees the send queue:
 * the FIN waiting behind the acknowledged data must leave at once. It used
 * to wait for output that never came, leaving FIN_WAIT_1 without a timer. */
static void
test_fin_after_ack_on_out_of_order_data (void)
{
  static const char text[] =
    "hz = 0\n"
    "delay = 50ms\n"
    "data-retries = 2\n"
    "at 0 server listen 80 isn=5000\n"
    "at 0 client connect 80 isn=1000 conn=1\n"
    "when client established: client send 100\n"
    "lose client data #1\n"
    "at 410ms client shutdown conn=1\n"
    "at 460ms server send 3000 conn=1\n"
    "lose server ACK every\n"
    "lose server data #1\n"
    "lose server data #3\n"
    "lose server data #4\n"
    "lose server data #5\n"
    "at 5s client close conn=1\n"
    "at 5s server close conn=1\n";
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  g_autoptr (GArray) fins = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK);

  /* The out-of-order segment acknowledging the data arrives at 510 ms. */
  g_assert_cmpuint (fins->len, >=, 1);
  g_assert_cmpint (g_array_index (fins, SynackTime, 0), ==, SYNACK_MS (510));
  assert_invariants (text);
}

/* Data waiting for a zero window needs a timer that probes it (RFC 9293
 * 3.8.6.1; Linux's probe0 timer): without one, a peer that vanished behind a
 * lost RST left this side in FIN_WAIT_1 with no timer at all, for ever. */
static void
test_zero_window_probe (void)
{
  static const char text[] =
    "delay = 50ms\n"
    "window = 1000\n"
    "at 0 server listen 80 isn=5000\n"
    "at 0 client connect 80 isn=1000 conn=1\n"
    "when server established: server read off\n"
    "at 1s client send 2000 conn=1\n"
    "at 2s server close conn=1\n"
    "at 3s client close conn=1\n"
    "lose server RST #1\n";
  g_autoptr (SynackTrace) trace = synack_test_run (text);

  /* The probe meets no socket, and the RST that answers it ends the client. */
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV,
                                         SYNACK_RESULT_ECONNRESET), >=, 0);
  assert_invariants (text);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/invariants/checker-catches", test_checker_catches);
  g_test_add_func ("/engine/invariants/regression/close-in-syn-received", test_close_in_syn_received);
  g_test_add_func ("/engine/invariants/regression/fin-after-ack-on-out-of-order-data",
                   test_fin_after_ack_on_out_of_order_data);
  g_test_add_func ("/engine/invariants/regression/zero-window-probe", test_zero_window_probe);
  g_test_add_func ("/engine/invariants/random", test_random_scenarios);
  return g_test_run ();
}
