/* synack-svg-writer.c: semantic SVG of a laid-out sequence diagram: <text>, classes, ids and a sentence per item. */
#include "synack-config.h"

#include <math.h>
#include <string.h>

#include "synack-diagram-paint.h"
#include "synack-describe.h"
#include "synack-svg-writer-private.h"

void
synack_svg_options_init (SynackSvgOptions *options)
{
  *options = (SynackSvgOptions) { .upto = SYNACK_DIAGRAM_ALL };
}

/* Written in pieces, so a 10,000-segment chart never sits whole in memory. */
void
synack_svg_flush (SynackSvgWriter *w)
{
  if (!w->failed && w->buf->len > 0 &&
      w->write (w->closure, (const unsigned char *) w->buf->str, (unsigned int) w->buf->len) != CAIRO_STATUS_SUCCESS)
    w->failed = TRUE;
  g_string_truncate (w->buf, 0);
}

/* The digits of a, with a decimal of tenths unless it is 0, written
 * backwards from end; returns where they start. */
static char *
format_tenths (char *end, long tenths)
{
  gboolean negative = tenths < 0;
  unsigned long a = negative ? (unsigned long) -tenths : (unsigned long) tenths;
  char *p = end;

  if (a % 10 != 0)
    {
      *--p = (char) ('0' + a % 10);
      *--p = '.';
    }
  a /= 10;
  do
    {
      *--p = (char) ('0' + a % 10);
      a /= 10;
    }
  while (a > 0);
  if (negative)
    *--p = '-';
  return p;
}

/* Numbers with one decimal, whatever the locale (printf would write "1,5"
 * under a German locale), and fast: a big chart has a million of them. */
void
synack_svg_num (SynackSvgWriter *w, double v)
{
  char tmp[32];
  char *start = format_tenths (tmp + sizeof tmp, lround (v * 10));

  synack_svg_put_len (w, start, (size_t) (tmp + sizeof tmp - start));
}

