/* test-engine-options.c: TCP options as Linux puts them on the wire, and
 * what they do: the handshake's agreement, timestamps and PAWS, SACK and
 * D-SACK blocks, tcp_tw_reuse's need of timestamps. */
#include "synack-test-util.h"
#include "synack-testing.h"

#define BASE "hz = 0\ndelay = 50ms\nat 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n"

/* The n-th (from 0) segment `host` sent with exactly `flags` (PSH ignored). */
static const SynackEvent *
nth_send (const SynackTrace *trace, SynackHostId host, unsigned flags, guint nth)
{
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == host && (e->hdr.flags & ~SYNACK_FLAG_PSH) == flags &&
          nth-- == 0)
        return e;
    }
  g_assert_not_reached ();
}

/* The option bytes of a header, in hex. */
static char *
option_hex (const SynackHeader *hdr)
{
  uint8_t bytes[SYNACK_OPTION_BYTES_MAX];
  size_t n = synack_options_write (&hdr->options, bytes);
  GString *hex = g_string_new (NULL);

  for (size_t i = 0; i < n; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

static void
assert_option_hex (const SynackHeader *hdr, const char *expected)
{
  g_autofree char *hex = option_hex (hdr);

  g_assert_cmpstr (hex, ==, expected);
  g_assert_cmpuint (synack_options_header_length (&hdr->options), ==, 20 + strlen (expected) / 2);
}

static void
test_handshake_options_as_linux (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "when client established: client send 100\n");
  const SynackEvent *syn = nth_send (trace, SYNACK_CLIENT, SYNACK_FLAG_SYN, 0);
  const SynackEvent *syn_ack = nth_send (trace, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0);
  const SynackEvent *ack = nth_send (trace, SYNACK_CLIENT, SYNACK_FLAG_ACK, 0);
  g_autofree char *syn_hex = g_strdup_printf ("020405b40402080a%08x000000000103030a", syn->hdr.options.tsval);
  g_autofree char *syn_ack_hex = g_strdup_printf ("020405b40402080a%08x%08x0103030a",
                                                  syn_ack->hdr.options.tsval, syn->hdr.options.tsval);
  g_autofree char *ack_hex = g_strdup_printf ("0101080a%08x%08x", ack->hdr.options.tsval,
                                              syn_ack->hdr.options.tsval);

  /* MSS, SACK_PERM, TS, NOP, WS (shift 10) as in every capture of
   * tests/reference/linux; the SYN-ACK echoes the SYN's TSval; later
   * segments carry NOP, NOP, TS: a 32-byte header. */
  assert_option_hex (&syn->hdr, syn_hex);
  assert_option_hex (&syn_ack->hdr, syn_ack_hex);
  assert_option_hex (&ack->hdr, ack_hex);
  /* A 1 ms clock: the ACK leaves 100 ms after the SYN. */
  g_assert_cmpuint (ack->hdr.options.tsval - syn->hdr.options.tsval, ==, 100);
}

/* Bytes of the Linux 6.18 captures, read and written back unchanged. */
static void
test_options_round_trip_capture_bytes (void)
{
  static const char *const captured[] = {
    "020405b40402080a1c1bc49f000000000103030a",          /* recorded/handshake.pcap SYN */
    "0101080a9d32a5cdb7bb58960101050aeb6a778beb6a778c",  /* recorded/simultaneous-open.pcap D-SACK */
    "0204ffd70402080a8c29135169ab9c3b0103030a",          /* half-close.pcap SYN-ACK, MSS 65483 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (captured); i++)
    {
      SynackHeader hdr = { 0 };
      g_autofree char *back = NULL;
      size_t n = strlen (captured[i]) / 2;
      uint8_t bytes[SYNACK_OPTION_BYTES_MAX];

      for (size_t b = 0; b < n; b++)
        sscanf (captured[i] + 2 * b, "%2hhx", &bytes[b]);
      g_assert_true (synack_options_parse (bytes, n, &hdr.options));
      back = option_hex (&hdr);
      g_assert_cmpstr (back, ==, captured[i]);
    }

  {
    SynackOptions options;
    const uint8_t syn[] = { 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0, 0, 0, 7, 0, 0, 0, 0, 0x01, 0x03, 0x03, 0x0a };
    const uint8_t truncated[] = { 0x02, 0x04, 0x05 };

    g_assert_true (synack_options_parse (syn, sizeof syn, &options));
    g_assert_cmpuint (options.mss, ==, 1460);
    g_assert_cmpuint (options.tsval, ==, 7);
    g_assert_cmpuint (options.wscale, ==, 10);
    g_assert_cmpuint (options.present, ==, SYNACK_OPTION_MSS | SYNACK_OPTION_SACK_PERM |
                                           SYNACK_OPTION_TIMESTAMPS | SYNACK_OPTION_WSCALE);
    g_assert_false (synack_options_parse (truncated, sizeof truncated, &options));
  }
}

static void
test_options_turned_off (void)
{
  g_autoptr (SynackTrace) no_ts = synack_test_run ("timestamps = off\n" BASE);
  g_autoptr (SynackTrace) none = synack_test_run ("timestamps = off\nsack = off\nwindow-scaling = off\n" BASE);
  g_autoptr (SynackTrace) textbook = synack_test_run ("profile = rfc9293\n" BASE);
  g_autoptr (SynackTrace) no_ws = synack_test_run ("window-scaling = off\n" BASE);
  const SynackEvent *syn_ack = nth_send (no_ws, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0);
  g_autofree char *no_ws_hex = g_strdup_printf ("020405b40402080a%08x%08x", syn_ack->hdr.options.tsval,
                                                syn_ack->hdr.options.tsecr);

  /* Without timestamps Linux pads SACK-permitted with two NOPs. */
  assert_option_hex (&nth_send (no_ts, SYNACK_CLIENT, SYNACK_FLAG_SYN, 0)->hdr, "020405b4010104020103030a");
  g_assert_cmpuint (nth_send (no_ts, SYNACK_CLIENT, SYNACK_FLAG_ACK, 0)->hdr.options.present, ==, 0);
  assert_option_hex (&nth_send (none, SYNACK_CLIENT, SYNACK_FLAG_SYN, 0)->hdr, "020405b4");
  assert_option_hex (&nth_send (textbook, SYNACK_CLIENT, SYNACK_FLAG_SYN, 0)->hdr, "020405b4");
  assert_option_hex (&nth_send (textbook, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0)->hdr, "020405b4");
  assert_option_hex (&syn_ack->hdr, no_ws_hex);
}

/* A SYN that offers nothing gets a SYN-ACK with nothing but the MSS, and
 * no timestamps follow (RFC 7323 3.2: only if both sent them). */
static void
test_options_need_both_sides (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse ("hz = 0\nat 0 server listen 80 isn=5000\n", "t", &error);
  SynackTrace trace;
  SynackEngineError result;
  SynackEngine *engine;
  SynackHeader syn = { .src_port = 40000, .dst_port = 80, .seq = 1000, .win = 65535, .flags = SYNACK_FLAG_SYN };
  SynackHeader ack = { .src_port = 40000, .dst_port = 80, .seq = 1001, .ack = 0, .win = 65535,
                       .flags = SYNACK_FLAG_ACK };

  g_assert_no_error (error);
  synack_trace_init (&trace);
  engine = synack_engine_new (synack_scenario_get_script (scenario), &trace, &result);
  g_assert_nonnull (engine);
  synack_network_inject (engine, SYNACK_CLIENT, &syn, 1);
  synack_engine_advance (engine, SYNACK_MS (200));
  ack.ack = nth_send (&trace, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0)->hdr.seq + 1;
  synack_network_inject (engine, SYNACK_CLIENT, &ack, 1);
  synack_engine_advance (engine, SYNACK_MS (400));
  assert_option_hex (&nth_send (&trace, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0)->hdr, "020405b4");
  synack_engine_free (engine, NULL);
  synack_trace_clear (&trace);
}

static void
test_timestamp_offset_from_seed (void)
{
  const char *two = "hz = 0\nat 0 server listen 80\nat 0 client connect 80\nat 1s client connect 80\n";
  g_autoptr (SynackTrace) one = synack_test_run (two);
  g_autofree char *reseeded = g_strconcat ("seed = 2\n", two, NULL);
  g_autoptr (SynackTrace) other = synack_test_run (reseeded);
  uint32_t first = nth_send (one, SYNACK_CLIENT, SYNACK_FLAG_SYN, 0)->hdr.options.tsval;
  uint32_t second = nth_send (one, SYNACK_CLIENT, SYNACK_FLAG_SYN, 1)->hdr.options.tsval;

  /* One offset per host (secure_tcp_ts_off() hashes the addresses), so a
   * host's connections share its clock: 1000 ms apart. */
  g_assert_cmpuint (second - first, ==, 1000);
  g_assert_cmpuint (nth_send (other, SYNACK_CLIENT, SYNACK_FLAG_SYN, 0)->hdr.options.tsval, !=, first);
  g_assert_cmpuint (nth_send (one, SYNACK_SERVER, SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, 0)->hdr.options.tsval, !=,
                    first + 50);
}

/* The ACK that answers the crossed SYN-ACK carries a D-SACK block for the
 * SYN it repeats, as recorded/simultaneous-open.pcap shows. */
static void
test_simultaneous_open_dsack (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("simultaneous-open");
  const SynackEvent *ack = nth_send (trace, SYNACK_CLIENT, SYNACK_FLAG_ACK, 0);
  const SynackOptions *o = &ack->hdr.options;

  g_assert_true (o->present & SYNACK_OPTION_SACK);
  g_assert_cmpuint (o->n_sack, ==, 1);
  g_assert_cmpuint (o->sack[0].start, ==, synack_test_conn_info (trace, 1)->server_iss);
  g_assert_cmpuint (o->sack[0].end, ==, synack_test_conn_info (trace, 1)->server_iss + 1);
  g_assert_cmpuint (synack_options_header_length (o), ==, 44);
  /* Only once: the next ACK carries no SACK block. */
  g_assert_false (nth_send (trace, SYNACK_CLIENT, SYNACK_FLAG_ACK, 1)->hdr.options.present & SYNACK_OPTION_SACK);
}

static void
test_dsack_for_duplicate_data (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "when client established: client send 100\n"
                                                   "duplicate client data #1 after 200ms\n");
  g_autoptr (SynackTrace) no_sack = synack_test_run ("sack = off\n" BASE "when client established: client send 100\n"
                                                     "duplicate client data #1 after 200ms\n");
  const SynackEvent *dup_ack = NULL;

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == SYNACK_SERVER &&
        (trace->events[i].hdr.options.present & SYNACK_OPTION_SACK))
      dup_ack = &trace->events[i];
  g_assert_nonnull (dup_ack);
  /* RFC 2883: the block lies below the cumulative ACK, so it reports a duplicate. */
  g_assert_cmpuint (dup_ack->hdr.ack, ==, 1101);
  g_assert_cmpuint (dup_ack->hdr.options.sack[0].start, ==, 1001);
  g_assert_cmpuint (dup_ack->hdr.options.sack[0].end, ==, 1101);
  for (size_t i = 0; i < no_sack->n_events; i++)
    g_assert_false (no_sack->events[i].type == SYNACK_EVENT_SEND &&
                    (no_sack->events[i].hdr.options.present & (SYNACK_OPTION_SACK | SYNACK_OPTION_SACK_PERM)));
}

