/* synack-cli-export-stub.c: stands in for the export command until the
 * render layer is built into this tool. */
#include "synack-config.h"

#include "synack-cli-common.h"

int
synack_cli_export (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  g_printerr ("synack-cli export: this build has no diagram renderer\n");
  return SYNACK_EXIT_FAILURE;
}
