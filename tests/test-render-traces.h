/* test-render-traces.h: hand-built traces of the classic lessons for the render tests and benchmark. */
#pragma once

#include <glib.h>

#include "synack-trace.h"

G_BEGIN_DECLS

typedef struct _TraceBuilder TraceBuilder;

TraceBuilder *trace_builder_new      (uint16_t client_port, uint16_t server_port,
                                      uint32_t client_iss, uint32_t server_iss);
void          trace_builder_add_conn (TraceBuilder *tb, uint32_t conn, uint16_t client_port, uint16_t server_port);
SynackTrace  *trace_builder_finish   (TraceBuilder *tb);

void     tb_app          (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, SynackCall call, SynackResult result);
void     tb_state        (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, SynackState from, SynackState to);
uint32_t tb_send         (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, unsigned flags,
                          uint32_t seq, uint32_t ack, uint32_t len, uint32_t rexmit);
void     tb_deliver      (TraceBuilder *tb, SynackTime t, SynackHostId receiver, uint32_t seg);
void     tb_deliver_copy (TraceBuilder *tb, SynackTime t, SynackHostId receiver, uint32_t seg);
void     tb_duplicate    (TraceBuilder *tb, SynackTime t, SynackHostId sender, uint32_t seg);
void     tb_lost         (TraceBuilder *tb, SynackTime t, SynackHostId sender, uint32_t seg);
void     tb_timer        (TraceBuilder *tb, SynackTime t, SynackHostId host, uint32_t conn, SynackTimerKind kind,
                          SynackTimerAction action, SynackTime expires);

/* Hand-built stand-ins for the built-in lessons, by name. */
const char *const *test_lesson_names (void);
SynackTrace       *test_lesson_trace (const char *name);
SynackTrace       *test_bulk_trace   (uint32_t n_segments);
void               test_trace_free   (SynackTrace *trace);


G_END_DECLS
