/* synack-capture-import.c: a capture file read, its connections chosen, and its trace inferred. */
#include "synack-config.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "synack-capture-private.h"

static char *
address_to_string (guint8 family, const guint8 *addr)
{
  char text[INET6_ADDRSTRLEN] = "";

  inet_ntop (family == 6 ? AF_INET6 : AF_INET, addr, text, sizeof text);
  return g_strdup (text);
}

static SynackCapture *
import_file (SynackCaptureFile *file, const char *name, const char *where, guint conn, GError **error)
{
  g_autoptr (SynackCapture) capture = g_new0 (SynackCapture, 1);
  const SynackCaptureConn *first;
  guint n = file->conns->len;

  if (conn == 0 && n > SYNACK_CAPTURE_MAX_CONNECTIONS)
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_TOO_MANY,
                   _("%s: %u TCP connections, more than a diagram can show (%u); "
                     "choose one with --conn N (1 to %u)"), where, n, SYNACK_CAPTURE_MAX_CONNECTIONS, n);
      return NULL;
    }
  if (conn > n)
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_NO_SUCH_CONN,
                   ngettext ("%s: no connection %u: the capture holds %u TCP connection",
                             "%s: no connection %u: the capture holds %u TCP connections", n),
                   where, conn, n);
      return NULL;
    }
  first = &g_array_index (file->conns, SynackCaptureConn, conn ? conn - 1 : 0);
  capture->source = g_strdup (name);
  capture->address[SYNACK_CLIENT] = address_to_string (first->family, first->addr[SYNACK_CLIENT]);
  capture->address[SYNACK_SERVER] = address_to_string (first->family, first->addr[SYNACK_SERVER]);
  capture->n_connections = n;
  capture->trace = synack_capture_infer (file, conn ? conn - 1 : G_MAXUINT,
                                         &capture->n_unproven, &capture->n_lost);
  /* The diagram, the text and the JSON name the capture's own hosts. */
  for (int h = 0; h < 2; h++)
    g_strlcpy (capture->trace->host_address[h], capture->address[h], sizeof capture->trace->host_address[h]);
  capture->n_packets = capture->trace->n_segments;
  if (capture->trace->end_time > SYNACK_CAPTURE_MAX_SPAN)
    {
      g_set_error (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_TOO_LONG,
                   _("%s: the TCP segments span %.1f hours, more than the 24 hours a run can last "
                     "(a damaged timestamp?)"), where, capture->trace->end_time / 3.6e9);
      return NULL;
    }
  return g_steal_pointer (&capture);
}

SynackCapture *
synack_capture_import_data (const guint8 *data, gsize size, const char *name, guint conn, GError **error)
{
  SynackCaptureFile file = { 0 };
  SynackCapture *capture = NULL;

  if (synack_capture_file_read_data (&file, data, size, name, error))
    capture = import_file (&file, name, name, conn, error);
  synack_capture_file_clear (&file);
  return capture;
}

SynackCapture *
synack_capture_import_file (const char *path, guint conn, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  SynackCaptureFile file = { 0 };
  SynackCapture *capture = NULL;

  if (synack_capture_file_read_path (&file, path, path, error))
    capture = import_file (&file, name, path, conn, error);
  synack_capture_file_clear (&file);
  return capture;
}

SynackTrace *
synack_capture_copy_trace (const SynackCapture *capture)
{
  const SynackTrace *from = capture->trace;
  SynackTrace *trace = g_new0 (SynackTrace, 1);

  synack_trace_init (trace);
  memcpy (trace->host_address, from->host_address, sizeof trace->host_address);
  for (size_t i = 0; i < from->n_events; i++)
    synack_trace_append (trace, &from->events[i]);
  for (size_t i = 0; i < from->n_conns; i++)
    {
      SynackConnInfo *info = synack_trace_conn (trace, from->conns[i].conn);

      if (info)
        *info = from->conns[i];
    }
  return trace;
}

SynackCapture *
synack_capture_copy (const SynackCapture *capture)
{
  SynackCapture *copy = g_memdup2 (capture, sizeof *capture);

  copy->trace = synack_capture_copy_trace (capture);
  copy->source = g_strdup (capture->source);
  copy->address[0] = g_strdup (capture->address[0]);
  copy->address[1] = g_strdup (capture->address[1]);
  return copy;
}

void
synack_capture_free (SynackCapture *capture)
{
  if (capture == NULL)
    return;
  if (capture->trace)
    {
      synack_trace_clear (capture->trace);
      g_free (capture->trace);
    }
  g_free (capture->source);
  g_free (capture->address[0]);
  g_free (capture->address[1]);
  g_free (capture);
}
