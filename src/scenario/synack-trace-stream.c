/* synack-trace-stream.c: a run's trace, or its census, written while it
 * runs, for runs too long to keep (synack-cli run, synack-cli census):
 * memory follows the sockets alive and the connection records, not the
 * events. */
#include "synack-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "synack-describe.h"
#include "synack-scenario-private.h"

/* Formatted events are gathered and written in blocks of about this size. */
#define BLOCK_BYTES (64 * 1024)

typedef struct {
  SynackTraceFormat format;
  FILE             *out;
  GString          *block;
  const SynackTrace *trace;
  guint64           n_events;
  int               write_errno;  /* 0 until a write fails */
} Stream;

static void
flush_block (Stream *stream)
{
  if (stream->write_errno == 0 && stream->block->len > 0 &&
      fwrite (stream->block->str, 1, stream->block->len, stream->out) != stream->block->len)
    stream->write_errno = errno ? errno : EIO;
  g_string_truncate (stream->block, 0);
}

static void
write_event (const SynackEvent *event, void *data)
{
  Stream *stream = data;

  if (stream->format == SYNACK_TRACE_JSON)
    synack_trace_append_json_event (stream->block, event, stream->n_events == 0);
  else
    synack_trace_append_text_event (stream->block, stream->trace, event);
  stream->n_events++;
  if (stream->block->len >= BLOCK_BYTES)
    flush_block (stream);
}

static void
ignore_event (const SynackEvent *event, void *data)
{
  (void) event;
  (void) data;
}

/* Samples a host may have: ten million are a gigabyte of CSV already; an
 * interval that makes more is a slip (1us for 1s). */
#define CENSUS_MAX_SAMPLES 10000000u

typedef struct {
  Stream             *stream;
  SynackCensusFormat  format;
  guint64             n_rows;
} CensusRows;

static void
write_census_row (const SynackCensusRow *row, void *data)
{
  CensusRows *rows = data;

  if (rows->format == SYNACK_CENSUS_CSV)
    synack_census_append_csv_row (rows->stream->block, row);
  else
    synack_census_append_json_row (rows->stream->block, row, rows->n_rows == 0);
  rows->n_rows++;
  if (rows->stream->block->len >= BLOCK_BYTES)
    flush_block (rows->stream);
}

/* A run with the census behind its sink, writing its rows into the stream
 * (none if rows is NULL); the census is finished at the run's end. */
static gboolean
run_census (const SynackScenario *scenario, SynackCensus *census, SynackTime interval, CensusRows *rows,
            SynackTime *end_time, SynackRunStats *stats, GError **error)
{
  SynackTrace trace;
  gboolean ok;

  synack_census_init (census, interval, rows != NULL ? write_census_row : NULL, rows);
  synack_trace_init (&trace);
  trace.sink = synack_census_sink;
  trace.sink_data = census;
  trace.without_conn_records = TRUE;
  ok = synack_scenario_run_into (scenario, &trace, stats, NULL, error);
  if (ok)
    synack_census_finish (census, trace.end_time);
  *end_time = trace.end_time;
  synack_trace_clear (&trace);
  return ok;
}

/* Flushes what is left and says whether every write went through. */
static gboolean
finish_stream (Stream *stream, gboolean ok, GError **error)
{
  flush_block (stream);
  if (stream->write_errno == 0 && fflush (stream->out) != 0)
    stream->write_errno = errno ? errno : EIO;
  if (ok && stream->write_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (stream->write_errno),
                   _("cannot write the output: %s"), g_strerror (stream->write_errno));
      return FALSE;
    }
  if (!ok)
    g_prefix_error (error, _("the output stops short: "));
  return ok;
}

