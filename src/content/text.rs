//! Language-neutral text: a locale key plus arguments. The engine produces these; the TUI and
//! the exporters render them in the current language, so switching language never recomputes.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::sync::Arc;

/// An argument substituted for `{name}` in a locale text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Arg {
    /// User text or a name, shown as is. Shared (`Arc`) so that the engine can put one system's
    /// name into each of its reasons without copying it.
    Plain(#[serde(serialize_with = "shared_str")] Arc<str>),
    /// Another locale key, rendered in the same language (an option label, say).
    Key(Cow<'static, str>),
    /// A number, shown with up to `decimals` decimals (trailing zeros dropped).
    Num { value: f64, decimals: u8 },
    /// A list of locale keys, joined with the language's list separator.
    Keys(Vec<String>),
    /// A list of user texts or names (systems of a wave, say), shown as is and joined with the
    /// language's list separator (`ui.list_sep`). Shared, like [`Arg::Plain`].
    List(#[serde(serialize_with = "shared_list")] Arc<[Arc<str>]>),
    /// A system's or provider's name: as given, or a placeholder when blank (see [`Name`]).
    /// Serialised like [`Arg::Plain`], with the name given.
    #[serde(rename = "Plain")]
    Name(Name),
    /// A list of [`Name`]s, joined like [`Arg::List`] and serialised like it.
    #[serde(rename = "List", serialize_with = "name_list")]
    Names(Arc<[Name]>),
}

/// A system's or provider's name as a text shows it: the name as given (trimmed), or — when it
/// is blank — a placeholder with its number, "(unnamed system #3)" / "（未命名系统 #3）"
/// (`report.unnamed_system`, `report.unnamed_provider`), rendered in the reader's language.
/// The one way names go into texts, in the engine and the exports alike, so that a blank name
/// never shows as "“”" or an empty gap. Serialised as the name given ("" when blank).
#[derive(Debug, Clone, PartialEq)]
pub enum Name {
    Given(Arc<str>),
    UnnamedSystem(u32),
    UnnamedProvider(u32),
}

impl Name {
    /// The name of system `id` as written in the profile.
    pub fn system(name: &str, id: crate::model::SystemId) -> Name {
        match name.trim() {
            "" => Name::UnnamedSystem(id.0),
            n => Name::Given(Arc::from(n)),
        }
    }

    /// The name of provider `id` as written in the profile.
    pub fn provider(name: &str, id: crate::model::ProviderId) -> Name {
        match name.trim() {
            "" => Name::UnnamedProvider(id.0),
            n => Name::Given(Arc::from(n)),
        }
    }

    /// The locale key and number of the placeholder; `None` for a given name.
    pub fn placeholder(&self) -> Option<(&'static str, u32)> {
        match self {
            Name::Given(_) => None,
            Name::UnnamedSystem(id) => Some(("report.unnamed_system", *id)),
            Name::UnnamedProvider(id) => Some(("report.unnamed_provider", *id)),
        }
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self {
            Name::Given(n) => ser.serialize_str(n),
            _ => ser.serialize_str(""),
        }
    }
}

/// Serialises a shared string as the string it holds.
fn shared_str<S: Serializer>(s: &Arc<str>, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s)
}

/// Serialises a list of names as a sequence of the names given.
fn name_list<S: Serializer>(items: &Arc<[Name]>, ser: S) -> Result<S::Ok, S::Error> {
    ser.collect_seq(items.iter())
}

/// Serialises a shared list of strings as a sequence of strings.
fn shared_list<S: Serializer>(items: &Arc<[Arc<str>]>, ser: S) -> Result<S::Ok, S::Error> {
    ser.collect_seq(items.iter().map(|s| &**s))
}

/// A localisable message.
///
/// The key and the argument names are nearly always literals or keys of the shipped content, so
/// they are borrowed (`'static`) rather than copied: the engine builds thousands of these.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub key: Cow<'static, str>,
    pub args: Vec<(&'static str, Arg)>,
}

impl Text {
    pub fn new(key: impl Into<String>) -> Self {
        Text {
            key: Cow::Owned(key.into()),
            args: Vec::new(),
        }
    }

    /// [`Text::new`] for a key that lives for the whole program (a literal), without a copy.
    pub const fn of(key: &'static str) -> Self {
        Text {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    /// Adds an argument. Most texts have one or two: room for two is made at once, rather than
    /// the four a first push would reserve (thousands of texts per analysis).
    fn push(&mut self, arg: (&'static str, Arg)) {
        if self.args.capacity() == 0 {
            self.args.reserve_exact(2);
        }
        self.args.push(arg);
    }

    pub fn plain(mut self, name: &'static str, value: impl Into<Arc<str>>) -> Self {
        self.push((name, Arg::Plain(value.into())));
        self
    }

    pub fn key(mut self, name: &'static str, key: impl Into<String>) -> Self {
        self.push((name, Arg::Key(Cow::Owned(key.into()))));
        self
    }

    /// [`Text::key`] for a key that lives for the whole program, without a copy.
    pub fn key_of(mut self, name: &'static str, key: &'static str) -> Self {
        self.push((name, Arg::Key(Cow::Borrowed(key))));
        self
    }

    pub fn num(mut self, name: &'static str, value: f64, decimals: u8) -> Self {
        self.push((name, Arg::Num { value, decimals }));
        self
    }

    pub fn keys(mut self, name: &'static str, keys: Vec<String>) -> Self {
        self.push((name, Arg::Keys(keys)));
        self
    }

    pub fn list(mut self, name: &'static str, items: impl Into<Arc<[Arc<str>]>>) -> Self {
        self.push((name, Arg::List(items.into())));
        self
    }

    /// A system's or provider's name (see [`Name`]).
    pub fn name(mut self, arg: &'static str, name: Name) -> Self {
        self.push((arg, Arg::Name(name)));
        self
    }

    /// A list of names (see [`Name`]).
    pub fn names(mut self, arg: &'static str, names: impl Into<Arc<[Name]>>) -> Self {
        self.push((arg, Arg::Names(names.into())));
        self
    }
}

/// Formats a number with at most `decimals` decimals, dropping trailing zeros (`99.90` → `99.9`).
pub fn format_number(value: f64, decimals: u8) -> String {
    let mut s = String::new();
    push_number(&mut s, value, decimals);
    s
}

/// An integer in decimal, appended to `out` (what `{}` formats, without the formatting
/// machinery: numbers are written by the thousand in an export).
fn push_integer(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (m % 10) as u8;
        }
        m /= 10;
        if m == 0 || i == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    for &d in digits.get(i..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
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
        push_integer(out, value as i64);
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

    proptest::proptest! {
        /// Integers are written as `{}` writes them.
        #[test]
        fn integers_format_as_display(n in proptest::num::i64::ANY) {
            let mut s = String::new();
            push_integer(&mut s, n);
            proptest::prop_assert_eq!(s, n.to_string());
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
