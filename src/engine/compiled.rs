//! The rules compiled once for evaluation over thousands of systems.
//!
//! [`super::cond::eval`] reads a [`Cond`] as written: each question id is looked up by string in
//! the entity's `BTreeMap` of answers, each fact by name. That costs about a dozen string
//! comparisons per test, and the engine tests some 150 conditions per system. So each condition
//! of the shipped rules is compiled once per [`Content`] (cached in it) into a [`C`]:
//! - a question id becomes a [`Q::Slot`]: its index among the ids of its entity kind (`sys.`,
//!   `wave.`, `prov.`, enterprise) that the rules use. An entity's answers are read into a
//!   [`Table`] of those slots in one merge of two sorted lists ([`table`]), once per analysis;
//! - a fact name becomes its bit ([`facts::bit`]); the facts of every entity in context are
//!   or-ed into one word, so `Fact` is one `and`.
//!
//! The meaning is exactly [`super::cond::eval`]'s (the reference): the tests evaluate every rule
//! both ways on every entity of the demo and of synthetic inventories.

use super::facts;
use crate::content::{Cond, Content, Scope};
use crate::model::{Answer, Answers, PROVIDER_NAME, Provider, SYSTEM_NAME, StepId, System};
use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

/// A copy of `s` that lives for the whole program, one per distinct string: the locale keys and
/// clauses of the rules, which every reason of every analysis carries. Interning (rather than
/// leaking per [`Rules`]) bounds the memory by the distinct strings of the content, however often
/// content is parsed (the tests parse it many times).
pub(crate) fn intern(s: &str) -> &'static str {
    static SEEN: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(k) = seen.get(s) {
        return k;
    }
    let k: &'static str = Box::leak(s.into());
    seen.insert(k);
    k
}

/// The locale key and the clause of a rule's reason, interned ([`intern`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Said {
    pub key: &'static str,
    pub clause: &'static str,
}

/// The entity a question id is read from, by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Ent = 0,
    Sys = 1,
    Wave = 2,
    Prov = 3,
}

fn kind(id: &str) -> Kind {
    if id.starts_with("sys.") {
        Kind::Sys
    } else if id.starts_with("wave.") {
        Kind::Wave
    } else if id.starts_with("prov.") {
        Kind::Prov
    } else {
        Kind::Ent
    }
}

/// Where a compiled condition reads a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Q {
    /// An answer: the slot of the question among its kind's ids.
    Slot(Kind, usize),
    /// `sys.name` (`System::name`).
    SysName,
    /// `sys.depends_on` (`System::depends_on`).
    SysDeps,
    /// `prov.name` (`Provider::name`).
    ProvName,
}

/// A compiled [`Cond`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum C {
    Always,
    Answered(Q),
    Yes(Q),
    No(Q),
    Is(Q, String),
    Lt(Q, f64),
    Gt(Q, f64),
    /// Any entity in context has a fact of this mask.
    Fact(u64),
    Not(Box<C>),
    All(Vec<C>),
    Any(Vec<C>),
}

/// An entity's answers by slot; `None` = unanswered (as [`Answers::get`]: blank text and empty
/// choices count as unanswered).
pub(crate) type Table<'a> = Vec<Option<&'a Answer>>;

