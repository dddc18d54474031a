//! The profile screen and the ten step screens, built from `assets/steps.ron`.
//!
//! A screen is a vertical list of [`Item`]s: one field per `Enterprise` question, the inventory
//! table when the step has `System` questions, the provider table for `Provider` questions, and
//! one heading plus fields per migration wave for `Wave` questions. One item has focus; Tab and
//! Shift-Tab move between items, arrows move inside an item and past its ends to the next.
//!
//! Longer than 700 lines because the form body (focus, scroll, layout shared by the step
//! screens and the detail dialog) and the two entity tables (their columns and cells) read
//! the same items; splitting the tables out is the next step when they grow.

use super::{Overlay, Reply};
use crate::content::format_number;
use crate::content::{ColumnDef, Content, QuestionDef, QuestionKind, Scope, StepDef, Text};
use crate::engine::Verdict;
use crate::engine::waves::WaveRef;
use crate::model::{Profile, StepId};
use crate::tui::backend::{Entity, Problem};
use crate::tui::event::{Action, Ctx};
use crate::tui::screens::dialog::{Confirm, ConfirmAction, DepsPicker, Prompt, PromptPurpose};
use crate::tui::screens::entity::EntityForm;
use crate::tui::widgets::field::{self, Field, Outcome, Shown};
use crate::tui::widgets::table::{self, Column, TableState};
use crate::tui::widgets::text::str_width;
use crate::tui::widgets::{KeyCx, View, continued, line, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Systems,
    Providers,
}

/// A column of an entity table: a [`ColumnDef`] of `assets/steps.ron`, with `Questions` spread
/// into one column per question.
#[derive(Debug, Clone, Copy)]
pub enum Col {
    Name,
    Question(&'static QuestionDef),
    Verdict,
    Priority,
    Suggested,
    Difficulty,
    Wave,
    Rank,
}

/// The inventory or the provider table on a step screen.
#[derive(Debug, Clone)]
pub struct TableItem {
    pub kind: TableKind,
    pub step: StepId,
    pub state: TableState,
    pub cols: Vec<Col>,
}

/// One item of a form.
#[derive(Debug, Clone)]
pub enum Item {
    Field(Field),
    /// A wave heading (wave number); not focusable.
    WaveHeading(u32),
    /// The heading of the optional "details for providers" that follow (`None`), or of wave n's
    /// runbook details (`Some(n)`); not focusable.
    DetailsHeading(Option<u32>),
    Table(TableItem),
}

impl Item {
    fn focusable(&self) -> bool {
        !matches!(self, Item::WaveHeading(_) | Item::DetailsHeading(_))
    }
}

/// A focusable list of items with its own scroll.
#[derive(Debug, Clone, Default)]
pub struct FormBody {
    pub items: Vec<Item>,
    pub focus: usize,
    /// The first row shown; follows the focus when a key moves it ([`FormBody::lay_out`]).
    scroll: u16,
}

impl FormBody {
    pub fn new(items: Vec<Item>) -> FormBody {
        let mut b = FormBody {
            items,
            focus: 0,
            scroll: 0,
        };
        if !b.items.first().is_some_and(Item::focusable) {
            b.move_focus(1, false);
        }
        b
    }

    pub fn focused(&self) -> Option<&Item> {
        self.items.get(self.focus)
    }

    pub fn focused_mut(&mut self) -> Option<&mut Item> {
        self.items.get_mut(self.focus)
    }

    pub fn focused_field(&self) -> Option<&Field> {
        match self.focused()? {
            Item::Field(f) => Some(f),
            _ => None,
        }
    }

    /// Moves to the next (`+1`) or previous (`-1`) focusable item; wraps around when `wrap`.
    pub fn move_focus(&mut self, dir: i32, wrap: bool) -> bool {
        let n = self.items.len();
        if n == 0 {
            return false;
        }
        let mut i = self.focus;
        for _ in 0..n {
            let next = i as i64 + dir as i64;
            i = if next < 0 {
                if !wrap {
                    return false;
                }
                n - 1
            } else if next as usize >= n {
                if !wrap {
                    return false;
                }
                0
            } else {
                next as usize
            };
            if self.items.get(i).is_some_and(Item::focusable) {
                self.set_focus(i);
                return true;
            }
        }
        false
    }

    /// Moves the focus to item `i`; the field it leaves settles its edit.
    pub fn set_focus(&mut self, i: usize) {
        if i != self.focus
            && let Some(Item::Field(f)) = self.items.get_mut(self.focus)
        {
            f.settle();
        }
        self.focus = i;
    }

