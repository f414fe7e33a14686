/* synack-diagram-items.c: the diagram's arrows, timer bars and notes, built from the trace. */
#include "synack-config.h"

#include <string.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"

static int
compare_arrows (gconstpointer a, gconstpointer b)
{
  const SynackDiagramArrow *x = a, *y = b;

  if (x->y0 != y->y0)
    return x->y0 < y->y0 ? -1 : 1;
  return x->send_event < y->send_event ? -1 : x->send_event > y->send_event;
}

/* A note or timer label wider than this, in type sizes, goes on two
 * lines: the widest sets the width of its whole side of the diagram, and
 * one long verdict would otherwise push the lifelines past a laptop's
 * width. */
#define SIDE_LABEL_MAX_WIDTH 10.2

/* Breaks TEXT (taken) into two lines as evenly as it can: at a space, or
 * after a Chinese comma or colon (Chinese has no spaces), and rather after
 * a colon or before a parenthesis than inside what they set apart
 * ("recv() → 0" over "(end of stream)"); before_number:
 * only at a space a number follows, so a timer's length stays whole
 * ("delayed ACK" over "40 ms"). */
static char *
break_in_two (char *text, gboolean before_number)
{
  long length = g_utf8_strlen (text, -1), best_cost = G_MAXLONG, at = 0;
  const char *best = NULL;
  gboolean best_is_space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p), at++)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == ' ' && p != text && *next != '\0' && (!before_number || g_ascii_isdigit (*next));
      gboolean after = !before_number && (c == 0xFF1A || c == 0xFF0C) && *next != '\0';  /* ：， */
      gboolean before = !before_number && c == 0xFF08 && p != text && p[-1] != ' ';       /* （ */
      gboolean between_parts = after || before || (space && (p[-1] == ':' || next[0] == '('));
      long cost = ABS (length - 2 * (at + (after ? 1 : 0))) - (between_parts ? length : 0);

      if ((space || after || before) && cost < best_cost)
        {
          best_cost = cost;
          best = space || before ? p : next;
          best_is_space = space;
        }
    }
  if (best == NULL)
    return text;
  if (best_is_space)
    {
      text[best - text] = '\n';
      return text;
    }
  {
    char *broken = g_strdup_printf ("%.*s\n%s", (int) (best - text), text, best);

    g_free (text);
    return broken;
  }
}

/* A label beside a lifeline's lanes (a note, a timer's length). */
static int
add_side_label (SynackDiagramLayout *layout, SynackLabelKind kind, long event, SynackHostId host, char *text)
{
  double w, h;

  synack_layout_measure (layout, kind, text, &w, &h);
  if (w > SIDE_LABEL_MAX_WIDTH * layout->font_px && strchr (text, '\n') == NULL)
    text = break_in_two (text, kind == SYNACK_LABEL_TIMER);
  return synack_layout_add_label (layout, kind, event, host, text);
}

static void
add_note (SynackDiagramLayout *layout, long event, SynackHostId host, char *text)
{
  int label = add_side_label (layout, SYNACK_LABEL_NOTE, event, host, text);

  g_array_append_val (layout->notes, label);
}

