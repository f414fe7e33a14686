/* synack-window-capture.c: a packet capture opened in the window: read-only, with its derived scenario. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-window-capture.h"

gboolean
synack_window_capture_file_is_capture (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL && synack_capture_file_is_capture (path);
}

SynackCapture *
synack_window_capture_open (GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be opened"));
      return NULL;
    }
  return synack_capture_import_file (path, 0, error);
}

SynackScenario *
synack_window_capture_scenario (const SynackCapture *capture, GError **error)
{
  g_autofree char *text = synack_capture_to_scenario_text (capture);
  SynackScenario *scenario = synack_scenario_parse (text, capture->source, error);

  if (scenario)
    synack_scenario_set_name (scenario, capture->source);
  return scenario;
}

SynackTrace *
synack_window_capture_trace (const SynackCapture *capture)
{
  const SynackTrace *from = capture->trace;
  SynackTrace *trace = g_new0 (SynackTrace, 1);

  synack_trace_init (trace);
  for (size_t i = 0; i < from->n_events; i++)
    synack_trace_append (trace, &from->events[i]);
  for (size_t i = 0; i < from->n_conns; i++)
    {
      SynackConnInfo *info = synack_trace_conn (trace, from->conns[i].conn);

      if (info)
        *info = from->conns[i];
    }
  return trace;
}

char *
synack_window_capture_summary (const SynackCapture *capture)
{
  g_autofree char *segments = g_strdup_printf (ngettext ("%u segment", "%u segments", capture->n_packets),
                                               capture->n_packets);
  g_autofree char *conns = g_strdup_printf (ngettext ("%u connection", "%u connections", capture->n_connections),
                                            capture->n_connections);
  g_autofree char *unproven = g_strdup_printf (ngettext ("%u state not proven by the capture",
                                                         "%u states not proven by the capture", capture->n_unproven),
                                               capture->n_unproven);

  /* TRANSLATORS: "capture.pcap: 12 segments, 1 connection, 1 state not proven by the capture" */
  return g_strdup_printf (_("%s: %s, %s, %s"), capture->source, segments, conns, unproven);
}

GtkFileFilter *
synack_window_capture_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Packet captures (pcap, pcapng)"));
  gtk_file_filter_add_pattern (filter, "*.pcap");
  gtk_file_filter_add_pattern (filter, "*.pcapng");
  gtk_file_filter_add_pattern (filter, "*.cap");
  gtk_file_filter_add_mime_type (filter, "application/vnd.tcpdump.pcap");
  gtk_file_filter_add_mime_type (filter, "application/x-pcapng");
  return filter;
}
