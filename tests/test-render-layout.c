/* test-render-layout.c: the diagram's geometry: arrows at event times, lost marks, axis breaks, no overlapping labels. */
#include <math.h>
#include <string.h>

#include "synack-diagram-layout-private.h"
#include "synack-i18n.h"
#include "synack-render.h"
#include "synack-test-overlaps.h"
#include "synack-test-text.h"
#include "synack-scenario.h"
#include "test-render-traces.h"

static SynackDiagramLayout *
layout_for (const SynackTrace *trace, const char *theme_name, SynackTimeAxisMode mode)
{
  g_autoptr (SynackTheme) theme = synack_theme_new (theme_name, 1, NULL);
  SynackDiagramOptions options;

  g_assert_nonnull (theme);
  synack_diagram_options_init (&options);
  options.theme = theme;
  options.axis_mode = mode;
  return synack_diagram_layout_new (trace, &options);
}

static void
test_arrow_endpoints (void)
{
  for (const char *const *name = test_lesson_names (); *name; name++)
    {
      SynackTrace *trace = test_lesson_trace (*name);
      g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
      double xc = synack_diagram_layout_lifeline_x (layout, SYNACK_CLIENT);
      double xs = synack_diagram_layout_lifeline_x (layout, SYNACK_SERVER);
      size_t n_arrows, n_sends = 0;
      const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);

      g_test_message ("lesson %s", *name);
      g_assert_cmpfloat (xc, <, xs);
      for (size_t i = 0; i < trace->n_events; i++)
        if (trace->events[i].type == SYNACK_EVENT_SEND || trace->events[i].type == SYNACK_EVENT_DUPLICATE)
          n_sends++;
      g_assert_cmpuint (n_arrows, ==, n_sends);

      for (size_t i = 0; i < n_arrows; i++)
        {
          const SynackDiagramArrow *a = &arrows[i];
          const SynackEvent *send = &trace->events[a->send_event];
          double from_x = a->from == SYNACK_CLIENT ? xc : xs, to_x = a->from == SYNACK_CLIENT ? xs : xc;

          g_assert_cmpint (send->t, ==, a->t_send);
          /* At the send time; segments sent together on one path are
           * fanned out by less than a text line so each can be seen. */
          g_assert_cmpfloat (a->y0, >=, synack_diagram_layout_y_for_time (layout, send->t) - 1e-9);
          g_assert_cmpfloat (a->y0, <, synack_diagram_layout_y_for_time (layout, send->t) + 13);
          /* Starts at the sender's lifeline, heads for the receiver's. */
          g_assert_cmpfloat (fabs (a->x0 - from_x), <, fabs (a->x0 - to_x));
          g_assert_cmpfloat (fabs (a->xa - to_x), <, fabs (a->xa - from_x));
          if (a->end_event >= 0)
            {
              const SynackEvent *end = &trace->events[a->end_event];

              g_assert_cmpuint (end->seg, ==, a->seg);
              g_assert_cmpint (end->t, ==, a->t_end);
              g_assert_cmpfloat_with_epsilon (a->ya - a->y0, synack_diagram_layout_y_for_time (layout, end->t) -
                                              synack_diagram_layout_y_for_time (layout, send->t), 1e-9);
              /* It slants by the delay. */
              if (end->t > send->t)
                g_assert_cmpfloat (a->ya, >, a->y0);
            }
          if (a->fate == SYNACK_ARROW_DELIVERED)
            {
              g_assert_cmpfloat (a->x1, ==, a->xa);
              g_assert_cmpfloat (a->y1, ==, a->ya);
            }
        }
      test_trace_free (trace);
    }
}

