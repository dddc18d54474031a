//! The shipped content is tested: every asset parses, every locale key that the assets or the
//! code need exists in both languages, no key is dead, and the demo enterprise is a valid save.
//!
//! # Which keys must exist ([`implied_keys`])
//! The assets imply locale keys by family: `step.<id>.title|intro` for the profile screen and
//! each step, `q.<id>.label|help` for every question and `q.<id>.short` (an inventory column
//! header) for every `System`- and `Provider`-scope question, `opt.<set>.<option>` for every
//! option (plus `opt.yesno.*` and `opt.rating.1`…`5`), `unit.<unit>` for every unit (its singular `unit.<unit>.one` is optional); and from
//! the engine's files `prio.*`, `why.verdict.*`, `why.strategy.*`, `angle.*`, `crit.*`,
//! `effect.*`, `metric.*`, `score.*`, `check.*`, `cat.*`, `svc.*` (and `svc.<id>.why` for a
//! service that is ever suggested). When new code derives keys from asset data, extend
//! [`implied_keys`] (and, if it is a new family, [`GOVERNED`]).
//!
//! # Which keys are used ([`unused_keys`])
//! A key is used when either
//! - it is implied by the assets (above), or
//! - it appears in `src/**/*.rs` as a complete string literal (`"ui.save.ok"`), or
//! - it is not in a family the assets govern ([`GOVERNED`]) and a string literal in `src/`
//!   is a prefix of it ending with a dot — either the whole literal (`"ui.key."`) or the
//!   part of a `format!` string before the first `{` (`"ui.key.{name}"`).
//!
//! A prefix never excuses a key in a governed family: `format!("opt.{set}.{o}")` would
//! otherwise hide every stale option label. The scan reads the source text as is, so a key
//! quoted in a comment counts too; that keeps the rule simple and errs on the side of keeping.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use shangyun::content::{
    self, ColumnDef, Content, QuestionDef, QuestionKind, Scope, StepDef, StepsFile, parse_ron,
};
use shangyun::model::{Answer, Answers, Lang, Profile, SCHEMA_VERSION, SystemId};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// Key families whose members are all derived from asset data (see the module docs).
const GOVERNED: &[&str] = &[
    "step.",
    "q.",
    "opt.",
    "unit.",
    "prio.",
    "why.verdict.",
    "why.strategy.",
    "angle.",
    "crit.",
    "effect.",
    "metric.",
    "score.",
    "check.",
    "cat.",
    "svc.",
];

/// Families of keys that exist only in the locales: a string literal in `src/` that starts with
/// one of these is a locale key and must exist.
const LOCALE_ONLY: &[&str] = &[
    "ui.", "report.", "cli.", "verdict.", "deploy.", "risk.", "sla.", "why.", "prio.", "angle.",
    "crit.", "effect.", "metric.", "score.", "check.", "cat.", "svc.", "step.", "q.", "opt.",
    "unit.", "plain.", "help.",
];

/// Column budget of `q.<id>.short` (inventory table headers), in display columns.
const SHORT_BUDGET: [(Lang, usize); 2] = [(Lang::ZhCn, 8), (Lang::En, 12)];
/// Question labels sit next to their input in a form that must fit 80 columns.
const LABEL_BUDGET: usize = 40;

// ---------------------------------------------------------------------------------------------
// Loading

fn steps_file() -> StepsFile {
    parse_ron("assets/steps.ron", content::STEPS_RON).unwrap_or_else(|e| panic!("{e:#}"))
}

fn content() -> Content {
    Content::parse().unwrap_or_else(|e| panic!("the shipped content does not parse: {e:#}"))
}

/// A locale file's entries in file order, duplicates kept (a map would silently drop them).
struct Entries(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of locale keys to texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn locale_source(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::ZhCn => ("locales/zh-CN.ron", content::ZH_CN_RON),
        Lang::En => ("locales/en.ron", content::EN_RON),
    }
}

fn entries(lang: Lang) -> Vec<(String, String)> {
    let (name, src) = locale_source(lang);
    parse_ron::<Entries>(name, src)
        .unwrap_or_else(|e| panic!("{e:#}"))
        .0
}

