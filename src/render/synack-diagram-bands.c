/* synack-diagram-bands.c: one state band per socket, in columns beside each lifeline, built from the trace. */
#include "synack-config.h"

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"

/* A band's column: 0 is the lifeline itself; the others are thin strips
 * outward of it, for the listening socket and for connections that live
 * at the same time as the one on the lifeline. */
#define MAX_SLOTS 16

/* How thin the side columns are, and the gap between them, in band widths. */
#define SLOT_WIDTH 0.3
#define SLOT_GAP   0.12

typedef struct {
  gboolean used[MAX_SLOTS];
  /* conn -> band index + 1 of its open band */
  GHashTable *open;
  int         first_band;   /* the CLOSED band every lifeline starts with, -1 once ended */
  int         n_slots;      /* columns used so far, the lifeline included */
  uint16_t    listen_port;  /* of the host's latest listen() */
} HostBands;

/* A connection takes the lifeline when it is free, as in a lesson with one
 * connection at a time; the listener and the connections that overlap it
 * take the first free column beside it. */
static int
take_slot (HostBands *hb, gboolean lifeline)
{
  int slot = lifeline && !hb->used[0] ? 0 : 1;

  while (slot < MAX_SLOTS - 1 && hb->used[slot])
    slot++;
  /* Past the last column the bands share it: each still names its own
   * connection's state, they are only drawn over each other. */
  hb->used[slot] = TRUE;
  hb->n_slots = MAX (hb->n_slots, slot + 1);
  return slot;
}

/* Whether the host opens another connection before conn, entering a
 * waiting state at event `from`, changes again: the waiting one then steps
 * aside so the lifeline follows the connection the host is working with. */
static gboolean
lifeline_wanted (const SynackTrace *trace, SynackHostId host, uint32_t conn, size_t from)
{
  for (size_t i = from + 1; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type != SYNACK_EVENT_STATE || e->host != host)
        continue;
      if (e->conn == conn)
        return FALSE;
      if (e->conn != 0 && (e->from == SYNACK_STATE_CLOSED || e->from == SYNACK_STATE_LISTEN))
        return TRUE;
    }
  return FALSE;
}

static SynackDiagramBand *
band_at (SynackDiagramLayout *layout, int index)
{
  return &g_array_index (layout->bands, SynackDiagramBand, index);
}

static int
add_band (SynackDiagramLayout *layout, const SynackDiagramBand *band, char *text)
{
  SynackDiagramBand b = *band;

  b.label = synack_layout_add_label (layout, SYNACK_LABEL_STATE, band->event, band->host, text);
  g_array_append_val (layout->bands, b);
  return (int) layout->bands->len - 1;
}

static void
end_band (SynackDiagramLayout *layout, int index, long event, double y)
{
  SynackDiagramBand *b = band_at (layout, index);

  b->end_event = event;
  b->y1 = y;
}

void
synack_layout_build_bands (SynackDiagramLayout *layout)
{
  const SynackTrace *trace = layout->trace;
  gboolean many_conns = trace->n_conns > 1;
  HostBands hosts[SYNACK_N_HOSTS] = { 0 };

  /* Every lifeline starts CLOSED, so the first transition reads right; it
   * belongs to whichever socket changes first. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      SynackDiagramBand band = { .host = h, .state = SYNACK_STATE_CLOSED, .event = -1,
                                 .end_event = -1, .y0 = layout->top, .y1 = layout->bottom };

      hosts[h].open = g_hash_table_new (NULL, NULL);
      hosts[h].first_band = add_band (layout, &band, synack_describe_state_label (SYNACK_STATE_CLOSED, 0));
      hosts[h].n_slots = 1;
    }

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      HostBands *hb;
      gpointer v;
      int slot;
      double y;

      if (e->type == SYNACK_EVENT_APP && e->call == SYNACK_CALL_LISTEN)
        hosts[e->host].listen_port = e->port;
      if (e->type != SYNACK_EVENT_STATE)
        continue;
      hb = &hosts[e->host];
      y = synack_diagram_layout_y_for_time (layout, e->t);
      if (hb->first_band >= 0)
        {
          band_at (layout, hb->first_band)->conn = e->conn;
          end_band (layout, hb->first_band, (long) i, y);
          hb->first_band = -1;
        }

      if (g_hash_table_lookup_extended (hb->open, GUINT_TO_POINTER (e->conn), NULL, &v))
        {
          int open = GPOINTER_TO_INT (v) - 1;

          slot = band_at (layout, open)->slot;
          end_band (layout, open, (long) i, y);
          if (slot == 0 && e->to == SYNACK_STATE_TIME_WAIT && lifeline_wanted (trace, e->host, e->conn, i))
            {
              hb->used[0] = FALSE;
              slot = take_slot (hb, FALSE);
            }
        }
      else
        slot = take_slot (hb, e->conn != 0);

      {
        SynackDiagramBand band = { .host = e->host, .conn = e->conn, .state = e->to, .slot = slot,
                                   .event = (long) i, .end_event = -1, .y0 = y, .y1 = layout->bottom };
        char *text = e->conn == 0 ? synack_describe_listener_label (e->to, hb->listen_port)
                                  : synack_describe_state_label (e->to, many_conns ? e->conn : 0);
        int index = add_band (layout, &band, text);

        if (e->to == SYNACK_STATE_CLOSED)
          {
            /* The socket is gone: its name marks the moment, and the
             * column is free for the next one. */
            end_band (layout, index, (long) i, y);
            g_hash_table_remove (hb->open, GUINT_TO_POINTER (e->conn));
            hb->used[slot] = FALSE;
          }
        else
          g_hash_table_insert (hb->open, GUINT_TO_POINTER (e->conn), GINT_TO_POINTER (index + 1));
      }
    }

  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      layout->band_room[h] = (hosts[h].n_slots - 1) * (SLOT_WIDTH + SLOT_GAP) * layout->band_w;
      g_hash_table_destroy (hosts[h].open);
    }
}

void
synack_layout_place_bands (SynackDiagramLayout *layout)
{
  double side_w = SLOT_WIDTH * layout->band_w, step = (SLOT_WIDTH + SLOT_GAP) * layout->band_w;

  for (guint i = 0; i < layout->bands->len; i++)
    {
      SynackDiagramBand *b = band_at (layout, (int) i);
      double inner = layout->band_w / 2 + (b->slot - 1) * step + SLOT_GAP * layout->band_w;

      if (b->slot == 0)
        {
          b->x = layout->life_x[b->host] - layout->band_w / 2;
          b->w = layout->band_w;
        }
      else
        {
          /* Outward: the client's columns to its left, the server's to its right. */
          b->x = b->host == SYNACK_CLIENT ? layout->life_x[b->host] - inner - side_w
                                          : layout->life_x[b->host] + inner;
          b->w = side_w;
        }
    }
}