static void
test_lost_between_lifelines (void)
{
  const char *lessons[] = { "syn-loss", "lost-last-ack", "syn-timeout" };

  for (size_t k = 0; k < G_N_ELEMENTS (lessons); k++)
    {
      SynackTrace *trace = test_lesson_trace (lessons[k]);
      g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
      double xc = synack_diagram_layout_lifeline_x (layout, SYNACK_CLIENT);
      double xs = synack_diagram_layout_lifeline_x (layout, SYNACK_SERVER);
      size_t n_arrows, n_lost = 0, n_lost_events = 0, n_labels;
      const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
      const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);

      for (size_t i = 0; i < trace->n_events; i++)
        n_lost_events += trace->events[i].type == SYNACK_EVENT_LOST;
      for (size_t i = 0; i < n_arrows; i++)
        {
          const SynackDiagramArrow *a = &arrows[i];

          if (a->fate != SYNACK_ARROW_LOST)
            continue;
          n_lost++;
          g_assert_cmpint (trace->events[a->end_event].type, ==, SYNACK_EVENT_LOST);
          /* The ✕ is clearly between the lifelines, not on either. */
          g_assert_cmpfloat (a->x1, >, xc + 0.2 * (xs - xc));
          g_assert_cmpfloat (a->x1, <, xs - 0.2 * (xs - xc));
          g_assert_cmpfloat (a->y1, >, a->y0);
          g_assert_cmpfloat (a->y1, <, a->ya);
          g_assert_cmpfloat (a->head.x, <, a->x1);
          g_assert_cmpfloat (a->head.x + a->head.width, >, a->x1);
          g_assert_cmpint (a->lost_label, >=, 0);
          g_assert_cmpstr (labels[a->lost_label].text, ==, "lost");
        }
      g_assert_cmpuint (n_lost, ==, n_lost_events);
      g_assert_cmpuint (n_lost, >, 0);
      test_trace_free (trace);
    }
}

static void
test_compressed_gaps (void)
{
  const char *lessons[] = { "handshake-close", "syn-timeout", "lost-last-ack" };

  for (size_t k = 0; k < G_N_ELEMENTS (lessons); k++)
    {
      SynackTrace *trace = test_lesson_trace (lessons[k]);
      SynackDiagramOptions options;
      g_autoptr (SynackDiagramLayout) compressed = NULL;
      size_t n_breaks, n_labels;
      const SynackDiagramBreak *breaks;
      const SynackDiagramLabel *labels;
      SynackTime prev = 0;

      synack_diagram_options_init (&options);
      options.px_per_second = 1200;
      compressed = synack_diagram_layout_new (trace, &options);
      breaks = synack_diagram_layout_get_breaks (compressed, &n_breaks);
      labels = synack_diagram_layout_get_labels (compressed, &n_labels);

      g_test_message ("lesson %s: %zu breaks", lessons[k], n_breaks);
      g_assert_cmpuint (n_breaks, >, 0);
      for (size_t i = 0; i < n_breaks; i++)
        {
          const SynackDiagramBreak *b = &breaks[i];
          /* Its length at the scale of the proportional stretches. */
          double real = (double) (b->t1 - b->t0) / 1e6 * 1200;
          const SynackDiagramLabel *l = &labels[b->label];

          g_assert_cmpfloat (b->y1 - b->y0, <, real);
          g_assert_cmpfloat (b->y1 - b->y0, >, 0);
          g_assert_cmpfloat_with_epsilon (b->y0, synack_diagram_layout_y_for_time (compressed, b->t0), 1e-9);
          g_assert_cmpint (l->kind, ==, SYNACK_LABEL_BREAK);
          /* Marked with its real length, inside the squeezed stretch. */
          g_assert_true (g_str_has_prefix (l->text, "… "));
          g_assert_true (g_str_has_suffix (l->text, " …"));
          g_assert_nonnull (strstr (l->text, "s"));
          g_assert_cmpfloat (l->box.y, >=, b->y0);
          g_assert_cmpfloat (l->box.y + l->box.height, <=, b->y1);
        }

      /* Every stretch drawn shorter than proportional is one of the breaks. */
      for (size_t i = 0; i <= trace->n_events; i++)
        {
          SynackTime t = i < trace->n_events ? trace->events[i].t : trace->end_time;
          double dc, dp;
          gboolean marked = FALSE;

          if (t <= prev)
            continue;
          dc = synack_diagram_layout_y_for_time (compressed, t) - synack_diagram_layout_y_for_time (compressed, prev);
          dp = (double) (t - prev) / 1e6 * 1200;
          for (size_t b = 0; b < n_breaks; b++)
            marked |= breaks[b].t0 == prev && breaks[b].t1 == t;
          if (dc < dp - 0.5)
            g_assert_true (marked);
          prev = t;
        }

      /* The 60 s TIME_WAIT visibly dwarfs the handshake, as it does in
       * time, yet stays within a screen. */
      if (strcmp (lessons[k], "handshake-close") == 0)
        {
          double handshake = synack_diagram_layout_y_for_time (compressed, SYNACK_MS (150)) -
                             synack_diagram_layout_y_for_time (compressed, 0);
          double tw = synack_diagram_layout_y_for_time (compressed, trace->end_time) -
                      synack_diagram_layout_y_for_time (compressed, trace->end_time - SYNACK_SEC (60));
          g_assert_cmpfloat (tw, >, 2 * handshake);
          g_assert_cmpfloat (tw, <, 1000);
        }
      test_trace_free (trace);
    }
}

