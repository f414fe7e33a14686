/* test-render-states.c: the state-transition diagram: its edges are the engine's table, its labels stay clear of lines, its marks follow the trace. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "synack-render.h"
#include "synack-scenario.h"

static SynackTrace *
preset_trace (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_load_preset (name, &error);
  SynackTrace *trace;

  g_assert_no_error (error);
  trace = synack_scenario_run (scenario, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

/* Every row of the engine's table is drawn once, between the right states,
 * in its own style; nothing else is drawn. */
static void
test_edges_are_the_table (void)
{
  g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (NULL, 1);
  unsigned n_table;
  const SynackTransition *table = synack_transitions (&n_table);
  int n_textbook = 0;

  g_assert_cmpint (d->n_edges, ==, (int) n_table);
  for (unsigned t = 0; t < n_table; t++)
    {
      int e = synack_state_diagram_edge_for (d, (int) t);
      const SynackStateEdge *edge;
      g_autofree char *label = synack_transition_label (&table[t]);
      g_autofree char *drawn = NULL;

      g_test_message ("%s -> %s", synack_state_to_string (table[t].from), synack_state_to_string (table[t].to));
      g_assert_cmpint (e, >=, 0);
      edge = &d->edges[e];
      g_assert_cmpint (d->nodes[edge->from_node].state, ==, table[t].from);
      g_assert_cmpint (d->nodes[edge->to_node].state, ==, table[t].to);
      g_assert_cmpint (edge->origin, ==, table[t].origin);
      /* A label may be set on two lines, event over action. */
      drawn = g_strdup (edge->label);
      g_strdelimit (drawn, "\n", ' ');
      g_assert_cmpstr (drawn, ==, label);
      g_assert_cmpint (edge->n_points, >=, 2);
      /* The textbook's edges are the engine's never-taken ones, and only those. */
      if (table[t].origin == SYNACK_TRANSITION_TEXTBOOK)
        {
          n_textbook++;
          g_assert_cmpuint (table[t].causes, ==, 0);
        }
      else
        g_assert_cmpuint (table[t].causes, !=, 0);
      for (int other = 0; other < d->n_edges; other++)
        if (other != e)
          g_assert_cmpint (d->edges[other].transition, !=, (int) t);
    }
  /* RFC 9293's SEND in LISTEN and RST back to LISTEN. */
  g_assert_cmpint (n_textbook, ==, 2);
}

/* Every state change of every lesson is an edge of the table that is drawn. */
static void
test_lessons_take_drawn_edges (void)
{
  g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (NULL, 1);
  g_auto (GStrv) names = synack_preset_list ();
  int taken_rfc = 0;

  for (char **name = names; *name; name++)
    {
      g_autoptr (SynackTrace) trace = preset_trace (*name);

      for (size_t i = 0; i < trace->n_events; i++)
        {
          const SynackEvent *e = &trace->events[i];
          int t;

          if (e->type != SYNACK_EVENT_STATE)
            continue;
          t = synack_transition_find (e->from, e->to, e->cause);
          if (t < 0)
            g_error ("%s event %zu: %s -> %s (%s) is not in the table", *name, i, synack_state_to_string (e->from),
                     synack_state_to_string (e->to), synack_cause_to_string (e->cause));
          g_assert_cmpint (synack_state_diagram_edge_for (d, t), >=, 0);
          taken_rfc += d->edges[synack_state_diagram_edge_for (d, t)].origin == SYNACK_TRANSITION_RFC;
        }
    }
  g_assert_cmpint (taken_rfc, >, 0);
}

static gboolean
segment_meets (double x0, double y0, double x1, double y1, const cairo_rectangle_t *r)
{
  /* Sampled: fine enough for boxes of a text line. */
  for (int k = 0; k <= 200; k++)
    {
      double x = x0 + (x1 - x0) * k / 200.0, y = y0 + (y1 - y0) * k / 200.0;

      if (x > r->x && x < r->x + r->width && y > r->y && y < r->y + r->height)
        return TRUE;
    }
  return FALSE;
}

