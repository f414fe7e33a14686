/* synack-svg-writer.c: semantic SVG of a laid-out sequence diagram: <text>, classes, ids and a sentence per item. */
#include "synack-config.h"

#include <math.h>
#include <string.h>

#include "synack-diagram-layout-private.h"
#include "synack-diagram-paint.h"
#include "synack-describe.h"
#include "synack-svg-writer.h"

#define LABEL(layout, i) (&g_array_index ((layout)->labels, SynackDiagramLabel, (i)))

/* Written in pieces of this size, so a 10,000-segment chart never sits
 * whole in memory. */
#define FLUSH_AT (64 * 1024)

typedef struct {
  const SynackDiagramLayout *layout;
  const SynackTheme         *theme;
  const SynackSvgOptions    *options;
  GString                   *buf;
  cairo_write_func_t         write;
  void                      *closure;
  gboolean                   failed;
  gboolean                   all;      /* everything shown, no cursor */
  long                       last;     /* last event shown */
  double                     yc;       /* cursor */
  double                     lw;       /* stroke width */
  double                     s;        /* geometry scale */
  /* per label kind: baseline below the box's text top, and line height */
  double                     baseline[SYNACK_N_LABEL_KINDS];
  double                     line_h[SYNACK_N_LABEL_KINDS];
  double                     font_size[SYNACK_N_LABEL_KINDS];
  gboolean                   bold[SYNACK_N_LABEL_KINDS];
} Writer;

void
synack_svg_options_init (SynackSvgOptions *options)
{
  *options = (SynackSvgOptions) { .upto = SYNACK_DIAGRAM_ALL };
}

static void
flush (Writer *w)
{
  if (!w->failed && w->buf->len > 0 &&
      w->write (w->closure, (const unsigned char *) w->buf->str, (unsigned int) w->buf->len) != CAIRO_STATUS_SUCCESS)
    w->failed = TRUE;
  g_string_truncate (w->buf, 0);
}

static void
put (Writer *w, const char *text)
{
  g_string_append (w->buf, text);
  if (w->buf->len >= FLUSH_AT)
    flush (w);
}

/* Numbers with one decimal, whatever the locale (printf would write "1,5"
 * under a German locale), and fast: a big chart has a million of them. */
static void
num (Writer *w, double v)
{
  long tenths = lround (v * 10);
  char tmp[32];
  int n = 0;
  gboolean negative = tenths < 0;
  unsigned long a = negative ? (unsigned long) -tenths : (unsigned long) tenths;

  if (a % 10 != 0)
    {
      tmp[n++] = (char) ('0' + a % 10);
      tmp[n++] = '.';
    }
  a /= 10;
  do
    {
      tmp[n++] = (char) ('0' + a % 10);
      a /= 10;
    }
  while (a > 0);
  if (negative)
    tmp[n++] = '-';
  while (n > 0)
    g_string_append_c (w->buf, tmp[--n]);
}

/* "name=" followed by a quoted number and a space. */
static void
attr_num (Writer *w, const char *name, double v)
{
  g_string_append (w->buf, name);
  g_string_append (w->buf, "=\"");
  num (w, v);
  g_string_append (w->buf, "\" ");
}

static void
escaped_len (Writer *w, const char *text, size_t len)
{
  for (const char *p = text; p < text + len; p++)
    switch (*p)
      {
      case '<': g_string_append (w->buf, "&lt;"); break;
      case '>': g_string_append (w->buf, "&gt;"); break;
      case '&': g_string_append (w->buf, "&amp;"); break;
      case '"': g_string_append (w->buf, "&quot;"); break;
      default: g_string_append_c (w->buf, *p); break;
      }
}

static void
escaped (Writer *w, const char *text)
{
  escaped_len (w, text, strlen (text));
}

static void
color (Writer *w, const SynackRgba *c)
{
  g_string_append_printf (w->buf, "#%02x%02x%02x", (int) lround (c->r * 255), (int) lround (c->g * 255),
                          (int) lround (c->b * 255));
}