    /// Focuses the field of question `qid` for `entity` (or the table holding that entity).
    pub fn focus_on(&mut self, qid: &str, entity: Entity, profile: &Profile) -> bool {
        let at = self
            .items
            .iter_mut()
            .enumerate()
            .find_map(|(i, item)| match item {
                Item::Field(f) if f.q.id == qid && f.entity == entity => Some(i),
                Item::Table(t) => {
                    let row = match (t.kind, entity) {
                        (TableKind::Systems, Entity::System(id)) => profile.system_index(id),
                        (TableKind::Providers, Entity::Provider(id)) => {
                            profile.providers.iter().position(|p| p.id == id)
                        }
                        _ => None,
                    };
                    let r = row?;
                    t.state.select(r);
                    Some(i)
                }
                _ => None,
            });
        match at {
            Some(i) => {
                self.set_focus(i);
                true
            }
            None => false,
        }
    }

    /// Puts the focus on what `p` is about and shows its message at the field.
    pub fn show_problem(&mut self, p: Problem, profile: &Profile) {
        self.focus_on(&p.question, p.entity, profile);
        if let Some(Item::Field(field)) = self.focused_mut()
            && field.q.id == p.question
        {
            field.error = Some(p.text);
        }
    }

    /// Selects the row of a system or provider in its table (the focus stays where it is).
    pub fn select(&mut self, entity: Entity, profile: &Profile) {
        for item in &mut self.items {
            if let Item::Table(t) = item {
                let row = match (t.kind, entity) {
                    (TableKind::Systems, Entity::System(id)) => profile.system_index(id),
                    (TableKind::Providers, Entity::Provider(id)) => {
                        profile.providers.iter().position(|p| p.id == id)
                    }
                    _ => None,
                };
                if let Some(r) = row {
                    t.state.select(r);
                }
            }
        }
    }

    /// The key contexts of the focused item, innermost first.
    pub fn ctxs(&self) -> &'static [Ctx] {
        match self.focused() {
            Some(Item::Field(f)) => f.ctxs(),
            Some(Item::Table(t)) if t.kind == TableKind::Systems => &[Ctx::Table, Ctx::Inventory],
            Some(Item::Table(_)) => &[Ctx::Table],
            Some(Item::WaveHeading(_) | Item::DetailsHeading(_)) | None => &[],
        }
    }

    pub fn takes_text(&self) -> bool {
        self.focused_field().is_some_and(Field::takes_text)
    }

    /// Typed or pasted text for the focused field.
    pub fn input(&mut self, s: &str, env: &mut KeyCx) -> Reply {
        match self.focused_mut() {
            Some(Item::Field(f)) => outcome(f.input(s, env)),
            _ => Reply::Ignored,
        }
    }

    /// Tab / Shift-Tab move the focus, the focused item gets the rest (it is told where it is
    /// drawn), arrows past its ends move the focus. Then the scroll follows the focus within
    /// `env.area`, the area of the body.
    pub fn handle(&mut self, action: Action, env: &mut KeyCx) -> Reply {
        let area = env.area;
        env.area = self.focused_area(&env.view(), area).unwrap_or_default();
        let reply = self.handle_item(action, env);
        env.area = area;
        self.lay_out(&env.view(), area);
        reply
    }

    fn handle_item(&mut self, action: Action, env: &mut KeyCx) -> Reply {
        match action {
            Action::FocusNext => {
                self.move_focus(1, true);
                return Reply::Handled;
            }
            Action::FocusPrev => {
                self.move_focus(-1, true);
                return Reply::Handled;
            }
            Action::FocusFirst | Action::FocusLast => {
                let mut at = self.items.iter().enumerate().filter(|(_, i)| i.focusable());
                let target = if action == Action::FocusFirst {
                    at.next()
                } else {
                    at.next_back()
                };
                if let Some((i, _)) = target {
                    self.set_focus(i);
                }
                return Reply::Handled;
            }
            _ => {}
        }
        let result = match self.focused_mut() {
            Some(Item::Field(f)) => match f.handle(action, env) {
                Outcome::Advance(changed) => {
                    self.move_focus(1, false);
                    if changed {
                        Reply::Changed
                    } else {
                        Reply::Handled
                    }
                }
                Outcome::OpenDeps => match f.entity {
                    Entity::System(id) => Reply::Open(Overlay::Deps(DepsPicker::new(id))),
                    _ => Reply::Ignored,
                },
                o => outcome(o),
            },
            Some(Item::Table(t)) => t.handle(action, env),
            _ => Reply::Ignored,
        };
        if let Reply::Ignored = result {
            let moved = match action {
                Action::Up => self.move_focus(-1, false),
                Action::Down => self.move_focus(1, false),
                _ => return Reply::Ignored,
            };
            return if moved {
                Reply::Handled
            } else {
                Reply::Ignored
            };
        }
        result
    }

    /// Re-reads every field from the profile (after it changed underneath).
    pub fn reload(&mut self, content: &'static Content, profile: &Profile) {
        for item in &mut self.items {
            if let Item::Field(f) = item {
                f.reload(content, profile);
            }
        }
    }

