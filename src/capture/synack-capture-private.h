/* synack-capture-private.h: the decoded packets and connections the importer passes between its steps. */
#pragma once

#include "synack-capture.h"

G_BEGIN_DECLS

/* One TCP segment as read from a capture. */
typedef struct {
  gint64       t_us;          /* from the capture's first TCP segment */
  guint8       family;        /* 4 or 6 */
  guint8       src[16], dst[16];
  SynackHeader hdr;
  guint        conn_index;    /* which connection of the file, from 0 */
  SynackHostId from;          /* client: the active opener */
} SynackCapturePacket;

/* One connection found in the file: a 4-tuple incarnation. */
typedef struct {
  guint8       family;
  guint8       addr[SYNACK_N_HOSTS][16];
  guint16      port[SYNACK_N_HOSTS];
  gboolean     saw_open;      /* a SYN from the client: the start is in the capture */
  gboolean     ended;         /* a RST, or FINs both ways: a new SYN starts another */
  gboolean     fin_seen[SYNACK_N_HOSTS];
  guint32      client_iss;
  /* The window scale each side's SYN offered (RFC 7323 2.2). */
  gboolean     wscale_offered[SYNACK_N_HOSTS];
  guint8       wscale[SYNACK_N_HOSTS];
} SynackCaptureConn;

typedef struct {
  GArray *packets;            /* SynackCapturePacket, in capture order */
  GArray *conns;              /* SynackCaptureConn */
} SynackCaptureFile;

/* Reads and decodes every TCP segment; other packets are skipped. */
gboolean synack_capture_file_read_path (SynackCaptureFile *file, const char *path, const char *name,
                                        GError **error);
gboolean synack_capture_file_read_data (SynackCaptureFile *file, const guint8 *data, gsize size,
                                        const char *name, GError **error);
void     synack_capture_file_clear     (SynackCaptureFile *file);

/* The trace of the chosen connections (conn_index == chosen, or all when
 * chosen is G_MAXUINT), with each side's states inferred. */
SynackTrace *synack_capture_infer (const SynackCaptureFile *file, guint chosen, guint *n_unproven,
                                   guint *n_lost);

G_END_DECLS
