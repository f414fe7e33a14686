/* synack-scale-summary.h: what is kept of a run too big to keep: its census and its strip grid, fed together behind one trace sink. */
#pragma once

#include "synack-census-chart.h"
#include "synack-strip.h"

G_BEGIN_DECLS

typedef struct {
  SynackCensus        census;
  SynackCensusSeries *series;
  SynackStripGrid    *grid;
  uint64_t            events;       /* seen so far */
  SynackTime          t;            /* the latest event's time */
  uint32_t            last_conn;    /* the highest connection number seen */
} SynackScaleSummary;

SynackScaleSummary *synack_scale_summary_new    (void);
void                synack_scale_summary_free   (SynackScaleSummary *summary);
/* A SynackTraceSink (user data: the summary). */
void                synack_scale_summary_sink   (const SynackEvent *event, void *summary);
void                synack_scale_summary_finish (SynackScaleSummary *summary, SynackTime end_time);
/* The summary of a kept trace: its census exact, every change point. */
SynackScaleSummary *synack_scale_summary_of_trace (const SynackTrace *trace);
/* Bytes it holds. */
size_t              synack_scale_summary_memory (const SynackScaleSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynackScaleSummary, synack_scale_summary_free)

G_END_DECLS