fn locale(lang: Lang) -> BTreeMap<String, String> {
    entries(lang).into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// Implied keys

/// Every locale key the assets imply, each with a note saying where it comes from (used in
/// failure messages). Extend this when code derives keys from asset data.
fn implied_keys(content: &Content) -> BTreeMap<String, String> {
    let mut keys = step_keys(&content.profile, &content.steps, &content.option_sets);
    engine_keys(content, &mut keys);
    keys
}

/// The keys implied by `assets/steps.ron`: steps, questions, options, units.
fn step_keys(
    profile: &StepDef,
    steps: &[StepDef],
    option_sets: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    let mut add = |key: String, why: String| {
        keys.entry(key).or_insert(why);
    };
    for step in std::iter::once(profile).chain(steps) {
        let why = format!("step {}", step.id);
        add(format!("step.{}.title", step.id), why.clone());
        add(format!("step.{}.intro", step.id), why);
        for q in &step.questions {
            let why = format!("question {} ({})", q.id, step.id);
            add(format!("q.{}.label", q.id), why.clone());
            add(format!("q.{}.help", q.id), why.clone());
            if matches!(q.scope, Scope::System | Scope::Provider) {
                add(
                    format!("q.{}.short", q.id),
                    format!("{why}, an inventory column"),
                );
            }
            for w in &q.warn {
                add(w.text.clone(), format!("{why}, a cross-check"));
            }
            match &q.kind {
                QuestionKind::Number { unit, .. } => add(format!("unit.{unit}"), why),
                QuestionKind::YesNo => {
                    for o in ["yes", "no"] {
                        add(format!("opt.yesno.{o}"), why.clone());
                    }
                }
                QuestionKind::Rating => {
                    for r in 1..=5 {
                        add(format!("opt.rating.{r}"), why.clone());
                    }
                }
                _ => {}
            }
        }
    }
    for (set, options) in option_sets {
        for o in options {
            add(format!("opt.{set}.{o}"), format!("option set {set}"));
        }
    }
    keys
}

/// The keys implied by `assets/rules.ron`, `catalogue.ron` and `checklist.ron` (texts named
/// after rule ids, as `content::schema` documents them).
fn engine_keys(content: &Content, keys: &mut BTreeMap<String, String>) {
    let mut add = |key: String, why: &str| {
        keys.entry(key).or_insert_with(|| why.to_owned());
    };
    let rules = &content.rules;
    for r in &rules.priority {
        add(format!("prio.{}", r.id), "rules.ron priority");
    }
    let verdicts = [
        &rules.verdict.not_now,
        &rules.verdict.transform,
        &rules.verdict.go,
    ];
    for r in verdicts.into_iter().flatten() {
        add(format!("why.verdict.{}", r.id), "rules.ron verdict");
    }
    for r in &rules.strategy {
        add(format!("why.strategy.{}", r.id), "rules.ron strategy");
    }
    for a in &rules.angles {
        add(format!("angle.{}", a.id), "rules.ron angles");
    }
    for c in &rules.provider_criteria {
        add(format!("crit.{}", c.id), "rules.ron provider_criteria");
    }
    for e in &rules.effects {
        add(format!("effect.{}", e.id), "rules.ron effects");
        for m in &e.metrics {
            add(format!("metric.{}", m.id), "rules.ron effects metrics");
        }
    }
    for item in rules.readiness.values().flatten() {
        add(format!("score.{}", item.id), "rules.ron readiness");
        for m in &item.missing {
            add(m.label.clone(), "rules.ron readiness missing");
        }
    }
    for r in &content.checklist.rules {
        add(format!("check.{}", r.id), "checklist.ron");
    }
    for g in &content.catalogue.groups {
        add(format!("cat.{}", g.id), "catalogue.ron group");
    }
    for (_, s) in content.services() {
        add(format!("svc.{}", s.id), "catalogue.ron service");
        if !s.suggest.is_empty() || !s.need.is_empty() {
            add(
                format!("svc.{}.why", s.id),
                "catalogue.ron service that is suggested",
            );
        }
    }
}

fn missing_keys(implied: &BTreeMap<String, String>) -> String {
    let mut report = String::new();
    for lang in Lang::ALL {
        let have = locale(lang);
        let (name, _) = locale_source(lang);
        for (key, why) in implied {
            if !have.contains_key(key) {
                let _ = writeln!(report, "  {name}: {key}   (for {why})");
            }
        }
    }
    report
}

// ---------------------------------------------------------------------------------------------
// Source scan

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// What `src/` says about locale keys: complete literals that look like keys, and prefixes.
#[derive(Default)]
struct SourceKeys {
    /// Literals made only of key characters: `"ui.save.ok"` → `ui.save.ok` (with the file).
    exact: BTreeMap<String, PathBuf>,
    /// Literal prefixes ending in a dot: `"ui.key."` and `"ui.key.{x}"` → `ui.key.`.
    prefixes: BTreeSet<String>,
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Scans text for `"` followed by key characters and then `"` (an exact key) or `{` (a
/// `format!` string whose fixed part is a prefix).
fn scan_literals(path: &Path, text: &str, into: &mut SourceKeys) {
    for (i, _) in text.match_indices('"') {
        let rest = &text[i + 1..];
        let end = rest.find(|c: char| !is_key_char(c)).unwrap_or(rest.len());
        let word = &rest[..end];
        if !word.contains('.') || word.starts_with('.') {
            continue;
        }
        match rest[end..].chars().next() {
            Some('"') if word.ends_with('.') => {
                into.prefixes.insert(word.to_owned());
            }
            Some('"') => {
                into.exact
                    .entry(word.to_owned())
                    .or_insert_with(|| path.to_owned());
            }
            Some('{') if word.ends_with('.') => {
                into.prefixes.insert(word.to_owned());
            }
            _ => {}
        }
    }
}

fn source_keys() -> SourceKeys {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no Rust sources found under {}",
        root.display()
    );
    let mut keys = SourceKeys::default();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        scan_literals(&f, &text, &mut keys);
    }
    keys
}

/// `src/…` rather than an absolute path, for messages.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn is_governed(key: &str) -> bool {
    GOVERNED.iter().any(|g| key.starts_with(g))
}

