//! Spreadsheets in: the inventory of information systems read from `.xlsx`/`.xls`/`.ods`/`.csv`
//! ([`read`]), checked as a whole ([`parse`]) and merged into a profile ([`Import::apply`]);
//! and the empty template workbook that reads back unchanged ([`template`]).
//!
//! The columns are the `scope: System` questions of `assets/steps.ron` ([`columns`]), so a
//! question added there is a column here without more code. A header is a question's label or
//! short label in either language, or its id; a choice cell holds an option's label in either
//! language or its id; dependencies are system names separated by `、` `,` `;` (or their
//! full-width forms). Nothing is applied unless every row is valid: [`parse`] returns every
//! problem with its place (`Sheet!C7` or `line:column`).
//!
//! Over 700 lines: turning cells into answers (headers, options, whole numbers, dependencies,
//! positions) is one pass over the column table that every check shares; the file formats are
//! read in `read`, the template is written in `template`.

pub mod read;
pub mod template;

use crate::content::{Content, QuestionDef, QuestionKind, Scope, Text};
use crate::model::{Answer, Lang, Profile, System, SystemId};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// The question id of the system name (`System::name`).
pub const NAME: &str = "sys.name";

/// A cell as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A spreadsheet error value (`#DIV/0!`, …).
    Error(String),
}

impl Cell {
    /// The cell as text (numbers without a needless `.0`), trimmed.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Error(s) => s.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => b.to_string(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Where a problem is: a workbook cell or a CSV line and column (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    Cell { sheet: String, row: u32, col: u32 },
    Line { line: u32, col: u32 },
}

/// `A`…`Z`, `AA`… for a 0-based column.
pub fn col_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + r));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Cell { sheet, row, col } => {
                if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    write!(f, "{sheet}!{}{row}", col_letters(*col))
                } else {
                    write!(
                        f,
                        "'{}'!{}{row}",
                        sheet.replace('\'', "''"),
                        col_letters(*col)
                    )
                }
            }
            At::Line { line, col } => write!(f, "{line}:{col}"),
        }
    }
}

/// One problem (or, for an unknown column, a warning) with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub at: Option<At>,
    pub text: Text,
}

/// A column of the inventory: a `scope: System` question.
#[derive(Debug, Clone, Copy)]
pub struct Column<'c> {
    pub q: &'c QuestionDef,
}

/// The inventory's columns in screen order, the name first.
pub fn columns(content: &Content) -> Vec<Column<'_>> {
    content
        .questions()
        .filter(|q| q.scope == Scope::System)
        .map(|q| Column { q })
        .collect()
}

impl Column<'_> {
    /// The header written in `lang`: the question's label.
    pub fn header(&self, content: &Content, lang: Lang) -> String {
        content.t(lang, &format!("q.{}.label", self.q.id))
    }

    /// The option set of a choice column.
    pub fn option_set(&self) -> Option<&str> {
        match &self.q.kind {
            QuestionKind::Single(s) | QuestionKind::Multi(s) => Some(s),
            _ => None,
        }
    }

    /// The labels offered in a drop-down (`None`: free entry).
    pub fn choices(&self, content: &Content, lang: Lang) -> Option<Vec<String>> {
        match &self.q.kind {
            QuestionKind::Single(set) => Some(
                content
                    .options(set)
                    .iter()
                    .map(|o| content.option_label(lang, set, o))
                    .collect(),
            ),
            QuestionKind::YesNo => Some(vec![
                content.t(lang, "opt.yesno.yes"),
                content.t(lang, "opt.yesno.no"),
            ]),
            QuestionKind::Rating => Some((1..=5).map(|n| n.to_string()).collect()),
            _ => None,
        }
    }

    /// The hint under the header in the template.
    pub fn hint(&self, content: &Content, lang: Lang) -> String {
        let t = |k: &str, args: &[(&str, &str)]| content.render_plain(lang, k, args);
        let body = match &self.q.kind {
            QuestionKind::Text { max } | QuestionKind::LongText { max } => {
                t("import.hint.text", &[("max", &max.to_string())])
            }
            QuestionKind::Number {
                unit,
                min,
                max,
                integer,
            } => t(
                if *integer {
                    "import.hint.whole"
                } else {
                    "import.hint.number"
                },
                &[
                    ("min", &number_text(*min)),
                    ("max", &number_text(*max)),
                    ("unit", &content.t(lang, &format!("unit.{unit}"))),
                ],
            ),
            QuestionKind::Date => t("import.hint.date", &[]),
            QuestionKind::Single(_) => t("import.hint.single", &[]),
            QuestionKind::Multi(set) => {
                let labels: Vec<String> = content
                    .options(set)
                    .iter()
                    .map(|o| content.option_label(lang, set, o))
                    .collect();
                t("import.hint.multi", &[("options", &labels.join("、"))])
            }
            QuestionKind::Catalogue => t("import.hint.multi", &[("options", "")]),
            QuestionKind::YesNo => t("import.hint.yesno", &[]),
            QuestionKind::Rating => t("import.hint.rating", &[]),
            QuestionKind::Dependencies => t("import.hint.deps", &[]),
        };
        if self.q.required {
            t("import.hint.required", &[("hint", &body)])
        } else {
            body
        }
    }

    /// Whether `header` names this column (label, short label or id, either language).
    fn matches(&self, content: &Content, header: &str) -> bool {
        let h = fold(header);
        if h == fold(&self.q.id) {
            return true;
        }
        Lang::ALL.iter().any(|lang| {
            ["label", "short"].iter().any(|part| {
                content
                    .lookup(*lang, &format!("q.{}.{part}", self.q.id))
                    .is_some_and(|l| fold(l) == h)
            })
        })
    }
}

