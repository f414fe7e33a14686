/* synack-window-properties.c: the window's properties, the classroom switches (presentation, caption, legend, hidden future, states, predict, axis, theme) its menu actions and settings bind to. */
#include "synack-config.h"

#include "synack-window-private.h"

enum {
  PROP_0,
  PROP_PRESENTATION,
  PROP_THEME_CHOICE,
  PROP_PLAYING,
  PROP_SHOW_SIDE_PANEL,
  PROP_SHOW_STATES,
  PROP_PREDICT,
  PROP_HIDE_FUTURE,
  PROP_SHOW_CAPTION,
  PROP_AXIS,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_synack_window_set_hide_future (SynackWindow *self, gboolean hide)
{
  hide = !!hide;
  if (self->hide_future == hide)
    return;
  self->hide_future = hide;
  self->syncing++;
  synack_event_list_set_last (self->event_list, hide ? self->upto : SYNACK_EVENT_LIST_ALL);
  self->syncing--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_FUTURE]);
}

static void
synack_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION: g_value_set_boolean (value, self->presentation); break;
    case PROP_THEME_CHOICE: g_value_set_string (value, self->theme_choice); break;
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_SHOW_SIDE_PANEL: g_value_set_boolean (value, self->show_side_panel); break;
    case PROP_SHOW_STATES: g_value_set_boolean (value, self->show_states); break;
    case PROP_PREDICT: g_value_set_boolean (value, self->predict); break;
    case PROP_HIDE_FUTURE: g_value_set_boolean (value, self->hide_future); break;
    case PROP_SHOW_CAPTION: g_value_set_boolean (value, self->show_caption); break;
    case PROP_AXIS: g_value_set_string (value, _synack_window_get_axis (self)); break;
    case PROP_SHOW_LEGEND: g_value_set_boolean (value, self->show_legend); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SynackWindow *self = SYNACK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESENTATION: _synack_window_set_presentation (self, g_value_get_boolean (value)); break;
    case PROP_THEME_CHOICE: _synack_window_set_theme_choice (self, g_value_get_string (value)); break;
    case PROP_SHOW_SIDE_PANEL:
      /* The whole width for the diagram, on a small screen or projector. */
      self->show_side_panel = g_value_get_boolean (value);
      if (self->paned != NULL)
        gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), self->show_side_panel && !self->presentation);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SHOW_STATES: _synack_window_set_show_states (self, g_value_get_boolean (value)); break;
    case PROP_PREDICT: _synack_window_set_predict (self, g_value_get_boolean (value)); break;
    case PROP_HIDE_FUTURE: _synack_window_set_hide_future (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_CAPTION: _synack_window_set_show_caption (self, g_value_get_boolean (value)); break;
    case PROP_AXIS: _synack_window_set_axis (self, g_value_get_string (value)); break;
    case PROP_SHOW_LEGEND: _synack_window_set_show_legend (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_synack_window_class_properties_init (GObjectClass *object_class)
{
  object_class->get_property = synack_window_get_property;
  object_class->set_property = synack_window_set_property;

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME_CHOICE] =
    g_param_spec_string ("theme-choice", NULL, NULL, "system",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDE_PANEL] =
    g_param_spec_boolean ("show-side-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_STATES] =
    g_param_spec_boolean ("show-states", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREDICT] =
    g_param_spec_boolean ("predict", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDE_FUTURE] =
    g_param_spec_boolean ("hide-future", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_CAPTION] =
    g_param_spec_boolean ("show-caption", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AXIS] =
    g_param_spec_string ("axis", NULL, NULL, "compressed",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}
