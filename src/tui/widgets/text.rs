//! Text entry: a single-line field and a multi-line area, both CJK-aware.
//!
//! All cursor maths is in display columns (`unicode-width`: a CJK character is two columns), so
//! the caret lands where the terminal draws it. The widgets report where the caret is; the
//! screen puts the real terminal cursor there every frame, which is where Chinese input methods
//! open their candidate window. Scrolling is derived from the caret (no hidden state): a long
//! line scrolls horizontally so that the caret stays visible, a long text vertically.
//!
//! Longer than 700 lines: the editor, the two widgets and the cleaning of typed text, with a
//! third of the file their tests.
//!
//! Crates considered for the escape stripping (issue 12): `strip-ansi-escapes` (vte) removes
//! 7-bit sequences from bytes, and its writer could carry a sequence begun by one key over to
//! the next ([`Pending`] does that here); but 8-bit introducers arrive as the characters
//! U+0090–U+009F, and bidirectional and zero-width characters, tabs and newlines need their
//! own handling, so this pass would stay around the crate. The few lines of sequence skipping
//! therefore stay here (shared with the export's `escape::skip_string`); not measured against
//! the crate on real input.
//!
//! Over 700 lines: the line editor, display-width fitting and the skipping of escape sequences
//! are the one layer every field, prompt and dialog draws and edits text through.

use crate::tui::event::Action;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// Display width of one character (control characters count as zero).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Cleans text that arrives from a paste or a key: drops escape sequences and control
/// characters; tabs become a space; newlines are kept only when `multiline` (else a space).
/// Both forms of a sequence go whole: 7-bit (`ESC [ … final`, `ESC ] … BEL/ST`, …) and 8-bit,
/// whose introducer is one C1 character (CSI `U+009B`, OSC `U+009D`, DCS `U+0090`, SOS, PM,
/// APC), as the export's `escape::clean` removes them.
pub fn sanitize(raw: &str, multiline: bool) -> String {
    sanitize_after(raw, multiline, &mut Pending::None)
}

/// An escape sequence begun by earlier input and not finished yet: typed text arrives one
/// character at a time, so `U+009B 3 1 m` comes as four inputs, and the three after the
/// introducer must go too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pending {
    #[default]
    None,
    /// Inside the parameters of a CSI sequence (ended by its final byte).
    Csi,
}

/// [`sanitize`] continuing a sequence that earlier input began (`pending`), and noting in
/// `pending` one that this input leaves unfinished. Only CSI carries over: it ends within a
/// few characters, while an OSC/DCS string carried over would swallow everything typed after
/// a stray introducer; such a string ends with its input, as an unterminated 7-bit one does.
pub fn sanitize_after(raw: &str, multiline: bool, pending: &mut Pending) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    if std::mem::take(pending) == Pending::Csi {
        skip_csi(&mut chars, pending);
    }
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars, pending),
            '\u{9b}' => skip_csi(&mut chars, pending),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                crate::export::escape::skip_string(&mut chars)
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if multiline { '\n' } else { ' ' });
            }
            '\n' => out.push(if multiline { '\n' } else { ' ' }),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Bidirectional overrides and other invisible format characters would scramble the
            // layout of everything after them.
            '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'..='\u{200f}'
            | '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips the rest of a 7-bit escape sequence: CSI `ESC [`, a string (`ESC ]` OSC, `ESC P` DCS,
/// `ESC X` SOS, `ESC ^` PM, `ESC _` APC), or the one character of a short `ESC c` form.
fn skip_escape(chars: &mut Chars<'_>, pending: &mut Pending) {
    match chars.next() {
        Some('[') => skip_csi(chars, pending),
        Some(']' | 'P' | 'X' | '^' | '_') => crate::export::escape::skip_string(chars),
        _ => {}
    }
}

/// Skips a CSI sequence's parameters and intermediates and its final byte (`@`–`~`). Anything
/// else ends the sequence without being taken (it is handled as text). Running out of input
/// inside the sequence is noted in `pending`.
fn skip_csi(chars: &mut Chars<'_>, pending: &mut Pending) {
    loop {
        match chars.peek() {
            None => {
                *pending = Pending::Csi;
                return;
            }
            Some(&c) if ('\u{20}'..='\u{3f}').contains(&c) => {
                chars.next();
            }
            Some(&c) if ('\u{40}'..='\u{7e}').contains(&c) => {
                chars.next();
                return;
            }
            Some(_) => return,
        }
    }
}

