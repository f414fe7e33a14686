/* synack-scenario-lesson.c: a lesson's words (title, the questions it answers, summary, points to watch) in each language they are written in. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-i18n.h"
#include "synack-scenario-private.h"

/* The keys of the lesson's words: only these take a [LOCALE], as in a
 * desktop entry's Name[zh_CN]. */
static const char *const lesson_keys[] = { "title", "question", "summary", "watch" };

static SynackLessonText *
lesson_text_new (void)
{
  SynackLessonText *text = g_new0 (SynackLessonText, 1);

  text->question = g_string_new (NULL);
  text->summary = g_string_new (NULL);
  text->watch = g_string_new (NULL);
  text->watch_anchors = g_array_new (FALSE, TRUE, sizeof (SynackWatchAnchor));
  return text;
}

static void
lesson_text_free (gpointer data)
{
  SynackLessonText *text = data;

  g_free (text->title);
  g_string_free (text->question, TRUE);
  g_string_free (text->summary, TRUE);
  g_string_free (text->watch, TRUE);
  g_array_unref (text->watch_anchors);
  g_free (text);
}

GHashTable *
synack_lesson_texts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lesson_text_free);
}

GHashTable *
synack_lesson_texts_copy (GHashTable *texts)
{
  GHashTable *copy = synack_lesson_texts_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const SynackLessonText *from = value;
      SynackLessonText *to = lesson_text_new ();

      to->title = g_strdup (from->title);
      g_string_assign (to->question, from->question->str);
      g_string_assign (to->summary, from->summary->str);
      g_string_assign (to->watch, from->watch->str);
      g_array_append_vals (to->watch_anchors, from->watch_anchors->data, from->watch_anchors->len);
      g_hash_table_insert (copy, g_strdup (key), to);
    }
  return copy;
}

static gboolean
is_lesson_key (const char *key, size_t length)
{
  for (guint i = 0; i < G_N_ELEMENTS (lesson_keys); i++)
    if (strlen (lesson_keys[i]) == length && strncmp (key, lesson_keys[i], length) == 0)
      return TRUE;
  return FALSE;
}

gboolean
synack_scenario_is_lesson_key (const char *key)
{
  return strchr (key, '[') != NULL || is_lesson_key (key, strlen (key));
}

/* "zh_CN", "zh", "pt_BR", "sr@latin", "de_DE.UTF-8": what gettext accepts. */
static gboolean
is_locale_name (const char *name, size_t length)
{
  if (length < 2 || !g_ascii_isalpha (name[0]) || !g_ascii_isalpha (name[1]))
    return FALSE;
  for (size_t i = 0; i < length; i++)
    if (!(g_ascii_isalnum (name[i]) || name[i] == '_' || name[i] == '.' || name[i] == '@' || name[i] == '-'))
      return FALSE;
  return TRUE;
}

gboolean
synack_scenario_read_lesson_text (SynackScenario *scenario, const SynackCursor *cur, const char *key,
                                  const SynackWatchAnchor *anchor, const char *value, GError **error)
{
  const char *open = strchr (key, '[');
  size_t base = open ? (size_t) (open - key) : strlen (key);
  g_autofree char *locale = NULL;
  SynackLessonText *text;

  if (!is_lesson_key (key, base))
    return synack_cursor_fail (cur, error, _("'%s': only title, question, summary and watch can be given "
                                             "in another language, as title[zh_CN] = …"), key);
  if (open != NULL)
    {
      size_t length = strlen (open + 1);

      if (length < 1 || open[length] != ']' || !is_locale_name (open + 1, length - 1))
        return synack_cursor_fail (cur, error, _("'%s': write the language as a locale "
                                                 "in brackets, such as title[zh_CN]"), key);
      locale = g_strndup (open + 1, length - 1);
    }
  else
    locale = g_strdup ("");

  text = g_hash_table_lookup (scenario->lesson_texts, locale);
  if (text == NULL)
    {
      text = lesson_text_new ();
      g_hash_table_insert (scenario->lesson_texts, g_strdup (locale), text);
    }
  if (strncmp (key, "title", base) == 0)
    {
      g_free (text->title);
      text->title = g_strdup (value);
    }
  else
    {
      gboolean summary = strncmp (key, "summary", base) == 0;
      GString *out = summary ? text->summary : strncmp (key, "watch", base) == 0 ? text->watch : text->question;

      /* An empty point is none: each point has its place, and its anchor. */
      if (strncmp (key, "watch", base) == 0 && *value == '\0')
        return TRUE;
      /* Repeated lines continue the summary (an empty line starts a
       * paragraph); each question and each point to watch is a line. */
      if (out->len > 0)
        g_string_append_c (out, summary && *value ? ' ' : '\n');
      g_string_append (out, value);
      if (out == text->watch)
        {
          SynackWatchAnchor inferred = { .written = FALSE };

          g_array_append_vals (text->watch_anchors, anchor ? anchor : &inferred, 1);
        }
    }
  return TRUE;
}

