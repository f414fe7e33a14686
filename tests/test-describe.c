/* test-describe.c: the describe module's times, flags and sentences, and every lesson's narration pinned by a golden file.
 *
 * The narration goldens are tests/golden/narration/NAME.txt, one line per
 * event of the lesson: its time and the sentence the side panel shows for
 * it. After a deliberate change of wording or behaviour, rewrite them with
 *
 *     SYNACK_UPDATE_GOLDENS=1 meson test -C build test-describe
 *
 * (`meson compile -C build update-goldens` rewrites these and the lesson
 * output goldens together) and review the change with
 * `git diff tests/golden/narration` before committing. */
#include "synack-config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-i18n.h"
#include "synack-scenario.h"
#include "synack-test-golden.h"

typedef struct { SynackTime t; const char *text; } TimeCase;

static void
check_times (SynackTimeStyle style, const TimeCase *cases, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = synack_describe_time (cases[i].t, style);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

#define CHECK_TIMES(style, cases) check_times ((style), (cases), G_N_ELEMENTS (cases))

static void
test_time_brief (void)
{
  static const TimeCase cases[] = {
    { 250, "250 µs" }, { SYNACK_MS (40), "40 ms" }, { 1500, "1.5 ms" }, { SYNACK_SEC (1), "1 s" },
    { SYNACK_MS (1500), "1.5 s" }, { SYNACK_MS (59900), "59.9 s" }, { SYNACK_SEC (120), "2 min" },
    { SYNACK_SEC (150), "2.5 min" }, { -SYNACK_MS (40), "-40 ms" },
  };
  CHECK_TIMES (SYNACK_TIME_BRIEF, cases);
}

static void
test_time_exact (void)
{
  static const TimeCase cases[] = {
    { 0, "0 s" }, { 250, "250 µs" }, { SYNACK_MS (50), "50 ms" }, { 1500, "1.5 ms" },
    { SYNACK_MS (1050), "1.05 s" }, { SYNACK_SEC (60), "60 s" }, { SYNACK_MS (60110), "60.11 s" },
    { 1000001, "1.000001 s" }, { -SYNACK_MS (50), "−50 ms" },
  };
  CHECK_TIMES (SYNACK_TIME_EXACT, cases);
}

static void
test_time_label (void)
{
  static const TimeCase cases[] = {
    { 0, "0 s" }, { 250, "250 µs" }, { 1500, "1.5 ms" }, { SYNACK_MS (203), "203 ms" },
    { SYNACK_MS (1234), "1.234 s" }, { SYNACK_SEC (60), "60 s" }, { SYNACK_SEC (120), "2 min" },
    { SYNACK_SEC (150), "2 min 30 s" }, { -SYNACK_MS (50), "−50 ms" },
  };
  CHECK_TIMES (SYNACK_TIME_LABEL, cases);
}

static void
test_time_axis (void)
{
  static const TimeCase cases[] = {
    { 0, "0 s" }, { SYNACK_MS (500), "500 ms" }, { SYNACK_MS (1050), "1.05 s" }, { SYNACK_SEC (2), "2 s" },
    { 61050400, "61.05 s" }, { SYNACK_MS (125500), "2 min 5.5 s" }, { SYNACK_SEC (120), "2 min 0 s" },
  };
  CHECK_TIMES (SYNACK_TIME_AXIS, cases);
}

static void
test_time_clock (void)
{
  static const TimeCase cases[] = {
    { 0, "0 ms" }, { SYNACK_MS (85), "85 ms" }, { SYNACK_MS (5980), "5.98 s" }, { SYNACK_SEC (150), "150.0 s" },
  };
  CHECK_TIMES (SYNACK_TIME_CLOCK, cases);
}

static void
test_time_machine (void)
{
  static const TimeCase seconds[] = {
    { 0, "0.000000" }, { SYNACK_MS (50), "0.050000" }, { SYNACK_SEC (131) + 7, "131.000007" },
  };
  static const TimeCase scenario[] = {
    { 0, "0ms" }, { SYNACK_MS (1500), "1500ms" }, { 250, "250us" }, { -SYNACK_MS (5), "-5ms" },
    { SYNACK_SEC (30), "30s" }, { SYNACK_SEC (120), "2min" }, { SYNACK_SEC (7200), "2h" }, { -SYNACK_SEC (2), "-2s" },
  };
  CHECK_TIMES (SYNACK_TIME_SECONDS, seconds);
  CHECK_TIMES (SYNACK_TIME_SCENARIO, scenario);

  /* What the scenario style writes, a scenario file reads back exactly. */
  for (guint i = 0; i < G_N_ELEMENTS (scenario); i++)
    {
      SynackTime back = -1;
      g_autoptr (GError) error = NULL;

      if (scenario[i].t < 0)
        continue;
      g_assert_true (synack_parse_duration (scenario[i].text, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, scenario[i].t);
    }
}

static void
test_flags (void)
{
  static const struct {
    unsigned flags;
    const char *spoken, *tcpdump, *json;
  } cases[] = {
    { SYNACK_FLAG_SYN, "SYN", "S", "\"SYN\"" },
    { SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, "SYN, ACK", "S.", "\"SYN\", \"ACK\"" },
    { SYNACK_FLAG_FIN | SYNACK_FLAG_ACK | SYNACK_FLAG_PSH, "FIN, PSH, ACK", "FP.", "\"ACK\", \"FIN\", \"PSH\"" },
    { SYNACK_FLAG_RST | SYNACK_FLAG_ACK, "RST, ACK", "R.", "\"ACK\", \"RST\"" },
    { 0, "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *spoken = synack_describe_flags (cases[i].flags, SYNACK_FLAGS_SPOKEN);
      g_autofree char *tcpdump = synack_describe_flags (cases[i].flags, SYNACK_FLAGS_TCPDUMP);
      g_autofree char *json = synack_describe_flags (cases[i].flags, SYNACK_FLAGS_JSON);

      g_assert_cmpstr (spoken, ==, cases[i].spoken);
      g_assert_cmpstr (tcpdump, ==, cases[i].tcpdump);
      g_assert_cmpstr (json, ==, cases[i].json);
    }
}

static void
test_segment_texts (void)
{
  SynackEvent synack = { .type = SYNACK_EVENT_SEND, .host = SYNACK_SERVER, .seg = 2, .rexmit = 1,
                         .hdr = { .seq = 5000, .ack = 1001, .flags = SYNACK_FLAG_SYN | SYNACK_FLAG_ACK } };
  SynackEvent data = { .type = SYNACK_EVENT_SEND, .host = SYNACK_CLIENT, .seg = 4,
                       .hdr = { .seq = 1001, .ack = 5001, .len = 100, .flags = SYNACK_FLAG_ACK | SYNACK_FLAG_PSH } };
  g_autofree char *label = synack_describe_segment_label (&synack, TRUE);
  g_autofree char *data_label = synack_describe_segment_label (&data, FALSE);
  g_autofree char *kind = synack_describe_segment_kind (&synack.hdr);
  g_autofree char *data_kind = synack_describe_segment_kind (&data.hdr);
  g_autofree char *timer = synack_describe_timer_label (SYNACK_TIMER_TIME_WAIT, SYNACK_SEC (60));

  g_assert_cmpstr (label, ==, "SYN, ACK seq=5000 ack=1001\nretransmission 1\nduplicate");
  g_assert_cmpstr (data_label, ==, "PSH, ACK seq=1001 ack=5001 len=100");
  g_assert_cmpstr (kind, ==, "SYN-ACK");
  g_assert_cmpstr (data_kind, ==, "100 bytes of data");
  g_assert_cmpstr (timer, ==, "TIME_WAIT 2MSL 60 s");
  g_assert_cmpstr (synack_describe_host_address (NULL, SYNACK_SERVER), ==, "10.0.0.2");
}

static void
append (SynackTrace *trace, SynackEvent e)
{
  g_assert_true (synack_trace_append (trace, &e));
}

static void
test_handshake_sentences (void)
{
  SynackTrace trace;
  g_autofree char *syn = NULL;
  g_autofree char *est = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *rexmit = NULL;

  synack_trace_init (&trace);
  append (&trace, (SynackEvent) { .type = SYNACK_EVENT_SEND, .host = SYNACK_CLIENT, .conn = 1, .seg = 1,
                                  .hdr = { .src_port = 40000, .dst_port = 80, .seq = 1000, .flags = SYNACK_FLAG_SYN, .win = 65535 } });
  append (&trace, (SynackEvent) { .t = SYNACK_MS (50), .type = SYNACK_EVENT_LOST, .host = SYNACK_CLIENT, .seg = 1 });
  append (&trace, (SynackEvent) { .t = SYNACK_SEC (1), .type = SYNACK_EVENT_SEND, .host = SYNACK_CLIENT, .conn = 1, .seg = 2, .rexmit = 1,
                                  .hdr = { .src_port = 40000, .dst_port = 80, .seq = 1000, .flags = SYNACK_FLAG_SYN, .win = 65535 } });
  append (&trace, (SynackEvent) { .t = SYNACK_MS (1100), .type = SYNACK_EVENT_STATE, .host = SYNACK_CLIENT, .conn = 1,
                                  .from = SYNACK_STATE_SYN_SENT, .to = SYNACK_STATE_ESTABLISHED,
                                  .cause = SYNACK_CAUSE_SYN_ACK_RECEIVED });
  append (&trace, (SynackEvent) { .t = SYNACK_MS (1100), .type = SYNACK_EVENT_SEND, .host = SYNACK_SERVER, .conn = 1, .seg = 3,
                                  .hdr = { .src_port = 80, .dst_port = 40000, .seq = 5000, .ack = 1001,
                                           .flags = SYNACK_FLAG_SYN | SYNACK_FLAG_ACK, .win = 65535 } });

  syn = synack_describe_sentence (&trace, 0);
  g_assert_cmpstr (syn, ==, "The client sends a SYN with its initial sequence number 1000 to open the connection.");
  lost = synack_describe_sentence (&trace, 1);
  g_assert_cmpstr (lost, ==, "The network loses the client’s SYN: it never reaches the server, and only a timer can tell the client.");
  rexmit = synack_describe_sentence (&trace, 2);
  g_assert_cmpstr (rexmit, ==, "The client has heard nothing back in time, so it sends its SYN again (retransmission 1).");
  est = synack_describe_sentence (&trace, 3);
  g_assert_cmpstr (est, ==, "The client’s SYN was acknowledged, so it enters ESTABLISHED and sends the final ACK.");
  summary = synack_describe_summary (&trace, 3);
  g_assert_cmpstr (summary, ==, "SYN_SENT → ESTABLISHED");
  g_clear_pointer (&summary, g_free);
  /* The event list spells flags as the diagram does. */
  summary = synack_describe_summary (&trace, 4);
  g_assert_cmpstr (summary, ==, "#3 SYN, ACK sent  seq=5000 ack=1001 len=0");

  synack_trace_clear (&trace);
}

/* A call that returns is not a second call, and end of stream is no failure. */
static void
test_call_returns (void)
{
  SynackTrace trace;
  g_autofree char *call = NULL;
  g_autofree char *returns = NULL;
  g_autofree char *eof = NULL;

  synack_trace_init (&trace);
  append (&trace, (SynackEvent) { .type = SYNACK_EVENT_APP, .host = SYNACK_CLIENT, .conn = 1,
                                  .call = SYNACK_CALL_CONNECT, .result = SYNACK_RESULT_PENDING });
  append (&trace, (SynackEvent) { .t = SYNACK_MS (100), .type = SYNACK_EVENT_APP, .host = SYNACK_CLIENT, .conn = 1,
                                  .call = SYNACK_CALL_CONNECT, .result = SYNACK_RESULT_OK });
  append (&trace, (SynackEvent) { .t = SYNACK_MS (200), .type = SYNACK_EVENT_APP, .host = SYNACK_SERVER, .conn = 1,
                                  .call = SYNACK_CALL_RECV, .result = SYNACK_RESULT_EOF });

  call = synack_describe_sentence (&trace, 0);
  g_assert_cmpstr (call, ==, "The client’s application calls connect() to open a connection.");
  returns = synack_describe_sentence (&trace, 1);
  g_assert_cmpstr (returns, ==, "The client’s connect() returns: the connection is open.");
  eof = synack_describe_sentence (&trace, 2);
  g_assert_cmpstr (eof, ==, "The server’s application reads end of stream: the other side has closed.");

  synack_trace_clear (&trace);
}

/* ---- Narration goldens -------------------------------------------------- */

static char *
narration_of (const char *lesson)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (lesson, &error);
  g_autoptr (SynackTrace) trace = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      g_autofree char *at = synack_describe_time (trace->events[i].t, SYNACK_TIME_SECONDS);
      g_autofree char *sentence = synack_describe_sentence (trace, (long) i);

      g_assert_nonnull (sentence);
      g_string_append_printf (out, "%11s  %s\n", at, sentence);
    }
  return g_string_free (out, FALSE);
}

static void
test_narration (gconstpointer data)
{
  const char *lesson = data;
  g_autofree char *relative = g_strdup_printf ("narration/%s.txt", lesson);
  g_autofree char *narration = narration_of (lesson);

  synack_test_assert_golden (relative, narration);
}

static void
test_no_stale_goldens (void)
{
  g_auto (GStrv) lessons = synack_preset_list ();
  static const char *const suffixes[] = { ".txt", NULL };

  synack_test_assert_no_stale_goldens ("narration", (const char *const *) lessons, suffixes);
  synack_test_assert_no_stale_goldens ("watch", (const char *const *) lessons, suffixes);
}

/* ---- Watch goldens ------------------------------------------------------ */

/* The moments of a lesson's points to watch in its run, in the user's
 * language; n_points is how many there are. */
static long *
watch_moments (const SynackScenario *scenario, const SynackTrace *trace, guint *n_points)
{
  g_auto (GStrv) points = g_strsplit (synack_scenario_get_watch (scenario), "\n", -1);
  long *moments;

  *n_points = *points[0] ? g_strv_length (points) : 0;
  moments = g_new (long, MAX (*n_points, 1));
  for (guint i = 0; i < *n_points; i++)
    moments[i] = synack_scenario_watch_moment (scenario, trace, i);
  return moments;
}

/* Each point to watch of a lesson and the event it highlights, pinned in
 * tests/golden/watch/NAME.txt for a person to check. Every point has a
 * moment of its own (else it would never be the highlighted one), and the
 * Chinese points have the same moments as the English ones. */
static void
test_watch_golden (gconstpointer data)
{
  const char *lesson = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (lesson, &error);
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *relative = g_strdup_printf ("watch/%s.txt", lesson);
  g_auto (GStrv) points = NULL;
  g_autofree long *moments = NULL;
  g_autofree long *chinese = NULL;
  guint n, n_chinese;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  synack_i18n_set_language ("en");
  points = g_strsplit (synack_scenario_get_watch (scenario), "\n", -1);
  moments = watch_moments (scenario, trace, &n);
  synack_i18n_set_language ("zh_CN");
  chinese = watch_moments (scenario, trace, &n_chinese);
  synack_i18n_set_language (NULL);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n_chinese, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *at = NULL;
      g_autofree char *summary = NULL;

      if (moments[i] < 0)
        g_error ("%s: the point “%s” is about no moment of the run", lesson, points[i]);
      for (guint j = 0; j < i; j++)
        if (moments[j] == moments[i])
          g_error ("%s: the points “%s” and “%s” are about the same moment", lesson, points[j], points[i]);
      g_assert_cmpint (chinese[i], ==, moments[i]);
      at = synack_describe_time (trace->events[moments[i]].t, SYNACK_TIME_EXACT);
      summary = synack_describe_summary (trace, moments[i]);
      g_string_append_printf (out, "%s\n    event %ld at %s, %s: %s\n", points[i], moments[i], at,
                              synack_describe_host (trace->events[moments[i]].host, SYNACK_HOST_HEADING), summary);
    }
  synack_test_assert_golden (relative, out->str);
}

