/* synack-scenario-read.c: reading scenario text and files line by line: comments, KEY = VALUE and the directives. */
#include "synack-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "synack-param-keys.h"
#include "synack-scenario-private.h"

gboolean
synack_scenario_parse_assignment (SynackScenario *scenario, const SynackCursor *cur, const char *key,
                  const char *value, GError **error)
{
  SynackParams scratch;
  Assignment a;
  GError *cause = NULL;

  if (synack_scenario_is_lesson_key (key))
    return synack_scenario_read_lesson_text (scenario, cur, key, NULL, value, error);
  if (g_str_equal (key, "topic"))
    return synack_scenario_read_topic (scenario, cur, value, error);
  if (*value == '\0')
    return synack_cursor_fail (cur, error, _("'%s' has no value"), key);

  /* Check the value now, so the error can name this line. */
  synack_params_init (&scratch, SYNACK_PROFILE_LINUX);
  if (!synack_param_apply (&scratch, key, value, &cause))
    return synack_cursor_fail_with (cur, error, cause);

  a.key = g_strdup (key);
  a.value = g_strdup (value);
  a.line = cur->line;
  a.edit = scenario->parsing_edit;
  g_array_append_val (scenario->assignments, a);
  return TRUE;
}

/* Strips a comment: '#' at the start or after a space, followed by a space
 * or the end, so "#2" (the second one) is not mistaken for a comment. */
static void
strip_comment (char *line)
{
  for (char *p = line; *p; p++)
    if (*p == '#' && (p == line || g_ascii_isspace (p[-1])) &&
        (p[1] == '\0' || g_ascii_isspace (p[1]) || p[1] == '#' || p[1] == '!'))
      {
        *p = '\0';
        return;
      }
}

gboolean
synack_scenario_parse_line (SynackScenario *scenario, const char *source, unsigned lineno,
            const char *raw, GError **error)
{
  g_autofree char *line = g_strdup (raw);
  g_auto (GStrv) words = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  SynackCursor cur = { source, lineno, raw, NULL, 0, 0 };
  const char *eq;
  const char *first;
  gboolean ok;

  if (!g_utf8_validate (raw, -1, NULL))
    return synack_cursor_fail (&cur, error, _("the line is not valid UTF-8 text"));
  strip_comment (line);
  g_strstrip (line);
  if (*line == '\0')
    return TRUE;

  /* KEY = VALUE: the key is one word, the value the rest of the line. */
  eq = strchr (line, '=');
  if (eq)
    {
      g_autofree char *key = g_strstrip (g_strndup (line, (gsize) (eq - line)));
      gboolean one_word = *key != '\0';
      const char *locale = strchr (key, '[');

      const char *space = strchr (key, ' ');

      /* watch at client TIME_WAIT = …: the point and the moment it is about. */
      if (space != NULL && (g_str_has_prefix (key, "watch ") || g_str_has_prefix (key, "watch[")))
        {
          g_autofree char *head = g_strndup (key, (gsize) (space - key));
          const char *rest = space + strspn (space, " \t");

          if (g_str_has_prefix (rest, "at ") || g_str_equal (rest, "at"))
            {
              g_autofree char *value = g_strstrip (g_strdup (eq + 1));
              return synack_scenario_read_watch_at (scenario, &cur, head, rest + 2, value, error);
            }
        }
      /* A locale in brackets ends the key: title[zh_CN], title[sr@latin]. */
      for (const char *p = key; *p && p != locale; p++)
        if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
          one_word = FALSE;
      if (locale != NULL && (locale == key || strchr (locale, ' ') != NULL))
        one_word = FALSE;
      if (one_word)
        {
          g_autofree char *value = g_strstrip (g_strdup (eq + 1));
          return synack_scenario_parse_assignment (scenario, &cur, key, value, error);
        }
    }

  /* Separate a trailing colon from its word, so "eof:" reads as "eof :". */
  words = g_strsplit_set (line, " \t", -1);
  for (guint i = 0; words[i]; i++)
    {
      size_t n = strlen (words[i]);

      if (n == 0)
        continue;
      if (n > 1 && words[i][n - 1] == ':')
        {
          words[i][n - 1] = '\0';
          g_ptr_array_add (kept, words[i]);
          g_ptr_array_add (kept, (char *) ":");
        }
      else
        g_ptr_array_add (kept, words[i]);
    }
  cur.words = (char **) kept->pdata;
  cur.n_words = kept->len;

  first = synack_cursor_take (&cur);
  if (g_str_equal (first, "at"))
    ok = synack_scenario_parse_at (&cur, scenario, error);
  else if (g_str_equal (first, "when"))
    ok = synack_scenario_parse_when (&cur, scenario, error);
  else if (g_str_equal (first, "lose"))
    ok = synack_scenario_parse_fault (&cur, scenario, SYNACK_FAULT_LOSE, error);
  else if (g_str_equal (first, "delay"))
    {
      const char *what = synack_cursor_peek (&cur);

      if (what && (g_str_equal (what, "segment") || g_str_equal (what, "client") ||
                   g_str_equal (what, "server") || g_str_equal (what, "any")))
        ok = synack_scenario_parse_fault (&cur, scenario, SYNACK_FAULT_DELAY, error);
      else
        ok = synack_cursor_fail (&cur, error, _("expected 'delay = VALUE' for the network's delay, or "
                   "'delay client SYN #1 by 2s' to hold back one segment"));
    }
  else if (g_str_equal (first, "duplicate"))
    ok = synack_scenario_parse_fault (&cur, scenario, SYNACK_FAULT_DUPLICATE, error);
  else if (g_str_equal (first, "quiz"))
    ok = synack_scenario_parse_quiz (&cur, scenario, error);
  else if (synack_param_key_is_known (first) || g_str_equal (first, "title") ||
           g_str_equal (first, "summary") || g_str_equal (first, "watch") ||
           g_str_equal (first, "question"))
    ok = synack_cursor_fail (&cur, error, _("expected '%s = VALUE'"), first);
  else
    {
      g_autofree char *quoted = synack_cursor_quote (line);

      ok = synack_cursor_fail (&cur, error, _("cannot read '%s': a line is KEY = VALUE, 'at TIME …', "
                               "'when HOST EVENT: …', 'lose …', 'delay …', 'duplicate …' or 'quiz …'"), quoted);
    }
  return ok;
}

