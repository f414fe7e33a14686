/* synack-export-html.c: the interactive lesson page: one HTML file with the semantic SVG, the steps as JSON and a small script. */
#include "synack-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "synack-describe.h"
#include "synack-diagram-layout.h"
#include "synack-export-html.h"
#include "synack-svg-writer.h"

typedef struct {
  cairo_write_func_t write;
  void              *closure;
  gboolean           failed;
} Sink;

static void
out (Sink *sink, const char *text)
{
  if (!sink->failed && *text &&
      sink->write (sink->closure, (const unsigned char *) text, (unsigned int) strlen (text)) != CAIRO_STATUS_SUCCESS)
    sink->failed = TRUE;
}

static void
out_escaped (Sink *sink, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  out (sink, escaped);
}

/* A JSON string that is also safe inside <script>: no "</script>". */
static void
json_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", c);
      else if (c == '\n')
        g_string_append (s, "\\n");
      else if (c < 0x20 || c == '<' || c == '>' || c == '&')
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
}

static void
css_color (GString *s, const char *name, const SynackRgba *c)
{
  g_string_append_printf (s, "--%s:#%02x%02x%02x;", name, (int) (c->r * 255 + 0.5), (int) (c->g * 255 + 0.5),
                          (int) (c->b * 255 + 0.5));
}

static const char page_style[] =
  "*{box-sizing:border-box}\n"
  "body{margin:0;font-family:var(--font),sans-serif;background:var(--bg);color:var(--fg);"
  "font-size:17px;line-height:1.4}\n"
  "header{padding:12px 20px 4px}\n"
  "h1{font-size:1.5em;margin:0 0 4px}\n"
  ".summary{margin:0 0 8px;max-width:70em;color:var(--note)}\n"
  "main{display:grid;grid-template-columns:minmax(0,3fr) minmax(18em,2fr);gap:16px;padding:0 20px 20px}\n"
  "#diagram{overflow:auto;max-height:calc(100vh - 130px);border:1px solid var(--muted);border-radius:6px}\n"
  "#diagram svg{display:block;width:100%;height:auto}\n"
  "aside{display:flex;flex-direction:column;gap:12px}\n"
  "#controls{display:flex;gap:6px;flex-wrap:wrap}\n"
  "button{font:inherit;font-size:1.1em;min-width:2.6em;min-height:2.4em;border-radius:6px;"
  "border:1px solid var(--muted);background:var(--bg);color:var(--fg);cursor:pointer}\n"
  "button:focus-visible{outline:3px solid var(--accent)}\n"
  "#step{font-weight:bold;margin:0}\n"
  "#states{display:grid;grid-template-columns:1fr 1fr;gap:8px}\n"
  ".host{border:1px solid var(--muted);border-radius:6px;padding:6px 10px}\n"
  ".host span{display:block;font-size:.85em;color:var(--note)}\n"
  ".host b{font-size:1.25em;letter-spacing:.02em}\n"
  "#narration{font-size:1.15em;margin:0;min-height:3em}\n"
  "#watch{margin:0;font-style:italic;color:var(--note)}\n"
  "#watch:empty{display:none}\n"
  "details ul{margin:4px 0;padding-left:1.2em}\n"
  "details.about summary{color:var(--note);cursor:pointer}\n"
  "@media (max-width:800px){main{grid-template-columns:1fr;padding:0 10px 10px}"
  "#diagram{max-height:55vh}header{padding:8px 10px 0}h1{font-size:1.25em}"
  "#controls{position:sticky;top:0;background:var(--bg);padding:4px 0;z-index:1}}\n";

/* Reveals the SVG's items step by step: an item with data-e shows from
 * that event on; the clip rectangle and the cursor follow the step's y. */
