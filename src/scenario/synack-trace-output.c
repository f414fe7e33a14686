/* synack-trace-output.c: the trace as JSON (the documented contract) and as
 * text that reads like tcpdump with the state changes in between. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-format.h"
#include "synack-scenario-private.h"

/* A JSON string: at most six bytes for each byte of text, and the quotes. */
static gsize
json_string_room (const char *text)
{
  return 2 + 6 * strlen (text);
}

static char *
put_json_string (char *p, const char *text)
{
  static const char hex[] = "0123456789abcdef";

  *p++ = '"';
  for (const char *t = text; *t; t++)
    {
      unsigned char c = (unsigned char) *t;

      switch (c)
        {
        case '"':  p = SYNACK_PUT_LITERAL (p, "\\\""); break;
        case '\\': p = SYNACK_PUT_LITERAL (p, "\\\\"); break;
        case '\n': p = SYNACK_PUT_LITERAL (p, "\\n"); break;
        case '\t': p = SYNACK_PUT_LITERAL (p, "\\t"); break;
        case '\r': p = SYNACK_PUT_LITERAL (p, "\\r"); break;
        default:
          if (c < 0x20)
            {
              p = SYNACK_PUT_LITERAL (p, "\\u00");
              *p++ = hex[c >> 4];
              *p++ = hex[c & 0xf];
            }
          else
            *p++ = (char) c;
        }
    }
  *p++ = '"';
  return p;
}

static void
append_json_string (GString *out, const char *text)
{
  char *p = synack_format_reserve (out, json_string_room (text) + 1);

  synack_format_commit (out, put_json_string (p, text));
}

/* ", \"key\": " and the number; keys are literals. */
#define PUT_UINT_FIELD(p, key, value) synack_put_uint (SYNACK_PUT_LITERAL (p, ", \"" key "\": "), (value))
#define PUT_INT_FIELD(p, key, value)  synack_put_int (SYNACK_PUT_LITERAL (p, ", \"" key "\": "), (value))

/* The fields of an attack, rare enough to be written the slow way: a
 * forged source address, a SYN cookie, the listener's queues. */
static gboolean
has_attack_fields (const SynackEvent *e)
{
  if (e->type != SYNACK_EVENT_SEND && e->type != SYNACK_EVENT_DELIVER)
    return FALSE;
  return e->hdr.spoofed_addr != 0 || e->cookie.present ||
         (e->type == SYNACK_EVENT_DELIVER && synack_describe_queue_verdict (e->verdict) && e->queues.present);
}

static void
append_attack_fields_json (GString *out, const SynackEvent *e)
{
  const SynackSynCookie *c = &e->cookie;

  if (e->hdr.spoofed_addr != 0)
    {
      char buf[SYNACK_ADDRESS_SIZE];

      g_string_append (out, ", \"forged_addr\": ");
      append_json_string (out, synack_describe_segment_address (NULL, SYNACK_CLIENT, &e->hdr, buf));
    }
  if (c->present)
    g_string_append_printf (out, ", \"syncookie\": {\"valid\": %s, \"count\": %u, \"mss_index\": %u, "
                            "\"mss\": %u, \"hash1\": %u, \"hash2\": %u, \"client_isn\": %u}",
                            c->valid ? "true" : "false", c->count, c->mss_index, c->mss, c->hash1, c->hash2,
                            c->client_isn);
  if (e->type == SYNACK_EVENT_DELIVER && synack_describe_queue_verdict (e->verdict) && e->queues.present)
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
    ", \"timestamps\": %s, \"sack\": %s, \"window_scaling\": %s"
    ", \"rfc1337\": %s, \"keepalive\": \"%s\", \"keepalive_idle_us\": %" G_GINT64_FORMAT
    ", \"keepalive_interval_us\": %" G_GINT64_FORMAT ", \"keepalive_probes\": %d}",
    p->seed, p->msl, synack_params_time_wait (p), p->rto_initial, p->rto_min, p->rto_max,
    p->syn_retries, p->syn_linear_retries, p->synack_retries, p->data_retries,
    p->fin_timeout, p->delayed_ack, p->hz, p->mss, p->window,
    p->timestamps ? "true" : "false", p->sack ? "true" : "false", p->window_scaling ? "true" : "false",
    p->rfc1337 ? "true" : "false",
    p->keepalive == 3 ? "on" : p->keepalive == 1 ? "client" : p->keepalive == 2 ? "server" : "off",
    p->keepalive_idle, p->keepalive_interval, p->keepalive_probes);
}