void
synack_layout_build_items (SynackDiagramLayout *layout)
{
  const SynackTrace *trace = layout->trace;
  /* seg -> arrow index + 1 of its first transmission awaiting arrival */
  g_autofree guint *pending = g_new0 (guint, (size_t) trace->n_segments + 2);
  g_autoptr (GArray) pending_dups = g_array_new (FALSE, FALSE, sizeof (guint));
  /* running timer per (host, conn, kind): key -> timer index + 1 */
  g_autoptr (GHashTable) running = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* An attacker's flood is drawn as arrows, but its connections' timer
   * bars and the same note on every forged SYN would bury the real client:
   * those notes are shown where the verdict changes, the timers not. */
  g_autoptr (GHashTable) forged_conns = g_hash_table_new (g_direct_hash, g_direct_equal);
  int last_forged_verdict = -1;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      double y = synack_diagram_layout_y_for_time (layout, e->t);

      switch (e->type)
        {
        case SYNACK_EVENT_SEND:
        case SYNACK_EVENT_DUPLICATE:
          {
            SynackDiagramArrow arrow = {
              .send_event = (long) i, .end_event = -1, .seg = e->seg,
              .from = e->host, .fate = SYNACK_ARROW_IN_FLIGHT, .rexmit = e->rexmit,
              .duplicate = e->type == SYNACK_EVENT_DUPLICATE || e->duplicate,
              .flags = e->hdr.flags, .t_send = e->t, .t_end = trace->end_time,
              .y0 = y, .label = -1, .lost_label = -1, .forged = e->hdr.spoofed_addr != 0,
            };
            guint index = layout->arrows->len;

            if (arrow.forged && e->conn != 0)
              g_hash_table_add (forged_conns, GUINT_TO_POINTER (e->conn));

            if (e->type == SYNACK_EVENT_DUPLICATE)
              {
                /* The copy has the original's header and sender. */
                long send = e->seg < trace->n_segments + 2 && pending[e->seg]
                  ? g_array_index (layout->arrows, SynackDiagramArrow, pending[e->seg] - 1).send_event
                  : synack_trace_find_send (trace, e->seg);
                if (send >= 0)
                  {
                    const SynackEvent *orig = &trace->events[send];
                    arrow.from = orig->host;
                    arrow.flags = orig->hdr.flags;
                    arrow.rexmit = orig->rexmit;
                    arrow.label = synack_layout_add_label (layout, SYNACK_LABEL_SEGMENT, (long) i, arrow.from,
                                                           synack_describe_segment_label (orig, TRUE));
                  }
                g_array_append_val (pending_dups, index);
              }
            else
              {
                arrow.label = synack_layout_add_label (layout, SYNACK_LABEL_SEGMENT, (long) i, e->host,
                                                       synack_describe_segment_label (e, arrow.duplicate));
                if (e->seg < trace->n_segments + 2)
                  pending[e->seg] = index + 1;
              }
            g_array_append_val (layout->arrows, arrow);
          }
          break;

        case SYNACK_EVENT_DELIVER:
        case SYNACK_EVENT_LOST:
          {
            SynackDiagramArrow *arrow = NULL;

            if (e->duplicate)
              {
                for (guint k = 0; k < pending_dups->len; k++)
                  {
                    SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow,
                                                            g_array_index (pending_dups, guint, k));
                    if (a->seg == e->seg)
                      {
                        arrow = a;
                        g_array_remove_index (pending_dups, k);
                        break;
                      }
                  }
              }
            else if (e->seg < trace->n_segments + 2 && pending[e->seg])
              {
                arrow = &g_array_index (layout->arrows, SynackDiagramArrow, pending[e->seg] - 1);
                pending[e->seg] = 0;
              }
            if (e->type == SYNACK_EVENT_DELIVER && e->hdr.spoofed_addr != 0)
              {
                if ((int) e->verdict == last_forged_verdict)
                  goto noted;
                last_forged_verdict = (int) e->verdict;
              }
            if (e->type == SYNACK_EVENT_DELIVER)
              {
                char *text = synack_describe_verdict_note (e);

                if (text)
                  add_note (layout, (long) i, e->host, text);
              }
          noted:
            if (arrow == NULL)
              break;
            arrow->end_event = (long) i;
            arrow->t_end = e->t;
            arrow->fate = e->type == SYNACK_EVENT_LOST ? SYNACK_ARROW_LOST : SYNACK_ARROW_DELIVERED;
          }
          break;

        case SYNACK_EVENT_TIMER:
          {
            gint64 key = ((gint64) e->conn << 8) | (e->host << 4) | e->timer;
            gpointer v;

            if (g_hash_table_contains (forged_conns, GUINT_TO_POINTER (e->conn)))
              break;
            v = g_hash_table_lookup (running, &key);
            if (v != NULL)
              {
                SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer,
                                                        GPOINTER_TO_UINT (v) - 1);
                t->end_event = (long) i;
                t->end_action = e->action;
                t->t_end = e->t;
                t->y1 = y;
                g_hash_table_remove (running, &key);
              }
            if (e->action == SYNACK_TIMER_START)
              {
                SynackDiagramTimer t = {
                  .host = e->host, .kind = e->timer, .event = (long) i, .end_event = -1,
                  .t_start = e->t, .t_expires = e->expires, .t_end = trace->end_time,
                  .y0 = y, .y1 = layout->bottom,
                  .y_expires = synack_diagram_layout_y_for_time (layout, e->expires),
                };
                SynackTime duration = e->duration ? e->duration : e->expires - e->t;

                t.label = add_side_label (layout, SYNACK_LABEL_TIMER, (long) i, e->host,
                                          synack_describe_timer_label (e->timer, duration));
                g_array_append_val (layout->timers, t);
                g_hash_table_insert (running, g_memdup2 (&key, sizeof key),
                                     GUINT_TO_POINTER (layout->timers->len));
              }
          }
          break;

        case SYNACK_EVENT_APP:
          add_note (layout, (long) i, e->host, synack_describe_call_note (e));
          break;

        default:
          break;
        }
    }

  synack_layout_sort_arrows (layout);
}


void
synack_layout_sort_arrows (SynackDiagramLayout *layout)
{
  g_array_sort (layout->arrows, compare_arrows);
}
