/* synack-state-diagram-layout.c: places the states and routes the edges of the TCP state-transition diagram like the textbook figure. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"
#include "synack-state-diagram-layout.h"

/* The figure at 13 px type: three columns (the passive opener and active
 * closer on the left, the active opener and passive closer on the right)
 * and seven rows from CLOSED down to TIME_WAIT, as RFC 9293 figure 5. */
#define NODE_W 150.0
#define NODE_H 38.0
#define HW     (NODE_W / 2)
#define HH     (NODE_H / 2)
#define TAG_W  72.0
#define TAG_H  22.0
#define STUB   34.0

#define COL_L 250.0
#define COL_M 580.0
#define COL_R 910.0
#define ROW(k) (70.0 + 130.0 * (k))

#define FIG_W 1160.0
#define FIG_H (ROW (6) + HH + STUB + TAG_H + 24.0)
#define CAPTION_H 34.0

typedef struct {
  SynackState x_state;
  gboolean    final;
  double      cx, cy;
} NodePlace;

static const NodePlace node_places[SYNACK_STATE_DIAGRAM_N_NODES] = {
  { SYNACK_STATE_CLOSED,       FALSE, COL_M, ROW (0) },
  { SYNACK_STATE_LISTEN,       FALSE, COL_M, ROW (1) },
  { SYNACK_STATE_SYN_SENT,     FALSE, COL_R, ROW (2) },
  { SYNACK_STATE_SYN_RECEIVED, FALSE, COL_L, ROW (2) },
  { SYNACK_STATE_ESTABLISHED,  FALSE, COL_M, ROW (3) },
  { SYNACK_STATE_FIN_WAIT_1,   FALSE, COL_L, ROW (4) },
  { SYNACK_STATE_CLOSE_WAIT,   FALSE, COL_R, ROW (4) },
  { SYNACK_STATE_FIN_WAIT_2,   FALSE, COL_L, ROW (5) },
  { SYNACK_STATE_CLOSING,      FALSE, COL_M, ROW (5) },
  { SYNACK_STATE_LAST_ACK,     FALSE, COL_R, ROW (5) },
  { SYNACK_STATE_TIME_WAIT,    FALSE, COL_M, ROW (6) },
  { SYNACK_STATE_CLOSED,       TRUE,  COL_R, ROW (6) },
};

/* Where a tag sits relative to its state: the side the figure leaves free. */
typedef enum { TAG_NONE, TAG_LEFT, TAG_RIGHT, TAG_ABOVE, TAG_BELOW } TagSide;

/* How an edge of the table is drawn: a polyline in figure units. */
typedef struct {
  SynackState            from, to;
  SynackTransitionOrigin origin;
  int                    n;
  double                 x[SYNACK_STATE_DIAGRAM_MAX_POINTS], y[SYNACK_STATE_DIAGRAM_MAX_POINTS];
  TagSide                tag;
} Route;

#define S(x) SYNACK_STATE_##x
#define RFC  SYNACK_TRANSITION_RFC
#define XTRA SYNACK_TRANSITION_EXTRA
#define BOOK SYNACK_TRANSITION_TEXTBOOK

