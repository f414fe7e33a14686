/* test-engine-states.c: the rows of RFC 9293's state table, one scenario or
 * one hand-made segment each. */
#include "synack-transitions.h"
#include "synack-test-util.h"
#include "synack-testing.h"

/* Timers exactly on time: these tests pin the stack's own arithmetic; the
 * tick clock has tests of its own. */
#define BASE "hz = 0\ndelay = 50ms\nat 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n"

/* ---- Helpers for stepping a run and slipping a segment in --------------- */

typedef struct {
  SynackScenario *scenario;
  SynackTrace     trace;
  SynackEngine   *engine;
} Stepper;

static void
stepper_start (Stepper *s, const char *text)
{
  g_autoptr (GError) error = NULL;
  SynackEngineError result;

  s->scenario = synack_scenario_parse (text, "test", &error);
  g_assert_no_error (error);
  synack_trace_init (&s->trace);
  s->engine = synack_engine_new (synack_scenario_get_script (s->scenario), &s->trace, &result);
  g_assert_nonnull (s->engine);
  g_assert_cmpint (result, ==, SYNACK_ENGINE_OK);
}

static void
stepper_until (Stepper *s, SynackTime t)
{
  g_assert_cmpint (synack_engine_advance (s->engine, t), ==, SYNACK_ENGINE_OK);
}

static void
stepper_finish (Stepper *s)
{
  synack_engine_advance (s->engine, SYNACK_SEC (24 * 3600));
  synack_engine_free (s->engine, NULL);
  synack_scenario_free (s->scenario);
  synack_trace_clear (&s->trace);
}

static SynackTestingSocket
sock_of (Stepper *s, SynackHostId host, uint32_t conn)
{
  SynackTestingSocket sock;

  g_assert_true (synack_testing_socket (s->engine, host, conn, &sock));
  return sock;
}

/* Sends a segment to `to` on connection 1's 4-tuple. */
static void
inject (Stepper *s, SynackHostId to, unsigned flags, uint32_t seq, uint32_t ack)
{
  SynackHostId from = to == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  SynackHeader hdr = { 0 };

  hdr.src_port = from == SYNACK_CLIENT ? 40000 : 80;
  hdr.dst_port = from == SYNACK_CLIENT ? 80 : 40000;
  hdr.flags = (uint8_t) flags;
  hdr.seq = seq;
  hdr.ack = ack;
  hdr.win = 65535;
  synack_network_inject (s->engine, from, &hdr, 1);
}

/* The verdict on the last delivered segment, and what followed it. */
static const SynackEvent *
last_deliver (Stepper *s, size_t *index)
{
  for (size_t i = s->trace.n_events; i > 0; i--)
    if (s->trace.events[i - 1].type == SYNACK_EVENT_DELIVER)
      {
        *index = i - 1;
        return &s->trace.events[i - 1];
      }
  g_assert_not_reached ();
}

static gboolean
sent_after (Stepper *s, size_t index, SynackHostId host, unsigned flags)
{
  for (size_t i = index + 1; i < s->trace.n_events; i++)
    {
      const SynackEvent *e = &s->trace.events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == host && (e->hdr.flags & ~SYNACK_FLAG_PSH) == flags)
        return TRUE;
    }
  return FALSE;
}


/* Like inject(), with `len` bytes of payload. */
static void
inject_data (Stepper *s, SynackHostId to, unsigned flags, uint32_t seq, uint32_t ack, uint32_t len)
{
  SynackHostId from = to == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  SynackHeader hdr = { 0 };

  hdr.src_port = from == SYNACK_CLIENT ? 40000 : 80;
  hdr.dst_port = from == SYNACK_CLIENT ? 80 : 40000;
  hdr.flags = (uint8_t) flags;
  hdr.seq = seq;
  hdr.ack = ack;
  hdr.len = len;
  hdr.win = 65535;
  synack_network_inject (s->engine, from, &hdr, 1);
}

/* How many segments `host` sent after event `index` with exactly `flags`. */

/* Runs to 2.1 s of a teardown whose last ACK is lost, so the server sits in
 * LAST_ACK; server_call is how the server closed ("close" or "shutdown").
 * Returns the server's socket there. */
