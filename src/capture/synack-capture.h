/* synack-capture.h: runs as packet captures: pcapng export, and pcap/pcapng import into a trace with inferred states. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

#define SYNACK_CAPTURE_ERROR (synack_capture_error_quark ())

typedef enum {
  SYNACK_CAPTURE_ERROR_READ,          /* the file could not be opened or read */
  SYNACK_CAPTURE_ERROR_FORMAT,        /* not a pcap/pcapng file, or cut short */
  SYNACK_CAPTURE_ERROR_LINK_TYPE,     /* a link layer we cannot decode */
  SYNACK_CAPTURE_ERROR_NO_TCP,        /* no TCP segment in it */
  SYNACK_CAPTURE_ERROR_TOO_MANY,      /* more connections than a diagram can show */
  SYNACK_CAPTURE_ERROR_NO_SUCH_CONN,  /* --conn N beyond the connections found */
  SYNACK_CAPTURE_ERROR_TOO_LONG,      /* spans more than SYNACK_CAPTURE_MAX_SPAN */
  SYNACK_CAPTURE_ERROR_WRITE,         /* the pcapng file could not be written */
} SynackCaptureError;

GQuark synack_capture_error_quark (void);

/* More connections than this are refused unless one is chosen: a diagram of
 * hundreds of connections teaches nothing. */
#define SYNACK_CAPTURE_MAX_CONNECTIONS 32

/* A capture longer than this is refused: it is the simulation's default
 * time limit, so a replay would stop before the capture's end. */
#define SYNACK_CAPTURE_MAX_SPAN ((SynackTime) 24 * 3600 * 1000000)

/* --- Export --- */

/* The trace as a pcapng file: one interface per host, each capturing what
 * its host sent (the sender's egress, as the reference Linux captures), so
 * every segment appears once, a lost one included. Frames are Ethernet,
 * IPv4 (10.0.0.1 client, 10.0.0.2 server) and TCP with valid checksums;
 * timestamps are simulated time from the Unix epoch; a comment on each
 * packet names the state changes it caused. */
GBytes  *synack_pcapng_from_trace   (const SynackTrace *trace, const char *title);

/* Writes it atomically: on failure nothing is left at path. */
gboolean synack_pcapng_write_file   (const SynackTrace *trace,
                                     const char        *title,
                                     const char        *path,
                                     GError           **error);

/* --- Import --- */

typedef struct {
  SynackTrace *trace;            /* the connections as the engine would trace them */
  char        *source;           /* the file's base name, for titles and messages */
  char        *address[2];       /* client's and server's address as text */
  guint        n_connections;    /* TCP connections in the file */
  guint        n_packets;        /* TCP segments imported */
  guint        n_unproven;       /* state changes the capture cannot prove */
  guint        n_lost;           /* segments inferred lost after the capture point */
} SynackCapture;

/* Reads a pcap or pcapng file (libpcap: Ethernet, Linux cooked v1/v2,
 * loopback/null, raw IP; IPv4 and IPv6). conn 0 takes every connection
 * (at most SYNACK_CAPTURE_MAX_CONNECTIONS), N only the N-th, in the order
 * their first segment appears. */
SynackCapture *synack_capture_import_file  (const char *path, guint conn, GError **error);
SynackCapture *synack_capture_import_data  (const guint8 *data, gsize size, const char *name,
                                            guint conn, GError **error);
void           synack_capture_free         (SynackCapture *capture);
SynackCapture *synack_capture_copy         (const SynackCapture *capture);
/* A copy of the capture's trace, for a run to own. */
SynackTrace   *synack_capture_copy_trace   (const SynackCapture *capture);

/* True when the file starts like a pcap or pcapng file. */
gboolean       synack_capture_file_is_capture (const char *path);

/* A scenario whose application calls and losses reproduce the capture, as
 * scenario file text: "replay this capture as a scenario". */
char          *synack_capture_to_scenario_text (const SynackCapture *capture);

/* --- Comparison with a simulated run --- */

/* The first difference between a capture's segments and a simulation's. */
typedef struct {
  SynackHostId host;           /* whose segment differs */
  guint        nth;            /* that host's how-manieth segment, from 1 */
  guint32      real_seg;       /* its number in the capture; 0 past its end */
  guint32      simulated_seg;  /* its number in the simulation; 0 past its end */
  SynackTime   t;              /* when the capture has it */
  const char  *field;          /* untranslated (N_): "flags", "relative seq", … */
  char        *expected;       /* the simulation's value */
  char        *got;            /* the capture's value */
  guint        n_compared;     /* segments compared in all */
} SynackCaptureDifference;

/* Compares each host's segments in order: direction, flags without PSH,
 * sequence and acknowledgement numbers relative to the ISNs, payload
 * length, and a retransmission's wait within 10 % of the simulated one
 * (or 1 ms, if more).
 * Returns TRUE and fills diff with the earliest difference, or FALSE when
 * they match (diff->n_compared is set either way). */
gboolean synack_capture_compare (const SynackTrace *real, const SynackTrace *simulated,
                                 SynackCaptureDifference *diff);
char    *synack_capture_difference_to_string (const SynackCaptureDifference *diff);
void     synack_capture_difference_clear     (SynackCaptureDifference *diff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackCapture, synack_capture_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SynackCaptureDifference, synack_capture_difference_clear)

G_END_DECLS
