/* test-census.c: the census of sockets per host and state, checked against
 * counts made by hand on lessons whose traces are short enough to read. */
#include "synack-test-util.h"
#include "synack-test-generator.h"
#include "synack-census.h"

#include <stdio.h>

/* Rows as the census writes them, kept for the assertions. */
static void
keep_row (const SynackCensusRow *row, void *data)
{
  g_array_append_val ((GArray *) data, *row);
}

static GArray *
census_rows (const SynackTrace *trace, SynackTime interval, SynackCensus *census)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (SynackCensusRow));

  synack_census_of_trace (census, trace, interval, keep_row, rows);
  g_assert_cmpuint (synack_census_inconsistencies (census), ==, 0);
  return rows;
}

static void
assert_peak (const SynackCensus *census, SynackHostId host, SynackState state,
             guint count, SynackTime first_t)
{
  SynackCensusPeak peak = synack_census_peak (census, host, state);

  if (peak.count != count || peak.first_t != first_t)
    g_error ("%s %s: peak %u first at %" G_GINT64_FORMAT " us, expected %u at %" G_GINT64_FORMAT " us",
             synack_host_to_string (host), synack_state_to_string (state), peak.count, peak.first_t,
             count, first_t);
}

/* The row of `host` that holds at time t (change points), or NULL. */
static const SynackCensusRow *
row_at (GArray *rows, SynackHostId host, SynackTime t)
{
  const SynackCensusRow *found = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const SynackCensusRow *row = &g_array_index (rows, SynackCensusRow, i);

      if (row->host == host && row->t <= t)
        found = row;
    }
  return found;
}

static guint
row_total (const SynackCensusRow *row)
{
  guint total = 0;

  for (int s = 0; s < SYNACK_N_STATES; s++)
    total += row->count[s];
  return total;
}

/* The rows' times of one host, "10000 110000 …", to compare as a whole. */
static char *
row_times (GArray *rows, SynackHostId host)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const SynackCensusRow *row = &g_array_index (rows, SynackCensusRow, i);

      if (row->host == host)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len ? " " : "", row->t);
    }
  return g_string_free (out, FALSE);
}

static void
test_handshake (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("handshake");
  SynackCensus census;
  g_autoptr (GArray) rows = census_rows (trace, 0, &census);
  g_autofree char *client_times = row_times (rows, SYNACK_CLIENT);
  g_autofree char *server_times = row_times (rows, SYNACK_SERVER);
  const SynackCensusRow *row;

  /* One socket a side, one state at a time; the listener stays. */
  g_assert_cmpstr (client_times, ==, "10000 110000 410000 553183 610000 62051183");
  g_assert_cmpstr (server_times, ==, "0 60000 160000 460000 560000 660000");
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_SYN_SENT, 1, 10000);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_FIN_WAIT_2, 1, 553183);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT, 1, 610000);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_LISTEN, 0, -1);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_CLOSED, 0, -1);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_LISTEN, 1, 0);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_SYN_RECEIVED, 1, 60000);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_LAST_ACK, 1, 560000);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_TIME_WAIT, 0, -1);

  /* While SYN_RECEIVED, the server holds the listener and its child. */
  row = row_at (rows, SYNACK_SERVER, 100000);
  g_assert_cmpuint (row->count[SYNACK_STATE_LISTEN], ==, 1);
  g_assert_cmpuint (row->count[SYNACK_STATE_SYN_RECEIVED], ==, 1);
  g_assert_cmpuint (row_total (row), ==, 2);
  /* At the end only the listener is left; the client holds nothing. */
  g_assert_cmpuint (synack_census_total (&census, SYNACK_SERVER), ==, 1);
  g_assert_cmpuint (synack_census_count (&census, SYNACK_SERVER, SYNACK_STATE_LISTEN), ==, 1);
  g_assert_cmpuint (synack_census_total (&census, SYNACK_CLIENT), ==, 0);
  g_assert_cmpuint (row_total (row_at (rows, SYNACK_CLIENT, G_MAXINT64)), ==, 0);
}