static SynackTestingSocket
start_in_last_ack (Stepper *s, const char *server_call)
{
  g_autofree char *text = g_strdup_printf (BASE "at 1s client close\nat 2s server %s\nlose client ACK #2\n",
                                           server_call);
  SynackTestingSocket server;

  stepper_start (s, text);
  stepper_until (s, SYNACK_MS (2100));
  server = sock_of (s, SYNACK_SERVER, 1);
  g_assert_cmpint (server.state, ==, SYNACK_STATE_LAST_ACK);
  return server;
}

static guint
count_sent_after (Stepper *s, size_t index, SynackHostId host, unsigned flags)
{
  guint n = 0;

  for (size_t i = index + 1; i < s->trace.n_events; i++)
    {
      const SynackEvent *e = &s->trace.events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == host && (e->hdr.flags & ~SYNACK_FLAG_PSH) == flags)
        n++;
    }
  return n;
}

/* The window `host` last advertised. */
static uint32_t
last_advertised_window (Stepper *s, SynackHostId host)
{
  for (size_t i = s->trace.n_events; i > 0; i--)
    if (s->trace.events[i - 1].type == SYNACK_EVENT_SEND && s->trace.events[i - 1].host == host)
      return s->trace.events[i - 1].hdr.win;
  g_assert_not_reached ();
}

/* ---- Opening ----------------------------------------------------------- */

static void
test_simultaneous_open (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "delay = 50ms\n"
    "at 0 client connect 80 from 40000 isn=1000 conn=1\n"
    "at 0 server connect 40000 from 80 isn=5000 conn=1\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);
  g_autoptr (GArray) segments = synack_test_segments_from_trace (trace);
  g_autofree char *described = synack_test_segments_describe (segments);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT SYN_RECEIVED ESTABLISHED");
  g_assert_cmpstr (server, ==, "CLOSED SYN_SENT SYN_RECEIVED ESTABLISHED");
  /* Crossed SYNs, then crossed SYN-ACKs repeating each side's ISN; each
   * side answers the SYN-ACK at once with an ACK, as Linux does. */
  g_assert_cmpstr (described, ==,
                   "    0.000000 C>S SYN seq=0 ack=0 len=0\n"
                   "    0.000000 S>C SYN seq=0 ack=0 len=0\n"
                   "    0.050000 S>C SYN,ACK seq=0 ack=1 len=0\n"
                   "    0.050000 C>S SYN,ACK seq=0 ack=1 len=0\n"
                   "    0.100000 C>S ACK seq=1 ack=1 len=0\n"
                   "    0.100000 S>C ACK seq=1 ack=1 len=0\n");
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK), >=, 0);
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_SERVER, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK), >=, 0);
}

static void
test_syn_sent_bad_ack (void)
{
  Stepper s;
  size_t i;
  const SynackEvent *e;

  stepper_start (&s, "delay = 50ms\nat 0 client connect 80 isn=1000\nlose client SYN every\n");
  stepper_until (&s, SYNACK_MS (10));
  /* A SYN-ACK that acknowledges something we never sent gets a RST. */
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 7000, 4242);
  stepper_until (&s, SYNACK_MS (60));
  e = last_deliver (&s, &i);
  g_assert_cmpint (e->verdict, ==, SYNACK_VERDICT_BAD_ACK);
  g_assert_true (sent_after (&s, i, SYNACK_CLIENT, SYNACK_FLAG_RST));
  g_assert_cmpint (sock_of (&s, SYNACK_CLIENT, 1).state, ==, SYNACK_STATE_SYN_SENT);
  stepper_finish (&s);
}

static void
test_listen_answers_ack_with_rst (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "delay = 50ms\nat 0 server listen 80\nat 0 client connect 80\n"
    "at 1s server crash\nat 2s server listen 80\nat 3s client send 10\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);

  /* After the crash the new listener knows nothing of the connection: the
   * client's data gets a RST, and the client's recv() sees ECONNRESET. */
  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED CLOSED");
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ECONNRESET), >=, 0);
}


