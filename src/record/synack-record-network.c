/* synack-record-network.c: the private network a recording runs in: namespace, loopback, sysctls, delay, and losses as nftables rules. */
/* unshare() and accept4() are Linux calls. */
#define _GNU_SOURCE
#include "synack-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sched.h>
#include <string.h>

#include "synack-record-private.h"

G_DEFINE_QUARK (synack-record-error-quark, synack_record_error)

const char *
synack_record_address (SynackHostId host)
{
  return host == SYNACK_CLIENT ? SYNACK_RECORD_CLIENT_ADDRESS : SYNACK_RECORD_SERVER_ADDRESS;
}

gboolean
synack_record_run_tool (const char *const *argv, const char *input, GError **error)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autofree char *err_text = NULL;
  g_autoptr (GError) cause = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);

  process = g_subprocess_newv (argv, (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                     G_SUBPROCESS_FLAGS_STDERR_PIPE, &cause);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, input, NULL, NULL, &err_text, &cause))
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_TOOL,
                   _("cannot run '%s': %s (install iproute2 and nftables)"), command, cause->message);
      return FALSE;
    }
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_TOOL, _("'%s' failed: %s"), command,
                   g_strstrip (err_text));
      return FALSE;
    }
  return TRUE;
}

/* A per-namespace sysctl, so the machine's own stays as it was. */
static gboolean
set_sysctl (const char *name, gint64 value, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/proc/sys/net/ipv4/%s", name);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", value);
  g_autoptr (GError) cause = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, &cause))
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_TOOL, _("cannot set %s to %s: %s"), path,
                   g_strstrip (text), cause->message);
      return FALSE;
    }
  return TRUE;
}

/* Parameters that have a sysctl are set; those Linux fixes (TIME_WAIT,
 * the RTO floor, delayed ACKs…) are noted where a script changes them. */
static gboolean
apply_params (const SynackParams *params, GPtrArray *notes, GError **error)
{
  SynackParams linux_defaults;

  synack_params_init (&linux_defaults, SYNACK_PROFILE_LINUX);
  if (params->profile != SYNACK_PROFILE_LINUX)
    g_ptr_array_add (notes, g_strdup (_("the kernel is Linux: the rfc9293 profile's textbook timers are not reproduced")));
  if (params->msl != linux_defaults.msl)
    g_ptr_array_add (notes, g_strdup (_("msl cannot be changed: Linux holds TIME_WAIT for 60 s")));
  if (params->rto_initial != linux_defaults.rto_initial || params->rto_min != linux_defaults.rto_min)
    g_ptr_array_add (notes, g_strdup (_("rto-initial and rto-min cannot be changed: Linux uses 1 s and 200 ms")));
  if (params->delayed_ack != linux_defaults.delayed_ack)
    g_ptr_array_add (notes, g_strdup (_("delayed-ack cannot be changed: Linux decides its delayed ACKs itself")));
  if (params->window != linux_defaults.window)
    g_ptr_array_add (notes, g_strdup (_("the window cannot be fixed: Linux sizes its buffers itself")));
  return set_sysctl ("tcp_syn_retries", params->syn_retries, error) &&
         set_sysctl ("tcp_synack_retries", params->synack_retries, error) &&
         set_sysctl ("tcp_syn_linear_timeouts", params->syn_linear_retries, error) &&
         set_sysctl ("tcp_fin_timeout", params->fin_timeout / SYNACK_SEC (1), error) &&
         set_sysctl ("tcp_rto_max_ms", params->rto_max / SYNACK_MS (1), error) &&
         set_sysctl ("tcp_rfc1337", params->rfc1337, error);
}

/* netem delays what leaves the loopback, which is every segment once: one
 * delay for both directions. */