/* Data beyond a hole is held and SACKed; the retransmission that fills the
 * hole is acknowledged together with everything held. */
static void
test_sack_out_of_order (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run (BASE "when client established: client send 4000\n"
                                                   "lose client data #1\n");
  guint held = 0;
  uint64_t received = 0;
  gboolean all_acked = FALSE;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_DELIVER && e->host == SYNACK_SERVER && e->verdict == SYNACK_VERDICT_OUT_OF_ORDER)
        held++;
      if (e->type == SYNACK_EVENT_APP && e->host == SYNACK_SERVER && e->call == SYNACK_CALL_RECV &&
          e->result == SYNACK_RESULT_OK)
        received += e->bytes;
      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_SERVER && e->hdr.ack == 5001 && !all_acked)
        {
          all_acked = TRUE;
          g_assert_false (e->hdr.options.present & SYNACK_OPTION_SACK);
        }
    }
  g_assert_cmpuint (held, ==, 2);
  g_assert_true (all_acked);
  g_assert_cmpuint (received, ==, 4000);
  {
    /* The ACK of the second held segment names both as one block. */
    const SynackEvent *second = nth_send (trace, SYNACK_SERVER, SYNACK_FLAG_ACK, 1);

    g_assert_cmpuint (second->hdr.ack, ==, 1001);
    g_assert_cmpuint (second->hdr.options.n_sack, ==, 1);
    g_assert_cmpuint (second->hdr.options.sack[0].start, ==, 1001 + 1460);
    g_assert_cmpuint (second->hdr.options.sack[0].end, ==, 5001);
  }
}

