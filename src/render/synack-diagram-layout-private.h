/* synack-diagram-layout-private.h: the layout's insides, shared by layout, paint and export only. */
#pragma once

#include <pango/pangocairo.h>

#include "synack-diagram-layout.h"

G_BEGIN_DECLS

/* Timers side by side beside a lifeline (a TIME_WAIT pile-up needs ten);
 * more than this at once are not drawn. */
#define SYNACK_MAX_TIMER_LANES 12

/* synack-text-measure.c: sizes of label texts, each shaped once. */
typedef struct _SynackTextMeasure SynackTextMeasure;

typedef struct {
  size_t  n;
  double *y0;       /* item tops, ascending */
  double *max_y1;   /* running maximum of the item bottoms */
} SpanIndex;

struct _SynackDiagramLayout {
  const SynackTrace *trace;
  SynackTheme       *theme;
  SynackTimeAxisMode mode;
  double             scale;          /* geometry: type size / 13 px */
  double             text_scale;     /* theme's times the options' */
  double             font_px;
  PangoContext      *pango;
  SynackTextMeasure *measure;        /* while laying out */

  /* spacing, all proportional to the type size */
  double margin, label_pad, label_pad_y, label_gap, band_w, lane_w, min_row, bundle_gap;
  double px_per_second;
  SynackTime break_threshold;     /* squeeze stretches longer than this while a segment flies */
  SynackTime idle_threshold;      /* ... and longer than this when none does */

  double width, height, top, bottom;
  double axis_x;
  double life_x[SYNACK_N_HOSTS];
  double state_x[SYNACK_N_HOSTS];   /* client: right edge of its column; server: left edge */
  double lane_x[SYNACK_N_HOSTS];    /* inner edge of the timer lanes */
  double note_x[SYNACK_N_HOSTS];    /* client: right edge; server: left edge */
  int    host_label[SYNACK_N_HOSTS];

  GArray *knot_t, *knot_y;           /* the piecewise-linear time map */
  GArray *labels, *arrows, *bands, *timers, *breaks;
  GArray *notes;                     /* label indices of application notes */

  /* placement only */
  int     *bucket_last;              /* per cell of the page (row-major): its last box placed, -1 */
  GArray  *placed;                   /* the boxes placed, each cell's threaded back to front */
  size_t   n_bucket_rows, n_bucket_columns;

  /* lookups by page position */
  SpanIndex arrow_index, timer_index, band_index, label_index;
  int      *label_order;             /* label indices by box top */
  int      *label_owner;             /* arrow (segment, lost) or timer index of a label, -1 */
  double    band_room[SYNACK_N_HOSTS]; /* width of the band columns beside a lifeline */
  double    head_len;                /* arrowhead length */
  PangoLayout **label_layouts;       /* made when first painted */
};

/* The label at index i of the layout's label array. */
#define LABEL(layout, i) (&g_array_index ((layout)->labels, SynackDiagramLabel, (i)))

/* The steps of synack_diagram_layout_new(), in order, each in its own file. */

/* synack-diagram-axis.c: pixels per second and the break thresholds from the
 * trace's delays; then the piecewise-linear time map with its breaks. */
void synack_layout_scale_time      (SynackDiagramLayout *layout, double px_per_second);
void synack_layout_build_time_axis (SynackDiagramLayout *layout);

/* synack-diagram-items.c: arrows, bands, timers and notes at their times
 * (arrows sorted by their top). */
void synack_layout_build_items     (SynackDiagramLayout *layout);
void synack_layout_sort_arrows     (SynackDiagramLayout *layout);

/* synack-diagram-bands.c: a state band per socket in its column (and the
 * room the columns need beside each lifeline); once the lifelines are
 * placed, each band's x and width. */
void synack_layout_build_bands     (SynackDiagramLayout *layout);
void synack_layout_place_bands     (SynackDiagramLayout *layout);

/* synack-diagram-placement.c: columns and lanes across the page, then every
 * label's box. */
void synack_layout_place           (SynackDiagramLayout *layout);
/* ... and, before any of it, how wide the page is at least. */
double synack_layout_min_width     (SynackDiagramLayout *layout);

/* synack-diagram-index.c: the lookups by page height paint and hit tests use. */
void synack_layout_build_indexes   (SynackDiagramLayout *layout);

/* synack-diagram-layout.c: a label of that kind measured in the layout's
 * font; it takes ownership of text and returns the label's index. */
int  synack_layout_add_label       (SynackDiagramLayout *layout, SynackLabelKind kind, long event,
                                    SynackHostId host, char *text);
void synack_layout_measure         (SynackDiagramLayout *layout, SynackLabelKind kind, const char *text,
                                    double *w, double *h);

/* synack-diagram-index.c: boxes placed so far, bucketed by cells of the
 * page, so a new label is checked against its neighbours only. */
void     synack_layout_obstacles_init  (SynackDiagramLayout *layout);
void     synack_layout_obstacles_clear (SynackDiagramLayout *layout);
void     synack_layout_obstacle_add    (SynackDiagramLayout *layout, const cairo_rectangle_t *r);
gboolean synack_layout_obstacle_hit    (const SynackDiagramLayout *layout, const cairo_rectangle_t *r);

/* Items sorted by top with the running maximum of their bottoms. */
void synack_render_span_index_build (SpanIndex *index, GArray *items, gsize stride,
                                     gsize y0_offset, gsize y1_offset);

/* A label's text as pango_layout_get_extents() measures it in the
 * layout's font for that kind, in Pango units. */
SynackTextMeasure    *synack_text_measure_new  (const SynackDiagramLayout *layout);
void                  synack_text_measure_free (SynackTextMeasure *measure);
void                  synack_text_measure_size (SynackTextMeasure *measure, SynackLabelKind kind,
                                                const char *text, int *width, int *height);

PangoContext         *synack_render_pango_context_new (void);
PangoFontDescription *synack_render_font        (const SynackDiagramLayout *layout, SynackLabelKind kind);
PangoLayout          *synack_render_text_layout (const SynackDiagramLayout *layout, SynackLabelKind kind,
                                                 const char *text);
gboolean              synack_render_rects_overlap (const cairo_rectangle_t *a, const cairo_rectangle_t *b);
/* Whether the segment (x0,y0)-(x1,y1) passes through r. */
gboolean              synack_render_line_meets_rect (double x0, double y0, double x1, double y1,
                                                     const cairo_rectangle_t *r);
/* A box with rounded corners as the current path (labels, states). */
void                  synack_render_rounded_rect (cairo_t *cr, const cairo_rectangle_t *r, double radius);
void                  synack_render_span_range  (const SpanIndex *index, double a, double b,
                                                 size_t *first, size_t *end);

G_END_DECLS
