/* synack-window-caption.c: the presentation caption's line of states: each host's sockets at the cursor, in the colours of their bands. */
#include "synack-config.h"

#include <glib/gi18n.h>

#include "synack-describe.h"
#include "synack-window-private.h"

/* Up to this many sockets a host's line names each by its port; beyond,
 * it counts them by state ("TIME_WAIT × 5"), so a pile-up reads as one. */
#define SOCKETS_NAMED 2

/* On the dark OSD, the band colour as it is. */
static void
append_state (GString *markup, const SynackTheme *theme, SynackState state)
{
  const SynackRgba *band = &theme->state[state];
  g_autofree char *span = g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\" weight=\"heavy\">%s</span>",
                                                   (int) (band->r * 255), (int) (band->g * 255),
                                                   (int) (band->b * 255), synack_state_to_string (state));

  g_string_append (markup, span);
}

static void
append_separator (GString *markup)
{
  /* TRANSLATORS: between two sockets in the presentation caption: "40000 TIME_WAIT, 40001 ESTABLISHED" */
  g_autofree char *separator = g_markup_escape_text (C_("caption", ", "), -1);

  g_string_append (markup, separator);
}

/* "Client ESTABLISHED"; "Client 40000 TIME_WAIT, 40001 SYN_SENT";
 * "Client TIME_WAIT × 5, SYN_SENT". */
static void
show_host (GtkLabel *label, const char *host_title, const SynackTrace *trace, SynackHostId host, long upto,
           const SynackTheme *theme)
{
  g_autoptr(GArray) sockets = synack_describe_open_sockets (trace, host, upto);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (host_title, -1);
  guint count[SYNACK_N_STATES] = { 0 };

  g_string_append_printf (markup, "%s ", title);
  if (sockets->len <= 1)
    append_state (markup, theme, synack_trace_state_at (trace, host, 0, upto));
  else if (sockets->len <= SOCKETS_NAMED)
    for (guint i = 0; i < sockets->len; i++)
      {
        const SynackSocketState *s = &g_array_index (sockets, SynackSocketState, i);

        if (i > 0)
          append_separator (markup);
        g_string_append_printf (markup, "%u ", s->port);
        append_state (markup, theme, s->state);
      }
  else
    {
      gboolean first = TRUE;

      for (guint i = 0; i < sockets->len; i++)
        count[g_array_index (sockets, SynackSocketState, i).state]++;
      for (int s = 0; s < SYNACK_N_STATES; s++)
        {
          if (count[s] == 0)
            continue;
          if (!first)
            append_separator (markup);
          first = FALSE;
          append_state (markup, theme, s);
          if (count[s] > 1)
            g_string_append_printf (markup, " × %u", count[s]);
        }
    }
  gtk_label_set_markup (label, markup->str);
}

void
_synack_window_caption_show_states (SynackWindow *self, const SynackTheme *theme)
{
  show_host (self->client_caption_label, _("Client"), self->run->trace, SYNACK_CLIENT, self->upto, theme);
  show_host (self->server_caption_label, _("Server"), self->run->trace, SYNACK_SERVER, self->upto, theme);
}
