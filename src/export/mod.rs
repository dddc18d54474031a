//! Writers over the engine's output: the plan, scorecard and checklist as a [`Document`] of
//! blocks (shared with the TUI's results screen), rendered as Markdown ([`markdown`]), and the
//! machine-readable RON/JSON export ([`data`]); plus the workshop summary across participants
//! ([`workshop`]).
//!
//! Everything here is pure — text in, text out — except [`file`], the one way an export is
//! written to disk (atomically), shared by the command line and the wizard.

mod checklist;
mod ctx;
pub mod data;
pub mod doc;
pub mod escape;
pub mod file;
pub mod markdown;
mod plan;
mod plan_waves;
mod scorecard;
pub mod workshop;

pub use doc::{Align, Block, Document, Line, Span, TaskItem};

use crate::content::Content;
use crate::engine::Analysis;
use crate::model::{Lang, Profile};
use ctx::Ctx;

/// The output formats of `shangyun export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Ron,
    Json,
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
    let mut cx = Ctx::new(content, lang, profile, analysis);
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

/// The export in `format`. RON/JSON serialisation of these types cannot fail in practice; an
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
