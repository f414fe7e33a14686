/* synack-census-output.c: the census of a run as CSV (a column per state,
 * for a spreadsheet or gnuplot) and as JSON (synack-cli census, and the
 * "census" member of a JSON trace). */
#include "synack-config.h"

#include "synack-scenario-private.h"

/* The states a socket can be counted in: all but CLOSED, in the order of
 * the enumeration, which is the order of a connection's life. */
#define FIRST_COUNTED_STATE SYNACK_STATE_LISTEN

/* Counted refusals take the name of the error, next to the states. */
#define EADDRNOTAVAIL_NAME "EADDRNOTAVAIL"

void
synack_census_append_csv_head (GString *out)
{
  g_string_append (out, "t_us,host");
  for (int s = FIRST_COUNTED_STATE; s < SYNACK_N_STATES; s++)
    {
      g_string_append_c (out, ',');
      g_string_append (out, synack_state_to_string (s));
    }
  g_string_append (out, "," EADDRNOTAVAIL_NAME "\n");
}

void
synack_census_append_csv_row (GString *out, const SynackCensusRow *row)
{
  synack_json_append_int (out, row->t);
  g_string_append_c (out, ',');
  g_string_append (out, synack_host_to_string (row->host));
  for (int s = FIRST_COUNTED_STATE; s < SYNACK_N_STATES; s++)
    {
      g_string_append_c (out, ',');
      synack_json_append_uint (out, row->count[s]);
    }
  g_string_append_c (out, ',');
  synack_json_append_uint (out, row->eaddrnotavail);
  g_string_append_c (out, '\n');
}

/* After the rows, as comment lines ('#' is a comment to gnuplot, and to
 * pandas and R when told): each state a host ever held, at its peak and
 * when first reached; the refusals in all, and when the first came. */
void
synack_census_append_csv_peaks (GString *out, const SynackCensus *census)
{
  g_string_append (out, "# host,state,peak,first_t_us\n");
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      for (int s = FIRST_COUNTED_STATE; s < SYNACK_N_STATES; s++)
        {
          SynackCensusPeak peak = synack_census_peak (census, h, s);

          if (peak.count > 0)
            g_string_append_printf (out, "# %s,%s,%u,%" G_GINT64_FORMAT "\n", synack_host_to_string (h),
                                    synack_state_to_string (s), peak.count, peak.first_t);
        }
      if (synack_census_eaddrnotavail (census, h) > 0)
        g_string_append_printf (out, "# %s," EADDRNOTAVAIL_NAME ",%" G_GUINT64_FORMAT ",%" G_GINT64_FORMAT "\n",
                                synack_host_to_string (h), synack_census_eaddrnotavail (census, h),
                                synack_census_first_eaddrnotavail (census, h));
    }
}

void
synack_census_append_json_open (GString *out, SynackTime interval)
{
  g_string_append (out, "{\n    \"interval_us\": ");
  synack_json_append_int (out, interval);
  g_string_append (out, ",\n    \"rows\": [");
}

void
synack_census_append_json_row (GString *out, const SynackCensusRow *row, gboolean first)
{
  g_string_append (out, first ? "\n      {\"t_us\": " : ",\n      {\"t_us\": ");
  synack_json_append_int (out, row->t);
  g_string_append (out, ", \"host\": \"");
  g_string_append (out, synack_host_to_string (row->host));
  g_string_append_c (out, '"');
  for (int s = FIRST_COUNTED_STATE; s < SYNACK_N_STATES; s++)
    {
      g_string_append (out, ", \"");
      g_string_append (out, synack_state_to_string (s));
      g_string_append (out, "\": ");
      synack_json_append_uint (out, row->count[s]);
    }
  g_string_append (out, ", \"" EADDRNOTAVAIL_NAME "\": ");
  synack_json_append_uint (out, row->eaddrnotavail);
  g_string_append_c (out, '}');
}

/* {"count": N, "first_t_us": T}, T null when it never happened. */
static void
append_json_peak (GString *out, const char *name, guint64 count, SynackTime first_t)
{
  g_string_append_printf (out, "\"%s\": {\"count\": %" G_GUINT64_FORMAT ", \"first_t_us\": ", name, count);
  if (first_t < 0)
    g_string_append (out, "null");
  else
    synack_json_append_int (out, first_t);
  g_string_append_c (out, '}');
}

/* The rows' end, then every state's peak per host, one host a line. */
void
synack_census_append_json_close (GString *out, const SynackCensus *census, gboolean any_rows)
{
  g_string_append (out, any_rows ? "\n    ],\n    \"peaks\": {" : "],\n    \"peaks\": {");
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_string_append_printf (out, "%s\n      \"%s\": {", h == 0 ? "" : ",", synack_host_to_string (h));
      for (int s = FIRST_COUNTED_STATE; s < SYNACK_N_STATES; s++)
        {
          SynackCensusPeak peak = synack_census_peak (census, h, s);

          if (s != FIRST_COUNTED_STATE)
            g_string_append (out, ", ");
          append_json_peak (out, synack_state_to_string (s), peak.count, peak.first_t);
        }
      g_string_append (out, ", ");
      append_json_peak (out, EADDRNOTAVAIL_NAME, synack_census_eaddrnotavail (census, h),
                        synack_census_first_eaddrnotavail (census, h));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "\n    }\n  }");
}

/* The JSON census head: the run it counts, and the opening of its
 * "census" member, the same object a JSON trace has after its events; the
 * tail is the trace's (synack_trace_append_json_tail). */
void
synack_census_append_json_head (GString *out, const SynackScenario *scenario)
{
  g_string_append (out, "{\n  \"format\": \"synack-census\", \"version\": 1,\n  \"scenario\": ");
  synack_json_append_string (out, synack_scenario_get_name (scenario));
  g_string_append (out, ",\n  \"census\": ");
}

typedef struct {
  GString *out;
  gboolean first;
} JsonRows;

static void
append_json_row_cb (const SynackCensusRow *row, void *data)
{
  JsonRows *rows = data;

  synack_census_append_json_row (rows->out, row, rows->first);
  rows->first = FALSE;
}

void
synack_trace_append_json_census (GString *out, const SynackTrace *trace)
{
  JsonRows rows = { out, TRUE };
  SynackCensus census;

  synack_census_append_json_open (out, 0);
  synack_census_of_trace (&census, trace, 0, append_json_row_cb, &rows);
  synack_census_append_json_close (out, &census, !rows.first);
}