static void
test_no_overlaps (void)
{
  const char *const *themes = synack_theme_names ();

  for (const char *const *name = test_lesson_names (); *name; name++)
    for (const char *const *theme = themes; *theme; theme++)
      for (int mode = SYNACK_TIME_AXIS_COMPRESSED; mode <= SYNACK_TIME_AXIS_PER_EVENT; mode++)
        {
          SynackTrace *trace = test_lesson_trace (*name);
          g_autoptr (SynackDiagramLayout) layout = layout_for (trace, *theme, mode);
          g_autofree char *what = g_strdup_printf ("%s/%s/%d", *name, *theme, mode);

          synack_test_assert_no_overlaps (layout, what);
          test_trace_free (trace);
        }
}

/* Labels collide by construction in a crowded chart: the check must catch it. */
static void
test_overlap_check_can_fail (void)
{
  if (g_test_subprocess ())
    {
      SynackTrace *trace = test_lesson_trace ("handshake-close");
      g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
      size_t n;
      SynackDiagramLabel *labels = (SynackDiagramLabel *) synack_diagram_layout_get_labels (layout, &n);

      labels[1].box = labels[0].box;
      synack_test_assert_no_overlaps (layout, "tampered");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*overlap*");
}

static void
test_states_and_transitions (void)
{
  SynackTrace *trace = test_lesson_trace ("simultaneous-close");
  g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
  size_t n_bands, n_labels;
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);
  int closing[2] = { 0, 0 }, time_wait[2] = { 0, 0 };

  for (size_t i = 0; i < n_bands; i++)
    {
      const SynackDiagramBand *b = &bands[i];

      g_assert_cmpstr (labels[b->label].text, ==, synack_state_to_string (b->state));
      g_assert_cmpfloat (b->y1, >=, b->y0);
      if (b->event >= 0)
        {
          const SynackEvent *e = &trace->events[b->event];

          g_assert_cmpint (e->type, ==, SYNACK_EVENT_STATE);
          g_assert_cmpfloat_with_epsilon (b->y0, synack_diagram_layout_y_for_time (layout, e->t), 1e-9);
          /* The name starts where the band does. */
          g_assert_cmpfloat (fabs (labels[b->label].box.y - b->y0), <, 30);
        }
      closing[b->host] += b->state == SYNACK_STATE_CLOSING;
      time_wait[b->host] += b->state == SYNACK_STATE_TIME_WAIT;
    }
  g_assert_cmpint (closing[0], ==, 1);
  g_assert_cmpint (closing[1], ==, 1);
  g_assert_cmpint (time_wait[0], ==, 1);
  g_assert_cmpint (time_wait[1], ==, 1);
  test_trace_free (trace);
}