static const Route routes[] = {
  { S(CLOSED), S(LISTEN), RFC, 2, { COL_M - 30, COL_M - 30 }, { ROW (0) + HH, ROW (1) - HH } },
  { S(LISTEN), S(CLOSED), RFC, 2, { COL_M + 30, COL_M + 30 }, { ROW (1) - HH, ROW (0) + HH } },
  { S(CLOSED), S(SYN_SENT), RFC, 3, { COL_M + HW, COL_R, COL_R }, { ROW (0) + 8, ROW (0) + 8, ROW (2) - HH } },
  { S(SYN_SENT), S(CLOSED), RFC, 3, { COL_R + 40, COL_R + 40, COL_M + HW }, { ROW (2) - HH, ROW (0) - 10, ROW (0) - 10 } },
  { S(LISTEN), S(SYN_RECEIVED), RFC, 3, { COL_M - HW, COL_L + 30, COL_L + 30 }, { ROW (1) + 10, ROW (1) + 10, ROW (2) - HH } },
  { S(SYN_RECEIVED), S(LISTEN), BOOK, 3, { COL_L - 30, COL_L - 30, COL_M - HW }, { ROW (2) - HH, ROW (1) - 10, ROW (1) - 10 } },
  { S(LISTEN), S(SYN_SENT), BOOK, 3, { COL_M + HW, COL_R - 40, COL_R - 40 }, { ROW (1) + 10, ROW (1) + 10, ROW (2) - HH } },
  { S(SYN_SENT), S(SYN_RECEIVED), RFC, 2, { COL_R - HW, COL_L + HW }, { ROW (2), ROW (2) } },
  { S(SYN_SENT), S(ESTABLISHED), RFC, 3, { COL_R, COL_R, COL_M + HW }, { ROW (2) + HH, ROW (3), ROW (3) } },
  { S(SYN_RECEIVED), S(ESTABLISHED), RFC, 3, { COL_L + 30, COL_L + 30, COL_M - HW }, { ROW (2) + HH, ROW (3), ROW (3) } },
  { S(SYN_RECEIVED), S(FIN_WAIT_1), RFC, 2, { COL_L - 30, COL_L - 30 }, { ROW (2) + HH, ROW (4) - HH } },
  { S(ESTABLISHED), S(FIN_WAIT_1), RFC, 4, { COL_M - 30, COL_M - 30, COL_L + 30, COL_L + 30 },
    { ROW (3) + HH, ROW (4) - 44, ROW (4) - 44, ROW (4) - HH } },
  { S(ESTABLISHED), S(CLOSE_WAIT), RFC, 4, { COL_M + 30, COL_M + 30, COL_R - 30, COL_R - 30 },
    { ROW (3) + HH, ROW (4) - 44, ROW (4) - 44, ROW (4) - HH } },
  { S(FIN_WAIT_1), S(FIN_WAIT_2), RFC, 2, { COL_L - 30, COL_L - 30 }, { ROW (4) + HH, ROW (5) - HH } },
  { S(FIN_WAIT_1), S(CLOSING), RFC, 3, { COL_L + HW, COL_M, COL_M }, { ROW (4), ROW (4), ROW (5) - HH } },
  { S(FIN_WAIT_1), S(TIME_WAIT), RFC, 2, { COL_L + 40, COL_M - 50 }, { ROW (4) + HH, ROW (6) - HH } },
  { S(CLOSE_WAIT), S(LAST_ACK), RFC, 2, { COL_R, COL_R }, { ROW (4) + HH, ROW (5) - HH } },
  { S(FIN_WAIT_2), S(TIME_WAIT), RFC, 3, { COL_L - 30, COL_L - 30, COL_M - HW }, { ROW (5) + HH, ROW (6), ROW (6) } },
  { S(CLOSING), S(TIME_WAIT), RFC, 2, { COL_M, COL_M }, { ROW (5) + HH, ROW (6) - HH } },
  { S(LAST_ACK), S(CLOSED), RFC, 2, { COL_R, COL_R }, { ROW (5) + HH, ROW (6) - HH } },
  { S(TIME_WAIT), S(CLOSED), RFC, 2, { COL_M + HW, COL_R - HW }, { ROW (6), ROW (6) } },
  /* The resets and give-ups: a short stub to a CLOSED tag on a free side. */
  { S(LISTEN), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_BELOW },
  { S(SYN_SENT), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_RIGHT },
  { S(SYN_RECEIVED), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_LEFT },
  { S(ESTABLISHED), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_ABOVE },
  { S(FIN_WAIT_1), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_LEFT },
  { S(FIN_WAIT_2), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_LEFT },
  { S(CLOSE_WAIT), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_RIGHT },
  { S(CLOSING), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_RIGHT },
  { S(LAST_ACK), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_RIGHT },
  { S(TIME_WAIT), S(CLOSED), XTRA, 0, { 0 }, { 0 }, TAG_BELOW },
};

#undef S

