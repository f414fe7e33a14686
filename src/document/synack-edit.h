/* synack-edit.h: a what-if edit (lose this segment, close or send at this time) as data, and its line in the file syntax. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

typedef enum {
  SYNACK_EDIT_LOSE_SEGMENT,   /* the network loses segment `segment` of the run */
  SYNACK_EDIT_CALL,           /* `host` makes call `what` at time `at` */
} SynackEditKind;

typedef struct {
  SynackEditKind kind;
  guint          segment;
  SynackTime     at;
  SynackHostId   host;
  SynackDo       what;        /* SYNACK_DO_CLOSE, _ABORT, _SHUTDOWN_WRITE or _SEND */
  guint64        bytes;       /* SYNACK_DO_SEND */
} SynackEdit;

/* The edit as a scenario line ("lose segment 3", "at 1500ms client send
 * 100"): how it is applied, shown and saved. NULL for an edit that cannot
 * be written (a call a what-if does not offer). */
char *synack_edit_to_line (const SynackEdit *edit);

/* Makes the what-if page's calls by name: "close", "abort", "shutdown" or
 * "send"; FALSE for anything else. */
gboolean synack_edit_call_from_name (const char *name, SynackDo *what);

G_END_DECLS