gboolean
synack_scenario_census_to_stream (const SynackScenario *scenario, SynackCensusFormat format,
                                  SynackTime interval, FILE *out, SynackRunStats *stats, GError **error)
{
  g_autoptr (GString) block = g_string_sized_new (BLOCK_BYTES + 4096);
  Stream stream = { SYNACK_TRACE_TEXT, out, block, NULL, 0, 0 };
  CensusRows rows = { &stream, format, 0 };
  SynackCensus census;
  SynackTime end_time;
  gboolean ok;

  /* As for the trace: a first run that writes nothing finds out whether
   * the run fails, so that a failed run writes nothing at all, and how long
   * the run lasts. It is the engine alone, nothing formatted: about half
   * the time of the second. */
  if (!run_census (scenario, &census, interval, NULL, &end_time, NULL, error))
    return FALSE;
  if (interval > 0 && end_time / interval >= CENSUS_MAX_SAMPLES)
    {
      g_autofree char *every = synack_describe_time (interval, SYNACK_TIME_BRIEF);
      g_autofree char *lasting = synack_describe_time (end_time, SYNACK_TIME_BRIEF);

      g_set_error (error, SYNACK_SCENARIO_ERROR, SYNACK_SCENARIO_ERROR_BAD_VALUE,
                   _("a census row every %s over the %s the run lasts makes more than %u rows per host: "
                     "choose a longer interval"), every, lasting, CENSUS_MAX_SAMPLES);
      return FALSE;
    }

  if (format == SYNACK_CENSUS_CSV)
    synack_census_append_csv_head (block);
  else
    {
      synack_census_append_json_head (block, scenario);
      synack_census_append_json_open (block, interval);
    }
  ok = run_census (scenario, &census, interval, &rows, &end_time, stats, error);
  if (ok && format == SYNACK_CENSUS_CSV)
    synack_census_append_csv_peaks (block, &census);
  else if (ok)
    {
      synack_census_append_json_close (block, &census, rows.n_rows > 0);
      synack_trace_append_json_tail (block, end_time);
    }
  return finish_stream (&stream, ok, error);
}

gboolean
synack_scenario_run_to_stream (const SynackScenario *scenario, SynackTraceFormat format, FILE *out,
                               SynackRunStats *stats, GError **error)
{
  g_autoptr (GString) block = g_string_sized_new (BLOCK_BYTES + 4096);
  Stream stream = { format, out, block, NULL, 0, 0 };
  SynackTrace trace;
  gboolean ok;

  synack_trace_init (&trace);
  stream.trace = &trace;
  /* A first run, writing nothing, finds out whether the run fails (an
   * event limit, say), so that a failed run writes nothing at all, and
   * learns the connections, which JSON lists before the events. Same
   * script, same run. */
  trace.sink = ignore_event;
  trace.without_conn_records = format != SYNACK_TRACE_JSON;
  if (!synack_scenario_run_into (scenario, &trace, NULL, NULL, error))
    {
      synack_trace_clear (&trace);
      return FALSE;
    }
  if (format == SYNACK_TRACE_JSON)
    {
      /* Written in blocks too: ten million connections are a gigabyte. */
      synack_trace_append_json_head (block, &trace, scenario);
      for (size_t i = 0; i < trace.n_conns; i++)
        {
          synack_trace_append_json_conn (block, &trace.conns[i], i == 0);
          if (block->len >= BLOCK_BYTES)
            flush_block (&stream);
        }
      synack_trace_append_json_events_open (block, trace.n_conns > 0);
    }
  else
    synack_trace_append_text_head (block, scenario);
  synack_trace_clear (&trace);
  /* Written already, or never: the second run needs none. */
  trace.without_conn_records = TRUE;

  trace.sink = write_event;
  trace.sink_data = &stream;
  ok = synack_scenario_run_into (scenario, &trace, stats, NULL, error);
  synack_trace_clear (&trace);
  if (ok && format == SYNACK_TRACE_JSON)
    {
      /* The census after the events: a third run, counting instead of
       * keeping its rows until the events are out. */
      CensusRows rows = { &stream, SYNACK_CENSUS_JSON, 0 };
      SynackCensus census;
      SynackTime end_time;

      synack_trace_append_json_events_close (block, stream.n_events > 0);
      synack_census_append_json_open (block, 0);
      ok = run_census (scenario, &census, 0, &rows, &end_time, NULL, error);
      if (ok)
        {
          synack_census_append_json_close (block, &census, rows.n_rows > 0);
          synack_trace_append_json_tail (block, end_time);
        }
    }
  return finish_stream (&stream, ok, error);
}

gboolean
synack_scenario_census (const SynackScenario *scenario, SynackCensus *census, GError **error)
{
  SynackTime end_time;

  return run_census (scenario, census, 0, NULL, &end_time, NULL, error);
}
