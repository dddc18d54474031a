//! Small dialogs drawn over a screen: a one-line prompt, a yes/no confirmation, a notice, the
//! step jump list, the help overlay and the dependency picker. Each handles its own keys and
//! says in a [`Reply`] what must happen around it.
//!
//! Longer than 700 lines: six small dialogs, each with its keys and its drawing, kept
//! together because they share the box geometry (`centered`, `box_inner`).

use super::Reply;
use crate::content::{Content, QuestionDef, Text};
use crate::model::{Position, Profile, ProviderId, ResultTab, StepId, SystemId};
use crate::tui::backend::{self, Entity, StepStatus, check_profile_name};
use crate::tui::event::{self, Action, Ctx};
use crate::tui::msg::Cmd;
use crate::tui::widgets::text::{Edit, TextField, str_width};
use crate::tui::widgets::{
    KeyCx, View, box_inner, centered, follow, frame_box, line, pad, spans, truncate, wrap,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The longest profile name, in characters.
pub const PROFILE_NAME_MAX: usize = crate::store::name::MAX_CHARS;

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    NewProfile,
    AddSystem,
    AddProvider,
}

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub field: TextField,
    pub error: Option<Text>,
    /// How many were added while it stayed open (adding systems one after another).
    pub added: usize,
}

impl Prompt {
    pub fn new(purpose: PromptPurpose) -> Prompt {
        Prompt {
            purpose,
            field: TextField::default(),
            error: None,
            added: 0,
        }
    }

    /// Typed or pasted text; refused whole, with the message, past the limit of what it names
    /// (the same limit as the name field of a system's or provider's form).
    pub fn input(&mut self, content: &Content, s: &str) -> Reply {
        let named = match self.purpose {
            PromptPurpose::NewProfile => None,
            PromptPurpose::AddSystem => content.question(crate::model::SYSTEM_NAME),
            PromptPurpose::AddProvider => content.question(crate::model::PROVIDER_NAME),
        };
        let (max, refused) = match named {
            Some(q) => backend::input_limit(q),
            None => (
                PROFILE_NAME_MAX,
                Text::new("val.refused_long").num("max", PROFILE_NAME_MAX as f64, 0),
            ),
        };
        self.error = if self.field.insert_within(s, max) {
            None
        } else {
            Some(refused)
        };
        Reply::Handled
    }

    pub fn handle(&mut self, a: Action, cx: &mut KeyCx) -> Reply {
        match a {
            Action::Cancel => Reply::Close,
            Action::Confirm => self.submit(cx),
            a => match self.field.editor.apply(a) {
                Edit::NotEditing => Reply::Ignored,
                Edit::Unchanged | Edit::Changed => Reply::Handled,
            },
        }
    }

    /// Enter: open the new profile, or add the system or provider named.
    fn submit(&mut self, cx: &mut KeyCx) -> Reply {
        let name = self.field.text().trim().to_owned();
        match self.purpose {
            PromptPurpose::NewProfile => {
                if let Err(e) = check_profile_name(&name) {
                    self.error = Some(e);
                    return Reply::Handled;
                }
                if cx.profiles.iter().any(|i| i.name == name) {
                    self.error = Some(Text::new("ui.err.profile_exists").plain("name", name));
                    return Reply::Handled;
                }
                Reply::Close.then(Reply::Run(Cmd::Open { name, create: true }))
            }
            // an empty Enter ends a run of additions
            PromptPurpose::AddSystem | PromptPurpose::AddProvider if name.is_empty() => {
                Reply::Close
            }
            PromptPurpose::AddSystem => {
                // the prompt stays open for the next one
                self.field.editor.clear();
                self.added += 1;
                let id = cx.profile.add_system(name);
                Reply::Show(Entity::System(id)).then(Reply::Changed)
            }
            PromptPurpose::AddProvider => match cx.profile.add_provider(name) {
                // like systems: the prompt asks for the next one until an empty Enter
                Some(id) => {
                    self.field.editor.clear();
                    self.error = None;
                    self.added += 1;
                    Reply::Show(Entity::Provider(id)).then(Reply::Changed)
                }
                None => {
                    self.error = Some(Text::new("ui.providers.full").num(
                        "max",
                        Profile::MAX_PROVIDERS as f64,
                        0,
                    ));
                    Reply::Handled
                }
            },
        }
    }

