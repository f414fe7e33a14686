/* test-engine-listen.c: a listener's SYN and accept queues, their
 * overflows as Linux handles them, SYN cookies and forged SYNs. */
#include "synack-config.h"

#include <string.h>

#include "synack-test-util.h"

/* How many DELIVER events of the run have this verdict. */
static guint
count_verdicts (const SynackTrace *trace, SynackVerdict verdict)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == SYNACK_EVENT_DELIVER && trace->events[i].verdict == verdict;
  return n;
}

/* How many connections entered `state` on the host. */
static guint
count_entered (const SynackTrace *trace, SynackHostId host, SynackState state)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].host == host &&
         trace->events[i].to == state;
  return n;
}

static const SynackEvent *
first_verdict (const SynackTrace *trace, SynackVerdict verdict)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_DELIVER && trace->events[i].verdict == verdict)
      return &trace->events[i];
  return NULL;
}

/* Forged SYNs all at once at a listener with backlog 2 that keeps them
 * (their SYN-ACKs go nowhere): Linux queues backlog + 1, the textbook
 * backlog, and the rest are dropped, or answered with cookies. */
static SynackTrace *
flood (const char *params)
{
  g_autofree char *text = g_strdup_printf ("%s\n"
                                           "at 0 server listen 80 backlog 2\n"
                                           "at 0 attacker syn-flood 80 from 10.9.0.0/16 rate 1000/s for 10ms\n",
                                           params);
  return synack_test_run (text);
}

static void
test_syn_queue_linux (void)
{
  g_autoptr (SynackTrace) trace = flood ("syncookies = 0\ntime-limit = 2s");
  const SynackEvent *full = first_verdict (trace, SYNACK_VERDICT_SYN_QUEUE_FULL);

  g_assert_cmpuint (count_entered (trace, SYNACK_SERVER, SYNACK_STATE_SYN_RECEIVED), ==, 3);
  g_assert_cmpuint (count_verdicts (trace, SYNACK_VERDICT_SYN_QUEUE_FULL), ==, 7);
  g_assert_nonnull (full);
  g_assert_true (full->queues.present);
  g_assert_cmpuint (full->queues.syn_queue, ==, 3);
  g_assert_cmpuint (full->queues.backlog, ==, 2);
  /* The warning once, on the first drop. */
  g_assert_true (full->queues.flood_warning);
  g_assert_false (full->queues.cookies);
}

static void
test_syn_queue_textbook (void)
{
  g_autoptr (SynackTrace) trace = flood ("profile = rfc9293\ntime-limit = 2s");

  g_assert_cmpuint (count_entered (trace, SYNACK_SERVER, SYNACK_STATE_SYN_RECEIVED), ==, 2);
  g_assert_cmpuint (count_verdicts (trace, SYNACK_VERDICT_SYN_QUEUE_FULL), ==, 8);
  g_assert_cmpuint (count_verdicts (trace, SYNACK_VERDICT_SYN_COOKIE_SENT), ==, 0);
}

static void
test_somaxconn_caps_backlog (void)
{
  g_autoptr (SynackTrace) trace = flood ("syncookies = 0\nsomaxconn = 1\ntime-limit = 2s");

  g_assert_cmpuint (count_entered (trace, SYNACK_SERVER, SYNACK_STATE_SYN_RECEIVED), ==, 2);
  g_assert_cmpuint (first_verdict (trace, SYNACK_VERDICT_SYN_QUEUE_FULL)->queues.backlog, ==, 1);
}

/* The answers to forged addresses go nowhere: lost, never delivered to
 * the client, which would reset them. */
static void
test_forged_answers_are_lost (void)
{
  g_autoptr (SynackTrace) trace = flood ("syncookies = 0\ntime-limit = 2s");
  guint lost = 0, forged_syns = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_LOST)
        {
          g_assert_cmpint (e->loss_reason, ==, SYNACK_LOSS_SPOOFED);
          lost++;
        }
      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT)
        {
          guint32 a = e->hdr.spoofed_addr;

          g_assert_cmphex (a >> 16, ==, 0x0a09);
          forged_syns++;
        }
      g_assert_false (e->type == SYNACK_EVENT_DELIVER && e->host == SYNACK_CLIENT);
    }
  g_assert_cmpuint (forged_syns, ==, 10);
  /* Three SYN-ACKs and, within 2 s, one retransmission of each. */
  g_assert_cmpuint (lost, ==, 6);
}

/* Cookies: the overflow is answered, nothing is kept, and the client the
 * flood hides still connects with one round trip. */
