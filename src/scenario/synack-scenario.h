/* synack-scenario.h: scenario files and built-in lessons, turned into engine scripts and runs. */
#pragma once

#include <gio/gio.h>
#include <stdio.h>

#include "synack-census.h"
#include "synack-engine.h"
#include "synack-quiz.h"

G_BEGIN_DECLS

#define SYNACK_SCENARIO_ERROR (synack_scenario_error_quark ())

typedef enum {
  SYNACK_SCENARIO_ERROR_SYNTAX,      /* a line that cannot be read */
  SYNACK_SCENARIO_ERROR_UNKNOWN_KEY, /* a parameter or word we do not know */
  SYNACK_SCENARIO_ERROR_BAD_VALUE,   /* a value out of range or of the wrong kind */
  SYNACK_SCENARIO_ERROR_NOT_FOUND,   /* no such file or preset */
  SYNACK_SCENARIO_ERROR_RUN,         /* the engine gave up (event limit, memory) */
} SynackScenarioError;

GQuark synack_scenario_error_quark (void);

typedef struct _SynackScenario SynackScenario;

/* A scenario is its text plus what the text says; edits (a what-if, a changed
 * parameter) are kept as lines so the scenario can always be saved. */
SynackScenario *synack_scenario_parse       (const char  *text,
                                             const char  *source_name,
                                             GError     **error);
/* A regular file of at most SYNACK_SCENARIO_MAX_BYTES; anything else (a
 * folder, a device, a FIFO, a huge file) is refused with a message. */
#define SYNACK_SCENARIO_MAX_BYTES (4 * 1024 * 1024)
SynackScenario *synack_scenario_load_file   (const char  *path,
                                             GError     **error);
SynackScenario *synack_scenario_load_preset (const char  *name,
                                             GError     **error);
SynackScenario *synack_scenario_copy        (const SynackScenario *scenario);
void            synack_scenario_free        (SynackScenario *scenario);

/* The built-in lessons, in teaching order; free with g_strfreev(). */
char          **synack_preset_list          (void);
#define SYNACK_DEFAULT_PRESET "handshake"

const char *synack_scenario_get_name     (const SynackScenario *scenario); /* preset or file base name */
void        synack_scenario_set_name     (SynackScenario *scenario, const char *name);
/* The lesson's words in the user's language (LANGUAGE, LC_MESSAGES...),
 * field by field, where the file has them (title[zh_CN] = ...); otherwise
 * as written without a locale. */
const char *synack_scenario_get_title    (const SynackScenario *scenario);
const char *synack_scenario_get_untranslated_title (const SynackScenario *scenario);
const char *synack_scenario_get_question (const SynackScenario *scenario); /* the exam questions it answers, one a line */
/* The lesson picker's groups, in teaching order, ending with NULL; a
 * lesson's `topic = ID` names one. */
typedef struct {
  const char *id;     /* as written in a lesson: "opening" */
  const char *title;  /* untranslated; show it through _() */
} SynackLessonTopic;
const SynackLessonTopic *synack_lesson_topics (void);
const char *synack_scenario_get_topic    (const SynackScenario *scenario); /* an id, or NULL */
/* A built-in lesson, loaded, and the topic it is listed under. */
typedef struct {
  char                    *name;
  SynackScenario          *scenario;
  const SynackLessonTopic *topic;     /* NULL: no topic, listed last */
} SynackPresetEntry;
/* Every built-in lesson as the picker and `synack-cli list --questions`
 * group them: topic by topic in the order of synack_lesson_topics(), each
 * topic's lessons in teaching order, those without a topic last. An array
 * of SynackPresetEntry (it frees them), or NULL with the error of the
 * first lesson that does not load. */
GPtrArray *synack_preset_list_by_topic (GError **error);
const char *synack_scenario_get_summary  (const SynackScenario *scenario); /* what happens and why */
const char *synack_scenario_get_watch    (const SynackScenario *scenario); /* what to watch, one point a line */
/* The event of the run a point to watch is about, the point being line
 * `line` of synack_scenario_get_watch(): where its `watch at …` puts it
 * (or, for a translated point without one, the untranslated point's in
 * the same place), else the first entry into the first state its words
 * name (synack_describe_watch_moment()); -1: no moment, the whole run. */
long        synack_scenario_watch_moment (const SynackScenario *scenario, const SynackTrace *trace, guint line);
const SynackScript *synack_scenario_get_script (const SynackScenario *scenario);
/* The `quiz` lines: the moments predict mode asks about (none: every state change). */
const SynackQuizFocus *synack_scenario_get_quiz (const SynackScenario *scenario, guint *n_foci);

/* Sets one parameter as `--set KEY=VALUE` would; the value wins over the
 * file's. Fails, changing nothing, on an unknown key or a bad value. */
gboolean synack_scenario_set_param  (SynackScenario *scenario,
                                     const char     *key,
                                     const char     *value,
                                     GError        **error);

/* Parses "KEY=VALUE" (the --set syntax) and applies it. */
gboolean synack_scenario_set_assignment (SynackScenario *scenario,
                                         const char     *assignment,
                                         GError        **error);

