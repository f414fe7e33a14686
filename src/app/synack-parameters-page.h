/* synack-parameters-page.h: the Parameters page, one row per key of the parameter table, bound to a document. */
#pragma once

#include <gtk/gtk.h>

#include "synack-document.h"

G_BEGIN_DECLS

#define SYNACK_TYPE_PARAMETERS_PAGE (synack_parameters_page_get_type ())
G_DECLARE_FINAL_TYPE (SynackParametersPage, synack_parameters_page, SYNACK, PARAMETERS_PAGE, GtkBox)

/* The page shows the document's parameters and changes them; a value the
 * document refuses is reported with "error" (a message to show). */
void            synack_parameters_page_set_document (SynackParametersPage *self, SynackDocument *document);
SynackDocument *synack_parameters_page_get_document (SynackParametersPage *self);

/* The widget for a key, or "close-first" / "close-at"; NULL if not shown. */
GtkWidget      *synack_parameters_page_get_widget   (SynackParametersPage *self, const char *key);

G_END_DECLS
