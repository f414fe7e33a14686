/* synack-cli-import.c: `synack-cli import`, a pcap or pcapng capture as a trace with inferred states, or as a scenario. */
#include "synack-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "synack-capture.h"
#include "synack-cli-common.h"
#include "synack-scenario.h"

int
synack_cli_import (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_auto (GStrv) files = NULL;
  gint64 conn = 0;
  gboolean replay = FALSE;
  GOptionEntry entries[] = {
    { "conn", 'c', 0, G_OPTION_ARG_INT64, &conn, N_("Import only the N-th TCP connection (from 1)"), "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output: text (default), json, or scenario (a scenario file that reproduces the capture)"), "FORMAT" },
    { "replay", 'r', 0, G_OPTION_ARG_NONE, &replay,
      N_("Simulate the scenario derived from the capture and print that run"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "CAPTURE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("CAPTURE - read a pcap or pcapng capture as a trace"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackCapture) capture = NULL;
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) replayed = NULL;
  g_autofree char *scenario_text = NULL;
  g_autofree char *output = NULL;
  const SynackTrace *trace;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("synack-cli import: %s\n", error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("synack-cli import: %s\n", _("give exactly one capture file (.pcap or .pcapng)"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (format && !g_str_equal (format, "text") && !g_str_equal (format, "json") && !g_str_equal (format, "scenario"))
    {
      g_printerr (_("synack-cli import: unknown format '%s' (text, json or scenario)\n"), format);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (conn < 0 || conn > G_MAXUINT32)
    {
      g_printerr ("synack-cli import: %s\n", _("--conn must be a connection number from 1"));
      return SYNACK_EXIT_BAD_INPUT;
    }

  capture = synack_capture_import_file (files[0], (guint) conn, &error);
  if (capture == NULL)
    {
      g_printerr ("synack-cli import: %s\n", error->message);
      return g_error_matches (error, SYNACK_CAPTURE_ERROR, SYNACK_CAPTURE_ERROR_READ) &&
             g_file_test (files[0], G_FILE_TEST_EXISTS) ? SYNACK_EXIT_FAILURE : SYNACK_EXIT_BAD_INPUT;
    }
  scenario_text = synack_capture_to_scenario_text (capture);
  if (format && g_str_equal (format, "scenario") && !replay)
    {
      output = g_steal_pointer (&scenario_text);
      trace = NULL;
    }
  else
    {
      scenario = synack_scenario_parse (scenario_text, capture->source, &error);
      if (scenario == NULL)
        {
          g_printerr (_("synack-cli import: %s: the derived scenario does not parse: %s\n"),
                      files[0], error->message);
          return SYNACK_EXIT_FAILURE;
        }
      synack_scenario_set_name (scenario, capture->source);
      trace = capture->trace;
      if (replay)
        {
          replayed = synack_scenario_run (scenario, NULL, &error);
          if (replayed == NULL)
            {
              g_printerr ("synack-cli import: %s\n", error->message);
              return SYNACK_EXIT_FAILURE;
            }
          trace = replayed;
        }
      if (format && g_str_equal (format, "scenario"))
        output = synack_scenario_to_text (scenario);
      else if (format && g_str_equal (format, "json"))
        output = synack_trace_to_json (trace, scenario);
      else
        output = synack_trace_to_text (trace, scenario);
    }
  if (fputs (output, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("synack-cli import: cannot write the output: %s\n"), g_strerror (errno));
      return SYNACK_EXIT_FAILURE;
    }
  return SYNACK_EXIT_OK;
}
