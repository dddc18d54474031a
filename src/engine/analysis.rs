//! The engine's output: everything derived from a profile, each figure with the reasons that
//! produced it. Language-neutral ([`Text`]); `export` and `tui` render it.

use crate::content::Text;
use crate::model::{ProviderId, StepId, SystemId};
use serde::Serialize;
use std::borrow::Cow;

/// Deployment model of §五/六.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Deployment {
    Public,
    Private,
    Hybrid,
}

impl Deployment {
    /// The option id in the `deployment` option set.
    pub fn option(self) -> &'static str {
        match self {
            Deployment::Public => "public",
            Deployment::Private => "private",
            Deployment::Hybrid => "hybrid",
        }
    }
}

/// §十二 feasibility verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Go,
    GoAfterTransformation,
    NotNow,
}

impl Verdict {
    /// Locale key of its label: `verdict.go` / `verdict.transform` / `verdict.not_now`.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Go => "verdict.go",
            Verdict::GoAfterTransformation => "verdict.transform",
            Verdict::NotNow => "verdict.not_now",
        }
    }
}

/// How hard a system's move is (rules.ron `difficulty`); orders the waves easy first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    #[default]
    Low,
    Medium,
    High,
}

impl Difficulty {
    /// Locale key of its label: `ui.difficulty.low` / `.medium` / `.high`.
    pub fn key(self) -> &'static str {
        match self {
            Difficulty::Low => "ui.difficulty.low",
            Difficulty::Medium => "ui.difficulty.medium",
            Difficulty::High => "ui.difficulty.high",
        }
    }
}

/// A reason, with the clause that backs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub text: Text,
    /// Borrowed when it comes from the rules or a literal (nearly always).
    pub clause: Cow<'static, str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeploymentResult {
    /// What §五/六 recommend for this enterprise and inventory.
    pub recommended: Deployment,
    /// What the plan uses: the user's choice (`s3.deployment`) if any, else the recommendation.
    pub chosen: Deployment,
    pub overridden: bool,
    pub reasons: Vec<Reason>,
    /// Systems with high data-security needs that serve outside users: data in the private
    /// cloud, application in the public cloud (§五). Only for hybrid.
    pub split: Vec<SystemId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemResult {
    pub id: SystemId,
    pub name: String,
    /// 0–100 from the §三 criteria (rules.ron `priority`).
    pub priority: f64,
    pub priority_reasons: Vec<Reason>,
    pub verdict: Verdict,
    pub verdict_reasons: Vec<Reason>,
    /// An option of the `strategy` set: what the rules suggest …
    pub suggested_strategy: String,
    pub strategy_reasons: Vec<Reason>,
    /// … and what the plan uses (the user's `sys.strategy`, else the suggestion).
    pub strategy: String,
    pub overridden: bool,
    /// How hard its move is (`low` for a system that stays) and why.
    pub difficulty: Difficulty,
    pub difficulty_reasons: Vec<Reason>,
    /// The wave it moves in; `None` for "keep as is".
    pub wave: Option<u32>,
    /// The earliest wave its dependencies allow (one after the latest of their waves).
    pub earliest_wave: Option<u32>,
    /// Catalogue service ids suggested for this system.
    pub services: Vec<String>,
    /// Risk points (§十二/十三) found in its answers.
    pub risks: Vec<Reason>,
    /// Where its needs exceed the SLA (§十七).
    pub sla_gaps: Vec<Reason>,
    /// Unanswered per-system questions (ids) — gaps. Dependencies (where "none" is a valid
    /// answer) and the strategy override are not counted.
    pub missing: Vec<String>,
}

