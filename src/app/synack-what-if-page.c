/* synack-what-if-page.c: the What If page: calls to add at the cursor, and the document's edits so far. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-what-if-page.h"

struct _SynackWhatIfPage
{
  GtkBox          parent_instance;

  GtkLabel       *whatif_time_label;
  GtkSpinButton  *send_bytes_spin;
  GtkLabel       *edits_label;

  SynackDocument *document;
};

G_DEFINE_FINAL_TYPE (SynackWhatIfPage, synack_what_if_page, GTK_TYPE_BOX)

static void
show_edits (SynackWhatIfPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = self->document != NULL ? synack_document_get_n_edits (self->document) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = synack_edit_to_line (synack_document_get_edit (self->document, i));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  gtk_label_set_text (self->edits_label, text->len ? text->str : _("None yet."));
}

void
synack_what_if_page_set_document (SynackWhatIfPage *self, SynackDocument *document)
{
  g_return_if_fail (SYNACK_IS_WHAT_IF_PAGE (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (show_edits), self, G_CONNECT_SWAPPED);
  show_edits (self);
}

void
synack_what_if_page_set_time (SynackWhatIfPage *self, const char *cursor_time)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: the what-if page; %s is a time like "1.5 s" */
  text = g_strdup_printf (_("Make something happen at the cursor, t = %s. The run is redone with the change; everything before it stays the same."), cursor_time);
  gtk_label_set_text (self->whatif_time_label, text);
}

guint64
synack_what_if_page_get_send_bytes (SynackWhatIfPage *self)
{
  return (guint64) gtk_spin_button_get_value_as_int (self->send_bytes_spin);
}

static void
synack_what_if_page_dispose (GObject *object)
{
  SynackWhatIfPage *self = SYNACK_WHAT_IF_PAGE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), SYNACK_TYPE_WHAT_IF_PAGE);
  G_OBJECT_CLASS (synack_what_if_page_parent_class)->dispose (object);
}

static void
synack_what_if_page_class_init (SynackWhatIfPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = synack_what_if_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-what-if-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackWhatIfPage, whatif_time_label);
  gtk_widget_class_bind_template_child (widget_class, SynackWhatIfPage, send_bytes_spin);
  gtk_widget_class_bind_template_child (widget_class, SynackWhatIfPage, edits_label);
}

static void
synack_what_if_page_init (SynackWhatIfPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_edits (self);
}
