/* synack-trace-output.c: the trace as JSON (the documented contract) and as
 * text that reads like tcpdump with the state changes in between. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-scenario-private.h"

static void
append_json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* A decimal number: printf would cost more than the rest of an event, and
 * a long trace has millions of them. */
static void
append_uint (GString *out, guint64 value)
{
  char digits[24];
  size_t n = sizeof digits;

  do
    digits[--n] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  g_string_append_len (out, digits + n, (gssize) (sizeof digits - n));
}

static void
append_int (GString *out, gint64 value)
{
  if (value < 0)
    {
      g_string_append_c (out, '-');
      append_uint (out, (guint64) 0 - (guint64) value);
    }
  else
    append_uint (out, (guint64) value);
}

/* ", \"key\": " and the number. */
static void
append_field_uint (GString *out, const char *key, guint64 value)
{
  g_string_append (out, ", \"");
  g_string_append (out, key);
  g_string_append (out, "\": ");
  append_uint (out, value);
}

static void
append_field_int (GString *out, const char *key, gint64 value)
{
  g_string_append (out, ", \"");
  g_string_append (out, key);
  g_string_append (out, "\": ");
  append_int (out, value);
}

/* ", \"key\": \"word\"" for a word that needs no escaping (a name from
 * synack-names.c). */
static void
append_field_word (GString *out, const char *key, const char *word)
{
  g_string_append (out, ", \"");
  g_string_append (out, key);
  g_string_append (out, "\": \"");
  g_string_append (out, word);
  g_string_append_c (out, '"');
}

/* A forged address on a segment, and the SYN cookie it carries. */
static void
append_json_forged_and_cookie (GString *out, const SynackEvent *e)
{
  const SynackSynCookie *c = &e->cookie;

  if (e->hdr.spoofed_addr != 0)
    {
      char buf[SYNACK_ADDRESS_SIZE];

      append_field_word (out, "forged_addr",
                         synack_describe_segment_address (NULL, SYNACK_CLIENT, &e->hdr, buf));
    }
  if (!c->present)
    return;
  g_string_append_printf (out, ", \"syncookie\": {\"valid\": %s, \"count\": %u, \"mss_index\": %u, "
                          "\"mss\": %u, \"hash1\": %u, \"hash2\": %u, \"client_isn\": %u}",
                          c->valid ? "true" : "false", c->count, c->mss_index, c->mss, c->hash1, c->hash2,
                          c->client_isn);
}

/* The 32 flag sets as JSON lists, spelled once by describe. */
static const char *
flags_json (unsigned flags)
{
  static char *lists[1u << SYNACK_N_FLAGS];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (unsigned f = 0; f < G_N_ELEMENTS (lists); f++)
        {
          g_autofree char *items = synack_describe_flags (f, SYNACK_FLAGS_JSON);

          lists[f] = g_strdup_printf ("[%s]", items);
        }
      g_once_init_leave (&ready, 1);
    }
  return lists[flags & (G_N_ELEMENTS (lists) - 1)];
}

