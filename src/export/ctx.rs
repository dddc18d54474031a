//! [`DocCx`], what every part builder needs: the content, the language, the profile and its
//! analysis, and small helpers that turn ids into text in that language (all through
//! `Content`). The document's counterpart of the wizard's `KeyCx` (keys) and `View` (drawing).

use super::doc::{Align, Block, Line, Span};
use crate::content::{Content, FxMap, Name, QuestionKind, Text, format_number};
use crate::engine::{Analysis, Reason};
use crate::model::{Answer, Answers, Lang, Profile, ProviderId, SystemId};
use std::borrow::Cow;
use std::cell::RefCell;

pub(crate) struct DocCx<'a> {
    pub c: &'a Content,
    pub lang: Lang,
    pub p: &'a Profile,
    pub a: &'a Analysis,
    /// System names by id (the analysis's, else the profile's), for lists of thousands.
    names: FxMap<SystemId, &'a str>,
    /// Separators used thousands of times in a large export, looked up once.
    list_sep: Cow<'a, str>,
    sentence_sep: Cow<'a, str>,
    /// Scratch for building locale keys (`opt.<set>.<option>`) without allocating each one.
    key: RefCell<String>,
    /// The day the document is made (the user's local day), for the "start in the past"
    /// check; `None` in a reproducible document.
    pub today: Option<crate::model::date::Date>,
}

impl<'a> DocCx<'a> {
    pub fn new(c: &'a Content, lang: Lang, p: &'a Profile, a: &'a Analysis) -> DocCx<'a> {
        let mut names: FxMap<SystemId, &'a str> =
            p.systems.iter().map(|s| (s.id, s.name.as_str())).collect();
        names.extend(a.systems.iter().map(|s| (s.id, s.name.as_str())));
        let text = |key: &str| match c.lookup(lang, key) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(c.t(lang, key)),
        };
        DocCx {
            c,
            lang,
            p,
            a,
            names,
            list_sep: text("ui.list_sep"),
            sentence_sep: text("report.sentence_sep"),
            key: RefCell::new(String::new()),
            today: None,
        }
    }

    /// The text of the key made of `parts` (`["opt.", set, ".", option]`), as [`DocCx::t`].
    fn t_of(&self, parts: &[&str]) -> String {
        let mut out = String::new();
        self.push_t_of(parts, &mut out);
        out
    }

    /// [`DocCx::t_of`], appended to `out`.
    fn push_t_of(&self, parts: &[&str], out: &mut String) {
        match self.key.try_borrow_mut() {
            Ok(mut key) => {
                key.clear();
                for p in parts {
                    key.push_str(p);
                }
                self.push_t(&key, out);
            }
            Err(_) => self.push_t(&parts.concat(), out),
        }
    }

    /// The text of `key` appended to `out` (`⟦key⟧` when missing, as [`DocCx::t`]).
    pub fn push_t(&self, key: &str, out: &mut String) {
        match self.c.lookup(self.lang, key) {
            Some(t) => out.push_str(t),
            None => out.push_str(&self.c.t(self.lang, key)),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.c.t(self.lang, key)
    }

    /// A locale text with plain arguments.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.c.render_plain(self.lang, key, args)
    }

    pub fn render(&self, text: &Text) -> String {
        self.c.render(self.lang, text)
    }

    /// `§十四` / `§14`; several clauses joined with the list separator.
    pub fn cites(&self, clauses: &[&str]) -> String {
        if let [one] = clauses {
            return self.c.cite(self.lang, one);
        }
        clauses
            .iter()
            .map(|c| self.c.cite(self.lang, c))
            .collect::<Vec<_>>()
            .join(&self.sep())
    }

    /// "text（§十四）".
    pub fn with_clause(&self, text: &str, clauses: &[&str]) -> String {
        if clauses.is_empty() {
            return text.to_owned();
        }
        self.tf(
            "report.with_clause",
            &[("text", text), ("clause", &self.cites(clauses))],
        )
    }

