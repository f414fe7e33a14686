/* test-scenario.c: scenario files: every class of error names its place, the
 * format's details, edits, and the trace's determinism and JSON shape. */
#include "synack-test-util.h"
#include "synack-i18n.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static void
assert_parse_error (const char *text, int code, const char *fragment)
{
  g_autoptr (GError) error = synack_test_run_error (text);

  g_assert_nonnull (error);
  g_assert_true (error->domain == SYNACK_SCENARIO_ERROR);
  if (error->code != code || strstr (error->message, fragment) == NULL)
    g_error ("for %s\nexpected code %d with '%s', got code %d: %s", text, code, fragment,
             error->code, error->message);
}

static void
test_errors_name_the_line (void)
{
  struct { const char *text; int code; const char *fragment; } cases[] = {
    { "delay = 50ms\nfoo = 1\n", SYNACK_SCENARIO_ERROR_UNKNOWN_KEY, "test:2: unknown parameter 'foo'" },
    { "delay = 50\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:1: '50' needs a unit" },
    { "delay = -5ms\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:1: '-5ms': a duration cannot be negative" },
    { "delay = 5 parsecs\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "unknown unit" },
    { "loss = 1.5\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:1: loss '1.5' is out of range" },
    { "loss = 150%\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "out of range" },
    { "loss = lots\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "not a probability" },
    { "msl = 0\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "TIME_WAIT lasts 2 x MSL" },
    { "rto-min = 5s\nrto-max = 1s\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "rto-min <= rto-max" },
    { "syn-retries = -1\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "not a whole number" },
    { "syn-retries = 300\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "between 0 and 255" },
    { "profile = bsd\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "unknown profile 'bsd'" },
    { "delayed-ack = sometimes\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "not a duration" },
    { "mss = 0\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "mss must be between" },
    { "event-limit = 2000000000000\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "between 0 and 1000000000000" },
    { "memory-limit = 0\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "memory-limit must be more than zero" },
    { "keepalive = maybe\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "expected off, client, server or on" },
    { "topic = gossip\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:1: unknown topic 'gossip' (there are: opening," },
    { "lose client ACK #2 and then\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:1: expected 'and later' after '#2'" },
    { "delay =\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:1: 'delay' has no value" },
    { "\n\nat 1s client jump\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:3: unknown action 'jump'" },
    { "at soon client close\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:1: 'soon' is not a duration" },
    { "at 1s router close\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected client or server, found 'router'" },
    { "at 1s client\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected what the client does" },
    { "at 1s client connect\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected port" },
    { "at 1s client connect 70000\n", SYNACK_SCENARIO_ERROR_SYNTAX, "not a valid port" },
    { "at 1s client send 0\n", SYNACK_SCENARIO_ERROR_SYNTAX, "at least one byte" },
    { "at 1s client close now\n", SYNACK_SCENARIO_ERROR_SYNTAX, "unexpected 'now'" },
    { "at 1s client close conn=0\n", SYNACK_SCENARIO_ERROR_SYNTAX, "conn must be a whole number from 1" },
    { "at 1s client read maybe\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'read on' or 'read off'" },
    { "at 1s client connect 80 repeat 10\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected 'every DURATION'" },
    { "at 1s client connect 80 repeat 100000001 every 1ms\n", SYNACK_SCENARIO_ERROR_SYNTAX, "not a valid repeat count" },
    { "when client eof client close\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected ':' before the action" },
    { "when client bored: client close\n", SYNACK_SCENARIO_ERROR_SYNTAX, "unknown event 'bored'" },
    { "when client eof: client connect 80\n", SYNACK_SCENARIO_ERROR_SYNTAX, "go on 'at' lines" },
    { "when client received 0: client close\n", SYNACK_SCENARIO_ERROR_SYNTAX, "would fire before" },
    { "lose\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected which segment" },
    { "\nwatch at client LISTENING = x\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:2: 'watch at client LISTENING': a point to watch is anchored as" },
    { "watch at segment 0 = x\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'watch at segment 0'" },
    { "watch at segment 3 #2 = x\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'watch at segment 3 #2'" },
    { "watch[zh_CN] at server send PING = x\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'watch[zh_CN] at server send PING'" },
    { "watch at = x\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'watch at '" },
    { "lose client PING\n", SYNACK_SCENARIO_ERROR_SYNTAX, "unknown kind of segment 'PING'" },
    { "lose client SYN #0\n", SYNACK_SCENARIO_ERROR_SYNTAX, "write #1 for the first" },
    { "lose segment 0\n", SYNACK_SCENARIO_ERROR_SYNTAX, "numbered from 1" },
    { "loss[zh_CN] = 5%\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:1: 'loss[zh_CN]': only title, question, summary and watch" },
    { "title = A\ntitle[] = B\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:2: 'title[]': write the language as a locale" },
    { "summary[zh_CN = B\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'summary[zh_CN': write the language" },
    { "watch[1x] = B\n", SYNACK_SCENARIO_ERROR_SYNTAX, "'watch[1x]': write the language" },
    { "delay client SYN #1\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected 'by DURATION'" },
    { "duplicate server data #1 by 2s\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected 'after DURATION'" },
    { "lose client SYN #1 twice\n", SYNACK_SCENARIO_ERROR_SYNTAX, "unexpected 'twice'" },
    { "hello world\n", SYNACK_SCENARIO_ERROR_SYNTAX, "test:1: cannot read 'hello world'" },
    { "delay 50ms\n", SYNACK_SCENARIO_ERROR_SYNTAX, "expected 'delay = VALUE'" },
    { "title = x\n\xff\xfe\n", SYNACK_SCENARIO_ERROR_SYNTAX, "invalid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parse_error (cases[i].text, cases[i].code, cases[i].fragment);
}

/* Messages a teacher can act on: the line that is wrong, the invisible
 * character in it, never the whole of a huge line. */
static void
test_errors_show_the_culprit (void)
{
  struct { const char *text; int code; const char *fragment; } cases[] = {
    { "delay = 1ms\nmsl = 0\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:2: msl = 0: msl must be more than zero" },
    { "title = x\nwindow = 0\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:2: window = 0: the window" },
    { "rto-min = 5s\ndelay = 1ms\nrto-max = 1s\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:3: rto-max = 1s" },
    { "syn-retries = 252\n", SYNACK_SCENARIO_ERROR_BAD_VALUE,
      "test:1: syn-retries = 252: syn-retries plus syn-linear-retries must be at most 255" },
    { "delay = 0x10s\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:1: '0x10s' is not a duration" },
    { "loss = 0x1p-3\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "test:1: '0x1p-3' is not a probability" },
    { "time-limit = 10s\nat 20s client close\n", SYNACK_SCENARIO_ERROR_BAD_VALUE,
      "test:2: at 20 s comes after the run's time-limit (10 s)" },
    { "at 0 server listen 80\nat 1ms client connect 80 conn=2\nat 2ms client connect 80 conn=2\n",
      SYNACK_SCENARIO_ERROR_SYNTAX, "test:3: conn=2 is already opened by the client's connect on line 2" },
    { "at 0\xc2\xa0server listen 80\n", SYNACK_SCENARIO_ERROR_BAD_VALUE, "invisible character U+00A0 at column 5" },
    { "at 0 server listen\xe2\x80\x8b 80\n", SYNACK_SCENARIO_ERROR_SYNTAX, "invisible character U+200B at column 19" },
  };
  g_autoptr (GString) huge = g_string_new ("at 0 server ");
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parse_error (cases[i].text, cases[i].code, cases[i].fragment);

  /* A simultaneous open names the connection on both hosts: that is fine. */
  scenario = synack_scenario_parse ("at 0 client connect 6000 from 5000 conn=1\n"
                                    "at 0 server connect 5000 from 6000 conn=1\n", "test", &error);
  g_assert_no_error (error);
  g_clear_pointer (&scenario, synack_scenario_free);

  /* A UTF-8 byte-order mark is simply not part of the text. */
  scenario = synack_scenario_parse ("\xef\xbb\xbf" "at 0 server listen 80\n", "test", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (synack_scenario_get_script (scenario)->n_actions, ==, 1);

  for (int i = 0; i < 1000000; i++)
    g_string_append_c (huge, 'x');
  g_assert_null (synack_scenario_parse (huge->str, "test", &error));
  g_assert_nonnull (strstr (error->message, "test:1:"));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);
}

static void
test_run_errors (void)
{
  /* Two reactions that feed each other never end: the event limit stops it. */
  assert_parse_error ("event-limit = 5000\nat 0 server listen 80\nat 0 client connect 80\n"
                      "when client established: client send 10\n"
                      "when server received 10: server send 10\n"
                      "when client received 10: client send 10\n"
                      "when server received 20: server send 10\n"
                      "when client received 20: client send 10\n"
                      "when server received 30: server send 10\n"
                      "when client received 30: client send 10\n"
                      "at 0 client connect 80 repeat 100000 every 1ms\n",
                      SYNACK_SCENARIO_ERROR_RUN, "event limit");
}

static void
test_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("synack-test-XXXXXX", &error);
  g_autofree char *binary = g_build_filename (dir, "binary.synack", NULL);
  g_autofree char *good = g_build_filename (dir, "mine.synack", NULL);
  g_autoptr (SynackScenario) scenario = NULL;

  g_assert_no_error (error);
  scenario = synack_scenario_load_file ("/nonexistent/x.synack", &error);
  g_assert_null (scenario);
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/x.synack"));
  g_clear_error (&error);

  g_file_set_contents (binary, "delay = 1ms\n\0\1\2", 15, &error);
  g_assert_no_error (error);
  scenario = synack_scenario_load_file (binary, &error);
  g_assert_null (scenario);
  g_assert_nonnull (strstr (error->message, "NUL bytes"));
  g_clear_error (&error);

  g_file_set_contents (good, "title = Mine\nat 0 client connect 80\n", -1, &error);
  scenario = synack_scenario_load_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (synack_scenario_get_name (scenario), ==, "mine");
  g_assert_cmpstr (synack_scenario_get_title (scenario), ==, "Mine");

  /* Only regular files, and not huge ones: a device, a folder or a FIFO
   * without a writer is refused at once instead of read forever. */
  {
    g_autofree char *fifo = g_build_filename (dir, "pipe.synack", NULL);
    g_autofree char *big = g_build_filename (dir, "big.synack", NULL);
    g_autofree char *filler = g_strnfill (SYNACK_SCENARIO_MAX_BYTES + 1, '#');
    const char *not_regular[] = { "/dev/zero", dir, fifo };

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (not_regular); i++)
      {
        g_clear_pointer (&scenario, synack_scenario_free);
        scenario = synack_scenario_load_file (not_regular[i], &error);
        g_assert_null (scenario);
        g_assert_nonnull (strstr (error->message, "not a regular file"));
        g_clear_error (&error);
      }
    g_assert_true (g_file_set_contents (big, filler, -1, NULL));
    scenario = synack_scenario_load_file (big, &error);
    g_assert_null (scenario);
    g_assert_nonnull (strstr (error->message, "too large for a scenario"));
    g_clear_error (&error);
    g_unlink (fifo);
    g_unlink (big);
  }

  g_unlink (binary);
  g_unlink (good);
  g_rmdir (dir);
}

static void
test_presets (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = synack_preset_list ();
  g_autoptr (SynackScenario) missing = synack_scenario_load_preset ("no-such-lesson", &error);

  g_assert_cmpstr (names[0], ==, SYNACK_DEFAULT_PRESET);
  g_assert_null (missing);
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "handshake"));
  g_clear_error (&error);
  missing = synack_scenario_load_preset ("../handshake", &error);
  g_assert_null (missing);
  g_clear_error (&error);

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (names[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (synack_scenario_get_name (scenario), ==, names[i]);
      g_assert_cmpstr (synack_scenario_get_title (scenario), !=, names[i]);
      g_assert_cmpuint (strlen (synack_scenario_get_summary (scenario)), >, 40);
      g_assert_cmpuint (strlen (synack_scenario_get_watch (scenario)), >, 20);
    }
}

static void
test_format_details (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (
    "# a comment\n"
    "delay = 20ms   # trailing comment\n"
    "profile = rfc9293   # applies first even though it comes later\n"
    "lose server SYN-ACK #2\n"
    "lose any FIN every conn=3\n"
    "delay client data #1 by 1.5s\n"
    "lose client ACK #3 and later\n"
    "at 0: server listen 80\n"
    "at 2min client connect 80 from 40001 isn=7 conn=4\n"
    "when server received 100 bytes +250us: server send 3 bytes\n"
    "when client eof: client close\n",
    "details", &error);
  const SynackScript *script;

  g_assert_no_error (error);
  script = synack_scenario_get_script (scenario);
  g_assert_cmpint (script->params.profile, ==, SYNACK_PROFILE_RFC9293);
  g_assert_cmpint (script->params.delay[SYNACK_C2S], ==, SYNACK_MS (20));
  g_assert_cmpint (script->params.msl, ==, SYNACK_SEC (120));
  g_assert_cmpuint (script->n_faults, ==, 4);
  g_assert_false (script->faults[0].and_later);
  g_assert_cmpuint (script->faults[3].nth, ==, 3);
  g_assert_true (script->faults[3].and_later);
  g_assert_cmpuint (script->faults[0].nth, ==, 2);
  g_assert_cmpint (script->faults[0].match, ==, SYNACK_MATCH_SYN_ACK);
  g_assert_cmpint (script->faults[0].direction, ==, SYNACK_S2C);
  g_assert_true (script->faults[1].any_direction);
  g_assert_cmpuint (script->faults[1].nth, ==, 0);
  g_assert_cmpuint (script->faults[1].conn, ==, 3);
  g_assert_cmpint (script->faults[2].extra, ==, SYNACK_US (1500000));
  g_assert_cmpuint (script->n_actions, ==, 4);
  g_assert_cmpint (script->actions[1].at, ==, SYNACK_SEC (120));
  g_assert_cmpuint (script->actions[1].local_port, ==, 40001);
  g_assert_cmpuint (script->actions[1].isn, ==, 7);
  g_assert_cmpuint (script->actions[1].conn, ==, 4);
  g_assert_cmpint (script->actions[2].when, ==, SYNACK_WHEN_RECEIVED);
  g_assert_cmpuint (script->actions[2].amount, ==, 100);
  g_assert_cmpint (script->actions[2].at, ==, 250);
  g_assert_cmpuint (script->actions[2].bytes, ==, 3);
}

/* "#N and later" loses that match and every one after it, and no other. */
static void
test_loss_from_nth_on (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (
    "at 0 server listen 80\n"
    "at 0 client connect 80\n"
    "at 1s client send 10\n"
    "at 2s client send 10\n"
    "at 3s client send 10\n"
    "lose client data #2 and later\n",
    "from-nth", &error);
  g_autoptr (SynackTrace) trace = NULL;
  guint data_sent = 0, data_lost = 0, first_lost = 0;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      long send;

      if (e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT && e->hdr.len > 0)
        data_sent++;
      if (e->type != SYNACK_EVENT_LOST)
        continue;
      send = synack_trace_find_send (trace, e->seg);
      g_assert_cmpint (send, >=, 0);
      g_assert_cmpint (trace->events[send].host, ==, SYNACK_CLIENT);
      g_assert_cmpuint (trace->events[send].hdr.len, >, 0);
      if (data_lost++ == 0)
        first_lost = e->seg;
    }
  /* The first data segment arrives; the second, the third and every
   * retransmission after them are lost. */
  g_assert_cmpuint (data_sent, >, 3);
  g_assert_cmpuint (data_lost, ==, data_sent - 1);
  g_assert_cmpuint (first_lost, >, 0);
}

static void
test_edits_and_save (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset ("handshake", &error);
  g_autoptr (SynackScenario) reloaded = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (synack_scenario_set_param (scenario, "loss", "10%", &error));
  g_assert_true (synack_scenario_append_line (scenario, "lose segment 3", &error));
  g_assert_true (synack_scenario_set_assignment (scenario, "msl=5s", &error));
  g_assert_cmpfloat (synack_scenario_get_script (scenario)->params.loss[SYNACK_S2C], ==, 0.10);

  /* A rejected edit changes nothing. */
  g_assert_false (synack_scenario_set_param (scenario, "msl", "0", &error));
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (synack_scenario_set_param (scenario, "colour", "red", &error));
  g_assert_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (synack_scenario_append_line (scenario, "lose the plot", &error));
  g_clear_error (&error);
  g_assert_false (synack_scenario_set_assignment (scenario, "loss", &error));
  g_clear_error (&error);
  g_assert_cmpint (synack_scenario_get_script (scenario)->params.msl, ==, SYNACK_SEC (5));
  g_assert_cmpuint (synack_scenario_get_script (scenario)->n_faults, ==, 1);

  /* What Save writes reads back to the same script. */
  text = synack_scenario_to_text (scenario);
  reloaded = synack_scenario_parse (text, "saved", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (&synack_scenario_get_script (reloaded)->params, sizeof (SynackParams),
                   &synack_scenario_get_script (scenario)->params, sizeof (SynackParams));
  g_assert_cmpuint (synack_scenario_get_script (reloaded)->n_faults, ==, 1);
  g_assert_cmpuint (synack_scenario_get_script (reloaded)->n_actions, ==,
                    synack_scenario_get_script (scenario)->n_actions);
}

static void
test_durations (void)
{
  struct { const char *text; SynackTime us; } good[] = {
    { "0", 0 }, { "250us", 250 }, { "50ms", 50000 }, { "1s", 1000000 },
    { "1.5s", 1500000 }, { "2min", 120000000 }, { "0.1ms", 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      SynackTime t = -1;
      g_autoptr (GError) error = NULL;

      g_assert_true (synack_parse_duration (good[i].text, &t, &error));
      g_assert_cmpint (t, ==, good[i].us);
    }
}

static char *
json_of (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "json", &error);
  g_autoptr (SynackTrace) trace = NULL;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  return synack_trace_to_json (trace, scenario);
}

#define LOSSY "delay = 30ms\nloss = 30%%\nseed = %d\nat 0 server listen 80\n" \
              "at 0 client connect 80 repeat 9 every 500ms\nwhen client established: client send 3000\n" \
              "when server received 3000: server close\nwhen client eof: client close\n"

static void
test_determinism (void)
{
  g_autofree char *a_text = g_strdup_printf (LOSSY, 7);
  g_autofree char *b_text = g_strdup_printf (LOSSY, 8);
  g_autofree char *a1 = json_of (a_text);
  g_autofree char *a2 = json_of (a_text);
  g_autofree char *b = json_of (b_text);

  g_assert_cmpstr (a1, ==, a2);
  g_assert_cmpstr (a1, !=, b);
  g_assert_nonnull (strstr (a1, "\"reason\": \"random loss\""));
}

static void
test_json_shape (void)
{
  g_autofree char *json = json_of ("hz = 0\ndelay = 50ms\nat 0 server listen 80 isn=5000\nat 0 client connect 80 isn=1000\n"
                                   "at 1s client close\nlose server FIN #1\nwhen server eof: server close\n");

  g_assert_true (g_str_has_prefix (json, "{\n  \"format\": \"synack-trace\", \"version\": 1,\n  \"scenario\": \"json\""));
  g_assert_nonnull (strstr (json, "\"params\": {\"profile\": \"linux\", \"delay_us\": 50000"));
  g_assert_nonnull (strstr (json, "\"msl_us\": 30000000"));
  g_assert_nonnull (strstr (json, "{\"conn\": 1, \"client_port\": 40000, \"server_port\": 80, \"client_iss\": 1000, \"server_iss\": 5000}"));
  g_assert_nonnull (strstr (json, "{\"t_us\": 0, \"type\": \"app\", \"host\": \"client\", \"conn\": 1, \"call\": \"connect\"}"));
  g_assert_nonnull (strstr (json, "{\"t_us\": 0, \"type\": \"state\", \"host\": \"client\", \"conn\": 1, \"from\": \"CLOSED\", \"to\": \"SYN_SENT\", \"cause\": \"connect()\"}"));
  g_assert_nonnull (strstr (json, "{\"t_us\": 0, \"type\": \"send\", \"host\": \"client\", \"conn\": 1, \"seg\": 1, \"flags\": [\"SYN\"], \"seq\": 1000, \"ack\": 0, \"len\": 0, \"win\": 65535"));
  g_assert_nonnull (strstr (json, "\"timer\": \"retransmit\", \"action\": \"start\", \"expires_us\": 1000000"));
  g_assert_nonnull (strstr (json, "\"flags\": [\"SYN\", \"ACK\"], \"seq\": 5000, \"ack\": 1001"));
  g_assert_nonnull (strstr (json, "\"type\": \"deliver\", \"host\": \"server\", \"conn\": 1, \"seg\": 1"));
  g_assert_nonnull (strstr (json, "\"type\": \"lost\", \"host\": \"server\""));
  g_assert_nonnull (strstr (json, "\"reason\": \"scripted loss\""));
  g_assert_nonnull (strstr (json, "\"timer\": \"time-wait\", \"action\": \"start\""));
  g_assert_true (g_str_has_suffix (json, "}\n"));
}

/* title[zh_CN] = ... in the desktop-entry style: chosen by the language,
 * field by field, with the untranslated text as the fallback. */
static void
test_localized_lesson (void)
{
  static const char text[] =
    "title = The handshake\n"
    "title[zh_CN] = 三次握手\n"
    "summary = One.\n"
    "summary = Two.\n"
    "summary[zh_CN] = 一。\n"
    "summary[zh_CN] = 二。\n"
    "watch = First point.\n"
    "watch = Second point.\n"
    "question = Why three?\n"
    "question = Why not two?\n"
    "question[zh_CN] = 为什么是三次？\n"
    "topic = opening\n"
    "title[de] = Der Handschlag\n"
    "at 0 server listen 80\n"
    "at 10ms client connect 80\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "test", &error);
  g_autoptr (SynackScenario) copy = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autofree char *json = NULL;
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  synack_i18n_set_language ("en");
  g_assert_cmpstr (synack_scenario_get_title (scenario), ==, "The handshake");
  g_assert_cmpstr (synack_scenario_get_summary (scenario), ==, "One. Two.");
  g_assert_cmpstr (synack_scenario_get_watch (scenario), ==, "First point.\nSecond point.");
  g_assert_cmpstr (synack_scenario_get_question (scenario), ==, "Why three?\nWhy not two?");
  g_assert_cmpstr (synack_scenario_get_topic (scenario), ==, "opening");

  synack_i18n_set_language ("zh_CN");
  g_assert_cmpstr (synack_scenario_get_question (scenario), ==, "为什么是三次？");
  g_assert_cmpstr (synack_scenario_get_title (scenario), ==, "三次握手");
  g_assert_cmpstr (synack_scenario_get_summary (scenario), ==, "一。 二。");
  /* No watch[zh_CN]: the untranslated points, not nothing. */
  g_assert_cmpstr (synack_scenario_get_watch (scenario), ==, "First point.\nSecond point.");
  /* The JSON trace is the same in every language. */
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  json = synack_trace_to_json (trace, scenario);
  g_assert_nonnull (strstr (json, "\"title\": \"The handshake\""));
  copy = synack_scenario_copy (scenario);
  g_assert_cmpstr (synack_scenario_get_title (copy), ==, "三次握手");
  saved = synack_scenario_to_text (copy);
  g_assert_nonnull (strstr (saved, "title[zh_CN] = 三次握手"));

  /* A language the file does not have; a list with a known one later. */
  synack_i18n_set_language ("fr");
  g_assert_cmpstr (synack_scenario_get_title (scenario), ==, "The handshake");
  synack_i18n_set_language ("fr:de_AT:zh_CN");
  g_assert_cmpstr (synack_scenario_get_title (scenario), ==, "Der Handschlag");
  /* English before Chinese in the list: English. */
  synack_i18n_set_language ("en_GB:zh_CN");
  g_assert_cmpstr (synack_scenario_get_title (scenario), ==, "The handshake");
  synack_i18n_set_language (NULL);
}

/* A point to watch is about the moment its `watch at` names; without one,
 * the first entry into the first state its words name; a translated
 * point without an anchor takes the untranslated one's in its place. */
static void
test_watch_anchors (void)
{
  static const char text[] =
    "watch at server send SYN-ACK = The SYN-ACK acknowledges the SYN.\n"
    "watch = TIME_WAIT on the client.\n"
    "watch at client TIME_WAIT #2 = Never reached.\n"
    "watch at segment 3 arrives = The ACK arrives.\n"
    "watch at client timer time-wait = The timer.\n"
    "watch[zh_CN] = 甲\n"
    "watch[zh_CN] = 乙 TIME_WAIT\n"
    "watch[zh_CN] at client send SYN = 丙\n"
    "at 0 server listen 80\n"
    "at 10ms client connect 80\n"
    "at 500ms client close\n"
    "when server eof: server close\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "anchors", &error);
  g_autoptr (SynackTrace) trace = NULL;
  long synack = -1, time_wait = -1, ack_arrives = -1, timer = -1, syn = -1;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (synack < 0 && e->type == SYNACK_EVENT_SEND && e->host == SYNACK_SERVER && e->hdr.flags == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK))
        synack = (long) i;
      if (syn < 0 && e->type == SYNACK_EVENT_SEND && e->host == SYNACK_CLIENT && e->hdr.flags == SYNACK_FLAG_SYN)
        syn = (long) i;
      if (time_wait < 0 && e->type == SYNACK_EVENT_STATE && e->to == SYNACK_STATE_TIME_WAIT)
        time_wait = (long) i;
      if (ack_arrives < 0 && e->type == SYNACK_EVENT_DELIVER && e->seg == 3)
        ack_arrives = (long) i;
      if (timer < 0 && e->type == SYNACK_EVENT_TIMER && e->timer == SYNACK_TIMER_TIME_WAIT)
        timer = (long) i;
    }
  g_assert_cmpint (synack, >, 0);
  g_assert_cmpint (time_wait, >, 0);
  g_assert_cmpint (ack_arrives, >, 0);
  g_assert_cmpint (timer, >, time_wait);

  synack_i18n_set_language ("en");
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 0), ==, synack);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 1), ==, time_wait);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 2), ==, -1);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 3), ==, ack_arrives);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 4), ==, timer);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 5), ==, -1);
  synack_i18n_set_language ("zh_CN");
  g_assert_cmpstr (synack_scenario_get_watch (scenario), ==, "甲\n乙 TIME_WAIT\n丙");
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 0), ==, synack);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 1), ==, time_wait);
  g_assert_cmpint (synack_scenario_watch_moment (scenario, trace, 2), ==, syn);
  synack_i18n_set_language (NULL);
}

