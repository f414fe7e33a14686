/* synack-application.h: the SynAck GtkApplication: app actions, accelerators, settings. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SYNACK_APPLICATION_ID "io.github.synack.SynAck"

#define SYNACK_TYPE_APPLICATION (synack_application_get_type ())
G_DECLARE_FINAL_TYPE (SynackApplication, synack_application, SYNACK, APPLICATION, GtkApplication)

SynackApplication *synack_application_new (GApplicationFlags flags);

GSettings *synack_application_get_settings (SynackApplication *self);

/* The desktop's dark-style preference (the XDG settings portal), followed
 * when the theme setting is "system"; notifies "system-dark". */
gboolean synack_application_get_system_dark (SynackApplication *self);

/* Keys without a modifier (Space, arrows, +/−) must not steal typing from
 * entries, so they are not application accelerators: each window adds them
 * in a bubble-phase shortcut controller. Both come from one table. A
 * scrolled view that takes the focus gets them too: they reach it before
 * its scrolled window, which would spend Home, End and the arrows on
 * scrolling. */
void synack_application_add_window_shortcuts (SynackApplication *self,
                                              GtkWidget         *window);

G_END_DECLS
