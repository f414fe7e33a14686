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

/* Digits two at a time, from the end, into exactly the room they need:
 * the numbers are most of a trace line. */
static inline char *
synack_put_uint (char *p, guint64 value)
{
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
  static const guint64 powers[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u,
  };
  /* log10 from log2 (1233 / 4096 is about log10 2), then one correction. */
  gsize n;
  char *end;

  if (value < 10)
    {
      *p = (char) ('0' + value);
      return p + 1;
    }
  n = (gsize) (((64 - __builtin_clzll (value)) * 1233) >> 12);
  n += n < 20 && value >= powers[n];
  end = p + n;
  while (value >= 100)
    {
      gsize i = (gsize) (value % 100) * 2;

      value /= 100;
      *--end = pairs[i + 1];
      *--end = pairs[i];
    }
  if (value >= 10)
    {
      *--end = pairs[value * 2 + 1];
      *--end = pairs[value * 2];
    }
  else
    *--end = (char) ('0' + value);
  return p + n;
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
