/* synack-describe-sockets.c: a host's sockets at a moment of a run, each with its state, for the host cards and the presentation caption. */
#include "synack-config.h"

#include "synack-describe.h"

GArray *
synack_describe_open_sockets (const SynackTrace *trace, SynackHostId host, long upto)
{
  GArray *sockets = g_array_new (FALSE, FALSE, sizeof (SynackSocketState));
  g_autoptr (GHashTable) index_of = g_hash_table_new (NULL, NULL);
  guint kept = 0;

  for (long i = 0; i <= upto && (size_t) i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      gpointer at;

      if (e->type != SYNACK_EVENT_STATE || e->host != host || e->conn == 0)
        continue;
      if (g_hash_table_lookup_extended (index_of, GUINT_TO_POINTER (e->conn), NULL, &at))
        g_array_index (sockets, SynackSocketState, GPOINTER_TO_UINT (at)).state = e->to;
      else
        {
          const SynackConnInfo *info = synack_trace_find_conn (trace, e->conn);
          SynackSocketState s = { e->conn, info ? info->client_port : 0, e->to };

          g_hash_table_insert (index_of, GUINT_TO_POINTER (e->conn), GUINT_TO_POINTER (sockets->len));
          g_array_append_val (sockets, s);
        }
    }
  /* Closed sockets are gone; the rest keep the order they opened in. */
  for (guint i = 0; i < sockets->len; i++)
    if (g_array_index (sockets, SynackSocketState, i).state != SYNACK_STATE_CLOSED)
      g_array_index (sockets, SynackSocketState, kept++) = g_array_index (sockets, SynackSocketState, i);
  g_array_set_size (sockets, kept);
  return sockets;
}
