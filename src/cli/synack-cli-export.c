/* synack-cli-export.c: `synack-cli export`, the diagram of a run as PNG, SVG or PDF files. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "synack-capture.h"
#include "synack-cli-common.h"
#include "synack-cli-export.h"
#include "synack-render.h"
#include "synack-scale-summary.h"
#include "synack-scenario.h"

static gboolean
parse_axis (const char *text, SynackTimeAxisMode *mode)
{
  if (text == NULL || g_str_equal (text, "compressed"))
    *mode = SYNACK_TIME_AXIS_COMPRESSED;
  else if (g_str_equal (text, "proportional"))
    *mode = SYNACK_TIME_AXIS_PROPORTIONAL;
  else if (g_str_equal (text, "per-event") || g_str_equal (text, "events"))
    *mode = SYNACK_TIME_AXIS_PER_EVENT;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_positive_double (const char *text, double *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  /* Below a hundredth the picture is a dot, and cairo refuses such matrices. */
  if (end == text || *end != '\0' || !(value >= 0.01) || value > 100)
    return FALSE;
  *out = value;
  return TRUE;
}

/* The strip view of a run of any size: the run streams into its census and
 * strip grid, keeping no events, so a million connections fit. */
static int
export_strip (const SynackScenario *scenario, const SynackExportOptions *options, const char *output)
{
  g_autoptr (SynackScaleSummary) summary = synack_scale_summary_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackTrace) trace = synack_scenario_run_to_sink (scenario, synack_scale_summary_sink, summary,
                                                               NULL, NULL, &error);

  if (trace == NULL)
    {
      g_printerr ("synack-cli export: %s\n", error->message);
      return SYNACK_EXIT_FAILURE;
    }
  synack_scale_summary_finish (summary, trace->end_time);
  if (!synack_export_scale_file (summary->grid, summary->series, options, output, &error))
    {
      g_printerr ("synack-cli export: %s\n", error->message);
      return g_error_matches (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS) ||
             g_error_matches (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_FORMAT)
             ? SYNACK_EXIT_BAD_INPUT : SYNACK_EXIT_FAILURE;
    }
  return SYNACK_EXIT_OK;
}

