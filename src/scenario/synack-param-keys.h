/* synack-param-keys.h: applying one KEY=VALUE to a parameter set. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

/* Parses value for key and stores it; on error nothing is changed. */
gboolean    synack_param_apply        (SynackParams *params,
                                       const char   *key,
                                       const char   *value,
                                       GError      **error);
gboolean    synack_param_key_is_known (const char   *key);
/* One line of English saying what the key does, or NULL if unknown. */
const char *synack_param_key_help     (const char   *key);

G_END_DECLS
