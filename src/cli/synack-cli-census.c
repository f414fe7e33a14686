/* synack-cli-census.c: `synack-cli census`: how many sockets each host holds
 * in each state over a run, as `ss -s` would count them, written as the
 * scenario runs (no trace kept). */
#include "synack-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <unistd.h>

#include "synack-atomic-file.h"
#include "synack-cli-common.h"

#define COMMAND "synack-cli census"

/* Writes the census into the file being made for `path`, which appears
 * only if everything went well: a failed run or a full disk leaves what
 * was there before. */
static gboolean
census_to_file (const SynackScenario *scenario, SynackCensusFormat format, SynackTime interval,
                SynackAtomicFile *file, GError **error)
{
  int fd = dup (file->fd);
  FILE *out = fd >= 0 ? fdopen (fd, "w") : NULL;
  gboolean ok;

  if (out == NULL)
    {
      synack_atomic_file_set_error (error, file->final_path, errno);
      if (fd >= 0)
        close (fd);
      synack_atomic_file_abort (file);
      return FALSE;
    }
  ok = synack_scenario_census_to_stream (scenario, format, interval, out, NULL, error);
  if (fclose (out) != 0 && ok)
    {
      synack_atomic_file_set_error (error, file->final_path, errno);
      ok = FALSE;
    }
  if (!ok)
    {
      synack_atomic_file_abort (file);
      return FALSE;
    }
  return synack_atomic_file_commit (file, 1, error);
}

/* One scenario to compare: a file if there is one of that name, else a
 * lesson (always a lesson for --preset), with the --set changes. */
static gboolean
add_to_compare (GPtrArray *scenarios, const char *name, gboolean lesson, char **sets)
{
  char *file[] = { (char *) name, NULL };
  g_autoptr (GError) error = NULL;
  SynackScenario *scenario;

  lesson = lesson || !g_file_test (name, G_FILE_TEST_EXISTS);
  scenario = synack_cli_load_scenario (lesson ? NULL : file, lesson ? name : NULL, sets, &error);
  if (scenario == NULL)
    {
      g_printerr ("%s: %s\n", COMMAND, error->message);
      return FALSE;
    }
  g_ptr_array_add (scenarios, scenario);
  return TRUE;
}

/* --compare: every scenario named and --preset's, censused and set side
 * by side. */
static int
census_compare (char **names, const char *preset, char **sets, const char *output)
{
  g_autoptr (GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) synack_scenario_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *table = NULL;

  if (preset != NULL && !add_to_compare (scenarios, preset, TRUE, sets))
    return SYNACK_EXIT_BAD_INPUT;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (!add_to_compare (scenarios, names[i], FALSE, sets))
      return SYNACK_EXIT_BAD_INPUT;
  if (scenarios->len == 0)
    {
      g_printerr (_("%s: --compare needs the lessons or files to compare\n"), COMMAND);
      return SYNACK_EXIT_BAD_INPUT;
    }
  table = synack_census_compare ((SynackScenario *const *) scenarios->pdata, scenarios->len, &error);
  if (table == NULL)
    {
      g_printerr ("%s: %s\n", COMMAND, error->message);
      return SYNACK_EXIT_FAILURE;
    }
  if (output == NULL)
    {
      fputs (table, stdout);
      return SYNACK_EXIT_OK;
    }
  /* Written to a temporary file renamed into place: all or nothing. */
  if (!g_file_set_contents (output, table, -1, &error))
    {
      g_printerr ("%s: %s\n", COMMAND, error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  return SYNACK_EXIT_OK;
}

/* An interval too short for the run's length is bad input; a run that
 * fails or a write that does not go through is a failure. */
static int
report_failure (const GError *error)
{
  g_printerr ("%s: %s\n", COMMAND, error->message);
  return g_error_matches (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE)
         ? SYNACK_EXIT_BAD_INPUT : SYNACK_EXIT_FAILURE;
}

int
synack_cli_census (int argc, char **argv)
{
  g_autofree char *preset = NULL;
  g_autofree char *format = NULL;
  g_autofree char *interval_text = NULL;
  g_autofree char *output = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) files = NULL;
  gboolean compare = FALSE;
  GOptionEntry entries[] = {
    { "compare", 'c', 0, G_OPTION_ARG_NONE, &compare,
      N_("Compare the peaks and refusals of several lessons or files, one line each"), NULL },
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("Count the sockets of the built-in lesson NAME"), "NAME" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a parameter (repeatable)"), "KEY=VALUE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), "FORMAT" },
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &interval_text,
      N_("A row per host every DURATION, each count the most within it, instead of a row at each change"),
      "DURATION" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"), "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("FILE|--preset NAME - count the sockets in each state over a run"));
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (GError) error = NULL;
  SynackCensusFormat census_format;
  SynackTime interval = 0;
  SynackAtomicFile file;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("For each host, the sockets in each TCP state (CLOSED is not counted: a closed "
                                  "socket is gone) and the connect() calls refused with EADDRNOTAVAIL so far; "
                                  "then each state's peak and when it was first reached."));
  g_option_context_set_description (context, synack_cli_parameter_help ());
  if (!synack_cli_parse_options (context, entries, COMMAND, &argc, &argv))
    return SYNACK_EXIT_BAD_INPUT;
  if (compare && (format != NULL || interval_text != NULL))
    {
      g_printerr (_("%s: --compare prints a table of peaks: it takes no --format or --interval\n"), COMMAND);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (compare)
    return census_compare (files, preset, sets, output);
  if (format == NULL || g_str_equal (format, "csv"))
    census_format = SYNACK_CENSUS_CSV;
  else if (g_str_equal (format, "json"))
    census_format = SYNACK_CENSUS_JSON;
  else
    {
      g_printerr (_("%s: unknown format '%s' (csv or json)\n"), COMMAND, format);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (interval_text != NULL)
    {
      if (!synack_parse_duration (interval_text, &interval, &error))
        {
          g_printerr ("%s: --interval %s: %s\n", COMMAND, interval_text, error->message);
          return SYNACK_EXIT_BAD_INPUT;
        }
      if (interval <= 0)
        {
          g_printerr (_("%s: --interval %s: the interval must be longer than zero\n"), COMMAND, interval_text);
          return SYNACK_EXIT_BAD_INPUT;
        }
    }

  scenario = synack_cli_load_scenario (files, preset, sets, &error);
  if (scenario == NULL)
    {
      g_printerr ("%s: %s\n", COMMAND, error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }

  if (output == NULL)
    {
      if (!synack_scenario_census_to_stream (scenario, census_format, interval, stdout, NULL, &error))
        return report_failure (error);
      return SYNACK_EXIT_OK;
    }
  /* A folder that is not there or not writable, or a folder where the
   * file would go, is known before the run. */
  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      synack_atomic_file_set_error (&error, output, EISDIR);
      g_printerr ("%s: %s\n", COMMAND, error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!synack_atomic_file_open (&file, output, &error))
    {
      g_printerr ("%s: %s\n", COMMAND, error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!census_to_file (scenario, census_format, interval, &file, &error))
    return report_failure (error);
  return SYNACK_EXIT_OK;
}
