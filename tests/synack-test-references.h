/* synack-test-references.h: the real Linux captures in shared/reference/linux and the scenarios that reproduce them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;      /* NAME.pcap in the reference folder */
  guint16     port;      /* the capture's server port */
  const char *scenario;  /* the same application actions, as a scenario */
} SynackTestReference;

extern const SynackTestReference synack_test_references[];
extern const guint synack_test_n_references;

G_END_DECLS
