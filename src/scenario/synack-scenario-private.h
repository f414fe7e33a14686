/* synack-scenario-private.h: what the scenario's parts share: its fields and the line reader's word cursor. */
#pragma once

#include "synack-scenario.h"

G_BEGIN_DECLS

typedef struct {
  char    *key;
  char    *value;
  unsigned line;
  gboolean edit;    /* from --set or an edit, not from the file */
} Assignment;

/* The moment of a run a point to watch is about, as `watch at ANCHOR = …`
 * writes it: the nth moment a quiz line's words would pick ("client
 * TIME_WAIT", "server send FIN #2"), or the sending of one segment. */
typedef struct {
  gboolean        written;    /* FALSE: no anchor, the moment is inferred from the words */
  guint           segment;    /* nonzero: `segment N`, its sending */
  gboolean        arrival;    /* `segment N arrives [#N]`: its arrival (or loss) instead */
  gboolean        by_result;  /* `[HOST] result NAME`: an application call returning NAME */
  SynackResult    result;
  int             result_host;  /* -1: either host */
  SynackQuizFocus focus;      /* otherwise which moments */
  guint           nth;        /* and which of them, from 1 */
} SynackWatchAnchor;

/* A lesson's words in one language. */
typedef struct {
  char    *title;
  GString *question;  /* the exam questions it answers, one a line */
  GString *summary;
  GString *watch;     /* the points to watch, one a line */
  GArray  *watch_anchors; /* of SynackWatchAnchor, one a line of watch */
} SynackLessonText;

struct _SynackScenario {
  char      *name;
  char      *source;        /* for messages: a path or "preset NAME" */
  GHashTable *lesson_texts; /* locale ("" untranslated) -> SynackLessonText */
  const char *topic;        /* one of synack_lesson_topics(), or NULL */
  char      *text;          /* as loaded */
  GPtrArray *edits;         /* lines appended since, in file syntax */
  GArray    *left_out;      /* of guint: lines of `text` whose action was removed */

  GArray    *assignments;   /* of Assignment, file order then edits */
  GArray    *actions;       /* of SynackAction */
  GArray    *faults;        /* of SynackFault */
  GArray    *quiz;          /* of SynackQuizFocus: the moments predict mode asks about */
  gboolean   parsing_edit;  /* set while an edit's line is read */
  SynackScript script;      /* views into the arrays above, rebuilt on change */
};

/* Most repetitions of a connect a file may ask for: beyond this a teacher
 * has made a typo. What a run may keep is bounded by memory-limit. */
#define MAX_REPEAT 100000000u

/* Runs the scenario into a trace the caller set up (and may have given a
 * sink); the messages are synack_scenario_run_cancellable()'s. */
gboolean synack_scenario_run_into (const SynackScenario *scenario,
                                   SynackTrace          *trace,
                                   SynackRunStats       *stats,
                                   GCancellable         *cancellable,
                                   GError              **error);

/* The pieces of the trace output (synack-trace-output.c), for the whole
 * trace and for one streamed event at a time alike. JSON is the head (up
 * to the opening of "connections"), each connection, the opening of
 * "events", each event and the tail. */
void synack_trace_append_json_head  (GString *out, const SynackTrace *trace, const SynackScenario *scenario);
void synack_trace_append_json_conn  (GString *out, const SynackConnInfo *conn, gboolean first);
void synack_trace_append_json_events_open (GString *out, gboolean any_conns);
void synack_trace_append_json_event (GString *out, const SynackEvent *event, gboolean first);
/* Closes "events" and opens "census", whose object comes next. */
void synack_trace_append_json_events_close (GString *out, gboolean any_events);
/* After the census: "end_us" and the closing brace. */
void synack_trace_append_json_tail  (GString *out, SynackTime end_time);
void synack_trace_append_text_head  (GString *out, const SynackScenario *scenario);
void synack_trace_append_text_event (GString *out, const SynackTrace *trace, const SynackEvent *event);

/* JSON's strings and numbers, written as the trace writes them. */
void synack_json_append_string (GString *out, const char *text);
void synack_json_append_uint   (GString *out, guint64 value);
void synack_json_append_int    (GString *out, gint64 value);

/* The census (synack-census-output.c) as CSV: the head, a row, and the
 * peaks as '#' lines after the rows; as JSON: the census object's opening
 * (up to "rows"), a row, its closing (the peaks), and the head of a JSON
 * census (up to "census"), whose tail is the trace's. */
