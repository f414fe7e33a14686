/* synack-capture-read.c: pcap and pcapng files through libpcap, decoded down to TCP and grouped into connections. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "synack-capture-private.h"

/* Link types as Linux tcpdump writes them (pcap-linktype(7)). */
enum {
  LINK_NULL = 0, LINK_ETHERNET = 1, LINK_RAW = 101, LINK_LOOP = 108,
  LINK_LINUX_SLL = 113, LINK_IPV4 = 228, LINK_IPV6 = 229, LINK_LINUX_SLL2 = 276,
};

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Where the IP header starts and which version it is, or FALSE for a frame
 * that carries no IP. */
static gboolean
skip_link_layer (int link, const guint8 *frame, guint size, guint *offset, guint *family)
{
  guint16 ethertype;

  switch (link)
    {
    case LINK_ETHERNET:
      if (size < 14)
        return FALSE;
      *offset = 14;
      ethertype = get16 (frame + 12);
      while ((ethertype == 0x8100 || ethertype == 0x88a8) && size >= *offset + 4)
        {
          ethertype = get16 (frame + *offset + 2);
          *offset += 4;
        }
      break;
    case LINK_LINUX_SLL:
      if (size < 16)
        return FALSE;
      *offset = 16;
      ethertype = get16 (frame + 14);
      break;
    case LINK_LINUX_SLL2:
      if (size < 20)
        return FALSE;
      *offset = 20;
      ethertype = get16 (frame);
      break;
    case LINK_NULL:
    case LINK_LOOP:
      {
        guint32 af;

        if (size < 4)
          return FALSE;
        *offset = 4;
        /* DLT_NULL is in the capturing host's byte order: accept both. */
        af = get32 (frame);
        if (af > 0xffff)
          af = GUINT32_SWAP_LE_BE (af);
        ethertype = af == 2 ? 0x0800 : (af == 10 || af == 24 || af == 28 || af == 30) ? 0x86dd : 0;
      }
      break;
    case LINK_RAW:
    case LINK_IPV4:
    case LINK_IPV6:
      if (size < 1)
        return FALSE;
      *offset = 0;
      ethertype = (frame[0] >> 4) == 6 ? 0x86dd : 0x0800;
      break;
    default:
      return FALSE;
    }
  if (ethertype == 0x0800)
    *family = 4;
  else if (ethertype == 0x86dd)
    *family = 6;
  else
    return FALSE;
  return TRUE;
}

/* Fills the packet's addresses and header from an IP packet; FALSE if it is
 * not a whole-enough TCP segment (a fragment, another protocol, cut short). */
static gboolean
decode_ip_tcp (const guint8 *ip, guint size, guint family, SynackCapturePacket *packet)
{
  const guint8 *tcp;
  guint ip_payload, tcp_header;

  memset (packet, 0, sizeof *packet);
  if (family == 4)
    {
      guint header;

      /* The length before any byte is read: a frame may end at its link header. */
      if (size < 20)
        return FALSE;
      header = (ip[0] & 0x0f) * 4u;
      if ((ip[0] >> 4) != 4 || header < 20 || size < header || ip[9] != 6)
        return FALSE;
      if ((get16 (ip + 6) & 0x3fff) != 0)  /* a fragment */
        return FALSE;
      if (get16 (ip + 2) < header)
        return FALSE;
      ip_payload = get16 (ip + 2) - header;
      memcpy (packet->src, ip + 12, 4);
      memcpy (packet->dst, ip + 16, 4);
      tcp = ip + header;
      size -= header;
    }
  else
    {
      guint8 next;
      guint offset = 40;

      if (size < 40 || (ip[0] >> 4) != 6)
        return FALSE;
      ip_payload = get16 (ip + 4);
      memcpy (packet->src, ip + 8, 16);
      memcpy (packet->dst, ip + 24, 16);
      next = ip[6];
      /* Hop-by-hop, routing and destination options may come first. */
      while (next == 0 || next == 43 || next == 60)
        {
          guint ext;

          if (size < offset + 8)
            return FALSE;
          ext = (ip[offset + 1] + 1u) * 8;
          if (ip_payload < ext)
            return FALSE;
          next = ip[offset];
          offset += ext;
          ip_payload -= ext;
        }
      if (next != 6 || size < offset)
        return FALSE;
      tcp = ip + offset;
      size -= offset;
    }
  if (size < 20)
    return FALSE;
  tcp_header = (tcp[12] >> 4) * 4u;
  if (tcp_header < 20 || ip_payload < tcp_header)
    return FALSE;
  packet->family = (guint8) family;
  packet->hdr.src_port = get16 (tcp);
  packet->hdr.dst_port = get16 (tcp + 2);
  /* Port 0 is reserved: no socket sends from it or listens on it. */
  if (packet->hdr.src_port == 0 || packet->hdr.dst_port == 0)
    return FALSE;
  packet->hdr.seq = get32 (tcp + 4);
  packet->hdr.ack = get32 (tcp + 8);
  packet->hdr.flags = (tcp[13] & 0x02 ? SYNACK_FLAG_SYN : 0) | (tcp[13] & 0x10 ? SYNACK_FLAG_ACK : 0) |
                      (tcp[13] & 0x01 ? SYNACK_FLAG_FIN : 0) | (tcp[13] & 0x04 ? SYNACK_FLAG_RST : 0) |
                      (tcp[13] & 0x08 ? SYNACK_FLAG_PSH : 0);
  packet->hdr.win = get16 (tcp + 14);
  /* The length comes from the IP header: a snap length may have cut the payload. */
  packet->hdr.len = ip_payload - tcp_header;
  /* Options a snap length cut, or that do not parse, are left out whole:
   * half an option list would read as a stack that sent fewer. */
  if (tcp_header > 20 && size >= tcp_header &&
      !synack_options_parse (tcp + 20, tcp_header - 20, &packet->hdr.options))
    memset (&packet->hdr.options, 0, sizeof packet->hdr.options);
  return TRUE;
}

