//! Per-system assessment: base facts, §三 priority, §十二 verdict, §十四 strategy, then (once the
//! plan is known) risks, SLA gaps and missing answers.
//!
//! Everything here is driven by `assets/rules.ron`; the code only applies the rule families in
//! their documented order. Priority and verdict see base facts only; the strategy rules also see
//! the verdict. Each result carries the reasons (locale key + clause) of the rules that held.

use super::compiled::{C, Fx, Rules, Said, at, choice_of, choices_of, eval, number_of};
use super::facts::{self, Facts};
use super::{Difficulty, Reason, SystemResult, Verdict};
use crate::content::{Content, FxSet, Name, QuestionDef, QuestionKind, Scope, Text};
use crate::model::{Answer, Profile, System, SystemId};
use std::borrow::Cow;

/// The question whose answer overrides the suggested strategy.
pub const STRATEGY_QUESTION: &str = "sys.strategy";
/// The option set of strategies.
pub const STRATEGY_SET: &str = "strategy";
/// The per-system failure-rollback plan question (§十二 point 5).
pub const ROLLBACK_QUESTION: &str = "sys.f_rollback";
/// The strategy that means "does not move".
pub const KEEP: &str = "keep";

/// What the base facts of every system compare with, read once per analysis.
pub(crate) struct BaseCtx<'a> {
    pub content: &'a Content,
    pub rules: &'a Rules,
    /// Ids of the systems of the profile.
    pub known: &'a FxSet<SystemId>,
    /// The chosen provider's SLA (§十七): availability offered and RTO.
    pub offered_availability: Option<f64>,
    pub offered_rto: Option<f64>,
}

impl<'a> BaseCtx<'a> {
    pub fn new(
        content: &'a Content,
        rules: &'a Rules,
        profile: &Profile,
        known: &'a FxSet<SystemId>,
        chosen: Option<usize>,
    ) -> Self {
        let sla = &content.rules.sla;
        let offered = |q: &str| {
            chosen
                .and_then(|i| profile.providers.get(i))
                .and_then(|p| p.answers.number(q))
        };
        BaseCtx {
            content,
            rules,
            known,
            offered_availability: offered(&sla.availability),
            offered_rto: offered(&sla.rto),
        }
    }
}

/// The facts read straight from a system's answers (see [`facts`] for their meaning); `table`
/// holds its answers.
pub(crate) fn base_facts(cx: &BaseCtx, sys: &System, table: &[Option<&Answer>]) -> Facts {
    let rules = &cx.content.rules;
    let slots = &cx.rules.sys_slots;
    let a = |slot: Option<usize>| at(table, slot);
    let mut f = Facts::new();
    let users = choices_of(a(slots.users));
    f.set(
        facts::OUTSIDE_USERS,
        users
            .iter()
            .any(|u| rules.deployment.outside_users.contains(u)),
    );
    f.set(
        facts::HIGH_SENSITIVITY,
        choice_of(a(slots.sensitivity))
            .is_some_and(|s| rules.deployment.high_sensitivity.iter().any(|h| h == s)),
    );
    f.set(facts::PEAKS, choice_of(a(slots.usage)) == Some("peaks"));
    f.set(
        facts::WINDOW_EXCEEDS_OUTAGE,
        matches!((number_of(a(slots.window)), number_of(a(slots.max_outage))), (Some(w), Some(m)) if w > m),
    );
    f.set(facts::SLA_EXCEEDED, sla_exceeded(cx, table));
    f.set(facts::SLA_MET, sla_met(cx, table));
    f.set(
        facts::HAS_DEPENDENCIES,
        sys.depends_on
            .iter()
            .any(|d| *d != sys.id && cx.known.contains(d)),
    );
    f.set(
        facts::HAS_DATABASE,
        choice_of(a(slots.database)).is_some_and(|d| d != "none"),
    );
    f.set(
        facts::ASSESSED,
        slots.five_points.iter().any(|q| a(*q).is_some()),
    );
    f
}

