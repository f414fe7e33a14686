/* synack-cli.c: the headless tool: run a scenario and print its trace, list
 * the lessons, export diagrams, count sockets. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>

#include "synack-cli-common.h"
#include "synack-i18n.h"
#include "synack-scenario.h"

static const char *const usage_text = N_(
  "Usage:\n"
  "  synack-cli run FILE|--preset NAME [--set KEY=VALUE]... [--format text|json] [--against CAPTURE]\n"
  "  synack-cli export FILE|--preset NAME -o OUT.png|.svg|.pdf|.msc|.puml|.tex|.pcapng [options]\n"
  "  synack-cli import CAPTURE.pcap|.pcapng [--conn N] [--format text|json|scenario]\n"
  "  synack-cli record FILE|--preset NAME -o REAL.pcap [--set KEY=VALUE]...\n"
  "  synack-cli compare CAPTURE FILE|--preset NAME [--set KEY=VALUE]...\n"
  "  synack-cli census FILE|--preset NAME [--set KEY=VALUE]... [--format csv|json] [--interval DURATION] [-o FILE]\n"
  "  synack-cli --list-presets [--questions]\n"
  "  synack-cli --help | --version\n"
  "\n"
  "Simulates TCP connection set-up and teardown between a client and a server\n"
  "and prints every segment, state change and timer.\n"
  "\n"
  "--lang LANGUAGE (anywhere on the line) answers in that language, e.g. zh_CN\n"
  "or en; without it the LANGUAGE and LC_MESSAGES environment variables decide.\n"
  "\n"
  "Exit status: 0 success, 1 the run or the export failed or the capture differs\n"
  "from the simulation, 2 bad input, 77 record without the right to make a network.\n"
  "Run 'synack-cli COMMAND --help' (run, export, import, record, compare, census)\n"
  "for their options.\n");

/* One line a lesson: its name and title; with QUESTIONS, grouped by topic
 * with the questions each answers under it. */
static void
print_lesson (const char *name, const SynackScenario *scenario, gboolean questions)
{
  g_auto (GStrv) lines = NULL;

  g_print ("%s%-28s %s\n", questions ? "  " : "", name, synack_scenario_get_title (scenario));
  if (!questions)
    return;
  lines = g_strsplit (synack_scenario_get_question (scenario), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_print ("%-30s %s\n", "", lines[i]);
}

/* Every lesson in teaching order, as the index has it. */
static int
list_presets_plain (void)
{
  g_auto (GStrv) names = synack_preset_list ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      SynackScenario *scenario = synack_scenario_load_preset (names[i], &error);

      if (scenario == NULL)
        {
          g_printerr ("synack-cli: %s\n", error->message);
          return SYNACK_EXIT_FAILURE;
        }
      print_lesson (names[i], scenario, FALSE);
      synack_scenario_free (scenario);
    }
  return SYNACK_EXIT_OK;
}

static int
list_presets (gboolean questions)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lessons = NULL;
  const SynackLessonTopic *heading = NULL;

  if (!questions)
    return list_presets_plain ();
  lessons = synack_preset_list_by_topic (&error);
  if (lessons == NULL)
    {
      g_printerr ("synack-cli: %s\n", error->message);
      return SYNACK_EXIT_FAILURE;
    }
  for (guint i = 0; i < lessons->len; i++)
    {
      const SynackPresetEntry *entry = lessons->pdata[i];

      if (entry->topic != NULL && entry->topic != heading)
        g_print ("%s\n", _(entry->topic->title));
      heading = entry->topic;
      print_lesson (entry->name, entry->scenario, TRUE);
    }
  return SYNACK_EXIT_OK;
}

