/* synack-i18n.h: which message catalogue the programs use, and switching language while running. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the "synack" catalogue:
 * the installed one, or the build tree's when the installed one is missing,
 * so a program started from its build folder speaks the user's language. */
void synack_i18n_init (void);

/* Makes gettext answer in LANGUAGE ("zh_CN", "en") from now on; NULL or ""
 * goes back to what the environment said at start-up. */
void synack_i18n_set_language (const char *language);

/* Whether gettext gives the untranslated text for this language name:
 * "C", "POSIX", "en", "en_GB"... */
gboolean synack_i18n_is_untranslated (const char *name);

G_END_DECLS
