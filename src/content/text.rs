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
    if !value.is_finite() {
        return "—".to_owned();
    }
    let s = format!("{:.*}", decimals as usize, value);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" { "0".to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(format_number(99.90, 2), "99.9");
        assert_eq!(format_number(12.0, 1), "12");
        assert_eq!(format_number(-0.001, 1), "0");
        assert_eq!(format_number(f64::NAN, 1), "—");
        assert_eq!(format_number(1234.5678, 0), "1235");
    }
}