static void
test_syn_sent_ack_of_iss_refused (void)
{
  Stepper s;
  size_t i;

  stepper_start (&s, "delay = 50ms\nat 0 client connect 80 isn=1000\nlose client SYN every\n");
  stepper_until (&s, SYNACK_MS (10));
  /* "If SEG.ACK =< ISS": an ACK of the ISS itself acknowledges nothing we
   * sent (the SYN is ISS, so a real SYN-ACK acks ISS+1); it gets a RST. */
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 7000, 1000);
  stepper_until (&s, SYNACK_MS (60));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, SYNACK_VERDICT_BAD_ACK);
  g_assert_true (sent_after (&s, i, SYNACK_CLIENT, SYNACK_FLAG_RST));
  g_assert_cmpint (sock_of (&s, SYNACK_CLIENT, 1).state, ==, SYNACK_STATE_SYN_SENT);
  stepper_finish (&s);
}

static void
test_last_ack_rst_reports_nothing (void)
{
  Stepper s;
  SynackTestingSocket server;
  size_t i;

  /* The server only shuts its side down, so its socket is still open when
   * the RST comes. */
  server = start_in_last_ack (&s, "shutdown");
  inject (&s, SYNACK_SERVER, SYNACK_FLAG_RST, server.rcv_nxt, 0);
  stepper_until (&s, SYNACK_MS (2160));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, SYNACK_VERDICT_RESET);
  g_assert_cmpint (synack_trace_state_at (&s.trace, SYNACK_SERVER, 1, (long) s.trace.n_events), ==,
                   SYNACK_STATE_CLOSED);
  /* In LAST_ACK (as in CLOSING) the RST just ends the connection, "enter
   * the CLOSED state, delete the TCB, and return" (RFC 9293 3.10.7.4); the
   * FIN was already read, so on Linux too recv() keeps returning 0, never
   * ECONNRESET (tcp_recvmsg checks SOCK_DONE before sk_err). */
  for (size_t k = 0; k < s.trace.n_events; k++)
    {
      const SynackEvent *e = &s.trace.events[k];

      g_assert_false (e->type == SYNACK_EVENT_APP && e->host == SYNACK_SERVER &&
                      e->result == SYNACK_RESULT_ECONNRESET);
    }
  stepper_finish (&s);
}

static void
test_window_right_edge_excluded (void)
{
  Stepper s;
  SynackTestingSocket client;
  uint32_t window;
  size_t i;

  stepper_start (&s, BASE);
  stepper_until (&s, SYNACK_SEC (1));
  client = sock_of (&s, SYNACK_CLIENT, 1);
  window = last_advertised_window (&s, SYNACK_CLIENT);
  g_assert_cmpuint (window, >, 0);
  /* RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND: the right edge is outside. */
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_ACK, client.rcv_nxt + window, client.snd_nxt);
  stepper_until (&s, SYNACK_MS (1050));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, SYNACK_VERDICT_UNACCEPTABLE);
  /* One byte inside it is fine. */
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_ACK, client.rcv_nxt + window - 1, client.snd_nxt);
  stepper_until (&s, SYNACK_MS (1100));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, !=, SYNACK_VERDICT_UNACCEPTABLE);
  stepper_finish (&s);
}

static void
test_invalid_ack_rate_limited (void)
{
  Stepper s;
  SynackTestingSocket client;
  size_t i, first;

  stepper_start (&s, BASE);
  stepper_until (&s, SYNACK_SEC (1));
  client = sock_of (&s, SYNACK_CLIENT, 1);
  /* Two bare ACKs far outside the window, 1 ms apart: Linux answers the
   * first (tcp_oow_rate_limited) and stays quiet for the second. */
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_ACK, client.rcv_nxt + 200000, client.snd_nxt);
  stepper_until (&s, SYNACK_MS (1001));
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_ACK, client.rcv_nxt + 200000, client.snd_nxt);
  stepper_until (&s, SYNACK_MS (1060));
  first = 0;
  for (size_t k = 0; k < s.trace.n_events; k++)
    if (s.trace.events[k].type == SYNACK_EVENT_DELIVER && s.trace.events[k].t >= SYNACK_MS (1000))
      {
        first = k;
        break;
      }
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpint (s.trace.events[first].verdict, ==, SYNACK_VERDICT_UNACCEPTABLE);
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, SYNACK_VERDICT_UNACCEPTABLE);
  g_assert_cmpuint (i, >, first);
  g_assert_cmpuint (count_sent_after (&s, first - 1, SYNACK_CLIENT, SYNACK_FLAG_ACK), ==, 1);
  stepper_finish (&s);
}

