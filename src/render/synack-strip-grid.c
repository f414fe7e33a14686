/* synack-strip-grid.c: every connection's states sampled over time into a grid that stays within its bound however long the run. */
#include "synack-config.h"

#include "synack-strip.h"

/* Cells hold the states a socket can be open in; CLOSED is what is left. */
#define N_OPEN_STATES (SYNACK_N_STATES - 1)

typedef struct {
  SynackState state[SYNACK_N_HOSTS];
  SynackTime  since[SYNACK_N_HOSTS];
} OpenConn;

struct _SynackStripGrid {
  int         max_rows, max_columns;
  uint32_t    conns_per_row;
  SynackTime  column_us;
  uint32_t   *counts;        /* [row][column][host][state - 1] */
  uint32_t    n_conns;
  SynackTime  last_t;        /* the latest time a sample may be needed for */
  GHashTable *open;          /* conn -> OpenConn, sockets not CLOSED */
  gboolean    finished;
};

static size_t
cell_index (const SynackStripGrid *grid, int row, int column)
{
  return (((size_t) row * (size_t) grid->max_columns) + (size_t) column) * SYNACK_N_HOSTS * N_OPEN_STATES;
}

SynackStripGrid *
synack_strip_grid_new (int max_rows, int max_columns, SynackTime column_us)
{
  SynackStripGrid *grid = g_new0 (SynackStripGrid, 1);

  g_return_val_if_fail (max_rows > 0 && max_columns > 1 && column_us > 0, NULL);
  grid->max_rows = max_rows;
  grid->max_columns = max_columns;
  grid->conns_per_row = 1;
  grid->column_us = column_us;
  grid->counts = g_new0 (uint32_t, cell_index (grid, max_rows, 0));
  grid->open = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  return grid;
}

void
synack_strip_grid_free (SynackStripGrid *grid)
{
  if (grid == NULL)
    return;
  g_hash_table_unref (grid->open);
  g_free (grid->counts);
  g_free (grid);
}

/* Neighbouring rows become one: counts add up. */
static void
merge_rows (SynackStripGrid *grid)
{
  size_t row_size = cell_index (grid, 1, 0);

  for (int r = 0; r < grid->max_rows; r++)
    {
      uint32_t *to = grid->counts + (size_t) r * row_size;

      if (r < (grid->max_rows + 1) / 2)
        {
          const uint32_t *a = grid->counts + (size_t) (2 * r) * row_size;
          const uint32_t *b = 2 * r + 1 < grid->max_rows ? a + row_size : NULL;

          for (size_t i = 0; i < row_size; i++)
            to[i] = a[i] + (b != NULL ? b[i] : 0);
        }
      else
        memset (to, 0, row_size * sizeof *to);
    }
  grid->conns_per_row *= 2;
}

/* Columns twice as wide: the samples at their new start times are the
 * even ones, already there. */
static void
merge_columns (SynackStripGrid *grid)
{
  size_t cell_size = SYNACK_N_HOSTS * N_OPEN_STATES;

  for (int r = 0; r < grid->max_rows; r++)
    for (int c = 0; c < grid->max_columns; c++)
      {
        uint32_t *to = grid->counts + cell_index (grid, r, c);

        if (c < (grid->max_columns + 1) / 2)
          memcpy (to, grid->counts + cell_index (grid, r, 2 * c), cell_size * sizeof *to);
        else
          memset (to, 0, cell_size * sizeof *to);
      }
  grid->column_us *= 2;
}

static void
make_room_for_time (SynackStripGrid *grid, SynackTime t)
{
  while (t / grid->column_us >= grid->max_columns)
    merge_columns (grid);
  grid->last_t = MAX (grid->last_t, t);
}

static void
make_room_for_conn (SynackStripGrid *grid, uint32_t conn)
{
  while ((conn - 1) / grid->conns_per_row >= (uint32_t) grid->max_rows)
    merge_rows (grid);
  grid->n_conns = MAX (grid->n_conns, conn);
}

/* The socket was in state over [t0, t1): it counts in the samples taken then. */
static void
add_stretch (SynackStripGrid *grid, uint32_t conn, SynackHostId host, SynackState state,
             SynackTime t0, SynackTime t1)
{
  int row;

  if (state == SYNACK_STATE_CLOSED || t1 <= t0)
    return;
  make_room_for_time (grid, t1 - 1);
  row = (int) ((conn - 1) / grid->conns_per_row);
  for (SynackTime k = (t0 + grid->column_us - 1) / grid->column_us; k * grid->column_us < t1; k++)
    grid->counts[cell_index (grid, row, (int) k) + (size_t) host * N_OPEN_STATES + (state - 1)]++;
}

