/* synack-narration.h: the sentence that narrates one event, for slides, SVG titles and the web page. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

/* One sentence a student can read aloud, newly allocated. */
char *synack_narration_sentence (const SynackTrace *trace, long event);

G_END_DECLS
