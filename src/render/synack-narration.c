/* synack-narration.c: event sentences for exports, taken from the one module that words them. */
#include "synack-config.h"

#include "synack-explain.h"
#include "synack-narration.h"

/* TEMPORARY bridge: the sentences still live in src/app/synack-explain.c,
 * which needs GLib only; render compiles that file until the describe
 * module below render holds them. Only this file knows where they live. */
char *
synack_narration_sentence (const SynackTrace *trace, long event)
{
  return synack_explain_sentence (trace, event);
}
