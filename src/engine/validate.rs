//! Validation: typed input → answers, stored answers → problems, steps → status.
//!
//! - [`parse_input`] turns what the user typed into an [`Answer`] for a question, leniently
//!   (`99.9`, `1,000`, full-width digits `９９`, a `%` suffix on percentages, `是`/`yes`) and
//!   strictly where it matters (ranges, real calendar dates, length in characters). Empty input
//!   clears the answer (`Ok(None)`).
//! - [`check_answer`] checks a stored answer against its question (variant, options, range) —
//!   saves may be hand-edited.
//! - [`problems`] lists what is wrong or missing on one screen; a problem blocks "Next" only for
//!   `required: true` questions (a later step depends on them). [`screen_status`] and
//!   [`step_status`] summarise a screen for the sidebar; [`profile_problems`] checks a whole
//!   save (the `check` command), including references a hand edit may break.
//!
//! Messages are `val.*` texts that say what is wrong and how to fix it; the caller shows the
//! entity (which system, wave or provider) from [`Problem::entity`].
//!
//! Over 1,000 lines: typed input per question kind, stored answers, the sidebar's statuses and
//! completeness share one scan of the content (`Scan`); the scan is the part to move into its
//! own module when it grows. A third of the file is its tests.

use super::compiled::Rules;
use super::waves::WaveRef;
use super::{Completeness, Count, StepCount};
use crate::content::{Content, Name, QuestionDef, QuestionKind, Scope, StepDef, Text};
use crate::model::{Answer, Answers, PROVIDER_NAME, Profile, SYSTEM_NAME, StepId, SystemId};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Every `val.*` key this module produces (the lint checks both locales have them).
pub const KEYS: &[&str] = &[
    "val.required",
    "val.too_long",
    "val.refused_long",
    "val.one_line",
    "val.not_number",
    "val.not_integer",
    "val.out_of_range",
    "val.bad_date",
    "val.unknown_option",
    "val.yes_no",
    "val.rating",
    "val.not_typed",
    "val.wrong_kind",
    "val.no_systems",
    "val.duplicate_name",
    "val.duplicate_provider",
    "val.unknown_question",
    "val.bad_dependency",
    "val.duplicate_id",
];

/// Who a problem is about.
pub use crate::model::Entity;

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

/// A screen's status in the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Complete,
    Problems,
}

// ---------------------------------------------------------------- typed input

fn label(q: &QuestionDef) -> String {
    format!("q.{}.label", q.id)
}

/// Full-width digits and punctuation to ASCII; whitespace removed.
fn ascii_number(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '％' => '%',
            '／' => '/',
            c => c,
        })
        .collect()
}

/// Parses a decimal number: optional sign, digits with optional `,` thousands groups, optional
/// fraction. Rejects `inf`, `NaN`, exponents and malformed groups such as `1,00`.
pub fn parse_number(raw: &str, allow_percent: bool) -> Option<f64> {
    let s = ascii_number(raw);
    let s = match s.strip_suffix('%') {
        Some(rest) if allow_percent => rest,
        Some(_) => return None,
        None => s.as_str(),
    };
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if int.is_empty() && frac.is_none() {
        return None;
    }
    let digits_ok = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || !digits_ok(first) {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && digits_ok(g)) {
            return None;
        }
    } else if !digits_ok(int) {
        return None;
    }
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    let cleaned =
        if cleaned.starts_with('.') || cleaned.starts_with("-.") || cleaned.starts_with("+.") {
            cleaned.replacen('.', "0.", 1)
        } else {
            cleaned
        };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The blackout questions (`s6.blackouts`, `sys.blackouts`): text read as periods
/// ([`super::blackout`]).
fn is_blackouts(q: &QuestionDef) -> bool {
    q.id == super::blackout::ENTERPRISE || q.id == super::blackout::SYSTEM
}