/* A count or index, without printf's cost: each item has a few. */
void
synack_svg_uint (SynackSvgWriter *w, unsigned long v)
{
  char tmp[24];
  char *p = tmp + sizeof tmp;

  do
    {
      *--p = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  synack_svg_put_len (w, p, (size_t) (tmp + sizeof tmp - p));
}

char *
synack_svg_format_num (char *out, double v)
{
  char tmp[32];
  char *start = format_tenths (tmp + sizeof tmp, lround (v * 10));
  size_t n = (size_t) (tmp + sizeof tmp - start);

  memcpy (out, start, n);
  return out + n;
}

/* Text between the characters XML reserves goes in one piece. */
void
synack_svg_escaped_len (SynackSvgWriter *w, const char *text, size_t len)
{
  /* What each character needs: nothing (0) or its entity. */
  static const char *const entity[256] = {
    ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;",
  };
  const unsigned char *run = (const unsigned char *) text, *end = run + len;

  for (const unsigned char *p = run; p < end; p++)
    if (G_UNLIKELY (entity[*p] != NULL))
      {
        synack_svg_put_len (w, (const char *) run, (size_t) (p - run));
        synack_svg_put (w, entity[*p]);
        run = p + 1;
      }
  synack_svg_put_len (w, (const char *) run, (size_t) (end - run));
}

void
synack_svg_escaped (SynackSvgWriter *w, const char *text)
{
  synack_svg_escaped_len (w, text, strlen (text));
}

gboolean
synack_svg_shown (const SynackSvgWriter *w, long event)
{
  if (w->options->for_script)
    return event != -2;
  return event == -1 || (event >= 0 && event <= w->last);
}

/* What the web page's script reads: the event that reveals an item and
 * the one that ends it. */
void
synack_svg_data_events (SynackSvgWriter *w, long appear, long end)
{
  if (!w->options->for_script)
    return;
  /* The events of shown items: -1 (before the run) or an index. */
  synack_svg_put (w, appear < 0 ? " data-e=\"-" : " data-e=\"");
  synack_svg_uint (w, (unsigned long) ABS (appear));
  synack_svg_put (w, "\"");
  if (end >= 0)
    {
      synack_svg_put (w, " data-end=\"");
      synack_svg_uint (w, (unsigned long) end);
      synack_svg_put (w, "\"");
    }
}

void
synack_svg_sentence_title (SynackSvgWriter *w, long event)
{
  g_autofree char *sentence = NULL;

  if (event < 0)
    return;
  sentence = synack_describe_sentence (w->layout->trace, event);
  if (sentence == NULL || *sentence == '\0')
    return;
  synack_svg_put (w, "<title>");
  synack_svg_escaped (w, sentence);
  synack_svg_put (w, "</title>");
}

/* Ends an item's start tag and gives it its sentence: what every group of
 * the diagram (segment, band, timer) carries. */
static void
item_body (SynackSvgWriter *w, long event, long end_event)
{
  synack_svg_data_events (w, event, end_event);
  synack_svg_put (w, ">");
  synack_svg_sentence_title (w, event);
}

const char *
synack_svg_host_class (SynackHostId host)
{
  return host == SYNACK_CLIENT ? "client" : "server";
}

/* The start tag of a band's or timer's group, up to its attributes:
 * <g id="KIND-INDEX" class="KIND PREFIXNAME HOST". */
static void
open_item (SynackSvgWriter *w, const char *kind, guint index, const char *prefix, const char *name, SynackHostId host)
{
  synack_svg_put (w, "<g id=\"");
  synack_svg_put (w, kind);
  synack_svg_put (w, "-");
  synack_svg_uint (w, index);
  synack_svg_put (w, "\" class=\"");
  synack_svg_put (w, kind);
  synack_svg_put (w, " ");
  synack_svg_put (w, prefix);
  synack_svg_put (w, name);
  synack_svg_put (w, " ");
  synack_svg_put (w, synack_svg_host_class (host));
  synack_svg_put (w, "\"");
}

/* --------------------------------------------------------------- head */

static void
measure_kinds (SynackSvgWriter *w)
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

/* ------------------------------------------------------------- pieces */

static void
write_lifelines (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;

  synack_svg_put (w, "<g id=\"lifelines\" class=\"lifeline\" ");
  synack_svg_attr_num (w, "stroke-width", w->lw);
  synack_svg_put (w, ">");
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_string_append_printf (w->buf, "<line id=\"lifeline-%s\" ", synack_svg_host_class (h));
      synack_svg_attr_num (w, "x1", layout->life_x[h]);
      synack_svg_attr_num (w, "y1", layout->top - 0.4 * layout->font_px);
      synack_svg_attr_num (w, "x2", layout->life_x[h]);
      synack_svg_attr_num (w, "y2", layout->bottom + layout->min_row * 0.6);
      synack_svg_put (w, "/>");
    }
  synack_svg_put (w, "</g>\n");
}

static void
write_axis (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;
  const double *ky = (const double *) layout->knot_y->data;

  synack_svg_put (w, "<g id=\"axis\" class=\"axis\" fill=\"none\" ");
  synack_svg_attr_num (w, "stroke-width", w->lw * 0.7);
  synack_svg_put (w, "><path d=\"M");
  synack_svg_num (w, layout->axis_x);
  synack_svg_put (w, " ");
  synack_svg_num (w, layout->top);
  synack_svg_put (w, "V");
  synack_svg_num (w, layout->bottom);
  /* One tick per event time, in one path: a big chart has thousands. */
  for (size_t i = 0; i < layout->knot_y->len; i++)
    {
      if (i > 0 && fabs (ky[i] - ky[i - 1]) < 0.05)
        continue;
      synack_svg_put (w, "M");
      synack_svg_num (w, layout->axis_x - 4 * w->s);
      synack_svg_put (w, " ");
      synack_svg_num (w, ky[i]);
      synack_svg_put (w, "h");
      synack_svg_num (w, 4 * w->s);
    }
  synack_svg_put (w, "\"/></g>\n");
}