/* The picker and `--list-presets --questions` list every lesson once,
 * topic by topic in the topics' order, each topic in teaching order. */
static void
test_presets_by_topic (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lessons = synack_preset_list_by_topic (&error);
  g_auto (GStrv) names = synack_preset_list ();
  const SynackLessonTopic *topics = synack_lesson_topics ();
  long last_topic = -1, last_index = -1;

  g_assert_no_error (error);
  g_assert_cmpuint (lessons->len, ==, g_strv_length (names));
  for (guint i = 0; i < lessons->len; i++)
    {
      const SynackPresetEntry *entry = lessons->pdata[i];
      long topic = entry->topic ? entry->topic - topics : G_MAXLONG;
      long index = -1;

      for (guint n = 0; names[n] != NULL; n++)
        if (g_str_equal (names[n], entry->name))
          index = n;
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpstr (synack_scenario_get_topic (entry->scenario), ==, entry->topic ? entry->topic->id : NULL);
      g_assert_cmpint (topic, >=, last_topic);
      if (topic == last_topic)
        g_assert_cmpint (index, >, last_index);
      last_topic = topic;
      last_index = index;
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario/errors/lines", test_errors_name_the_line);
  g_test_add_func ("/scenario/errors/culprit", test_errors_show_the_culprit);
  g_test_add_func ("/scenario/errors/run", test_run_errors);
  g_test_add_func ("/scenario/files", test_files);
  g_test_add_func ("/scenario/presets", test_presets);
  g_test_add_func ("/scenario/presets/by-topic", test_presets_by_topic);
  g_test_add_func ("/scenario/watch-anchors", test_watch_anchors);
  g_test_add_func ("/scenario/format", test_format_details);
  g_test_add_func ("/scenario/faults/from-nth-on", test_loss_from_nth_on);
  g_test_add_func ("/scenario/localized", test_localized_lesson);
  g_test_add_func ("/scenario/edits", test_edits_and_save);
  g_test_add_func ("/scenario/durations", test_durations);
  g_test_add_func ("/scenario/trace/determinism", test_determinism);
  g_test_add_func ("/scenario/trace/json", test_json_shape);
  return g_test_run ();
}
