/* synack-atomic-file.h: export files that appear whole or not at all, alone or as a numbered set. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A file being written for final_path. On Linux it is an unnamed O_TMPFILE
 * in the target folder, so a crash or kill -9 leaves nothing behind; it gets
 * a name only when committed. Elsewhere (or on a file system without
 * O_TMPFILE) it is a hidden ".NAME.XXXXXX" next to the target. */
typedef struct {
  char *final_path;
  char *tmp_path;   /* the hidden name, once it has one */
  int   fd;
  int   error;      /* first errno of a failed write */
} SynackAtomicFile;

gboolean       synack_atomic_file_open   (SynackAtomicFile *file, const char *path, GError **error);
/* A cairo write function; closure is the SynackAtomicFile. */
cairo_status_t synack_atomic_file_write  (void *closure, const unsigned char *data, unsigned int length);
/* Forgets the file, leaving what was at final_path untouched. */
void           synack_atomic_file_abort  (SynackAtomicFile *file);
/* Puts the files in place, all of them or none: every target that exists
 * must be a regular file, and an existing file is replaced only once every
 * new one is written out. Aborts them all on failure. */
gboolean       synack_atomic_file_commit (SynackAtomicFile *files, size_t n_files, GError **error);

/* "Cannot write “PATH”: reason" */
void synack_atomic_file_set_error (GError **error, const char *path, int err);

G_END_DECLS
