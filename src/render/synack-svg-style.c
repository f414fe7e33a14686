/* synack-svg-style.c: the semantic SVG's <style>: the theme's colours for each class of item. */
#include "synack-config.h"

#include <math.h>

#include "synack-svg-writer-private.h"

static void
color (SynackSvgWriter *w, const SynackRgba *c)
{
  g_string_append_printf (w->buf, "#%02x%02x%02x", (int) lround (c->r * 255), (int) lround (c->g * 255),
                          (int) lround (c->b * 255));
}

/* A CSS rule "selector{prop:#rrggbb;prop-opacity:a}". */
static void
rule (SynackSvgWriter *w, const char *selector, const char *prop, const SynackRgba *c, double alpha)
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

void
synack_svg_write_style (SynackSvgWriter *w)
{
  const SynackTheme *t = w->theme;
  char sel[64];

  synack_svg_put (w, "<style>\n");
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
  synack_svg_put (w, ".segment{fill:none}\n");
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
  synack_svg_put (w, ".frame{fill:none}\n");
  synack_svg_put (w, "</style>\n");
}