/* A CSS rule "selector{prop:#rrggbb;prop-opacity:a}". */
static void
rule (Writer *w, const char *selector, const char *prop, const SynackRgba *c, double alpha)
{
  g_string_append_printf (w->buf, "%s{%s:", selector, prop);
  color (w, c);
  if (c->a * alpha < 0.999)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (w->buf, ";%s-opacity:%s", prop, g_ascii_formatd (a, sizeof a, "%.2f", c->a * alpha));
    }
  g_string_append (w->buf, "}\n");
}

static gboolean
shown (const Writer *w, long event)
{
  if (w->options->for_script)
    return event != -2;
  return event == -1 || (event >= 0 && event <= w->last);
}

/* What the web page's script reads: the event that reveals an item and
 * the one that ends it. */
static void
data_events (Writer *w, long appear, long end)
{
  if (!w->options->for_script)
    return;
  g_string_append_printf (w->buf, " data-e=\"%ld\"", appear);
  if (end >= 0)
    g_string_append_printf (w->buf, " data-end=\"%ld\"", end);
}

static void
sentence_title (Writer *w, long event)
{
  g_autofree char *sentence = NULL;

  if (event < 0)
    return;
  sentence = synack_describe_sentence (w->layout->trace, event);
  if (sentence == NULL || *sentence == '\0')
    return;
  put (w, "<title>");
  escaped (w, sentence);
  put (w, "</title>");
}

/* Ends an item's start tag and gives it its sentence: what every group of
 * the diagram (segment, band, timer) carries. */
static void
item_body (Writer *w, long event, long end_event)
{
  data_events (w, event, end_event);
  put (w, ">");
  sentence_title (w, event);
}

static const char *
host_class (SynackHostId host)
{
  return host == SYNACK_CLIENT ? "client" : "server";
}

/* --------------------------------------------------------------- head */

static void
measure_kinds (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;

  for (int k = 0; k < SYNACK_N_LABEL_KINDS; k++)
    {
      g_autoptr (PangoLayout) one = synack_render_text_layout (layout, k, "Xg");
      g_autoptr (PangoLayout) two = synack_render_text_layout (layout, k, "Xg\nXg");
      g_autoptr (PangoFontDescription) font = synack_render_font (layout, k);
      PangoRectangle r1, r2;

      w->font_size[k] = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      w->bold[k] = pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD;
      pango_layout_get_extents (one, NULL, &r1);
      pango_layout_get_extents (two, NULL, &r2);
      w->baseline[k] = (double) pango_layout_get_baseline (one) / PANGO_SCALE;
      w->line_h[k] = (double) (r2.height - r1.height) / PANGO_SCALE;
    }
}

