//! The shapes of the files in `assets/`. Each type mirrors one RON file.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A clause of the guideline, written as its Chinese numeral: `"十四"`.
pub type Clause = String;

/// `assets/steps.ron`: the profile screen and the ten steps, in order, with their questions.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct StepsFile {
    /// The profile screen that comes before step 1.
    pub profile: StepDef,
    /// Exactly ten, in the guideline's order.
    pub steps: Vec<StepDef>,
    /// Option sets referenced by `Single` / `Multi` questions, keyed by set id. Option labels live
    /// in the locales as `opt.<set>.<option>`.
    pub option_sets: BTreeMap<String, Vec<String>>,
}

/// A screen of questions. Title and intro are `step.<id>.title` / `step.<id>.intro` in the locales.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct StepDef {
    /// `"profile"`, `"s1"` … `"s10"`.
    pub id: String,
    /// The clause the step implements (`"十一"`).
    pub clause: Clause,
    /// Further clauses it draws on (`["一", "三"]`).
    #[serde(default)]
    pub also: Vec<Clause>,
    pub questions: Vec<QuestionDef>,
    /// The columns of the step's table, in order, when it asks about systems or providers (one
    /// table a step; its rows are the entities its questions are asked about).
    #[serde(default)]
    pub table: Vec<ColumnDef>,
}

/// A column of a step's table of systems or providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ColumnDef {
    /// The system's or provider's name.
    Name,
    /// One column per question of the step about the table's entities, in the step's order
    /// (not the name, and not the optional details, which the detail form asks).
    Questions,
    /// The engine's verdict on a system (go, go after …, not yet) as the user rates it.
    Verdict,
    /// The engine's priority score of a system.
    Priority,
    /// The strategy the engine suggests for a system.
    Suggested,
    /// How hard the engine finds a system's migration.
    Difficulty,
    /// The wave the engine puts a system in.
    Wave,
    /// A provider's rank and score.
    Rank,
}

impl ColumnDef {
    /// Whether the column belongs in a table of `scope` (the engine's columns are about one kind).
    pub fn fits(self, scope: Scope) -> bool {
        match self {
            ColumnDef::Name | ColumnDef::Questions => {
                matches!(scope, Scope::System | Scope::Provider)
            }
            ColumnDef::Rank => scope == Scope::Provider,
            _ => scope == Scope::System,
        }
    }
}

/// Who a question is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Scope {
    /// Asked once (the enterprise / the whole plan). Stored in `Profile::answers`.
    Enterprise,
    /// Asked per information system: a column of the inventory. Stored in `System::answers`
    /// (`sys.name` is `System::name`).
    System,
    /// Asked per migration wave. Stored in `Profile::waves`.
    Wave,
    /// Asked per candidate provider. Stored in `Provider::answers` (`prov.name` is `Provider::name`).
    Provider,
}

/// What kind of answer a question takes, and how it is entered.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum QuestionKind {
    /// One line of text, at most `max` characters.
    Text {
        max: usize,
    },
    /// Several lines of text.
    LongText {
        max: usize,
    },
    /// A number within `min..=max`, shown with a unit (`unit.<id>` in the locales).
    Number {
        unit: String,
        min: f64,
        max: f64,
        /// Only whole numbers make sense (people, users, systems): `2.5` is refused.
        #[serde(default)]
        integer: bool,
    },
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// One option of an option set.
    Single(String),
    /// Any options of an option set.
    Multi(String),
    /// Services of the catalogue (`assets/catalogue.ron`), several.
    Catalogue,
    YesNo,
    /// 1 (poor) to 5 (excellent).
    Rating,
    /// The systems this one depends on (`System::depends_on`); only with `scope: System`.
    Dependencies,
}

/// One question. Label and help text are `q.<id>.label` / `q.<id>.help` in the locales.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct QuestionDef {
    /// Unique across the file; prefixed by scope: `ent.`, `sN.`, `sys.`, `wave.`, `prov.`.
    pub id: String,
    pub kind: QuestionKind,
    pub scope: Scope,
    /// The clause the question serves (shown next to it and in help).
    pub clause: Clause,
    /// A later step depends on this answer: "Next" is blocked while it is missing.
    #[serde(default)]
    pub required: bool,
    /// One of the "details for providers" (sizing, terms, runbook): optional, shown last in the
    /// system/provider form under their own heading and after a wave's other questions, never a
    /// column of the inventory or provider table. They feed the plan's annex, never a score.
    #[serde(default)]
    pub details: bool,
    /// Cross-checks with other answers: when one holds, the answer is kept but questioned.
    #[serde(default)]
    pub warn: Vec<Warn>,
}

