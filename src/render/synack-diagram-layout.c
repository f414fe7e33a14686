/* synack-diagram-layout.c: a trace's sequence diagram as geometry: its steps, text measure, hit tests. */
#include "synack-config.h"

#include <math.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"

void
synack_diagram_options_init (SynackDiagramOptions *options)
{
  *options = (SynackDiagramOptions) {
    .axis_mode = SYNACK_TIME_AXIS_COMPRESSED,
    .theme = NULL,
    .text_scale = 1,
    .px_per_second = 0,
  };
}

/* ---------------------------------------------------------------- text */

PangoContext *
synack_render_pango_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: a label measures the same at every zoom and in every
   * export format, so the boxes computed here are the ones painted. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

PangoFontDescription *
synack_render_font (const SynackDiagramLayout *layout, SynackLabelKind kind)
{
  PangoFontDescription *font = pango_font_description_new ();
  double size = layout->font_px;

  pango_font_description_set_family (font, layout->theme->font_family);
  switch (kind)
    {
    case SYNACK_LABEL_STATE:
    case SYNACK_LABEL_HOST:
    case SYNACK_LABEL_LOST:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    default:
      break;
    }
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  return font;
}

PangoLayout *
synack_render_text_layout (const SynackDiagramLayout *layout, SynackLabelKind kind, const char *text)
{
  PangoLayout *pl = pango_layout_new (layout->pango);
  g_autoptr (PangoFontDescription) font = synack_render_font (layout, kind);

  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  if (kind == SYNACK_LABEL_SEGMENT || kind == SYNACK_LABEL_HOST || kind == SYNACK_LABEL_BREAK)
    pango_layout_set_alignment (pl, PANGO_ALIGN_CENTER);
  else if ((kind == SYNACK_LABEL_NOTE || kind == SYNACK_LABEL_TIMER || kind == SYNACK_LABEL_STATE ||
            kind == SYNACK_LABEL_AXIS))
    pango_layout_set_alignment (pl, PANGO_ALIGN_RIGHT);
  return pl;
}

void
synack_layout_measure (SynackDiagramLayout *layout, SynackLabelKind kind, const char *text, double *w, double *h)
{
  int width, height;

  synack_text_measure_size (layout->measure, kind, text, &width, &height);
  *w = (double) width / PANGO_SCALE + 2 * layout->label_pad;
  *h = (double) height / PANGO_SCALE + 2 * layout->label_pad_y;
}

int
synack_layout_add_label (SynackDiagramLayout *layout, SynackLabelKind kind, long event, SynackHostId host, char *text)
{
  SynackDiagramLabel label = { .kind = kind, .event = event, .host = host, .text = text };

  synack_layout_measure (layout, kind, text, &label.box.width, &label.box.height);
  g_array_append_val (layout->labels, label);
  return (int) layout->labels->len - 1;
}

/* The type, spacing, time scale and host headings: what every later step
 * needs, and all that the time axis does. */
