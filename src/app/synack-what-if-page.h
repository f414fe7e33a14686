/* synack-what-if-page.h: the What If page: calls to add at the cursor, and the document's edits so far. */
#pragma once

#include <gtk/gtk.h>

#include "synack-document.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_WHAT_IF_PAGE (synack_what_if_page_get_type ())
G_DECLARE_FINAL_TYPE (SynackWhatIfPage, synack_what_if_page, SYNACK, WHAT_IF_PAGE, GtkBox)

/* Its buttons use the window's win.what-if, win.undo-edit, win.reset-edits
 * and win.save actions; the list of edits follows the document. */
void    synack_what_if_page_set_document    (SynackWhatIfPage *self, SynackDocument *document);
/* Says when the calls would happen: the cursor's time, as shown. */
void    synack_what_if_page_set_time        (SynackWhatIfPage *self, const char *cursor_time);
/* How many bytes "Send Data" sends. */
guint64 synack_what_if_page_get_send_bytes  (SynackWhatIfPage *self);

G_END_DECLS