static void
append_params_json (GString *out, const SynackParams *p)
{
  g_string_append_printf (out,
    "{\"profile\": \"%s\", \"delay_us\": %" G_GINT64_FORMAT
    ", \"delay_c2s_us\": %" G_GINT64_FORMAT ", \"delay_s2c_us\": %" G_GINT64_FORMAT,
    synack_profile_to_string (p->profile),
    p->delay[SYNACK_C2S], p->delay[SYNACK_C2S], p->delay[SYNACK_S2C]);
  /* %g would print locale decimal commas; GLib's formatter never does. */
  {
    char buf[3][G_ASCII_DTOSTR_BUF_SIZE];

    g_string_append_printf (out, ", \"loss\": %s, \"loss_c2s\": %s, \"loss_s2c\": %s",
                            g_ascii_dtostr (buf[0], sizeof buf[0], p->loss[SYNACK_C2S]),
                            g_ascii_dtostr (buf[1], sizeof buf[1], p->loss[SYNACK_C2S]),
                            g_ascii_dtostr (buf[2], sizeof buf[2], p->loss[SYNACK_S2C]));
  }
  g_string_append_printf (out,
    ", \"seed\": %" G_GUINT64_FORMAT ", \"msl_us\": %" G_GINT64_FORMAT
    ", \"time_wait_us\": %" G_GINT64_FORMAT
    ", \"rto_initial_us\": %" G_GINT64_FORMAT ", \"rto_min_us\": %" G_GINT64_FORMAT
    ", \"rto_max_us\": %" G_GINT64_FORMAT ", \"syn_retries\": %d, \"syn_linear_retries\": %d"
    ", \"synack_retries\": %d, \"data_retries\": %d, \"fin_timeout_us\": %" G_GINT64_FORMAT
    ", \"delayed_ack_us\": %" G_GINT64_FORMAT ", \"hz\": %u, \"mss\": %u, \"window\": %u"
    ", \"rfc1337\": %s, \"keepalive\": \"%s\", \"keepalive_idle_us\": %" G_GINT64_FORMAT
    ", \"keepalive_interval_us\": %" G_GINT64_FORMAT ", \"keepalive_probes\": %d}",
    p->seed, p->msl, synack_params_time_wait (p), p->rto_initial, p->rto_min, p->rto_max,
    p->syn_retries, p->syn_linear_retries, p->synack_retries, p->data_retries,
    p->fin_timeout, p->delayed_ack, p->hz, p->mss, p->window, p->rfc1337 ? "true" : "false",
    p->keepalive == 3 ? "on" : p->keepalive == 1 ? "client" : p->keepalive == 2 ? "server" : "off",
    p->keepalive_idle, p->keepalive_interval, p->keepalive_probes);
}

static void
append_event_json (GString *out, const SynackEvent *e)
{
  g_string_append (out, "{\"t_us\": ");
  append_int (out, e->t);
  append_field_word (out, "type", synack_event_type_to_string (e->type));
  /* For "lost" and "duplicate" the host is the sender. */
  append_field_word (out, "host", synack_host_to_string (e->host));
  append_field_uint (out, "conn", e->conn);

  switch (e->type)
    {
    case SYNACK_EVENT_APP:
      append_field_word (out, "call", synack_call_to_string (e->call));
      if (e->result != SYNACK_RESULT_PENDING)
        append_field_word (out, "result", synack_result_to_string (e->result));
      if (e->call == SYNACK_CALL_SEND || e->call == SYNACK_CALL_RECV)
        append_field_uint (out, "bytes", e->bytes);
      if (e->call == SYNACK_CALL_LISTEN)
        append_field_uint (out, "port", e->port);
      break;

    case SYNACK_EVENT_STATE:
      append_field_word (out, "from", synack_state_to_string (e->from));
      append_field_word (out, "to", synack_state_to_string (e->to));
      g_string_append (out, ", \"cause\": ");
      append_json_string (out, synack_cause_to_string (e->cause));
      if (e->unproven)
        g_string_append (out, ", \"unproven\": true");
      break;

    case SYNACK_EVENT_SEND:
      append_field_uint (out, "seg", e->seg);
      g_string_append (out, ", \"flags\": ");
      g_string_append (out, flags_json (e->hdr.flags));
      append_field_uint (out, "seq", e->hdr.seq);
      append_field_uint (out, "ack", e->hdr.ack);
      append_field_uint (out, "len", e->hdr.len);
      append_field_uint (out, "win", e->hdr.win);
      append_field_uint (out, "src_port", e->hdr.src_port);
      append_field_uint (out, "dst_port", e->hdr.dst_port);
      append_field_uint (out, "rexmit", e->rexmit);
      append_json_forged_and_cookie (out, e);
      break;

    case SYNACK_EVENT_DELIVER:
      append_field_uint (out, "seg", e->seg);
      g_string_append (out, ", \"verdict\": ");
      append_json_string (out, synack_verdict_to_string (e->verdict));
      if (e->duplicate)
        g_string_append (out, ", \"duplicate\": true");
      if (e->verdict == SYNACK_VERDICT_STALE_DATA)
        append_field_uint (out, "stale_conn", e->stale_conn);
      append_json_forged_and_cookie (out, e);
      if (synack_describe_queue_verdict (e->verdict) && e->queues.present)
        {
          g_string_append_printf (out, ", \"queues\": {\"syn\": %u, \"accept\": %u, \"backlog\": %u}",
                                  e->queues.syn_queue, e->queues.accept_queue, e->queues.backlog);
          if (e->queues.flood_warning)
            {
              g_autofree char *log = synack_describe_flood_log (e);

              g_string_append (out, ", \"kernel_log\": ");
              append_json_string (out, log);
            }
        }
      break;

    case SYNACK_EVENT_LOST:
      append_field_uint (out, "seg", e->seg);
      g_string_append (out, ", \"reason\": ");
      append_json_string (out, synack_loss_reason_to_string (e->loss_reason));
      if (e->duplicate)
        g_string_append (out, ", \"duplicate\": true");
      break;

    case SYNACK_EVENT_DUPLICATE:
      append_field_uint (out, "seg", e->seg);
      append_field_int (out, "copy_arrives_us", e->copy_arrives);
      break;

    case SYNACK_EVENT_TIMER:
      append_field_word (out, "timer", synack_timer_to_string (e->timer));
      append_field_word (out, "action", synack_timer_action_to_string (e->action));
      if (e->action == SYNACK_TIMER_START)
        {
          append_field_int (out, "expires_us", e->expires);
          append_field_int (out, "duration_us", e->duration);
        }
      break;

    case SYNACK_N_EVENT_TYPES:
      break;
    }
  g_string_append_c (out, '}');
}

