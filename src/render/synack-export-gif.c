/* synack-export-gif.c: animated GIF frames of the slides, quantized to a palette built from the theme's colours. */
#include "synack-config.h"

#include <gif_lib.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "synack-diagram-layout.h"
#include "synack-export-gif.h"

#define PALETTE_SIZE 256

typedef struct {
  cairo_write_func_t write;
  void              *closure;
  gboolean           failed;
} Sink;

static int
gif_output (GifFileType *gif, const GifByteType *data, int length)
{
  Sink *sink = gif->UserData;

  if (sink->failed || sink->write (sink->closure, data, (unsigned int) length) != CAIRO_STATUS_SUCCESS)
    {
      sink->failed = TRUE;
      return 0;
    }
  return length;
}

typedef struct {
  GifColorType colors[PALETTE_SIZE];
  int          n;
  /* nearest palette entry of each 15-bit colour, filled as met; -1 unknown */
  gint16       nearest[1 << 15];
} Palette;

static void
palette_add (Palette *p, double r, double g, double b)
{
  GifColorType c = { (GifByteType) lround (CLAMP (r, 0, 1) * 255), (GifByteType) lround (CLAMP (g, 0, 1) * 255),
                     (GifByteType) lround (CLAMP (b, 0, 1) * 255) };

  if (p->n >= PALETTE_SIZE)
    return;
  for (int i = 0; i < p->n; i++)
    if (abs (p->colors[i].Red - c.Red) + abs (p->colors[i].Green - c.Green) + abs (p->colors[i].Blue - c.Blue) < 6)
      return;
  p->colors[p->n++] = c;
}

/* Every colour the theme draws with, and its blends into the background
 * (antialiased edges, translucent bars), so lines and text stay clean
 * where a generic palette would dither them. */
static void
palette_for_theme (Palette *p, const SynackTheme *t)
{
  const SynackRgba *bg = &t->background;
  const SynackRgba *inks[64];
  int n = 0;
  static const double blends[] = { 1.0, 0.5, 0.25, 0.75, 0.12, 0.88, 0.37, 0.62 };

  p->n = 0;
  inks[n++] = &t->foreground;
  inks[n++] = &t->muted;
  inks[n++] = &t->lifeline;
  inks[n++] = &t->segment;
  inks[n++] = &t->retransmission;
  inks[n++] = &t->lost;
  inks[n++] = &t->duplicate;
  inks[n++] = &t->rst;
  inks[n++] = &t->note;
  inks[n++] = &t->error;
  inks[n++] = &t->cursor;
  for (int s = 0; s < SYNACK_N_STATES; s++)
    inks[n++] = &t->state[s];
  for (int k = 0; k < SYNACK_N_TIMERS; k++)
    inks[n++] = &t->timer[k];
  palette_add (p, bg->r, bg->g, bg->b);
  for (guint b = 0; b < G_N_ELEMENTS (blends); b++)
    for (int i = 0; i < n; i++)
      {
        double a = blends[b] * inks[i]->a;
        palette_add (p, bg->r + (inks[i]->r - bg->r) * a, bg->g + (inks[i]->g - bg->g) * a,
                     bg->b + (inks[i]->b - bg->b) * a);
      }
  /* The rest: a grey ramp for anything else (text on coloured bands). */
  for (int i = 0; p->n < PALETTE_SIZE && i < 64; i++)
    palette_add (p, i / 63.0, i / 63.0, i / 63.0);
  while (p->n < PALETTE_SIZE)
    p->colors[p->n++] = p->colors[0];
  memset (p->nearest, 0xff, sizeof p->nearest);
}

static GifPixelType
palette_index (Palette *p, guint32 argb)
{
  guint r = argb >> 16 & 0xff, g = argb >> 8 & 0xff, b = argb & 0xff;
  guint key = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3);

  if (p->nearest[key] < 0)
    {
      int best = 0, best_d = G_MAXINT;

      for (int i = 0; i < p->n; i++)
        {
          int dr = (int) r - p->colors[i].Red, dg = (int) g - p->colors[i].Green, db = (int) b - p->colors[i].Blue;
          /* Weighted like the eye: green counts most. */
          int d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;

          if (d < best_d)
            {
              best_d = d;
              best = i;
            }
        }
      p->nearest[key] = (gint16) best;
    }
  return (GifPixelType) p->nearest[key];
}

