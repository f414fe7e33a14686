/* bench-render.c: prints how fast the diagram paints and exports a 10,000-segment trace, next to mscgen. */
#include "synack-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "synack-render.h"
#include "synack-svg-writer.h"
#include "test-render-traces.h"

/* Figures of one piece of work run in a child, so its peak memory is its own. */
typedef struct {
  gboolean ok;
  double   seconds;
  double   cpu;       /* user + system time of the child: steady on a busy machine */
  long     max_rss_kb;
  gint64   bytes;
} Figures;

static double
now (void)
{
  return (double) g_get_monotonic_time () / 1e6;
}

/* CPU time of this thread: what a frame costs, whatever else the machine runs. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static double
rusage_cpu (const struct rusage *usage)
{
  return usage->ru_utime.tv_sec + usage->ru_utime.tv_usec / 1e6 + usage->ru_stime.tv_sec + usage->ru_stime.tv_usec / 1e6;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

/* The figures of child pid, started at start, that writes path. */
static Figures
wait_child (pid_t pid, double start, const char *path)
{
  Figures fig = { 0 };
  struct rusage usage;
  int status = 0;

  if (pid < 0 || wait4 (pid, &status, 0, &usage) < 0)
    return fig;
  fig.seconds = now () - start;
  fig.cpu = rusage_cpu (&usage);
  fig.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  fig.max_rss_kb = usage.ru_maxrss;
  fig.bytes = file_size (path);
  return fig;
}

/* A memory figure of this process in KiB: "VmRSS:" (resident now, to take
 * what a child inherited out of its peak) or "VmHWM:" (its peak). */
static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, field)))
    return 0;
  return atol (line + strlen (field));
}

static Figures
export_in_child (const SynackTrace *trace, const char *path, double scale, SynackSvgBackend backend)
{
  double start = now ();
  pid_t pid = fork ();

  if (pid == 0)
    {
      SynackExportOptions options;
      g_autoptr (GError) error = NULL;

      synack_export_options_init (&options);
      options.scale = scale;
      options.svg_backend = backend;
      if (!synack_export_file (trace, &options, path, &error))
        {
          fprintf (stderr, "  export %s: %s\n", path, error->message);
          _exit (1);
        }
      _exit (0);
    }
  return wait_child (pid, start, path);
}

static cairo_status_t
write_fd (void *closure, const unsigned char *data, unsigned int length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static double
process_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return rusage_cpu (&usage);
}

/* One piece of work in a process of its own, started afresh (--piece):
 * the trace is built first, then only the piece is timed; the peak is the
 * whole process's, the trace included, as mscgen's includes its input.
 * Prints "seconds cpu peak_kb". */
static int
run_piece (const char *what, uint32_t n_segments, const char *path)
{
  SynackTrace *trace = test_bulk_trace (n_segments);
  SynackDiagramLayout *layout = NULL;
  gboolean ok = TRUE;
  double start, cpu;

  if (g_str_equal (what, "svg-writer"))
    layout = synack_diagram_layout_new (trace, NULL);
  start = now ();
  cpu = process_cpu ();
  if (g_str_equal (what, "layout"))
    layout = synack_diagram_layout_new (trace, NULL);
  else if (g_str_equal (what, "svg-writer"))
    {
      FILE *out = fopen (path, "wb");

      ok = out && synack_svg_write (layout, NULL, NULL, write_fd, out);
      ok = out && fclose (out) == 0 && ok;
    }
  else if (g_str_equal (what, "svg-export"))
    {
      g_autoptr (GError) error = NULL;

      ok = synack_export_file (trace, NULL, path, &error);
      if (!ok)
        fprintf (stderr, "export %s: %s\n", path, error->message);
    }
  else if (!g_str_equal (what, "trace"))
    ok = FALSE;
  printf ("%.6f %.6f %ld\n", now () - start, process_cpu () - cpu, status_kb ("VmHWM:"));
  synack_diagram_layout_free (layout);
  test_trace_free (trace);
  return ok ? 0 : 1;
}

/* Runs argv and prints its "seconds cpu peak_kb" (--launch): started from
 * this small fresh process, the program's peak is its own, not the
 * benchmark's that a fork of the benchmark would carry. */