/* Appends one line in the file syntax ("lose segment 7", "at 1.5s client
 * close"): this is how a what-if edit becomes part of the scenario. */
gboolean synack_scenario_append_line (SynackScenario *scenario,
                                      const char     *line,
                                      GError        **error);

/* Removes every action of the file's own that makes call `what` (a "close"
 * at a time or in reaction to an event), before any edit is made; Save
 * writes their lines as comments. Returns how many were removed. */
guint synack_scenario_remove_actions (SynackScenario *scenario, SynackDo what);

/* The scenario as file text, edits included: what "Save" writes. */
char *synack_scenario_to_text (const SynackScenario *scenario);

/* Runs the scenario; the trace is newly allocated (free it with
 * synack_trace_free()). */
SynackTrace *synack_scenario_run (const SynackScenario *scenario,
                                  SynackRunStats       *stats,
                                  GError              **error);

/* As synack_scenario_run; a cancelled run stops within a fraction of a
 * millisecond and fails with G_IO_ERROR_CANCELLED. cancellable may be NULL. */
SynackTrace *synack_scenario_run_cancellable (const SynackScenario *scenario,
                                              SynackRunStats       *stats,
                                              GCancellable         *cancellable,
                                              GError              **error);

/* Runs the scenario handing each event to sink (keeping none, nor any
 * connection record): memory follows the sockets alive, whatever the run's
 * length. The returned trace holds no events, only what is known of the
 * whole (end_time, n_segments, emitted). Fails as synack_scenario_run_cancellable(). */
SynackTrace *synack_scenario_run_to_sink (const SynackScenario *scenario,
                                          SynackTraceSink       sink,
                                          void                 *sink_data,
                                          SynackRunStats       *stats,
                                          GCancellable         *cancellable,
                                          GError              **error);

/* Connections the script's connects will open (each with its repeats,
 * those before any time limit): what decides, before running, whether a run can be kept. */
uint64_t synack_scenario_count_connects (const SynackScenario *scenario);

void synack_trace_free (SynackTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackScenario, synack_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackTrace, synack_trace_free)

/* Trace output, as `synack-cli run` prints it. */
char *synack_trace_to_json (const SynackTrace *trace, const SynackScenario *scenario);
char *synack_trace_to_text (const SynackTrace *trace, const SynackScenario *scenario);
/* The text output with each event's sentence under it, for reading. */
char *synack_trace_to_narrated_text (const SynackTrace *trace, const SynackScenario *scenario);

typedef enum {
  SYNACK_TRACE_TEXT,
  SYNACK_TRACE_JSON,
} SynackTraceFormat;

/* Runs the scenario and writes its trace to `out` while it runs, byte for
 * byte what synack_trace_to_text() or synack_trace_to_json() give for the
 * whole trace, without keeping the events: memory follows the connections,
 * not the events. The scenario runs twice (it is deterministic): once to
 * learn whether it fails, so a failed run writes nothing, and the
 * connections, which JSON lists first; once to write. Fails as
 * synack_scenario_run() does, or with G_IO_ERROR when writing fails. */
gboolean synack_scenario_run_to_stream (const SynackScenario *scenario,
                                        SynackTraceFormat     format,
                                        FILE                 *out,
                                        SynackRunStats       *stats,
                                        GError              **error);

typedef enum {
  SYNACK_CENSUS_CSV,
  SYNACK_CENSUS_JSON,
} SynackCensusFormat;

/* Runs the scenario and writes its census (synack-census.h) to `out` while
 * it runs, keeping no trace: a row per host at each change point, or per
 * interval (each count the most within it) if interval > 0, then the peaks.
 * CSV has a column per state and the peaks as '#' lines; JSON is one object
 * with the same "census" member as a JSON trace. Runs twice, like
 * synack_scenario_run_to_stream(), so a failed run writes nothing. */
gboolean synack_scenario_census_to_stream (const SynackScenario *scenario,
                                           SynackCensusFormat    format,
                                           SynackTime            interval,
                                           FILE                 *out,
                                           SynackRunStats       *stats,
                                           GError              **error);

/* Runs the scenario with only a census behind it (no trace kept, no rows
 * written): its peaks and refusals, read with synack_census_peak(). */
gboolean synack_scenario_census (const SynackScenario *scenario,
                                 SynackCensus         *census,
                                 GError              **error);

/* The census of each scenario side by side, as a text table: the most
 * sockets each host held at once in TIME_WAIT and in ESTABLISHED, and the
 * connect() calls refused with EADDRNOTAVAIL. Headings translated. */
char *synack_census_compare (SynackScenario *const *scenarios,
                             guint                  n_scenarios,
                             GError               **error);

/* Durations as scenario files write them: "250us", "50ms", "1s", "1.5s", "2min". */
gboolean synack_parse_duration (const char *text, SynackTime *out, GError **error);

/* Every parameter key, for help texts and the GUI; NULL-terminated, static. */
const char *const *synack_param_keys (void);

G_END_DECLS