/* ---- PAWS --------------------------------------------------------------- */

typedef struct {
  SynackScenario *scenario;
  SynackTrace     trace;
  SynackEngine   *engine;
} Run;

static void
run_start (Run *run, const char *text, SynackTime until)
{
  g_autoptr (GError) error = NULL;
  SynackEngineError result;

  run->scenario = synack_scenario_parse (text, "test", &error);
  g_assert_no_error (error);
  synack_trace_init (&run->trace);
  run->engine = synack_engine_new (synack_scenario_get_script (run->scenario), &run->trace, &result);
  g_assert_nonnull (run->engine);
  g_assert_cmpint (synack_engine_advance (run->engine, until), ==, SYNACK_ENGINE_OK);
}

static void
run_finish (Run *run)
{
  synack_engine_free (run->engine, NULL);
  synack_scenario_free (run->scenario);
  synack_trace_clear (&run->trace);
}

/* The TSval of the server's latest segment: the client's TS.Recent. */
static uint32_t
server_clock (const Run *run)
{
  const SynackEvent *last = NULL;

  for (size_t i = 0; i < run->trace.n_events; i++)
    if (run->trace.events[i].type == SYNACK_EVENT_SEND && run->trace.events[i].host == SYNACK_SERVER)
      last = &run->trace.events[i];
  return last->hdr.options.tsval;
}