static gboolean
overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
check_clean (const SynackStateDiagram *d)
{
  for (int e = 0; e < d->n_edges; e++)
    {
      const cairo_rectangle_t *box = &d->edges[e].label_box;

      g_test_message ("label %s", d->edges[e].label);
      g_assert_cmpfloat (box->x, >=, 0);
      g_assert_cmpfloat (box->y, >=, 0);
      g_assert_cmpfloat (box->x + box->width, <=, d->width);
      g_assert_cmpfloat (box->y + box->height, <=, d->caption_box.y);
      for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
        g_assert_false (overlap (box, &d->nodes[k].box));
      for (int f = 0; f < d->n_edges; f++)
        {
          const SynackStateEdge *other = &d->edges[f];

          if (f != e)
            g_assert_false (overlap (box, &other->label_box));
          if (other->has_tag)
            g_assert_false (overlap (box, &other->tag_box));
          for (int p = 0; p + 1 < other->n_points; p++)
            if (segment_meets (other->x[p], other->y[p], other->x[p + 1], other->y[p + 1], box))
              g_error ("the line of %s runs through the label %s", other->label, d->edges[e].label);
        }
    }
  for (int a = 0; a < SYNACK_STATE_DIAGRAM_N_NODES; a++)
    for (int b = a + 1; b < SYNACK_STATE_DIAGRAM_N_NODES; b++)
      g_assert_false (overlap (&d->nodes[a].box, &d->nodes[b].box));
  /* The hosts' tags hide no line and no label. */
  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    for (int h = 0; h < SYNACK_N_HOSTS; h++)
      {
        const cairo_rectangle_t *tag = &d->host_tag[k][h];

        g_test_message ("%s tag at %s", synack_host_to_string ((SynackHostId) h),
                        synack_state_to_string (d->nodes[k].state));
        g_assert_cmpfloat (tag->width, >, 0);
        for (int e = 0; e < d->n_edges; e++)
          {
            const SynackStateEdge *edge = &d->edges[e];

            g_assert_false (overlap (tag, &edge->label_box));
            for (int p = 0; p + 1 < edge->n_points; p++)
              g_assert_false (segment_meets (edge->x[p], edge->y[p], edge->x[p + 1], edge->y[p + 1], tag));
          }
      }
  /* No line runs through a state it does not start or end at. */
  for (int e = 0; e < d->n_edges; e++)
    for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
      {
        const SynackStateEdge *edge = &d->edges[e];
        cairo_rectangle_t inner = { d->nodes[k].box.x + 1, d->nodes[k].box.y + 1,
                                    d->nodes[k].box.width - 2, d->nodes[k].box.height - 2 };

        if (k == edge->from_node || k == edge->to_node)
          continue;
        for (int p = 0; p + 1 < edge->n_points; p++)
          if (segment_meets (edge->x[p], edge->y[p], edge->x[p + 1], edge->y[p + 1], &inner))
            g_error ("the line of %s runs through %s", edge->label, synack_state_to_string (d->nodes[k].state));
      }
}

static void
test_labels_clear (void)
{
  const char *themes[] = { "light", "projector", "print" };
  const double scales[] = { 1, 1.3 };

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
      {
        g_autoptr (SynackTheme) theme = synack_theme_new (themes[t], 1, NULL);
        g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (theme, scales[s]);

        g_test_message ("theme %s, text scale %g", themes[t], scales[s]);
        check_clean (d);
      }
}

/* The states the diagram marks are the trace's, at every event of every
 * lesson, and the edge highlighted is the last state change's. */
static void
test_marks_follow_trace (void)
{
  g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (NULL, 1);
  g_auto (GStrv) names = synack_preset_list ();

  for (char **name = names; *name; name++)
    {
      g_autoptr (SynackTrace) trace = preset_trace (*name);
      long last_change = -1;

      for (long i = -1; i < (long) trace->n_events; i++)
        {
          SynackStateMarks marks;

          if (i >= 0 && trace->events[i].type == SYNACK_EVENT_STATE)
            {
              /* A change on an older connection than the one shown is not shown. */
              const SynackEvent *e = &trace->events[i];
              uint32_t latest = 0;

              for (long j = 0; j < i; j++)
                if (trace->events[j].type == SYNACK_EVENT_STATE && trace->events[j].host == e->host)
                  latest = MAX (latest, trace->events[j].conn);
              if (e->conn >= latest)
                last_change = i;
            }
          synack_state_diagram_marks (d, trace, i, &marks);
          for (int h = 0; h < SYNACK_N_HOSTS; h++)
            {
              SynackState expected = synack_trace_state_at (trace, (SynackHostId) h, 0, i);

              if (marks.state[h] != expected || d->nodes[marks.node[h]].state != expected)
                g_error ("%s event %ld: %s marked in %s (node %s), the trace says %s", *name, i,
                         synack_host_to_string ((SynackHostId) h), synack_state_to_string (marks.state[h]),
                         synack_state_to_string (d->nodes[marks.node[h]].state), synack_state_to_string (expected));
            }
          g_assert_cmpint (marks.last_event, ==, last_change);
          if (last_change >= 0)
            {
              const SynackEvent *e = &trace->events[last_change];

              g_assert_cmpint (marks.last_edge, >=, 0);
              g_assert_cmpint (d->edges[marks.last_edge].transition, ==,
                               synack_transition_find (e->from, e->to, e->cause));
              g_assert_cmpint (marks.last_host, ==, e->host);
              /* The host that just moved is on the edge's target. */
              g_assert_cmpint (marks.node[e->host], ==, d->edges[marks.last_edge].to_node);
              g_assert_true (marks.visited[e->host] & (G_GUINT64_CONSTANT (1) << marks.last_edge));
            }
          else
            g_assert_cmpint (marks.last_edge, ==, -1);
        }
    }
}