void
synack_trace_append_json_head (GString *out, const SynackTrace *trace, const SynackScenario *scenario)
{
  g_string_append (out, "{\n  \"format\": \"synack-trace\", \"version\": 1,\n  \"scenario\": ");
  append_json_string (out, synack_scenario_get_name (scenario));
  g_string_append (out, ",\n  \"title\": ");
  append_json_string (out, synack_scenario_get_untranslated_title (scenario));
  g_string_append (out, ",\n  \"params\": ");
  append_params_json (out, &synack_scenario_get_script (scenario)->params);
  g_string_append_printf (out, ",\n  \"addresses\": {\"client\": \"%s\", \"server\": \"%s\"}",
                          synack_describe_host_address (trace, SYNACK_CLIENT),
                          synack_describe_host_address (trace, SYNACK_SERVER));
  g_string_append (out, ",\n  \"connections\": [");
}

void
synack_trace_append_json_conn (GString *out, const SynackConnInfo *c, gboolean first)
{
  g_string_append_printf (out, "%s\n    {\"conn\": %u, \"client_port\": %u, \"server_port\": %u"
                          ", \"client_iss\": %u",
                          first ? "" : ",", c->conn, c->client_port, c->server_port, c->client_iss);
  if (c->server_iss_known)
    g_string_append_printf (out, ", \"server_iss\": %u", c->server_iss);
  g_string_append_c (out, '}');
}

void
synack_trace_append_json_events_open (GString *out, gboolean any_conns)
{
  g_string_append (out, any_conns ? "\n  ],\n  \"events\": [" : "],\n  \"events\": [");
}

void
synack_trace_append_json_event (GString *out, const SynackEvent *event, gboolean first)
{
  g_string_append (out, first ? "\n    " : ",\n    ");
  append_event_json (out, event);
}

void
synack_trace_append_json_tail (GString *out, gboolean any_events, SynackTime end_time)
{
  g_string_append_printf (out, "%s],\n  \"end_us\": %" G_GINT64_FORMAT "\n}\n",
                          any_events ? "\n  " : "", end_time);
}

char *
synack_trace_to_json (const SynackTrace *trace, const SynackScenario *scenario)
{
  GString *out = g_string_sized_new (256 + trace->n_events * 160);

  synack_trace_append_json_head (out, trace, scenario);
  for (size_t i = 0; i < trace->n_conns; i++)
    synack_trace_append_json_conn (out, &trace->conns[i], i == 0);
  synack_trace_append_json_events_open (out, trace->n_conns > 0);
  for (size_t i = 0; i < trace->n_events; i++)
    synack_trace_append_json_event (out, &trace->events[i], i == 0);
  synack_trace_append_json_tail (out, trace->n_events > 0, trace->end_time);
  return g_string_free (out, FALSE);
}

