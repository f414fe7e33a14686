/* synack-export-scale.c: the export of a run at scale: the strip view with the census chart under it, on one time axis. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>

#include "synack-export.h"
#include "synack-export-private.h"

/* The strip view takes this share of the page under the title; the census the rest. */
#define STRIP_SHARE 0.6

typedef struct {
  const SynackTheme       *theme;
  const char              *title;
  double                   title_h;
  double                   width, height;
  const SynackStripLayout *strip;
  const SynackCensusChart *census;
} ScalePage;

static double
strip_pos_for_time (gconstpointer strip, SynackTime t)
{
  return synack_strip_layout_x_for_time (strip, t);
}

static void
draw_scale_page (cairo_t *cr, gconstpointer data)
{
  const ScalePage *page = data;
  const SynackTheme *theme = page->theme;

  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 1);
  cairo_paint (cr);
  if (page->title != NULL)
    synack_chart_text_show (cr, theme, 1.3 * synack_chart_font_px (theme), synack_chart_font_px (theme),
                            0.4 * synack_chart_font_px (theme), &theme->foreground, page->title);
  cairo_save (cr);
  cairo_translate (cr, 0, page->title_h);
  synack_strip_paint (cr, page->strip, theme, -1);
  if (page->census != NULL)
    synack_census_chart_paint (cr, page->census, theme, -1, NULL);
  cairo_restore (cr);
}

gboolean
synack_export_scale_file (const SynackStripGrid *grid, const SynackCensusSeries *census,
                          const SynackExportOptions *options, const char *path, GError **error)
{
  SynackExportOptions defaults;
  g_autoptr (SynackTheme) theme = NULL;
  g_autoptr (SynackStripLayout) strip = NULL;
  g_autoptr (SynackCensusChart) chart = NULL;
  g_autofree char *title = NULL;
  SynackExportFormat format;
  ScalePage page = { 0 };
  double strip_h;

  if (options == NULL)
    {
      synack_export_options_init (&defaults);
      options = &defaults;
    }
  format = options->format != SYNACK_EXPORT_FORMAT_AUTO ? options->format : synack_export_format_from_path (path);
  if (format != SYNACK_EXPORT_FORMAT_PNG && format != SYNACK_EXPORT_FORMAT_SVG && format != SYNACK_EXPORT_FORMAT_PDF)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_FORMAT,
                   _("The strip view is exported as a picture: “%s” needs a name ending in .png, .svg or .pdf"),
                   display);
      return FALSE;
    }
  if (options->per_step)
    {
      g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                           _("The strip view is one picture of the whole run: it has no steps"));
      return FALSE;
    }
  if (options->width < 0 || (options->width > 0 && options->width < 320) || options->width > 16384)
    {
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                   _("The strip view needs a width between 320 and 16384 (not %d)"), options->width);
      return FALSE;
    }
  theme = synack_theme_new (options->theme, options->text_scale > 0 ? options->text_scale : 1, error);
  if (theme == NULL)
    return FALSE;

  page.theme = theme;
  page.width = options->width > 0 ? options->width : 1366;
  page.height = page.width * 9 / 16;
  title = synack_export_lesson_title (options->title, options->changed);
  page.title = title;
  page.title_h = title != NULL ? 2.2 * synack_chart_font_px (theme) : 0;
  strip_h = census != NULL ? (page.height - page.title_h) * STRIP_SHARE : page.height - page.title_h;
  strip = synack_strip_layout_new (grid, theme, page.width, strip_h, 0, 0,
                                   census != NULL ? synack_census_series_states (census) : 0);
  page.strip = strip;
  if (census != NULL)
    {
      cairo_rectangle_t area = { 0, strip_h, page.width, page.height - page.title_h - strip_h };

      chart = synack_census_chart_new (census, theme, SYNACK_CENSUS_TIME_ACROSS, &area, strip_pos_for_time, strip);
      page.census = chart;
    }
  return synack_export_write_picture (format, page.width, page.height, draw_scale_page, &page, title, path, error);
}
