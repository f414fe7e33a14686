/* synack-window-private.h: the window's fields and what its files (window, actions, caption, capture, lesson, playback, presentation, properties, states) share. */
#pragma once

#include "synack-diagram-view.h"
#include "synack-overview-strip.h"
#include "synack-document.h"
#include "synack-event-row.h"
#include "synack-host-panel.h"
#include "synack-parameters-page.h"
#include "synack-playback-bar.h"
#include "synack-quiz-panel.h"
#include "synack-scale-view.h"
#include "synack-segment-details.h"
#include "synack-state-view.h"
#include "synack-what-if-page.h"
#include "synack-window.h"

G_BEGIN_DECLS

struct _SynackWindow
{
  GtkApplicationWindow parent_instance;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkPaned             *paned;
  SynackDiagramView    *diagram;
  SynackOverviewStrip  *overview_strip;
  GtkPaned             *views_paned;
  SynackStateView      *state_view;
  SynackQuizPanel      *quiz_panel;
  GtkWidget            *busy_box;
  GtkSpinner           *busy_spinner;
  GtkProgressBar       *busy_bar;
  GtkLabel             *busy_detail_label;
  GtkWidget            *busy_cancel_button;
  GtkStack             *diagram_stack;
  SynackScaleView      *scale_view;
  GtkWidget            *window_bar;
  GtkLabel             *window_bar_label;
  int                   census_choice;   /* -1: beside the diagram when the run has several connections */
  gboolean              strips_chosen;   /* the strip view even for a run that is kept */
  GSimpleActionGroup   *scale_actions;   /* "scale.": strips, census, all-connections, cancel */
  GtkWidget            *opening_box;
  GtkSpinner           *opening_spinner;
  GtkLabel             *opening_label;
  GtkWidget            *follow_button;
  GtkWidget            *legend_box;
  GtkWidget            *legend;
  GtkWidget            *caption_box;
  GtkLabel             *client_caption_label;
  GtkLabel             *server_caption_label;
  GtkLabel             *caption_sentence_label;
  SynackPlaybackBar    *playback_bar;
  GtkLabel             *lesson_title_label;
  GtkLabel             *run_note_label;
  GtkLabel             *lesson_summary_label;
  GtkWidget            *watch_heading_label;
  GtkBox               *watch_box;
  GtkWidget            *presentation_header;
  GtkLabel             *presentation_title_label;
  GtkLabel             *presentation_watch_label;
  SynackHostPanel      *host_panel;
  GtkLabel             *explanation_label;
  GtkWidget            *side_switcher;
  GtkStack             *side_stack;
  GtkColumnView        *events_view;
  SynackSegmentDetails *segment_details;
  SynackParametersPage *parameters_page;
  SynackWhatIfPage     *what_if_page;

  GSettings            *settings;

  /* What is simulated, and its latest run. The document runs it in a
   * worker; the window only asks and shows the result. */
  SynackDocument       *document;
  SynackRun            *run;
  GCancellable         *cancellable;   /* cancelled when the window goes */
  gboolean              running;       /* a run was asked for and has not come back */
  gboolean              keep_time;
  guint                 busy_timeout_id;
  guint                 pulse_id;
  guint                 rerun_idle_id;
  GCancellable         *opening;         /* a file being read in the document's worker, or NULL */
  guint                 opening_timeout_id;

  /* The cursor */
  long                  upto;
  double                progress;
  SynackTime            cursor_t;
  long                  selected;
  gboolean              playing;
  guint                 tick_id;
  gint64                last_frame_us;

  /* The lesson's points to watch, and the event each is about in the run. */
  GPtrArray            *watch_labels;
  GArray               *watch_moments;
  long                  current_watch;

  SynackEventList      *event_list;
  GtkSingleSelection   *event_selection;

  gboolean              presentation;
  gboolean              hide_future;   /* the event list stops at the cursor */
  gboolean              show_caption;  /* presentation mode: the caption under the diagram */
  gboolean              show_legend;
  gboolean              hide_future_outside_presentation;
  gboolean              show_side_panel;
  gboolean              show_states;
  gboolean              predict;
  gboolean              panel_hidden_for_states;
  char                 *theme_choice;
  guint                 theme_idle_id;
  guint                 room_idle_id;  /* the diagram's width is checked */
  GtkCssProvider       *presentation_css; /* captions sized to the screen */
  guint                 syncing;       /* > 0 while we update widgets ourselves */
};

