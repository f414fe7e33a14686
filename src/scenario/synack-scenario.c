/* synack-scenario.c: a scenario's lifetime, its edits (kept as lines so they
 * can be saved), the engine script it builds and its run. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-param-keys.h"
#include "synack-scenario-private.h"

static void
assignment_clear (gpointer data)
{
  Assignment *a = data;

  g_free (a->key);
  g_free (a->value);
}

SynackScenario *
synack_scenario_new_empty (const char *name, const char *source)
{
  SynackScenario *scenario = g_new0 (SynackScenario, 1);

  scenario->name = g_strdup (name);
  scenario->source = g_strdup (source);
  scenario->lesson_texts = synack_lesson_texts_new ();
  scenario->edits = g_ptr_array_new_with_free_func (g_free);
  scenario->left_out = g_array_new (FALSE, FALSE, sizeof (guint));
  scenario->assignments = g_array_new (FALSE, TRUE, sizeof (Assignment));
  g_array_set_clear_func (scenario->assignments, assignment_clear);
  scenario->actions = g_array_new (FALSE, TRUE, sizeof (SynackAction));
  scenario->faults = g_array_new (FALSE, TRUE, sizeof (SynackFault));
  scenario->quiz = g_array_new (FALSE, TRUE, sizeof (SynackQuizFocus));
  return scenario;
}

void
synack_scenario_free (SynackScenario *scenario)
{
  if (scenario == NULL)
    return;
  g_free (scenario->name);
  g_free (scenario->source);
  g_hash_table_unref (scenario->lesson_texts);
  g_free (scenario->text);
  g_ptr_array_unref (scenario->edits);
  g_array_unref (scenario->left_out);
  g_array_unref (scenario->assignments);
  g_array_unref (scenario->actions);
  g_array_unref (scenario->faults);
  g_array_unref (scenario->quiz);
  g_free (scenario);
}

/* ---- Building the script ----------------------------------------------- */

/* The profile sets every default first, wherever it appears; then the other
 * assignments apply in order, so a later one (an edit) wins. skip (or
 * G_MAXUINT) leaves one assignment out. */
static SynackParamsError
apply_assignments (const SynackScenario *scenario, guint skip, SynackParams *params)
{
  SynackProfile profile = SYNACK_PROFILE_LINUX;

  for (guint i = 0; i < scenario->assignments->len; i++)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);

      if (i != skip && g_str_equal (a->key, "profile"))
        synack_profile_from_string (a->value, &profile);
    }
  synack_params_init (params, profile);
  for (guint i = 0; i < scenario->assignments->len; i++)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);

      if (i != skip && !g_str_equal (a->key, "profile") && !synack_param_apply (params, a->key, a->value, NULL))
        g_return_val_if_reached (SYNACK_PARAMS_OK);  /* every stored assignment was checked */
    }
  return synack_params_validate (params);
}

static gboolean
build_params (const SynackScenario *scenario, SynackParams *params, GError **error)
{
  SynackParamsError problem = apply_assignments (scenario, G_MAXUINT, params);

  if (problem == SYNACK_PARAMS_OK)
    return TRUE;
  /* Values that do not fit together (msl = 0, rto-min above rto-max): name
   * the last line without which this problem goes away. */
  for (guint i = scenario->assignments->len; i-- > 0;)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);
      SynackParams without;

      if (apply_assignments (scenario, i, &without) != problem)
        {
          /* An edit or --set is quoted by whoever made it; a file's line is named here. */
          if (a->edit)
            g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE, _("%s = %s: %s"),
                         a->key, a->value, _(synack_params_error_to_string (problem)));
          else
            g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE, _("%s:%u: %s = %s: %s"),
                         scenario->source, a->line, a->key, a->value, _(synack_params_error_to_string (problem)));
          return FALSE;
        }
    }
  g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
               _("%s: %s"), scenario->source, _(synack_params_error_to_string (problem)));
  return FALSE;
}