char *
synack_transition_label (const SynackTransition *transition)
{
  const char *event;
  char flags[32];

  switch (transition->trigger)
    {
    /* TRANSLATORS: the labels of the state diagram's edges follow the
     * textbook's notation "event / action"; "rcv" is "receive", "snd"
     * "send". Flag and state names stay as they are. */
    case SYNACK_TRIGGER_LISTEN:          event = _("listen()"); break;
    case SYNACK_TRIGGER_CONNECT:         event = _("connect()"); break;
    case SYNACK_TRIGGER_CLOSE:           event = _("close()"); break;
    case SYNACK_TRIGGER_SEND:            event = _("send()"); break;
    case SYNACK_TRIGGER_RCV_SYN:         event = _("rcv SYN"); break;
    case SYNACK_TRIGGER_RCV_SYN_ACK:     event = _("rcv SYN,ACK"); break;
    case SYNACK_TRIGGER_RCV_ACK_OF_SYN:  event = _("rcv ACK of SYN"); break;
    case SYNACK_TRIGGER_RCV_FIN:         event = _("rcv FIN"); break;
    case SYNACK_TRIGGER_RCV_FIN_ACK:     event = _("rcv FIN,ACK of FIN"); break;
    case SYNACK_TRIGGER_RCV_ACK_OF_FIN:  event = _("rcv ACK of FIN"); break;
    case SYNACK_TRIGGER_RCV_RST:         event = _("rcv RST"); break;
    case SYNACK_TRIGGER_TIMEOUT_2MSL:    event = _("timeout 2×MSL"); break;
    case SYNACK_TRIGGER_RESET_OR_GIVE_UP: event = _("RST, abort, timeout"); break;
    default:                             event = "?"; break;
    }
  if (transition->sends == 0)
    return g_strdup (event);
  synack_flags_to_string (transition->sends, flags, sizeof flags);
  /* TRANSLATORS: an edge of the state diagram: what happens / what is sent,
   * e.g. "rcv SYN / snd SYN,ACK". */
  return g_strdup_printf (_("%s / snd %s"), event, flags);
}

double
synack_state_edge_font_px (const SynackStateDiagram *diagram, const SynackStateEdge *edge)
{
  /* The resets repeat beside many states: smaller, so the figure reads first. */
  return diagram->font_px * (edge->origin == SYNACK_TRANSITION_EXTRA ? 0.75 : 0.85);
}

static cairo_rectangle_t
rect (double x, double y, double w, double h)
{
  return (cairo_rectangle_t) { x, y, w, h };
}

/* A label box is free if it meets no state, no tag, no other label and no line. */
static gboolean
box_is_free (const SynackStateDiagram *d, const cairo_rectangle_t *box, int upto_edge)
{
  if (box->x < 0 || box->y < 0 || box->x + box->width > d->width || box->y + box->height > d->height)
    return FALSE;
  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    if (synack_render_rects_overlap (box, &d->nodes[k].box))
      return FALSE;
  for (int e = 0; e < d->n_edges; e++)
    {
      const SynackStateEdge *edge = &d->edges[e];

      if (edge->has_tag && synack_render_rects_overlap (box, &edge->tag_box))
        return FALSE;
      if (e < upto_edge && synack_render_rects_overlap (box, &edge->label_box))
        return FALSE;
      for (int p = 0; p + 1 < edge->n_points; p++)
        if (synack_render_line_meets_rect (edge->x[p], edge->y[p], edge->x[p + 1], edge->y[p + 1], box))
          return FALSE;
    }
  return TRUE;
}

