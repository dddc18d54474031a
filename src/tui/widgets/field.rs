//! One question as a form field: its label, the widget its kind calls for, the engine's hint
//! where there is one, the help text and the validation message right under it.
//!
//! A field edits one answer of one [`Entity`] in place and reports what happened as an
//! [`Outcome`]; the form around it moves focus and the app saves. Typed text is parsed by the
//! engine's `parse_input`; while the input is invalid the raw text stays in the field (nothing
//! typed is lost) and the message says what is wrong.
//!
//! Longer than 700 lines: one widget per question kind (text, area, single, multi,
//! catalogue, yes/no, rating, dependencies), each with its keys and its rows, kept in one
//! place so that every kind answers the same `Outcome`s.

use super::text::{Edit, TextArea, TextField, str_width};
use super::{KeyCx, View, line, pad, spans, truncate, wrap};
use crate::content::{Content, QuestionDef, QuestionKind, Text, format_number};
use crate::model::{Answer, Answers, Profile, System, SystemId};
use crate::tui::backend::{self, Entity};
use crate::tui::event::{Action, Ctx};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// The answers of an entity, if it exists.
pub fn answers(profile: &Profile, entity: Entity) -> Option<&Answers> {
    profile.answers_of(entity)
}

/// The current answer (names of systems and providers are answers too).
pub fn get(profile: &Profile, entity: Entity, qid: &str) -> Option<Answer> {
    profile.answer(entity, qid)
}

/// Sets or clears an answer; false when the entity does not exist.
pub fn set(profile: &mut Profile, entity: Entity, qid: &str, a: Option<Answer>) -> bool {
    profile.set_answer(entity, qid, a)
}

/// What a summary line or a table cell shows of one entity: found once, so that a table draws
/// a row without looking its system up again for every cell.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub answers: Option<&'a Answers>,
    /// The name, for systems and providers.
    pub name: Option<&'a str>,
    /// What a system depends on.
    pub depends_on: &'a [SystemId],
}

impl<'a> Shown<'a> {
    /// Looks the entity up in the profile.
    pub fn of(profile: &'a Profile, entity: Entity) -> Shown<'a> {
        match entity {
            Entity::System(id) => profile.system(id).map_or(Shown::NONE, Shown::system),
            Entity::Provider(id) => profile.provider(id).map_or(Shown::NONE, |p| Shown {
                answers: Some(&p.answers),
                name: Some(&p.name),
                depends_on: &[],
            }),
            _ => Shown {
                answers: answers(profile, entity),
                ..Shown::NONE
            },
        }
    }

    pub fn system(s: &'a System) -> Shown<'a> {
        Shown {
            answers: Some(&s.answers),
            name: Some(&s.name),
            depends_on: &s.depends_on,
        }
    }

    const NONE: Shown<'static> = Shown {
        answers: None,
        name: None,
        depends_on: &[],
    };
}

/// How an answer reads in a summary line or a table cell; `None` when unanswered.
pub fn display(view: &View, q: &QuestionDef, entity: Entity) -> Option<String> {
    display_of(view, q, Shown::of(view.profile, entity))
}

/// [`display`] of an entity already found.
pub fn display_of(view: &View, q: &QuestionDef, shown: Shown) -> Option<String> {
    if q.kind == QuestionKind::Dependencies {
        if shown.depends_on.is_empty() {
            return None;
        }
        let names: Vec<&str> = shown
            .depends_on
            .iter()
            .filter_map(|d| view.profile.system(*d))
            .map(|s| s.name.as_str())
            .collect();
        return Some(names.join(&view.t("ui.list_sep")));
    }
    if crate::model::is_name(&q.id) {
        let name = shown.name?;
        return (!name.trim().is_empty()).then(|| name.to_owned());
    }
    Some(match (&q.kind, shown.answers?.get(&q.id)?) {
        (_, Answer::Text(t)) if t.trim().is_empty() => return None,
        (QuestionKind::LongText { .. }, Answer::Text(t)) => {
            t.lines().next().unwrap_or("").to_owned()
        }
        (_, Answer::Text(t)) => t.clone(),
        (QuestionKind::Number { unit, .. }, Answer::Number(n)) => {
            format!(
                "{} {}",
                format_number(*n, 2),
                view.t(&view.content.unit_key(unit, *n))
            )
        }
        (_, Answer::Number(n)) => format_number(*n, 2),
        (QuestionKind::Single(set), Answer::Choice(c)) => {
            view.content.option_label(view.lang, set, c)
        }
        (QuestionKind::Multi(set), Answer::Choices(cs)) => {
            let labels: Vec<String> = cs
                .iter()
                .map(|c| view.content.option_label(view.lang, set, c))
                .collect();
            labels.join(&view.t("ui.list_sep"))
        }
        (QuestionKind::Catalogue, Answer::Choices(cs)) => {
            let labels: Vec<String> = cs.iter().map(|c| view.t(&format!("svc.{c}"))).collect();
            labels.join(&view.t("ui.list_sep"))
        }
        (_, Answer::YesNo(true)) => view.t("ui.yes"),
        (_, Answer::YesNo(false)) => view.t("ui.no"),
        (_, Answer::Rating(r)) => format!(
            "{}{} {r}/5",
            "★".repeat((*r).min(5) as usize),
            "☆".repeat(5 - (*r).min(5) as usize)
        ),
        (_, Answer::Choice(c)) => c.clone(),
        (_, Answer::Choices(cs)) => cs.join(", "),
    })
}

/// Columns between a field's label and its widget.
const INDENT: u16 = 2;

/// What handling an action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not for this field: the form may use it (to move focus, say).
    Ignored,
    /// Consumed, nothing saved changed.
    Handled,
    /// The profile changed.
    Changed,
    /// Done here: move to the next field (`true` when the profile changed too).
    Advance(bool),
    /// Open the dependency picker for this system.
    OpenDeps,
}