/* The server slips a segment carrying `tsval` to the client; returns the
 * client's verdict on it. */
static SynackVerdict
inject_stamped (Run *run, unsigned flags, uint32_t seq, uint32_t len, uint32_t tsval, SynackTime at)
{
  SynackHeader hdr = { .src_port = 80, .dst_port = 40000, .seq = seq, .ack = 1101, .len = len,
                       .win = 65535, .flags = (uint8_t) flags };

  hdr.options.present = SYNACK_OPTION_TIMESTAMPS;
  hdr.options.tsval = tsval;
  synack_network_inject (run->engine, SYNACK_SERVER, &hdr, 1);
  g_assert_cmpint (synack_engine_advance (run->engine, at), ==, SYNACK_ENGINE_OK);
  for (size_t i = run->trace.n_events; i > 0; i--)
    if (run->trace.events[i - 1].type == SYNACK_EVENT_DELIVER && run->trace.events[i - 1].host == SYNACK_CLIENT)
      return run->trace.events[i - 1].verdict;
  g_assert_not_reached ();
}

static void
test_paws_in_established (void)
{
  Run run;
  SynackTestingSocket client;
  uint32_t recent;

  run_start (&run, BASE "when client established: client send 100\n", SYNACK_SEC (1));
  recent = server_clock (&run);
  /* In the window, in sequence, but 10 ms older than TS.Recent: dropped,
   * and answered with an ACK. A TSval one tick behind is let through
   * (TCP_PAWS_WINDOW), and a newer one is taken. */
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_ACK, 5001, 10, recent - 10, SYNACK_MS (1100)), ==, SYNACK_VERDICT_PAWS);
  g_assert_true (synack_testing_socket (run.engine, SYNACK_CLIENT, 1, &client));
  g_assert_cmpuint (client.rcv_nxt, ==, 5001);
  {
    const SynackEvent *answer = nth_send (&run.trace, SYNACK_CLIENT, SYNACK_FLAG_ACK, 2);

    g_assert_cmpint (answer->t, ==, SYNACK_MS (1050));
    g_assert_cmpuint (answer->hdr.ack, ==, 5001);
  }
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_ACK, 5001, 10, recent - 1, SYNACK_MS (1200)), ==, SYNACK_VERDICT_ACCEPTED);
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_ACK, 5011, 10, recent + 50, SYNACK_MS (1300)), ==, SYNACK_VERDICT_ACCEPTED);
  g_assert_true (synack_testing_socket (run.engine, SYNACK_CLIENT, 1, &client));
  g_assert_cmpuint (client.rcv_nxt, ==, 5021);
  run_finish (&run);

  /* Without timestamps the same old segment is taken. */
  run_start (&run, "timestamps = off\n" BASE "when client established: client send 100\n", SYNACK_SEC (1));
  recent = 1000;
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_ACK, 5001, 10, recent - 10, SYNACK_MS (1100)), ==, SYNACK_VERDICT_ACCEPTED);
  run_finish (&run);
}

