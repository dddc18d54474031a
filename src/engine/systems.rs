//! Per-system assessment: base facts, §三 priority, §十二 verdict, §十四 strategy, then (once the
//! plan is known) risks, SLA gaps and missing answers.
//!
//! Everything here is driven by `assets/rules.ron`; the code only applies the rule families in
//! their documented order. Priority and verdict see base facts only; the strategy rules also see
//! the verdict. Each result carries the reasons (locale key + clause) of the rules that held.

use super::cond::{Ctx, eval};
use super::facts::{self, Facts};
use super::{Reason, SystemResult, Verdict};
use crate::content::{Content, QuestionKind, Scope, Text};
use crate::model::{Profile, System, SystemId};
use std::collections::HashSet;

/// The question whose answer overrides the suggested strategy.
pub const STRATEGY_QUESTION: &str = "sys.strategy";
/// The option set of strategies.
pub const STRATEGY_SET: &str = "strategy";
/// The strategy that means "does not move".
pub const KEEP: &str = "keep";

/// The facts read straight from a system's answers (see [`facts`] for their meaning).
pub(crate) fn base_facts(
    content: &Content,
    profile: &Profile,
    known: &HashSet<SystemId>,
    sys: &System,
) -> Facts {
    let rules = &content.rules;
    let a = &sys.answers;
    let mut f = Facts::new();
    let users = a.choices("sys.users");
    f.set(
        facts::OUTSIDE_USERS,
        users
            .iter()
            .any(|u| rules.deployment.outside_users.contains(u)),
    );
    f.set(
        facts::HIGH_SENSITIVITY,
        a.choice("sys.sensitivity")
            .is_some_and(|s| rules.deployment.high_sensitivity.iter().any(|h| h == s)),
    );
    f.set(facts::PEAKS, a.choice("sys.usage") == Some("peaks"));
    f.set(
        facts::WINDOW_EXCEEDS_OUTAGE,
        matches!((a.number("sys.f_window"), a.number("sys.f_max_outage")), (Some(w), Some(m)) if w > m),
    );
    f.set(
        facts::SLA_EXCEEDED,
        !sla_gaps(content, profile, sys).is_empty(),
    );
    f.set(
        facts::HAS_DEPENDENCIES,
        sys.depends_on
            .iter()
            .any(|d| *d != sys.id && known.contains(d)),
    );
    f.set(
        facts::HAS_DATABASE,
        a.choice("sys.database").is_some_and(|d| d != "none"),
    );
    const FIVE_POINTS: [&str; 5] = [
        "sys.f_value",
        "sys.f_elastic",
        "sys.f_compat",
        "sys.f_data_ok",
        "sys.f_mode",
    ];
    f.set(
        facts::ASSESSED,
        FIVE_POINTS.iter().any(|q| a.is_answered(q)),
    );
    f
}

/// Where the system's needs exceed the enterprise SLA (§十七), as reasons.
pub(crate) fn sla_gaps(content: &Content, profile: &Profile, sys: &System) -> Vec<Reason> {
    let sla = &content.rules.sla;
    let mut gaps = Vec::new();
    let offered = profile.answers.number(&sla.availability);
    let need = sys.answers.number(&sla.system_availability);
    if let (Some(offered), Some(need)) = (offered, need)
        && need > offered
    {
        let text = Text::new("sla.availability")
            .plain("system", sys.name.as_str())
            .num("need", need, 3)
            .num("offered", offered, 3);
        gaps.push(Reason {
            text,
            clause: "十七".into(),
        });
    }
    let offered = profile.answers.number(&sla.rto);
    let need = sys.answers.number(&sla.system_rto);
    if let (Some(offered), Some(need)) = (offered, need)
        && need < offered
    {
        let text = Text::new("sla.rto")
            .plain("system", sys.name.as_str())
            .num("need", need, 0)
            .num("offered", offered, 0);
        gaps.push(Reason {
            text,
            clause: "十七".into(),
        });
    }
    gaps
}

/// Priority, verdict and strategy of one system. Adds the verdict and strategy facts to `f`.
pub(crate) struct Early {
    pub priority: f64,
    pub priority_reasons: Vec<Reason>,
    pub verdict: Verdict,
    pub verdict_reasons: Vec<Reason>,
    pub suggested: String,
    pub strategy_reasons: Vec<Reason>,
    pub strategy: String,
    pub overridden: bool,
}

fn reason(key: String, sys: &System, clause: &str) -> Reason {
    Reason {
        text: Text::new(key).plain("system", sys.name.as_str()),
        clause: clause.to_owned(),
    }
}