/// What [`Editor::apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Not an editing action: the caller may use it.
    NotEditing,
    /// An editing action that left the text as it was (the caret moved, or Backspace at the
    /// start).
    Unchanged,
    /// The text changed.
    Changed,
}

/// Editing state shared by both widgets: the text and the caret (a byte index on a char boundary).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Editor {
    text: String,
    cursor: usize,
    /// An escape sequence that typed input began and has not finished ([`sanitize_after`]).
    pending: Pending,
}

impl Editor {
    pub fn new(text: impl Into<String>) -> Editor {
        let text = text.into();
        Editor {
            cursor: text.len(),
            text,
            pending: Pending::None,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret as a byte index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set_text(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = self.text.len();
    }

    /// Inserts already-sanitised text at the caret.
    pub fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text
            .get(..self.cursor)?
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        let c = self.text.get(self.cursor..)?.chars().next()?;
        Some(self.cursor + c.len_utf8())
    }

    pub fn backspace(&mut self) -> bool {
        match self.prev_boundary() {
            Some(i) => {
                self.text.replace_range(i..self.cursor, "");
                self.cursor = i;
                true
            }
            None => false,
        }
    }

    pub fn delete(&mut self) -> bool {
        match self.next_boundary() {
            Some(j) => {
                self.text.replace_range(self.cursor..j, "");
                true
            }
            None => false,
        }
    }

    pub fn left(&mut self) {
        if let Some(i) = self.prev_boundary() {
            self.cursor = i;
        }
    }

    pub fn right(&mut self) {
        if let Some(j) = self.next_boundary() {
            self.cursor = j;
        }
    }

    /// Start of the current line.
    pub fn home(&mut self) {
        self.cursor = self
            .text
            .get(..self.cursor)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
    }

    /// End of the current line.
    pub fn end(&mut self) {
        self.cursor = self
            .text
            .get(self.cursor..)
            .and_then(|s| s.find('\n'))
            .map_or(self.text.len(), |i| self.cursor + i);
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies an editing action: the one mapping from keys to editing for every text entry
    /// (answer fields, prompts, the filter line, the export file name). Up/Down and Enter are
    /// not editing: a text area moves between lines and breaks them itself.
    pub fn apply(&mut self, a: Action) -> Edit {
        let changed = match a {
            Action::Backspace => self.backspace(),
            Action::DeleteChar => self.delete(),
            Action::Clear => {
                self.clear();
                true
            }
            Action::Left => {
                self.left();
                false
            }
            Action::Right => {
                self.right();
                false
            }
            Action::Home => {
                self.home();
                false
            }
            Action::End => {
                self.end();
                false
            }
            _ => return Edit::NotEditing,
        };
        if changed {
            Edit::Changed
        } else {
            Edit::Unchanged
        }
    }

    pub fn set_cursor(&mut self, byte: usize) {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.cursor = b;
    }
}

/// Writes `s` into one row starting `skip` display columns into the text, clipped to `width`
/// columns. A wide character cut by either edge is drawn as a space. Returns columns drawn.
pub fn draw_clipped(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    s: &str,
    skip: usize,
    style: Style,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x >= area.right() {
        return 0;
    }
    let width = width.min(area.right() - x);
    let mut col = 0usize; // column in the text
    let mut drawn = 0u16;
    for c in s.chars() {
        let w = char_width(c);
        if w == 0 {
            continue;
        }
        let start = col;
        col += w;
        if col <= skip {
            continue;
        }
        if start < skip {
            // cut by the left edge: pad what is visible
            for _ in skip..col {
                if drawn >= width {
                    return drawn;
                }
                put(buf, x + drawn, y, " ", style);
                drawn += 1;
            }
            continue;
        }
        if drawn as usize + w > width as usize {
            // cut by the right edge
            while drawn < width {
                put(buf, x + drawn, y, " ", style);
                drawn += 1;
            }
            return drawn;
        }
        let mut tmp = [0u8; 4];
        put(buf, x + drawn, y, c.encode_utf8(&mut tmp), style);
        for k in 1..w as u16 {
            if let Some(cell) = buf.cell_mut(Position::new(x + drawn + k, y)) {
                cell.set_symbol("").set_style(style);
            }
        }
        drawn += w as u16;
    }
    drawn
}

/// Draws `s` into the first row of `area`, exactly filling its width: cut with `…` when it is
/// wider (as [`super::truncate`]), padded with blanks when narrower (as [`super::pad`]). The
/// same cells as `line(buf, area, &pad(s, w), style)`, without building a string: tables draw
/// hundreds of cells a frame.
pub fn fitted(buf: &mut Buffer, area: Rect, s: &str, style: Style) {
    let area = area.intersection(buf.area);
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let cut = str_width(s) > width;
    let room = if cut { width - 1 } else { width };
    let (x, y) = (area.x, area.y);
    let mut col = 0usize;
    let mut tmp = [0u8; 4];
    for c in s.chars() {
        let w = char_width(c);
        if w == 0 {
            continue;
        }
        if col + w > room {
            break;
        }
        put(buf, x + col as u16, y, c.encode_utf8(&mut tmp), style);
        for k in 1..w {
            if let Some(cell) = buf.cell_mut(Position::new(x + (col + k) as u16, y)) {
                cell.set_symbol("").set_style(style);
            }
        }
        col += w;
    }
    if cut {
        put(buf, x + col as u16, y, "…", style);
        col += 1;
    }
    for k in col..width {
        put(buf, x + k as u16, y, " ", style);
    }
}

fn put(buf: &mut Buffer, x: u16, y: u16, sym: &str, style: Style) {
    if let Some(cell) = buf.cell_mut(Position::new(x, y)) {
        cell.set_symbol(sym).set_style(style);
    }
}

/// Fills a rectangle (clipped to the buffer) with a style and blanks.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            put(buf, x, y, " ", style);
        }
    }
}