static const char page_script[] =
  "(function(){\n"
  "const S=JSON.parse(document.getElementById('steps').textContent);\n"
  "const L=JSON.parse(document.getElementById('words').textContent);\n"
  "const svg=document.querySelector('#diagram svg');\n"
  "const items=Array.from(svg.querySelectorAll('[data-e]'),el=>[el,+el.dataset.e]);\n"
  "const clip=svg.getElementById('upto-rect'),cursor=svg.getElementById('cursor');\n"
  "const box=document.getElementById('diagram'),play=document.getElementById('play');\n"
  "let k=0,timer=null;\n"
  "function fmt(t,a){return t.replace(/\\{(\\w+)\\}/g,(m,n)=>a[n]);}\n"
  "function show(n){\n"
  " k=Math.max(0,Math.min(S.length-1,n));const s=S[k];\n"
  " for(const [el,e] of items)el.style.display=e<=s.e?'':'none';\n"
  " clip.setAttribute('height',s.y);cursor.setAttribute('transform','translate(0 '+s.y+')');\n"
  " document.getElementById('step').textContent=k?fmt(L.step,{k:k,n:S.length-1}):L.start;\n"
  " document.getElementById('narration').textContent=s.n;\n"
  " document.getElementById('watch').textContent=s.w?fmt(L.watch,{w:s.w}):'';\n"
  " document.getElementById('state-client').textContent=s.c;\n"
  " document.getElementById('state-server').textContent=s.s;\n"
  " const r=svg.getBoundingClientRect(),f=r.height/svg.viewBox.baseVal.height;\n"
  " box.scrollTop=Math.max(0,s.y*f-box.clientHeight*0.7);\n"
  " document.body.dataset.step=k;\n"
  "}\n"
  "function stop(){if(timer){clearInterval(timer);timer=null;}play.textContent='\\u25b6';play.title=L.play;}\n"
  "function toggle(){if(timer){stop();return;}if(k>=S.length-1)show(0);"
  "timer=setInterval(()=>{if(k>=S.length-1)stop();else show(k+1);},1500);play.textContent='\\u275a\\u275a';play.title=L.pause;}\n"
  "document.getElementById('first').onclick=()=>{stop();show(0);};\n"
  "document.getElementById('prev').onclick=()=>{stop();show(k-1);};\n"
  "document.getElementById('next').onclick=()=>{stop();show(k+1);};\n"
  "document.getElementById('last').onclick=()=>{stop();show(S.length-1);};\n"
  "play.onclick=toggle;\n"
  "document.addEventListener('keydown',ev=>{\n"
  " const keys={ArrowRight:1,ArrowDown:1,PageDown:1,ArrowLeft:-1,ArrowUp:-1,PageUp:-1};\n"
  " if(ev.key in keys){stop();show(k+keys[ev.key]);}\n"
  " else if(ev.key===' '){toggle();}\n"
  " else if(ev.key==='Home'){stop();show(0);}\n"
  " else if(ev.key==='End'){stop();show(S.length-1);}\n"
  " else return;\n"
  " ev.preventDefault();\n"
  "});\n"
  "const about=document.querySelector('details.about');\n"
  "if(about&&window.matchMedia('(max-width:800px)').matches)about.open=false;\n"
  "show(0);\n"
  "})();\n";

static void
step_json (GString *s, const SynackSlideDeck *deck, long event)
{
  const SynackDiagramLayout *layout = deck->layout;
  const SynackTrace *trace = synack_diagram_layout_get_trace (layout);
  g_autofree char *narration = event >= 0 ? synack_slide_narration (layout, deck->per_segment, event) : NULL;
  g_autofree char *watch = event >= 0 ? synack_slide_watch_point (trace, deck->watch, event) : NULL;
  double y = event >= 0 ? synack_diagram_layout_y_for_event (layout, event)
                        : synack_diagram_layout_y_for_time (layout, 0);
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "{\"e\":%ld,\"y\":%s,\"n\":", event, g_ascii_formatd (num, sizeof num, "%.1f", y));
  json_string (s, narration);
  g_string_append (s, ",\"c\":");
  json_string (s, synack_state_to_string (synack_trace_state_at (trace, SYNACK_CLIENT, 0, event)));
  g_string_append (s, ",\"s\":");
  json_string (s, synack_state_to_string (synack_trace_state_at (trace, SYNACK_SERVER, 0, event)));
  g_string_append (s, ",\"w\":");
  json_string (s, watch);
  g_string_append (s, "}");
}

static void
write_words (Sink *sink)
{
  g_autoptr (GString) s = g_string_new ("{\"step\":");

  /* TRANSLATORS: in the web page; keep {k} and {n} */
  json_string (s, _("Step {k} of {n}"));
  g_string_append (s, ",\"start\":");
  json_string (s, _("Before the first event: press → to step"));
  g_string_append (s, ",\"watch\":");
  /* TRANSLATORS: in the web page; keep {w} */
  json_string (s, _("Watch: {w}"));
  g_string_append (s, ",\"play\":");
  json_string (s, _("Play"));
  g_string_append (s, ",\"pause\":");
  json_string (s, _("Pause"));
  g_string_append (s, "}");
  out (sink, s->str);
}

static void
button (Sink *sink, const char *id, const char *symbol, const char *label)
{
  g_autofree char *html = NULL;
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  html = g_strdup_printf ("<button id=\"%s\" title=\"%s\" aria-label=\"%s\">%s</button>", id, escaped, escaped, symbol);
  out (sink, html);
}

