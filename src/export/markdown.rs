//! The Markdown writer: [`Block`]s to CommonMark with GitHub tables and task lists.
//!
//! All text in blocks is treated as user text and escaped ([`super::escape`]); the writer adds
//! the only syntax. Strong/emphasis delimiters are written only where CommonMark will read them
//! as such (CJK text next to punctuation often defeats `**`); elsewhere the text stays plain.

use super::doc::{Align, Block, Document, Span};
use super::escape::{self, Flow};
use crate::model::ResultTab;

/// Renders a whole document: the title, the line under it, then plan, scorecard, checklist
/// (the blocks of [`Document::blocks`], borrowed rather than copied).
pub fn render(doc: &Document) -> String {
    let title = Block::heading(1, doc.title.as_str());
    let subtitle = (!doc.subtitle.is_empty()).then(|| Block::Paragraph(doc.subtitle.clone()));
    let parts = || ResultTab::ALL.iter().flat_map(|t| doc.part(*t).iter());
    let hint = parts().map(size_hint).sum::<usize>() + 256;
    render_iter(
        std::iter::once(&title)
            .chain(subtitle.iter())
            .chain(parts()),
        hint,
    )
}

/// About how long a block is in Markdown (its text, plus a little per line and cell), so that
/// a large export is written into one allocation rather than one doubled many times.
fn size_hint(b: &Block) -> usize {
    let spans = |l: &[Span]| l.iter().map(|s| s.text().len() + 2).sum::<usize>() + 4;
    match b {
        Block::Heading { text, .. } => text.len() + 8,
        Block::Paragraph(l) => spans(l),
        Block::BulletList(items) => items.iter().map(|l| spans(l)).sum(),
        Block::TaskList(items) => items.iter().map(|i| spans(&i.text) + 6).sum(),
        Block::Table { header, rows, .. } => {
            header.iter().map(|h| h.len() + 8).sum::<usize>()
                + rows
                    .iter()
                    .flat_map(|r| r.iter())
                    .map(|c| spans(c))
                    .sum::<usize>()
        }
        Block::CodeBlock { text, .. } => text.len() + 16,
    }
}

/// Renders blocks separated by blank lines; the result ends with one newline.
pub fn render_blocks(blocks: &[Block]) -> String {
    render_iter(blocks.iter(), blocks.iter().map(size_hint).sum())
}

