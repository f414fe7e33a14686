/* synack-text-measure.c: label sizes, each distinct text shaped once, plain ASCII summed from its letters and pairs. */
#include "synack-config.h"

#include <string.h>

#include "synack-diagram-layout-private.h"

/* Printable ASCII, the letters of flags, numbers and times. */
#define FIRST_CHAR 32
#define N_CHARS 95

/* A pair not shaped yet, and a pair the font draws as one glyph (a
 * ligature such as "fi"): text holding one is shaped whole. */
#define PAIR_UNKNOWN G_MININT
#define PAIR_LIGATURE (G_MININT + 1)

/* One font's widths in Pango units: a character's advance, and what
 * kerning adds or takes between two. */
typedef struct {
  PangoFontDescription *font;
  PangoLayout          *layout;        /* reused for every text shaped */
  int                   advance[N_CHARS];
  gboolean              has_advance[N_CHARS];
  int                  *pair;          /* N_CHARS × N_CHARS, PAIR_UNKNOWN at first */
  int                   line_height;   /* -1 until known */
} FontWidths;

struct _SynackTextMeasure {
  FontWidths  *fonts;
  guint        n_fonts;
  guint        font_of_kind[SYNACK_N_LABEL_KINDS];
  PangoLayout *kind_layout[SYNACK_N_LABEL_KINDS];  /* for text shaped whole */
  GHashTable  *sizes[SYNACK_N_LABEL_KINDS];        /* text -> SynackTextSize */
};

typedef struct {
  int width, height;   /* Pango units, as pango_layout_get_extents() gives */
} SynackTextSize;

/* Widths learnt by earlier layouts, by font: the window lays a run out
 * again at every change, in whichever worker thread, and shaping each
 * letter and pair anew took a quarter of a 10,000-segment layout. They
 * are the same numbers whoever learnt them (every layout's context has
 * the same options), so a layout starts from them and adds what it
 * learnt when it ends. Kept until exit. */
typedef struct {
  int      advance[N_CHARS];
  gboolean has_advance[N_CHARS];
  int      pair[N_CHARS * N_CHARS];
  int      line_height;
} LearntWidths;

static GMutex      learnt_lock;
static GHashTable *learnt;   /* font description string -> LearntWidths */

static void
recall_widths (FontWidths *fw)
{
  g_autofree char *key = pango_font_description_to_string (fw->font);
  const LearntWidths *known;

  g_mutex_lock (&learnt_lock);
  known = learnt ? g_hash_table_lookup (learnt, key) : NULL;
  if (known != NULL)
    {
      memcpy (fw->advance, known->advance, sizeof fw->advance);
      memcpy (fw->has_advance, known->has_advance, sizeof fw->has_advance);
      fw->pair = g_memdup2 (known->pair, sizeof known->pair);
      fw->line_height = known->line_height;
    }
  g_mutex_unlock (&learnt_lock);
}

static void
remember_widths (const FontWidths *fw)
{
  g_autofree char *key = pango_font_description_to_string (fw->font);
  LearntWidths *known;

  g_mutex_lock (&learnt_lock);
  if (learnt == NULL)
    learnt = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  known = g_hash_table_lookup (learnt, key);
  if (known == NULL)
    {
      known = g_new (LearntWidths, 1);
      memset (known->has_advance, 0, sizeof known->has_advance);
      for (int i = 0; i < N_CHARS * N_CHARS; i++)
        known->pair[i] = PAIR_UNKNOWN;
      known->line_height = -1;
      g_hash_table_insert (learnt, g_steal_pointer (&key), known);
    }
  for (int c = 0; c < N_CHARS; c++)
    if (fw->has_advance[c] && !known->has_advance[c])
      {
        known->advance[c] = fw->advance[c];
        known->has_advance[c] = TRUE;
      }
  if (fw->pair != NULL)
    for (int i = 0; i < N_CHARS * N_CHARS; i++)
      if (fw->pair[i] != PAIR_UNKNOWN)
        known->pair[i] = fw->pair[i];
  if (fw->line_height >= 0)
    known->line_height = fw->line_height;
  g_mutex_unlock (&learnt_lock);
}