gboolean
synack_html_write (const SynackSlideDeck *deck,
                   const long            *steps,
                   size_t                 n_steps,
                   cairo_write_func_t     write,
                   void                  *closure,
                   GError               **error)
{
  const SynackTheme *t = deck->theme;
  Sink sink = { write, closure, FALSE };
  SynackSvgOptions svg;
  g_autoptr (GString) vars = g_string_new (":root{");
  g_autoptr (GString) json = g_string_new ("[");

  css_color (vars, "bg", &t->background);
  css_color (vars, "fg", &t->foreground);
  css_color (vars, "muted", &t->muted);
  css_color (vars, "note", &t->note);
  css_color (vars, "accent", &t->segment);
  g_string_append_printf (vars, "--font:'%s'}\n", t->font_family);

  out (&sink, "<!DOCTYPE html>\n<html lang=\"");
  /* TRANSLATORS: the language code of the web page (lang attribute) */
  out (&sink, C_("html-lang", "en"));
  out (&sink, "\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"SynAck " PACKAGE_VERSION "\">\n<title>");
  out_escaped (&sink, deck->title ? deck->title : _("SynAck lesson"));
  out (&sink, "</title>\n<style>\n");
  out (&sink, vars->str);
  out (&sink, page_style);
  out (&sink, "</style>\n</head>\n<body data-step=\"0\">\n<header><h1>");
  out_escaped (&sink, deck->title ? deck->title : _("SynAck lesson"));
  out (&sink, "</h1>");
  if (deck->summary && *deck->summary)
    {
      /* Open on a desk, folded on a phone so the diagram is in view. */
      out (&sink, "<details class=\"about\" open><summary>");
      out_escaped (&sink, _("What this lesson shows"));
      out (&sink, "</summary><p class=\"summary\">");
      out_escaped (&sink, deck->summary);
      out (&sink, "</p></details>");
    }
  out (&sink, "</header>\n<main>\n<div id=\"diagram\">\n");
  if (sink.failed)
    goto failed;

  synack_svg_options_init (&svg);
  svg.for_script = TRUE;
  svg.title = deck->title;
  if (!synack_svg_write (deck->layout, t, &svg, write, closure))
    goto failed;

  out (&sink, "</div>\n<aside>\n<div id=\"controls\">");
  button (&sink, "first", "\u21e4", _("First step (Home)"));
  button (&sink, "prev", "\u2190", _("Step back (←)"));
  button (&sink, "play", "\u25b6", _("Play"));
  button (&sink, "next", "\u2192", _("Step forward (→)"));
  button (&sink, "last", "\u21e5", _("Last step (End)"));
  out (&sink, "</div>\n<p id=\"step\" aria-live=\"polite\"></p>\n<div id=\"states\">"
              "<div class=\"host\"><span>");
  out_escaped (&sink, synack_describe_host (SYNACK_CLIENT, SYNACK_HOST_TITLE));
  out (&sink, "</span><b id=\"state-client\"></b></div><div class=\"host\"><span>");
  out_escaped (&sink, synack_describe_host (SYNACK_SERVER, SYNACK_HOST_TITLE));
  out (&sink, "</span><b id=\"state-server\"></b></div></div>\n"
              "<p id=\"narration\" aria-live=\"polite\"></p>\n<p id=\"watch\"></p>\n");
  if (deck->watch && *deck->watch)
    {
      g_auto (GStrv) lines = g_strsplit (deck->watch, "\n", -1);

      out (&sink, "<details open><summary>");
      out_escaped (&sink, _("Points to watch"));
      out (&sink, "</summary><ul>");
      for (int i = 0; lines[i]; i++)
        if (*g_strstrip (lines[i]))
          {
            out (&sink, "<li>");
            out_escaped (&sink, lines[i]);
            out (&sink, "</li>");
          }
      out (&sink, "</ul></details>\n");
    }
  out (&sink, "</aside>\n</main>\n<script type=\"application/json\" id=\"steps\">");
  /* Step 0 is before the first event; step k shows up to steps[k-1]. */
  step_json (json, deck, -1);
  for (size_t k = 0; k < n_steps; k++)
    {
      g_string_append (json, ",\n");
      step_json (json, deck, steps[k]);
      if (json->len > 65536)
        {
          out (&sink, json->str);
          g_string_truncate (json, 0);
        }
    }
  g_string_append (json, "]");
  out (&sink, json->str);
  out (&sink, "</script>\n<script type=\"application/json\" id=\"words\">");
  write_words (&sink);
  out (&sink, "</script>\n<script>\n");
  out (&sink, page_script);
  out (&sink, "</script>\n</body>\n</html>\n");
  if (!sink.failed)
    return TRUE;

failed:
  g_set_error_literal (error, SYNACK_RENDER_ERROR, SYNACK_RENDER_ERROR_WRITE, _("Cannot write the web page"));
  return FALSE;
}