#[derive(Debug, Clone, PartialEq)]
enum Input {
    None,
    Line(TextField),
    Area(TextArea),
}

/// One question on screen.
#[derive(Debug, Clone)]
pub struct Field {
    pub q: &'static QuestionDef,
    pub entity: Entity,
    input: Input,
    /// The highlighted option of a list (or 0 = yes / 1 = no).
    pub cursor: usize,
    /// What is wrong with the input or the answer, shown under the field.
    pub error: Option<Text>,
    /// The answer saved when the current edit began (`None`: no edit under way). While the
    /// draft is invalid this answer is the one saved, never a valid prefix of the draft
    /// (`1000000000000` must not leave `10000000` saved).
    before: Option<Option<Answer>>,
}

impl Field {
    pub fn new(
        content: &'static Content,
        q: &'static QuestionDef,
        entity: Entity,
        profile: &Profile,
    ) -> Field {
        let current = get(profile, entity, &q.id);
        let as_text = |a: &Option<Answer>| match a {
            Some(Answer::Text(t)) => t.clone(),
            Some(Answer::Number(n)) => format_number(*n, 6),
            _ => String::new(),
        };
        let input = match q.kind {
            QuestionKind::Text { .. } | QuestionKind::Number { .. } | QuestionKind::Date => {
                Input::Line(TextField::new(as_text(&current)))
            }
            QuestionKind::LongText { .. } => Input::Area(TextArea::new(as_text(&current))),
            _ => Input::None,
        };
        let mut f = Field {
            q,
            entity,
            input,
            cursor: 0,
            error: None,
            before: None,
        };
        f.cursor = match (&q.kind, &current) {
            (QuestionKind::Single(_), Some(Answer::Choice(c))) => {
                f.options(content).iter().position(|o| *o == c).unwrap_or(0)
            }
            (QuestionKind::YesNo, Some(Answer::YesNo(false))) => 1,
            _ => 0,
        };
        f
    }

    /// The options of a list field (service ids for the catalogue).
    pub fn options(&self, content: &'static Content) -> Vec<&'static String> {
        match &self.q.kind {
            QuestionKind::Single(set) | QuestionKind::Multi(set) => {
                content.options(set).iter().collect()
            }
            QuestionKind::Catalogue => content.services().map(|(_, s)| &s.id).collect(),
            _ => Vec::new(),
        }
    }

    /// The key contexts while this field has focus, innermost first.
    pub fn ctxs(&self) -> &'static [Ctx] {
        match self.q.kind {
            QuestionKind::Text { .. } | QuestionKind::Number { .. } | QuestionKind::Date => {
                &[Ctx::Text, Ctx::Line]
            }
            QuestionKind::LongText { .. } => &[Ctx::TextArea, Ctx::Line],
            QuestionKind::Single(_) | QuestionKind::Multi(_) | QuestionKind::Catalogue => {
                &[Ctx::Choice]
            }
            QuestionKind::YesNo => &[Ctx::YesNo],
            QuestionKind::Rating => &[Ctx::Rating],
            QuestionKind::Dependencies => &[Ctx::DepsField],
        }
    }

