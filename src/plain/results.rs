//! The plan, scorecard and checklist as plain lines: the same [`Document`] the wizard's results
//! screen and the Markdown export are built from, read out block by block. A table becomes one
//! line per row with each cell after its column's name, so a screen reader says what every
//! figure is; diagrams (Mermaid) are left out, since the tables beside them say the same.

use crate::content::Content;
use crate::export::{Block, Document, Line, doc::line_text, escape::clean};
use crate::model::Lang;

fn text(l: &Line) -> String {
    super::answer::one_line(&line_text(l))
}

/// The lines of a document, in order. No line holds a control character.
pub fn lines(content: &Content, lang: Lang, doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let done = content.t(lang, "plain.task.done");
    let open = content.t(lang, "plain.task.open");
    for block in doc.blocks() {
        match block {
            Block::Heading { text: t, .. } => {
                out.push(String::new());
                out.push(super::answer::one_line(&t));
            }
            Block::Paragraph(l) => {
                out.extend(clean(&line_text(&l)).lines().map(str::to_owned));
            }
            Block::BulletList(items) => out.extend(items.iter().map(|l| format!("- {}", text(l)))),
            Block::Table { header, rows, .. } => {
                let header: Vec<String> =
                    header.iter().map(|h| super::answer::one_line(h)).collect();
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .enumerate()
                        .map(|(i, c)| match header.get(i) {
                            Some(h) if !h.is_empty() => format!("{h}: {}", text(c)),
                            _ => text(c),
                        })
                        .collect();
                    out.push(format!("- {}", cells.join("; ")));
                }
            }
            Block::TaskList(items) => out.extend(items.iter().map(|t| {
                let mark = if t.checked { &done } else { &open };
                format!("- {mark}: {}", text(&t.text))
            })),
            Block::CodeBlock { lang: l, .. } if l == "mermaid" => {}
            Block::CodeBlock { text: t, .. } => out.extend(clean(&t).lines().map(str::to_owned)),
        }
    }
    out
}
