/* test-engine-workloads.c: the workload forms of a scenario (port-range,
 * max-tw-buckets, bursts, Poisson arrivals, repeated sends, `received
 * each`) do what they say, and their mistakes are named. */
#include "synack-test-util.h"

#include <math.h>
#include <string.h>

#define SHORT_CONNECTIONS \
  "delay = 1ms\n" \
  "at 0 server listen 80\n" \
  "when client established: client send 100\n" \
  "when server received 100: server send 200\n" \
  "when client received 200: client close\n" \
  "when server eof: server close\n"

static guint
count_causes (const SynackTrace *trace, SynackHostId host, SynackState from, SynackCause cause)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].host == host &&
         trace->events[i].from == from && trace->events[i].cause == cause;
  return n;
}

/* The most sockets a host held in a state at once, from the state changes. */
static guint
peak_in_state (const SynackTrace *trace, SynackHostId host, SynackState state)
{
  guint now = 0, peak = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type != SYNACK_EVENT_STATE || e->host != host)
        continue;
      if (e->from == state)
        now--;
      if (e->to == state && ++now > peak)
        peak = now;
    }
  return peak;
}

/* Ten ports and TIME_WAIT of 60 s: the eleventh connect finds none. */
static void
test_port_range_runs_out (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("port-range = 40000-40009\n" SHORT_CONNECTIONS
                                                   "at 0 client connect 80 repeat 14 every 1s\n");
  long refused = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL);

  g_assert_cmpint (refused, >=, 0);
  g_assert_cmpuint (trace->events[refused].conn, ==, 11);
  g_assert_cmpint (trace->events[refused].t, ==, SYNACK_SEC (10));
  g_assert_cmpuint (synack_test_count_results (trace, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), ==, 5);
  g_assert_cmpuint (synack_test_conn_info (trace, 1)->client_port, ==, 40000);
  /* The even ports first, then the odd ones. */
  g_assert_cmpuint (synack_test_conn_info (trace, 5)->client_port, ==, 40008);
  g_assert_cmpuint (synack_test_conn_info (trace, 6)->client_port, ==, 40001);
  g_assert_cmpuint (synack_test_conn_info (trace, 10)->client_port, ==, 40009);
}

/* A range without 40000 starts at its low end; as in Linux's
 * __inet_hash_connect(), the ports of its low parity come first, and an
 * odd number of ports is used as one fewer ("remaining &= ~1"). */
static void
test_port_range_bounds (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("port-range = 50000-50002\n" SHORT_CONNECTIONS
                                                   "at 0 client connect 80 repeat 2 every 1s\n");
  g_autoptr (SynackTrace) parity = synack_test_run ("port-range = 50000-50003\n" SHORT_CONNECTIONS
                                                    "at 0 client connect 80 repeat 3 every 1s\n");

  g_assert_cmpuint (synack_test_conn_info (trace, 1)->client_port, ==, 50000);
  g_assert_cmpuint (synack_test_conn_info (trace, 2)->client_port, ==, 50001);
  g_assert_cmpuint (synack_test_count_results (trace, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), ==, 1);
  g_assert_cmpuint (synack_test_conn_info (parity, 2)->client_port, ==, 50002);
  g_assert_cmpuint (synack_test_conn_info (parity, 3)->client_port, ==, 50001);
  g_assert_cmpuint (synack_test_conn_info (parity, 4)->client_port, ==, 50003);
}

/* Past max-tw-buckets the closing socket goes from FIN_WAIT_1 straight to
 * CLOSED, after the ACK of the server's FIN has gone out. */
static void
test_max_tw_buckets (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("max-tw-buckets = 3\n" SHORT_CONNECTIONS
                                                   "at 0 client connect 80 repeat 7 every 1s\n");
  guint overflows = 0;

  g_assert_cmpuint (peak_in_state (trace, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==, 3);
  g_assert_cmpuint (count_causes (trace, SYNACK_CLIENT, SYNACK_STATE_FIN_WAIT_1, SYNACK_CAUSE_TIME_WAIT_OVERFLOW), ==, 5);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      const SynackEvent *ack = NULL;

      if (e->type != SYNACK_EVENT_STATE || e->cause != SYNACK_CAUSE_TIME_WAIT_OVERFLOW)
        continue;
      overflows++;
      for (size_t j = i; j-- > 0 && ack == NULL;)
        if (trace->events[j].type == SYNACK_EVENT_SEND && trace->events[j].conn == e->conn &&
            trace->events[j].host == SYNACK_CLIENT)
          ack = &trace->events[j];
      g_assert_nonnull (ack);
      g_assert_cmpint (ack->t, ==, e->t);
      g_assert_cmphex (ack->hdr.flags, ==, SYNACK_FLAG_ACK);
      g_assert_cmpint (e->to, ==, SYNACK_STATE_CLOSED);
    }
  g_assert_cmpuint (overflows, ==, 5);
  /* The server, which waits in no TIME_WAIT, is unaffected: all 8 complete. */
  g_assert_cmpuint (synack_test_count_results (trace, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK), ==, 8);
}