static void
write_breaks (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double left = layout->axis_x, right = layout->width - layout->margin;
  double zig = 0.35 * layout->font_px;

  synack_svg_put (w, "<g id=\"breaks\">");
  for (guint i = 0; i < layout->breaks->len; i++)
    {
      const SynackDiagramBreak *br = &g_array_index (layout->breaks, SynackDiagramBreak, i);
      double mid = (br->y0 + br->y1) / 2;
      double xs[3] = { layout->axis_x, layout->life_x[0], layout->life_x[1] };

      synack_svg_put (w, "<g id=\"break-");
      synack_svg_uint (w, i);
      synack_svg_put (w, "\" class=\"axis-break\"><rect class=\"break\" ");
      synack_svg_attr_num (w, "x", left);
      synack_svg_attr_num (w, "y", br->y0);
      synack_svg_attr_num (w, "width", right - left);
      synack_svg_attr_num (w, "height", br->y1 - br->y0);
      synack_svg_put (w, "/>");
      for (int k = 0; k < 3; k++)
        {
          double half = k == 0 ? zig : layout->band_w * 0.9;

          synack_svg_put (w, "<rect class=\"break-gap\" ");
          synack_svg_attr_num (w, "x", xs[k] - half - 2);
          synack_svg_attr_num (w, "y", mid - zig * 0.8);
          synack_svg_attr_num (w, "width", 2 * half + 4);
          synack_svg_attr_num (w, "height", zig * 1.6);
          synack_svg_put (w, "/><path class=\"break-mark\" fill=\"none\" ");
          synack_svg_attr_num (w, "stroke-width", w->lw);
          synack_svg_put (w, "d=\"");
          for (int side = -1; side <= 1; side += 2)
            {
              synack_svg_put (w, "M");
              synack_svg_num (w, xs[k] - half);
              synack_svg_put (w, " ");
              synack_svg_num (w, mid + side * zig * 0.8 + zig * 0.5);
              synack_svg_put (w, "L");
              synack_svg_num (w, xs[k] + half);
              synack_svg_put (w, " ");
              synack_svg_num (w, mid + side * zig * 0.8 - zig * 0.5);
            }
          synack_svg_put (w, "\"/>");
        }
      synack_svg_put (w, "</g>");
    }
  synack_svg_put (w, "</g>\n");
}

static void
write_bands (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;

  synack_svg_put (w, "<g id=\"bands\">");
  for (guint i = 0; i < layout->bands->len; i++)
    {
      const SynackDiagramBand *band = &g_array_index (layout->bands, SynackDiagramBand, i);
      double x = band->x;

      if (!synack_svg_shown (w, band->event))
        continue;
      open_item (w, "band", i, "state-", synack_state_to_string (band->state), band->host);
      item_body (w, band->event, band->event);
      synack_svg_put (w, "<rect ");
      synack_svg_attr_num (w, "x", x);
      synack_svg_attr_num (w, "y", band->y0);
      synack_svg_attr_num (w, "width", band->w);
      synack_svg_attr_num (w, "height", band->y1 - band->y0);
      synack_svg_put (w, "/>");
      if (band->event >= 0)
        {
          synack_svg_put (w, "<line class=\"rule\" ");
          synack_svg_attr_num (w, "stroke-width", w->lw);
          synack_svg_attr_num (w, "x1", x - 3 * w->s);
          synack_svg_attr_num (w, "y1", band->y0);
          synack_svg_attr_num (w, "x2", x + band->w + 3 * w->s);
          synack_svg_attr_num (w, "y2", band->y0);
          synack_svg_put (w, "/>");
        }
      synack_svg_put (w, "</g>");
    }
  /* The lifeline's outline around its bands. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      synack_svg_put (w, "<rect class=\"lifeline-frame\" fill=\"none\" ");
      synack_svg_attr_num (w, "stroke-width", 0.6 * w->lw);
      synack_svg_attr_num (w, "x", layout->life_x[h] - layout->band_w / 2);
      synack_svg_attr_num (w, "y", layout->top);
      synack_svg_attr_num (w, "width", layout->band_w);
      synack_svg_attr_num (w, "height", MAX (layout->bottom - layout->top, 0));
      synack_svg_put (w, "/>");
    }
  synack_svg_put (w, "</g>\n");
}

static void
hline (SynackSvgWriter *w, const char *klass, double x0, double x1, double y, double width)
{
  synack_svg_put (w, "<line class=\"");
  synack_svg_put (w, klass);
  synack_svg_put (w, "\" ");
  synack_svg_attr_num (w, "stroke-width", width);
  synack_svg_attr_num (w, "x1", x0);
  synack_svg_attr_num (w, "y1", y);
  synack_svg_attr_num (w, "x2", x1);
  synack_svg_attr_num (w, "y2", y);
  synack_svg_put (w, "/>");
}

static void
write_timers (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double half = layout->lane_w * 0.3;

  synack_svg_put (w, "<g id=\"timers\">");
  for (guint i = 0; i < layout->timers->len; i++)
    {
      const SynackDiagramTimer *t = &g_array_index (layout->timers, SynackDiagramTimer, i);
      gboolean ended = t->end_event >= 0;
      double y1 = MAX (t->y1, t->y0);

      if (!synack_svg_shown (w, t->event) || t->lane >= SYNACK_MAX_TIMER_LANES)
        continue;
      open_item (w, "timer", i, "timer-", synack_timer_to_string (t->kind), t->host);
      item_body (w, t->event, t->event);
      synack_svg_put (w, "<rect class=\"bar\" stroke=\"none\" ");
      synack_svg_attr_num (w, "x", t->x - half);
      synack_svg_attr_num (w, "y", t->y0);
      synack_svg_attr_num (w, "width", 2 * half);
      synack_svg_attr_num (w, "height", MAX (y1 - t->y0, 1));
      synack_svg_put (w, "/>");
      hline (w, "start", t->x - half * 2, t->x + half * 2, t->y0, w->lw);
      if (ended)
        {
          /* Expiry has consequences: a heavy cap; a stop or re-arm a thin one. */
          hline (w, t->end_action == SYNACK_TIMER_EXPIRE ? "end expire" : "end", t->x - half * 2.2,
                 t->x + half * 2.2, y1, t->end_action == SYNACK_TIMER_EXPIRE ? 2.5 * w->lw : w->lw);
          if (t->end_action == SYNACK_TIMER_START && t->y_expires > y1 &&
              (t->kind == SYNACK_TIMER_TIME_WAIT || t->kind == SYNACK_TIMER_FIN_WAIT_2))
            {
              synack_svg_put (w, "<rect class=\"restarted\" fill=\"none\" ");
              synack_svg_attr_num (w, "stroke-width", 0.8 * w->lw);
              synack_svg_attr_num (w, "stroke-dasharray", 3 * w->s);
              synack_svg_attr_num (w, "x", t->x - half);
              synack_svg_attr_num (w, "y", y1);
              synack_svg_attr_num (w, "width", 2 * half);
              synack_svg_attr_num (w, "height", t->y_expires - y1);
              synack_svg_put (w, "/>");
            }
        }
      synack_svg_put (w, "</g>");
    }
  synack_svg_put (w, "</g>\n");
}

