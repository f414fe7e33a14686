/* synack-atomic-file.c: export files that appear whole or not at all (O_TMPFILE + linkat, else a hidden name + rename). */
#define _GNU_SOURCE
#include "synack-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "synack-atomic-file.h"
#include "synack-diagram-layout.h"

void
synack_atomic_file_set_error (GError **error, const char *path, int err)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE,
               _("Cannot write “%s”: %s"), display, g_strerror (err));
}

static char *
hidden_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  /* Same folder, so the rename is atomic; hidden, so a file manager does
   * not show a half-written picture. */
  return g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
}

gboolean
synack_atomic_file_open (SynackAtomicFile *file, const char *path, GError **error)
{
  memset (file, 0, sizeof *file);
  file->final_path = g_strdup (path);
#ifdef O_TMPFILE
  {
    g_autofree char *dir = g_path_get_dirname (path);

    file->fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (file->fd >= 0)
      return TRUE;
    /* Only a file system without O_TMPFILE falls back; a missing folder or
     * no permission is the same error either way. */
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
      {
        synack_atomic_file_set_error (error, path, errno);
        g_clear_pointer (&file->final_path, g_free);
        return FALSE;
      }
  }
#endif
  file->tmp_path = hidden_template (path);
  file->fd = g_mkstemp_full (file->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (file->fd < 0)
    {
      synack_atomic_file_set_error (error, path, errno);
      g_clear_pointer (&file->tmp_path, g_free);
      g_clear_pointer (&file->final_path, g_free);
      return FALSE;
    }
  return TRUE;
}

cairo_status_t
synack_atomic_file_write (void *closure, const unsigned char *data, unsigned int length)
{
  SynackAtomicFile *file = closure;

  if (file->error)
    return CAIRO_STATUS_WRITE_ERROR;
  while (length > 0)
    {
      ssize_t n = write (file->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          file->error = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

void
synack_atomic_file_abort (SynackAtomicFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  if (file->tmp_path)
    g_unlink (file->tmp_path);
  g_clear_pointer (&file->tmp_path, g_free);
  g_clear_pointer (&file->final_path, g_free);
  file->fd = -1;
}

/* Gives an unnamed file its hidden name; 0 or an errno. */
static int
give_hidden_name (SynackAtomicFile *file)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", file->fd);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = hidden_template (file->final_path);

      /* Replace the XXXXXX with six random letters. */
      for (char *p = name + strlen (name) - 6; *p; p++)
        *p = "abcdefghijklmnopqrstuvwxyz"[g_random_int_range (0, 26)];
      if (linkat (AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
        {
          file->tmp_path = g_steal_pointer (&name);
          return 0;
        }
      if (errno != EEXIST)
        return errno;
    }
  return EEXIST;
}

/* Writes the file out and names it, still hidden; 0 or an errno. */
static int
finish (SynackAtomicFile *file)
{
  int err = file->error;

  if (err == 0 && fsync (file->fd) != 0 && errno != EINVAL)
    err = errno;
  if (err == 0 && file->tmp_path == NULL)
    err = give_hidden_name (file);
  if (close (file->fd) != 0 && err == 0)
    err = errno;
  file->fd = -1;
  return err;
}

static void
abort_all (SynackAtomicFile *files, size_t n_files)
{
  for (size_t i = 0; i < n_files; i++)
    synack_atomic_file_abort (&files[i]);
}

gboolean
synack_atomic_file_commit (SynackAtomicFile *files, size_t n_files, GError **error)
{
  /* Refuse before anything is touched: a folder or device where a file
   * would go makes the whole set fail, and the old files stay. */
  for (size_t i = 0; i < n_files; i++)
    {
      GStatBuf st;

      if (g_lstat (files[i].final_path, &st) == 0 && !S_ISREG (st.st_mode))
        {
          synack_atomic_file_set_error (error, files[i].final_path, S_ISDIR (st.st_mode) ? EISDIR : EEXIST);
          abort_all (files, n_files);
          return FALSE;
        }
    }
  for (size_t i = 0; i < n_files; i++)
    {
      int err = finish (&files[i]);

      if (err != 0)
        {
          synack_atomic_file_set_error (error, files[i].final_path, err);
          abort_all (files, n_files);
          return FALSE;
        }
    }
  /* Every file is written and named: only renames are left, which replace
   * an old file in one step each. */
  for (size_t i = 0; i < n_files; i++)
    {
      if (g_rename (files[i].tmp_path, files[i].final_path) != 0)
        {
          synack_atomic_file_set_error (error, files[i].final_path, errno);
          abort_all (files + i, n_files - i);
          return FALSE;
        }
      g_clear_pointer (&files[i].tmp_path, g_free);
      g_clear_pointer (&files[i].final_path, g_free);
    }
  return TRUE;
}