static void
write_style (Writer *w)
{
  const SynackTheme *t = w->theme;
  char sel[64];

  put (w, "<style>\n");
  rule (w, ".background", "fill", &t->background, 1);
  rule (w, ".lifeline", "stroke", &t->lifeline, 1);
  rule (w, ".lifeline-frame", "stroke", &t->lifeline, 0.8);
  rule (w, ".axis", "stroke", &t->muted, 1);
  rule (w, ".break", "fill", &t->muted, 0.10);
  rule (w, ".break-mark", "stroke", &t->muted, 1);
  rule (w, ".break-gap", "fill", &t->background, 1);
  rule (w, ".rule", "stroke", &t->foreground, 1);
  for (int s = 0; s < SYNACK_N_STATES; s++)
    {
      g_snprintf (sel, sizeof sel, ".state-%s rect", synack_state_to_string (s));
      rule (w, sel, "fill", &t->state[s], 1);
    }
  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    {
      g_snprintf (sel, sizeof sel, ".timer.timer-%s", synack_timer_to_string (k));
      rule (w, sel, "stroke", &t->timer[k], 1);
      g_snprintf (sel, sizeof sel, ".timer.timer-%s .bar", synack_timer_to_string (k));
      rule (w, sel, "fill", &t->timer[k], 0.85);
      g_snprintf (sel, sizeof sel, ".timer-label.timer-%s text", synack_timer_to_string (k));
      rule (w, sel, "fill", &t->timer[k], 1);
    }
  put (w, ".segment{fill:none}\n");
  rule (w, ".segment line", "stroke", &t->segment, 1);
  rule (w, ".segment .head", "fill", &t->segment, 1);
  rule (w, ".segment-label text", "fill", &t->segment, 1);
  rule (w, ".rexmit line", "stroke", &t->retransmission, 1);
  rule (w, ".rexmit .head", "fill", &t->retransmission, 1);
  rule (w, ".segment-label.rexmit text", "fill", &t->retransmission, 1);
  rule (w, ".copy line", "stroke", &t->duplicate, 1);
  rule (w, ".copy .head", "fill", &t->duplicate, 1);
  rule (w, ".segment-label.copy text", "fill", &t->duplicate, 1);
  rule (w, ".RST line", "stroke", &t->rst, 1);
  rule (w, ".RST .head", "fill", &t->rst, 1);
  rule (w, ".segment-label.RST text", "fill", &t->rst, 1);
  rule (w, ".lost line", "stroke", &t->lost, 1);
  rule (w, ".lost .head", "fill", &t->lost, 1);
  rule (w, ".lost .cross", "stroke", &t->lost, 1);
  rule (w, ".segment-label.lost text", "fill", &t->lost, 1);
  rule (w, ".lost-label text", "fill", &t->lost, 1);
  rule (w, ".label-box", "fill", &t->label_background, 1);
  rule (w, "text", "fill", &t->foreground, 1);
  rule (w, ".note text", "fill", &t->note, 1);
  rule (w, ".note .frame", "stroke", &t->note, 0.5);
  rule (w, ".error text", "fill", &t->error, 1);
  rule (w, ".error .frame", "stroke", &t->error, 0.5);
  rule (w, ".axis-label text", "fill", &t->muted, 1);
  rule (w, ".break-label text", "fill", &t->muted, 1);
  rule (w, ".cursor", "stroke", &t->cursor, 1);
  rule (w, ".cursor-pointer", "fill", &t->cursor, 1);
  put (w, ".frame{fill:none}\n");
  put (w, "</style>\n");
}

/* ------------------------------------------------------------- pieces */

static void
write_lifelines (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;

  put (w, "<g id=\"lifelines\" class=\"lifeline\" ");
  attr_num (w, "stroke-width", w->lw);
  put (w, ">");
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_string_append_printf (w->buf, "<line id=\"lifeline-%s\" ", host_class (h));
      attr_num (w, "x1", layout->life_x[h]);
      attr_num (w, "y1", layout->top - 0.4 * layout->font_px);
      attr_num (w, "x2", layout->life_x[h]);
      attr_num (w, "y2", layout->bottom + layout->min_row * 0.6);
      put (w, "/>");
    }
  put (w, "</g>\n");
}

static void
write_axis (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;
  const double *ky = (const double *) layout->knot_y->data;

  put (w, "<g id=\"axis\" class=\"axis\" fill=\"none\" ");
  attr_num (w, "stroke-width", w->lw * 0.7);
  put (w, "><path d=\"M");
  num (w, layout->axis_x);
  put (w, " ");
  num (w, layout->top);
  put (w, "V");
  num (w, layout->bottom);
  /* One tick per event time, in one path: a big chart has thousands. */
  for (size_t i = 0; i < layout->knot_y->len; i++)
    {
      if (i > 0 && fabs (ky[i] - ky[i - 1]) < 0.05)
        continue;
      put (w, "M");
      num (w, layout->axis_x - 4 * w->s);
      put (w, " ");
      num (w, ky[i]);
      put (w, "h");
      num (w, 4 * w->s);
    }
  put (w, "\"/></g>\n");
}

