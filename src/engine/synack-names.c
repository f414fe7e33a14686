/* synack-names.c: the stable spellings of every enum, as traces and files use them. */
#include <stdio.h>
#include <string.h>

#include "synack-script.h"
#include "synack-trace.h"

/* Marks the prose spellings for translation; the layers above translate them
 * where people read them (JSON keeps them as they are). */
#define N_(text) text

#define NAME_OF(table, value) \
  (((unsigned) (value) < sizeof (table) / sizeof (table[0]) && table[value]) ? table[value] : "?")

static const char *const host_names[] = { "client", "server" };

static const char *const state_names[SYNACK_N_STATES] = {
  [SYNACK_STATE_CLOSED]       = "CLOSED",
  [SYNACK_STATE_LISTEN]       = "LISTEN",
  [SYNACK_STATE_SYN_SENT]     = "SYN_SENT",
  [SYNACK_STATE_SYN_RECEIVED] = "SYN_RECEIVED",
  [SYNACK_STATE_ESTABLISHED]  = "ESTABLISHED",
  [SYNACK_STATE_FIN_WAIT_1]   = "FIN_WAIT_1",
  [SYNACK_STATE_FIN_WAIT_2]   = "FIN_WAIT_2",
  [SYNACK_STATE_CLOSE_WAIT]   = "CLOSE_WAIT",
  [SYNACK_STATE_CLOSING]      = "CLOSING",
  [SYNACK_STATE_LAST_ACK]     = "LAST_ACK",
  [SYNACK_STATE_TIME_WAIT]    = "TIME_WAIT",
};

static const char *const timer_names[SYNACK_N_TIMERS] = {
  [SYNACK_TIMER_RETRANSMIT]  = "retransmit",
  [SYNACK_TIMER_DELAYED_ACK] = "delayed-ack",
  [SYNACK_TIMER_KEEPALIVE]   = "keepalive",
  [SYNACK_TIMER_FIN_WAIT_2]  = "fin-wait-2",
  [SYNACK_TIMER_TIME_WAIT]   = "time-wait",
};

static const char *const timer_action_names[] = { "start", "stop", "expire" };

static const char *const profile_names[] = { "linux", "rfc9293" };

static const char *const call_names[SYNACK_N_CALLS] = {
  [SYNACK_CALL_LISTEN]         = "listen",
  [SYNACK_CALL_CONNECT]        = "connect",
  [SYNACK_CALL_ACCEPT]         = "accept",
  [SYNACK_CALL_SEND]           = "send",
  [SYNACK_CALL_RECV]           = "recv",
  [SYNACK_CALL_SHUTDOWN_WRITE] = "shutdown",
  [SYNACK_CALL_CLOSE]          = "close",
  [SYNACK_CALL_ABORT]          = "abort",
  [SYNACK_CALL_READ_OFF]       = "read-off",
  [SYNACK_CALL_READ_ON]        = "read-on",
  [SYNACK_CALL_CRASH]          = "crash",
  [SYNACK_CALL_UNPLUG]         = "unplug",
  [SYNACK_CALL_PLUG]           = "plug",
};

static const char *const result_names[SYNACK_N_RESULTS] = {
  [SYNACK_RESULT_PENDING]       = "pending",
  [SYNACK_RESULT_OK]            = "ok",
  [SYNACK_RESULT_EOF]           = "EOF",
  [SYNACK_RESULT_ECONNREFUSED]  = "ECONNREFUSED",
  [SYNACK_RESULT_ETIMEDOUT]     = "ETIMEDOUT",
  [SYNACK_RESULT_ECONNRESET]    = "ECONNRESET",
  [SYNACK_RESULT_EADDRINUSE]    = "EADDRINUSE",
  [SYNACK_RESULT_EADDRNOTAVAIL] = "EADDRNOTAVAIL",
  [SYNACK_RESULT_EPIPE]         = "EPIPE",
  [SYNACK_RESULT_ENOTCONN]      = "ENOTCONN",
  [SYNACK_RESULT_EISCONN]       = "EISCONN",
};

static const char *const event_type_names[SYNACK_N_EVENT_TYPES] = {
  [SYNACK_EVENT_APP]       = "app",
  [SYNACK_EVENT_STATE]     = "state",
  [SYNACK_EVENT_SEND]      = "send",
  [SYNACK_EVENT_DELIVER]   = "deliver",
  [SYNACK_EVENT_LOST]      = "lost",
  [SYNACK_EVENT_DUPLICATE] = "duplicate",
  [SYNACK_EVENT_TIMER]     = "timer",
};