void
synack_strip_grid_add (SynackStripGrid *grid, const SynackEvent *event)
{
  OpenConn *open;

  g_return_if_fail (!grid->finished);
  make_room_for_time (grid, event->t);
  /* A listener (conn 0) is no connection: its state is the census's. */
  if (event->type != SYNACK_EVENT_STATE || event->conn == 0)
    return;
  make_room_for_conn (grid, event->conn);
  open = g_hash_table_lookup (grid->open, GUINT_TO_POINTER (event->conn));
  if (open == NULL)
    {
      open = g_new0 (OpenConn, 1);
      g_hash_table_insert (grid->open, GUINT_TO_POINTER (event->conn), open);
    }
  add_stretch (grid, event->conn, event->host, open->state[event->host], open->since[event->host], event->t);
  open->state[event->host] = event->to;
  open->since[event->host] = event->t;
  if (open->state[SYNACK_CLIENT] == SYNACK_STATE_CLOSED && open->state[SYNACK_SERVER] == SYNACK_STATE_CLOSED)
    g_hash_table_remove (grid->open, GUINT_TO_POINTER (event->conn));
}

void
synack_strip_grid_sink (const SynackEvent *event, void *grid)
{
  synack_strip_grid_add (grid, event);
}

void
synack_strip_grid_finish (SynackStripGrid *grid, SynackTime end_time)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (!grid->finished);
  make_room_for_time (grid, end_time);
  g_hash_table_iter_init (&iter, grid->open);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const OpenConn *open = value;

      /* Still open at the end: the last sample, at end_time, counts it. */
      for (int h = 0; h < SYNACK_N_HOSTS; h++)
        add_stretch (grid, GPOINTER_TO_UINT (key), h, open->state[h], open->since[h], end_time + 1);
    }
  g_hash_table_remove_all (grid->open);
  grid->finished = TRUE;
}

SynackStripGrid *
synack_strip_grid_from_trace (const SynackTrace *trace, int max_rows, int max_columns)
{
  /* The column width the whole run fits in, so no sample is dropped. */
  SynackTime column_us = MAX (trace->end_time / (max_columns - 1) + 1, 1);
  SynackStripGrid *grid = synack_strip_grid_new (max_rows, max_columns, column_us);

  for (size_t i = 0; i < trace->n_events; i++)
    synack_strip_grid_add (grid, &trace->events[i]);
  synack_strip_grid_finish (grid, trace->end_time);
  return grid;
}

int
synack_strip_grid_n_rows (const SynackStripGrid *grid)
{
  return (int) ((grid->n_conns + grid->conns_per_row - 1) / grid->conns_per_row);
}

int
synack_strip_grid_n_columns (const SynackStripGrid *grid)
{
  return (int) (grid->last_t / grid->column_us) + 1;
}

uint32_t
synack_strip_grid_conns_per_row (const SynackStripGrid *grid)
{
  return grid->conns_per_row;
}

uint32_t
synack_strip_grid_n_conns (const SynackStripGrid *grid)
{
  return grid->n_conns;
}

SynackTime
synack_strip_grid_column_us (const SynackStripGrid *grid)
{
  return grid->column_us;
}

SynackTime
synack_strip_grid_end_time (const SynackStripGrid *grid)
{
  return grid->last_t;
}

/* The connections a row holds (the last row may hold fewer). */
static uint32_t
row_size (const SynackStripGrid *grid, int row)
{
  uint32_t first = (uint32_t) row * grid->conns_per_row;

  return first >= grid->n_conns ? 0 : MIN (grid->conns_per_row, grid->n_conns - first);
}

uint32_t
synack_strip_grid_count (const SynackStripGrid *grid, int row, int column, SynackHostId host, SynackState state)
{
  const uint32_t *cell;
  uint32_t open = 0;

  g_return_val_if_fail (row >= 0 && row < grid->max_rows && column >= 0 && column < grid->max_columns, 0);
  cell = grid->counts + cell_index (grid, row, column) + (size_t) host * N_OPEN_STATES;
  if (state != SYNACK_STATE_CLOSED)
    return cell[state - 1];
  for (int s = 0; s < N_OPEN_STATES; s++)
    open += cell[s];
  return row_size (grid, row) - MIN (open, row_size (grid, row));
}

SynackState
synack_strip_grid_dominant (const SynackStripGrid *grid, int row, int column, SynackHostId host, double *share)
{
  const uint32_t *cell;
  uint32_t open = 0, best = 0;
  SynackState state = SYNACK_STATE_CLOSED;

  g_return_val_if_fail (row >= 0 && row < grid->max_rows && column >= 0 && column < grid->max_columns,
                        SYNACK_STATE_CLOSED);
  cell = grid->counts + cell_index (grid, row, column) + (size_t) host * N_OPEN_STATES;
  for (int s = 0; s < N_OPEN_STATES; s++)
    {
      open += cell[s];
      if (cell[s] > best)
        {
          best = cell[s];
          state = (SynackState) (s + 1);
        }
    }
  if (share != NULL)
    *share = open > 0 ? (double) open / (double) MAX (row_size (grid, row), open) : 0;
  return state;
}

size_t
synack_strip_grid_memory (const SynackStripGrid *grid)
{
  return sizeof *grid + cell_index (grid, grid->max_rows, 0) * sizeof (uint32_t)
         + g_hash_table_size (grid->open) * (sizeof (OpenConn) + 4 * sizeof (gpointer));
}