    /// Whether typing goes into this field.
    pub fn takes_text(&self) -> bool {
        !matches!(self.input, Input::None)
    }

    /// The raw text in the field (empty for non-text fields).
    pub fn raw(&self) -> &str {
        match &self.input {
            Input::Line(f) => f.text(),
            Input::Area(a) => a.text(),
            Input::None => "",
        }
    }

    /// Re-reads the answer (after the profile changed under the field, e.g. a language switch
    /// does not, but switching the system of a detail form does).
    pub fn reload(&mut self, content: &'static Content, profile: &Profile) {
        *self = Field::new(content, self.q, self.entity, profile);
    }

    /// Typed or pasted text.
    /// Focus leaves the field: the next edit starts from the answer saved then.
    pub fn settle(&mut self) {
        self.before = None;
    }

    /// Whether the draft is refused (shown with its message, the saved answer unchanged).
    pub fn has_invalid_draft(&self) -> bool {
        self.error.is_some() && self.takes_text()
    }

    /// Esc on an invalid draft: the saved answer is shown again and the message goes.
    pub fn revert(&mut self, content: &'static Content, profile: &Profile) -> Outcome {
        if !self.has_invalid_draft() {
            return Outcome::Ignored;
        }
        self.reload(content, profile);
        Outcome::Handled
    }

    /// Remembers the saved answer before the first change of an edit.
    fn begin_edit(&mut self, profile: &Profile) {
        if self.before.is_none() {
            self.before = Some(get(profile, self.entity, &self.q.id));
        }
    }

    /// Text that would make the field longer than its limit is refused whole, with the message.
    pub fn input(&mut self, s: &str, env: &mut KeyCx) -> Outcome {
        self.begin_edit(env.profile);
        let (max, refused) = backend::input_limit(self.q);
        let fits = match &mut self.input {
            Input::Line(f) => f.insert_within(s, max),
            Input::Area(a) => a.insert_within(s, max),
            Input::None => return Outcome::Ignored,
        };
        if !fits {
            self.error = Some(refused);
            return Outcome::Handled;
        }
        self.commit(env)
    }

    /// Parses the raw text and stores the answer, or keeps the message.
    fn commit(&mut self, env: &mut KeyCx) -> Outcome {
        let raw = self.raw().to_owned();
        match backend::parse_input(env.content, self.q, &raw) {
            Ok(a) => {
                self.error = None;
                if get(env.profile, self.entity, &self.q.id) == a {
                    return Outcome::Handled;
                }
                if set(env.profile, self.entity, &self.q.id, a) {
                    Outcome::Changed
                } else {
                    Outcome::Handled
                }
            }
            Err(t) => {
                self.error = Some(t);
                // the answer saved before this edit stays (or is put back): never a valid
                // prefix of what is being typed
                let before = self.before.clone().flatten();
                if get(env.profile, self.entity, &self.q.id) != before
                    && set(env.profile, self.entity, &self.q.id, before)
                {
                    Outcome::Changed
                } else {
                    Outcome::Handled
                }
            }
        }
    }

    fn store(&mut self, env: &mut KeyCx, a: Option<Answer>) -> Outcome {
        self.error = None;
        if get(env.profile, self.entity, &self.q.id) == a {
            return Outcome::Handled;
        }
        if set(env.profile, self.entity, &self.q.id, a) {
            Outcome::Changed
        } else {
            Outcome::Handled
        }
    }

    pub fn handle(&mut self, action: Action, env: &mut KeyCx) -> Outcome {
        match &self.q.kind {
            QuestionKind::Text { .. }
            | QuestionKind::Number { .. }
            | QuestionKind::Date
            | QuestionKind::LongText { .. } => self.handle_text(action, env),
            QuestionKind::Single(_) => self.handle_single(action, env),
            QuestionKind::Multi(_) | QuestionKind::Catalogue => self.handle_multi(action, env),
            QuestionKind::YesNo => self.handle_yes_no(action, env),
            QuestionKind::Rating => self.handle_rating(action, env),
            QuestionKind::Dependencies => match action {
                Action::Confirm | Action::Toggle => Outcome::OpenDeps,
                _ => Outcome::Ignored,
            },
        }
    }

