/* synack-parameters-page.c: the Parameters page, one row per key of the parameter table, bound to a document. */
#include "synack-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "synack-param-keys.h"
#include "synack-parameters-page.h"

struct _SynackParametersPage
{
  GtkBox          parent_instance;

  GtkGrid        *rows_grid;
  GtkDropDown    *close_first_dropdown;
  GtkSpinButton  *close_at_spin;

  SynackDocument *document;
  GHashTable     *widgets;   /* key -> its spin button or drop-down */
  guint           syncing;   /* > 0 while we show the document's values */
};

G_DEFINE_FINAL_TYPE (SynackParametersPage, synack_parameters_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define INFO_KEY "synack-param-info"

/* ---- Showing the document's values ------------------------------------------ */

static void
show_values (SynackParametersPage *self)
{
  SynackParams params;
  GHashTableIter iter;
  gpointer widget;
  SynackTime at;
  SynackCloseOrder order;

  if (self->document == NULL || !synack_document_get_params (self->document, &params))
    return;

  self->syncing++;
  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    {
      const SynackParamInfo *info = g_object_get_data (widget, INFO_KEY);

      if (GTK_IS_DROP_DOWN (widget))
        {
          g_autofree char *value = synack_param_get_value (&params, info);

          for (guint i = 0; info->choices[i].value != NULL; i++)
            if (g_str_equal (info->choices[i].value, value))
              gtk_drop_down_set_selected (widget, i);
        }
      else
        gtk_spin_button_set_value (widget, synack_param_get_number (&params, info));
    }
  order = synack_document_get_close_order (self->document, &at);
  gtk_drop_down_set_selected (self->close_first_dropdown, order);
  gtk_spin_button_set_value (self->close_at_spin, at / 1e6);
  gtk_widget_set_sensitive (GTK_WIDGET (self->close_at_spin), order != SYNACK_CLOSE_AS_WRITTEN);
  self->syncing--;
}

/* ---- Changing them ---------------------------------------------------------- */

static void
on_value_changed (GtkWidget *widget, GParamSpec *pspec, SynackParametersPage *self)
{
  const SynackParamInfo *info = g_object_get_data (G_OBJECT (widget), INFO_KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->syncing > 0 || self->document == NULL)
    return;
  if (GTK_IS_DROP_DOWN (widget))
    value = g_strdup (info->choices[gtk_drop_down_get_selected (GTK_DROP_DOWN (widget))].value);
  else
    value = synack_param_value_from_number (info, gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)));
  if (!synack_document_set_param (self->document, info->key, value, &error))
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      show_values (self);
    }
}

static void
on_closing_changed (SynackParametersPage *self)
{
  guint order = gtk_drop_down_get_selected (self->close_first_dropdown);

  gtk_widget_set_sensitive (GTK_WIDGET (self->close_at_spin), order != SYNACK_CLOSE_AS_WRITTEN);
  if (self->syncing > 0 || self->document == NULL || order == GTK_INVALID_LIST_POSITION)
    return;
  synack_document_set_close_order (self->document, order,
                                   (SynackTime) llround (gtk_spin_button_get_value (self->close_at_spin) * 1e6));
}

/* ---- The rows, from the parameter table ------------------------------------- */

static GtkWidget *
make_value_widget (const SynackParamInfo *info)
{
  GtkWidget *widget;

  if (info->choices != NULL)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      for (guint i = 0; info->choices[i].value != NULL; i++)
        gtk_string_list_append (labels, _(info->choices[i].label));
      widget = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
    }
  else
    {
      widget = gtk_spin_button_new_with_range (info->min, info->max, info->step);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (widget), (guint) info->digits);
      /* The same width for every row, however large the range. */
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 8);
    }
  return widget;
}

static void
add_row (SynackParametersPage *self, const SynackParamInfo *info, int row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (_(info->label));
  GtkWidget *widget = make_value_widget (info);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_tooltip_text (label, _(info->help));
  gtk_widget_set_tooltip_text (widget, _(info->help));
  g_object_set_data (G_OBJECT (widget), INFO_KEY, (gpointer) info);
  g_signal_connect (widget, GTK_IS_DROP_DOWN (widget) ? "notify::selected" : "notify::value",
                    G_CALLBACK (on_value_changed), self);
  gtk_grid_attach (self->rows_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->rows_grid, widget, 1, row, 1, 1);
  g_hash_table_insert (self->widgets, (gpointer) info->key, widget);
}

static void
build_rows (SynackParametersPage *self)
{
  size_t n_keys;
  const SynackParamInfo *table = synack_param_table (&n_keys);
  int row = 0;

  for (size_t i = 0; i < n_keys; i++)
    if (table[i].label != NULL)
      add_row (self, &table[i], row++);
}

/* ---- Public ------------------------------------------------------------------ */

void
synack_parameters_page_set_document (SynackParametersPage *self, SynackDocument *document)
{
  g_return_if_fail (SYNACK_IS_PARAMETERS_PAGE (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (show_values), self, G_CONNECT_SWAPPED);
  show_values (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

SynackDocument *
synack_parameters_page_get_document (SynackParametersPage *self)
{
  return self->document;
}

GtkWidget *
synack_parameters_page_get_widget (SynackParametersPage *self, const char *key)
{
  if (g_strcmp0 (key, "close-first") == 0)
    return GTK_WIDGET (self->close_first_dropdown);
  if (g_strcmp0 (key, "close-at") == 0)
    return GTK_WIDGET (self->close_at_spin);
  return key != NULL ? g_hash_table_lookup (self->widgets, key) : NULL;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
synack_parameters_page_dispose (GObject *object)
{
  SynackParametersPage *self = SYNACK_PARAMETERS_PAGE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SYNACK_TYPE_PARAMETERS_PAGE);
  G_OBJECT_CLASS (synack_parameters_page_parent_class)->dispose (object);
}

static void
synack_parameters_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, SYNACK_PARAMETERS_PAGE (object)->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_parameters_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DOCUMENT: synack_parameters_page_set_document (SYNACK_PARAMETERS_PAGE (object), g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_parameters_page_class_init (SynackParametersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_parameters_page_dispose;
  object_class->get_property = synack_parameters_page_get_property;
  object_class->set_property = synack_parameters_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, SYNACK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-parameters-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackParametersPage, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, SynackParametersPage, close_first_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SynackParametersPage, close_at_spin);
}

static void
synack_parameters_page_init (SynackParametersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  build_rows (self);
  g_signal_connect_swapped (self->close_first_dropdown, "notify::selected", G_CALLBACK (on_closing_changed), self);
  g_signal_connect_swapped (self->close_at_spin, "notify::value", G_CALLBACK (on_closing_changed), self);
}