/// A cross-check of one answer against others: a warning (never a refusal) whose text says
/// why the answer looks unlikely, e.g. an SME with 1,000 employees.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Warn {
    /// Evaluated in the context of the question's entity.
    pub when: Cond,
    /// The locale key of the reason (`val.warn.*`).
    pub text: String,
}

/// `assets/catalogue.ron`: the service catalogue of §七/八/九.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CatalogueFile {
    pub groups: Vec<ServiceGroup>,
}

/// 基础设施类 / 平台系统类 / 业务应用类. Title is `cat.<id>` in the locales.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ServiceGroup {
    pub id: String,
    pub clause: Clause,
    pub services: Vec<ServiceDef>,
}

/// A catalogue service. Name is `svc.<id>` in the locales, the reason it is suggested
/// `svc.<id>.why`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ServiceDef {
    pub id: String,
    /// Recommended: it is suggested for a system that moves when any of these holds; leaving it
    /// out is the enterprise's call, not a gap.
    #[serde(default)]
    pub suggest: Vec<Cond>,
    /// Needed: it is suggested for a system that moves when any of these holds, and not
    /// selecting it is a gap of that system (a real risk for it). Neither list: only picked by
    /// hand.
    #[serde(default)]
    pub need: Vec<Need>,
}

/// When a service is needed by a system, and why: the gap's text is `gap.<why>` (with
/// `{system}` and `{service}`), cited with the clause of the service's group.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Need {
    pub why: String,
    pub when: Cond,
}

/// A condition over answers, shared by the scoring and checklist rules. Question ids starting
/// with `sys.` are read from the system in context, `wave.` from the wave, `prov.` from the
/// provider, all others from the enterprise answers. A condition about an entity evaluated with
/// no such entity in context is false.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum Cond {
    Always,
    Answered(String),
    /// Yes/no answered "yes".
    Yes(String),
    /// Yes/no answered "no".
    No(String),
    /// A single choice equals, or a multi choice contains, the option.
    Is(String, String),
    /// A number answer is below / above the value.
    Lt(String, f64),
    Gt(String, f64),
    /// A fact the engine derives (see `engine::facts` for the list, e.g. `"strategy.keep"`,
    /// `"sla_exceeded"`, `"wave.cyclic"`).
    Fact(String),
    Not(Box<Cond>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

/// What a rule is evaluated over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Per {
    /// Once for the enterprise.
    Once,
    /// For each system of the inventory.
    System,
    /// For each migration wave.
    Wave,
    /// For each candidate provider.
    Provider,
}

/// `assets/rules.ron`: every rule the engine applies, as data. Each rule's explanation is a
/// locale key derived from its id, so a trainer can read why any number is what it is.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RulesFile {
    pub deployment: DeploymentRules,
    /// Per system, §三: points towards the priority score (0–100) when the condition holds.
    /// Text: `prio.<id>`.
    pub priority: Vec<PointsRule>,
    pub verdict: VerdictRules,
    /// Per system, §十四: the first rule that holds suggests its strategy. Text: `why.strategy.<id>`.
    pub strategy: Vec<StrategyRule>,
    /// Per system, §十二/十三: risk points listed when the condition holds. Text: `risk.<id>`.
    pub risks: Vec<IdCond>,
    /// Per migrating system: how hard its move is, which orders the waves (easy first) and
    /// fills the pilot wave. Text: `why.difficulty.<id>`.
    pub difficulty: DifficultyRules,
    /// Default wave capacity and lengths (see `engine::schedule`).
    pub schedule: ScheduleRules,
    /// §二: the five angles, each read from a per-system 1–5 rating question.
    pub angles: Vec<AngleDef>,
    /// §二/二十四: provider comparison criteria. Text: `crit.<id>`.
    pub provider_criteria: Vec<ProviderCriterion>,
    /// §十七: how the SLA is compared with each system's needs.
    pub sla: SlaRules,
    /// §十八: the four effect dimensions.
    pub effects: Vec<EffectDim>,
    pub payback: PaybackDef,
    /// Readiness per step id (`"s1"` … `"s10"`); each step's points sum to 10. Text: `score.<id>`.
    pub readiness: BTreeMap<String, Vec<ReadinessItem>>,
    /// Star level: the overall score (readiness total) must reach `stars[i]` for `i + 2` stars.
    pub stars: Vec<f64>,
    /// Critical gaps: each caps the star level, whatever the total. Text: `cap.<id>`.
    #[serde(default)]
    pub caps: Vec<CapRule>,
}