    fn item_height(&self, view: &View, i: usize, width: u16, viewport: u16) -> u16 {
        let focused = i == self.focus;
        match &self.items[i] {
            Item::Field(f) => f.height(view, width, focused),
            Item::DetailsHeading(_) => 2,
            Item::WaveHeading(n) => wave_heading_height(view, *n),
            Item::Table(t) => {
                let rows = t.rows(view.profile) as u16;
                let cap = if focused {
                    viewport.saturating_sub(2).max(6)
                } else {
                    (viewport / 2).max(6)
                };
                (rows + 4).clamp(6, cap.max(6))
            }
        }
    }

    /// Where the items go in the body's `area`: the last column is the scroll indicator's, so
    /// that ▲/▼ cannot cover a clause tag or a value.
    fn items_area(area: Rect) -> Rect {
        Rect {
            width: area.width.saturating_sub(1),
            ..area
        }
    }

    fn heights(&self, view: &View, area: Rect) -> Vec<u16> {
        (0..self.items.len())
            .map(|i| self.item_height(view, i, area.width, area.height))
            .collect()
    }

    /// The top row of item `i`.
    fn top_of(heights: &[u16], i: usize) -> u32 {
        heights[..i].iter().map(|h| *h as u32 + 1).sum()
    }

    /// The scroll that shows the focused item, moving as little as possible from the current.
    fn scroll_to(&self, heights: &[u16], viewport: u16) -> u16 {
        let Some(last) = heights.len().checked_sub(1) else {
            return 0;
        };
        let focus = self.focus.min(last);
        let f_top = FormBody::top_of(heights, focus);
        let f_bottom = f_top + heights[focus] as u32;
        let mut scroll = self.scroll as u32;
        if f_top < scroll {
            scroll = f_top;
        } else if f_bottom > scroll + viewport as u32 {
            scroll = (f_bottom - viewport as u32).min(f_top);
        }
        scroll.min(u16::MAX as u32) as u16
    }

    /// Where the focused item is drawn in the body's `area` at the current scroll (`None` when
    /// it is not in view).
    fn focused_area(&self, view: &View, area: Rect) -> Option<Rect> {
        if area.width < 2 || area.height == 0 || self.items.is_empty() {
            return None;
        }
        let area = FormBody::items_area(area);
        let heights = self.heights(view, area);
        let focus = self.focus.min(self.items.len() - 1);
        let scroll = self.scroll_to(&heights, area.height) as u32;
        let top = FormBody::top_of(&heights, focus);
        let bottom = top + heights[focus] as u32;
        if top < scroll || top >= scroll + area.height as u32 {
            return None;
        }
        Some(Rect {
            y: area.y + (top - scroll) as u16,
            height: (bottom.min(scroll + area.height as u32) - top) as u16,
            ..area
        })
    }

    /// Scrolls so that the focused item is in view in the body's `area`, and the focused table
    /// so that its selected row is.
    pub fn lay_out(&mut self, view: &View, area: Rect) {
        if area.width < 2 || area.height == 0 || self.items.is_empty() {
            return;
        }
        let heights = self.heights(view, FormBody::items_area(area));
        self.scroll = self.scroll_to(&heights, FormBody::items_area(area).height);
        let at = self.focused_area(view, area);
        if let (Some(at), Some(Item::Table(t))) = (at, self.items.get_mut(self.focus)) {
            t.lay_out(view.profile, at);
        }
    }

    /// Draws the items that fit, keeping the focused one in view, with ▲ / ▼ in the last column
    /// when more is above / below; returns the caret.
    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        problems: &[Problem],
    ) -> Option<Position> {
        let full = area.intersection(buf.area);
        if full.width < 2 || full.height == 0 || self.items.is_empty() {
            return None;
        }
        // the last column is the scroll indicator's: items never draw there, so ▲/▼ cannot
        // cover a clause tag or a value
        let area = FormBody::items_area(full);
        let heights = self.heights(view, area);
        let focus = self.focus.min(self.items.len() - 1);
        let scroll = self.scroll_to(&heights, area.height) as u32;
        let mut caret = None;
        let mut y = 0u32;
        for (i, item) in self.items.iter().enumerate() {
            let h = heights[i] as u32;
            let (top, bottom) = (y, y + h);
            y = bottom + 1;
            if bottom <= scroll || top >= scroll + area.height as u32 {
                continue;
            }
            // items cut at the top are drawn from their first visible row only when they fit
            let vis_top = top.max(scroll);
            let ry = area.y as u32 + (vis_top - scroll);
            let rh = (bottom.min(scroll + area.height as u32) - vis_top) as u16;
            let r = Rect {
                x: area.x,
                y: ry as u16,
                width: area.width,
                height: rh,
            };
            if top < scroll {
                continue; // partly scrolled off above: skip rather than draw its bottom half wrongly
            }
            let focused = i == focus;
            match item {
                Item::Field(f) => {
                    let c = f.render(view, r, buf, focused);
                    if focused {
                        caret = c;
                    }
                }
                Item::WaveHeading(n) => render_wave_heading(view, r, buf, *n),
                Item::DetailsHeading(wave) => render_details_heading(view, r, buf, *wave),
                Item::Table(t) => t.render(view, r, buf, focused, problems),
            }
        }
        if scroll > 0 {
            line(
                buf,
                Rect {
                    x: area.right(),
                    y: area.y,
                    width: 1,
                    height: 1,
                },
                "▲",
                view.theme.dim,
            );
        }
        if y.saturating_sub(1) > scroll + area.height as u32 {
            line(
                buf,
                Rect {
                    x: area.right(),
                    y: area.bottom() - 1,
                    width: 1,
                    height: 1,
                },
                "▼",
                view.theme.dim,
            );
        }
        caret
    }
}

