//! Consistency checks of the rule data (`rules.ron`, `catalogue.ron`, `checklist.ron`) against
//! `steps.ron`, the fact list and the locales. The shipped files must pass ([`lint`] returns no
//! errors; the engine tests assert it), so a trainer who edits a rule learns at once when a
//! question id, option, fact or text is wrong.
//!
//! Checked for every condition: the question exists and has a kind the test makes sense for
//! (`Yes`/`No` a yes/no question, `Is` a choice question with that option, `Lt`/`Gt` a
//! number); the question's entity is in context for the rule family (an enterprise-wide rule
//! cannot test `sys.` answers); the fact exists, is about an entity in context and is
//! available at the stage the family runs (priority and verdict: base facts only; strategy:
//! up to verdicts; the rest: all).

use super::cond::walk;
use super::facts::{self, Stage};
use crate::content::{Cond, Content, Per, QuestionKind, Scope, clause_number};
use crate::model::{Lang, StepId};
use std::collections::BTreeSet;

/// Everything wrong with the shipped rule data; empty when all is well.
pub fn lint(content: &Content) -> Vec<String> {
    let mut l = Lint {
        content,
        errors: Vec::new(),
        keys: BTreeSet::new(),
    };
    l.rules();
    l.catalogue();
    l.checklist();
    for key in super::deployment::KEYS
        .iter()
        .chain(super::validate::KEYS)
        .chain(STATIC_KEYS)
    {
        l.keys.insert((*key).to_owned());
    }
    for key in &l.keys {
        for lang in Lang::ALL {
            if !content.has_text(lang, key) {
                l.errors
                    .push(format!("locale {}: missing text {key:?}", lang.tag()));
            }
        }
    }
    l.errors
}

/// Keys the engine uses outside the rule families.
const STATIC_KEYS: &[&str] = &[
    "verdict.go",
    "verdict.go_rollback",
    "why.verdict.rollback_pending",
    "verdict.transform",
    "verdict.not_now",
    "why.strategy.override",
    "sla.availability",
    "sla.rto",
    "sla.availability_others",
    "sla.rto_others",
    "ui.list_sep",
];

/// Every locale key the rule data makes the engine produce (for the locale tests).
pub fn rule_keys(content: &Content) -> BTreeSet<String> {
    let mut l = Lint {
        content,
        errors: Vec::new(),
        keys: BTreeSet::new(),
    };
    l.rules();
    l.catalogue();
    l.checklist();
    l.keys
}

struct Lint<'a> {
    content: &'a Content,
    errors: Vec<String>,
    keys: BTreeSet<String>,
}