/// Inserts `s` whole when the text then has at most `max` characters; false (nothing
/// inserted) otherwise.
fn fits_then_insert(editor: &mut Editor, s: &str, max: usize) -> bool {
    if editor.text().chars().count() + s.chars().count() > max {
        return false;
    }
    editor.insert(s);
    true
}

/// A single-line text field. Newlines never get in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextField {
    pub editor: Editor,
}

impl TextField {
    pub fn new(text: impl Into<String>) -> TextField {
        TextField {
            editor: Editor::new(sanitize(&text.into(), false)),
        }
    }

    pub fn text(&self) -> &str {
        self.editor.text()
    }

    /// Inserts typed or pasted text (sanitised; newlines flattened to spaces).
    pub fn insert(&mut self, raw: &str) {
        let s = sanitize_after(raw, false, &mut self.editor.pending);
        self.editor.insert(&s);
    }

    /// Inserts typed or pasted text unless the field would then hold more than `max`
    /// characters: then nothing is inserted (never a cut-off part) and it says false.
    pub fn insert_within(&mut self, raw: &str, max: usize) -> bool {
        let s = sanitize_after(raw, false, &mut self.editor.pending);
        fits_then_insert(&mut self.editor, &s, max)
    }

    /// Display column of the caret.
    pub fn cursor_col(&self) -> usize {
        str_width(self.editor.text().get(..self.editor.cursor()).unwrap_or(""))
    }

    /// Columns scrolled off the left for a field `width` wide: the caret always stays visible.
    pub fn scroll(&self, width: u16) -> usize {
        let w = width as usize;
        if w == 0 {
            return 0;
        }
        self.cursor_col().saturating_sub(w - 1)
    }

    /// Draws the field and returns where the caret is (inside `area`) when `area` is not empty.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return None;
        }
        fill(buf, Rect { height: 1, ..area }, style);
        let skip = self.scroll(area.width);
        draw_clipped(
            buf,
            area.x,
            area.y,
            area.width,
            self.editor.text(),
            skip,
            style,
        );
        let x = area.x + (self.cursor_col() - skip).min(area.width as usize - 1) as u16;
        Some(Position::new(x, area.y))
    }
}

