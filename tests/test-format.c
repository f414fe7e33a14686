/* test-format.c: the trace output's small printf writes what GLib's would,
 * for the conversions it knows, and hands the others to GLib's. */
#include "synack-test-util.h"

#include "synack-format.h"

#define CHECK_SAME(...)                                              \
  G_STMT_START {                                                     \
    g_autoptr (GString) ours = g_string_new ("before|");             \
    g_autoptr (GString) glib = g_string_new ("before|");             \
    synack_format_append (ours, __VA_ARGS__);                        \
    g_string_append_printf (glib, __VA_ARGS__);                      \
    g_assert_cmpstr (ours->str, ==, glib->str);                      \
    g_assert_cmpuint (ours->len, ==, glib->len);                     \
  } G_STMT_END

static void
test_known_conversions (void)
{
  CHECK_SAME ("%-6s conn %u  %s()", "client", 1u, "connect");
  CHECK_SAME ("%-6s conn %u  %s()", "客户端", 4294967295u, "connect");
  CHECK_SAME ("#%-4u IP ", 7u);
  CHECK_SAME ("#%-4u IP ", 123456u);
  CHECK_SAME ("%11s|%3s|%-3s|%s", "0.050000", "abcd", "", "");
  CHECK_SAME (" %llu bytes", 18446744073709551615ull);
  CHECK_SAME ("%d %d %lld %lld", 0, -2147483647 - 1, 9223372036854775807ll, -9223372036854775807ll - 1);
  CHECK_SAME ("100%% of %u%%", 3u);
  CHECK_SAME ("no conversion at all");
  CHECK_SAME ("%s", "");
  CHECK_SAME ("%8u|%-8u|%2u", 5u, 5u, 123u);
}

static void
test_other_conversions_fall_back (void)
{
  g_autofree char *wide = g_strnfill (3000, 'x');

  CHECK_SAME ("%.2f s", 1.5);
  CHECK_SAME ("%s and %x", "hex", 255u);
  CHECK_SAME ("%2$s %1$s", "world", "hello");
  CHECK_SAME ("%zu", (gsize) 42);
  /* Longer than the room it reserves for a line. */
  CHECK_SAME ("[%s]", wide);
  CHECK_SAME ("%-2000s|", "padded past the room");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario/format/known", test_known_conversions);
  g_test_add_func ("/scenario/format/fallback", test_other_conversions_fall_back);
  return g_test_run ();
}