/* ---- Public ------------------------------------------------------------ */

static gboolean
parse_text (SynackScenario *scenario, const char *text, GError **error)
{
  g_auto (GStrv) lines = NULL;

  /* A byte-order mark, as some Windows editors write, is not part of the text. */
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("%s: not a text file (invalid UTF-8)"), scenario->source);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_strchomp (lines[i]);
      if (!synack_scenario_parse_line (scenario, scenario->source, i + 1, lines[i], error))
        return FALSE;
    }
  return synack_scenario_rebuild_script (scenario, error);
}

SynackScenario *
synack_scenario_parse (const char *text, const char *source_name, GError **error)
{
  g_autofree char *base = g_path_get_basename (source_name ? source_name : "scenario");
  char *dot = strrchr (base, '.');
  g_autoptr (SynackScenario) scenario = NULL;

  if (dot && dot != base)
    *dot = '\0';
  scenario = synack_scenario_new_empty (base, source_name ? source_name : "scenario");
  scenario->text = g_strdup (text);
  if (!parse_text (scenario, text, error))
    return NULL;
  return g_steal_pointer (&scenario);
}

/* Reads a scenario file: a regular file of at most SYNACK_SCENARIO_MAX_BYTES.
 * O_NONBLOCK keeps a FIFO without a writer from hanging the open; it is then
 * refused like a device or a folder. */
static char *
read_scenario_file (const char *path, gsize *length, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr (GString) text = NULL;
  struct stat st;
  char buffer[65536];
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    {
      int err = errno;

      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND,
                   _("%s: %s"), display, g_strerror (err));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND,
                   _("%s: not a regular file (a folder, device or pipe); a scenario is a text file"), display);
      close (fd);
      return NULL;
    }
  text = g_string_sized_new (MIN ((gsize) st.st_size, SYNACK_SCENARIO_MAX_BYTES) + 1);
  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;

          g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND,
                       _("%s: %s"), display, g_strerror (err));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      /* The size is checked as it is read: the file may grow meanwhile. */
      if (text->len + (gsize) n > SYNACK_SCENARIO_MAX_BYTES)
        {
          g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                       _("%s: too large for a scenario (at most %d MiB; scenarios are written by hand)"),
                       display, SYNACK_SCENARIO_MAX_BYTES / (1024 * 1024));
          close (fd);
          return NULL;
        }
      g_string_append_len (text, buffer, n);
    }
  close (fd);
  *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

SynackScenario *
synack_scenario_load_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length;

  text = read_scenario_file (path, &length, error);
  if (text == NULL)
    return NULL;
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("%s: not a text file (it contains NUL bytes)"), path);
      return NULL;
    }
  return synack_scenario_parse (text, path, error);
}

