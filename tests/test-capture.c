/* test-capture.c: pcapng export read back by tshark, the Linux captures
 * imported with inferred states, export -> import of every lesson, and bad
 * capture files refused. */
#include "synack-config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "synack-capture.h"
#include "synack-describe.h"
#include "synack-frame.h"
#include "synack-test-references.h"
#include "synack-test-util.h"

static char *tmpdir;

/* Runs argv; returns its stdout, and its exit status in *status. */
static char *
run_program (const char *const *argv, int *status, char **err)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err, &wait_status, &error);
  g_assert_no_error (error);
  *status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : WEXITSTATUS (wait_status);
  return out;
}

/* tshark's view of every packet: stream, raw and relative numbers, flags,
 * length, its retransmission analysis and checksum verdicts. */
static char **
tshark_fields (const char *path)
{
  const char *argv[] = {
    "tshark", "-r", path, "-n", "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
    "-o", "tcp.relative_sequence_numbers:TRUE", "-o", "tcp.analyze_sequence_numbers:TRUE",
    "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f",
    "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "tcp.flags", "-e", "tcp.seq_raw", "-e", "tcp.ack_raw",
    "-e", "tcp.seq", "-e", "tcp.ack", "-e", "tcp.len", "-e", "tcp.analysis.retransmission",
    "-e", "tcp.checksum.status", "-e", "ip.checksum.status",
    "-e", "tcp.hdr_len", "-e", "tcp.options.mss_val", "-e", "tcp.options.wscale.shift",
    "-e", "tcp.options.timestamp.tsval", "-e", "tcp.options.sack_le", "-e", "frame.interface_id", NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run_program (argv, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_strchomp (out);
  return out[0] ? g_strsplit (out, "\n", -1) : g_new0 (char *, 1);
}

static guint
tcp_flag_bits (unsigned flags)
{
  return (flags & SYNACK_FLAG_FIN ? 0x01 : 0) | (flags & SYNACK_FLAG_SYN ? 0x02 : 0) |
         (flags & SYNACK_FLAG_RST ? 0x04 : 0) | (flags & SYNACK_FLAG_PSH ? 0x08 : 0) |
         (flags & SYNACK_FLAG_ACK ? 0x10 : 0);
}

typedef struct {
  guint32  base;   /* the direction's ISN in its stream */
} DirectionBase;

/* Does connection conn use the 4-tuple and ISN of an earlier one? */
static gboolean
reuses_old_connection (const SynackTrace *trace, guint32 conn)
{
  const SynackConnInfo *info = NULL;

  for (size_t i = 0; i < trace->n_conns; i++)
    if (trace->conns[i].conn == conn)
      info = &trace->conns[i];
  for (size_t i = 0; info && i < trace->n_conns; i++)
    if (trace->conns[i].conn < conn && trace->conns[i].client_port == info->client_port &&
        trace->conns[i].server_port == info->server_port && trace->conns[i].client_iss == info->client_iss)
      return TRUE;
  return FALSE;
}

/* A SYN-ACK with the sequence number of its sender's own SYN: the answer
 * of a simultaneous open, a new segment to TCP, a retransmission of the
 * SYN's sequence number to Wireshark. */
static gboolean
repeats_own_syn (const SynackTrace *trace, size_t index)
{
  const SynackEvent *e = &trace->events[index];

  if (e->hdr.flags != (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK) || e->rexmit > 0)
    return FALSE;
  for (size_t i = 0; i < index; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == e->host &&
        trace->events[i].hdr.flags == SYNACK_FLAG_SYN && trace->events[i].hdr.seq == e->hdr.seq)
      return TRUE;
  return FALSE;
}

static void
check_lesson_in_tshark (const char *name)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset (name);
  g_autofree char *path = g_strdup_printf ("%s/%s.pcapng", tmpdir, name);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint row = 0, n_reused = 0;

  g_assert_true (synack_pcapng_write_file (trace, name, path, &error));
  g_assert_no_error (error);
  lines = tshark_fields (path);

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      g_auto (GStrv) f = NULL;
      g_autofree char *key = NULL, *peer_key = NULL;
      DirectionBase *base, *peer;

      if (e->type != SYNACK_EVENT_SEND)
        continue;
      g_assert_nonnull (lines[row]);
      f = g_strsplit (lines[row++], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 17);
      if (g_test_verbose ())
        g_test_message ("%s #%u: %s", name, e->seg, lines[row - 1]);

      g_assert_cmpuint (g_ascii_strtoull (f[1], NULL, 10), ==, e->hdr.src_port);
      g_assert_cmpuint (g_ascii_strtoull (f[2], NULL, 16), ==, tcp_flag_bits (e->hdr.flags));
      g_assert_cmpuint (g_ascii_strtoull (f[3], NULL, 10), ==, e->hdr.seq);
      g_assert_cmpuint (g_ascii_strtoull (f[7], NULL, 10), ==, e->hdr.len);
      g_assert_cmpuint (g_ascii_strtoull (f[16], NULL, 10), ==, e->host);

      /* Relative numbers, as a student reads them: from each direction's
       * ISN in its stream; a direction that sent no SYN counts as if its
       * first segment followed one (Wireshark's rule: it reads 1). */
      key = g_strdup_printf ("%s/%u", f[0], e->hdr.src_port);
      peer_key = g_strdup_printf ("%s/%u", f[0], e->hdr.dst_port);
      base = g_hash_table_lookup (bases, key);
      if (base == NULL)
        {
          base = g_new0 (DirectionBase, 1);
          base->base = e->hdr.flags & SYNACK_FLAG_SYN ? e->hdr.seq : e->hdr.seq - 1;
          g_hash_table_insert (bases, g_steal_pointer (&key), base);
        }
      g_assert_cmpuint (g_ascii_strtoull (f[5], NULL, 10), ==, e->hdr.seq - base->base);
      peer = g_hash_table_lookup (bases, peer_key);
      if ((e->hdr.flags & SYNACK_FLAG_ACK) && peer)
        {
          g_assert_cmpuint (g_ascii_strtoull (f[4], NULL, 10), ==, e->hdr.ack);
          g_assert_cmpuint (g_ascii_strtoull (f[6], NULL, 10), ==, e->hdr.ack - peer->base);
        }

      /* Wireshark's own analysis agrees on every retransmission, but in a
       * new connection that repeats an old one's 4-tuple and ISN (the
       * old-duplicate lessons): Wireshark sees one stream going back. */
      if (reuses_old_connection (trace, e->conn))
        n_reused++;
      else if (repeats_own_syn (trace, i))
        g_assert_cmpstr (f[8], ==, "1");
      else
        g_assert_cmpstr (f[8], ==, e->rexmit > 0 ? "1" : "");
      /* Wireshark reads the options as written: the header's length,
       * MSS and window scale, the TSval, the first SACK block's edge. */
      g_assert_cmpuint (g_ascii_strtoull (f[11], NULL, 10), ==, synack_options_header_length (&e->hdr.options));
      if (e->hdr.options.present & SYNACK_OPTION_MSS)
        g_assert_cmpuint (g_ascii_strtoull (f[12], NULL, 10), ==, e->hdr.options.mss);
      else
        g_assert_cmpstr (f[12], ==, "");
      if (e->hdr.options.present & SYNACK_OPTION_WSCALE)
        g_assert_cmpuint (g_ascii_strtoull (f[13], NULL, 10), ==, e->hdr.options.wscale);
      if (e->hdr.options.present & SYNACK_OPTION_TIMESTAMPS)
        g_assert_cmpuint (g_ascii_strtoull (f[14], NULL, 10), ==, e->hdr.options.tsval);
      else
        g_assert_cmpstr (f[14], ==, "");
      g_assert_cmpint (f[15][0] != '\0', ==, synack_options_sack_blocks_sent (&e->hdr.options) > 0);
      g_assert_cmpstr (f[9], ==, "1");   /* checksum status: 1 good, 0 bad, 2 unverified */
      g_assert_cmpstr (f[10], ==, "1");
    }
  g_assert_null (lines[row]);
  /* Only these lessons reuse a connection's 4-tuple and ISN. */
  g_assert_true ((n_reused > 0) == (g_str_equal (name, "old-duplicate") ||
                                    g_str_equal (name, "old-duplicate-no-time-wait") ||
                                    g_str_equal (name, "paws")));
  g_unlink (path);
}