static SynackDiagramLayout *
layout_start (const SynackTrace *trace, const SynackDiagramOptions *options)
{
  SynackDiagramOptions defaults;
  SynackDiagramLayout *layout = g_new0 (SynackDiagramLayout, 1);
  double s;
  double max_y = 0;

  if (options == NULL)
    {
      synack_diagram_options_init (&defaults);
      options = &defaults;
    }
  layout->trace = trace;
  layout->theme = options->theme ? synack_theme_copy (options->theme) : synack_theme_new ("light", 1, NULL);
  layout->mode = options->axis_mode;
  layout->text_scale = layout->theme->text_scale * (options->text_scale > 0 ? options->text_scale : 1);
  layout->font_px = layout->theme->font_size * layout->text_scale;
  /* Geometry follows the text scale fully but a theme's larger type only
   * in part: projector text is then larger relative to the page, which is
   * what counts once the page is fitted to a screen. Everything that holds
   * text is sized from the type itself, so nothing gets cramped. */
  layout->scale = s = layout->text_scale * sqrt (layout->theme->font_size / 13.0);
  layout->pango = synack_render_pango_context_new ();
  {
    /* Sized once from the trace: growing by doubling copies a long run's
     * items over and over. A label array that big is an upper bound (an
     * item's label, an axis time per event); pages never used stay free. */
    guint n_arrows = 0, n_timers = 0, n_states = 0;

    for (size_t i = 0; i < trace->n_events; i++)
      {
        SynackEventType type = trace->events[i].type;

        n_arrows += type == SYNACK_EVENT_SEND || type == SYNACK_EVENT_DUPLICATE;
        n_timers += type == SYNACK_EVENT_TIMER && trace->events[i].action == SYNACK_TIMER_START;
        n_states += type == SYNACK_EVENT_STATE;
      }
    layout->labels = g_array_sized_new (FALSE, TRUE, sizeof (SynackDiagramLabel), 2 * (guint) trace->n_events + 8);
    layout->arrows = g_array_sized_new (FALSE, TRUE, sizeof (SynackDiagramArrow), n_arrows);
    layout->bands = g_array_sized_new (FALSE, TRUE, sizeof (SynackDiagramBand), n_states + SYNACK_N_HOSTS);
    layout->timers = g_array_sized_new (FALSE, TRUE, sizeof (SynackDiagramTimer), n_timers);
  }
  layout->breaks = g_array_new (FALSE, TRUE, sizeof (SynackDiagramBreak));
  layout->notes = g_array_new (FALSE, FALSE, sizeof (int));

  /* Everything scales with the type so a projector layout is the light
   * one magnified, not a cramped one with big letters. */
  layout->margin = 16 * s;
  layout->label_pad = 0.3 * layout->font_px;
  layout->label_pad_y = 0.12 * layout->font_px;
  layout->label_gap = 0.15 * layout->font_px;
  layout->band_w = 0.85 * layout->font_px;
  layout->lane_w = 0.75 * layout->font_px;
  layout->min_row = 1.55 * layout->font_px;
  layout->bundle_gap = 0.45 * layout->font_px;
  synack_layout_scale_time (layout, options->px_per_second);
  layout->head_len = 9 * layout->text_scale * MAX (1, layout->theme->line_width / 1.6);
  layout->measure = synack_text_measure_new (layout);

  /* Host headings fix where time starts. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      GString *ports = g_string_new (NULL);
      const SynackConnInfo *first = NULL, *last = NULL;

      /* The real client's ports: an attacker's forged ones are not its. */
      for (size_t c = 0; c < trace->n_conns; c++)
        if (!trace->conns[c].forged)
          {
            first = first ? first : &trace->conns[c];
            last = &trace->conns[c];
          }
      if (first != NULL)
        {
          uint16_t port = h == SYNACK_CLIENT ? first->client_port : first->server_port;

          g_string_append_printf (ports, ":%u", port);
          /* The server keeps one port: show it once. */
          if (h == SYNACK_CLIENT && last != first && last->client_port != first->client_port)
            g_string_append_printf (ports, "…%u", last->client_port);
        }
      layout->host_label[h] = synack_layout_add_label (layout, SYNACK_LABEL_HOST, -1, h,
                                                       synack_describe_host_heading (trace, h, ports->str));
      g_string_free (ports, TRUE);
      max_y = MAX (max_y, LABEL (layout, layout->host_label[h])->box.height);
    }
  layout->top = layout->margin + max_y + 2.0 * layout->font_px;
  return layout;
}

void
synack_diagram_layout_min_size (const SynackTrace *trace, const SynackDiagramOptions *options,
                                double *width, double *height)
{
  SynackDiagramLayout *layout = layout_start (trace, options);

  synack_layout_build_time_axis (layout);
  *height = layout->bottom + layout->min_row + layout->margin;
  *width = synack_layout_min_width (layout);
  synack_diagram_layout_free (layout);
}

double
synack_diagram_layout_min_height (const SynackTrace *trace, const SynackDiagramOptions *options)
{
  double width, height;

  synack_diagram_layout_min_size (trace, options, &width, &height);
  return height;
}

SynackDiagramLayout *
synack_diagram_layout_new (const SynackTrace *trace, const SynackDiagramOptions *options)
{
  SynackDiagramLayout *layout = layout_start (trace, options);

  synack_layout_build_time_axis (layout);
  synack_layout_build_bands (layout);
  synack_layout_build_items (layout);
  layout->height = layout->bottom + layout->min_row + layout->margin;
  synack_layout_place (layout);
  synack_layout_place_bands (layout);
  /* Whole pixels across, so an image of the page is exactly as wide. */
  layout->width = ceil (layout->width);
  g_clear_pointer (&layout->measure, synack_text_measure_free);

  /* Labels pushed down a column may reach past the last event. */
  for (guint i = 0; i < layout->labels->len; i++)
    layout->height = MAX (layout->height, LABEL (layout, i)->box.y + LABEL (layout, i)->box.height + layout->margin);

  synack_layout_build_indexes (layout);
  return layout;
}

