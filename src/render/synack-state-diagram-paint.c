/* synack-state-diagram-paint.c: cairo and pango drawing of the state-transition diagram and of the hosts' marks on it. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "synack-describe.h"
#include "synack-diagram-layout-private.h"
#include "synack-state-diagram-paint.h"

static void
set_rgba (cairo_t *cr, const SynackRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static PangoLayout *
text_layout (cairo_t *cr, const SynackStateDiagram *d, const char *text, double px, gboolean bold)
{
  PangoLayout *pl = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted, at 72 dpi, as the layout measured it: the text fits the
   * boxes placed there on every surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (pl), options);
  pango_cairo_context_set_resolution (pango_layout_get_context (pl), 72);
  pango_layout_context_changed (pl);
  cairo_font_options_destroy (options);
  pango_font_description_set_family (font, d->font_family);
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_alignment (pl, PANGO_ALIGN_CENTER);
  return pl;
}

/* Draws text centred in a box. */
static void
show_centred (cairo_t *cr, const SynackStateDiagram *d, const char *text, const cairo_rectangle_t *box,
              double px, gboolean bold)
{
  g_autoptr (PangoLayout) pl = text_layout (cr, d, text, px, bold);
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  cairo_move_to (cr, box->x + (box->width - logical.width / (double) PANGO_SCALE) / 2,
                 box->y + (box->height - logical.height / (double) PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, pl);
}

static void
edge_path (cairo_t *cr, const SynackStateEdge *edge)
{
  cairo_move_to (cr, edge->x[0], edge->y[0]);
  for (int p = 1; p < edge->n_points; p++)
    cairo_line_to (cr, edge->x[p], edge->y[p]);
}

static void
arrowhead (cairo_t *cr, const SynackStateEdge *edge, double len)
{
  int n = edge->n_points;
  double x1 = edge->x[n - 1], y1 = edge->y[n - 1];
  double a = atan2 (y1 - edge->y[n - 2], x1 - edge->x[n - 2]);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - len * cos (a - 0.4), y1 - len * sin (a - 0.4));
  cairo_line_to (cr, x1 - len * cos (a + 0.4), y1 - len * sin (a + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
paint_edge (cairo_t *cr, const SynackStateDiagram *d, const SynackTheme *theme, const SynackStateEdge *edge,
            gboolean taken)
{
  const double s = d->scale;
  const SynackRgba *colour = edge->origin == SYNACK_TRANSITION_RFC ? &theme->foreground : &theme->muted;
  double width = theme->line_width * s * (edge->origin == SYNACK_TRANSITION_RFC ? 1 : 0.8);

  if (taken)
    {
      colour = &theme->cursor;
      width = theme->line_width * s * 2.2;
    }
  cairo_save (cr);
  set_rgba (cr, colour, 1);
  cairo_set_line_width (cr, width);
  if (!taken && edge->origin == SYNACK_TRANSITION_EXTRA)
    cairo_set_dash (cr, (double[]) { 6 * s, 4 * s }, 2, 0);
  else if (!taken && edge->origin == SYNACK_TRANSITION_TEXTBOOK)
    cairo_set_dash (cr, (double[]) { 1.5 * s, 3.5 * s }, 2, 0);
  edge_path (cr, edge);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  arrowhead (cr, edge, (taken ? 13 : 9) * s);
  if (edge->has_tag)
    {
      synack_render_rounded_rect (cr, &edge->tag_box, 5 * s);
      set_rgba (cr, &theme->background, 1);
      cairo_fill_preserve (cr);
      set_rgba (cr, colour, 1);
      cairo_set_line_width (cr, theme->line_width * s * 0.8);
      cairo_stroke (cr);
      show_centred (cr, d, "CLOSED", &edge->tag_box, d->font_px * 0.75, FALSE);
    }

  /* The label: on a background so a nearby line never runs through it. */
  set_rgba (cr, &theme->label_background, 1);
  cairo_rectangle (cr, edge->label_box.x, edge->label_box.y, edge->label_box.width, edge->label_box.height);
  cairo_fill (cr);
  set_rgba (cr, taken ? &theme->cursor : edge->origin == SYNACK_TRANSITION_RFC ? &theme->foreground : &theme->muted, 1);
  show_centred (cr, d, edge->label, &edge->label_box, synack_state_edge_font_px (d, edge), taken);
  cairo_restore (cr);
}

/* The path a host took so far: a wide faint stroke in its colour under the lines. */
static void
paint_path (cairo_t *cr, const SynackStateDiagram *d, const SynackTheme *theme, const SynackStateMarks *marks)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    for (int e = 0; e < d->n_edges; e++)
      if (marks->visited[h] & (G_GUINT64_CONSTANT (1) << e))
        {
          /* Offset the two hosts' strokes so a shared edge shows both. */
          cairo_save (cr);
          cairo_translate (cr, (h == SYNACK_CLIENT ? -2.5 : 2.5) * d->scale, (h == SYNACK_CLIENT ? -2.5 : 2.5) * d->scale);
          set_rgba (cr, &theme->host[h], 0.28);
          cairo_set_line_width (cr, 7 * d->scale);
          edge_path (cr, &d->edges[e]);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
  cairo_restore (cr);
}

static void
paint_node (cairo_t *cr, const SynackStateDiagram *d, const SynackTheme *theme, int k,
            const SynackStateMarks *marks)
{
  const SynackStateNode *node = &d->nodes[k];
  const double s = d->scale;
  gboolean here[SYNACK_N_HOSTS] = { FALSE, FALSE };
  gboolean any;

  for (int h = 0; marks && h < SYNACK_N_HOSTS; h++)
    here[h] = marks->node[h] == k;
  any = here[SYNACK_CLIENT] || here[SYNACK_SERVER];

  cairo_save (cr);
  synack_render_rounded_rect (cr, &node->box, 8 * s);
  set_rgba (cr, &theme->background, 1);
  cairo_fill_preserve (cr);
  set_rgba (cr, &theme->state[node->state], any ? 1 : 0.35);
  cairo_fill_preserve (cr);
  set_rgba (cr, &theme->foreground, 1);
  cairo_set_line_width (cr, theme->line_width * s);
  cairo_stroke (cr);

  /* Each host's mark: a thick outline in its colour (the server's dashed,
   * so print tells them apart) and a tag naming it above the box. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      cairo_rectangle_t outline, tag;
      const char *name = synack_describe_host ((SynackHostId) h, SYNACK_HOST_HEADING);
      double inset = (h == SYNACK_CLIENT ? -4 : -9) * s;

      if (!here[h])
        continue;
      outline = (cairo_rectangle_t) { node->box.x + inset, node->box.y + inset,
                                      node->box.width - 2 * inset, node->box.height - 2 * inset };
      if (here[SYNACK_CLIENT] && here[SYNACK_SERVER] && h == SYNACK_SERVER)
        ;  /* both here: the server's outline sits outside the client's */
      else
        outline = (cairo_rectangle_t) { node->box.x - 4 * s, node->box.y - 4 * s,
                                        node->box.width + 8 * s, node->box.height + 8 * s };
      synack_render_rounded_rect (cr, &outline, 10 * s);
      set_rgba (cr, &theme->host[h], 1);
      cairo_set_line_width (cr, 3.5 * s);
      if (h == SYNACK_SERVER)
        cairo_set_dash (cr, (double[]) { 7 * s, 3.5 * s }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      tag = d->host_tag[k][h];
      synack_render_rounded_rect (cr, &tag, tag.height / 2);
      set_rgba (cr, &theme->host[h], 1);
      cairo_fill (cr);
      set_rgba (cr, &theme->background, 1);
      show_centred (cr, d, name, &tag, d->font_px * 0.8, TRUE);
    }

  /* A dark fill (print's greys, dark theme) takes light text. */
  {
    const SynackRgba *fill = &theme->state[node->state];
    double alpha = any ? 1 : 0.35;
    double lum = alpha * (0.2126 * fill->r + 0.7152 * fill->g + 0.0722 * fill->b) +
                 (1 - alpha) * (0.2126 * theme->background.r + 0.7152 * theme->background.g + 0.0722 * theme->background.b);
    double fg = 0.2126 * theme->foreground.r + 0.7152 * theme->foreground.g + 0.0722 * theme->foreground.b;

    set_rgba (cr, fabs (fg - lum) >= 0.4 ? &theme->foreground : &theme->background, 1);
  }
  show_centred (cr, d, synack_state_to_string (node->state), &node->box, d->font_px * 0.95, TRUE);
  cairo_restore (cr);
}

static void
paint_legend (cairo_t *cr, const SynackStateDiagram *d, const SynackTheme *theme)
{
  const double s = d->scale;
  const char *names[] = { _("RFC 9293"), _("resets and give-ups (Linux)"), _("textbook only") };
  double y = 18 * s;

  cairo_save (cr);
  for (int k = 0; k < 3; k++, y += 20 * s)
    {
      g_autoptr (PangoLayout) pl = text_layout (cr, d, names[k], d->font_px * 0.8, FALSE);
      PangoRectangle logical;

      set_rgba (cr, k == 0 ? &theme->foreground : &theme->muted, 1);
      cairo_set_line_width (cr, theme->line_width * s);
      if (k == 1)
        cairo_set_dash (cr, (double[]) { 6 * s, 4 * s }, 2, 0);
      else if (k == 2)
        cairo_set_dash (cr, (double[]) { 1.5 * s, 3.5 * s }, 2, 0);
      cairo_move_to (cr, 20 * s, y);
      cairo_line_to (cr, 56 * s, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      pango_layout_get_extents (pl, NULL, &logical);
      cairo_move_to (cr, 64 * s, y - logical.height / (2.0 * PANGO_SCALE));
      pango_cairo_show_layout (cr, pl);
    }
  cairo_restore (cr);
}

void
synack_state_diagram_paint (cairo_t *cr, const SynackStateDiagram *d, const SynackTheme *theme,
                            const SynackStateMarks *marks, const SynackTrace *trace)
{
  cairo_save (cr);
  set_rgba (cr, &theme->background, 1);
  cairo_rectangle (cr, 0, 0, d->width, d->height);
  cairo_fill (cr);

  paint_legend (cr, d, theme);
  if (marks)
    paint_path (cr, d, theme, marks);
  for (int e = 0; e < d->n_edges; e++)
    if (!marks || e != marks->last_edge)
      paint_edge (cr, d, theme, &d->edges[e], FALSE);
  if (marks && marks->last_edge >= 0)
    paint_edge (cr, d, theme, &d->edges[marks->last_edge], TRUE);
  for (int k = 0; k < SYNACK_STATE_DIAGRAM_N_NODES; k++)
    paint_node (cr, d, theme, k, marks);

  if (marks && trace)
    {
      g_autofree char *caption = synack_state_marks_describe (marks, trace);
      g_autoptr (PangoLayout) pl = text_layout (cr, d, caption, d->font_px, TRUE);
      PangoRectangle logical;

      pango_layout_set_width (pl, (int) (d->caption_box.width * PANGO_SCALE));
      pango_layout_set_alignment (pl, PANGO_ALIGN_LEFT);
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
      pango_layout_get_extents (pl, NULL, &logical);
      set_rgba (cr, marks->last_event >= 0 ? &theme->host[marks->last_host] : &theme->muted, 1);
      cairo_move_to (cr, d->caption_box.x,
                     d->caption_box.y + (d->caption_box.height - logical.height / (double) PANGO_SCALE) / 2);
      pango_cairo_show_layout (cr, pl);
    }
  cairo_restore (cr);
}