static void
test_timers (void)
{
  SynackTrace *trace = test_lesson_trace ("syn-timeout");
  g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
  size_t n, n_labels;
  const SynackDiagramTimer *timers = synack_diagram_layout_get_timers (layout, &n);
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);
  const char *expected[] = { "RTO 1 s", "RTO 2 s", "RTO 4 s", "RTO 8 s" };
  double last_height = 0;

  g_assert_cmpuint (n, ==, 4);
  for (size_t i = 0; i < n; i++)
    {
      g_assert_cmpint (timers[i].end_action, ==, SYNACK_TIMER_EXPIRE);
      g_assert_cmpint (timers[i].label, >=, 0);
      g_assert_cmpstr (labels[timers[i].label].text, ==, expected[i]);
      /* The back-off is visible: each bar longer than the one before. */
      g_assert_cmpfloat (timers[i].y1 - timers[i].y0, >, last_height);
      last_height = timers[i].y1 - timers[i].y0;
    }
  test_trace_free (trace);

  /* TIME_WAIT restarted by the retransmitted FIN: the cut-short bar and the new one. */
  trace = test_lesson_trace ("lost-last-ack");
  {
    g_autoptr (SynackDiagramLayout) l2 = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
    const SynackDiagramTimer *t2 = synack_diagram_layout_get_timers (l2, &n);
    const SynackDiagramLabel *lb2 = synack_diagram_layout_get_labels (l2, &n_labels);
    const SynackDiagramTimer *tw[2] = { NULL, NULL };
    int n_tw = 0, n_delack = 0;

    for (size_t i = 0; i < n; i++)
      {
        if (t2[i].kind == SYNACK_TIMER_TIME_WAIT && n_tw < 2)
          tw[n_tw++] = &t2[i];
        if (t2[i].kind == SYNACK_TIMER_DELAYED_ACK)
          {
            g_autofree char *text = g_strdup (lb2[t2[i].label].text);

            n_delack++;
            /* On one line or, beside a narrow lane, two. */
            g_assert_cmpstr (g_strdelimit (text, "\n", ' '), ==, "delayed ACK 40 ms");
          }
      }
    g_assert_cmpint (n_tw, ==, 2);
    g_assert_cmpint (n_delack, ==, 1);
    g_assert_cmpint (tw[0]->end_action, ==, SYNACK_TIMER_START);
    g_assert_cmpfloat (tw[0]->y_expires, >, tw[0]->y1);
    g_assert_cmpint (tw[1]->end_action, ==, SYNACK_TIMER_EXPIRE);
    /* Two lines: a label this long would widen the whole side. */
    g_assert_cmpstr (lb2[tw[0]->label].text, ==, "TIME_WAIT\n2MSL 60 s");
    g_assert_cmpstr (lb2[tw[1]->label].text, ==, "TIME_WAIT\n2MSL 60 s");
    /* Side by side, so both can be seen. */
    g_assert_cmpfloat (tw[0]->x, !=, tw[1]->x);
  }
  test_trace_free (trace);
}

