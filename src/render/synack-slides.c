/* synack-slides.c: slide pages of a run: a title page, then each step's diagram with its number, narration and point to watch. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "synack-diagram-layout-private.h"
#include "synack-diagram-paint.h"
#include "synack-describe.h"
#include "synack-slides.h"

static const struct {
  const char *name;
  double      width, height;
} page_sizes[SYNACK_N_PAGE_SIZES] = {
  [SYNACK_PAGE_16_9]   = { "16:9", 960, 540 },
  [SYNACK_PAGE_4_3]    = { "4:3", 720, 540 },
  [SYNACK_PAGE_A4]     = { "a4", 841.89, 595.28 },
  [SYNACK_PAGE_LETTER] = { "letter", 792, 612 },
};

gboolean
synack_page_size_from_string (const char *text, SynackPageSize *out)
{
  for (int i = 0; i < SYNACK_N_PAGE_SIZES && text; i++)
    if (g_ascii_strcasecmp (text, page_sizes[i].name) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
synack_page_size_to_string (SynackPageSize page)
{
  return page_sizes[page < SYNACK_N_PAGE_SIZES ? page : 0].name;
}

void
synack_page_size_points (SynackPageSize page, double *width, double *height)
{
  page = page < SYNACK_N_PAGE_SIZES ? page : 0;
  *width = page_sizes[page].width;
  *height = page_sizes[page].height;
}

/* -------------------------------------------------------------- steps */

static int
compare_long (const void *a, const void *b)
{
  long x = *(const long *) a, y = *(const long *) b;
  return (x > y) - (x < y);
}

long *
synack_slide_steps (const SynackDiagramLayout *layout, gboolean per_segment, long upto, size_t *n_steps)
{
  const SynackTrace *trace = synack_diagram_layout_get_trace (layout);
  long last = upto == SYNACK_DIAGRAM_ALL ? (long) trace->n_events - 1 : MIN (upto, (long) trace->n_events - 1);
  long *steps;
  size_t n = 0;

  if (!per_segment)
    {
      steps = g_new (long, MAX (last + 1, 1));
      for (long k = 0; k <= last; k++)
        steps[n++] = k;
    }
  else
    {
      size_t n_arrows;
      const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);

      steps = g_new (long, MAX (n_arrows, 1));
      for (size_t i = 0; i < n_arrows; i++)
        {
          long end = arrows[i].end_event >= 0 ? arrows[i].end_event : arrows[i].send_event;

          if (end <= last)
            steps[n++] = end;
        }
      qsort (steps, n, sizeof *steps, compare_long);
      /* Two segments that end at one event are one step. */
      {
        size_t kept = 0;
        for (size_t i = 0; i < n; i++)
          if (kept == 0 || steps[kept - 1] != steps[i])
            steps[kept++] = steps[i];
        n = kept;
      }
    }
  *n_steps = n;
  return steps;
}

char *
synack_slide_narration (const SynackDiagramLayout *layout, gboolean per_segment, long event)
{
  const SynackTrace *trace = synack_diagram_layout_get_trace (layout);
  const SynackEvent *e = &trace->events[event];
  g_autofree char *sentence = synack_describe_sentence (trace, event);

  if (per_segment && (e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_LOST))
    {
      long send = synack_trace_find_send (trace, e->seg);

      if (send >= 0 && send != event)
        {
          g_autofree char *sent = synack_describe_sentence (trace, send);
          return g_strconcat (sent, " ", sentence, NULL);
        }
    }
  return g_steal_pointer (&sentence);
}

/* The words a point to watch would use for this event, with their
 * weight: a state or a retransmission names the moment; a flag alone
 * ("FIN") is too common to pick a point by itself. */
typedef struct {
  const char *word;
  int         weight;
} Word;

#define MAX_WORDS 6

static void
event_words (const SynackTrace *trace, long event, Word words[MAX_WORDS])
{
  const SynackEvent *e = &trace->events[event];
  int n = 0;

  memset (words, 0, MAX_WORDS * sizeof *words);
  switch (e->type)
    {
    case SYNACK_EVENT_STATE:
      words[n++] = (Word) { synack_state_to_string (e->to), 2 };
      break;
    case SYNACK_EVENT_TIMER:
      if (e->timer == SYNACK_TIMER_TIME_WAIT)
        words[n++] = (Word) { "TIME_WAIT", 2 };
      else if (e->timer == SYNACK_TIMER_FIN_WAIT_2)
        words[n++] = (Word) { "FIN_WAIT_2", 2 };
      else if (e->timer == SYNACK_TIMER_DELAYED_ACK)
        words[n++] = (Word) { "delayed-ACK", 2 };
      break;
    case SYNACK_EVENT_SEND:
    case SYNACK_EVENT_DELIVER:
    case SYNACK_EVENT_LOST:
      {
        const SynackEvent *send = synack_describe_send_of (trace, e);
        unsigned f = send ? send->hdr.flags : e->hdr.flags;

        if ((f & SYNACK_FLAG_SYN) && (f & SYNACK_FLAG_ACK))
          words[n++] = (Word) { "SYN-ACK", 1 };
        else if (f & SYNACK_FLAG_SYN)
          words[n++] = (Word) { "SYN", 1 };
        if (f & SYNACK_FLAG_FIN)
          words[n++] = (Word) { "FIN", 1 };
        if (f & SYNACK_FLAG_RST)
          words[n++] = (Word) { "RST", 2 };
        if (send && send->rexmit > 0)
          {
            words[n++] = (Word) { "retransmitted", 2 };
            words[n++] = (Word) { "retransmission", 2 };
          }
        if (e->type == SYNACK_EVENT_LOST)
          words[n++] = (Word) { "lost", 2 };
      }
      break;
    default:
      break;
    }
}

