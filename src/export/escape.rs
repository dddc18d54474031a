//! Escaping user text so that it cannot break the exported document.
//!
//! Names and free text come straight from the user (or a hand-edited save file) and may hold
//! anything: Markdown syntax, HTML, table pipes, newlines, backticks, terminal escape
//! sequences. The rules:
//! - [`clean`] first: terminal escape sequences and control characters are removed, tabs become
//!   spaces, `\r\n` and `\r` become `\n`.
//! - [`text`] escapes every character that has inline meaning anywhere in a line (`\` `` ` ``
//!   `*` `_` `[` `]` `<` `>` `|` `~` `#` `&`) and the ones that start a block at the beginning of
//!   a line (`-` `+` `=` and the `.`/`)` of `1.`-style list markers). Each line is trimmed, since
//!   leading spaces could start an indented code block. Newlines become a hard break
//!   ([`Flow::Block`]), a space ([`Flow::Inline`]) or `<br>` ([`Flow::Cell`]).
//! - [`code_span`] wraps text in enough backticks; [`fence`] picks a code fence the text cannot
//!   close; [`mermaid`] replaces the characters that have meaning in Mermaid.
//!
//! Names and reasons are escaped by the thousand in a large export, so the common case — text
//! with nothing to clean or escape — is copied in one piece, without a scratch copy.

use std::borrow::Cow;

/// Where escaped text goes, which decides what a newline becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// A paragraph: newlines are hard line breaks; blank lines are dropped (they would end it).
    Block,
    /// A heading or a list item: newlines become spaces.
    Inline,
    /// A table cell: newlines become `<br>`.
    Cell,
}

/// Removes terminal escape sequences (CSI, OSC, DCS, …) and control characters; keeps `\n`,
/// turns `\t` into a space and `\r\n` / `\r` into `\n`.
pub fn clean(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// Whether `s` holds a control character other than `\n` (C0, DEL or C1): only then does
/// [`clean`] change anything. A byte scan: C0 and DEL are single bytes, C1 (U+0080–U+009F) is
/// `C2 80`–`C2 9F` in UTF-8 (`C2` alone also starts `§` and other Latin-1 signs).
fn needs_cleaning(s: &str) -> bool {
    let b = s.as_bytes();
    let ctrl = |c: u8| ((c < 0x20) & (c != b'\n')) | (c == 0x7f);
    // One pass over byte pairs without an early exit, which the compiler turns into vector
    // compares: C0 (but `\n`) or DEL, or `C2` followed by `80`–`9F`; the last byte alone.
    let next = b.get(1..).unwrap_or(&[]);
    let pairs = b.iter().zip(next).fold(0u8, |acc, (&c, &n)| {
        acc | u8::from(ctrl(c) | ((c == 0xc2) & (n.wrapping_sub(0x80) < 0x20)))
    });
    pairs != 0 || b.last().is_some_and(|&c| ctrl(c))
}

/// [`clean`] without a copy when there is nothing to remove (the usual case).
pub fn clean_cow(s: &str) -> Cow<'_, str> {
    if !needs_cleaning(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(clean_slow(s))
}

fn clean_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{1b}' => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(n) if (' '..='~').contains(&n) => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips the parameters and the final byte of a CSI sequence.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Not a CSI parameter: the sequence is malformed; stop here (c is dropped).
            break;
        }
    }
}

/// Skips an OSC/DCS/… string up to BEL or ST (`ESC \` or U+009C). The wizard's text fields
/// use it too (`tui::widgets::text::sanitize`).
pub(crate) fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Characters escaped wherever they appear.
fn always_escaped(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&'
    )
}

/// Escapes one line (no newline inside) that will start a line of Markdown.
fn escape_line(line: &str, out: &mut String) {
    let line = line.trim();
    // Block markers that matter only at the start of a line.
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    let ends_marker = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let only = |c: char| line.chars().all(|x| x == c || x.is_whitespace());
    match first {
        // `- item`, `+ item`, `---` (thematic break, setext underline), `===` (setext).
        Some('-' | '+') if ends_marker(second) => out.push('\\'),
        Some('-') if only('-') => out.push('\\'),
        Some('=') if only('=') => out.push('\\'),
        Some(d) if d.is_ascii_digit() => {
            // `1. item` / `1) item`: escape the delimiter after the digits.
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let mut rest = line[digits..].chars();
            if let Some(delim @ ('.' | ')')) = rest.next()
                && ends_marker(rest.next())
            {
                out.push_str(&line[..digits]);
                out.push('\\');
                out.push(delim);
                escape_rest(&line[digits + 1..], out);
                return;
            }
        }
        _ => {}
    }
    escape_rest(line, out);
}