/* RFC 7323 2.3: once both SYNs offered a window scale, every later window
 * on the wire is scaled by its sender's shift; the trace's windows are in
 * bytes (capped at the 16 bits a trace holds). */
static void
unscale_window (SynackCaptureFile *file, SynackCapturePacket *packet)
{
  SynackCaptureConn *conn = &g_array_index (file->conns, SynackCaptureConn, packet->conn_index);
  guint64 window;

  if (packet->hdr.flags & SYNACK_FLAG_SYN)
    {
      conn->wscale_offered[packet->from] = (packet->hdr.options.present & SYNACK_OPTION_WSCALE) != 0;
      conn->wscale[packet->from] = MIN (packet->hdr.options.wscale, 14);
      return;
    }
  if (!conn->wscale_offered[SYNACK_CLIENT] || !conn->wscale_offered[SYNACK_SERVER])
    return;
  window = (guint64) packet->hdr.win << conn->wscale[packet->from];
  packet->hdr.win = (guint16) MIN (window, G_MAXUINT16);
}

static gboolean
same_endpoint (const SynackCaptureConn *conn, SynackHostId host, const guint8 *addr, guint16 port)
{
  return conn->port[host] == port && memcmp (conn->addr[host], addr, 16) == 0;
}

/* Finds the connection a packet belongs to, opening a new one for the first
 * packet of a 4-tuple or a new SYN after the last incarnation ended. */
static void
assign_connection (SynackCaptureFile *file, SynackCapturePacket *packet)
{
  gboolean bare_syn = (packet->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK)) == SYNACK_FLAG_SYN;
  SynackCaptureConn fresh = { 0 };

  for (guint i = file->conns->len; i > 0; i--)
    {
      SynackCaptureConn *conn = &g_array_index (file->conns, SynackCaptureConn, i - 1);
      SynackHostId from;

      if (conn->family != packet->family)
        continue;
      if (same_endpoint (conn, SYNACK_CLIENT, packet->src, packet->hdr.src_port) &&
          same_endpoint (conn, SYNACK_SERVER, packet->dst, packet->hdr.dst_port))
        from = SYNACK_CLIENT;
      else if (same_endpoint (conn, SYNACK_SERVER, packet->src, packet->hdr.src_port) &&
               same_endpoint (conn, SYNACK_CLIENT, packet->dst, packet->hdr.dst_port))
        from = SYNACK_SERVER;
      else
        continue;
      if (bare_syn && conn->ended)
        break;  /* the 4-tuple reused by a new connection, even with the same ISN */
      packet->conn_index = i - 1;
      packet->from = from;
      if (packet->hdr.flags & SYNACK_FLAG_RST)
        conn->ended = TRUE;
      if (packet->hdr.flags & SYNACK_FLAG_FIN)
        conn->fin_seen[from] = TRUE;
      if (conn->fin_seen[SYNACK_CLIENT] && conn->fin_seen[SYNACK_SERVER])
        conn->ended = TRUE;
      return;
    }

  /* The active opener is the client: the sender of a bare SYN, the
   * receiver of a SYN-ACK; mid-stream, whoever spoke first. */
  fresh.family = packet->family;
  packet->from = (packet->hdr.flags & SYNACK_FLAG_SYN) && (packet->hdr.flags & SYNACK_FLAG_ACK)
                 ? SYNACK_SERVER : SYNACK_CLIENT;
  memcpy (fresh.addr[packet->from], packet->src, 16);
  memcpy (fresh.addr[!packet->from], packet->dst, 16);
  fresh.port[packet->from] = packet->hdr.src_port;
  fresh.port[!packet->from] = packet->hdr.dst_port;
  fresh.saw_open = bare_syn;
  fresh.client_iss = bare_syn ? packet->hdr.seq : 0;
  fresh.ended = (packet->hdr.flags & SYNACK_FLAG_RST) != 0;
  fresh.fin_seen[packet->from] = (packet->hdr.flags & SYNACK_FLAG_FIN) != 0;
  packet->conn_index = file->conns->len;
  g_array_append_val (file->conns, fresh);
}