    fn keys(&self) -> (&'static str, &'static str) {
        match self.purpose {
            PromptPurpose::NewProfile => ("ui.prompt.new_profile", "ui.prompt.new_profile_hint"),
            PromptPurpose::AddSystem => ("ui.prompt.add_system", "ui.prompt.add_hint"),
            PromptPurpose::AddProvider => ("ui.prompt.add_provider", "ui.prompt.add_provider_hint"),
        }
    }

    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
    ) -> Option<ratatui::layout::Position> {
        let th = view.theme;
        let (title, hint) = self.keys();
        let w = area.width.saturating_sub(4).min(64);
        let hint_lines = wrap(&view.t(hint), w.saturating_sub(4));
        let h = 5
            + hint_lines.len() as u16
            + u16::from(self.error.is_some())
            + u16::from(self.added > 0);
        let inner = frame_box(
            buf,
            centered(area, w, h),
            &view.t(title),
            th.border_focus,
            th.title,
        );
        if inner.height == 0 {
            return None;
        }
        let field_area = Rect {
            x: inner.x + 1,
            y: inner.y + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        };
        let caret = self.field.render(field_area, buf, th.input);
        let mut y = inner.y + 3;
        if let Some(e) = &self.error {
            line(
                buf,
                Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                },
                &format!("⚠ {}", view.text(e)),
                th.error,
            );
            y += 1;
        }
        if self.added > 0 {
            let t = view.text(&Text::new("ui.prompt.added").num("n", self.added as f64, 0));
            line(
                buf,
                Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                },
                &t,
                th.ok,
            );
            y += 1;
        }
        for l in hint_lines {
            line(
                buf,
                Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                },
                &l,
                th.dim,
            );
            y += 1;
        }
        caret
    }
}

/// What a confirmation confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    DeleteSystem(SystemId),
    DeleteProvider(ProviderId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub text: Text,
    pub on_yes: ConfirmAction,
}

impl Confirm {
    /// `y` does it (and closes), `n` or Esc closes.
    pub fn handle(&self, a: Action, cx: &mut KeyCx) -> Reply {
        match a {
            Action::Yes => {
                match self.on_yes {
                    ConfirmAction::DeleteSystem(id) => {
                        let mate = cx.view().analysis.wave_mate(id);
                        cx.profile.delete_system_keeping_wave(id, mate);
                    }
                    ConfirmAction::DeleteProvider(id) => {
                        cx.profile.delete_provider(id);
                    }
                }
                Reply::Close.then(Reply::Changed)
            }
            Action::No | Action::Cancel => Reply::Close,
            _ => Reply::Ignored,
        }
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        message_box(
            view,
            area,
            buf,
            &view.t("ui.confirm.title"),
            &view.text(&self.text),
            &view.t("ui.confirm.keys"),
        );
    }
}

/// A notice dismissed by any key.
pub fn render_notice(view: &View, area: Rect, buf: &mut Buffer, text: &Text) {
    message_box(
        view,
        area,
        buf,
        &view.t("ui.notice.title"),
        &view.text(text),
        &view.t("ui.notice.keys"),
    );
}

fn message_box(view: &View, area: Rect, buf: &mut Buffer, title: &str, body: &str, keys: &str) {
    let th = view.theme;
    let w = area.width.saturating_sub(4).min(60);
    let lines = wrap(body, w.saturating_sub(4));
    let h = lines.len() as u16 + 5;
    let inner = frame_box(buf, centered(area, w, h), title, th.border_focus, th.title);
    let mut y = inner.y + 1;
    for l in &lines {
        line(
            buf,
            Rect {
                x: inner.x + 1,
                y,
                width: inner.width.saturating_sub(2),
                height: 1,
            },
            l,
            th.text,
        );
        y += 1;
    }
    line(
        buf,
        Rect {
            x: inner.x + 1,
            y: y + 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        },
        keys,
        th.key,
    );
}

/// The list of screens to jump to: the profile, the ten steps, the results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jump {
    pub selected: usize,
}

impl Jump {
    /// The list with `pos` selected.
    pub fn at(pos: Position) -> Jump {
        let selected = Jump::targets().iter().position(|t| *t == pos).unwrap_or(0);
        Jump { selected }
    }

    pub fn targets() -> Vec<Position> {
        let mut v = vec![Position::Profile];
        v.extend(StepId::ALL.iter().map(|s| Position::Step(*s)));
        v.push(Position::Results(ResultTab::Plan));
        v
    }

