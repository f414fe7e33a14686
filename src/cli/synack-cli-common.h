/* synack-cli-common.h: what the CLI's commands share: exit codes, loading a
 * scenario from FILE|--preset plus --set overrides, the parameter help. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

enum {
  SYNACK_EXIT_OK = 0,
  SYNACK_EXIT_FAILURE = 1,
  SYNACK_EXIT_BAD_INPUT = 2,
};

/* Exactly one of files[0] or preset; then each KEY=VALUE of sets. */
SynackScenario *synack_cli_load_scenario (char       **files,
                                          const char  *preset,
                                          char       **sets,
                                          GError     **error);

/* The parameter keys with one line each, for --help. */
const char *synack_cli_parameter_help (void);

/* True for a name ending in .pcapng (any case): the export that is a capture. */
gboolean synack_cli_path_is_pcapng (const char *path);

/* `synack-cli import …`; argv[0] is "import". */
int synack_cli_import (int argc, char **argv);

/* `synack-cli export …`; argv[0] is "export". */
int synack_cli_export (int argc, char **argv);

G_END_DECLS