/* TRUE if word occurs in line on its own (not "SYN" inside "SYN-ACK"). */
static gboolean
has_word (const char *line, const char *word)
{
  size_t len = strlen (word);

  for (const char *p = strstr (line, word); p; p = strstr (p + 1, word))
    {
      gboolean start = p == line || !(g_ascii_isalnum (p[-1]) || p[-1] == '_' || p[-1] == '-');
      gboolean end = !(g_ascii_isalnum (p[len]) || p[len] == '_' || p[len] == '-');

      if (start && end)
        return TRUE;
    }
  return FALSE;
}

char *
synack_slide_watch_point (const SynackTrace *trace, const char *watch, long event)
{
  g_auto (GStrv) lines = NULL;
  Word words[MAX_WORDS];
  int best = 1;   /* a single flag is not enough */
  const char *best_line = NULL;

  if (watch == NULL || *watch == '\0')
    return NULL;
  event_words (trace, event, words);
  lines = g_strsplit (watch, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      int hits = 0;

      for (int k = 0; k < MAX_WORDS && words[k].word; k++)
        hits += has_word (lines[i], words[k].word) ? words[k].weight : 0;
      if (hits > best)
        {
          best = hits;
          best_line = lines[i];
        }
    }
  return best_line ? g_strdup (g_strstrip ((char *) best_line)) : NULL;
}

/* -------------------------------------------------------------- pages */

