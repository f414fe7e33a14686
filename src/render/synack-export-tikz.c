/* synack-export-tikz.c: the diagram as a standalone LaTeX/TikZ document at the layout's own coordinates: slanted arrows at their times, state bands and labels, timer bars. */
#include "synack-text-export.h"

#include <string.h>

/* TeX's dimensions stop at 16383 pt: a long run is scaled to fit. */
#define MAX_SIDE_PT 15000.0
#define MARGIN_PT 12
#define TITLE_PT 24

/* TeX source for UTF-8 text: specials escaped, the few symbols the layout
 * writes turned into commands, anything else outside ASCII dropped. */
static void
append_tex (GString *out, const char *text)
{
  static const struct { const char *utf8, *tex; } symbols[] = {
    { "\u2192", "$\\rightarrow$" }, { "\u2026", "\\ldots{}" }, { "\u00b5", "$\\mu$" },
    { "\u2212", "$-$" }, { "\u00d7", "$\\times$" }, { "\u2715", "$\\times$" }, { "\u26a0", "(!)" },
    { "\u2013", "--" }, { "\u2014", "---" }, { "\u00a0", "~" }, { "\u2009", "\\," },
  };

  for (const char *p = text; *p; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next = c == (gunichar) -1 || c == (gunichar) -2 ? p + 1 : g_utf8_next_char (p);
      gboolean done = FALSE;

      if (c < 0x80 && c != (gunichar) -1)
        {
          switch (c)
            {
            case '\\': g_string_append (out, "\\textbackslash{}"); break;
            case '~':  g_string_append (out, "\\textasciitilde{}"); break;
            case '^':  g_string_append (out, "\\textasciicircum{}"); break;
            case '\n': g_string_append (out, "\\\\"); break;
            case '#': case '$': case '%': case '&': case '_': case '{': case '}':
              g_string_append_c (out, '\\');
              G_GNUC_FALLTHROUGH;
            default:
              g_string_append_c (out, (char) c);
            }
          p = next;
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (symbols) && !done; i++)
        if (strncmp (p, symbols[i].utf8, strlen (symbols[i].utf8)) == 0)
          {
            g_string_append (out, symbols[i].tex);
            done = TRUE;
          }
      p = next;
    }
}

static void
append_point (GString *out, double x, double y)
{
  char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE];

  /* Never the locale's decimal comma. */
  g_string_append_printf (out, "(%s,%s)", g_ascii_formatd (bx, sizeof bx, "%.1f", x),
                          g_ascii_formatd (by, sizeof by, "%.1f", y));
}

static void
append_label_node (GString *out, const SynackDiagramLayout *layout, int label, const char *style)
{
  size_t n;
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n);
  const SynackDiagramLabel *l = &labels[label];

  g_string_append_printf (out, "  \\node[%s] at ", style);
  append_point (out, l->box.x + l->box.width / 2, l->box.y + l->box.height / 2);
  g_string_append (out, " {");
  append_tex (out, l->text ? l->text : "");
  g_string_append (out, "};\n");
}

static const char *const state_colour[SYNACK_N_STATES] = {
  [SYNACK_STATE_CLOSED] = "black!10", [SYNACK_STATE_LISTEN] = "blue!15",
  [SYNACK_STATE_SYN_SENT] = "orange!30", [SYNACK_STATE_SYN_RECEIVED] = "orange!30",
  [SYNACK_STATE_ESTABLISHED] = "green!35", [SYNACK_STATE_FIN_WAIT_1] = "violet!25",
  [SYNACK_STATE_FIN_WAIT_2] = "violet!25", [SYNACK_STATE_CLOSE_WAIT] = "cyan!25",
  [SYNACK_STATE_CLOSING] = "violet!25", [SYNACK_STATE_LAST_ACK] = "cyan!25",
  [SYNACK_STATE_TIME_WAIT] = "red!25",
};

