/* test-engine-timers.c: retransmission schedules, the RTT estimator, delayed
 * ACK, keep-alive and TIME_WAIT, to the microsecond. */
#include "synack-test-util.h"

/* Timers exactly on time: these tests pin the stack's own arithmetic; the
 * tick clock has tests of its own. */
#define BASE "hz = 0\ndelay = 50ms\nat 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n"

static void
assert_times (GArray *times, const SynackTime *expected, guint n)
{
  g_assert_cmpuint (times->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (times, SynackTime, i), ==, expected[i]);
}

static void
test_syn_schedule_linux (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "lose client SYN every\n");
  g_autoptr (GArray) syns = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_SYN);
  static const SynackTime expected[] = {
    0, SYNACK_SEC (1), SYNACK_SEC (2), SYNACK_SEC (3), SYNACK_SEC (4), SYNACK_SEC (5),
    SYNACK_SEC (7), SYNACK_SEC (11), SYNACK_SEC (19), SYNACK_SEC (35), SYNACK_SEC (67),
  };
  long failed = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_ETIMEDOUT);

  assert_times (syns, expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (failed, >=, 0);
  g_assert_cmpint (trace->events[failed].t, ==, SYNACK_SEC (131));
}

static void
test_syn_schedule_rfc9293 (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("profile = rfc9293\n" BASE "lose client SYN every\n");
  g_autoptr (GArray) syns = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_SYN);
  static const SynackTime expected[] = {
    0, SYNACK_SEC (1), SYNACK_SEC (3), SYNACK_SEC (7), SYNACK_SEC (15), SYNACK_SEC (31),
    SYNACK_SEC (63),
  };
  long failed = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_ETIMEDOUT);

  /* Plain doubling, capped by RFC 6298's 60 s ceiling for the last wait. */
  assert_times (syns, expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (trace->events[failed].t, ==, SYNACK_SEC (63 + 60));
}

static void
test_synack_schedule (void)
{
  /* The client gives up after its first SYN, so only the server's own timer
   * drives its SYN-ACKs: 0, 1, 3, 7, 15, 31 s, dropped at 63 s. */
  g_autoptr (SynackTrace) trace = synack_test_run (
    "syn-retries = 0\nsyn-linear-retries = 0\n" BASE "lose server SYN-ACK every\n");
  g_autoptr (GArray) synacks = synack_test_send_times (trace, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);
  SynackTime t0 = SYNACK_MS (50);
  const SynackTime expected[] = {
    t0, t0 + SYNACK_SEC (1), t0 + SYNACK_SEC (3), t0 + SYNACK_SEC (7), t0 + SYNACK_SEC (15),
    t0 + SYNACK_SEC (31),
  };
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);
  long dropped = -1;

  assert_times (synacks, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED CLOSED");
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].host == SYNACK_SERVER &&
        trace->events[i].to == SYNACK_STATE_CLOSED)
      dropped = (long) i;
  g_assert_cmpint (trace->events[dropped].t, ==, t0 + SYNACK_SEC (63));
  g_assert_cmpint (trace->events[dropped].cause, ==, SYNACK_CAUSE_RETRIES_EXHAUSTED);
}

static void
test_lost_synack_both_retransmit (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "lose server SYN-ACK #1\n");
  g_autoptr (GArray) syns = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_SYN);
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 1);

  /* The client's SYN timer fires at 1 s; the retransmitted SYN reaches the
   * server before its own SYN-ACK timer, and a new SYN-ACK answers it. */
  g_assert_cmpuint (syns->len, ==, 2);
  g_assert_cmpint (g_array_index (syns, SynackTime, 1), ==, SYNACK_SEC (1));
  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED");
}

static void
test_rto_after_syn_retransmission (void)
{
  /* No RTT sample survives Karn's rule, so data starts with RTO = 3 s. */
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "lose client SYN #1\nwhen client established: client send 100\nlose client data #1\n");
  long start = -1;
  gboolean data_sent = FALSE;

  for (size_t i = 0; i < trace->n_events && start < 0; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT && e->hdr.len > 0)
        data_sent = TRUE;
      else if (data_sent && e->type == SYNACK_EVENT_TIMER && e->host == SYNACK_CLIENT &&
               e->timer == SYNACK_TIMER_RETRANSMIT && e->action == SYNACK_TIMER_START)
        start = (long) i;
    }
  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (trace->events[start].duration, ==, SYNACK_SEC (3));
}

