/* synack-frame.h: one traced segment as the bytes of an Ethernet/IPv4/TCP frame. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

/* The simulated hosts' addresses, in network byte order as bytes. */
extern const guint8 synack_frame_ipv4[SYNACK_N_HOSTS][4];

#define SYNACK_FRAME_HEADERS (14 + 20 + 20)

/* Appends the frame of a segment sent by `from` (with `ip_id` as the IPv4
 * identification) to `out`; the payload is zeros, len bytes of it. */
void synack_frame_append (GByteArray *out, SynackHostId from, const SynackHeader *hdr, guint16 ip_id);

/* The Internet checksum (RFC 1071) of data, continuing from `sum`. */
guint32 synack_checksum_add  (guint32 sum, const guint8 *data, gsize size);
guint16 synack_checksum_fold (guint32 sum);

G_END_DECLS
