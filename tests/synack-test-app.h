/* synack-test-app.h: what the window tests share: an application under Xvfb, waiting for runs and frames. */
#pragma once

#include <gtk/gtk.h>

#include "synack-application.h"
#include "synack-window-testing.h"

G_BEGIN_DECLS

/* The application the tests' windows belong to, registered and set up
 * (gtk_init_check has passed); NULL before synack_test_app_init. */
extern SynackApplication *synack_test_app;

/* gtk_init and the application; FALSE (after a message) when there is no
 * display, so that main can skip with 77. */
gboolean      synack_test_app_init       (void);
void          synack_test_app_flush      (void);
/* Lets the main loop turn for ms so layout and painting happen. */
void          synack_test_app_wait_frames (guint ms);
void          synack_test_app_wait_until_idle (SynackWindow *window);
/* The main loop's pulse, a timeout every 10 ms from start to stop: stop
 * returns the longest gap between two of its ticks (µs), the time the
 * loop was held, and how many ticks there were. */
void          synack_test_app_heartbeat_start (void);
gint64        synack_test_app_heartbeat_stop  (guint *n_ticks);
/* A window of that size showing the lesson, its first run in. */
SynackWindow *synack_test_app_open       (const char *lesson, int width, int height);
void          synack_test_app_close      (SynackWindow *window);

G_END_DECLS
