/* synack-state-diagram-marks.c: which states, edges and path a moment of a run marks on the state diagram. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-state-diagram-layout.h"

G_STATIC_ASSERT (sizeof (guint64) * 8 >= 40);  /* the table has fewer edges than bits here */

/* The segment, call or timer the engine acted on when it changed state:
 * it is traced just before the change, at the same time and host. */
static long
find_cause (const SynackTrace *trace, long state_event)
{
  const SynackEvent *s = &trace->events[state_event];

  for (long i = state_event - 1; i >= 0 && state_event - i <= 32; i--)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->t != s->t)
        break;
      if (e->host != s->host)
        continue;
      if (e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_APP ||
          (e->type == SYNACK_EVENT_TIMER && e->action == SYNACK_TIMER_EXPIRE))
        return i;
    }
  return -1;
}

void
synack_state_diagram_marks (const SynackStateDiagram *diagram, const SynackTrace *trace,
                            long upto, SynackStateMarks *marks)
{
  gboolean seen[SYNACK_N_HOSTS] = { FALSE, FALSE };
  long last = MIN (upto, (long) trace->n_events - 1);

  memset (marks, 0, sizeof *marks);
  marks->last_edge = -1;
  marks->last_event = -1;
  marks->cause_event = -1;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      marks->state[h] = SYNACK_STATE_CLOSED;
      marks->node[h] = synack_state_diagram_node_for (diagram, SYNACK_STATE_CLOSED, FALSE);
    }

  for (long i = 0; i <= last; i++)
    {
      const SynackEvent *e = &trace->events[i];
      int h = e->host, edge;

      if (e->type != SYNACK_EVENT_STATE)
        continue;
      /* Each host follows its latest connection; a listener (0) shows
       * until a connection exists, and its path leads into the first. */
      if (seen[h] && e->conn < marks->conn[h])
        continue;
      if (seen[h] && e->conn > marks->conn[h] && marks->conn[h] != 0)
        marks->visited[h] = 0;
      seen[h] = TRUE;
      marks->conn[h] = e->conn;
      marks->state[h] = e->to;
      edge = synack_state_diagram_edge_for (diagram, synack_transition_find (e->from, e->to, e->cause));
      if (edge >= 0)
        {
          marks->visited[h] |= G_GUINT64_CONSTANT (1) << edge;
          marks->node[h] = diagram->edges[edge].to_node;
        }
      else
        marks->node[h] = synack_state_diagram_node_for (diagram, e->to, e->to == SYNACK_STATE_CLOSED);
      marks->last_edge = edge;
      marks->last_event = i;
      marks->last_host = (SynackHostId) h;
    }
  if (marks->last_event >= 0)
    marks->cause_event = find_cause (trace, marks->last_event);
}

char *
synack_state_marks_describe (const SynackStateMarks *marks, const SynackTrace *trace)
{
  const SynackEvent *s, *c;
  const SynackTransition *table;
  unsigned n_table;
  int t;
  g_autofree char *why = NULL;
  const char *host;

  if (marks->last_event < 0)
    return g_strdup (_("No state change yet"));
  s = &trace->events[marks->last_event];
  table = synack_transitions (&n_table);
  t = synack_transition_find (s->from, s->to, s->cause);
  host = synack_describe_host (s->host, SYNACK_HOST_HEADING);
  c = marks->cause_event >= 0 ? &trace->events[marks->cause_event] : NULL;
  if (c != NULL && c->type == SYNACK_EVENT_DELIVER)
    {
      g_autofree char *spoken = synack_describe_flags (c->hdr.flags, SYNACK_FLAGS_SPOKEN);

      /* TRANSLATORS: why a state changed: the segment that arrived, e.g. "segment 2 [SYN, ACK]". */
      why = g_strdup_printf (_("segment %u [%s]"), c->seg, spoken);
    }
  else if (c != NULL && c->type == SYNACK_EVENT_APP)
    why = NULL;  /* the edge's label already names the call */
  else if (c != NULL && c->type == SYNACK_EVENT_TIMER)
    /* TRANSLATORS: why a state changed: a timer ran out; %s is its name, e.g. "time-wait". */
    why = g_strdup_printf (_("%s timer expired"), synack_timer_to_string (c->timer));
  else
    why = g_strdup (synack_cause_to_string (s->cause));

  if (t >= 0 && (unsigned) t < n_table && why == NULL)
    {
      g_autofree char *label = synack_transition_label (&table[t]);

      /* TRANSLATORS: the state diagram's caption: host: FROM → TO, edge label. */
      return g_strdup_printf (_("%s: %s → %s   %s"), host, synack_state_to_string (s->from),
                              synack_state_to_string (s->to), label);
    }
  if (why == NULL)
    why = g_strdup (synack_cause_to_string (s->cause));
  if (t >= 0 && (unsigned) t < n_table)
    {
      g_autofree char *label = synack_transition_label (&table[t]);

      /* TRANSLATORS: the state diagram's caption: host: FROM → TO, edge label (what caused it). */
      return g_strdup_printf (_("%s: %s → %s   %s   (%s)"), host, synack_state_to_string (s->from),
                              synack_state_to_string (s->to), label, why);
    }
  return g_strdup_printf (_("%s: %s → %s   (%s)"), host, synack_state_to_string (s->from),
                          synack_state_to_string (s->to), why);
}
