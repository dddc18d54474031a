//! Evaluating a [`Cond`] against the answers in context.
//!
//! A subject ([`Subject`]) holds the enterprise answers and facts, and optionally one system, one
//! wave and one provider with their facts. A question id is read from the entity its prefix
//! names: `sys.` the system (`sys.name` is `System::name`, `sys.depends_on` its dependency list),
//! `wave.` the wave's answers, `prov.` the provider (`prov.name` is `Provider::name`), anything
//! else the enterprise answers. A condition about an entity that is not in context is false;
//! so is a comparison with an unanswered question. `Fact(name)` is true when any entity in
//! context has that fact (see [`super::facts`]).

use super::facts::Facts;
use crate::content::Cond;
use crate::model::{Answers, PROVIDER_NAME, Provider, SYSTEM_NAME, System};
use std::collections::BTreeMap;

static NO_ANSWERS: Answers = Answers(BTreeMap::new());
static NO_FACTS: Facts = Facts::EMPTY;

/// What a condition is evaluated against.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    pub ent: &'a Answers,
    pub ent_facts: &'a Facts,
    pub sys: Option<(&'a System, &'a Facts)>,
    /// The wave number, its answers (if any) and facts.
    pub wave: Option<(u32, Option<&'a Answers>, &'a Facts)>,
    pub prov: Option<(&'a Provider, &'a Facts)>,
}

impl<'a> Subject<'a> {
    /// Enterprise only.
    pub fn once(ent: &'a Answers, ent_facts: &'a Facts) -> Self {
        Subject {
            ent,
            ent_facts,
            sys: None,
            wave: None,
            prov: None,
        }
    }

    pub fn with_system(mut self, sys: &'a System, facts: &'a Facts) -> Self {
        self.sys = Some((sys, facts));
        self
    }

    pub fn with_wave(
        mut self,
        number: u32,
        answers: Option<&'a Answers>,
        facts: &'a Facts,
    ) -> Self {
        self.wave = Some((number, answers, facts));
        self
    }

    pub fn with_provider(mut self, prov: &'a Provider, facts: &'a Facts) -> Self {
        self.prov = Some((prov, facts));
        self
    }
}

/// Where a question id is read from.
enum Source<'a> {
    Answers(&'a Answers),
    Name(&'a str),
    Dependencies(usize),
    Absent,
}

fn source<'a>(ctx: &Subject<'a>, id: &str) -> Source<'a> {
    if id.starts_with("sys.") {
        match ctx.sys {
            Some((s, _)) if id == SYSTEM_NAME => Source::Name(&s.name),
            Some((s, _)) if id == "sys.depends_on" => Source::Dependencies(s.depends_on.len()),
            Some((s, _)) => Source::Answers(&s.answers),
            None => Source::Absent,
        }
    } else if id.starts_with("wave.") {
        match ctx.wave {
            Some((_, a, _)) => Source::Answers(a.unwrap_or(&NO_ANSWERS)),
            None => Source::Absent,
        }
    } else if id.starts_with("prov.") {
        match ctx.prov {
            Some((p, _)) if id == PROVIDER_NAME => Source::Name(&p.name),
            Some((p, _)) => Source::Answers(&p.answers),
            None => Source::Absent,
        }
    } else {
        Source::Answers(ctx.ent)
    }
}

fn answers<'a>(ctx: &Subject<'a>, id: &str) -> &'a Answers {
    match source(ctx, id) {
        Source::Answers(a) => a,
        _ => &NO_ANSWERS,
    }
}

fn has_fact(ctx: &Subject, name: &str) -> bool {
    ctx.ent_facts.has(name)
        || ctx.sys.is_some_and(|(_, f)| f.has(name))
        || ctx.wave.is_some_and(|(_, _, f)| f.has(name))
        || ctx.prov.is_some_and(|(_, f)| f.has(name))
}