static void
test_time_wait_pileup (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  SynackCensus census;
  g_autoptr (GArray) rows = census_rows (trace, 0, &census);
  const SynackCensusRow *row;

  /* A connection every 200 ms from 10 ms, each in TIME_WAIT 120 ms after
   * it opens: the tenth at 1.93 s, while the first still has a minute. */
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT, 10, 1930000);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED, 1, 50000);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_TIME_WAIT, 0, -1);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_LISTEN, 1, 0);
  /* The server answers the FIN with its own at once: no CLOSE_WAIT lasts. */
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_CLOSE_WAIT, 0, -1);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_LAST_ACK, 1, 110000);

  row = row_at (rows, SYNACK_CLIENT, 1000000);
  g_assert_cmpuint (row->count[SYNACK_STATE_TIME_WAIT], ==, 5);
  g_assert_cmpuint (row_total (row), ==, 5);
  row = row_at (rows, SYNACK_CLIENT, 30000000);
  g_assert_cmpuint (row->count[SYNACK_STATE_TIME_WAIT], ==, 10);
  g_assert_cmpuint (row_total (row), ==, 10);
  g_assert_cmpuint (row->eaddrnotavail, ==, 0);
  g_assert_cmpuint (synack_census_total (&census, SYNACK_CLIENT), ==, 0);
}

static void
test_simultaneous_close (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("simultaneous-close");
  SynackCensus census;
  g_autoptr (GArray) rows = census_rows (trace, 0, &census);

  /* Both close at 1 s, both pass through CLOSING, both hold TIME_WAIT. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      assert_peak (&census, h, SYNACK_STATE_FIN_WAIT_1, 1, 1000000);
      assert_peak (&census, h, SYNACK_STATE_CLOSING, 1, 1050000);
      assert_peak (&census, h, SYNACK_STATE_TIME_WAIT, 1, 1100000);
      assert_peak (&census, h, SYNACK_STATE_FIN_WAIT_2, 0, -1);
      g_assert_cmpuint (row_at (rows, h, 2000000)->count[SYNACK_STATE_TIME_WAIT], ==, 1);
    }
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_LAST_ACK, 0, -1);
}

static void
test_lost_last_ack (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("lost-last-ack");
  SynackCensus census;
  g_autoptr (GArray) rows = census_rows (trace, 0, &census);
  const SynackCensusRow *row;

  /* The client closes the instant it is connected: ESTABLISHED holds it
   * for no time at all, so it never counts. */
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED, 0, -1);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_FIN_WAIT_1, 1, 100000);
  assert_peak (&census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT, 1, 700000);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_CLOSE_WAIT, 1, 150000);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_LAST_ACK, 1, 650000);
  /* The last ACK is lost: the server's LAST_ACK outlives the client's
   * first second of TIME_WAIT, both held at once. */
  row = row_at (rows, SYNACK_SERVER, 1000000);
  g_assert_cmpuint (row->count[SYNACK_STATE_LAST_ACK], ==, 1);
  g_assert_cmpuint (row_at (rows, SYNACK_CLIENT, 1000000)->count[SYNACK_STATE_TIME_WAIT], ==, 1);
  row = row_at (rows, SYNACK_SERVER, 1063183);
  g_assert_cmpuint (row->count[SYNACK_STATE_LAST_ACK], ==, 0);
  g_assert_cmpuint (row_total (row), ==, 1);
}

/* Samples keep each state's most within their interval: a FIN_WAIT_2 of
 * 57 ms inside a 100 ms sample shows, next to the FIN_WAIT_1 before it. */
static void
test_interval_keeps_the_peak (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("handshake");
  SynackCensus census;
  g_autoptr (GArray) rows = census_rows (trace, SYNACK_MS (100), &census);
  const SynackCensusRow *row;

  /* The run ends at 62.051183 s: samples from 0 to 62.0 s, both hosts. */
  g_assert_cmpint (trace->end_time, ==, 62051183);
  g_assert_cmpuint (rows->len, ==, 2 * 621);
  for (guint i = 0; i < rows->len; i++)
    {
      row = &g_array_index (rows, SynackCensusRow, i);
      g_assert_cmpint (row->t, ==, SYNACK_MS (100) * (i / 2));
      g_assert_cmpint (row->host, ==, i % 2);
    }
  row = &g_array_index (rows, SynackCensusRow, 2 * 5 + SYNACK_CLIENT);
  g_assert_cmpint (row->t, ==, 500000);
  g_assert_cmpuint (row->count[SYNACK_STATE_FIN_WAIT_1], ==, 1);
  g_assert_cmpuint (row->count[SYNACK_STATE_FIN_WAIT_2], ==, 1);
  g_assert_cmpuint (row->count[SYNACK_STATE_ESTABLISHED], ==, 0);
  /* From 0.61 s TIME_WAIT, carried into every sample until it expires. */
  row = &g_array_index (rows, SynackCensusRow, 2 * 300 + SYNACK_CLIENT);
  g_assert_cmpuint (row->count[SYNACK_STATE_TIME_WAIT], ==, 1);
  g_assert_cmpuint (row_total (row), ==, 1);
  row = &g_array_index (rows, SynackCensusRow, 2 * 620 + SYNACK_CLIENT);
  g_assert_cmpuint (row->count[SYNACK_STATE_TIME_WAIT], ==, 1);
  row = &g_array_index (rows, SynackCensusRow, 2 * 620 + SYNACK_SERVER);
  g_assert_cmpuint (row->count[SYNACK_STATE_LISTEN], ==, 1);
  g_assert_cmpuint (row_total (row), ==, 1);
}

