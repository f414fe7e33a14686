/* synack-window-capture.h: what the window needs to show a packet capture: import, its derived scenario, a file filter. */
#pragma once

#include <gtk/gtk.h>

#include "synack-capture.h"
#include "synack-scenario.h"

G_BEGIN_DECLS

/* True for a local file that starts like a pcap or pcapng capture. */
gboolean        synack_window_capture_file_is_capture (GFile *file);

SynackCapture  *synack_window_capture_open     (GFile *file, GError **error);

/* The scenario that replays the capture, named after it: the window shows
 * its parameters with the capture, and "Replay as Scenario" runs it. */
SynackScenario *synack_window_capture_scenario (const SynackCapture *capture, GError **error);

/* A copy of the capture's trace, for a run to own. */
SynackTrace    *synack_window_capture_trace    (const SynackCapture *capture);

/* "capture.pcap: 12 segments, 1 connection, 1 state not proven". */
char           *synack_window_capture_summary  (const SynackCapture *capture);

GtkFileFilter  *synack_window_capture_filter   (void);

G_END_DECLS
