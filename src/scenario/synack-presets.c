/* synack-presets.c: the built-in lessons, compiled into the program as a
 * GResource so the CLI and the app find them without installing anything. */
#include "synack-config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "synack-lessons-resources.h"
#include "synack-scenario.h"

#define LESSONS_PATH "/io/github/synack/SynAck/lessons/"

static GBytes *
lookup (const char *file)
{
  g_autofree char *path = g_strconcat (LESSONS_PATH, file, NULL);

  /* The constructor registers the resource; referencing it here keeps the
   * linker from dropping it out of the static library. */
  (void) synack_lessons_get_resource ();
  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

char **
synack_preset_list (void)
{
  g_autoptr (GBytes) index = lookup ("index");
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = NULL;

  if (index != NULL)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (index, NULL), g_bytes_get_size (index));

      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_strstrip (lines[i]);
          if (lines[i][0] != '\0' && lines[i][0] != '#')
            g_ptr_array_add (names, g_strdup (lines[i]));
        }
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

SynackScenario *
synack_scenario_load_preset (const char *name, GError **error)
{
  g_autofree char *file = g_strconcat (name, ".synack", NULL);
  g_autofree char *source = g_strdup_printf ("preset %s", name);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  SynackScenario *scenario;
  gboolean valid_name = *name != '\0';

  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-'))
      valid_name = FALSE;
  if (valid_name)
    bytes = lookup (file);
  if (bytes == NULL)
    {
      g_auto (GStrv) names = synack_preset_list ();
      g_autofree char *known = g_strjoinv (", ", names);

      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_NOT_FOUND,
                   _("no lesson called '%s' (there are: %s)"), name, known);
      return NULL;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  scenario = synack_scenario_parse (text, source, error);
  if (scenario)
    synack_scenario_set_name (scenario, name);
  return scenario;
}

static void
preset_entry_free (gpointer data)
{
  SynackPresetEntry *entry = data;

  g_free (entry->name);
  synack_scenario_free (entry->scenario);
  g_free (entry);
}

static const SynackLessonTopic *
topic_by_id (const char *id)
{
  for (const SynackLessonTopic *topic = synack_lesson_topics (); topic->id != NULL; topic++)
    if (g_strcmp0 (id, topic->id) == 0)
      return topic;
  return NULL;
}

/* Where an entry goes: its topic's place in the table, no topic last. */
static guint
topic_rank (const SynackPresetEntry *entry)
{
  return entry->topic != NULL ? (guint) (entry->topic - synack_lesson_topics ()) : G_MAXUINT;
}

static int
compare_by_topic (gconstpointer a, gconstpointer b)
{
  guint ra = topic_rank (*(SynackPresetEntry *const *) a), rb = topic_rank (*(SynackPresetEntry *const *) b);

  return ra < rb ? -1 : ra > rb;
}

GPtrArray *
synack_preset_list_by_topic (GError **error)
{
  g_auto (GStrv) names = synack_preset_list ();
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (preset_entry_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      SynackScenario *scenario = synack_scenario_load_preset (names[i], error);
      SynackPresetEntry *entry;

      if (scenario == NULL)
        return NULL;
      entry = g_new0 (SynackPresetEntry, 1);
      entry->name = g_strdup (names[i]);
      entry->scenario = scenario;
      entry->topic = topic_by_id (synack_scenario_get_topic (scenario));
      g_ptr_array_add (entries, entry);
    }
  /* g_ptr_array_sort() is stable: each topic keeps the teaching order. */
  g_ptr_array_sort (entries, compare_by_topic);
  return g_steal_pointer (&entries);
}
