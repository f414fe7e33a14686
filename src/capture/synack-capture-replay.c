/* synack-capture-replay.c: an imported capture as a scenario: its application calls at their times and its losses. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-capture.h"

/* The fault kinds of scenario files, tested in the order that names a
 * segment best; each predicate is the one the engine matches with. */
static const char *
segment_kind (const SynackHeader *hdr)
{
  unsigned flags = hdr->flags & ~SYNACK_FLAG_PSH;

  if (flags & SYNACK_FLAG_RST)
    return "RST";
  if (flags & SYNACK_FLAG_FIN)
    return "FIN";
  if (flags == SYNACK_FLAG_SYN)
    return "SYN";
  if (flags == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK))
    return "SYN-ACK";
  if (hdr->len > 0)
    return "data";
  return flags == SYNACK_FLAG_ACK ? "ACK" : NULL;
}

static gboolean
same_kind (const SynackHeader *a, const SynackHeader *b)
{
  const char *kind = segment_kind (a);

  if (g_strcmp0 (kind, "FIN") == 0)
    return (b->flags & SYNACK_FLAG_FIN) != 0;
  if (g_strcmp0 (kind, "RST") == 0)
    return (b->flags & SYNACK_FLAG_RST) != 0;
  if (g_strcmp0 (kind, "data") == 0)
    return b->len > 0;
  return g_strcmp0 (kind, segment_kind (b)) == 0;
}

/* "lose client FIN #2 conn=1": the how-manieth of its kind the lost one was. */
static void
append_loss (GString *out, const SynackTrace *trace, const SynackEvent *lost)
{
  long send = synack_trace_find_send (trace, lost->seg);
  const SynackEvent *s = &trace->events[send];
  const char *kind = segment_kind (&s->hdr);
  guint nth = 0;

  if (kind == NULL)
    return;
  for (long i = 0; i <= send; i++)
    {
      const SynackEvent *e = &trace->events[i];

      if (e->type == SYNACK_EVENT_SEND && e->host == s->host && e->conn == s->conn && same_kind (&s->hdr, &e->hdr))
        nth++;
    }
  g_string_append_printf (out, "lose %s %s #%u conn=%u\n", synack_host_to_string (s->host), kind, nth, s->conn);
}

/* Half the first round trip of the handshake: the one-way delay that makes
 * the simulation's answers come when the capture's did. */
static SynackTime
estimate_delay (const SynackTrace *trace)
{
  SynackTime syn = -1;

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      unsigned flags = e->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);

      if (e->type != SYNACK_EVENT_SEND)
        continue;
      if (flags == SYNACK_FLAG_SYN && syn < 0)
        syn = e->t;
      else if (flags == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK) && syn >= 0)
        return MAX ((e->t - syn) / 2, 1);
    }
  return SYNACK_MS (1);
}

/* The scenario action for an application call the import inferred, or NULL
 * for a result (connect() = ok) the simulation will produce by itself. */
static char *
call_as_action (const SynackTrace *trace, const SynackEvent *e)
{
  const SynackConnInfo *info = synack_trace_find_conn (trace, e->conn);

  switch (e->call)
    {
    case SYNACK_CALL_LISTEN:
      /* The listener's ISN: that of the first connection to it. */
      if (trace->n_conns && trace->conns[0].server_iss_known)
        return g_strdup_printf ("listen %u isn=%u", trace->conns[0].server_port, trace->conns[0].server_iss);
      return g_strdup_printf ("listen %u", trace->n_conns ? trace->conns[0].server_port : 80);
    case SYNACK_CALL_CONNECT:
      if (e->result != SYNACK_RESULT_PENDING || info == NULL)
        return NULL;
      /* In a simultaneous open the server connects too, to the client's port. */
      if (e->host == SYNACK_SERVER)
        return g_strdup_printf ("connect %u from %u isn=%u", info->client_port, info->server_port, info->server_iss);
      return g_strdup_printf ("connect %u from %u isn=%u", info->server_port, info->client_port, info->client_iss);
    case SYNACK_CALL_SEND:
      return g_strdup_printf ("send %" G_GUINT64_FORMAT " conn=%u", e->bytes, e->conn);
    case SYNACK_CALL_CLOSE:
      return g_strdup_printf ("close conn=%u", e->conn);
    case SYNACK_CALL_SHUTDOWN_WRITE:
      return g_strdup_printf ("shutdown conn=%u", e->conn);
    case SYNACK_CALL_ABORT:
      return g_strdup_printf ("abort conn=%u", e->conn);
    default:
      return NULL;
    }
}

/* The last thing a side's application saw of its connection: the event a
 * scenario's "when" names, and when it happened. */
typedef struct {
  char      *event;     /* "established", "received 300", "eof" */
  SynackTime t;
  guint64    received;  /* bytes in order so far */
  guint32    rcv_next;  /* the next in-order sequence number, once known */
  gboolean   rcv_known;
} Trigger;

static void
trigger_free (gpointer data)
{
  Trigger *trigger = data;

  g_free (trigger->event);
  g_free (trigger);
}

static Trigger *
trigger_for (GHashTable *triggers, guint32 conn, SynackHostId host)
{
  gpointer key = GUINT_TO_POINTER (conn * SYNACK_N_HOSTS + host);
  Trigger *trigger = g_hash_table_lookup (triggers, key);

  if (trigger == NULL)
    {
      trigger = g_new0 (Trigger, 1);
      g_hash_table_insert (triggers, key, trigger);
    }
  return trigger;
}

