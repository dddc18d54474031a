//! Line breaking: the one rule every wrapped text of the wizard follows (form intros, help,
//! notices, the plan, table cells and the multi-line text field).
//!
//! A line may break after a space, and between two characters when one of them is wide (CJK
//! text breaks between any two characters), except that a closing mark (`，。、；：？！）」』”’》〉】…`
//! and the like) never starts a line and an opening mark (`（「『“‘《〈【`, and `§` before its
//! clause number) never ends one: the Chinese line-breaking rules (禁则). When the next piece
//! does not fit, the line breaks at the last opportunity, so a run like `）。` or `（§一` moves
//! to the next line together with the character it belongs to. Only a piece without any
//! opportunity that is longer than a line (a long word, a path) is broken where the line is
//! full.
//!
//! [`breaks`] returns each visual line as a byte range. Spaces where a line breaks hang at the
//! end of that line and do not count against its width: display wrapping ([`wrap`]) drops
//! them, the text area keeps them, so that every byte of its text belongs to exactly one line
//! (its caret and Up/Down maths depend on that).
//!
//! Crates checked (issue 12): `unicode-linebreak` (UAX #14) and `textwrap` on top of it find
//! break opportunities by Unicode class, and UAX #14 keeps most closing marks off a line start;
//! but the wizard needs byte ranges with hanging spaces for the text area's caret, `§` kept
//! with its clause number, and its own list of marks in both directions, which would be
//! re-applied over the crate's opportunities. The rule is one small pass, so it stays here
//! (a judgement from the crates' documentation, not a measured comparison).

use super::text::char_width;
use std::ops::Range;

/// Marks that must not begin a line.
pub fn is_closing(c: char) -> bool {
    "，。、；：？！）」』”’》〉】〕｝…—·,.;:?!)]}%".contains(c)
}

/// Marks that must not end a line: they go to the next line with what they open (`（§十二）`).
pub fn is_opening(c: char) -> bool {
    "（「『“‘《〈【〔｛(§[{".contains(c)
}

/// Whether a line may break between `before` and `after`.
pub fn can_break(before: char, after: char) -> bool {
    if after == ' ' || is_closing(after) || is_opening(before) {
        // spaces hang at the end of a line; closing marks stay with what they close
        return false;
    }
    before == ' ' || char_width(before) >= 2 || char_width(after) >= 2
}

/// The visual lines of `text`: the first line at most `first` columns wide, the others `rest`.
/// A newline ends a paragraph (it belongs to no line); an empty text or paragraph is one empty
/// line. Ranges within a paragraph are contiguous; spaces at a break hang at the line's end.
pub fn breaks(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut width = first.max(1);
    let mut para_start = 0usize;
    for para in text.split('\n') {
        let mut start = para_start;
        let mut col = 0usize;
        // the last place the line may break, with the columns before it
        let mut opp: Option<(usize, usize)> = None;
        // the character before this one: (byte index, char)
        let mut prev: Option<(usize, char)> = None;
        for (off, c) in para.char_indices() {
            let i = para_start + off;
            let cw = char_width(c);
            if i > start
                && let Some((_, p)) = prev
                && can_break(p, c)
            {
                opp = Some((i, col));
            }
            // a space never overflows: it hangs
            while c != ' ' && col > 0 && col + cw > width {
                let (at, at_col) = match (opp.take(), prev) {
                    (Some((at, at_col)), _) if at > start => (at, at_col),
                    // no opportunity: break where the line is full, one character earlier
                    // if that keeps a closing mark off the start or an opening one off the end
                    (_, Some((pi, p))) if pi > start && (is_closing(c) || is_opening(p)) => {
                        (pi, col - char_width(p))
                    }
                    _ => (i, col),
                };
                out.push(start..at);
                start = at;
                col -= at_col;
                width = rest.max(1);
            }
            col += cw;
            prev = Some((i, c));
        }
        out.push(start..para_start + para.len());
        width = rest.max(1);
        para_start += para.len() + 1;
    }
    out
}

