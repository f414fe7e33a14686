/* test-engine-trace.c: the trace's connection records, found by number. */
#include <glib.h>

#include "synack-trace.h"

/* Numbers as runs make them (counting up) and as scripts give them (any
 * 32-bit value), enough to make the table grow several times. */
static uint32_t
number (guint i)
{
  return i % 3 == 0 ? G_MAXUINT32 - i : i + 1;
}

static void
test_conn_records (void)
{
  SynackTrace trace;
  const guint n = 5000;

  synack_trace_init (&trace);
  for (guint i = 0; i < n; i++)
    {
      SynackConnInfo *info = synack_trace_conn (&trace, number (i));

      g_assert_nonnull (info);
      g_assert_cmpuint (info->conn, ==, number (i));
      info->client_iss = i;
    }
  g_assert_cmpuint (trace.n_conns, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const SynackConnInfo *info = synack_trace_find_conn (&trace, number (i));

      g_assert_nonnull (info);
      g_assert_cmpuint (info->client_iss, ==, i);
      /* A second look finds the same record and adds none. */
      g_assert_true (synack_trace_conn (&trace, number (i)) == info);
      /* Records stay in the order the connections opened. */
      g_assert_true (info == &trace.conns[i]);
    }
  g_assert_cmpuint (trace.n_conns, ==, n);
  g_assert_null (synack_trace_find_conn (&trace, n + 1));
  synack_trace_clear (&trace);
  g_assert_null (synack_trace_find_conn (&trace, 1));
}

static void
count_event (const SynackEvent *event, void *data)
{
  (void) event;
  ++*(guint *) data;
}

static void
test_sink_keeps_records (void)
{
  SynackTrace trace;
  SynackEvent event = { .t = 5, .type = SYNACK_EVENT_APP, .conn = 1 };
  guint seen = 0;

  synack_trace_init (&trace);
  trace.sink = count_event;
  trace.sink_data = &seen;
  g_assert_true (synack_trace_append (&trace, &event));
  g_assert_nonnull (synack_trace_conn (&trace, 1));
  g_assert_cmpuint (seen, ==, 1);
  g_assert_cmpuint (trace.n_events, ==, 0);
  g_assert_cmpuint (trace.n_conns, ==, 1);
  g_assert_cmpint (trace.end_time, ==, 5);
  synack_trace_clear (&trace);

  /* Unless nobody will read them: then a run of millions of connections
   * keeps nothing per connection. The choice survives a clear. */
  trace.without_conn_records = true;
  synack_trace_clear (&trace);
  g_assert_true (trace.without_conn_records);
  g_assert_null (synack_trace_conn (&trace, 1));
  g_assert_cmpuint (trace.n_conns, ==, 0);
  g_assert_cmpuint (synack_trace_memory (&trace), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/trace/conn-records", test_conn_records);
  g_test_add_func ("/engine/trace/sink-keeps-records", test_sink_keeps_records);
  return g_test_run ();
}