/// The keys of `locale_keys` that are neither implied nor used by the source (module docs).
fn unused_keys<'a>(
    locale_keys: impl Iterator<Item = &'a String>,
    implied: &BTreeMap<String, String>,
    src: &SourceKeys,
) -> Vec<String> {
    locale_keys
        .filter(|k| !implied.contains_key(*k) && !src.exact.contains_key(*k))
        // a unit's singular (`unit.<u>.one`, chosen by `Content::unit_key`) is used with its unit
        .filter(|k| {
            !k.strip_prefix("unit.")
                .and_then(|u| u.strip_suffix(".one"))
                .is_some_and(|u| implied.contains_key(&format!("unit.{u}")))
        })
        .filter(|k| is_governed(k) || !src.prefixes.iter().any(|p| k.starts_with(p.as_str())))
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Answer checks

fn is_real_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Why `answer` is not a valid answer to `q`, if it is not. `services`: the catalogue's
/// service ids, when the catalogue parses.
fn answer_problem(
    q: &QuestionDef,
    answer: &Answer,
    options: &BTreeMap<String, Vec<String>>,
    services: Option<&BTreeSet<String>>,
) -> Option<String> {
    let in_set = |set: &str, o: &str| options.get(set).is_some_and(|os| os.iter().any(|x| x == o));
    match (&q.kind, answer) {
        (QuestionKind::Text { max } | QuestionKind::LongText { max }, Answer::Text(t)) => {
            let n = t.chars().count();
            (n > *max).then(|| format!("text of {n} characters, at most {max}"))
        }
        (QuestionKind::Number { min, max, .. }, Answer::Number(n)) => {
            (!n.is_finite() || n < min || n > max).then(|| format!("{n} is outside {min}..={max}"))
        }
        (QuestionKind::Date, Answer::Text(t)) => {
            (!is_real_date(t)).then(|| format!("{t:?} is not a real YYYY-MM-DD date"))
        }
        (QuestionKind::Single(set), Answer::Choice(c)) => {
            (!in_set(set, c)).then(|| format!("{c:?} is not an option of set {set:?}"))
        }
        (QuestionKind::Multi(set), Answer::Choices(cs)) => {
            if let Some(c) = cs.iter().find(|c| !in_set(set, c)) {
                return Some(format!("{c:?} is not an option of set {set:?}"));
            }
            let order = options.get(set.as_str())?;
            let pos: Vec<_> = cs
                .iter()
                .filter_map(|c| order.iter().position(|o| o == c))
                .collect();
            (!pos.windows(2).all(|w| w[0] < w[1]))
                .then(|| format!("{cs:?} repeats or is not in the order of set {set:?}"))
        }
        (QuestionKind::Catalogue, Answer::Choices(cs)) => {
            let Some(services) = services else {
                return Some("the catalogue does not parse, so services cannot be checked".into());
            };
            let unknown: Vec<_> = cs.iter().filter(|c| !services.contains(*c)).collect();
            (!unknown.is_empty()).then(|| format!("{unknown:?} are not catalogue services"))
        }
        (QuestionKind::YesNo, Answer::YesNo(_)) => None,
        (QuestionKind::Rating, Answer::Rating(r)) => {
            (!(1..=5).contains(r)).then(|| format!("rating {r} is not 1–5"))
        }
        (QuestionKind::Dependencies, _) => {
            Some("dependencies are stored in `depends_on`, not as an answer".into())
        }
        (kind, a) => Some(format!("a {a:?} cannot answer a {kind:?} question")),
    }
}

/// Checks one entity's answers: known question, right scope, valid value.
fn check_answers(
    what: &str,
    answers: &Answers,
    scope: Scope,
    questions: &BTreeMap<&str, &QuestionDef>,
    options: &BTreeMap<String, Vec<String>>,
    services: Option<&BTreeSet<String>>,
    problems: &mut Vec<String>,
) {
    for (id, answer) in &answers.0 {
        let Some(q) = questions.get(id.as_str()) else {
            problems.push(format!(
                "{what}: {id} is not a question of assets/steps.ron"
            ));
            continue;
        };
        if q.scope != scope {
            problems.push(format!(
                "{what}: {id} is a {:?} question, asked here as {scope:?}",
                q.scope
            ));
        }
        if id == "sys.name" || id == "prov.name" {
            problems.push(format!(
                "{what}: {id} is the entity's `name`, not an answer"
            ));
        }
        if let Some(p) = answer_problem(q, answer, options, services) {
            problems.push(format!("{what}: {id}: {p}"));
        }
    }
}

/// `assets/demo.ron` exactly as written, not repaired as the wizard's (`common::demo`) is: the
/// checks here judge the asset itself.
fn demo_as_written() -> Profile {
    parse_ron("assets/demo.ron", content::DEMO_RON).unwrap_or_else(|e| panic!("{e:#}"))
}

/// All problems of the demo that need only `assets/steps.ron` (and the catalogue, if given).
fn demo_problems(steps: &StepsFile, services: Option<&BTreeSet<String>>) -> Vec<String> {
    let p = demo_as_written();
    let questions: BTreeMap<&str, &QuestionDef> = std::iter::once(&steps.profile)
        .chain(&steps.steps)
        .flat_map(|s| &s.questions)
        .map(|q| (q.id.as_str(), q))
        .collect();
    let opts = &steps.option_sets;
    let mut problems = Vec::new();
    if p.schema_version != SCHEMA_VERSION {
        problems.push(format!(
            "schema_version {} is not {SCHEMA_VERSION}",
            p.schema_version
        ));
    }
    check_answers(
        "enterprise",
        &p.answers,
        Scope::Enterprise,
        &questions,
        opts,
        services,
        &mut problems,
    );
    let ids: BTreeSet<SystemId> = p.systems.iter().map(|s| s.id).collect();
    if ids.len() != p.systems.len() {
        problems.push("two systems share an id".into());
    }
    for s in &p.systems {
        let what = format!("system {} {:?}", s.id.0, s.name);
        if s.name.trim().is_empty() {
            problems.push(format!("{what}: no name"));
        }
        if s.id.0 == 0 || s.id.0 >= p.next_system_id {
            problems.push(format!(
                "{what}: id outside 1..next_system_id ({})",
                p.next_system_id
            ));
        }
        check_answers(
            &what,
            &s.answers,
            Scope::System,
            &questions,
            opts,
            services,
            &mut problems,
        );
        for d in &s.depends_on {
            if !ids.contains(d) || *d == s.id {
                problems.push(format!(
                    "{what}: depends on system {}, which is not another system",
                    d.0
                ));
            }
        }
    }
    if p.providers.len() > Profile::MAX_PROVIDERS {
        problems.push(format!(
            "{} providers, at most {}",
            p.providers.len(),
            Profile::MAX_PROVIDERS
        ));
    }
    for pr in &p.providers {
        let what = format!("provider {} {:?}", pr.id.0, pr.name);
        if pr.name.trim().is_empty() {
            problems.push(format!("{what}: no name"));
        }
        if pr.id.0 == 0 || pr.id.0 >= p.next_provider_id {
            problems.push(format!(
                "{what}: id outside 1..next_provider_id ({})",
                p.next_provider_id
            ));
        }
        check_answers(
            &what,
            &pr.answers,
            Scope::Provider,
            &questions,
            opts,
            services,
            &mut problems,
        );
    }
    for (k, answers) in &p.waves {
        let what = format!("wave of system {}", k.0);
        if p.system(*k).is_none() {
            problems.push(format!("{what}: no such system"));
        }
        check_answers(
            &what,
            answers,
            Scope::Wave,
            &questions,
            opts,
            services,
            &mut problems,
        );
    }
    problems
}

/// Whether `p`'s dependency graph has a cycle, and the longest simple chain (in systems).
fn graph_shape(p: &Profile) -> (bool, usize) {
    fn longest(p: &Profile, id: SystemId, path: &mut Vec<SystemId>, cycle: &mut bool) -> usize {
        if path.contains(&id) {
            *cycle = true;
            return 0;
        }
        path.push(id);
        let deps = p
            .system(id)
            .map(|s| s.depends_on.clone())
            .unwrap_or_default();
        let best = deps
            .iter()
            .map(|d| longest(p, *d, path, cycle))
            .max()
            .unwrap_or(0);
        path.pop();
        best + 1
    }
    let mut cycle = false;
    let chain = p
        .systems
        .iter()
        .map(|s| longest(p, s.id, &mut Vec::new(), &mut cycle))
        .max();
    (cycle, chain.unwrap_or(0))
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.insert(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

fn fail_if_any(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what} ({}):\n  {}\n",
        problems.len(),
        problems.join("\n  ")
    );
}

// =============================================================================================
// (a) everything parses

#[test]
fn shipped_content_parses() {
    let c = content();
    assert_eq!(c.steps.len(), 10);
    assert_eq!(c.profile.id, "profile");
    for (i, s) in c.steps.iter().enumerate() {
        assert_eq!(
            s.id,
            format!("s{}", i + 1),
            "steps must be s1 … s10 in order"
        );
    }
}

#[test]
fn every_option_set_a_question_uses_exists() {
    let steps = steps_file();
    let mut problems = Vec::new();
    for q in std::iter::once(&steps.profile)
        .chain(&steps.steps)
        .flat_map(|s| &s.questions)
    {
        if let QuestionKind::Single(set) | QuestionKind::Multi(set) = &q.kind
            && steps.option_sets.get(set).is_none_or(|o| o.is_empty())
        {
            problems.push(format!(
                "{} uses option set {set:?}, which is missing or empty",
                q.id
            ));
        }
    }
    fail_if_any("questions use unknown option sets", &problems);
}

/// What is wrong with the steps' tables: a step that asks about systems or providers declares
/// its columns (`table`), with the name and its questions once each and only columns that fit
/// the entities of its rows; a step without such questions declares none.
fn table_problems(steps: &StepsFile) -> Vec<String> {
    let mut problems = Vec::new();
    for step in std::iter::once(&steps.profile).chain(&steps.steps) {
        let scopes: BTreeSet<String> = step
            .questions
            .iter()
            .filter(|q| matches!(q.scope, Scope::System | Scope::Provider))
            .map(|q| format!("{:?}", q.scope))
            .collect();
        let scope = match scopes.len() {
            0 => {
                if !step.table.is_empty() {
                    problems.push(format!(
                        "{}: a table but no system or provider questions",
                        step.id
                    ));
                }
                continue;
            }
            1 => step
                .questions
                .iter()
                .map(|q| q.scope)
                .find(|s| matches!(s, Scope::System | Scope::Provider))
                .unwrap_or(Scope::System),
            _ => {
                problems.push(format!(
                    "{}: questions about systems and providers: one table a step",
                    step.id
                ));
                continue;
            }
        };
        if step.table.is_empty() {
            problems.push(format!(
                "{}: asks about {scope:?} but declares no `table`",
                step.id
            ));
        }
        for once in [ColumnDef::Name, ColumnDef::Questions] {
            let n = step.table.iter().filter(|c| **c == once).count();
            if !step.table.is_empty() && n != 1 {
                problems.push(format!("{}: {once:?} {n} times in its table", step.id));
            }
        }
        for c in step.table.iter().filter(|c| !c.fits(scope)) {
            problems.push(format!("{}: column {c:?} in a table of {scope:?}", step.id));
        }
    }
    problems
}

#[test]
fn every_table_of_systems_or_providers_is_declared_and_fits_its_rows() {
    let steps = steps_file();
    fail_if_any("step tables", &table_problems(&steps));
    // and the check sees what it is for
    let mut broken = steps.clone();
    broken.steps[1].table.clear();
    broken.steps[0].table.push(ColumnDef::Rank);
    broken.steps[3].table.push(ColumnDef::Name);
    let found = table_problems(&broken);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("s1: column Rank"), "{found:#?}");
    assert!(found[1].starts_with("s2: asks about System"), "{found:#?}");
    assert!(found[2].starts_with("s4: a table but"), "{found:#?}");
}