SynackTextMeasure *
synack_text_measure_new (const SynackDiagramLayout *layout)
{
  SynackTextMeasure *m = g_new0 (SynackTextMeasure, 1);

  m->fonts = g_new0 (FontWidths, SYNACK_N_LABEL_KINDS);
  for (int k = 0; k < SYNACK_N_LABEL_KINDS; k++)
    {
      PangoFontDescription *font = synack_render_font (layout, k);
      guint f;

      /* Kinds drawn in the same font share its widths. */
      for (f = 0; f < m->n_fonts; f++)
        if (pango_font_description_equal (m->fonts[f].font, font))
          break;
      if (f == m->n_fonts)
        {
          FontWidths *fw = &m->fonts[m->n_fonts++];

          fw->font = font;
          fw->layout = synack_render_text_layout (layout, k, "");
          fw->line_height = -1;
          recall_widths (fw);
        }
      else
        pango_font_description_free (font);
      m->font_of_kind[k] = f;
      m->kind_layout[k] = synack_render_text_layout (layout, k, "");
      m->sizes[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  return m;
}

void
synack_text_measure_free (SynackTextMeasure *m)
{
  if (m == NULL)
    return;
  for (guint f = 0; f < m->n_fonts; f++)
    {
      remember_widths (&m->fonts[f]);
      pango_font_description_free (m->fonts[f].font);
      g_object_unref (m->fonts[f].layout);
      g_free (m->fonts[f].pair);
    }
  for (int k = 0; k < SYNACK_N_LABEL_KINDS; k++)
    {
      g_object_unref (m->kind_layout[k]);
      g_hash_table_unref (m->sizes[k]);
    }
  g_free (m->fonts);
  g_free (m);
}

static int
glyph_count (PangoLayout *pl)
{
  int n = 0;

  for (GSList *run = pango_layout_get_line_readonly (pl, 0)->runs; run; run = run->next)
    n += ((PangoGlyphItem *) run->data)->glyphs->num_glyphs;
  return n;
}

/* Shapes text in fw's font: its logical width and height, and its glyphs. */
static int
shape (FontWidths *fw, const char *text, int len, int *height, int *glyphs)
{
  PangoRectangle logical;

  pango_layout_set_text (fw->layout, text, len);
  pango_layout_get_extents (fw->layout, NULL, &logical);
  *height = logical.height;
  *glyphs = glyph_count (fw->layout);
  return logical.width;
}

static int
advance (FontWidths *fw, int c)
{
  if (!fw->has_advance[c - FIRST_CHAR])
    {
      char one = (char) c;
      int height, glyphs;

      fw->advance[c - FIRST_CHAR] = shape (fw, &one, 1, &height, &glyphs);
      fw->has_advance[c - FIRST_CHAR] = TRUE;
      fw->line_height = height;
    }
  return fw->advance[c - FIRST_CHAR];
}

static int
pair (FontWidths *fw, int a, int b)
{
  int *slot;

  if (fw->pair == NULL)
    {
      fw->pair = g_new (int, N_CHARS * N_CHARS);
      for (int i = 0; i < N_CHARS * N_CHARS; i++)
        fw->pair[i] = PAIR_UNKNOWN;
    }
  slot = &fw->pair[(a - FIRST_CHAR) * N_CHARS + (b - FIRST_CHAR)];
  if (*slot == PAIR_UNKNOWN)
    {
      char two[2] = { (char) a, (char) b };
      int height, glyphs, width = shape (fw, two, 2, &height, &glyphs);

      *slot = glyphs != 2 ? PAIR_LIGATURE : width - advance (fw, a) - advance (fw, b);
    }
  return *slot;
}

/* A line of printable ASCII is as wide as its characters' advances plus
 * the kerning of each neighbouring pair: HarfBuzz adjusts nothing else in
 * such text, unless two letters become one glyph. FALSE: shape it whole. */
static gboolean
ascii_width (FontWidths *fw, const char *text, int *width)
{
  int w = 0, prev = -1;

  if (*text == '\0')
    return FALSE;
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      int c = *p;

      if (c < FIRST_CHAR || c >= FIRST_CHAR + N_CHARS)
        return FALSE;
      w += advance (fw, c);
      if (prev >= 0)
        {
          int k = pair (fw, prev, c);

          if (k == PAIR_LIGATURE)
            return FALSE;
          w += k;
        }
      prev = c;
    }
  *width = w;
  return TRUE;
}

void
synack_text_measure_size (SynackTextMeasure *m, SynackLabelKind kind, const char *text, int *width, int *height)
{
  FontWidths *fw = &m->fonts[m->font_of_kind[kind]];
  SynackTextSize *size;

  if (ascii_width (fw, text, width))
    {
      *height = fw->line_height;
      return;
    }
  size = g_hash_table_lookup (m->sizes[kind], text);
  if (size == NULL)
    {
      PangoRectangle logical;

      pango_layout_set_text (m->kind_layout[kind], text, -1);
      pango_layout_get_extents (m->kind_layout[kind], NULL, &logical);
      size = g_new (SynackTextSize, 1);
      size->width = logical.width;
      size->height = logical.height;
      g_hash_table_insert (m->sizes[kind], g_strdup (text), size);
    }
  *width = size->width;
  *height = size->height;
}