void synack_census_append_csv_head   (GString *out);
void synack_census_append_csv_row    (GString *out, const SynackCensusRow *row);
void synack_census_append_csv_peaks  (GString *out, const SynackCensus *census);
void synack_census_append_json_open  (GString *out, SynackTime interval);
void synack_census_append_json_row   (GString *out, const SynackCensusRow *row, gboolean first);
void synack_census_append_json_close (GString *out, const SynackCensus *census, gboolean any_rows);
void synack_census_append_json_head  (GString *out, const SynackScenario *scenario);
/* The census object of a kept trace, change points: its JSON member. */
void synack_trace_append_json_census (GString *out, const SynackTrace *trace);

SynackScenario *synack_scenario_new_empty      (const char *name, const char *source);
/* Recomputes the parameters from the assignments and points the script at
 * the actions and faults; fails on parameters that do not fit together. */
gboolean        synack_scenario_rebuild_script (SynackScenario *scenario, GError **error);

/* One line of a file, or one edit, added to the scenario. */
gboolean synack_scenario_parse_line (SynackScenario *scenario, const char *source, unsigned lineno,
                                     const char *raw, GError **error);

/* ---- The word cursor over one line ---- */

typedef struct {
  const char *source;
  unsigned    line;
  const char *raw;       /* the whole line, for messages */
  char      **words;
  guint       n_words;
  guint       next;
} SynackCursor;

/* Fails with "SOURCE:LINE: message"; returns FALSE so a parser can return it. */
G_GNUC_PRINTF (3, 4)
gboolean    synack_cursor_fail          (const SynackCursor *cur, GError **error, const char *format, ...);
/* Re-labels an error from a value parser with the place it came from. */
gboolean    synack_cursor_fail_with     (const SynackCursor *cur, GError **error, GError *cause);
/* At most 80 characters of text, for quoting a line in a message. */
char       *synack_cursor_quote         (const char *text);
const char *synack_cursor_peek          (const SynackCursor *cur);
const char *synack_cursor_take          (SynackCursor *cur);
gboolean    synack_cursor_take_word     (SynackCursor *cur, const char *word);
gboolean    synack_cursor_take_duration (SynackCursor *cur, const char *what, SynackTime *out, GError **error);
gboolean    synack_cursor_take_number   (SynackCursor *cur, const char *what, guint64 max, guint64 *out,
                                         GError **error);
gboolean    synack_cursor_take_host     (SynackCursor *cur, SynackHostId *out, GError **error);
/* Options written as name=value after an action: conn=2, isn=1000. */
gboolean    synack_cursor_take_option   (SynackCursor *cur, const char *name, guint64 min, guint64 max,
                                         gboolean *seen, guint64 *out, GError **error);

/* ---- Directives, each after its first word ---- */

gboolean synack_scenario_parse_at         (SynackCursor *cur, SynackScenario *scenario, GError **error);
gboolean synack_scenario_parse_when       (SynackCursor *cur, SynackScenario *scenario, GError **error);
/* After "at TIME attacker": the rest of the attacker's action. */
gboolean synack_scenario_parse_attacker   (SynackCursor *cur, SynackAction *action, GError **error);
gboolean synack_scenario_parse_fault      (SynackCursor *cur, SynackScenario *scenario, SynackFaultKind kind,
                                           GError **error);
gboolean synack_scenario_parse_quiz       (SynackCursor *cur, SynackScenario *scenario, GError **error);
gboolean synack_scenario_parse_assignment (SynackScenario *scenario, const SynackCursor *cur, const char *key,
                                           const char *value, GError **error);

/* The lesson's words: title, question, summary, watch, each optionally KEY[LOCALE]. */
GHashTable *synack_lesson_texts_new        (void);
GHashTable *synack_lesson_texts_copy       (GHashTable *texts);
gboolean    synack_scenario_is_lesson_key  (const char *key);
/* anchor: a watch line's `at …` (NULL: none). */
gboolean    synack_scenario_read_lesson_text (SynackScenario *scenario, const SynackCursor *cur,
                                              const char *key, const SynackWatchAnchor *anchor,
                                              const char *value, GError **error);
/* `watch[LOCALE] at ANCHOR = TEXT`: key is "watch" or "watch[LOCALE]". */
gboolean    synack_scenario_read_watch_at  (SynackScenario *scenario, const SynackCursor *cur,
                                            const char *key, const char *anchor, const char *value,
                                            GError **error);
/* The text whose words synack_scenario_get_watch() shows. */
const SynackLessonText *synack_scenario_shown_watch (const SynackScenario *scenario);
gboolean    synack_scenario_read_topic     (SynackScenario *scenario, const SynackCursor *cur,
                                            const char *value, GError **error);

G_END_DECLS