static gboolean
read_all (SynackCaptureFile *file, pcap_t *pcap, const char *name, GError **error)
{
  int link = pcap_datalink (pcap);
  struct pcap_pkthdr *header;
  const u_char *frame;
  gint64 t0 = 0;
  guint n_frames = 0;
  int status;

  switch (link)
    {
    case LINK_NULL: case LINK_ETHERNET: case LINK_RAW: case LINK_LOOP:
    case LINK_LINUX_SLL: case LINK_IPV4: case LINK_IPV6: case LINK_LINUX_SLL2:
      break;
    default:
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_LINK_TYPE,
                   _("%s: link type %s (%d) is not one SynAck reads (Ethernet, Linux cooked, "
                     "loopback, raw IP)"), name,
                   pcap_datalink_val_to_name (link) ? pcap_datalink_val_to_name (link) : "?", link);
      return FALSE;
    }

  while ((status = pcap_next_ex (pcap, &header, &frame)) == 1)
    {
      SynackCapturePacket packet;
      guint offset, family;
      /* pcap keeps 32-bit seconds; a damaged record must not overflow. */
      gint64 t = (gint64) CLAMP (header->ts.tv_sec, 0, G_MAXUINT32) * G_USEC_PER_SEC +
                 CLAMP (header->ts.tv_usec, 0, G_USEC_PER_SEC);

      n_frames++;
      if (!skip_link_layer (link, frame, header->caplen, &offset, &family) ||
          !decode_ip_tcp (frame + offset, header->caplen - offset, family, &packet))
        continue;
      if (file->packets->len == 0)
        t0 = t;
      /* A capture's clock may step back; the trace's time never does. */
      packet.t_us = MAX (t - t0, file->packets->len
                         ? g_array_index (file->packets, SynackCapturePacket, file->packets->len - 1).t_us : 0);
      assign_connection (file, &packet);
      unscale_window (file, &packet);
      g_array_append_val (file->packets, packet);
    }
  if (status == PCAP_ERROR)
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_FORMAT,
                   _("%s: the capture is damaged or cut short after %u packets: %s"),
                   name, n_frames, pcap_geterr (pcap));
      return FALSE;
    }
  if (file->packets->len == 0)
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_NO_TCP,
                   _("%s: no TCP segment among its %u packets"), name, n_frames);
      return FALSE;
    }
  return TRUE;
}

static void
file_init (SynackCaptureFile *file)
{
  file->packets = g_array_new (FALSE, FALSE, sizeof (SynackCapturePacket));
  file->conns = g_array_new (FALSE, FALSE, sizeof (SynackCaptureConn));
}

void
synack_capture_file_clear (SynackCaptureFile *file)
{
  g_clear_pointer (&file->packets, g_array_unref);
  g_clear_pointer (&file->conns, g_array_unref);
}

static gboolean
open_failed (const char *name, const char *pcap_message, GError **error)
{
  g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_FORMAT,
               _("%s: not a pcap or pcapng capture that can be read (%s)"), name, pcap_message);
  return FALSE;
}

gboolean
synack_capture_file_read_data (SynackCaptureFile *file, const guint8 *data, gsize size,
                               const char *name, GError **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  FILE *stream;
  pcap_t *pcap;
  gboolean ok;

  file_init (file);
  if (size == 0)
    return open_failed (name, _("the file is empty"), error);
  /* libpcap reads from a FILE; fmemopen lends it the bytes (and closes with it). */
  stream = fmemopen ((void *) data, size, "rb");
  if (stream == NULL)
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_READ, "%s: %s", name, g_strerror (errno));
      return FALSE;
    }
  pcap = pcap_fopen_offline_with_tstamp_precision (stream, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (pcap == NULL)
    {
      fclose (stream);
      return open_failed (name, errbuf, error);
    }
  ok = read_all (file, pcap, name, error);
  pcap_close (pcap);
  return ok;
}

gboolean
synack_capture_file_read_path (SynackCaptureFile *file, const char *path, const char *name, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) cause = NULL;
  gsize size;

  if (!g_file_get_contents (path, &contents, &size, &cause))
    {
      file_init (file);
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_READ, "%s", cause->message);
      return FALSE;
    }
  return synack_capture_file_read_data (file, (const guint8 *) contents, size, name, error);
}

gboolean
synack_capture_file_is_capture (const char *path)
{
  static const guint32 magics[] = { 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a };
  guint8 head[4];
  FILE *f = fopen (path, "rb");
  gboolean found = FALSE;

  if (f == NULL)
    return FALSE;
  if (fread (head, 1, 4, f) == 4)
    for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
      found |= get32 (head) == magics[i];
  fclose (f);
  return found;
}