/* Every ephemeral port in TIME_WAIT: the connects past 28,232 are refused
 * with EADDRNOTAVAIL, and the census counts them. Fed through a sink as
 * synack-cli census runs it, it sees what a kept trace shows. */
static void
test_ports_run_out (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("event-limit = 10000000\n"
                                                   "delay = 1ms\n"
                                                   "at 0     server listen 80\n"
                                                   "at 1ms   client connect 80 repeat 28239 every 100us\n"
                                                   "when client established: client close\n"
                                                   "when server eof: server close\n");
  SynackCensus census;
  g_autoptr (GArray) rows = census_rows (trace, 0, &census);
  const SynackCensusRow *last = row_at (rows, SYNACK_CLIENT, G_MAXINT64);
  SynackCensusPeak peak = synack_census_peak (&census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT);

  g_assert_cmpuint (peak.count, ==, 28232);
  g_assert_cmpuint (synack_census_eaddrnotavail (&census, SYNACK_CLIENT), ==, 8);
  g_assert_cmpuint (synack_census_eaddrnotavail (&census, SYNACK_SERVER), ==, 0);
  g_assert_cmpint (synack_census_first_eaddrnotavail (&census, SYNACK_SERVER), ==, -1);
  g_assert_cmpuint (last->eaddrnotavail, ==, 8);
  g_assert_cmpuint (row_total (last), ==, 0);
  /* The first refusal comes once every port is held, some by connections
   * still closing. */
  for (guint i = 0; i < rows->len; i++)
    {
      const SynackCensusRow *row = &g_array_index (rows, SynackCensusRow, i);

      if (row->host == SYNACK_CLIENT && row->eaddrnotavail > 0)
        {
          g_assert_cmpuint (row_total (row), ==, 28232);
          g_assert_cmpint (row->t, <, peak.first_t);
          g_assert_cmpint (row->t, ==, synack_census_first_eaddrnotavail (&census, SYNACK_CLIENT));
          break;
        }
    }
}

/* A cursor over a kept trace feeds the events up to the one shown and
 * reads the live counts: right after the server's FIN arrives it is in
 * CLOSE_WAIT, though close() ends that in the same microsecond. */
static void
test_live_counts_at_a_cursor (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  SynackCensus census;
  guint seen_close_wait = 0, time_wait_entered = 0;

  synack_census_init (&census, 0, NULL, NULL);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      synack_census_feed (&census, e);
      if (e->type != SYNACK_EVENT_STATE)
        continue;
      if (e->host == SYNACK_SERVER && e->to == SYNACK_STATE_CLOSE_WAIT)
        {
          g_assert_cmpuint (synack_census_count (&census, SYNACK_SERVER, SYNACK_STATE_CLOSE_WAIT), ==, 1);
          seen_close_wait++;
        }
      if (e->host == SYNACK_CLIENT && e->to == SYNACK_STATE_TIME_WAIT)
        g_assert_cmpuint (synack_census_count (&census, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT), ==,
                          ++time_wait_entered);
      /* The listener stays through every connection. */
      g_assert_cmpuint (synack_census_count (&census, SYNACK_SERVER, SYNACK_STATE_LISTEN), ==, 1);
    }
  g_assert_cmpuint (seen_close_wait, ==, 10);
  g_assert_cmpuint (time_wait_entered, ==, 10);
  synack_census_finish (&census, trace->end_time);
  assert_peak (&census, SYNACK_SERVER, SYNACK_STATE_CLOSE_WAIT, 0, -1);
}

/* The census checked against a plain reckoning of every socket: a map
 * from (host, connection) to the state its last STATE event entered, and
 * the listeners counted apart, compared after every event. */