/* A translation may reorder a sentence's numbers; it must keep each in
 * its place (msgfmt --check cannot tell two %u apart). */
static void
test_chinese_keeps_numbers_in_place (void)
{
  SynackEvent stale = { 0 };
  g_autofree char *note = NULL;

  stale.type = SYNACK_EVENT_DELIVER;
  stale.verdict = SYNACK_VERDICT_STALE_DATA;
  stale.hdr.len = 200;
  stale.stale_conn = 1;
  synack_i18n_set_language ("zh_CN");
  note = synack_describe_verdict_note (&stale);
  synack_i18n_set_language (NULL);
  g_assert_cmpstr (note, ==, "⚠ 连接 1 的 200 B 被当成了数据！");
}

/* A segment's options in tcpdump's words, and each with what it does, in
 * English and Chinese; a first SACK block below the ACK is a D-SACK. */
static void
test_options_described (void)
{
  SynackHeader syn = { .flags = SYNACK_FLAG_SYN };
  SynackHeader ack = { .flags = SYNACK_FLAG_ACK, .ack = 5001 };
  g_autofree char *text = NULL;
  g_autofree char *dsack_text = NULL;
  g_autoptr (GPtrArray) english = NULL;
  g_autoptr (GPtrArray) chinese = NULL;
  g_autoptr (GPtrArray) dsack = NULL;

  syn.options.present = SYNACK_OPTION_MSS | SYNACK_OPTION_SACK_PERM | SYNACK_OPTION_TIMESTAMPS | SYNACK_OPTION_WSCALE;
  syn.options.mss = 1460;
  syn.options.tsval = 7;
  syn.options.wscale = 10;
  text = synack_describe_options (&syn.options);
  g_assert_cmpstr (text, ==, "mss 1460,sackOK,TS val 7 ecr 0,nop,wscale 10");
  english = synack_describe_options_explained (&syn);
  g_assert_cmpuint (english->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (english, 0), ==, "MSS 1460: the largest segment the sender can receive");
  g_assert_cmpstr (g_ptr_array_index (english, 3), ==,
                   "WS 10: the sender’s later windows are to be multiplied by 1024 (RFC 7323)");
  synack_i18n_set_language ("zh_CN");
  chinese = synack_describe_options_explained (&syn);
  synack_i18n_set_language (NULL);
  g_assert_cmpstr (g_ptr_array_index (chinese, 3), ==, "WS 10：发送方此后通告的窗口要乘以 1024（RFC 7323）");

  ack.options.present = SYNACK_OPTION_TIMESTAMPS | SYNACK_OPTION_SACK;
  ack.options.n_sack = 1;
  ack.options.sack[0] = (SynackSackBlock) { 5000, 5001 };
  dsack_text = synack_describe_options (&ack.options);
  g_assert_cmpstr (dsack_text, ==, "nop,nop,TS val 0 ecr 0,nop,nop,sack 1 {5000:5001}");
  dsack = synack_describe_options_explained (&ack);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (dsack, 1), "D-SACK {5000:5001}"));
}

