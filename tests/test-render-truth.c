/* test-render-truth.c: the diagram says what the trace says: each band is its socket's state, gaps grow with the waits they stand for, labels stay on their arrows, the overview is to scale. */
#include <math.h>
#include <string.h>

#include "synack-diagram-layout-private.h"
#include "synack-render.h"
#include "synack-scenario.h"
#include "synack-test-util.h"

/* The tallest a lesson may be on the proportional axis, at text scale 1. */
#define PROPORTIONAL_MAX_HEIGHT 4500

static SynackDiagramLayout *
layout_in_mode (const SynackTrace *trace, SynackTimeAxisMode mode)
{
  SynackDiagramOptions options;

  synack_diagram_options_init (&options);
  options.axis_mode = mode;
  return synack_diagram_layout_new (trace, &options);
}

/* The index of the socket's next state change after event `after`, or -1. */
static long
next_state_event (const SynackTrace *trace, SynackHostId host, uint32_t conn, long after)
{
  for (size_t i = (size_t) (after + 1); i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      if (e->type == SYNACK_EVENT_STATE && e->host == host && e->conn == conn)
        return (long) i;
    }
  return -1;
}

static void
assert_band_true (const SynackDiagramLayout *layout, const SynackDiagramBand *b, const char *what)
{
  const SynackTrace *trace = layout->trace;
  const char *name = synack_state_to_string (b->state);
  const char *text = LABEL (layout, b->label)->text;
  long next;

  if (strstr (text, name) == NULL)
    g_error ("%s: a %s band is labelled “%s”", what, name, text);
  if (b->event < 0)
    {
      /* The lifeline before anything happened: CLOSED until the host's
       * first change, which must leave CLOSED. */
      g_assert_cmpint (b->state, ==, SYNACK_STATE_CLOSED);
      g_assert_cmpfloat (b->y0, ==, layout->top);
      for (long i = 0; i < (b->end_event < 0 ? (long) trace->n_events : b->end_event); i++)
        g_assert_false (trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].host == b->host);
      if (b->end_event >= 0)
        {
          const SynackEvent *end = &trace->events[b->end_event];
          g_assert_cmpint (end->type, ==, SYNACK_EVENT_STATE);
          g_assert_cmpuint (end->conn, ==, b->conn);
          g_assert_cmpint (end->from, ==, SYNACK_STATE_CLOSED);
        }
      return;
    }

  {
    const SynackEvent *e = &trace->events[b->event];

    if (e->type != SYNACK_EVENT_STATE || e->host != b->host || e->conn != b->conn || e->to != b->state)
      g_error ("%s: band %s of conn %u on %s at event %ld does not match its event", what, name, b->conn,
               synack_host_to_string (b->host), b->event);
    g_assert_cmpfloat (fabs (b->y0 - synack_diagram_layout_y_for_time (layout, e->t)), <, 1e-6);
  }
  if (b->conn != 0 && trace->n_conns > 1)
    {
      g_autofree char *number = g_strdup_printf ("#%u", b->conn);
      g_assert_nonnull (strstr (text, number));
    }

  next = next_state_event (trace, b->host, b->conn, b->event);
  if (b->state == SYNACK_STATE_CLOSED)
    {
      /* A socket that closed is gone: its band is the moment only. */
      g_assert_cmpint (b->end_event, ==, b->event);
      g_assert_cmpfloat (b->y1, ==, b->y0);
      return;
    }
  if (b->end_event != next)
    g_error ("%s: band %s of conn %u on %s from event %ld ends at %ld, the socket next changes at %ld",
             what, name, b->conn, synack_host_to_string (b->host), b->event, b->end_event, next);
  if (next >= 0)
    {
      g_assert_cmpint (trace->events[next].from, ==, b->state);
      g_assert_cmpfloat (fabs (b->y1 - synack_diagram_layout_y_for_time (layout, trace->events[next].t)), <, 1e-6);
    }
  else
    g_assert_cmpfloat (b->y1, ==, layout->bottom);
}

/* Every band of every lesson, in every axis mode, against the trace: it
 * begins at its socket's state change, names that state, and lasts until
 * that socket's next change; every change begins a band; bands sharing a
 * column never overlap; the listener never takes the lifeline. */
