/* synack-cli-record.c: `synack-cli record`, a scenario's applications on the kernel's own TCP, captured to a pcap file. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-cli-common.h"
#include "synack-record.h"

/* The exit status of a test that cannot run here, as meson and automake
 * read it: recording without the right to make a network is not a failure
 * of the scenario. */
#define SYNACK_EXIT_NOT_PERMITTED 77

/* How long to record: the simulation's last segment, with room for a
 * kernel that is a little later (its timers tick) and a second to spare,
 * and at least until the script's last timed call (a listen() that sends
 * nothing still has a result to show). */
static SynackTime
recording_length (const SynackTrace *trace, const SynackScript *script)
{
  SynackTime last = 0, last_call = 0;

  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_SEND)
      last = trace->events[i].t;
  for (size_t i = 0; i < script->n_actions; i++)
    if (script->actions[i].when == SYNACK_WHEN_TIME && script->actions[i].at > last_call)
      last_call = script->actions[i].at;
  return MAX (last + last / 10, last_call) + SYNACK_SEC (1);
}

int
synack_cli_record (int argc, char **argv)
{
  g_autofree char *preset = NULL;
  g_autofree char *output = NULL;
  g_autofree char *description = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("Record the built-in lesson NAME"), "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the capture to FILE (pcap)"), "FILE" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a parameter (repeatable)"), "KEY=VALUE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("FILE|--preset NAME -o REAL.pcap - run a scenario's applications on this machine's TCP"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  int status;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  description = g_strdup_printf (
    _("The scenario's listen, connect, send, shutdown, close, abort, unplug and plug calls are made with real "
      "sockets at their times, each host in a private network namespace of this machine (the client at %s, "
      "the server at %s), with the scenario's parameters as the namespaces' sysctls and its losses as one-shot "
      "nftables drops at ingress; between the two, synack-cli carries every packet after the scenario's delay. "
      "Every TCP segment the kernels send is written to the capture, for 'synack-cli compare'. Needs root or CAP_NET_ADMIN, ip (iproute2) and nft "
      "(nftables); exits with 77 without the right to make a network."),
    SYNACK_RECORD_CLIENT_ADDRESS, SYNACK_RECORD_SERVER_ADDRESS);
  g_option_context_set_description (context, description);
  if (!synack_cli_parse_options (context, entries, "synack-cli record", &argc, &argv))
    return SYNACK_EXIT_BAD_INPUT;
  if (output == NULL)
    {
      g_printerr ("synack-cli record: %s\n", _("give the capture to write with -o FILE"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  status = synack_cli_run_scenario ("synack-cli record", files, preset, sets, &scenario, &trace);
  if (status != SYNACK_EXIT_OK)
    return status;
  ok = synack_record_script (synack_scenario_get_script (scenario), recording_length (trace, synack_scenario_get_script (scenario)), output, notes, &error);
  for (guint i = 0; i < notes->len; i++)
    g_printerr (_("synack-cli record: note: %s\n"), (const char *) g_ptr_array_index (notes, i));
  if (!ok)
    {
      g_printerr ("synack-cli record: %s: %s\n", synack_scenario_get_name (scenario), error->message);
      if (g_error_matches (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_PERMISSION))
        return SYNACK_EXIT_NOT_PERMITTED;
      return g_error_matches (error, SYNACK_RECORD_ERROR, SYNACK_RECORD_ERROR_UNSUPPORTED) ? SYNACK_EXIT_BAD_INPUT
                                                                                           : SYNACK_EXIT_FAILURE;
    }
  g_print (_("%s: the kernel's segments of %s\n"), output, synack_scenario_get_name (scenario));
  return synack_cli_finish_output ("synack-cli record", SYNACK_EXIT_OK);
}
