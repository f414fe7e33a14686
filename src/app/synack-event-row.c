/* synack-event-row.c: one trace event as an item of the event list's model. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-event-row.h"
#include "synack-describe.h"

struct _SynackEventRow
{
  GObject parent_instance;

  long  index;
  char *time;
  char *host;
  char *kind;
  char *summary;
};

G_DEFINE_FINAL_TYPE (SynackEventRow, synack_event_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_TIME,
  PROP_HOST,
  PROP_KIND,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
synack_event_row_finalize (GObject *object)
{
  SynackEventRow *self = SYNACK_EVENT_ROW (object);

  g_clear_pointer (&self->time, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->summary, g_free);
  G_OBJECT_CLASS (synack_event_row_parent_class)->finalize (object);
}

static void
synack_event_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackEventRow *self = SYNACK_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX: g_value_set_long (value, self->index); break;
    case PROP_TIME: g_value_set_string (value, self->time); break;
    case PROP_HOST: g_value_set_string (value, self->host); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_event_row_class_init (SynackEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = synack_event_row_finalize;
  object_class->get_property = synack_event_row_get_property;

  properties[PROP_INDEX] = g_param_spec_long ("index", NULL, NULL, -1, G_MAXLONG, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
synack_event_row_init (SynackEventRow *self)
{
}

static const char *
kind_name (SynackEventType type)
{
  switch (type)
    {
    case SYNACK_EVENT_APP: return _("call");
    case SYNACK_EVENT_STATE: return _("state");
    case SYNACK_EVENT_SEND: return _("send");
    case SYNACK_EVENT_DELIVER: return _("arrive");
    case SYNACK_EVENT_LOST: return _("lost");
    case SYNACK_EVENT_DUPLICATE: return _("copy");
    case SYNACK_EVENT_TIMER: return _("timer");
    default: return "";
    }
}

SynackEventRow *
synack_event_row_new (const SynackTrace *trace, long index)
{
  SynackEventRow *self = g_object_new (SYNACK_TYPE_EVENT_ROW, NULL);
  const SynackEvent *e = &trace->events[index];

  self->index = index;
  self->time = synack_describe_time (e->t, SYNACK_TIME_EXACT);
  self->host = g_strdup (synack_describe_host (e->host, SYNACK_HOST_TITLE));
  self->kind = g_strdup (kind_name (e->type));
  self->summary = synack_describe_summary (trace, index);
  return self;
}

long synack_event_row_get_index (SynackEventRow *self) { return self->index; }
const char *synack_event_row_get_time (SynackEventRow *self) { return self->time; }
const char *synack_event_row_get_host (SynackEventRow *self) { return self->host; }
const char *synack_event_row_get_kind (SynackEventRow *self) { return self->kind; }
const char *synack_event_row_get_summary (SynackEventRow *self) { return self->summary; }

struct _SynackEventList
{
  GObject parent_instance;

  const SynackTrace *trace;
  long               last;
  guint              n_items;
};

static GType
synack_event_list_get_item_type (GListModel *model)
{
  return SYNACK_TYPE_EVENT_ROW;
}

static guint
synack_event_list_get_n_items (GListModel *model)
{
  return SYNACK_EVENT_LIST (model)->n_items;
}

static gpointer
synack_event_list_get_item (GListModel *model, guint position)
{
  SynackEventList *self = SYNACK_EVENT_LIST (model);

  if (position >= self->n_items)
    return NULL;
  return synack_event_row_new (self->trace, position);
}

static void
synack_event_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = synack_event_list_get_item_type;
  iface->get_n_items = synack_event_list_get_n_items;
  iface->get_item = synack_event_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SynackEventList, synack_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, synack_event_list_model_init))

static void
synack_event_list_class_init (SynackEventListClass *klass)
{
}

static void
synack_event_list_init (SynackEventList *self)
{
  self->last = SYNACK_EVENT_LIST_ALL;
}

static guint
listed_count (SynackEventList *self)
{
  size_t n = self->trace ? self->trace->n_events : 0;

  if (self->last < (long) n)
    n = (size_t) (self->last + 1);
  return (guint) MIN (n, G_MAXUINT);
}

/* Only the tail changes: rows above it stay as they are. */
static void
update_count (SynackEventList *self)
{
  guint before = self->n_items, after = listed_count (self);

  self->n_items = after;
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

void
synack_event_list_set_last (SynackEventList *self, long last)
{
  self->last = MAX (last, -1);
  update_count (self);
}

SynackEventList *
synack_event_list_new (void)
{
  return g_object_new (SYNACK_TYPE_EVENT_LIST, NULL);
}

void
synack_event_list_set_trace (SynackEventList *self, const SynackTrace *trace)
{
  guint removed = self->n_items;

  self->trace = trace;
  self->n_items = listed_count (self);
  if (removed > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}