    /// Arrows choose, Enter or a shortcut goes, Esc closes.
    pub fn handle(&mut self, a: Action) -> Reply {
        let targets = Jump::targets();
        let n = targets.len();
        match a {
            Action::Up => self.selected = self.selected.checked_sub(1).unwrap_or(n - 1),
            Action::Down => self.selected = (self.selected + 1) % n,
            Action::Confirm => {
                return targets
                    .get(self.selected)
                    .map_or(Reply::Handled, |t| Reply::Goto(*t));
            }
            Action::Pick(c) => {
                return targets
                    .iter()
                    .find(|t| Jump::shortcut(**t) == c)
                    .map_or(Reply::Handled, |t| Reply::Goto(*t));
            }
            Action::Cancel => return Reply::Close,
            _ => return Reply::Ignored,
        }
        Reply::Handled
    }

    /// The key that jumps straight to a target: `p`, `1`–`9`, `0` for step 10, `r`.
    pub fn shortcut(target: Position) -> char {
        match target {
            Position::Step(s) if s.number() == 10 => '0',
            Position::Step(s) => char::from(b'0' + s.number()),
            Position::Results(_) => 'r',
            _ => 'p',
        }
    }

    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        status: &dyn Fn(Position) -> Option<StepStatus>,
    ) {
        let th = view.theme;
        let targets = Jump::targets();
        let w = area.width.saturating_sub(4).min(48);
        // the hint wraps under the list (it must not be cut)
        let hint = wrap(&view.t("ui.jump.keys"), w.saturating_sub(3));
        let inner = frame_box(
            buf,
            centered(area, w, targets.len() as u16 + 3 + hint.len() as u16),
            &view.t("ui.jump.title"),
            th.border_focus,
            th.title,
        );
        for (i, t) in targets.iter().enumerate() {
            let y = inner.y + i as u16;
            if y >= inner.bottom() {
                break;
            }
            let (icon, _) = status_icon(status(*t));
            let label = screen_label(view, *t);
            let text = format!(" {}  {} {}", Jump::shortcut(*t), icon, label);
            let style = if i == self.selected {
                th.selected
            } else {
                th.text
            };
            let r = Rect {
                y,
                height: 1,
                ..inner
            };
            crate::tui::widgets::text::fill(buf, r, style);
            line(buf, r, &text, style);
        }
        for (i, l) in hint.iter().enumerate() {
            let y = inner.y + targets.len() as u16 + 1 + i as u16;
            if y >= inner.bottom() {
                break;
            }
            line(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                &format!(" {l}"),
                th.dim,
            );
        }
    }
}

/// Icon and locale key of a step status: ○ not started, ◐ in progress, ● complete, ⚠ problems.
pub fn status_icon(s: Option<StepStatus>) -> (&'static str, &'static str) {
    match s {
        Some(StepStatus::NotStarted) => ("○", "ui.status.not_started"),
        Some(StepStatus::InProgress) => ("◐", "ui.status.in_progress"),
        Some(StepStatus::Complete) => ("●", "ui.status.complete"),
        Some(StepStatus::Problems) => ("⚠", "ui.status.problems"),
        None => (" ", ""),
    }
}

/// The name of a screen: `概况`, `1 需求分析`, `结果`.
pub fn screen_label(view: &View, s: Position) -> String {
    match s {
        Position::Welcome => view.t("ui.welcome.short"),
        Position::Profile => view.t("step.profile.title"),
        Position::Step(n) => format!(
            "{} {}",
            n.number(),
            view.t(&format!("step.s{}.title", n.number()))
        ),
        Position::Results(_) => view.t("ui.results.title"),
    }
}

/// The help overlay: the keys of the contexts under it and the focused question's help.
#[derive(Debug, Clone)]
pub struct Help {
    pub scroll: u16,
    /// Contexts that were active when help opened (innermost first).
    pub ctxs: Vec<Ctx>,
    /// The focused question, if any.
    pub question: Option<&'static QuestionDef>,
    /// The locale keys of the screen's title and introduction, shown in full on top (the screen
    /// has room for a few lines of it only).
    intro: Option<(String, String)>,
}

impl Help {
    pub fn new(ctxs: Vec<Ctx>, question: Option<&'static QuestionDef>) -> Help {
        Help {
            scroll: 0,
            ctxs,
            question,
            intro: None,
        }
    }

    /// Help on a step (or the profile screen) `id` starts with its whole introduction.
    pub fn with_intro(mut self, id: Option<&str>) -> Help {
        self.intro = id.map(|id| (format!("step.{id}.title"), format!("step.{id}.intro")));
        self
    }