/* A point to watch is about the first entry into the first state it
 * names, in English and in Chinese alike. */
static void
test_watch_moments (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset ("handshake", &error);
  g_autoptr (SynackTrace) trace = synack_scenario_run (scenario, NULL, &error);
  long time_wait = -1, close_wait = -1, moments[3];
  const char *points[] = { "Nothing named here.", "TIME_WAIT is held by the side that closed first.",
                           "CLOSE_WAIT, then TIME_WAIT.", NULL };

  g_assert_no_error (error);
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE)
      {
        if (trace->events[i].to == SYNACK_STATE_TIME_WAIT && time_wait < 0)
          time_wait = (long) i;
        if (trace->events[i].to == SYNACK_STATE_CLOSE_WAIT && close_wait < 0)
          close_wait = (long) i;
      }
  g_assert_cmpint (close_wait, >, 0);
  g_assert_cmpint (time_wait, >, close_wait);

  g_assert_cmpint (synack_describe_watch_moment (trace, points[0]), ==, -1);
  g_assert_cmpint (synack_describe_watch_moment (trace, points[1]), ==, time_wait);
  g_assert_cmpint (synack_describe_watch_moment (trace, "TIME_WAIT 由先关闭的一方保持。"), ==, time_wait);
  g_assert_cmpint (synack_describe_watch_moment (trace, points[2]), ==, close_wait);
  /* A name inside a longer word is not that state. */
  g_assert_cmpint (synack_describe_watch_moment (trace, "XTIME_WAIT"), ==, -1);
  g_assert_cmpint (synack_describe_watch_moment (trace, "never LAST_ACKS"), ==, -1);

  for (int i = 0; i < 3; i++)
    moments[i] = synack_describe_watch_moment (trace, points[i]);
  g_assert_cmpint (synack_describe_current_watch (moments, 3, -1), ==, 0);
  g_assert_cmpint (synack_describe_current_watch (moments, 3, close_wait), ==, 2);
  g_assert_cmpint (synack_describe_current_watch (moments, 3, time_wait), ==, 1);
  g_assert_cmpint (synack_describe_current_watch (moments, 0, 0), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_auto (GStrv) lessons = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/describe/time/brief", test_time_brief);
  g_test_add_func ("/describe/segment/options", test_options_described);
  g_test_add_func ("/describe/time/exact", test_time_exact);
  g_test_add_func ("/describe/time/label", test_time_label);
  g_test_add_func ("/describe/time/axis", test_time_axis);
  g_test_add_func ("/describe/time/clock", test_time_clock);
  g_test_add_func ("/describe/time/seconds-and-scenario", test_time_machine);
  g_test_add_func ("/describe/flags", test_flags);
  g_test_add_func ("/describe/chinese-numbers", test_chinese_keeps_numbers_in_place);
  g_test_add_func ("/describe/segment-texts", test_segment_texts);
  g_test_add_func ("/describe/sentences/handshake", test_handshake_sentences);
  g_test_add_func ("/describe/sentences/call-returns", test_call_returns);
  g_test_add_func ("/describe/watch-moments", test_watch_moments);

  lessons = synack_preset_list ();
  for (guint i = 0; lessons[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("/describe/narration/%s", lessons[i]);
      g_test_add_data_func (path, lessons[i], test_narration);
    }
  g_test_add_func ("/describe/narration/no-stale", test_no_stale_goldens);
  for (guint i = 0; lessons[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/describe/watch/%s", lessons[i]);
      g_test_add_data_func (path, lessons[i], test_watch_golden);
    }
  return g_test_run ();
}