/* ---- Text --------------------------------------------------------------- */

/* A listener's queues after a segment the queues decided about. */
static void
append_queues_text (GString *out, const SynackEvent *e)
{
  if (!synack_describe_queue_verdict (e->verdict) || !e->queues.present)
    return;
  /* TRANSLATORS: the listener's SYN queue and accept queue lengths, each against the backlog */
  g_string_append_printf (out, _(" (SYN queue %u, accept queue %u, backlog %u)"),
                          e->queues.syn_queue, e->queues.accept_queue, e->queues.backlog);
  if (e->queues.flood_warning)
    {
      g_autofree char *log = synack_describe_flood_log (e);

      /* TRANSLATORS: what the kernel logs, quoted in English */
      g_string_append_printf (out, _("; the kernel logs \"%s\""), log);
    }
}

/* A segment the way tcpdump prints it. */
static void
append_segment_text (GString *out, const SynackTrace *trace, SynackHostId from, const SynackHeader *h)
{
  SynackHostId to = from == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  g_autofree char *flags = synack_describe_flags (h->flags, SYNACK_FLAGS_TCPDUMP);
  char from_buf[SYNACK_ADDRESS_SIZE], to_buf[SYNACK_ADDRESS_SIZE];

  g_string_append_printf (out, "%s.%u > %s.%u: Flags [%s]",
                          synack_describe_segment_address (trace, from, h, from_buf), h->src_port,
                          synack_describe_segment_address (trace, to, h, to_buf), h->dst_port, flags);
  g_string_append_printf (out, ", seq %u", h->seq);
  if (h->flags & SYNACK_FLAG_ACK)
    g_string_append_printf (out, ", ack %u", h->ack);
  g_string_append_printf (out, ", win %u, length %u", h->win, h->len);
}

static const char *
host_text (SynackHostId host)
{
  return host == SYNACK_CLIENT ? C_("host", "client") : C_("host", "server");
}

static void
append_timer_text (GString *out, const SynackEvent *e, const char *host)
{
  const char *timer = synack_describe_timer_kind (e->timer);

  switch (e->action)
    {
    case SYNACK_TIMER_START:
      {
        g_autofree char *length = synack_describe_time (e->duration, SYNACK_TIME_BRIEF);
        g_autofree char *until = synack_describe_time (e->expires, SYNACK_TIME_SECONDS);
        /* TRANSLATORS: host, connection, timer, its length, the time it expires */
        g_string_append_printf (out, _("%-6s conn %u  timer %s start (%s, until %s)"),
                                host, e->conn, timer, length, until);
      }
      break;
    case SYNACK_TIMER_STOP:
      g_string_append_printf (out, _("%-6s conn %u  timer %s stop"), host, e->conn, timer);
      break;
    case SYNACK_TIMER_EXPIRE:
      g_string_append_printf (out, _("%-6s conn %u  timer %s expire"), host, e->conn, timer);
      break;
    }
}

void
synack_trace_append_text_head (GString *out, const SynackScenario *scenario)
{
  const SynackParams *p = &synack_scenario_get_script (scenario)->params;
  g_autofree char *delay = synack_describe_time (p->delay[SYNACK_C2S], SYNACK_TIME_BRIEF);
  g_autofree char *time_wait = synack_describe_time (synack_params_time_wait (p), SYNACK_TIME_BRIEF);

  g_string_append_printf (out, "# %s: %s\n", synack_scenario_get_name (scenario),
                          synack_scenario_get_title (scenario));
  g_string_append_printf (out, _("# profile %s, delay %s, TIME_WAIT %s, seed %llu\n"),
                          synack_profile_to_string (p->profile), delay, time_wait,
                          (unsigned long long) p->seed);
}

