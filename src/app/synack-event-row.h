/* synack-event-row.h: one trace event as an item of the event list's model. */
#pragma once

#include <gio/gio.h>

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

G_BEGIN_DECLS

/* The events of a run as a GListModel; rows are made when asked for, so a
 * run of a million events costs nothing until it is scrolled. */
#define SYNACK_TYPE_EVENT_LIST (synack_event_list_get_type ())
G_DECLARE_FINAL_TYPE (SynackEventList, synack_event_list, SYNACK, EVENT_LIST, GObject)

SynackEventList *synack_event_list_new (void);
/* Borrows the trace: call again (with NULL) before it is freed. */
void synack_event_list_set_trace (SynackEventList *self, const SynackTrace *trace);
/* Lists the events up to and including last only (-1: none yet), so a
 * projector does not give away what happens next; SYNACK_EVENT_LIST_ALL
 * lists them all. A row keeps its event's index as its position. */
#define SYNACK_EVENT_LIST_ALL G_MAXLONG
void synack_event_list_set_last (SynackEventList *self, long last);

G_END_DECLS
