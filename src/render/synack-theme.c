/* synack-theme.c: the built-in diagram themes and their lookup by name. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-diagram-layout.h"
#include "synack-theme.h"

G_DEFINE_QUARK (synack-render-error-quark, synack_render_error)

#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0, 1.0 }
#define HEXA(v, alpha) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0, alpha }

/* DejaVu has the symbols we draw (✕, …, →); the Simplified Chinese face of
 * Noto CJK then takes the Han characters, rather than whichever CJK face
 * fontconfig would pick (often the Japanese one, whose glyphs differ). */
#define THEME_FONT "DejaVu Sans, Noto Sans CJK SC"

static const char *const theme_names[] = { "light", "dark", "projector", "print", NULL };

/* Band colours are chosen so neighbouring states in the usual order differ
 * in lightness too, not only in hue. */
static const SynackTheme light_theme = {
  .name = (char *) "light",
  .font_family = (char *) THEME_FONT,
  .font_size = 13,
  .text_scale = 1,
  .line_width = 1.6,
  .monochrome = FALSE,
  .background = HEX (0xffffff),
  .foreground = HEX (0x1e1e1e),
  .muted = HEX (0x5e5e5e),
  .lifeline = HEX (0x3c3c3c),
  .label_background = HEXA (0xffffff, 0.88),
  .state = {
    [SYNACK_STATE_CLOSED]       = HEX (0xc8c8c8),
    [SYNACK_STATE_LISTEN]       = HEX (0x9cc3ee),
    [SYNACK_STATE_SYN_SENT]     = HEX (0xf6c453),
    [SYNACK_STATE_SYN_RECEIVED] = HEX (0xf0a04b),
    [SYNACK_STATE_ESTABLISHED]  = HEX (0x5cb85c),
    [SYNACK_STATE_FIN_WAIT_1]   = HEX (0xe57373),
    [SYNACK_STATE_FIN_WAIT_2]   = HEX (0xc2185b),
    [SYNACK_STATE_CLOSE_WAIT]   = HEX (0xb39ddb),
    [SYNACK_STATE_CLOSING]      = HEX (0xff7043),
    [SYNACK_STATE_LAST_ACK]     = HEX (0x7e57c2),
    [SYNACK_STATE_TIME_WAIT]    = HEX (0x1e88e5),
  },
  .segment = HEX (0x1f4e99),
  .retransmission = HEX (0xc25e00),
  .lost = HEX (0xc62828),
  .duplicate = HEX (0x7b1fa2),
  .rst = HEX (0xb71c1c),
  .timer = {
    [SYNACK_TIMER_RETRANSMIT]  = HEX (0xe08a00),
    [SYNACK_TIMER_DELAYED_ACK] = HEX (0x2e7d32),
    [SYNACK_TIMER_KEEPALIVE]   = HEX (0x6d4c41),
    [SYNACK_TIMER_FIN_WAIT_2]  = HEX (0xad1457),
    [SYNACK_TIMER_TIME_WAIT]   = HEX (0x1565c0),
  },
  .note = HEX (0x37474f),
  .error = HEX (0xc62828),
  .cursor = HEXA (0xd32f2f, 0.9),
  .host = { [SYNACK_CLIENT] = HEX (0x1565c0), [SYNACK_SERVER] = HEX (0xe65100) },
};

