//! Where each part of the frame goes for a terminal size: one computation that [`super::ui`]
//! draws into and that the app hands to key handlers ([`crate::tui::widgets::KeyCx::area`]),
//! so that scrolling and paging are worked out from the size the app knows, never from what the
//! last frame happened to draw.

use ratatui::layout::{Constraint, Layout, Rect};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// From this width on, the step list is a sidebar.
pub const SIDEBAR_FROM: u16 = 100;
const SIDEBAR_WIDTH: u16 = 26;
/// From this width on, the sidebar is wide enough for every step's whole title.
const WIDE_FROM: u16 = 160;
const WIDE_SIDEBAR_WIDTH: u16 = 34;

/// The parts of a frame at least [`MIN_WIDTH`] × [`MIN_HEIGHT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub top: Rect,
    /// The step list, on wide terminals (not on the welcome screen).
    pub sidebar: Option<Rect>,
    /// The screen.
    pub main: Rect,
    /// The message line (a save failure, why Next is blocked), when there is a message.
    pub message: Option<Rect>,
    pub footer: Rect,
    /// Where dialogs are centred: everything between the top bar and the footer.
    pub dialog: Rect,
}

/// The frame laid out: the top bar, a blank row, the screen (beside the sidebar when `sidebar`
/// and the terminal is wide), a blank row, the message line when `message`, the footer.
/// `None` below the minimum size.
pub fn areas(area: Rect, sidebar: bool, message: bool) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [top, _, body, _, msg, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(message)),
        Constraint::Length(1),
    ])
    .areas(area);
    let side_w = match area.width {
        w if !sidebar || w < SIDEBAR_FROM => 0,
        w if w < WIDE_FROM => SIDEBAR_WIDTH,
        _ => WIDE_SIDEBAR_WIDTH,
    };
    let [side, _, main] = Layout::horizontal([
        Constraint::Length(side_w),
        Constraint::Length(u16::from(side_w > 0)),
        Constraint::Fill(1),
    ])
    .areas(body);
    let [_, main, _] = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(main);
    let [_, dialog, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [_, message_row, _] = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(msg);
    Some(Areas {
        top,
        sidebar: (side_w > 0).then_some(side),
        main,
        message: message.then_some(message_row),
        footer,
        dialog,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_at_the_minimum_and_on_a_wide_terminal() {
        assert_eq!(areas(Rect::new(0, 0, 79, 24), true, false), None);
        let a = areas(Rect::new(0, 0, 80, 24), true, true).unwrap_or_else(|| unreachable!());
        assert_eq!(a.top, Rect::new(0, 0, 80, 1));
        assert_eq!(a.sidebar, None);
        assert_eq!(a.main, Rect::new(1, 2, 78, 19));
        assert_eq!(a.message, Some(Rect::new(1, 22, 78, 1)));
        assert_eq!(a.footer, Rect::new(0, 23, 80, 1));
        assert_eq!(a.dialog, Rect::new(0, 1, 80, 22));
        let a = areas(Rect::new(0, 0, 120, 40), true, false).unwrap_or_else(|| unreachable!());
        assert_eq!(a.sidebar, Some(Rect::new(0, 2, 26, 36)));
        assert_eq!(a.main, Rect::new(28, 2, 91, 36));
        assert_eq!(a.message, None);
        let a = areas(Rect::new(0, 0, 160, 40), true, false).unwrap_or_else(|| unreachable!());
        assert_eq!(a.sidebar.map(|s| s.width), Some(34));
        let a = areas(Rect::new(0, 0, 160, 40), false, false).unwrap_or_else(|| unreachable!());
        assert_eq!(a.main, Rect::new(1, 2, 158, 36));
    }
}