// =============================================================================================
// (b) the two locales match

#[test]
fn locale_files_have_no_duplicate_keys() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let mut seen = BTreeSet::new();
        for (k, _) in entries(lang) {
            if !seen.insert(k.clone()) {
                problems.push(format!("{}: {k}", locale_source(lang).0));
            }
        }
    }
    fail_if_any("keys defined twice (the second silently wins)", &problems);
}

#[test]
fn locales_have_the_same_keys() {
    let zh = locale(Lang::ZhCn);
    let en = locale(Lang::En);
    let mut problems = Vec::new();
    for k in zh.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("only in locales/zh-CN.ron: {k}"));
    }
    for k in en.keys().filter(|k| !zh.contains_key(*k)) {
        problems.push(format!("only in locales/en.ron: {k}"));
    }
    fail_if_any("locale keys differ", &problems);
}

#[test]
fn locale_texts_are_not_empty() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (k, v) in entries(lang) {
            if v.trim().is_empty() {
                problems.push(format!("{}: {k}", locale_source(lang).0));
            }
        }
    }
    fail_if_any("empty texts", &problems);
}

#[test]
fn placeholders_match_between_languages() {
    let zh = locale(Lang::ZhCn);
    let en = locale(Lang::En);
    let mut problems = Vec::new();
    for (k, zv) in &zh {
        let Some(ev) = en.get(k) else { continue };
        let (zp, ep) = (placeholders(zv), placeholders(ev));
        if zp != ep {
            problems.push(format!("{k}: zh-CN has {zp:?}, en has {ep:?}"));
        }
    }
    fail_if_any("placeholders differ between zh-CN and en", &problems);
}

