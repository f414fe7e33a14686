/* main.c: starts the SynAck application. */
#include "synack-config.h"

#include <gio/gio.h>

#include "synack-application.h"
#include "synack-i18n.h"

/* Without a session bus GTK's accessibility layer warns at every start, and
 * AT-SPI cannot work then anyway; the connection made here is the one the
 * application reuses. */
static void
skip_accessibility_without_session_bus (void)
{
  g_autoptr(GDBusConnection) bus = NULL;

  if (g_getenv ("GTK_A11Y") != NULL)
    return;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    g_setenv ("GTK_A11Y", "none", FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr(SynackApplication) app = NULL;

  synack_i18n_init ();

  skip_accessibility_without_session_bus ();
  app = synack_application_new (G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
