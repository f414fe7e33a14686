/* synack-export.c: PNG, SVG and PDF files of a sequence diagram, written atomically. */
#include "synack-config.h"

#include "synack-export.h"

void
synack_export_options_init (SynackExportOptions *options)
{
  *options = (SynackExportOptions) { .scale = 1, .upto = SYNACK_DIAGRAM_ALL };
}

SynackExportFormat
synack_export_format_from_path (const char *path)
{
  return SYNACK_EXPORT_FORMAT_AUTO;
}

gboolean
synack_export_file (const SynackTrace *trace, const SynackExportOptions *options,
                    const char *path, GError **error)
{
  g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_FORMAT, "not yet");
  return FALSE;
}

char **
synack_export_step_paths (const char *path, size_t n_steps)
{
  return NULL;
}