static void
note_trigger (GHashTable *triggers, const SynackEvent *e)
{
  Trigger *trigger;

  if (e->conn == 0)
    return;
  if (e->type == SYNACK_EVENT_STATE && e->to == SYNACK_STATE_ESTABLISHED)
    {
      trigger = trigger_for (triggers, e->conn, e->host);
      g_free (trigger->event);
      trigger->event = g_strdup ("established");
      trigger->t = e->t;
    }
  else if (e->type == SYNACK_EVENT_STATE && e->cause == SYNACK_CAUSE_FIN_RECEIVED)
    {
      trigger = trigger_for (triggers, e->conn, e->host);
      g_free (trigger->event);
      trigger->event = g_strdup ("eof");
      trigger->t = e->t;
    }
  else if (e->type == SYNACK_EVENT_DELIVER && e->hdr.len > 0)
    {
      trigger = trigger_for (triggers, e->conn, e->host);
      if (!trigger->rcv_known)
        {
          trigger->rcv_next = e->hdr.seq;
          trigger->rcv_known = TRUE;
        }
      /* Only bytes that extend what arrived in order count as received. */
      if (synack_seq_le (e->hdr.seq, trigger->rcv_next) && synack_seq_gt (e->hdr.seq + e->hdr.len, trigger->rcv_next))
        {
          trigger->received += e->hdr.seq + e->hdr.len - trigger->rcv_next;
          trigger->rcv_next = e->hdr.seq + e->hdr.len;
          g_free (trigger->event);
          trigger->event = g_strdup_printf ("received %" G_GUINT64_FORMAT, trigger->received);
          trigger->t = e->t;
        }
    }
}

/* The options the capture's first handshake agreed: one neither side's
 * SYN offered did not exist for that connection, as if its sysctl were
 * off (a capture that starts mid-stream keeps the defaults). */
static void
append_option_switches (GString *out, const SynackTrace *trace)
{
  static const struct { unsigned option; const char *key; } switches[] = {
    { SYNACK_OPTION_TIMESTAMPS, "timestamps" },
    { SYNACK_OPTION_SACK_PERM,  "sack" },
    { SYNACK_OPTION_WSCALE,     "window-scaling" },
  };
  const SynackHeader *syn = NULL, *syn_ack = NULL;

  for (size_t i = 0; i < trace->n_events && (syn == NULL || syn_ack == NULL); i++)
    {
      const SynackEvent *e = &trace->events[i];
      unsigned flags = e->hdr.flags & (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK);

      if (e->type != SYNACK_EVENT_SEND)
        continue;
      if (flags == SYNACK_FLAG_SYN && syn == NULL)
        syn = &e->hdr;
      else if (flags == (SYNACK_FLAG_SYN | SYNACK_FLAG_ACK) && syn_ack == NULL)
        syn_ack = &e->hdr;
    }
  if (syn == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    if (!(syn->options.present & switches[i].option) ||
        (syn_ack && !(syn_ack->options.present & switches[i].option)))
      g_string_append_printf (out, "%s = off\n", switches[i].key);
}

char *
synack_capture_to_scenario_text (const SynackCapture *capture)
{
  const SynackTrace *trace = capture->trace;
  GString *out = g_string_new (NULL);
  g_autoptr (GHashTable) triggers = g_hash_table_new_full (NULL, NULL, NULL, trigger_free);

  g_string_append_printf (out, "# %s\n", _("Derived from a capture: its application calls at their times, and its losses."));
  g_string_append_printf (out, "title = %s\n", capture->source);
  /* The summary is what the window shows beside the capture, so it names
   * the real hosts (the diagram draws the simulated ones). */
  g_string_append (out, "summary = ");
  g_string_append_printf (out, _("Captured between %s (the client) and %s (the server)."),
                          capture->address[SYNACK_CLIENT], capture->address[SYNACK_SERVER]);
  g_string_append_printf (out, " %s\n",
                          _("Each side's states are inferred from what it sent and received; those the "
                            "capture cannot prove are marked, and segments lost after the capture point "
                            "are inferred from what the sender did next. As a scenario it makes the same "
                            "calls at the same times and loses the same segments."));
  g_string_append_printf (out, "delay = %" G_GINT64_FORMAT "us\n", estimate_delay (trace));
  append_option_switches (out, trace);
  g_string_append_c (out, '\n');

  for (size_t i = 0; i < trace->n_events; i++)
    {
      const SynackEvent *e = &trace->events[i];
      g_autofree char *action = NULL;
      Trigger *trigger;

      note_trigger (triggers, e);
      if (e->type == SYNACK_EVENT_APP)
        action = call_as_action (trace, e);
      if (action == NULL)
        continue;
      /* A call after something the application saw reacts to it, so a
       * what-if that moves that moment moves the call too. */
      trigger = e->conn > 0 ? g_hash_table_lookup (triggers, GUINT_TO_POINTER (e->conn * SYNACK_N_HOSTS + e->host))
                            : NULL;
      if (trigger && e->call != SYNACK_CALL_CONNECT && e->call != SYNACK_CALL_LISTEN)
        g_string_append_printf (out, "when %s %s +%" G_GINT64_FORMAT "us: %s %s\n",
                                synack_host_to_string (e->host), trigger->event, e->t - trigger->t,
                                synack_host_to_string (e->host), action);
      else
        g_string_append_printf (out, "at %" G_GINT64_FORMAT "us %s %s\n", e->t,
                                synack_host_to_string (e->host), action);
    }

  g_string_append_c (out, '\n');
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_LOST)
      append_loss (out, trace, &trace->events[i]);
  return g_string_free (out, FALSE);
}