static void
test_overlapping_data_trimmed (void)
{
  Stepper s;
  SynackTestingSocket client;
  size_t i;

  stepper_start (&s, BASE "at 1s server send 100\n");
  stepper_until (&s, SYNACK_SEC (2));
  client = sock_of (&s, SYNACK_CLIENT, 1);
  /* 10 bytes of which the first 4 were already received: the 6 new ones are
   * taken (RFC 9293 3.10.7.4, "segments with higher beginning sequence
   * numbers ... trimmed"). */
  inject_data (&s, SYNACK_CLIENT, SYNACK_FLAG_ACK | SYNACK_FLAG_PSH, client.rcv_nxt - 4, client.snd_nxt, 10);
  stepper_until (&s, SYNACK_MS (2060));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, !=, SYNACK_VERDICT_UNACCEPTABLE);
  g_assert_cmpuint (sock_of (&s, SYNACK_CLIENT, 1).rcv_nxt, ==, client.rcv_nxt + 6);
  stepper_finish (&s);
}

/* ---- Closing ----------------------------------------------------------- */

static void
test_simultaneous_close_crossing (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "at 1s client close\nat 1s server close\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED");
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT CLOSED");
}

static void
test_fin_wait_1_straight_to_time_wait (void)
{
  /* The server closes as soon as it reads EOF, within the delayed-ACK
   * time, so its FIN carries the ACK of the client's FIN. */
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "when client established: client send 10\n"
    "at 1s client close\nwhen server eof: server close\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED");
}

static void
test_last_ack_ignores_segment_without_ack (void)
{
  Stepper s;
  SynackTestingSocket server;
  size_t i;

  server = start_in_last_ack (&s, "close");
  inject (&s, SYNACK_SERVER, 0, server.rcv_nxt, 0);
  stepper_until (&s, SYNACK_MS (2160));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, SYNACK_VERDICT_NO_ACK);
  g_assert_cmpint (sock_of (&s, SYNACK_SERVER, 1).state, ==, SYNACK_STATE_LAST_ACK);
  stepper_finish (&s);
}

static void
test_last_ack_needs_ack_of_fin (void)
{
  Stepper s;
  SynackTestingSocket server;

  server = start_in_last_ack (&s, "close");
  /* An ACK that does not cover the FIN must not close LAST_ACK. */
  inject (&s, SYNACK_SERVER, SYNACK_FLAG_ACK, server.rcv_nxt, server.snd_una);
  stepper_until (&s, SYNACK_MS (2160));
  g_assert_cmpint (sock_of (&s, SYNACK_SERVER, 1).state, ==, SYNACK_STATE_LAST_ACK);
  stepper_finish (&s);
}

static void
test_abort_sends_rst_without_time_wait (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "at 1s client abort\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);
  g_autoptr (GArray) rst = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_RST | SYNACK_FLAG_ACK);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED CLOSED");
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED CLOSED");
  g_assert_cmpuint (rst->len, ==, 1);
  g_assert_cmpint (synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 0), ==, -1);
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_SERVER, SYNACK_CALL_RECV, SYNACK_RESULT_ECONNRESET), >=, 0);
}

static void
test_close_with_unread_data_sends_rst (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "when server established: server read off\n"
    "at 1s client send 100\nat 2s server close\n");
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);
  g_autoptr (GArray) rst = synack_test_send_times (trace, SYNACK_SERVER, SYNACK_FLAG_RST | SYNACK_FLAG_ACK);

  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED CLOSED");
  g_assert_cmpuint (rst->len, ==, 1);
  g_assert_cmpint (g_array_index (rst, SynackTime, 0), ==, SYNACK_SEC (2));
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ECONNRESET), >=, 0);
}

static void
test_data_after_close_gets_rst (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "at 1s client close\nat 2s server send 100\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);
  g_autoptr (GArray) rst = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_RST);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 CLOSED");
  g_assert_cmpuint (rst->len, ==, 1);
}

