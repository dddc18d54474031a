//! Validation of typed input and stored answers (stub; see the engine branch).

use crate::content::{Content, QuestionDef, Text};
use crate::model::{Answer, Profile, ProviderId, StepId, SystemId};
use serde::Serialize;

/// Who a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Entity {
    Enterprise,
    System(SystemId),
    Wave(u32),
    Provider(ProviderId),
}

/// Something wrong or missing in the answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The question id it is about.
    pub question: String,
    pub entity: Entity,
    /// What is wrong and how to fix it (`val.*`).
    pub text: Text,
    /// "Next" is blocked while it lasts.
    pub blocks_next: bool,
}

/// A step's status in the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
    Problems,
}

pub fn parse_input(content: &Content, q: &QuestionDef, raw: &str) -> Result<Option<Answer>, Text> {
    let _ = (content, q);
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(Answer::Text(raw.trim().to_owned())))
    }
}

pub fn check_answer(content: &Content, q: &QuestionDef, answer: &Answer) -> Result<(), Text> {
    let _ = (content, q, answer);
    Ok(())
}

pub fn problems(content: &Content, profile: &Profile, step: Option<StepId>) -> Vec<Problem> {
    let _ = (content, profile, step);
    Vec::new()
}

pub fn step_status(content: &Content, profile: &Profile, step: StepId) -> StepStatus {
    let _ = (content, profile, step);
    StepStatus::NotStarted
}

pub fn profile_problems(content: &Content, profile: &Profile) -> Vec<Problem> {
    let _ = (content, profile);
    Vec::new()
}