/// Whether [`sla_gaps`] finds a gap (without building its texts).
fn sla_exceeded(cx: &BaseCtx, table: &[Option<&Answer>]) -> bool {
    let slots = &cx.rules.sys_slots;
    let gap = |offered: Option<f64>, need: Option<usize>, exceeds: fn(f64, f64) -> bool| match (
        offered,
        number_of(at(table, need)),
    ) {
        (Some(offered), Some(need)) => exceeds(need, offered),
        _ => false,
    };
    gap(cx.offered_availability, slots.availability, |n, o| n > o)
        || gap(cx.offered_rto, slots.rto, |n, o| n < o)
}

/// Whether the system's recorded needs are met by the chosen provider's recorded commitments:
/// both needs (availability, RTO) and both commitments answered, and neither need exceeds.
fn sla_met(cx: &BaseCtx, table: &[Option<&Answer>]) -> bool {
    let slots = &cx.rules.sys_slots;
    let need_a = number_of(at(table, slots.availability));
    let need_r = number_of(at(table, slots.rto));
    match (need_a, need_r, cx.offered_availability, cx.offered_rto) {
        (Some(na), Some(nr), Some(oa), Some(or)) => na <= oa && nr >= or,
        _ => false,
    }
}

/// Where the system's needs exceed the chosen provider's SLA (§十七), as reasons that say what
/// is wrong: the need, the chosen provider and what it guarantees, and which other candidates
/// would close the gap. `table` holds the system's answers (slots of `rules`); `chosen` indexes
/// `profile.providers`.
pub(crate) fn sla_gaps(
    content: &Content,
    rules: &Rules,
    profile: &Profile,
    chosen: Option<usize>,
    table: &[Option<&Answer>],
    name: &Name,
) -> Vec<Reason> {
    let sla = &content.rules.sla;
    let Some(provider) = chosen.and_then(|i| profile.providers.get(i)) else {
        return Vec::new();
    };
    let pname = Name::provider(&provider.name, provider.id);
    let mut gaps = Vec::new();
    type Check<'q> = (
        &'q str,
        Option<usize>,
        fn(f64, f64) -> bool,
        [&'static str; 2],
        u8,
    );
    let checks: [Check; 2] = [
        (
            &sla.availability,
            rules.sys_slots.availability,
            |need, offered| need > offered,
            ["sla.availability", "sla.availability_others"],
            3,
        ),
        (
            &sla.rto,
            rules.sys_slots.rto,
            |need, offered| need < offered,
            ["sla.rto", "sla.rto_others"],
            0,
        ),
    ];
    for (q, slot, exceeds, [alone, others], decimals) in checks {
        let (Some(offered), Some(need)) = (provider.answers.number(q), number_of(at(table, slot)))
        else {
            continue;
        };
        if !exceeds(need, offered) {
            continue;
        }
        let closers: Vec<Name> = profile
            .providers
            .iter()
            .filter(|p| p.id != provider.id)
            .filter(|p| p.answers.number(q).is_some_and(|o| !exceeds(need, o)))
            .map(|p| Name::provider(&p.name, p.id))
            .collect();
        let key = if closers.is_empty() { alone } else { others };
        let text = Text::of(key)
            .name("system", name.clone())
            .num("need", need, decimals)
            .name("provider", pname.clone())
            .num("offered", offered, decimals)
            .names("others", closers);
        gaps.push(Reason {
            text,
            clause: Cow::Borrowed("十七"),
        });
    }
    gaps
}

/// Priority, verdict and strategy of one system. Adds the verdict and strategy facts to `f`.
pub(crate) struct Early {
    pub difficulty: Difficulty,
    pub difficulty_reasons: Vec<Reason>,
    pub priority: f64,
    pub priority_reasons: Vec<Reason>,
    pub verdict: Verdict,
    pub verdict_reasons: Vec<Reason>,
    pub suggested: String,
    pub strategy_reasons: Vec<Reason>,
    pub strategy: String,
    pub overridden: bool,
}

/// A reason `said` about the system called `name`.
fn reason(said: Said, name: &Name) -> Reason {
    Reason {
        text: Text::of(said.key).name("system", name.clone()),
        clause: Cow::Borrowed(said.clause),
    }
}