static void
apply_delay (const SynackParams *params, GPtrArray *notes)
{
  g_autofree char *delay = g_strdup_printf ("%" G_GINT64_FORMAT "us", params->delay[SYNACK_C2S]);
  const char *argv[] = { "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", delay, NULL };
  g_autoptr (GError) cause = NULL;

  if (params->delay[SYNACK_C2S] != params->delay[SYNACK_S2C])
    g_ptr_array_add (notes, g_strdup (_("one loopback carries both directions: the client's delay is used both ways")));
  if (params->delay[SYNACK_C2S] == 0)
    return;
  if (!synack_record_run_tool (argv, NULL, &cause))
    g_ptr_array_add (notes, g_strdup_printf (_("no delay: tc netem is not available (%s), so the segments cross "
                                               "the loopback at once; compare with --set delay=0"),
                                             cause->message));
}

gboolean
synack_record_network_setup (const SynackScript *script, GPtrArray *notes, GError **error)
{
  const char *lo_up[] = { "ip", "link", "set", "lo", "up", "mtu", "1500", NULL };
  const char *nft[] = { "nft", "-f", "-", NULL };
  /* A script real sockets cannot run is refused before anything changes. */
  g_autofree char *ruleset = synack_record_ruleset (script, error);

  if (ruleset == NULL)
    return FALSE;
  if (unshare (CLONE_NEWNET) != 0)
    {
      int saved = errno;

      g_set_error (error, SYNACK_RECORD_ERROR, saved == EPERM ? SYNACK_RECORD_ERROR_PERMISSION : SYNACK_RECORD_ERROR_TOOL,
                   _("cannot make a private network namespace (%s): recording needs root or CAP_NET_ADMIN"),
                   g_strerror (saved));
      return FALSE;
    }
  /* An MTU of 1500 gives the MSS of an Ethernet, 1460, as the simulation. */
  if (!synack_record_run_tool (lo_up, NULL, error))
    return FALSE;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      g_autofree char *address = g_strdup_printf ("%s/32", synack_record_address (h));
      const char *add[] = { "ip", "address", "add", address, "dev", "lo", NULL };

      if (!synack_record_run_tool (add, NULL, error))
        return FALSE;
    }
  if (!apply_params (&script->params, notes, error))
    return FALSE;
  apply_delay (&script->params, notes);
  return synack_record_run_tool (nft, ruleset, error);
}

/* The conditions under which a segment is not of the kind: each returns
 * from the fault's chain. A payload is what the IP length holds beyond
 * the headers (20 bytes of IP: Linux sends no IP options). */
static void
append_kind_conditions (GString *out, SynackMatchKind match)
{
  switch (match)
    {
    case SYNACK_MATCH_ANY:
      break;
    case SYNACK_MATCH_SYN:
      g_string_append (out, "    tcp flags & (fin | syn | rst | ack) != syn return\n");
      break;
    case SYNACK_MATCH_SYN_ACK:
      g_string_append (out, "    tcp flags & (fin | syn | rst | ack) != syn | ack return\n");
      break;
    case SYNACK_MATCH_FIN:
      g_string_append (out, "    tcp flags & fin != fin return\n");
      break;
    case SYNACK_MATCH_RST:
      g_string_append (out, "    tcp flags & rst != rst return\n");
      break;
    case SYNACK_MATCH_ACK:
      g_string_append (out, "    tcp flags & (fin | syn | rst | ack) != ack return\n");
      for (int doff = 5; doff <= 15; doff++)
        g_string_append_printf (out, "    tcp doff %d ip length != %d return\n", doff, 20 + 4 * doff);
      break;
    case SYNACK_MATCH_DATA:
      for (int doff = 5; doff <= 15; doff++)
        g_string_append_printf (out, "    tcp doff %d ip length %d return\n", doff, 20 + 4 * doff);
      break;
    }
}

/* "Lose the n-th": a chain of dynamic sets counts the matches, the
 * (n-1)-th leaves a mark in the set that makes the n-th drop, and the
 * n-th's mark lets every later one through. */