static int
launch (char **argv)
{
  double start = now ();
  struct rusage usage;
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);
      dup2 (null, 1);
      dup2 (null, 2);
      execvp (argv[0], argv);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) < 0)
    return 1;
  printf ("%.6f %.6f %ld\n", now () - start, rusage_cpu (&usage), usage.ru_maxrss);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0 ? 0 : 1;
}

/* This benchmark again with args, reading the figures it prints. */
static Figures
fresh_process (char **args, const char *path)
{
  Figures fig = { 0 };
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "/proc/self/exe");
  for (char **a = args; *a; a++)
    g_ptr_array_add (argv, *a);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL) ||
      out == NULL || sscanf (out, "%lf %lf %ld", &fig.seconds, &fig.cpu, &fig.max_rss_kb) != 3)
    return fig;
  fig.ok = g_spawn_check_wait_status (status, NULL);
  fig.bytes = path ? file_size (path) : 0;
  return fig;
}

static Figures
piece (const char *what, uint32_t n_segments, const char *path)
{
  g_autofree char *n = g_strdup_printf ("%u", n_segments);
  char *args[] = { "--piece", (char *) what, n, (char *) (path ? path : "-"), NULL };

  return fresh_process (args, path);
}

/* The same run as an mscgen chart: one arc per segment, lost ones as -x. */
static char *
write_msc (const SynackTrace *trace, const char *dir)
{
  g_autoptr (SynackDiagramLayout) layout = synack_diagram_layout_new (trace, NULL);
  size_t n_arrows, n_labels;
  const SynackDiagramArrow *arrows = synack_diagram_layout_get_arrows (layout, &n_arrows);
  const SynackDiagramLabel *labels = synack_diagram_layout_get_labels (layout, &n_labels);
  GString *msc = g_string_new ("msc {\n  hscale = \"2\";\n  c [label=\"client 10.0.0.1\"], s [label=\"server 10.0.0.2\"];\n");
  char *path = g_build_filename (dir, "chart.msc", NULL);

  for (size_t i = 0; i < n_arrows; i++)
    {
      const SynackDiagramArrow *a = &arrows[i];
      /* A label left out for want of room is drawn without one. */
      g_autofree char *label = g_strdup (a->label >= 0 ? labels[a->label].text : "");
      const char *from = a->from == SYNACK_CLIENT ? "c" : "s", *to = a->from == SYNACK_CLIENT ? "s" : "c";

      g_strdelimit (label, "\n\"", ' ');
      g_string_append_printf (msc, "  %s %s %s [label=\"%s\"%s];\n", from,
                              a->fate == SYNACK_ARROW_LOST ? "-x" : "=>", to, label,
                              a->rexmit ? ", linecolour=\"orange\"" : "");
    }
  g_string_append (msc, "}\n");
  g_file_set_contents (path, msc->str, (gssize) msc->len, NULL);
  g_string_free (msc, TRUE);
  return path;
}

static void
print_figures (const char *what, const Figures *fig)
{
  if (!fig->ok)
    printf ("  %-28s failed (%.2f s, peak %.1f MiB)\n", what, fig->seconds, fig->max_rss_kb / 1024.0);
  else if (fig->bytes > 0)
    printf ("  %-28s %8.3f s (CPU %.3f s)   peak RSS %7.1f MiB   %9.1f KiB\n", what, fig->seconds, fig->cpu,
            fig->max_rss_kb / 1024.0, fig->bytes / 1024.0);
  else
    printf ("  %-28s %8.3f s (CPU %.3f s)   peak RSS %7.1f MiB\n", what, fig->seconds, fig->cpu,
            fig->max_rss_kb / 1024.0);
}