/* "segment SYN ACK rexmit lost client" */
void
synack_svg_segment_classes (SynackSvgWriter *w, const SynackDiagramArrow *a, gboolean arrived)
{
  static const char *const flag_names[] = { "SYN", "ACK", "FIN", "RST", "PSH" };

  synack_svg_put (w, synack_svg_host_class (a->from));
  for (guint f = 0; f < G_N_ELEMENTS (flag_names); f++)
    if (a->flags & (1u << f))
      {
        synack_svg_put (w, " ");
        synack_svg_put (w, flag_names[f]);
      }
  if (a->rexmit > 0)
    synack_svg_put (w, " rexmit");
  if (a->duplicate)
    synack_svg_put (w, " copy");
  if (a->fate == SYNACK_ARROW_LOST && arrived)
    synack_svg_put (w, " lost");
  if (a->fate == SYNACK_ARROW_IN_FLIGHT)
    synack_svg_put (w, " in-flight");
}

void
synack_svg_segment_id (SynackSvgWriter *w, const SynackDiagramArrow *a, const char *suffix)
{
  synack_svg_put (w, "seg-");
  synack_svg_uint (w, a->seg);
  if (a->duplicate)
    synack_svg_put (w, "-copy");
  synack_svg_put (w, suffix);
}

static void
write_arrows (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double len_head = layout->head_len;

  synack_svg_put (w, "<g id=\"segments\">");
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

      if (!synack_svg_shown (w, a->send_event))
        continue;
      synack_svg_put (w, "<g id=\"");
      synack_svg_segment_id (w, a, "");
      synack_svg_put (w, "\" class=\"segment ");
      synack_svg_segment_classes (w, a, arrived);
      synack_svg_put (w, "\"");
      item_body (w, a->send_event, a->send_event);
      synack_svg_put (w, "<line ");
      synack_svg_attr_num (w, "stroke-width", a->duplicate ? lw * 1.5 : lw);
      if (a->duplicate)
        {
          synack_svg_put (w, "stroke-linecap=\"round\" stroke-dasharray=\"0.1 ");
          synack_svg_num (w, 3 * w->s);
          synack_svg_put (w, "\" ");
        }
      else if (a->rexmit > 0)
        {
          synack_svg_put (w, "stroke-dasharray=\"");
          synack_svg_num (w, 7 * w->s);
          synack_svg_put (w, " ");
          synack_svg_num (w, 4 * w->s);
          synack_svg_put (w, "\" ");
        }
      synack_svg_attr_num (w, "x1", a->x0);
      synack_svg_attr_num (w, "y1", a->y0);
      synack_svg_attr_num (w, "x2", ex);
      synack_svg_attr_num (w, "y2", ey);
      synack_svg_put (w, "/>");
      if (lost)
        {
          /* The ✕ is drawn, not typeset, so it is crisp at any size. */
          double r = a->head.width * 0.36;

          synack_svg_put (w, "<path class=\"cross\" stroke-linecap=\"round\" ");
          synack_svg_attr_num (w, "stroke-width", 2.2 * w->lw);
          synack_svg_put (w, "d=\"M");
          synack_svg_num (w, a->x1 - r); synack_svg_put (w, " "); synack_svg_num (w, a->y1 - r);
          synack_svg_put (w, "L");
          synack_svg_num (w, a->x1 + r); synack_svg_put (w, " "); synack_svg_num (w, a->y1 + r);
          synack_svg_put (w, "M");
          synack_svg_num (w, a->x1 + r); synack_svg_put (w, " "); synack_svg_num (w, a->y1 - r);
          synack_svg_put (w, "L");
          synack_svg_num (w, a->x1 - r); synack_svg_put (w, " "); synack_svg_num (w, a->y1 + r);
          synack_svg_put (w, "\"/>");
        }
      else if (len > len_head)
        {
          double angle = atan2 (a->y1 - a->y0, a->x1 - a->x0);

          synack_svg_put (w, "<path class=\"head\" d=\"M");
          synack_svg_num (w, a->x1); synack_svg_put (w, " "); synack_svg_num (w, a->y1);
          synack_svg_put (w, "L");
          synack_svg_num (w, a->x1 - len_head * cos (angle - 0.42)); synack_svg_put (w, " "); synack_svg_num (w, a->y1 - len_head * sin (angle - 0.42));
          synack_svg_put (w, "L");
          synack_svg_num (w, a->x1 - len_head * cos (angle + 0.42)); synack_svg_put (w, " "); synack_svg_num (w, a->y1 - len_head * sin (angle + 0.42));
          synack_svg_put (w, "Z\"/>");
        }
      synack_svg_put (w, "</g>");
    }
  synack_svg_put (w, "</g>\n");
}

