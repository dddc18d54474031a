//! The detail form of one system or provider: this step's questions about it, as a dialog over
//! the table. PgDn / PgUp walk to the next / previous one without closing, each starting at its
//! first field, so rating twenty systems is twenty PgDn.

use super::Reply;
use super::form::{FormBody, Item};
use crate::content::{Content, Name, Scope, Text};
use crate::model::{Profile, StepId};
use crate::tui::backend::{Entity, Problem};
use crate::tui::event::Action;
use crate::tui::widgets::field::Field;
use crate::tui::widgets::{KeyCx, View, box_inner, centered, frame_box, line};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

#[derive(Debug, Clone)]
pub struct EntityForm {
    pub step: StepId,
    pub entity: Entity,
    pub body: FormBody,
}

impl EntityForm {
    pub fn new(
        content: &'static Content,
        step: StepId,
        entity: Entity,
        profile: &Profile,
    ) -> EntityForm {
        let scope = match entity {
            Entity::Provider(_) => Scope::Provider,
            _ => Scope::System,
        };
        let qs = || {
            content
                .step(step)
                .questions
                .iter()
                .filter(|q| q.scope == scope)
        };
        // the optional details for providers come last, under their own heading
        let mut items: Vec<Item> = qs()
            .filter(|q| !q.details)
            .map(|q| Item::Field(Field::new(content, q, entity, profile)))
            .collect();
        let mut details = qs().filter(|q| q.details).peekable();
        if details.peek().is_some() {
            items.push(Item::DetailsHeading(None));
            items.extend(details.map(|q| Item::Field(Field::new(content, q, entity, profile))));
        }
        EntityForm {
            step,
            entity,
            body: FormBody::new(items),
        }
    }

    fn siblings(&self, profile: &Profile) -> Vec<Entity> {
        match self.entity {
            Entity::Provider(_) => profile
                .providers
                .iter()
                .map(|p| Entity::Provider(p.id))
                .collect(),
            _ => profile
                .systems
                .iter()
                .map(|s| Entity::System(s.id))
                .collect(),
        }
    }

    /// Moves to the next (`+1`) or previous (`-1`) system/provider, its first field focused (a
    /// new one is filled in from the top). Returns the entity now shown.
    pub fn switch(
        &mut self,
        delta: i32,
        content: &'static Content,
        profile: &Profile,
    ) -> Option<Entity> {
        let list = self.siblings(profile);
        let at = list.iter().position(|e| *e == self.entity)?;
        let next = at as i64 + delta as i64;
        if next < 0 || next as usize >= list.len() {
            return None;
        }
        *self = EntityForm::new(content, self.step, list[next as usize], profile);
        Some(self.entity)
    }

    /// Esc closes (the table then shows the one edited last), PgDn / PgUp walk, the rest is the
    /// form's.
    pub fn handle(&mut self, a: Action, cx: &mut KeyCx) -> Reply {
        match a {
            // Esc in a field puts back the saved answer of a refused draft, or else closes
            Action::Cancel
                if self
                    .body
                    .focused_field()
                    .is_some_and(|f| f.has_invalid_draft()) =>
            {
                self.body.handle(Action::Revert, cx)
            }
            Action::Cancel => Reply::Close.then(Reply::Show(self.entity)),
            Action::PageDown | Action::PageUp => {
                let delta = if a == Action::PageDown { 1 } else { -1 };
                self.switch(delta, cx.content, cx.profile);
                self.body
                    .lay_out(&cx.view(), EntityForm::body_area(cx.area));
                Reply::Handled
            }
            _ => {
                let area = cx.area;
                cx.area = EntityForm::body_area(area);
                let reply = self.body.handle(a, cx);
                cx.area = area;
                reply
            }
        }
    }

    /// The box in `area`.
    fn box_area(area: Rect) -> Rect {
        let w = area.width.saturating_sub(4).min(100);
        let h = area.height.saturating_sub(2);
        centered(area, w, h)
    }

    /// Where the questions go in the box: all but the keys' row at the bottom.
    fn body_area(area: Rect) -> Rect {
        let inner = box_inner(EntityForm::box_area(area));
        if inner.height < 3 || inner.width < 4 {
            return Rect::default();
        }
        Rect {
            x: inner.x + 1,
            y: inner.y + 1,
            width: inner.width.saturating_sub(2),
            height: inner.height.saturating_sub(3),
        }
    }

    pub fn render(
        &self,
        view: &View,
        area: Rect,
        buf: &mut Buffer,
        problems: &[Problem],
    ) -> Option<Position> {
        let th = view.theme;
        let given = |n: Option<&str>| n.unwrap_or_default().to_owned();
        let (name, key) = match self.entity {
            Entity::System(id) => (
                view.name(&Name::system(
                    &given(view.profile.system(id).map(|s| s.name.as_str())),
                    id,
                )),
                "ui.entity.system",
            ),
            Entity::Provider(id) => (
                view.name(&Name::provider(
                    &given(view.profile.provider(id).map(|p| p.name.as_str())),
                    id,
                )),
                "ui.entity.provider",
            ),
            _ => (String::new(), "ui.entity.system"),
        };
        let list = self.siblings(view.profile);
        let at = list
            .iter()
            .position(|e| *e == self.entity)
            .map_or(0, |i| i + 1);
        let title = view.text(
            &Text::new(key)
                .plain("name", name)
                .num("i", at as f64, 0)
                .num("n", list.len() as f64, 0)
                .plain(
                    "step",
                    view.t(&format!("step.s{}.title", self.step.number())),
                ),
        );
        let inner = frame_box(
            buf,
            EntityForm::box_area(area),
            &title,
            th.border_focus,
            th.title,
        );
        if inner.height < 3 || inner.width < 4 {
            return None;
        }
        let body = EntityForm::body_area(area);
        let caret = self.body.render(view, body, buf, problems);
        let keys = Rect {
            x: inner.x + 1,
            y: inner.bottom() - 1,
            width: inner.width.saturating_sub(2),
            height: 1,
        };
        line(buf, keys, &view.t("ui.entity.keys"), th.dim);
        caret
    }
}