/// A migration wave (§十四 orders the migration; easy first is sound practice on top of it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wave {
    /// 1-based.
    pub number: u32,
    pub systems: Vec<SystemId>,
    /// Some of its systems depend on each other in a cycle and must move together.
    pub cyclic: bool,
    /// The first wave, kept small and easy to prove the way of working.
    pub pilot: bool,
    /// The system whose entry in `profile.waves` holds this wave's answers (tests, start,
    /// duration): the first of its systems that has one, else its first system. Wave answers
    /// thus stay with their systems when the waves are recomputed.
    pub key: SystemId,
    /// A schema-1 profile's answers (keyed by wave number) that this wave reads until the
    /// wizard stores them under `key` (see `engine::waves::adopt_legacy`).
    #[serde(skip)]
    pub legacy: Option<u32>,
    /// `YYYY-MM-DD`: the start the enterprise gave, else the day after the previous wave ends.
    pub start: Option<String>,
    /// `YYYY-MM-DD`: the start plus the wave's duration (given, else from its difficulty).
    pub end: Option<String>,
    /// The wave's duration in days and whether the enterprise gave it.
    pub days: u32,
    pub days_given: bool,
    /// More systems than the capacity: a dependency cycle larger than it (a risk).
    pub over_capacity: bool,
    /// Why each system is in this wave, in `systems` order.
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceSuggestion {
    pub id: String,
    /// The catalogue group (`infrastructure` / `platform` / `business`).
    pub group: String,
    pub clause: String,
    /// The user picked it in `s3.services`.
    pub selected: bool,
    /// The systems for which the catalogue rules suggest it (empty: picked by hand only).
    pub suggested_for: Vec<SystemId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionValue {
    /// Criterion id (rules.ron `provider_criteria`); text `crit.<id>`.
    pub id: String,
    pub weight: f64,
    /// 0–1, `None` when unanswered (counts as 0).
    pub value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderRank {
    pub id: ProviderId,
    pub name: String,
    /// 1-based rank; ties share a rank.
    pub rank: u32,
    /// 0–100.
    pub score: f64,
    pub breakdown: Vec<CriterionValue>,
}

/// Points a step lost, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loss {
    /// Readiness item id (rules.ron); text `score.<id>`.
    pub item: String,
    pub points: f64,
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepScore {
    pub step: StepId,
    /// 0–10.
    pub score: f64,
    pub lost: Vec<Loss>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AngleScore {
    /// `cost`, `availability`, … ; text `angle.<id>`.
    pub id: String,
    /// Average 1–5 rating across rated systems; `None` when none rated.
    pub average: Option<f64>,
    pub rated: usize,
    /// Systems rated 1 or 2 on this angle.
    pub weak: Vec<SystemId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricResult {
    pub id: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// after − before.
    pub delta: Option<f64>,
    /// Relative improvement in the better direction (0.25 = 25 % better); negative = worse.
    pub improvement: Option<f64>,
    /// 0–1 share of full marks.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectScore {
    pub id: String,
    pub metrics: Vec<MetricResult>,
    /// 0–25.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effects {
    pub dimensions: Vec<EffectScore>,
    /// Annual saving (cost before − after), in 万元.
    pub annual_saving: Option<f64>,
    /// Months until the migration cost is paid back by the saving; `None` when no saving.
    pub payback_months: Option<f64>,
    /// 0–100: the sum of the four dimensions.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub steps: Vec<StepScore>,
    /// 0–100.
    pub total: f64,
    pub angles: Vec<AngleScore>,
    pub effects: Effects,
    /// 1–5.
    pub stars: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckItem {
    /// Stable id: `<rule>`, `<rule>@sys<n>`, `<rule>@wave<n>`, `<rule>@prov<n>`.
    pub id: String,
    pub step: StepId,
    pub clause: Cow<'static, str>,
    pub text: Text,
    pub ticked: bool,
}

/// Everything the engine derives from one profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub deployment: DeploymentResult,
    /// In inventory order.
    pub systems: Vec<SystemResult>,
    pub waves: Vec<Wave>,
    /// The most systems per wave and why (`s5.max_per_wave` or the default).
    pub capacity: super::schedule::Capacity,
    /// The catalogue services that are suggested or selected, in catalogue order (the whole
    /// catalogue is `Content::services`).
    pub services: Vec<ServiceSuggestion>,
    /// Best first.
    pub providers: Vec<ProviderRank>,
    pub scorecard: Scorecard,
    /// Grouped by step, in rule order within a step.
    pub checklist: Vec<CheckItem>,
}

impl Analysis {
    /// The result for one system.
    pub fn system(&self, id: SystemId) -> Option<&SystemResult> {
        self.systems.iter().find(|s| s.id == id)
    }

    /// A wave by its 1-based number.
    pub fn wave(&self, number: u32) -> Option<&Wave> {
        number
            .checked_sub(1)
            .and_then(|i| self.waves.get(i as usize))
    }

    /// The checklist items of one step, in order.
    pub fn checklist_for(&self, step: StepId) -> impl Iterator<Item = &CheckItem> {
        self.checklist.iter().filter(move |i| i.step == step)
    }
}
