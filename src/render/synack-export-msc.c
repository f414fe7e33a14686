/* synack-export-msc.c: the diagram as mscgen source: one row per height of the layout, slanted arcs with arcskip, lost segments as -x. */
#include "synack-text-export.h"

static void
append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The hosts, and beside each a column of its states, so that the state
 * boxes never sit on the arcs between the hosts. */
static const char *const entity[SYNACK_N_HOSTS] = { "c", "s" };
static const char *const state_entity[SYNACK_N_HOSTS] = { "cstate", "sstate" };

char *
synack_diagram_to_msc (const SynackDiagramLayout *layout, long upto, const char *title)
{
  size_t n_arrows, n_bands;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramBand *bands = synack_diagram_layout_get_bands (layout, &n_bands);
  GString *out = g_string_new (NULL);
  g_autoptr (GPtrArray) row_items = NULL;
  SynackTextRows rows;

  synack_text_rows_init (&rows, layout, upto);
  row_items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint r = 0; r < rows.y->len; r++)
    g_ptr_array_add (row_items, g_ptr_array_new_with_free_func (g_free));

  /* State names where their band begins, in the column beside the host. */
  for (size_t i = 0; i < n_bands; i++)
    {
      GString *item;

      if (!synack_text_band_shown (layout, &rows, i, upto))
        continue;
      item = g_string_new (NULL);
      g_string_append_printf (item, "%s rbox %s [label=", state_entity[bands[i].host], state_entity[bands[i].host]);
      append_quoted (item, synack_text_label (layout, bands[i].label));
      g_string_append (item, ", textbgcolour=\"#eeeeee\"]");
      g_ptr_array_add (g_ptr_array_index (row_items, synack_text_row_of (&rows, bands[i].y0)),
                       g_string_free (item, FALSE));
    }

  for (size_t i = 0; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      guint row, skip;
      GString *item;

      if (!synack_text_arrow_shown (a, upto))
        continue;
      row = synack_text_row_of (&rows, a->y0);
      skip = synack_text_row_of (&rows, a->y1) - row;
      item = g_string_new (NULL);
      g_string_append_printf (item, "%s %s %s [label=", entity[a->from],
                              a->fate == SYNACK_ARROW_LOST ? "-x" : "=>", entity[!a->from]);
      append_quoted (item, synack_text_label (layout, a->label));
      if (skip > 0)
        g_string_append_printf (item, ", arcskip=\"%u\"", skip);
      if (a->rexmit > 0 || a->fate == SYNACK_ARROW_LOST)
        g_string_append (item, ", linecolour=\"#c00000\", textcolour=\"#c00000\"");
      else if (a->duplicate)
        g_string_append (item, ", linecolour=\"#806000\", textcolour=\"#806000\"");
      g_string_append_c (item, ']');
      g_ptr_array_add (g_ptr_array_index (row_items, row), g_string_free (item, FALSE));
    }

  g_string_append (out, "# The sequence diagram of a SynAck run; render with: mscgen -T png -i FILE.msc\n");
  if (title)
    {
      g_autofree char *line = g_strdelimit (g_strdup (title), "\n", ' ');

      g_string_append_printf (out, "# %s\n", line);
    }
  g_string_append (out, "msc {\n  hscale = \"2\", arcgradient = \"0\";\n\n");
  {
    g_autofree char *client = synack_text_host_heading (layout, SYNACK_CLIENT);
    g_autofree char *server = synack_text_host_heading (layout, SYNACK_SERVER);

    g_string_append (out, "  cstate [label=\"\", linecolour=\"#ffffff\"], c [label=");
    append_quoted (out, client);
    g_string_append (out, "], s [label=");
    append_quoted (out, server);
    g_string_append (out, "], sstate [label=\"\", linecolour=\"#ffffff\"];\n\n");
  }
  for (guint r = 0; r < row_items->len; r++)
    {
      GPtrArray *items = g_ptr_array_index (row_items, r);

      if (items->len == 0)
        {
          g_string_append (out, "  |||;\n");
          continue;
        }
      for (guint k = 0; k < items->len; k++)
        g_string_append_printf (out, "%s%s", k ? ",\n    " : "  ", (const char *) g_ptr_array_index (items, k));
      g_string_append (out, ";\n");
    }
  g_string_append (out, "}\n");
  synack_text_rows_clear (&rows);
  return g_string_free (out, FALSE);
}