/* max-tw-buckets = 0: no TIME_WAIT at all, and so no port shortage. */
static void
test_max_tw_buckets_zero_frees_ports (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("max-tw-buckets = 0\nport-range = 40000-40001\n" SHORT_CONNECTIONS
                                                   "at 0 client connect 80 repeat 9 every 1s\n");

  g_assert_cmpuint (peak_in_state (trace, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==, 0);
  g_assert_cmpuint (synack_test_count_results (trace, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), ==, 0);
  g_assert_cmpuint (synack_test_count_results (trace, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK), ==, 10);
}

static GArray *
connect_times (const SynackTrace *trace)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (SynackTime));

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_APP && trace->events[i].host == SYNACK_CLIENT &&
        trace->events[i].call == SYNACK_CALL_CONNECT && trace->events[i].result == SYNACK_RESULT_PENDING)
      g_array_append_val (times, trace->events[i].t);
  return times;
}

/* Bursts of 4, 10 ms apart: four connects at each time. */
static void
test_burst (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("at 0 server listen 80\n"
                                                   "at 5ms client connect 80 burst 4 repeat 2 every 10ms\n");
  g_autoptr (GArray) times = connect_times (trace);

  g_assert_cmpuint (times->len, ==, 12);
  for (guint i = 0; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, SynackTime, i), ==, SYNACK_MS (5) + SYNACK_MS (10) * (i / 4));
  g_assert_cmpuint (synack_test_conn_info (trace, 12)->client_port, ==, 40022);
}

/* Gaps of a Poisson process: exponential, so their mean is the interval
 * and their standard deviation too; the same seed draws the same ones. */
static void
test_poisson (void)
{
  const char *text = "time-limit = 1h\nevent-limit = 10000000\nat 0 server listen 80\n"
                     "at 0 client connect 80 repeat 4999 every ~10ms\n";
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  g_autoptr (SynackTrace) again = synack_test_run (text);
  g_autofree char *reseeded = g_strconcat ("seed = 2\n", text, NULL);
  g_autoptr (SynackTrace) other = synack_test_run (reseeded);
  g_autoptr (GArray) times = connect_times (trace);
  g_autoptr (GArray) same = connect_times (again);
  g_autoptr (GArray) different = connect_times (other);
  double sum = 0, squares = 0, n = times->len - 1, mean, sd;

  g_assert_cmpuint (times->len, ==, 5000);
  for (guint i = 1; i < times->len; i++)
    {
      double gap = (double) (g_array_index (times, SynackTime, i) - g_array_index (times, SynackTime, i - 1));

      g_assert_cmpfloat (gap, >=, 0);
      sum += gap;
      squares += gap * gap;
    }
  mean = sum / n;
  sd = sqrt (squares / n - mean * mean);
  /* 5% is more than four standard errors of the mean of 4999 gaps. */
  g_assert_cmpfloat (fabs (mean - 10000) / 10000, <, 0.05);
  g_assert_cmpfloat (fabs (sd - 10000) / 10000, <, 0.1);
  g_assert_cmpmem (times->data, times->len * sizeof (SynackTime), same->data, same->len * sizeof (SynackTime));
  g_assert_cmpint (g_array_index (times, SynackTime, 1), !=, g_array_index (different, SynackTime, 1));
}

/* A pool: each of three connections carries five requests, a second
 * apart, each answered, and stays ESTABLISHED between them. */