static void
write_cursor (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;
  double f = layout->font_px;

  if (w->all && !w->options->for_script)
    return;
  /* The web page moves it with a transform; here it is drawn at y = 0 and
   * shifted to the cursor. */
  synack_svg_put (w, "<g id=\"cursor\" transform=\"translate(0 ");
  synack_svg_num (w, w->options->for_script ? layout->top : w->yc);
  synack_svg_put (w, ")\"><line class=\"cursor\" ");
  synack_svg_attr_num (w, "stroke-width", 1.2 * w->lw);
  synack_svg_put (w, "stroke-dasharray=\"");
  synack_svg_num (w, 6 * w->s);
  synack_svg_put (w, " ");
  synack_svg_num (w, 3 * w->s);
  synack_svg_put (w, "\" ");
  synack_svg_attr_num (w, "x1", layout->axis_x);
  synack_svg_attr_num (w, "y1", 0);
  synack_svg_attr_num (w, "x2", layout->width - layout->margin);
  synack_svg_attr_num (w, "y2", 0);
  synack_svg_put (w, "/><path class=\"cursor-pointer\" d=\"M");
  synack_svg_num (w, layout->axis_x); synack_svg_put (w, " 0L");
  synack_svg_num (w, layout->axis_x - 0.6 * f); synack_svg_put (w, " "); synack_svg_num (w, -0.4 * f);
  synack_svg_put (w, "L");
  synack_svg_num (w, layout->axis_x - 0.6 * f); synack_svg_put (w, " "); synack_svg_num (w, 0.4 * f);
  synack_svg_put (w, "Z\"/></g>\n");
}

