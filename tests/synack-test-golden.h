/* synack-test-golden.h: compare a test's output with a golden file under
 * tests/golden/, or rewrite the golden when SYNACK_UPDATE_GOLDENS=1. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The golden directory: SYNACK_GOLDEN_DIR, set by tests/meson.build. */
const char *synack_test_golden_dir (void);

/* TRUE when SYNACK_UPDATE_GOLDENS=1: goldens are rewritten, not compared. */
gboolean synack_test_golden_updating (void);

/* Compares ACTUAL byte for byte with the golden file RELATIVE_PATH (relative
 * to the golden directory) and fails the test with a unified diff when they
 * differ or the golden is missing. With SYNACK_UPDATE_GOLDENS=1 it writes
 * ACTUAL as the new golden instead; review the change with git diff. */
void synack_test_assert_golden (const char *relative_path, const char *actual);

/* Fails the test for every file in the golden directory SUBDIR that is not
 * LESSON + one of SUFFIXES for a lesson in LESSONS: a golden whose lesson
 * was removed or renamed would never be compared (a missing golden fails
 * that lesson's own test). */
void synack_test_assert_no_stale_goldens (const char        *subdir,
                                          const char *const *lessons,
                                          const char *const *suffixes);

G_END_DECLS
