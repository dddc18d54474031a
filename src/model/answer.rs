//! One answer to one question, and a map of them keyed by question id.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of an answer. Which variant a question takes is fixed by its kind in
/// `assets/steps.ron` (`content::QuestionKind`); `content::Content::validate` checks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// Free text (single or multi-line) and dates (`YYYY-MM-DD`).
    Text(String),
    Number(f64),
    /// The id of one option.
    Choice(String),
    /// Ids of several options, in the order of the option set.
    Choices(Vec<String>),
    YesNo(bool),
    /// 1 to 5.
    Rating(u8),
}

/// Answers keyed by question id (`"s4.plan_rollback"`, `"sys.sensitivity"`, …).
/// An unanswered question is simply absent; an empty text counts as unanswered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn get(&self, q: &str) -> Option<&Answer> {
        match self.0.get(q) {
            Some(Answer::Text(t)) if t.trim().is_empty() => None,
            Some(Answer::Choices(c)) if c.is_empty() => None,
            other => other,
        }
    }

    pub fn is_answered(&self, q: &str) -> bool {
        self.get(q).is_some()
    }

    /// Sets or clears (`None`) an answer.
    pub fn set(&mut self, q: impl Into<String>, a: Option<Answer>) {
        let q = q.into();
        match a {
            Some(a) => {
                self.0.insert(q, a);
            }
            None => {
                self.0.remove(&q);
            }
        }
    }

    pub fn text(&self, q: &str) -> Option<&str> {
        match self.get(q)? {
            Answer::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }

    pub fn number(&self, q: &str) -> Option<f64> {
        match self.get(q)? {
            Answer::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }

    pub fn choice(&self, q: &str) -> Option<&str> {
        match self.get(q)? {
            Answer::Choice(c) => Some(c.as_str()),
            _ => None,
        }
    }

    pub fn choices(&self, q: &str) -> &[String] {
        match self.get(q) {
            Some(Answer::Choices(c)) => c,
            _ => &[],
        }
    }

    pub fn has(&self, q: &str, option: &str) -> bool {
        match self.get(q) {
            Some(Answer::Choices(c)) => c.iter().any(|o| o == option),
            Some(Answer::Choice(c)) => c == option,
            _ => false,
        }
    }

    pub fn yes_no(&self, q: &str) -> Option<bool> {
        match self.get(q)? {
            Answer::YesNo(b) => Some(*b),
            _ => None,
        }
    }

    pub fn rating(&self, q: &str) -> Option<u8> {
        match self.get(q)? {
            Answer::Rating(r) if (1..=5).contains(r) => Some(*r),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_and_empty_choices_count_as_unanswered() {
        let mut a = Answers::default();
        a.set("t", Some(Answer::Text("  ".into())));
        a.set("m", Some(Answer::Choices(vec![])));
        assert!(!a.is_answered("t"));
        assert!(!a.is_answered("m"));
        a.set("t", Some(Answer::Text("x".into())));
        assert_eq!(a.text("t"), Some("x"));
        a.set("t", None);
        assert!(!a.is_answered("t"));
    }

    #[test]
    fn typed_getters_reject_other_variants_and_bad_values() {
        let mut a = Answers::default();
        a.set("n", Some(Answer::Number(f64::NAN)));
        a.set("r", Some(Answer::Rating(9)));
        a.set("c", Some(Answer::Choice("x".into())));
        assert_eq!(a.number("n"), None);
        assert_eq!(a.rating("r"), None);
        assert_eq!(a.number("c"), None);
        assert!(a.has("c", "x"));
    }
}
