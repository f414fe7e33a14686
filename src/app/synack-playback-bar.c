/* synack-playback-bar.c: the bar under the diagram: step buttons, play, the scrubber, the clock and the speed. */
#include "synack-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "synack-playback-bar.h"

/* The speed menu's entries, in simulated seconds per second. */
static const double speeds[] = { 0, 0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100 };

struct _SynackPlaybackBar
{
  GtkBox         parent_instance;

  GtkButton     *play_button;
  GtkAdjustment *scrub_adjustment;
  GtkLabel      *time_label;
  GtkDropDown   *speed_dropdown;

  guint          syncing;   /* > 0 while we set the widgets ourselves */
};

G_DEFINE_FINAL_TYPE (SynackPlaybackBar, synack_playback_bar, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SPEED,
  N_PROPS
};

enum {
  SEEK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
synack_playback_bar_set_playing (SynackPlaybackBar *self, gboolean playing)
{
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
}

void
synack_playback_bar_set_range (SynackPlaybackBar *self, long upto, size_t n_events)
{
  self->syncing++;
  gtk_adjustment_configure (self->scrub_adjustment, upto, -1, (double) n_events - 1, 1, 10, 0);
  self->syncing--;
}

void
synack_playback_bar_set_position (SynackPlaybackBar *self, long upto)
{
  self->syncing++;
  gtk_adjustment_set_value (self->scrub_adjustment, upto);
  self->syncing--;
}

void
synack_playback_bar_set_time (SynackPlaybackBar *self, const char *text)
{
  gtk_label_set_text (self->time_label, text);
}

double
synack_playback_bar_get_speed (SynackPlaybackBar *self)
{
  guint i = gtk_drop_down_get_selected (self->speed_dropdown);

  return i < G_N_ELEMENTS (speeds) ? speeds[i] : speeds[0];
}

static void
set_speed_index (SynackPlaybackBar *self, guint index)
{
  index = MIN (index, G_N_ELEMENTS (speeds) - 1);
  if (gtk_drop_down_get_selected (self->speed_dropdown) == index)
    return;
  self->syncing++;
  gtk_drop_down_set_selected (self->speed_dropdown, index);
  self->syncing--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

void
synack_playback_bar_set_speed (SynackPlaybackBar *self, double speed)
{
  guint best = 0;

  /* The nearest entry on a log scale (a saved speed may be between two). */
  if (speed > 0)
    for (guint i = 1; i < G_N_ELEMENTS (speeds); i++)
      if (best == 0 || fabs (log (speed) - log (speeds[i])) < fabs (log (speed) - log (speeds[best])))
        best = i;
  set_speed_index (self, best);
}

void
synack_playback_bar_step_speed (SynackPlaybackBar *self, int steps)
{
  int i = (int) gtk_drop_down_get_selected (self->speed_dropdown) + steps;

  set_speed_index (self, (guint) CLAMP (i, 0, (int) G_N_ELEMENTS (speeds) - 1));
}

static void
on_speed_selected (SynackPlaybackBar *self)
{
  if (self->syncing == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static void
on_scrubbed (SynackPlaybackBar *self)
{
  if (self->syncing == 0)
    g_signal_emit (self, signals[SEEK], 0, (glong) lround (gtk_adjustment_get_value (self->scrub_adjustment)));
}

static void
synack_playback_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SPEED: g_value_set_double (value, synack_playback_bar_get_speed (SYNACK_PLAYBACK_BAR (object))); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_playback_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SPEED: synack_playback_bar_set_speed (SYNACK_PLAYBACK_BAR (object), g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
synack_playback_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SYNACK_TYPE_PLAYBACK_BAR);
  G_OBJECT_CLASS (synack_playback_bar_parent_class)->dispose (object);
}

static void
synack_playback_bar_class_init (SynackPlaybackBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = synack_playback_bar_dispose;
  object_class->get_property = synack_playback_bar_get_property;
  object_class->set_property = synack_playback_bar_set_property;

  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0, 100, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_LONG);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/synack/SynAck/synack-playback-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SynackPlaybackBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, SynackPlaybackBar, scrub_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SynackPlaybackBar, time_label);
  gtk_widget_class_bind_template_child (widget_class, SynackPlaybackBar, speed_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_scrubbed);
}

static void
synack_playback_bar_init (SynackPlaybackBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