    fn handle_text(&mut self, action: Action, env: &mut KeyCx) -> Outcome {
        if matches!(
            action,
            Action::Backspace | Action::DeleteChar | Action::Clear | Action::Newline
        ) {
            self.begin_edit(env.profile);
        }
        if action == Action::Revert {
            return self.revert(env.content, env.profile);
        }
        let editor = match &mut self.input {
            Input::Line(f) => &mut f.editor,
            Input::Area(a) => match action {
                Action::Newline => {
                    let (max, refused) = backend::input_limit(self.q);
                    if !a.insert_within("\n", max) {
                        self.error = Some(refused);
                        return Outcome::Handled;
                    }
                    return self.commit(env);
                }
                Action::Up | Action::Down => {
                    let delta = if action == Action::Up { -1 } else { 1 };
                    return if a.vertical(delta, Field::wrap_width(env.area)) {
                        Outcome::Handled
                    } else {
                        Outcome::Ignored
                    };
                }
                _ => &mut a.editor,
            },
            Input::None => return Outcome::Ignored,
        };
        match editor.apply(action) {
            Edit::Changed => self.commit(env),
            Edit::Unchanged => Outcome::Handled,
            Edit::NotEditing if action == Action::Confirm => Outcome::Advance(false),
            Edit::NotEditing => Outcome::Ignored,
        }
    }

    /// The width a text area wraps at when the field is drawn in `area` (unbounded while the
    /// terminal's size is unknown: Up and Down then move between the text's own lines).
    fn wrap_width(area: Rect) -> u16 {
        if area.is_empty() {
            return u16::MAX;
        }
        let indent = INDENT.min(area.width);
        TextArea::wrap_width(Rect {
            width: area.width - indent,
            ..area
        })
    }