static const SynackTheme dark_theme = {
  .name = (char *) "dark",
  .font_family = (char *) THEME_FONT,
  .font_size = 13,
  .text_scale = 1,
  .line_width = 1.6,
  .monochrome = FALSE,
  .background = HEX (0x1d1f24),
  .foreground = HEX (0xececec),
  .muted = HEX (0xa8acb4),
  .lifeline = HEX (0xc8c8c8),
  .label_background = HEXA (0x1d1f24, 0.88),
  .state = {
    [SYNACK_STATE_CLOSED]       = HEX (0x5f636b),
    [SYNACK_STATE_LISTEN]       = HEX (0x4f83c2),
    [SYNACK_STATE_SYN_SENT]     = HEX (0xd9a620),
    [SYNACK_STATE_SYN_RECEIVED] = HEX (0xd9822b),
    [SYNACK_STATE_ESTABLISHED]  = HEX (0x43a047),
    [SYNACK_STATE_FIN_WAIT_1]   = HEX (0xe06666),
    [SYNACK_STATE_FIN_WAIT_2]   = HEX (0xd0457f),
    [SYNACK_STATE_CLOSE_WAIT]   = HEX (0x9a80d0),
    [SYNACK_STATE_CLOSING]      = HEX (0xf26b3a),
    [SYNACK_STATE_LAST_ACK]     = HEX (0x8c6bd6),
    [SYNACK_STATE_TIME_WAIT]    = HEX (0x42a5f5),
  },
  .segment = HEX (0x8ab4f8),
  .retransmission = HEX (0xffb74d),
  .lost = HEX (0xff6b6b),
  .duplicate = HEX (0xce93d8),
  .rst = HEX (0xff5252),
  .timer = {
    [SYNACK_TIMER_RETRANSMIT]  = HEX (0xffa726),
    [SYNACK_TIMER_DELAYED_ACK] = HEX (0x81c784),
    [SYNACK_TIMER_KEEPALIVE]   = HEX (0xbcaaa4),
    [SYNACK_TIMER_FIN_WAIT_2]  = HEX (0xf06292),
    [SYNACK_TIMER_TIME_WAIT]   = HEX (0x64b5f6),
  },
  .note = HEX (0xcfd8dc),
  .error = HEX (0xff6b6b),
  .cursor = HEXA (0xff5252, 0.9),
  .host = { [SYNACK_CLIENT] = HEX (0x64b5f6), [SYNACK_SERVER] = HEX (0xffb74d) },
};

/* Projectors wash out pale colours and thin lines: saturated colours,
 * black text, thick strokes and type readable from the back row. */
static const SynackTheme projector_theme = {
  .name = (char *) "projector",
  .font_family = (char *) THEME_FONT,
  .font_size = 20,
  .text_scale = 1,
  .line_width = 3,
  .monochrome = FALSE,
  .background = HEX (0xffffff),
  .foreground = HEX (0x000000),
  .muted = HEX (0x505050),
  .lifeline = HEX (0x000000),
  .label_background = HEXA (0xffffff, 0.94),
  .state = {
    [SYNACK_STATE_CLOSED]       = HEX (0x9e9e9e),
    [SYNACK_STATE_LISTEN]       = HEX (0x1976d2),
    [SYNACK_STATE_SYN_SENT]     = HEX (0xffb300),
    [SYNACK_STATE_SYN_RECEIVED] = HEX (0xef6c00),
    [SYNACK_STATE_ESTABLISHED]  = HEX (0x2e7d32),
    [SYNACK_STATE_FIN_WAIT_1]   = HEX (0xd32f2f),
    [SYNACK_STATE_FIN_WAIT_2]   = HEX (0xad1457),
    [SYNACK_STATE_CLOSE_WAIT]   = HEX (0x7b1fa2),
    [SYNACK_STATE_CLOSING]      = HEX (0xe64a19),
    [SYNACK_STATE_LAST_ACK]     = HEX (0x4527a0),
    [SYNACK_STATE_TIME_WAIT]    = HEX (0x0d47a1),
  },
  .segment = HEX (0x0d2a66),
  .retransmission = HEX (0xb34700),
  .lost = HEX (0xc00000),
  .duplicate = HEX (0x6a1b9a),
  .rst = HEX (0x9b0000),
  .timer = {
    [SYNACK_TIMER_RETRANSMIT]  = HEX (0xd17a00),
    [SYNACK_TIMER_DELAYED_ACK] = HEX (0x1b5e20),
    [SYNACK_TIMER_KEEPALIVE]   = HEX (0x4e342e),
    [SYNACK_TIMER_FIN_WAIT_2]  = HEX (0x880e4f),
    [SYNACK_TIMER_TIME_WAIT]   = HEX (0x0d47a1),
  },
  .note = HEX (0x000000),
  .error = HEX (0xc00000),
  .cursor = HEX (0xd00000),
  .host = { [SYNACK_CLIENT] = HEX (0x0033cc), [SYNACK_SERVER] = HEX (0xcc4400) },
};