int
synack_cli_export (int argc, char **argv)
{
  g_autofree char *preset = NULL;
  g_autofree char *output = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *scale_text = NULL;
  g_autofree char *text_scale_text = NULL;
  g_autofree char *axis = NULL;
  g_autofree char *title = NULL;
  g_autofree char *view = NULL;
  g_auto (GStrv) sets = NULL;
  g_auto (GStrv) files = NULL;
  g_autofree char *page = NULL;
  g_autofree char *svg_backend = NULL;
  gint64 upto = -1;
  gint64 from = 0;
  int width = 0, frame_delay = 1500;
  gboolean per_step = FALSE, per_segment = FALSE, census = FALSE;
  gboolean capture;
  GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("Export the built-in lesson NAME"), "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT; .png, .svg, .pdf, .gif (animated), .html (a page that steps through the run), .msc, .puml, .tex or .pcapng picks the format"), "OUT" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Override a parameter (repeatable)"), "KEY=VALUE" },
    { "upto", 'k', 0, G_OPTION_ARG_INT64, &upto, N_("Draw the run only up to event K (0 is the first)"), "K" },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width, N_("PNG width in pixels (page width in points for SVG/PDF)"), "PX" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text, N_("Scale factor, e.g. 2 for HiDPI slides (default 1)"), "S" },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme, N_("light (default), dark, projector or print"), "NAME" },
    { "text-scale", 0, 0, G_OPTION_ARG_STRING, &text_scale_text, N_("Make all text larger or smaller (default 1)"), "S" },
    { "axis", 0, 0, G_OPTION_ARG_STRING, &axis, N_("Time axis: compressed (default), proportional or per-event"), "MODE" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view,
      N_("sequence (default), states (the state-transition diagram), both side by side, or strip (a strip per connection over time, with the census under it; for runs of any size)"), "VIEW" },
    { "census", 0, 0, G_OPTION_ARG_NONE, &census,
      N_("Beside the sequence diagram, a chart of how many sockets each host holds in each state"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("A heading above the diagram (default: the lesson's title)"), "TEXT" },
    { "from", 0, 0, G_OPTION_ARG_INT64, &from, N_("With --per-step: start at event K (0 is the first)"), "K" },
    { "per-step", 0, 0, G_OPTION_ARG_NONE, &per_step,
      N_("Slides: a PDF with a title page and one page per event with its narration, or numbered PNGs OUT-001.png …"), NULL },
    { "per-segment", 0, 0, G_OPTION_ARG_NONE, &per_segment,
      N_("Step by segment (its arrival) rather than by event, for shorter decks and animations"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, N_("Slide page: 16:9 (default), 4:3, a4 or letter (landscape)"), "SIZE" },
    { "frame-delay", 0, 0, G_OPTION_ARG_INT, &frame_delay, N_("GIF: milliseconds per frame (default 1500)"), "MS" },
    { "svg-backend", 0, 0, G_OPTION_ARG_STRING, &svg_backend,
      N_("SVG: semantic (default: real text, a group per item, editable) or cairo (glyphs as paths)"), "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE|--preset NAME -o OUT - draw the sequence diagram of a run"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = NULL;
  g_autoptr (SynackTrace) trace = NULL;
  g_autoptr (SynackTheme) theme_check = NULL;
  SynackExportOptions options;
  double scale = 1, text_scale = 1;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, synack_cli_parameter_help ());
  if (!synack_cli_parse_options (context, entries, "synack-cli export", &argc, &argv))
    return SYNACK_EXIT_BAD_INPUT;

  synack_export_options_init (&options);
  if (output == NULL)
    {
      g_printerr ("synack-cli export: %s\n", _("give the output file with -o OUT.png, .svg, .pdf, .gif, .html, .msc, .puml, .tex or .pcapng"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  capture = synack_cli_path_is_pcapng (output);
  if (!capture && synack_export_format_from_path (output) == SYNACK_EXPORT_FORMAT_AUTO)
    {
      g_printerr ("synack-cli export: %s: %s\n", output,
                  _("unknown format: the name must end in .png, .svg, .pdf, .gif, .html, .msc, .puml, .tex or .pcapng"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (capture && (per_step || upto >= 0))
    {
      g_printerr ("synack-cli export: %s\n", _("a .pcapng holds the whole run: --per-step and --upto do not apply"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (width != 0 && scale_text != NULL)
    {
      g_printerr ("synack-cli export: %s\n", _("give --width or --scale, not both"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (width < 0 || width > 32767)
    {
      g_printerr ("synack-cli export: %s\n", _("--width must be between 1 and 32767 pixels"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!parse_positive_double (scale_text, &scale))
    {
      g_printerr ("synack-cli export: --scale %s: %s\n", scale_text, _("expected a number from 0.01 to 100, such as 2"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!parse_positive_double (text_scale_text, &text_scale))
    {
      g_printerr ("synack-cli export: --text-scale %s: %s\n", text_scale_text, _("expected a number from 0.01 to 100, such as 1.5"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (!parse_axis (axis, &options.axis_mode))
    {
      g_printerr ("synack-cli export: --axis %s: %s\n", axis, _("expected compressed, proportional or per-event"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (view != NULL && !synack_export_view_from_string (view, &options.view))
    {
      g_printerr ("synack-cli export: --view %s: %s\n", view, _("expected sequence, states, both or strip"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (from != 0 && !per_step)
    {
      g_printerr ("synack-cli export: %s\n", _("--from goes with --per-step"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (upto < -1)
    {
      g_printerr ("synack-cli export: %s\n", _("--upto must be 0 or more"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (per_step && synack_export_format_from_path (output) == SYNACK_EXPORT_FORMAT_SVG)
    {
      g_printerr ("synack-cli export: %s\n", _("--per-step writes a .pdf (one page per event) or numbered .png files"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (page != NULL && !synack_page_size_from_string (page, &options.page))
    {
      g_printerr ("synack-cli export: --page %s: %s\n", page, _("expected 16:9, 4:3, a4 or letter"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (svg_backend == NULL || g_str_equal (svg_backend, "semantic"))
    options.svg_backend = SYNACK_SVG_BACKEND_SEMANTIC;
  else if (g_str_equal (svg_backend, "cairo"))
    options.svg_backend = SYNACK_SVG_BACKEND_CAIRO;
  else
    {
      g_printerr ("synack-cli export: --svg-backend %s: %s\n", svg_backend, _("expected semantic or cairo"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (frame_delay < 20 || frame_delay > 600000)
    {
      g_printerr ("synack-cli export: --frame-delay %d: %s\n", frame_delay,
                  _("expected milliseconds from 20 to 600000"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  if (per_segment && !per_step &&
      synack_export_format_from_path (output) != SYNACK_EXPORT_FORMAT_GIF &&
      synack_export_format_from_path (output) != SYNACK_EXPORT_FORMAT_HTML)
    {
      g_printerr ("synack-cli export: %s\n", _("--per-segment goes with --per-step, or with a .gif or .html"));
      return SYNACK_EXIT_BAD_INPUT;
    }
  theme_check = synack_theme_new (theme, 1, &error);
  if (theme_check == NULL)
    {
      g_printerr ("synack-cli export: %s\n", error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }

  scenario = synack_cli_load_scenario (files, preset, sets, &error);
  if (scenario == NULL)
    {
      g_printerr ("synack-cli export: %s\n", error->message);
      return SYNACK_EXIT_BAD_INPUT;
    }
  options.theme = theme;
  options.width = width;
  options.scale = scale;
  options.text_scale = text_scale;
  options.census = census;
  /* Every export names its lesson, and says when the run was changed. */
  options.title = title ? title : synack_scenario_get_title (scenario);
  options.changed = title == NULL && sets != NULL && sets[0] != NULL;
  if (options.view == SYNACK_EXPORT_VIEW_STRIP && !capture)
    return export_strip (scenario, &options, output);

  trace = synack_scenario_run (scenario, NULL, &error);
  if (trace == NULL)
    {
      g_printerr ("synack-cli export: %s\n", error->message);
      return SYNACK_EXIT_FAILURE;
    }
  if (upto >= (gint64) trace->n_events)
    {
      g_printerr ("synack-cli export: --upto %" G_GINT64_FORMAT ": %s (%zu)\n", upto,
                  _("the run has fewer events"), trace->n_events);
      return SYNACK_EXIT_BAD_INPUT;
    }

  if (capture)
    {
      if (!synack_pcapng_write_file (trace, synack_scenario_get_title (scenario), output, &error))
        {
          g_printerr ("synack-cli export: %s\n", error->message);
          return SYNACK_EXIT_FAILURE;
        }
      return SYNACK_EXIT_OK;
    }

  options.upto = upto >= 0 ? (long) upto : SYNACK_DIAGRAM_ALL;
  options.per_step = per_step;
  options.from = (long) from;
  options.summary = synack_scenario_get_summary (scenario);
  options.watch = synack_scenario_get_watch (scenario);
  options.per_segment = per_segment;
  options.frame_delay = frame_delay;
  if (!synack_export_file (trace, &options, output, &error))
    {
      g_printerr ("synack-cli export: %s\n", error->message);
      return g_error_matches (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS) ||
             g_error_matches (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_FORMAT)
             ? SYNACK_EXIT_BAD_INPUT : SYNACK_EXIT_FAILURE;
    }
  return SYNACK_EXIT_OK;
}
