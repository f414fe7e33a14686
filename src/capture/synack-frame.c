/* synack-frame.c: the Ethernet, IPv4 and TCP headers of a segment, checksums included. */
#include "synack-frame.h"

#include <string.h>

const guint8 synack_frame_ipv4[SYNACK_N_HOSTS][4] = { { 10, 0, 0, 1 }, { 10, 0, 0, 2 } };

/* Locally administered MAC addresses ending in the host's address byte. */
static const guint8 host_mac[SYNACK_N_HOSTS][6] = {
  { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 },
  { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 },
};

guint32
synack_checksum_add (guint32 sum, const guint8 *data, gsize size)
{
  gsize i;

  for (i = 0; i + 1 < size; i += 2)
    sum += (guint32) data[i] << 8 | data[i + 1];
  if (i < size)
    sum += (guint32) data[i] << 8;
  return sum;
}

guint16
synack_checksum_fold (guint32 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

static void
put16 (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static void
put32 (guint8 *p, guint32 v)
{
  put16 (p, v >> 16);
  put16 (p + 2, v & 0xffff);
}

static guint8
tcp_flag_bits (guint8 flags)
{
  return (flags & SYNACK_FLAG_FIN ? 0x01 : 0) | (flags & SYNACK_FLAG_SYN ? 0x02 : 0) |
         (flags & SYNACK_FLAG_RST ? 0x04 : 0) | (flags & SYNACK_FLAG_PSH ? 0x08 : 0) |
         (flags & SYNACK_FLAG_ACK ? 0x10 : 0);
}

guint
synack_frame_length (const SynackHeader *hdr)
{
  return 14 + 20 + synack_options_header_length (&hdr->options) + hdr->len;
}

void
synack_frame_append (GByteArray *out, SynackHostId from, const SynackHeader *hdr, guint16 ip_id,
                     guint window_shift)
{
  SynackHostId to = from == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  guint start = out->len;
  guint8 options[SYNACK_OPTION_BYTES_MAX];
  guint options_len = (guint) synack_options_write (&hdr->options, options);
  guint tcp_len = 20 + options_len + hdr->len;
  guint8 *eth, *ip, *tcp;
  guint8 pseudo[12];
  guint32 sum;

  g_byte_array_set_size (out, start + 14 + 20 + tcp_len);
  eth = out->data + start;
  memset (eth, 0, 14 + 20 + tcp_len);
  memcpy (eth, host_mac[to], 6);
  memcpy (eth + 6, host_mac[from], 6);
  put16 (eth + 12, 0x0800);

  ip = eth + 14;
  ip[0] = 0x45;
  put16 (ip + 2, (guint16) (20 + tcp_len));
  put16 (ip + 4, ip_id);
  put16 (ip + 6, 0x4000);  /* don't fragment, as Linux sends TCP */
  ip[8] = 64;
  ip[9] = 6;
  memcpy (ip + 12, synack_frame_ipv4[from], 4);
  memcpy (ip + 16, synack_frame_ipv4[to], 4);
  /* An attacker's forged source, and the answer sent back to it. */
  if (hdr->spoofed_addr != 0)
    put32 (from == SYNACK_CLIENT ? ip + 12 : ip + 16, hdr->spoofed_addr);
  put16 (ip + 10, synack_checksum_fold (synack_checksum_add (0, ip, 20)));

  tcp = ip + 20;
  put16 (tcp, hdr->src_port);
  put16 (tcp + 2, hdr->dst_port);
  put32 (tcp + 4, hdr->seq);
  put32 (tcp + 8, hdr->ack);
  tcp[12] = (guint8) (((20 + options_len) / 4) << 4);
  tcp[13] = tcp_flag_bits (hdr->flags);
  put16 (tcp + 14, (hdr->flags & SYNACK_FLAG_SYN) ? hdr->win : (guint16) (hdr->win >> window_shift));
  memcpy (tcp + 20, options, options_len);

  memcpy (pseudo, ip + 12, 8);
  pseudo[8] = 0;
  pseudo[9] = 6;
  put16 (pseudo + 10, (guint16) tcp_len);
  sum = synack_checksum_add (0, pseudo, sizeof pseudo);
  sum = synack_checksum_add (sum, tcp, tcp_len);
  put16 (tcp + 16, synack_checksum_fold (sum));
}