fn render_iter<'b>(blocks: impl Iterator<Item = &'b Block>, size_hint: usize) -> String {
    let mut w = Writer::default();
    let mut out = String::with_capacity(size_hint);
    // Each block is written straight into `out`; one that writes nothing is taken back out
    // with the blank line written before it.
    for b in blocks {
        let before = out.len();
        if before > 0 {
            out.push('\n');
        }
        let start = out.len();
        w.block(b, &mut out);
        if out.len() == start {
            out.truncate(before);
            continue;
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
fn render_block(b: &Block) -> String {
    let mut out = String::new();
    Writer::default().block(b, &mut out);
    out
}

#[cfg(test)]
fn spans_md(spans: &[Span], flow: Flow) -> String {
    let mut out = String::new();
    Writer::default().spans(spans, flow, &mut out);
    out
}

/// Writes blocks as Markdown, reusing its scratch buffers from one line to the next (a large
/// export has tens of thousands of lines).
#[derive(Default)]
struct Writer {
    /// The escaped bodies of the spans of the line being written.
    bodies: Vec<String>,
}

impl Writer {
    fn block(&mut self, b: &Block, out: &mut String) {
        match b {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 6) as usize;
                for _ in 0..level {
                    out.push('#');
                }
                out.push(' ');
                escape::text_into(text, Flow::Inline, out);
                out.push('\n');
            }
            Block::Paragraph(spans) => {
                let start = out.len();
                self.spans(spans, Flow::Block, out);
                if out.len() > start {
                    out.push('\n');
                }
            }
            Block::BulletList(items) => {
                for item in items {
                    out.push_str("- ");
                    self.spans(item, Flow::Inline, out);
                    out.push('\n');
                }
            }
            Block::TaskList(items) => {
                for item in items {
                    out.push_str(if item.checked { "- [x] " } else { "- [ ] " });
                    let start = out.len();
                    self.spans(&item.text, Flow::Inline, out);
                    // An empty task item would not be read as a task; keep a visible dash.
                    if out.len() == start {
                        out.push('—');
                    }
                    out.push('\n');
                }
            }
            Block::Table {
                header,
                align,
                rows,
            } => self.table(header, align, rows, out),
            Block::CodeBlock { lang, text } => {
                let body = escape::clean(text);
                let fence = escape::fence(&body);
                let lang: String = lang
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                out.push_str(&fence);
                out.push_str(&lang);
                out.push('\n');
                out.push_str(&body);
                if !body.is_empty() && !body.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&fence);
                out.push('\n');
            }
        }
    }

    fn table(
        &mut self,
        header: &[String],
        align: &[Align],
        rows: &[Vec<Vec<Span>>],
        out: &mut String,
    ) {
        if header.is_empty() {
            return;
        }
        // An empty cell is written as one space.
        let end_cell = |out: &mut String, start: usize| {
            if out.len() == start {
                out.push(' ');
            }
            out.push_str(" |");
        };
        out.push('|');
        for h in header {
            out.push(' ');
            let start = out.len();
            escape::text_into(h, Flow::Cell, out);
            end_cell(out, start);
        }
        out.push_str("\n|");
        for i in 0..header.len() {
            out.push_str(match align.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => " --- |",
                Align::Right => " ---: |",
                Align::Center => " :---: |",
            });
        }
        out.push('\n');
        for row in rows {
            out.push('|');
            for i in 0..header.len() {
                out.push(' ');
                let start = out.len();
                if let Some(c) = row.get(i) {
                    self.spans(c, Flow::Cell, out);
                }
                end_cell(out, start);
            }
            out.push('\n');
        }
    }

    /// Writes a line of spans, trimmed. Delimiters of strong/emphasis spans are added only when
    /// they will open and close per CommonMark's flanking rules given their neighbours.
    fn spans(&mut self, spans: &[Span], flow: Flow, out: &mut String) {
        // Plain spans only (most lines): nothing looks at a neighbour, so each is escaped
        // straight into `out`.
        if spans.iter().all(|s| matches!(s, Span::Plain(_))) {
            let start = out.len();
            for s in spans {
                if let Span::Plain(t) = s {
                    plain_preserving_edges(t, flow, out);
                }
            }
            trim_line(out, start);
            return;
        }
        // Escaped bodies first, so that each span can look at its neighbours' edges.
        if self.bodies.len() < spans.len() {
            self.bodies.resize_with(spans.len(), String::new);
        }
        for (s, body) in spans.iter().zip(self.bodies.iter_mut()) {
            body.clear();
            match s {
                Span::Plain(t) => plain_preserving_edges(t, flow, body),
                Span::Strong(t) | Span::Emphasis(t) => escape::text_into(t, flow, body),
                Span::Code(t) => body.push_str(&escape::code_span(t, flow == Flow::Cell)),
            }
        }
        let start = out.len();
        let bodies = self.bodies.get(..spans.len()).unwrap_or(&[]);
        for (i, (span, body)) in spans.iter().zip(bodies).enumerate() {
            let delim = match span {
                Span::Strong(_) => "**",
                Span::Emphasis(_) => "*",
                _ => {
                    out.push_str(body);
                    continue;
                }
            };
            if body.is_empty() {
                continue;
            }
            let prev = out.get(start..).and_then(|line| line.chars().last());
            let next = bodies.get(i + 1).and_then(|b| b.chars().next());
            if delimiters_work(prev, body, next) {
                out.push_str(delim);
                out.push_str(body);
                out.push_str(delim);
            } else {
                out.push_str(body);
            }
        }
        trim_line(out, start);
    }
}