/// What a compiled condition is evaluated against: the enterprise, and optionally one system,
/// one wave and one provider, with the facts of all of them or-ed together.
#[derive(Clone, Copy)]
pub(crate) struct Fx<'a> {
    pub ent: &'a [Option<&'a Answer>],
    pub facts: u64,
    pub sys: Option<(&'a System, &'a [Option<&'a Answer>])>,
    pub wave: Option<&'a [Option<&'a Answer>]>,
    pub prov: Option<(&'a Provider, &'a [Option<&'a Answer>])>,
}

impl<'a> Fx<'a> {
    /// Enterprise only.
    pub fn once(ent: &'a [Option<&'a Answer>], facts: &facts::Facts) -> Fx<'a> {
        Fx {
            ent,
            facts: facts.bits(),
            sys: None,
            wave: None,
            prov: None,
        }
    }

    pub fn with_system(
        mut self,
        sys: &'a System,
        table: &'a [Option<&'a Answer>],
        f: &facts::Facts,
    ) -> Self {
        self.sys = Some((sys, table));
        self.facts |= f.bits();
        self
    }

    pub fn with_wave(mut self, table: &'a [Option<&'a Answer>], f: &facts::Facts) -> Self {
        self.wave = Some(table);
        self.facts |= f.bits();
        self
    }

    pub fn with_provider(
        mut self,
        prov: &'a Provider,
        table: &'a [Option<&'a Answer>],
        f: &facts::Facts,
    ) -> Self {
        self.prov = Some((prov, table));
        self.facts |= f.bits();
        self
    }

    fn value(&self, q: Q) -> Option<&'a Answer> {
        let (table, i) = match q {
            Q::Slot(Kind::Ent, i) => (Some(self.ent), i),
            Q::Slot(Kind::Sys, i) => (self.sys.map(|(_, t)| t), i),
            Q::Slot(Kind::Wave, i) => (self.wave, i),
            Q::Slot(Kind::Prov, i) => (self.prov.map(|(_, t)| t), i),
            Q::SysName | Q::SysDeps | Q::ProvName => return None,
        };
        table.and_then(|t| t.get(i).copied().flatten())
    }

    fn answered(&self, q: Q) -> bool {
        match q {
            Q::SysName => self.sys.is_some_and(|(s, _)| !s.name.trim().is_empty()),
            Q::SysDeps => self.sys.is_some_and(|(s, _)| !s.depends_on.is_empty()),
            Q::ProvName => self.prov.is_some_and(|(p, _)| !p.name.trim().is_empty()),
            Q::Slot(..) => self.value(q).is_some(),
        }
    }
}

/// Whether `c` holds in `fx`.
pub(crate) fn eval(c: &C, fx: &Fx) -> bool {
    match c {
        C::Always => true,
        C::Answered(q) => fx.answered(*q),
        C::Yes(q) => matches!(fx.value(*q), Some(Answer::YesNo(true))),
        C::No(q) => matches!(fx.value(*q), Some(Answer::YesNo(false))),
        C::Is(q, option) => match fx.value(*q) {
            Some(Answer::Choice(c)) => c == option,
            Some(Answer::Choices(cs)) => cs.iter().any(|o| o == option),
            _ => false,
        },
        C::Lt(q, v) => matches!(fx.value(*q), Some(Answer::Number(n)) if n.is_finite() && n < v),
        C::Gt(q, v) => matches!(fx.value(*q), Some(Answer::Number(n)) if n.is_finite() && n > v),
        C::Fact(mask) => fx.facts & mask != 0,
        C::Not(c) => !eval(c, fx),
        C::All(cs) => cs.iter().all(|c| eval(c, fx)),
        C::Any(cs) => cs.iter().any(|c| eval(c, fx)),
    }
}

/// An answer as [`Answers::get`] sees it.
fn effective(a: &Answer) -> Option<&Answer> {
    match a {
        Answer::Text(t) if t.trim().is_empty() => None,
        Answer::Choices(c) if c.is_empty() => None,
        other => Some(other),
    }
}

/// Reads `answers` into a table of `slots` (sorted and distinct, as [`Rules::slots`] are),
/// appending to `out`: one pass over both sorted lists, one comparison per step.
pub(crate) fn table_into<'a, S: AsRef<str>>(
    slots: &[S],
    answers: &'a Answers,
    out: &mut Table<'a>,
) {
    use std::cmp::Ordering;
    let mut it = answers.0.iter();
    let mut cur = it.next();
    for slot in slots {
        let slot = slot.as_ref();
        let found = loop {
            let Some((k, a)) = cur else {
                break None;
            };
            match k.as_str().cmp(slot) {
                Ordering::Less => cur = it.next(),
                Ordering::Equal => {
                    cur = it.next();
                    break effective(a);
                }
                Ordering::Greater => break None,
            }
        };
        out.push(found);
    }
}

