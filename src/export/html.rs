//! The HTML report (`export --format html`): the same [`Document`] as the Markdown, as one
//! self-contained page — styles inline, charts as inline SVG ([`super::svg`]), no script, no
//! font, image or link fetched from anywhere — for a browser and for print.
//!
//! The writer knows nothing of the plan's sections: it writes whatever blocks the parts hold,
//! so a section added to the document appears here as it does in the Markdown. Charts are
//! placed by [`Chart::anchor`], the title of the section they belong to: in that section a
//! Mermaid block is replaced by the chart (a browser does not draw Mermaid), else the chart
//! follows the section's first table, else its heading.
//!
//! Print: A4, each part (plan, scorecard, checklist) starts on a new page, table headers repeat
//! on every page, rows and charts are not cut, headings stay with what follows. Screen: light
//! and dark themes from `prefers-color-scheme`. The font stack names the CJK fonts of Windows,
//! macOS and Linux. User text is escaped everywhere ([`escape`]).

use super::doc::{Align, Block, Document, Span};
use crate::model::{Lang, ResultTab};

/// A chart for the section whose heading starts with `anchor`.
pub struct Chart {
    pub anchor: String,
    /// One `<svg>` element.
    pub svg: String,
    /// Said under the chart.
    pub caption: String,
}

