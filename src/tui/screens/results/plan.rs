//! The Plan tab: the plan part of the export document, as a scrollable page.
//!
//! The layout ([`super::layout`]) is built when the app lays the tab out for the terminal's size
//! ([`PlanView::lay_out`], after every message) and kept until the analysis, the language or
//! the width changes; scrolling only moves a window over it, and paging and `End` know how far
//! to go from it. Drawing never changes it: a frame of another size (a test's) lays the plan
//! out for itself.

use super::layout::{self, Laid, PLine, Sty};
use crate::export;
use crate::model::Lang;
use crate::tui::event::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::{View, spans};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};
use std::borrow::Cow;

/// What a layout was made for.
type Key = (Lang, u16, u64);

#[derive(Debug, Clone, Default)]
pub struct PlanView {
    /// The first line shown.
    pub scroll: usize,
    /// Bumped when the analysis changes, which makes the kept layout stale.
    generation: u64,
    /// The layout for the area the app laid the tab out in.
    laid: Option<(Key, Laid)>,
    /// (lines, rows shown) in that area.
    seen: Option<(usize, usize)>,
}

/// The theme style of a layout style.
pub fn style(th: &Theme, s: Sty) -> Style {
    match s {
        Sty::Text => th.text,
        Sty::Strong => th.text.add_modifier(Modifier::BOLD),
        Sty::Emph => th.text.add_modifier(Modifier::ITALIC),
        Sty::Code => th.accent,
        Sty::Dim => th.dim,
        Sty::Title => th.title,
        Sty::Section => th.header,
        Sty::Header => th.header,
        Sty::Rule => th.dim,
        Sty::Bar => th.ok,
    }
}

/// Draws one laid-out line into a row.
pub fn draw_line(th: &Theme, buf: &mut Buffer, row: Rect, l: &PLine) {
    let parts: Vec<(&str, Style)> = l
        .runs
        .iter()
        .map(|(s, st)| (s.as_str(), style(th, *st)))
        .collect();
    spans(buf, row, &parts);
}

impl PlanView {
    /// The analysis changed: lay out again.
    pub fn invalidate(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.laid = None;
        self.seen = None;
    }

    /// The layout the tab was last laid out with, if any.
    pub fn laid(&self) -> Option<&Laid> {
        self.laid.as_ref().map(|(_, l)| l)
    }

    /// The width of the text in `area` (one column for the scroll bar, one as a gap); `None`
    /// when nothing can be shown.
    fn text_width(area: Rect) -> Option<u16> {
        (area.width >= 4 && area.height > 0).then(|| area.width - 2)
    }

    fn key(&self, view: &View, text_w: u16) -> Key {
        (view.lang, text_w, self.generation)
    }

    /// Lays the plan out for `area` (kept while the analysis, language and width stay).
    pub fn lay_out(&mut self, view: &View, area: Rect) {
        let Some(text_w) = PlanView::text_width(area) else {
            return;
        };
        let key = self.key(view, text_w);
        if self.laid.as_ref().map(|(k, _)| *k) != Some(key) {
            self.laid = Some((key, lay_out_plan(view, text_w)));
        }
        let n = self.laid().map_or(0, |l| l.lines.len());
        self.seen = Some((n, area.height as usize));
    }

    /// The layout for `area`: the kept one, or one made for this frame.
    fn laid_for(&self, view: &View, text_w: u16) -> Cow<'_, Laid> {
        match &self.laid {
            Some((k, l)) if *k == self.key(view, text_w) => Cow::Borrowed(l),
            _ => Cow::Owned(lay_out_plan(view, text_w)),
        }
    }

    fn page(&self) -> usize {
        self.seen.map_or(10, |(_, h)| h.saturating_sub(2).max(1))
    }

    fn max_scroll(&self) -> Option<usize> {
        self.seen.map(|(n, h)| n.saturating_sub(h))
    }

    /// Scrolls within `area`, where the tab is drawn; returns whether the action was one of
    /// the plan's.
    pub fn handle(&mut self, a: Action, view: &View, area: Rect) -> bool {
        self.lay_out(view, area);
        let max = self.max_scroll();
        if let Some(m) = max {
            self.scroll = self.scroll.min(m);
        }
        let clamp = |v: usize| max.map_or(v, |m| v.min(m));
        match a {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = clamp(self.scroll.saturating_add(1)),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page()),
            Action::PageDown => self.scroll = clamp(self.scroll.saturating_add(self.page())),
            Action::Home => self.scroll = 0,
            Action::End => self.scroll = max.unwrap_or(usize::MAX),
            Action::NextSection | Action::PrevSection => {
                let target = self.laid().and_then(|laid| {
                    let mut lines = laid.headings.iter().map(|h| h.line);
                    if a == Action::NextSection {
                        lines.find(|l| *l > self.scroll)
                    } else {
                        lines.rfind(|l| *l < self.scroll)
                    }
                });
                if let Some(t) = target {
                    self.scroll = clamp(t);
                }
            }
            _ => return false,
        }
        true
    }

    /// Where the page is: the section at the top and the lines shown, e.g. `12–29/340`.
    pub fn position(&self, view: &View, area: Rect) -> Option<(String, String)> {
        let laid = self.laid_for(view, PlanView::text_width(area)?);
        let (n, h) = (laid.lines.len(), area.height as usize);
        let top = self.scroll.min(n.saturating_sub(h));
        let section = laid
            .headings
            .iter()
            .rfind(|s| s.line <= top && s.level >= 3)
            .map(|s| s.text.clone())
            .unwrap_or_default();
        let last = (top + h).min(n);
        Some((section, format!("{}–{}/{}", top + 1, last, n)))
    }

    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width < 4 || area.height == 0 {
            return;
        }
        let Some(text_w) = PlanView::text_width(area) else {
            return;
        };
        let laid = self.laid_for(view, text_w);
        let n = laid.lines.len();
        let h = area.height as usize;
        let top = self.scroll.min(n.saturating_sub(h));
        for (i, l) in laid.lines.iter().skip(top).take(h).enumerate() {
            let row = Rect {
                y: area.y + i as u16,
                height: 1,
                width: text_w,
                ..area
            };
            draw_line(view.theme, buf, row, l);
        }
        if n > h {
            let mut state = ScrollbarState::new(n.saturating_sub(h))
                .position(top)
                .viewport_content_length(h);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│"))
                .thumb_symbol("█")
                .track_style(view.theme.dim)
                .thumb_style(view.theme.text)
                .render(area, buf, &mut state);
        }
    }
}

/// The plan part of the export document, laid out `text_w` columns wide.
fn lay_out_plan(view: &View, text_w: u16) -> Laid {
    let doc = export::build_document(view.content, view.lang, view.profile, view.analysis, None);
    layout::lay_out(view, &doc.plan, text_w)
}