/// The answer in `slot` of a table (`None` for no slot or out of range: unanswered).
pub(crate) fn at<'a>(table: &[Option<&'a Answer>], slot: Option<usize>) -> Option<&'a Answer> {
    slot.and_then(|i| table.get(i).copied().flatten())
}

// The typed getters of [`Answers`], over a table entry (blank texts and empty choices are
// already unanswered there).

pub(crate) fn choice_of(a: Option<&Answer>) -> Option<&str> {
    match a {
        Some(Answer::Choice(c)) => Some(c.as_str()),
        _ => None,
    }
}

pub(crate) fn choices_of(a: Option<&Answer>) -> &[String] {
    match a {
        Some(Answer::Choices(c)) => c,
        _ => &[],
    }
}

pub(crate) fn number_of(a: Option<&Answer>) -> Option<f64> {
    match a {
        Some(Answer::Number(n)) if n.is_finite() => Some(*n),
        _ => None,
    }
}

pub(crate) fn rating_of(a: Option<&Answer>) -> Option<u8> {
    match a {
        Some(Answer::Rating(r)) if (1..=5).contains(r) => Some(*r),
        _ => None,
    }
}

/// The slots, in a system's table, of the answers the engine reads outside the rules (base
/// facts, the strategy override, SLA needs, angles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SysSlots {
    pub users: Option<usize>,
    pub sensitivity: Option<usize>,
    pub usage: Option<usize>,
    pub window: Option<usize>,
    pub max_outage: Option<usize>,
    pub database: Option<usize>,
    pub five_points: [Option<usize>; 5],
    pub strategy: Option<usize>,
    pub availability: Option<usize>,
    pub rto: Option<usize>,
    /// Per angle of `rules.angles`, in order.
    pub angles: Vec<Option<usize>>,
}

/// The answers the base facts read (see [`SysSlots`]); `five_points` are the §十二 points.
pub(crate) const FIVE_POINTS: [&str; 5] = [
    "sys.f_value",
    "sys.f_elastic",
    "sys.f_compat",
    "sys.f_data_ok",
    "sys.f_mode",
];

/// [`table_into`] a new table.
pub(crate) fn table<'a>(slots: &[String], answers: &'a Answers) -> Table<'a> {
    let mut out = Vec::with_capacity(slots.len());
    table_into(slots, answers, &mut out);
    out
}

/// A readiness item compiled: `among`, `when`, whether any question it reads is answered
/// (`asked`: a loss is "unanswered" when not), and its parts.
#[derive(Debug)]
pub(crate) struct ReadyC {
    pub among: C,
    pub when: C,
    pub asked: C,
    pub parts: Vec<C>,
    /// `missing`: what names a loss when `when` fails.
    pub missing: Vec<C>,
}

/// Every condition of the shipped rules, compiled, in the order of the content's lists.
#[derive(Debug)]
pub(crate) struct Rules {
    /// Question ids used by the rules, per [`Kind`], sorted.
    slots: [Vec<String>; 4],
    /// `rules.priority`.
    pub priority: Vec<C>,
    /// `rules.verdict.not_now`, `.transform`, `.go`.
    pub not_now: Vec<C>,
    pub transform: Vec<C>,
    pub go: Vec<C>,
    pub strategy: Vec<C>,
    pub risks: Vec<C>,
    /// `rules.difficulty.high`, `.medium`.
    pub diff_high: Vec<C>,
    pub diff_medium: Vec<C>,
    /// The `suggest` conditions of each catalogue service, in `Content::services` order.
    pub services: Vec<Vec<C>>,
    /// The `need` conditions of each catalogue service with their gap's text (`gap.<why>`),
    /// in `Content::services` order.
    pub service_needs: Vec<Vec<(C, &'static str)>>,
    /// Each readiness item compiled, per step in `StepId::ALL` order.
    pub readiness: Vec<Vec<ReadyC>>,
    /// `(among, when)` of each checklist rule.
    pub checklist: Vec<(C, C)>,
    /// `(among, when)` of each star cap (`rules.caps`).
    pub caps: Vec<(C, C)>,
    /// The locale keys and clauses of the reasons and items, parallel to the lists above:
    /// `prio.<id>`, `why.verdict.<id>` (not now, transform, go), `why.strategy.<id>`,
    /// `risk.<id>`, `check.<id>`.
    pub priority_keys: Vec<Said>,
    pub not_now_keys: Vec<Said>,
    pub transform_keys: Vec<Said>,
    pub go_keys: Vec<Said>,
    pub strategy_keys: Vec<Said>,
    pub risk_keys: Vec<Said>,
    /// `why.difficulty.<id>` of the high, then the medium rules.
    pub diff_high_keys: Vec<Said>,
    pub diff_medium_keys: Vec<Said>,
    pub check_keys: Vec<Said>,
    /// The per-system questions whose absence counts as missing (`systems::missing`), in
    /// question order, with their slots in a system's table.
    pub missing: Vec<(String, usize)>,
    /// Slots of the answers read outside the rules.
    pub sys_slots: SysSlots,
}

impl Rules {
    /// The compiled rules of `content`, built on first use.
    pub fn of(content: &Content) -> &Rules {
        content.engine_rules.get_or_init(|| Rules::new(content))
    }

