/* synack-state-diagram-layout.h: the TCP state-transition diagram as pure geometry, and which states and edges a moment of a run marks. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-theme.h"
#include "synack-trace.h"
#include "synack-transitions.h"

G_BEGIN_DECLS

/* CLOSED is drawn twice, as in the RFC's figure: on top where sockets
 * start, and at the bottom where connections end. */
#define SYNACK_STATE_DIAGRAM_N_NODES (SYNACK_N_STATES + 1)
#define SYNACK_STATE_DIAGRAM_MAX_POINTS 6

typedef struct {
  SynackState       state;
  gboolean          final;      /* the bottom CLOSED */
  cairo_rectangle_t box;
} SynackStateNode;

typedef struct {
  int                    transition;  /* index into synack_transitions() */
  SynackTransitionOrigin origin;
  int                    from_node, to_node;
  double                 x[SYNACK_STATE_DIAGRAM_MAX_POINTS], y[SYNACK_STATE_DIAGRAM_MAX_POINTS];
  int                    n_points;    /* a polyline; the arrowhead is at the last point */
  char                  *label;       /* "rcv SYN / snd SYN,ACK", translated */
  cairo_rectangle_t      label_box;
  /* An edge the figure cuts short (resets and give-ups) ends in a small
   * "CLOSED" tag beside its state instead of a long line to the bottom. */
  gboolean               has_tag;
  cairo_rectangle_t      tag_box;
} SynackStateEdge;

typedef struct {
  double           width, height;
  double           font_px;
  double           scale;        /* geometry: the theme's type size / 13 px */
  char            *font_family;
  SynackStateNode  nodes[SYNACK_STATE_DIAGRAM_N_NODES];
  SynackStateEdge *edges;
  int              n_edges;
  cairo_rectangle_t caption_box; /* where the last transition is spelled out */
  /* Where the "client" and "server" tags go when a host is in a state:
   * beside the box, clear of every line and label. */
  cairo_rectangle_t host_tag[SYNACK_STATE_DIAGRAM_N_NODES][SYNACK_N_HOSTS];
} SynackStateDiagram;

/* Lays the diagram out for a theme's type size; text_scale (<= 0: 1)
 * enlarges the text within the same figure. */
SynackStateDiagram *synack_state_diagram_new  (const SynackTheme *theme, double text_scale);
void                synack_state_diagram_free (SynackStateDiagram *diagram);

/* The node drawn for a state (for CLOSED: the top one unless final). */
int synack_state_diagram_node_for (const SynackStateDiagram *diagram, SynackState state, gboolean final);

/* The edge drawn for a transition of the table, or -1 if none is. */
int synack_state_diagram_edge_for (const SynackStateDiagram *diagram, int transition);

/* The type size of an edge's label. */
double synack_state_edge_font_px (const SynackStateDiagram *diagram, const SynackStateEdge *edge);

/* What is under (x, y): a node (*node set) or an edge (*edge set), else
 * both -1. */
void synack_state_diagram_hit_test (const SynackStateDiagram *diagram, double x, double y,
                                    int *node, int *edge);

/* --- A moment of a run on the diagram ---------------------------------- */

/* Each host follows its latest connection, as the side panel does; a host
 * that has no socket yet sits in the top CLOSED. */
typedef struct {
  SynackState   state[SYNACK_N_HOSTS];
  int           node[SYNACK_N_HOSTS];
  uint32_t      conn[SYNACK_N_HOSTS];
  guint64       visited[SYNACK_N_HOSTS];   /* bit per edge: the path so far */
  int           last_edge;                 /* the transition just taken, -1 none */
  long          last_event;                /* its STATE event */
  SynackHostId  last_host;
  long          cause_event;               /* the DELIVER or APP event behind it, -1 */
} SynackStateMarks;

void synack_state_diagram_marks (const SynackStateDiagram *diagram, const SynackTrace *trace,
                                 long upto, SynackStateMarks *marks);

/* The translated label of a transition: "rcv SYN / snd SYN,ACK". */
char *synack_transition_label (const SynackTransition *transition);

/* "client: SYN_SENT → ESTABLISHED, rcv SYN,ACK (segment 2)" for the caption. */
char *synack_state_marks_describe (const SynackStateMarks *marks, const SynackTrace *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackStateDiagram, synack_state_diagram_free)

G_END_DECLS
