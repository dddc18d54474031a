//! The guideline as data: steps, questions, options, the service catalogue, the engine's rules
//! and checklist rules (`assets/*.ron`), and every user-visible string (`locales/*.ron`).
//!
//! All of it is embedded in the binary with `include_str!` and parsed once ([`Content::get`]).
//! Tests in `tests/content.rs` prove that every file parses, every id referenced exists, and
//! both locales have exactly the same keys.

pub mod schema;
mod text;

pub use schema::*;
pub use text::{Arg, Text, format_number};

use crate::model::Lang;
use anyhow::{Context, Result, anyhow};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

pub const STEPS_RON: &str = include_str!("../../assets/steps.ron");
pub const CATALOGUE_RON: &str = include_str!("../../assets/catalogue.ron");
pub const RULES_RON: &str = include_str!("../../assets/rules.ron");
pub const CHECKLIST_RON: &str = include_str!("../../assets/checklist.ron");
pub const DEMO_RON: &str = include_str!("../../assets/demo.ron");
pub const ZH_CN_RON: &str = include_str!("../../locales/zh-CN.ron");
pub const EN_RON: &str = include_str!("../../locales/en.ron");

/// All shipped content, parsed.
#[derive(Debug)]
pub struct Content {
    pub profile: StepDef,
    /// The ten steps, index 0 = step 1.
    pub steps: Vec<StepDef>,
    pub option_sets: BTreeMap<String, Vec<String>>,
    pub catalogue: CatalogueFile,
    pub rules: RulesFile,
    pub checklist: ChecklistFile,
    locales: [HashMap<String, String>; 2],
    questions: HashMap<String, (usize, usize)>,
    /// The engine's rules compiled for fast evaluation, built on first use.
    pub(crate) engine_rules: OnceLock<crate::engine::compiled::Rules>,
}

static CONTENT: OnceLock<Content> = OnceLock::new();