fn escape_rest(s: &str, out: &mut String) {
    // Every escaped character is ASCII, so the text between two of them is copied whole. Blocks
    // of 32 bytes are first tested, without an early exit (vector compares), for a byte in the
    // few ranges that hold every escaped character; only such a block is looked at byte by byte.
    const BLOCK: usize = 32;
    let maybe = |c: u8| {
        (c.wrapping_sub(0x23) < 4) // # $ % &
            | (c == 0x2a) // *
            | (c.wrapping_sub(0x3c) < 3) // < = >
            | (c.wrapping_sub(0x5b) < 6) // [ \ ] ^ _ `
            | (c.wrapping_sub(0x7c) < 3) // | } ~
    };
    let mut start = 0;
    for (k, block) in s.as_bytes().chunks(BLOCK).enumerate() {
        if block.iter().fold(0u8, |acc, &c| acc | u8::from(maybe(c))) == 0 {
            continue;
        }
        for (j, &b) in block.iter().enumerate() {
            if b.is_ascii() && always_escaped(char::from(b)) {
                let i = k * BLOCK + j;
                out.push_str(&s[start..i]);
                out.push('\\');
                start = i;
            }
        }
    }
    out.push_str(&s[start..]);
}

/// Escapes user text for Markdown; see the module docs.
pub fn text(s: &str, flow: Flow) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    text_into(s, flow, &mut out);
    out
}

/// [`text`], appended to `out`.
pub fn text_into(s: &str, flow: Flow, out: &mut String) {
    cleaned_text_into(&clean_cow(s), flow, out);
}

/// [`text_into`] for text already [`clean`]ed.
pub(crate) fn cleaned_text_into(cleaned: &str, flow: Flow, out: &mut String) {
    // One line (nearly always): no separators to write.
    if !cleaned.contains('\n') {
        let line = cleaned.trim();
        if !line.is_empty() {
            escape_line(line, out);
        }
        return;
    }
    let lines = cleaned.split('\n').map(str::trim).filter(|l| !l.is_empty());
    for (i, l) in lines.enumerate() {
        if i > 0 {
            match flow {
                Flow::Block => out.push_str("\\\n"),
                Flow::Inline => out.push(' '),
                Flow::Cell => out.push_str("<br>"),
            }
        }
        escape_line(l, out);
    }
}

/// Text that is not user text but still passes through escaping; same as [`text`] inline.
pub fn inline(s: &str) -> String {
    text(s, Flow::Inline)
}

/// A code span holding `s` verbatim (newlines become spaces). In a table cell, `|` is escaped
/// as GFM requires. Empty text gives an empty string.
pub fn code_span(s: &str, in_table: bool) -> String {
    let cleaned: String = clean_cow(s)
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return String::new();
    }
    let ticks = "`".repeat(longest_run(cleaned, '`') + 1);
    let body = if in_table {
        cleaned.replace('|', "\\|")
    } else {
        cleaned.to_owned()
    };
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{body}{pad}{ticks}")
}

