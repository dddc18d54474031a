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
    /// Go, but its failure-rollback plan (§十二 point 5) is not written yet: go once it is.
    GoAfterRollbackPlan,
    GoAfterTransformation,
    NotNow,
}

impl Verdict {
    /// Locale key of its label: `verdict.go` / `verdict.go_rollback` / `verdict.transform` /
    /// `verdict.not_now`.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Go => "verdict.go",
            Verdict::GoAfterRollbackPlan => "verdict.go_rollback",
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
    /// The id used in exports: `low` / `medium` / `high`.
    pub fn id(self) -> &'static str {
        match self {
            Difficulty::Low => "low",
            Difficulty::Medium => "medium",
            Difficulty::High => "high",
        }
    }

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
    /// Where its needs exceed the chosen provider's SLA (§十七).
    pub sla_gaps: Vec<Reason>,
    /// Services it needs that are not selected (§七–§九); services only recommended for it
    /// are no gap.
    pub gaps: Vec<ServiceGap>,
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
    /// A pilot: the first wave, kept small and made of low-difficulty systems only, to prove
    /// the way of working. False for a first wave of harder systems (none easy was ready).
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
    /// Those of `suggested_for` that need it (a `need` rule holds): not selected, it is a gap
    /// of each of them ([`SystemResult::gaps`]); for the others it is only recommended.
    pub needed_for: Vec<SystemId>,
}

/// A service a system needs but that is not selected, and why it needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceGap {
    /// Catalogue service id; text `svc.<id>`.
    pub service: String,
    /// `gap.<why>` of the catalogue's `need` rule that holds (e.g. `gap.sensitive`: sensitive
    /// or core data), with the clause of the service's group.
    pub reason: Reason,
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

/// The provider the enterprise goes with (§十 "选择确定").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChosenProvider {
    pub id: ProviderId,
    /// Nobody marked a provider as chosen: the top-ranked one is taken.
    pub by_default: bool,
    /// The chosen provider does not rank first.
    pub overrides_ranking: bool,
    /// Why it was chosen (`s3.chosen_reason`), when given.
    pub reason: Option<String>,
}

/// Points a step lost, and why: one line per reason (answered "no", or unanswered) and, for a
/// multi-choice item, per missing part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loss {
    /// Readiness item id (rules.ron); text `score.<id>`.
    pub item: String,
    pub points: f64,
    pub clause: String,
    /// The missing part of a multi-choice item (a locale key, e.g. `opt.pretest.dr`).
    pub part: Option<String>,
    /// Lost because nothing it reads is answered (rather than answered in a way that does not
    /// show readiness).
    pub unanswered: bool,
    /// The systems, waves (numbers) or providers that miss it; all empty for an
    /// enterprise-wide item or when there is no such entity at all.
    pub systems: Vec<SystemId>,
    pub waves: Vec<u32>,
    pub providers: Vec<ProviderId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepScore {
    pub step: StepId,
    /// 0–10.
    pub score: f64,
    pub lost: Vec<Loss>,
    /// The readiness items that do not apply to this plan (`if_none: NotApplicable` with no
    /// entity among them, e.g. migrating systems' items when nothing moves): neither earned nor
    /// lost; the step is scored over the others and its losses are scaled alike.
    pub not_applicable: Vec<String>,
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
    /// The baseline, before the move.
    pub before: Option<f64>,
    /// The target after the move.
    pub target: Option<f64>,
    /// The figure measured after the move (on `Effects::measured_on`).
    pub actual: Option<f64>,
    /// The score rests on the actual (true) or on the target (false: projected).
    pub measured: bool,
    /// (actual, else target) − before.
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
    /// Annual saving (cost before − cost after: the actual cost if measured, else the target),
    /// in 万元.
    pub annual_saving: Option<f64>,
    /// Months until the migration cost is paid back by the saving; `None` when no saving.
    pub payback_months: Option<f64>,
    /// The saving and payback rest on the measured cost (false: projected from the target).
    pub saving_measured: bool,
    /// When the actuals were measured (a `YYYY-MM-DD` answer), if given.
    pub measured_on: Option<String>,
    /// 0–100: the sum of the four dimensions.
    pub score: f64,
    /// Some metric is scored on its target, not a measured actual.
    pub projected: bool,
}

