/* synack-census-compare.c: several runs' censuses side by side, one line
 * each: what each remedy for a TIME_WAIT pile-up leaves behind. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-scenario-private.h"

/* What a column shows: a host's peak in a state, or its refusals. */
typedef struct {
  const char  *heading;    /* N_() */
  SynackHostId host;
  SynackState  state;      /* SYNACK_STATE_CLOSED: the EADDRNOTAVAIL count */
} Column;

static const Column columns[] = {
  { N_("client TIME_WAIT"),   SYNACK_CLIENT, SYNACK_STATE_TIME_WAIT },
  { N_("server TIME_WAIT"),   SYNACK_SERVER, SYNACK_STATE_TIME_WAIT },
  { N_("client ESTABLISHED"), SYNACK_CLIENT, SYNACK_STATE_ESTABLISHED },
  { N_("server ESTABLISHED"), SYNACK_SERVER, SYNACK_STATE_ESTABLISHED },
  { N_("connect() refused"),  SYNACK_CLIENT, SYNACK_STATE_CLOSED },
};

static guint64
column_value (const SynackCensus *census, const Column *column)
{
  if (column->state == SYNACK_STATE_CLOSED)
    return synack_census_eaddrnotavail (census, column->host);
  return synack_census_peak (census, column->host, column->state).count;
}

/* Columns line up on a terminal only if a Chinese character counts as two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
append_padded (GString *out, const char *text, guint width, gboolean right)
{
  guint pad = width > display_width (text) ? width - display_width (text) : 0;

  if (right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

char *
synack_census_compare (SynackScenario *const *scenarios, guint n_scenarios, GError **error)
{
  g_autofree SynackCensus *censuses = g_new0 (SynackCensus, n_scenarios);
  const char *first_heading = _("scenario");
  guint name_width = display_width (first_heading);
  guint widths[G_N_ELEMENTS (columns)];
  GString *out;

  for (guint i = 0; i < n_scenarios; i++)
    {
      if (!synack_scenario_census (scenarios[i], &censuses[i], error))
        {
          g_prefix_error (error, "%s: ", synack_scenario_get_name (scenarios[i]));
          return NULL;
        }
      name_width = MAX (name_width, display_width (synack_scenario_get_name (scenarios[i])));
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    widths[c] = MAX (display_width (_(columns[c].heading)), 6);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n", _("The most sockets each host held at once in a state, and the connect() "
                                         "calls that failed with EADDRNOTAVAIL:"));
  append_padded (out, first_heading, name_width, FALSE);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_string_append (out, "  ");
      append_padded (out, _(columns[c].heading), widths[c], TRUE);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n_scenarios; i++)
    {
      append_padded (out, synack_scenario_get_name (scenarios[i]), name_width, FALSE);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT, column_value (&censuses[i], &columns[c]));

          g_string_append (out, "  ");
          append_padded (out, value, widths[c], TRUE);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