static SynackTime
retransmission_delay (const char *extra)
{
  g_autofree char *text = g_strdup_printf (BASE "%swhen client established: client send 100\nlose client data #1\n", extra);
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  SynackTime first = -1, second = -1;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT && e->hdr.len > 0)
        {
          if (first < 0)
            first = e->t;
          else if (second < 0)
            second = e->t;
        }
    }
  g_assert_cmpint (second, >, first);
  return second - first;
}

static void
test_rto_from_rtt (void)
{
  /* RTT 100 ms: Linux puts the floor under the variance, RTO = 100 + max(4 x
   * 50, 200) ms; RFC 6298 computes 300 ms and raises it to its 1 s floor. */
  g_assert_cmpint (retransmission_delay (""), ==, SYNACK_MS (300));
  g_assert_cmpint (retransmission_delay ("profile = rfc9293\n"), ==, SYNACK_SEC (1));
  g_assert_cmpint (retransmission_delay ("rto-min = 1ms\nprofile = rfc9293\n"), ==, SYNACK_MS (300));
}

static void
test_data_backoff_and_give_up (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "data-retries = 3\nwhen client established: client send 100\nlose client data every\n");
  SynackTime sends[8];
  guint n = 0;
  long failed;

  for (size_t i = 0; i < trace->n_events && n < 8; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == SYNACK_CLIENT &&
        trace->events[i].hdr.len > 0)
      sends[n++] = trace->events[i].t;
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (sends[1] - sends[0], ==, SYNACK_MS (300));
  g_assert_cmpint (sends[2] - sends[1], ==, SYNACK_MS (600));
  g_assert_cmpint (sends[3] - sends[2], ==, SYNACK_MS (1200));
  failed = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ETIMEDOUT);
  g_assert_cmpint (failed, >=, 0);
  g_assert_cmpint (trace->events[failed].t - sends[3], ==, SYNACK_MS (2400));
}

/* rto-max caps the RTO computed from RTT samples too, not only the back-off:
 * here SRTT + 4 x RTTVAR would be 600 ms. */
static void
test_rto_ceiling_applies_to_estimate (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "rto-max = 300ms\nrto-initial = 300ms\ndelay = 100ms\n"
    "at 0 server listen 80\nat 0 client connect 80\nat 1s client send 100\nlose client data #1\n");
  long start = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, 1);

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (trace->events[start].t, ==, SYNACK_SEC (1));
  g_assert_cmpint (trace->events[start].duration, ==, SYNACK_MS (300));
}

static void
test_karn_rule (void)
{
  /* The first data segment is lost and resent; its ACK must not count as an
   * RTT sample (it would say 400 ms), so the next loss still waits 300 ms. */
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "when client established: client send 100\nat 2s client send 100\n"
    "lose client data #1\nlose client data #3\n");
  SynackTime sends[4];
  guint n = 0;

  for (size_t i = 0; i < trace->n_events && n < 4; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == SYNACK_CLIENT &&
        trace->events[i].hdr.len > 0)
      sends[n++] = trace->events[i].t;
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (sends[1] - sends[0], ==, SYNACK_MS (300));
  g_assert_cmpint (sends[3] - sends[2], ==, SYNACK_MS (300));
}

static void
test_time_wait_is_two_msl (void)
{
  static const char *const msls[] = { "1us", "250ms", "1s", "30s", "2min" };
  static const SynackTime expected[] = { 2, SYNACK_MS (500), SYNACK_SEC (2), SYNACK_SEC (60), SYNACK_SEC (240) };

  for (guint i = 0; i < G_N_ELEMENTS (msls); i++)
    {
      g_autofree char *text = g_strdup_printf ("msl = %s\n" BASE "at 1s client close\nwhen server eof: server close\n", msls[i]);
      g_autoptr (SynackTrace) trace = synack_test_run (text);
      long start = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 0);
      long expire = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);

      g_assert_cmpint (trace->events[start].duration, ==, expected[i]);
      g_assert_cmpint (trace->events[expire].t - trace->events[start].t, ==, expected[i]);
    }
}

static void
test_rfc9293_time_wait_four_minutes (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("profile = rfc9293\n" BASE "at 1s client close\nwhen server eof: server close\n");
  long start = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 0);

  g_assert_cmpint (trace->events[start].duration, ==, SYNACK_SEC (240));
}