    fn move_cursor(&mut self, action: Action, n: usize) -> Outcome {
        match action {
            Action::Up if self.cursor > 0 => self.cursor -= 1,
            Action::Down if self.cursor + 1 < n => self.cursor += 1,
            Action::Home => self.cursor = 0,
            Action::End => self.cursor = n.saturating_sub(1),
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    fn handle_single(&mut self, action: Action, env: &mut KeyCx) -> Outcome {
        let opts = self.options(env.content);
        self.cursor = self.cursor.min(opts.len().saturating_sub(1));
        let pick = |f: &mut Field, env: &mut KeyCx| match opts.get(f.cursor) {
            Some(o) => f.store(env, Some(Answer::Choice((*o).clone()))),
            None => Outcome::Handled,
        };
        match action {
            Action::Toggle => pick(self, env),
            Action::Confirm => Outcome::Advance(pick(self, env) == Outcome::Changed),
            Action::Clear => self.store(env, None),
            a => self.move_cursor(a, opts.len()),
        }
    }

    fn handle_multi(&mut self, action: Action, env: &mut KeyCx) -> Outcome {
        let opts = self.options(env.content);
        self.cursor = self.cursor.min(opts.len().saturating_sub(1));
        match action {
            Action::Toggle => {
                let Some(o) = opts.get(self.cursor) else {
                    return Outcome::Handled;
                };
                let mut cur: Vec<String> = match get(env.profile, self.entity, &self.q.id) {
                    Some(Answer::Choices(c)) => c,
                    _ => Vec::new(),
                };
                if let Some(i) = cur.iter().position(|c| c == *o) {
                    cur.remove(i);
                } else {
                    cur.push((*o).clone());
                }
                // keep the option set's order
                let ordered: Vec<String> = opts
                    .iter()
                    .filter(|x| cur.contains(x))
                    .map(|x| (*x).clone())
                    .collect();
                self.store(
                    env,
                    if ordered.is_empty() {
                        None
                    } else {
                        Some(Answer::Choices(ordered))
                    },
                )
            }
            Action::Confirm => Outcome::Advance(false),
            Action::Clear => self.store(env, None),
            a => self.move_cursor(a, opts.len()),
        }
    }

    fn handle_yes_no(&mut self, action: Action, env: &mut KeyCx) -> Outcome {
        let cur = match get(env.profile, self.entity, &self.q.id) {
            Some(Answer::YesNo(b)) => Some(b),
            _ => None,
        };
        let value = match action {
            Action::Yes | Action::Left => true,
            Action::No | Action::Right => false,
            Action::Toggle => !cur.unwrap_or(false),
            Action::Clear => return self.store(env, None),
            Action::Confirm => return Outcome::Advance(false),
            _ => return Outcome::Ignored,
        };
        self.cursor = if value { 0 } else { 1 };
        self.store(env, Some(Answer::YesNo(value)))
    }

    fn handle_rating(&mut self, action: Action, env: &mut KeyCx) -> Outcome {
        let cur = match get(env.profile, self.entity, &self.q.id) {
            Some(Answer::Rating(r)) => Some(r),
            _ => None,
        };
        let value = match action {
            Action::Rate(n) => n.clamp(1, 5),
            Action::Left => cur.map_or(1, |r| r.saturating_sub(1).max(1)),
            Action::Right => cur.map_or(1, |r| (r + 1).min(5)),
            Action::Clear => return self.store(env, None),
            Action::Confirm => return Outcome::Advance(false),
            _ => return Outcome::Ignored,
        };
        self.store(env, Some(Answer::Rating(value)))
    }

    fn label(&self, view: &View) -> String {
        let mut s = view.t(&format!("q.{}.label", self.q.id));
        if self.q.required {
            s.push_str(" *");
        }
        s
    }

    fn help(&self, view: &View) -> String {
        view.t(&format!("q.{}.help", self.q.id))
    }

    /// What is wrong with this field: the refused draft, else the screen's problem with its
    /// answer (a missing required answer, a duplicate name, a cross-check warning).
    fn message(&self, view: &View) -> Option<String> {
        if let Some(e) = &self.error {
            return Some(view.text(e));
        }
        view.problems
            .iter()
            .find(|p| p.question == self.q.id && p.entity == self.entity)
            .map(|p| view.text(&p.text))
    }

    /// The lines this field takes at `width`.
    fn rows(&self, view: &View, width: u16, focused: bool) -> Vec<Row> {
        let mut rows = Vec::new();
        let message = self.message(view);
        if !focused {
            rows.push(Row::Summary);
            if let Some(m) = &message {
                for l in wrap(&format!("⚠ {m}"), width.saturating_sub(2)) {
                    rows.push(Row::Error(l));
                }
            }
            return rows;
        }
        rows.push(Row::Label);
        let inner = width.saturating_sub(2);
        for (text, accent) in self.notes(view) {
            for l in wrap(&text, inner) {
                rows.push(Row::Note(l, accent));
            }
        }
        match &self.q.kind {
            QuestionKind::Text { .. } | QuestionKind::Number { .. } | QuestionKind::Date => {
                rows.push(Row::Input(1))
            }
            QuestionKind::LongText { .. } => rows.push(Row::Input(5)),
            QuestionKind::Single(_) | QuestionKind::Multi(_) => {
                let n = self.options(view.content).len();
                let (top, count) = window(self.cursor, n, 8);
                rows.extend((top..top + count).map(Row::Option));
            }
            QuestionKind::Catalogue => {
                let lines = catalogue_lines(view.content);
                let at = lines
                    .iter()
                    .position(|l| *l == CatLine::Service(self.cursor))
                    .unwrap_or(0);
                let (top, count) = window(at, lines.len(), 10);
                rows.extend(lines[top..top + count].iter().map(|l| match l {
                    CatLine::Group(g) => Row::Group(*g),
                    CatLine::Service(i) => Row::Option(*i),
                }));
                if let Some(note) = self.service_note(view) {
                    for l in wrap(&note, inner) {
                        rows.push(Row::Note(l, true));
                    }
                }
            }
            QuestionKind::YesNo | QuestionKind::Rating => rows.push(Row::Inline),
            QuestionKind::Dependencies => {
                let shown =
                    display(view, self.q, self.entity).unwrap_or_else(|| view.t("ui.deps.none"));
                for l in wrap(&shown, inner) {
                    rows.push(Row::Note(l, false));
                }
                rows.push(Row::Inline);
            }
        }
        if let Some(m) = &message {
            for l in wrap(&format!("⚠ {m}"), inner) {
                rows.push(Row::Error(l));
            }
        }
        let help = self.help(view);
        let mut lines = wrap(&help, inner);
        if lines.len() > 3 {
            lines.truncate(3);
            if let Some(last) = lines.last_mut() {
                *last = super::continued(last, inner as usize);
            }
        }
        rows.extend(lines.into_iter().filter(|l| !l.is_empty()).map(Row::Help));
        rows
    }

    /// The engine's hints shown above the widget: (text, is it a suggestion).
    fn notes(&self, view: &View) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        match (self.q.id.as_str(), self.entity) {
            ("s3.deployment", _) => {
                let d = &view.analysis.deployment;
                let label =
                    view.content
                        .option_label(view.lang, "deployment", d.recommended.option());
                out.push((
                    view.text(&Text::new("ui.note.recommended").plain("value", label)),
                    true,
                ));
                for r in &d.reasons {
                    out.push((
                        format!("· {} {}", view.text(&r.text), view.cite(&r.clause)),
                        false,
                    ));
                }
            }
            ("sys.strategy", Entity::System(id)) => {
                if let Some(sr) = view.analysis.systems.iter().find(|s| s.id == id) {
                    let label =
                        view.content
                            .option_label(view.lang, "strategy", &sr.suggested_strategy);
                    out.push((
                        view.text(&Text::new("ui.note.suggested").plain("value", label)),
                        true,
                    ));
                    for r in &sr.strategy_reasons {
                        out.push((
                            format!("· {} {}", view.text(&r.text), view.cite(&r.clause)),
                            false,
                        ));
                    }
                    if sr.overridden {
                        out.push((view.t("ui.note.overridden"), false));
                    }
                }
            }
            ("s5.max_per_wave", _) => {
                out.push((view.text(&view.analysis.capacity.reason), true));
            }
            ("sys.wave_pin", Entity::System(id)) => {
                if let Some(sr) = view.analysis.systems.iter().find(|s| s.id == id)
                    && sr.wave.is_some()
                {
                    out.push((
                        format!(
                            "{}: {}",
                            view.t("ui.col.difficulty"),
                            view.t(sr.difficulty.key())
                        ),
                        true,
                    ));
                    for r in &sr.difficulty_reasons {
                        out.push((
                            format!("· {} {}", view.text(&r.text), view.cite(&r.clause)),
                            false,
                        ));
                    }
                }
            }
            _ => {}
        }
        out
    }

    fn service_note(&self, view: &View) -> Option<String> {
        let opts = self.options(view.content);
        let id = opts.get(self.cursor)?;
        let sug = view.analysis.services.iter().find(|s| &&s.id == id)?;
        if sug.suggested_for.is_empty() {
            return None;
        }
        let names = |ids: &mut dyn Iterator<Item = &crate::model::SystemId>| {
            ids.filter_map(|s| view.profile.system(*s))
                .map(|s| s.name.as_str())
                .collect::<Vec<&str>>()
                .join(&view.t("ui.list_sep"))
        };
        if sug.needed_for.is_empty() {
            let all = names(&mut sug.suggested_for.iter());
            return Some(view.text(&Text::new("ui.note.suggested_for").plain("systems", all)));
        }
        // the systems that need it (a gap each while it is not selected), then the others it
        // is only recommended for, as the plan's services section names them
        let needed = names(&mut sug.needed_for.iter());
        let rest = names(
            &mut sug
                .suggested_for
                .iter()
                .filter(|s| !sug.needed_for.contains(s)),
        );
        let key = match (sug.selected, rest.is_empty()) {
            (true, true) => "ui.note.needed_by",
            (true, false) => "ui.note.needed_by_also",
            (false, true) => "ui.note.needed_gap",
            (false, false) => "ui.note.needed_gap_also",
        };
        Some(
            view.text(
                &Text::new(key)
                    .plain("needed", needed)
                    .plain("systems", rest),
            ),
        )
    }

    /// Height at `width`.
    pub fn height(&self, view: &View, width: u16, focused: bool) -> u16 {
        self.rows(view, width, focused).len().min(u16::MAX as usize) as u16
    }

    /// Draws the field; returns the caret when it is a focused text field.
    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
    ) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let th = view.theme;
        let mut caret = None;
        let mut y = area.y;
        let indent = INDENT.min(area.width);
        let inner = Rect {
            x: area.x + indent,
            width: area.width - indent,
            ..area
        };
        let cite = view.cite(&self.q.clause);
        let cite_w = str_width(&cite) as u16 + 1;
        for row in self.rows(view, area.width, focused) {
            if y >= area.bottom() {
                break;
            }
            let r = Rect {
                y,
                height: 1,
                ..inner
            };
            match row {
                Row::Summary => {
                    let label_w = (area.width * 2 / 5).clamp(8, 32) as usize;
                    let value = display(view, self.q, self.entity);
                    let label = pad(&self.label(view), label_w);
                    let (v, vs) = match &value {
                        Some(v) => (v.clone(), th.text),
                        None => (view.t("ui.unanswered"), th.dim),
                    };
                    let value_w = (r.width as usize).saturating_sub(label_w + 1 + cite_w as usize);
                    spans(
                        buf,
                        r,
                        &[
                            (&label, th.text),
                            (" ", th.text),
                            (&truncate(&v, value_w), vs),
                        ],
                    );
                    right(buf, r, &cite, th.dim);
                }
                Row::Label => {
                    let full = Rect {
                        y,
                        height: 1,
                        ..area
                    };
                    spans(
                        buf,
                        full,
                        &[("▸ ", th.focus), (&self.label(view), th.focus)],
                    );
                    right(buf, full, &cite, th.dim);
                }
                Row::Note(s, accent) => {
                    line(buf, r, &s, if accent { th.accent } else { th.dim });
                }
                Row::Help(s) => {
                    line(buf, r, &s, th.dim);
                }
                Row::Error(s) => {
                    line(buf, r, &s, th.error);
                }
                Row::Group(g) => {
                    if let Some(group) = view.content.catalogue.groups.get(g) {
                        let t = format!(
                            "{} {}",
                            view.t(&format!("cat.{}", group.id)),
                            view.cite(&group.clause)
                        );
                        line(buf, r, &t, th.header);
                    }
                }
                Row::Option(i) => self.render_option(view, buf, r, i),
                Row::Inline => self.render_inline(view, buf, r),
                Row::Input(h) => {
                    let h = h.min(area.bottom() - y);
                    let box_area = Rect { height: h, ..r };
                    caret = self.render_input(view, buf, box_area);
                    y += h;
                    continue;
                }
            }
            y += 1;
        }
        caret
    }

    fn render_input(&self, view: &View, buf: &mut Buffer, area: Rect) -> Option<Position> {
        let th = view.theme;
        match (&self.input, &self.q.kind) {
            (Input::Line(f), QuestionKind::Number { unit, min, max, .. }) => {
                let w = area.width.min(24);
                let caret = f.render(Rect { width: w, ..area }, buf, th.input);
                let hint = format!(
                    " {} ({}–{})",
                    view.t(&format!("unit.{unit}")),
                    format_number(*min, 2),
                    format_number(*max, 2)
                );
                line(
                    buf,
                    Rect {
                        x: area.x + w,
                        width: area.width - w,
                        ..area
                    },
                    &hint,
                    th.dim,
                );
                caret
            }
            (Input::Line(f), QuestionKind::Date) => {
                let w = area.width.min(14);
                let caret = f.render(Rect { width: w, ..area }, buf, th.input);
                line(
                    buf,
                    Rect {
                        x: area.x + w,
                        width: area.width - w,
                        ..area
                    },
                    " YYYY-MM-DD",
                    th.dim,
                );
                caret
            }
            (Input::Line(f), _) => f.render(area, buf, th.input),
            (Input::Area(a), _) => a.render(area, buf, th.input),
            (Input::None, _) => None,
        }
    }

    fn render_option(&self, view: &View, buf: &mut Buffer, r: Rect, i: usize) {
        let th = view.theme;
        let opts = self.options(view.content);
        let Some(opt) = opts.get(i) else { return };
        let current = get(view.profile, self.entity, &self.q.id);
        let (mark, label, suggested) = match &self.q.kind {
            QuestionKind::Single(set) => {
                let on = matches!(&current, Some(Answer::Choice(c)) if c == *opt);
                (
                    if on { "(•)" } else { "( )" },
                    view.content.option_label(view.lang, set, opt),
                    false,
                )
            }
            QuestionKind::Multi(set) => {
                let on = matches!(&current, Some(Answer::Choices(c)) if c.contains(opt));
                (
                    if on { "[x]" } else { "[ ]" },
                    view.content.option_label(view.lang, set, opt),
                    false,
                )
            }
            _ => {
                let on = matches!(&current, Some(Answer::Choices(c)) if c.contains(opt));
                let sug = view
                    .analysis
                    .services
                    .iter()
                    .any(|s| &&s.id == opt && !s.suggested_for.is_empty());
                (
                    if on { "[x]" } else { "[ ]" },
                    view.t(&format!("svc.{opt}")),
                    sug,
                )
            }
        };
        let style = if i == self.cursor {
            th.selected
        } else {
            th.text
        };
        let mut text = format!("{mark} {label}");
        if suggested {
            text.push_str(&format!("  ★ {}", view.t("ui.suggested")));
        }
        super::text::fill(
            buf,
            r,
            if i == self.cursor {
                th.selected
            } else {
                th.text
            },
        );
        line(buf, r, &text, style);
    }

    fn render_inline(&self, view: &View, buf: &mut Buffer, r: Rect) {
        let th = view.theme;
        let current = get(view.profile, self.entity, &self.q.id);
        match &self.q.kind {
            QuestionKind::YesNo => {
                let yes = matches!(current, Some(Answer::YesNo(true)));
                let no = matches!(current, Some(Answer::YesNo(false)));
                let y = format!("{} {} ", if yes { "(•)" } else { "( )" }, view.t("ui.yes"));
                let n = format!("{} {} ", if no { "(•)" } else { "( )" }, view.t("ui.no"));
                spans(
                    buf,
                    r,
                    &[
                        (&y, if yes { th.selected } else { th.text }),
                        ("   ", th.text),
                        (&n, if no { th.selected } else { th.text }),
                        ("   y / n", th.dim),
                    ],
                );
            }
            QuestionKind::Rating => {
                let val = match current {
                    Some(Answer::Rating(v)) => v,
                    _ => 0,
                };
                let mut x = 0u16;
                for n in 1..=5u8 {
                    let s = format!(" {n} ");
                    let st = if n == val {
                        th.selected
                    } else if n < val {
                        th.accent
                    } else {
                        th.text
                    };
                    x += line(
                        buf,
                        Rect {
                            x: r.x + x,
                            width: r.width.saturating_sub(x),
                            ..r
                        },
                        &s,
                        st,
                    );
                    x += line(
                        buf,
                        Rect {
                            x: r.x + x,
                            width: r.width.saturating_sub(x),
                            ..r
                        },
                        " ",
                        th.text,
                    );
                }
                let word = if val == 0 {
                    view.t("ui.unanswered")
                } else {
                    view.t(&format!("ui.rating.{val}"))
                };
                line(
                    buf,
                    Rect {
                        x: r.x + x,
                        width: r.width.saturating_sub(x),
                        ..r
                    },
                    &format!("  {word}"),
                    th.dim,
                );
            }
            QuestionKind::Dependencies => {
                line(
                    buf,
                    r,
                    &format!("[ {} ]", view.t("ui.deps.edit")),
                    th.selected,
                );
            }
            _ => {}
        }
    }
}