/* Black and white: states differ by grey level and by name, segments by
 * line style (solid, dashed, dotted) and marks (✕), never by hue. */
static const SynackTheme print_theme = {
  .name = (char *) "print",
  .font_family = (char *) THEME_FONT,
  .font_size = 13,
  .text_scale = 1,
  .line_width = 1.4,
  .monochrome = TRUE,
  .background = HEX (0xffffff),
  .foreground = HEX (0x000000),
  .muted = HEX (0x606060),
  .lifeline = HEX (0x000000),
  .label_background = HEXA (0xffffff, 0.92),
  .state = {
    [SYNACK_STATE_CLOSED]       = HEX (0xe6e6e6),
    [SYNACK_STATE_LISTEN]       = HEX (0xbdbdbd),
    [SYNACK_STATE_SYN_SENT]     = HEX (0x9e9e9e),
    [SYNACK_STATE_SYN_RECEIVED] = HEX (0x8a8a8a),
    [SYNACK_STATE_ESTABLISHED]  = HEX (0x303030),
    [SYNACK_STATE_FIN_WAIT_1]   = HEX (0x7a7a7a),
    [SYNACK_STATE_FIN_WAIT_2]   = HEX (0x5a5a5a),
    [SYNACK_STATE_CLOSE_WAIT]   = HEX (0x8f8f8f),
    [SYNACK_STATE_CLOSING]      = HEX (0x6a6a6a),
    [SYNACK_STATE_LAST_ACK]     = HEX (0x4a4a4a),
    [SYNACK_STATE_TIME_WAIT]    = HEX (0xb0b0b0),
  },
  .segment = HEX (0x000000),
  .retransmission = HEX (0x000000),
  .lost = HEX (0x000000),
  .duplicate = HEX (0x000000),
  .rst = HEX (0x000000),
  .timer = {
    [SYNACK_TIMER_RETRANSMIT]  = HEX (0x404040),
    [SYNACK_TIMER_DELAYED_ACK] = HEX (0x808080),
    [SYNACK_TIMER_KEEPALIVE]   = HEX (0x606060),
    [SYNACK_TIMER_FIN_WAIT_2]  = HEX (0x404040),
    [SYNACK_TIMER_TIME_WAIT]   = HEX (0x202020),
  },
  .note = HEX (0x000000),
  .error = HEX (0x000000),
  .cursor = HEX (0x000000),
  .host = { [SYNACK_CLIENT] = HEX (0x000000), [SYNACK_SERVER] = HEX (0x555555) },
};

static const SynackTheme *const themes[] = { &light_theme, &dark_theme, &projector_theme, &print_theme };

const char *const *
synack_theme_names (void)
{
  return theme_names;
}

const char *
synack_theme_get_display_name (const char *name)
{
  if (g_strcmp0 (name, "light") == 0)
    return _("Light");
  if (g_strcmp0 (name, "dark") == 0)
    return _("Dark");
  if (g_strcmp0 (name, "projector") == 0)
    return _("Projector");
  if (g_strcmp0 (name, "print") == 0)
    return _("Print (black and white)");
  return name;
}

SynackTheme *
synack_theme_copy (const SynackTheme *theme)
{
  SynackTheme *copy = g_new (SynackTheme, 1);

  *copy = *theme;
  copy->name = g_strdup (theme->name);
  copy->font_family = g_strdup (theme->font_family);
  return copy;
}

SynackTheme *
synack_theme_new (const char *name, double text_scale, GError **error)
{
  SynackTheme *theme = NULL;

  if (name == NULL)
    name = theme_names[0];
  for (size_t i = 0; i < G_N_ELEMENTS (themes); i++)
    if (strcmp (themes[i]->name, name) == 0)
      theme = synack_theme_copy (themes[i]);
  if (theme == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) theme_names);

      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_THEME,
                   _("Unknown theme “%s” (known: %s)"), name, known);
      return NULL;
    }
  theme->text_scale = text_scale > 0 ? text_scale : 1.0;
  return theme;
}

void
synack_theme_free (SynackTheme *theme)
{
  if (theme == NULL)
    return;
  g_free (theme->name);
  g_free (theme->font_family);
  g_free (theme);
}