static void
assert_census_matches_sockets (const SynackTrace *trace, const char *what)
{
  g_autoptr (GHashTable) sockets = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, trace->n_events + 1);
  guint listeners[SYNACK_N_HOSTS] = { 0 };
  SynackCensus census;

  synack_census_init (&census, 0, NULL, NULL);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      synack_census_feed (&census, e);
      if (e->type == SYNACK_EVENT_STATE && e->conn == 0)
        listeners[e->host] += (e->to == SYNACK_STATE_LISTEN) - (e->from == SYNACK_STATE_LISTEN);
      else if (e->type == SYNACK_EVENT_STATE)
        {
          keys[i] = ((gint64) e->host << 32) | e->conn;
          g_hash_table_insert (sockets, &keys[i], GINT_TO_POINTER (e->to));
        }
      if (e->type != SYNACK_EVENT_STATE)
        continue;
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        {
          guint expected[SYNACK_N_STATES] = { 0 };
          GHashTableIter iter;
          gpointer key, value;

          expected[SYNACK_STATE_LISTEN] = listeners[h];
          g_hash_table_iter_init (&iter, sockets);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if ((*(gint64 *) key >> 32) == h && GPOINTER_TO_INT (value) != SYNACK_STATE_CLOSED)
              expected[GPOINTER_TO_INT (value)]++;
          for (int st = 0; st < SYNACK_N_STATES; st++)
            if (synack_census_count (&census, h, st) != expected[st])
              g_error ("%s, event %zu: %s holds %u in %s, the census says %u", what, i,
                       synack_host_to_string (h), expected[st], synack_state_to_string (st),
                       synack_census_count (&census, h, st));
        }
    }
  synack_census_finish (&census, trace->end_time);
  g_assert_cmpuint (synack_census_inconsistencies (&census), ==, 0);
}

static void
test_every_lesson_counts_every_socket (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (SynackTrace) trace = synack_test_run_preset (names[i]);

      assert_census_matches_sockets (trace, names[i]);
    }
}

static guint32 grand_bits (SynackTestRandom *self) { return g_rand_int (self->data); }
static gint32 grand_int_range (SynackTestRandom *self, gint32 begin, gint32 end) { return g_rand_int_range (self->data, begin, end); }
static double grand_fraction (SynackTestRandom *self) { return g_rand_double (self->data); }

/* Random scenarios: crashes, unplugged cables, resets, reopened TIME_WAITs. */
static void
test_generated_scenarios_count_every_socket (void)
{
  for (guint seed = 1; seed <= 300; seed++)
    {
      g_autoptr (GRand) grand = g_rand_new_with_seed (seed);
      SynackTestRandom rand = { grand_bits, grand_int_range, grand_fraction, grand };
      g_autofree char *origin = g_strdup_printf ("census seed %u", seed);
      g_autofree char *text = synack_test_generate_scenario (&rand, origin);
      g_autoptr (SynackTrace) trace = synack_test_run (text);

      assert_census_matches_sockets (trace, text);
    }
}

/* Fed the same events one at a time, as a sink gets them, the census
 * agrees with the one over the kept trace, row for row. */
static void
test_sink_matches_kept_trace (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("time-wait-pileup");
  SynackCensus kept, fed;
  g_autoptr (GArray) kept_rows = census_rows (trace, SYNACK_SEC (1), &kept);
  g_autoptr (GArray) fed_rows = g_array_new (FALSE, FALSE, sizeof (SynackCensusRow));

  synack_census_init (&fed, SYNACK_SEC (1), keep_row, fed_rows);
  for (size_t i = 0; i < trace->n_events; i++)
    synack_census_sink (&trace->events[i], &fed);
  synack_census_finish (&fed, trace->end_time);
  g_assert_cmpuint (fed_rows->len, ==, kept_rows->len);
  g_assert_cmpmem (fed_rows->data, fed_rows->len * sizeof (SynackCensusRow),
                   kept_rows->data, kept_rows->len * sizeof (SynackCensusRow));
  g_assert_cmpmem (fed.peak, sizeof fed.peak, kept.peak, sizeof kept.peak);
}

/* What a streaming function writes, as a string. */
typedef gboolean (*StreamFunc) (const SynackScenario *scenario, FILE *out, GError **error);