impl Content {
    /// The shipped content, parsed on first use. The shipped files are tested, so a parse
    /// failure here is a build defect; it panics with the file and position.
    pub fn get() -> &'static Content {
        CONTENT.get_or_init(|| {
            Content::parse().unwrap_or_else(|e| panic!("shipped content is broken: {e:#}"))
        })
    }

    /// Parses the embedded files (used by [`Content::get`] and by the content tests).
    pub fn parse() -> Result<Content> {
        let steps: StepsFile = parse_ron("assets/steps.ron", STEPS_RON)?;
        let catalogue: CatalogueFile = parse_ron("assets/catalogue.ron", CATALOGUE_RON)?;
        let rules: RulesFile = parse_ron("assets/rules.ron", RULES_RON)?;
        let checklist: ChecklistFile = parse_ron("assets/checklist.ron", CHECKLIST_RON)?;
        let zh: HashMap<String, String> = parse_ron("locales/zh-CN.ron", ZH_CN_RON)?;
        let en: HashMap<String, String> = parse_ron("locales/en.ron", EN_RON)?;
        let mut questions = HashMap::new();
        let all = std::iter::once(&steps.profile).chain(steps.steps.iter());
        for (si, step) in all.enumerate() {
            for (qi, q) in step.questions.iter().enumerate() {
                if questions.insert(q.id.clone(), (si, qi)).is_some() {
                    return Err(anyhow!(
                        "assets/steps.ron: question id {:?} is used twice",
                        q.id
                    ));
                }
            }
        }
        if steps.steps.len() != 10 {
            return Err(anyhow!(
                "assets/steps.ron: expected 10 steps, found {}",
                steps.steps.len()
            ));
        }
        Ok(Content {
            profile: steps.profile,
            steps: steps.steps,
            option_sets: steps.option_sets,
            catalogue,
            rules,
            checklist,
            locales: [zh, en],
            questions,
            engine_rules: OnceLock::new(),
        })
    }

    /// The step definition for `n` (1–10).
    pub fn step(&self, id: crate::model::StepId) -> &StepDef {
        &self.steps[id.index()]
    }

    /// A question by id, with the step it belongs to (`None` step = the profile screen).
    pub fn question(&self, id: &str) -> Option<&QuestionDef> {
        let (si, qi) = *self.questions.get(id)?;
        let step = if si == 0 {
            &self.profile
        } else {
            &self.steps[si - 1]
        };
        step.questions.get(qi)
    }

    /// All questions, profile first, in screen order.
    pub fn questions(&self) -> impl Iterator<Item = &QuestionDef> {
        std::iter::once(&self.profile)
            .chain(self.steps.iter())
            .flat_map(|s| s.questions.iter())
    }

    pub fn options(&self, set: &str) -> &[String] {
        self.option_sets.get(set).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every catalogue service id, in catalogue order.
    pub fn services(&self) -> impl Iterator<Item = (&ServiceGroup, &ServiceDef)> {
        self.catalogue
            .groups
            .iter()
            .flat_map(|g| g.services.iter().map(move |s| (g, s)))
    }

    fn locale(&self, lang: Lang) -> &HashMap<String, String> {
        match lang {
            Lang::ZhCn => &self.locales[0],
            Lang::En => &self.locales[1],
        }
    }

    /// All keys of one locale (for the parity tests).
    pub fn locale_keys(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.locale(lang).keys().map(String::as_str)
    }

    /// Whether a locale has `key`.
    pub fn has_text(&self, lang: Lang, key: &str) -> bool {
        self.locale(lang).contains_key(key)
    }

    /// The text for `key`; a missing key shows as `⟦key⟧` (the parity tests keep that from
    /// shipping) rather than failing.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        match self.locale(lang).get(key) {
            Some(s) => s.clone(),
            None => format!("⟦{key}⟧"),
        }
    }

    /// Renders a [`Text`] in `lang`: looks up its key and substitutes `{name}` arguments.
    pub fn render(&self, lang: Lang, text: &Text) -> String {
        let template = self.t(lang, &text.key);
        if text.args.is_empty() {
            return template;
        }
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match text.args.iter().find(|(n, _)| n == name) {
                        Some((_, arg)) => out.push_str(&self.render_arg(lang, arg)),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn render_arg(&self, lang: Lang, arg: &Arg) -> String {
        match arg {
            Arg::Plain(s) => s.clone(),
            Arg::Key(k) => self.t(lang, k),
            Arg::Num { value, decimals } => format_number(*value, *decimals),
            Arg::Keys(keys) => {
                let sep = self.t(lang, "ui.list_sep");
                keys.iter()
                    .map(|k| self.t(lang, k))
                    .collect::<Vec<_>>()
                    .join(&sep)
            }
            Arg::List(items) => items.join(&self.t(lang, "ui.list_sep")),
        }
    }

    /// A clause citation: `§十四` in Chinese, `§14` in English.
    pub fn cite(&self, lang: Lang, clause: &str) -> String {
        match lang {
            Lang::ZhCn => format!("§{clause}"),
            Lang::En => match clause_number(clause) {
                Some(n) => format!("§{n}"),
                None => format!("§{clause}"),
            },
        }
    }

    /// The label of an option (`opt.<set>.<option>`).
    pub fn option_label(&self, lang: Lang, set: &str, option: &str) -> String {
        self.t(lang, &format!("opt.{set}.{option}"))
    }
}

/// `一` … `二十九` → 1 … 29.
pub fn clause_number(clause: &str) -> Option<u32> {
    const DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|i| i as u32 + 1);
    let chars: Vec<char> = clause.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// Parses RON with an error that names the file, line and column.
pub fn parse_ron<T: serde::de::DeserializeOwned>(name: &str, src: &str) -> Result<T> {
    ron::Options::default()
        .from_str(src)
        .map_err(|e| {
            anyhow!(
                "{name}:{}:{}: {}",
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })
        .with_context(|| format!("cannot read {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_numerals_convert() {
        assert_eq!(clause_number("一"), Some(1));
        assert_eq!(clause_number("十"), Some(10));
        assert_eq!(clause_number("十四"), Some(14));
        assert_eq!(clause_number("二十"), Some(20));
        assert_eq!(clause_number("二十四"), Some(24));
        assert_eq!(clause_number("x"), None);
    }
}