    /// A section heading that cites its clauses.
    pub fn heading(&self, level: u8, key: &str, clauses: &[&str]) -> Block {
        Block::heading(level, self.with_clause(&self.t(key), clauses))
    }

    pub fn reason(&self, r: &Reason) -> String {
        let mut out = String::new();
        self.reason_into(r, &mut out);
        out
    }

    /// [`DocCx::reason`] appended to `out`: the text and its clause rendered in place, as
    /// `with_clause(render(text), [clause])` gives them.
    pub fn reason_into(&self, r: &Reason, out: &mut String) {
        self.text_with_clause_into(&r.text, &r.clause, out);
    }

    /// `with_clause(render(text), [clause])`, rendered in place and appended to `out`.
    pub fn text_with_clause_into(&self, text: &Text, clause: &str, out: &mut String) {
        self.c
            .render_with(self.lang, "report.with_clause", out, &mut |name, out| {
                match name {
                    "text" => self.c.render_into(self.lang, text, out),
                    "clause" => self.c.cite_into(self.lang, clause, out),
                    _ => return false,
                }
                true
            });
    }

    /// The reasons, each with its clause, joined as sentences ([`DocCx::join_sentences`]).
    pub fn reasons(&self, rs: &[Reason]) -> String {
        let mut out = String::with_capacity(128 * rs.len());
        for (i, r) in rs.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.sentence_sep);
            }
            self.reason_into(r, &mut out);
        }
        out
    }

    pub fn sep(&self) -> String {
        self.list_sep.clone().into_owned()
    }

    /// Joins `items` with `sep`, without collecting them first.
    fn join_with(sep: &str, items: impl IntoIterator<Item = String>) -> String {
        let mut items = items.into_iter();
        let Some(mut out) = items.next() else {
            return String::new();
        };
        for item in items {
            out.push_str(sep);
            out.push_str(&item);
        }
        out
    }

    pub fn join(&self, items: impl IntoIterator<Item = String>) -> String {
        Self::join_with(&self.list_sep, items)
    }

    /// Joins sentences (risks, reasons) with "；" / "; ".
    pub fn join_sentences(&self, items: impl IntoIterator<Item = String>) -> String {
        Self::join_with(&self.sentence_sep, items)
    }

    /// The text for a count `n` (given as `{n}`): `one` when `n` is 1 ("1 system"), else
    /// `many` ("3 systems"); both languages have both keys.
    pub fn tf_n(&self, n: usize, [one, many]: [&str; 2], args: &[(&str, &str)]) -> String {
        let n_text = n.to_string();
        let mut all = vec![("n", n_text.as_str())];
        all.extend_from_slice(args);
        self.tf(if n == 1 { one } else { many }, &all)
    }

    /// `a` followed by a remark `b`: "a（b）" in Chinese, "a (b)" in English (the remark
    /// brings its own brackets).
    pub fn append(&self, a: &str, b: &str) -> String {
        self.tf("report.append", &[("a", a), ("b", b)])
    }

    /// "what — why", with the reasons (each with its clause, joined as sentences) as the why,
    /// rendered in place.
    pub fn because_reasons(&self, what: &str, rs: &[Reason]) -> String {
        let mut out = String::with_capacity(what.len() + 128 * rs.len());
        self.c
            .render_with(self.lang, "report.because", &mut out, &mut |name, out| {
                match name {
                    "what" => out.push_str(what),
                    "why" => {
                        for (i, r) in rs.iter().enumerate() {
                            if i > 0 {
                                out.push_str(&self.sentence_sep);
                            }
                            self.reason_into(r, out);
                        }
                    }
                    _ => return false,
                }
                true
            });
        out
    }

    /// "label：" / "label: ".
    pub fn label(&self, label: &str) -> String {
        self.tf("report.label", &[("label", label)])
    }

    /// A line "label：value" with the value strong.
    pub fn labelled(&self, label_key: &str, value: String) -> Line {
        vec![
            Span::plain(self.label(&self.t(label_key))),
            Span::Strong(value),
        ]
    }

    pub fn dash(&self) -> String {
        self.t("report.none_mark")
    }

    pub fn num(&self, v: f64, decimals: u8) -> String {
        format_number(v, decimals)
    }

    pub fn opt(&self, set: &str, option: &str) -> String {
        self.t_of(&["opt.", set, ".", option])
    }

    pub fn service(&self, id: &str) -> String {
        self.t_of(&["svc.", id])
    }

    /// The labels of services joined with the list separator.
    pub fn services(&self, ids: &[String]) -> String {
        let mut out = String::new();
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.list_sep);
            }
            self.push_t_of(&["svc.", id], &mut out);
        }
        out
    }

    pub fn wave(&self, n: u32) -> String {
        let mut out = String::new();
        self.c
            .render_with(self.lang, "report.wave", &mut out, &mut |name, out| {
                if name != "n" {
                    return false;
                }
                crate::content::push_number(out, f64::from(n), 0);
                true
            });
        out
    }

    pub fn step_title(&self, n: u8) -> String {
        self.t(&format!("step.s{n}.title"))
    }

    pub fn q_label(&self, qid: &str) -> String {
        self.t(&format!("q.{qid}.label"))
    }

    pub fn enterprise_name(&self) -> String {
        let name = self.p.enterprise_name().trim();
        if super::escape::clean_cow(name).trim().is_empty() {
            self.t("report.unnamed_enterprise")
        } else {
            name.to_owned()
        }
    }

    /// The name of a system; a placeholder when it has none or is unknown.
    pub fn system_name(&self, id: SystemId) -> String {
        self.name_or_placeholder(self.names.get(&id).copied().unwrap_or(""), id)
    }

    /// A system's name, or its placeholder when blank (the engine's [`Name`], so that the
    /// plan's own texts and the engine's say the same).
    pub fn name_or_placeholder(&self, name: &str, id: SystemId) -> String {
        if super::escape::clean_cow(name).trim().is_empty() {
            self.name(&Name::UnnamedSystem(id.0))
        } else {
            self.name(&Name::system(name, id))
        }
    }

    /// A provider's name, or its placeholder when blank.
    pub fn provider_name(&self, name: &str, id: ProviderId) -> String {
        if super::escape::clean_cow(name).trim().is_empty() {
            self.name(&Name::UnnamedProvider(id.0))
        } else {
            self.name(&Name::provider(name, id))
        }
    }

    /// A [`Name`] in the document's language.
    pub fn name(&self, name: &Name) -> String {
        let mut out = String::new();
        self.c.push_name(self.lang, name, &mut out);
        out
    }

    pub fn system_names(&self, ids: &[SystemId]) -> String {
        let mut out = String::new();
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.list_sep);
            }
            let name = self.names.get(id).copied().unwrap_or("");
            if super::escape::clean_cow(name).trim().is_empty() {
                out.push_str(&self.name_or_placeholder(name, *id));
            } else {
                out.push_str(name.trim());
            }
        }
        out
    }

    /// A number with the unit of question `qid` ("99.9 %", "30 天").
    pub fn with_unit(&self, qid: &str, v: f64) -> String {
        match self.c.question(qid).map(|q| &q.kind) {
            Some(QuestionKind::Number { unit, .. }) if unit == "wan" || unit == "wan_year" => {
                self.money(v, unit)
            }
            Some(QuestionKind::Number { unit, .. }) => self.tf(
                "report.value_unit",
                &[
                    ("value", &self.num(v, 2)),
                    ("unit", &self.t(&self.c.unit_key(unit, v))),
                ],
            ),
            _ => self.num(v, 2),
        }
    }

    /// An amount in 万元 (`unit` `wan` or `wan_year`) as the language writes money: "58 万元/年",
    /// "CNY 580k/yr".
    /// Thousands are grouped ("CNY 12,000k/yr", "12,000 万元") and a negative amount has the
    /// minus sign "−" the change columns use (see [`money`]).
    pub fn money(&self, v: f64, unit: &str) -> String {
        money(self.c, self.lang, v, unit)
    }

    /// An answer shown in words, by the kind of its question; `None` when unanswered.
    pub fn answer(&self, qid: &str, answers: &Answers) -> Option<String> {
        let answer = answers.get(qid)?;
        let kind = self.c.question(qid).map(|q| &q.kind);
        Some(match (answer, kind) {
            (Answer::Number(n), _) => self.with_unit(qid, *n),
            (Answer::Choice(o), Some(QuestionKind::Single(set) | QuestionKind::Multi(set))) => {
                self.opt(set, o)
            }
            (Answer::Choices(os), Some(QuestionKind::Single(set) | QuestionKind::Multi(set))) => {
                self.join(os.iter().map(|o| self.opt(set, o)))
            }
            (Answer::Choices(os), Some(QuestionKind::Catalogue)) => {
                self.join(os.iter().map(|o| self.service(o)))
            }
            (Answer::Choice(o), _) => o.clone(),
            (Answer::Choices(os), _) => os.join(&self.sep()),
            (Answer::YesNo(b), _) => self.t(if *b { "report.yes" } else { "report.no" }),
            (Answer::Rating(r), _) => self.tf("report.rating", &[("n", &r.to_string())]),
            (Answer::Text(t), _) => t.clone(),
        })
    }

    pub fn answer_or_dash(&self, qid: &str, answers: &Answers) -> String {
        self.answer(qid, answers)
            .unwrap_or_else(|| self.t("report.unanswered"))
    }

    /// A two-column table "question | answer" for enterprise questions.
    pub fn qa_table(&self, qids: &[&str]) -> Block {
        Block::Table {
            header: vec![self.t("report.col.question"), self.t("report.col.answer")],
            align: vec![Align::Left, Align::Left],
            rows: qids
                .iter()
                .map(|q| {
                    vec![
                        vec![Span::plain(self.q_label(q))],
                        vec![Span::plain(self.answer_or_dash(q, &self.p.answers))],
                    ]
                })
                .collect(),
        }
    }

    /// A paragraph "**label**：free text" for a long-text enterprise answer.
    pub fn free_text(&self, qid: &str) -> Block {
        let value = self.answer_or_dash(qid, &self.p.answers);
        Block::Paragraph(vec![
            Span::strong(self.q_label(qid)),
            Span::plain(self.label("")),
            Span::plain(value),
        ])
    }

    /// "★★★☆☆".
    pub fn stars(&self, n: u8) -> String {
        let n = n.min(5) as usize;
        format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
    }
}

/// An amount in 万元 (`unit` `wan` or `wan_year`) as `lang` writes money (`fmt.<unit>`,
/// scaled by `fmt.wan_factor`): thousands grouped, a negative amount with "−". The plan and the
/// scorecard screen both write money through it.
pub fn money(c: &Content, lang: Lang, v: f64, unit: &str) -> String {
    let factor = wan_factor(&c.t(lang, "fmt.wan_factor"));
    let digits = format_number((v * factor).abs(), 2);
    let (whole, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut value = String::with_capacity(digits.len() + 8);
    if v < 0.0 && digits.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        value.push('−');
    }
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            value.push(',');
        }
        value.push(ch);
    }
    if !frac.is_empty() {
        value.push('.');
        value.push_str(frac);
    }
    c.render_plain(lang, &format!("fmt.{unit}"), &[("value", &value)])
}

/// The factor from 万元 to the unit the language writes money in (`fmt.wan_factor`: 1 for
/// 万元, 10 for thousands of CNY); 1 when the text is not a positive number.
pub fn wan_factor(text: &str) -> f64 {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && *f > 0.0)
        .unwrap_or(1.0)
}