fn outcome(o: Outcome) -> Reply {
    match o {
        Outcome::Ignored => Reply::Ignored,
        Outcome::Handled | Outcome::Advance(false) | Outcome::OpenDeps => Reply::Handled,
        Outcome::Changed | Outcome::Advance(true) => Reply::Changed,
    }
}

/// "━━ Details for providers (optional)" and a line saying none is required; for a wave,
/// "━━ Runbook (optional) · Wave n".
fn render_details_heading(view: &View, r: Rect, buf: &mut Buffer, wave: Option<u32>) {
    let (title, hint) = match wave {
        None => (view.t("ui.details.heading"), view.t("ui.details.hint")),
        Some(n) => (
            format!(
                "{} · {}",
                view.t("ui.details.wave"),
                view.text(&Text::new("ui.wave.title").num("n", n as f64, 0))
            ),
            view.t("ui.details.wave_hint"),
        ),
    };
    line(buf, r, &format!("━━ {title}"), view.theme.title);
    line(
        buf,
        Rect {
            y: r.y.saturating_add(1),
            height: r.height.saturating_sub(1),
            ..r
        },
        &format!("   {hint}"),
        view.theme.dim,
    );
}

/// A wave's heading: the title (and "pilot"), its dates, then one line per system with its
/// difficulty and why it is in this wave.
fn wave_heading_height(view: &View, n: u32) -> u16 {
    let systems = view.analysis.wave(n).map_or(0, |w| w.systems.len());
    u16::try_from(2 + systems).unwrap_or(u16::MAX)
}

fn render_wave_heading(view: &View, r: Rect, buf: &mut Buffer, n: u32) {
    let Some(w) = view.analysis.wave(n).filter(|_| n > 0) else {
        line(buf, r, &view.t("ui.wave.none"), view.theme.dim);
        return;
    };
    let row = |k: u16| Rect {
        y: r.y.saturating_add(k),
        height: r.height.saturating_sub(k),
        ..r
    };
    let mut title = view.text(&Text::new("ui.wave.title").num("n", n as f64, 0));
    if w.pilot {
        title = format!("{title} · {}", view.t("ui.wave.pilot"));
    }
    line(buf, r, &format!("━━ {title}"), view.theme.title);
    let days = view.text(&crate::engine::schedule::length_text(w));
    let dates = match (&w.start, &w.end) {
        (Some(start), Some(end)) => view.text(
            &Text::new("ui.wave.dates")
                .plain("start", start.as_str())
                .plain("end", end.as_str())
                .plain("days", days),
        ),
        _ => days,
    };
    line(buf, row(1), &format!("   {dates}"), view.theme.dim);
    for (k, (id, why)) in w.systems.iter().zip(&w.reasons).enumerate() {
        let difficulty = view
            .analysis
            .system(*id)
            .map_or_else(String::new, |s| view.t(s.difficulty.key()));
        let text = format!("   [{difficulty}] {}", view.text(&why.text));
        line(buf, row(2 + k as u16), &text, view.theme.dim);
    }
}

impl TableItem {
    pub fn new(kind: TableKind, step: StepId, content: &'static Content) -> TableItem {
        let def = content.step(step);
        let scope = match kind {
            TableKind::Systems => Scope::System,
            TableKind::Providers => Scope::Provider,
        };
        // the columns as `assets/steps.ron` declares them for the step
        let cols = def
            .table
            .iter()
            .flat_map(|c| match c {
                ColumnDef::Name => vec![Col::Name],
                ColumnDef::Questions => def
                    .questions
                    .iter()
                    // the optional details are asked in the form only: the table stays narrow
                    .filter(|q| q.scope == scope && !q.details && !crate::model::is_name(&q.id))
                    .map(Col::Question)
                    .collect(),
                ColumnDef::Verdict => vec![Col::Verdict],
                ColumnDef::Priority => vec![Col::Priority],
                ColumnDef::Suggested => vec![Col::Suggested],
                ColumnDef::Difficulty => vec![Col::Difficulty],
                ColumnDef::Wave => vec![Col::Wave],
                ColumnDef::Rank => vec![Col::Rank],
            })
            .collect();
        TableItem {
            kind,
            step,
            state: TableState::default(),
            cols,
        }
    }