/// Case-insensitive, whitespace-insensitive comparison form.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a cell writes for an answer (template example sheet and xlsx export).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
}

/// The cells of one system, column by column (see [`columns`]).
pub fn system_values(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    system: &System,
    cols: &[Column<'_>],
) -> Vec<Value> {
    cols.iter()
        .map(|c| {
            let id = c.q.id.as_str();
            if id == NAME {
                return Value::Text(system.name.clone());
            }
            if c.q.kind == QuestionKind::Dependencies {
                let names: Vec<&str> = system
                    .depends_on
                    .iter()
                    .filter_map(|d| profile.system(*d).map(|s| s.name.as_str()))
                    .collect();
                return if names.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(names.join("、"))
                };
            }
            let set = c.option_set().unwrap_or("");
            match system.answers.get(id) {
                None => Value::Empty,
                Some(Answer::Text(s)) => Value::Text(s.clone()),
                Some(Answer::Number(n)) => Value::Number(*n),
                Some(Answer::Rating(r)) => Value::Number(f64::from(*r)),
                Some(Answer::Choice(o)) => Value::Text(content.option_label(lang, set, o)),
                Some(Answer::Choices(os)) => Value::Text(
                    os.iter()
                        .map(|o| content.option_label(lang, set, o))
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                Some(Answer::YesNo(b)) => {
                    Value::Text(content.t(lang, if *b { "opt.yesno.yes" } else { "opt.yesno.no" }))
                }
            }
        })
        .collect()
}

/// One valid row of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSystem {
    pub name: String,
    /// Answers of the columns present in the file (`None`: the cell was empty, clear it).
    pub answers: Vec<(String, Option<Answer>)>,
    /// Names of the systems it depends on, if the file has that column.
    pub depends_on: Option<Vec<String>>,
}

/// A whole file, checked: ready to apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub systems: Vec<ImportedSystem>,
    /// Unknown columns (ignored).
    pub warnings: Vec<Problem>,
}

/// What [`Import::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    /// Waves whose answers (tests, dates, runbook, ticks) were filed under a removed system and
    /// now are under another system of the same wave that stays.
    pub waves_handed: usize,
    /// Waves whose answers were dropped because none of their systems stays.
    pub waves_dropped: usize,
}