static void
write_breaks (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double left = layout->axis_x, right = layout->width - layout->margin;
  double zig = 0.35 * layout->font_px;

  put (w, "<g id=\"breaks\">");
  for (guint i = 0; i < layout->breaks->len; i++)
    {
      const SynackDiagramBreak *br = &g_array_index (layout->breaks, SynackDiagramBreak, i);
      double mid = (br->y0 + br->y1) / 2;
      double xs[3] = { layout->axis_x, layout->life_x[0], layout->life_x[1] };

      g_string_append_printf (w->buf, "<g id=\"break-%u\" class=\"axis-break\"><rect class=\"break\" ", i);
      attr_num (w, "x", left);
      attr_num (w, "y", br->y0);
      attr_num (w, "width", right - left);
      attr_num (w, "height", br->y1 - br->y0);
      put (w, "/>");
      for (int k = 0; k < 3; k++)
        {
          double half = k == 0 ? zig : layout->band_w * 0.9;

          put (w, "<rect class=\"break-gap\" ");
          attr_num (w, "x", xs[k] - half - 2);
          attr_num (w, "y", mid - zig * 0.8);
          attr_num (w, "width", 2 * half + 4);
          attr_num (w, "height", zig * 1.6);
          put (w, "/><path class=\"break-mark\" fill=\"none\" ");
          attr_num (w, "stroke-width", w->lw);
          put (w, "d=\"");
          for (int side = -1; side <= 1; side += 2)
            {
              put (w, "M");
              num (w, xs[k] - half);
              put (w, " ");
              num (w, mid + side * zig * 0.8 + zig * 0.5);
              put (w, "L");
              num (w, xs[k] + half);
              put (w, " ");
              num (w, mid + side * zig * 0.8 - zig * 0.5);
            }
          put (w, "\"/>");
        }
      put (w, "</g>");
    }
  put (w, "</g>\n");
}

static void
write_bands (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;

  put (w, "<g id=\"bands\">");
  for (guint i = 0; i < layout->bands->len; i++)
    {
      const SynackDiagramBand *band = &g_array_index (layout->bands, SynackDiagramBand, i);
      double x = layout->life_x[band->host] - layout->band_w / 2;

      if (!shown (w, band->event))
        continue;
      g_string_append_printf (w->buf, "<g id=\"band-%u\" class=\"band state-%s %s\"", i,
                              synack_state_to_string (band->state), host_class (band->host));
      item_body (w, band->event, band->event);
      put (w, "<rect ");
      attr_num (w, "x", x);
      attr_num (w, "y", band->y0);
      attr_num (w, "width", layout->band_w);
      attr_num (w, "height", band->y1 - band->y0);
      put (w, "/>");
      if (band->event >= 0)
        {
          put (w, "<line class=\"rule\" ");
          attr_num (w, "stroke-width", w->lw);
          attr_num (w, "x1", x - 3 * w->s);
          attr_num (w, "y1", band->y0);
          attr_num (w, "x2", x + layout->band_w + 3 * w->s);
          attr_num (w, "y2", band->y0);
          put (w, "/>");
        }
      put (w, "</g>");
    }
  /* The lifeline's outline around its bands. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_string_append_printf (w->buf, "<rect class=\"lifeline-frame\" fill=\"none\" ");
      attr_num (w, "stroke-width", 0.6 * w->lw);
      attr_num (w, "x", layout->life_x[h] - layout->band_w / 2);
      attr_num (w, "y", layout->top);
      attr_num (w, "width", layout->band_w);
      attr_num (w, "height", MAX (layout->bottom - layout->top, 0));
      put (w, "/>");
    }
  put (w, "</g>\n");
}

static void
hline (Writer *w, const char *klass, double x0, double x1, double y, double width)
{
  g_string_append_printf (w->buf, "<line class=\"%s\" ", klass);
  attr_num (w, "stroke-width", width);
  attr_num (w, "x1", x0);
  attr_num (w, "y1", y);
  attr_num (w, "x2", x1);
  attr_num (w, "y2", y);
  put (w, "/>");
}

static void
write_timers (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double half = layout->lane_w * 0.3;

  put (w, "<g id=\"timers\">");
  for (guint i = 0; i < layout->timers->len; i++)
    {
      const SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
      gboolean ended = t->end_event >= 0;
      double y1 = MAX (t->y1, t->y0);

      if (!shown (w, t->event) || t->lane >= SYNACK_MAX_TIMER_LANES)
        continue;
      g_string_append_printf (w->buf, "<g id=\"timer-%u\" class=\"timer timer-%s %s\"", i,
                              synack_timer_to_string (t->kind), host_class (t->host));
      item_body (w, t->event, t->event);
      put (w, "<rect class=\"bar\" stroke=\"none\" ");
      attr_num (w, "x", t->x - half);
      attr_num (w, "y", t->y0);
      attr_num (w, "width", 2 * half);
      attr_num (w, "height", MAX (y1 - t->y0, 1));
      put (w, "/>");
      hline (w, "start", t->x - half * 2, t->x + half * 2, t->y0, w->lw);
      if (ended)
        {
          /* Expiry has consequences: a heavy cap; a stop or re-arm a thin one. */
          hline (w, t->end_action == SYNACK_TIMER_EXPIRE ? "end expire" : "end", t->x - half * 2.2,
                 t->x + half * 2.2, y1, t->end_action == SYNACK_TIMER_EXPIRE ? 2.5 * w->lw : w->lw);
          if (t->end_action == SYNACK_TIMER_START && t->y_expires > y1 &&
              (t->kind == SYNACK_TIMER_TIME_WAIT || t->kind == SYNACK_TIMER_FIN_WAIT_2))
            {
              put (w, "<rect class=\"restarted\" fill=\"none\" ");
              attr_num (w, "stroke-width", 0.8 * w->lw);
              attr_num (w, "stroke-dasharray", 3 * w->s);
              attr_num (w, "x", t->x - half);
              attr_num (w, "y", y1);
              attr_num (w, "width", 2 * half);
              attr_num (w, "height", t->y_expires - y1);
              put (w, "/>");
            }
        }
      put (w, "</g>");
    }
  put (w, "</g>\n");
}