static void
measure (PangoContext *pango, const char *family, double px, gboolean bold, const char *text,
         double *w, double *h)
{
  g_autoptr (PangoLayout) pl = pango_layout_new (pango);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  PangoRectangle logical;

  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  pango_layout_get_extents (pl, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

/* Host tags: the client's on the left of the box, the server's on the
 * right, over a corner or beside it, wherever no line or label is. */
static void
place_host_tags (SynackStateDiagram *d, PangoContext *pango)
{
  const double s = d->scale, th = 20 * s, out = 20 * s;

  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    for (int h = 0; h < SYNACK_N_HOSTS; h++)
      {
        const cairo_rectangle_t *b = &d->nodes[k].box;
        double w, text_h, tw;
        gboolean left = h == SYNACK_CLIENT, placed = FALSE;

        measure (pango, d->font_family, d->font_px * 0.8, TRUE,
                 synack_describe_host ((SynackHostId) h, SYNACK_HOST_HEADING), &w, &text_h);
        tw = w + 14 * s;
        {
          double xl = b->x + out - tw, xr = b->x + b->width - out;
          double x = left ? xl : xr;
          cairo_rectangle_t tries[] = {
            rect (x, b->y - th / 2 - 6 * s, tw, th),                 /* over the top corner */
            rect (x, b->y + b->height - th / 2 + 6 * s, tw, th),     /* under the bottom corner */
            rect (left ? b->x - tw - 6 * s : b->x + b->width + 6 * s, b->y - th - 2 * s, tw, th),
            rect (left ? b->x - tw - 6 * s : b->x + b->width + 6 * s, b->y + b->height + 2 * s, tw, th),
          };

          for (guint t = 0; t < G_N_ELEMENTS (tries) && !placed; t++)
            {
              gboolean clear = TRUE;

              for (int e = 0; e < d->n_edges && clear; e++)
                {
                  const SynackStateEdge *edge = &d->edges[e];

                  if (synack_render_rects_overlap (&tries[t], &edge->label_box) ||
                      (edge->has_tag && synack_render_rects_overlap (&tries[t], &edge->tag_box)))
                    clear = FALSE;
                  for (int p = 0; p + 1 < edge->n_points && clear; p++)
                    if (synack_render_line_meets_rect (edge->x[p], edge->y[p], edge->x[p + 1], edge->y[p + 1], &tries[t]))
                      clear = FALSE;
                }
              for (int o = 0; o < SYNACK_STATE_DIAGRAM_N_NODES && clear; o++)
                if (o != k && synack_render_rects_overlap (&tries[t], &d->nodes[o].box))
                  clear = FALSE;
              if (clear)
                {
                  d->host_tag[k][h] = tries[t];
                  placed = TRUE;
                }
            }
          if (!placed)
            d->host_tag[k][h] = tries[0];
        }
      }
}

/* Tries places beside each segment of the edge, longest segment first,
 * nearest its middle first, and takes the first free one; FALSE if none is. */
static gboolean
place_label (SynackStateDiagram *d, int e, double w, double h)
{
  SynackStateEdge *edge = &d->edges[e];
  const double gap = 4 * d->scale;
  static const double along[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9 };
  int order[SYNACK_STATE_DIAGRAM_MAX_POINTS];
  int n_seg = edge->n_points - 1;

  /* A reset's label goes beside its CLOSED tag: the stub is too short. */
  if (edge->has_tag)
    {
      const cairo_rectangle_t *t = &edge->tag_box;
      cairo_rectangle_t tries[] = {
        rect (t->x + t->width / 2 - w / 2, t->y + t->height + gap / 2, w, h),
        rect (t->x + t->width / 2 - w / 2, t->y - h - gap / 2, w, h),
        rect (t->x + t->width - w, t->y + t->height + gap / 2, w, h),
        rect (t->x, t->y + t->height + gap / 2, w, h),
      };

      for (guint k = 0; k < G_N_ELEMENTS (tries); k++)
        if (box_is_free (d, &tries[k], e))
          {
            edge->label_box = tries[k];
            return TRUE;
          }
    }
  for (int s = 0; s < n_seg; s++)
    order[s] = s;
  for (int a = 0; a < n_seg; a++)
    for (int b = a + 1; b < n_seg; b++)
      if (hypot (edge->x[order[b] + 1] - edge->x[order[b]], edge->y[order[b] + 1] - edge->y[order[b]]) >
          hypot (edge->x[order[a] + 1] - edge->x[order[a]], edge->y[order[a] + 1] - edge->y[order[a]]))
        {
          int t = order[a];
          order[a] = order[b];
          order[b] = t;
        }

  for (int s = 0; s < n_seg; s++)
    for (guint k = 0; k < G_N_ELEMENTS (along); k++)
      {
        int i = order[s];
        double px = edge->x[i] + along[k] * (edge->x[i + 1] - edge->x[i]);
        double py = edge->y[i] + along[k] * (edge->y[i + 1] - edge->y[i]);
        cairo_rectangle_t tries[] = {
          rect (px - w / 2, py - h - gap, w, h),   /* above */
          rect (px - w / 2, py + gap, w, h),       /* below */
          rect (px + gap, py - h / 2, w, h),       /* right */
          rect (px - w - gap, py - h / 2, w, h),   /* left */
          /* Corners, which a diagonal leaves free on two sides. */
          rect (px + gap, py - h - gap, w, h),
          rect (px - w - gap, py + gap, w, h),
          rect (px - w - gap, py - h - gap, w, h),
          rect (px + gap, py + gap, w, h),
        };

        for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
          if (box_is_free (d, &tries[t], e))
            {
              edge->label_box = tries[t];
              return TRUE;
            }
      }
  /* Nowhere free: beside the first point; the layout test reports it. */
  edge->label_box = rect (edge->x[0] + gap, edge->y[0] + gap, w, h);
  return FALSE;
}


/* The stub of a reset edge from its state's free side to its CLOSED tag. */
static void
route_tag (SynackStateDiagram *d, SynackStateEdge *edge, TagSide side)
{
  const cairo_rectangle_t *b = &d->nodes[edge->from_node].box;
  double s = d->scale, cx = b->x + b->width / 2, cy = b->y + b->height / 2;
  double tw = TAG_W * s, th = TAG_H * s, stub = STUB * s;

  edge->n_points = 2;
  switch (side)
    {
    case TAG_LEFT:
      edge->x[0] = b->x, edge->y[0] = cy, edge->x[1] = b->x - stub, edge->y[1] = cy;
      edge->tag_box = rect (b->x - stub - tw, cy - th / 2, tw, th);
      break;
    case TAG_RIGHT:
      edge->x[0] = b->x + b->width, edge->y[0] = cy, edge->x[1] = b->x + b->width + stub, edge->y[1] = cy;
      edge->tag_box = rect (b->x + b->width + stub, cy - th / 2, tw, th);
      break;
    case TAG_ABOVE:
      edge->x[0] = cx, edge->y[0] = b->y, edge->x[1] = cx, edge->y[1] = b->y - stub;
      edge->tag_box = rect (cx - tw / 2, b->y - stub - th, tw, th);
      break;
    case TAG_BELOW:
    default:
      edge->x[0] = cx, edge->y[0] = b->y + b->height, edge->x[1] = cx, edge->y[1] = b->y + b->height + stub;
      edge->tag_box = rect (cx - tw / 2, b->y + b->height + stub, tw, th);
      break;
    }
  edge->has_tag = TRUE;
}

SynackStateDiagram *
synack_state_diagram_new (const SynackTheme *theme, double text_scale)
{
  g_autoptr (SynackTheme) fallback = NULL;
  g_autoptr (GObject) pango_owner = NULL;
  PangoContext *pango;
  SynackStateDiagram *d = g_new0 (SynackStateDiagram, 1);
  const SynackTransition *table;
  unsigned n_table;
  double s;

  pango = synack_render_pango_context_new ();
  pango_owner = G_OBJECT (pango);
  if (theme == NULL)
    theme = fallback = synack_theme_new ("light", 1, NULL);
  if (text_scale <= 0)
    text_scale = 1;
  /* The figure scales with the theme's type; text_scale only enlarges the
   * text within it, so a projector can show the whole figure larger. */
  d->scale = s = theme->font_size * theme->text_scale / 13.0;
  d->font_px = 13.0 * s * text_scale;
  d->font_family = g_strdup (theme->font_family);
  d->width = FIG_W * s;
  d->height = (FIG_H + CAPTION_H) * s;
  d->caption_box = rect (12 * s, FIG_H * s, d->width - 24 * s, CAPTION_H * s - 6 * s);

  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    {
      const NodePlace *p = &node_places[k];

      d->nodes[k].state = p->x_state;
      d->nodes[k].final = p->final;
      d->nodes[k].box = rect ((p->cx - HW) * s, (p->cy - HH) * s, NODE_W * s, NODE_H * s);
    }

  table = synack_transitions (&n_table);
  d->edges = g_new0 (SynackStateEdge, n_table);
  for (unsigned t = 0; t < n_table; t++)
    for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
      {
        const Route *route = &routes[r];
        SynackStateEdge *edge;

        if (route->from != table[t].from || route->to != table[t].to || route->origin != table[t].origin)
          continue;
        edge = &d->edges[d->n_edges++];
        edge->transition = (int) t;
        edge->origin = table[t].origin;
        edge->from_node = synack_state_diagram_node_for (d, route->from, FALSE);
        /* Back to the top CLOSED only for the RFC's close() before a
         * connection exists; every other ending goes to the bottom one. */
        edge->to_node = synack_state_diagram_node_for (d, route->to,
                                                       !(route->to == SYNACK_STATE_CLOSED && route->origin == RFC &&
                                                         (route->from == SYNACK_STATE_LISTEN ||
                                                          route->from == SYNACK_STATE_SYN_SENT)));
        if (route->tag != TAG_NONE)
          route_tag (d, edge, route->tag);
        else
          {
            edge->n_points = route->n;
            for (int p = 0; p < route->n; p++)
              {
                edge->x[p] = route->x[p] * s;
                edge->y[p] = route->y[p] * s;
              }
          }
        edge->label = synack_transition_label (&table[t]);
        break;
      }

  /* Labels after every line is down, so none can be placed over a line.
   * One that finds no room on one line tries event and action on two, as
   * the RFC writes them. */
  for (int e = 0; e < d->n_edges; e++)
    {
      SynackStateEdge *edge = &d->edges[e];
      double px = synack_state_edge_font_px (d, edge), w, h;
      char *slash;

      measure (pango, d->font_family, px, FALSE, edge->label, &w, &h);
      if (place_label (d, e, w + 0.5 * d->font_px, h + 0.2 * d->font_px))
        continue;
      slash = strstr (edge->label, " / ");
      if (slash == NULL)
        continue;
      slash[2] = '\n';
      measure (pango, d->font_family, px, FALSE, edge->label, &w, &h);
      place_label (d, e, w + 0.5 * d->font_px, h + 0.2 * d->font_px);
    }
  place_host_tags (d, pango);
  return d;
}

void
synack_state_diagram_free (SynackStateDiagram *diagram)
{
  if (diagram == NULL)
    return;
  for (int e = 0; e < diagram->n_edges; e++)
    g_free (diagram->edges[e].label);
  g_free (diagram->edges);
  g_free (diagram->font_family);
  g_free (diagram);
}

int
synack_state_diagram_node_for (const SynackStateDiagram *diagram, SynackState state, gboolean final)
{
  if (state != SYNACK_STATE_CLOSED)
    final = FALSE;
  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    if (diagram->nodes[k].state == state && diagram->nodes[k].final == final)
      return k;
  return -1;
}

int
synack_state_diagram_edge_for (const SynackStateDiagram *diagram, int transition)
{
  for (int e = 0; e < diagram->n_edges; e++)
    if (diagram->edges[e].transition == transition)
      return e;
  return -1;
}

static gboolean
point_in (const cairo_rectangle_t *r, double x, double y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

void
synack_state_diagram_hit_test (const SynackStateDiagram *diagram, double x, double y, int *node, int *edge)
{
  const double slop = 5 * diagram->scale;

  *node = *edge = -1;
  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    if (point_in (&diagram->nodes[k].box, x, y))
      {
        *node = k;
        return;
      }
  for (int e = 0; e < diagram->n_edges; e++)
    {
      const SynackStateEdge *ed = &diagram->edges[e];
      cairo_rectangle_t near = rect (x - slop, y - slop, 2 * slop, 2 * slop);

      if (point_in (&ed->label_box, x, y) || (ed->has_tag && point_in (&ed->tag_box, x, y)))
        {
          *edge = e;
          return;
        }
      for (int p = 0; p + 1 < ed->n_points; p++)
        if (synack_render_line_meets_rect (ed->x[p], ed->y[p], ed->x[p + 1], ed->y[p + 1], &near))
          {
            *edge = e;
            return;
          }
    }
}