/// Runs the priority, verdict and strategy rules for `sys`, whose base facts are in `f`.
pub(crate) fn assess(
    content: &Content,
    profile: &Profile,
    ent_facts: &Facts,
    sys: &System,
    f: &mut Facts,
) -> Early {
    let rules = &content.rules;
    let (priority, priority_reasons, verdict, verdict_reasons) = {
        let ctx = Ctx::once(&profile.answers, ent_facts).with_system(sys, f);
        let mut priority = 0.0;
        let mut priority_reasons = Vec::new();
        for r in &rules.priority {
            if eval(&r.when, &ctx) {
                priority += r.points;
                let text = Text::new(format!("prio.{}", r.id))
                    .plain("system", sys.name.as_str())
                    .num("points", r.points, 1);
                priority_reasons.push(Reason {
                    text,
                    clause: r.clause.clone(),
                });
            }
        }
        // Verdict reasons are `why.verdict.<rule id>`.
        let held = |list: &[crate::content::IdCond]| -> Vec<Reason> {
            list.iter()
                .filter(|r| eval(&r.when, &ctx))
                .map(|r| reason(format!("why.verdict.{}", r.id), sys, &r.clause))
                .collect()
        };
        let not_now = held(&rules.verdict.not_now);
        let (verdict, reasons) = if !not_now.is_empty() {
            (Verdict::NotNow, not_now)
        } else {
            let transform = held(&rules.verdict.transform);
            if !transform.is_empty() {
                (Verdict::GoAfterTransformation, transform)
            } else {
                (Verdict::Go, held(&rules.verdict.go))
            }
        };
        (
            priority.clamp(0.0, 100.0),
            priority_reasons,
            verdict,
            reasons,
        )
    };
    f.set(facts::verdict_fact(verdict), true);

    let (suggested, strategy_reasons) = {
        let ctx = Ctx::once(&profile.answers, ent_facts).with_system(sys, f);
        match rules.strategy.iter().find(|r| eval(&r.when, &ctx)) {
            Some(r) => (
                r.strategy.clone(),
                vec![reason(format!("why.strategy.{}", r.id), sys, &r.clause)],
            ),
            // The shipped rules end with an `Always` rule; without one, nothing is assumed.
            None => ("rehost".to_owned(), Vec::new()),
        }
    };
    let chosen = sys
        .answers
        .choice(STRATEGY_QUESTION)
        .filter(|c| content.options(STRATEGY_SET).iter().any(|o| o == c));
    let strategy = chosen.map_or_else(|| suggested.clone(), str::to_owned);
    let overridden = chosen.is_some_and(|c| c != suggested);
    let mut strategy_reasons = strategy_reasons;
    if overridden {
        let text = Text::new("why.strategy.override")
            .plain("system", sys.name.as_str())
            .key("strategy", format!("opt.{STRATEGY_SET}.{strategy}"))
            .key("suggested", format!("opt.{STRATEGY_SET}.{suggested}"));
        strategy_reasons.push(Reason {
            text,
            clause: "十四".into(),
        });
    }
    if let Some(fact) = facts::strategy_fact(&strategy) {
        f.set(fact, true);
    }
    f.set(facts::MIGRATING, strategy != KEEP);
    f.set(facts::OVERRIDDEN, overridden);
    Early {
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

/// Per-system questions that are not answered. Dependencies cannot be told apart from "none"
/// and the strategy is an override of the suggestion, so neither counts as missing.
pub(crate) fn missing(content: &Content, sys: &System) -> Vec<String> {
    content
        .questions()
        .filter(|q| {
            q.scope == Scope::System
                && q.kind != QuestionKind::Dependencies
                && q.id != STRATEGY_QUESTION
        })
        .filter(|q| {
            if q.id == "sys.name" {
                sys.name.trim().is_empty()
            } else {
                !sys.answers.is_answered(&q.id)
            }
        })
        .map(|q| q.id.clone())
        .collect()
}

/// Completes a system's result once every fact is known: risks, SLA gaps, missing answers.
pub(crate) fn finish(
    content: &Content,
    profile: &Profile,
    ctx: &Ctx,
    sys: &System,
    early: Early,
    wave: Option<u32>,
    services: Vec<String>,
) -> SystemResult {
    let risks = content
        .rules
        .risks
        .iter()
        .filter(|r| eval(&r.when, ctx))
        .map(|r| reason(format!("risk.{}", r.id), sys, &r.clause))
        .collect();
    let migrating = early.strategy != KEEP;
    SystemResult {
        id: sys.id,
        name: sys.name.clone(),
        priority: early.priority,
        priority_reasons: early.priority_reasons,
        verdict: early.verdict,
        verdict_reasons: early.verdict_reasons,
        suggested_strategy: early.suggested,
        strategy_reasons: early.strategy_reasons,
        strategy: early.strategy,
        overridden: early.overridden,
        wave,
        services,
        risks,
        sla_gaps: if migrating {
            sla_gaps(content, profile, sys)
        } else {
            Vec::new()
        },
        missing: missing(content, sys),
    }
}
