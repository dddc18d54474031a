//! Writers over the engine's output: the plan, scorecard and checklist as a [`Document`] of
//! blocks (shared with the TUI's results screen), rendered as Markdown ([`mod@markdown`]) and as a
//! self-contained HTML page with SVG charts ([`mod@html`]); the workbook of the inventory, waves,
//! providers, scorecard and checklist ([`xlsx`]); the machine-readable RON/JSON export
//! ([`data`]); plus the workshop summary across participants ([`workshop`]).
//!
//! Everything here is pure — data in, bytes out. Writing an export to disk is
//! [`crate::store::write_export`], shared by the command line and the wizard.

mod annex;
mod charts;
mod checklist;
mod ctx;
pub use ctx::{money, wan_factor};
pub mod data;
pub mod doc;
pub mod escape;
pub mod html;
pub mod markdown;
pub mod parts;
mod plan;
mod plan_waves;
mod scorecard;
mod sizing;
pub mod svg;
pub mod workshop;
pub mod xlsx;

pub use doc::{Align, Block, Document, Line, Span, TaskItem};

use crate::content::Content;
use crate::engine::Analysis;
use crate::model::{Lang, Profile};
use ctx::DocCx;

/// The output formats of `shangyun export` and of the wizard's export dialog.
///
/// To add one: a variant, its place in [`Format::ALL`], its extension and label key here, its
/// renderer in [`render_bytes`] (the compiler points at each `match`), and the label in
/// `locales/*.ron`. The command line's `--format` values, the dialog's choices and the file
/// name extensions all read this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Ron,
    Json,
    /// One self-contained HTML page with charts, for a browser and for print.
    Html,
    /// An Excel workbook (binary).
    Xlsx,
}

impl Format {
    /// Every format, in the order the dialog cycles through them and `--help` lists them.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Xlsx,
        Format::Ron,
        Format::Json,
    ];

    /// The file name extension, also the `--format` value (`md`, `ron`, `json`, …).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Ron => "ron",
            Format::Json => "json",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }

    /// The locale key of its name in the export dialog (`ui.export.fmt_md`, …).
    pub fn label_key(self) -> &'static str {
        match self {
            Format::Markdown => "ui.export.fmt_md",
            Format::Ron => "ui.export.fmt_ron",
            Format::Json => "ui.export.fmt_json",
            Format::Html => "ui.export.fmt_html",
            Format::Xlsx => "ui.export.fmt_xlsx",
        }
    }

    /// The format whose [`Format::extension`] is `ext`.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }
}

/// Builds the plan, scorecard and checklist of one profile in `lang`. `generated_on`
/// (`YYYY-MM-DD`) goes into the line under the title; `None` leaves the date out, so the same
/// inputs always give the same document.
pub fn build_document(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
    generated_on: Option<&str>,
) -> Document {
    let mut cx = DocCx::new(content, lang, profile, analysis);
    cx.today = generated_on.and_then(crate::model::date::parse);
    let title = cx.tf("report.title", &[("name", &cx.enterprise_name())]);
    let subtitle = match generated_on {
        Some(d) => cx.tf("report.subtitle_dated", &[("date", d)]),
        None => cx.t("report.subtitle"),
    };
    Document {
        title,
        subtitle: doc::line(subtitle),
        plan: plan::build(&cx),
        scorecard: scorecard::build(&cx),
        checklist: checklist::build(&cx),
    }
}

/// The Markdown export of one profile.
pub fn markdown(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
    generated_on: Option<&str>,
) -> String {
    markdown::render(&build_document(
        content,
        lang,
        profile,
        analysis,
        generated_on,
    ))
}

/// The HTML report of one profile: the Markdown's document with charts.
pub fn html(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
    generated_on: Option<&str>,
) -> String {
    let doc = build_document(content, lang, profile, analysis, generated_on);
    let charts = charts::build(&DocCx::new(content, lang, profile, analysis));
    html::render(&doc, lang, &charts)
}

/// The export in `format` as text. The workbook is not text: use [`render_bytes`] for it
/// (here it is an error). RON/JSON serialisation of these types cannot fail in practice; an
/// error is returned rather than assumed away.
pub fn render(
    format: Format,
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
    generated_on: Option<&str>,
) -> anyhow::Result<String> {
    match format {
        Format::Markdown => Ok(markdown(content, lang, profile, analysis, generated_on)),
        Format::Html => Ok(html(content, lang, profile, analysis, generated_on)),
        Format::Xlsx => anyhow::bail!("the workbook is binary; it has no text form"),
        Format::Ron => data::to_ron(&data::DataExport::new(
            content,
            lang,
            profile,
            analysis,
            generated_on,
        )),
        Format::Json => data::to_json(&data::DataExport::new(
            content,
            lang,
            profile,
            analysis,
            generated_on,
        )),
    }
}

/// The export in `format`, as the bytes of the file (every format, the workbook too).
pub fn render_bytes(
    format: Format,
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
    generated_on: Option<&str>,
) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Xlsx => Ok(xlsx::workbook(content, lang, profile, analysis)?),
        text => {
            render(text, content, lang, profile, analysis, generated_on).map(String::into_bytes)
        }
    }
}
