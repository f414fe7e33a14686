/* synack-test-util.c: running scenarios and reading captures for the tests. */
#include "synack-test-util.h"

#include <math.h>
#include <string.h>

SynackTrace *
synack_test_run (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "test", &error);
  SynackTrace *trace;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

GError *
synack_test_run_error (const char *text)
{
  GError *error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "test", &error);
  g_autoptr (SynackTrace) trace = NULL;

  if (scenario == NULL)
    return error;
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_null (trace);
  return error;
}

static void
make_relative (GArray *segments)
{
  uint32_t isn[2] = { 0, 0 };
  gboolean known[2] = { FALSE, FALSE };

  for (guint i = 0; i < segments->len; i++)
    {
      SynackTestSegment *s = &g_array_index (segments, SynackTestSegment, i);

      if ((s->flags & SYNACK_FLAG_SYN) && !known[s->dir])
        {
          isn[s->dir] = s->seq;
          known[s->dir] = TRUE;
        }
    }
  for (guint i = 0; i < segments->len; i++)
    {
      SynackTestSegment *s = &g_array_index (segments, SynackTestSegment, i);

      s->seq -= isn[s->dir];
      if (s->flags & SYNACK_FLAG_ACK)
        s->ack -= isn[!s->dir];
      else
        s->ack = 0;
    }
}

guint
synack_test_count_results (const SynackTrace *trace, SynackCall call, SynackResult result)
{
  guint n = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    n += trace->events[i].type == SYNACK_EVENT_APP && trace->events[i].call == call &&
         trace->events[i].result == result;
  return n;
}

GArray *
synack_test_segments_from_trace (const SynackTrace *trace)
{
  return synack_test_segments_of_conn (trace, 0);
}

GArray *
synack_test_segments_of_conn (const SynackTrace *trace, uint32_t conn)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (SynackTestSegment));

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      SynackTestSegment s;

      if (e->type != SYNACK_EVENT_SEND || (conn != 0 && e->conn != conn))
        continue;
      s.dir = e->host == SYNACK_CLIENT ? SYNACK_C2S : SYNACK_S2C;
      s.flags = e->hdr.flags & ~SYNACK_FLAG_PSH;
      s.seq = e->hdr.seq;
      s.ack = e->hdr.ack;
      s.len = e->hdr.len;
      s.t = e->t;
      g_array_append_val (segments, s);
    }
  make_relative (segments);
  return segments;
}