/// The verdict rules of one tier that hold, as reasons (`keys`: the rules' keys and clauses);
/// with `reasons` false only whether any holds. `None` when none holds.
fn held(conds: &[C], keys: &[Said], fx: &Fx, name: &Name, reasons: bool) -> Option<Vec<Reason>> {
    let mut out = None;
    for (c, said) in conds.iter().zip(keys) {
        if eval(c, fx) {
            let v = out.get_or_insert_with(Vec::new);
            if !reasons {
                break;
            }
            v.push(reason(*said, name));
        }
    }
    out
}

/// Runs the priority, verdict and strategy rules for `sys`, whose base facts are in `f` and
/// answers in `table` and name (for the reasons) in `name`; `ent` holds the enterprise
/// context. With `reasons` false, only the verdict, strategy and facts are worked out (what the
/// waves need): priority and reasons stay empty.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assess(
    content: &Content,
    rules: &Rules,
    ent: Fx,
    sys: &System,
    name: &Name,
    table: &[Option<&Answer>],
    f: &mut Facts,
    reasons: bool,
) -> Early {
    let r = &content.rules;
    let (priority, priority_reasons, verdict, verdict_reasons) = {
        let fx = ent.with_system(sys, table, f);
        let mut priority = 0.0;
        let mut priority_reasons = Vec::new();
        // The points always (the waves order by priority), the reasons only when asked.
        for ((rule, c), said) in r
            .priority
            .iter()
            .zip(&rules.priority)
            .zip(&rules.priority_keys)
        {
            if eval(c, &fx) {
                priority += rule.points;
                if reasons {
                    let text = Text::of(said.key).name("system", name.clone()).num(
                        "points",
                        rule.points,
                        1,
                    );
                    priority_reasons.push(Reason {
                        text,
                        clause: Cow::Borrowed(said.clause),
                    });
                }
            }
        }
        // Verdict reasons are `why.verdict.<rule id>`.
        let not_now = held(&rules.not_now, &rules.not_now_keys, &fx, name, reasons);
        let (verdict, list) = if let Some(not_now) = not_now {
            (Verdict::NotNow, not_now)
        } else if let Some(transform) =
            held(&rules.transform, &rules.transform_keys, &fx, name, reasons)
        {
            (Verdict::GoAfterTransformation, transform)
        } else if reasons {
            let go = held(&rules.go, &rules.go_keys, &fx, name, true);
            (Verdict::Go, go.unwrap_or_default())
        } else {
            (Verdict::Go, Vec::new())
        };
        (priority.clamp(0.0, 100.0), priority_reasons, verdict, list)
    };
    f.set(facts::verdict_fact(verdict), true);

    let (suggested, strategy_reasons) = {
        let fx = ent.with_system(sys, table, f);
        let first = rules.strategy.iter().position(|c| eval(c, &fx));
        match first.and_then(|i| Some((r.strategy.get(i)?, rules.strategy_keys.get(i)?))) {
            Some((rule, said)) => (
                rule.strategy.clone(),
                if reasons {
                    vec![reason(*said, name)]
                } else {
                    Vec::new()
                },
            ),
            // The shipped rules end with an `Always` rule; without one, nothing is assumed.
            None => ("rehost".to_owned(), Vec::new()),
        }
    };
    let chosen = choice_of(at(table, rules.sys_slots.strategy))
        .filter(|c| content.options(STRATEGY_SET).iter().any(|o| o == c));
    let strategy = chosen.map_or_else(|| suggested.clone(), str::to_owned);
    let overridden = chosen.is_some_and(|c| c != suggested);
    let mut strategy_reasons = strategy_reasons;
    if overridden && reasons {
        let text = Text::of("why.strategy.override")
            .name("system", name.clone())
            .key("strategy", format!("opt.{STRATEGY_SET}.{strategy}"))
            .key("suggested", format!("opt.{STRATEGY_SET}.{suggested}"));
        strategy_reasons.push(Reason {
            text,
            clause: Cow::Borrowed("十四"),
        });
    }
    if let Some(fact) = facts::strategy_fact(&strategy) {
        f.set(fact, true);
    }
    f.set(facts::MIGRATING, strategy != KEEP);
    f.set(facts::OVERRIDDEN, overridden);
    let (difficulty, difficulty_reasons) = if strategy == KEEP {
        (Difficulty::Low, Vec::new())
    } else {
        let fx = ent.with_system(sys, table, f);
        if let Some(high) = held(&rules.diff_high, &rules.diff_high_keys, &fx, name, reasons) {
            (Difficulty::High, high)
        } else if let Some(medium) = held(
            &rules.diff_medium,
            &rules.diff_medium_keys,
            &fx,
            name,
            reasons,
        ) {
            (Difficulty::Medium, medium)
        } else if reasons {
            let text = Text::of("why.difficulty.low").name("system", name.clone());
            let clause = Cow::Borrowed("十二");
            (Difficulty::Low, vec![Reason { text, clause }])
        } else {
            (Difficulty::Low, Vec::new())
        }
    };
    Early {
        difficulty,
        difficulty_reasons,
        priority,
        priority_reasons,
        verdict,
        verdict_reasons,
        suggested,
        strategy_reasons,
        strategy,
        overridden,
    }
}