static void
test_axis_modes (void)
{
  SynackTrace *trace = test_lesson_trace ("lost-last-ack");
  SynackDiagramOptions options;
  g_autoptr (SynackDiagramLayout) prop = NULL;
  g_autoptr (SynackDiagramLayout) rows = NULL;
  double d1, d2, r1, r2;

  synack_diagram_options_init (&options);
  options.axis_mode = SYNACK_TIME_AXIS_PROPORTIONAL;
  options.px_per_second = 1000;
  prop = synack_diagram_layout_new (trace, &options);
  d1 = synack_diagram_layout_y_for_time (prop, SYNACK_MS (100)) - synack_diagram_layout_y_for_time (prop, 0);
  d2 = synack_diagram_layout_y_for_time (prop, SYNACK_SEC (10)) - synack_diagram_layout_y_for_time (prop, SYNACK_SEC (9));
  g_assert_cmpfloat_with_epsilon (d1, 100, 1e-6);
  g_assert_cmpfloat_with_epsilon (d2, 1000, 1e-6);
  g_assert_cmpuint (({ size_t n; synack_diagram_layout_get_breaks (prop, &n); n; }), ==, 0);

  options.axis_mode = SYNACK_TIME_AXIS_PER_EVENT;
  rows = synack_diagram_layout_new (trace, &options);
  /* 0 -> 50 ms and the 60 s TIME_WAIT are one row each, whatever their
   * length; the TIME_WAIT's is marked as a break with its true length. */
  r1 = synack_diagram_layout_y_for_time (rows, SYNACK_MS (50)) - synack_diagram_layout_y_for_time (rows, 0);
  r2 = synack_diagram_layout_y_for_time (rows, trace->end_time) -
       synack_diagram_layout_y_for_time (rows, trace->events[trace->n_events - 3].t);
  g_assert_cmpfloat (r1, >, 0);
  g_assert_cmpfloat (r2, <, 2 * r1);
  {
    size_t n, n_labels;
    const SynackDiagramBreak *breaks = synack_diagram_layout_get_breaks (rows, &n);
    const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (rows, &n_labels);

    g_assert_cmpuint (n, >, 0);
    g_assert_cmpint (breaks[n - 1].t1, ==, trace->end_time);
    g_assert_cmpstr (labels[breaks[n - 1].label].text, ==, "… 59.95 s …");
    for (size_t i = 0; i < n; i++)
      g_assert_cmpfloat_with_epsilon (breaks[i].y1 - breaks[i].y0, r2, 1e-6);
  }
  test_trace_free (trace);
}

static void
test_time_roundtrip_and_events (void)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
  double last = -1;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      SynackTime t = trace->events[i].t;
      double y = synack_diagram_layout_y_for_time (layout, t);

      g_assert_cmpint (llabs (synack_diagram_layout_time_for_y (layout, y) - t), <=, 1);
      g_assert_cmpfloat (synack_diagram_layout_y_for_event (layout, (long) i), ==, y);
      g_assert_cmpfloat (y, >=, last);
      last = y;
    }
  /* Between events too: monotonic. */
  g_assert_cmpfloat (synack_diagram_layout_y_for_time (layout, SYNACK_SEC (30)), >,
                     synack_diagram_layout_y_for_time (layout, SYNACK_SEC (10)));
  g_assert_cmpint (synack_diagram_cursor_time (layout, 0, 0), ==, 0);
  g_assert_cmpint (synack_diagram_cursor_time (layout, SYNACK_DIAGRAM_ALL, 0), ==, trace->end_time);
  {
    /* Halfway from the SYN's send to the next event time. */
    long k = 0;
    while (trace->events[k + 1].t == 0)
      k++;
    g_assert_cmpint (synack_diagram_cursor_time (layout, k, 0.5), ==, trace->events[k + 1].t / 2);
  }
  test_trace_free (trace);
}

static void
test_hit_test (void)
{
  SynackTrace *trace = test_lesson_trace ("syn-loss");
  g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
  size_t n_arrows, n_labels;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);

  for (size_t i = 0; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      const cairo_rectangle_t *box = &labels[a->label].box;

      g_assert_cmpint (trace->events[a->send_event].type, ==, SYNACK_EVENT_SEND);
      g_assert_cmpint (synack_diagram_layout_hit_test (layout, box->x + box->width / 2, box->y + box->height / 2),
                       ==, a->send_event);
      /* On the line, near its start (labels sit further along). */
      g_assert_cmpint (synack_diagram_layout_hit_test (layout, a->x0 + (a->x1 - a->x0) * 0.05,
                                                       a->y0 + (a->y1 - a->y0) * 0.05 + 1),
                       ==, a->send_event);
    }
  g_assert_cmpint (synack_diagram_layout_hit_test (layout, 2, 2), ==, -1);
  g_assert_cmpint (synack_diagram_layout_hit_test (layout, synack_diagram_layout_get_width (layout) - 2,
                                                   synack_diagram_layout_get_height (layout) / 2), ==, -1);
  test_trace_free (trace);
}

