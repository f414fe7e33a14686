/* synack-format.c: the small printf of synack-format.h. */
#include "synack-config.h"

#include <stdarg.h>

#include "synack-format.h"

#define LINE_ROOM 1024

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

/* Writes into [p, end); NULL if it does not fit or a conversion is not
 * one of those it knows (the caller then starts again with GLib's). */
static char *
format_into (char *p, char *end, const char *format, va_list args)
{
  const char *f = format;

  for (;;)
    {
      const char *percent = strchr (f, '%');
      gsize literal = percent ? (gsize) (percent - f) : strlen (f);
      char number[24];
      const char *text;
      gsize n, width = 0;
      gboolean left = FALSE, wide = FALSE;

      if ((gsize) (end - p) < literal)
        return NULL;
      p = synack_put (p, f, literal);
      if (percent == NULL)
        return p;
      f = percent + 1;
      if (*f == '%')
        {
          if (p == end)
            return NULL;
          *p++ = '%';
          f++;
          continue;
        }
      if (*f == '-')
        left = TRUE, f++;
      while (g_ascii_isdigit (*f))
        width = width * 10 + (gsize) (*f++ - '0');
      if (f[0] == 'l' && f[1] == 'l')
        wide = TRUE, f += 2;
      switch (*f++)
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
        case 'd':
          text = number;
          n = (gsize) (synack_put_int (number, wide ? va_arg (args, long long) : va_arg (args, int)) - number);
          break;
        default:
          return NULL;
        }
      if (!left && (p = pad (p, end, width, n)) == NULL)
        return NULL;
      if ((gsize) (end - p) < n)
        return NULL;
      p = synack_put (p, text, n);
      if (left && (p = pad (p, end, width, n)) == NULL)
        return NULL;
    }
}

void
synack_format_append (GString *out, const char *format, ...)
{
  va_list args, copy;
  char *start, *end;

  va_start (args, format);
  start = synack_format_reserve (out, LINE_ROOM);
  va_copy (copy, args);
  end = format_into (start, start + LINE_ROOM - 1, format, copy);
  va_end (copy);
  if (end != NULL)
    synack_format_commit (out, end);
  else
    {
      synack_format_commit (out, start);
      g_string_append_vprintf (out, format, args);
    }
  va_end (args);
}
