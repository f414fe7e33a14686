/* synack-pcapng-export.c: a trace as a pcapng file, block by block per the IETF pcapng draft. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "synack-capture.h"
#include "synack-frame.h"

enum {
  BLOCK_SECTION_HEADER = 0x0A0D0D0A,
  BLOCK_INTERFACE = 0x00000001,
  BLOCK_ENHANCED_PACKET = 0x00000006,
  OPT_END = 0,
  OPT_COMMENT = 1,
  OPT_SHB_USERAPPL = 4,
  OPT_IF_NAME = 2,
  OPT_IF_DESCRIPTION = 3,
  OPT_EPB_FLAGS = 2,
  LINKTYPE_ETHERNET = 1,
  EPB_OUTBOUND = 2,
};

G_DEFINE_QUARK (synack-capture-error-quark, synack_capture_error)

static void
put_u16 (GByteArray *out, guint16 v)
{
  g_byte_array_append (out, (const guint8 *) &v, 2);
}

static void
put_u32 (GByteArray *out, guint32 v)
{
  g_byte_array_append (out, (const guint8 *) &v, 4);
}

static void
pad4 (GByteArray *out)
{
  static const guint8 zeros[4];

  g_byte_array_append (out, zeros, (4 - out->len % 4) % 4);
}

static void
put_option (GByteArray *out, guint16 code, const void *value, guint16 size)
{
  put_u16 (out, code);
  put_u16 (out, size);
  g_byte_array_append (out, value, size);
  pad4 (out);
}

static void
put_string_option (GByteArray *out, guint16 code, const char *text)
{
  put_option (out, code, text, (guint16) MIN (strlen (text), 65000));
}

/* Starts a block; end_block() fills in its length, front and back. */
static guint
begin_block (GByteArray *out, guint32 type)
{
  guint start = out->len;

  put_u32 (out, type);
  put_u32 (out, 0);
  return start;
}

static void
end_block (GByteArray *out, guint start)
{
  guint32 total;

  put_u16 (out, OPT_END);
  put_u16 (out, 0);
  total = out->len - start + 4;
  put_u32 (out, total);
  memcpy (out->data + start + 4, &total, 4);
}

/* What a delivery changed at the receiver: the state events that follow it
 * at the same instant, before the next segment arrives or is lost. */
static void
append_consequences (GString *comment, const SynackTrace *trace, long arrival)
{
  const SynackEvent *deliver = &trace->events[arrival];

  for (size_t i = arrival + 1; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->t != deliver->t || e->type == SYNACK_EVENT_DELIVER || e->type == SYNACK_EVENT_LOST)
        break;
      if (e->type == SYNACK_EVENT_STATE && e->host == deliver->host)
        g_string_append_printf (comment, "; %s: %s \u2192 %s", synack_host_to_string (e->host),
                                synack_state_to_string (e->from), synack_state_to_string (e->to));
    }
}

static char *
packet_comment (const SynackTrace *trace, long send_index)
{
  const SynackEvent *send = &trace->events[send_index];
  long arrival = synack_trace_find_arrival (trace, send_index);
  GString *comment = g_string_new (NULL);

  g_string_append_printf (comment, "segment %u", send->seg);
  if (send->rexmit > 0)
    g_string_append_printf (comment, ", retransmission %u", send->rexmit);
  if (arrival < 0)
    g_string_append (comment, "; still in flight when the run ended");
  else if (trace->events[arrival].type == SYNACK_EVENT_LOST)
    g_string_append_printf (comment, "; lost in the network (%s)",
                            synack_loss_reason_to_string (trace->events[arrival].loss_reason));
  else
    {
      g_string_append_printf (comment, "; %s: %s", synack_host_to_string (trace->events[arrival].host),
                              synack_verdict_to_string (trace->events[arrival].verdict));
      append_consequences (comment, trace, arrival);
    }
  return g_string_free (comment, FALSE);
}

/* What each side of a connection said about window scaling in its SYN:
 * its later windows go on the wire scaled only if both sides offered it. */
typedef struct {
  gboolean offered[SYNACK_N_HOSTS];
  guint8   shift[SYNACK_N_HOSTS];
} WindowScales;