/* An action timed after the time-limit would silently never happen. */
static gboolean
check_actions_in_time (const SynackScenario *scenario, const SynackParams *params, GError **error)
{
  for (guint i = 0; i < scenario->actions->len; i++)
    {
      const SynackAction *action = &g_array_index (scenario->actions, SynackAction, i);

      if (action->when == SYNACK_WHEN_TIME && action->at > params->time_limit)
        {
          g_autofree char *at = synack_describe_time (action->at, SYNACK_TIME_BRIEF);
          g_autofree char *limit = synack_describe_time (params->time_limit, SYNACK_TIME_BRIEF);

          g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                       _("%s:%u: at %s comes after the run's time-limit (%s), so it would never happen"),
                       scenario->source, action->line, at, limit);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
synack_scenario_rebuild_script (SynackScenario *scenario, GError **error)
{
  SynackParams params;

  if (!build_params (scenario, &params, error) || !check_actions_in_time (scenario, &params, error))
    return FALSE;
  scenario->script.params = params;
  scenario->script.actions = (SynackAction *) (void *) scenario->actions->data;
  scenario->script.n_actions = scenario->actions->len;
  scenario->script.faults = (SynackFault *) (void *) scenario->faults->data;
  scenario->script.n_faults = scenario->faults->len;
  return TRUE;
}
SynackScenario *
synack_scenario_copy (const SynackScenario *scenario)
{
  SynackScenario *copy = synack_scenario_new_empty (scenario->name, scenario->source);

  g_hash_table_unref (copy->lesson_texts);
  copy->lesson_texts = synack_lesson_texts_copy (scenario->lesson_texts);
  copy->topic = scenario->topic;
  copy->text = g_strdup (scenario->text);
  for (guint i = 0; i < scenario->edits->len; i++)
    g_ptr_array_add (copy->edits, g_strdup (g_ptr_array_index (scenario->edits, i)));
  g_array_append_vals (copy->left_out, scenario->left_out->data, scenario->left_out->len);
  for (guint i = 0; i < scenario->assignments->len; i++)
    {
      const Assignment *a = &g_array_index (scenario->assignments, Assignment, i);
      Assignment b = { g_strdup (a->key), g_strdup (a->value), a->line, a->edit };

      g_array_append_val (copy->assignments, b);
    }
  g_array_append_vals (copy->actions, scenario->actions->data, scenario->actions->len);
  g_array_append_vals (copy->faults, scenario->faults->data, scenario->faults->len);
  g_array_append_vals (copy->quiz, scenario->quiz->data, scenario->quiz->len);
  copy->script = scenario->script;
  copy->script.actions = (SynackAction *) (void *) copy->actions->data;
  copy->script.faults = (SynackFault *) (void *) copy->faults->data;
  return copy;
}

const char *synack_scenario_get_name (const SynackScenario *s) { return s->name; }

void
synack_scenario_set_name (SynackScenario *scenario, const char *name)
{
  g_free (scenario->name);
  scenario->name = g_strdup (name);
}

const SynackScript *synack_scenario_get_script (const SynackScenario *s) { return &s->script; }

const SynackQuizFocus *
synack_scenario_get_quiz (const SynackScenario *scenario, guint *n_foci)
{
  *n_foci = scenario->quiz->len;
  return (const SynackQuizFocus *) (void *) scenario->quiz->data;
}

/* Applies a change as a line, and undoes it if the result does not hold. */
static gboolean
apply_edit (SynackScenario *scenario, const char *line, GError **error)
{
  guint n_assignments = scenario->assignments->len;
  guint n_actions = scenario->actions->len;
  guint n_faults = scenario->faults->len;
  guint n_quiz = scenario->quiz->len;
  g_autofree char *source = g_strdup_printf ("%s (edit)", scenario->source);

  gboolean ok;

  scenario->parsing_edit = TRUE;
  ok = synack_scenario_parse_line (scenario, source, scenario->edits->len + 1, line, error) &&
       synack_scenario_rebuild_script (scenario, error);
  scenario->parsing_edit = FALSE;
  if (!ok)
    {
      g_array_set_size (scenario->assignments, n_assignments);
      g_array_set_size (scenario->actions, n_actions);
      g_array_set_size (scenario->faults, n_faults);
      g_array_set_size (scenario->quiz, n_quiz);
      synack_scenario_rebuild_script (scenario, NULL);
      return FALSE;
    }
  g_ptr_array_add (scenario->edits, g_strdup (line));
  return TRUE;
}

gboolean
synack_scenario_set_param (SynackScenario *scenario, const char *key, const char *value,
                           GError **error)
{
  g_autofree char *line = NULL;
  SynackParams scratch;

  g_return_val_if_fail (key != NULL && value != NULL, FALSE);
  if (!synack_param_key_is_known (key))
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_UNKNOWN_KEY,
                   _("unknown parameter '%s'"), key);
      return FALSE;
    }
  if (strchr (value, '\n') != NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("the value of '%s' must be on one line"), key);
      return FALSE;
    }
  /* Check the value alone first, for a message without a line number. */
  synack_params_init (&scratch, SYNACK_PROFILE_LINUX);
  if (!synack_param_apply (&scratch, key, value, error))
    return FALSE;
  line = g_strdup_printf ("%s = %s", key, value);
  return apply_edit (scenario, line, error);
}

