/* test-capture-compare.c: a capture compared with a simulation: every lesson
 * matches its own export, and each field that differs is the one reported,
 * with the segment numbers on both sides. */
#include "synack-config.h"

#include <string.h>

#include "synack-capture.h"
#include "synack-scenario.h"
#include "synack-test-util.h"

/* The lesson as a capture: exported to pcapng and imported back, so its
 * ISNs, numbering and times are those a real capture's import gives. */
static SynackCapture *
lesson_as_capture (const SynackTrace *trace)
{
  g_autoptr (GBytes) bytes = synack_pcapng_from_trace (trace, "lesson");
  g_autoptr (GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  SynackCapture *capture = synack_capture_import_data (data, size, "lesson.pcapng", 0, &error);

  g_assert_no_error (error);
  return capture;
}

static guint
count_sends (const SynackTrace *trace)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == SYNACK_EVENT_SEND;
  return n;
}

static void
test_every_lesson_matches_its_export (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr (SynackTrace) trace = synack_test_run_preset (names[i]);
      g_autoptr (SynackCapture) capture = NULL;
      g_auto (SynackCaptureDifference) diff = { 0 };
      gboolean differs;

      /* An attacker's forged hosts are beyond a two-host import. */
      if (synack_test_trace_has_forged (trace))
        continue;
      capture = lesson_as_capture (trace);
      differs = synack_capture_compare (capture->trace, trace, &diff);

      if (differs)
        {
          g_autofree char *text = synack_capture_difference_to_string (&diff);

          g_error ("%s: %s", names[i], text);
        }
      g_assert_cmpuint (diff.n_compared, ==, count_sends (trace));
    }
}

/* The index of the n-th SEND event of host. */
static size_t
nth_send (const SynackTrace *trace, SynackHostId host, guint n)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].host == host && --n == 0)
      return i;
  g_assert_not_reached ();
}

/* Changes the capture with `change`, compares, and checks the report. */
static void
assert_difference (const char *lesson, void (*change) (SynackTrace *capture), SynackHostId host, guint nth,
                   const char *field, const char *expected, const char *got)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset (lesson);
  g_autoptr (SynackCapture) capture = lesson_as_capture (trace);
  g_auto (SynackCaptureDifference) diff = { 0 };
  g_autofree char *text = NULL;

  change (capture->trace);
  g_assert_true (synack_capture_compare (capture->trace, trace, &diff));
  text = synack_capture_difference_to_string (&diff);
  g_test_message ("%s", text);
  g_assert_cmpstr (diff.field, ==, field);
  g_assert_cmpint (diff.host, ==, host);
  g_assert_cmpuint (diff.nth, ==, nth);
  g_assert_cmpstr (diff.expected, ==, expected);
  g_assert_cmpstr (diff.got, ==, got);
  g_assert_nonnull (strstr (text, field));
}

static void
client_fin_without_ack (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_CLIENT, 5)].hdr.flags = SYNACK_FLAG_FIN;
}

static void
server_psh_set (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_SERVER, 3)].hdr.flags |= SYNACK_FLAG_PSH;
}

static void
server_seq_one_more (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_SERVER, 3)].hdr.seq++;
}

static void
client_ack_one_less (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_CLIENT, 2)].hdr.ack--;
}

static void
client_sends_fewer_bytes (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_CLIENT, 3)].hdr.len = 99;
}

static void
server_sends_nothing_more (SynackTrace *capture)
{
  size_t last = nth_send (capture, SYNACK_SERVER, 5);

  capture->events[last].type = SYNACK_EVENT_TIMER;
}

/* lost-syn: the client's second SYN is the retransmission, 1 s after the
 * first. Moving every later event shifts its wait. */
static void
shift_from_second_syn (SynackTrace *capture, double factor)
{
  size_t second = nth_send (capture, SYNACK_CLIENT, 2);
  SynackTime first_t = capture->events[nth_send (capture, SYNACK_CLIENT, 1)].t;
  SynackTime shift = (SynackTime) ((capture->events[second].t - first_t) * factor);

  for (size_t i = second; i < capture->n_events; i++)
    capture->events[i].t += shift;
}

static void
retransmission_15_percent_late (SynackTrace *capture)
{
  shift_from_second_syn (capture, 0.15);
}

static void
server_window_scale_7 (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_SERVER, 1)].hdr.options.wscale = 7;
}

static void
client_ack_without_timestamps (SynackTrace *capture)
{
  capture->events[nth_send (capture, SYNACK_CLIENT, 2)].hdr.options.present &= ~SYNACK_OPTION_TIMESTAMPS;
}