int
main (int argc, char **argv)
{
  uint32_t n_segments = argc > 1 ? (uint32_t) atoi (argv[1]) : 10000;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  SynackTrace *trace;
  double t0, t_layout;
  SynackDiagramLayout *layout;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height, frame_cold = 0, frame_warm = 0, cpu_warm = 0, worst = 0;
  int frames = 200;
  size_t n_arrows;

  if (argc == 5 && g_str_equal (argv[1], "--piece"))
    return run_piece (argv[2], (uint32_t) atoi (argv[3]), argv[4]);
  if (argc > 2 && g_str_equal (argv[1], "--launch"))
    return launch (argv + 2);
  dir = g_dir_make_tmp ("synack-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-render: %s\n", error->message);
      return 1;
    }
  trace = test_bulk_trace (n_segments);
  printf ("Trace: %u segments, %zu events, %zu connections, %.1f s simulated\n",
          trace->n_segments, trace->n_events, trace->n_conns, (double) trace->end_time / 1e6);

  t0 = now ();
  layout = synack_diagram_layout_new (trace, NULL);
  t_layout = now () - t0;
  height = synack_diagram_layout_get_height (layout);
  synack_diagram_layout_get_arrows (layout, &n_arrows);
  printf ("Layout: %.1f ms for %zu arrows; diagram %.0f × %.0f px (compressed axis)\n",
          t_layout * 1e3, n_arrows, synack_diagram_layout_get_width (layout), height);

  /* Viewports spread over the whole run, as scrolling would show them. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cr = cairo_create (surface);
  for (int pass = 0; pass < 2; pass++)
    {
      double total = 0, cpu_start = cpu_now ();

      for (int f = 0; f < frames; f++)
        {
          double y = (height - 1080) * f / (frames - 1);
          cairo_rectangle_t visible = { 0, y, 1920, 1080 };
          double start = now (), took;

          cairo_save (cr);
          cairo_translate (cr, 0, -y);
          synack_diagram_paint (cr, layout, NULL, SYNACK_DIAGRAM_ALL, 0, &visible);
          cairo_restore (cr);
          cairo_surface_flush (surface);
          took = now () - start;
          total += took;
          if (pass == 1)
            worst = MAX (worst, took);
        }
      if (pass == 0)
        frame_cold = total / frames * 1e3;
      else
        {
          frame_warm = total / frames * 1e3;
          cpu_warm = (cpu_now () - cpu_start) / frames * 1e3;
        }
    }
  /* Stepping: the cursor mid-run, with an in-flight arrow animated. */
  {
    double total = 0;
    long k = (long) trace->n_events / 2;
    double y = synack_diagram_layout_y_for_event (layout, k) - 540;
    cairo_rectangle_t visible = { 0, y, 1920, 1080 };

    for (int f = 0; f < frames; f++)
      {
        double start = now ();
        cairo_save (cr);
        cairo_translate (cr, 0, -y);
        synack_diagram_paint (cr, layout, NULL, k, (double) f / frames, &visible);
        cairo_restore (cr);
        cairo_surface_flush (surface);
        total += now () - start;
      }
    printf ("Paint 1920×1080 viewport (%d viewports over the run): first visit %.2f ms/frame, again %.2f ms/frame "
            "(%.2f ms CPU; worst %.2f ms wall), animated cursor %.2f ms/frame; target < 4 ms\n",
            frames, frame_cold, frame_warm, cpu_warm, worst * 1e3, total / frames * 1e3);
  }
  {
    g_autofree char *shot = g_build_filename (dir, "viewport.png", NULL);
    cairo_surface_write_to_png (surface, shot);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Full exports: the SVG pieces and mscgen each in a fresh process, so
   * a peak is that work's own; the others forked from here. */
  if (argc > 2 && g_str_equal (argv[2], "--paint-only"))
    ;
  else
  {
    g_autofree char *png = g_build_filename (dir, "full.png", NULL);
    g_autofree char *svg = g_build_filename (dir, "full.svg", NULL);
    g_autofree char *pdf = g_build_filename (dir, "full.pdf", NULL);
    /* One PNG cannot be taller than 32767 px: shrink to fit, as a user would. */
    double png_scale = MIN (1.0, 32000.0 / height);
    g_autofree char *png_what = g_strdup_printf ("PNG (scale %.3f)", png_scale);
    Figures f_png = { 0 }, f_cairo_svg = { 0 }, f_pdf = { 0 }, m_png = { 0 }, m_svg = { 0 }, m_eps = { 0 };
    Figures f_trace = piece ("trace", n_segments, NULL);
    Figures f_layout = piece ("layout", n_segments, NULL);
    Figures f_svg_alone = piece ("svg-writer", n_segments, svg);
    Figures f_svg = piece ("svg-export", n_segments, svg);
    gboolean svg_only = argc > 2 && g_str_equal (argv[2], "--svg-only");
    long inherited_kb = status_kb ("VmRSS:");
    g_autofree char *mscgen = g_find_program_in_path ("mscgen");
    gboolean have_mscgen = mscgen != NULL;

    printf ("Each in a process of its own, started afresh; the time is the piece's, the peak the process's "
            "(the trace of %.1f MiB included):\n", f_trace.max_rss_kb / 1024.0);
    print_figures ("layout", &f_layout);
    print_figures ("SVG writer (after layout)", &f_svg_alone);
    print_figures ("SVG export (semantic)", &f_svg);
    if (!svg_only)
      {
        printf ("Exports forked from the benchmark (peak includes %.1f MiB inherited from it):\n", inherited_kb / 1024.0);
        f_png = export_in_child (trace, png, png_scale, SYNACK_SVG_BACKEND_SEMANTIC);
        print_figures (png_what, &f_png);
        f_cairo_svg = export_in_child (trace, svg, 1, SYNACK_SVG_BACKEND_CAIRO);
        print_figures ("SVG (--svg-backend cairo)", &f_cairo_svg);
        f_pdf = export_in_child (trace, pdf, 1, SYNACK_SVG_BACKEND_SEMANTIC);
        print_figures ("PDF (one tall page)", &f_pdf);
      }

    if (have_mscgen)
      {
        g_autofree char *msc = write_msc (trace, dir);
        g_autofree char *m_png_path = g_build_filename (dir, "mscgen.png", NULL);
        g_autofree char *m_svg_path = g_build_filename (dir, "mscgen.svg", NULL);
        g_autofree char *m_eps_path = g_build_filename (dir, "mscgen.eps", NULL);
        char *png_argv[] = { "--launch", "mscgen", "-T", "png", "-o", m_png_path, msc, NULL };
        char *svg_argv[] = { "--launch", "mscgen", "-T", "svg", "-o", m_svg_path, msc, NULL };
        char *eps_argv[] = { "--launch", "mscgen", "-T", "eps", "-o", m_eps_path, msc, NULL };

        printf ("mscgen 0.20 on the same %zu arcs (no timing, no states, no timers), each run afresh:\n", n_arrows);
        /* mscgen's PNG of this chart takes it 40 s and 3 GiB. */
        if (!svg_only)
          {
            m_png = fresh_process (png_argv, m_png_path);
            print_figures ("mscgen PNG", &m_png);
          }
        m_svg = fresh_process (svg_argv, m_svg_path);
        print_figures ("mscgen SVG", &m_svg);
        m_eps = fresh_process (eps_argv, m_eps_path);
        print_figures ("mscgen EPS (it has no PDF)", &m_eps);
        printf ("Time ratio SynAck / mscgen:");
        if (m_png.ok && f_png.ok)
          printf ("  PNG %.2f", f_png.seconds / m_png.seconds);
        if (m_svg.ok && f_svg.ok)
          printf ("  SVG %.2f (layout %.2f, the writer %.2f; in CPU time %.2f, %.2f and %.2f)", f_svg.seconds / m_svg.seconds,
                  f_layout.seconds / m_svg.seconds, f_svg_alone.seconds / m_svg.seconds,
                  f_svg.cpu / m_svg.cpu, f_layout.cpu / m_svg.cpu, f_svg_alone.cpu / m_svg.cpu);
        if (f_cairo_svg.ok)
          printf ("  cairo's SVG %.2f", f_cairo_svg.seconds / m_svg.seconds);
        if (m_eps.ok && f_pdf.ok)
          printf ("  PDF/EPS %.2f", f_pdf.seconds / m_eps.seconds);
        printf ("\n");
        if (m_svg.ok && f_svg.ok)
          printf ("Peak memory of the SVG export %.1f MiB, mscgen's %.1f MiB\n", f_svg.max_rss_kb / 1024.0,
                  m_svg.max_rss_kb / 1024.0);
      }
    else
      printf ("mscgen not installed: no comparison\n");
  }

  if (g_getenv ("SYNACK_BENCH_KEEP"))
    printf ("Files kept in %s\n", dir);
  else
    {
      g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d && (name = g_dir_read_name (d)))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (dir);
    }
  synack_diagram_layout_free (layout);
  test_trace_free (trace);
  return 0;
}