char *
synack_diagram_to_tikz (const SynackDiagramLayout *layout, long upto, const char *title)
{
  size_t n_arrows, n_bands, n_timers, n_labels;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);
  const SynackDiagramTimer *timers = synack_diagram_layout_get_timers (layout, &n_timers);
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);
  double width = synack_diagram_layout_get_width (layout);
  double height = synack_diagram_layout_get_height (layout);
  double scale = MIN (1.0, MAX_SIDE_PT / MAX (MAX (width, height), 1));
  GString *out = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  char paper_w[G_ASCII_DTOSTR_BUF_SIZE], paper_h[G_ASCII_DTOSTR_BUF_SIZE];

  /* A page exactly the diagram's size, with the classes every TeX Live has
   * (standalone.cls is not in Debian's texlive-latex-recommended). */
  g_ascii_formatd (paper_w, sizeof paper_w, "%.0f", width * scale + 2 * MARGIN_PT);
  g_ascii_formatd (paper_h, sizeof paper_h, "%.0f", height * scale + 2 * MARGIN_PT + (title ? TITLE_PT : 0));
  g_string_append (out, "% The sequence diagram of a SynAck run; compile with: pdflatex FILE.tex\n"
                        "\\documentclass{article}\n");
  g_string_append_printf (out, "\\usepackage[paperwidth=%spt, paperheight=%spt, margin=%dpt]{geometry}\n",
                          paper_w, paper_h, MARGIN_PT);
  g_string_append (out,
    "\\usepackage[T1]{fontenc}\n"
    "\\usepackage{lmodern}\n"
    "\\usepackage{tikz}\n"
    "\\pagestyle{empty}\n"
    "\\begin{document}\n"
    "\\noindent\n");
  g_string_append_printf (out, "\\begin{tikzpicture}[x=%spt, y=-%spt,\n",
                          g_ascii_formatd (buf, sizeof buf, "%.4f", scale), buf);
  g_string_append (out,
    "  every node/.style={font=\\sffamily\\scriptsize, inner sep=1pt, align=center},\n"
    "  segment/.style={-latex, thick},\n"
    "  rexmit/.style={segment, red!75!black},\n"
    "  lost/.style={thick, dashed, red!75!black},\n"
    "  duplicate/.style={segment, dotted, brown},\n"
    "  timer/.style={line width=2pt, orange!70!black, opacity=0.6},\n"
    "  state/.style={font=\\sffamily\\scriptsize\\bfseries, fill=white, fill opacity=0.8, text opacity=1},\n"
    "  host/.style={font=\\sffamily\\small\\bfseries}]\n");
  if (title)
    {
      g_string_append (out, "  \\node[font=\\sffamily\\large\\bfseries, anchor=south] at ");
      append_point (out, width / 2, 0);
      g_string_append (out, " {");
      append_tex (out, title);
      g_string_append (out, "};\n");
    }

  /* Lifelines, with each state as a coloured band along them. */
  for (int host = 0; host < SYNACK_N_HOSTS; host++)
    {
      double x = synack_diagram_layout_lifeline_x (layout, host);

      g_string_append (out, "  \\draw[gray] ");
      append_point (out, x, synack_diagram_layout_y_for_time (layout, 0));
      g_string_append (out, " -- ");
      append_point (out, x, height);
      g_string_append (out, ";\n");
    }
  for (size_t i = 0; i < n_bands; i++)
    {
      const SynackDiagramBand *b = &bands[i];
      double y1 = b->end_event >= 0 && b->end_event <= upto ? b->y1 : height;

      if (b->event > upto)
        continue;
      g_string_append_printf (out, "  \\fill[%s] ", state_colour[b->state]);
      append_point (out, b->x, b->y0);
      g_string_append (out, " rectangle ");
      append_point (out, b->x + b->w, y1);
      g_string_append (out, ";\n");
    }
  for (size_t i = 0; i < n_timers; i++)
    {
      const SynackDiagramTimer *t = &timers[i];

      if (t->event > upto)
        continue;
      g_string_append (out, "  \\draw[timer] ");
      append_point (out, t->x, t->y0);
      g_string_append (out, " -- ");
      append_point (out, t->x, t->end_event >= 0 && t->end_event <= upto ? t->y1 : t->y_expires);
      g_string_append (out, ";\n");
    }
  for (size_t i = 0; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      const char *style = a->fate == SYNACK_ARROW_LOST ? "lost" : a->duplicate ? "duplicate"
                          : a->rexmit > 0 ? "rexmit" : "segment";

      if (!synack_text_arrow_shown (a, upto))
        continue;
      g_string_append_printf (out, "  \\draw[%s] ", style);
      append_point (out, a->x0, a->y0);
      g_string_append (out, " -- ");
      append_point (out, a->x1, a->y1);
      if (a->fate == SYNACK_ARROW_LOST)
        g_string_append (out, " node[red!75!black, font=\\bfseries\\normalsize] {$\\times$}");
      g_string_append (out, ";\n");
    }

  /* Every label where the layout placed it, so nothing overlaps here either. */
  for (size_t i = 0; i < n_labels; i++)
    {
      const char *style;

      if (!synack_text_label_shown (layout, (int) i, upto))
        continue;
      switch (labels[i].kind)
        {
        case SYNACK_LABEL_STATE: style = "state"; break;
        case SYNACK_LABEL_HOST: style = "host"; break;
        case SYNACK_LABEL_TIMER: style = "orange!50!black"; break;
        case SYNACK_LABEL_LOST: style = "red!75!black"; break;
        case SYNACK_LABEL_AXIS: style = "gray, font=\\sffamily\\tiny"; break;
        case SYNACK_LABEL_BREAK: style = "gray"; break;
        default: style = "fill=white, fill opacity=0.85, text opacity=1"; break;
        }
      append_label_node (out, layout, (int) i, style);
    }
  g_string_append (out, "\\end{tikzpicture}\n\\end{document}\n");
  return g_string_free (out, FALSE);
}
