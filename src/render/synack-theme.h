/* synack-theme.h: colours and type sizes of the sequence diagram (light, dark, projector, print). */
#pragma once

#include <glib.h>

#include "synack-types.h"

G_BEGIN_DECLS

/* A colour as cairo takes it: components 0..1. */
typedef struct {
  double r, g, b, a;
} SynackRgba;

/* A theme is plain data so the GTK view can read its background and the
 * export can copy it; create one with synack_theme_new(). */
typedef struct {
  char       *name;            /* "light", "dark", "projector", "print" */
  char       *font_family;     /* a family with the glyphs we draw (✕, …, →) */
  double      font_size;       /* label size in px at text scale 1 */
  double      text_scale;      /* multiplies every text size and the spacing tied to it */
  double      line_width;      /* arrows and lifelines, px at text scale 1 */
  gboolean    monochrome;      /* print: no meaning may rest on colour alone */

  SynackRgba  background;
  SynackRgba  foreground;      /* labels, lifeline headings */
  SynackRgba  muted;           /* time axis, grid, breaks */
  SynackRgba  lifeline;
  SynackRgba  label_background;/* behind arrow labels so crossing lines stay readable */
  SynackRgba  state[SYNACK_N_STATES];
  SynackRgba  segment;         /* a first transmission */
  SynackRgba  retransmission;
  SynackRgba  lost;
  SynackRgba  duplicate;
  SynackRgba  rst;
  SynackRgba  timer[SYNACK_N_TIMERS];
  SynackRgba  note;            /* application calls */
  SynackRgba  error;           /* ETIMEDOUT, ECONNREFUSED … */
  SynackRgba  cursor;
  SynackRgba  host[SYNACK_N_HOSTS]; /* the client's and the server's marks on the state diagram */
} SynackTheme;

/* The built-in theme names, NULL-terminated, static; the first is the default. */
const char *const *synack_theme_names (void);

/* A new copy of the named theme with the given text scale (1.0 = normal;
 * <= 0 means 1.0). NULL, with an error, if the name is unknown. */
SynackTheme *synack_theme_new  (const char *name, double text_scale, GError **error);
SynackTheme *synack_theme_copy (const SynackTheme *theme);
void         synack_theme_free (SynackTheme *theme);

/* The user-visible, translated name ("Light", "Projector"…) for menus. */
const char  *synack_theme_get_display_name (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackTheme, synack_theme_free)

G_END_DECLS
