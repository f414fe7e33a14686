/* synack-record-private.h: the private network's set-up and the nftables rules, shared by the recorder's steps. */
#pragma once

#include <gio/gio.h>

#include "synack-record.h"

G_BEGIN_DECLS

/* The nftables table that holds every rule of a recording. */
#define SYNACK_RECORD_NFT_TABLE "netdev synack"

/* Runs a command (argv[0] looked up in PATH), feeding it `input` when not
 * NULL; on failure the error names the command and quotes what it said. */
gboolean synack_record_run_tool (const char *const *argv, const char *input, GError **error);

/* The new namespace with its loopback, addresses, sysctls and delay. */
gboolean synack_record_network_setup (const SynackScript *script, GPtrArray *notes, GError **error);

/* The nftables ruleset for the script's losses, and the (empty) chains
 * that unplug fills. */
char    *synack_record_ruleset       (const SynackScript *script, GError **error);

/* Pulls or plugs a host's cable: every segment from or to it dropped. */
gboolean synack_record_set_unplugged (SynackHostId host, gboolean unplugged, GError **error);

const char *synack_record_address    (SynackHostId host);

G_END_DECLS
