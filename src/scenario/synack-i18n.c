/* synack-i18n.c: binding the message catalogue, and switching language while running. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "synack-i18n.h"

static char *startup_language;     /* $LANGUAGE as the environment gave it */
static gboolean had_startup_language;

static gboolean
has_catalogue (const char *dir)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *mo = g_build_filename (dir, names[i], "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (mo, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_c_locale (int category)
{
  const char *name = setlocale (category, NULL);

  return name != NULL && (strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0);
}

/* glibc ignores $LANGUAGE in the "C" locale, and GLib prints non-ASCII text
 * there as "?"; C.UTF-8 is the same locale otherwise, but lets a chosen
 * language through and prints it. */
static void
allow_language_in_c_locale (void)
{
  if (is_c_locale (LC_MESSAGES))
    setlocale (LC_MESSAGES, "C.UTF-8");
  if (is_c_locale (LC_CTYPE))
    setlocale (LC_CTYPE, "C.UTF-8");
}

static void
bind_catalogue (void)
{
  const char *dir = LOCALEDIR;

  if (!has_catalogue (LOCALEDIR) && has_catalogue (SYNACK_BUILD_LOCALEDIR))
    dir = SYNACK_BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
synack_i18n_init (void)
{
  const char *language = g_getenv ("LANGUAGE");

  setlocale (LC_ALL, "");
  allow_language_in_c_locale ();
  had_startup_language = language != NULL;
  g_free (startup_language);
  startup_language = g_strdup (language);
  bind_catalogue ();
}

void
synack_i18n_set_language (const char *language)
{
  if (language != NULL && *language != '\0')
    g_setenv ("LANGUAGE", language, TRUE);
  else if (had_startup_language)
    g_setenv ("LANGUAGE", startup_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  /* glibc caches translations; setting the text domain again drops them. */
  setlocale (LC_MESSAGES, "");
  allow_language_in_c_locale ();
  bind_catalogue ();
}

gboolean
synack_i18n_is_untranslated (const char *name)
{
  return strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0 ||
         strcmp (name, "en") == 0 || g_str_has_prefix (name, "en_") || g_str_has_prefix (name, "en.") ||
         g_str_has_prefix (name, "en@");
}
