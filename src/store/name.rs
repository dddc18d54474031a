//! Profile names ⇄ file names.
//!
//! A profile's display name is any Unicode text; its file is `<stem>.ron` where the stem is the
//! name with the characters that are unsafe in a file name percent-encoded (`%2F` for `/`, …).
//! Everything else, CJK included, stays as it is, so `示范企业` is saved as `示范企业.ron`.
//!
//! Encoded: `%` itself (so decoding is unambiguous), the separators and characters Windows
//! forbids (`/ \ : * ? " < > |`), control characters (NUL included), invisible direction and
//! zero-width marks (so two names that look the same cannot hide in two files), a leading `.` or
//! space (no hidden files, no `.`/`..`), a trailing `.` or space (Windows drops them), and the
//! first letter of a Windows device name (`CON`, `NUL`, `COM1`, … also with an extension).
//!
//! Decoding is plain percent-decoding, so `decode(encode(n)) == n` for every name: two different
//! names can never share a file. A file whose stem is not the canonical encoding of its decoded
//! name (a hand-made `.hidden.ron`, `a%zz.ron`) is not a profile as far as [`super::Store::list`]
//! is concerned.
//!
//! Not handled: on case-insensitive file systems (Windows, macOS by default) `Acme` and `acme`
//! share a file, and macOS may store names in another Unicode normal form.

use super::error::InvalidNameReason;

/// The scratch profile of the demo enterprise (`--demo`), reset from the shipped demo on every
/// demo start: no profile of the user's may take this name (in any letter case).
pub const DEMO: &str = "demo";

/// The most characters a name the user chooses for a profile may have.
pub const MAX_CHARS: usize = 64;

/// Whether `name` may be chosen for a profile (a new one, `--profile`, `profiles rename`): the
/// one place these rules live. Not empty; at most [`MAX_CHARS`] characters; not starting with
/// `.`; none of the characters file systems reserve (`/ \ : * ? " < > |`) nor control
/// characters; not [`DEMO`]; and short enough as a file name ([`encode`]). Existing files are
/// not held to this (the store opens any name it [`encode`]s): it is for names being chosen.
pub fn check(name: &str) -> Result<(), InvalidNameReason> {
    if name.trim().is_empty() {
        return Err(InvalidNameReason::Empty);
    }
    if name.chars().count() > MAX_CHARS
        || name.starts_with('.')
        || name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
    {
        return Err(InvalidNameReason::Invalid);
    }
    if name.eq_ignore_ascii_case(DEMO) {
        return Err(InvalidNameReason::Reserved);
    }
    encode(name).map(drop)
}

/// The longest encoded stem, in bytes. File names are limited to 255 bytes on common file systems;
/// this leaves room for `.ron.corrupt-YYYYmmddTHHMMSS-NN` and for temporary names.
pub const MAX_STEM_BYTES: usize = 180;

const WINDOWS_DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
const WINDOWS_NUMBERED: [&str; 2] = ["COM", "LPT"];

/// The file stem (name without `.ron`) for a profile name.
pub fn encode(name: &str) -> Result<String, InvalidNameReason> {
    if name.trim().is_empty() {
        return Err(InvalidNameReason::Empty);
    }
    let count = name.chars().count();
    let mut out = String::with_capacity(name.len());
    for (i, c) in name.chars().enumerate() {
        let at_edge = i == 0 || i + 1 == count;
        let edge = at_edge && (c == '.' || c == ' ');
        if edge || must_encode(c) {
            push_encoded(&mut out, c);
        } else {
            out.push(c);
        }
    }
    if is_windows_device(&out) {
        // The first character is an ASCII letter here; encoding it keeps the rest readable.
        let mut chars = out.chars();
        if let Some(first) = chars.next() {
            let rest: String = chars.collect();
            out = String::new();
            push_encoded(&mut out, first);
            out.push_str(&rest);
        }
    }
    if out.len() > MAX_STEM_BYTES {
        return Err(InvalidNameReason::TooLong {
            bytes: out.len(),
            max: MAX_STEM_BYTES,
        });
    }
    Ok(out)
}