/// Whether an unanswered `q` counts as missing for a system. Dependencies cannot be told apart
/// from "none", the strategy is an override of the suggestion, and a wave pin or a system's own
/// blackouts are exceptions (blank: none), so none of them counts.
pub(crate) fn counts_as_missing(q: &QuestionDef) -> bool {
    q.scope == Scope::System
        && q.kind != QuestionKind::Dependencies
        && q.id != STRATEGY_QUESTION
        && q.id != PIN_QUESTION
        && q.id != super::blackout::SYSTEM
}

/// The per-system pin to a later wave (`engine::schedule::pins`).
pub(crate) const PIN_QUESTION: &str = "sys.wave_pin";

/// Per-system questions that are not answered (see [`counts_as_missing`]), in question order;
/// `table` holds the system's answers.
pub(crate) fn missing(rules: &Rules, sys: &System, table: &[Option<&Answer>]) -> Vec<String> {
    rules
        .missing
        .iter()
        .filter(|(id, slot)| {
            if id == "sys.name" {
                sys.name.trim().is_empty()
            } else {
                table.get(*slot).copied().flatten().is_none()
            }
        })
        .map(|(id, _)| id.clone())
        .collect()
}

/// Completes a system's result once every fact is known: risks, SLA gaps, missing answers.
#[allow(clippy::too_many_arguments)]
pub(crate) fn finish(
    content: &Content,
    profile: &Profile,
    fx: &Fx,
    sys: &System,
    name: &Name,
    early: Early,
    wave: Option<u32>,
    services: Vec<String>,
    gaps: Vec<super::ServiceGap>,
    chosen: Option<usize>,
) -> SystemResult {
    let rules = Rules::of(content);
    let table = fx.sys.map_or(&[][..], |(_, t)| t);
    let risks = rules
        .risks
        .iter()
        .zip(&rules.risk_keys)
        .filter(|(c, _)| eval(c, fx))
        .map(|(_, said)| reason(*said, name))
        .collect();
    let migrating = early.strategy != KEEP;
    // A go without a failure-rollback plan is a go once the plan is written (§十二 point 5):
    // the verdict says so, so that it agrees with the rollback risk and the star cap.
    let mut verdict = early.verdict;
    let mut verdict_reasons = early.verdict_reasons;
    let rollback = rules
        .sys_slot(ROLLBACK_QUESTION)
        .and_then(|slot| table.get(slot).copied().flatten());
    if verdict == Verdict::Go && migrating && !matches!(rollback, Some(Answer::YesNo(true))) {
        verdict = Verdict::GoAfterRollbackPlan;
        verdict_reasons.push(Reason {
            text: Text::of("why.verdict.rollback_pending").name("system", name.clone()),
            clause: Cow::Borrowed("十二"),
        });
    }
    SystemResult {
        id: sys.id,
        name: sys.name.clone(),
        priority: early.priority,
        priority_reasons: early.priority_reasons,
        difficulty: early.difficulty,
        difficulty_reasons: early.difficulty_reasons,
        verdict,
        verdict_reasons,
        suggested_strategy: early.suggested,
        strategy_reasons: early.strategy_reasons,
        strategy: early.strategy,
        overridden: early.overridden,
        wave,
        earliest_wave: None,
        services,
        risks,
        sla_gaps: if migrating {
            sla_gaps(content, rules, profile, chosen, table, name)
        } else {
            Vec::new()
        },
        gaps,
        missing: missing(rules, sys, table),
    }
}
