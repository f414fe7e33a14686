/* synack-record-private.h: the private network's set-up and the nftables rules, shared by the recorder's steps. */
#pragma once

#include <gio/gio.h>

#include "synack-record.h"

G_BEGIN_DECLS

/* The nftables table that holds every rule of a recording, in each host's
 * namespace, on its link to the other. */
#define SYNACK_RECORD_NFT_TABLE "netdev synack"
#define SYNACK_RECORD_LINK      "synack0"

/* Each host has a network namespace of its own with one TUN link, whose
 * far end is the recorder: what one host's kernel sends, the recorder
 * reads, captures, holds for the delay and writes into the other's. */
typedef struct {
  int netns[SYNACK_N_HOSTS];   /* namespace file descriptors, for setns() */
  int tun[SYNACK_N_HOSTS];
} SynackRecordNetwork;

/* Runs a command (argv[0] looked up in PATH), feeding it `input` when not
 * NULL; on failure the error names the command and quotes what it said. */
gboolean synack_record_run_tool (const char *const *argv, const char *input, GError **error);

/* The two namespaces with their links, addresses, sysctls and losses; the
 * calling thread is left in the client's. */
gboolean synack_record_network_setup (const SynackScript  *script,
                                      SynackRecordNetwork *net,
                                      GPtrArray           *notes,
                                      GError             **error);
void     synack_record_network_close (SynackRecordNetwork *net);

/* Moves the calling thread into the host's namespace: sockets made after
 * this are the host's. */
gboolean synack_record_enter         (const SynackRecordNetwork *net, SynackHostId host, GError **error);

/* The nftables ruleset for the script's losses, and the (empty) chains
 * that unplug fills. */
char    *synack_record_ruleset       (const SynackScript *script, GError **error);

/* Pulls or plugs a host's cable: every segment from or to it dropped. */
gboolean synack_record_set_unplugged (const SynackRecordNetwork *net, SynackHostId host, gboolean unplugged,
                                      GError **error);

const char *synack_record_address    (SynackHostId host);

G_END_DECLS