/* "segment SYN ACK rexmit lost client" */
static void
segment_classes (Writer *w, const SynackDiagramArrow *a, gboolean arrived)
{
  static const char *const flag_names[] = { "SYN", "ACK", "FIN", "RST", "PSH" };

  put (w, host_class (a->from));
  for (guint f = 0; f < G_N_ELEMENTS (flag_names); f++)
    if (a->flags & (1u << f))
      {
        put (w, " ");
        put (w, flag_names[f]);
      }
  if (a->rexmit > 0)
    put (w, " rexmit");
  if (a->duplicate)
    put (w, " copy");
  if (a->fate == SYNACK_ARROW_LOST && arrived)
    put (w, " lost");
  if (a->fate == SYNACK_ARROW_IN_FLIGHT)
    put (w, " in-flight");
}

static void
segment_id (Writer *w, const SynackDiagramArrow *a, const char *suffix)
{
  g_string_append_printf (w->buf, "seg-%u%s%s", a->seg, a->duplicate ? "-copy" : "", suffix);
}

static void
write_arrows (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double len_head = layout->head_len;

  put (w, "<g id=\"segments\">");
  for (guint i = 0; i < layout->arrows->len; i++)
    {
      const SynackDiagramArrow *a = &g_array_index (layout->arrows, SynackDiagramArrow, i);
      /* The web page shows a lost arrow's ✕ from its loss on. */
      gboolean arrived = a->end_event >= 0 && (w->all || w->options->for_script || a->end_event <= w->last);
      double len = hypot (a->x1 - a->x0, a->y1 - a->y0);
      gboolean lost = a->fate == SYNACK_ARROW_LOST && arrived;
      double back = lost || len < 1 ? 0 : MIN (len_head * 0.8, len);
      double ex = len > 0 ? a->x1 - (a->x1 - a->x0) / len * back : a->x1;
      double ey = len > 0 ? a->y1 - (a->y1 - a->y0) / len * back : a->y1;
      double lw = a->flags & SYNACK_FLAG_RST ? w->lw * 1.6 : w->lw;

      if (!shown (w, a->send_event))
        continue;
      put (w, "<g id=\"");
      segment_id (w, a, "");
      put (w, "\" class=\"segment ");
      segment_classes (w, a, arrived);
      put (w, "\"");
      item_body (w, a->send_event, a->send_event);
      put (w, "<line ");
      attr_num (w, "stroke-width", a->duplicate ? lw * 1.5 : lw);
      if (a->duplicate)
        {
          put (w, "stroke-linecap=\"round\" stroke-dasharray=\"0.1 ");
          num (w, 3 * w->s);
          put (w, "\" ");
        }
      else if (a->rexmit > 0)
        {
          put (w, "stroke-dasharray=\"");
          num (w, 7 * w->s);
          put (w, " ");
          num (w, 4 * w->s);
          put (w, "\" ");
        }
      attr_num (w, "x1", a->x0);
      attr_num (w, "y1", a->y0);
      attr_num (w, "x2", ex);
      attr_num (w, "y2", ey);
      put (w, "/>");
      if (lost)
        {
          /* The ✕ is drawn, not typeset, so it is crisp at any size. */
          double r = a->head.width * 0.36;

          put (w, "<path class=\"cross\" stroke-linecap=\"round\" ");
          attr_num (w, "stroke-width", 2.2 * w->lw);
          put (w, "d=\"M");
          num (w, a->x1 - r); put (w, " "); num (w, a->y1 - r);
          put (w, "L");
          num (w, a->x1 + r); put (w, " "); num (w, a->y1 + r);
          put (w, "M");
          num (w, a->x1 + r); put (w, " "); num (w, a->y1 - r);
          put (w, "L");
          num (w, a->x1 - r); put (w, " "); num (w, a->y1 + r);
          put (w, "\"/>");
        }
      else if (len > len_head)
        {
          double angle = atan2 (a->y1 - a->y0, a->x1 - a->x0);

          put (w, "<path class=\"head\" d=\"M");
          num (w, a->x1); put (w, " "); num (w, a->y1);
          put (w, "L");
          num (w, a->x1 - len_head * cos (angle - 0.42)); put (w, " "); num (w, a->y1 - len_head * sin (angle - 0.42));
          put (w, "L");
          num (w, a->x1 - len_head * cos (angle + 0.42)); put (w, " "); num (w, a->y1 - len_head * sin (angle + 0.42));
          put (w, "Z\"/>");
        }
      put (w, "</g>");
    }
  put (w, "</g>\n");
}

