/* synack-diagram-layout.h: the sequence diagram of a trace as pure geometry (numbers tests can check). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "synack-trace.h"
#include "synack-theme.h"

G_BEGIN_DECLS

#define SYNACK_RENDER_ERROR (synack_render_error_quark ())

typedef enum {
  SYNACK_RENDER_ERROR_FORMAT,   /* an unknown file extension or export format */
  SYNACK_RENDER_ERROR_THEME,    /* an unknown theme name */
  SYNACK_RENDER_ERROR_OPTIONS,  /* a width, scale or cursor out of range */
  SYNACK_RENDER_ERROR_WRITE,    /* the file could not be written */
  SYNACK_RENDER_ERROR_CAIRO,    /* cairo refused to draw (too big, no memory) */
} SynackRenderError;

GQuark synack_render_error_quark (void);

/* How simulated time maps to the page. */
typedef enum {
  /* Proportional where things happen; idle stretches shrink (logarithmically,
   * so a longer wait still looks longer) behind a labelled axis break. */
  SYNACK_TIME_AXIS_COMPRESSED,
  SYNACK_TIME_AXIS_PROPORTIONAL, /* y is a linear function of t */
  SYNACK_TIME_AXIS_PER_EVENT,    /* one row for each distinct event time */
} SynackTimeAxisMode;

typedef struct {
  SynackTimeAxisMode axis_mode;
  const SynackTheme *theme;       /* fonts and sizes; NULL: "light" */
  double             text_scale;  /* multiplies the theme's; <= 0 means 1 */
  double             px_per_second; /* scale of proportional stretches; <= 0: default */
} SynackDiagramOptions;

void synack_diagram_options_init (SynackDiagramOptions *options);

/* A cursor value that shows the whole run with no cursor line. */
#define SYNACK_DIAGRAM_ALL G_MAXLONG

/* --- What the layout holds; tests and hit-testing read these. --- */

typedef enum {
  SYNACK_LABEL_SEGMENT,     /* flags and numbers of an arrow */
  SYNACK_LABEL_STATE,       /* a state name where its band begins */
  SYNACK_LABEL_TIMER,       /* "RTO 1 s" */
  SYNACK_LABEL_NOTE,        /* connect(), ETIMEDOUT */
  SYNACK_LABEL_LOST,        /* "lost" beside the ✕ */
  SYNACK_LABEL_AXIS,        /* a time on the axis */
  SYNACK_LABEL_BREAK,       /* "… 59.9 s …" */
  SYNACK_LABEL_HOST,        /* "client 10.0.0.1:40000" */
  SYNACK_N_LABEL_KINDS
} SynackLabelKind;

typedef struct {
  SynackLabelKind   kind;
  long              event;    /* the event that makes it appear; -1 always shown,
                               * -2 never (a timer label with no room) */
  cairo_rectangle_t box;      /* where the text goes, padding included */
  char             *text;     /* one or two lines */
  SynackHostId      host;     /* side for STATE, TIMER, NOTE */
} SynackDiagramLabel;

typedef enum {
  SYNACK_ARROW_DELIVERED,
  SYNACK_ARROW_LOST,        /* stops partway at (x1, y1) with a ✕ */
  SYNACK_ARROW_IN_FLIGHT,   /* still travelling when the run ended */
} SynackArrowFate;

typedef struct {
  long              send_event;   /* SEND (or DUPLICATE) event index */
  long              end_event;    /* DELIVER / LOST index, -1 if in flight */
  uint32_t          seg;
  SynackHostId      from;
  SynackArrowFate   fate;
  uint32_t          rexmit;       /* 0, or n for the n-th retransmission */
  gboolean          duplicate;    /* the network's copy */
  gboolean          forged;       /* an attacker's, or an answer to a forged address */
  uint8_t           flags;        /* SynackFlags */
  SynackTime        t_send, t_end;/* t_end: arrival (or would-be arrival) */
  double            x0, y0;       /* at the sender, send time */
  double            x1, y1;       /* where the arrow ends (head, or ✕ if lost) */
  double            xa, ya;       /* where it would have arrived: (x1,y1) unless lost */
  cairo_rectangle_t head;         /* the arrowhead or ✕ */
  int               label;        /* index into labels, -1 if none */
  int               lost_label;   /* "lost" beside the ✕, -1 if none */
} SynackDiagramArrow;