static void
test_export_every_lesson_tshark (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  if (!synack_test_have_program ("tshark"))
    {
      g_test_skip ("tshark is not installed");
      return;
    }
  for (guint i = 0; names[i]; i++)
    check_lesson_in_tshark (names[i]);
}

/* The segments as the importer sees them: who sent what. */
static char *
describe_sends (const SynackTrace *trace)
{
  GString *out = g_string_new (NULL);

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      char flags[32];

      if (e->type == SYNACK_EVENT_SEND)
        g_string_append_printf (out, "%s %s seq=%u ack=%u len=%u win=%u%s\n", synack_host_to_string (e->host),
                                synack_flags_to_string (e->hdr.flags, flags, sizeof flags),
                                e->hdr.seq, e->hdr.ack, e->hdr.len, e->hdr.win, e->rexmit ? " rexmit" : "");
    }
  return g_string_free (out, FALSE);
}

/* Each side's inferred states are the simulated ones, up to where the
 * capture ends: what comes after its last segment (TIME_WAIT's expiry, a
 * connect() that gives up) a capture cannot show. Where they part, the
 * import must have said it could not prove them (a RST lost after the
 * capture point looks delivered). */
static void
assert_states_follow (const char *name, const SynackTrace *simulated, const SynackTrace *imported, guint32 conn)
{
  for (int host = 0; host < SYNACK_N_HOSTS; host++)
    {
      g_autofree char *expected = synack_test_states (simulated, host, conn);
      g_autofree char *inferred = synack_test_states (imported, host, conn);
      g_auto (GStrv) e = g_strsplit (expected, " ", -1);
      guint n_expected = g_strv_length (e), step = 0;

      g_test_message ("%s conn %u %s: inferred '%s', simulated '%s'", name, conn, synack_host_to_string (host),
                      inferred, expected);
      for (size_t i = 0; i < imported->n_events; i++)
        {
          const SynackEvent *ev = &imported->events[i];

          if (ev->type != SYNACK_EVENT_STATE || (int) ev->host != host || ev->conn != conn)
            continue;
          if (step == 0)
            g_assert_cmpstr (synack_state_to_string (ev->from), ==, e[0]);
          step++;
          if (step >= n_expected || !g_str_equal (synack_state_to_string (ev->to), e[step]))
            {
              g_assert_true (ev->unproven);
              break;
            }
        }
    }
}

