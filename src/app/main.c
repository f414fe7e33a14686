/* main.c: starts the SynAck application. */
#include "synack-config.h"

#include "synack-application.h"
#include "synack-i18n.h"

int
main (int argc, char *argv[])
{
  g_autoptr(SynackApplication) app = NULL;

  synack_i18n_init ();

  app = synack_application_new (G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