/// Splits a list cell on `、` `,` `;` `，` `；` and newlines; empty parts are dropped.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', ';', '，', '；', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Checks the table as a whole against `profile` (for names that dependencies may refer to when
/// not replacing). `Err` holds every problem, warnings included.
pub fn parse(
    content: &Content,
    table: &read::Table,
    profile: &Profile,
    replace: bool,
) -> Result<Import, Vec<Problem>> {
    let cols = columns(content);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut rows = table
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()));
    let Some(header) = rows.next() else {
        return Err(vec![Problem {
            at: None,
            text: Text::new("import.err.empty"),
        }]);
    };
    // column index in the file -> column of the inventory
    let mut map: BTreeMap<usize, Column<'_>> = BTreeMap::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, cell) in header.cells.iter().enumerate() {
        let h = cell.text();
        if h.is_empty() {
            continue;
        }
        match cols.iter().find(|c| c.matches(content, &h)) {
            Some(c) => {
                if let Some(first) = seen.insert(c.q.id.as_str(), i) {
                    problems.push(Problem {
                        at: Some(table.at(header.number, i)),
                        text: Text::new("import.err.dup_header")
                            .plain("header", h)
                            .plain("other", table.at(header.number, first).to_string()),
                    });
                } else {
                    map.insert(i, *c);
                }
            }
            None => warnings.push(Problem {
                at: Some(table.at(header.number, i)),
                text: Text::new("import.warn.unknown_column").plain("header", h),
            }),
        }
    }
    let Some(name_col) = seen.get(NAME).copied() else {
        problems.push(Problem {
            at: Some(table.at(header.number, 0)),
            text: Text::new("import.err.no_name_column").key_of("name", "q.sys.name.label"),
        });
        problems.extend(warnings);
        return Err(problems);
    };
    let mut systems: Vec<ImportedSystem> = Vec::new();
    let mut where_named: HashMap<String, At> = HashMap::new();
    let mut dep_cells: Vec<(usize, At, Vec<String>)> = Vec::new();
    for row in rows {
        if is_hint_row(content, &map, row) {
            continue;
        }
        let cell = |i: usize| row.cells.get(i).unwrap_or(&Cell::Empty);
        let name = cell(name_col).text();
        let name_at = table.at(row.number, name_col);
        if name.is_empty() {
            problems.push(Problem {
                at: Some(name_at.clone()),
                text: Text::new("import.err.required").key_of("question", "q.sys.name.label"),
            });
        } else if let Some(first) = where_named.get(&name) {
            problems.push(Problem {
                at: Some(name_at.clone()),
                text: Text::new("import.err.dup_name")
                    .plain("name", name.clone())
                    .plain("other", first.to_string()),
            });
        } else {
            where_named.insert(name.clone(), name_at.clone());
        }
        let mut sys = ImportedSystem {
            name: name.clone(),
            answers: Vec::new(),
            depends_on: None,
        };
        for (i, col) in &map {
            let q = col.q;
            if q.id == NAME {
                continue;
            }
            let at = table.at(row.number, *i);
            let c = cell(*i);
            if c.is_empty() {
                if q.required {
                    problems.push(Problem {
                        at: Some(at),
                        text: Text::new("import.err.required")
                            .key("question", format!("q.{}.label", q.id)),
                    });
                }
                match q.kind {
                    QuestionKind::Dependencies => sys.depends_on = Some(Vec::new()),
                    _ => sys.answers.push((q.id.clone(), None)),
                }
                continue;
            }
            if q.kind == QuestionKind::Dependencies {
                let names = split_names(&c.text(), &where_named, profile);
                dep_cells.push((systems.len(), at, names.clone()));
                sys.depends_on = Some(names);
                continue;
            }
            match answer(content, q, c) {
                Ok(a) => sys.answers.push((q.id.clone(), Some(a))),
                Err(text) => problems.push(Problem { at: Some(at), text }),
            }
        }
        systems.push(sys);
    }
    for (idx, at, names) in dep_cells {
        let own = &systems[idx].name;
        for dep in names {
            if &dep == own {
                problems.push(Problem {
                    at: Some(at.clone()),
                    text: Text::new("import.err.self_dep").plain("name", dep),
                });
            } else if !where_named.contains_key(&dep)
                && (replace || !profile.systems.iter().any(|s| s.name.trim() == dep))
            {
                problems.push(Problem {
                    at: Some(at.clone()),
                    text: Text::new("import.err.missing_dep").plain("name", dep),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(Import { systems, warnings })
    } else {
        problems.extend(warnings);
        Err(problems)
    }
}

/// A dependency list: the whole cell when it is one known name (names may hold a comma),
/// else its parts.
fn split_names(cell: &str, in_file: &HashMap<String, At>, profile: &Profile) -> Vec<String> {
    let whole = cell.trim();
    if in_file.contains_key(whole) || profile.systems.iter().any(|s| s.name.trim() == whole) {
        return vec![whole.to_owned()];
    }
    split_list(cell)
}

/// The template's second row: every filled cell is its column's hint in some language.
fn is_hint_row(content: &Content, map: &BTreeMap<usize, Column<'_>>, row: &read::Row) -> bool {
    let mut any = false;
    for (i, cell) in row.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let Some(col) = map.get(&i) else {
            return false;
        };
        let text = cell.text();
        if !Lang::ALL.iter().any(|l| col.hint(content, *l) == text) {
            return false;
        }
        any = true;
    }
    any
}

/// The option of `set` that `s` names (id or label in either language).
fn option_of(content: &Content, set: &str, s: &str) -> Option<String> {
    let f = fold(s);
    content
        .options(set)
        .iter()
        .find(|o| {
            fold(o) == f
                || Lang::ALL
                    .iter()
                    .any(|l| fold(&content.option_label(*l, set, o)) == f)
        })
        .cloned()
}

fn options_list(content: &Content, set: &str) -> String {
    content
        .options(set)
        .iter()
        .map(|o| {
            format!(
                "{} / {}",
                content.option_label(Lang::ZhCn, set, o),
                content.option_label(Lang::En, set, o)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The answer a non-empty cell gives to `q`, or why it gives none.
fn answer(content: &Content, q: &QuestionDef, cell: &Cell) -> Result<Answer, Text> {
    let raw = cell.text();
    let label = format!("q.{}.label", q.id);
    let err = |key: &'static str| {
        Text::new(key)
            .plain("value", raw.clone())
            .key("question", label.clone())
    };
    if let Cell::Error(_) = cell {
        return Err(err("import.err.cell_error"));
    }
    match &q.kind {
        QuestionKind::Text { max } | QuestionKind::LongText { max } => {
            let s = match cell {
                Cell::Text(s) => s.trim().to_owned(),
                _ => raw.clone(),
            };
            if s.chars().count() > *max {
                return Err(err("import.err.too_long").plain("max", max.to_string()));
            }
            Ok(Answer::Text(s))
        }
        QuestionKind::Date => {
            let ok = raw.len() == 10
                && raw.char_indices().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            if ok {
                Ok(Answer::Text(raw))
            } else {
                Err(err("import.err.date"))
            }
        }
        QuestionKind::Number {
            min, max, integer, ..
        } => {
            let n = match cell {
                Cell::Number(n) => Some(*n),
                _ => raw.replace([',', '，'], "").trim().parse::<f64>().ok(),
            };
            match n {
                Some(n) if *integer && n.is_finite() && n.fract() != 0.0 => {
                    Err(err("import.err.whole"))
                }
                Some(n) if n.is_finite() && n >= *min && n <= *max => Ok(Answer::Number(n)),
                Some(n) if n.is_finite() => Err(err("import.err.range")
                    .plain("min", number_text(*min))
                    .plain("max", number_text(*max))),
                _ => Err(err("import.err.number")),
            }
        }
        QuestionKind::Rating => {
            let n = match cell {
                Cell::Number(n) => Some(*n),
                _ => raw.parse::<f64>().ok().or_else(|| {
                    (1..=5u8)
                        .find(|r| {
                            Lang::ALL.iter().any(|l| {
                                fold(&content.t(*l, &format!("opt.rating.{r}"))) == fold(&raw)
                            })
                        })
                        .map(f64::from)
                }),
            };
            match n {
                Some(n) if n.fract() == 0.0 && (1.0..=5.0).contains(&n) => {
                    Ok(Answer::Rating(n as u8))
                }
                _ => Err(err("import.err.rating")),
            }
        }
        QuestionKind::YesNo => {
            if let Cell::Bool(b) = cell {
                return Ok(Answer::YesNo(*b));
            }
            let f = fold(&raw);
            let is = |key: &str, extra: &[&str]| {
                extra.contains(&f.as_str())
                    || Lang::ALL.iter().any(|l| fold(&content.t(*l, key)) == f)
            };
            if is(
                "opt.yesno.yes",
                &["y", "yes", "true", "1", "是", "有", "√", "✓"],
            ) {
                Ok(Answer::YesNo(true))
            } else if is(
                "opt.yesno.no",
                &["n", "no", "false", "0", "否", "无", "×", "✗"],
            ) {
                Ok(Answer::YesNo(false))
            } else {
                Err(err("import.err.yesno"))
            }
        }
        QuestionKind::Single(set) => option_of(content, set, &raw)
            .map(Answer::Choice)
            .ok_or_else(|| err("import.err.option").plain("options", options_list(content, set))),
        QuestionKind::Multi(set) => {
            if let Some(o) = option_of(content, set, &raw) {
                return Ok(Answer::Choices(vec![o]));
            }
            let mut chosen = Vec::new();
            for part in split_list(&raw) {
                match option_of(content, set, &part) {
                    Some(o) => chosen.push(o),
                    None => {
                        return Err(Text::new("import.err.option")
                            .plain("value", part)
                            .key("question", label.clone())
                            .plain("options", options_list(content, set)));
                    }
                }
            }
            // in the order of the option set, once each
            let order = content.options(set);
            chosen.sort_by_key(|o| order.iter().position(|x| x == o));
            chosen.dedup();
            Ok(Answer::Choices(chosen))
        }
        QuestionKind::Catalogue => {
            let ids: Vec<String> = split_list(&raw);
            match ids
                .iter()
                .find(|id| !content.services().any(|(_, s)| &s.id == *id))
            {
                Some(bad) => Err(Text::new("import.err.option")
                    .plain("value", bad.clone())
                    .key("question", label.clone())
                    .plain("options", String::new())),
                None => Ok(Answer::Choices(ids)),
            }
        }
        QuestionKind::Dependencies => Err(err("import.err.option")),
    }
}

impl Import {
    /// Merges into `profile`: systems matched by name are updated, others added; with
    /// `replace`, systems not in the file are deleted (with their ticks and dependencies) and
    /// the inventory takes the file's order. Ids of matched systems are kept, so ticks and
    /// pins survive.
    ///
    /// A removed system may be the one its wave's answers are filed under: they go to another
    /// system of that wave that stays, as when the system is deleted in the wizard
    /// ([`Profile::delete_system_keeping_wave`]); the waves are those before the import, which
    /// the answers were given for. A wave none of whose systems stays loses its answers, as in
    /// the wizard.
    pub fn apply(&self, content: &Content, profile: &mut Profile, replace: bool) -> Applied {
        let mut applied = Applied::default();
        let waves_before = if replace {
            crate::engine::waves_of(content, profile)
        } else {
            Vec::new()
        };
        let mut ids: Vec<SystemId> = Vec::with_capacity(self.systems.len());
        for s in &self.systems {
            let existing = profile
                .systems
                .iter()
                .find(|x| x.name.trim() == s.name)
                .map(|x| x.id);
            let id = match existing {
                Some(id) => {
                    applied.updated += 1;
                    id
                }
                None => {
                    applied.added += 1;
                    profile.add_system(s.name.clone())
                }
            };
            if let Some(sys) = profile.system_mut(id) {
                sys.name.clone_from(&s.name);
                for (q, a) in &s.answers {
                    sys.answers.set(q.clone(), a.clone());
                }
            }
            ids.push(id);
        }
        if replace {
            let gone: Vec<SystemId> = profile
                .systems
                .iter()
                .map(|s| s.id)
                .filter(|id| !ids.contains(id))
                .collect();
            let going: HashSet<SystemId> = gone.iter().copied().collect();
            for &id in &gone {
                let mate =
                    crate::engine::waves_mate_staying(&waves_before, id, |s| !going.contains(&s));
                let heads_answers =
                    profile.waves.contains_key(&id) && waves_before.iter().any(|w| w.key == id);
                if heads_answers {
                    if mate.is_some() {
                        applied.waves_handed += 1;
                    } else {
                        applied.waves_dropped += 1;
                    }
                }
                profile.delete_system_keeping_wave(id, mate);
                applied.removed += 1;
            }
            profile
                .systems
                .sort_by_key(|s| ids.iter().position(|i| *i == s.id));
        }
        let by_name: HashMap<String, SystemId> = profile
            .systems
            .iter()
            .map(|s| (s.name.trim().to_owned(), s.id))
            .collect();
        for (s, id) in self.systems.iter().zip(&ids) {
            let Some(names) = &s.depends_on else {
                continue;
            };
            let deps: Vec<SystemId> = names
                .iter()
                .filter_map(|n| by_name.get(n).copied())
                .filter(|d| d != id)
                .collect();
            if let Some(sys) = profile.system_mut(*id) {
                sys.depends_on = deps;
            }
        }
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(25), "Z");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(col_letters(701), "ZZ");
        assert_eq!(col_letters(702), "AAA");
    }

    #[test]
    fn places_read_like_spreadsheets_and_editors() {
        let c = |sheet: &str| At::Cell {
            sheet: sheet.into(),
            row: 7,
            col: 2,
        };
        assert_eq!(c("清单").to_string(), "清单!C7");
        assert_eq!(c("My sheet").to_string(), "'My sheet'!C7");
        assert_eq!(At::Line { line: 3, col: 4 }.to_string(), "3:4");
    }

    #[test]
    fn lists_split_on_every_separator() {
        assert_eq!(
            split_list("ERP、OA,CRM;MES，WMS； BI "),
            ["ERP", "OA", "CRM", "MES", "WMS", "BI"]
        );
        assert!(split_list(" 、 ").is_empty());
    }
}