static void
test_fin_wait_2_timeout (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "at 1s client close\nat 100s server close\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);
  long start = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_FIN_WAIT_2, SYNACK_TIMER_START, 0);
  long expire = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_FIN_WAIT_2, SYNACK_TIMER_EXPIRE, 0);
  g_autoptr (GArray) rst = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_RST);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 CLOSED");
  g_assert_cmpint (trace->events[expire].t - trace->events[start].t, ==, SYNACK_SEC (60));
  /* The server's late FIN finds no socket and is answered with a RST. */
  g_assert_cmpuint (rst->len, ==, 1);
  g_assert_cmpint (g_array_index (rst, SynackTime, 0), ==, SYNACK_SEC (100) + SYNACK_MS (50));
}

static void
test_shutdown_keeps_fin_wait_2 (void)
{
  /* A half-closed socket is not an orphan: no FIN_WAIT_2 timer. */
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "at 1s client shutdown\nat 200s server close\n");
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);

  g_assert_cmpint (synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_FIN_WAIT_2, SYNACK_TIMER_START, 0), ==, -1);
  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED");
}

/* ---- RST and SYN checks (RFC 5961) --------------------------------------- */

static void
rst_case (uint32_t offset, SynackVerdict verdict, gboolean challenge, SynackState after)
{
  Stepper s;
  SynackTestingSocket client;
  size_t i;

  stepper_start (&s, BASE);
  stepper_until (&s, SYNACK_SEC (1));
  client = sock_of (&s, SYNACK_CLIENT, 1);
  inject (&s, SYNACK_CLIENT, SYNACK_FLAG_RST, client.rcv_nxt + offset, 0);
  stepper_until (&s, SYNACK_MS (1050));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, verdict);
  g_assert_cmpint (sent_after (&s, i, SYNACK_CLIENT, SYNACK_FLAG_ACK), ==, challenge);
  g_assert_cmpint (synack_trace_state_at (&s.trace, SYNACK_CLIENT, 1, (long) s.trace.n_events), ==, after);
  stepper_finish (&s);
}

static void
test_rst_exact (void)
{
  rst_case (0, SYNACK_VERDICT_RESET, FALSE, SYNACK_STATE_CLOSED);
}

static void
test_rst_in_window_challenged (void)
{
  rst_case (1000, SYNACK_VERDICT_CHALLENGE_ACK, TRUE, SYNACK_STATE_ESTABLISHED);
}

static void
test_rst_out_of_window_dropped (void)
{
  rst_case (100000, SYNACK_VERDICT_UNACCEPTABLE, FALSE, SYNACK_STATE_ESTABLISHED);
}

static void
test_syn_in_established_challenged (void)
{
  Stepper s;
  SynackTestingSocket server;
  size_t i;

  stepper_start (&s, BASE);
  stepper_until (&s, SYNACK_SEC (1));
  server = sock_of (&s, SYNACK_SERVER, 1);
  inject (&s, SYNACK_SERVER, SYNACK_FLAG_SYN, server.rcv_nxt + 10, 0);
  stepper_until (&s, SYNACK_MS (1050));
  g_assert_cmpint (last_deliver (&s, &i)->verdict, ==, SYNACK_VERDICT_CHALLENGE_ACK);
  g_assert_true (sent_after (&s, i, SYNACK_SERVER, SYNACK_FLAG_ACK));
  g_assert_cmpint (sock_of (&s, SYNACK_SERVER, 1).state, ==, SYNACK_STATE_ESTABLISHED);
  stepper_finish (&s);
}

/* ---- TIME_WAIT and reuse of the 4-tuple ----------------------------------- */

