/* test-cli.c: synack-cli as a user runs it: output, exit status, messages. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* The LANGUAGE the next runs get; NULL: none at all, so English. */
static const char *cli_language;

static void
cli (Result *r, const char *first, ...)
{
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli_path = g_getenv ("SYNACK_CLI");
  va_list args;
  int wait_status;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (char *) cli_path);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  env = cli_language ? g_environ_setenv (env, "LANGUAGE", cli_language, TRUE)
                     : g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static void
test_run_preset (void)
{
  g_auto (Result) r = { 0 };

  cli (&r, "run", "--preset", "handshake", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_nonnull (strstr (r.out, "10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 65535, length 0"));
  g_assert_nonnull (strstr (r.out, "FIN_WAIT_2 -> TIME_WAIT"));
}

static void
test_run_json_with_sets (void)
{
  g_auto (Result) r = { 0 };

  cli (&r, "run", "--preset", "handshake", "--set", "msl=2s", "--set", "delay=10ms", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "{\n  \"format\": \"synack-trace\""));
  g_assert_nonnull (strstr (r.out, "\"msl_us\": 2000000"));
  g_assert_nonnull (strstr (r.out, "\"delay_us\": 10000"));
  g_assert_nonnull (strstr (r.out, "\"timer\": \"time-wait\", \"action\": \"start\", \"expires_us\""));
  g_assert_nonnull (strstr (r.out, "\"duration_us\": 4000000"));
}

static void
test_list_presets (void)
{
  g_auto (Result) r = { 0 };

  g_auto (Result) questions = { 0 };
  g_auto (Result) extra = { 0 };

  cli (&r, "--list-presets", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "handshake "));

  /* By topic, each lesson with the question it answers under it. */
  cli (&questions, "--list-presets", "--questions", NULL);
  g_assert_cmpint (questions.status, ==, 0);
  g_assert_true (g_str_has_prefix (questions.out, "Opening a connection\n  handshake "));
  g_assert_nonnull (strstr (questions.out, "\n  old-duplicate-syn            An old duplicate SYN: why three-way, not two-way\n"
                                          "                               Why does TCP open a connection in three segments, not two?\n"));
  g_assert_nonnull (strstr (questions.out, "\nCrashes and attacks\n"));
  cli (&extra, "--list-presets", "--all", NULL);
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_nonnull (strstr (extra.err, "unexpected '--all' after --list-presets"));
}

/* A recorded Linux capture against its lesson: compare and run --against
 * print the verdict, and a difference is exit status 1. */