/// Draws `s` right-aligned in the row if it fits.
fn right(buf: &mut Buffer, r: Rect, s: &str, style: ratatui::style::Style) {
    let w = str_width(s) as u16;
    if w + 1 < r.width {
        line(
            buf,
            Rect {
                x: r.right() - w,
                width: w,
                ..r
            },
            s,
            style,
        );
    }
}

/// A window of at most `max` rows of `n` that shows `at`: (top, count).
fn window(at: usize, n: usize, max: usize) -> (usize, usize) {
    let count = n.min(max);
    let top = at.saturating_sub(count.saturating_sub(1)).min(n - count);
    let top = if at < top + count { top } else { 0 };
    (top, count)
}

#[derive(Debug, Clone, PartialEq)]
enum Row {
    Summary,
    Label,
    Note(String, bool),
    Input(u16),
    Option(usize),
    Group(usize),
    Inline,
    Help(String),
    Error(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CatLine {
    Group(usize),
    Service(usize),
}

/// The catalogue as lines: each group's title, then its services (service index is global).
fn catalogue_lines(content: &Content) -> Vec<CatLine> {
    let mut out = Vec::new();
    let mut i = 0;
    for (g, group) in content.catalogue.groups.iter().enumerate() {
        out.push(CatLine::Group(g));
        for _ in &group.services {
            out.push(CatLine::Service(i));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_the_cursor_visible() {
        assert_eq!(window(0, 12, 8), (0, 8));
        assert_eq!(window(7, 12, 8), (0, 8));
        assert_eq!(window(8, 12, 8), (1, 8));
        assert_eq!(window(11, 12, 8), (4, 8));
        assert_eq!(window(2, 3, 8), (0, 3));
        assert_eq!(window(0, 0, 8), (0, 0));
    }
}
