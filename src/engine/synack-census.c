/* synack-census.c: the sockets of each host in each state, counted from the
 * trace as it goes, with the rows and peaks of the settled instants. */
#include <string.h>

#include "synack-census.h"

void
synack_census_init (SynackCensus *census, SynackTime interval,
                    SynackCensusRowFunc row_func, void *user_data)
{
  memset (census, 0, sizeof *census);
  census->interval = interval > 0 ? interval : 0;
  census->row_func = row_func;
  census->row_data = user_data;
  census->now = -1;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      census->last_row[h].host = (SynackHostId) h;
      census->sample[h].host = (SynackHostId) h;
      census->first_eaddrnotavail[h] = -1;
      for (int s = 0; s < SYNACK_N_STATES; s++)
        census->peak[h][s].first_t = -1;
    }
}

static void
write_row (SynackCensus *census, const SynackCensusRow *row)
{
  if (census->row_func != NULL)
    census->row_func (row, census->row_data);
}

static bool
row_differs (const SynackCensusRow *row, const uint32_t count[SYNACK_N_STATES], uint64_t eaddrnotavail)
{
  return row->eaddrnotavail != eaddrnotavail ||
         memcmp (row->count, count, sizeof row->count) != 0;
}

/* The instant `now` has all its events: its counts are settled. */
static void
settle_instant (SynackCensus *census)
{
  if (census->now < 0)
    return;
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      const uint32_t *count = census->count[h];

      for (int s = 0; s < SYNACK_N_STATES; s++)
        {
          SynackCensusPeak *peak = &census->peak[h][s];

          if (count[s] > peak->count)
            {
              peak->count = count[s];
              peak->first_t = census->now;
            }
          if (count[s] > census->sample[h].count[s])
            census->sample[h].count[s] = count[s];
        }

      if (census->interval == 0 && row_differs (&census->last_row[h], count, census->eaddrnotavail[h]))
        {
          SynackCensusRow *row = &census->last_row[h];

          row->t = census->now;
          memcpy (row->count, count, sizeof row->count);
          row->eaddrnotavail = census->eaddrnotavail[h];
          write_row (census, row);
        }
    }
}

/* Writes the samples being gathered, one per host, and starts the next
 * with the counts carried into it. */
static void
write_samples (SynackCensus *census)
{
  for (int h = 0; h < SYNACK_N_HOSTS; h++)
    {
      SynackCensusRow *sample = &census->sample[h];

      sample->eaddrnotavail = census->eaddrnotavail[h];
      write_row (census, sample);
      sample->t += census->interval;
      memcpy (sample->count, census->count[h], sizeof sample->count);
    }
}

/* Writes every sample that ends at or before `t` (the difference, not the
 * sum, so that no interval however long overflows). */
static void
write_samples_before (SynackCensus *census, SynackTime t)
{
  if (census->interval == 0)
    return;
  while (t - census->sample[0].t >= census->interval)
    write_samples (census);
}

static void
leave_state (SynackCensus *census, SynackHostId host, SynackState state)
{
  uint32_t *count = &census->count[host][state];

  if (state == SYNACK_STATE_CLOSED)
    return;
  if (*count == 0)
    census->inconsistencies++;
  else
    (*count)--;
}

static void
count_state_change (SynackCensus *census, const SynackEvent *event)
{
  if (event->from >= SYNACK_N_STATES || event->to >= SYNACK_N_STATES || event->host >= SYNACK_N_HOSTS)
    return;
  /* A connection leaving LISTEN is a listener's child being born: the
   * listener (connection 0) stays where it is. */
  if (!(event->from == SYNACK_STATE_LISTEN && event->conn != 0))
    leave_state (census, event->host, event->from);
  if (event->to != SYNACK_STATE_CLOSED)
    census->count[event->host][event->to]++;
}

void
synack_census_feed (SynackCensus *census, const SynackEvent *event)
{
  SynackTime t;

  if (census->finished)
    return;
  /* Trace order never goes back in time; should it, the event joins the
   * instant being gathered. */
  t = event->t > census->now ? event->t : census->now;
  if (t != census->now)
    {
      settle_instant (census);
      write_samples_before (census, t);
      census->now = t;
    }

  if (event->type == SYNACK_EVENT_STATE)
    count_state_change (census, event);
  else if (event->type == SYNACK_EVENT_APP && event->call == SYNACK_CALL_CONNECT &&
           event->result == SYNACK_RESULT_EADDRNOTAVAIL && event->host < SYNACK_N_HOSTS)
    {
      if (census->eaddrnotavail[event->host]++ == 0)
        census->first_eaddrnotavail[event->host] = t;
    }
}

void
synack_census_sink (const SynackEvent *event, void *census)
{
  synack_census_feed (census, event);
}

void
synack_census_finish (SynackCensus *census, SynackTime end_time)
{
  if (census->finished)
    return;
  settle_instant (census);
  if (end_time < census->now)
    end_time = census->now;
  /* The sample holding end_time is the last. */
  write_samples_before (census, end_time);
  if (census->interval > 0)
    write_samples (census);
  census->finished = true;
}

void
synack_census_of_trace (SynackCensus *census, const SynackTrace *trace, SynackTime interval,
                        SynackCensusRowFunc row_func, void *user_data)
{
  synack_census_init (census, interval, row_func, user_data);
  for (size_t i = 0; i < trace->n_events; i++)
    synack_census_feed (census, &trace->events[i]);
  synack_census_finish (census, trace->end_time);
}

uint32_t
synack_census_count (const SynackCensus *census, SynackHostId host, SynackState state)
{
  if (host >= SYNACK_N_HOSTS || state >= SYNACK_N_STATES)
    return 0;
  return census->count[host][state];
}

uint32_t
synack_census_total (const SynackCensus *census, SynackHostId host)
{
  uint32_t total = 0;

  if (host >= SYNACK_N_HOSTS)
    return 0;
  for (int s = 0; s < SYNACK_N_STATES; s++)
    total += census->count[host][s];
  return total;
}

uint64_t
synack_census_eaddrnotavail (const SynackCensus *census, SynackHostId host)
{
  return host < SYNACK_N_HOSTS ? census->eaddrnotavail[host] : 0;
}

SynackTime
synack_census_first_eaddrnotavail (const SynackCensus *census, SynackHostId host)
{
  return host < SYNACK_N_HOSTS ? census->first_eaddrnotavail[host] : -1;
}

SynackCensusPeak
synack_census_peak (const SynackCensus *census, SynackHostId host, SynackState state)
{
  SynackCensusPeak none = { 0, -1 };

  if (host >= SYNACK_N_HOSTS || state >= SYNACK_N_STATES)
    return none;
  return census->peak[host][state];
}

uint64_t
synack_census_inconsistencies (const SynackCensus *census)
{
  return census->inconsistencies;
}