static gboolean
gif_failed (GError **error, int code)
{
  g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE, _("Cannot write the GIF: %s"),
               GifErrorString (code) ? GifErrorString (code) : "?");
  return FALSE;
}

gboolean
synack_gif_write (const SynackSlideDeck *deck,
                  const long            *steps,
                  size_t                 n_steps,
                  int                    frame_delay,
                  cairo_write_func_t     write,
                  void                  *closure,
                  GCancellable          *cancellable,
                  GError               **error)
{
  int w = (int) deck->width, h = (int) deck->height, code = 0;
  Sink sink = { write, closure, FALSE };
  g_autofree Palette *palette = g_new (Palette, 1);
  g_autofree GifPixelType *frame = NULL;
  ColorMapObject *map;
  GifFileType *gif;
  cairo_surface_t *surface;
  gboolean ok = TRUE, cancelled = FALSE;

  if (w < 16 || h < 16 || w > 8192 || h > 8192)
    {
      g_set_error (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_OPTIONS,
                   _("A GIF frame of %d × %d pixels is not possible: choose a width from 16 to 8192"), w, h);
      return FALSE;
    }
  palette_for_theme (palette, deck->theme);
  frame = g_new (GifPixelType, (size_t) w * h);
  gif = EGifOpen (&sink, gif_output, &code);
  if (gif == NULL)
    return gif_failed (error, code);
  EGifSetGifVersion (gif, true);
  map = GifMakeMapObject (PALETTE_SIZE, palette->colors);
  if (EGifPutScreenDesc (gif, w, h, 8, 0, map) == GIF_ERROR)
    ok = FALSE;
  GifFreeMapObject (map);
  /* Loop for ever: a chat message or a slide replays it. */
  if (ok)
    {
      static const GifByteType loop[] = { 1, 0, 0 };

      ok = EGifPutExtensionLeader (gif, APPLICATION_EXT_FUNC_CODE) != GIF_ERROR &&
           EGifPutExtensionBlock (gif, 11, "NETSCAPE2.0") != GIF_ERROR &&
           EGifPutExtensionBlock (gif, 3, loop) != GIF_ERROR &&
           EGifPutExtensionTrailer (gif) != GIF_ERROR;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  for (size_t k = 0; ok && !cancelled && k < n_steps; k++)
    {
      cairo_t *cr;
      int centis = (int) MIN (65535, lround (frame_delay / 10.0 * (k + 1 == n_steps ? 2 : 1)));
      GifByteType control[4] = { 0, (GifByteType) (centis & 0xff), (GifByteType) (centis >> 8), 0 };
      const guint8 *data;
      int stride, x0 = w, y0 = h, x1 = -1, y1 = -1;

      cancelled = g_cancellable_is_cancelled (cancellable);
      if (cancelled)
        break;
      cr = cairo_create (surface);
      synack_slide_paint_step (cr, deck, k, n_steps, steps[k]);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < h; y++)
        {
          const guint32 *pixels = (const guint32 *) (data + (size_t) y * stride);
          GifPixelType *line = frame + (size_t) y * w;

          for (int x = 0; x < w; x++)
            {
              GifPixelType index = palette_index (palette, pixels[x]);

              if (k == 0 || line[x] != index)
                {
                  x0 = MIN (x0, x);
                  x1 = MAX (x1, x);
                  y0 = MIN (y0, y);
                  y1 = MAX (y1, y);
                }
              line[x] = index;
            }
        }
      /* Only what changed since the last frame is stored: a step adds an
       * arrow and a sentence, the rest stays on screen. */
      if (x1 < 0)
        x0 = y0 = x1 = y1 = 0;
      ok = EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, control) != GIF_ERROR &&
           EGifPutImageDesc (gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, NULL) != GIF_ERROR;
      for (int y = y0; ok && y <= y1; y++)
        ok = EGifPutLine (gif, frame + (size_t) y * w + x0, x1 - x0 + 1) != GIF_ERROR;
    }
  cairo_surface_destroy (surface);
  if (!ok)
    code = gif->Error;
  if (EGifCloseFile (gif, &code) == GIF_ERROR)
    ok = FALSE;
  if (g_cancellable_set_error_if_cancelled (cancelled ? cancellable : NULL, error))
    return FALSE;
  if (!ok || sink.failed)
    {
      if (sink.failed)
        g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE, _("Cannot write the GIF"));
      else
        gif_failed (error, code);
      return FALSE;
    }
  return TRUE;
}