/// A multi-line text area with soft wrapping at the display width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextArea {
    pub editor: Editor,
}

/// One visual line: byte range of the text.
type VLine = (usize, usize);

impl TextArea {
    pub fn new(text: impl Into<String>) -> TextArea {
        TextArea {
            editor: Editor::new(sanitize(&text.into(), true)),
        }
    }

    pub fn text(&self) -> &str {
        self.editor.text()
    }

    pub fn insert(&mut self, raw: &str) {
        let s = sanitize_after(raw, true, &mut self.editor.pending);
        self.editor.insert(&s);
    }

    /// As [`TextField::insert_within`], keeping newlines.
    pub fn insert_within(&mut self, raw: &str, max: usize) -> bool {
        let s = sanitize_after(raw, true, &mut self.editor.pending);
        fits_then_insert(&mut self.editor, &s, max)
    }

    /// The text broken into visual lines `width` columns wide (at least one line), by the
    /// wizard's one line-breaking rule ([`super::linebreak`]): every byte but the newlines
    /// belongs to exactly one line; spaces at a break hang at the end of their line.
    pub fn lines(text: &str, width: u16) -> Vec<VLine> {
        let w = (width as usize).max(2);
        super::linebreak::breaks(text, w, w)
            .into_iter()
            .map(|r| (r.start, r.end))
            .collect()
    }

    /// (visual row, display column) of the caret at `width`.
    pub fn caret(&self, width: u16) -> (usize, usize) {
        let text = self.editor.text();
        let cur = self.editor.cursor();
        let lines = Self::lines(text, width);
        let mut row = 0;
        for (i, (s, e)) in lines.iter().enumerate() {
            if cur >= *s && cur <= *e {
                row = i;
                // a caret at the end of a full soft-wrapped line shows at the start of the next
                if cur == *e && i + 1 < lines.len() && lines[i + 1].0 == *e {
                    continue;
                }
                break;
            }
        }
        let (s, _) = lines.get(row).copied().unwrap_or((0, 0));
        (row, str_width(text.get(s..cur).unwrap_or("")))
    }

    /// The width the text wraps at when the area is drawn in `area` (one column is kept for
    /// the caret after the last character of a full line).
    pub fn wrap_width(area: Rect) -> u16 {
        area.width.saturating_sub(1).max(1)
    }

    /// Moves the caret one visual line up (`-1`) or down (`+1`) of the text wrapped at `width`
    /// ([`TextArea::wrap_width`]), keeping its column. Returns false at the first/last line.
    pub fn vertical(&mut self, delta: i32, width: u16) -> bool {
        let text = self.editor.text().to_owned();
        let lines = Self::lines(&text, width);
        let (row, col) = self.caret(width);
        let target = row as i64 + delta as i64;
        if target < 0 || target as usize >= lines.len() {
            return false;
        }
        let (s, e) = lines[target as usize];
        let mut byte = s;
        let mut c = 0usize;
        for (i, ch) in text.get(s..e).unwrap_or("").char_indices() {
            let w = char_width(ch);
            if c + w > col {
                break;
            }
            c += w;
            byte = s + i + ch.len_utf8();
        }
        self.editor.set_cursor(byte);
        true
    }