/* Room for one event's keys and numbers, besides its pieces (below). */
#define EVENT_ROOM 512
/* Room for a segment's options: at most SYNACK_OPTION_ITEMS_MAX items of at
 * most 56 bytes each, and the SACK blocks' numbers. */
#define OPTIONS_ROOM (SYNACK_OPTION_ITEMS_MAX * 56 + SYNACK_SACK_BLOCKS_MAX * 28 + 32)
/* An event has at most this many pieces. */
#define EVENT_PIECES 3

/* The parts of an event that are the same for many events, each written
 * out once as JSON: the keys with the names that follow them, the strings
 * already escaped. An event is then a few copies and its numbers. */
typedef struct {
  char  *text;
  gsize  length;
} Piece;

/* One slot more than there are values of each: the "?" that the names
 * give to a value out of range (see PIECE). */
#define TIMER_ACTIONS 3
typedef struct {
  Piece head[SYNACK_N_EVENT_TYPES + 1][SYNACK_N_HOSTS + 1];  /* , "type": "…", "host": "…", "conn": */
  Piece call[SYNACK_N_CALLS + 1];                           /* , "call": "…" */
  Piece result[SYNACK_N_RESULTS + 1];                       /* , "result": "…" */
  Piece states[SYNACK_N_STATES + 1][SYNACK_N_STATES + 1];   /* , "from": "…", "to": "…", "cause": */
  Piece cause[SYNACK_N_CAUSES + 1];                         /* "…" */
  Piece verdict[SYNACK_N_VERDICTS + 1];                     /* , "verdict": "…" */
  Piece reason[SYNACK_N_LOSS_REASONS + 1];                  /* , "reason": "…" */
  Piece timer[SYNACK_N_TIMERS + 1][TIMER_ACTIONS + 1];      /* , "timer": "…", "action": "…" */
  Piece flags[1u << SYNACK_N_FLAGS];                        /* , "flags": […] */
} JsonPieces;

/* The length of the longest piece, known once they are made. */
static gsize longest_piece;

static Piece
piece_take (char *text)
{
  return (Piece) { text, strlen (text) };
}

static char *
json_string (const char *text)
{
  char *quoted = g_malloc (json_string_room (text) + 1);

  *put_json_string (quoted, text) = '\0';
  return quoted;
}

static Piece
piece_with_string (const char *key, const char *text)
{
  g_autofree char *quoted = json_string (text);

  return piece_take (g_strdup_printf (", \"%s\": %s", key, quoted));
}