    /// Arrows scroll (no further than the end at the terminal's size), Esc or Enter closes.
    pub fn handle(&mut self, a: Action, cx: &KeyCx) -> Reply {
        let max = self.max_scroll(&cx.view(), cx.area);
        self.scroll = self.scroll.min(max);
        match a {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Action::Home => self.scroll = 0,
            Action::Cancel | Action::Confirm => return Reply::Close,
            _ => return Reply::Ignored,
        }
        Reply::Handled
    }

    /// The box's inside in `area`: the lines above, the closing hint on the last row.
    fn inner(area: Rect) -> Rect {
        let w = area.width.saturating_sub(4).min(90);
        box_inner(centered(area, w, area.height.saturating_sub(2)))
    }

    /// How far the help scrolls in `area` (unbounded while the size is unknown: the frame stops
    /// at the end).
    fn max_scroll(&self, view: &View, area: Rect) -> u16 {
        let inner = Help::inner(area);
        if area.is_empty() {
            return u16::MAX;
        }
        if inner.height < 2 {
            return 0;
        }
        let lines = self.lines(view, inner.width.saturating_sub(2));
        (lines.len() as u16).saturating_sub(inner.height - 1)
    }

    pub fn lines(&self, view: &View, width: u16) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = Vec::new();
        if let Some((title, intro)) = &self.intro {
            out.push((view.t(title), true));
            for l in wrap(&view.t(intro), width) {
                out.push((l, false));
            }
            out.push((String::new(), false));
        }
        if let Some(q) = self.question {
            out.push((
                format!(
                    "{}  {}",
                    view.t(&format!("q.{}.label", q.id)),
                    view.cite(&q.clause)
                ),
                true,
            ));
            for l in wrap(&view.t(&format!("q.{}.help", q.id)), width) {
                out.push((l, false));
            }
            out.push((String::new(), false));
        }
        out.push((view.t("ui.help.keys"), true));
        let rows = event::help_rows(&self.ctxs);
        // the key column is as wide as most rows need; a longer list of keys (the digits of the
        // jump list) takes its own line, so that no key is ever cut off
        let cap = (width as usize / 3).max(16);
        let kw = rows
            .iter()
            .map(|(_, k, _)| str_width(k))
            .filter(|w| *w <= cap)
            .max()
            .unwrap_or(0);
        for (_, keys, help) in rows {
            if str_width(&keys) > kw {
                out.push((format!("  {keys}"), false));
                out.push((format!("  {}  {}", " ".repeat(kw), view.t(help)), false));
            } else {
                out.push((format!("  {}  {}", pad(&keys, kw), view.t(help)), false));
            }
        }
        out
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let th = view.theme;
        let w = area.width.saturating_sub(4).min(90);
        let box_area = centered(area, w, area.height.saturating_sub(2));
        let inner = frame_box(
            buf,
            box_area,
            &view.t("ui.help.title"),
            th.border_focus,
            th.title,
        );
        if inner.height < 2 {
            return;
        }
        let lines = self.lines(view, inner.width.saturating_sub(2));
        let body_h = inner.height - 1;
        let scroll = self.scroll.min((lines.len() as u16).saturating_sub(body_h));
        for (i, (l, bold)) in lines
            .iter()
            .skip(scroll as usize)
            .take(body_h as usize)
            .enumerate()
        {
            let r = Rect {
                x: inner.x + 1,
                y: inner.y + i as u16,
                width: inner.width.saturating_sub(2),
                height: 1,
            };
            line(buf, r, l, if *bold { th.title } else { th.text });
        }
        let r = Rect {
            x: inner.x + 1,
            y: inner.bottom() - 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        };
        line(buf, r, &view.t("ui.help.close"), th.dim);
    }
}

/// Picks the systems one system depends on, with a filter line for long inventories.
#[derive(Debug, Clone, PartialEq)]
pub struct DepsPicker {
    pub system: SystemId,
    pub filter: TextField,
    pub selected: usize,
    /// The first candidate shown.
    offset: usize,
}

impl DepsPicker {
    pub fn new(system: SystemId) -> DepsPicker {
        DepsPicker {
            system,
            filter: TextField::default(),
            selected: 0,
            offset: 0,
        }
    }

    /// Typed text filters the list.
    pub fn input(&mut self, s: &str) -> Reply {
        self.filter.insert(s);
        self.selected = 0;
        Reply::Handled
    }