static void
note_window_scale (GHashTable *scales, const SynackEvent *send)
{
  WindowScales *conn;

  if (!(send->hdr.flags & SYNACK_FLAG_SYN))
    return;
  conn = g_hash_table_lookup (scales, GUINT_TO_POINTER (send->conn));
  if (conn == NULL)
    {
      conn = g_new0 (WindowScales, 1);
      g_hash_table_insert (scales, GUINT_TO_POINTER (send->conn), conn);
    }
  conn->offered[send->host] = (send->hdr.options.present & SYNACK_OPTION_WSCALE) != 0;
  conn->shift[send->host] = MIN (send->hdr.options.wscale, 14);
}

static guint
window_shift (GHashTable *scales, const SynackEvent *send)
{
  const WindowScales *conn = g_hash_table_lookup (scales, GUINT_TO_POINTER (send->conn));

  if (conn == NULL || !conn->offered[SYNACK_CLIENT] || !conn->offered[SYNACK_SERVER])
    return 0;
  return conn->shift[send->host];
}

GBytes *
synack_pcapng_from_trace (const SynackTrace *trace, const char *title)
{
  GByteArray *out = g_byte_array_new ();
  guint16 ip_id[SYNACK_N_HOSTS] = { 1, 1 };
  g_autofree char *section = NULL;
  g_autoptr (GHashTable) scales = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  guint block;

  block = begin_block (out, BLOCK_SECTION_HEADER);
  put_u32 (out, 0x1A2B3C4D);
  put_u16 (out, 1);
  put_u16 (out, 0);
  put_u32 (out, 0xffffffff);  /* section length unknown: -1 */
  put_u32 (out, 0xffffffff);
  /* The file says where it was "captured": a reader must not guess. */
  section = g_strdup_printf ("SynAck simulation%s%s. Capture point: each host's egress, one "
                             "interface per host, so every segment appears once, when it was sent, "
                             "a segment the network lost included; the network's duplicates do not "
                             "appear. Timestamps are simulated time since the run began, from the "
                             "Unix epoch. Each packet's comment says what became of it.",
                             title ? ": " : "", title ? title : "");
  put_string_option (out, OPT_COMMENT, section);
  put_string_option (out, OPT_SHB_USERAPPL, "SynAck " PACKAGE_VERSION);
  end_block (out, block);

  for (int host = 0; host < SYNACK_N_HOSTS; host++)
    {
      g_autofree char *description = g_strdup_printf ("what the %s (%u.%u.%u.%u) sent",
                                                      synack_host_to_string (host),
                                                      synack_frame_ipv4[host][0], synack_frame_ipv4[host][1],
                                                      synack_frame_ipv4[host][2], synack_frame_ipv4[host][3]);

      block = begin_block (out, BLOCK_INTERFACE);
      put_u16 (out, LINKTYPE_ETHERNET);
      put_u16 (out, 0);
      put_u32 (out, 0);  /* no snapshot limit */
      put_string_option (out, OPT_IF_NAME, synack_host_to_string (host));
      put_string_option (out, OPT_IF_DESCRIPTION, description);
      end_block (out, block);
    }

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      g_autofree char *comment = NULL;
      guint64 ts = (guint64) MAX (e->t, 0);
      guint32 flags = EPB_OUTBOUND;
      guint frame_start;

      if (e->type != SYNACK_EVENT_SEND)
        continue;
      note_window_scale (scales, e);
      block = begin_block (out, BLOCK_ENHANCED_PACKET);
      put_u32 (out, e->host);
      put_u32 (out, (guint32) (ts >> 32));
      put_u32 (out, (guint32) ts);
      put_u32 (out, synack_frame_length (&e->hdr));
      put_u32 (out, synack_frame_length (&e->hdr));
      frame_start = out->len;
      synack_frame_append (out, e->host, &e->hdr, ip_id[e->host]++, window_shift (scales, e));
      g_assert (out->len - frame_start == synack_frame_length (&e->hdr));
      pad4 (out);
      comment = packet_comment (trace, (long) i);
      put_string_option (out, OPT_COMMENT, comment);
      put_option (out, OPT_EPB_FLAGS, &flags, 4);
      end_block (out, block);
    }
  return g_byte_array_free_to_bytes (out);
}

gboolean
synack_pcapng_write_file (const SynackTrace *trace, const char *title, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = synack_pcapng_from_trace (trace, title);
  g_autoptr (GError) cause = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* g_file_set_contents writes a temporary file and renames it into place. */
  if (!g_file_set_contents (path, data, (gssize) size, &cause))
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_WRITE,
                   _("%s: cannot write the capture: %s"), path, cause->message);
      return FALSE;
    }
  return TRUE;
}