static void
append_fault_chain (GString *sets, GString *chains, guint index, const SynackFault *fault)
{
  SynackHostId sender = fault->direction == SYNACK_C2S ? SYNACK_CLIENT : SYNACK_SERVER;

  g_string_append_printf (chains, "  chain fault%u {\n    meta l4proto != tcp return\n", index);
  if (!fault->any_direction)
    g_string_append_printf (chains, "    ip saddr != %s return\n", synack_record_address (sender));
  append_kind_conditions (chains, fault->match);
  if (fault->nth == 0)
    {
      g_string_append (chains, "    drop\n  }\n");
      return;
    }
  for (guint i = 1; i <= fault->nth; i++)
    g_string_append_printf (sets, "  set fault%u_seen%u { type inet_proto; flags dynamic; }\n", index, i);
  g_string_append_printf (chains, "    meta l4proto @fault%u_seen%u return\n", index, fault->nth);
  for (guint i = fault->nth - 1; i >= 1; i--)
    g_string_append_printf (chains, "    meta l4proto @fault%u_seen%u add @fault%u_seen%u { meta l4proto } %s\n",
                            index, i, index, i + 1, i + 1 == fault->nth ? "drop" : "return");
  g_string_append_printf (chains, "    add @fault%u_seen1 { meta l4proto } %s\n  }\n", index,
                          fault->nth == 1 ? "drop" : "return");
}

char *
synack_record_ruleset (const SynackScript *script, GError **error)
{
  g_autoptr (GString) sets = g_string_new (NULL);
  g_autoptr (GString) chains = g_string_new (NULL);
  g_autoptr (GString) ingress = g_string_new (NULL);

  for (size_t i = 0; i < script->n_faults; i++)
    {
      const SynackFault *fault = &script->faults[i];

      if (fault->kind != SYNACK_FAULT_LOSE)
        {
          g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_UNSUPPORTED,
                       _("line %u: a delayed or duplicated segment cannot be made on real sockets, only a lost one"),
                       fault->line);
          return NULL;
        }
      if (fault->segment != 0 || fault->conn != 0)
        {
          g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_UNSUPPORTED,
                       _("line %u: a loss on real sockets names a kind of segment and its number, "
                         "not a segment number or a connection"), fault->line);
          return NULL;
        }
      append_fault_chain (sets, chains, (guint) i, fault);
      g_string_append_printf (ingress, "    jump fault%zu\n", i);
    }
  for (int d = 0; d < 2; d++)
    if (script->params.loss[d] > 0)
      g_string_append_printf (ingress, "    ip saddr %s numgen random mod 1000000 < %u drop\n",
                              synack_record_address (d == SYNACK_C2S ? SYNACK_CLIENT : SYNACK_SERVER),
                              (guint) (script->params.loss[d] * 1e6));
  return g_strdup_printf ("table %s {\n%s  chain unplugged_client { }\n  chain unplugged_server { }\n%s"
                          "  chain ingress {\n    type filter hook ingress device lo priority 0;\n"
                          "    jump unplugged_client\n    jump unplugged_server\n%s  }\n}\n",
                          SYNACK_RECORD_NFT_TABLE, sets->str, chains->str, ingress->str);
}

gboolean
synack_record_set_unplugged (SynackHostId host, gboolean unplugged, GError **error)
{
  g_autofree char *rules = NULL;
  const char *nft[] = { "nft", "-f", "-", NULL };
  const char *chain = host == SYNACK_CLIENT ? "unplugged_client" : "unplugged_server";

  if (unplugged)
    rules = g_strdup_printf ("add rule %s %s ip saddr %s drop\nadd rule %s %s ip daddr %s drop\n",
                             SYNACK_RECORD_NFT_TABLE, chain, synack_record_address (host),
                             SYNACK_RECORD_NFT_TABLE, chain, synack_record_address (host));
  else
    rules = g_strdup_printf ("flush chain %s %s\n", SYNACK_RECORD_NFT_TABLE, chain);
  return synack_record_run_tool (nft, rules, error);
}