static guint32
read32 (const guint8 *p, gboolean swap)
{
  guint32 v;

  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

GArray *
synack_test_segments_from_pcap (const char *path, uint16_t server_port)
{
  g_autofree guint8 *data = NULL;
  g_autoptr (GError) error = NULL;
  GArray *segments;
  gsize size, pos = 24;
  gboolean swap;
  gint64 t0 = -1;

  g_file_get_contents (path, (char **) &data, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >=, 24);
  if (read32 (data, FALSE) == 0xa1b2c3d4u)
    swap = FALSE;
  else if (read32 (data, TRUE) == 0xa1b2c3d4u)
    swap = TRUE;
  else
    g_error ("%s: not a microsecond libpcap file", path);
  g_assert_cmpuint (read32 (data + 20, swap), ==, 1);  /* LINKTYPE_ETHERNET */

  segments = g_array_new (FALSE, TRUE, sizeof (SynackTestSegment));
  while (pos + 16 <= size)
    {
      gint64 t = (gint64) read32 (data + pos, swap) * 1000000 + read32 (data + pos + 4, swap);
      guint32 caplen = read32 (data + pos + 8, swap);
      const guint8 *frame = data + pos + 16;
      const guint8 *ip, *tcp;
      guint ihl, total, doff;
      SynackTestSegment s;
      guint16 src;

      g_assert_cmpuint (pos + 16 + caplen, <=, size);
      pos += 16 + caplen;
      if (caplen < 14 + 20 + 20 || frame[12] != 0x08 || frame[13] != 0x00)
        continue;
      ip = frame + 14;
      ihl = (ip[0] & 0x0f) * 4u;
      total = (guint) ip[2] << 8 | ip[3];
      if ((ip[0] >> 4) != 4 || ip[9] != 6)
        continue;
      tcp = ip + ihl;
      doff = (tcp[12] >> 4) * 4u;
      src = (guint16) (tcp[0] << 8 | tcp[1]);
      if (t0 < 0)
        t0 = t;
      s.t = t - t0;
      s.dir = src == server_port ? SYNACK_S2C : SYNACK_C2S;
      /* The TCP header sits at an odd offset in the frame: read bytes. */
      s.seq = (guint32) tcp[4] << 24 | (guint32) tcp[5] << 16 | (guint32) tcp[6] << 8 | tcp[7];
      s.ack = (guint32) tcp[8] << 24 | (guint32) tcp[9] << 16 | (guint32) tcp[10] << 8 | tcp[11];
      s.flags = 0;
      if (tcp[13] & 0x02) s.flags |= SYNACK_FLAG_SYN;
      if (tcp[13] & 0x10) s.flags |= SYNACK_FLAG_ACK;
      if (tcp[13] & 0x01) s.flags |= SYNACK_FLAG_FIN;
      if (tcp[13] & 0x04) s.flags |= SYNACK_FLAG_RST;
      s.len = total - ihl - doff;
      g_array_append_val (segments, s);
    }
  make_relative (segments);
  return segments;
}

char *
synack_test_segment_describe (const SynackTestSegment *s)
{
  char flags[32];

  return g_strdup_printf ("%s %s seq=%u ack=%u len=%u", s->dir == SYNACK_C2S ? "C>S" : "S>C",
                          synack_flags_to_string (s->flags, flags, sizeof flags),
                          s->seq, s->ack, s->len);
}

char *
synack_test_segments_describe (GArray *segments)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      g_autofree char *line = synack_test_segment_describe (&g_array_index (segments, SynackTestSegment, i));
      g_string_append_printf (out, "  %10.6f %s\n", g_array_index (segments, SynackTestSegment, i).t / 1e6, line);
    }
  return g_string_free (out, FALSE);
}

char *
synack_test_states (const SynackTrace *trace, SynackHostId host, uint32_t conn)
{
  GString *out = g_string_new (NULL);

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type != SYNACK_EVENT_STATE || e->host != host || e->conn != conn)
        continue;
      if (out->len == 0)
        g_string_append (out, synack_state_to_string (e->from));
      g_string_append_printf (out, " %s", synack_state_to_string (e->to));
    }
  return g_string_free (out, FALSE);
}

long
synack_test_find_timer (const SynackTrace *trace, SynackHostId host, SynackTimerKind timer,
                        SynackTimerAction action, guint nth)
{
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_TIMER && e->host == host && e->timer == timer &&
          e->action == action && nth-- == 0)
        return (long) i;
    }
  return -1;
}

long
synack_test_find_app (const SynackTrace *trace, SynackHostId host, SynackCall call, SynackResult result)
{
  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_APP && e->host == host && e->call == call && e->result == result)
        return (long) i;
    }
  return -1;
}

GArray *
synack_test_send_times (const SynackTrace *trace, SynackHostId host, unsigned flags)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (SynackTime));

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == host &&
          (e->hdr.flags & ~SYNACK_FLAG_PSH) == flags)
        g_array_append_val (times, e->t);
    }
  return times;
}