/// The profile name stored in a file stem, if the stem is exactly what [`encode`] makes of it.
pub fn decode(stem: &str) -> Option<String> {
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value)?;
            let lo = bytes.get(i + 2).copied().and_then(hex_value)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    let name = String::from_utf8(out).ok()?;
    match encode(&name) {
        Ok(canonical) if canonical == stem => Some(name),
        _ => None,
    }
}

/// A valid profile name made from free text (an enterprise name, say): trimmed, control
/// characters dropped, and cut at a character boundary so that its file name fits.
/// `None` when nothing usable is left.
pub fn suggest(text: &str) -> Option<String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_STEM_BYTES)
        .collect();
    let mut chars: Vec<char> = cleaned.trim().chars().collect();
    loop {
        let candidate: String = chars.iter().collect();
        let candidate = candidate.trim_end().to_owned();
        match encode(&candidate) {
            Ok(_) => return Some(candidate),
            Err(InvalidNameReason::TooLong { .. }) => {
                chars.pop()?;
            }
            Err(_) => return None,
        }
    }
}

fn must_encode(c: char) -> bool {
    matches!(
        c,
        '%' | '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'
    ) || c.is_control()
        || is_invisible_mark(c)
}

/// Zero-width and bidirectional formatting characters, plus the BOM and soft hyphen.
fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

fn push_encoded(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        out.push('%');
        out.push(hex_digit(b >> 4));
        out.push(hex_digit(b & 0xF));
    }
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).map_or('0', |c| c.to_ascii_uppercase())
}