static void
set_color (cairo_t *cr, const SynackRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* A paragraph at (x, y) wrapped to width; returns its height. */
static double
paragraph (cairo_t *cr, const SynackSlideDeck *deck, const char *text, double x, double y, double width,
           double size, gboolean bold, gboolean italic, PangoAlignment align)
{
  g_autoptr (PangoLayout) pl = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  PangoRectangle logical;

  pango_font_description_set_family (font, deck->theme->font_family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_width (pl, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (pl, align);
  pango_layout_set_text (pl, text, -1);
  pango_layout_get_extents (pl, NULL, &logical);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, pl);
  return (double) logical.height / PANGO_SCALE;
}

/* Type sizes follow the page, so A4 and a projected slide look alike. */
static double
unit (const SynackSlideDeck *deck)
{
  return MIN (deck->width / 960.0, deck->height / 540.0);
}

static void
background (cairo_t *cr, const SynackSlideDeck *deck)
{
  set_color (cr, &deck->theme->background);
  cairo_paint (cr);
}

void
synack_slide_paint_title_page (cairo_t *cr, const SynackSlideDeck *deck)
{
  double u = unit (deck), margin = 48 * u, width = deck->width - 2 * margin;
  double y = deck->height * 0.16;

  cairo_save (cr);
  background (cr, deck);
  set_color (cr, &deck->theme->foreground);
  y += paragraph (cr, deck, deck->title ? deck->title : "", margin, y, width, 34 * u, TRUE, FALSE, PANGO_ALIGN_LEFT);
  y += 22 * u;
  if (deck->summary && *deck->summary)
    y += paragraph (cr, deck, deck->summary, margin, y, width, 17 * u, FALSE, FALSE, PANGO_ALIGN_LEFT) + 22 * u;
  if (deck->watch && *deck->watch)
    {
      g_auto (GStrv) lines = g_strsplit (deck->watch, "\n", -1);
      g_autoptr (GString) list = g_string_new (NULL);

      for (int i = 0; lines[i]; i++)
        if (*g_strstrip (lines[i]))
          g_string_append_printf (list, "%s• %s", list->len ? "\n" : "", lines[i]);
      set_color (cr, &deck->theme->foreground);
      y += paragraph (cr, deck, _("Points to watch"), margin, y, width, 17 * u, TRUE, FALSE, PANGO_ALIGN_LEFT) + 6 * u;
      set_color (cr, &deck->theme->note);
      paragraph (cr, deck, list->str, margin, y, width, 15 * u, FALSE, FALSE, PANGO_ALIGN_LEFT);
    }
  cairo_restore (cr);
}

void
synack_slide_paint_step (cairo_t *cr, const SynackSlideDeck *deck, size_t step, size_t n_steps, long upto)
{
  const SynackDiagramLayout *layout = deck->layout;
  const SynackTrace *trace = synack_diagram_layout_get_trace (layout);
  double u = unit (deck), margin = 28 * u, width = deck->width - 2 * margin;
  double head_h = 40 * u, foot_h = 96 * u;
  double box_x = margin, box_y = head_h, box_w = width, box_h = deck->height - head_h - foot_h;
  double lw = synack_diagram_layout_get_width (layout), lh = synack_diagram_layout_get_height (layout);
  double scale, view_h, top = 0, yc;
  g_autofree char *counter = g_strdup_printf (_("Step %zu of %zu"), step + 1, n_steps);
  g_autofree char *narration = synack_slide_narration (layout, deck->per_segment, upto);
  g_autofree char *watch = synack_slide_watch_point (trace, deck->watch, upto);

  cairo_save (cr);
  background (cr, deck);

  /* The whole diagram if its type stays readable on the page; a long run
   * instead keeps a readable size and shows the stretch that leads to the
   * cursor, as a teacher would scroll. */
  scale = MIN (box_w / lw, box_h / lh);
  if (scale * layout->font_px < 9 * u)
    scale = MIN (box_w / lw, 12 * u / layout->font_px);
  view_h = box_h / scale;
  yc = synack_diagram_layout_y_for_event (layout, upto);
  if (view_h < lh)
    top = CLAMP (yc - view_h * 0.8, 0, lh - view_h);
  else
    view_h = lh;
  cairo_save (cr);
  cairo_translate (cr, box_x + (box_w - lw * scale) / 2, box_y);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, 0, -top);
  synack_diagram_paint (cr, layout, deck->theme, upto, 0, &(cairo_rectangle_t) { 0, top, lw, view_h });
  cairo_restore (cr);

  /* Scrolled down, the lifelines keep their names at the top of the box. */
  if (top > 0)
    {
      double band_h = 16 * u, x0 = box_x + (box_w - lw * scale) / 2;

      set_color (cr, &deck->theme->background);
      cairo_rectangle (cr, box_x, box_y, box_w, band_h);
      cairo_fill (cr);
      set_color (cr, &deck->theme->foreground);
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        {
          double x = x0 + synack_diagram_layout_lifeline_x (layout, h) * scale;

          paragraph (cr, deck, synack_describe_host (h, SYNACK_HOST_HEADING), x - 100 * u, box_y + 1 * u, 200 * u,
                     11 * u, TRUE, FALSE, PANGO_ALIGN_CENTER);
        }
    }

  /* Heading: the lesson on every page, the step at the right. */
  set_color (cr, &deck->theme->background);
  cairo_rectangle (cr, 0, 0, deck->width, head_h);
  cairo_fill (cr);
  set_color (cr, &deck->theme->foreground);
  paragraph (cr, deck, deck->title ? deck->title : "", margin, 10 * u, width * 0.75, 17 * u, TRUE, FALSE,
             PANGO_ALIGN_LEFT);
  set_color (cr, &deck->theme->muted);
  paragraph (cr, deck, counter, margin, 12 * u, width, 14 * u, FALSE, FALSE, PANGO_ALIGN_RIGHT);
  set_color (cr, &deck->theme->muted);
  cairo_set_line_width (cr, 0.8 * u);
  cairo_move_to (cr, margin, head_h - 2 * u);
  cairo_line_to (cr, deck->width - margin, head_h - 2 * u);
  cairo_stroke (cr);

  /* Foot: what happens, and why it matters. */
  {
    double y = deck->height - foot_h + 8 * u;

    set_color (cr, &deck->theme->background);
    cairo_rectangle (cr, 0, deck->height - foot_h, deck->width, foot_h);
    cairo_fill (cr);
    set_color (cr, &deck->theme->muted);
    cairo_move_to (cr, margin, deck->height - foot_h + 1 * u);
    cairo_line_to (cr, deck->width - margin, deck->height - foot_h + 1 * u);
    cairo_stroke (cr);
    set_color (cr, &deck->theme->foreground);
    y += paragraph (cr, deck, narration ? narration : "", margin, y, width, 15 * u, FALSE, FALSE, PANGO_ALIGN_LEFT);
    if (watch)
      {
        g_autofree char *line = g_strdup_printf (_("Watch: %s"), watch);

        set_color (cr, &deck->theme->note);
        paragraph (cr, deck, line, margin, y + 6 * u, width, 13 * u, FALSE, TRUE, PANGO_ALIGN_LEFT);
      }
  }
  cairo_restore (cr);
}
