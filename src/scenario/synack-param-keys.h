/* synack-param-keys.h: the one table of parameter keys (syntax, range, unit, help) and applying KEY=VALUE. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

/* What a value is written as. */
typedef enum {
  SYNACK_PARAM_PROFILE,         /* linux or rfc9293 */
  SYNACK_PARAM_DURATION,        /* 50ms, 1.5s */
  SYNACK_PARAM_DURATION_OR_OFF, /* a duration, or off (stored as 0) */
  SYNACK_PARAM_PROBABILITY,     /* 0.05 or 5% */
  SYNACK_PARAM_COUNT,           /* a whole number */
  SYNACK_PARAM_SWITCH,          /* on or off */
  SYNACK_PARAM_HOSTS,           /* off, client, server or on */
  SYNACK_PARAM_PORT_RANGE,      /* LOW-HIGH: offset holds LOW, offset2 HIGH */
} SynackParamKind;

/* The unit a number is shown in on the Parameters page. */
typedef enum {
  SYNACK_PARAM_UNIT_NONE,
  SYNACK_PARAM_UNIT_MS,
  SYNACK_PARAM_UNIT_S,
  SYNACK_PARAM_UNIT_PERCENT,
  SYNACK_PARAM_UNIT_BYTES,
} SynackParamUnit;

typedef struct {
  const char *value;            /* as written in a file */
  const char *label;            /* N_(): as the Parameters page shows it */
} SynackParamChoice;

typedef struct {
  const char     *key;
  SynackParamKind kind;
  const char     *label;        /* N_(), with a mnemonic and the unit: "_Delay, client → server (ms)";
                                 * NULL: not on the Parameters page */
  const char     *help;         /* N_(): one line, for --help and tooltips */
  SynackParamUnit unit;
  double          min, max;     /* in that unit; a count's max is also what the parser accepts */
  double          step;
  int             digits;       /* decimals shown */
  const SynackParamChoice *choices; /* for profile, switch and hosts keys; NULL-terminated */

  /* Where the value goes in SynackParams (and a second field it also sets). */
  size_t          offset, size, offset2;
} SynackParamInfo;

/* Every key, in the order they are documented. */
const SynackParamInfo *synack_param_table (size_t *n_keys);
/* NULL for an unknown key. */
const SynackParamInfo *synack_param_info  (const char *key);

/* A duration, probability or count in the unit shown, and back to the value
 * text a file would hold ("250ms", "5%", "off"). */
double  synack_param_get_number        (const SynackParams *params, const SynackParamInfo *info);
char   *synack_param_value_from_number (const SynackParamInfo *info, double number);
/* The value of the key in params, as a file would write it ("30s", "linux"). */
char   *synack_param_get_value         (const SynackParams *params, const SynackParamInfo *info);

/* Parses value for key and stores it; on error nothing is changed. */
gboolean    synack_param_apply        (SynackParams *params,
                                       const char   *key,
                                       const char   *value,
                                       GError      **error);
gboolean    synack_param_key_is_known (const char   *key);
/* One line of English saying what the key does, or NULL if unknown. */
const char *synack_param_key_help     (const char   *key);

G_END_DECLS