/// A real calendar date `YYYY-MM-DD` (also `YYYY/M/D` and full-width digits when typed),
/// normalised to `YYYY-MM-DD`.
pub fn parse_date(raw: &str) -> Option<String> {
    let s = ascii_number(raw);
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, lens: &[usize]| {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y, &[4])?, num(m, &[1, 2])?, num(d, &[1, 2])?);
    // the calendar is jiff's (crate::model::date)
    let real = crate::model::date::Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .is_ok();
    (y >= 1000 && real).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A stored date must be exactly `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    s.len() == 10 && s.is_ascii() && parse_date(s).as_deref() == Some(s)
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "是" | "有" | "对" | "已" | "是的" => Some(true),
        "n" | "no" | "false" | "0" | "否" | "无" | "没有" | "不" | "未" => Some(false),
        _ => None,
    }
}

fn out_of_range(min: f64, max: f64, unit: &str) -> Text {
    Text::new("val.out_of_range")
        .num("min", min, 4)
        .num("max", max, 4)
        .key("unit", format!("unit.{unit}"))
}

fn unknown_option(keys: Vec<String>) -> Text {
    Text::new("val.unknown_option").keys("options", keys)
}

/// Option ids of a choice question (services for the catalogue), with their label keys.
fn choices(content: &Content, kind: &QuestionKind) -> Vec<(String, String)> {
    match kind {
        QuestionKind::Single(set) | QuestionKind::Multi(set) => content
            .options(set)
            .iter()
            .map(|o| (o.clone(), format!("opt.{set}.{o}")))
            .collect(),
        QuestionKind::Catalogue => content
            .services()
            .map(|(_, s)| (s.id.clone(), format!("svc.{}", s.id)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether `id` is an option of a choice question, without allocating.
fn is_option(content: &Content, kind: &QuestionKind, id: &str) -> bool {
    match kind {
        QuestionKind::Single(set) | QuestionKind::Multi(set) => {
            content.options(set).iter().any(|o| o == id)
        }
        QuestionKind::Catalogue => content.services().any(|(_, s)| s.id == id),
        _ => false,
    }
}

/// Matches typed text to an option by id or by its label in either language.
fn find_option(content: &Content, options: &[(String, String)], raw: &str) -> Option<String> {
    let raw = raw.trim();
    options
        .iter()
        .find(|(id, key)| {
            id.eq_ignore_ascii_case(raw)
                || crate::model::Lang::ALL
                    .iter()
                    .any(|l| content.t(*l, key).trim().eq_ignore_ascii_case(raw))
        })
        .map(|(id, _)| id.clone())
}

/// How many characters a number or a date field holds: more than any valid entry needs.
pub const SHORT_INPUT_MAX: usize = 40;

/// How many characters the user may type into the field of `q`: its `max` for text, the same
/// for system and provider names wherever they are typed, [`SHORT_INPUT_MAX`] for numbers and
/// dates. Typing or pasting past it is refused whole (`val.refused_long`), never cut off.
pub fn input_limit(q: &QuestionDef) -> usize {
    match q.kind {
        QuestionKind::Text { max } | QuestionKind::LongText { max } => max,
        _ => SHORT_INPUT_MAX,
    }
}

/// The message for text refused by [`input_limit`].
pub fn refused_long(q: &QuestionDef) -> Text {
    Text::new("val.refused_long").num("max", input_limit(q) as f64, 0)
}

/// Turns typed text into an answer for `q`. Empty (or blank) input is `Ok(None)`: the answer is
/// cleared.
pub fn parse_input(content: &Content, q: &QuestionDef, raw: &str) -> Result<Option<Answer>, Text> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if is_blackouts(q) {
        super::blackout::parse(trimmed)?;
    }
    let answer = match &q.kind {
        QuestionKind::Text { max } => {
            if trimmed.chars().any(char::is_control) {
                return Err(Text::new("val.one_line"));
            }
            if trimmed.chars().count() > *max {
                return Err(Text::new("val.too_long").num("max", *max as f64, 0));
            }
            Answer::Text(trimmed.to_owned())
        }
        QuestionKind::LongText { max } => {
            if trimmed.chars().count() > *max {
                return Err(Text::new("val.too_long").num("max", *max as f64, 0));
            }
            Answer::Text(trimmed.to_owned())
        }
        QuestionKind::Number {
            unit,
            min,
            max,
            integer,
        } => {
            let v = parse_number(trimmed, unit == "percent")
                .ok_or_else(|| Text::new("val.not_number"))?;
            if v < *min || v > *max {
                return Err(out_of_range(*min, *max, unit));
            }
            if *integer && v.fract() != 0.0 {
                return Err(Text::new("val.not_integer"));
            }
            Answer::Number(v)
        }
        QuestionKind::Date => {
            Answer::Text(parse_date(trimmed).ok_or_else(|| Text::new("val.bad_date"))?)
        }
        QuestionKind::Single(_) => {
            let options = choices(content, &q.kind);
            match find_option(content, &options, trimmed) {
                Some(id) => Answer::Choice(id),
                None => {
                    return Err(unknown_option(
                        options.into_iter().map(|(_, k)| k).collect(),
                    ));
                }
            }
        }
        QuestionKind::Multi(_) | QuestionKind::Catalogue => {
            let options = choices(content, &q.kind);
            let mut picked = BTreeSet::new();
            for part in trimmed
                .split([',', '，', '、', ';', '；', '\n'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                match find_option(content, &options, part) {
                    Some(id) => {
                        picked.insert(id);
                    }
                    None => {
                        return Err(unknown_option(
                            options.into_iter().map(|(_, k)| k).collect(),
                        ));
                    }
                }
            }
            // In the order of the option set.
            let ids: Vec<String> = options
                .into_iter()
                .map(|(id, _)| id)
                .filter(|id| picked.contains(id))
                .collect();
            if ids.is_empty() {
                return Ok(None);
            }
            Answer::Choices(ids)
        }
        QuestionKind::YesNo => {
            Answer::YesNo(yes_no(trimmed).ok_or_else(|| Text::new("val.yes_no"))?)
        }
        QuestionKind::Rating => match parse_number(trimmed, false) {
            Some(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Answer::Rating(v as u8),
            _ => return Err(Text::new("val.rating")),
        },
        QuestionKind::Dependencies => return Err(Text::new("val.not_typed")),
    };
    Ok(Some(answer))
}

/// Checks a stored answer against its question: the variant fits the kind, options exist, the
/// value is in range.
pub fn check_answer(content: &Content, q: &QuestionDef, answer: &Answer) -> Result<(), Text> {
    let wrong = || Err(Text::new("val.wrong_kind").key("question", label(q)));
    match (&q.kind, answer) {
        (QuestionKind::Text { max }, Answer::Text(t))
        | (QuestionKind::LongText { max }, Answer::Text(t)) => {
            if t.chars().count() > *max {
                return Err(Text::new("val.too_long").num("max", *max as f64, 0));
            }
            if is_blackouts(q) {
                super::blackout::parse(t)?;
            }
            Ok(())
        }
        (QuestionKind::Date, Answer::Text(t)) => {
            if t.trim().is_empty() || is_date(t) {
                Ok(())
            } else {
                Err(Text::new("val.bad_date"))
            }
        }
        (
            QuestionKind::Number {
                unit,
                min,
                max,
                integer,
            },
            Answer::Number(v),
        ) => {
            if !(v.is_finite() && *v >= *min && *v <= *max) {
                Err(out_of_range(*min, *max, unit))
            } else if *integer && v.fract() != 0.0 {
                Err(Text::new("val.not_integer"))
            } else {
                Ok(())
            }
        }
        (QuestionKind::Single(_), Answer::Choice(c)) => {
            if is_option(content, &q.kind, c) {
                Ok(())
            } else {
                Err(unknown_option(
                    choices(content, &q.kind)
                        .into_iter()
                        .map(|(_, k)| k)
                        .collect(),
                ))
            }
        }
        (QuestionKind::Multi(_) | QuestionKind::Catalogue, Answer::Choices(cs)) => {
            let unique = cs.iter().enumerate().all(|(i, c)| !cs[..i].contains(c));
            if unique && cs.iter().all(|c| is_option(content, &q.kind, c)) {
                Ok(())
            } else {
                Err(unknown_option(
                    choices(content, &q.kind)
                        .into_iter()
                        .map(|(_, k)| k)
                        .collect(),
                ))
            }
        }
        (QuestionKind::YesNo, Answer::YesNo(_)) => Ok(()),
        (QuestionKind::Rating, Answer::Rating(r)) => {
            if (1..=5).contains(r) {
                Ok(())
            } else {
                Err(Text::new("val.rating"))
            }
        }
        _ => wrong(),
    }
}

/// Whether `answer` is a valid choice of a single/multiple choice question `q` whose options
/// are `options`: exactly when [`check_answer`] accepts it, for those kinds. False for any
/// other kind or answer (then [`check_answer`] decides).
fn choice_ok(q: &QuestionDef, options: &[String], answer: &Answer) -> bool {
    match (&q.kind, answer) {
        (QuestionKind::Single(_), Answer::Choice(c)) => options.iter().any(|o| o == c),
        (QuestionKind::Multi(_), Answer::Choices(cs)) => cs.iter().enumerate().all(|(i, c)| {
            !cs.get(..i).is_some_and(|before| before.contains(c)) && options.iter().any(|o| o == c)
        }),
        _ => false,
    }
}

// ---------------------------------------------------------------- problems

fn screen(content: &Content, step: Option<StepId>) -> &StepDef {
    match step {
        None => &content.profile,
        Some(s) => content.step(s),
    }
}

/// What one question's answer looks like for one entity.
enum Found<'a> {
    Missing,
    Answer(&'a Answer),
    /// A name field (`sys.name`, `prov.name`) with text.
    Name,
    /// Not checkable per entity (dependencies).
    Skip,
}

fn found<'a>(answers: &'a Answers, q: &QuestionDef) -> Found<'a> {
    if q.kind == QuestionKind::Dependencies {
        return Found::Skip;
    }
    match answers.get(&q.id) {
        Some(a) => Found::Answer(a),
        None => Found::Missing,
    }
}

fn name(n: &str) -> Found<'static> {
    if n.trim().is_empty() {
        Found::Missing
    } else {
        Found::Name
    }
}

/// Every system's answers to every per-system question, one system after another, read once
/// (one merge of two sorted lists per system: [`super::Tables`]) and shared by the screens.
#[derive(Clone, Copy)]
struct SysAnswers<'a> {
    rules: &'a Rules,
    table: &'a [Option<&'a Answer>],
    stride: usize,
}

impl<'a> SysAnswers<'a> {
    /// `tables` were read with the rules of `content`.
    fn new(content: &'a Content, tables: &'a super::Tables<'a>) -> Self {
        SysAnswers {
            rules: Rules::of(content),
            table: &tables.sys,
            stride: tables.stride,
        }
    }

    /// The answer of system `i` to `q` (`None`: unanswered).
    fn get(&self, i: usize, slot: Option<usize>) -> Option<&'a Answer> {
        let j = slot?;
        self.table.get(i * self.stride + j).copied().flatten()
    }
}

/// One screen of one profile, ready to be checked: each system's answers are read from the
/// shared [`SysAnswers`] rather than looked up by string for every question.
struct Scan<'a> {
    def: &'a StepDef,
    profile: &'a Profile,
    waves: &'a [WaveRef],
    sys: SysAnswers<'a>,
}

impl<'a> Scan<'a> {
    fn new(
        profile: &'a Profile,
        def: &'a StepDef,
        waves: &'a [WaveRef],
        sys: SysAnswers<'a>,
    ) -> Scan<'a> {
        Scan {
            def,
            profile,
            waves,
            sys,
        }
    }

    /// Calls `f` with every (entity, found answer) a question has in the profile, in entity
    /// order.
    fn each(&self, q: &QuestionDef, mut f: impl FnMut(Entity, Found<'a>)) {
        let profile = self.profile;
        match q.scope {
            Scope::Enterprise => f(Entity::Enterprise, found(&profile.answers, q)),
            Scope::System => {
                let slot = self.sys.rules.sys_slot(&q.id);
                for (i, s) in profile.systems.iter().enumerate() {
                    let found = if q.id == SYSTEM_NAME {
                        name(&s.name)
                    } else if q.kind == QuestionKind::Dependencies
                        || q.id == super::systems::PIN_QUESTION
                        || q.id == super::blackout::SYSTEM
                    {
                        // "none" and "no pin" look like unanswered: neither is missing
                        Found::Skip
                    } else {
                        match self.sys.get(i, slot) {
                            Some(a) => Found::Answer(a),
                            None => Found::Missing,
                        }
                    };
                    f(Entity::System(s.id), found);
                }
            }
            Scope::Wave => {
                for w in self.waves {
                    let found = w.answers(profile).map_or(Found::Missing, |a| found(a, q));
                    f(Entity::Wave(*w), found);
                }
            }
            Scope::Provider => {
                for p in &profile.providers {
                    let found = if q.id == PROVIDER_NAME {
                        name(&p.name)
                    } else {
                        found(&p.answers, q)
                    };
                    f(Entity::Provider(p.id), found);
                }
            }
        }
    }

    /// The first of `q`'s cross-checks (`warn` in `assets/steps.ron`) that holds for `entity`.
    fn warning(&self, q: &QuestionDef, entity: Entity) -> Option<Text> {
        if q.warn.is_empty() {
            return None;
        }
        let none = super::cond::no_facts();
        let mut ctx = super::cond::Subject::once(&self.profile.answers, none);
        match entity {
            Entity::System(id) => ctx = ctx.with_system(self.profile.system(id)?, none),
            Entity::Provider(id) => ctx = ctx.with_provider(self.profile.provider(id)?, none),
            Entity::Wave(w) => ctx = ctx.with_wave(w.number, w.answers(self.profile), none),
            Entity::Enterprise => {}
        }
        q.warn
            .iter()
            .find(|w| super::cond::eval(&w.when, &ctx))
            .map(|w| Text::new(w.text.clone()))
    }

    /// Whether a question has entities in scope.
    fn has_entities(&self, q: &QuestionDef) -> bool {
        match q.scope {
            Scope::Enterprise => true,
            Scope::System => !self.profile.systems.is_empty(),
            Scope::Wave => !self.waves.is_empty(),
            Scope::Provider => !self.profile.providers.is_empty(),
        }
    }

    /// Calls `emit` with each problem, in question order, then entity order, while it returns
    /// true. Returns whether there was any problem.
    fn problems(&self, content: &Content, emit: &mut dyn FnMut(Problem) -> bool) -> bool {
        let profile = self.profile;
        let any = std::cell::Cell::new(false);
        let go = std::cell::Cell::new(true);
        let mut push = |p: Problem| {
            any.set(true);
            if go.get() {
                go.set(emit(p));
            }
        };
        for q in &self.def.questions {
            if q.id == SYSTEM_NAME && profile.systems.is_empty() {
                push(Problem {
                    question: q.id.clone(),
                    entity: Entity::Enterprise,
                    text: Text::new("val.no_systems"),
                    blocks_next: false,
                });
            }
            // A choice question's options, looked up once for all its entities.
            let options = match &q.kind {
                QuestionKind::Single(set) | QuestionKind::Multi(set) => content.options(set),
                _ => &[],
            };
            self.each(q, |entity, f| {
                if !go.get() {
                    return;
                }
                let (text, blocks_next) = match f {
                    Found::Missing if q.required => {
                        (Text::new("val.required").key("question", label(q)), true)
                    }
                    Found::Answer(a) if choice_ok(q, options, a) => return,
                    Found::Answer(a) => match check_answer(content, q, a) {
                        // a cross-check questions the answer; it never blocks
                        Ok(()) => match self.warning(q, entity) {
                            Some(t) => (t, false),
                            None => return,
                        },
                        Err(t) => (t, q.required),
                    },
                    _ => return,
                };
                push(Problem {
                    question: q.id.clone(),
                    entity,
                    text,
                    blocks_next,
                });
            });
            if q.id == SYSTEM_NAME {
                let systems = profile
                    .systems
                    .iter()
                    .map(|s| (Entity::System(s.id), s.name.as_str()));
                duplicates(&mut push, q, systems, "val.duplicate_name");
            }
            if q.id == PROVIDER_NAME {
                let provs = profile
                    .providers
                    .iter()
                    .map(|p| (Entity::Provider(p.id), p.name.as_str()));
                duplicates(&mut push, q, provs, "val.duplicate_provider");
            }
            if !go.get() {
                break;
            }
        }
        any.get()
    }
}

/// What checking screens needs beyond the profile: the waves (for per-wave questions) and the
/// systems' answers. `waves` false leaves the waves out (a screen without wave questions).
struct Prepared<'a> {
    tables: super::Tables<'a>,
    waves: Vec<WaveRef>,
}

impl<'a> Prepared<'a> {
    fn new(content: &Content, profile: &'a Profile, waves: bool) -> Prepared<'a> {
        if waves {
            let e = super::early(content, profile, false);
            Prepared {
                tables: e.tables,
                waves: e.plan.waves.iter().map(WaveRef::of).collect(),
            }
        } else {
            Prepared {
                tables: super::Tables::new(Rules::of(content), profile),
                waves: Vec::new(),
            }
        }
    }

    fn for_screen(content: &Content, profile: &'a Profile, def: &StepDef) -> Prepared<'a> {
        Prepared::new(
            content,
            profile,
            def.questions.iter().any(|q| q.scope == Scope::Wave),
        )
    }
}

fn normalised(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Problems on one screen (`None` = the profile screen), in question order, then entity order.
pub fn problems(content: &Content, profile: &Profile, step: Option<StepId>) -> Vec<Problem> {
    let def = screen(content, step);
    let pre = Prepared::for_screen(content, profile, def);
    problems_in(content, profile, def, &pre)
}

fn problems_in(
    content: &Content,
    profile: &Profile,
    def: &StepDef,
    pre: &Prepared,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let sys = SysAnswers::new(content, &pre.tables);
    Scan::new(profile, def, &pre.waves, sys).problems(content, &mut |p| {
        out.push(p);
        true
    });
    out
}

/// Flags every entity whose (non-empty) name another one also has; not blocking.
fn duplicates<'a>(
    out: &mut dyn FnMut(Problem),
    q: &QuestionDef,
    names: impl Iterator<Item = (Entity, &'a str)>,
    key: &str,
) {
    let names: Vec<(Entity, &str, String)> = names.map(|(e, n)| (e, n, normalised(n))).collect();
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for (_, n, norm) in &names {
        if !n.trim().is_empty() {
            *count.entry(norm.as_str()).or_default() += 1;
        }
    }
    for (entity, n, norm) in &names {
        if count.get(norm.as_str()).is_some_and(|c| *c > 1) {
            let (entity, n) = (*entity, *n);
            out(Problem {
                question: q.id.clone(),
                entity,
                text: Text::new(key).plain("name", n.trim()),
                blocks_next: false,
            });
        }
    }
}

/// The status of a screen (`None` = the profile screen): not started while nothing in scope is
/// answered; otherwise problems win; complete when every question is answered for every entity
/// in scope (a screen with per-system or per-provider questions needs at least one such entity;
/// dependencies are not counted, since "none" is a valid answer).
pub fn screen_status(content: &Content, profile: &Profile, step: Option<StepId>) -> StepStatus {
    let def = screen(content, step);
    let pre = Prepared::for_screen(content, profile, def);
    status_in(content, profile, def, &pre)
}

/// (answered, total) questions of a screen, every question once per entity in scope; a
/// per-system or per-provider question with no such entity counts once, unanswered.
fn count(scan: &Scan, def: &StepDef) -> (usize, usize) {
    let (mut total, mut answered) = (0usize, 0usize);
    for q in &def.questions {
        if !scan.has_entities(q) && matches!(q.scope, Scope::System | Scope::Provider) {
            total += 1;
        }
        scan.each(q, |_, f| match f {
            Found::Skip => {}
            Found::Missing => total += 1,
            Found::Answer(_) | Found::Name => {
                total += 1;
                answered += 1;
            }
        });
    }
    (answered, total)
}

/// Completeness of the profile screen and the ten steps, counted as the step statuses count
/// (see [`screen_status`]); `waves` are the analysis's waves (`Analysis::waves`).
pub fn completeness(content: &Content, profile: &Profile, waves: &[WaveRef]) -> Completeness {
    let pre = Prepared {
        tables: super::Tables::new(Rules::of(content), profile),
        waves: waves.to_vec(),
    };
    let counts = |def: &StepDef| {
        let scan = Scan::new(
            profile,
            def,
            &pre.waves,
            SysAnswers::new(content, &pre.tables),
        );
        count(&scan, def)
    };
    let (answered, total) = counts(&content.profile);
    let profile_count = Count { answered, total };
    let steps: Vec<StepCount> = StepId::ALL
        .iter()
        .map(|&step| {
            let (answered, total) = counts(content.step(step));
            StepCount {
                step,
                answered,
                total,
            }
        })
        .collect();
    Completeness {
        answered: profile_count.answered + steps.iter().map(|s| s.answered).sum::<usize>(),
        total: profile_count.total + steps.iter().map(|s| s.total).sum::<usize>(),
        profile: profile_count,
        steps,
    }
}

fn status_in(content: &Content, profile: &Profile, def: &StepDef, pre: &Prepared) -> StepStatus {
    let scan = Scan::new(
        profile,
        def,
        &pre.waves,
        SysAnswers::new(content, &pre.tables),
    );
    let (answered, total) = count(&scan, def);
    // Only whether there is a problem: stop at the first.
    let has_problems = scan.problems(content, &mut |_| false);
    if answered == 0 {
        StepStatus::NotStarted
    } else if has_problems {
        StepStatus::Problems
    } else if answered == total {
        StepStatus::Complete
    } else {
        StepStatus::InProgress
    }
}

/// The status of one of the ten steps (see [`screen_status`]).
pub fn step_status(content: &Content, profile: &Profile, step: StepId) -> StepStatus {
    screen_status(content, profile, Some(step))
}

/// The status of the profile screen and of the ten steps, computing the waves once (what a
/// sidebar shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Statuses {
    pub profile: StepStatus,
    /// Index 0 = step 1.
    pub steps: [StepStatus; 10],
}

pub fn statuses(content: &Content, profile: &Profile) -> Statuses {
    // The waves, and every system's answers read once for all eleven screens.
    statuses_in(content, profile, &Prepared::new(content, profile, true))
}

/// [`statuses`] given the waves of the profile's analysis (`Analysis::waves`), which the
/// wizard already has: the waves are not planned a second time.
pub fn statuses_with_waves(content: &Content, profile: &Profile, waves: &[WaveRef]) -> Statuses {
    let pre = Prepared {
        tables: super::Tables::new(Rules::of(content), profile),
        waves: waves.to_vec(),
    };
    statuses_in(content, profile, &pre)
}

fn statuses_in(content: &Content, profile: &Profile, pre: &Prepared) -> Statuses {
    let mut steps = [StepStatus::NotStarted; 10];
    for (slot, step) in steps.iter_mut().zip(StepId::ALL) {
        *slot = status_in(content, profile, content.step(step), pre);
    }
    Statuses {
        profile: status_in(content, profile, &content.profile, pre),
        steps,
    }
}

/// Every problem of a whole save, for the `check` command: the problems of every screen, plus
/// answers to unknown or misplaced questions, dependencies on unknown systems or on
/// themselves, and repeated ids. Only the per-screen problems of required questions block.
pub fn profile_problems(content: &Content, profile: &Profile) -> Vec<Problem> {
    let pre = Prepared::new(content, profile, true);
    let mut out = problems_in(content, profile, &content.profile, &pre);
    for step in StepId::ALL {
        out.extend(problems_in(content, profile, content.step(step), &pre));
    }
    let mut unknown = |answers: &Answers, entity: Entity, scope: Scope| {
        for id in answers.0.keys() {
            if !content.question(id).is_some_and(|q| q.scope == scope) {
                out.push(Problem {
                    question: id.clone(),
                    entity,
                    text: Text::new("val.unknown_question").plain("question", id.as_str()),
                    blocks_next: false,
                });
            }
        }
    };
    unknown(&profile.answers, Entity::Enterprise, Scope::Enterprise);
    for s in &profile.systems {
        unknown(&s.answers, Entity::System(s.id), Scope::System);
    }
    for (k, a) in &profile.waves {
        let w = WaveRef {
            number: 0,
            key: *k,
            legacy: None,
        };
        unknown(a, Entity::Wave(w), Scope::Wave);
    }
    for p in &profile.providers {
        unknown(&p.answers, Entity::Provider(p.id), Scope::Provider);
    }
    let known: BTreeSet<SystemId> = profile.systems.iter().map(|s| s.id).collect();
    let mut seen = BTreeSet::new();
    for s in &profile.systems {
        if !seen.insert(s.id) {
            out.push(Problem {
                question: SYSTEM_NAME.into(),
                entity: Entity::System(s.id),
                text: Text::new("val.duplicate_id").plain("name", s.name.as_str()),
                blocks_next: false,
            });
        }
        if s.depends_on
            .iter()
            .any(|d| *d == s.id || !known.contains(d))
        {
            out.push(Problem {
                question: "sys.depends_on".into(),
                entity: Entity::System(s.id),
                text: Text::new("val.bad_dependency").name("system", Name::system(&s.name, s.id)),
                blocks_next: false,
            });
        }
    }
    let mut seen = BTreeSet::new();
    for p in &profile.providers {
        if !seen.insert(p.id) {
            out.push(Problem {
                question: PROVIDER_NAME.into(),
                entity: Entity::Provider(p.id),
                text: Text::new("val.duplicate_id").plain("name", p.name.as_str()),
                blocks_next: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for choice answers accepts exactly what `check_answer` accepts.
    #[test]
    fn choice_shortcut_agrees_with_check_answer() {
        let c = Content::get();
        let answers = |opts: &[String]| {
            let mut v = vec![
                Answer::Choice("nonsense".into()),
                Answer::Choices(vec![]),
                Answer::Choices(vec!["nonsense".into()]),
                Answer::Text("x".into()),
                Answer::YesNo(true),
            ];
            for o in opts {
                v.push(Answer::Choice(o.clone()));
                v.push(Answer::Choices(vec![o.clone()]));
                v.push(Answer::Choices(vec![o.clone(), o.clone()]));
            }
            if let [a, b, ..] = opts {
                v.push(Answer::Choices(vec![a.clone(), b.clone()]));
                v.push(Answer::Choices(vec![b.clone(), a.clone(), "x".into()]));
            }
            v
        };
        let mut checked = 0;
        for q in c.questions() {
            let opts = match &q.kind {
                QuestionKind::Single(set) | QuestionKind::Multi(set) => c.options(set),
                _ => &[],
            };
            for a in answers(opts) {
                if choice_ok(q, opts, &a) {
                    assert!(check_answer(c, q, &a).is_ok(), "{} {a:?}", q.id);
                    checked += 1;
                } else if matches!(
                    (&q.kind, &a),
                    (QuestionKind::Single(_), Answer::Choice(_))
                        | (QuestionKind::Multi(_), Answer::Choices(_))
                ) {
                    assert!(check_answer(c, q, &a).is_err(), "{} {a:?}", q.id);
                }
            }
        }
        assert!(checked > 50, "{checked}");
    }

    #[test]
    fn numbers_parse_leniently_but_not_loosely() {
        assert_eq!(parse_number("99.9", false), Some(99.9));
        assert_eq!(parse_number("1,000", false), Some(1000.0));
        assert_eq!(parse_number("1,234,567.5", false), Some(1234567.5));
        assert_eq!(parse_number("９９", false), Some(99.0));
        assert_eq!(parse_number("９９．５％", true), Some(99.5));
        assert_eq!(parse_number("99.9%", true), Some(99.9));
        assert_eq!(parse_number("99.9%", false), None);
        assert_eq!(parse_number(" -3 ", false), Some(-3.0));
        assert_eq!(parse_number(".5", false), Some(0.5));
        for bad in [
            "", "1,00", ",100", "1.2.3", "inf", "NaN", "1e5", "abc", "1.", "-", "%", "12,3456",
        ] {
            assert_eq!(parse_number(bad, true), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2027-02-28").as_deref(), Some("2027-02-28"));
        assert_eq!(parse_date("2028-02-29").as_deref(), Some("2028-02-29"));
        assert_eq!(parse_date("２０２７/3/1").as_deref(), Some("2027-03-01"));
        for bad in [
            "2027-02-29",
            "2027-02-30",
            "2100-02-29",
            "2027-13-01",
            "2027-04-31",
            "2027-00-10",
            "27-1-1",
            "2027-1",
            "x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2027-3-1"));
    }
}