static const JsonPieces *
json_pieces (void)
{
  static JsonPieces pieces;
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (int t = 0; t <= SYNACK_N_EVENT_TYPES; t++)
        for (int h = 0; h <= SYNACK_N_HOSTS; h++)
          pieces.head[t][h] = piece_take (g_strdup_printf (", \"type\": \"%s\", \"host\": \"%s\", \"conn\": ",
                                                           synack_event_type_to_string ((SynackEventType) t),
                                                           synack_host_to_string ((SynackHostId) h)));
      for (int c = 0; c <= SYNACK_N_CALLS; c++)
        pieces.call[c] = piece_take (g_strdup_printf (", \"call\": \"%s\"", synack_call_to_string ((SynackCall) c)));
      for (int r = 0; r <= SYNACK_N_RESULTS; r++)
        pieces.result[r] = piece_take (g_strdup_printf (", \"result\": \"%s\"",
                                                        synack_result_to_string ((SynackResult) r)));
      for (int from = 0; from <= SYNACK_N_STATES; from++)
        for (int to = 0; to <= SYNACK_N_STATES; to++)
          pieces.states[from][to] = piece_take (g_strdup_printf (", \"from\": \"%s\", \"to\": \"%s\", \"cause\": ",
                                                                 synack_state_to_string ((SynackState) from),
                                                                 synack_state_to_string ((SynackState) to)));
      for (int c = 0; c <= SYNACK_N_CAUSES; c++)
        pieces.cause[c] = piece_take (json_string (synack_cause_to_string ((SynackCause) c)));
      for (int v = 0; v <= SYNACK_N_VERDICTS; v++)
        pieces.verdict[v] = piece_with_string ("verdict", synack_verdict_to_string ((SynackVerdict) v));
      for (int r = 0; r <= SYNACK_N_LOSS_REASONS; r++)
        pieces.reason[r] = piece_with_string ("reason", synack_loss_reason_to_string ((SynackLossReason) r));
      for (int k = 0; k <= SYNACK_N_TIMERS; k++)
        for (int a = 0; a <= TIMER_ACTIONS; a++)
          pieces.timer[k][a] = piece_take (g_strdup_printf (", \"timer\": \"%s\", \"action\": \"%s\"",
                                                            synack_timer_to_string ((SynackTimerKind) k),
                                                            synack_timer_action_to_string ((SynackTimerAction) a)));
      for (unsigned f = 0; f < G_N_ELEMENTS (pieces.flags); f++)
        {
          g_autofree char *items = synack_describe_flags (f, SYNACK_FLAGS_JSON);

          pieces.flags[f] = piece_take (g_strdup_printf (", \"flags\": [%s]", items));
        }
      for (gsize i = 0; i < sizeof pieces / sizeof (Piece); i++)
        longest_piece = MAX (longest_piece, ((const Piece *) &pieces)[i].length);
      g_once_init_leave (&ready, 1);
    }
  return &pieces;
}

/* The piece of `table` for `value`, or its last for a value out of range. */
#define PIECE(table, value) \
  (&(table)[MIN ((guint) (value), G_N_ELEMENTS (table) - 1)])

static inline char *
put_piece (char *p, const Piece *piece)
{
  return synack_put (p, piece->text, piece->length);
}

/* "options": the segment's options in wire order, NOPs included:
 * [{"kind": "MSS", "value": 1460}, {"kind": "TS", "val": 1, "ecr": 0}, …] */
static char *
put_options_json (char *p, const SynackOptions *options)
{
  SynackOptionKind kinds[SYNACK_OPTION_ITEMS_MAX];
  size_t n = synack_options_layout (options, kinds);

  p = SYNACK_PUT_LITERAL (p, ", \"options\": [");
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        p = SYNACK_PUT_LITERAL (p, ", ");
      p = SYNACK_PUT_LITERAL (p, "{\"kind\": \"");
      p = synack_put_str (p, synack_option_kind_to_string (kinds[i]));
      *p++ = '"';
      switch (kinds[i])
        {
        case SYNACK_OPTION_KIND_MSS:
          p = PUT_UINT_FIELD (p, "value", options->mss);
          break;
        case SYNACK_OPTION_KIND_WSCALE:
          p = PUT_UINT_FIELD (p, "shift", options->wscale);
          break;
        case SYNACK_OPTION_KIND_TIMESTAMPS:
          p = PUT_UINT_FIELD (p, "val", options->tsval);
          p = PUT_UINT_FIELD (p, "ecr", options->tsecr);
          break;
        case SYNACK_OPTION_KIND_SACK:
          p = SYNACK_PUT_LITERAL (p, ", \"blocks\": [");
          for (unsigned b = 0; b < synack_options_sack_blocks_sent (options); b++)
            {
              if (b)
                p = SYNACK_PUT_LITERAL (p, ", ");
              *p++ = '[';
              p = synack_put_uint (p, options->sack[b].start);
              p = SYNACK_PUT_LITERAL (p, ", ");
              p = synack_put_uint (p, options->sack[b].end);
              *p++ = ']';
            }
          *p++ = ']';
          break;
        default:
          break;
        }
      *p++ = '}';
    }
  *p++ = ']';
  return p;
}

