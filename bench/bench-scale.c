/* bench-scale.c: runs at scale as the window gets them: with no argument, the memory a kept run takes per connection (which sets SYNACK_DOCUMENT_KEEP_CONNECTIONS); given scenario files, each run through the document's worker, with the main loop's longest stall. Prints figures; asserts nothing. */
#include "synack-config.h"

#include <malloc.h>
#include <stdio.h>
#include <sys/resource.h>

#include "synack-document.h"

/* Short connections, one every millisecond, the client closing first. */
static char *
short_connections (unsigned n)
{
  return g_strdup_printf ("delay = 2ms\nevent-limit = 100000000\nat 0 server listen 80\n"
                          "at 1ms client connect 80 repeat %u every 1ms\n"
                          "when client established: client send 100\n"
                          "when server received 100: server send 200\n"
                          "when client received 200: client close\n"
                          "when server eof: server close\n", n - 1);
}

static size_t
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

/* What a run the window keeps costs: its trace and its diagram. */
static void
kept_memory (unsigned n)
{
  g_autofree char *text = short_connections (n);
  g_autoptr (GError) error = NULL;
  g_autoptr (SynackScenario) scenario = synack_scenario_parse (text, "bench", &error);
  g_autoptr (SynackTheme) theme = synack_theme_new ("light", 1, NULL);
  size_t before = heap_in_use (), after_run, after_layout;
  SynackTrace *trace;
  SynackDiagramLayout *layout;

  if (scenario == NULL)
    g_error ("%s", error->message);
  trace = synack_scenario_run (scenario, NULL, &error);
  if (trace == NULL)
    g_error ("%s", error->message);
  after_run = heap_in_use ();
  layout = synack_layout_with_theme (trace, theme);
  after_layout = heap_in_use ();
  printf ("kept run of %7u connections: trace %6.1f MiB, with its diagram %6.1f MiB: %5.1f KiB a connection\n",
          n, (after_run - before) / 1048576.0, (after_layout - before) / 1048576.0,
          (after_layout - before) / 1024.0 / n);
  synack_diagram_layout_free (layout);
  synack_trace_free (trace);
}

typedef struct {
  gint64   last_tick;
  gint64   longest_stall;
  guint    reports;
  gboolean done;
  SynackRun *run;
  GError   *error;
} Watch;

static gboolean
tick (gpointer data)
{
  Watch *w = data;
  gint64 now = g_get_monotonic_time ();

  w->longest_stall = MAX (w->longest_stall, now - w->last_tick);
  w->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_progress (SynackDocument *doc, guint64 events, gint64 t, guint connections, gpointer data)
{
  ((Watch *) data)->reports++;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Watch *w = data;

  w->run = synack_document_run_finish (SYNACK_DOCUMENT (source), result, &w->error);
  w->done = TRUE;
}

static void
scale_run (const char *path)
{
  g_autoptr (SynackDocument) doc = synack_document_new ();
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) error = NULL;
  Watch w = { 0 };
  guint timer;
  gint64 start;
  struct rusage usage;

  if (!synack_document_load_file (doc, file, &error))
    g_error ("%s", error->message);
  g_signal_connect (doc, "run-progress", G_CALLBACK (on_progress), &w);
  timer = g_timeout_add (1, tick, &w);
  start = w.last_tick = g_get_monotonic_time ();
  synack_document_run_async (doc, "light", 1, NULL, on_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  if (w.run == NULL)
    g_error ("%s", w.error->message);
  getrusage (RUSAGE_SELF, &usage);
  printf ("%s: %s, %.2f s, %" G_GUINT64_FORMAT " events, %u connections, %u progress reports\n",
          path, w.run->summarized ? "summarized" : "kept", (g_get_monotonic_time () - start) / 1e6,
          w.run->summary->events, synack_strip_grid_n_conns (w.run->summary->grid), w.reports);
  printf ("  longest main-loop stall %.1f ms; summary %.1f MiB; peak RSS %.1f MiB\n",
          w.longest_stall / 1000.0, synack_scale_summary_memory (w.run->summary) / 1048576.0,
          usage.ru_maxrss / 1024.0);
  synack_run_unref (w.run);
}

int
main (int argc, char **argv)
{
  static const unsigned sizes[] = { 1000, 5000, 20000 };

  /* One or the other, so the peak RSS of a scale run is its own. */
  if (argc < 2)
    for (size_t i = 0; i < G_N_ELEMENTS (sizes); i++)
      kept_memory (sizes[i]);
  for (int i = 1; i < argc; i++)
    scale_run (argv[i]);
  return 0;
}