static const char *const cause_names[SYNACK_N_CAUSES] = {
  [SYNACK_CAUSE_LISTEN_CALL]         = "listen()",
  [SYNACK_CAUSE_CONNECT_CALL]        = "connect()",
  [SYNACK_CAUSE_CLOSE_CALL]          = "close()",
  [SYNACK_CAUSE_SHUTDOWN_CALL]       = "shutdown(SHUT_WR)",
  [SYNACK_CAUSE_ABORT_CALL]          = N_("abort"),
  [SYNACK_CAUSE_CRASH]               = N_("host crashed"),
  [SYNACK_CAUSE_SYN_RECEIVED]        = N_("SYN received"),
  [SYNACK_CAUSE_SYN_ACK_RECEIVED]    = N_("SYN-ACK received"),
  [SYNACK_CAUSE_ACK_RECEIVED]        = N_("ACK received"),
  [SYNACK_CAUSE_FIN_RECEIVED]        = N_("FIN received"),
  [SYNACK_CAUSE_FIN_ACK_RECEIVED]    = N_("FIN and ACK of FIN received"),
  [SYNACK_CAUSE_RST_RECEIVED]        = N_("RST received"),
  [SYNACK_CAUSE_TIME_WAIT_EXPIRED]   = N_("TIME_WAIT expired"),
  [SYNACK_CAUSE_FIN_WAIT_2_EXPIRED]  = N_("FIN_WAIT_2 timeout"),
  [SYNACK_CAUSE_RETRIES_EXHAUSTED]   = N_("retransmissions exhausted"),
  [SYNACK_CAUSE_KEEPALIVE_EXHAUSTED] = N_("keep-alive probes unanswered"),
  [SYNACK_CAUSE_DATA_AFTER_CLOSE]    = N_("data after close()"),
  [SYNACK_CAUSE_UNREAD_DATA]         = N_("close() with unread data"),
  [SYNACK_CAUSE_NEW_SYN]             = N_("new SYN for the same 4-tuple"),
  [SYNACK_CAUSE_TIME_WAIT_OVERFLOW]  = N_("time wait bucket table overflow"),
  [SYNACK_CAUSE_SYN_COOKIE]          = N_("valid SYN cookie"),
  [SYNACK_CAUSE_ACCEPT_QUEUE_FULL]   = N_("accept queue full"),
  [SYNACK_CAUSE_TWO_WAY]             = N_("SYN-ACK sent (two-way handshake)"),
};

static const char *const verdict_names[SYNACK_N_VERDICTS] = {
  [SYNACK_VERDICT_ACCEPTED]      = N_("accepted"),
  [SYNACK_VERDICT_NO_SOCKET]     = N_("no socket"),
  [SYNACK_VERDICT_UNACCEPTABLE]  = N_("not acceptable"),
  [SYNACK_VERDICT_BAD_ACK]       = N_("bad ACK"),
  [SYNACK_VERDICT_NO_ACK]        = N_("no ACK bit"),
  [SYNACK_VERDICT_IGNORED]       = N_("ignored"),
  [SYNACK_VERDICT_CHALLENGE_ACK] = N_("challenge ACK"),
  [SYNACK_VERDICT_RESET]         = N_("reset"),
  [SYNACK_VERDICT_STALE_DATA]    = N_("stale data accepted"),
  [SYNACK_VERDICT_UNREACHABLE]   = N_("host unplugged"),
  [SYNACK_VERDICT_PAWS]          = N_("old timestamp (PAWS)"),
  [SYNACK_VERDICT_OUT_OF_ORDER]  = N_("held out of order"),
  [SYNACK_VERDICT_SYN_QUEUE_FULL]    = N_("SYN queue full"),
  [SYNACK_VERDICT_ACCEPT_QUEUE_FULL] = N_("accept queue full"),
  [SYNACK_VERDICT_ACCEPT_QUEUE_RESET] = N_("accept queue full: reset"),
  [SYNACK_VERDICT_SYN_COOKIE_SENT]   = N_("answered with a SYN cookie"),
  [SYNACK_VERDICT_SYN_COOKIE_VALID]  = N_("valid SYN cookie"),
};