static char *
put_event_json (char *p, const JsonPieces *pieces, const SynackEvent *e)
{
  p = synack_put_int (SYNACK_PUT_LITERAL (p, "{\"t_us\": "), e->t);
  /* For "lost" and "duplicate" the host is the sender. */
  p = synack_put_uint (put_piece (p, PIECE (PIECE (pieces->head, e->type)[0], e->host)), e->conn);

  switch (e->type)
    {
    case SYNACK_EVENT_APP:
      p = put_piece (p, PIECE (pieces->call, e->call));
      if (e->result != SYNACK_RESULT_PENDING)
        p = put_piece (p, PIECE (pieces->result, e->result));
      if (e->call == SYNACK_CALL_SEND || e->call == SYNACK_CALL_RECV)
        p = PUT_UINT_FIELD (p, "bytes", e->bytes);
      if (e->call == SYNACK_CALL_LISTEN)
        p = PUT_UINT_FIELD (p, "port", e->port);
      break;

    case SYNACK_EVENT_STATE:
      p = put_piece (put_piece (p, PIECE (PIECE (pieces->states, e->from)[0], e->to)), PIECE (pieces->cause, e->cause));
      if (e->unproven)
        p = SYNACK_PUT_LITERAL (p, ", \"unproven\": true");
      break;

    case SYNACK_EVENT_SEND:
      p = PUT_UINT_FIELD (p, "seg", e->seg);
      p = put_piece (p, &pieces->flags[e->hdr.flags & (G_N_ELEMENTS (pieces->flags) - 1)]);
      p = PUT_UINT_FIELD (p, "seq", e->hdr.seq);
      p = PUT_UINT_FIELD (p, "ack", e->hdr.ack);
      p = PUT_UINT_FIELD (p, "len", e->hdr.len);
      p = PUT_UINT_FIELD (p, "win", e->hdr.win);
      p = PUT_UINT_FIELD (p, "src_port", e->hdr.src_port);
      p = PUT_UINT_FIELD (p, "dst_port", e->hdr.dst_port);
      p = PUT_UINT_FIELD (p, "rexmit", e->rexmit);
      p = PUT_UINT_FIELD (p, "hdr_len", synack_options_header_length (&e->hdr.options));
      p = put_options_json (p, &e->hdr.options);
      break;

    case SYNACK_EVENT_DELIVER:
      p = put_piece (PUT_UINT_FIELD (p, "seg", e->seg), PIECE (pieces->verdict, e->verdict));
      if (e->duplicate)
        p = SYNACK_PUT_LITERAL (p, ", \"duplicate\": true");
      if (e->verdict == SYNACK_VERDICT_STALE_DATA)
        p = PUT_UINT_FIELD (p, "stale_conn", e->stale_conn);
      break;

    case SYNACK_EVENT_LOST:
      p = put_piece (PUT_UINT_FIELD (p, "seg", e->seg), PIECE (pieces->reason, e->loss_reason));
      if (e->duplicate)
        p = SYNACK_PUT_LITERAL (p, ", \"duplicate\": true");
      break;

    case SYNACK_EVENT_DUPLICATE:
      p = PUT_UINT_FIELD (p, "seg", e->seg);
      p = PUT_INT_FIELD (p, "copy_arrives_us", e->copy_arrives);
      break;

    case SYNACK_EVENT_TIMER:
      p = put_piece (p, PIECE (PIECE (pieces->timer, e->timer)[0], e->action));
      if (e->action == SYNACK_TIMER_START)
        {
          p = PUT_INT_FIELD (p, "expires_us", e->expires);
          p = PUT_INT_FIELD (p, "duration_us", e->duration);
        }
      break;

    case SYNACK_N_EVENT_TYPES:
      break;
    }
  *p++ = '}';
  return p;
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
  char *p = synack_format_reserve (out, 256);

  if (!first)
    *p++ = ',';
  p = synack_put_uint (SYNACK_PUT_LITERAL (p, "\n    {\"conn\": "), c->conn);
  p = PUT_UINT_FIELD (p, "client_port", c->client_port);
  p = PUT_UINT_FIELD (p, "server_port", c->server_port);
  p = PUT_UINT_FIELD (p, "client_iss", c->client_iss);
  if (c->server_iss_known)
    p = PUT_UINT_FIELD (p, "server_iss", c->server_iss);
  *p++ = '}';
  synack_format_commit (out, p);
}