/// Trims the line written from `start` in place.
fn trim_line(out: &mut String, start: usize) {
    let line = out.get(start..).unwrap_or("");
    let (lead, trail) = (
        line.len() - line.trim_start().len(),
        line.len() - line.trim_end().len(),
    );
    if lead == line.len() {
        out.truncate(start);
    } else {
        out.truncate(out.len() - trail);
        if lead > 0 {
            out.replace_range(start..start + lead, "");
        }
    }
}

/// Plain spans keep one leading/trailing space (they join styled spans: "**ERP** — ok"), but
/// are otherwise escaped like any user text. Appends to `out`.
fn plain_preserving_edges(t: &str, flow: Flow, out: &mut String) {
    let base = out.len();
    let cleaned = escape::clean_cow(t);
    let lead = cleaned.starts_with([' ', '\n']);
    let trail = cleaned.ends_with([' ', '\n']);
    if lead {
        out.push(' ');
    }
    escape::cleaned_text_into(&cleaned, flow, out);
    if out.len() == base + usize::from(lead) {
        // Nothing but spaces: one space if there were any.
        out.truncate(base);
        if lead || trail {
            out.push(' ');
        }
        return;
    }
    if trail {
        out.push(' ');
    }
}

/// Whether `*`/`**` around `body` (already escaped, trimmed) will be read as emphasis between
/// `prev` and `next` (`None` = start/end of line). Conservative: anything that is neither
/// alphanumeric nor whitespace counts as punctuation.
fn delimiters_work(prev: Option<char>, body: &str, next: Option<char>) -> bool {
    let (Some(first), Some(last)) = (body.chars().next(), body.chars().last()) else {
        return false;
    };
    if first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    let punct = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let open_ok = !punct(first) || prev.is_none_or(|p| p.is_whitespace() || punct(p));
    let close_ok = !punct(last) || next.is_none_or(|n| n.is_whitespace() || punct(n));
    // A delimiter next to another `*` would merge with it.
    let no_merge = prev != Some('*') && next != Some('*') && first != '*' && last != '*';
    open_ok && close_ok && no_merge
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::doc::{TaskItem, line};

    #[test]
    fn strong_is_dropped_where_commonmark_would_not_read_it() {
        // `）` then a letter: a closing `**` here would not be right-flanking.
        let s = spans_md(
            &[Span::strong("部署（§五）"), Span::plain("说明")],
            Flow::Inline,
        );
        assert_eq!(s, "部署（§五）说明");
        let s = spans_md(&[Span::strong("ERP"), Span::plain(" — ok")], Flow::Inline);
        assert_eq!(s, "**ERP** — ok");
        let s = spans_md(
            &[Span::strong("云主机"), Span::plain("：已选")],
            Flow::Inline,
        );
        assert_eq!(s, "**云主机**：已选");
    }

    #[test]
    fn tables_pad_short_rows_and_cut_long_ones() {
        let t = Block::Table {
            header: vec!["a".into(), "b".into()],
            align: vec![Align::Left, Align::Right],
            rows: vec![vec![line("1")], vec![line("1"), line("2"), line("3")]],
        };
        assert_eq!(
            render_block(&t),
            "| a | b |\n| --- | ---: |\n| 1 |   |\n| 1 | 2 |\n"
        );
    }

    #[test]
    fn tasks_and_code_blocks() {
        let t = Block::TaskList(vec![
            TaskItem {
                id: "a".into(),
                checked: true,
                text: line("done"),
            },
            TaskItem {
                id: "b".into(),
                checked: false,
                text: line(""),
            },
        ]);
        assert_eq!(render_block(&t), "- [x] done\n- [ ] —\n");
        let c = Block::CodeBlock {
            lang: "mermaid".into(),
            text: "a\n```\nb".into(),
        };
        assert_eq!(render_block(&c), "````mermaid\na\n```\nb\n````\n");
    }
}
