/* synack-describe-time.c: every way SynAck writes a time or a duration, behind one function. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"

/* "1.050" -> "1.05", "2.000" -> "2." (the caller decides about the point). */
static void
trim_zeros (char *number)
{
  for (char *p = number + strlen (number) - 1; p > number && *p == '0'; p--)
    *p = '\0';
}

/* Short and round: "40 ms", "1.5 s", "2 min", "2.5 min". */
static char *
format_brief (SynackTime d)
{
  if (d < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " µs", d);
  if (d < SYNACK_SEC (1))
    return d % 1000 == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " ms", d / 1000)
                         : g_strdup_printf ("%.1f ms", d / 1e3);
  if (d < SYNACK_SEC (120))
    return d % SYNACK_SEC (1) == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT " s", d / SYNACK_SEC (1))
                                   : g_strdup_printf ("%.3g s", d / 1e6);
  if (d % SYNACK_SEC (60) == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min", d / SYNACK_SEC (60));
  return g_strdup_printf ("%.1f min", d / 60e6);
}

/* Microsecond-exact, no trailing zeros: "1.05 s", "60.11 s", "1.000001 s". */
static char *
format_exact (SynackTime t)
{
  char buf[32];

  if (t == 0)
    return g_strdup ("0 s");
  if (t < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " µs", t);
  if (t < SYNACK_SEC (1))
    {
      if (t % 1000 == 0)
        return g_strdup_printf ("%" G_GINT64_FORMAT " ms", t / 1000);
      return g_strdup_printf ("%.3g ms", t / 1000.0);
    }
  if (t % SYNACK_SEC (1) == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s", t / SYNACK_SEC (1));
  g_snprintf (buf, sizeof buf, "%.6f", t / 1e6);
  trim_zeros (buf);
  return g_strdup_printf ("%s s", buf);
}

/* Four significant digits; TCP people say "60 s" for TIME_WAIT and
 * FIN_WAIT_2, so seconds up to 2 min, then minutes. */
static char *
format_label (SynackTime t)
{
  double us = (double) t;

  if (t == 0)
    return g_strdup ("0 s");
  if (t < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " µs", t);
  if (t < SYNACK_SEC (1))
    return g_strdup_printf ("%.4g ms", us / 1000.0);
  if (t < SYNACK_SEC (120))
    return g_strdup_printf ("%.4g s", us / 1e6);
  {
    SynackTime minutes = t / SYNACK_SEC (60);
    double rest = (us - (double) minutes * 60e6) / 1e6;

    if (rest < 0.0005)
      return g_strdup_printf ("%" G_GINT64_FORMAT " min", minutes);
    return g_strdup_printf ("%" G_GINT64_FORMAT " min %.3g s", minutes, rest);
  }
}

/* A point on the axis: exact to the millisecond, whatever its size, so
 * neighbouring ticks late in a long run still read differently. */
static char *
format_axis (SynackTime t)
{
  char seconds[32];
  SynackTime minutes;
  size_t n;

  if (t < SYNACK_SEC (1))
    return format_label (t);
  minutes = t >= SYNACK_SEC (120) ? t / SYNACK_SEC (60) : 0;
  g_snprintf (seconds, sizeof seconds, "%.3f", (double) (t - minutes * SYNACK_SEC (60)) / 1e6);
  trim_zeros (seconds);
  n = strlen (seconds);
  if (seconds[n - 1] == '.')
    seconds[n - 1] = '\0';
  if (minutes)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min %s s", minutes, seconds);
  return g_strdup_printf ("%s s", seconds);
}

/* The playback clock: a steady number of digits, so it does not jitter
 * while it runs ("85 ms", "5.98 s", "1 min 2.5 s" would be too much). */
static char *
format_clock (SynackTime t)
{
  if (t < SYNACK_SEC (1))
    return g_strdup_printf (_("%.0f ms"), t / 1000.0);
  if (t < SYNACK_SEC (100))
    return g_strdup_printf (_("%.2f s"), t / 1e6);
  return g_strdup_printf (_("%.1f s"), t / 1e6);
}

/* Seconds to the microsecond, always six decimals: the text output's column.
 * In whole numbers written by hand, not "%.6f": a long trace prints
 * millions of them, and formatting them was most of the cost. */
gsize
synack_describe_seconds_into (char buf[SYNACK_SECONDS_BUF_SIZE], SynackTime t)
{
  guint64 magnitude = t < 0 ? (guint64) 0 - (guint64) t : (guint64) t;
  guint64 whole = magnitude / SYNACK_SEC (1), fraction = magnitude % SYNACK_SEC (1);
  char *p = buf + SYNACK_SECONDS_BUF_SIZE;
  gsize n;

  for (int i = 0; i < 6; i++, fraction /= 10)
    *--p = (char) ('0' + fraction % 10);
  *--p = '.';
  do
    *--p = (char) ('0' + whole % 10);
  while ((whole /= 10) != 0);
  /* A terminal gets an ASCII hyphen. */
  if (t < 0)
    *--p = '-';
  n = (gsize) (buf + SYNACK_SECONDS_BUF_SIZE - p);
  memmove (buf, p, n);
  buf[n] = '\0';
  return n;
}

static char *
format_seconds (SynackTime t)
{
  char buf[SYNACK_SECONDS_BUF_SIZE];

  synack_describe_seconds_into (buf, t);
  return g_strdup (buf);
}

/* What a scenario file accepts back, exactly: "1500ms", "250us". */
static char *
format_scenario (SynackTime t)
{
  /* The largest unit that says it exactly: "30s" and "2min" read better
   * in a saved file or the README than "30000ms". */
  static const struct { SynackTime per; const char *unit; } units[] = {
    { SYNACK_SEC (3600), "h" }, { SYNACK_SEC (60), "min" }, { SYNACK_SEC (1), "s" }, { SYNACK_MS (1), "ms" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (t % units[i].per == 0)
      return g_strdup_printf ("%" G_GINT64_FORMAT "%s", t / units[i].per, t == 0 ? "ms" : units[i].unit);
  return g_strdup_printf ("%" G_GINT64_FORMAT "us", t);
}

char *
synack_describe_time (SynackTime t, SynackTimeStyle style)
{
  if (t < 0 && style != SYNACK_TIME_SCENARIO)
    {
      /* A terminal gets an ASCII hyphen, the screen a real minus sign. */
      gboolean terminal = style == SYNACK_TIME_BRIEF || style == SYNACK_TIME_SECONDS;
      g_autofree char *positive = synack_describe_time (-t, style);
      return g_strconcat (terminal ? "-" : "−", positive, NULL);
    }

  switch (style)
    {
    case SYNACK_TIME_BRIEF: return format_brief (t);
    case SYNACK_TIME_EXACT: return format_exact (t);
    case SYNACK_TIME_LABEL: return format_label (t);
    case SYNACK_TIME_AXIS: return format_axis (t);
    case SYNACK_TIME_CLOCK: return format_clock (t);
    case SYNACK_TIME_SECONDS: return format_seconds (t);
    case SYNACK_TIME_SCENARIO: return format_scenario (t);
    default: g_return_val_if_reached (format_exact (t));
    }
}