/* The texts in the user's language first, then the untranslated ones. */
static GPtrArray *
texts_by_preference (const SynackScenario *scenario)
{
  GPtrArray *texts = g_ptr_array_new ();
  const char *const *names = g_get_language_names ();
  SynackLessonText *untranslated = g_hash_table_lookup (scenario->lesson_texts, "");

  for (guint i = 0; names[i] != NULL && !synack_i18n_is_untranslated (names[i]); i++)
    {
      SynackLessonText *text = g_hash_table_lookup (scenario->lesson_texts, names[i]);

      if (text != NULL)
        g_ptr_array_add (texts, text);
    }
  if (untranslated != NULL)
    g_ptr_array_add (texts, untranslated);
  return texts;
}

const char *
synack_scenario_get_title (const SynackScenario *scenario)
{
  g_autoptr (GPtrArray) texts = texts_by_preference (scenario);

  for (guint i = 0; i < texts->len; i++)
    if (((SynackLessonText *) texts->pdata[i])->title != NULL)
      return ((SynackLessonText *) texts->pdata[i])->title;
  return scenario->name;
}

const char *
synack_scenario_get_untranslated_title (const SynackScenario *scenario)
{
  SynackLessonText *text = g_hash_table_lookup (scenario->lesson_texts, "");

  return text != NULL && text->title != NULL ? text->title : scenario->name;
}

/* FIELD is the offset of one of SynackLessonText's GStrings. */
static const char *
first_written (const SynackScenario *scenario, size_t field)
{
  g_autoptr (GPtrArray) texts = texts_by_preference (scenario);

  for (guint i = 0; i < texts->len; i++)
    {
      const GString *written = G_STRUCT_MEMBER (GString *, texts->pdata[i], field);

      if (written->len > 0)
        return written->str;
    }
  return "";
}

const char *
synack_scenario_get_question (const SynackScenario *scenario)
{
  return first_written (scenario, G_STRUCT_OFFSET (SynackLessonText, question));
}

const char *
synack_scenario_get_summary (const SynackScenario *scenario)
{
  return first_written (scenario, G_STRUCT_OFFSET (SynackLessonText, summary));
}

const char *
synack_scenario_get_watch (const SynackScenario *scenario)
{
  return first_written (scenario, G_STRUCT_OFFSET (SynackLessonText, watch));
}

const SynackLessonText *
synack_scenario_shown_watch (const SynackScenario *scenario)
{
  g_autoptr (GPtrArray) texts = texts_by_preference (scenario);

  for (guint i = 0; i < texts->len; i++)
    if (((SynackLessonText *) texts->pdata[i])->watch->len > 0)
      return texts->pdata[i];
  return NULL;
}

static const SynackLessonTopic topics[] = {
  { "opening", N_("Opening a connection") },
  { "loss", N_("Loss and retransmission") },
  { "closing", N_("Closing a connection") },
  { "time-wait", N_("TIME_WAIT") },
  { "failures", N_("Crashes and attacks") },
  { "attacks", N_("SYN floods and their defences") },
  { "scale", N_("At scale") },
  { NULL, NULL },
};

const SynackLessonTopic *
synack_lesson_topics (void)
{
  return topics;
}

gboolean
synack_scenario_read_topic (SynackScenario *scenario, const SynackCursor *cur, const char *value, GError **error)
{
  g_autoptr (GString) known = g_string_new (NULL);

  for (const SynackLessonTopic *topic = topics; topic->id != NULL; topic++)
    {
      if (g_str_equal (value, topic->id))
        {
          scenario->topic = topic->id;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", known->len ? ", " : "", topic->id);
    }
  return synack_cursor_fail (cur, error, _("unknown topic '%s' (there are: %s)"), value, known->str);
}

const char *
synack_scenario_get_topic (const SynackScenario *scenario)
{
  return scenario->topic;
}