static void
test_text_scale (void)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  SynackDiagramOptions options;
  g_autoptr (SynackDiagramLayout) normal = NULL;
  g_autoptr (SynackDiagramLayout) big = NULL;
  size_t n1, n2;
  const SynackDiagramLabel *l1, *l2;

  synack_diagram_options_init (&options);
  normal = synack_diagram_layout_new (trace, &options);
  options.text_scale = 2;
  big = synack_diagram_layout_new (trace, &options);
  l1 = synack_diagram_layout_get_labels (normal, &n1);
  l2 = synack_diagram_layout_get_labels (big, &n2);
  g_assert_cmpuint (n1, ==, n2);
  for (size_t i = 0; i < n1; i++)
    if (l1[i].event != -2 && l1[i].kind == SYNACK_LABEL_SEGMENT)
      g_assert_cmpfloat (fabs (l2[i].box.width / l1[i].box.width - 2), <, 0.1);
  g_assert_cmpfloat (synack_diagram_layout_get_width (big), >, 1.8 * synack_diagram_layout_get_width (normal));
  synack_test_assert_no_overlaps (big, "text scale 2");
  test_trace_free (trace);
}

static void
test_addresses (void)
{
  SynackTrace *trace = test_lesson_trace ("handshake-close");
  g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);
  int found = 0;

  for (size_t i = 0; i < n; i++)
    if (labels[i].kind == SYNACK_LABEL_HOST)
      {
        found++;
        g_assert_true (strstr (labels[i].text, "10.0.0.1:40000") || strstr (labels[i].text, "10.0.0.2:80"));
      }
  g_assert_cmpint (found, ==, 2);
  test_trace_free (trace);
}

/* Each label's box holds its text as pango draws it: a width guessed from
 * the number of characters would be too narrow for Chinese. */
static void
assert_text_fits (const SynackDiagramLayout *layout, const char *what)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);

  for (size_t i = 0; i < n; i++)
    {
      g_autoptr (PangoLayout) pl = NULL;
      PangoRectangle ink;

      if (labels[i].event == -2)
        continue;
      pl = synack_render_text_layout (layout, labels[i].kind, labels[i].text);
      pango_layout_get_extents (pl, &ink, NULL);
      if ((double) ink.width / PANGO_SCALE > labels[i].box.width + 0.5 ||
          (double) ink.height / PANGO_SCALE > labels[i].box.height + 0.5)
        g_error ("%s: label “%s” is %.1f × %.1f, its box %.1f × %.1f", what, labels[i].text,
                 (double) ink.width / PANGO_SCALE, (double) ink.height / PANGO_SCALE,
                 labels[i].box.width, labels[i].box.height);
    }
}

/* Each label's box is its text's logical size as pango shapes it, to the
 * Pango unit, padding around: the measure that sums ASCII from letters and
 * pairs instead of shaping must agree with shaping. */
