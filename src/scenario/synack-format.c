/* synack-format.c: the small printf of synack-format.h. */
#include "synack-config.h"

#include <stdarg.h>

#include "synack-format.h"

#define LINE_ROOM 1024

/* Whether every conversion in `format` is one format_into() knows. */
static gboolean
simple_format (const char *format)
{
  for (const char *p = format; *p; p++)
    {
      if (*p != '%')
        continue;
      p++;
      if (*p == '%')
        continue;
      if (*p == '-')
        p++;
      while (g_ascii_isdigit (*p))
        p++;
      if (p[0] == 'l' && p[1] == 'l')
        p += 2;
      if (*p != 's' && *p != 'u' && *p != 'd')
        return FALSE;
    }
  return TRUE;
}

/* Spaces that widen n bytes to width; NULL if they do not fit. */
static char *
pad (char *p, char *end, gsize width, gsize n)
{
  if (n >= width)
    return p;
  if ((gsize) (end - p) < width - n)
    return NULL;
  memset (p, ' ', width - n);
  return p + (width - n);
}

/* Writes into [p, end); NULL if it does not fit. */
static char *
format_into (char *p, char *end, const char *format, va_list args)
{
  for (const char *f = format; *f; f++)
    {
      char number[24];
      const char *text;
      gsize n, width = 0;
      gboolean left = FALSE, wide = FALSE;

      if (*f != '%' || f[1] == '%')
        {
          if (p == end)
            return NULL;
          *p++ = *f;
          f += *f == '%';
          continue;
        }
      f++;
      if (*f == '-')
        left = TRUE, f++;
      while (g_ascii_isdigit (*f))
        width = width * 10 + (gsize) (*f++ - '0');
      if (f[0] == 'l' && f[1] == 'l')
        wide = TRUE, f += 2;
      switch (*f)
        {
        case 's':
          text = va_arg (args, const char *);
          n = strlen (text);
          break;
        case 'u':
          text = number;
          n = (gsize) (synack_put_uint (number, wide ? va_arg (args, unsigned long long)
                                                     : va_arg (args, unsigned)) - number);
          break;
        default: /* 'd' */
          text = number;
          n = (gsize) (synack_put_int (number, wide ? va_arg (args, long long) : va_arg (args, int)) - number);
          break;
        }
      if (!left && (p = pad (p, end, width, n)) == NULL)
        return NULL;
      if ((gsize) (end - p) < n)
        return NULL;
      p = synack_put (p, text, n);
      if (left && (p = pad (p, end, width, n)) == NULL)
        return NULL;
    }
  return p;
}

void
synack_format_append (GString *out, const char *format, ...)
{
  va_list args;
  char *start, *end = NULL;

  va_start (args, format);
  if (simple_format (format))
    {
      va_list copy;

      start = synack_format_reserve (out, LINE_ROOM);
      va_copy (copy, args);
      end = format_into (start, start + LINE_ROOM - 1, format, copy);
      va_end (copy);
      if (end != NULL)
        synack_format_commit (out, end);
      else
        synack_format_commit (out, start);
    }
  if (end == NULL)
    g_string_append_vprintf (out, format, args);
  va_end (args);
}