static int
run_command (int argc, char **argv)
{
  g_autofree char *preset = NULL;
  g_autofree char *format = NULL;
  g_autofree char *against = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) files = NULL;
  gboolean narrate = FALSE;
  GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("Run the built-in lesson NAME"), "NAME" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a parameter (repeatable)"), "KEY=VALUE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), "FORMAT" },
    { "narrate", 'n', 0, G_OPTION_ARG_NONE, &narrate, N_("Under each event of the text output, the sentence that explains it"), NULL },
    { "against", 'a', 0, G_OPTION_ARG_FILENAME, &against,
      N_("After the trace, compare the run with a real capture and print the first difference"), "CAPTURE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE|--preset NAME - run a scenario"));
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  gboolean json;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, synack_cli_parameter_help ());
  if (!synack_cli_parse_options (context, entries, "synack-cli run", &argc, &argv))
    return SYNACK_EXIT_BAD_INPUT;
  if (format == NULL || g_str_equal (format, "text"))
    json = FALSE;
  else if (g_str_equal (format, "json"))
    json = TRUE;
  else
    {
      g_printerr (_("synack-cli run: unknown format '%s' (text or json)\n"), format);
      return SYNACK_EXIT_BAD_INPUT;
    }

  scenario = synack_cli_load_scenario (files, preset, sets, &error);
  if (scenario == NULL)
    {
      g_printerr ("synack-cli run: %s\n", error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (json && narrate)
    {
      g_printerr (_("synack-cli run: --narrate goes with the text output, not with --format json\n"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!narrate && against == NULL)
    {
      /* Written while it runs: a run of millions of connections needs no
       * more memory than one of ten. */
      if (!synack_scenario_run_to_stream (scenario, json ? SYNACK_TRACE_JSON : SYNACK_TRACE_TEXT,
                                          stdout, NULL, &error))
        {
          g_printerr ("synack-cli run: %s\n", error->message);
          return SYNACK_EXIT_FAILURE;
        }
      return SYNACK_EXIT_OK;
    }

  /* A sentence may speak of events before and after its own, and a
   * comparison needs the whole run: the trace is kept. */
  trace = synack_scenario_run (scenario, NULL, &error);
  if (trace == NULL)
    {
      g_printerr ("synack-cli run: %s\n", error->message);
      return SYNACK_EXIT_FAILURE;
    }
  output = json ? synack_trace_to_json (trace, scenario)
         : narrate ? synack_trace_to_narrated_text (trace, scenario)
         : synack_trace_to_text (trace, scenario);
  if (fputs (output, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("synack-cli run: cannot write the output: %s\n"), g_strerror (errno));
      return SYNACK_EXIT_FAILURE;
    }
  if (against != NULL)
    return synack_cli_compare_with_capture ("synack-cli run", against, trace);
  return SYNACK_EXIT_OK;
}

/* Takes "--lang X" or "--lang=X" out of argv wherever it is, so it works
 * before or after the command; returns FALSE when X is missing. */
static gboolean
take_language_option (int *argc, char **argv)
{
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *language = NULL;

      if (g_str_equal (argv[i], "--"))
        {
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (g_str_equal (argv[i], "--lang"))
        {
          if (i + 1 >= *argc || argv[i + 1][0] == '\0')
            return FALSE;
          language = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--lang="))
        {
          language = argv[i] + strlen ("--lang=");
          if (*language == '\0')
            return FALSE;
        }
      if (language != NULL)
        synack_i18n_set_language (language);
      else
        argv[out++] = argv[i];
    }
  argv[out] = NULL;
  *argc = out;
  return TRUE;
}

int
main (int argc, char **argv)
{
  synack_i18n_init ();
  if (!take_language_option (&argc, argv))
    {
      g_printerr (_("synack-cli: --lang needs a language, such as zh_CN or en\n"));
      return SYNACK_EXIT_BAD_INPUT;
    }

  if (argc < 2)
    {
      g_printerr ("%s", _(usage_text));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      g_print ("%s\n%s", _(usage_text), synack_cli_parameter_help ());
      return synack_cli_finish_output ("synack-cli", SYNACK_EXIT_OK);
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("synack-cli %s\n", PACKAGE_VERSION);
      return synack_cli_finish_output ("synack-cli", SYNACK_EXIT_OK);
    }
  if (g_str_equal (argv[1], "--list-presets"))
    {
      gboolean questions = argc > 2 && g_str_equal (argv[2], "--questions");

      if (argc > 2 + questions)
        {
          g_printerr (_("synack-cli: unexpected '%s' after --list-presets (it takes only --questions)\n"),
                      argv[2 + questions]);
          return SYNACK_EXIT_BAD_INPUT;
        }
      return synack_cli_finish_output ("synack-cli", list_presets (questions));
    }
  if (g_str_equal (argv[1], "run"))
    return run_command (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import"))
    return synack_cli_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export"))
    return synack_cli_export (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "compare"))
    return synack_cli_compare (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "record"))
    return synack_cli_record (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "census"))
    return synack_cli_census (argc - 1, argv + 1);

  g_printerr (_("synack-cli: unknown command '%s'\n\n%s"), argv[1], _(usage_text));
  return SYNACK_EXIT_BAD_INPUT;
}