/// A critical gap that caps the star level at `max_stars` when it holds: for `Once`, when `when`
/// holds; per system / wave / provider, when it holds for any entity for which `among` holds.
/// Several rules may share an id (one gap found in different answers): they form one cap.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CapRule {
    pub id: String,
    pub clause: Clause,
    pub max_stars: u8,
    pub per: Per,
    #[serde(default = "always")]
    pub among: Cond,
    pub when: Cond,
    /// The readiness items that lose points for the same gap (so that a summary names the gap
    /// once, as the cap).
    #[serde(default)]
    pub restates: Vec<String>,
}

/// Difficulty tiers: a system is `high` when a `high` rule holds, else `medium` when a `medium`
/// rule holds, else `low`. Every rule of the deciding tier that holds is listed as a reason.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DifficultyRules {
    pub high: Vec<IdCond>,
    pub medium: Vec<IdCond>,
}

/// Defaults of the wave schedule when the enterprise has not given its own.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ScheduleRules {
    /// Systems per wave by `ent.size` option.
    pub capacity_by_size: BTreeMap<String, u32>,
    /// … when the size is not answered.
    pub capacity_unknown: u32,
    /// With `s5.it_staff` answered: one system per this many IT staff …
    pub staff_per_system: u32,
    /// … but never more than this.
    pub capacity_max: u32,
    /// Systems in the pilot wave unless `s5.pilot_size` says otherwise.
    pub pilot_max: u32,
    /// Default wave length in days by the hardest difficulty in the wave.
    pub days_low: u32,
    pub days_medium: u32,
    pub days_high: u32,
}

/// §五/六: which answers make data "high security" and users "outside".
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DeploymentRules {
    /// Options of `sys.sensitivity` that count as high data-security needs.
    pub high_sensitivity: Vec<String>,
    /// Options of `sys.users` that count as outside users (customers, suppliers).
    pub outside_users: Vec<String>,
    /// Options of `sys.users` whose systems "connect customers, suppliers and employees" (§五):
    /// the public-cloud side of a large enterprise's deployment. Empty: `outside_users`.
    #[serde(default)]
    pub connecting_users: Vec<String>,
    /// Options of `ent.size` that are large enterprises (§五); all others follow §六.
    pub large_sizes: Vec<String>,
    /// Options of `sys.sensitivity` for which an SME (§六, public cloud) is still advised to
    /// consider a hybrid set-up when the system serves outside users.
    #[serde(default)]
    pub sme_hybrid_hint: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PointsRule {
    pub id: String,
    pub points: f64,
    /// The clause the reason cites.
    pub clause: Clause,
    pub when: Cond,
}

/// §十二: the first `not_now` rule that holds makes the verdict "not now"; else the first
/// `transform` rule makes it "go after transformation"; else "go". Text: `why.verdict.<id>`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct VerdictRules {
    pub not_now: Vec<IdCond>,
    pub transform: Vec<IdCond>,
    /// Reasons listed for a "go" verdict when they hold.
    pub go: Vec<IdCond>,
}

