/* test-engine-reactions.c: reactions (`when HOST EVENT +DELAY: …`) run in
 * the order of their delays, tie with other events as if queued when their
 * event happened, and cost memory per connection, not per reaction. */
#include "synack-test-util.h"

#include <string.h>

#define HANDSHAKE "delay = 1ms\nat 0 server listen 80\nat 0 client connect 80\n"

static long
find_event (const SynackTrace *trace, SynackEventType type, SynackTime t)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == type && trace->events[i].t == t)
      return (long) i;
  return -1;
}

/* The read-off is due 1 ms after ESTABLISHED, the moment the ACK sent on
 * ESTABLISHED arrives; it was due before that ACK was even sent, so it
 * comes first, although the reaction before it queued the ACK. */
static void
test_tie_as_if_queued_at_event (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (HANDSHAKE
    "when client established: client send 10\n"
    "when client established +1ms: client read off\n");
  long read_off = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_READ_OFF, SYNACK_RESULT_OK);
  long deliver;

  g_assert_cmpint (read_off, >=, 0);
  g_assert_cmpint (trace->events[read_off].t, ==, SYNACK_MS (3));
  deliver = find_event (trace, SYNACK_EVENT_DELIVER, SYNACK_MS (3));
  g_assert_cmpint (deliver, >=, 0);
  g_assert_cmpint (read_off, <, deliver);
}

/* Written last but due first; equal delays keep the script's order. */
static void
test_delay_order (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (HANDSHAKE
    "when client established +2ms: client send 30\n"
    "when client established +1ms: client send 10\n"
    "when client established +1ms: client send 20\n");
  guint64 sent[3];
  guint n = 0;

  for (size_t i = 0; i < trace->n_events && n < G_N_ELEMENTS (sent); i++)
    if (trace->events[i].type == SYNACK_EVENT_APP && trace->events[i].call == SYNACK_CALL_SEND)
      sent[n++] = trace->events[i].bytes;
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (sent[0], ==, 10);
  g_assert_cmpuint (sent[1], ==, 20);
  g_assert_cmpuint (sent[2], ==, 30);
}

#define CONNECTIONS 20
#define REACTIONS 50

/* Every reaction waits far longer than all connections take to open, so
 * queueing each reaction of each connection at once would hold
 * CONNECTIONS × REACTIONS calls; one walk per connection holds
 * CONNECTIONS, plus the two timed calls. */
static void
test_memory_follows_connections (void)
{
  g_autoptr (GString) text = g_string_new ("time-limit = 10s\nat 0 server listen 80\n");
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (GError) error = NULL;
  SynackRunStats stats;

  g_string_append_printf (text, "at 0 client connect 80 repeat %u every 1ms\n", CONNECTIONS - 1);
  for (guint i = 0; i < REACTIONS; i++)
    g_string_append_printf (text, "when client established +%us: client send 1\n", 100 + i);
  scenario = synack_scenario_parse (text->str, "reactions", &error);
  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.connections, ==, CONNECTIONS);
  g_assert_cmpuint (stats.peak_pending_calls, >=, CONNECTIONS);
  g_assert_cmpuint (stats.peak_pending_calls, <=, CONNECTIONS + 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/reactions/tie-as-if-queued-at-event", test_tie_as_if_queued_at_event);
  g_test_add_func ("/engine/reactions/delay-order", test_delay_order);
  g_test_add_func ("/engine/reactions/memory-follows-connections", test_memory_follows_connections);
  return g_test_run ();
}