static void
test_time_wait_restarts_on_retransmitted_fin (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "at 1s client close\nat 2s server close\nlose client ACK #2\n");
  long first = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 0);
  long second = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_START, 1);
  long expire = synack_test_find_timer (trace, SYNACK_CLIENT, SYNACK_TIMER_TIME_WAIT, SYNACK_TIMER_EXPIRE, 0);
  g_autoptr (GArray) acks = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_ACK);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);

  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (second, >, first);
  /* Restarted when the retransmitted FIN arrived: 300 ms after the first. */
  g_assert_cmpint (trace->events[second].t - trace->events[first].t, ==, SYNACK_MS (300));
  g_assert_cmpint (trace->events[expire].t - trace->events[second].t, ==, SYNACK_SEC (60));
  /* The client ACKed the FIN twice, and the second one closed LAST_ACK. */
  g_assert_cmpint (g_array_index (acks, SynackTime, acks->len - 1), ==, trace->events[second].t);
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED");
}

static void
test_delayed_ack (void)
{
  const char *text = BASE "when client established: client send 100\nat 1s client close\n";
  g_autoptr (SynackTrace) linux_trace = synack_test_run (text);
  g_autofree char *rfc_text = g_strdup_printf ("profile = rfc9293\n%s", text);
  g_autoptr (SynackTrace) rfc_trace = synack_test_run (rfc_text);
  long start = synack_test_find_timer (linux_trace, SYNACK_SERVER, SYNACK_TIMER_DELAYED_ACK, SYNACK_TIMER_START, 0);
  long expire = synack_test_find_timer (linux_trace, SYNACK_SERVER, SYNACK_TIMER_DELAYED_ACK, SYNACK_TIMER_EXPIRE, 0);

  /* Linux acknowledges the first data at once (quick-ACK mode) but holds
   * the ACK of the FIN for 40 ms; the textbook profile never waits. */
  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (linux_trace->events[start].t, ==, SYNACK_MS (1050));
  g_assert_cmpint (linux_trace->events[expire].t, ==, SYNACK_MS (1090));
  g_assert_cmpint (synack_test_find_timer (rfc_trace, SYNACK_SERVER, SYNACK_TIMER_DELAYED_ACK, SYNACK_TIMER_START, 0), ==, -1);
}

static void
test_keepalive_finds_peer_gone (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "keepalive = client\nkeepalive-idle = 10s\nkeepalive-interval = 1s\nkeepalive-probes = 3\n"
    BASE "at 5s server unplug\n");
  g_autoptr (GArray) probes = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_ACK);
  long failed = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ETIMEDOUT);
  SynackTime heard = SYNACK_MS (100);  /* the SYN-ACK arrived */

  g_assert_cmpint (failed, >=, 0);
  /* Idle 10 s, then three probes 1 s apart, then give up 1 s later. */
  g_assert_cmpint (trace->events[failed].t, ==, heard + SYNACK_SEC (10) + 3 * SYNACK_SEC (1));
  g_assert_cmpint (g_array_index (probes, SynackTime, probes->len - 1), ==, heard + SYNACK_SEC (12));
}

static void
test_keepalive_answered_stays_established (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    "keepalive = client\nkeepalive-idle = 10s\nkeepalive-interval = 1s\ntime-limit = 35s\n" BASE);
  g_autoptr (GArray) probes = synack_test_send_times (trace, SYNACK_CLIENT, SYNACK_FLAG_ACK);

  /* A probe every 10 s of silence, each answered: still ESTABLISHED. */
  g_assert_cmpuint (probes->len, ==, 1 + 3);
  g_assert_cmpint (synack_trace_state_at (trace, SYNACK_CLIENT, 1, (long) trace->n_events), ==,
                   SYNACK_STATE_ESTABLISHED);
}


static guint
count_data_sends (const SynackTrace *trace, SynackHostId host)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == host &&
        trace->events[i].hdr.len > 0)
      n++;
  return n;
}

/* The SYN's retransmissions are not the data's: once ESTABLISHED the count
 * starts over, so a lost SYN does not shorten the data's retries. */
static void
test_data_retries_start_over_after_syn_loss (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "data-retries = 3\nlose client SYN #1\nwhen client established: client send 100\n"
    "lose client data every\n");

  g_assert_cmpuint (count_data_sends (trace, SYNACK_CLIENT), ==, 1 + 3);
  g_assert_cmpint (synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ETIMEDOUT), >=, 0);
}

