/* synack-cli-compare.c: `synack-cli compare` and `run --against`: a real capture against the simulation of a scenario. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-capture.h"
#include "synack-cli-common.h"

int
synack_cli_compare_with_capture (const char *command, const char *capture_path, const SynackTrace *simulated)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackCapture) capture = synack_capture_import_file (capture_path, 0, &error);
  g_auto (SynackCaptureDifference) diff = { 0 };
  g_autofree char *text = NULL;

  if (capture == NULL)
    {
      g_printerr ("%s: %s\n", command, error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!synack_capture_compare (capture->trace, simulated, &diff))
    {
      g_print (ngettext ("%s matches the simulation: %u segment compared\n",
                         "%s matches the simulation: %u segments compared\n", diff.n_compared),
               capture->source, diff.n_compared);
      return synack_cli_finish_output (command, SYNACK_EXIT_OK);
    }
  text = synack_capture_difference_to_string (&diff);
  g_print (_("%s differs from the simulation at %s\n"), capture->source, text);
  return synack_cli_finish_output (command, SYNACK_EXIT_FAILURE);
}

int
synack_cli_compare (int argc, char **argv)
{
  g_autofree char *preset = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("Compare with the built-in lesson NAME"), "NAME" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a parameter (repeatable)"), "KEY=VALUE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "CAPTURE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("FILE|--preset NAME - compare a real capture with the simulation of a scenario"));
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  int status;
  const char *capture_path;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, synack_cli_parameter_help ());
  if (!synack_cli_parse_options (context, entries, "synack-cli compare", &argc, &argv))
    return SYNACK_EXIT_BAD_INPUT;
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("synack-cli compare: %s\n", _("give the capture file (.pcap or .pcapng) first"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  capture_path = files[0];
  status = synack_cli_run_scenario ("synack-cli compare", files + 1, preset, sets, &scenario, &trace);
  if (status != SYNACK_EXIT_OK)
    return status;
  return synack_cli_compare_with_capture ("synack-cli compare", capture_path, trace);
}