static void
test_paws_in_time_wait (void)
{
  /* rfc1337: the RSTs the closed server sends back to the client's ACKs
   * must not end TIME_WAIT under the test's feet. */
  const char *text = "rfc1337 = on\n" BASE "when client established: client send 100\nat 1s client close\n"
                     "when server eof: server close\n";
  Run run;
  SynackTestingSocket client;
  uint32_t recent;

  /* The server's FIN again, but with an old TSval: PAWS, not a
   * retransmission (tcp_timewait_state_process()). */
  run_start (&run, text, SYNACK_SEC (2));
  recent = server_clock (&run);
  g_assert_true (synack_testing_socket (run.engine, SYNACK_CLIENT, 1, &client));
  g_assert_cmpint (client.state, ==, SYNACK_STATE_TIME_WAIT);
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 5001, 0, recent - 10, SYNACK_MS (2100)), ==,
                   SYNACK_VERDICT_PAWS);
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_FIN | SYNACK_FLAG_ACK, 5001, 0, recent + 10, SYNACK_MS (2200)), ==,
                   SYNACK_VERDICT_UNACCEPTABLE);
  /* A SYN beyond the old sequence space with an old TSval is refused... */
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_SYN, 90000, 0, recent - 10, SYNACK_MS (2300)), ==, SYNACK_VERDICT_PAWS);
  g_assert_true (synack_testing_socket (run.engine, SYNACK_CLIENT, 1, &client));
  g_assert_cmpint (client.state, ==, SYNACK_STATE_TIME_WAIT);
  /* ... one below it with a newer TSval reopens the 4-tuple (RFC 6191). */
  g_assert_cmpint (inject_stamped (&run, SYNACK_FLAG_SYN, 10, 0, recent + 1000, SYNACK_MS (2400)), ==, SYNACK_VERDICT_NO_SOCKET);
  g_assert_false (synack_testing_socket (run.engine, SYNACK_CLIENT, 1, &client));
  run_finish (&run);
}

/* tcp_twsk_unique(): without timestamps, no PAWS, so no reuse. */
static void
test_tw_reuse_needs_timestamps (void)
{
#define REBIND(ts) ts "delay = 50ms\nat 0 server listen 80 isn=5000\n" \
  "at 0 client connect 80 from 40000 conn=1 reuseaddr\nat 1s client close conn=1\n" \
  "when server eof +100ms: server close\nat 5s client connect 80 from 40000 conn=2 reuseaddr\n"
  g_autoptr (SynackTrace) with = synack_test_run (REBIND (""));
  g_autoptr (SynackTrace) without = synack_test_run (REBIND ("timestamps = off\n"));

  g_assert_cmpint (synack_test_find_app (with, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), <, 0);
  g_assert_cmpint (synack_test_find_app (without, SYNACK_CLIENT, SYNACK_CALL_CONNECT, SYNACK_RESULT_EADDRNOTAVAIL), >=, 0);
#undef REBIND
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/options/handshake-as-linux", test_handshake_options_as_linux);
  g_test_add_func ("/engine/options/capture-bytes-round-trip", test_options_round_trip_capture_bytes);
  g_test_add_func ("/engine/options/turned-off", test_options_turned_off);
  g_test_add_func ("/engine/options/need-both-sides", test_options_need_both_sides);
  g_test_add_func ("/engine/options/timestamp-offset", test_timestamp_offset_from_seed);
  g_test_add_func ("/engine/options/dsack/simultaneous-open", test_simultaneous_open_dsack);
  g_test_add_func ("/engine/options/dsack/duplicate-data", test_dsack_for_duplicate_data);
  g_test_add_func ("/engine/options/sack/out-of-order", test_sack_out_of_order);
  g_test_add_func ("/engine/paws/established", test_paws_in_established);
  g_test_add_func ("/engine/paws/time-wait", test_paws_in_time_wait);
  g_test_add_func ("/engine/paws/tw-reuse-needs-timestamps", test_tw_reuse_needs_timestamps);
  return g_test_run ();
}
