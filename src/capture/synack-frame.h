/* synack-frame.h: one traced segment as the bytes of an Ethernet/IPv4/TCP frame. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

/* The simulated hosts' addresses, in network byte order as bytes. */
extern const guint8 synack_frame_ipv4[SYNACK_N_HOSTS][4];

/* The Ethernet and IPv4 headers, and a TCP header without options. */
#define SYNACK_FRAME_HEADERS (14 + 20 + 20)

/* The bytes of a segment's frame: headers, its TCP options, its payload. */
guint synack_frame_length (const SynackHeader *hdr);

/* Appends the frame of a segment sent by `from` (with `ip_id` as the IPv4
 * identification) to `out`, its options in their wire bytes; the payload
 * is zeros, len bytes of it. The window field is hdr->win shifted right by
 * window_shift, the sender's window scale once both sides agreed one
 * (RFC 7323 2.3: never in a SYN). */
void synack_frame_append (GByteArray *out, SynackHostId from, const SynackHeader *hdr, guint16 ip_id,
                          guint window_shift);

/* The Internet checksum (RFC 1071) of data, continuing from `sum`. */
guint32 synack_checksum_add  (guint32 sum, const guint8 *data, gsize size);
guint16 synack_checksum_fold (guint32 sum);

G_END_DECLS
