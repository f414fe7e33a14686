/* synack-window-capture.c: a packet capture in the window: its subtitle, the Open filter, replayed as a scenario. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-window-private.h"

char *
_synack_window_capture_summary (const SynackCapture *capture)
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
_synack_window_capture_filter (void)
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

/* The capture's scenario is simulated from now on, and what-if works. */
void
_synack_window_replay_capture (SynackWindow *self)
{
  const SynackCapture *capture = synack_document_get_capture (self->document);
  g_autofree char *subtitle = NULL;

  if (capture == NULL)
    return;
  subtitle = g_strdup_printf (_("Replay of the capture %s"), capture->source);
  _synack_window_stop_playing (self);
  synack_document_replay_capture (self->document);
  _synack_window_show_loaded (self);
  gtk_label_set_text (self->subtitle_label, subtitle);
}