/// A named condition; its reason cites `clause`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct IdCond {
    pub id: String,
    pub clause: Clause,
    pub when: Cond,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct StrategyRule {
    pub id: String,
    /// An option of the `strategy` option set.
    pub strategy: String,
    pub clause: Clause,
    pub when: Cond,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct AngleDef {
    /// `cost`, `availability`, `scalability`, `security`, `compliance`. Text: `angle.<id>`.
    pub id: String,
    /// The per-system rating question (`sys.r_cost`).
    pub system_question: String,
    /// The per-provider rating question (`prov.r_cost`).
    pub provider_question: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ProviderCriterion {
    pub id: String,
    pub weight: f64,
    pub measure: Measure,
}

/// How one provider answer becomes a value from 0 to 1.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum Measure {
    /// A 1–5 rating: 1 → 0, 5 → 1.
    Rating(String),
    /// Yes → 1, no → 0.
    YesNo(String),
    /// A number, linear from `worst` (0) to `best` (1), clamped.
    Linear {
        question: String,
        worst: f64,
        best: f64,
    },
    /// A number where less is better: the lowest among the candidates → 1, others lowest/value.
    Lowest(String),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SlaRules {
    /// The SLA availability (%) a provider guarantees, e.g. `prov.sla`: read from the chosen
    /// provider (§十).
    pub availability: String,
    /// The recovery time objective (minutes) a provider guarantees, e.g. `prov.rto_min`.
    pub rto: String,
    /// Per-system needs.
    pub system_availability: String,
    pub system_rto: String,
}

/// One of the four dimensions of §十八. Text: `effect.<id>`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct EffectDim {
    pub id: String,
    pub metrics: Vec<MetricDef>,
}

/// A before/after figure. Text: `metric.<id>`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MetricDef {
    pub id: String,
    /// The baseline question.
    pub before: String,
    /// The target question.
    pub after: String,
    /// The question holding the figure measured after the move.
    pub actual: String,
    pub better: Better,
    /// The relative improvement (0.3 = 30 %) that earns full marks for this metric.
    pub full_at: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Better {
    Higher,
    Lower,
}

/// §十八 economic benefit: savings per year and payback period.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PaybackDef {
    pub cost_before: String,
    /// The target cost …
    pub cost_after: String,
    /// … and the measured one, which wins when answered.
    pub cost_actual: String,
    /// The date the actuals were measured.
    pub measured_on: String,
    pub migration_cost: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ReadinessItem {
    pub id: String,
    pub points: f64,
    pub clause: Clause,
    /// `Once`: all points when `when` holds. `System`/`Wave`/`Provider`: points × the share of
    /// entities (those for which `among` holds) for which `when` holds; none → no points.
    pub per: Per,
    #[serde(default = "always")]
    pub among: Cond,
    pub when: Cond,
    /// A multi-choice item: each entity for which `when` holds earns the share of these parts
    /// that hold (e.g. each test planned), and each missing part is named in the scorecard.
    #[serde(default)]
    pub parts: Vec<ReadinessPart>,
    /// What is missing when `when` fails for an entity: the first of these whose `when` holds
    /// names the loss (`report.score.part`), so that a blank answer is named as missing rather
    /// than read as a shortfall. None holds → the loss is the item's own.
    #[serde(default)]
    pub missing: Vec<ReadinessPart>,
    /// What a `System`/`Wave`/`Provider` item (or a `Once` item whose `among` fails) with no
    /// entity `among` means: lost (nothing shows readiness) or not applicable (the item is about
    /// something the plan does not have, e.g. migrating systems when nothing moves).
    #[serde(default)]
    pub if_none: IfNone,
}

/// See [`ReadinessItem::if_none`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum IfNone {
    /// Its points are lost.
    #[default]
    Lost,
    /// Neither earned nor lost: the step is scored over the items that apply.
    NotApplicable,
}

/// One part of a multi-choice readiness item; `label` is a locale key (e.g. `opt.pretest.dr`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ReadinessPart {
    pub label: String,
    pub when: Cond,
}

fn always() -> Cond {
    Cond::Always
}

/// `assets/checklist.ron`: actions generated from the answers.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ChecklistFile {
    pub rules: Vec<CheckRule>,
}

/// Emits one item (`Once`) or one per entity for which `among` and `when` hold. Text:
/// `check.<id>`, with `{system}`, `{wave}`, `{systems}` (names in the wave), `{provider}`; `Once`
/// items also get `{deployment}` (the recommended model's option label).
/// Item ids are stable: `<id>`, `<id>@sys<n>`, `<id>@wave-sys<n>`, `<id>@prov<n>`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CheckRule {
    pub id: String,
    /// 1 to 10.
    pub step: u8,
    pub clause: Clause,
    pub per: Per,
    #[serde(default = "always")]
    pub among: Cond,
    pub when: Cond,
    /// A multi-choice question (`Multi`) whose options not chosen the text names as
    /// `{unchosen}` (so an item asks only for what is missing).
    #[serde(default)]
    pub unchosen: Option<String>,
}