/// How many questions are answered (completeness, apart from readiness).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub answered: usize,
    pub total: usize,
}

/// Completeness of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepCount {
    pub step: StepId,
    pub answered: usize,
    pub total: usize,
}

/// Completeness: answered / total questions per step and overall (the profile screen and the
/// ten steps, every question once per entity in scope, as the step statuses count them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub answered: usize,
    pub total: usize,
    /// The profile screen.
    pub profile: Count,
    pub steps: Vec<StepCount>,
}

/// A critical gap that caps the star level (rules.ron `caps`); text `cap.<item>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cap {
    pub item: String,
    /// The clause of the first rule that found it …
    pub clause: String,
    /// … and of every rule that found it, in rule order.
    pub clauses: Vec<String>,
    pub max_stars: u8,
    /// Found in the enterprise's answers (the migration as a whole).
    pub enterprise: bool,
    /// The systems it was found in.
    pub systems: Vec<SystemId>,
    /// The readiness items that lose points for the same gap (`restates` in `rules.ron`).
    pub restates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub steps: Vec<StepScore>,
    /// 0–100: readiness, from what the answers show.
    pub total: f64,
    /// How much is answered, apart from what the answers show.
    pub completeness: Completeness,
    pub angles: Vec<AngleScore>,
    pub effects: Effects,
    /// The star level the total reaches, before caps (1–5).
    pub uncapped_stars: u8,
    /// Critical gaps found, each capping the star level.
    pub caps: Vec<Cap>,
    /// 1–5: `uncapped_stars`, lowered to the lowest cap.
    pub stars: u8,
    /// The effect score rests (partly) on targets, not measured actuals.
    pub projected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckItem {
    /// Stable id: `<rule>`, `<rule>@sys<n>`, `<rule>@wave-sys<n>`, `<rule>@prov<n>`.
    pub id: String,
    pub step: StepId,
    pub clause: Cow<'static, str>,
    pub text: Text,
    pub ticked: bool,
    /// The schema-1 tick (`<rule>@wave<number>`) it is ticked by, if any: unticking removes it.
    #[serde(skip)]
    pub legacy_id: Option<String>,
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
    /// The chosen provider's id (the top-ranked one unless another is marked); `None` without
    /// candidates. The SLA gaps are measured against it.
    pub chosen_provider: Option<ProviderId>,
    /// How it was chosen.
    pub provider_choice: Option<ChosenProvider>,
    pub scorecard: Scorecard,
    /// Grouped by step, in rule order within a step.
    pub checklist: Vec<CheckItem>,
}

impl Analysis {
    /// Another system of `id`'s wave (the first), to file the wave's answers under when `id`
    /// is deleted ([`crate::model::Profile::delete_system_keeping_wave`]).
    pub fn wave_mate(&self, id: SystemId) -> Option<SystemId> {
        waves_mate(&self.waves, id)
    }

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

/// Another system of `id`'s wave among `waves` (the first), if any.
pub fn waves_mate(waves: &[Wave], id: SystemId) -> Option<SystemId> {
    waves_mate_staying(waves, id, |_| true)
}

/// Another system of `id`'s wave among `waves` (the first) for which `stays` holds, if any:
/// when several systems go at once (an import that replaces the inventory), the wave's answers
/// must land on one that remains. `None` when no other system of the wave stays: the wave is
/// gone, and so are its answers.
pub fn waves_mate_staying(
    waves: &[Wave],
    id: SystemId,
    stays: impl Fn(SystemId) -> bool,
) -> Option<SystemId> {
    let w = waves.iter().find(|w| w.systems.contains(&id))?;
    w.systems.iter().copied().find(|s| *s != id && stays(*s))
}
