/* synack-application.c: the SynAck GtkApplication: app actions, accelerators, settings. */
#include "synack-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "synack-application.h"
#include "synack-i18n.h"
#include "synack-window.h"

struct _SynackApplication
{
  GtkApplication parent_instance;

  GSettings  *settings;
  GDBusProxy *portal;
  gboolean    system_dark;
};

enum {
  PROP_0,
  PROP_SYSTEM_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SynackApplication, synack_application, GTK_TYPE_APPLICATION)

/* Every keyboard shortcut of the application, and only here; the shortcuts
 * window (ui/gtk/help-overlay.ui) lists the same ones. */
static const struct {
  const char *action;
  const char *accels[4];
} accels[] = {
  { "app.quit",               { "<Control>q", NULL } },
  { "app.new-window",         { "<Control>n", NULL } },
  { "win.close",              { "<Control>w", NULL } },
  { "win.open",               { "<Control>o", NULL } },
  { "win.save",               { "<Control>s", NULL } },
  { "win.export",             { "<Control>e", NULL } },
  { "win.lessons",            { "<Control>l", NULL } },
  { "win.presentation",       { "F11", NULL } },
  { "win.side-panel",         { "F9", NULL } },
  { "win.state-diagram",      { "F8", NULL } },
  { "win.predict",            { "F7", NULL } },
  { "win.leave-presentation", { "Escape", NULL } },
  { "win.zoom-in",            { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out",           { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-reset",         { "<Control>0", "<Control>KP_0", NULL } },
  { "win.show-help-overlay",  { "<Control>question", NULL } },
  /* Bare keys: window-level, bubble phase (see add_window_shortcuts). */
  { "win.play",               { "space", NULL } },
  { "win.step-forward",       { "Right", "period", NULL } },
  { "win.step-back",          { "Left", "comma", NULL } },
  { "win.go-start",           { "Home", NULL } },
  { "win.go-end",             { "End", NULL } },
  { "win.faster",             { "plus", "equal", "KP_Add", NULL } },
  { "win.slower",             { "minus", "KP_Subtract", NULL } },
  { "win.caption",            { "c", NULL } },
};

static gboolean
accel_is_bare (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  return gtk_accelerator_parse (accel, &key, &mods) && mods == 0 &&
         !(key >= GDK_KEY_F1 && key <= GDK_KEY_F35) && key != GDK_KEY_Escape;
}

void
synack_application_add_window_shortcuts (SynackApplication *self,
                                         GtkWidget         *window)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "synack-bare-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_LOCAL);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    for (guint j = 0; accels[i].accels[j] != NULL; j++)
      {
        if (!accel_is_bare (accels[i].accels[j]))
          continue;
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accels[i].accels[j]),
                            gtk_named_action_new (accels[i].action)));
      }

  gtk_widget_add_controller (window, controller);
}

static void
synack_application_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  SynackApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close each window so it saves its size; quit when the last one goes. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
synack_application_new_window (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  SynackWindow *window = synack_window_new (user_data);

  synack_window_load_lesson (window, g_settings_get_string (SYNACK_APPLICATION (user_data)->settings, "last-lesson"));
  gtk_window_present (GTK_WINDOW (window));
}

static void
synack_application_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = user_data;
  const char *authors[] = { _("The SynAck developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "SynAck",
                         "logo-icon-name", SYNACK_APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("An educational simulator of TCP connection set-up and teardown"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "website", "https://github.com/synack/synack",
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", synack_application_quit },
  { "new-window", synack_application_new_window },
  { "about", synack_application_about },
};

/* The language setting changed: gettext answers in the new language, and
 * each window is built again, showing the same run at the same event. */
static void
on_language_changed (SynackApplication *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  synack_i18n_set_language (language);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      SynackWindow *fresh;

      if (!SYNACK_IS_WINDOW (l->data))
        continue;
      fresh = synack_window_new (self);
      synack_window_take_over (fresh, l->data);
      gtk_window_present (GTK_WINDOW (fresh));
      gtk_window_destroy (l->data);
    }
  g_list_free (windows);
}

static void
set_system_dark (SynackApplication *self, GVariant *value /* owned */)
{
  gboolean dark;

  /* Read() wraps the value in one variant more than SettingChanged does. */
  while (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (value);
      g_variant_unref (value);
      value = inner;
    }
  if (value == NULL)
    return;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    {
      g_variant_unref (value);
      return;
    }
  dark = g_variant_get_uint32 (value) == 1;  /* 1: prefer dark, 2: prefer light */
  g_variant_unref (value);
  if (dark != self->system_dark)
    {
      self->system_dark = dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_DARK]);
    }
}

static void
on_portal_signal (GDBusProxy *proxy, const char *sender, const char *signal,
                  GVariant *params, SynackApplication *self)
{
  const char *ns, *key;
  g_autoptr(GVariant) value = NULL;

  if (g_strcmp0 (signal, "SettingChanged") != 0)
    return;
  g_variant_get (params, "(&s&sv)", &ns, &key, &value);
  if (g_str_equal (ns, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    set_system_dark (self, g_variant_ref (value));
}

static void
on_portal_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SynackApplication) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, NULL);

  if (reply != NULL)
    set_system_dark (self, g_variant_get_child_value (reply, 0));
}

