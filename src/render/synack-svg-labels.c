/* synack-svg-labels.c: the semantic SVG's labels: real <text> lines in boxes, revealed with what they describe. */
#include "synack-config.h"

#include <string.h>

#include "synack-diagram-paint.h"
#include "synack-svg-writer-private.h"

/* The arrow a segment or "lost" label belongs to, or NULL. */
static const SynackDiagramArrow *
label_arrow (const SynackSvgWriter *w, int index)
{
  const SynackDiagramLayout *layout = w->layout;
  SynackLabelKind kind = LABEL (layout, index)->kind;
  int owner = layout->label_owner[index];

  if ((kind == SYNACK_LABEL_SEGMENT || kind == SYNACK_LABEL_LOST) && owner >= 0)
    return &g_array_index (layout->arrows, SynackDiagramArrow, owner);
  return NULL;
}

static void
write_text (SynackSvgWriter *w, const SynackDiagramLabel *l)
{
  const SynackDiagramLayout *layout = w->layout;
  const char *anchor = "start";
  double x = l->box.x + layout->label_pad;
  double y = l->box.y + layout->label_pad_y + w->baseline[l->kind];
  const char *line = l->text;

  switch (l->kind)
    {
    case SYNACK_LABEL_SEGMENT:
    case SYNACK_LABEL_HOST:
    case SYNACK_LABEL_BREAK:
      anchor = "middle";
      x = l->box.x + l->box.width / 2;
      break;
    case SYNACK_LABEL_NOTE:
    case SYNACK_LABEL_TIMER:
    case SYNACK_LABEL_STATE:
    case SYNACK_LABEL_AXIS:
      anchor = "end";
      x = l->box.x + l->box.width - layout->label_pad;
      break;
    default:
      break;
    }
  synack_svg_put (w, "<text text-anchor=\"");
  synack_svg_put (w, anchor);
  synack_svg_put (w, "\" ");
  synack_svg_attr_num (w, "font-size", w->font_size[l->kind]);
  if (w->bold[l->kind])
    synack_svg_put (w, "font-weight=\"bold\" ");
  synack_svg_put (w, ">");
  for (int n = 0; line != NULL; n++)
    {
      const char *nl = strchr (line, '\n');

      synack_svg_put (w, "<tspan ");
      synack_svg_attr_num (w, "x", x);
      synack_svg_attr_num (w, "y", y + n * w->line_h[l->kind]);
      synack_svg_put (w, ">");
      synack_svg_escaped_len (w, line, nl ? (size_t) (nl - line) : strlen (line));
      synack_svg_put (w, "</tspan>");
      line = nl ? nl + 1 : NULL;
    }
  synack_svg_put (w, "</text>");
}

static const char *
label_class (const SynackSvgWriter *w, const SynackDiagramLabel *l)
{
  const SynackTrace *trace = w->layout->trace;

  switch (l->kind)
    {
    case SYNACK_LABEL_SEGMENT: return "segment-label";
    case SYNACK_LABEL_STATE:   return "state-label";
    case SYNACK_LABEL_TIMER:   return "timer-label";
    case SYNACK_LABEL_LOST:    return "lost-label";
    case SYNACK_LABEL_AXIS:    return "axis-label";
    case SYNACK_LABEL_BREAK:   return "break-label";
    case SYNACK_LABEL_HOST:    return "host-label";
    case SYNACK_LABEL_NOTE:
      if (l->event >= 0 && trace->events[l->event].type == SYNACK_EVENT_APP &&
          trace->events[l->event].result >= SYNACK_RESULT_ECONNREFUSED)
        return "note error";
      if (l->event >= 0 && trace->events[l->event].type == SYNACK_EVENT_DELIVER &&
          trace->events[l->event].verdict == SYNACK_VERDICT_STALE_DATA)
        return "note error";
      return "note";
    default:
      return "label";
    }
}

void
synack_svg_write_labels (SynackSvgWriter *w)
{
  const SynackDiagramLayout *layout = w->layout;

  synack_svg_put (w, "<g id=\"labels\">");
  for (guint i = 0; i < layout->labels->len; i++)
    {
      const SynackDiagramLabel *l = LABEL (layout, i);
      const SynackDiagramArrow *arrow = label_arrow (w, (int) i);
      long reveal = synack_diagram_label_reveal (layout, (int) i);
      long end = -1;

      if (l->event == -2 || !synack_svg_shown (w, reveal))
        continue;
      synack_svg_put (w, "<g id=\"label-");
      synack_svg_uint (w, i);
      synack_svg_put (w, "\" class=\"");
      synack_svg_put (w, label_class (w, l));
      if (arrow != NULL)
        {
          synack_svg_put (w, " ");
          synack_svg_segment_classes (w, arrow, arrow->end_event >= 0 && (w->all || w->options->for_script ||
                                                               arrow->end_event <= w->last));
        }
      else if (l->kind == SYNACK_LABEL_TIMER && layout->label_owner[i] >= 0)
        {
          synack_svg_put (w, " timer-");
          synack_svg_put (w, synack_timer_to_string (g_array_index (layout->timers, SynackDiagramTimer,
                                                                    layout->label_owner[i]).kind));
        }
      synack_svg_put (w, "\"");
      if (arrow != NULL)
        {
          synack_svg_put (w, " data-segment=\"");
          synack_svg_segment_id (w, arrow, "");
          synack_svg_put (w, "\"");
        }
      synack_svg_data_events (w, reveal, end);
      synack_svg_put (w, ">");
      /* A segment's label has its sentence on the segment's group. */
      if (arrow == NULL)
        synack_svg_sentence_title (w, l->event);
      /* Every label sits on a box of the background colour, so no line
       * (an arrow, the cursor) ever strikes through its text. */
      synack_svg_put (w, "<rect class=\"label-box\" ");
      synack_svg_attr_num (w, "x", l->box.x);
      synack_svg_attr_num (w, "y", l->box.y);
      synack_svg_attr_num (w, "width", l->box.width);
      synack_svg_attr_num (w, "height", l->box.height);
      synack_svg_attr_num (w, "rx", 0.25 * layout->font_px);
      synack_svg_put (w, "/>");
      if (l->kind == SYNACK_LABEL_NOTE && l->event >= 0)
        {
          synack_svg_put (w, "<rect class=\"frame\" ");
          synack_svg_attr_num (w, "stroke-width", 0.6 * w->lw);
          synack_svg_attr_num (w, "x", l->box.x);
          synack_svg_attr_num (w, "y", l->box.y);
          synack_svg_attr_num (w, "width", l->box.width);
          synack_svg_attr_num (w, "height", l->box.height);
          synack_svg_attr_num (w, "rx", 0.2 * layout->font_px);
          synack_svg_put (w, "/>");
        }
      write_text (w, l);
      synack_svg_put (w, "</g>");
    }
  synack_svg_put (w, "</g>\n");
}
