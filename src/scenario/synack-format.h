/* synack-format.h: appending to a GString fast enough for outputs of
 * millions of lines: numbers and words written by hand into room reserved
 * once per line, and a printf for the few conversions messages use. */
#pragma once

#include <glib.h>
#include <string.h>

/* Makes `room` bytes writable at the end of `out` and returns where they
 * start; synack_format_commit() then keeps what was written up to `end`. */
static inline char *
synack_format_reserve (GString *out, gsize room)
{
  gsize len = out->len;

  if (len + room >= out->allocated_len)
    g_string_set_size (out, len + room);
  return out->str + len;
}

static inline void
synack_format_commit (GString *out, char *end)
{
  out->len = (gsize) (end - out->str);
  *end = '\0';
}

static inline char *
synack_put (char *p, const char *text, gsize n)
{
  memcpy (p, text, n);
  return p + n;
}

/* A string literal, its length known when compiling. */
#define SYNACK_PUT_LITERAL(p, literal) synack_put ((p), "" literal, sizeof (literal) - 1)

static inline char *
synack_put_str (char *p, const char *text)
{
  return synack_put (p, text, strlen (text));
}

static inline char *
synack_put_uint (char *p, guint64 value)
{
  char digits[20];
  gsize n = sizeof digits;

  do
    digits[--n] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  return synack_put (p, digits + n, sizeof digits - n);
}

static inline char *
synack_put_int (char *p, gint64 value)
{
  if (value >= 0)
    return synack_put_uint (p, (guint64) value);
  *p++ = '-';
  return synack_put_uint (p, (guint64) 0 - (guint64) value);
}

/* Like g_string_append_printf() for formats made of %s, %u, %d, %llu, %lld
 * and %% with an optional '-' and width (what the trace's messages and
 * their translations use), without going through vasprintf. Any other
 * format, or a line longer than a kilobyte, goes to GLib's printf. */
void synack_format_append (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);
