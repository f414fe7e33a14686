/* synack-record.h: a scenario's application script run on the kernel's own TCP, in a private network, captured. */
#pragma once

#include <glib.h>

#include "synack-script.h"

G_BEGIN_DECLS

#define SYNACK_RECORD_ERROR (synack_record_error_quark ())

typedef enum {
  SYNACK_RECORD_ERROR_PERMISSION,   /* no right to make a network namespace (root or CAP_NET_ADMIN) */
  SYNACK_RECORD_ERROR_TOOL,         /* ip or nft missing or refusing the set-up */
  SYNACK_RECORD_ERROR_UNSUPPORTED,  /* the script asks for what real sockets cannot do */
  SYNACK_RECORD_ERROR_SOCKET,       /* a socket call failed where the script needs it to succeed */
  SYNACK_RECORD_ERROR_WRITE,        /* the capture file could not be written */
} SynackRecordError;

GQuark synack_record_error_quark (void);

/* The client's and the server's address in the private network: the
 * simulator's own, so a recording and an export name the same hosts. */
#define SYNACK_RECORD_CLIENT_ADDRESS "10.0.0.1"
#define SYNACK_RECORD_SERVER_ADDRESS "10.0.0.2"

/* Makes a network namespace for each host (and leaves the calling thread
 * in one of them, for good: call it from a process that does nothing else
 * afterwards), joined by the recorder itself: each has a TUN link whose
 * packets the recorder captures as they leave and hands to the other host
 * after the script's delay for that direction. The script's parameters
 * become each namespace's sysctls and its losses one-shot nftables drops
 * at the links' ingress. Runs the applications' calls at their times with
 * real sockets for `duration`, and writes every TCP segment the kernels
 * sent to `path` (pcap, raw IPv4, written atomically). What the kernel
 * cannot be told to do as the script says (a TIME_WAIT of other than 60 s,
 * a fixed ISN…) is appended to `notes` as a sentence; the recording goes
 * on without it. */
gboolean synack_record_script (const SynackScript *script,
                               SynackTime          duration,
                               const char         *path,
                               GPtrArray          *notes,
                               GError            **error);

G_END_DECLS