/* synack-window.c */
void     _synack_window_show_error     (SynackWindow *self, const char *message);
void     _synack_window_dismiss_error  (SynackWindow *self);
/* Runs the document again; keep_time: the cursor stays at its time. */
void     _synack_window_rerun          (SynackWindow *self, gboolean keep_time);
/* Everything that follows the cursor; moved: a new event is shown. */
void     _synack_window_update_cursor  (SynackWindow *self, gboolean moved);
void     _synack_window_show_states    (SynackWindow *self);
/* The event list stops at the cursor (what happens next stays hidden). */
void     _synack_window_set_hide_future (SynackWindow *self, gboolean hide);
/* Adds a what-if edit to the document (a refused one shows its message). */
gboolean _synack_window_add_edit       (SynackWindow *self, const SynackEdit *edit);
/* Shows the titles of what the document has loaded, and runs it. */
void     _synack_window_show_loaded    (SynackWindow *self);
/* A file could not be opened: says why, and shows a lesson if nothing was. */
void     _synack_window_open_failed    (SynackWindow *self, GFile *file, const GError *error);

/* synack-window-actions.c */
void     _synack_window_class_actions_init (GtkWidgetClass *widget_class);
/* Enables the actions that depend on the cursor and the edits. */
void     _synack_window_actions_update     (SynackWindow *self);
void     _synack_window_show_message       (SynackWindow *self, const char *primary, const char *secondary);

/* synack-window-caption.c */
/* The presentation caption's line of each host's sockets at the cursor. */
void     _synack_window_caption_show_states (SynackWindow *self, const SynackTheme *theme);

/* synack-window-capture.c */
/* "capture.pcap: 12 segments, 1 connection, 1 state not proven". */
char          *_synack_window_capture_summary  (const SynackCapture *capture);
GtkFileFilter *_synack_window_capture_filter   (void);
/* Simulates the capture shown as the scenario derived from it. */
void           _synack_window_replay_capture   (SynackWindow *self);

/* synack-window-opening.c */
/* Stops reading a file being opened; the document keeps what it showed. */
void     _synack_window_cancel_opening (SynackWindow *self);

/* synack-window-playback.c */
void     _synack_window_start_playing  (SynackWindow *self);
void     _synack_window_stop_playing   (SynackWindow *self);
/* Moves the cursor to event upto exactly (no animation in progress). */
void     _synack_window_jump_to        (SynackWindow *self, long upto);
void     _synack_window_seek_time      (SynackWindow *self, SynackTime t);

/* synack-window-properties.c */
/* Installs the window's properties and their getters and setters. */
void     _synack_window_class_properties_init (GObjectClass *object_class);

/* synack-window-presentation.c */
gboolean _synack_window_prefers_dark   (SynackWindow *self);
void     _synack_window_apply_theme    (SynackWindow *self);
void     _synack_window_set_presentation (SynackWindow *self, gboolean presentation);
void     _synack_window_set_theme_choice (SynackWindow *self, const char *choice);
void     _synack_window_set_show_caption (SynackWindow *self, gboolean show);
/* The legend card, outside presentation mode (it would cover the diagram). */
void     _synack_window_set_show_legend  (SynackWindow *self, gboolean show);
/* The diagram's time axis: "compressed", "proportional" or "per-event". */
const char *_synack_window_get_axis    (SynackWindow *self);
void     _synack_window_set_axis       (SynackWindow *self, const char *name);
/* Widens the diagram's side of the window until it fits at readable type. */
void     _synack_window_give_diagram_room (SynackWindow *self);
/* Leaves presentation mode when the window manager ends full screen. */
void     _synack_window_presentation_init (SynackWindow *self);

/* synack-window-lesson.c */
/* The lesson's summary and points to watch in the side panel. */
void     _synack_window_lesson_init      (SynackWindow *self);
void     _synack_window_lesson_finalize  (SynackWindow *self);
void     _synack_window_show_lesson_text (SynackWindow *self);
/* The moments of the points in a new run. */
void     _synack_window_lesson_set_run   (SynackWindow *self);
/* Highlights the point the cursor has reached, here and on the projector. */
void     _synack_window_lesson_update    (SynackWindow *self);

/* synack-window-states.c */
/* synack-window-scale.c: runs at scale: the strip view, the census beside
 * the diagram, a window of connections, a run's progress and Cancel. */
void     _synack_window_scale_init      (SynackWindow *self);
void     _synack_window_scale_set_run   (SynackWindow *self);
void     _synack_window_scale_cursor_moved (SynackWindow *self);
void     _synack_window_scale_run_started  (SynackWindow *self);
void     _synack_window_scale_run_ended    (SynackWindow *self);
void     _synack_window_scale_watch_document (SynackWindow *self);
/* win.zoom-in, zoom-out, zoom-reset on the strip view; FALSE if it is not shown. */
gboolean _synack_window_scale_zoom      (SynackWindow *self, const char *action);
/* synack-window.c: the overlay of a run working, away. */
void     _synack_window_hide_busy       (SynackWindow *self);

void     _synack_window_states_init    (SynackWindow *self);
void     _synack_window_set_show_states (SynackWindow *self, gboolean show);
void     _synack_window_set_predict    (SynackWindow *self, gboolean predict);
/* The presentation caption, unless a question is up (it would cover it). */
void     _synack_window_update_caption (SynackWindow *self);

G_END_DECLS
