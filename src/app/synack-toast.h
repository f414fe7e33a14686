/* synack-toast.h: a short notice at the bottom of a window ("Exported …" with an Open button), gone after a few seconds. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows message over window's content; with a file, an "Open" button opens
 * it in the default application. A new notice replaces the previous one. */
void       synack_toast_show (GtkWindow *window, const char *message, GFile *file);

/* The notice showing in window, or NULL: for tests. */
GtkWidget *synack_toast_get_current (GtkWindow *window);

G_END_DECLS