static void
test_bands_follow_trace (void)
{
  g_auto (GStrv) presets = synack_preset_list ();
  guint checked = 0;

  for (guint p = 0; presets[p]; p++)
    for (int mode = SYNACK_TIME_AXIS_COMPRESSED; mode <= SYNACK_TIME_AXIS_PER_EVENT; mode++)
      {
        g_autoptr (SynackTrace) trace = synack_test_run_preset (presets[p]);
        g_autoptr (SynackDiagramLayout) layout = layout_in_mode (trace, mode);
        g_autofree char *what = g_strdup_printf ("%s/%d", presets[p], mode);
        size_t n_bands, n_changes = 0, n_started = 0;
        const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);

        for (size_t i = 0; i < trace->n_events; i++)
          n_changes += trace->events[i].type == SYNACK_EVENT_STATE;
        for (size_t i = 0; i < n_bands; i++)
          {
            const SynackDiagramBand *b = &bands[i];
            double life = synack_diagram_layout_lifeline_x (layout, b->host);

            assert_band_true (layout, b, what);
            n_started += b->event >= 0;
            checked++;
            if (b->slot == 0)
              {
                g_assert_cmpfloat (b->x, <, life);
                g_assert_cmpfloat (b->x + b->w, >, life);
                if (b->conn == 0 && b->event >= 0)
                  g_error ("%s: the listener's %s is drawn on the lifeline", what,
                           synack_state_to_string (b->state));
              }
            else
              /* Beside the lifeline, outward. */
              g_assert_true (b->host == SYNACK_CLIENT ? b->x + b->w < life - layout->band_w / 2
                                                      : b->x > life + layout->band_w / 2);
            for (size_t j = i + 1; j < n_bands; j++)
              if (bands[j].host == b->host && bands[j].slot == b->slot &&
                  bands[j].y0 < b->y1 - 1e-6 && b->y0 < bands[j].y1 - 1e-6)
                g_error ("%s: bands %zu and %zu share a column at the same time", what, i, j);
          }
        g_assert_cmpuint (n_started, ==, n_changes);
      }
  g_test_message ("%u bands checked", checked);
}

/* The server of `handshake` closes its connection but keeps listening: the
 * lifeline must not go back to LISTEN; in `refused` nothing listens on the
 * port the client tries, and the only listener says which port it has. */
static void
test_bands_closed_and_refused (void)
{
  const char *const lessons[] = { "handshake", "refused" };

  for (size_t k = 0; k < G_N_ELEMENTS (lessons); k++)
    {
      g_autoptr (SynackTrace) trace = synack_test_run_preset (lessons[k]);
      g_autoptr (SynackDiagramLayout) layout = layout_in_mode (trace, SYNACK_TIME_AXIS_COMPRESSED);
      size_t n;
      const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n);
      guint listeners = 0;

      for (size_t i = 0; i < n; i++)
        {
          if (bands[i].host != SYNACK_SERVER)
            continue;
          if (bands[i].slot == 0)
            g_assert_cmpint (bands[i].state, !=, SYNACK_STATE_LISTEN);
          if (bands[i].state == SYNACK_STATE_LISTEN)
            {
              g_assert_cmpuint (bands[i].conn, ==, 0);
              g_assert_cmpstr (LABEL (layout, bands[i].label)->text, ==, "LISTEN :80");
              listeners++;
            }
          if (strcmp (lessons[k], "refused") == 0)
            /* No connection: the server's only socket is the listener. */
            g_assert_cmpuint (bands[i].conn, ==, 0);
        }
      g_assert_cmpuint (listeners, ==, 1);
    }
}

/* The y of the arrow of each SYN the client sends, in sending order. */
static GArray *
syn_arrow_tops (const SynackDiagramLayout *layout, GArray *times)
{
  size_t n;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n);
  GArray *tops = g_array_new (FALSE, FALSE, sizeof (double));

  for (size_t e = 0; e < layout->trace->n_events; e++)
    for (size_t i = 0; i < n; i++)
      if (arrows[i].send_event == (long) e && arrows[i].from == SYNACK_CLIENT &&
          (arrows[i].flags & SYNACK_FLAG_SYN) && !arrows[i].duplicate)
        {
          g_array_append_val (tops, arrows[i].y0);
          g_array_append_val (times, arrows[i].t_send);
        }
  return tops;
}

/* In `syn-timeout` the client waits 1 s between its first retransmissions
 * (Linux's linear retries), then twice as long each time: on the
 * compressed axis each doubled wait must be drawn clearly longer than the
 * one before, and equal waits equally long. */