void
synack_trace_append_json_events_open (GString *out, gboolean any_conns)
{
  g_string_append (out, any_conns ? "\n  ],\n  \"events\": [" : "],\n  \"events\": [");
}

void
synack_trace_append_json_event (GString *out, const SynackEvent *event, gboolean first)
{
  const JsonPieces *pieces = json_pieces ();
  char *p = synack_format_reserve (out, EVENT_ROOM + OPTIONS_ROOM + EVENT_PIECES * longest_piece);

  p = first ? SYNACK_PUT_LITERAL (p, "\n    ") : SYNACK_PUT_LITERAL (p, ",\n    ");
  p = put_event_json (p, pieces, event);
  if (G_UNLIKELY (has_attack_fields (event)))
    {
      synack_format_commit (out, p - 1);  /* back over the closing brace */
      append_attack_fields_json (out, event);
      g_string_append_c (out, '}');
      return;
    }
  synack_format_commit (out, p);
}

void
synack_trace_append_json_events_close (GString *out, gboolean any_events)
{
  g_string_append (out, any_events ? "\n  ],\n  \"census\": " : "],\n  \"census\": ");
}

void
synack_trace_append_json_tail (GString *out, SynackTime end_time)
{
  g_string_append_printf (out, ",\n  \"end_us\": %" G_GINT64_FORMAT "\n}\n", end_time);
}

/* The number writers, for the census's JSON and CSV. */
void
synack_json_append_string (GString *out, const char *text)
{
  append_json_string (out, text);
}

void
synack_json_append_uint (GString *out, guint64 value)
{
  synack_format_commit (out, synack_put_uint (synack_format_reserve (out, 24), value));
}

void
synack_json_append_int (GString *out, gint64 value)
{
  synack_format_commit (out, synack_put_int (synack_format_reserve (out, 24), value));
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
  synack_trace_append_json_events_close (out, trace->n_events > 0);
  synack_trace_append_json_census (out, trace);
  synack_trace_append_json_tail (out, trace->end_time);
  return g_string_free (out, FALSE);
}

/* ---- Text --------------------------------------------------------------- */