static void
server_clock_elsewhere (SynackTrace *capture)
{
  for (size_t i = 0; i < capture->n_events; i++)
    if (capture->events[i].host == SYNACK_SERVER)
      capture->events[i].hdr.options.tsval += 123456;
}

static void
test_each_field (void)
{
  /* handshake: the client sends SYN, ACK, data, ACK, FIN, ACK; the server
   * SYN-ACK, ACK, data, ACK, FIN. */
  assert_difference ("handshake", client_fin_without_ack, SYNACK_CLIENT, 5, "flags", "ACK,FIN", "FIN");
  assert_difference ("handshake", server_seq_one_more, SYNACK_SERVER, 3, "relative seq", "1", "2");
  assert_difference ("handshake", client_ack_one_less, SYNACK_CLIENT, 2, "relative ack", "1", "0");
  assert_difference ("handshake", client_sends_fewer_bytes, SYNACK_CLIENT, 3, "length", "100", "99");
  assert_difference ("handshake", server_sends_nothing_more, SYNACK_SERVER, 5, "segment", "ACK,FIN", "none");
  assert_difference ("handshake", server_window_scale_7, SYNACK_SERVER, 1, "options",
                     "MSS=1460,SACK_PERM,TS,WS=10", "MSS=1460,SACK_PERM,TS,WS=7");
  assert_difference ("handshake", client_ack_without_timestamps, SYNACK_CLIENT, 2, "options", "TS", "none");
  assert_difference ("lost-syn", retransmission_15_percent_late, SYNACK_CLIENT, 2, "retransmission wait",
                     "1.017 s", "1.170 s");
}

static void
test_what_is_not_compared (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("handshake");
  g_autoptr (SynackCapture) capture = lesson_as_capture (trace);
  g_autoptr (SynackTrace) lost_syn = synack_test_run_preset ("lost-syn");
  g_autoptr (SynackCapture) late = lesson_as_capture (lost_syn);
  g_auto (SynackCaptureDifference) diff = { 0 };
  g_auto (SynackCaptureDifference) late_diff = { 0 };

  /* PSH is the sender's choice, not TCP state; a retransmission 5 % late
   * is a kernel timer's tick, not a wrong RTO. */
  server_psh_set (capture->trace);
  /* Nor the TSvals: each machine's clock is its own. */
  server_clock_elsewhere (capture->trace);
  g_assert_false (synack_capture_compare (capture->trace, trace, &diff));
  shift_from_second_syn (late->trace, 0.05);
  g_assert_false (synack_capture_compare (late->trace, lost_syn, &late_diff));
}

/* The pcapng export writes the options' bytes and the import reads them
 * back, each value as it was; windows go out scaled once both SYNs
 * offered window scaling, and come back in bytes. */
static void
test_options_survive_export (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("simultaneous-open");
  g_autoptr (SynackCapture) capture = lesson_as_capture (trace);
  guint n = 0;

  for (size_t i = 0, j = 0; i < trace->n_events; i++)
    {
      const SynackEvent *sent = &trace->events[i];
      const SynackEvent *read;
      const SynackOptions *a = &sent->hdr.options, *b;

      if (sent->type != SYNACK_EVENT_SEND)
        continue;
      while (capture->trace->events[j].type != SYNACK_EVENT_SEND)
        j++;
      read = &capture->trace->events[j++];
      b = &read->hdr.options;
      g_assert_cmpuint (a->present, ==, b->present);
      g_assert_cmpuint (a->mss, ==, b->mss);
      g_assert_cmpuint (a->wscale, ==, b->wscale);
      g_assert_cmpuint (a->tsval, ==, b->tsval);
      g_assert_cmpuint (a->tsecr, ==, b->tsecr);
      g_assert_cmpuint (synack_options_sack_blocks_sent (a), ==, b->n_sack);
      for (unsigned k = 0; k < b->n_sack; k++)
        {
          g_assert_cmpuint (a->sack[k].start, ==, b->sack[k].start);
          g_assert_cmpuint (a->sack[k].end, ==, b->sack[k].end);
        }
      /* After the SYNs the window (64512: the engine offers whole units of
       * 1024, as Linux does) goes out as 63 and reads back as it was. */
      g_assert_cmpuint (read->hdr.win, ==, sent->hdr.win);
      n++;
    }
  g_assert_cmpuint (n, ==, count_sends (trace));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/capture/compare/every-lesson-matches-its-export", test_every_lesson_matches_its_export);
  g_test_add_func ("/capture/compare/each-field", test_each_field);
  g_test_add_func ("/capture/compare/not-compared", test_what_is_not_compared);
  g_test_add_func ("/capture/options-survive-export", test_options_survive_export);
  return g_test_run ();
}