static void
test_time_wait_accepts_newer_syn (void)
{
  /* The server closes first and holds TIME_WAIT; the client comes back from
   * the same port with a higher ISN and Linux lets the new SYN in. */
  g_autoptr (SynackTrace) trace = synack_test_run (
    "delay = 50ms\nat 0 server listen 80 isn=5000\n"
    "at 0 client connect 80 from 40000 isn=1000 conn=1\n"
    "at 1s server close\nwhen client eof +100ms: client close\n"
    "at 5s client connect 80 from 40000 isn=90000 conn=2\n");
  g_autofree char *server1 = synack_test_states (trace, SYNACK_SERVER, 1);
  g_autofree char *server2 = synack_test_states (trace, SYNACK_SERVER, 2);
  g_autofree char *client2 = synack_test_states (trace, SYNACK_CLIENT, 2);
  const SynackConnInfo *info = NULL;

  g_assert_cmpstr (server1, ==, "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED");
  g_assert_cmpstr (server2, ==, "LISTEN SYN_RECEIVED ESTABLISHED");
  g_assert_cmpstr (client2, ==, "CLOSED SYN_SENT ESTABLISHED");
  for (size_t i = 0; i < trace->n_conns; i++)
    if (trace->conns[i].conn == 2)
      info = &trace->conns[i];
  g_assert_nonnull (info);
  /* tcp_timewait_state_process(): the new ISN is the old SND.NXT + 65537. */
  g_assert_cmpuint (info->server_iss, ==, 5002 + 65535 + 2);
}

static void
test_time_wait_refuses_reuse_on_its_own_side (void)
{
  /* The client holds TIME_WAIT: without SO_REUSEADDR, binding the same
   * port again fails until TIME_WAIT is over. */
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "at 1s client close\nwhen server eof: server close\n"
    "at 5s client connect 80 from 40000\n"
    "at 70s client connect 80 from 40000\n");

  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRINUSE), >=, 0);
  g_assert_cmpint (trace->events[synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT,
                                                       SYNACK_RESULT_EADDRINUSE)].t, ==, SYNACK_SEC (5));
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK), >=, 0);
  g_assert_cmpint (trace->events[synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT,
                                                       SYNACK_RESULT_OK)].t, ==, SYNACK_MS (100));
}

static void
test_stale_data_accepted_without_time_wait (void)
{
  /* With TIME_WAIT cut to 2 us, a delayed copy of connection 1's data is
   * taken as connection 2's: the corruption TIME_WAIT exists to prevent
   * (and PAWS too: timestamps would catch it, see test-engine-options). */
  g_autoptr (SynackTrace) trace = synack_test_run (
    "delay = 50ms\nmsl = 1us\ntimestamps = off\nat 0 server listen 80 isn=5000\n"
    "at 0 client connect 80 from 40000 isn=1000\n"
    "at 200ms client send 100\nat 1s client close\nwhen server eof: server close\n"
    "at 2s client connect 80 from 40000 isn=1000\n"
    "duplicate client data #1 after 2.5s\n");
  gboolean stale = FALSE;

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_DELIVER &&
        trace->events[i].verdict == SYNACK_VERDICT_STALE_DATA)
      {
        stale = TRUE;
        g_assert_cmpuint (trace->events[i].conn, ==, 2);
        g_assert_cmpuint (trace->events[i].stale_conn, ==, 1);
      }
  g_assert_true (stale);
}

/* ---- Every transition of every run is an arrow of the diagram ----------- */

static void
assert_transitions_legal (const SynackTrace *trace)
{
  g_autoptr (GHashTable) last = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), trace->n_events);

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      gint64 key = (gint64) e->conn * 2 + e->host;
      gpointer previous;

      if (e->type != SYNACK_EVENT_STATE)
        continue;
      if (synack_transition_find (e->from, e->to, e->cause) < 0)
        g_error ("transition %s -> %s on %s is not in the table", synack_state_to_string (e->from),
                 synack_state_to_string (e->to), synack_cause_to_string (e->cause));
      if (g_hash_table_lookup_extended (last, &key, NULL, &previous) &&
          GPOINTER_TO_INT (previous) != (int) e->from && e->conn != 0)
        g_error ("conn %u %s: %s -> %s after %s", e->conn, synack_host_to_string (e->host),
                 synack_state_to_string (e->from), synack_state_to_string (e->to),
                 synack_state_to_string ((SynackState) GPOINTER_TO_INT (previous)));
      g_array_append_val (keys, key);
      g_hash_table_insert (last, &g_array_index (keys, gint64, keys->len - 1), GINT_TO_POINTER (e->to));
    }
}