/* ------------------------------------------------------------- labels */

/* The arrow a segment or "lost" label belongs to, or NULL. */
static const SynackDiagramArrow *
label_arrow (const Writer *w, int index)
{
  const SynackDiagramLayout *layout = w->layout;
  SynackLabelKind kind = LABEL (layout, index)->kind;
  int owner = layout->label_owner[index];

  if ((kind == SYNACK_LABEL_SEGMENT || kind == SYNACK_LABEL_LOST) && owner >= 0)
    return &g_array_index (layout->arrows, SynackDiagramArrow, owner);
  return NULL;
}

static void
write_text (Writer *w, const SynackDiagramLabel *l)
{
  const SynackDiagramLayout *layout = w->layout;
  const char *anchor = "start";
  double x = l->box.x + layout->label_pad;
  double y = l->box.y + layout->label_pad_y + w->baseline[l->kind];
  const char *line = l->text;

  switch (l->kind)
    {
    case SYNACK_LABEL_SEGMENT:
    case SYNACK_LABEL_HOST:
    case SYNACK_LABEL_BREAK:
      anchor = "middle";
      x = l->box.x + l->box.width / 2;
      break;
    case SYNACK_LABEL_NOTE:
    case SYNACK_LABEL_TIMER:
    case SYNACK_LABEL_STATE:
    case SYNACK_LABEL_AXIS:
      anchor = "end";
      x = l->box.x + l->box.width - layout->label_pad;
      break;
    default:
      break;
    }
  g_string_append_printf (w->buf, "<text text-anchor=\"%s\" ", anchor);
  attr_num (w, "font-size", w->font_size[l->kind]);
  if (w->bold[l->kind])
    put (w, "font-weight=\"bold\" ");
  put (w, ">");
  for (int n = 0; line != NULL; n++)
    {
      const char *nl = strchr (line, '\n');

      put (w, "<tspan ");
      attr_num (w, "x", x);
      attr_num (w, "y", y + n * w->line_h[l->kind]);
      put (w, ">");
      escaped_len (w, line, nl ? (size_t) (nl - line) : strlen (line));
      put (w, "</tspan>");
      line = nl ? nl + 1 : NULL;
    }
  put (w, "</text>");
}

