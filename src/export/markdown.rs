//! The Markdown writer: [`Block`]s to CommonMark with GitHub tables and task lists.
//!
//! All text in blocks is treated as user text and escaped ([`super::escape`]); the writer adds
//! the only syntax. Strong/emphasis delimiters are written only where CommonMark will read them
//! as such (CJK text next to punctuation often defeats `**`); elsewhere the text stays plain.

use super::doc::{Align, Block, Document, Span};
use super::escape::{self, Flow};

/// Renders a whole document: the title, the line under it, then plan, scorecard, checklist.
pub fn render(doc: &Document) -> String {
    render_blocks(&doc.blocks())
}

/// Renders blocks separated by blank lines; the result ends with one newline.
pub fn render_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        let rendered = render_block(b);
        if rendered.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&rendered);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

fn render_block(b: &Block) -> String {
    match b {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 6) as usize;
            format!(
                "{} {}\n",
                "#".repeat(level),
                escape::text(text, Flow::Inline)
            )
        }
        Block::Paragraph(spans) => {
            let s = spans_md(spans, Flow::Block);
            if s.is_empty() {
                String::new()
            } else {
                format!("{s}\n")
            }
        }
        Block::BulletList(items) => {
            let mut out = String::new();
            for item in items {
                out.push_str("- ");
                out.push_str(&spans_md(item, Flow::Inline));
                out.push('\n');
            }
            out
        }
        Block::TaskList(items) => {
            let mut out = String::new();
            for item in items {
                out.push_str(if item.checked { "- [x] " } else { "- [ ] " });
                let text = spans_md(&item.text, Flow::Inline);
                // An empty task item would not be read as a task; keep a visible dash.
                out.push_str(if text.is_empty() { "—" } else { &text });
                out.push('\n');
            }
            out
        }
        Block::Table {
            header,
            align,
            rows,
        } => table(header, align, rows),
        Block::CodeBlock { lang, text } => {
            let body = escape::clean(text);
            let fence = escape::fence(&body);
            let lang: String = lang
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let mut out = format!("{fence}{lang}\n{body}");
            if !body.is_empty() && !body.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&fence);
            out.push('\n');
            out
        }
    }
}

fn table(header: &[String], align: &[Align], rows: &[Vec<Vec<Span>>]) -> String {
    if header.is_empty() {
        return String::new();
    }
    let cell = |s: String| if s.is_empty() { " ".to_owned() } else { s };
    let mut out = String::from("|");
    for h in header {
        out.push(' ');
        out.push_str(&cell(escape::text(h, Flow::Cell)));
        out.push_str(" |");
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
            let s = row
                .get(i)
                .map(|c| spans_md(c, Flow::Cell))
                .unwrap_or_default();
            out.push(' ');
            out.push_str(&cell(s));
            out.push_str(" |");
        }
        out.push('\n');
    }
    out
}

/// Renders a line of spans. Delimiters of strong/emphasis spans are added only when they will
/// open and close per CommonMark's flanking rules given their neighbours.
fn spans_md(spans: &[Span], flow: Flow) -> String {
    // Escaped bodies first, so that each span can look at its neighbours' edges.
    let bodies: Vec<String> = spans
        .iter()
        .map(|s| match s {
            Span::Plain(t) => plain_preserving_edges(t, flow),
            Span::Strong(t) | Span::Emphasis(t) => escape::text(t, flow),
            Span::Code(t) => escape::code_span(t, flow == Flow::Cell),
        })
        .collect();
    let mut out = String::new();
    for (i, (span, body)) in spans.iter().zip(&bodies).enumerate() {
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
        let prev = out.chars().last();
        let next = bodies.get(i + 1).and_then(|b| b.chars().next());
        if delimiters_work(prev, body, next) {
            out.push_str(delim);
            out.push_str(body);
            out.push_str(delim);
        } else {
            out.push_str(body);
        }
    }
    out.trim().to_owned()
}

/// Plain spans keep one leading/trailing space (they join styled spans: "**ERP** — ok"), but
/// are otherwise escaped like any user text.
fn plain_preserving_edges(t: &str, flow: Flow) -> String {
    let cleaned = escape::clean(t);
    let lead = cleaned.starts_with([' ', '\n']);
    let trail = cleaned.ends_with([' ', '\n']);
    let body = escape::text(&cleaned, flow);
    if body.is_empty() {
        return if lead || trail {
            " ".to_owned()
        } else {
            String::new()
        };
    }
    format!(
        "{}{body}{}",
        if lead { " " } else { "" },
        if trail { " " } else { "" }
    )
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