/// Escapes text for HTML and XML (content and attribute values): `& < > " '`, and removes
/// escape sequences, control characters (except newline) and non-characters, which are not
/// allowed in XML.
pub fn escape(s: &str) -> String {
    let clean = super::escape::clean_cow(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with newlines as `<br>`.
fn escape_lines(s: &str) -> String {
    escape(s).replace('\n', "<br>")
}

const STYLE: &str = r#"
:root{color-scheme:light dark;--fg:#1f2328;--bg:#ffffff;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--bar:#2f6fde;--track:#e6ebf1;--area:rgba(47,111,222,.28);--wave:#1a7f37}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--head:#151b23;--bar:#4493f8;--track:#262c36;--area:rgba(68,147,248,.35);--wave:#3fb950}}
*,*::before,*::after{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:60rem;padding:2rem 1.5rem;line-height:1.6;font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","微软雅黑","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Source Han Sans CN","WenQuanYi Micro Hei","Droid Sans Fallback",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
h1{font-size:1.8rem;margin:0 0 .25rem}
h2{font-size:1.45rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2.5rem}
h3{font-size:1.15rem;margin-top:1.8rem}
h4{font-size:1rem;margin-top:1.2rem}
.subtitle{color:var(--muted);margin-top:0}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:var(--head)}
.r{text-align:right}.c{text-align:center}
code{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em;background:var(--head);padding:0 .2em;border-radius:3px}
pre{background:var(--head);padding:.6rem;overflow-x:auto;white-space:pre-wrap}
ul.tasks{list-style:none;padding-left:.4rem}
ul.tasks input{margin-right:.5rem}
figure{margin:1rem 0}
figcaption{color:var(--muted);font-size:.85rem}
svg text{fill:var(--fg);font-size:13px;font-family:inherit}
svg .value{fill:var(--muted);font-size:12px}
svg .bar{fill:var(--bar)}
svg .track{fill:var(--track)}
svg .grid{fill:none;stroke:var(--line);stroke-width:1}
svg .area{fill:var(--area);stroke:var(--bar);stroke-width:2}
svg .wave{fill:var(--wave)}
@page{size:A4;margin:16mm 14mm}
@media print{
:root{--fg:#000;--bg:#fff;--muted:#444;--line:#999;--head:#eee;--bar:#2f6fde;--track:#e6ebf1;--wave:#1a7f37}
body{max-width:none;padding:0;font-size:10.5pt}
section.part{break-before:page}
h1,h2,h3,h4{break-after:avoid}
thead{display:table-header-group}
tr,figure,svg,li,pre{break-inside:avoid}
}
"#;

/// The whole page in `lang` (its `lang` attribute), with `charts` placed by their anchors.
pub fn render(doc: &Document, lang: Lang, charts: &[Chart]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(lang.tag());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    // nothing on this page may load anything from anywhere
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str("<title>");
    out.push_str(&escape(&doc.title));
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>");
    out.push_str(&escape(&doc.title));
    out.push_str("</h1>\n");
    if !doc.subtitle.is_empty() {
        out.push_str("<p class=\"subtitle\">");
        spans(&doc.subtitle, &mut out);
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n<main>\n");
    for tab in ResultTab::ALL {
        out.push_str("<section class=\"part\" id=\"");
        out.push_str(part_id(tab));
        out.push_str("\">\n");
        let blocks = doc.part(tab);
        let placed = place(blocks, charts);
        for (i, b) in blocks.iter().enumerate() {
            match placed.iter().find(|p| p.at == i) {
                Some(p) if p.replace => figure(p.chart, &mut out),
                Some(p) => {
                    block(b, &mut out);
                    figure(p.chart, &mut out);
                }
                None => block(b, &mut out),
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn part_id(tab: ResultTab) -> &'static str {
    match tab {
        ResultTab::Plan => "plan",
        ResultTab::Scorecard => "scorecard",
        ResultTab::Checklist => "checklist",
    }
}

/// Where a chart goes: after (or instead of) block `at`.
struct Placed<'c> {
    at: usize,
    replace: bool,
    chart: &'c Chart,
}

fn place<'c>(blocks: &[Block], charts: &'c [Chart]) -> Vec<Placed<'c>> {
    let mut out = Vec::new();
    for chart in charts {
        let Some((start, level)) = blocks.iter().enumerate().find_map(|(i, b)| match b {
            Block::Heading { level, text } if text.starts_with(&chart.anchor) => Some((i, *level)),
            _ => None,
        }) else {
            continue;
        };
        let end = blocks[start + 1..]
            .iter()
            .position(|b| matches!(b, Block::Heading { level: l, .. } if *l <= level))
            .map_or(blocks.len(), |p| start + 1 + p);
        let section = &blocks[start + 1..end];
        let mermaid = section
            .iter()
            .position(|b| matches!(b, Block::CodeBlock { lang, .. } if lang == "mermaid"));
        let table = section
            .iter()
            .position(|b| matches!(b, Block::Table { .. }));
        let placed = match (mermaid, table) {
            (Some(m), _) => Placed {
                at: start + 1 + m,
                replace: true,
                chart,
            },
            (None, Some(t)) => Placed {
                at: start + 1 + t,
                replace: false,
                chart,
            },
            (None, None) => Placed {
                at: start,
                replace: false,
                chart,
            },
        };
        if !out.iter().any(|p: &Placed<'_>| p.at == placed.at) {
            out.push(placed);
        }
    }
    out
}

fn figure(chart: &Chart, out: &mut String) {
    out.push_str("<figure>\n");
    out.push_str(&chart.svg);
    out.push_str("\n<figcaption>");
    out.push_str(&escape(&chart.caption));
    out.push_str("</figcaption>\n</figure>\n");
}

fn spans(line: &[Span], out: &mut String) {
    for s in line {
        let (open, close) = match s {
            Span::Plain(_) => ("", ""),
            Span::Strong(_) => ("<strong>", "</strong>"),
            Span::Emphasis(_) => ("<em>", "</em>"),
            Span::Code(_) => ("<code>", "</code>"),
        };
        out.push_str(open);
        out.push_str(&escape_lines(s.text()));
        out.push_str(close);
    }
}

fn align_class(a: Option<&Align>) -> &'static str {
    match a {
        Some(Align::Right) => " class=\"r\"",
        Some(Align::Center) => " class=\"c\"",
        _ => "",
    }
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, text } => {
            // the document's title is the page's only h1; parts are h2 and below
            let level = (*level).clamp(2, 6);
            out.push_str(&format!("<h{level}>"));
            out.push_str(&escape(text));
            out.push_str(&format!("</h{level}>\n"));
        }
        Block::Paragraph(line) => {
            if line.iter().all(|s| s.text().is_empty()) {
                return;
            }
            out.push_str("<p>");
            spans(line, out);
            out.push_str("</p>\n");
        }
        Block::BulletList(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str("<li>");
                spans(item, out);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::TaskList(items) => {
            out.push_str("<ul class=\"tasks\">\n");
            for item in items {
                out.push_str("<li><input type=\"checkbox\" disabled");
                if item.checked {
                    out.push_str(" checked");
                }
                out.push('>');
                spans(&item.text, out);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Table {
            header,
            align,
            rows,
        } => {
            out.push_str("<table>\n<thead><tr>");
            for (i, h) in header.iter().enumerate() {
                out.push_str("<th");
                out.push_str(align_class(align.get(i)));
                out.push('>');
                out.push_str(&escape_lines(h));
                out.push_str("</th>");
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for i in 0..header.len() {
                    out.push_str("<td");
                    out.push_str(align_class(align.get(i)));
                    out.push('>');
                    if let Some(cell) = row.get(i) {
                        spans(cell, out);
                    }
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::CodeBlock { lang, text } => {
            // a Mermaid diagram is text to a browser: its chart replaces it where there is one
            if lang == "mermaid" {
                return;
            }
            out.push_str("<pre><code>");
            out.push_str(&escape(text));
            out.push_str("</code></pre>\n");
        }
    }
}