static void
assert_measured_exactly (const SynackDiagramLayout *layout, const char *what)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);

  for (size_t i = 0; i < n; i++)
    {
      g_autoptr (PangoLayout) pl = NULL;
      PangoRectangle logical;

      if (labels[i].event == -2)
        continue;
      pl = synack_render_text_layout (layout, labels[i].kind, labels[i].text);
      pango_layout_get_extents (pl, NULL, &logical);
      if (labels[i].box.width != (double) logical.width / PANGO_SCALE + 2 * layout->label_pad ||
          labels[i].box.height != (double) logical.height / PANGO_SCALE + 2 * layout->label_pad_y)
        g_error ("%s: label “%s” is %.4f × %.4f with its padding, its box %.4f × %.4f", what, labels[i].text,
                 (double) logical.width / PANGO_SCALE + 2 * layout->label_pad,
                 (double) logical.height / PANGO_SCALE + 2 * layout->label_pad_y,
                 labels[i].box.width, labels[i].box.height);
    }
}

/* Texts where summing letters would go wrong: ligatures (fi, fl, ff,
 * ffi, one glyph each), kerned pairs (AV, Ta), text beside them, Chinese,
 * two lines, an empty one. */
static void
test_measure_matches_pango (void)
{
  static const char *const texts[] = {
    "office", "Afi", "Afl", "baffle", "ffi ffl", "fifty fl", "AVA Ta To. Wa", "ACK PSH seq=1001 ack=5001 len=100",
    "12.345 s", "f", "i", "RTO 200 ms", "丢失", "FIN seq=1 重传 1", "SYN seq=1000\nretransmission 1", "",
  };
  SynackTrace *trace = test_lesson_trace (test_lesson_names ()[0]);

  g_assert_nonnull (trace);
  for (const char *const *theme = synack_theme_names (); *theme; theme++)
    {
      g_autoptr (SynackDiagramLayout) layout = layout_for (trace, *theme, SYNACK_TIME_AXIS_COMPRESSED);
      SynackTextMeasure *measure = synack_text_measure_new (layout);

      for (int kind = 0; kind < SYNACK_N_LABEL_KINDS; kind++)
        for (size_t i = 0; i < G_N_ELEMENTS (texts); i++)
          {
            g_autoptr (PangoLayout) pl = synack_render_text_layout (layout, kind, texts[i]);
            PangoRectangle logical;
            int width, height;

            pango_layout_get_extents (pl, NULL, &logical);
            synack_text_measure_size (measure, kind, texts[i], &width, &height);
            if (width != logical.width || height != logical.height)
              g_error ("%s, kind %d: “%s” measured %d × %d, shaped %d × %d", *theme, kind, texts[i],
                       width, height, logical.width, logical.height);
          }
      synack_text_measure_free (measure);
    }
  test_trace_free (trace);
}

/* Every built-in lesson, as the engine runs it, in every theme and axis
 * mode; returns how many labels hold Chinese text. */