static void
test_export_import_every_lesson (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr (SynackTrace) trace = synack_test_run_preset (names[i]);
      g_autoptr (GBytes) bytes = synack_pcapng_from_trace (trace, names[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackCapture) capture = NULL;
      g_autofree char *expected = describe_sends (trace);
      g_autofree char *actual = NULL;
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);

      if (synack_test_trace_has_forged (trace))
        {
          g_test_message ("%s: an attacker's forged hosts are beyond a two-host import", names[i]);
          continue;
        }
      capture = synack_capture_import_data (data, size, names[i], 0, &error);
      g_assert_no_error (error);
      actual = describe_sends (capture->trace);
      if (g_strcmp0 (expected, actual) != 0)
        g_test_message ("%s:\nsimulated:\n%s\nimported:\n%s", names[i], expected, actual);
      g_assert_cmpstr (actual, ==, expected);
      for (guint32 conn = 1; conn <= trace->n_conns; conn++)
        assert_states_follow (names[i], trace, capture->trace, conn);
      g_assert_cmpstr (capture->address[SYNACK_CLIENT], ==, "10.0.0.1");
      g_assert_cmpstr (capture->address[SYNACK_SERVER], ==, "10.0.0.2");
    }
}

/* Each side's states in a real capture are those the simulation of the
 * same actions goes through. */