impl Lint<'_> {
    fn err(&mut self, msg: String) {
        self.errors.push(msg);
    }

    fn clause(&mut self, what: &str, clause: &str) {
        if clause_number(clause).is_none() {
            self.err(format!("{what}: clause {clause:?} is not a clause numeral"));
        }
    }

    fn question(&mut self, what: &str, id: &str, kind: fn(&QuestionKind) -> bool, scope: Scope) {
        match self.content.question(id) {
            None => self.err(format!("{what}: unknown question {id:?}")),
            Some(q) if !kind(&q.kind) => {
                self.err(format!("{what}: question {id:?} has the wrong kind"))
            }
            Some(q) if q.scope != scope => {
                self.err(format!("{what}: question {id:?} is not {scope:?}-scoped"))
            }
            Some(_) => {}
        }
    }

    fn option(&mut self, what: &str, set: &str, option: &str) {
        if !self.content.options(set).iter().any(|o| o == option) {
            self.err(format!(
                "{what}: {option:?} is not an option of set {set:?}"
            ));
        }
    }

    /// Checks a condition evaluated `per` entity, at most at `stage`.
    fn cond(&mut self, what: &str, cond: &Cond, per: Per, stage: Stage) {
        let mut found = Vec::new();
        walk(cond, &mut |c| found.push(c.clone()));
        let in_context = |s: Scope| match s {
            Scope::Enterprise => true,
            Scope::System => per == Per::System,
            Scope::Wave => per == Per::Wave,
            Scope::Provider => per == Per::Provider,
        };
        for c in found {
            let id = match &c {
                Cond::Answered(id)
                | Cond::Yes(id)
                | Cond::No(id)
                | Cond::Is(id, _)
                | Cond::Lt(id, _)
                | Cond::Gt(id, _) => id,
                Cond::Fact(name) => {
                    match facts::lookup(name) {
                        None => self.err(format!("{what}: unknown fact {name:?}")),
                        Some(f) if !in_context(f.about) => self.err(format!(
                            "{what}: fact {name:?} is about a {:?}, not in context",
                            f.about
                        )),
                        Some(f) if f.stage > stage => self.err(format!(
                            "{what}: fact {name:?} ({:?}) is not available here ({stage:?})",
                            f.stage
                        )),
                        Some(_) => {}
                    }
                    continue;
                }
                _ => continue,
            };
            let Some(q) = self.content.question(id) else {
                self.err(format!("{what}: unknown question {id:?}"));
                continue;
            };
            if !in_context(q.scope) {
                self.err(format!(
                    "{what}: question {id:?} is {:?}-scoped, not in context",
                    q.scope
                ));
            }
            let ok = match (&c, &q.kind) {
                (Cond::Answered(_), _) => true,
                (Cond::Yes(_) | Cond::No(_), k) => *k == QuestionKind::YesNo,
                (Cond::Lt(..) | Cond::Gt(..), k) => matches!(k, QuestionKind::Number { .. }),
                (Cond::Is(_, opt), QuestionKind::Single(set) | QuestionKind::Multi(set)) => {
                    let set = set.clone();
                    self.option(what, &set, opt);
                    true
                }
                (Cond::Is(_, opt), QuestionKind::Catalogue) => {
                    if !self.content.services().any(|(_, s)| s.id == *opt) {
                        self.err(format!("{what}: {opt:?} is not a catalogue service"));
                    }
                    true
                }
                _ => false,
            };
            if !ok {
                self.err(format!("{what}: {c:?} does not fit the kind of {id:?}"));
            }
        }
    }

    fn rules(&mut self) {
        let r = &self.content.rules;
        for o in &r.deployment.high_sensitivity {
            self.option("deployment.high_sensitivity", "sensitivity", o);
        }
        for o in &r.deployment.sme_hybrid_hint {
            self.option("deployment.sme_hybrid_hint", "sensitivity", o);
        }
        for o in &r.deployment.connecting_users {
            self.option("deployment.connecting_users", "users", o);
        }
        for o in &r.deployment.outside_users {
            self.option("deployment.outside_users", "users", o);
        }
        for o in &r.deployment.large_sizes {
            self.option("deployment.large_sizes", "size", o);
        }
        let mut ids = BTreeSet::new();
        for p in &r.priority {
            let what = format!("priority {}", p.id);
            self.cond(&what, &p.when, Per::System, Stage::Base);
            self.clause(&what, &p.clause);
            self.unique(&mut ids, &what, &p.id);
            self.keys.insert(format!("prio.{}", p.id));
        }
        let mut ids = BTreeSet::new();
        for v in r
            .verdict
            .not_now
            .iter()
            .chain(&r.verdict.transform)
            .chain(&r.verdict.go)
        {
            let what = format!("verdict {}", v.id);
            self.cond(&what, &v.when, Per::System, Stage::Base);
            self.clause(&what, &v.clause);
            self.unique(&mut ids, &what, &v.id);
            self.keys.insert(format!("why.verdict.{}", v.id));
        }
        let mut ids = BTreeSet::new();
        for s in &r.strategy {
            let what = format!("strategy {}", s.id);
            self.cond(&what, &s.when, Per::System, Stage::Verdict);
            self.clause(&what, &s.clause);
            self.option(&what, super::systems::STRATEGY_SET, &s.strategy);
            if s.id == "override" {
                self.err("strategy rule id \"override\" is reserved".into());
            }
            self.unique(&mut ids, &what, &s.id);
            self.keys.insert(format!("why.strategy.{}", s.id));
        }
        if !r.strategy.last().is_some_and(|s| s.when == Cond::Always) {
            self.err(
                "strategy: the last rule must be Always, so every system gets a suggestion".into(),
            );
        }
        let mut ids = BTreeSet::new();
        for k in &r.risks {
            let what = format!("risk {}", k.id);
            self.cond(&what, &k.when, Per::System, Stage::Plan);
            self.clause(&what, &k.clause);
            self.unique(&mut ids, &what, &k.id);
            self.keys.insert(format!("risk.{}", k.id));
        }
        let mut ids = BTreeSet::new();
        for k in r.difficulty.high.iter().chain(&r.difficulty.medium) {
            let what = format!("difficulty {}", k.id);
            self.cond(&what, &k.when, Per::System, Stage::Strategy);
            self.clause(&what, &k.clause);
            self.unique(&mut ids, &what, &k.id);
            self.keys.insert(format!("why.difficulty.{}", k.id));
        }
        for a in &r.angles {
            let what = format!("angle {}", a.id);
            self.question(
                &what,
                &a.system_question,
                |k| *k == QuestionKind::Rating,
                Scope::System,
            );
            self.question(
                &what,
                &a.provider_question,
                |k| *k == QuestionKind::Rating,
                Scope::Provider,
            );
            self.keys.insert(format!("angle.{}", a.id));
        }
        let mut ids = BTreeSet::new();
        for c in &r.provider_criteria {
            let what = format!("provider criterion {}", c.id);
            use crate::content::Measure;
            let number = |k: &QuestionKind| matches!(k, QuestionKind::Number { .. });
            match &c.measure {
                Measure::Rating(q) => {
                    self.question(&what, q, |k| *k == QuestionKind::Rating, Scope::Provider)
                }
                Measure::YesNo(q) => {
                    self.question(&what, q, |k| *k == QuestionKind::YesNo, Scope::Provider)
                }
                Measure::Linear { question, .. } => {
                    self.question(&what, question, number, Scope::Provider)
                }
                Measure::Lowest(q) => self.question(&what, q, number, Scope::Provider),
            }
            if c.weight.is_nan() || c.weight < 0.0 {
                self.err(format!("{what}: weight must not be negative"));
            }
            self.unique(&mut ids, &what, &c.id);
            self.keys.insert(format!("crit.{}", c.id));
        }
        let number = |k: &QuestionKind| matches!(k, QuestionKind::Number { .. });
        let sla = r.sla.clone();
        self.question("sla", &sla.availability, number, Scope::Provider);
        self.question("sla", &sla.rto, number, Scope::Provider);
        self.question("sla", &sla.system_availability, number, Scope::System);
        self.question("sla", &sla.system_rto, number, Scope::System);
        let mut ids = BTreeSet::new();
        for d in &r.effects {
            self.keys.insert(format!("effect.{}", d.id));
            for m in &d.metrics {
                let what = format!("metric {}", m.id);
                self.question(&what, &m.before, number, Scope::Enterprise);
                self.question(&what, &m.after, number, Scope::Enterprise);
                if m.full_at.is_nan() || m.full_at <= 0.0 {
                    self.err(format!("{what}: full_at must be positive"));
                }
                self.unique(&mut ids, &what, &m.id);
                self.keys.insert(format!("metric.{}", m.id));
            }
        }
        let p = r.payback.clone();
        for q in [&p.cost_before, &p.cost_after, &p.migration_cost] {
            self.question("payback", q, number, Scope::Enterprise);
        }
        let expected: BTreeSet<String> = StepId::ALL
            .iter()
            .map(|s| format!("s{}", s.number()))
            .collect();
        let found: BTreeSet<String> = r.readiness.keys().cloned().collect();
        if expected != found {
            self.err(format!(
                "readiness: steps must be exactly s1…s10, found {found:?}"
            ));
        }
        let mut ids = BTreeSet::new();
        for (step, items) in &r.readiness {
            let sum: f64 = items.iter().map(|i| i.points).sum();
            if (sum - 10.0).abs() > 1e-9 {
                self.err(format!("readiness {step}: points sum to {sum}, not 10"));
            }
            // A step is scored over the items that apply: one of them must always apply.
            if items
                .iter()
                .all(|i| i.if_none == crate::content::IfNone::NotApplicable)
            {
                self.err(format!(
                    "readiness {step}: every item may be not applicable, so the step could score 0 of 0"
                ));
            }
            for i in items {
                let what = format!("readiness {}", i.id);
                self.cond(&what, &i.when, i.per, Stage::Plan);
                self.cond(&what, &i.among, i.per, Stage::Plan);
                self.clause(&what, &i.clause);
                if i.points.is_nan() || i.points <= 0.0 {
                    self.err(format!("{what}: points must be positive"));
                }
                self.unique(&mut ids, &what, &i.id);
                if i.per == Per::Once
                    && i.if_none == crate::content::IfNone::NotApplicable
                    && matches!(i.among, Cond::Always)
                {
                    self.err(format!(
                        "{what}: a Once item is not applicable only when its `among` fails; it has none"
                    ));
                }
                self.keys.insert(format!("score.{}", i.id));
                for part in i.parts.iter().chain(&i.missing) {
                    self.cond(&what, &part.when, i.per, Stage::Plan);
                    self.keys.insert(part.label.clone());
                }
            }
        }
        if r.stars.windows(2).any(|w| w[0] >= w[1]) || r.stars.len() != 4 {
            self.err("stars: four increasing thresholds (2 to 5 stars)".into());
        }
        for c in &r.caps {
            let what = format!("cap {}", c.id);
            self.cond(&what, &c.when, c.per, Stage::Plan);
            self.cond(&what, &c.among, c.per, Stage::Plan);
            self.clause(&what, &c.clause);
            if !(1..=4).contains(&c.max_stars) {
                self.err(format!("{what}: max_stars must be 1 to 4"));
            }
            for item in &c.restates {
                if !r.readiness.values().flatten().any(|i| &i.id == item) {
                    self.err(format!("{what}: restates unknown readiness item {item}"));
                }
            }
            self.keys.insert(format!("cap.{}", c.id));
        }
    }

    fn catalogue(&mut self) {
        let mut ids = BTreeSet::new();
        for g in &self.content.catalogue.groups {
            self.clause(&format!("group {}", g.id), &g.clause);
            self.keys.insert(format!("cat.{}", g.id));
            for s in &g.services {
                let what = format!("service {}", s.id);
                for c in &s.suggest {
                    self.cond(&what, c, Per::System, Stage::Plan);
                }
                for n in &s.need {
                    self.cond(&what, &n.when, Per::System, Stage::Plan);
                    self.keys.insert(format!("gap.{}", n.why));
                }
                self.unique(&mut ids, &what, &s.id);
                self.keys.insert(format!("svc.{}", s.id));
                self.keys.insert(format!("svc.{}.why", s.id));
            }
        }
    }

    fn checklist(&mut self) {
        let mut ids = BTreeSet::new();
        for r in &self.content.checklist.rules {
            let what = format!("check {}", r.id);
            self.cond(&what, &r.when, r.per, Stage::Plan);
            self.cond(&what, &r.among, r.per, Stage::Plan);
            self.clause(&what, &r.clause);
            if StepId::new(r.step).is_none() {
                self.err(format!("{what}: step {} is not 1–10", r.step));
            }
            if r.id.contains('@') {
                self.err(format!("{what}: '@' is reserved for item suffixes"));
            }
            if let Some(q) = &r.unchosen {
                let multi = self
                    .content
                    .question(q)
                    .is_some_and(|d| matches!(d.kind, crate::content::QuestionKind::Multi(_)));
                if !multi {
                    self.err(format!(
                        "{what}: unchosen {q:?} is not a multi-choice question"
                    ));
                }
            }
            self.unique(&mut ids, &what, &r.id);
            self.keys.insert(format!("check.{}", r.id));
        }
    }

    fn unique(&mut self, ids: &mut BTreeSet<String>, what: &str, id: &str) {
        if !ids.insert(id.to_owned()) {
            self.err(format!("{what}: id used twice"));
        }
    }
}