/// Breaks text into lines at most `width` display columns wide (a wide character in a
/// one-column line still takes its line), following the rule above.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let w = width.max(1) as usize;
    breaks(text, w, w)
        .into_iter()
        .map(|r| text.get(r).unwrap_or("").trim_end_matches(' ').to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::text::str_width;

    fn starts_ok(l: &str) -> bool {
        !l.chars().next().is_some_and(is_closing)
    }

    fn ends_ok(l: &str) -> bool {
        !l.chars().next_back().is_some_and(is_opening)
    }

    #[test]
    fn cjk_breaks_anywhere_and_words_at_spaces() {
        assert_eq!(wrap("推动企业上云", 4), vec!["推动", "企业", "上云"]);
        assert_eq!(
            wrap("move to the cloud", 8),
            vec!["move to", "the", "cloud"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert_eq!(wrap("a\n\nb", 3), vec!["a", "", "b"]);
        // CJK next to Latin breaks between them
        assert_eq!(wrap("上云ERP系统", 6), vec!["上云", "ERP系", "统"]);
    }

    #[test]
    fn closing_marks_never_start_a_line() {
        // one closing mark takes the character before it along
        assert_eq!(wrap("上云方。好", 6), vec!["上云", "方。好"]);
        // two in a row: both stay with the character they close
        assert_eq!(
            wrap("企业规模）。企业规模", 10),
            vec!["企业规", "模）。企业", "规模"]
        );
        assert_eq!(wrap("按照规定：一", 8), vec!["按照规", "定：一"]);
        // the text area's case: a full stop at the wrap point
        let s = "停了整整两天。月底结账时";
        // (from 4 columns on: a line of one CJK character cannot hold a mark too)
        for w in 4..20 {
            for l in wrap(s, w) {
                assert!(starts_ok(&l), "{l:?} at {w}");
            }
        }
    }

    #[test]
    fn opening_marks_never_end_a_line() {
        assert_eq!(
            wrap("优先级 40（§十二）", 12),
            vec!["优先级 40", "（§十二）"]
        );
        // `（§一` moves as one piece
        let lines = wrap("实施指南（§一）的要求", 10);
        assert!(lines.iter().all(|l| ends_ok(l)), "{lines:?}");
        assert!(lines.iter().all(|l| starts_ok(l)), "{lines:?}");
        // a piece longer than a line is cut one character early rather than start with `)`
        assert_eq!(
            wrap("see (2018-2020) now", 10),
            vec!["see", "(2018-202", "0) now"]
        );
    }

    #[test]
    fn widths_never_exceed_the_limit_and_nothing_is_lost() {
        let samples = [
            "上云 cloud 迁移策略 strategy",
            "机房里 12 台服务器大多已用了 6 到 8 年，去年一块硬盘损坏让 ERP 停了整整两天。月底结账时",
            "（§一）（§二）：“上云”、‘云’《指南》【注】……",
            "Following MIIT's Guideline on Promoting Enterprises' Cloud Adoption (2018-2020)",
        ];
        for s in samples {
            for w in 1..40u16 {
                let lines = wrap(s, w);
                for l in &lines {
                    assert!(str_width(l) <= (w as usize).max(2), "{l:?} at {w}");
                }
                assert_eq!(
                    lines.concat().replace(' ', ""),
                    s.replace(' ', ""),
                    "at {w}"
                );
            }
        }
    }

    #[test]
    fn ranges_cover_every_byte_once() {
        let s = "一二 三四。五六\n\nab cd";
        for w in 1..12 {
            let rs = breaks(s, w, w);
            let mut next = 0;
            for r in &rs {
                if r.start != next {
                    assert_eq!(s.get(next..r.start), Some("\n"), "{rs:?}");
                }
                next = r.end;
            }
            assert_eq!(next, s.len());
        }
        // the first line may be narrower than the others (a bullet's hanging indent)
        assert_eq!(
            breaks("一二三四五六", 2, 4)
                .into_iter()
                .map(|r| &"一二三四五六"[r])
                .collect::<Vec<_>>(),
            vec!["一", "二三", "四五", "六"]
        );
    }
}