    /// Scrolls the rows so that the selected one is in view when the table is drawn in `area`.
    pub fn lay_out(&mut self, profile: &Profile, area: Rect) {
        let rows = self.rows(profile);
        self.state
            .follow(rows, table::body_rows(TableItem::table_area(area), rows));
    }

    /// Where the table itself goes under its title line.
    fn table_area(area: Rect) -> Rect {
        Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(1),
        }
    }

    pub fn rows(&self, profile: &Profile) -> usize {
        match self.kind {
            TableKind::Systems => profile.systems.len(),
            TableKind::Providers => profile.providers.len(),
        }
    }

    fn entity(&self, profile: &Profile, row: usize) -> Option<Entity> {
        match self.kind {
            TableKind::Systems => profile.systems.get(row).map(|s| Entity::System(s.id)),
            TableKind::Providers => profile.providers.get(row).map(|p| Entity::Provider(p.id)),
        }
    }

    pub fn handle(&mut self, action: Action, env: &mut KeyCx) -> Reply {
        let rows = self.rows(env.profile);
        self.state.clamp(rows);
        let sel = self.state.selected;
        match action {
            Action::Up if sel > 0 => self.state.select(sel - 1),
            Action::Down if sel + 1 < rows => self.state.select(sel + 1),
            Action::Home if rows > 0 => self.state.select(0),
            Action::End if rows > 0 => self.state.select(rows - 1),
            Action::Left if self.state.col_offset > 0 => self.state.col_offset -= 1,
            Action::Right if self.state.col_offset + 2 < self.cols.len() => {
                self.state.col_offset += 1
            }
            Action::Import if self.kind == TableKind::Systems => {
                return Reply::Open(Overlay::Import(
                    crate::tui::screens::import::ImportDialog::new(),
                ));
            }
            Action::Add => {
                let purpose = match self.kind {
                    TableKind::Systems => PromptPurpose::AddSystem,
                    TableKind::Providers => {
                        if env.profile.providers.len() >= Profile::MAX_PROVIDERS {
                            return Reply::Open(Overlay::Notice(
                                Text::new("ui.providers.full").num(
                                    "max",
                                    Profile::MAX_PROVIDERS as f64,
                                    0,
                                ),
                            ));
                        }
                        PromptPurpose::AddProvider
                    }
                };
                return Reply::Open(Overlay::Prompt(Prompt::new(purpose)));
            }
            Action::Delete => {
                let Some(entity) = self.entity(env.profile, sel) else {
                    return Reply::Handled;
                };
                let (text, on_yes) = match entity {
                    Entity::System(id) => {
                        let name = env
                            .profile
                            .system(id)
                            .map(|s| s.name.clone())
                            .unwrap_or_default();
                        // the systems that need it lose that dependency: say which
                        let users: Vec<std::sync::Arc<str>> = env
                            .profile
                            .systems
                            .iter()
                            .filter(|s| s.depends_on.contains(&id))
                            .map(|s| s.name.as_str().into())
                            .collect();
                        let text = if users.is_empty() {
                            Text::new("ui.confirm.delete_system").plain("name", name)
                        } else {
                            Text::new("ui.confirm.delete_system_needed")
                                .plain("name", name)
                                .list("users", users)
                        };
                        (text, ConfirmAction::DeleteSystem(id))
                    }
                    Entity::Provider(id) => {
                        let name = env
                            .profile
                            .provider(id)
                            .map(|p| p.name.clone())
                            .unwrap_or_default();
                        (
                            Text::new("ui.confirm.delete_provider").plain("name", name),
                            ConfirmAction::DeleteProvider(id),
                        )
                    }
                    _ => return Reply::Handled,
                };
                return Reply::Open(Overlay::Confirm(Confirm { text, on_yes }));
            }
            Action::MoveUp | Action::MoveDown if self.kind == TableKind::Systems => {
                let delta = if action == Action::MoveUp { -1 } else { 1 };
                let Some(Entity::System(id)) = self.entity(env.profile, sel) else {
                    return Reply::Handled;
                };
                if env.profile.move_system(id, delta) {
                    self.state.select((sel as isize + delta) as usize);
                    return Reply::Changed;
                }
            }
            Action::Confirm => {
                let Some(entity) = self.entity(env.profile, sel) else {
                    return Reply::Open(Overlay::Prompt(Prompt::new(match self.kind {
                        TableKind::Systems => PromptPurpose::AddSystem,
                        TableKind::Providers => PromptPurpose::AddProvider,
                    })));
                };
                return Reply::Open(Overlay::Entity(EntityForm::new(
                    env.content,
                    self.step,
                    entity,
                    env.profile,
                )));
            }
            Action::Up | Action::Down => return Reply::Ignored,
            _ => return Reply::Ignored,
        }
        Reply::Handled
    }

    fn title(&self, view: &View, col: Col) -> String {
        match col {
            Col::Name => match self.kind {
                TableKind::Systems => view.t("ui.col.system"),
                TableKind::Providers => view.t("ui.col.provider"),
            },
            Col::Question(q) => view.t(&format!("q.{}.short", q.id)),
            Col::Verdict => view.t("ui.col.verdict"),
            Col::Priority => view.t("ui.col.priority"),
            Col::Suggested => view.t("ui.col.suggested"),
            Col::Difficulty => view.t("ui.col.difficulty"),
            Col::Wave => view.t("ui.col.wave"),
            Col::Rank => view.t("ui.col.rank"),
        }
    }

    fn width(&self, view: &View, col: Col, total: u16) -> u16 {
        let title = str_width(&self.title(view, col));
        let min = match col {
            Col::Name => return (total / 4).clamp(12, 28),
            Col::Question(q) => match q.kind {
                QuestionKind::YesNo => 4,
                QuestionKind::Rating => 10,
                QuestionKind::Number { .. } => 10,
                QuestionKind::Multi(_) | QuestionKind::Dependencies => 14,
                _ => 10,
            },
            // the engine's columns are as wide as their widest value (each distinct value is
            // measured once, however many systems there are)
            Col::Verdict => {
                let mut seen: Vec<Verdict> = Vec::new();
                for r in &view.analysis.systems {
                    if !seen.contains(&r.verdict) {
                        seen.push(r.verdict);
                    }
                }
                seen.iter()
                    .map(|v| str_width(&view.t(v.key())))
                    .max()
                    .unwrap_or(4)
            }
            Col::Suggested => {
                let mut seen: Vec<&str> = Vec::new();
                for r in &view.analysis.systems {
                    if !seen.contains(&r.suggested_strategy.as_str()) {
                        seen.push(&r.suggested_strategy);
                    }
                }
                seen.iter()
                    .map(|o| str_width(&view.content.option_label(view.lang, "strategy", o)))
                    .max()
                    .unwrap_or(4)
            }
            Col::Priority => str_width(&format_number(100.0, 0)),
            Col::Difficulty => [
                crate::engine::Difficulty::Low,
                crate::engine::Difficulty::Medium,
                crate::engine::Difficulty::High,
            ]
            .iter()
            .map(|d| str_width(&view.t(d.key())))
            .max()
            .unwrap_or(4),
            Col::Wave => view
                .analysis
                .waves
                .iter()
                .map(|w| w.number.to_string().len())
                .max()
                .unwrap_or(1),
            Col::Rank => view
                .analysis
                .providers
                .iter()
                .map(|p| str_width(&rank_text(p)))
                .max()
                .unwrap_or(4),
        };
        // answers may be long and are cut; the engine's short values are shown whole
        let cap = if matches!(col, Col::Question(_)) {
            18
        } else {
            24
        };
        title.max(min).min(cap) as u16
    }

    fn cell(&self, view: &View, row: usize, col: Col, problems: &[Problem]) -> (String, Style) {
        let th = view.theme;
        let Some(entity) = self.entity(view.profile, row) else {
            return (String::new(), th.text);
        };
        let none = || (view.t("ui.dash"), th.dim);
        // the row's system is at the row's index; the analysis is in the same order unless it
        // is stale (a system was just added or moved)
        let shown = match self.kind {
            TableKind::Systems => view
                .profile
                .systems
                .get(row)
                .map_or_else(|| Shown::of(view.profile, entity), Shown::system),
            TableKind::Providers => Shown::of(view.profile, entity),
        };
        let sys_result = |id| {
            let all = &view.analysis.systems;
            all.get(row)
                .filter(|s| s.id == id)
                .or_else(|| all.iter().find(|s| s.id == id))
        };
        match (col, entity) {
            (Col::Name, _) => {
                let name = shown.name.unwrap_or_default().to_owned();
                let bad = problems.iter().any(|p| p.entity == entity && p.blocks_next);
                let name = match entity {
                    Entity::System(id) => view.name(&crate::content::Name::system(&name, id)),
                    Entity::Provider(id) => view.name(&crate::content::Name::provider(&name, id)),
                    _ => name,
                };
                if bad {
                    (format!("⚠ {name}"), th.error)
                } else {
                    (name, th.text)
                }
            }
            (Col::Question(q), _) => match field::display_of(view, q, shown) {
                Some(v) => (v, th.text),
                None => none(),
            },
            (Col::Verdict, Entity::System(id)) => match sys_result(id) {
                Some(r) => (
                    view.t(r.verdict.key()),
                    match r.verdict {
                        Verdict::Go => th.ok,
                        Verdict::GoAfterRollbackPlan => th.warn,
                        Verdict::GoAfterTransformation => th.warn,
                        Verdict::NotNow => th.error,
                    },
                ),
                None => none(),
            },
            (Col::Priority, Entity::System(id)) => match sys_result(id) {
                Some(r) => (format_number(r.priority, 0), th.text),
                None => none(),
            },
            (Col::Suggested, Entity::System(id)) => match sys_result(id) {
                Some(r) => (
                    view.content
                        .option_label(view.lang, "strategy", &r.suggested_strategy),
                    th.accent,
                ),
                None => none(),
            },
            (Col::Difficulty, Entity::System(id)) => match sys_result(id) {
                Some(r) if r.wave.is_some() => (view.t(r.difficulty.key()), th.text),
                _ => none(),
            },
            (Col::Wave, Entity::System(id)) => match sys_result(id).and_then(|r| r.wave) {
                Some(w) => (w.to_string(), th.text),
                None => none(),
            },
            (Col::Rank, Entity::Provider(id)) => {
                match view.analysis.providers.iter().find(|p| p.id == id) {
                    Some(p) => (rank_text(p), th.accent),
                    None => none(),
                }
            }
            _ => none(),
        }
    }

    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        problems: &[Problem],
    ) {
        let area = area.intersection(buf.area);
        if area.height == 0 || area.width == 0 {
            return;
        }
        let th = view.theme;
        let rows = self.rows(view.profile);
        let (title, hint) = match self.kind {
            TableKind::Systems => (view.t("ui.inventory.title"), view.t("ui.inventory.hint")),
            TableKind::Providers => (view.t("ui.providers.title"), view.t("ui.providers.hint")),
        };
        let head = format!("{} ({rows})", title);
        let style = if focused { th.focus } else { th.title };
        let w = line(
            buf,
            area,
            &format!("{}{head}", if focused { "▸ " } else { "  " }),
            style,
        );
        if focused {
            let r = Rect {
                x: area.x + w + 2,
                width: area.width.saturating_sub(w + 2),
                height: 1,
                ..area
            };
            line(buf, r, &hint, th.dim);
        }
        let inner = TableItem::table_area(area);
        let columns: Vec<Column> = self
            .cols
            .iter()
            .map(|c| Column {
                title: self.title(view, *c),
                width: self.width(view, *c, inner.width),
            })
            .collect();
        let empty = match self.kind {
            TableKind::Systems => view.t("ui.inventory.empty"),
            TableKind::Providers => view.t("ui.providers.empty"),
        };
        table::render(
            buf,
            inner,
            th,
            &columns,
            rows,
            &self.state,
            focused,
            &empty,
            |r, c| match self.cols.get(c) {
                Some(col) => self.cell(view, r, *col, problems),
                None => (String::new(), th.text),
            },
        );
    }
}