static void
test_compare (void)
{
  g_autofree char *matching = g_build_filename (g_getenv ("SYNACK_REFERENCE_DIR"), "recorded", "lost-fin.pcap", NULL);
  g_autofree char *differing = g_build_filename (g_getenv ("SYNACK_REFERENCE_DIR"), "recorded",
                                                 "lost-synack.pcap", NULL);
  g_auto (Result) same = { 0 };
  g_auto (Result) against = { 0 };
  g_auto (Result) other = { 0 };
  g_auto (Result) missing = { 0 };

  cli (&same, "compare", matching, "--preset", "lost-fin", NULL);
  g_assert_cmpint (same.status, ==, 0);
  g_assert_cmpstr (same.out, ==, "lost-fin.pcap matches the simulation: 12 segments compared\n");

  cli (&against, "run", "--preset", "lost-fin", "--against", differing, NULL);
  g_assert_cmpint (against.status, ==, 1);
  g_assert_nonnull (strstr (against.out, "FIN_WAIT_2 -> TIME_WAIT"));
  g_assert_true (g_str_has_prefix (strstr (against.out, "lost-synack.pcap differs"),
                                   "lost-synack.pcap differs from the simulation at the "));

  cli (&other, "compare", differing, "--preset", "lost-synack", NULL);
  g_assert_cmpint (other.status, ==, 1);
  g_assert_cmpstr (other.out, ==, "lost-synack.pcap differs from the simulation at the server's segment 3 "
                                  "(segment 7 of the capture, segment 5 of the simulation): flags: "
                                  "expected SYN,ACK, got ACK\n");

  cli (&missing, "compare", "/nonexistent.pcap", "--preset", "handshake", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent.pcap"));
}

static void
test_bad_input (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("synack-cli-XXXXXX", &error);
  g_autofree char *broken = g_build_filename (dir, "broken.synack", NULL);
  struct { const char *args[6]; const char *message; } cases[] = {
    { { "run", "--preset", "nope", NULL }, "no lesson called 'nope'" },
    { { "run", NULL }, "give exactly one scenario" },
    { { "run", "--preset", "handshake", "--set", "loss=2", NULL }, "--set loss=2: loss '2' is out of range" },
    { { "run", "--preset", "handshake", "--set", "colour=red", NULL }, "unknown parameter 'colour'" },
    { { "run", "--preset", "handshake", "--set", "msl", NULL }, "is not KEY=VALUE" },
    { { "run", "--preset", "handshake", "--format", "xml", NULL }, "unknown format 'xml'" },
    { { "run", "/nonexistent.synack", NULL }, "/nonexistent.synack" },
    { { "run", broken, NULL }, "broken.synack:2: unknown action 'explode'" },
    { { "frobnicate", NULL }, "unknown command 'frobnicate'" },
  };

  g_assert_no_error (error);
  g_file_set_contents (broken, "at 0 server listen 80\nat 1s client explode\n", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Result) r = { 0 };
      const char **a = cases[i].args;

      cli (&r, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      if (r.status != 2 || strstr (r.err, cases[i].message) == NULL || r.out[0] != '\0')
        g_error ("case %u: status %d, stderr '%s', stdout '%.60s'", i, r.status, r.err, r.out);
    }
  g_unlink (broken);
  g_rmdir (dir);
}

static void
test_run_failure (void)
{
  g_auto (Result) r = { 0 };

  cli (&r, "run", "--preset", "handshake", "--set", "event-limit=10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "event limit"));
  g_assert_cmpstr (r.out, ==, "");
}

/* The trace is written as the run goes, but a run that fails writes none
 * of it, JSON or text. */
static void
test_run_failure_json (void)
{
  g_auto (Result) r = { 0 };

  cli (&r, "run", "--preset", "handshake", "--format", "json", "--set", "event-limit=10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "event limit"));
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_help (void)
{
  g_auto (Result) r = { 0 };

  cli (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "synack-cli run FILE|--preset NAME"));
  g_assert_nonnull (strstr (r.out, "syn-linear-retries"));
}

/* In Chinese: by LANGUAGE and by --lang, lesson titles and narration
 * included; the JSON trace stays the same. */
static void
test_chinese (void)
{
  g_auto (Result) list = { 0 };
  g_auto (Result) run = { 0 };
  g_auto (Result) json = { 0 };
  g_auto (Result) english = { 0 };
  g_auto (Result) json_en = { 0 };
  g_auto (Result) missing = { 0 };
  g_auto (Result) both = { 0 };
  g_auto (Result) bad = { 0 };

  cli_language = "zh_CN";
  cli (&list, "--list-presets", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "handshake                    三次握手，以及谁进入 TIME_WAIT\n"));
  g_assert_nonnull (strstr (list.out, "simultaneous-close           同时关闭\n"));
  cli (&json, "run", "--preset", "handshake", "--format", "json", NULL);
  cli (&bad, "run", "--preset", "nope", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "没有名为“nope”的课程"));
  cli_language = NULL;

  cli (&run, "run", "--lang", "zh_CN", "--preset", "handshake", "--narrate", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "# handshake: 三次握手，以及谁进入 TIME_WAIT\n"));
  g_assert_nonnull (strstr (run.out, "客户端 连接 1  CLOSED -> SYN_SENT（connect()）\n"));
  g_assert_nonnull (strstr (run.out, "             客户端发送 SYN 请求建立连接，初始序号为 1000。\n"));
  /* tcpdump's notation stays as tcpdump writes it. */
  g_assert_nonnull (strstr (run.out, "Flags [S], seq 1000, win 65535, length 0\n"));

  cli (&english, "--lang=en", "run", "--preset", "handshake", "--narrate", NULL);
  g_assert_nonnull (strstr (english.out, "The client sends a SYN with its initial sequence number 1000"));
  cli (&json_en, "run", "--preset", "handshake", "--format", "json", NULL);
  g_assert_cmpstr (json.out, ==, json_en.out);

  cli (&missing, "run", "--preset", "handshake", "--lang", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--lang needs a language"));
  cli (&both, "run", "--preset", "handshake", "--narrate", "--format", "json", NULL);
  g_assert_cmpint (both.status, ==, 2);
  g_assert_nonnull (strstr (both.err, "--narrate goes with the text output"));
}

/* Runs the CLI with its standard output on /dev/full. */
static int
status_writing_to_full_disk (const char *arg)
{
  g_autofree char *cmd = g_strdup_printf ("%s %s > /dev/full", g_getenv ("SYNACK_CLI"), arg);
  const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
  g_autoptr (GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
assert_bad_input (Result *r, const char *fragment)
{
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_nonnull (strstr (r->err, fragment));
}

/* Messages that name what is wrong, and no output lost in silence. */
static void
test_clear_refusals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("synack-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  gint64 start;

  {
    g_auto (Result) r = { 0 };
    cli (&r, "export", "--preset", "handshake", "-o", png, "--title", "a\xff" "b", NULL);
    assert_bad_input (&r, "--title: the text is not valid UTF-8");
  }
  {
    g_auto (Result) r = { 0 };
    cli (&r, "export", "--preset", "handshake", "-o", png, "--width", "100", "--width=200", NULL);
    assert_bad_input (&r, "--width is given twice");
  }
  {
    g_auto (Result) r = { 0 };
    cli (&r, "run", "-p", "handshake", "--preset", "lost-syn", NULL);
    assert_bad_input (&r, "--preset is given twice");
  }
  {
    /* --set is meant to be repeated. */
    g_auto (Result) r = { 0 };
    cli (&r, "run", "-p", "handshake", "--set", "loss=0", "--set", "seed=3", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = { 0 };
    cli (&r, "export", "--preset", "handshake", "-o", png, "--scale", "1e-300", NULL);
    assert_bad_input (&r, "--scale 1e-300: expected a number from 0.01 to 100");
  }
  {
    /* Refused before any drawing: at once, not after a minute and gigabytes. */
    g_auto (Result) r = { 0 };
    start = g_get_monotonic_time ();
    cli (&r, "export", "--preset", "time-wait-pileup", "-o", png, "--width", "32767", NULL);
    assert_bad_input (&r, "64 million in all");
    g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  }
  {
    g_auto (Result) r = { 0 };
    cli (&r, "export", "--preset", "time-wait-pileup", "-o", pdf, "--per-step", NULL);
    assert_bad_input (&r, "choose a range of events (--from and --upto)");
  }
  {
    g_auto (Result) r = { 0 };
    cli (&r, "export", "--preset", "time-wait-pileup", "-o", pdf, "--per-step", "--from", "100", "--upto", "119", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_unlink (pdf);
  }
  g_rmdir (dir);

  g_assert_cmpint (status_writing_to_full_disk ("--list-presets"), ==, 1);
  g_assert_cmpint (status_writing_to_full_disk ("--help"), ==, 1);
  g_assert_cmpint (status_writing_to_full_disk ("run --preset handshake"), ==, 1);
}

/* Two listeners can be told apart: a listen event carries its port. */
static void
test_listen_port_in_json (void)
{
  g_auto (Result) r = { 0 };

  cli (&r, "run", "--preset", "handshake", "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"call\": \"listen\", \"result\": \"ok\", \"port\": 80}"));
}

static void
test_census (void)
{
  g_autofree char *dir = g_dir_make_tmp ("synack-census-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "census.json", NULL);
  g_autofree char *written = NULL;
  g_auto (Result) csv = { 0 };
  g_auto (Result) json = { 0 };
  g_auto (Result) to_file = { 0 };

  cli (&csv, "census", "--preset", "time-wait-pileup", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.err, ==, "");
  g_assert_true (g_str_has_prefix (csv.out, "t_us,host,LISTEN,SYN_SENT,"));
  g_assert_nonnull (strstr (csv.out, "\n# client,TIME_WAIT,10,1930000\n"));

  cli (&json, "census", "--preset", "time-wait-pileup", "--set", "msl=500ms", "--interval", "500ms",
       "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, "{\n  \"format\": \"synack-census\""));
  g_assert_nonnull (strstr (json.out, "\"interval_us\": 500000"));
  /* TIME_WAIT lasts 1 s (and a few ticks) now: the sixth begins at 1.13 s,
   * just before the first ends. */
  g_assert_nonnull (strstr (json.out, "\"TIME_WAIT\": {\"count\": 6, \"first_t_us\": 1130000}"));

  cli (&to_file, "census", "--preset", "handshake", "-o", path, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "t_us,host,"));
  g_assert_nonnull (strstr (written, "\n# client,TIME_WAIT,1,610000\n"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Each mistake is named, with its option, and nothing is written. */
static void
test_census_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("synack-census-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "census.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "census.csv", NULL);
  struct {
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { { "--preset", "handshake", "--format", "xml" }, 2, "synack-cli census: unknown format 'xml' (csv or json)\n" },
    { { "--preset", "handshake", "--interval", "0" }, 2, "--interval 0: the interval must be longer than zero" },
    { { "--preset", "handshake", "--interval", "fast" }, 2, "--interval fast: " },
    { { "--preset", "no-such-lesson" }, 2, "no-such-lesson" },
    { { "--preset", "handshake", "--set", "loss=2" }, 2, "--set loss=2: " },
    { { "--preset", "handshake", "-o", missing }, 2, "no-such-folder" },
    { { "--preset", "handshake", "-o", dir }, 2, "Is a directory" },
    { { "--preset", "time-wait-pileup", "--set", "event-limit=100", "-o", path }, 1, "event limit" },
    { { "--preset", "time-wait-pileup", "--set", "event-limit=100" }, 1, "event limit" },
    /* 62 s in microseconds: 62 million rows per host. */
    { { "--preset", "handshake", "--interval", "1us", "-o", path }, 2,
      "a census row every 1 µs over the 62.1 s the run lasts makes more than 10000000 rows per host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Result) r = { 0 };
      const char **a = cases[i].args;

      cli (&r, "census", a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_cmpstr (r.out, ==, "");
      if (strstr (r.err, cases[i].message) == NULL)
        g_error ("case %u: '%s' does not say '%s'", i, r.err, cases[i].message);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/run/preset", test_run_preset);
  g_test_add_func ("/cli/run/json-and-set", test_run_json_with_sets);
  g_test_add_func ("/cli/list-presets", test_list_presets);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/compare", test_compare);
  g_test_add_func ("/cli/run-failure", test_run_failure);
  g_test_add_func ("/cli/run-failure-json", test_run_failure_json);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/chinese", test_chinese);
  g_test_add_func ("/cli/clear-refusals", test_clear_refusals);
  g_test_add_func ("/cli/listen-port", test_listen_port_in_json);
  g_test_add_func ("/cli/census", test_census);
  g_test_add_func ("/cli/census/bad-input", test_census_bad_input);
  return g_test_run ();
}