    pub fn slots(&self, k: Kind) -> &[String] {
        &self.slots[k as usize]
    }

    /// The slot of `id` in a system's table: every per-system question has one, and so does
    /// every answer the engine reads from a system.
    pub fn sys_slot(&self, id: &str) -> Option<usize> {
        self.slots[Kind::Sys as usize]
            .binary_search_by(|s| s.as_str().cmp(id))
            .ok()
    }

    fn new(content: &Content) -> Rules {
        let rules = &content.rules;
        let readiness_items = |step: StepId| {
            rules
                .readiness
                .get(&format!("s{}", step.number()))
                .map(Vec::as_slice)
                .unwrap_or(&[])
        };
        // Every condition, to collect the question ids.
        let mut all: Vec<&Cond> = Vec::new();
        all.extend(rules.priority.iter().map(|r| &r.when));
        for list in [
            &rules.verdict.not_now,
            &rules.verdict.transform,
            &rules.verdict.go,
        ] {
            all.extend(list.iter().map(|r| &r.when));
        }
        all.extend(rules.strategy.iter().map(|r| &r.when));
        all.extend(rules.risks.iter().map(|r| &r.when));
        all.extend(rules.difficulty.high.iter().map(|r| &r.when));
        all.extend(rules.difficulty.medium.iter().map(|r| &r.when));
        all.extend(content.services().flat_map(|(_, s)| s.suggest.iter()));
        all.extend(
            content
                .services()
                .flat_map(|(_, s)| s.need.iter().map(|n| &n.when)),
        );
        for step in StepId::ALL {
            for i in readiness_items(step) {
                all.extend([&i.among, &i.when]);
                all.extend(i.parts.iter().map(|p| &p.when));
                all.extend(i.missing.iter().map(|p| &p.when));
            }
        }
        all.extend(
            content
                .checklist
                .rules
                .iter()
                .flat_map(|r| [&r.among, &r.when]),
        );
        all.extend(rules.caps.iter().flat_map(|r| [&r.among, &r.when]));
        let mut ids: [BTreeSet<&str>; 4] = Default::default();
        for c in all {
            super::cond::walk(c, &mut |c| {
                let id = match c {
                    Cond::Answered(id)
                    | Cond::Yes(id)
                    | Cond::No(id)
                    | Cond::Is(id, _)
                    | Cond::Lt(id, _)
                    | Cond::Gt(id, _) => id.as_str(),
                    _ => return,
                };
                ids[kind(id) as usize].insert(id);
            });
        }
        // The questions whose absence is reported are read with the same table.
        let missing_ids: Vec<&str> = content
            .questions()
            .filter(|q| super::systems::counts_as_missing(q))
            .map(|q| q.id.as_str())
            .collect();
        ids[Kind::Sys as usize].extend(missing_ids.iter().copied());
        // So are every per-system question (validation reads them all from the same table)
        // and every answer the engine reads from a system outside the rules.
        let sla = &rules.sla;
        let read = [
            "sys.users",
            "sys.sensitivity",
            "sys.usage",
            "sys.f_window",
            "sys.f_max_outage",
            "sys.database",
            super::systems::STRATEGY_QUESTION,
            sla.system_availability.as_str(),
            sla.system_rto.as_str(),
        ];
        ids[Kind::Sys as usize].extend(
            content
                .questions()
                .filter(|q| q.scope == Scope::System)
                .map(|q| q.id.as_str())
                .chain(read)
                .chain(FIVE_POINTS)
                .chain(rules.angles.iter().map(|a| a.system_question.as_str())),
        );
        let slots = ids.map(|set| set.into_iter().map(str::to_owned).collect::<Vec<_>>());
        let sys_slot = |id: &str| {
            slots[Kind::Sys as usize]
                .binary_search_by(|s| s.as_str().cmp(id))
                .ok()
        };
        let sys_slots = SysSlots {
            users: sys_slot("sys.users"),
            sensitivity: sys_slot("sys.sensitivity"),
            usage: sys_slot("sys.usage"),
            window: sys_slot("sys.f_window"),
            max_outage: sys_slot("sys.f_max_outage"),
            database: sys_slot("sys.database"),
            five_points: FIVE_POINTS.map(sys_slot),
            strategy: sys_slot(super::systems::STRATEGY_QUESTION),
            availability: sys_slot(&sla.system_availability),
            rto: sys_slot(&sla.system_rto),
            angles: rules
                .angles
                .iter()
                .map(|a| sys_slot(&a.system_question))
                .collect(),
        };
        let missing = missing_ids
            .iter()
            .map(|id| {
                let slot = slots[Kind::Sys as usize]
                    .binary_search_by(|s| s.as_str().cmp(id))
                    .unwrap_or(usize::MAX);
                ((*id).to_owned(), slot)
            })
            .collect();
        let cx = Compiler { slots: &slots };
        let list = |conds: &mut dyn Iterator<Item = &Cond>| conds.map(|c| cx.compile(c)).collect();
        let pair = |among: &Cond, when: &Cond| (cx.compile(among), cx.compile(when));
        let keys = |prefix: &str, ids: &mut dyn Iterator<Item = (&String, &String)>| {
            ids.map(|(id, clause)| Said {
                key: intern(&format!("{prefix}{id}")),
                clause: intern(clause),
            })
            .collect::<Vec<_>>()
        };
        let v = &rules.verdict;
        Rules {
            priority_keys: keys(
                "prio.",
                &mut rules.priority.iter().map(|r| (&r.id, &r.clause)),
            ),
            not_now_keys: keys(
                "why.verdict.",
                &mut v.not_now.iter().map(|r| (&r.id, &r.clause)),
            ),
            transform_keys: keys(
                "why.verdict.",
                &mut v.transform.iter().map(|r| (&r.id, &r.clause)),
            ),
            go_keys: keys("why.verdict.", &mut v.go.iter().map(|r| (&r.id, &r.clause))),
            strategy_keys: keys(
                "why.strategy.",
                &mut rules.strategy.iter().map(|r| (&r.id, &r.clause)),
            ),
            risk_keys: keys("risk.", &mut rules.risks.iter().map(|r| (&r.id, &r.clause))),
            diff_high_keys: keys(
                "why.difficulty.",
                &mut rules.difficulty.high.iter().map(|r| (&r.id, &r.clause)),
            ),
            diff_medium_keys: keys(
                "why.difficulty.",
                &mut rules.difficulty.medium.iter().map(|r| (&r.id, &r.clause)),
            ),
            check_keys: keys(
                "check.",
                &mut content.checklist.rules.iter().map(|r| (&r.id, &r.clause)),
            ),
            missing,
            priority: list(&mut rules.priority.iter().map(|r| &r.when)),
            not_now: list(&mut rules.verdict.not_now.iter().map(|r| &r.when)),
            transform: list(&mut rules.verdict.transform.iter().map(|r| &r.when)),
            go: list(&mut rules.verdict.go.iter().map(|r| &r.when)),
            strategy: list(&mut rules.strategy.iter().map(|r| &r.when)),
            risks: list(&mut rules.risks.iter().map(|r| &r.when)),
            diff_high: list(&mut rules.difficulty.high.iter().map(|r| &r.when)),
            diff_medium: list(&mut rules.difficulty.medium.iter().map(|r| &r.when)),
            services: content
                .services()
                .map(|(_, s)| list(&mut s.suggest.iter()))
                .collect(),
            service_needs: content
                .services()
                .map(|(_, s)| {
                    s.need
                        .iter()
                        .map(|n| (cx.compile(&n.when), intern(&format!("gap.{}", n.why))))
                        .collect()
                })
                .collect(),
            readiness: StepId::ALL
                .iter()
                .map(|s| {
                    readiness_items(*s)
                        .iter()
                        .map(|i| ReadyC {
                            among: cx.compile(&i.among),
                            when: cx.compile(&i.when),
                            asked: cx.compile(&asked(
                                std::iter::once(&i.when)
                                    .chain(i.parts.iter().chain(&i.missing).map(|p| &p.when)),
                            )),
                            parts: i.parts.iter().map(|p| cx.compile(&p.when)).collect(),
                            missing: i.missing.iter().map(|p| cx.compile(&p.when)).collect(),
                        })
                        .collect()
                })
                .collect(),
            checklist: content
                .checklist
                .rules
                .iter()
                .map(|r| pair(&r.among, &r.when))
                .collect(),
            caps: rules.caps.iter().map(|r| pair(&r.among, &r.when)).collect(),
            slots,
            sys_slots,
        }
    }
}

/// `Any(Answered(q))` over the questions `conds` read (names excluded): false when none of
/// them is answered.
fn asked<'c>(conds: impl Iterator<Item = &'c Cond>) -> Cond {
    let mut ids: Vec<String> = Vec::new();
    for c in conds {
        super::cond::walk(c, &mut |c| match c {
            Cond::Answered(id)
            | Cond::Yes(id)
            | Cond::No(id)
            | Cond::Is(id, _)
            | Cond::Lt(id, _)
            | Cond::Gt(id, _)
                if !ids.contains(id) =>
            {
                ids.push(id.clone());
            }
            _ => {}
        });
    }
    if ids.is_empty() {
        // Nothing to answer (facts only): never "unanswered".
        return Cond::Always;
    }
    Cond::Any(ids.into_iter().map(Cond::Answered).collect())
}