static void
test_lessons_transitions_legal (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  g_assert_cmpuint (g_strv_length (names), >, 0);
  for (guint i = 0; names[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (names[i], &error);
      g_autoptr (SynackTrace) trace = NULL;

      g_assert_no_error (error);
      trace = synack_scenario_run (scenario, NULL, &error);
      g_assert_no_error (error);
      assert_transitions_legal (trace);
    }
}

/* ---- The DELIVER event -------------------------------------------------- */

static void
collect_event (const SynackEvent *event, void *user_data)
{
  g_array_append_vals (user_data, event, 1);
}

/* A trace sink sees each event once, as it is emitted, so a DELIVER event
 * must carry its final verdict (and connection) when it is emitted, and
 * come before what the segment caused. */
static void
test_deliver_emitted_with_final_verdict (void)
{
  static const char *const scenarios[] = {
    BASE "at 1s client close\nat 2s server close\n",
    "delay = 50ms\nat 0 client connect 81 isn=1000\n",                 /* no socket: RST */
    BASE "at 1s client send 100\nat 1s server abort\n",             /* data after RST */
    BASE "lose server SYN-ACK #1\nat 1s client close\nat 1s server close\n",
  };

  for (guint n = 0; n < G_N_ELEMENTS (scenarios); n++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) scenario = synack_scenario_parse (scenarios[n], "test", &error);
      g_autoptr (GArray) streamed = g_array_new (FALSE, FALSE, sizeof (SynackEvent));
      g_autoptr (SynackTrace) kept = synack_test_run (scenarios[n]);
      SynackTrace sinked;
      guint verdicts = 0;

      g_assert_no_error (error);
      synack_trace_init (&sinked);
      sinked.sink = collect_event;
      sinked.sink_data = streamed;
      g_assert_cmpint (synack_engine_run (synack_scenario_get_script (scenario), &sinked, NULL), ==,
                       SYNACK_ENGINE_OK);
      g_assert_cmpuint (streamed->len, ==, kept->n_events);
      for (guint i = 0; i < streamed->len; i++)
        {
          const SynackEvent *a = &g_array_index (streamed, SynackEvent, i);
          const SynackEvent *b = &kept->events[i];

          g_assert_cmpint (a->type, ==, b->type);
          g_assert_cmpint (a->t, ==, b->t);
          if (a->type != SYNACK_EVENT_DELIVER)
            continue;
          g_assert_cmpint (a->verdict, ==, b->verdict);
          g_assert_cmpuint (a->conn, ==, b->conn);
          verdicts += a->verdict != SYNACK_VERDICT_ACCEPTED;
        }
      /* Each scenario has a segment that is not simply accepted. */
      if (n > 0)
        g_assert_cmpuint (verdicts, >, 0);
      synack_trace_clear (&sinked);
    }
}

/* The client closes first and holds TIME_WAIT; at 5 s it connects again
 * from the same port. */
#define REBIND(option) "delay = 50ms\nat 0 server listen 80 isn=5000\n" \
  "at 0 client connect 80 from 40000 conn=1 " option "\nat 1s client close conn=1\n" \
  "when server eof +100ms: server close\nat 5s client connect 80 from 40000 conn=2 " option "\n"