/// Whether `cond` holds in `ctx`.
pub fn eval(cond: &Cond, ctx: &Subject) -> bool {
    match cond {
        Cond::Always => true,
        Cond::Answered(id) => match source(ctx, id) {
            Source::Answers(a) => a.is_answered(id),
            Source::Name(n) => !n.trim().is_empty(),
            Source::Dependencies(n) => n > 0,
            Source::Absent => false,
        },
        Cond::Yes(id) => answers(ctx, id).yes_no(id) == Some(true),
        Cond::No(id) => answers(ctx, id).yes_no(id) == Some(false),
        Cond::Is(id, option) => answers(ctx, id).has(id, option),
        Cond::Lt(id, v) => answers(ctx, id).number(id).is_some_and(|n| n < *v),
        Cond::Gt(id, v) => answers(ctx, id).number(id).is_some_and(|n| n > *v),
        Cond::Fact(name) => has_fact(ctx, name),
        Cond::Not(c) => !eval(c, ctx),
        Cond::All(cs) => cs.iter().all(|c| eval(c, ctx)),
        Cond::Any(cs) => cs.iter().any(|c| eval(c, ctx)),
    }
}

/// Calls `f` on every condition in the tree, parents first (used by the lint).
pub fn walk<'c>(cond: &'c Cond, f: &mut dyn FnMut(&'c Cond)) {
    f(cond);
    match cond {
        Cond::Not(c) => walk(c, f),
        Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| walk(c, f)),
        _ => {}
    }
}

/// An empty fact set usable in contexts that have none.
pub fn no_facts() -> &'static Facts {
    &NO_FACTS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, SystemId};

    fn sys() -> System {
        let mut s = System {
            id: SystemId(1),
            name: "ERP".into(),
            ..System::default()
        };
        s.answers
            .set("sys.usage", Some(Answer::Choice("peaks".into())));
        s.answers.set("sys.f_window", Some(Answer::Number(8.0)));
        s.answers.set("sys.f_value", Some(Answer::YesNo(false)));
        s.answers
            .set("sys.users", Some(Answer::Choices(vec!["customers".into()])));
        s
    }

    #[test]
    fn reads_each_entity_by_prefix() {
        let mut ent = Answers::default();
        ent.set("s4.plan_rollback", Some(Answer::YesNo(true)));
        let ef = Facts::new();
        let s = sys();
        let sf = Facts::new();
        let ctx = Subject::once(&ent, &ef);
        assert!(eval(&Cond::Yes("s4.plan_rollback".into()), &ctx));
        // no system in context: system conditions are false, also under Not-free forms
        assert!(!eval(&Cond::Answered("sys.name".into()), &ctx));
        assert!(!eval(&Cond::Is("sys.usage".into(), "peaks".into()), &ctx));
        let ctx = ctx.with_system(&s, &sf);
        assert!(eval(&Cond::Answered("sys.name".into()), &ctx));
        assert!(!eval(&Cond::Answered("sys.depends_on".into()), &ctx));
        assert!(eval(&Cond::Is("sys.usage".into(), "peaks".into()), &ctx));
        assert!(eval(
            &Cond::Is("sys.users".into(), "customers".into()),
            &ctx
        ));
        assert!(eval(&Cond::No("sys.f_value".into()), &ctx));
        assert!(!eval(&Cond::Yes("sys.f_value".into()), &ctx));
        assert!(eval(&Cond::Gt("sys.f_window".into(), 7.5), &ctx));
        assert!(!eval(&Cond::Lt("sys.f_window".into(), 8.0), &ctx));
        assert!(
            !eval(&Cond::Lt("sys.f_max_outage".into(), 1e9), &ctx),
            "unanswered compares false"
        );
    }

    #[test]
    fn facts_are_looked_up_in_every_entity_in_context() {
        let ent = Answers::default();
        let mut ef = Facts::new();
        ef.set(super::super::facts::HAS_SYSTEMS, true);
        let mut wf = Facts::new();
        wf.set(super::super::facts::WAVE_CYCLIC, true);
        let ctx = Subject::once(&ent, &ef);
        assert!(eval(&Cond::Fact("has_systems".into()), &ctx));
        assert!(!eval(&Cond::Fact("wave.cyclic".into()), &ctx));
        let ctx = ctx.with_wave(2, None, &wf);
        assert!(eval(&Cond::Fact("wave.cyclic".into()), &ctx));
        assert!(!eval(&Cond::Answered("wave.start".into()), &ctx));
        let all = Cond::All(vec![
            Cond::Fact("has_systems".into()),
            Cond::Not(Box::new(Cond::Fact("x".into()))),
        ]);
        assert!(eval(&all, &ctx));
        assert!(!eval(&Cond::Any(vec![]), &ctx));
    }
}