static guint
check_presets (void)
{
  g_auto (GStrv) presets = synack_preset_list ();
  guint n = 0, han = 0;

  for (guint i = 0; presets[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (presets[i], &error);
      g_autoptr (SynackTrace) trace = NULL;

      g_assert_no_error (error);
      trace = synack_scenario_run (scenario, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (trace->n_events, >, 0);
      for (const char *const *theme = synack_theme_names (); *theme; theme++)
        for (int mode = SYNACK_TIME_AXIS_COMPRESSED; mode <= SYNACK_TIME_AXIS_PER_EVENT; mode++)
          {
            g_autoptr (SynackDiagramLayout) layout = layout_for (trace, *theme, mode);
            g_autofree char *what = g_strdup_printf ("preset %s/%s/%d", presets[i], *theme, mode);
            size_t n_arrows, n_sends = 0;

            const SynackDiagramLabel *labels;
            size_t n_labels;

            synack_test_assert_no_overlaps (layout, what);
            assert_text_fits (layout, what);
            assert_measured_exactly (layout, what);
            /* What an export checks before laying out is a true bound. */
            {
              SynackDiagramOptions options;
              g_autoptr (SynackTheme) t = synack_theme_new (*theme, 1, NULL);

              synack_diagram_options_init (&options);
              options.theme = t;
              options.axis_mode = mode;
              g_assert_cmpfloat (synack_diagram_layout_min_height (trace, &options), <=,
                                 synack_diagram_layout_get_height (layout));
              g_assert_cmpfloat (synack_diagram_layout_min_height (trace, &options), >,
                                 0.5 * synack_diagram_layout_get_height (layout));
              {
                double min_w, min_h;

                synack_diagram_layout_min_size (trace, &options, &min_w, &min_h);
                g_assert_cmpfloat (min_w, <=, synack_diagram_layout_get_width (layout));
                g_assert_cmpfloat (min_w, >, 0.3 * synack_diagram_layout_get_width (layout));
              }
            }
            labels = synack_diagram_layout_get_labels (layout, &n_labels);
            for (size_t l = 0; l < n_labels; l++)
              han += labels[l].event != -2 && synack_test_has_han (labels[l].text);
            synack_diagram_layout_get_arrows (layout, &n_arrows);
            for (size_t e = 0; e < trace->n_events; e++)
              n_sends += trace->events[e].type == SYNACK_EVENT_SEND || trace->events[e].type == SYNACK_EVENT_DUPLICATE;
            g_assert_cmpuint (n_arrows, ==, n_sends);
          }
      n++;
    }
  g_test_message ("%u presets checked", n);
  g_assert_cmpuint (n, >, 0);
  return han;
}

static void
test_presets_no_overlaps (void)
{
  guint han;

  synack_i18n_set_language ("en");
  han = check_presets ();
  synack_i18n_set_language (NULL);
  g_assert_cmpuint (han, ==, 0);
}

/* Chinese labels are measured, not assumed: wider glyphs must not overlap
 * either. The labels must really be Chinese, or the check proves nothing. */
static void
test_presets_no_overlaps_chinese (void)
{
  guint han;

  synack_i18n_set_language ("zh_CN");
  han = check_presets ();
  synack_i18n_set_language (NULL);
  g_test_message ("%u labels in Chinese", han);
  g_assert_cmpuint (han, >, 0);
}

static void
test_big_trace_layout (void)
{
  SynackTrace *trace = test_bulk_trace (2000);
  g_autoptr (SynackDiagramLayout) layout = layout_for (trace, "light", SYNACK_TIME_AXIS_COMPRESSED);
  size_t n;

  synack_diagram_layout_get_arrows (layout, &n);
  g_assert_cmpuint (n, >=, 2000);
  synack_test_assert_no_overlaps (layout, "bulk");
  assert_measured_exactly (layout, "bulk");
  test_trace_free (trace);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/layout/arrow-endpoints", test_arrow_endpoints);
  g_test_add_func ("/render/layout/lost-between-lifelines", test_lost_between_lifelines);
  g_test_add_func ("/render/layout/compressed-gaps", test_compressed_gaps);
  g_test_add_func ("/render/layout/no-overlaps", test_no_overlaps);
  g_test_add_func ("/render/layout/overlap-check-can-fail", test_overlap_check_can_fail);
  g_test_add_func ("/render/layout/states", test_states_and_transitions);
  g_test_add_func ("/render/layout/timers", test_timers);
  g_test_add_func ("/render/layout/axis-modes", test_axis_modes);
  g_test_add_func ("/render/layout/time-roundtrip", test_time_roundtrip_and_events);
  g_test_add_func ("/render/layout/hit-test", test_hit_test);
  g_test_add_func ("/render/layout/text-scale", test_text_scale);
  g_test_add_func ("/render/layout/addresses", test_addresses);
  g_test_add_func ("/render/layout/bulk", test_big_trace_layout);
  g_test_add_func ("/render/layout/measure-matches-pango", test_measure_matches_pango);
  g_test_add_func ("/render/layout/presets-no-overlaps", test_presets_no_overlaps);
  g_test_add_func ("/render/layout/presets-no-overlaps-zh-cn", test_presets_no_overlaps_chinese);
  return g_test_run ();
}
