/* synack-cli-export.h: `synack-cli export`, the diagram of a run as PNG, SVG or PDF files. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "export". Returns 0 on success, 2 on bad input (options,
 * scenario, theme, format), 1 if the run or the writing failed. */
int synack_cli_export (int argc, char **argv);

G_END_DECLS