static void
test_reference_states (gconstpointer data)
{
  const SynackTestReference *ref = data;
  g_autofree char *pcap = synack_test_reference_path (ref->name, "pcap");
  g_autoptr (SynackTrace) simulated = synack_test_run (ref->scenario);
  g_autoptr (SynackCapture) capture = NULL;
  g_autoptr (GError) error = NULL;

  capture = synack_capture_import_file (pcap, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (capture->n_connections, ==, 1);
  assert_states_follow (ref->name, simulated, capture->trace, 1);
  /* Missing at most the one change that follows the end. */
  for (int host = 0; host < SYNACK_N_HOSTS; host++)
    {
      g_autofree char *expected = synack_test_states (simulated, host, 1);
      g_autofree char *inferred = synack_test_states (capture->trace, host, 1);
      g_auto (GStrv) e = g_strsplit (expected, " ", -1);
      g_auto (GStrv) a = g_strsplit (inferred, " ", -1);

      g_assert_cmpuint (g_strv_length (a) + 1, >=, g_strv_length (e));
    }
}

/* Counted from the recordings of the real Linux stack, each lesson's
 * sockets peak in TIME_WAIT where and as high as in its simulation: the
 * ten of time-wait-pileup, one on each side of a simultaneous close. */
static void
test_recorded_time_wait_census (void)
{
  g_auto (GStrv) names = synack_preset_list ();
  const char *dir = g_getenv ("SYNACK_REFERENCE_DIR");
  guint n_recorded = 0;

  g_assert_nonnull (dir);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *pcap = g_strdup_printf ("%s/recorded/%s.pcap", dir, names[i]);
      g_autoptr (SynackTrace) simulated = NULL;
      g_autoptr (SynackCapture) capture = NULL;
      g_autoptr (GError) error = NULL;
      SynackCensus real, sim;

      /* Only the lessons real sockets can play have a recording. */
      if (!g_file_test (pcap, G_FILE_TEST_IS_REGULAR))
        continue;
      n_recorded++;
      simulated = synack_test_run_preset (names[i]);
      capture = synack_capture_import_file (pcap, 0, &error);
      g_assert_no_error (error);
      synack_census_of_trace (&real, capture->trace, 0, NULL, NULL);
      synack_census_of_trace (&sim, simulated, 0, NULL, NULL);
      g_assert_cmpuint (synack_census_inconsistencies (&real), ==, 0);
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        if (synack_census_peak (&real, h, SYNACK_STATE_TIME_WAIT).count !=
            synack_census_peak (&sim, h, SYNACK_STATE_TIME_WAIT).count)
          g_error ("%s: the %s holds %u TIME_WAIT at most in the recording, %u in the simulation", names[i],
                   synack_host_to_string (h), synack_census_peak (&real, h, SYNACK_STATE_TIME_WAIT).count,
                   synack_census_peak (&sim, h, SYNACK_STATE_TIME_WAIT).count);
      if (g_str_equal (names[i], "time-wait-pileup"))
        g_assert_cmpuint (synack_census_peak (&real, SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT).count, ==, 10);
    }
  /* tests/reference/linux/recorded/ holds 18 today. */
  g_assert_cmpuint (n_recorded, >=, 18);
}

/* The segments the capture lost after its capture point are those the
 * scenario loses. */
