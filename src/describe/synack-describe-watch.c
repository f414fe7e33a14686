/* synack-describe-watch.c: the moment of a run a lesson's point to watch is about. */
#include "synack-config.h"

#include <string.h>

#include "synack-describe.h"

static gboolean
is_name_char (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Where the state's name first stands as a word of the text, or NULL:
 * FIN_WAIT_1 is not found in FIN_WAIT_12, nor CLOSED in CLOSED_X. */
static const char *
find_state_name (const char *text, SynackState state)
{
  const char *name = synack_state_to_string (state);
  size_t len = strlen (name);

  for (const char *p = strstr (text, name); p != NULL; p = strstr (p + 1, name))
    if ((p == text || !is_name_char (p[-1])) && !is_name_char (p[len]))
      return p;
  return NULL;
}

long
synack_describe_watch_moment (const SynackTrace *trace, const char *point)
{
  const char *first = NULL;
  SynackState about = SYNACK_N_STATES;

  /* The first state the point names; RFC state names are written in Latin
   * in every language, so the Chinese points find the same moment. */
  for (int s = 0; s < SYNACK_N_STATES; s++)
    {
      const char *at = find_state_name (point, s);

      if (at != NULL && (first == NULL || at < first))
        {
          first = at;
          about = s;
        }
    }
  if (about == SYNACK_N_STATES)
    return -1;
  for (size_t i = 0; i < trace->n_events; i++)
    if (trace->events[i].type == SYNACK_EVENT_STATE && trace->events[i].to == about)
      return (long) i;
  return -1;
}

long
synack_describe_current_watch (const long *moments, size_t n_points, long upto)
{
  long current = n_points > 0 ? 0 : -1;
  long latest = -1;

  for (size_t i = 0; i < n_points; i++)
    /* The point the run reached last; ties go to the one written first. */
    if (moments[i] >= 0 && moments[i] <= upto && moments[i] > latest)
      {
        latest = moments[i];
        current = (long) i;
      }
  return current;
}
