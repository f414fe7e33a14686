/* synack-export-plantuml.c: the diagram as PlantUML source (teoz): slanted arrows ->(n) for the time in flight, parallel rows with &. */
#include "synack-text-export.h"

/* PlantUML's units are pixels at its own scale: half the layout's keeps
 * the slant of an arrow readable without stretching the page. */
#define SLANT_PER_PX 0.5
#define MAX_SLANT 400

static const char *const alias[SYNACK_N_HOSTS] = { "C", "S" };

/* PlantUML text: one line, "\n" for a line break. */
static void
append_text (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    if (*p == '\n')
      g_string_append (out, "\\n");
    else
      g_string_append_c (out, *p);
}

typedef struct {
  double   y;
  int      order;   /* states before the arrows of the same row */
  gboolean note;
  char    *line;
} Item;

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  return x->order - y->order;
}

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->line);
}

char *
synack_diagram_to_plantuml (const SynackDiagramLayout *layout, long upto, const char *title)
{
  size_t n_arrows, n_bands;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  GString *out = g_string_new (NULL);
  SynackTextRows rows;
  guint previous_row = G_MAXUINT;
  gboolean previous_note = FALSE;

  g_array_set_clear_func (items, item_clear);
  synack_text_rows_init (&rows, layout, upto);
  for (size_t i = 0; i < n_bands; i++)
    {
      GString *line;
      Item item;

      if (!synack_text_band_shown (layout, &rows, i, upto))
        continue;
      line = g_string_new (NULL);
      g_string_append_printf (line, "hnote over %s : ", alias[bands[i].host]);
      append_text (line, synack_text_label (layout, bands[i].label));
      item = (Item) { bands[i].y0, (int) i, TRUE, g_string_free (line, FALSE) };
      g_array_append_val (items, item);
    }
  for (size_t i = 0; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      int slant = (int) MIN ((a->y1 - a->y0) * SLANT_PER_PX, MAX_SLANT);
      const char *colour = a->rexmit > 0 || a->fate == SYNACK_ARROW_LOST ? "[#c00000]" : a->duplicate ? "[#806000]" : "";
      GString *line;
      Item item;

      if (!synack_text_arrow_shown (a, upto))
        continue;
      line = g_string_new (NULL);
      g_string_append_printf (line, "%s -%s%s", alias[a->from], colour, a->fate == SYNACK_ARROW_LOST ? ">x" : ">");
      /* A lost segment stops partway: no slant to show its arrival. */
      if (slant > 0 && a->fate != SYNACK_ARROW_LOST)
        g_string_append_printf (line, "(%d)", slant);
      g_string_append_printf (line, " %s : ", alias[!a->from]);
      append_text (line, synack_text_label (layout, a->label));
      item = (Item) { a->y0, (int) n_bands + (int) i, FALSE, g_string_free (line, FALSE) };
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);

  g_string_append (out, "' The sequence diagram of a SynAck run; render with: plantuml FILE.puml\n@startuml\n");
  g_string_append (out, "!pragma teoz true\nhide footbox\nskinparam monochrome false\nskinparam shadowing false\n");
  if (title)
    {
      g_string_append (out, "title ");
      append_text (out, title);
      g_string_append_c (out, '\n');
    }
  for (int host = 0; host < SYNACK_N_HOSTS; host++)
    {
      g_autofree char *heading = synack_text_host_heading (layout, host);

      g_string_append (out, "participant \"");
      append_text (out, heading);
      g_string_append_printf (out, "\" as %s\n", alias[host]);
    }
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      guint row = synack_text_row_of (&rows, item->y);

      /* What happens at the same height starts together (teoz's &); teoz
       * cannot put a note beside a note, so those follow each other. */
      gboolean together = row == previous_row && !(item->note && previous_note);

      g_string_append_printf (out, "%s%s\n", together ? "& " : "", item->line);
      previous_row = row;
      previous_note = item->note;
    }
  g_string_append (out, "@enduml\n");
  synack_text_rows_clear (&rows);
  return g_string_free (out, FALSE);
}
