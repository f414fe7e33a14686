/* synack-svg-writer-private.h: the SVG writer's state and pieces, shared by its files (items, style, labels). */
#pragma once

#include <string.h>

#include "synack-diagram-layout-private.h"
#include "synack-svg-writer.h"

G_BEGIN_DECLS

#define LABEL(layout, i) (&g_array_index ((layout)->labels, SynackDiagramLabel, (i)))

typedef struct {
  const SynackDiagramLayout *layout;
  const SynackTheme         *theme;
  const SynackSvgOptions    *options;
  GString                   *buf;
  cairo_write_func_t         write;
  void                      *closure;
  gboolean                   failed;
  gboolean                   all;      /* everything shown, no cursor */
  long                       last;     /* last event shown */
  double                     yc;       /* cursor */
  double                     lw;       /* stroke width */
  double                     s;        /* geometry scale */
  /* per label kind: baseline below the box's text top, and line height */
  double                     baseline[SYNACK_N_LABEL_KINDS];
  double                     line_h[SYNACK_N_LABEL_KINDS];
  double                     font_size[SYNACK_N_LABEL_KINDS];
  gboolean                   bold[SYNACK_N_LABEL_KINDS];
} SynackSvgWriter;

/* The buffer is written out once it holds this much, and made big enough
 * that any one piece (a number, an attribute, a run of text) fits after
 * it without growing. */
#define SYNACK_SVG_FLUSH_AT (64 * 1024)
#define SYNACK_SVG_ROOM     (SYNACK_SVG_FLUSH_AT + 4096)

void        synack_svg_flush           (SynackSvgWriter *w);

/* Straight into the buffer: a big chart has millions of these pieces, and
 * inlined a constant piece's length is known when compiling. The buffer's
 * text is not kept nul-terminated; only its length counts. */
static inline void
synack_svg_put_len (SynackSvgWriter *w, const char *text, size_t n)
{
  GString *buf = w->buf;

  if (G_LIKELY (buf->len + n < buf->allocated_len))
    {
      memcpy (buf->str + buf->len, text, n);
      buf->len += n;
    }
  else
    g_string_append_len (buf, text, (gssize) n);
  if (G_UNLIKELY (buf->len >= SYNACK_SVG_FLUSH_AT))
    synack_svg_flush (w);
}

static inline void
synack_svg_put (SynackSvgWriter *w, const char *text)
{
  synack_svg_put_len (w, text, strlen (text));
}

void        synack_svg_num             (SynackSvgWriter *w, double v);
void        synack_svg_uint            (SynackSvgWriter *w, unsigned long v);
/* v with one decimal (none if it is 0) from out on; returns the end. */
char       *synack_svg_format_num      (char *out, double v);

/* "name=" followed by a quoted number and a space: a big chart has a
 * million, written in place (inlined, the name's length is a constant). */
static inline void
synack_svg_attr_num (SynackSvgWriter *w, const char *name, double v)
{
  GString *buf = w->buf;
  size_t n_name = strlen (name);
  char *p;

  if (G_UNLIKELY (buf->len + n_name + 32 >= buf->allocated_len))
    {
      synack_svg_put (w, name);
      synack_svg_put (w, "=\"");
      synack_svg_num (w, v);
      synack_svg_put (w, "\" ");
      return;
    }
  p = buf->str + buf->len;
  memcpy (p, name, n_name);
  p += n_name;
  *p++ = '=';
  *p++ = '"';
  p = synack_svg_format_num (p, v);
  *p++ = '"';
  *p++ = ' ';
  buf->len = (gsize) (p - buf->str);
  if (G_UNLIKELY (buf->len >= SYNACK_SVG_FLUSH_AT))
    synack_svg_flush (w);
}
void        synack_svg_escaped         (SynackSvgWriter *w, const char *text);
void        synack_svg_escaped_len     (SynackSvgWriter *w, const char *text, size_t len);
gboolean    synack_svg_shown           (const SynackSvgWriter *w, long event);
void        synack_svg_data_events     (SynackSvgWriter *w, long appear, long end);
void        synack_svg_sentence_title  (SynackSvgWriter *w, long event);
void        synack_svg_segment_classes (SynackSvgWriter *w, const SynackDiagramArrow *a, gboolean arrived);
void        synack_svg_segment_id      (SynackSvgWriter *w, const SynackDiagramArrow *a, const char *suffix);
const char *synack_svg_host_class      (SynackHostId host);

/* The <style> element: the theme's colours by class. */
void        synack_svg_write_style     (SynackSvgWriter *w);
/* Every label, over the diagram, each on a box of the background colour. */
void        synack_svg_write_labels    (SynackSvgWriter *w);

G_END_DECLS
