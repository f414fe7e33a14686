/* main.c: starts the SynAck application. */
#include "synack-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "synack-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(SynackApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = synack_application_new (G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