void
synack_trace_append_text_event (GString *out, const SynackTrace *trace, const SynackEvent *e)
{
  const char *host = host_text (e->host);
  /* Only a segment's events own the duplicate flag. */
  gboolean segment = e->type == SYNACK_EVENT_SEND || e->type == SYNACK_EVENT_DELIVER ||
                     e->type == SYNACK_EVENT_LOST || e->type == SYNACK_EVENT_DUPLICATE;
  const char *copy = segment && e->duplicate ? _(" (network duplicate)") : "";
  g_autofree char *at = synack_describe_time (e->t, SYNACK_TIME_SECONDS);

  g_string_append_printf (out, "%11s  ", at);
  switch (e->type)
    {
    case SYNACK_EVENT_APP:
      g_string_append_printf (out, _("%-6s conn %u  %s()"), host, e->conn, synack_call_to_string (e->call));
      if (e->call == SYNACK_CALL_SEND || (e->call == SYNACK_CALL_RECV && e->bytes))
        g_string_append_printf (out, _(" %llu bytes"), (unsigned long long) e->bytes);
      if (e->result != SYNACK_RESULT_PENDING)
        g_string_append_printf (out, " = %s", e->result == SYNACK_RESULT_OK ? C_("result", "ok")
                                              : synack_result_to_string (e->result));
      break;
    case SYNACK_EVENT_STATE:
      g_string_append_printf (out, _("%-6s conn %u  %s -> %s (%s)"), host, e->conn,
                              synack_state_to_string (e->from), synack_state_to_string (e->to),
                              _(synack_cause_to_string (e->cause)));
      if (e->unproven)
        g_string_append (out, _(" [not proven by the capture]"));
      break;
    case SYNACK_EVENT_SEND:
      g_string_append_printf (out, "#%-4u IP ", e->seg);
      append_segment_text (out, trace, e->host, &e->hdr);
      if (e->rexmit)
        g_string_append_printf (out, _(" (retransmission %u)"), e->rexmit);
      break;
    case SYNACK_EVENT_DELIVER:
      /* TRANSLATORS: segment number, host, " (network duplicate)" or nothing, verdict */
      g_string_append_printf (out, _("#%-4u arrives at %s%s: %s"), e->seg, host, copy,
                              _(synack_verdict_to_string (e->verdict)));
      if (e->verdict == SYNACK_VERDICT_STALE_DATA)
        g_string_append_printf (out, _(" (bytes of connection %u)"), e->stale_conn);
      append_queues_text (out, e);
      break;
    case SYNACK_EVENT_LOST:
      g_string_append_printf (out, _("#%-4u LOST (%s)%s"), e->seg,
                              _(synack_loss_reason_to_string (e->loss_reason)), copy);
      break;
    case SYNACK_EVENT_DUPLICATE:
      {
        g_autofree char *arrives = synack_describe_time (e->copy_arrives, SYNACK_TIME_SECONDS);
        g_string_append_printf (out, _("#%-4u duplicated by the network, copy arrives at %s"),
                                e->seg, arrives);
      }
      break;
    case SYNACK_EVENT_TIMER:
      append_timer_text (out, e, host);
      break;
    case SYNACK_N_EVENT_TYPES:
      break;
    }
  g_string_append_c (out, '\n');
}

static char *
trace_to_text (const SynackTrace *trace, const SynackScenario *scenario, gboolean narrate)
{
  GString *out = g_string_new (NULL);

  synack_trace_append_text_head (out, scenario);
  for (size_t i = 0; i < trace->n_events; i++)
    {
      synack_trace_append_text_event (out, trace, &trace->events[i]);
      if (narrate)
        {
          g_autofree char *sentence = synack_describe_sentence (trace, (long) i);

          /* Under the event, indented past the time column. */
          if (sentence != NULL && *sentence != '\0')
            g_string_append_printf (out, "%13s%s\n", "", sentence);
        }
    }
  return g_string_free (out, FALSE);
}

char *
synack_trace_to_text (const SynackTrace *trace, const SynackScenario *scenario)
{
  return trace_to_text (trace, scenario, FALSE);
}

char *
synack_trace_to_narrated_text (const SynackTrace *trace, const SynackScenario *scenario)
{
  return trace_to_text (trace, scenario, TRUE);
}