static void
test_keep_alive_pool (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("delay = 1ms\nat 0 server listen 80\n"
    "at 0 client connect 80 burst 3\n"
    "when client established: client send 100 repeat 4 every 1s\n"
    "when server received each 100: server send 200\n"
    "when client received 1000: client close\n"
    "when server eof: server close\n");
  guint sends[2] = { 0, 0 };

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_APP && trace->events[i].call == SYNACK_CALL_SEND &&
        trace->events[i].result == SYNACK_RESULT_OK)
      sends[trace->events[i].host]++;
  g_assert_cmpuint (sends[SYNACK_CLIENT], ==, 15);
  g_assert_cmpuint (sends[SYNACK_SERVER], ==, 15);
  for (uint32_t conn = 1; conn <= 3; conn++)
    {
      g_autofree char *states = synack_test_states (trace, SYNACK_CLIENT, conn);

      g_assert_cmpstr (states, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED");
    }
  g_assert_cmpuint (peak_in_state (trace, SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED), ==, 3);
  g_assert_cmpuint (peak_in_state (trace, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==, 3);
}

/* `received each 100` fires at 100, 200, 300 bytes; `received 100` once. */
static void
test_received_each (void)
{
  g_autoptr (SynackTrace) each = synack_test_run ("delay = 1ms\nat 0 server listen 80\nat 0 client connect 80\n"
    "when client established: client send 100 repeat 2 every 100ms\n"
    "when server received each 100: server send 7\n");
  g_autoptr (SynackTrace) once = synack_test_run ("delay = 1ms\nat 0 server listen 80\nat 0 client connect 80\n"
    "when client established: client send 100 repeat 2 every 100ms\n"
    "when server received 100: server send 7\n");

  g_assert_cmpuint (synack_test_count_results (each, SYNACK_CALL_SEND, SYNACK_RESULT_OK), ==, 6);
  g_assert_cmpuint (synack_test_count_results (once, SYNACK_CALL_SEND, SYNACK_RESULT_OK), ==, 4);
}

static void
assert_error (const char *text, const char *fragment)
{
  g_autoptr (GError) error = synack_test_run_error (text);

  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("for %s\nexpected '%s', got: %s", text, fragment, error->message);
}

static void
test_errors (void)
{
  assert_error ("port-range = 40000\n", "test:1: '40000' is not a port range (write LOW-HIGH");
  assert_error ("port-range = 40000-\n", "'' in port range '40000-' is not a port");
  assert_error ("port-range = 1-2-3\n", "'1-2-3' is not a port range");
  assert_error ("port-range = 40000-70000\n", "'70000' in port range '40000-70000' is not a port");
  assert_error ("port-range = 50000-40000\n", "test:1: port-range = 50000-40000: port-range is LOW-HIGH with 1024 <= LOW <= HIGH");
  assert_error ("port-range = 80-90\n", "1024 <= LOW");
  assert_error ("max-tw-buckets = -1\n", "test:1: '-1' is not a whole number between 0 and 2147483647");
  assert_error ("max-tw-buckets = 3000000000\n", "between 0 and 2147483647");
  assert_error ("at 0 client connect 80 burst 0\n", "test:1: a burst opens at least one connection");
  assert_error ("at 0 client connect 80 burst 10001\n", "burst size");
  assert_error ("at 0 client connect 80 burst 2 conn=3\n", "numbers its connections itself");
  assert_error ("at 0 client connect 80 from 5000 burst 2\n", "cannot use one fixed local port");
  assert_error ("at 0 client connect 80 burst 10000 repeat 10000 every 1ms\n",
                "10001 bursts of 10000 are more than 100000000 connections");
  assert_error ("at 0 client connect 80 repeat 5 every ~0s\n", "test:1: an action cannot repeat every 0s");
  assert_error ("at 0 client connect 80 repeat 5 every ~fast\n", "'fast' is not a duration");
  assert_error ("at 0 client connect 80 repeat 5 every ~\n", "expected a duration");
  assert_error ("at 0 client send 10 repeat 5\n", "expected 'every DURATION' after 'repeat 5'");
  assert_error ("at 0 client send 10 burst 5\n", "unexpected 'burst'");
  assert_error ("when server received each 0: server close\n", "would fire before");
  assert_error ("when server received each: server close\n", "':' is not a valid byte count");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workloads/port-range/runs-out", test_port_range_runs_out);
  g_test_add_func ("/workloads/port-range/bounds", test_port_range_bounds);
  g_test_add_func ("/workloads/max-tw-buckets/overflow", test_max_tw_buckets);
  g_test_add_func ("/workloads/max-tw-buckets/zero", test_max_tw_buckets_zero_frees_ports);
  g_test_add_func ("/workloads/burst", test_burst);
  g_test_add_func ("/workloads/poisson", test_poisson);
  g_test_add_func ("/workloads/keep-alive-pool", test_keep_alive_pool);
  g_test_add_func ("/workloads/received-each", test_received_each);
  g_test_add_func ("/workloads/errors", test_errors);
  return g_test_run ();
}