static void
test_reference_losses (void)
{
  static const struct { const char *name; guint lost; } expected[] = {
    { "normal", 0 }, { "lost-last-ack", 1 }, { "refused", 0 }, { "simultaneous-close", 2 },
    { "half-close", 0 }, { "syn-timeout-default", 11 }, { "time-wait-60s", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *pcap = synack_test_reference_path (expected[i].name, "pcap");
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackCapture) capture = synack_capture_import_file (pcap, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (capture->n_lost, ==, expected[i].lost);
    }
}

/* An imported capture names its own hosts, in the diagram's headings and
 * the text, not the simulator's 10.0.0.1 and 10.0.0.2; a copy keeps them. */
static void
test_reference_addresses (void)
{
  g_autofree char *pcap = synack_test_reference_path ("normal", "pcap");
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackCapture) capture = synack_capture_import_file (pcap, 0, &error);
  g_autoptr (SynackCapture) copy = NULL;
  g_autofree char *heading = NULL;

  g_assert_no_error (error);
  for (int h = 0; h < 2; h++)
    {
      g_assert_cmpstr (synack_describe_host_address (capture->trace, h), ==, capture->address[h]);
      g_assert_cmpstr (synack_describe_host_address (capture->trace, h), !=,
                       synack_describe_host_address (NULL, h));
    }
  heading = synack_describe_host_heading (capture->trace, SYNACK_SERVER, ":80");
  g_assert_nonnull (strstr (heading, capture->address[SYNACK_SERVER]));
  copy = synack_capture_copy (capture);
  g_assert_cmpstr (synack_describe_host_address (copy->trace, SYNACK_CLIENT), ==, capture->address[SYNACK_CLIENT]);
}

/* Replaying a capture as a scenario gives the capture's segments again. */
static void
test_reference_replay (gconstpointer data)
{
  const SynackTestReference *ref = data;
  g_autofree char *pcap = synack_test_reference_path (ref->name, "pcap");
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackCapture) capture = synack_capture_import_file (pcap, 0, &error);
  g_autofree char *text = NULL;
  g_autoptr (SynackTrace) replayed = NULL;
  g_autoptr (GArray) expected = NULL;
  g_autoptr (GArray) actual = NULL;

  g_assert_no_error (error);
  text = synack_capture_to_scenario_text (capture);
  g_test_message ("%s", text);
  replayed = synack_test_run (text);
  expected = synack_test_segments_from_pcap (pcap, ref->port);
  actual = synack_test_segments_from_trace (replayed);
  synack_test_assert_same_segments (ref->name, expected, actual);
}

/* A capture of stacks that did not agree on an option replays with it
 * off, so the replay's segments carry the capture's options. */
static void
test_replay_keeps_options (void)
{
  g_autoptr (SynackTrace) run = synack_test_run ("timestamps = off\nwindow-scaling = off\n"
                                                 "at 0 server listen 80\nat 0 client connect 80\n");
  g_autoptr (GBytes) bytes = synack_pcapng_from_trace (run, "no timestamps");
  g_autoptr (GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr (SynackCapture) capture = synack_capture_import_data (data, size, "t.pcapng", 0, &error);
  g_autofree char *text = NULL;
  g_autoptr (SynackTrace) replayed = NULL;
  g_auto (SynackCaptureDifference) diff = { 0 };

  g_assert_no_error (error);
  text = synack_capture_to_scenario_text (capture);
  g_assert_nonnull (strstr (text, "\ntimestamps = off\n"));
  g_assert_nonnull (strstr (text, "\nwindow-scaling = off\n"));
  g_assert_null (strstr (text, "sack = off"));
  replayed = synack_test_run (text);
  g_assert_false (synack_capture_compare (capture->trace, replayed, &diff));
}

/* --- Bad input: the CLI names the file and the problem, exits 2, prints nothing. --- */

static void
write_pcap (const char *path, guint n_conns, gboolean tcp)
{
  GByteArray *out = g_byte_array_new ();
  guint32 header[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1 };

  g_byte_array_append (out, (const guint8 *) header, sizeof header);
  for (guint i = 0; i < MAX (n_conns, 1); i++)
    {
      SynackHeader hdr = { .src_port = (guint16) (40000 + i), .dst_port = 80, .seq = 1000, .flags = SYNACK_FLAG_SYN };
      g_autoptr (GByteArray) frame = g_byte_array_new ();
      guint32 record[4] = { i, 0, 0, 0 };

      synack_frame_append (frame, SYNACK_CLIENT, &hdr, (guint16) i, 0);
      if (!tcp)
        frame->data[14 + 9] = 17;  /* UDP */
      record[2] = record[3] = frame->len;
      g_byte_array_append (out, (const guint8 *) record, sizeof record);
      g_byte_array_append (out, frame->data, frame->len);
    }
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
  g_byte_array_unref (out);
}

static void
assert_import_refused (const char *path, const char *problem)
{
  const char *cli = g_getenv ("SYNACK_CLI");
  const char *argv[] = { cli, "import", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run_program (argv, &status, &err);
  g_test_message ("%s: %s", path, err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, problem));
}

static void
test_bad_captures (void)
{
  g_autofree char *truncated = g_build_filename (tmpdir, "truncated.pcap", NULL);
  g_autofree char *no_tcp = g_build_filename (tmpdir, "udp.pcap", NULL);
  g_autofree char *crowded = g_build_filename (tmpdir, "crowded.pcap", NULL);
  g_autofree char *text = g_build_filename (tmpdir, "notes.pcap", NULL);
  g_autofree char *reference = synack_test_reference_path ("normal", "pcap");
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (reference, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, (gssize) (size - 30), NULL));
  write_pcap (no_tcp, 3, FALSE);
  write_pcap (crowded, 300, TRUE);
  g_assert_true (g_file_set_contents (text, "title = not a capture\n", -1, NULL));

  assert_import_refused (truncated, "cut short");
  assert_import_refused (no_tcp, "no TCP segment among its 3 packets");
  assert_import_refused (crowded, "300 TCP connections");
  assert_import_refused (text, "not a pcap or pcapng capture");
}

