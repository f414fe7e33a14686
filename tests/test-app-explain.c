/* test-app-explain.c: the side panel's plain-language descriptions of events. */
#include "synack-config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "synack-explain.h"

static void
test_time (void)
{
  static const struct { SynackTime t; const char *text; } cases[] = {
    { 0, "0 s" },
    { 250, "250 µs" },
    { SYNACK_MS (50), "50 ms" },
    { SYNACK_MS (1050), "1.05 s" },
    { SYNACK_SEC (60), "60 s" },
    { SYNACK_MS (60110), "60.11 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = synack_explain_time (cases[i].t);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
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

  syn = synack_explain_sentence (&trace, 0);
  g_assert_nonnull (strstr (syn, "SYN"));
  g_assert_nonnull (strstr (syn, "1000"));
  lost = synack_explain_sentence (&trace, 1);
  g_assert_nonnull (strstr (lost, "loses"));
  rexmit = synack_explain_sentence (&trace, 2);
  g_assert_nonnull (strstr (rexmit, "retransmission 1"));
  est = synack_explain_sentence (&trace, 3);
  g_assert_cmpstr (est, ==, "The client’s SYN was acknowledged, so it enters ESTABLISHED and sends the final ACK.");
  summary = synack_explain_summary (&trace, 3);
  g_assert_cmpstr (summary, ==, "SYN_SENT → ESTABLISHED");

  synack_trace_clear (&trace);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/explain/time", test_time);
  g_test_add_func ("/app/explain/handshake", test_handshake_sentences);
  return g_test_run ();
}