/// The message line's text when Next is blocked by `p`: which field (and whose) needs what.
pub fn blocked(profile: &Profile, p: &Problem) -> (Text, Option<Text>) {
    let label = Text::new(format!("q.{}.label", p.question));
    let who = match p.entity {
        Entity::System(id) => profile.system(id).map(|s| s.name.clone()),
        Entity::Provider(id) => profile.provider(id).map(|s| s.name.clone()),
        _ => None,
    };
    let head = match who {
        Some(name) => Text::new("ui.blocked_entity")
            .key("field", label.key.clone())
            .plain("name", name),
        None => Text::new("ui.blocked").key("field", label.key.clone()),
    };
    (head, Some(p.text.clone()))
}

/// A provider's rank and score, as its table cell shows them: `#1 86`.
fn rank_text(p: &crate::engine::ProviderRank) -> String {
    format!("#{} {}", p.rank, format_number(p.score, 0))
}

/// A profile or step screen.
#[derive(Debug, Clone)]
pub struct FormScreen {
    /// `None` = the profile screen.
    pub step: Option<StepId>,
    pub body: FormBody,
}

impl FormScreen {
    pub fn new(
        content: &'static Content,
        step: Option<StepId>,
        profile: &Profile,
        waves: &[WaveRef],
    ) -> FormScreen {
        let def: &'static StepDef = match step {
            Some(s) => content.step(s),
            None => &content.profile,
        };
        let mut items = Vec::new();
        let mut systems_table = false;
        let mut providers_table = false;
        let wave_qs: Vec<&'static QuestionDef> = def
            .questions
            .iter()
            .filter(|q| q.scope == Scope::Wave)
            .collect();
        for q in &def.questions {
            match (q.scope, step) {
                (Scope::Enterprise, _) => items.push(Item::Field(Field::new(
                    content,
                    q,
                    Entity::Enterprise,
                    profile,
                ))),
                (Scope::System, Some(s)) if !systems_table => {
                    systems_table = true;
                    items.push(Item::Table(TableItem::new(TableKind::Systems, s, content)));
                }
                (Scope::Provider, Some(s)) if !providers_table => {
                    providers_table = true;
                    items.push(Item::Table(TableItem::new(
                        TableKind::Providers,
                        s,
                        content,
                    )));
                }
                _ => {}
            }
        }
        if !wave_qs.is_empty() && waves.is_empty() {
            // heading 0: "no waves yet" (they come from the inventory and its dependencies)
            items.push(Item::WaveHeading(0));
        }
        // each wave's questions first, then each wave's optional runbook details, so that the
        // tests and dates of all waves stay a few Tabs apart
        let (details, main): (Vec<&QuestionDef>, Vec<&QuestionDef>) =
            wave_qs.iter().partition(|q| q.details);
        for (qs, heading) in [(&main, false), (&details, true)] {
            if qs.is_empty() {
                continue;
            }
            for w in waves {
                items.push(if heading {
                    Item::DetailsHeading(Some(w.number))
                } else {
                    Item::WaveHeading(w.number)
                });
                for q in qs.iter() {
                    items.push(Item::Field(Field::new(
                        content,
                        q,
                        Entity::Wave(*w),
                        profile,
                    )));
                }
            }
        }
        FormScreen {
            step,
            body: FormBody::new(items),
        }
    }

    pub fn def(&self, content: &'static Content) -> &'static StepDef {
        match self.step {
            Some(s) => content.step(s),
            None => &content.profile,
        }
    }

    /// Title, clause and intro on top, the items below.
    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        problems: &[Problem],
    ) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.height < 3 || area.width < 4 {
            return None;
        }
        let def = self.def(view.content);
        let th = view.theme;
        let title = view.t(&format!("step.{}.title", def.id));
        let mut cites = vec![view.cite(&def.clause)];
        cites.extend(def.also.iter().map(|c| view.cite(c)));
        let head = match self.step {
            Some(s) => view.text(
                &Text::new("ui.step.heading")
                    .num("n", s.number() as f64, 0)
                    .plain("title", title),
            ),
            None => title,
        };
        let w = line(buf, area, &head, th.title);
        line(
            buf,
            Rect {
                x: area.x + w + 2,
                width: area.width.saturating_sub(w + 2),
                height: 1,
                ..area
            },
            &cites.join(" "),
            th.dim,
        );
        let lines = self.intro(view, area);
        let mut y = area.y + 1;
        for l in &lines {
            line(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                l,
                th.dim,
            );
            y += 1;
        }
        // Step 8 starts from the chosen provider's service level, entered once in step 3.
        if def.id == "s8" && y < area.bottom() {
            line(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                &chosen_sla(view),
                th.accent,
            );
            y += 1;
        }
        if self.body.items.is_empty() {
            return None;
        }
        let body = Rect {
            y: y + 1,
            height: area.bottom().saturating_sub(y + 1),
            ..area
        };
        self.body.render(view, body, buf, problems)
    }

    /// The intro under the title, wrapped to `area` and cut to two lines (three on tall
    /// terminals).
    fn intro(&self, view: &View, area: Rect) -> Vec<String> {
        let def = self.def(view.content);
        let intro = view.t(&format!("step.{}.intro", def.id));
        let mut lines = wrap(&intro, area.width);
        let max_intro = if area.height >= 30 { 3 } else { 2 };
        if lines.len() > max_intro {
            lines.truncate(max_intro);
            if let Some(l) = lines.last_mut() {
                *l = continued(l, area.width as usize);
            }
        }
        lines
    }

    /// Where the items go when the screen is drawn in `area`: below the title, the intro and a
    /// blank row.
    fn body_area(&self, view: &View, area: Rect) -> Rect {
        if area.height < 3 || area.width < 4 {
            return Rect::default();
        }
        let y = area.y + 2 + self.intro(view, area).len() as u16;
        Rect {
            y,
            height: area.bottom().saturating_sub(y),
            ..area
        }
    }

    /// The form's keys, with the area of its items.
    pub fn handle(&mut self, a: Action, cx: &mut KeyCx) -> Reply {
        let area = cx.area;
        cx.area = self.body_area(&cx.view(), area);
        let reply = self.body.handle(a, cx);
        cx.area = area;
        reply
    }
}

/// "Chosen provider 青山云 (step 3): availability 99.9 % · response 15 min · RPO 15 min · RTO 240 min".
fn chosen_sla(view: &View) -> String {
    let Some(p) = view
        .analysis
        .chosen_provider
        .and_then(|id| view.profile.provider(id))
    else {
        return view.t("ui.s8.no_provider");
    };
    let qs = [
        "prov.sla",
        "prov.response_min",
        "prov.rpo_min",
        "prov.rto_min",
    ];
    if qs.iter().any(|q| p.answers.number(q).is_none()) {
        return view.text(&Text::new("ui.s8.provider_incomplete").plain("provider", p.name.trim()));
    }
    let figure = |q: &str| {
        p.answers
            .number(q)
            .map_or_else(|| view.t("ui.dash"), |v| format_number(v, 3))
    };
    view.text(
        &Text::new("ui.s8.provider_sla")
            .plain("provider", p.name.trim())
            .plain("sla", figure("prov.sla"))
            .plain("response", figure("prov.response_min"))
            .plain("rpo", figure("prov.rpo_min"))
            .plain("rto", figure("prov.rto_min")),
    )
}
