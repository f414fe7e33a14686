/* bench-app.c: prints how long the window takes from a parameter change to the new diagram, and how long it holds the main loop. */
#include "synack-config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "synack-test-app.h"

/* What a teacher runs in class to show many connections: one after
 * another (about 10,000 segments), or hundreds open at once. */
typedef struct {
  const char *name;
  const char *text;
} Workload;

static const Workload workloads[] = {
  { "10,000 segments, one connection after another",
    "title = One connection after another\n"
    "event-limit = 2000000\n"
    "delay = 20ms\n"
    "at 0 server listen 80\n"
    "at 10ms client connect 80 repeat 1000 every 300ms\n"
    "when client established: client send 100\n"
    "when server received 100: server send 200\n"
    "when client received 200: client close\n"
    "when server eof: server close\n" },
  { "350 connections open at once",
    "title = Hundreds at once\n"
    "event-limit = 2000000\n"
    "delay = 50ms\n"
    "loss = 1%\n"
    "at 0 server listen 80\n"
    "at 10ms client connect 80 repeat 350 every 1ms\n"
    "when client established: client send 20000\n"
    "when server received 20000: server send 200\n"
    "when client received 200: client close\n"
    "when server eof: server close\n" },
};

/* A click on the Parameters page that changes the run late (the
 * TIME_WAIT length), then one that changes it from the start (the
 * server's delay), each back and forth. */
static const char *const clicks[][2] = {
  { "msl", "29s" }, { "msl", "30s" }, { "delay-s2c", "21ms" }, { "delay-s2c", "20ms" },
};

/* User and system time of the whole process, workers included, in ms:
 * steadier than wall time on a busy machine. */
static double
process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench_workload (SynackWindow *window, const Workload *workload, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "workload.synack", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double took[G_N_ELEMENTS (clicks)], stall[G_N_ELEMENTS (clicks)], cpu[G_N_ELEMENTS (clicks)];
  const SynackTrace *trace;
  gint64 start;

  g_assert_true (g_file_set_contents (path, workload->text, -1, NULL));
  start = g_get_monotonic_time ();
  synack_window_open_file (window, file);
  synack_test_app_wait_until_idle (window);
  synack_test_app_wait_frames (200);
  trace = synack_window_get_run (window)->trace;
  printf ("%s: %zu events, %u segments, %zu connections; opened in %.0f ms\n", workload->name,
          trace->n_events, trace->n_segments, trace->n_conns, (g_get_monotonic_time () - start) / 1e3);

  for (guint i = 0; i < G_N_ELEMENTS (clicks); i++)
    {
      double cpu_start;

      synack_test_app_heartbeat_start ();
      start = g_get_monotonic_time ();
      cpu_start = process_cpu_ms ();
      g_assert_true (synack_window_set_param (window, clicks[i][0], clicks[i][1]));
      synack_test_app_wait_until_idle (window);
      /* The new diagram is on screen once a frame has been drawn. */
      synack_test_app_wait_frames (20);
      took[i] = (g_get_monotonic_time () - start) / 1e3 - 20;
      cpu[i] = process_cpu_ms () - cpu_start;
      stall[i] = synack_test_app_heartbeat_stop (NULL) / 1e3;
      printf ("  %-9s = %-5s  new diagram after %6.0f ms (CPU %4.0f ms), main loop held at most %4.0f ms\n",
              clicks[i][0], clicks[i][1], took[i], cpu[i], stall[i]);
    }
  qsort (took, G_N_ELEMENTS (took), sizeof took[0], compare_doubles);
  qsort (stall, G_N_ELEMENTS (stall), sizeof stall[0], compare_doubles);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof cpu[0], compare_doubles);
  printf ("  median: click to new diagram %.0f ms (CPU %.0f ms; targets 100 ms, 300 ms with hundreds at once), "
          "longest stall %.0f ms (worst %.0f ms; target 50 ms)\n",
          (took[1] + took[2]) / 2, (cpu[1] + cpu[2]) / 2, (stall[1] + stall[2]) / 2, stall[G_N_ELEMENTS (stall) - 1]);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  SynackWindow *window;

  /* As the tests run the window: no user settings, the build's schema. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SYNACK_BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  if (!synack_test_app_init ())
    {
      fprintf (stderr, "bench-app: no display; run it as xvfb-run -a %s\n", argv[0]);
      return 1;
    }
  dir = g_dir_make_tmp ("synack-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-app: %s\n", error->message);
      return 1;
    }
  window = synack_test_app_open ("handshake", 1366, 768);
  for (guint i = 0; i < G_N_ELEMENTS (workloads); i++)
    if (argc < 2 || atoi (argv[1]) == (int) i + 1)
      bench_workload (window, &workloads[i], dir);
  synack_test_app_close (window);

  path = g_build_filename (dir, "workload.synack", NULL);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