struct Compiler<'s> {
    slots: &'s [Vec<String>; 4],
}

impl Compiler<'_> {
    fn q(&self, id: &str) -> Q {
        match id {
            SYSTEM_NAME => Q::SysName,
            "sys.depends_on" => Q::SysDeps,
            PROVIDER_NAME => Q::ProvName,
            _ => {
                let k = kind(id);
                // Every id was collected before compiling, so the search always succeeds; an
                // out-of-range slot would read as unanswered, so a missing one fails the tests
                // (which compile every shipped rule) rather than silently.
                let i = self.slots[k as usize]
                    .binary_search_by(|s| s.as_str().cmp(id))
                    .unwrap_or(usize::MAX);
                debug_assert!(i != usize::MAX, "{id} is not among the compiled slots");
                Q::Slot(k, i)
            }
        }
    }

    fn compile(&self, c: &Cond) -> C {
        match c {
            Cond::Always => C::Always,
            Cond::Answered(id) => C::Answered(self.q(id)),
            Cond::Yes(id) => C::Yes(self.q(id)),
            Cond::No(id) => C::No(self.q(id)),
            Cond::Is(id, o) => C::Is(self.q(id), o.clone()),
            Cond::Lt(id, v) => C::Lt(self.q(id), *v),
            Cond::Gt(id, v) => C::Gt(self.q(id), *v),
            Cond::Fact(name) => C::Fact(facts::bit(name)),
            Cond::Not(c) => C::Not(Box::new(self.compile(c))),
            Cond::All(cs) => C::All(cs.iter().map(|c| self.compile(c)).collect()),
            Cond::Any(cs) => C::Any(cs.iter().map(|c| self.compile(c)).collect()),
        }
    }
}