static void
test_back_off_grows (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("syn-timeout");
  g_autoptr (SynackDiagramLayout) layout = layout_in_mode (trace, SYNACK_TIME_AXIS_COMPRESSED);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (SynackTime));
  g_autoptr (GArray) tops = syn_arrow_tops (layout, times);
  guint doubled = 0;

  g_assert_cmpuint (tops->len, >=, 8);
  for (guint k = 2; k < tops->len; k++)
    {
      SynackTime wait = g_array_index (times, SynackTime, k) - g_array_index (times, SynackTime, k - 1);
      SynackTime before = g_array_index (times, SynackTime, k - 1) - g_array_index (times, SynackTime, k - 2);
      double gap = g_array_index (tops, double, k) - g_array_index (tops, double, k - 1);
      double gap_before = g_array_index (tops, double, k - 1) - g_array_index (tops, double, k - 2);

      g_test_message ("wait %.3f s drawn %.0f px", (double) wait / 1e6, gap);
      /* A doubled wait: Linux's timers fire on its ticks, and its timer
       * wheel rounds long ones, so a doubling comes out 1.9 to 2.1 times. */
      if (wait * 10 >= before * 18)
        {
          if (gap < 1.15 * gap_before)
            g_error ("a wait of %.1f s is drawn %.0f px, the %.1f s before it %.0f px",
                     (double) wait / 1e6, gap, (double) before / 1e6, gap_before);
          doubled++;
        }
      else if (llabs (wait - before) <= SYNACK_MS (20))
        g_assert_cmpfloat (fabs (gap - gap_before), <, 1);
    }
  g_assert_cmpuint (doubled, >=, 4);
}

/* The distance from the box r to the segment (x0,y0)-(x1,y1), 0 if it meets it. */
static double
box_to_line (const cairo_rectangle_t *r, double x0, double y0, double x1, double y1)
{
  double best = G_MAXDOUBLE;

  for (int k = 0; k <= 64; k++)
    {
      double u = k / 64.0, x = x0 + (x1 - x0) * u, y = y0 + (y1 - y0) * u;
      double dx = MAX (MAX (r->x - x, 0), x - (r->x + r->width));
      double dy = MAX (MAX (r->y - y, 0), y - (r->y + r->height));

      best = MIN (best, hypot (dx, dy));
    }
  return best;
}

/* A segment's label is on its arrow or right beside it in every lesson and
 * axis mode; a label with no room near its arrow is not drawn rather than
 * drawn where it names another. The proportional axis keeps a lesson to a
 * few screens. */
static void
test_labels_stay_on_arrows (void)
{
  g_auto (GStrv) presets = synack_preset_list ();

  for (guint p = 0; presets[p]; p++)
    for (int mode = SYNACK_TIME_AXIS_COMPRESSED; mode <= SYNACK_TIME_AXIS_PER_EVENT; mode++)
      {
        g_autoptr (SynackTrace) trace = synack_test_run_preset (presets[p]);
        g_autoptr (SynackDiagramLayout) layout = layout_in_mode (trace, mode);
        size_t n, shown = 0;
        const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n);

        if (mode == SYNACK_TIME_AXIS_PROPORTIONAL)
          g_assert_cmpfloat (synack_diagram_layout_get_height (layout), <=, PROPORTIONAL_MAX_HEIGHT);
        for (size_t i = 0; i < n; i++)
          {
            const SynackDiagramLabel *l;
            double d;

            if (arrows[i].label < 0 || LABEL (layout, arrows[i].label)->event == -2)
              {
                /* Only the proportional axis may crowd segments together,
                 * and a flood of forged SYNs may crowd its own. */
                if (mode != SYNACK_TIME_AXIS_PROPORTIONAL && !arrows[i].duplicate && !arrows[i].forged)
                  g_error ("%s/%d: segment %u has no label", presets[p], mode, arrows[i].seg);
                continue;
              }
            l = LABEL (layout, arrows[i].label);
            d = box_to_line (&l->box, arrows[i].x0, arrows[i].y0, arrows[i].x1, arrows[i].y1);
            if (d > 2 * l->box.height)
              g_error ("%s/%d: label “%s” is %.0f px from its arrow", presets[p], mode, l->text, d);
            shown++;
          }
        g_assert_cmpuint (shown, >, 0);
      }
}

/* The pixel at (x, y) of an RGB24 image, as 0xRRGGBB. */
static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x) & 0xffffff;
}

static guint32
rgb_of (const SynackRgba *c)
{
  return ((guint32) lround (c->r * 255) << 16) | ((guint32) lround (c->g * 255) << 8) | (guint32) lround (c->b * 255);
}

/* The overview is true to scale: x is linear in time over the whole run,
 * every segment is drawn at its own time, and the window the diagram shows
 * is framed where it is and nowhere else. */