// =============================================================================================
// (c) every key the assets imply exists

#[test]
fn steps_questions_options_and_units_have_texts() {
    let steps = steps_file();
    let implied = step_keys(&steps.profile, &steps.steps, &steps.option_sets);
    let missing = missing_keys(&implied);
    assert!(
        missing.is_empty(),
        "locale keys implied by assets/steps.ron are missing:\n{missing}"
    );
}

#[test]
fn rules_catalogue_and_checklist_have_texts() {
    let c = content();
    let steps_only = step_keys(&c.profile, &c.steps, &c.option_sets);
    let implied: BTreeMap<_, _> = implied_keys(&c)
        .into_iter()
        .filter(|(k, _)| !steps_only.contains_key(k))
        .collect();
    let missing = missing_keys(&implied);
    assert!(
        missing.is_empty(),
        "locale keys implied by assets/rules.ron, catalogue.ron or checklist.ron are missing:\n{missing}"
    );
}

#[test]
fn keys_quoted_in_the_source_exist() {
    let src = source_keys();
    let zh = locale(Lang::ZhCn);
    let en = locale(Lang::En);
    let problems: Vec<String> = src
        .exact
        .iter()
        .filter(|(k, _)| LOCALE_ONLY.iter().any(|f| k.starts_with(f)))
        .filter(|(k, _)| !zh.contains_key(*k) || !en.contains_key(*k))
        .map(|(k, file)| format!("{k}   (quoted in {})", relative(file)))
        .collect();
    fail_if_any("keys quoted in src/ but missing from a locale", &problems);
}