char *
synack_test_reference_path (const char *name, const char *suffix)
{
  const char *dir = g_getenv ("SYNACK_REFERENCE_DIR");
  char *path;

  /* The captures are part of the tree: a missing one is a broken checkout
   * or a wrong path, and must fail rather than let the comparison pass. */
  if (dir == NULL || *dir == '\0')
    g_error ("SYNACK_REFERENCE_DIR is not set: run the test with meson test");
  path = g_strdup_printf ("%s/%s.%s", dir, name, suffix);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("missing Linux capture %s (the captures live in tests/reference/linux/)", path);
  return path;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The capture's segments within one millisecond of each other were sent in
 * an order decided by timer ticks and softirqs, not by TCP: compare those
 * bursts as sets, and everything else in order. */
void
synack_test_assert_same_segments (const char *name, GArray *expected, GArray *actual)
{
  g_autofree char *want = synack_test_segments_describe (expected);
  g_autofree char *got = synack_test_segments_describe (actual);
  guint start = 0;

  if (expected->len != actual->len)
    g_error ("%s: %u segments in the capture, %u simulated\ncapture:\n%s\nsimulated:\n%s",
             name, expected->len, actual->len, want, got);

  while (start < expected->len)
    {
      SynackTime t0 = g_array_index (expected, SynackTestSegment, start).t;
      g_autoptr (GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) b = g_ptr_array_new_with_free_func (g_free);
      guint end = start;

      while (end < expected->len && g_array_index (expected, SynackTestSegment, end).t - t0 < 1000)
        end++;
      for (guint i = start; i < end; i++)
        {
          g_ptr_array_add (a, synack_test_segment_describe (&g_array_index (expected, SynackTestSegment, i)));
          g_ptr_array_add (b, synack_test_segment_describe (&g_array_index (actual, SynackTestSegment, i)));
        }
      g_ptr_array_sort (a, compare_strings);
      g_ptr_array_sort (b, compare_strings);
      for (guint i = 0; i < a->len; i++)
        if (!g_str_equal (a->pdata[i], b->pdata[i]))
          g_error ("%s: segments %u-%u differ (%s vs %s)\ncapture:\n%s\nsimulated:\n%s",
                   name, start + 1, end, (char *) a->pdata[i], (char *) b->pdata[i], want, got);
      start = end;
    }
}

/* A retransmission repeats an earlier segment of the same direction; its
 * distance from the previous copy is the retransmission timeout. */
void
synack_test_assert_retransmission_times (const char *name, GArray *expected, GArray *actual)
{
  for (guint i = 0; i < expected->len; i++)
    {
      const SynackTestSegment *e = &g_array_index (expected, SynackTestSegment, i);
      g_autofree char *what = synack_test_segment_describe (e);
      SynackTime prev_expected = -1, prev_actual = -1;
      guint seen = 0;

      if (!(e->flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_FIN)) && e->len == 0)
        continue;
      /* Find the previous copy in the capture and the same pair simulated. */
      for (guint j = 0; j < i; j++)
        {
          g_autofree char *other = synack_test_segment_describe (&g_array_index (expected, SynackTestSegment, j));
          if (g_str_equal (other, what))
            {
              prev_expected = g_array_index (expected, SynackTestSegment, j).t;
              seen++;
            }
        }
      if (seen == 0)
        continue;
      {
        guint copies = 0;
        SynackTime this_actual = -1;

        for (guint j = 0; j < actual->len && copies <= seen; j++)
          {
            g_autofree char *other = synack_test_segment_describe (&g_array_index (actual, SynackTestSegment, j));
            if (!g_str_equal (other, what))
              continue;
            if (copies == seen - 1)
              prev_actual = g_array_index (actual, SynackTestSegment, j).t;
            if (copies == seen)
              this_actual = g_array_index (actual, SynackTestSegment, j).t;
            copies++;
          }
        g_assert_cmpint (this_actual, >=, 0);
        {
          double want = (double) (e->t - prev_expected);
          double got = (double) (this_actual - prev_actual);

          if (fabs (got - want) > 0.10 * want)
            g_error ("%s: %s retransmitted after %.3f s, Linux after %.3f s",
                     name, what, got / 1e6, want / 1e6);
        }
      }
    }
}


SynackTrace *
synack_test_run_preset (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (name, &error);
  SynackTrace *trace;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

gboolean
synack_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

const SynackConnInfo *
synack_test_conn_info (const SynackTrace *trace, uint32_t conn)
{
  for (size_t i = 0; i < trace->n_conns; i++)
    if (trace->conns[i].conn == conn)
      return &trace->conns[i];
  g_error ("connection %u is not in the trace", conn);
  return NULL;
}

gboolean
synack_test_trace_has_forged (const SynackTrace *trace)
{
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND && trace->events[i].hdr.spoofed_addr != 0)
      return TRUE;
  return FALSE;
}
