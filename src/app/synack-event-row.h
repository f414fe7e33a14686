/* synack-event-row.h: one trace event as an item of the event list's model. */
#pragma once

#include <glib-object.h>

#include "synack-trace.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_EVENT_ROW (synack_event_row_get_type ())
G_DECLARE_FINAL_TYPE (SynackEventRow, synack_event_row, SYNACK, EVENT_ROW, GObject)

SynackEventRow *synack_event_row_new (const SynackTrace *trace, long index);

long        synack_event_row_get_index   (SynackEventRow *self);
const char *synack_event_row_get_time    (SynackEventRow *self);
const char *synack_event_row_get_host    (SynackEventRow *self);
const char *synack_event_row_get_kind    (SynackEventRow *self);
const char *synack_event_row_get_summary (SynackEventRow *self);

G_END_DECLS