static void
test_cookie_lets_client_in (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("at 0 server listen 80 backlog 2\n"
                                                   "at 0 attacker syn-flood 80 from 10.9.0.0/16 rate 1000/s for 10ms\n"
                                                   "at 100ms client connect 80 conn=1\n"
                                                   "time-limit = 2s\n");
  const SynackEvent *valid = first_verdict (trace, SYNACK_VERDICT_SYN_COOKIE_VALID);
  long connected = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_OK);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);

  g_assert_cmpuint (count_verdicts (trace, SYNACK_VERDICT_SYN_COOKIE_SENT), ==, 8);
  g_assert_cmpuint (count_entered (trace, SYNACK_SERVER, SYNACK_STATE_SYN_RECEIVED), ==, 4);
  g_assert_nonnull (valid);
  g_assert_true (valid->cookie.valid);
  g_assert_cmpuint (valid->cookie.mss, ==, 1460);
  g_assert_cmpuint (valid->cookie.mss_index, ==, 3);
  g_assert_cmpint (connected, >=, 0);
  g_assert_cmpint (trace->events[connected].t, ==, SYNACK_MS (200));
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED");
}

/* The cookie's MSS index is the largest table value the MSS reaches. */
static void
test_cookie_mss_index (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("syncookies = 2\nmss = 1400\n"
                                                   "at 0 server listen 80\nat 0 client connect 80\n");
  const SynackEvent *valid = first_verdict (trace, SYNACK_VERDICT_SYN_COOKIE_VALID);

  g_assert_nonnull (valid);
  g_assert_cmpuint (valid->cookie.mss_index, ==, 1);
  g_assert_cmpuint (valid->cookie.mss, ==, 1300);
}

/* A cookie is good for two minute counters: an ACK that returns it later
 * (every SYN-ACK held up for 125 s) no longer decodes and is a stray ACK,
 * answered with RST. */
static void
test_cookie_expires (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("syncookies = 2\n"
                                                   "at 0 server listen 80\nat 0 client connect 80\n"
                                                   "delay server SYN-ACK every by 125s\n");
  const SynackEvent *stray = first_verdict (trace, SYNACK_VERDICT_NO_SOCKET);

  g_assert_null (first_verdict (trace, SYNACK_VERDICT_SYN_COOKIE_VALID));
  g_assert_nonnull (stray);
  g_assert_true (stray->hdr.flags & SYNACK_FLAG_ACK);
}

/* The accept queue: backlog 1 holds two established connections; the
 * third's final ACK is dropped (the client is ESTABLISHED), or reset with
 * abort-on-overflow, until the application accepts. */
static const char accept_script[] =
  "at 0 server listen 80 backlog 1 accepts on-call\n"
  "at 0 client connect 80 conn=1\n"
  "at 200ms client connect 80 conn=2\n"
  "at 200ms client connect 80 conn=3\n";

static void
test_accept_queue_drops_final_ack (void)
{
  g_autofree char *text = g_strdup_printf ("%sat 5s server accept 80\ntime-limit = 10s\n", accept_script);
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  g_autofree char *client = synack_test_states (trace, SYNACK_CLIENT, 3);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 3);
  const SynackEvent *full = first_verdict (trace, SYNACK_VERDICT_ACCEPT_QUEUE_FULL);
  long accepted = synack_test_find_app (trace, SYNACK_SERVER, SYNACK_CALL_ACCEPT, SYNACK_RESULT_OK);

  g_assert_cmpstr (client, ==, "CLOSED SYN_SENT ESTABLISHED");
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED");
  g_assert_nonnull (full);
  g_assert_cmpuint (full->conn, ==, 3);
  g_assert_cmpuint (full->queues.accept_queue, ==, 2);
  /* Nothing was accepted before the application asked. */
  g_assert_cmpint (accepted, >=, 0);
  g_assert_cmpint (trace->events[accepted].t, ==, SYNACK_SEC (5));
  g_assert_cmpuint (trace->events[accepted].conn, ==, 1);
}

static void
test_accept_queue_abort_on_overflow (void)
{
  g_autofree char *text = g_strdup_printf ("%sabort-on-overflow = on\nwhen client established +10ms: client send 100\n"
                                           "time-limit = 10s\n", accept_script);
  g_autoptr (SynackTrace) trace = synack_test_run (text);
  g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 3);
  long reset = synack_test_find_app (trace, SYNACK_CLIENT, SYNACK_CALL_RECV, SYNACK_RESULT_ECONNRESET);

  g_assert_cmpuint (count_verdicts (trace, SYNACK_VERDICT_ACCEPT_QUEUE_RESET), ==, 1);
  g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED CLOSED");
  g_assert_cmpint (reset, >=, 0);
  g_assert_cmpuint (trace->events[reset].conn, ==, 3);
}

