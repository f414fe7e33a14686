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

/* Loads the scenario as synack_cli_load_scenario() does and simulates it;
 * on failure prints "COMMAND: message" and returns the exit status (bad
 * input, or a run that failed), else SYNACK_EXIT_OK. */
int synack_cli_run_scenario (const char       *command,
                             char            **files,
                             const char       *preset,
                             char            **sets,
                             SynackScenario  **scenario,
                             SynackTrace     **trace);

/* Parses the command line with entries. Before GOption (which silently keeps
 * the last of a repeated option, and reports bad text without naming the
 * option) it refuses an option given twice, unless it is repeatable (an
 * array), and a string argument that is not UTF-8. Prints the message as
 * "COMMAND: message" and returns FALSE on bad input. */
gboolean synack_cli_parse_options (GOptionContext     *context,
                                   const GOptionEntry *entries,
                                   const char         *command,
                                   int                *argc,
                                   char             ***argv);

/* Flushes stdout; on a write error (a full disk, /dev/full) prints why and
 * returns SYNACK_EXIT_FAILURE instead of status. */
int synack_cli_finish_output (const char *command, int status);

/* The parameter keys with one line each, for --help. */
const char *synack_cli_parameter_help (void);

/* True for a name ending in .pcapng (any case): the export that is a capture. */
gboolean synack_cli_path_is_pcapng (const char *path);

/* `synack-cli import …`; argv[0] is "import". */
int synack_cli_import (int argc, char **argv);

/* `synack-cli export …`; argv[0] is "export". */
int synack_cli_export (int argc, char **argv);

/* `synack-cli compare …`; argv[0] is "compare". */
int synack_cli_compare (int argc, char **argv);

/* Compares the capture at capture_path with a simulated run and prints the
 * verdict (a match, or the first difference) as COMMAND would; returns the
 * exit status: 0 a match, 1 a difference, 2 a capture that cannot be read. */
int synack_cli_compare_with_capture (const char *command, const char *capture_path, const SynackTrace *simulated);

/* `synack-cli record …`; argv[0] is "record". */
int synack_cli_record (int argc, char **argv);

/* `synack-cli census …`; argv[0] is "census". */
int synack_cli_census (int argc, char **argv);

G_END_DECLS
