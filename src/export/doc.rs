//! The document model: the plan, scorecard and checklist as a list of blocks.
//!
//! Blocks carry plain text only — no Markdown syntax, no escaping. The Markdown writer
//! ([`mod@super::markdown`]) escapes as it writes; the TUI's results screen draws the same blocks
//! with its own styles. User text may contain anything (newlines, `|`, backticks, escape
//! sequences): each writer is responsible for keeping it from breaking its output.

use crate::model::ResultTab;
use serde::Serialize;

/// A run of inline text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Span {
    Plain(String),
    Strong(String),
    Emphasis(String),
    /// An identifier or a literal (a question id, a file name).
    Code(String),
}

impl Span {
    pub fn plain(s: impl Into<String>) -> Span {
        Span::Plain(s.into())
    }

    pub fn strong(s: impl Into<String>) -> Span {
        Span::Strong(s.into())
    }

    pub fn emphasis(s: impl Into<String>) -> Span {
        Span::Emphasis(s.into())
    }

    pub fn code(s: impl Into<String>) -> Span {
        Span::Code(s.into())
    }

    /// The text, without its style.
    pub fn text(&self) -> &str {
        match self {
            Span::Plain(s) | Span::Strong(s) | Span::Emphasis(s) | Span::Code(s) => s,
        }
    }
}

/// A line of inline text: a paragraph, a list item, a table cell.
pub type Line = Vec<Span>;

/// One plain span as a [`Line`].
pub fn line(s: impl Into<String>) -> Line {
    vec![Span::plain(s)]
}

/// The text of a line without styles.
pub fn line_text(l: &[Span]) -> String {
    l.iter().map(Span::text).collect()
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A checkbox line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskItem {
    /// The checklist item id (`engine::CheckItem::id`), so a view can toggle its tick.
    pub id: String,
    pub checked: bool,
    pub text: Line,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Block {
    /// `level` 1–6.
    Heading {
        level: u8,
        text: String,
    },
    /// Newlines inside a paragraph's text are line breaks.
    Paragraph(Line),
    BulletList(Vec<Line>),
    /// Every row has as many cells as the header (the builder guarantees it; the writer pads
    /// or cuts rows that do not).
    Table {
        header: Vec<String>,
        align: Vec<Align>,
        rows: Vec<Vec<Line>>,
    },
    TaskList(Vec<TaskItem>),
    /// Preformatted text; `lang` is `mermaid` for diagrams.
    CodeBlock {
        lang: String,
        text: String,
    },
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    pub fn para(s: impl Into<String>) -> Block {
        Block::Paragraph(line(s))
    }
}

/// The whole export: a title, a line under it, and the three parts that are also the three tabs
/// of the results screen. Each part starts with its own level-2 heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub title: String,
    pub subtitle: Line,
    pub plan: Vec<Block>,
    pub scorecard: Vec<Block>,
    pub checklist: Vec<Block>,
}

impl Document {
    /// The blocks of one results tab.
    pub fn part(&self, tab: ResultTab) -> &[Block] {
        match tab {
            ResultTab::Plan => &self.plan,
            ResultTab::Scorecard => &self.scorecard,
            ResultTab::Checklist => &self.checklist,
        }
    }

    /// Every block in document order, title first.
    pub fn blocks(&self) -> Vec<Block> {
        let mut out =
            Vec::with_capacity(2 + self.plan.len() + self.scorecard.len() + self.checklist.len());
        out.push(Block::heading(1, self.title.clone()));
        if !self.subtitle.is_empty() {
            out.push(Block::Paragraph(self.subtitle.clone()));
        }
        out.extend(
            ResultTab::ALL
                .iter()
                .flat_map(|t| self.part(*t).iter().cloned()),
        );
        out
    }
}
