/* synack-toast.c: a toast-like notice over a window's content (GTK 4.8 has none of its own). */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-toast.h"

#define TOAST_SECONDS 8

/* Per window: the overlay put around its content, and the notice in it. */
typedef struct {
  GtkOverlay *overlay;
  GtkWidget  *revealer;
  GFile      *file;
  guint       timeout;
} Toast;

static void
toast_free (Toast *toast)
{
  g_clear_handle_id (&toast->timeout, g_source_remove);
  g_clear_object (&toast->file);
  g_free (toast);
}

static void
dismiss (Toast *toast)
{
  g_clear_handle_id (&toast->timeout, g_source_remove);
  if (toast->revealer)
    gtk_revealer_set_reveal_child (GTK_REVEALER (toast->revealer), FALSE);
}

static gboolean
on_timeout (gpointer data)
{
  Toast *toast = data;

  toast->timeout = 0;
  dismiss (toast);
  return G_SOURCE_REMOVE;
}

static void
on_open (GtkButton *button, Toast *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  g_autofree char *uri = toast->file ? g_file_get_uri (toast->file) : NULL;

  if (uri)
    gtk_show_uri (GTK_WINDOW (root), uri, GDK_CURRENT_TIME);
  dismiss (toast);
}

static void
on_close (GtkButton *button, Toast *toast)
{
  dismiss (toast);
}

/* The window's content moves into an overlay the first time, so no
 * window needs to be built for notices in advance. */
static Toast *
toast_for (GtkWindow *window)
{
  Toast *toast = g_object_get_data (G_OBJECT (window), "synack-toast");
  GtkWidget *content;

  if (toast)
    return toast;
  toast = g_new0 (Toast, 1);
  toast->overlay = GTK_OVERLAY (gtk_overlay_new ());
  content = gtk_window_get_child (window);
  if (content)
    {
      g_object_ref (content);
      gtk_window_set_child (window, NULL);
      gtk_overlay_set_child (toast->overlay, content);
      g_object_unref (content);
    }
  gtk_window_set_child (window, GTK_WIDGET (toast->overlay));
  g_object_set_data_full (G_OBJECT (window), "synack-toast", toast, (GDestroyNotify) toast_free);
  return toast;
}

void
synack_toast_show (GtkWindow *window, const char *message, GFile *file)
{
  Toast *toast;
  GtkWidget *box, *label, *button;

  g_return_if_fail (GTK_IS_WINDOW (window));
  toast = toast_for (window);
  if (toast->revealer)
    gtk_overlay_remove_overlay (toast->overlay, toast->revealer);
  g_clear_handle_id (&toast->timeout, g_source_remove);
  g_set_object (&toast->file, file);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "app-notification");
  gtk_widget_add_css_class (box, "toast");
  label = gtk_label_new (message);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (60, (int) g_utf8_strlen (message, -1)));
  gtk_box_append (GTK_BOX (box), label);
  if (file)
    {
      button = gtk_button_new_with_mnemonic (_("_Open"));
      gtk_widget_set_name (button, "toast-open");
      g_signal_connect (button, "clicked", G_CALLBACK (on_open), toast);
      gtk_box_append (GTK_BOX (box), button);
    }
  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Close"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_close), toast);
  gtk_box_append (GTK_BOX (box), button);

  toast->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (toast->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_set_halign (toast->revealer, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (toast->revealer, GTK_ALIGN_END);
  /* Above a window's bottom bar (the playback controls), not on it. */
  gtk_widget_set_margin_bottom (toast->revealer, 72);
  gtk_revealer_set_child (GTK_REVEALER (toast->revealer), box);
  gtk_overlay_add_overlay (toast->overlay, toast->revealer);
  gtk_revealer_set_reveal_child (GTK_REVEALER (toast->revealer), TRUE);
  toast->timeout = g_timeout_add_seconds (TOAST_SECONDS, on_timeout, toast);
}

GtkWidget *
synack_toast_get_current (GtkWindow *window)
{
  Toast *toast = g_object_get_data (G_OBJECT (window), "synack-toast");

  if (toast == NULL || toast->revealer == NULL ||
      !gtk_revealer_get_reveal_child (GTK_REVEALER (toast->revealer)))
    return NULL;
  return toast->revealer;
}