static const char *
label_class (const Writer *w, const SynackDiagramLabel *l)
{
  const SynackTrace *trace = w->layout->trace;

  switch (l->kind)
    {
    case SYNACK_LABEL_SEGMENT: return "segment-label";
    case SYNACK_LABEL_STATE:   return "state-label";
    case SYNACK_LABEL_TIMER:   return "timer-label";
    case SYNACK_LABEL_LOST:    return "lost-label";
    case SYNACK_LABEL_AXIS:    return "axis-label";
    case SYNACK_LABEL_BREAK:   return "break-label";
    case SYNACK_LABEL_HOST:    return "host-label";
    case SYNACK_LABEL_NOTE:
      if (l->event >= 0 && trace->events[l->event].type == SYNACK_EVENT_APP &&
          trace->events[l->event].result >= SYNACK_RESULT_ECONNREFUSED)
        return "note error";
      if (l->event >= 0 && trace->events[l->event].type == SYNACK_EVENT_DELIVER &&
          trace->events[l->event].verdict == SYNACK_VERDICT_STALE_DATA)
        return "note error";
      return "note";
    default:
      return "label";
    }
}

static void
write_labels (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;

  put (w, "<g id=\"labels\">");
  for (guint i = 0; i < layout->labels->len; i++)
    {
      const SynackDiagramLabel *l = LABEL (layout, i);
      const SynackDiagramArrow *arrow = label_arrow (w, (int) i);
      long reveal = synack_diagram_label_reveal (layout, (int) i);
      long end = -1;

      if (l->event == -2 || !shown (w, reveal))
        continue;
      g_string_append_printf (w->buf, "<g id=\"label-%u\" class=\"%s", i, label_class (w, l));
      if (arrow != NULL)
        {
          put (w, " ");
          segment_classes (w, arrow, arrow->end_event >= 0 && (w->all || w->options->for_script ||
                                                               arrow->end_event <= w->last));
        }
      else if (l->kind == SYNACK_LABEL_TIMER && layout->label_owner[i] >= 0)
        g_string_append_printf (w->buf, " timer-%s",
                                synack_timer_to_string (g_array_index (layout->timers, SynackDiagramTimer,
                                                                       layout->label_owner[i]).kind));
      put (w, "\"");
      if (arrow != NULL)
        {
          put (w, " data-segment=\"");
          segment_id (w, arrow, "");
          put (w, "\"");
        }
      data_events (w, reveal, end);
      put (w, ">");
      /* A segment's label has its sentence on the segment's group. */
      if (arrow == NULL)
        sentence_title (w, l->event);
      /* Every label sits on a box of the background colour, so no line
       * (an arrow, the cursor) ever strikes through its text. */
      put (w, "<rect class=\"label-box\" ");
      attr_num (w, "x", l->box.x);
      attr_num (w, "y", l->box.y);
      attr_num (w, "width", l->box.width);
      attr_num (w, "height", l->box.height);
      attr_num (w, "rx", 0.25 * layout->font_px);
      put (w, "/>");
      if (l->kind == SYNACK_LABEL_NOTE && l->event >= 0)
        {
          put (w, "<rect class=\"frame\" ");
          attr_num (w, "stroke-width", 0.6 * w->lw);
          attr_num (w, "x", l->box.x);
          attr_num (w, "y", l->box.y);
          attr_num (w, "width", l->box.width);
          attr_num (w, "height", l->box.height);
          attr_num (w, "rx", 0.2 * layout->font_px);
          put (w, "/>");
        }
      write_text (w, l);
      put (w, "</g>");
    }
  put (w, "</g>\n");
}

static void
write_cursor (Writer *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double f = layout->font_px;

  if (w->all && !w->options->for_script)
    return;
  /* The web page moves it with a transform; here it is drawn at y = 0 and
   * shifted to the cursor. */
  put (w, "<g id=\"cursor\" transform=\"translate(0 ");
  num (w, w->options->for_script ? layout->top : w->yc);
  put (w, ")\"><line class=\"cursor\" ");
  attr_num (w, "stroke-width", 1.2 * w->lw);
  put (w, "stroke-dasharray=\"");
  num (w, 6 * w->s);
  put (w, " ");
  num (w, 3 * w->s);
  put (w, "\" ");
  attr_num (w, "x1", layout->axis_x);
  attr_num (w, "y1", 0);
  attr_num (w, "x2", layout->width - layout->margin);
  attr_num (w, "y2", 0);
  put (w, "/><path class=\"cursor-pointer\" d=\"M");
  num (w, layout->axis_x); put (w, " 0L");
  num (w, layout->axis_x - 0.6 * f); put (w, " "); num (w, -0.4 * f);
  put (w, "L");
  num (w, layout->axis_x - 0.6 * f); put (w, " "); num (w, 0.4 * f);
  put (w, "Z\"/></g>\n");
}