static void
test_overview_true_scale (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("syn-timeout");
  g_autoptr (SynackDiagramLayout) layout = layout_in_mode (trace, SYNACK_TIME_AXIS_COMPRESSED);
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  const double width = 800, height = 40;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cairo_t *cr = cairo_create (surface);
  double x_start = synack_diagram_overview_x_for_time (trace, width, 0);
  double x_end = synack_diagram_overview_x_for_time (trace, width, trace->end_time);
  guint32 background = rgb_of (&theme->background);
  size_t n;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n);

  /* Linear: equal times, equal distances; and back again. */
  for (int k = 1; k < 8; k++)
    {
      SynackTime t = trace->end_time * k / 8;
      double x = synack_diagram_overview_x_for_time (trace, width, t);

      g_assert_cmpfloat_with_epsilon (x - x_start, (x_end - x_start) * k / 8.0, 1e-3);  /* t is rounded to a microsecond */
      g_assert_cmpint (llabs (synack_diagram_overview_time_for_x (trace, width, x) - t), <=,
                       trace->end_time / 10000);
    }
  g_assert_cmpint (synack_diagram_overview_time_for_x (trace, width, -50), ==, 0);
  g_assert_cmpint (synack_diagram_overview_time_for_x (trace, width, width + 50), ==, trace->end_time);

  synack_diagram_overview_paint (cr, layout, theme, width, height, SYNACK_DIAGRAM_ALL, SYNACK_SEC (10), SYNACK_SEC (40));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Inside the window the background is tinted; outside it is not. */
  g_assert_cmpuint (pixel_at (surface, synack_diagram_overview_x_for_time (trace, width, SYNACK_SEC (25)), 4), !=, background);
  g_assert_cmpuint (pixel_at (surface, synack_diagram_overview_x_for_time (trace, width, SYNACK_SEC (80)), 4), ==, background);
  g_assert_cmpuint (pixel_at (surface, synack_diagram_overview_x_for_time (trace, width, SYNACK_SEC (5)), 4), ==, background);

  /* Each SYN crosses the middle of the strip at its own time. */
  for (size_t i = 0; i < n; i++)
    {
      double x = synack_diagram_overview_x_for_time (trace, width, arrows[i].t_send);

      if (arrows[i].t_send < SYNACK_SEC (10) && x > 2)
        {
          guint32 px = pixel_at (surface, x, height * 0.45);
          if (px == background)
            g_error ("no stroke for segment %u at x %.0f", arrows[i].seg, x);
        }
    }
  cairo_surface_destroy (surface);

  /* Up to the cursor only: the strip does not give the run away. */
  {
    long second_syn = -1;
    SynackTime later = 0;

    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
    cr = cairo_create (surface);
    for (size_t i = 0; i < n; i++)
      if (arrows[i].rexmit == 1)
        second_syn = arrows[i].send_event;
      else if (arrows[i].rexmit == 8)
        later = arrows[i].t_send;
    g_assert_cmpint (second_syn, >, 0);
    g_assert_cmpint (later, >, 0);
    synack_diagram_overview_paint (cr, layout, theme, width, height, second_syn, 0, SYNACK_SEC (1));
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    g_assert_cmpuint (pixel_at (surface, synack_diagram_overview_x_for_time (trace, width, SYNACK_SEC (1)), height * 0.45), !=, background);
    g_assert_cmpuint (pixel_at (surface, synack_diagram_overview_x_for_time (trace, width, later), height * 0.45), ==, background);
    cairo_surface_destroy (surface);
  }
}

/* No text below SYNACK_DIAGRAM_MIN_TEXT_PX in any theme's export, and the
 * size views fit by is the smallest there is. */
static void
test_text_large_enough (void)
{
  g_autoptr (SynackTrace) trace = synack_test_run_preset ("handshake");

  for (const char *const *name = synack_theme_names (); *name; name++)
    {
      g_autoptr (SynackTheme) theme = synack_theme_new (*name, 1, NULL);
      SynackDiagramOptions options;
      g_autoptr (SynackDiagramLayout) layout = NULL;
      double smallest = G_MAXDOUBLE;

      synack_diagram_options_init (&options);
      options.theme = theme;
      layout = synack_diagram_layout_new (trace, &options);
      for (int kind = 0; kind < SYNACK_N_LABEL_KINDS; kind++)
        {
          g_autoptr (PangoFontDescription) font = synack_render_font (layout, kind);
          double px = (double) pango_font_description_get_size (font) / PANGO_SCALE;

          g_assert_true (pango_font_description_get_size_is_absolute (font));
          if (px < SYNACK_DIAGRAM_MIN_TEXT_PX)
            g_error ("%s: labels of kind %d are %.1f px", *name, kind, px);
          smallest = MIN (smallest, px);
        }
      g_assert_cmpfloat_with_epsilon (synack_diagram_layout_get_smallest_text (layout), smallest, 1e-9);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/truth/bands-follow-trace", test_bands_follow_trace);
  g_test_add_func ("/render/truth/bands-closed-and-refused", test_bands_closed_and_refused);
  g_test_add_func ("/render/truth/back-off-grows", test_back_off_grows);
  g_test_add_func ("/render/truth/labels-stay-on-arrows", test_labels_stay_on_arrows);
  g_test_add_func ("/render/truth/overview-true-scale", test_overview_true_scale);
  g_test_add_func ("/render/truth/text-large-enough", test_text_large_enough);
  return g_test_run ();
}