/* The 32 flag sets the way tcpdump spells them, made once by describe. */
static const char *
flags_tcpdump (unsigned flags)
{
  static char *spellings[1u << SYNACK_N_FLAGS];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (unsigned f = 0; f < G_N_ELEMENTS (spellings); f++)
        spellings[f] = synack_describe_flags (f, SYNACK_FLAGS_TCPDUMP);
      g_once_init_leave (&ready, 1);
    }
  return spellings[flags & (G_N_ELEMENTS (spellings) - 1)];
}

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
  char from_buf[SYNACK_ADDRESS_SIZE], to_buf[SYNACK_ADDRESS_SIZE];
  /* Addresses are at most 47 bytes, flags 5: the rest is numbers. */
  char *p = synack_format_reserve (out, 256);

  p = synack_put_str (p, synack_describe_segment_address (trace, from, h, from_buf));
  *p++ = '.';
  p = synack_put_uint (p, h->src_port);
  p = SYNACK_PUT_LITERAL (p, " > ");
  p = synack_put_str (p, synack_describe_segment_address (trace, to, h, to_buf));
  *p++ = '.';
  p = synack_put_uint (p, h->dst_port);
  p = SYNACK_PUT_LITERAL (p, ": Flags [");
  p = synack_put_str (p, flags_tcpdump (h->flags));
  p = synack_put_uint (SYNACK_PUT_LITERAL (p, "], seq "), h->seq);
  if (h->flags & SYNACK_FLAG_ACK)
    p = synack_put_uint (SYNACK_PUT_LITERAL (p, ", ack "), h->ack);
  p = synack_put_uint (SYNACK_PUT_LITERAL (p, ", win "), h->win);
  synack_format_commit (out, p);
  if (h->options.present)
    {
      g_autofree char *options = synack_describe_options (&h->options);

      g_string_append (out, ", options [");
      g_string_append (out, options);
      g_string_append_c (out, ']');
    }
  synack_format_commit (out, synack_put_uint (SYNACK_PUT_LITERAL (synack_format_reserve (out, 32), ", length "), h->len));
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
        char until[SYNACK_SECONDS_BUF_SIZE];

        synack_describe_seconds_into (until, e->expires);
        /* TRANSLATORS: host, connection, timer, its length, the time it expires */
        synack_format_append (out, _("%-6s conn %u  timer %s start (%s, until %s)"),
                               host, e->conn, timer, length, until);
      }
      break;
    case SYNACK_TIMER_STOP:
      synack_format_append (out, _("%-6s conn %u  timer %s stop"), host, e->conn, timer);
      break;
    case SYNACK_TIMER_EXPIRE:
      synack_format_append (out, _("%-6s conn %u  timer %s expire"), host, e->conn, timer);
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
  char at[SYNACK_SECONDS_BUF_SIZE];
  gsize at_length = synack_describe_seconds_into (at, e->t);
  char *p = synack_format_reserve (out, 16 + at_length);

  /* "%11s  " */
  for (gsize n = at_length; n < 11; n++)
    *p++ = ' ';
  p = synack_put (p, at, at_length);
  synack_format_commit (out, SYNACK_PUT_LITERAL (p, "  "));
  switch (e->type)
    {
    case SYNACK_EVENT_APP:
      synack_format_append (out, _("%-6s conn %u  %s()"), host, e->conn, synack_call_to_string (e->call));
      if (e->call == SYNACK_CALL_SEND || (e->call == SYNACK_CALL_RECV && e->bytes))
        synack_format_append (out, _(" %llu bytes"), (unsigned long long) e->bytes);
      if (e->result != SYNACK_RESULT_PENDING)
        synack_format_append (out, " = %s", e->result == SYNACK_RESULT_OK ? C_("result", "ok")
                                             : synack_result_to_string (e->result));
      break;
    case SYNACK_EVENT_STATE:
      synack_format_append (out, _("%-6s conn %u  %s -> %s (%s)"), host, e->conn,
                             synack_state_to_string (e->from), synack_state_to_string (e->to),
                             _(synack_cause_to_string (e->cause)));
      if (e->unproven)
        g_string_append (out, _(" [not proven by the capture]"));
      break;
    case SYNACK_EVENT_SEND:
      synack_format_append (out, "#%-4u IP ", e->seg);
      append_segment_text (out, trace, e->host, &e->hdr);
      if (e->rexmit)
        synack_format_append (out, _(" (retransmission %u)"), e->rexmit);
      break;
    case SYNACK_EVENT_DELIVER:
      /* TRANSLATORS: segment number, host, " (network duplicate)" or nothing, verdict */
      synack_format_append (out, _("#%-4u arrives at %s%s: %s"), e->seg, host, copy,
                             _(synack_verdict_to_string (e->verdict)));
      if (e->verdict == SYNACK_VERDICT_STALE_DATA)
        synack_format_append (out, _(" (bytes of connection %u)"), e->stale_conn);
      append_queues_text (out, e);
      break;
    case SYNACK_EVENT_LOST:
      synack_format_append (out, _("#%-4u LOST (%s)%s"), e->seg,
                             _(synack_loss_reason_to_string (e->loss_reason)), copy);
      break;
    case SYNACK_EVENT_DUPLICATE:
      {
        g_autofree char *arrives = synack_describe_time (e->copy_arrives, SYNACK_TIME_SECONDS);
        synack_format_append (out, _("#%-4u duplicated by the network, copy arrives at %s"),
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