static void
test_time_wait_reused_with_reuseaddr (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (REBIND ("reuseaddr"));
  g_autofree char *client1 = synack_test_states (trace, SYNACK_CLIENT, 1);
  g_autofree char *client2 = synack_test_states (trace, SYNACK_CLIENT, 2);
  g_autoptr (SynackTrace) plain = synack_test_run (REBIND (""));

  /* tcp_twsk_unique(): the old connection gives way, and the new ISN is
   * its SND.NXT (ISN + SYN + FIN) + 65535 + 2. */
  g_assert_cmpstr (client1, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED");
  g_assert_cmpstr (client2, ==, "CLOSED SYN_SENT ESTABLISHED");
  g_assert_cmpuint (synack_test_conn_info (trace, 2)->client_iss, ==, synack_test_conn_info (trace, 1)->client_iss + 2 + 65537);
  /* Without SO_REUSEADDR the bind itself fails. */
  g_assert_cmpint (synack_test_find_app (plain, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRINUSE), >=, 0);
}

/* A client out of ephemeral ports: 30000 connections, every one leaving a
 * TIME_WAIT, where the range has 28232 ports. */
#define PORT_RUSH "event-limit = 5000000\ntime-limit = 3s\ndelay = 1ms\n" \
  "at 0 server listen 80 isn=5000\nat 0 client connect 80 repeat 29999 every 50us\n" \
  "when client established: client close\nwhen server eof: server close\n"

static void
test_time_wait_reuse_on_loopback (void)
{
  g_autoptr (SynackTrace) lan = synack_test_run (PORT_RUSH);
  g_autoptr (SynackTrace) loopback = synack_test_run ("hosts = loopback\n" PORT_RUSH);
  g_autoptr (SynackTrace) never = synack_test_run ("hosts = loopback\ntw-reuse = 0\n" PORT_RUSH);

  /* tcp_tw_reuse = 2, Linux's default, helps only on loopback. */
  g_assert_cmpuint (synack_test_count_results (lan, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), ==, 30000 - 28232);
  g_assert_cmpuint (synack_test_count_results (never, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), ==, 30000 - 28232);
  g_assert_cmpuint (synack_test_count_results (loopback, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/state/simultaneous-open", test_simultaneous_open);
  g_test_add_func ("/engine/trace/deliver-emitted-with-final-verdict", test_deliver_emitted_with_final_verdict);
  g_test_add_func ("/engine/state/syn-sent/bad-ack", test_syn_sent_bad_ack);
  g_test_add_func ("/engine/state/listen/ack-gets-rst", test_listen_answers_ack_with_rst);
  g_test_add_func ("/engine/state/close/simultaneous", test_simultaneous_close_crossing);
  g_test_add_func ("/engine/state/close/fin-wait-1-to-time-wait", test_fin_wait_1_straight_to_time_wait);
  g_test_add_func ("/engine/state/last-ack/ignores-no-ack", test_last_ack_ignores_segment_without_ack);
  g_test_add_func ("/engine/state/last-ack/needs-ack-of-fin", test_last_ack_needs_ack_of_fin);
  g_test_add_func ("/engine/state/abort", test_abort_sends_rst_without_time_wait);
  g_test_add_func ("/engine/state/close/unread-data-rst", test_close_with_unread_data_sends_rst);
  g_test_add_func ("/engine/state/close/data-after-close-rst", test_data_after_close_gets_rst);
  g_test_add_func ("/engine/state/fin-wait-2/timeout", test_fin_wait_2_timeout);
  g_test_add_func ("/engine/state/fin-wait-2/half-close-waits", test_shutdown_keeps_fin_wait_2);
  g_test_add_func ("/engine/state/rst/exact", test_rst_exact);
  g_test_add_func ("/engine/state/rst/in-window-challenged", test_rst_in_window_challenged);
  g_test_add_func ("/engine/state/rst/out-of-window-dropped", test_rst_out_of_window_dropped);
  g_test_add_func ("/engine/state/syn/in-established-challenged", test_syn_in_established_challenged);
  g_test_add_func ("/engine/state/time-wait/accepts-newer-syn", test_time_wait_accepts_newer_syn);
  g_test_add_func ("/engine/state/time-wait/port-busy", test_time_wait_refuses_reuse_on_its_own_side);
  g_test_add_func ("/engine/state/time-wait/reuseaddr", test_time_wait_reused_with_reuseaddr);
  g_test_add_func ("/engine/state/time-wait/tw-reuse", test_time_wait_reuse_on_loopback);
  g_test_add_func ("/engine/state/time-wait/stale-data-without-it", test_stale_data_accepted_without_time_wait);
  g_test_add_func ("/engine/state/syn-sent/ack-of-iss", test_syn_sent_ack_of_iss_refused);
  g_test_add_func ("/engine/state/last-ack/rst-reports-nothing", test_last_ack_rst_reports_nothing);
  g_test_add_func ("/engine/state/window/right-edge-excluded", test_window_right_edge_excluded);
  g_test_add_func ("/engine/state/invalid-ack-rate-limited", test_invalid_ack_rate_limited);
  g_test_add_func ("/engine/state/data/overlap-trimmed", test_overlapping_data_trimmed);
  g_test_add_func ("/engine/state/lessons-legal", test_lessons_transitions_legal);
  return g_test_run ();
}
