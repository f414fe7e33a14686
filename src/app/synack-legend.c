/* synack-legend.c: what the diagram's colours, bars and dash styles mean, drawn with the diagram's own theme. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-legend.h"

typedef enum {
  SAMPLE_SEGMENT,
  SAMPLE_RETRANSMISSION,
  SAMPLE_DUPLICATE,
  SAMPLE_LOST,
  SAMPLE_RST,
  SAMPLE_TIMER,
  SAMPLE_STATE,
} Sample;

static const struct { Sample sample; const char *meaning; } rows[] = {
  { SAMPLE_SEGMENT, N_("A segment, sent and received") },
  { SAMPLE_RETRANSMISSION, N_("Dashed: a retransmission") },
  { SAMPLE_DUPLICATE, N_("Dotted: the network’s duplicate") },
  { SAMPLE_LOST, N_("Ends in ✕: lost on the way") },
  { SAMPLE_RST, N_("Thick: a RST") },
  { SAMPLE_TIMER, N_("Bar beside a lifeline: a timer running") },
  { SAMPLE_STATE, N_("Band on the lifeline: its state, one colour each") },
};

static void
set_rgba (cairo_t *cr, SynackRgba c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a > 0 ? c.a : 1);
}

static void
draw_sample (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  const SynackTheme *theme = g_object_get_data (G_OBJECT (area), "theme");
  Sample sample = GPOINTER_TO_INT (data);
  double y = height / 2.0, lw = theme ? theme->line_width : 1.5;

  if (theme == NULL)
    return;
  cairo_set_line_width (cr, lw);
  switch (sample)
    {
    case SAMPLE_SEGMENT:
    case SAMPLE_RETRANSMISSION:
    case SAMPLE_DUPLICATE:
    case SAMPLE_RST:
      set_rgba (cr, sample == SAMPLE_RST ? theme->rst : sample == SAMPLE_DUPLICATE ? theme->duplicate : theme->segment);
      if (sample == SAMPLE_RST)
        cairo_set_line_width (cr, lw * 1.6);
      if (sample == SAMPLE_RETRANSMISSION)
        cairo_set_dash (cr, (double[]) { 7, 4 }, 2, 0);
      if (sample == SAMPLE_DUPLICATE)
        {
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, lw * 1.5);
          cairo_set_dash (cr, (double[]) { 0.1, 3 }, 2, 0);
        }
      cairo_move_to (cr, 2, y);
      cairo_line_to (cr, width - 8, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, width - 2, y);
      cairo_line_to (cr, width - 10, y - 4);
      cairo_line_to (cr, width - 10, y + 4);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case SAMPLE_LOST:
      set_rgba (cr, theme->lost);
      cairo_move_to (cr, 2, y);
      cairo_line_to (cr, width * 0.6, y);
      cairo_stroke (cr);
      cairo_move_to (cr, width * 0.6 - 4, y - 4);
      cairo_line_to (cr, width * 0.6 + 4, y + 4);
      cairo_move_to (cr, width * 0.6 - 4, y + 4);
      cairo_line_to (cr, width * 0.6 + 4, y - 4);
      cairo_stroke (cr);
      break;
    case SAMPLE_TIMER:
      set_rgba (cr, theme->timer[SYNACK_TIMER_RETRANSMIT]);
      cairo_rectangle (cr, width / 2.0 - 2, 1, 4, height - 2);
      cairo_fill (cr);
      break;
    case SAMPLE_STATE:
      {
        const SynackState states[] = { SYNACK_STATE_SYN_SENT, SYNACK_STATE_ESTABLISHED, SYNACK_STATE_TIME_WAIT };

        for (guint i = 0; i < G_N_ELEMENTS (states); i++)
          {
            set_rgba (cr, theme->state[states[i]]);
            cairo_rectangle (cr, width / 2.0 - 5, i * height / 3.0, 10, height / 3.0);
            cairo_fill (cr);
          }
      }
      break;
    default:
      break;
    }
}

GtkWidget *
synack_legend_new (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (_(rows[i].meaning));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 48);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 18);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_sample, GINT_TO_POINTER (rows[i].sample), NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), area, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label, 1, (int) i, 1, 1);
    }
  return grid;
}

void
synack_legend_set_theme (GtkWidget *legend, const SynackTheme *theme)
{
  for (GtkWidget *c = gtk_widget_get_first_child (legend); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_DRAWING_AREA (c))
      {
        g_object_set_data (G_OBJECT (c), "theme", (gpointer) theme);
        gtk_widget_queue_draw (c);
      }
}