static char *
stream_to_string (const SynackScenario *scenario, StreamFunc func)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);

  g_assert_nonnull (out);
  g_assert_true (func (scenario, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fclose (out), ==, 0);
  return text;
}

static gboolean
json_trace_stream (const SynackScenario *scenario, FILE *out, GError **error)
{
  return synack_scenario_run_to_stream (scenario, SYNACK_TRACE_JSON, out, NULL, error);
}

static gboolean
csv_census_stream (const SynackScenario *scenario, FILE *out, GError **error)
{
  return synack_scenario_census_to_stream (scenario, SYNACK_CENSUS_CSV, 0, out, NULL, error);
}

static gboolean
csv_census_stream_per_second (const SynackScenario *scenario, FILE *out, GError **error)
{
  return synack_scenario_census_to_stream (scenario, SYNACK_CENSUS_CSV, SYNACK_SEC (1), out, NULL, error);
}

/* The JSON trace written as it runs ends with the same census as the one
 * of a kept trace, for every lesson. */
static void
test_json_member_streamed (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (names[i], &error);
      g_autoptr (SynackTrace) trace = NULL;
      g_autofree char *kept = NULL;
      g_autofree char *streamed = NULL;

      g_assert_no_error (error);
      trace = synack_scenario_run (scenario, NULL, &error);
      g_assert_no_error (error);
      kept = synack_trace_to_json (trace, scenario);
      streamed = stream_to_string (scenario, json_trace_stream);
      g_assert_cmpstr (streamed, ==, kept);
      g_assert_nonnull (strstr (kept, "\n  ],\n  \"census\": {\n    \"interval_us\": 0,\n    \"rows\": ["));
    }
}

static void
test_csv (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset ("time-wait-pileup", &error);
  g_autofree char *csv = NULL;
  g_autofree char *sampled = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_no_error (error);
  csv = stream_to_string (scenario, csv_census_stream);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "t_us,host,LISTEN,SYN_SENT,SYN_RECEIVED,ESTABLISHED,FIN_WAIT_1,FIN_WAIT_2,"
                                 "CLOSE_WAIT,CLOSING,LAST_ACK,TIME_WAIT,EADDRNOTAVAIL");
  g_assert_cmpstr (lines[1], ==, "0,server,1,0,0,0,0,0,0,0,0,0,0");
  g_assert_cmpstr (lines[2], ==, "10000,client,0,1,0,0,0,0,0,0,0,0,0");
  g_assert_nonnull (strstr (csv, "\n1930000,client,0,0,0,0,0,0,0,0,0,10,0\n"));
  g_assert_nonnull (strstr (csv, "\n# host,state,peak,first_t_us\n"));
  g_assert_nonnull (strstr (csv, "\n# client,TIME_WAIT,10,1930000\n"));
  g_assert_nonnull (strstr (csv, "\n# server,LISTEN,1,0\n"));
  /* A state never held has no peak line. */
  g_assert_null (strstr (csv, "# server,CLOSE_WAIT"));
  g_assert_true (g_str_has_suffix (csv, "\n"));

  /* Per second: at 1 s the fifth connection's TIME_WAIT, at most. */
  sampled = stream_to_string (scenario, csv_census_stream_per_second);
  g_assert_nonnull (strstr (sampled, "\n0,client,0,1,0,1,1,0,0,0,0,5,0\n"));
  g_assert_nonnull (strstr (sampled, "\n1000000,client,0,1,0,1,1,0,0,0,0,10,0\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/census/handshake", test_handshake);
  g_test_add_func ("/census/time-wait-pileup", test_time_wait_pileup);
  g_test_add_func ("/census/simultaneous-close", test_simultaneous_close);
  g_test_add_func ("/census/lost-last-ack", test_lost_last_ack);
  g_test_add_func ("/census/interval-keeps-the-peak", test_interval_keeps_the_peak);
  g_test_add_func ("/census/ports-run-out", test_ports_run_out);
  g_test_add_func ("/census/live-counts-at-a-cursor", test_live_counts_at_a_cursor);
  g_test_add_func ("/census/every-lesson", test_every_lesson_counts_every_socket);
  g_test_add_func ("/census/generated-scenarios", test_generated_scenarios_count_every_socket);
  g_test_add_func ("/census/sink-matches-kept-trace", test_sink_matches_kept_trace);
  g_test_add_func ("/census/json-member-streamed", test_json_member_streamed);
  g_test_add_func ("/census/csv", test_csv);
  return g_test_run ();
}