/* A segment whose ACK acknowledges nothing new (SEG.ACK = SND.UNA) is a
 * duplicate: it neither ends the back-off nor restarts the timer. */
static void
test_duplicate_ack_keeps_backoff (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "data-retries = 3\nwhen client established: client send 100\nlose client data every\n"
    "at 1s server send 10\n");
  g_autoptr (SynackTrace) plain = synack_test_run (
    BASE "data-retries = 3\nwhen client established: client send 100\nlose client data every\n");
  long failed = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ETIMEDOUT);
  long failed_plain = synack_test_find_app (plain, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ETIMEDOUT);

  g_assert_cmpuint (count_data_sends (trace, SYNACK_CLIENT), ==, 1 + 3);
  g_assert_cmpint (failed, >=, 0);
  g_assert_cmpint (failed_plain, >=, 0);
  g_assert_cmpint (trace->events[failed].t, ==, plain->events[failed_plain].t);
}

/* Before any data Linux's ACK timeout is zero: the ACK of a FIN waits for
 * the next tick, and a FIN sent before it carries the ACK. */
static GArray *
teardown_after (const char *close_delay, SynackTrace **out)
{
  g_autofree char *text = g_strdup_printf (
    "delay = 50ms\nat 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n"
    "at 1s client close\nwhen server eof %s: server close\n", close_delay);
  SynackTrace *trace = synack_test_run (text);
  GArray *segments = synack_test_segments_from_trace (trace);
  long start = synack_test_find_timer (trace, SYNACK_SERVER, SYNACK_TIMER_DELAYED_ACK, SYNACK_TIMER_START, 0);

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (trace->events[start].duration, ==, 0);
  g_assert_cmpint (trace->events[start].expires - trace->events[start].t, >, 0);
  g_assert_cmpint (trace->events[start].expires - trace->events[start].t, <=, SYNACK_MS (4));
  *out = trace;
  return segments;
}

static void
test_fin_ack_waits_for_tick (void)
{
  g_autoptr (SynackTrace) at_once = NULL;
  g_autoptr (SynackTrace) later = NULL;
  g_autoptr (GArray) three = teardown_after ("", &at_once);
  g_autoptr (GArray) four = teardown_after ("+10ms", &later);
  g_autofree char *client_three = synack_test_states (at_once, SYNACK_CLIENT, 1);
  g_autofree char *client_four = synack_test_states (later, SYNACK_CLIENT, 1);

  /* SYN, SYN-ACK, ACK, then FIN, FIN+ACK, ACK. */
  g_assert_cmpuint (three->len, ==, 6);
  g_assert_cmpuint (g_array_index (three, SynackTestSegment, 4).flags, ==, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK);
  g_assert_cmpuint (g_array_index (three, SynackTestSegment, 4).dir, ==, SYNACK_S2C);
  g_assert_cmpstr (client_three, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED");
  /* Closed after the tick: the ACK went alone, four segments. */
  g_assert_cmpuint (four->len, ==, 7);
  g_assert_cmpuint (g_array_index (four, SynackTestSegment, 4).flags, ==, SYNACK_FLAG_ACK);
  g_assert_cmpstr (client_four, ==, "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED");
}

/* A loss from a time on, one way: the server's segments vanish from 2.5 s,
 * the client's still arrive, so the client retransmits what the server
 * has long had. */
static void
test_loss_from_time_one_way (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (
    BASE "at 1s client send 100\nat 3s client send 100\nlose server any every from 2.5s\n");
  guint lost_before = 0, lost_after = 0, client_lost = 0, retransmitted = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT && e->rexmit > 0 && e->hdr.len > 0)
        retransmitted++;
      if (e->type != SYNACK_EVENT_LOST)
        continue;
      /* A LOST event names the sender and the time it would have arrived. */
      if (e->host == SYNACK_CLIENT)
        client_lost++;
      else if (e->t - SYNACK_MS (50) < SYNACK_MS (2500))
        lost_before++;
      else
        lost_after++;
    }
  g_assert_cmpuint (lost_before, ==, 0);
  g_assert_cmpuint (client_lost, ==, 0);
  g_assert_cmpuint (lost_after, >=, 2);
  g_assert_cmpuint (retransmitted, >=, 2);
}

