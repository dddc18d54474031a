//! Reusable pieces: text entry, answer fields, the virtualised table, and small layout helpers.
//!
//! Widgets borrow what they show through a [`View`] (content, language, theme, profile,
//! analysis) and never own copies of it; their own state is only what the user is doing with
//! them (caret, selection, scroll).

pub mod field;
pub mod linebreak;
pub mod table;
pub mod text;

pub use linebreak::wrap;

use crate::content::{Content, Text};
use crate::engine::Analysis;
use crate::model::{Lang, Profile};
use crate::tui::backend::ProfileInfo;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use text::{char_width, draw_clipped, str_width};

/// What a view needs to draw: everything borrowed.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub content: &'static Content,
    pub lang: Lang,
    pub theme: &'a Theme,
    pub profile: &'a Profile,
    pub analysis: &'a Analysis,
    /// What is wrong or questioned on the screen shown (each field shows its own).
    pub problems: &'a [crate::tui::backend::Problem],
}

/// What a key handler works with: the content, the profile it may change, what is derived from
/// it, and the saved profiles. Handlers change the profile only through this.
pub struct KeyCx<'a> {
    pub content: &'static Content,
    pub lang: Lang,
    pub theme: &'a Theme,
    pub profile: &'a mut Profile,
    pub analysis: &'a Analysis,
    /// What is wrong or questioned on the screen shown, as of the last refresh.
    pub problems: &'a [crate::tui::backend::Problem],
    /// The saved profiles (a new profile's name must not be one of them).
    pub profiles: &'a [ProfileInfo],
    /// Where the one that gets the key is drawn at the terminal's current size (a screen, a
    /// dialog; a form narrows it to the focused item), so that scrolling and paging follow
    /// from the size rather than from the last frame. Empty while the size is not known.
    pub area: Rect,
}

impl KeyCx<'_> {
    /// The view of what the handler may change, as the next frame will draw it.
    pub fn view(&self) -> View<'_> {
        View {
            content: self.content,
            lang: self.lang,
            theme: self.theme,
            profile: self.profile,
            analysis: self.analysis,
            problems: self.problems,
        }
    }
}

/// The first row to show of a list scrolled to `offset` so that row `selected` is in view in a
/// viewport of `height` rows: the view moves only as far as it must, so scrolling is steady.
pub fn follow(offset: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// The inside of a box drawn with [`frame_box`] in `area` (empty when there is no inside).
pub fn box_inner(area: Rect) -> Rect {
    if area.width < 2 || area.height < 2 {
        return Rect {
            width: 0,
            height: 0,
            ..area
        };
    }
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width - 2,
        height: area.height - 2,
    }
}

impl View<'_> {
    pub fn t(&self, key: &str) -> String {
        self.content.t(self.lang, key)
    }

    /// A system's or provider's name as every text shows it: the name, or for a blank one its
    /// placeholder, "(unnamed system #4)" (as the engine's texts and the exports name it).
    pub fn name(&self, name: &crate::content::Name) -> String {
        let mut out = String::new();
        self.content.push_name(self.lang, name, &mut out);
        out
    }

    pub fn text(&self, text: &Text) -> String {
        self.content.render(self.lang, text)
    }

    pub fn cite(&self, clause: &str) -> String {
        self.content.cite(self.lang, clause)
    }
}

/// Cuts a string to at most `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut col = 0;
    for c in s.chars() {
        let w = char_width(c);
        if col + w > width - 1 {
            break;
        }
        out.push(c);
        col += w;
    }
    out.push('…');
    out
}

/// Marks a line as continued (`…`) within `width` columns: when the mark does not fit after
/// it, the line gives up its last word (or, without spaces, its last character) to the mark.
pub fn continued(line: &str, width: usize) -> String {
    // a comma or colon right before the mark reads as a stray
    let bare = |s: &str| {
        s.trim_end()
            .trim_end_matches(|c| ",;:，、；：".contains(c))
            .to_owned()
    };
    let l = line.trim_end();
    if str_width(l) < width {
        return format!("{}…", bare(l));
    }
    match l.rfind(' ') {
        Some(i) if str_width(&l[..i]) >= width / 2 => format!("{}…", bare(&l[..i])),
        _ => {
            let cut = truncate(&format!("{l}…"), width);
            format!("{}…", bare(cut.trim_end_matches('…')))
        }
    }
}