/* The caption names the segment behind a change. */
static void
test_caption (void)
{
  g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (NULL, 1);
  g_autoptr (SynackTrace) trace = preset_trace ("handshake");
  SynackStateMarks marks;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_STATE && e->to == SYNACK_STATE_ESTABLISHED && e->host == SYNACK_CLIENT)
        {
          g_autofree char *text = NULL;

          synack_state_diagram_marks (d, trace, (long) i, &marks);
          text = synack_state_marks_describe (&marks, trace);
          g_assert_cmpint (marks.cause_event, >=, 0);
          g_assert_cmpint (trace->events[marks.cause_event].type, ==, SYNACK_EVENT_DELIVER);
          g_assert_nonnull (strstr (text, "SYN_SENT → ESTABLISHED"));
          g_assert_nonnull (strstr (text, "rcv SYN,ACK / snd ACK"));
          g_assert_nonnull (strstr (text, "[SYN, ACK]"));
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_hit_test (void)
{
  g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (NULL, 1);
  int node, edge;

  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    {
      const cairo_rectangle_t *b = &d->nodes[k].box;

      synack_state_diagram_hit_test (d, b->x + b->width / 2, b->y + b->height / 2, &node, &edge);
      g_assert_cmpint (node, ==, k);
      g_assert_cmpint (edge, ==, -1);
    }
  for (int e = 0; e < d->n_edges; e++)
    {
      const SynackStateEdge *ed = &d->edges[e];

      synack_state_diagram_hit_test (d, ed->label_box.x + ed->label_box.width / 2,
                                     ed->label_box.y + ed->label_box.height / 2, &node, &edge);
      g_assert_cmpint (edge, ==, e);
      g_assert_cmpint (node, ==, -1);
      synack_state_diagram_hit_test (d, (ed->x[0] + ed->x[1]) / 2, (ed->y[0] + ed->y[1]) / 2, &node, &edge);
      g_assert_cmpint (edge, ==, e);
    }
  synack_state_diagram_hit_test (d, 2, d->height - 2, &node, &edge);
  g_assert_cmpint (node, ==, -1);
  g_assert_cmpint (edge, ==, -1);
}

/* --view both puts the two diagrams side by side; states alone is the figure's size. */
static void
test_export_views (void)
{
  g_autoptr (SynackTrace) trace = preset_trace ("handshake");
  g_autofree char *dir = g_dir_make_tmp ("synack-states-XXXXXX", NULL);
  g_autofree char *both = g_build_filename (dir, "both.png", NULL);
  g_autofree char *states = g_build_filename (dir, "states.png", NULL);
  g_autofree char *seq = g_build_filename (dir, "seq.png", NULL);
  g_autoptr (GError) error = NULL;
  SynackExportOptions options;
  cairo_surface_t *img[3];
  SynackExportView view;

  synack_export_options_init (&options);
  g_assert_true (synack_export_file (trace, &options, seq, &error));
  options.view = SYNACK_EXPORT_VIEW_STATES;
  g_assert_true (synack_export_file (trace, &options, states, &error));
  options.view = SYNACK_EXPORT_VIEW_BOTH;
  g_assert_true (synack_export_file (trace, &options, both, &error));
  g_assert_no_error (error);
  img[0] = cairo_image_surface_create_from_png (seq);
  img[1] = cairo_image_surface_create_from_png (states);
  img[2] = cairo_image_surface_create_from_png (both);
  {
    g_autoptr (SynackStateDiagram) d = synack_state_diagram_new (NULL, 1);

    g_assert_cmpint (cairo_image_surface_get_width (img[1]), ==, (int) ceil (d->width - 1e-6));
  }
  g_assert_cmpint (cairo_image_surface_get_width (img[2]), >=,
                   cairo_image_surface_get_width (img[0]) + cairo_image_surface_get_width (img[1]) - 1);
  g_assert_cmpint (cairo_image_surface_get_width (img[2]), <=,
                   cairo_image_surface_get_width (img[0]) + cairo_image_surface_get_width (img[1]) + 1);
  g_assert_cmpint (cairo_image_surface_get_height (img[2]), ==,
                   MAX (cairo_image_surface_get_height (img[0]), cairo_image_surface_get_height (img[1])));
  for (int k = 0; k < 3; k++)
    cairo_surface_destroy (img[k]);
  g_unlink (seq);
  g_unlink (states);
  g_unlink (both);
  g_rmdir (dir);

  g_assert_true (synack_export_view_from_string ("both", &view));
  g_assert_cmpint (view, ==, SYNACK_EXPORT_VIEW_BOTH);
  g_assert_false (synack_export_view_from_string ("diagram", &view));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/states/edges-are-the-table", test_edges_are_the_table);
  g_test_add_func ("/render/states/lessons-take-drawn-edges", test_lessons_take_drawn_edges);
  g_test_add_func ("/render/states/labels-clear", test_labels_clear);
  g_test_add_func ("/render/states/marks-follow-trace", test_marks_follow_trace);
  g_test_add_func ("/render/states/caption", test_caption);
  g_test_add_func ("/render/states/hit-test", test_hit_test);
  g_test_add_func ("/render/states/export-views", test_export_views);
  return g_test_run ();
}