static void
test_loss_from_time_checked (void)
{
  g_autoptr (GError) error = synack_test_run_error (BASE "lose server any every from soon\n");

  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "soon"));
}

/* A lost SYN-ACK: the client's repeated SYN (at 1.03 s, arriving at 1.08 s)
 * is answered at once, and Linux's tcp_check_req() pushes the SYN-ACK
 * timer (due at 1.09 s) a whole timeout on, so the
 * SYN-ACK goes out again once, as recorded/lost-synack.pcap shows. The
 * textbook profile has no such rule: its timer sends one more. */
static void
test_answered_syn_restarts_synack_timer (void)
{
  const char *text = "hz = 250\ndelay = 50ms\nat 0 server listen 80 isn=5000\nat 10ms client connect 80 isn=1000\n"
                     "lose server SYN-ACK #1\n";
  g_autoptr (SynackTrace) linux_run = synack_test_run (text);
  g_autofree char *textbook_text = g_strconcat ("profile = rfc9293\n", text, NULL);
  g_autoptr (SynackTrace) textbook = synack_test_run (textbook_text);
  g_autoptr (GArray) synacks = synack_test_send_times (linux_run, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);
  g_autoptr (GArray) textbook_synacks = synack_test_send_times (textbook, SYNACK_SERVER,
                                                                SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);
  g_autoptr (GArray) syns = synack_test_send_times (linux_run, SYNACK_CLIENT, SYNACK_FLAG_SYN);
  long restart = synack_test_find_timer (linux_run, SYNACK_SERVER, SYNACK_TIMER_RETRANSMIT, SYNACK_TIMER_START, 1);

  g_assert_cmpuint (synacks->len, ==, 2);
  g_assert_cmpint (g_array_index (synacks, SynackTime, 1), ==, g_array_index (syns, SynackTime, 1) + SYNACK_MS (50));
  g_assert_cmpint (restart, >=, 0);
  g_assert_cmpint (linux_run->events[restart].t, ==, g_array_index (synacks, SynackTime, 1));
  g_assert_cmpint (linux_run->events[restart].duration, ==, SYNACK_SEC (1));
  g_assert_cmpuint (textbook_synacks->len, ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/timer/syn/linux", test_syn_schedule_linux);
  g_test_add_func ("/engine/timer/syn/rfc9293", test_syn_schedule_rfc9293);
  g_test_add_func ("/engine/timer/synack", test_synack_schedule);
  g_test_add_func ("/engine/timer/synack/lost-once", test_lost_synack_both_retransmit);
  g_test_add_func ("/engine/timer/rto/after-syn-loss", test_rto_after_syn_retransmission);
  g_test_add_func ("/engine/timer/rto/from-rtt", test_rto_from_rtt);
  g_test_add_func ("/engine/timer/rto/backoff", test_data_backoff_and_give_up);
  g_test_add_func ("/engine/timer/rto/karn", test_karn_rule);
  g_test_add_func ("/engine/timer/rto/ceiling", test_rto_ceiling_applies_to_estimate);
  g_test_add_func ("/engine/timer/time-wait/two-msl", test_time_wait_is_two_msl);
  g_test_add_func ("/engine/timer/time-wait/rfc9293", test_rfc9293_time_wait_four_minutes);
  g_test_add_func ("/engine/timer/time-wait/restart", test_time_wait_restarts_on_retransmitted_fin);
  g_test_add_func ("/engine/timer/delayed-ack", test_delayed_ack);
  g_test_add_func ("/engine/timer/delayed-ack/fin-before-data", test_fin_ack_waits_for_tick);
  g_test_add_func ("/engine/network/loss-from-time", test_loss_from_time_one_way);
  g_test_add_func ("/engine/network/loss-from-time/checked", test_loss_from_time_checked);
  g_test_add_func ("/engine/timer/keepalive/peer-gone", test_keepalive_finds_peer_gone);
  g_test_add_func ("/engine/timer/keepalive/answered", test_keepalive_answered_stays_established);
  g_test_add_func ("/engine/timer/rto/retries-after-syn-loss", test_data_retries_start_over_after_syn_loss);
  g_test_add_func ("/engine/timer/rto/duplicate-ack", test_duplicate_ack_keeps_backoff);
  g_test_add_func ("/engine/timer/synack/answered-syn-restarts-timer", test_answered_syn_restarts_synack_timer);
  return g_test_run ();
}