/// Only upper-case hex is canonical; lower-case is accepted here and rejected by the
/// round-trip check in [`decode`].
fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// `CON`, `con.txt`, `COM1`, `LPT9 .x`, `COM¹`: names Windows reserves for devices, whatever
/// the extension.
fn is_windows_device(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or("").trim_end_matches(' ');
    let upper = base.to_ascii_uppercase();
    if WINDOWS_DEVICES.contains(&upper.as_str()) {
        return true;
    }
    WINDOWS_NUMBERED
        .iter()
        .any(|prefix| match upper.strip_prefix(prefix) {
            Some(rest) => {
                let mut digits = rest.chars();
                matches!(
                    (digits.next(), digits.next()),
                    (Some('0'..='9' | '¹' | '²' | '³'), None)
                )
            }
            None => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chosen_names_follow_one_set_of_rules() {
        assert_eq!(check("示范企业"), Ok(()));
        assert_eq!(check("上云 计划 v2"), Ok(()));
        assert_eq!(check(""), Err(InvalidNameReason::Empty));
        assert_eq!(check("  "), Err(InvalidNameReason::Empty));
        for bad in [
            ".hidden",
            "a/b",
            "a\\b",
            "a:b",
            "a\u{1b}[2Jb",
            &"x".repeat(65),
        ] {
            assert_eq!(check(bad), Err(InvalidNameReason::Invalid), "{bad:?}");
        }
        for demo in ["demo", "Demo", "DEMO"] {
            assert_eq!(check(demo), Err(InvalidNameReason::Reserved), "{demo:?}");
        }
        assert_eq!(check(&"x".repeat(64)), Ok(()));
        // 64 CJK characters are 192 bytes: too long for a file name, said so before the lock
        assert!(matches!(
            check(&"企".repeat(64)),
            Err(InvalidNameReason::TooLong { .. })
        ));
    }

    #[test]
    fn cjk_names_stay_readable() {
        assert_eq!(encode("示范企业").as_deref(), Ok("示范企业"));
        assert_eq!(encode("上云 计划 v2").as_deref(), Ok("上云 计划 v2"));
    }

    #[test]
    fn hostile_names_are_defused() {
        assert_eq!(encode("../x").as_deref(), Ok("%2E.%2Fx"));
        assert_eq!(encode("a/b").as_deref(), Ok("a%2Fb"));
        assert_eq!(encode("a\\b").as_deref(), Ok("a%5Cb"));
        assert_eq!(encode("..").as_deref(), Ok("%2E%2E"));
        assert_eq!(encode(".").as_deref(), Ok("%2E"));
        assert_eq!(encode("a\0b").as_deref(), Ok("a%00b"));
        assert_eq!(encode("x. ").as_deref(), Ok("x.%20"));
        assert_eq!(encode("100%").as_deref(), Ok("100%25"));
        assert_eq!(encode("CON").as_deref(), Ok("%43ON"));
        assert_eq!(encode("con.txt").as_deref(), Ok("%63on.txt"));
        assert_eq!(encode("Com1").as_deref(), Ok("%43om1"));
        assert_eq!(encode("COM10").as_deref(), Ok("COM10"));
        assert_eq!(encode("CONSOLE").as_deref(), Ok("CONSOLE"));
        assert_eq!(encode("a\u{202E}b").as_deref(), Ok("a%E2%80%AEb"));
    }

    #[test]
    fn empty_and_long_names_are_refused() {
        assert_eq!(encode(""), Err(InvalidNameReason::Empty));
        assert_eq!(encode("  "), Err(InvalidNameReason::Empty));
        let long = "x".repeat(300);
        assert_eq!(
            encode(&long),
            Err(InvalidNameReason::TooLong {
                bytes: 300,
                max: MAX_STEM_BYTES
            })
        );
        assert!(encode(&"x".repeat(MAX_STEM_BYTES)).is_ok());
    }

    #[test]
    fn non_canonical_stems_are_not_profiles() {
        assert_eq!(decode(".hidden"), None);
        assert_eq!(decode("a%zz"), None);
        assert_eq!(decode("a%2fb"), None); // lower-case hex
        assert_eq!(decode("a%"), None);
        assert_eq!(decode("%FF"), None); // not UTF-8
        assert_eq!(decode("%61"), None); // 'a' needs no encoding
        assert_eq!(decode("a%2Fb").as_deref(), Some("a/b"));
    }

    #[test]
    fn suggestions_fit_and_are_valid() {
        assert_eq!(suggest("  示范企业  ").as_deref(), Some("示范企业"));
        assert_eq!(suggest("\t\n"), None);
        let long = "企".repeat(200);
        let s = suggest(&long).unwrap_or_default();
        assert_eq!(s.chars().count(), MAX_STEM_BYTES / 3);
        assert!(encode(&s).is_ok());
        // Cutting must not leave a name whose trailing space would be encoded past the limit.
        let tricky = format!("{} tail", "a".repeat(MAX_STEM_BYTES - 1));
        assert!(suggest(&tricky).is_some_and(|s| encode(&s).is_ok()));
    }

    fn names() -> impl Strategy<Value = String> {
        let special = prop_oneof![
            Just('/'),
            Just('\\'),
            Just('.'),
            Just(' '),
            Just('%'),
            Just('\0'),
            Just('企'),
            Just('\u{202E}'),
            Just('C'),
            Just('O'),
            Just('N'),
            Just('1'),
            any::<char>(),
        ];
        proptest::collection::vec(special, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn encoding_round_trips_and_is_safe(name in names()) {
            if let Ok(stem) = encode(&name) {
                prop_assert_eq!(decode(&stem), Some(name.clone()));
                prop_assert!(!stem.contains(['/', '\\', '\0']));
                prop_assert!(stem != "." && stem != "..");
                prop_assert!(!stem.starts_with('.') && !stem.ends_with(['.', ' ']));
                prop_assert!(!stem.chars().any(char::is_control));
                prop_assert!(!is_windows_device(&stem));
                prop_assert!(stem.len() <= MAX_STEM_BYTES);
            }
        }

        #[test]
        fn different_names_never_share_a_file(a in names(), b in names()) {
            if let (Ok(x), Ok(y)) = (encode(&a), encode(&b)) {
                prop_assert_eq!(a == b, x == y);
            }
        }

        #[test]
        fn arbitrary_unicode_round_trips(name in "\\PC{1,30}") {
            if let Ok(stem) = encode(&name) {
                prop_assert_eq!(decode(&stem), Some(name));
            }
        }
    }
}