gboolean
synack_scenario_set_assignment (SynackScenario *scenario, const char *assignment, GError **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("'%s' is not KEY=VALUE (e.g. loss=5%%)"), assignment);
      return FALSE;
    }
  key = g_strstrip (g_strndup (assignment, (gsize) (eq - assignment)));
  value = g_strstrip (g_strdup (eq + 1));
  return synack_scenario_set_param (scenario, key, value, error);
}

gboolean
synack_scenario_append_line (SynackScenario *scenario, const char *line, GError **error)
{
  if (strchr (line, '\n') != NULL)
    {
      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_SYNTAX,
                   _("an edit is a single line"));
      return FALSE;
    }
  return apply_edit (scenario, line, error);
}

guint
synack_scenario_remove_actions (SynackScenario *scenario, SynackDo what)
{
  guint removed = 0;

  /* Edits come after the text, so an action of the text is one whose line
   * was read from it: only those are ever removed. */
  g_return_val_if_fail (scenario->edits->len == 0, 0);
  for (guint i = scenario->actions->len; i-- > 0;)
    {
      const SynackAction *action = &g_array_index (scenario->actions, SynackAction, i);

      if (action->what != what)
        continue;
      g_array_append_val (scenario->left_out, action->line);
      g_array_remove_index (scenario->actions, i);
      removed++;
    }
  if (removed > 0 && !synack_scenario_rebuild_script (scenario, NULL))
    g_return_val_if_reached (removed);  /* fewer actions never break the parameters */
  return removed;
}

static gboolean
is_left_out (const SynackScenario *scenario, guint line)
{
  for (guint i = 0; i < scenario->left_out->len; i++)
    if (g_array_index (scenario->left_out, guint, i) == line)
      return TRUE;
  return FALSE;
}

char *
synack_scenario_to_text (const SynackScenario *scenario)
{
  GString *out = g_string_new (NULL);

  if (scenario->left_out->len == 0)
    g_string_assign (out, scenario->text);
  else
    {
      g_auto (GStrv) lines = g_strsplit (scenario->text, "\n", -1);

      /* A removed action stays visible, as a comment, so the file still
       * shows what the lesson did before it was changed. */
      for (guint i = 0; lines[i]; i++)
        {
          if (is_left_out (scenario, i + 1))
            g_string_append (out, "# left out: ");
          g_string_append (out, lines[i]);
          if (lines[i + 1] != NULL)
            g_string_append_c (out, '\n');
        }
    }
  if (scenario->edits->len > 0)
    {
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      g_string_append (out, "\n# Changes made while exploring (later lines win)\n");
      for (guint i = 0; i < scenario->edits->len; i++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (scenario->edits, i));
    }
  return g_string_free (out, FALSE);
}