/* An application that takes a second between accept() calls. */
static void
test_accept_pace (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run ("at 0 server listen 80 accepts every 1s\n"
                                                   "at 0 client connect 80 repeat 2 every 10ms\n");
  SynackTime times[3];
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_APP && trace->events[i].call == SYNACK_CALL_ACCEPT && n < 3)
      times[n++] = trace->events[i].t;
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (times[0], ==, SYNACK_MS (150));
  g_assert_cmpint (times[1], ==, SYNACK_MS (1150));
  g_assert_cmpint (times[2], ==, SYNACK_MS (2150));
}

/* inet_bind_conflict(): a server restarted while its old connection waits
 * in TIME_WAIT may listen again only if both its runs set SO_REUSEADDR. */
static void
test_restart_needs_reuseaddr (void)
{
  static const struct { const char *old, *restarted; SynackResult result; } cases[] = {
    { "", "", SYNACK_RESULT_EADDRINUSE },
    { "", " reuseaddr", SYNACK_RESULT_EADDRINUSE },
    { " reuseaddr", "", SYNACK_RESULT_EADDRINUSE },
    { " reuseaddr", " reuseaddr", SYNACK_RESULT_OK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("at 0 server listen 80%s\n"
                                               "at 0 client connect 80\n"
                                               "when server established +10ms: server close\n"
                                               "when client eof: client close\n"
                                               "at 1s server close-listener 80\n"
                                               "at 2s server listen 80%s\n"
                                               "time-limit = 3s\n", cases[i].old, cases[i].restarted);
      g_autoptr (SynackTrace) trace = synack_test_run (text);
      SynackResult last = SYNACK_RESULT_PENDING;
      g_autofree char *server = synack_test_states (trace, SYNACK_SERVER, 1);

      for (size_t k = 0; k < trace->n_events; k++)
        if (trace->events[k].type == SYNACK_EVENT_APP && trace->events[k].call == SYNACK_CALL_LISTEN)
          last = trace->events[k].result;
      g_assert_cmpstr (server, ==, "LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 TIME_WAIT");
      g_assert_cmpint (last, ==, cases[i].result);
    }
}

static void
test_bad_lines (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "at 0 attacker syn-flood 80 from 10.9.0.0 rate 10/s for 1s", "expected the forged addresses as a network" },
    { "at 0 attacker syn-flood 80 from 10.0.0.1/32 rate 10/s for 1s", "is not an address to forge" },
    { "at 0 attacker syn-flood 80 from 10.9.0.0/16 rate 10 for 1s", "expected a rate in SYNs per second" },
    { "at 0 attacker syn-flood 80 from 10.9.0.0/16 rate 0/s for 1s", "is not a rate" },
    { "at 0 attacker syn-flood 80 from 10.9.0.0/16 rate 1/s for 1ms", "sends no SYN at all" },
    { "at 0 attacker connect 80", "the attacker knows one action" },
    { "at 0 server listen 80 backlog 70000", "not a valid backlog" },
    { "at 0 server listen 80 accepts every 0s", "accepting at once" },
    { "at 0 server listen 80 accepts sometimes", "expected 'accepts every DURATION'" },
    { "syncookies = 3", "between 0 and 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = synack_test_run_error (cases[i].text);

      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s”: expected a message with “%s”, got “%s”", cases[i].text, cases[i].message, error->message);
      /* Every message says where. */
      g_assert_nonnull (strstr (error->message, ":1"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/listen/syn-queue/linux", test_syn_queue_linux);
  g_test_add_func ("/engine/listen/syn-queue/textbook", test_syn_queue_textbook);
  g_test_add_func ("/engine/listen/syn-queue/somaxconn", test_somaxconn_caps_backlog);
  g_test_add_func ("/engine/listen/forged-answers-lost", test_forged_answers_are_lost);
  g_test_add_func ("/engine/listen/cookie/lets-client-in", test_cookie_lets_client_in);
  g_test_add_func ("/engine/listen/cookie/mss-index", test_cookie_mss_index);
  g_test_add_func ("/engine/listen/cookie/expired", test_cookie_expires);
  g_test_add_func ("/engine/listen/accept-queue/drops-final-ack", test_accept_queue_drops_final_ack);
  g_test_add_func ("/engine/listen/accept-queue/abort-on-overflow", test_accept_queue_abort_on_overflow);
  g_test_add_func ("/engine/listen/accept-pace", test_accept_pace);
  g_test_add_func ("/engine/listen/restart-needs-reuseaddr", test_restart_needs_reuseaddr);
  g_test_add_func ("/engine/listen/bad-lines", test_bad_lines);
  return g_test_run ();
}