    /// Draws the visible lines; returns the caret position.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let width = TextArea::wrap_width(area);
        fill(buf, area, style);
        let text = self.editor.text();
        let lines = Self::lines(text, width);
        let (row, col) = self.caret(width);
        let top = row.saturating_sub(area.height as usize - 1);
        for (i, (s, e)) in lines
            .iter()
            .skip(top)
            .take(area.height as usize)
            .enumerate()
        {
            draw_clipped(
                buf,
                area.x,
                area.y + i as u16,
                width,
                text.get(*s..*e).unwrap_or(""),
                0,
                style,
            );
        }
        let x = area.x + (col.min(area.width as usize - 1)) as u16;
        Some(Position::new(x, area.y + (row - top) as u16))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `fitted` draws the very cells that drawing the padded, truncated string did, for any
        /// text (CJK, emoji, combining marks) in any width, over a dirty buffer.
        #[test]
        fn fitted_draws_what_pad_and_line_drew(
            s in "[a-z 云上企业…é\u{301}😀]{0,16}",
            width in 0u16..14,
        ) {
            let area = Rect::new(1, 0, width, 1);
            let mut dirty = Buffer::empty(Rect::new(0, 0, 16, 1));
            for x in 0..16 {
                put(&mut dirty, x, 0, "#", Style::default());
            }
            let mut want = dirty.clone();
            super::super::line(&mut want, area, &super::super::pad(&s, width as usize), Style::default());
            let mut got = dirty;
            fitted(&mut got, area, &s, Style::default());
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn sanitize_strips_escapes_and_controls() {
        assert_eq!(sanitize("a\x1b[31mred\x1b[0m b", false), "ared b");
        assert_eq!(sanitize("x\x1b]0;title\x07y", false), "xy");
        assert_eq!(sanitize("one\r\ntwo\nthree", false), "one two three");
        assert_eq!(sanitize("one\r\ntwo", true), "one\ntwo");
        assert_eq!(sanitize("a\tb\x00\x08c", false), "a bc");
        assert_eq!(sanitize("\u{202e}abc", false), "abc");
    }

    #[test]
    fn eight_bit_sequences_go_whole_like_seven_bit_ones() {
        for (seven, eight) in [
            ("a\x1b[31mred", "a\u{9b}31mred"),
            ("x\x1b]0;title\x07y", "x\u{9d}0;title\u{9c}y"),
            ("x\x1bPq#0\x1b\\y", "x\u{90}q#0\u{9c}y"),
            ("x\x1b_apc\x07y", "x\u{9f}apc\x07y"),
        ] {
            assert_eq!(sanitize(seven, false), sanitize(eight, false), "{eight:?}");
        }
        assert_eq!(sanitize("a\u{9b}31mred", false), "ared");
        // A CSI ends at its final byte; what cannot be part of it is text again.
        assert_eq!(sanitize("\u{9b}1;2H云", false), "云");
        assert_eq!(sanitize("\u{9b}1云", false), "云");
        assert_eq!(sanitize("\x1b[1云", false), "云");
    }

    #[test]
    fn a_sequence_typed_one_character_at_a_time_goes_whole() {
        for intro in ["\u{9b}", "\x1b["] {
            let mut f = TextField::new("");
            for c in [intro, "3", "1", "m", "o", "k"] {
                f.insert(c);
            }
            assert_eq!(f.text(), "ok", "{intro:?}");
        }
        let mut a = TextArea::new("");
        for c in ["\u{9b}", "2", "J", "x"] {
            a.insert(c);
        }
        assert_eq!(a.text(), "x");
    }

    #[test]
    fn editor_moves_by_characters_not_bytes() {
        let mut e = Editor::new("云上ab");
        e.left();
        e.left();
        e.left();
        assert_eq!(e.cursor(), "云".len());
        e.backspace();
        assert_eq!(e.text(), "上ab");
        e.delete();
        assert_eq!(e.text(), "ab");
        e.home();
        assert!(!e.backspace());
        e.end();
        assert!(!e.delete());
    }

    #[test]
    fn field_caret_counts_display_columns() {
        let f = TextField::new("企业a");
        assert_eq!(f.cursor_col(), 5);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let pos = f.render(Rect::new(2, 0, 8, 1), &mut buf, Style::default());
        assert_eq!(pos, Some(Position::new(7, 0)));
        assert_eq!(buf[(2, 0)].symbol(), "企");
        assert_eq!(buf[(4, 0)].symbol(), "业");
        assert_eq!(buf[(6, 0)].symbol(), "a");
    }

    #[test]
    fn long_field_scrolls_to_keep_caret_visible() {
        let f = TextField::new("一二三四五六");
        // 12 columns of text in a 5-column field: caret at column 12 → 8 columns scrolled off
        assert_eq!(f.scroll(5), 8);
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let pos = f.render(buf.area, &mut buf, Style::default());
        assert_eq!(pos, Some(Position::new(4, 0)));
        assert_eq!(buf[(0, 0)].symbol(), "五");
        assert_eq!(buf[(2, 0)].symbol(), "六");
    }

    #[test]
    fn wide_char_cut_by_the_right_edge_becomes_a_space() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        let n = draw_clipped(&mut buf, 0, 0, 3, "云上", 0, Style::default());
        assert_eq!(n, 3);
        assert_eq!(buf[(0, 0)].symbol(), "云");
        assert_eq!(buf[(2, 0)].symbol(), " ");
        // and by the left edge
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        draw_clipped(&mut buf, 0, 0, 3, "云上", 1, Style::default());
        assert_eq!(buf[(0, 0)].symbol(), " ");
        assert_eq!(buf[(1, 0)].symbol(), "上");
    }