static void
on_portal_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SynackApplication) self = user_data;
  GDBusProxy *proxy = g_dbus_proxy_new_for_bus_finish (result, NULL);

  /* No portal (a bare X session, the tests): stay light unless asked. */
  if (proxy == NULL)
    return;
  self->portal = proxy;
  g_signal_connect_object (proxy, "g-signal", G_CALLBACK (on_portal_signal), self, 0);
  g_dbus_proxy_call (proxy, "Read", g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"),
                     G_DBUS_CALL_FLAGS_NONE, 2000, NULL, on_portal_read, g_object_ref (self));
}

gboolean
synack_application_get_system_dark (SynackApplication *self)
{
  g_return_val_if_fail (SYNACK_IS_APPLICATION (self), FALSE);
  return self->system_dark;
}

static void
synack_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SynackApplication *self = SYNACK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SYSTEM_DARK: g_value_set_boolean (value, self->system_dark); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Han characters in the window are drawn from the Simplified Chinese face
 * of Noto CJK; left to itself fontconfig often picks the Japanese one, whose
 * glyphs differ. The user's font stays first for everything else. */
static void
prefer_simplified_chinese_glyphs (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *name = NULL;
  PangoFontDescription *font;
  const char *family;

  if (settings == NULL)
    return;
  g_object_get (settings, "gtk-font-name", &name, NULL);
  font = pango_font_description_from_string (name ? name : "Sans 10");
  family = pango_font_description_get_family (font);
  if (family == NULL || strstr (family, "CJK") == NULL)
    {
      g_autofree char *families = g_strdup_printf ("%s, Noto Sans CJK SC", family ? family : "Sans");
      g_autofree char *with_cjk = NULL;

      pango_font_description_set_family (font, families);
      with_cjk = pango_font_description_to_string (font);
      g_object_set (settings, "gtk-font-name", with_cjk, NULL);
    }
  pango_font_description_free (font);
}

static void
synack_application_startup (GApplication *app)
{
  SynackApplication *self = SYNACK_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (synack_application_parent_class)->startup (app);
  /* A dark variant asked for in GTK's own settings.ini counts as the
   * system's choice until the portal says otherwise. */
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &self->system_dark, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  {
    g_autoptr(GAction) language = g_settings_create_action (self->settings, "language");
    g_autofree char *chosen = g_settings_get_string (self->settings, "language");

    g_action_map_add_action (G_ACTION_MAP (self), language);
    if (*chosen != '\0')
      synack_i18n_set_language (chosen);
    g_signal_connect_swapped (self->settings, "changed::language", G_CALLBACK (on_language_changed), self);
  }

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      const char *modified[G_N_ELEMENTS (accels[i].accels)] = { NULL };
      guint n = 0;

      for (guint j = 0; accels[i].accels[j] != NULL; j++)
        if (!accel_is_bare (accels[i].accels[j]))
          modified[n++] = accels[i].accels[j];
      if (n > 0)
        gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, modified);
    }

  gtk_css_provider_load_from_resource (css, "/io/github/synack/SynAck/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (SYNACK_APPLICATION_ID);
  prefer_simplified_chinese_glyphs ();

  {
    GDBusConnection *bus = g_application_get_dbus_connection (app);
    if (bus != NULL)
      g_dbus_proxy_new (bus, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, NULL,
                        "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                        "org.freedesktop.portal.Settings", NULL, on_portal_ready, g_object_ref (self));
  }
}

static void
synack_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (synack_window_new (SYNACK_APPLICATION (app)));
      synack_window_load_lesson (SYNACK_WINDOW (window),
                                 g_settings_get_string (SYNACK_APPLICATION (app)->settings, "last-lesson"));
    }
  gtk_window_present (window);
}

static void
synack_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      SynackWindow *window = synack_window_new (SYNACK_APPLICATION (app));

      synack_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
synack_application_dispose (GObject *object)
{
  SynackApplication *self = SYNACK_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->portal);
  G_OBJECT_CLASS (synack_application_parent_class)->dispose (object);
}

static void
synack_application_class_init (SynackApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = synack_application_dispose;
  object_class->get_property = synack_application_get_property;
  app_class->startup = synack_application_startup;
  app_class->activate = synack_application_activate;
  app_class->open = synack_application_open;

  properties[PROP_SYSTEM_DARK] =
    g_param_spec_boolean ("system-dark", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The installed schema if there is one; otherwise the one compiled in the
 * build tree, so `./build/src/app/synack` runs straight after building. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (installed)
    schema = g_settings_schema_source_lookup (installed, SYNACK_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_autoptr (GSettingsSchemaSource) built =
        g_settings_schema_source_new_from_directory (SYNACK_BUILD_SCHEMA_DIR, installed, FALSE, NULL);

      if (built)
        schema = g_settings_schema_source_lookup (built, SYNACK_APPLICATION_ID, FALSE);
    }
  if (schema == NULL)
    g_error ("The settings schema %s is not installed: run `meson install`, or start "
             "SynAck from its build folder", SYNACK_APPLICATION_ID);
  return g_settings_new_full (schema, NULL, NULL);
}

static void
synack_application_init (SynackApplication *self)
{
  self->settings = open_settings ();
}

SynackApplication *
synack_application_new (GApplicationFlags flags)
{
  return g_object_new (SYNACK_TYPE_APPLICATION,
                       "application-id", SYNACK_APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/synack/SynAck",
                       NULL);
}

GSettings *
synack_application_get_settings (SynackApplication *self)
{
  g_return_val_if_fail (SYNACK_IS_APPLICATION (self), NULL);
  return self->settings;
}