/// A fence of backticks that `text` cannot close: at least three, longer than any run in it.
pub fn fence(text: &str) -> String {
    "`".repeat((longest_run(text, '`') + 1).max(3))
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Makes a name safe inside a Mermaid label or task name: one line, without the characters
/// Mermaid reads as syntax (quotes, `:`, `#`, `;`, `%`, brackets, pipes, backticks, `<`/`>`),
/// each replaced by a look-alike so the name stays readable.
pub fn mermaid(s: &str) -> String {
    let cleaned = clean_cow(s);
    let mapped: String = cleaned
        .chars()
        .map(|c| match c {
            '\n' => ' ',
            '"' | '`' => '\'',
            ':' => '：',
            '#' => '＃',
            ';' => '；',
            '%' => '％',
            '&' => '＆',
            '<' => '‹',
            '>' => '›',
            '[' | '{' => '(',
            ']' | '}' => ')',
            '|' | '\\' => '/',
            c => c,
        })
        .collect();
    let collapsed = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        "-".to_owned()
    } else {
        collapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi_sequences_and_controls_are_stripped() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(clean("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(
            clean("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "alink"
        );
        assert_eq!(clean("a\u{0}b\u{7}c\u{9b}2Jd"), "abcd");
        assert_eq!(clean("x\r\ny\rz\tw"), "x\ny\nz w");
        assert_eq!(clean("trailing\u{1b}"), "trailing");
        assert_eq!(clean("\u{1b}[1;"), "");
    }

    proptest::proptest! {
        /// The fast paths give what the plain loops give, on any text.
        #[test]
        fn fast_paths_agree_with_the_plain_loops(s in "(?s).{0,40}", raw in proptest::prelude::any::<String>()) {
            for s in [s.as_str(), raw.as_str()] {
                proptest::prop_assert_eq!(clean_cow(s), clean_slow(s));
                let mut fast = String::new();
                escape_rest(s, &mut fast);
                let mut slow = String::new();
                for c in s.chars() {
                    if always_escaped(c) {
                        slow.push('\\');
                    }
                    slow.push(c);
                }
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    proptest::proptest! {
        /// The block scan says what a byte-by-byte scan says, wherever the control sits.
        #[test]
        fn the_block_scan_agrees_with_a_byte_scan(
            s in "(?s)[a-z§\u{80}-\u{9f}\u{a0}\n\t\u{7f}\u{1b}é中]{0,100}"
        ) {
            let b = s.as_bytes();
            let slow = b.iter().enumerate().any(|(i, &c)| {
                (c < 0x20 && c != b'\n')
                    || c == 0x7f
                    || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
            });
            proptest::prop_assert_eq!(needs_cleaning(&s), slow);
        }
    }

    #[test]
    fn clean_copies_nothing_when_there_is_nothing_to_remove() {
        for s in ["", "ERP 企业资源计划", "a\nb", "éàü — §十四 ★"] {
            assert!(matches!(clean_cow(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(clean(s), s);
        }
        for s in [
            "a\tb",
            "a\rb",
            "a\u{1b}[1mb",
            "a\u{7f}b",
            "a\u{85}b",
            "a\u{9b}2Jb",
            "\u{0}",
        ] {
            assert!(matches!(clean_cow(s), Cow::Owned(_)), "{s:?}");
        }
        // U+00A0..U+00FF also start with C2/C3 but are not controls
        assert!(matches!(clean_cow("\u{a0}\u{bf}"), Cow::Borrowed(_)));
    }

    #[test]
    fn inline_syntax_is_escaped() {
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("[x](y)"), "\\[x\\](y)");
        assert_eq!(inline("`code`"), "\\`code\\`");
        assert_eq!(inline("a\\b"), "a\\\\b");
        assert_eq!(inline("~~s~~"), "\\~\\~s\\~\\~");
        assert_eq!(inline("AT&amp;T"), "AT\\&amp;T");
        assert_eq!(inline("C# 与 F#"), "C\\# 与 F\\#");
    }

    #[test]
    fn block_markers_at_line_start_are_escaped() {
        assert_eq!(inline("# h"), "\\# h");
        assert_eq!(inline("> q"), "\\> q");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("* item"), "\\* item");
        assert_eq!(inline("1. one"), "1\\. one");
        assert_eq!(inline("12) twelve"), "12\\) twelve");
        assert_eq!(inline("2024 plan"), "2024 plan");
        assert_eq!(inline("a-b 1.5"), "a-b 1.5");
        assert_eq!(inline("9.6 个月"), "9.6 个月");
        assert_eq!(inline("-5%"), "-5%");
        assert_eq!(inline("---"), "\\---");
        assert_eq!(inline("==="), "\\===");
        assert_eq!(inline("==x"), "==x");
        assert_eq!(inline("-"), "\\-");
        assert_eq!(inline("3."), "3\\.");
        assert_eq!(inline("    indented"), "indented");
    }

    #[test]
    fn newlines_follow_the_flow() {
        assert_eq!(text("a\n- b", Flow::Inline), "a \\- b");
        assert_eq!(text("a\n- b", Flow::Cell), "a<br>\\- b");
        assert_eq!(text("a\n\n---\n", Flow::Block), "a\\\n\\---");
        assert_eq!(text("a\\\nb", Flow::Block), "a\\\\\\\nb");
    }

    #[test]
    fn code_spans_and_fences_cannot_be_closed_by_the_text() {
        assert_eq!(code_span("a`b", false), "``a`b``");
        assert_eq!(code_span("`x`", false), "`` `x` ``");
        assert_eq!(code_span("a|b", true), "`a\\|b`");
        assert_eq!(code_span("  ", false), "");
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("x ```` y"), "`````");
    }

    #[test]
    fn mermaid_names_lose_their_syntax() {
        assert_eq!(mermaid("ERP: \"core\"; #1"), "ERP： 'core'； ＃1");
        assert_eq!(mermaid("a\n```\nb"), "a ''' b");
        assert_eq!(mermaid("x[y]{z}|w"), "x(y)(z)/w");
        assert_eq!(mermaid(" \u{1b}[2J "), "-");
    }
}
