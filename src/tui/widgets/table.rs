//! A virtualised table: only the visible rows are asked for their cells, so 2,000 rows cost
//! what 20 do. The first column (the name) stays pinned while the others scroll sideways.

use super::text::fitted;
use super::{follow, line};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Selection and scroll of a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableState {
    pub selected: usize,
    /// First scrollable column shown (column 0 is pinned).
    pub col_offset: usize,
    /// First row shown, kept so that scrolling is steady; moved by [`TableState::follow`]
    /// when the selection moves, never while drawing.
    offset: usize,
}

impl TableState {
    pub fn select(&mut self, row: usize) {
        self.selected = row;
    }

    /// Keeps the selection inside `rows` rows.
    pub fn clamp(&mut self, rows: usize) {
        self.selected = self.selected.min(rows.saturating_sub(1));
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The first visible row for a viewport of `height` rows, keeping the selection in view.
    fn scroll(&self, rows: usize, height: usize) -> usize {
        let height = height.max(1);
        let selected = self.selected.min(rows.saturating_sub(1));
        follow(self.offset, selected, height).min(rows.saturating_sub(height))
    }

    /// Scrolls so that the selection is in view in a table of `rows` rows showing `height`
    /// ([`body_rows`]).
    pub fn follow(&mut self, rows: usize, height: usize) {
        self.offset = self.scroll(rows, height);
    }
}

/// How many rows a table drawn in `area` shows: all but the header, and but the line that says
/// where the selection is when not all `rows` fit.
pub fn body_rows(area: Rect, rows: usize) -> usize {
    let h = area.height.saturating_sub(1) as usize;
    if rows > h && h >= 2 && area.width >= 12 {
        h - 1
    } else {
        h
    }
}

/// A column: its header and width in display columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: u16,
}

