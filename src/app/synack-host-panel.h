/* synack-host-panel.h: each host's state in large type and its running timers, at the cursor. */
#pragma once

#include <gtk/gtk.h>

#include "synack-census-chart.h"

#include "synack-render.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_HOST_PANEL (synack_host_panel_get_type ())
G_DECLARE_FINAL_TYPE (SynackHostPanel, synack_host_panel, SYNACK, HOST_PANEL, GtkGrid)

/* The state of each host after event upto, in the hue of the diagram's
 * band for it; `dark`: the window's background is dark. */
/* A run too big to keep: the census of each host at time t. */
void        synack_host_panel_set_census (SynackHostPanel *self, const SynackCensusSeries *series, SynackTime t,
                                          const SynackTheme *theme, gboolean dark);
void        synack_host_panel_set_states (SynackHostPanel *self, const SynackTrace *trace, long upto,
                                          const SynackTheme *theme, gboolean dark);
/* The timers running after event upto, and their time left at cursor_t. */
void        synack_host_panel_set_timers (SynackHostPanel *self, const SynackTrace *trace, long upto,
                                          SynackTime cursor_t);
const char *synack_host_panel_get_state_text (SynackHostPanel *self, SynackHostId host);

G_END_DECLS
