/* synack-edit.c: a what-if edit as data, written in the scenario file syntax. */
#include "synack-config.h"

#include "synack-describe.h"
#include "synack-edit.h"
#include "synack-param-keys.h"

static const struct {
  SynackDo    what;
  const char *verb;           /* as a scenario file writes it */
} calls[] = {
  { SYNACK_DO_CLOSE,          "close" },
  { SYNACK_DO_ABORT,          "abort" },
  { SYNACK_DO_SHUTDOWN_WRITE, "shutdown" },
  { SYNACK_DO_SEND,           "send" },
};

gboolean
synack_edit_call_from_name (const char *name, SynackDo *what)
{
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    if (g_strcmp0 (calls[i].verb, name) == 0)
      {
        *what = calls[i].what;
        return TRUE;
      }
  return FALSE;
}

char *
synack_edit_to_line (const SynackEdit *edit)
{
  g_autofree char *at = NULL;

  if (edit->kind == SYNACK_EDIT_LOSE_SEGMENT)
    return g_strdup_printf ("lose segment %u", edit->segment);

  at = synack_describe_time (edit->at, SYNACK_TIME_SCENARIO);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    if (calls[i].what == edit->what)
      {
        if (edit->what == SYNACK_DO_SEND)
          return g_strdup_printf ("at %s %s send %" G_GUINT64_FORMAT, at,
                                  synack_host_to_string (edit->host), edit->bytes);
        return g_strdup_printf ("at %s %s %s", at, synack_host_to_string (edit->host), calls[i].verb);
      }
  return NULL;
}