/// Draws the header and the visible rows. `cell(row, col)` is called only for visible cells.
/// When every column fits with room to spare (a wide terminal), the columns whose header or
/// visible cells are cut grow into that room, so nothing is cut that need not be.
#[allow(clippy::too_many_arguments)]
pub fn render<F>(
    buf: &mut Buffer,
    area: Rect,
    theme: &Theme,
    columns: &[Column],
    rows: usize,
    state: &TableState,
    focused: bool,
    empty: &str,
    mut cell: F,
) where
    F: FnMut(usize, usize) -> (String, Style),
{
    let area = area.intersection(buf.area);
    if area.width == 0 || area.height == 0 || columns.is_empty() {
        return;
    }
    // which columns fit: the pinned one, then from col_offset on; the last two columns are
    // kept for the ◀▶ arrows, so that they never cover a header
    let gap = 1u16;
    let room = area.width.saturating_sub(2);
    let mut shown: Vec<usize> = vec![0];
    let mut used = columns[0].width.min(area.width);
    let first = 1 + state.col_offset.min(columns.len().saturating_sub(1));
    let mut last_shown = 0;
    for (i, c) in columns.iter().enumerate().skip(first) {
        if used + gap + c.width > room {
            break;
        }
        used += gap + c.width;
        shown.push(i);
        last_shown = i;
    }
    let more_left = first > 1;
    let more_right = last_shown + 1 < columns.len() && columns.len() > 1;
    let mut widths: Vec<u16> = shown.iter().map(|&i| columns[i].width).collect();
    // the rows: the body below the header; when not all rows fit, the last line says where the
    // selection is (`3/10`)
    let mut body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let shown_rows = body_rows(area, rows) as u16;
    let position = shown_rows < body.height;
    body.height = shown_rows;
    let off = if rows > 0 && body.height > 0 {
        state.scroll(rows, body.height as usize)
    } else {
        0
    };
    let cells: Vec<Vec<(String, Style)>> = (off..rows)
        .take(body.height as usize)
        .map(|r| shown.iter().map(|&i| cell(r, i)).collect())
        .collect();
    if !more_left && !more_right {
        grow(
            &mut widths,
            &shown,
            columns,
            &cells,
            room.saturating_sub(used),
        );
        used = widths.iter().sum::<u16>() + gap * (widths.len() as u16).saturating_sub(1);
    }
    // header
    let mut x = area.x;
    for (k, &i) in shown.iter().enumerate() {
        let w = widths[k].min(area.right().saturating_sub(x));
        fitted(
            buf,
            Rect {
                x,
                y: area.y,
                width: w,
                height: 1,
            },
            &columns[i].title,
            theme.header,
        );
        x = x.saturating_add(w + gap);
    }
    let arrows = match (more_left, more_right) {
        (true, true) => "◀▶",
        (true, false) => "◀ ",
        (false, true) => " ▶",
        (false, false) => "",
    };
    if !arrows.is_empty() && area.width >= 2 {
        line(
            buf,
            Rect {
                x: area.right() - 2,
                y: area.y,
                width: 2,
                height: 1,
            },
            arrows,
            theme.dim,
        );
    }
    if body.height == 0 {
        return;
    }
    if rows == 0 {
        line(buf, body, empty, theme.dim);
        return;
    }
    if position {
        let hint = format!(" {}/{} ", state.selected.min(rows - 1) + 1, rows);
        let w = super::text::str_width(&hint) as u16;
        line(
            buf,
            Rect {
                x: area.right().saturating_sub(w),
                y: body.bottom(),
                width: w,
                height: 1,
            },
            &hint,
            theme.dim,
        );
    }
    for (k, (row, row_cells)) in (off..rows).zip(cells).enumerate() {
        let y = body.y + k as u16;
        let is_sel = row == state.selected;
        let row_style = match (is_sel, focused) {
            (true, true) => Some(theme.selected),
            (true, false) => Some(theme.selected_idle),
            _ => None,
        };
        if let Some(s) = row_style {
            super::text::fill(
                buf,
                Rect {
                    x: area.x,
                    y,
                    width: used.min(area.width),
                    height: 1,
                },
                s,
            );
        }
        let mut x = area.x;
        for (j, (s, st)) in row_cells.into_iter().enumerate() {
            let w = widths
                .get(j)
                .copied()
                .unwrap_or(0)
                .min(area.right().saturating_sub(x));
            let st = row_style.unwrap_or(st);
            fitted(
                buf,
                Rect {
                    x,
                    y,
                    width: w,
                    height: 1,
                },
                &s,
                st,
            );
            x = x.saturating_add(w + gap);
        }
    }
}

