//! The TUI's only doors into the engine and the store.
//!
//! Everything the wizard asks of the pure core (analysis, input parsing, problems, step status)
//! goes through the functions here; the disk is reached only through [`crate::store`], whose
//! types are re-exported so that the rest of `tui` names one module. Screens read the engine's
//! results through its types (an `Analysis`, a `Verdict`) but call none of its functions.

use crate::content::{Content, QuestionDef, Text};
use crate::engine::Analysis;
use crate::model::{Answer, Lang, Profile, StepId, SystemId};
use std::time::SystemTime;

pub use crate::engine::validate::{Entity, Problem, Statuses, StepStatus};
pub use crate::store::{Health, ProfileLock, Store, StoreError};

use super::app::App;
use super::screens::export::{ExportOutcome, resolve};
use crate::export::Format;
use crate::store::{ExportError, Overwrite};

/// Everything the engine derives from a profile.
pub fn analyse(content: &Content, profile: &Profile) -> Analysis {
    crate::engine::analyse(content, profile)
}

/// Turns what was typed into an answer: `Ok(None)` for an empty input, `Err` with a message
/// that says what is wrong.
pub fn parse_input(content: &Content, q: &QuestionDef, raw: &str) -> Result<Option<Answer>, Text> {
    crate::engine::validate::parse_input(content, q, raw)
}

/// How many characters may be typed into the field of `q`, and the message when more are.
pub fn input_limit(q: &QuestionDef) -> (usize, Text) {
    (
        crate::engine::validate::input_limit(q),
        crate::engine::validate::refused_long(q),
    )
}

/// Problems of one screen (`None` = the profile screen).
pub fn problems(content: &Content, profile: &Profile, step: Option<StepId>) -> Vec<Problem> {
    crate::engine::validate::problems(content, profile, step)
}

/// Status of the profile screen and of the ten steps, for the step list, given the profile's
/// analysis (its waves are not planned again).
pub fn statuses(content: &Content, profile: &Profile, analysis: &Analysis) -> Statuses {
    let waves: Vec<crate::engine::waves::WaveRef> = analysis
        .waves
        .iter()
        .map(crate::engine::waves::WaveRef::of)
        .collect();
    crate::engine::validate::statuses_with_waves(content, profile, &waves)
}

/// The schedule's date checks that belong to a screen's questions (wave start in step 6,
/// cut-over in step 7, pins in step 5), against `today` (the user's local day, `App::today`).
pub fn schedule_problems(
    content: &Content,
    profile: &Profile,
    analysis: &Analysis,
    step: Option<crate::model::StepId>,
    today: crate::model::date::Date,
) -> Vec<Problem> {
    let Some(step) = step else {
        return Vec::new();
    };
    let def = content.step(step);
    crate::engine::schedule::problems(profile, analysis, Some(today))
        .into_iter()
        .filter(|p| def.questions.iter().any(|q| q.id == p.question))
        .collect()
}

/// A saved profile as the welcome screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileInfo {
    pub name: String,
    /// The enterprise name answered in it (empty when unanswered, or when the file cannot be
    /// read: opening it then says why).
    pub enterprise: String,
    /// The day it was last changed, `YYYY-MM-DD`.
    pub modified: String,
    /// Whether it can be opened (the welcome list marks those that cannot).
    pub health: Health,
}

/// The saved profiles, most recently changed first. A folder that cannot be listed shows as
/// none: the welcome screen still offers a new profile and the demo.
pub fn profiles(store: &Store) -> Vec<ProfileInfo> {
    store
        .list()
        .unwrap_or_default()
        .into_iter()
        .map(|p| ProfileInfo {
            name: p.name,
            enterprise: p.enterprise.unwrap_or_default(),
            modified: p.modified.map(modified_at).unwrap_or_default(),
            health: p.health,
        })
        .collect()
}

/// The day, `YYYY-MM-DD`, in the user's time zone.
fn modified_at(t: SystemTime) -> String {
    crate::model::date::local_day(t)
}

/// Writes the export of the app's profile (in the app's language, dated today) to the file
/// `name` stands for, replacing one that is there only with `overwrite`. Run by the runtime for
/// `Cmd::Export`; the same writer as `shangyun export -o` ([`crate::store::write_export`]).
pub fn export(app: &App, name: &str, format: Format, overwrite: bool) -> ExportOutcome {
    let path = match resolve(name) {
        Ok(p) => p,
        Err(t) => return ExportOutcome::Failed(t),
    };
    let today = app.today.to_string();
    let rendered = crate::export::render_bytes(
        format,
        app.content,
        app.lang,
        &app.profile,
        &app.analysis,
        Some(&today),
    );
    let text = match rendered {
        Ok(t) => t,
        Err(e) => {
            return ExportOutcome::Failed(
                Text::new("ui.export.err_write")
                    .plain("path", path.display().to_string())
                    .plain("error", format!("{e:#}")),
            );
        }
    };
    let overwrite = if overwrite {
        Overwrite::Yes
    } else {
        Overwrite::No
    };
    match crate::store::write_export(&path, &text, overwrite) {
        // the confirmation names the file as the system sees it (no `./`, `..` or links)
        Ok(written) => ExportOutcome::Written(written),
        Err(ExportError::Exists(at)) => ExportOutcome::Exists(at),
        Err(e) => ExportOutcome::Failed(e.text()),
    }
}

/// A profile name becomes a file name: the rules of [`crate::store::name::check`], as a message
/// in the user's language.
pub fn check_profile_name(name: &str) -> Result<(), Text> {
    crate::store::name::check(name).map_err(|reason| reason.text(name))
}

/// The longest profile name, in characters.
pub const PROFILE_NAME_MAX: usize = crate::store::name::MAX_CHARS;

/// The scratch profile the demo opens in.
pub const DEMO_PROFILE: &str = crate::store::name::DEMO;

/// Each system's wave, to tell later which systems an edit moved ([`waves_moved`]).
pub fn waves(analysis: &Analysis) -> Vec<(SystemId, Option<u32>)> {
    analysis.systems.iter().map(|s| (s.id, s.wave)).collect()
}

/// "The waves changed: ERP wave 2 → 3, …" after an edit that moved systems between waves
/// (a system that starts or stops migrating is not a move).
pub fn waves_moved(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    analysis: &Analysis,
    before: &[(SystemId, Option<u32>)],
) -> Option<Text> {
    const SHOWN: usize = 4;
    let moves: Vec<String> = before
        .iter()
        .filter_map(|(id, old)| {
            let new = analysis.system(*id)?.wave;
            match (old, new) {
                (Some(a), Some(b)) if *a != b => {
                    let name = profile.system(*id)?.name.clone();
                    Some(
                        content.render(
                            lang,
                            &Text::new("ui.wave.move")
                                .plain("system", name)
                                .num("from", f64::from(*a), 0)
                                .num("to", f64::from(b), 0),
                        ),
                    )
                }
                _ => None,
            }
        })
        .collect();
    if moves.is_empty() {
        return None;
    }
    let sep = content.t(lang, "ui.list_sep");
    let mut list = moves
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(&sep);
    if moves.len() > SHOWN {
        list.push_str(&sep);
        list.push('…');
    }
    Some(Text::new("ui.wave.moved").plain("moves", list))
}