// =============================================================================================
// (d) no unused keys

#[test]
fn every_locale_key_is_used() {
    let c = content();
    let implied = implied_keys(&c);
    let src = source_keys();
    let zh = locale(Lang::ZhCn);
    let unused = unused_keys(zh.keys(), &implied, &src);
    fail_if_any(
        "locale keys neither implied by the assets nor used in src/ (see tests/content.rs docs)",
        &unused,
    );
}

#[test]
fn unused_key_rule_follows_its_documentation() {
    let mut src = SourceKeys::default();
    let code = r#"let a = t("ui.save.ok"); let b = format!("ui.key.{name}"); let c = "ui.tab.";
                  let d = format!("opt.{set}.{o}"); let e = "not a key"; let f = "sys.name";"#;
    scan_literals(Path::new("x.rs"), code, &mut src);
    assert!(src.exact.contains_key("ui.save.ok"));
    assert!(src.exact.contains_key("sys.name"));
    assert_eq!(
        src.prefixes,
        BTreeSet::from(["opt.", "ui.key.", "ui.tab."].map(String::from))
    );
    let implied = BTreeMap::from([("opt.size.sme".to_owned(), String::new())]);
    let keys: Vec<String> = [
        "ui.save.ok",
        "ui.key.enter",
        "ui.tab.plan",
        "ui.other",
        "opt.size.sme",
        "opt.size.gone",
        "ui.key",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        unused_keys(keys.iter(), &implied, &src),
        ["ui.other", "opt.size.gone", "ui.key"]
    );
}

// =============================================================================================
// (e) the demo enterprise is a valid save that tells its story

#[test]
fn demo_answers_fit_their_questions() {
    let steps = steps_file();
    // Catalogue services are checked separately, so that this test does not wait on them.
    let problems: Vec<String> = demo_problems(&steps, None)
        .into_iter()
        .filter(|p| !p.contains("s3.services"))
        .collect();
    fail_if_any("assets/demo.ron has invalid answers", &problems);
}

#[test]
fn demo_services_are_in_the_catalogue() {
    let c = content();
    let services: BTreeSet<String> = c.services().map(|(_, s)| s.id.clone()).collect();
    let problems: Vec<String> = demo_problems(&steps_file(), Some(&services))
        .into_iter()
        .filter(|p| p.contains("s3.services"))
        .collect();
    fail_if_any(
        "assets/demo.ron picks services that assets/catalogue.ron lacks",
        &problems,
    );
}

#[test]
fn demo_ticks_name_checklist_items() {
    let c = content();
    let p = demo_as_written();
    let per: BTreeMap<&str, content::Per> = c
        .checklist
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r.per))
        .collect();
    let mut problems = Vec::new();
    let waves = shangyun::engine::waves_of(&c, &p);
    for tick in &p.ticks {
        let (rule, entity) = match tick.split_once('@') {
            Some((r, e)) => (r, Some(e)),
            None => (tick.as_str(), None),
        };
        let ok = match (per.get(rule), entity) {
            (Some(content::Per::Once), None) => true,
            (Some(content::Per::System), Some(e)) => e
                .strip_prefix("sys")
                .and_then(|n| n.parse().ok())
                .is_some_and(|n| p.system(SystemId(n)).is_some()),
            // a wave by the system its answers are filed under
            (Some(content::Per::Wave), Some(e)) => e
                .strip_prefix("wave-sys")
                .and_then(|n| n.parse().ok())
                .is_some_and(|n| waves.iter().any(|w| w.key == SystemId(n))),
            (Some(content::Per::Provider), Some(e)) => e
                .strip_prefix("prov")
                .and_then(|n| n.parse().ok())
                .is_some_and(|n| p.provider(shangyun::model::ProviderId(n)).is_some()),
            _ => false,
        };
        if !ok {
            problems.push(format!(
                "{tick}: no such rule in assets/checklist.ron, or wrong entity"
            ));
        }
    }
    fail_if_any(
        "assets/demo.ron ticks checklist items that do not exist",
        &problems,
    );
}