void
synack_trace_free (SynackTrace *trace)
{
  if (trace == NULL)
    return;
  synack_trace_clear (trace);
  g_free (trace);
}

SynackTrace *
synack_scenario_run (const SynackScenario *scenario, SynackRunStats *stats, GError **error)
{
  return synack_scenario_run_cancellable (scenario, stats, NULL, error);
}

static void
raise_cancel_flag (GCancellable *cancellable, gpointer flag)
{
  g_atomic_int_set ((int *) flag, 1);
}

gboolean
synack_scenario_run_into (const SynackScenario *scenario, SynackTrace *trace, SynackRunStats *stats,
                          GCancellable *cancellable, GError **error)
{
  SynackEngineError result;
  SynackRunStats local_stats;
  int cancel_flag = 0;
  gulong handler = 0;

  /* The engine knows no GLib: it watches a plain flag that the cancellable
   * raises, from whichever thread cancels it. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (raise_cancel_flag), &cancel_flag, NULL);
  result = synack_engine_run_cancellable (&scenario->script, trace, &local_stats, &cancel_flag);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  if (stats)
    *stats = local_stats;
  if (result == SYNACK_ENGINE_CANCELLED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: the run was cancelled"), scenario->source);
      return FALSE;
    }
  if (result != SYNACK_ENGINE_OK)
    {
      g_autofree char *when = synack_describe_time (local_stats.end_time, SYNACK_TIME_BRIEF);

      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_RUN,
                   _("%s: %s (stopped at %s after %llu events)"),
                   scenario->source, _(synack_engine_error_to_string (result)), when,
                   (unsigned long long) local_stats.events);
      return FALSE;
    }
  return TRUE;
}

SynackTrace *
synack_scenario_run_to_sink (const SynackScenario *scenario, SynackTraceSink sink, void *sink_data,
                             SynackRunStats *stats, GCancellable *cancellable, GError **error)
{
  g_autoptr (SynackTrace) trace = g_new0 (SynackTrace, 1);

  synack_trace_init (trace);
  trace->sink = sink;
  trace->sink_data = sink_data;
  trace->without_conn_records = TRUE;
  if (!synack_scenario_run_into (scenario, trace, stats, cancellable, error))
    return NULL;
  return g_steal_pointer (&trace);
}

uint64_t
synack_scenario_count_connects (const SynackScenario *scenario)
{
  const SynackScript *script = &scenario->script;
  uint64_t n = 0;

  for (size_t i = 0; i < script->n_actions; i++)
    {
      const SynackAction *a = &script->actions[i];
      uint64_t count = (uint64_t) a->repeat + 1;

      if (a->what != SYNACK_DO_CONNECT)
        continue;
      /* A time limit stops the repeats it comes before. */
      if (script->params.time_limit > 0 && a->when == SYNACK_WHEN_TIME)
        {
          if (a->at > script->params.time_limit)
            continue;
          if (a->every > 0)
            count = MIN (count, (uint64_t) ((script->params.time_limit - a->at) / a->every) + 1);
        }
      n += count;
    }
  return n;
}

SynackTrace *
synack_scenario_run_cancellable (const SynackScenario *scenario, SynackRunStats *stats,
                                 GCancellable *cancellable, GError **error)
{
  g_autoptr (SynackTrace) trace = g_new0 (SynackTrace, 1);

  synack_trace_init (trace);
  if (!synack_scenario_run_into (scenario, trace, stats, cancellable, error))
    return NULL;
  return g_steal_pointer (&trace);
}

