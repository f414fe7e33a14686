/* synack-record-network.c: the private network a recording runs in: a namespace per host, their links, sysctls, and losses as nftables rules. */
/* unshare() and accept4() are Linux calls. */
#define _GNU_SOURCE
#include "synack-config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <unistd.h>
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

/* A per-namespace sysctl, so the machine's own stays as it was: NAME in
 * net.ipv4, or a path under net (core/somaxconn). */
static gboolean
set_sysctl_text (const char *name, const char *value, GError **error)
{
  g_autofree char *path = strchr (name, '/') ? g_strdup_printf ("/proc/sys/net/%s", name)
                                             : g_strdup_printf ("/proc/sys/net/ipv4/%s", name);
  g_autofree char *text = g_strdup_printf ("%s\n", value);
  g_autoptr (GError) cause = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, &cause))
    {
      g_set_error (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_TOOL, _("cannot set %s to %s: %s"), path,
                   value, cause->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_sysctl (const char *name, gint64 value, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return set_sysctl_text (name, text, error);
}

/* ip_local_port_range is two numbers on one line. */
static gboolean
set_port_range (const SynackParams *params, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u\t%u", params->port_low, params->port_high);

  return set_sysctl_text ("ip_local_port_range", text, error);
}

/* Parameters that have a sysctl are set; those Linux fixes (TIME_WAIT,
 * the RTO floor, delayed ACKs…) are noted where a script changes them. */
static gboolean
apply_params (const SynackParams *params, GPtrArray *notes, GError **error)
{
  SynackParams linux_defaults;

  synack_params_init (&linux_defaults, SYNACK_PROFILE_LINUX);
  if (notes == NULL)
    goto sysctls;
  if (params->profile != SYNACK_PROFILE_LINUX)
    g_ptr_array_add (notes, g_strdup (_("the kernel is Linux: the rfc9293 profile's textbook timers are not reproduced")));
  if (params->msl != linux_defaults.msl)
    g_ptr_array_add (notes, g_strdup (_("msl cannot be changed: Linux holds TIME_WAIT for 60 s")));
  if (params->rto_initial != linux_defaults.rto_initial || params->rto_min != linux_defaults.rto_min)
    g_ptr_array_add (notes, g_strdup (_("rto-initial and rto-min cannot be changed: Linux uses 1 s and 200 ms")));
  if (params->delayed_ack != linux_defaults.delayed_ack)
    g_ptr_array_add (notes, g_strdup (_("delayed-ack cannot be changed: Linux decides its delayed ACKs itself")));
  if (params->two_way)
    g_ptr_array_add (notes, g_strdup (_("two-way cannot be recorded: Linux always waits for the third segment")));
  if (params->window != linux_defaults.window)
    g_ptr_array_add (notes, g_strdup (_("the window cannot be fixed: Linux sizes its buffers itself")));
sysctls:
  return set_sysctl ("tcp_syn_retries", params->syn_retries, error) &&
         set_sysctl ("tcp_synack_retries", params->synack_retries, error) &&
         set_sysctl ("tcp_syn_linear_timeouts", params->syn_linear_retries, error) &&
         set_sysctl ("tcp_fin_timeout", params->fin_timeout / SYNACK_SEC (1), error) &&
         set_sysctl ("tcp_rto_max_ms", params->rto_max / SYNACK_MS (1), error) &&
         set_sysctl ("tcp_rfc1337", params->rfc1337, error) &&
         set_sysctl ("tcp_timestamps", params->timestamps, error) &&
         set_sysctl ("tcp_sack", params->sack, error) &&
         set_sysctl ("tcp_window_scaling", params->window_scaling, error) &&
         set_sysctl ("tcp_tw_reuse", params->tw_reuse, error) &&
         set_sysctl ("tcp_max_tw_buckets", params->max_tw_buckets, error) &&
         set_port_range (params, error) &&
         set_sysctl ("tcp_syncookies", params->syncookies, error) &&
         set_sysctl ("tcp_abort_on_overflow", params->abort_on_overflow, error) &&
         set_sysctl ("tcp_max_syn_backlog", params->max_syn_backlog, error) &&
         set_sysctl ("core/somaxconn", params->somaxconn, error);
}

static gboolean
fail_errno (GError **error, SynackRecordError code, const char *what)
{
  int saved = errno;

  g_set_error (error, SYNACK_RECORD_ERROR, code, "%s: %s", what, g_strerror (saved));
  return FALSE;
}

/* A TUN link: packets the kernel routes to it are read from the returned
 * descriptor, and those written to it arrive as if from the wire. */
static int
open_link (GError **error)
{
  struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };
  int fd = open ("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    return fail_errno (error, SYNACK_RECORD_ERROR_TOOL, "/dev/net/tun") - 1;
  g_strlcpy (ifr.ifr_name, SYNACK_RECORD_LINK, sizeof ifr.ifr_name);
  if (ioctl (fd, TUNSETIFF, &ifr) != 0)
    {
      fail_errno (error, SYNACK_RECORD_ERROR_TOOL, "TUNSETIFF " SYNACK_RECORD_LINK);
      close (fd);
      return -1;
    }
  return fd;
}

/* One host's namespace: its link up with an MTU of 1500 (an Ethernet's,
 * so an MSS of 1460 as in the simulation), its address with the other
 * host's as the peer, its sysctls and its nftables table. */
static gboolean
setup_host (const SynackScript *script, SynackRecordNetwork *net, SynackHostId host, const char *ruleset,
            GPtrArray *notes, GError **error)
{
  SynackHostId peer = host == SYNACK_CLIENT ? SYNACK_SERVER : SYNACK_CLIENT;
  g_autofree char *address = g_strdup_printf ("%s/32", synack_record_address (host));
  const char *lo_up[] = { "ip", "link", "set", "lo", "up", NULL };
  const char *link_up[] = { "ip", "link", "set", SYNACK_RECORD_LINK, "up", "mtu", "1500", NULL };
  const char *add[] = { "ip", "address", "add", address, "peer", synack_record_address (peer),
                        "dev", SYNACK_RECORD_LINK, NULL };
  const char *nft[] = { "nft", "-f", "-", NULL };

  if (unshare (CLONE_NEWNET) != 0)
    {
      int saved = errno;

      g_set_error (error, SYNACK_RECORD_ERROR, saved == EPERM ? SYNACK_RECORD_ERROR_PERMISSION : SYNACK_RECORD_ERROR_TOOL,
                   _("cannot make a private network namespace (%s): recording needs root or CAP_NET_ADMIN"),
                   g_strerror (saved));
      return FALSE;
    }
  net->netns[host] = open ("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (net->netns[host] < 0)
    return fail_errno (error, SYNACK_RECORD_ERROR_TOOL, "/proc/thread-self/ns/net");
  net->tun[host] = open_link (error);
  if (net->tun[host] < 0)
    return FALSE;
  /* The notes on parameters are the same for both hosts: made once. */
  return synack_record_run_tool (lo_up, NULL, error) && synack_record_run_tool (link_up, NULL, error) &&
         synack_record_run_tool (add, NULL, error) &&
         apply_params (&script->params, host == SYNACK_CLIENT ? notes : NULL, error) &&
         synack_record_run_tool (nft, ruleset, error);
}

gboolean
synack_record_network_setup (const SynackScript *script, SynackRecordNetwork *net, GPtrArray *notes,
                             GError **error)
{
  /* A script real sockets cannot run is refused before anything changes. */
  g_autofree char *ruleset = synack_record_ruleset (script, error);

  net->netns[SYNACK_CLIENT] = net->netns[SYNACK_SERVER] = -1;
  net->tun[SYNACK_CLIENT] = net->tun[SYNACK_SERVER] = -1;
  if (ruleset == NULL)
    return FALSE;
  return setup_host (script, net, SYNACK_SERVER, ruleset, notes, error) &&
         setup_host (script, net, SYNACK_CLIENT, ruleset, notes, error);
}

void
synack_record_network_close (SynackRecordNetwork *net)
{
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      if (net->tun[h] >= 0)
        close (net->tun[h]);
      if (net->netns[h] >= 0)
        close (net->netns[h]);
      net->tun[h] = net->netns[h] = -1;
    }
}

gboolean
synack_record_enter (const SynackRecordNetwork *net, SynackHostId host, GError **error)
{
  if (setns (net->netns[host], CLONE_NEWNET) != 0)
    return fail_errno (error, SYNACK_RECORD_ERROR_TOOL, "setns");
  return TRUE;
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
 * (n-1)-th leaves a mark in the set that makes the n-th lost, and the
 * n-th's mark lets every later one through (or loses it, for "#N and
 * later"). A lost segment is only marked
 * here and dropped once every fault has seen it: as in the simulation,
 * each fault counts every segment of its kind, those another one loses
 * too. */
/* The statement that marks a segment lost; the ingress chain drops it. */
#define LOSE "meta mark set 0x1"

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
      g_string_append (chains, "    " LOSE "\n  }\n");
      return;
    }
  for (guint i = 1; i <= fault->nth; i++)
    g_string_append_printf (sets, "  set fault%u_seen%u { type inet_proto; flags dynamic; }\n", index, i);
  /* Past the n-th: through, or lost too for "#N and later". */
  g_string_append_printf (chains, "    meta l4proto @fault%u_seen%u %sreturn\n", index, fault->nth,
                          fault->and_later ? LOSE " " : "");
  for (guint i = fault->nth - 1; i >= 1; i--)
    g_string_append_printf (chains, "    meta l4proto @fault%u_seen%u add @fault%u_seen%u { meta l4proto } %s\n",
                            index, i, index, i + 1, i + 1 == fault->nth ? LOSE " return" : "return");
  g_string_append_printf (chains, "    add @fault%u_seen1 { meta l4proto } %s\n  }\n", index,
                          fault->nth == 1 ? LOSE : "return");
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
                          "  chain ingress {\n    type filter hook ingress device " SYNACK_RECORD_LINK " priority 0;\n"
                          "    jump unplugged_client\n    jump unplugged_server\n%s    meta mark 0x1 drop\n  }\n}\n",
                          SYNACK_RECORD_NFT_TABLE, sets->str, chains->str, ingress->str);
}

gboolean
synack_record_set_unplugged (const SynackRecordNetwork *net, SynackHostId host, gboolean unplugged, GError **error)
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
  /* Both ends of the cable: segments to the host and from it. */
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    if (!synack_record_enter (net, h, error) || !synack_record_run_tool (nft, rules, error))
      return FALSE;
  return TRUE;
}