/// Pads (or cuts) a string to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = str_width(&t);
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws one line of text clipped to `area`'s first row; returns the columns drawn.
pub fn line(buf: &mut Buffer, area: Rect, s: &str, style: Style) -> u16 {
    let area = area.intersection(buf.area);
    if area.width == 0 || area.height == 0 {
        return 0;
    }
    draw_clipped(buf, area.x, area.y, area.width, s, 0, style)
}

/// Draws spans one after another on one row, clipped to `area`; returns the columns used.
pub fn spans(buf: &mut Buffer, area: Rect, parts: &[(&str, Style)]) -> u16 {
    let area = area.intersection(buf.area);
    let mut x = 0u16;
    for (s, style) in parts {
        if x >= area.width {
            break;
        }
        x += line(
            buf,
            Rect {
                x: area.x + x,
                width: area.width - x,
                ..area
            },
            s,
            *style,
        );
    }
    x
}

/// A wide character (CJK) just left of `area` would spill its second column over the box's
/// left border, and the terminal would draw it there: blank it, as it is half hidden anyway.
fn clear_cut_wide_chars(buf: &mut Buffer, area: Rect) {
    if area.x == 0 || area.x <= buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && str_width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Draws a box border with a title and returns the inner area.
pub fn frame_box(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    style: Style,
    title_style: Style,
) -> Rect {
    use ratatui::widgets::{Block, BorderType, Borders, Widget};
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        return Rect {
            width: 0,
            height: 0,
            ..area
        };
    }
    clear_cut_wide_chars(buf, area);
    // reset, not patched: a highlighted row behind must not show through
    ratatui::widgets::Clear.render(area, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(style)
        .render(area, buf);
    if !title.is_empty() && area.width > 4 {
        let t = format!(" {} ", truncate(title, area.width as usize - 4));
        line(
            buf,
            Rect {
                x: area.x + 2,
                y: area.y,
                width: area.width - 4,
                height: 1,
            },
            &t,
            title_style,
        );
    }
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width - 2,
        height: area.height - 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_over_wide_characters_keeps_its_left_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 3));
        buf.set_string(0, 1, "制造执行系统", Style::default());
        // the box starts at column 3: the second half of "造" (columns 2–3) is under it
        let inner = frame_box(
            &mut buf,
            Rect::new(3, 0, 6, 3),
            "",
            Style::default(),
            Style::default(),
        );
        assert_eq!(inner.x, 4);
        assert_eq!(
            buf[(2, 1)].symbol(),
            " ",
            "the cut wide character is blanked"
        );
        assert_eq!(buf[(3, 1)].symbol(), "│");
        assert_eq!(buf[(0, 1)].symbol(), "制", "characters wholly outside stay");
    }

    #[test]
    fn a_continued_line_keeps_its_mark_in_the_width() {
        assert_eq!(continued("then the", 20), "then the…");
        assert_eq!(continued("or hybrid), then the", 20), "or hybrid), then…");
        assert_eq!(
            continued("最后从性价比、可用性、", 22),
            "最后从性价比、可用性…"
        );
        for (s, w) in [("abcdefgh", 8), ("上云上云", 8), ("a b", 3)] {
            let c = continued(s, w);
            assert!(c.ends_with('…') && str_width(&c) <= w, "{c:?}");
        }
    }

    #[test]
    fn truncate_and_pad_count_columns() {
        assert_eq!(truncate("上云科技", 5), "上云…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(pad("云", 4), "云  ");
        assert_eq!(str_width(&pad("上云科技有限公司", 7)), 7);
    }

    #[test]
    fn centered_stays_inside() {
        let a = Rect::new(2, 3, 10, 5);
        let c = centered(a, 20, 2);
        assert_eq!(c, Rect::new(2, 4, 10, 2));
    }
}