static void
clip_open (Writer *w)
{
  if (!w->all || w->options->for_script)
    put (w, "<g clip-path=\"url(#upto)\">\n");
}

static void
clip_close (Writer *w)
{
  if (!w->all || w->options->for_script)
    put (w, "</g>\n");
}

gboolean
synack_svg_write (const SynackDiagramLayout *layout,
                  const SynackTheme         *theme,
                  const SynackSvgOptions    *options,
                  cairo_write_func_t         write,
                  void                      *closure)
{
  const SynackTrace *trace = layout->trace;
  SynackSvgOptions defaults;
  Writer w = { .layout = layout, .theme = theme ? theme : layout->theme, .write = write, .closure = closure };
  double heading_h;

  if (options == NULL)
    {
      synack_svg_options_init (&defaults);
      options = &defaults;
    }
  w.options = options;
  w.buf = g_string_sized_new (FLUSH_AT + 4096);
  w.s = layout->scale;
  w.lw = w.theme->line_width * layout->text_scale;
  w.all = options->for_script || options->upto == SYNACK_DIAGRAM_ALL;
  w.last = w.all ? (long) trace->n_events - 1 : MIN (options->upto, (long) trace->n_events - 1);
  w.yc = w.all ? layout->bottom : synack_diagram_layout_y_for_event (layout, w.last);
  heading_h = options->title && options->heading_h > 0 ? options->heading_h : 0;
  measure_kinds (&w);

  /* Inside a web page the XML prolog has no place. */
  if (!options->for_script)
    put (&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  put (&w, "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
  attr_num (&w, "width", layout->width);
  attr_num (&w, "height", layout->height + heading_h);
  put (&w, "viewBox=\"0 0 ");
  num (&w, layout->width);
  put (&w, " ");
  num (&w, layout->height + heading_h);
  put (&w, "\" font-family=\"");
  escaped (&w, w.theme->font_family);
  g_string_append_printf (w.buf, "\" class=\"synack-diagram theme-%s\">\n", w.theme->name);
  if (options->title)
    {
      put (&w, "<title>");
      escaped (&w, options->title);
      put (&w, "</title>\n");
    }
  if (options->description)
    {
      put (&w, "<desc>");
      escaped (&w, options->description);
      put (&w, "</desc>\n");
    }
  write_style (&w);
  put (&w, "<rect class=\"background\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\"/>\n");
  if (heading_h > 0)
    {
      /* The same heading the PNG and PDF carry, as text. */
      put (&w, "<text id=\"heading\" font-weight=\"bold\" ");
      attr_num (&w, "font-size", layout->font_px * 1.3);
      attr_num (&w, "x", layout->margin);
      attr_num (&w, "y", layout->margin * 0.6 + w.baseline[SYNACK_LABEL_HOST] * 1.3);
      put (&w, ">");
      escaped (&w, options->title);
      put (&w, "</text>\n<g id=\"diagram\" transform=\"translate(0 ");
      num (&w, heading_h);
      put (&w, ")\">\n");
    }
  /* Up to a step, what lies below the cursor is not there yet: the
   * diagram's items are cut at the cursor, as the screen shows them. */
  if (!w.all || options->for_script)
    {
      put (&w, "<clipPath id=\"upto\"><rect id=\"upto-rect\" x=\"0\" y=\"0\" ");
      attr_num (&w, "width", layout->width);
      attr_num (&w, "height", options->for_script ? layout->height : w.yc);
      put (&w, "/></clipPath>\n");
    }
  write_lifelines (&w);
  clip_open (&w);
  write_bands (&w);
  clip_close (&w);
  write_axis (&w);
  write_breaks (&w);
  clip_open (&w);
  write_timers (&w);
  write_arrows (&w);
  clip_close (&w);
  write_cursor (&w);
  write_labels (&w);
  if (heading_h > 0)
    put (&w, "</g>\n");
  put (&w, "</svg>\n");
  flush (&w);
  g_string_free (w.buf, TRUE);
  return !w.failed;
}