#[test]
fn demo_tells_its_story() {
    let steps = steps_file();
    let p = demo_as_written();
    assert_eq!(p.lang, Lang::ZhCn);
    assert_eq!(p.position, shangyun::model::Position::Welcome);
    assert_eq!(p.systems.len(), 10, "the demo inventory has ten systems");
    assert_eq!(p.providers.len(), 3, "the demo compares three providers");
    let (cycle, chain) = graph_shape(&p);
    assert!(
        cycle,
        "the demo needs a dependency cycle, to show systems that move together"
    );
    assert!(
        chain >= 4,
        "the demo needs a dependency chain of four systems, found {chain}"
    );
    // Every step has at least one answer somewhere, so no screen of the demo is blank.
    let answered = |q: &QuestionDef| match q.scope {
        Scope::Enterprise => p.answers.is_answered(&q.id),
        Scope::System if q.id == "sys.name" => p.systems.iter().any(|s| !s.name.is_empty()),
        Scope::System if q.kind == QuestionKind::Dependencies => {
            p.systems.iter().any(|s| !s.depends_on.is_empty())
        }
        Scope::System => p.systems.iter().any(|s| s.answers.is_answered(&q.id)),
        Scope::Wave => p.waves.values().any(|w| w.is_answered(&q.id)),
        Scope::Provider if q.id == "prov.name" => p.providers.iter().any(|s| !s.name.is_empty()),
        Scope::Provider => p.providers.iter().any(|s| s.answers.is_answered(&q.id)),
    };
    for step in std::iter::once(&steps.profile).chain(&steps.steps) {
        // The demo plans a migration still to come: nothing is measured after the move yet, so
        // its outcome score is projected (the measured figures and their date stay blank).
        let measured = |q: &QuestionDef| q.id.ends_with("_actual") || q.id == "s9.measured_on";
        let blank: Vec<&str> = step
            .questions
            .iter()
            .filter(|q| !answered(q) && !measured(q))
            .map(|q| q.id.as_str())
            .collect();
        // (Step 5 counts as answered through the one system whose strategy the user overrode.)
        assert!(
            blank.is_empty(),
            "step {} of the demo leaves {blank:?} unanswered",
            step.id
        );
    }
    // Every system answers every §十二 point and every §二 rating (the scorecard's angles).
    for s in &p.systems {
        for q in steps
            .steps
            .iter()
            .find(|st| st.id == "s2")
            .into_iter()
            .flat_map(|st| &st.questions)
        {
            assert!(s.answers.is_answered(&q.id), "{} lacks {}", s.name, q.id);
        }
    }
}

// =============================================================================================
// (f) short labels fit their columns, labels fit a form

#[test]
fn short_labels_fit_their_column_budget() {
    let mut problems = Vec::new();
    for (lang, budget) in SHORT_BUDGET {
        for (k, v) in locale(lang) {
            if k.starts_with("q.") && k.ends_with(".short") && v.width() > budget {
                problems.push(format!(
                    "{} {k} = {v:?}: {} columns, at most {budget}",
                    lang.tag(),
                    v.width()
                ));
            }
        }
    }
    fail_if_any("short labels too wide", &problems);
}

#[test]
fn question_labels_fit_a_form_line() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        for (k, v) in locale(lang) {
            if k.starts_with("q.") && k.ends_with(".label") && v.width() > LABEL_BUDGET {
                problems.push(format!("{} {k} = {v:?}: {} columns", lang.tag(), v.width()));
            }
        }
    }
    fail_if_any(
        &format!("question labels wider than {LABEL_BUDGET} columns"),
        &problems,
    );
}

// =============================================================================================
// The guideline's own words

