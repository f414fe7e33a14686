/* test-engine-isn.c: initial sequence numbers: RFC 6528's clock and keyed
 * hash of the 4-tuple for linux, an explicit isn= always. */
#include "synack-test-util.h"

/* The first connection is aborted (RST, no TIME_WAIT), so the second may
 * take the same 4-tuple two seconds later. */
#define SAME_TUPLE "delay = 50ms\nat 0 server listen 80\n" \
                   "at 0 client connect 80 from 40000 conn=1\nat 1s client abort conn=1\n" \
                   "at 2s client connect 80 from 40000 conn=2\n"

static void
test_same_tuple_follows_clock (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (SAME_TUPLE);
  uint32_t step = synack_test_conn_info (trace, 2)->client_iss - synack_test_conn_info (trace, 1)->client_iss;

  /* Two seconds of 64 ns steps, give or take the rounding of each. */
  g_assert_cmpint (llabs ((long long) step - 2000000000 / 64), <=, 1);
}

static void
test_other_tuples_unrelated (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "delay = 50ms\nat 0 server listen 80\n"
    "at 0 client connect 80 from 40000 conn=1\nat 0 client connect 80 from 40001 conn=2\n");
  g_autoptr (SynackTrace) reseeded = synack_test_run ("seed = 7\n" SAME_TUPLE);
  g_autoptr (SynackTrace) again = synack_test_run (SAME_TUPLE);
  g_autoptr (SynackTrace) once_more = synack_test_run (SAME_TUPLE);
  uint32_t a = synack_test_conn_info (trace, 1)->client_iss, b = synack_test_conn_info (trace, 2)->client_iss;

  /* Neighbouring ports at the same instant: nowhere near each other. */
  g_assert_cmpuint (a - b > 1000000 && b - a > 1000000, ==, TRUE);
  /* The seed keys the hash; the same seed, the same ISNs. */
  g_assert_cmpuint (synack_test_conn_info (reseeded, 1)->client_iss, !=, synack_test_conn_info (again, 1)->client_iss);
  g_assert_cmpuint (synack_test_conn_info (again, 1)->client_iss, ==, synack_test_conn_info (once_more, 1)->client_iss);
}

static void
test_explicit_isn_wins (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "at 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n");

  g_assert_cmpuint (synack_test_conn_info (trace, 1)->client_iss, ==, 1000);
  g_assert_cmpuint (synack_test_conn_info (trace, 1)->server_iss, ==, 5000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/isn/same-tuple-follows-clock", test_same_tuple_follows_clock);
  g_test_add_func ("/engine/isn/other-tuples-unrelated", test_other_tuples_unrelated);
  g_test_add_func ("/engine/isn/explicit-wins", test_explicit_isn_wins);
  return g_test_run ();
}