/// Gives `spare` columns to the columns whose header or visible cells are cut, in order, each
/// up to what it needs.
fn grow(
    widths: &mut [u16],
    shown: &[usize],
    columns: &[Column],
    cells: &[Vec<(String, Style)>],
    mut spare: u16,
) {
    for (k, &i) in shown.iter().enumerate() {
        if spare == 0 {
            break;
        }
        let need = cells
            .iter()
            .filter_map(|r| r.get(k))
            .map(|(s, _)| super::text::str_width(s))
            .chain(columns.get(i).map(|c| super::text::str_width(&c.title)))
            .max()
            .unwrap_or(0)
            .min(u16::MAX as usize) as u16;
        if let Some(w) = widths.get_mut(k)
            && need > *w
        {
            let more = (need - *w).min(spare);
            *w += more;
            spare -= more;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<Column> {
        vec![
            Column {
                title: "名称".into(),
                width: 10,
            },
            Column {
                title: "A".into(),
                width: 6,
            },
            Column {
                title: "B".into(),
                width: 6,
            },
            Column {
                title: "C".into(),
                width: 6,
            },
        ]
    }

    #[test]
    fn only_visible_rows_are_asked_for() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 6));
        let mut st = TableState::default();
        st.select(1500);
        let mut asked = Vec::new();
        let area = buf.area;
        st.follow(2000, body_rows(area, 2000));
        render(
            &mut buf,
            area,
            &Theme::mono(),
            &cols(),
            2000,
            &st,
            true,
            "",
            |r, c| {
                asked.push(r);
                (format!("{r}-{c}"), Style::default())
            },
        );
        asked.dedup();
        // 6 rows: the header, four rows, and where the selection is
        assert_eq!(asked, (1497..=1500).collect::<Vec<_>>());
        assert_eq!(st.offset(), 1497);
        let last: String = (0..40).map(|x| buf[(x, 5)].symbol().to_owned()).collect();
        assert_eq!(
            last.trim(),
            "1501/2000",
            "the position has a line of its own"
        );
        // moving up inside the view does not scroll
        st.select(1498);
        let area = buf.area;
        st.follow(2000, body_rows(area, 2000));
        render(
            &mut buf,
            area,
            &Theme::mono(),
            &cols(),
            2000,
            &st,
            true,
            "",
            |_, _| (String::new(), Style::default()),
        );
        assert_eq!(st.offset(), 1497);
    }

    #[test]
    fn pinned_name_and_scrolled_columns() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 26, 3));
        let st = TableState {
            col_offset: 1,
            ..TableState::default()
        };
        let area = buf.area;
        render(
            &mut buf,
            area,
            &Theme::mono(),
            &cols(),
            1,
            &st,
            true,
            "",
            |_, c| (format!("c{c}"), Style::default()),
        );
        let header: String = (0..26).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(header.starts_with("名称"), "{header}");
        assert!(header.contains('B') && !header.contains('A'), "{header}");
        assert!(header.contains('◀'));
    }

    #[test]
    fn the_arrows_never_cover_a_header() {
        // 10 + 1 + 6 + 1 + 6 = 24 columns: at 25 the arrows would sit on "B"'s last column
        let cols: Vec<Column> = ["名称", "AAAAAA", "BBBBBB", "CCCCCC"]
            .iter()
            .enumerate()
            .map(|(i, t)| Column {
                title: (*t).into(),
                width: if i == 0 { 10 } else { 6 },
            })
            .collect();
        for w in 20..30 {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, 3));
            let area = buf.area;
            render(
                &mut buf,
                area,
                &Theme::mono(),
                &cols,
                1,
                &TableState::default(),
                true,
                "",
                |_, _| (String::new(), Style::default()),
            );
            let header: String = (0..w).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
            for t in ["AAAAAA", "BBBBBB"] {
                assert!(
                    header.contains(t) || !header.contains(&t[..1]),
                    "{t} cut at {w}: {header:?}"
                );
            }
        }
    }

    #[test]
    fn spare_room_goes_to_the_cut_columns() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 3));
        let area = buf.area;
        render(
            &mut buf,
            area,
            &Theme::mono(),
            &cols(),
            1,
            &TableState::default(),
            true,
            "",
            |_, c| match c {
                1 => ("有明显的峰谷".into(), Style::default()),
                _ => ("x".into(), Style::default()),
            },
        );
        let row: String = (0..60).map(|x| buf[(x, 1)].symbol().to_owned()).collect();
        assert!(row.contains("有明显的峰谷"), "{row:?}");
        // and the columns after it moved along: B's header is still whole
        let header: String = (0..60).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(header.contains('B') && header.contains('C'), "{header:?}");
    }

    #[test]
    fn any_size_is_safe() {
        for (w, h) in [(0, 0), (1, 1), (3, 1), (5, 2), (80, 24)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            let st = TableState {
                selected: 7,
                ..TableState::default()
            };
            let area = buf.area;
            render(
                &mut buf,
                area,
                &Theme::colour(),
                &cols(),
                3,
                &st,
                false,
                "空",
                |_, _| ("上云上云上云上云".into(), Style::default()),
            );
            let area = buf.area;
            render(
                &mut buf,
                area,
                &Theme::colour(),
                &cols(),
                0,
                &st,
                false,
                "空",
                |_, _| (String::new(), Style::default()),
            );
        }
    }
}