/* --conn picks one of many; a number beyond them is refused. */
static void
test_choose_connection (void)
{
  g_autofree char *crowded = g_build_filename (tmpdir, "crowded2.pcap", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackCapture) capture = NULL;
  SynackCapture *none;

  write_pcap (crowded, 300, TRUE);
  capture = synack_capture_import_file (crowded, 250, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (capture->n_connections, ==, 300);
  g_assert_cmpuint (capture->trace->n_conns, ==, 1);
  g_assert_cmpuint (capture->trace->conns[0].client_port, ==, 40249);
  none = synack_capture_import_file (crowded, 301, &error);
  g_assert_null (none);
  g_assert_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_NO_SUCH_CONN);
}

/* A failed export leaves nothing behind. */
static void
test_export_failure_writes_nothing (void)
{
  const char *cli = g_getenv ("SYNACK_CLI");
  g_autofree char *path = g_build_filename (tmpdir, "missing-folder", "run.pcapng", NULL);
  const char *argv[] = { cli, "export", "--preset", "handshake", "-o", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run_program (argv, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("synack-capture-XXXXXX", NULL);
  g_test_add_func ("/capture/export/tshark-every-lesson", test_export_every_lesson_tshark);
  g_test_add_func ("/capture/export/import-every-lesson", test_export_import_every_lesson);
  g_test_add_func ("/capture/export/failure-writes-nothing", test_export_failure_writes_nothing);
  for (guint i = 0; i < synack_test_n_references; i++)
    {
      g_autofree char *states = g_strdup_printf ("/capture/import/%s/states", synack_test_references[i].name);
      g_autofree char *replay = g_strdup_printf ("/capture/import/%s/replay", synack_test_references[i].name);

      g_test_add_data_func (states, &synack_test_references[i], test_reference_states);
      g_test_add_data_func (replay, &synack_test_references[i], test_reference_replay);
    }
  g_test_add_func ("/capture/import/losses", test_reference_losses);
  g_test_add_func ("/capture/import/recorded-time-wait-census", test_recorded_time_wait_census);
  g_test_add_func ("/capture/import/replay-keeps-options", test_replay_keeps_options);
  g_test_add_func ("/capture/import/addresses", test_reference_addresses);
  g_test_add_func ("/capture/import/bad-files", test_bad_captures);
  g_test_add_func ("/capture/import/choose-connection", test_choose_connection);
  status = g_test_run ();
  g_rmdir (tmpdir);  /* fails, harmlessly, if a test left a file to look at */
  g_free (tmpdir);
  return status;
}
