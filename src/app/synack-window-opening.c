/* synack-window-opening.c: a file opened in the window: read in the document's worker, with a Cancel button if that takes a while. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-window-private.h"

/* A file read faster than this shows no progress at all, so opening a
 * lesson-sized file does not flash an overlay. */
#define OPENING_DELAY_MS 300

/* The window is held weakly: a window closed while its file is read goes
 * at once (its dispose cancels the read). */
typedef struct {
  SynackWindow *window;
  GFile        *file;
  GCancellable *cancellable;
} Opening;

static void
opening_free (Opening *opening)
{
  g_clear_weak_pointer (&opening->window);
  g_object_unref (opening->file);
  g_object_unref (opening->cancellable);
  g_free (opening);
}

static gboolean
show_opening (gpointer data)
{
  SynackWindow *self = data;

  self->opening_timeout_id = 0;
  gtk_widget_set_visible (self->opening_box, TRUE);
  gtk_spinner_start (self->opening_spinner);
  return G_SOURCE_REMOVE;
}

static void
end_opening (SynackWindow *self)
{
  g_clear_handle_id (&self->opening_timeout_id, g_source_remove);
  g_clear_object (&self->opening);
  if (self->opening_box != NULL)
    {
      gtk_spinner_stop (self->opening_spinner);
      gtk_widget_set_visible (self->opening_box, FALSE);
    }
}

void
_synack_window_cancel_opening (SynackWindow *self)
{
  if (self->opening == NULL)
    return;
  g_cancellable_cancel (self->opening);
  end_opening (self);
}

static void
opened (GObject *source, GAsyncResult *result, gpointer data)
{
  Opening *opening = data;
  SynackWindow *self = opening->window;
  g_autoptr(GError) error = NULL;
  gboolean ok = synack_document_open_finish (SYNACK_DOCUMENT (source), result, &error);

  /* Cancelled, superseded by another file or the window closed: whoever
   * did that has already put the window right. */
  if (self == NULL || self->opening != opening->cancellable)
    {
      opening_free (opening);
      return;
    }
  end_opening (self);
  if (ok)
    _synack_window_show_loaded (self);
  else
    _synack_window_open_failed (self, opening->file, error);
  opening_free (opening);
}

void
synack_window_open_file (SynackWindow *self, GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  Opening *opening;

  g_return_if_fail (SYNACK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _synack_window_cancel_opening (self);
  _synack_window_stop_playing (self);

  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Opening “%s”…"), name);
  gtk_label_set_text (self->opening_label, text);
  self->opening = g_cancellable_new ();
  self->opening_timeout_id = g_timeout_add (OPENING_DELAY_MS, show_opening, self);

  opening = g_new0 (Opening, 1);
  g_set_weak_pointer (&opening->window, self);
  opening->file = g_object_ref (file);
  opening->cancellable = g_object_ref (self->opening);
  synack_document_open_async (self->document, file, opening->cancellable, opened, opening);
}