/* One socket's state for a stretch of time: each band is exactly what the
 * trace says of that connection (conn 0: the listener) between its events. */
typedef struct {
  SynackHostId      host;
  uint32_t          conn;
  SynackState       state;
  long              event;        /* STATE event that began it */
  long              end_event;    /* the socket's next one, -1: to the end; a CLOSED
                                   * band ends where it begins (the socket is gone) */
  double            y0, y1;
  int               slot;         /* 0 on the lifeline, 1… in thin columns outward of it */
  double            x, w;         /* left edge and width on the page */
  int               label;
} SynackDiagramBand;

typedef struct {
  SynackHostId      host;
  SynackTimerKind   kind;
  long              event;        /* START */
  long              end_event;    /* STOP, EXPIRE or re-arm; -1 if still running */
  SynackTimerAction end_action;
  SynackTime        t_start, t_expires, t_end;
  double            x, y0, y1;    /* bar centre and its extent (to t_end) */
  double            y_expires;    /* where it would expire */
  int               lane;
  int               label;
} SynackDiagramTimer;

typedef struct {
  SynackTime        t0, t1;       /* the idle stretch */
  double            y0, y1;       /* its (shortened) extent on the page */
  int               label;
} SynackDiagramBreak;

typedef struct _SynackDiagramLayout SynackDiagramLayout;

/* Lays out the whole trace (milliseconds for a lesson). The layout keeps a
 * pointer to the trace: the trace must outlive it. Re-create the layout
 * after a re-run or a change of options or theme size. */
SynackDiagramLayout *synack_diagram_layout_new  (const SynackTrace          *trace,
                                                 const SynackDiagramOptions *options);
void                 synack_diagram_layout_free (SynackDiagramLayout *layout);
/* The height the diagram will have at least, from its time axis alone:
 * a fraction of the layout's work, so an export can refuse a picture too
 * big before laying it out. */
double               synack_diagram_layout_min_height (const SynackTrace          *trace,
                                                       const SynackDiagramOptions *options);
/* The same for both sides: the page is at least this wide whatever its
 * labels, and at least this tall. */
void                 synack_diagram_layout_min_size   (const SynackTrace          *trace,
                                                       const SynackDiagramOptions *options,
                                                       double                     *width,
                                                       double                     *height);

/* No diagram text is drawn smaller than this, in px, in an export or on
 * screen: a view that zooms out to fit stops at
 * SYNACK_DIAGRAM_MIN_TEXT_PX / synack_diagram_layout_get_smallest_text(). */
#define SYNACK_DIAGRAM_MIN_TEXT_PX 11.0

/* The size of the smallest type on the page at zoom 1, in px. */
double synack_diagram_layout_get_smallest_text (const SynackDiagramLayout *layout);

double synack_diagram_layout_get_width  (const SynackDiagramLayout *layout);
double synack_diagram_layout_get_height (const SynackDiagramLayout *layout);
const SynackTrace *synack_diagram_layout_get_trace (const SynackDiagramLayout *layout);

/* x of a host's lifeline. */
double synack_diagram_layout_lifeline_x (const SynackDiagramLayout *layout, SynackHostId host);

/* Time <-> page position; monotonic, clamped to the run. */
double     synack_diagram_layout_y_for_time (const SynackDiagramLayout *layout, SynackTime t);
SynackTime synack_diagram_layout_time_for_y (const SynackDiagramLayout *layout, double y);

/* y of event K (its time), to keep the cursor in view. */
double synack_diagram_layout_y_for_event (const SynackDiagramLayout *layout, long event);

/* The index of the SEND event whose arrow or label is under (x, y), or -1.
 * Used for "Lose this segment". */
long synack_diagram_layout_hit_test (const SynackDiagramLayout *layout, double x, double y);

const SynackDiagramLabel *synack_diagram_layout_get_labels (const SynackDiagramLayout *layout, size_t *n);
const SynackDiagramArrow *synack_diagram_layout_get_arrows (const SynackDiagramLayout *layout, size_t *n);
const SynackDiagramBand  *synack_diagram_layout_get_bands  (const SynackDiagramLayout *layout, size_t *n);
const SynackDiagramTimer *synack_diagram_layout_get_timers (const SynackDiagramLayout *layout, size_t *n);
const SynackDiagramBreak *synack_diagram_layout_get_breaks (const SynackDiagramLayout *layout, size_t *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackDiagramLayout, synack_diagram_layout_free)

G_END_DECLS