    #[test]
    fn tiny_and_empty_areas_do_not_panic() {
        let f = TextField::new("上云上云");
        let a = TextArea::new("上云\n上云上云上云");
        for (w, h) in [(0, 0), (1, 1), (1, 0), (0, 1), (2, 1), (3, 2)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            let _ = f.render(buf.area, &mut buf, Style::default());
            let _ = a.render(buf.area, &mut buf, Style::default());
            // areas outside the buffer are clipped
            let _ = f.render(Rect::new(5, 5, 10, 1), &mut buf, Style::default());
        }
    }

    #[test]
    fn text_area_wraps_by_width_and_moves_between_lines() {
        let mut a = TextArea::new("一二三四五\nab");
        assert_eq!(
            TextArea::lines(a.text(), 4),
            vec![(0, 6), (6, 12), (12, 15), (16, 18)]
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 4));
        let pos = a.render(buf.area, &mut buf, Style::default());
        assert_eq!(pos, Some(Position::new(2, 3)));
        assert!(a.vertical(-1, 4));
        assert_eq!(a.caret(4), (2, 2));
        assert_eq!(a.editor.cursor(), 15);
        a.insert("x\r\ny");
        assert_eq!(a.text(), "一二三四五x\ny\nab");
        a.editor.home();
        assert_eq!(a.editor.cursor(), "一二三四五x\n".len());
    }

    #[test]
    fn text_area_keeps_closing_marks_off_the_line_start_and_the_caret_exact() {
        // "整整两天" fills 8 columns; "。" may not start the next line, so "天" goes with it
        let mut a = TextArea::new("整整两天。月底结账");
        let lines = TextArea::lines(a.text(), 8);
        let shown: Vec<&str> = lines.iter().map(|(s, e)| &a.text()[*s..*e]).collect();
        assert_eq!(shown, vec!["整整两", "天。月底", "结账"]);
        // the caret after "天" is on the second line, one character in
        a.editor.set_cursor("整整两天".len());
        assert_eq!(a.caret(8), (1, 2));
        // drawn at 9 columns (8 + one for the caret): the terminal cursor is right after "天"
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 3));
        let pos = a.render(buf.area, &mut buf, Style::default());
        assert_eq!(pos, Some(Position::new(2, 1)));
        assert_eq!(buf[(0, 1)].symbol(), "天");
        assert_eq!(buf[(2, 1)].symbol(), "。");
        // up keeps the column: after "整"
        assert!(a.vertical(-1, 8));
        assert_eq!(a.editor.cursor(), "整".len());
        assert_eq!(a.caret(8), (0, 2));
        // down twice reaches the last line; its end is the end of the text
        assert!(a.vertical(1, 8));
        assert!(a.vertical(1, 8));
        assert_eq!(a.caret(8).0, 2);
        a.editor.end();
        assert_eq!(a.caret(8), (2, 4));
        // a word wraps whole, and the space it broke at hangs on the first line
        let b = TextArea::new("cloud adoption");
        assert_eq!(TextArea::lines(b.text(), 8), vec![(0, 6), (6, 14)]);
        assert_eq!(b.caret(8), (1, 8));
    }

    #[test]
    fn caret_at_the_end_of_a_full_line_shows_on_the_next() {
        let mut a = TextArea::new("一二三");
        a.editor.set_cursor(6);
        assert_eq!(a.caret(4), (1, 0));
    }
}