    /// Arrows choose, Space ticks, Enter or Esc closes; editing keys edit the filter.
    pub fn handle(&mut self, a: Action, cx: &mut KeyCx) -> Reply {
        let last = self.candidates(cx.profile).len().saturating_sub(1);
        match a {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Toggle => {
                let on = self.candidates(cx.profile).get(self.selected).copied();
                if let Some(on) = on
                    && cx.profile.toggle_dependency(self.system, on)
                {
                    return Reply::Changed;
                }
            }
            Action::Confirm | Action::Cancel => return Reply::Close,
            a => match self.filter.editor.apply(a) {
                Edit::NotEditing => return Reply::Ignored,
                Edit::Unchanged | Edit::Changed => self.selected = 0,
            },
        }
        if let Some(list) = DepsPicker::list_area(cx.area) {
            self.offset = follow(self.offset, self.selected.min(last), list.height as usize);
        }
        Reply::Handled
    }

    /// The box in `area`.
    fn box_area(area: Rect) -> Rect {
        centered(
            area,
            area.width.saturating_sub(4).min(70),
            area.height.saturating_sub(2),
        )
    }

    /// Where the candidates are listed in `area`: below the filter line, above the count.
    fn list_area(area: Rect) -> Option<Rect> {
        let inner = box_inner(DepsPicker::box_area(area));
        if inner.height < 4 || inner.width < 6 {
            return None;
        }
        Some(Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(3).max(1),
            ..inner
        })
    }

    /// The candidate systems (all but this one) whose names contain the filter.
    pub fn candidates(&self, profile: &Profile) -> Vec<SystemId> {
        let f = self.filter.text().trim().to_lowercase();
        profile
            .systems
            .iter()
            .filter(|s| s.id != self.system && (f.is_empty() || s.name.to_lowercase().contains(&f)))
            .map(|s| s.id)
            .collect()
    }

    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
    ) -> Option<ratatui::layout::Position> {
        let th = view.theme;
        let name = view
            .profile
            .system(self.system)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let title = view.text(&Text::new("ui.deps.title").plain("name", name));
        let inner = frame_box(
            buf,
            DepsPicker::box_area(area),
            &title,
            th.border_focus,
            th.title,
        );
        if inner.height < 4 || inner.width < 6 {
            return None;
        }
        let w = spans(
            buf,
            Rect { height: 1, ..inner },
            &[(&format!(" {} ", view.t("ui.deps.filter")), th.dim)],
        );
        let caret = self.filter.render(
            Rect {
                x: inner.x + w,
                width: inner.width.saturating_sub(w + 1),
                height: 1,
                ..inner
            },
            buf,
            th.input,
        );
        let cands = self.candidates(view.profile);
        let deps = view
            .profile
            .system(self.system)
            .map(|s| s.depends_on.clone())
            .unwrap_or_default();
        let list = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(3),
            ..inner
        };
        let h = list.height.max(1) as usize;
        let sel = self.selected.min(cands.len().saturating_sub(1));
        let off = follow(self.offset, sel, h);
        if cands.is_empty() {
            line(
                buf,
                list,
                &format!(" {}", view.t("ui.deps.no_candidates")),
                th.dim,
            );
        }
        for (k, id) in cands.iter().enumerate().skip(off).take(h) {
            let Some(s) = view.profile.system(*id) else {
                continue;
            };
            let on = deps.contains(id);
            let style = if k == sel { th.selected } else { th.text };
            let r = Rect {
                y: list.y + (k - off) as u16,
                height: 1,
                ..list
            };
            crate::tui::widgets::text::fill(buf, r, style);
            let label = format!(
                "{}. {}",
                view.profile.system_index(*id).map_or(0, |i| i + 1),
                tell_apart(view, s)
            );
            line(
                buf,
                r,
                &format!(
                    " {} {}",
                    if on { "[x]" } else { "[ ]" },
                    truncate(&label, (r.width as usize).saturating_sub(5))
                ),
                style,
            );
        }
        let r = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        let count = view.text(&Text::new("ui.deps.count").num("n", deps.len() as f64, 0));
        line(
            buf,
            r,
            &format!(" {count} · {}", view.t("ui.deps.keys")),
            th.dim,
        );
        caret
    }
}

/// A system's name in the dependency picker, after its place in the inventory (the `i` of a
/// detail form's "i/n"); when another system has the same name, its business area follows too,
/// so the two can be told apart.
fn tell_apart(view: &View, s: &crate::model::System) -> String {
    let key = s.name.trim().to_lowercase();
    let shared = view
        .profile
        .systems
        .iter()
        .any(|o| o.id != s.id && o.name.trim().to_lowercase() == key);
    match s.answers.choice("sys.business") {
        Some(b) if shared => format!(
            "{} ({})",
            s.name,
            view.content.option_label(view.lang, "business", b)
        ),
        _ => s.name.clone(),
    }
}