static void
clip_open (SynackSvgWriter *w)
{
  if (!w->all || w->options->for_script)
    synack_svg_put (w, "<g clip-path=\"url(#upto)\">\n");
}

static void
clip_close (SynackSvgWriter *w)
{
  if (!w->all || w->options->for_script)
    synack_svg_put (w, "</g>\n");
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
  SynackSvgWriter w = { .layout = layout, .theme = theme ? theme : layout->theme, .write = write, .closure = closure };
  double heading_h;

  if (options == NULL)
    {
      synack_svg_options_init (&defaults);
      options = &defaults;
    }
  w.options = options;
  w.buf = g_string_sized_new (SYNACK_SVG_ROOM);
  w.s = layout->scale;
  w.lw = w.theme->line_width * layout->text_scale;
  w.all = options->for_script || options->upto == SYNACK_DIAGRAM_ALL;
  w.last = w.all ? (long) trace->n_events - 1 : MIN (options->upto, (long) trace->n_events - 1);
  w.yc = w.all ? layout->bottom : synack_diagram_layout_y_for_event (layout, w.last);
  heading_h = options->title && options->heading_h > 0 ? options->heading_h : 0;
  measure_kinds (&w);

  /* Inside a web page the XML prolog has no place. */
  if (!options->for_script)
    synack_svg_put (&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  synack_svg_put (&w, "<svg xmlns=\"http://www.w3.org/2000/svg\" ");
  synack_svg_attr_num (&w, "width", layout->width);
  synack_svg_attr_num (&w, "height", layout->height + heading_h);
  synack_svg_put (&w, "viewBox=\"0 0 ");
  synack_svg_num (&w, layout->width);
  synack_svg_put (&w, " ");
  synack_svg_num (&w, layout->height + heading_h);
  synack_svg_put (&w, "\" font-family=\"");
  synack_svg_escaped (&w, w.theme->font_family);
  g_string_append_printf (w.buf, "\" class=\"synack-diagram theme-%s\">\n", w.theme->name);
  if (options->title)
    {
      synack_svg_put (&w, "<title>");
      synack_svg_escaped (&w, options->title);
      synack_svg_put (&w, "</title>\n");
    }
  if (options->description)
    {
      synack_svg_put (&w, "<desc>");
      synack_svg_escaped (&w, options->description);
      synack_svg_put (&w, "</desc>\n");
    }
  synack_svg_write_style (&w);
  synack_svg_put (&w, "<rect class=\"background\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\"/>\n");
  if (heading_h > 0)
    {
      /* The same heading the PNG and PDF carry, as text. */
      synack_svg_put (&w, "<text id=\"heading\" font-weight=\"bold\" ");
      synack_svg_attr_num (&w, "font-size", layout->font_px * 1.3);
      synack_svg_attr_num (&w, "x", layout->margin);
      synack_svg_attr_num (&w, "y", layout->margin * 0.6 + w.baseline[SYNACK_LABEL_HOST] * 1.3);
      synack_svg_put (&w, ">");
      synack_svg_escaped (&w, options->title);
      synack_svg_put (&w, "</text>\n<g id=\"diagram\" transform=\"translate(0 ");
      synack_svg_num (&w, heading_h);
      synack_svg_put (&w, ")\">\n");
    }
  /* Up to a step, what lies below the cursor is not there yet: the
   * diagram's items are cut at the cursor, as the screen shows them. */
  if (!w.all || options->for_script)
    {
      synack_svg_put (&w, "<clipPath id=\"upto\"><rect id=\"upto-rect\" x=\"0\" y=\"0\" ");
      synack_svg_attr_num (&w, "width", layout->width);
      synack_svg_attr_num (&w, "height", options->for_script ? layout->height : w.yc);
      synack_svg_put (&w, "/></clipPath>\n");
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
  synack_svg_write_labels (&w);
  if (heading_h > 0)
    synack_svg_put (&w, "</g>\n");
  synack_svg_put (&w, "</svg>\n");
  synack_svg_flush (&w);
  g_string_free (w.buf, TRUE);
  return !w.failed;
}
