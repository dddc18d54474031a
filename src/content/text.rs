//! Language-neutral text: a locale key plus arguments. The engine produces these; the TUI and
//! the exporters render them in the current language, so switching language never recomputes.

use serde::Serialize;

/// An argument substituted for `{name}` in a locale text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Arg {
    /// User text or a name, shown as is.
    Plain(String),
    /// Another locale key, rendered in the same language (an option label, say).
    Key(String),
    /// A number, shown with up to `decimals` decimals (trailing zeros dropped).
    Num { value: f64, decimals: u8 },
    /// A list of locale keys, joined with the language's list separator.
    Keys(Vec<String>),
    /// A list of user texts or names (systems of a wave, say), shown as is and joined with the
    /// language's list separator (`ui.list_sep`).
    List(Vec<String>),
}

/// A localisable message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub key: String,
    pub args: Vec<(String, Arg)>,
}

impl Text {
    pub fn new(key: impl Into<String>) -> Self {
        Text {
            key: key.into(),
            args: Vec::new(),
        }
    }

    pub fn plain(mut self, name: &str, value: impl Into<String>) -> Self {
        self.args.push((name.to_owned(), Arg::Plain(value.into())));
        self
    }

    pub fn key(mut self, name: &str, key: impl Into<String>) -> Self {
        self.args.push((name.to_owned(), Arg::Key(key.into())));
        self
    }

    pub fn num(mut self, name: &str, value: f64, decimals: u8) -> Self {
        self.args
            .push((name.to_owned(), Arg::Num { value, decimals }));
        self
    }

    pub fn keys(mut self, name: &str, keys: Vec<String>) -> Self {
        self.args.push((name.to_owned(), Arg::Keys(keys)));
        self
    }

    pub fn list(mut self, name: &str, items: Vec<String>) -> Self {
        self.args.push((name.to_owned(), Arg::List(items)));
        self
    }
}

/// Formats a number with at most `decimals` decimals, dropping trailing zeros (`99.90` → `99.9`).
pub fn format_number(value: f64, decimals: u8) -> String {
    let mut s = String::new();
    push_number(&mut s, value, decimals);
    s
}

/// [`format_number`], appended to `out`.
pub fn push_number(out: &mut String, value: f64, decimals: u8) {
    use std::fmt::Write as _;
    if !value.is_finite() {
        out.push('—');
        return;
    }
    let start = out.len();
    // A whole number prints the same with any number of decimals once the zeros are dropped;
    // integer formatting is much cheaper than float formatting.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let _ = write!(out, "{}", value as i64);
        return;
    }
    // Writing into a String cannot fail.
    let _ = write!(out, "{:.*}", decimals as usize, value);
    if out[start..].contains('.') {
        let kept = out[start..]
            .trim_end_matches('0')
            .trim_end_matches('.')
            .len();
        out.truncate(start + kept);
    }
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `push_number` trims in place exactly as trimming a formatted copy did.
        #[test]
        fn numbers_format_as_before(v in proptest::num::f64::ANY, d in 0u8..6) {
            let reference = if !v.is_finite() {
                "—".to_owned()
            } else {
                let s = format!("{:.*}", d as usize, v);
                let s = if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_owned()
                } else {
                    s
                };
                if s == "-0" { "0".to_owned() } else { s }
            };
            proptest::prop_assert_eq!(format_number(v, d), reference);
        }
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(format_number(99.90, 2), "99.9");
        assert_eq!(format_number(12.0, 1), "12");
        assert_eq!(format_number(-0.001, 1), "0");
        assert_eq!(format_number(f64::NAN, 1), "—");
        assert_eq!(format_number(1234.5678, 0), "1235");
        assert_eq!(format_number(100.0, 2), "100");
        assert_eq!(format_number(-0.4, 0), "0");
        let mut s = String::from("x=");
        push_number(&mut s, 0.250, 3);
        assert_eq!(s, "x=0.25");
    }
}