static const char *const loss_reason_names[SYNACK_N_LOSS_REASONS] = {
  [SYNACK_LOSS_RANDOM]    = N_("random loss"),
  [SYNACK_LOSS_SCRIPTED]  = N_("scripted loss"),
  [SYNACK_LOSS_UNPLUGGED] = N_("host unplugged"),
  [SYNACK_LOSS_INFERRED]  = N_("inferred from the capture"),
  [SYNACK_LOSS_SPOOFED]   = N_("forged address: nobody there"),
};

static const char *const match_names[] = {
  [SYNACK_MATCH_ANY]     = "any",
  [SYNACK_MATCH_SYN]     = "SYN",
  [SYNACK_MATCH_SYN_ACK] = "SYN-ACK",
  [SYNACK_MATCH_ACK]     = "ACK",
  [SYNACK_MATCH_DATA]    = "data",
  [SYNACK_MATCH_FIN]     = "FIN",
  [SYNACK_MATCH_RST]     = "RST",
};

static const char *const do_names[] = {
  [SYNACK_DO_LISTEN]         = "listen",
  [SYNACK_DO_CONNECT]        = "connect",
  [SYNACK_DO_SEND]           = "send",
  [SYNACK_DO_SHUTDOWN_WRITE] = "shutdown",
  [SYNACK_DO_CLOSE]          = "close",
  [SYNACK_DO_ABORT]          = "abort",
  [SYNACK_DO_READ_OFF]       = "read-off",
  [SYNACK_DO_READ_ON]        = "read-on",
  [SYNACK_DO_CRASH]          = "crash",
  [SYNACK_DO_UNPLUG]         = "unplug",
  [SYNACK_DO_PLUG]           = "plug",
  [SYNACK_DO_ACCEPT]         = "accept",
  [SYNACK_DO_SYN_FLOOD]      = "syn-flood",
  [SYNACK_DO_CLOSE_LISTENER] = "close-listener",
};

const char *synack_host_to_string (SynackHostId host) { return NAME_OF (host_names, host); }
const char *synack_state_to_string (SynackState state) { return NAME_OF (state_names, state); }
const char *synack_timer_to_string (SynackTimerKind kind) { return NAME_OF (timer_names, kind); }
const char *synack_timer_action_to_string (SynackTimerAction a) { return NAME_OF (timer_action_names, a); }
const char *synack_profile_to_string (SynackProfile profile) { return NAME_OF (profile_names, profile); }
const char *synack_call_to_string (SynackCall call) { return NAME_OF (call_names, call); }
const char *synack_result_to_string (SynackResult result) { return NAME_OF (result_names, result); }
const char *synack_event_type_to_string (SynackEventType type) { return NAME_OF (event_type_names, type); }
const char *synack_cause_to_string (SynackCause cause) { return NAME_OF (cause_names, cause); }
const char *synack_verdict_to_string (SynackVerdict verdict) { return NAME_OF (verdict_names, verdict); }
const char *synack_loss_reason_to_string (SynackLossReason r) { return NAME_OF (loss_reason_names, r); }
const char *synack_match_to_string (SynackMatchKind match) { return NAME_OF (match_names, match); }
const char *synack_do_to_string (SynackDo what) { return NAME_OF (do_names, what); }

bool
synack_state_from_string (const char *name, SynackState *out)
{
  for (unsigned i = 0; i < SYNACK_N_STATES; i++)
    if (strcmp (name, state_names[i]) == 0)
      {
        *out = (SynackState) i;
        return true;
      }
  return false;
}

bool
synack_profile_from_string (const char *name, SynackProfile *out)
{
  for (unsigned i = 0; i < sizeof profile_names / sizeof profile_names[0]; i++)
    if (strcmp (name, profile_names[i]) == 0)
      {
        *out = (SynackProfile) i;
        return true;
      }
  return false;
}

const char *
synack_flag_to_string (unsigned flag)
{
  static const char *const names[SYNACK_N_FLAGS] = { "SYN", "ACK", "FIN", "RST", "PSH" };

  for (unsigned i = 0; i < SYNACK_N_FLAGS; i++)
    if (flag == 1u << i)
      return names[i];
  return "?";
}

char *
synack_flags_to_string (unsigned flags, char *buf, unsigned size)
{
  unsigned used = 0;

  if (size == 0)
    return buf;
  buf[0] = '\0';
  for (unsigned i = 0; i < SYNACK_N_FLAGS; i++)
    if (flags & (1u << i))
      {
        int n = snprintf (buf + used, size - used, "%s%s", used ? "," : "", synack_flag_to_string (1u << i));
        if (n < 0 || (unsigned) n >= size - used)
          break;
        used += (unsigned) n;
      }
  return buf;
}