#[test]
fn zh_cn_uses_the_guidelines_terms() {
    let zh = locale(Lang::ZhCn);
    let expected = [
        ("step.profile.title", "企业概况"),
        ("step.s1.title", "需求分析"),
        ("step.s2.title", "可行性评估"),
        ("step.s3.title", "选择确定云平台服务商"),
        ("step.s4.title", "上云方案设计"),
        ("step.s5.title", "迁移策略"),
        ("step.s6.title", "测试和部署"),
        ("step.s7.title", "验证和总结"),
        ("step.s8.title", "运维保障"),
        ("step.s9.title", "效果评估"),
        ("step.s10.title", "组织与人才"),
        ("opt.size.large", "大型企业"),
        ("opt.size.sme", "中小企业"),
        ("opt.size.startup", "创业型企业"),
        ("opt.deployment.public", "公有云"),
        ("opt.deployment.private", "私有云"),
        ("opt.deployment.hybrid", "混合云"),
        ("opt.strategy.rehost", "直接迁移"),
        ("opt.strategy.transform", "改造后迁移"),
        ("opt.strategy.repurchase", "采购云服务重建"),
        ("opt.strategy.keep", "保持现状"),
        ("opt.pretest.functional", "功能测试"),
        ("opt.pretest.performance", "性能测试"),
        ("opt.pretest.backup", "备份测试"),
        ("opt.pretest.dr", "容灾测试"),
        ("opt.postcheck.integrity", "数据完整性和一致性校验"),
        ("opt.postcheck.business_flow", "业务流程测试"),
        ("opt.postcheck.performance", "性能比对测试"),
        ("opt.postcheck.security", "安全测试"),
        ("opt.party.enterprise", "上云企业"),
        ("opt.party.platform_provider", "云平台服务商"),
        ("opt.party.app_provider", "云应用服务商"),
        ("opt.party.integrator", "系统集成商"),
        ("opt.party.infra_provider", "基础设施提供商"),
        ("opt.party.industry_body", "行业组织"),
        ("opt.party.third_party", "第三方机构"),
        ("q.sys.r_cost.label", "性价比"),
        ("q.sys.r_availability.label", "可用性"),
        ("q.sys.r_scalability.label", "可扩展性"),
        ("q.sys.r_security.label", "安全性"),
        ("q.sys.r_compliance.label", "合规性"),
    ];
    let problems: Vec<String> = expected
        .iter()
        .filter(|(k, term)| zh.get(*k).map(String::as_str) != Some(*term))
        .map(|(k, term)| format!("{k} should be {term:?}, is {:?}", zh.get(*k)))
        .collect();
    fail_if_any("zh-CN departs from the guideline's wording", &problems);
}

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// Every text of a profile (enterprise, systems, providers, waves) with where it is.
fn texts(p: &Profile) -> Vec<(String, String)> {
    fn of(at: &str, a: &Answers, out: &mut Vec<(String, String)>) {
        for (k, v) in &a.0 {
            if let Answer::Text(t) = v {
                out.push((format!("{at}{k}"), t.clone()));
            }
        }
    }
    let mut out = Vec::new();
    of("", &p.answers, &mut out);
    for s in &p.systems {
        out.push((format!("sys{} name", s.id.0), s.name.clone()));
        of(&format!("sys{} ", s.id.0), &s.answers, &mut out);
    }
    for pr in &p.providers {
        out.push((format!("prov{} name", pr.id.0), pr.name.clone()));
        of(&format!("prov{} ", pr.id.0), &pr.answers, &mut out);
    }
    for (n, w) in &p.waves {
        of(&format!("wave{} ", n.0), w, &mut out);
    }
    out
}

/// `--demo --lang en` shows an English enterprise: no Chinese is left in any name or text.
#[test]
fn the_english_demo_speaks_english_throughout() {
    let en = content::demo(Lang::En).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(en.lang, Lang::En);
    let chinese: Vec<_> = texts(&en).into_iter().filter(|(_, t)| has_cjk(t)).collect();
    assert!(chinese.is_empty(), "untranslated: {chinese:#?}");
    assert_eq!(
        en.enterprise_name(),
        "East China Precision Machinery Co., Ltd."
    );
}

/// The two demos are one enterprise: the English one differs from the Chinese only in its texts
/// (every Chinese text translated), and the English file names nothing the demo lacks.
#[test]
fn the_english_demo_is_the_chinese_demo_in_substance() {
    let zh = content::demo(Lang::ZhCn).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(
        zh,
        demo_as_written(),
        "the Chinese demo is demo.ron as it is"
    );
    let mut en = content::demo(Lang::En).unwrap_or_else(|e| panic!("{e:#}"));
    // put the Chinese texts back: what is left must be identical
    content::translate(&mut en, &zh);
    en.lang = zh.lang;
    assert_eq!(en, zh, "only texts differ");
    // every text in demo.en.ron replaces a Chinese text of the demo
    let overlay: Profile =
        parse_ron("assets/demo.en.ron", content::DEMO_EN_RON).unwrap_or_else(|e| panic!("{e:#}"));
    let zh_texts: BTreeMap<String, String> = texts(&zh).into_iter().collect();
    for (at, t) in texts(&overlay) {
        if at.ends_with(" name") && t.is_empty() {
            continue;
        }
        let Some(orig) = zh_texts.get(&at) else {
            panic!("demo.en.ron has {at}, which the demo does not");
        };
        assert!(has_cjk(orig), "{at} needs no translation: {orig:?}");
    }
}