void
synack_diagram_layout_free (SynackDiagramLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < layout->labels->len; i++)
    {
      g_free (LABEL (layout, i)->text);
      if (layout->label_layouts && layout->label_layouts[i])
        g_object_unref (layout->label_layouts[i]);
    }
  g_free (layout->label_layouts);
  g_array_unref (layout->labels);
  g_array_unref (layout->arrows);
  g_array_unref (layout->bands);
  g_array_unref (layout->timers);
  g_array_unref (layout->breaks);
  g_array_unref (layout->notes);
  g_array_unref (layout->knot_t);
  g_array_unref (layout->knot_y);
  for (int i = 0; i < 4; i++)
    {
      SpanIndex *index = i == 0 ? &layout->arrow_index : i == 1 ? &layout->timer_index :
                         i == 2 ? &layout->band_index : &layout->label_index;
      g_free (index->y0);
      g_free (index->max_y1);
    }
  g_free (layout->label_order);
  g_free (layout->label_owner);
  g_clear_pointer (&layout->measure, synack_text_measure_free);
  g_object_unref (layout->pango);
  synack_theme_free (layout->theme);
  g_free (layout);
}

/* Every kind of label is set in the layout's one size. */
double synack_diagram_layout_get_smallest_text (const SynackDiagramLayout *layout) { return layout->font_px; }
double synack_diagram_layout_get_width (const SynackDiagramLayout *layout) { return layout->width; }
double synack_diagram_layout_get_height (const SynackDiagramLayout *layout) { return layout->height; }
const SynackTrace *synack_diagram_layout_get_trace (const SynackDiagramLayout *layout) { return layout->trace; }

double
synack_diagram_layout_lifeline_x (const SynackDiagramLayout *layout, SynackHostId host)
{
  return layout->life_x[host == SYNACK_SERVER];
}

static double
distance_to_segment (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double u = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  u = CLAMP (u, 0, 1);
  return hypot (px - (x0 + u * dx), py - (y0 + u * dy));
}

long
synack_diagram_layout_hit_test (const SynackDiagramLayout *layout, double x, double y)
{
  double slop = MAX (5, 0.4 * layout->font_px);
  double best = slop;
  long hit = -1;
  size_t first, end;

  /* A label is a bigger target than a line: try labels first. */
  synack_render_span_range (&layout->label_index, y, y, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramLabel *l = LABEL (layout, layout->label_order[i]);

      if (l->kind == SYNACK_LABEL_SEGMENT && l->event >= 0 &&
          x >= l->box.x && x <= l->box.x + l->box.width &&
          y >= l->box.y && y <= l->box.y + l->box.height)
        return l->event;
    }

  synack_render_span_range (&layout->arrow_index, y - slop, y + slop, &first, &end);
  for (size_t i = first; i < end; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      double d = distance_to_segment (x, y, a->x0, a->y0, a->x1, a->y1);

      if (d <= best)
        {
          best = d;
          hit = a->send_event;
        }
    }
  return hit;
}

const SynackDiagramLabel *
synack_diagram_layout_get_labels (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->labels->len;
  return (const SynackDiagramLabel *) layout->labels->data;
}

const SynackDiagramArrow *
synack_diagram_layout_get_arrows (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->arrows->len;
  return (const SynackDiagramArrow *) layout->arrows->data;
}

const SynackDiagramBand *
synack_diagram_layout_get_bands (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->bands->len;
  return (const SynackDiagramBand *) layout->bands->data;
}

const SynackDiagramTimer *
synack_diagram_layout_get_timers (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->timers->len;
  return (const SynackDiagramTimer *) layout->timers->data;
}

const SynackDiagramBreak *
synack_diagram_layout_get_breaks (const SynackDiagramLayout *layout, size_t *n)
{
  *n = layout->breaks->len;
  return (const SynackDiagramBreak *) layout->breaks->data;
}
