//! The guideline as data: steps, questions, options, the service catalogue, the engine's rules
//! and checklist rules (`assets/*.ron`), and every user-visible string (`locales/*.ron`).
//!
//! All of it is embedded in the binary with `include_str!` and parsed once ([`Content::get`]).
//! Tests in `tests/content.rs` prove that every file parses, every id referenced exists, and
//! both locales have exactly the same keys.

mod demo;
pub mod schema;
mod text;

pub use demo::{DEMO_EN_RON, DEMO_RON, demo, translate};
pub use schema::*;
pub use text::{Arg, Name, Text, format_number, push_number};

use crate::model::Lang;
use anyhow::{Context, Result, anyhow};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A fast hasher (the Fx hash of rustc) for maps keyed by content ids — locale keys, question
/// ids — and system ids. SipHash's resistance to crafted keys buys nothing for keys from the
/// shipped files or a local save, and hashing locale keys with it dominated rendering texts.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(head) = w.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub type FxSet<T> = std::collections::HashSet<T, BuildHasherDefault<FxHasher>>;

pub const STEPS_RON: &str = include_str!("../../assets/steps.ron");
pub const CATALOGUE_RON: &str = include_str!("../../assets/catalogue.ron");
pub const RULES_RON: &str = include_str!("../../assets/rules.ron");
pub const CHECKLIST_RON: &str = include_str!("../../assets/checklist.ron");
pub const ZH_CN_RON: &str = include_str!("../../locales/zh-CN.ron");
pub const EN_RON: &str = include_str!("../../locales/en.ron");

/// The same files compiled into postcard by `build.rs`: what the program reads.
macro_rules! compiled {
    ($stem:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $stem, ".postcard"))
    };
}

/// Where the shipped content is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The RON files themselves: errors name the file, line and column (the content tests).
    Ron,
    /// Their compiled form (`build.rs`), several times faster to read: what the program uses,
    /// since the first frame waits for it.
    Compiled,
}

/// Reads one shipped file, as RON or compiled.
fn read<T: serde::de::DeserializeOwned>(
    source: Source,
    name: &str,
    ron: &str,
    compiled: &[u8],
) -> Result<T> {
    match source {
        Source::Ron => parse_ron(name, ron),
        Source::Compiled => postcard::from_bytes(compiled)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("cannot read the compiled {name}")),
    }
}

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
    /// Each language's texts, parsed when first used: a wizard in one language never parses the
    /// other's (about a millisecond at start-up) unless the user switches.
    locales: [OnceLock<FxMap<String, Template>>; 2],
    /// Where the locales are read from when first used.
    source: Source,
    questions: FxMap<String, (usize, usize)>,
    /// The engine's rules compiled for fast evaluation, built on first use.
    pub(crate) engine_rules: OnceLock<crate::engine::compiled::Rules>,
}

static CONTENT: OnceLock<Content> = OnceLock::new();

/// The texts of one language.
fn parse_locale(source: Source, lang: Lang) -> Result<FxMap<String, Template>> {
    let (name, ron, compiled) = match lang {
        Lang::ZhCn => ("locales/zh-CN.ron", ZH_CN_RON, &compiled!("zh-CN")[..]),
        Lang::En => ("locales/en.ron", EN_RON, &compiled!("en")[..]),
    };
    // postcard writes a map as a sequence of pairs: read them straight into the final map
    let texts: Vec<(String, String)> = match source {
        Source::Ron => parse_ron::<HashMap<String, String>>(name, ron)?
            .into_iter()
            .collect(),
        Source::Compiled => read(source, name, ron, compiled)?,
    };
    let mut map = FxMap::with_capacity_and_hasher(texts.len(), Default::default());
    map.extend(texts.into_iter().map(|(k, v)| (k, Template::new(v))));
    Ok(map)
}

/// A locale text with the places of its `{name}` placeholders found once, when the content is
/// parsed, rather than searched for each time it is rendered.
#[derive(Debug)]
struct Template {
    text: String,
    /// Byte ranges of each `{name}` (braces included), in order. A name is everything up to the
    /// first `}`; a `{` with no `}` after it is plain text.
    holes: Vec<(usize, usize)>,
}

impl Template {
    fn new(text: String) -> Template {
        let mut holes = Vec::new();
        let mut at = 0;
        // `{` and `}` are ASCII, so byte positions are char boundaries.
        let find = |from: usize, b: u8| {
            text.as_bytes()
                .get(from..)
                .and_then(|rest| rest.iter().position(|c| *c == b))
                .map(|i| from + i)
        };
        while let Some(open) = find(at, b'{') {
            match find(open + 1, b'}') {
                Some(close) => {
                    holes.push((open, close + 1));
                    at = close + 1;
                }
                // No `}` after this `{`, hence after any later one either.
                None => break,
            }
        }
        Template { text, holes }
    }

    /// Appends the text with each `{name}` replaced by what `arg` writes; a name for which
    /// `arg` returns false stays as written.
    fn fill(&self, out: &mut String, arg: &mut dyn FnMut(&str, &mut String) -> bool) {
        let text = self.text.as_str();
        out.reserve(text.len() + 16);
        let mut at = 0;
        for &(open, end) in &self.holes {
            let (Some(lit), Some(hole)) = (text.get(at..open), text.get(open..end)) else {
                break;
            };
            out.push_str(lit);
            let name = hole.get(1..hole.len() - 1).unwrap_or("");
            if !arg(name, out) {
                out.push_str(hole);
            }
            at = end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
    }
}

impl Content {
    /// The shipped content, parsed on first use. The shipped files are tested, so a parse
    /// failure here is a build defect; it panics with the file and position.
    pub fn get() -> &'static Content {
        CONTENT.get_or_init(|| {
            Content::parse_assets(Source::Compiled)
                .unwrap_or_else(|e| panic!("shipped content is broken: {e:#}"))
        })
    }

    /// Parses the shipped content and the texts of `lang` now (the wizard does it on a second
    /// thread while it opens the profile), so that the first frame does not wait for them.
    pub fn preload(lang: Lang) {
        Content::get().locale(lang);
    }

    /// Parses every embedded RON file, both locales included (the content tests use it: an
    /// error comes back, naming the file, line and column, instead of a panic).
    pub fn parse() -> Result<Content> {
        let content = Content::parse_assets(Source::Ron)?;
        for (slot, lang) in content.locales.iter().zip(Lang::ALL) {
            let _ = slot.set(parse_locale(Source::Ron, lang)?);
        }
        Ok(content)
    }

    /// Reads the assets; the locales wait for their first use.
    fn parse_assets(source: Source) -> Result<Content> {
        let steps: StepsFile = read(source, "assets/steps.ron", STEPS_RON, compiled!("steps"))?;
        let catalogue: CatalogueFile = read(
            source,
            "assets/catalogue.ron",
            CATALOGUE_RON,
            compiled!("catalogue"),
        )?;
        let rules: RulesFile = read(source, "assets/rules.ron", RULES_RON, compiled!("rules"))?;
        let checklist: ChecklistFile = read(
            source,
            "assets/checklist.ron",
            CHECKLIST_RON,
            compiled!("checklist"),
        )?;
        let mut questions = FxMap::default();
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
            locales: [OnceLock::new(), OnceLock::new()],
            source,
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

    fn locale(&self, lang: Lang) -> &FxMap<String, Template> {
        let slot = match lang {
            Lang::ZhCn => &self.locales[0],
            Lang::En => &self.locales[1],
        };
        slot.get_or_init(|| {
            parse_locale(self.source, lang)
                .unwrap_or_else(|e| panic!("shipped content is broken: {e:#}"))
        })
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
            Some(s) => s.text.clone(),
            None => format!("⟦{key}⟧"),
        }
    }

    /// The locale key of `unit` for an amount of `value`: the unit's singular `unit.<unit>.one`
    /// for exactly 1 where the unit has one ("1 day", "1 system"), else `unit.<unit>`. Both
    /// locales have the same keys (a test holds them to it), so the choice is the same in both.
    pub fn unit_key(&self, unit: &str, value: f64) -> String {
        let one = format!("unit.{unit}.one");
        if value == 1.0 && self.lookup(Lang::En, &one).is_some() {
            one
        } else {
            format!("unit.{unit}")
        }
    }

    /// The text for `key` borrowed from the content; `None` when missing (see [`Content::t`]).
    pub fn lookup(&self, lang: Lang, key: &str) -> Option<&str> {
        self.locale(lang).get(key).map(|t| t.text.as_str())
    }

    /// Appends the text of `key` with each `{name}` replaced by what `arg` writes for it; a
    /// name for which `arg` returns false stays as written (`⟦key⟧` when the key is missing).
    /// What [`Content::render`] does, for writers that produce their arguments in place.
    pub fn render_with(
        &self,
        lang: Lang,
        key: &str,
        out: &mut String,
        arg: &mut dyn FnMut(&str, &mut String) -> bool,
    ) {
        self.fill(lang, key, true, out, arg);
    }

    /// Renders a [`Text`] in `lang`: looks up its key and substitutes `{name}` arguments.
    pub fn render(&self, lang: Lang, text: &Text) -> String {
        let mut out = String::new();
        self.render_into(lang, text, &mut out);
        out
    }

    /// [`Content::render`], appended to `out`.
    pub fn render_into(&self, lang: Lang, text: &Text, out: &mut String) {
        self.fill(
            lang,
            text.key.as_ref(),
            !text.args.is_empty(),
            out,
            &mut |name, out| match text.args.iter().find(|(n, _)| *n == name) {
                Some((_, arg)) => {
                    self.render_arg(lang, arg, out);
                    true
                }
                None => false,
            },
        );
    }

    /// Renders the text of `key` with plain arguments (as [`Text::plain`] would give them),
    /// without building a [`Text`].
    pub fn render_plain(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = String::new();
        self.fill(
            lang,
            key,
            !args.is_empty(),
            &mut out,
            &mut |name, out| match args.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => {
                    out.push_str(v);
                    true
                }
                None => false,
            },
        );
        out
    }

    /// Appends the template of `key` (`⟦key⟧` when missing) with each `{name}` replaced by what
    /// `arg` writes; a name `arg` does not know (it returns false) stays as written. Without
    /// arguments the template is copied as is.
    fn fill(
        &self,
        lang: Lang,
        key: &str,
        has_args: bool,
        out: &mut String,
        arg: &mut dyn FnMut(&str, &mut String) -> bool,
    ) {
        let Some(template) = self.locale(lang).get(key) else {
            let missing = Template::new(format!("⟦{key}⟧"));
            if has_args {
                missing.fill(out, arg);
            } else {
                out.push_str(&missing.text);
            }
            return;
        };
        if has_args {
            template.fill(out, arg);
        } else {
            out.push_str(&template.text);
        }
    }

    fn push_t(&self, lang: Lang, key: &str, out: &mut String) {
        self.fill(lang, key, false, out, &mut |_, _| false);
    }

    fn render_arg(&self, lang: Lang, arg: &Arg, out: &mut String) {
        match arg {
            Arg::Plain(s) => out.push_str(s),
            Arg::Key(k) => self.push_t(lang, k, out),
            Arg::Num { value, decimals } => push_number(out, *value, *decimals),
            Arg::Keys(keys) => {
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        self.push_t(lang, "ui.list_sep", out);
                    }
                    self.push_t(lang, k, out);
                }
            }
            Arg::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push_t(lang, "ui.list_sep", out);
                    }
                    out.push_str(item);
                }
            }
            Arg::Name(name) => self.push_name(lang, name, out),
            Arg::Names(names) => {
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        self.push_t(lang, "ui.list_sep", out);
                    }
                    self.push_name(lang, name, out);
                }
            }
        }
    }

    /// A [`Name`] in `lang`: the name given, or its placeholder with the number.
    pub fn push_name(&self, lang: Lang, name: &Name, out: &mut String) {
        match (name, name.placeholder()) {
            (Name::Given(n), _) => out.push_str(n),
            (_, Some((key, id))) => self.render_with(lang, key, out, &mut |arg, out| {
                if arg == "id" {
                    out.push_str(&id.to_string());
                    true
                } else {
                    false
                }
            }),
            (_, None) => {}
        }
    }

    /// A clause citation: `§十四` in Chinese, `§14` in English.
    pub fn cite(&self, lang: Lang, clause: &str) -> String {
        let mut out = String::with_capacity(clause.len() + 4);
        self.cite_into(lang, clause, &mut out);
        out
    }

    /// [`Content::cite`], appended to `out`.
    pub fn cite_into(&self, lang: Lang, clause: &str, out: &mut String) {
        out.push('§');
        match (lang, clause_number(clause)) {
            (Lang::En, Some(n)) => push_number(out, f64::from(n), 0),
            _ => out.push_str(clause),
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
    let mut chars = clause.chars();
    let all = (chars.next(), chars.next(), chars.next(), chars.next());
    match all {
        (Some('十'), None, _, _) => Some(10),
        (Some(c), None, _, _) => digit(c),
        (Some('十'), Some(u), None, _) => Some(10 + digit(u)?),
        (Some(t), Some('十'), None, _) => Some(10 * digit(t)?),
        (Some(t), Some('十'), Some(u), None) => Some(10 * digit(t)? + digit(u)?),
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

    /// What the program reads (the postcard that `build.rs` compiles, each locale parsed on
    /// first use) is exactly what the RON files say, which the other content tests check:
    /// every asset, and every text of each language in that language.
    #[test]
    fn the_compiled_content_is_the_ron_content() {
        let ron = Content::parse().unwrap_or_else(|e| panic!("{e:#}"));
        let compiled = Content::get();
        assert_eq!(compiled.source, Source::Compiled);
        let same = |a: &dyn std::fmt::Debug, b: &dyn std::fmt::Debug| {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        };
        same(&ron.profile, &compiled.profile);
        same(&ron.steps, &compiled.steps);
        same(&ron.option_sets, &compiled.option_sets);
        same(&ron.catalogue, &compiled.catalogue);
        same(&ron.rules, &compiled.rules);
        same(&ron.checklist, &compiled.checklist);
        for lang in Lang::ALL {
            let mut keys: Vec<&str> = compiled.locale_keys(lang).collect();
            let mut want: Vec<&str> = ron.locale_keys(lang).collect();
            keys.sort_unstable();
            want.sort_unstable();
            assert_eq!(keys, want);
            for k in want {
                assert_eq!(compiled.t(lang, k), ron.t(lang, k), "{k}");
            }
        }
        assert_ne!(
            compiled.t(Lang::ZhCn, "ui.save.saved"),
            compiled.t(Lang::En, "ui.save.saved")
        );
    }

    /// `render_plain` gives what rendering the same `Text` with plain arguments gives, for
    /// every text of both locales, with known, unknown and repeated placeholders.
    #[test]
    fn render_plain_matches_render() {
        let c = Content::get();
        for lang in [Lang::ZhCn, Lang::En] {
            let mut keys: Vec<&str> = c.locale_keys(lang).collect();
            keys.push("no.such.key");
            for key in keys {
                let template = c.t(lang, key);
                let mut names: Vec<&str> = template
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                    .collect();
                names.push("extra");
                // leave the first placeholder unfilled, so unknown names are exercised too
                let args: Vec<(&str, &str)> =
                    names.iter().skip(1).map(|n| (*n, "值 {x} v")).collect();
                let mut text = Text::new(key);
                for (n, v) in &args {
                    // Argument names are `'static` (literals in the code); a test may leak.
                    let n: &'static str = Box::leak((*n).into());
                    text = text.plain(n, *v);
                }
                assert_eq!(
                    c.render_plain(lang, key, &args),
                    c.render(lang, &text),
                    "{key}"
                );
                assert_eq!(c.render_plain(lang, key, &[]), template, "{key}");
            }
        }
    }

    /// A template fills exactly as the plain scan of the text does, for every text of both
    /// locales and for awkward braces.
    #[test]
    fn templates_fill_as_the_plain_scan() {
        fn scan(template: &str, out: &mut String, arg: &mut dyn FnMut(&str, &mut String) -> bool) {
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                out.push_str(&rest[..open]);
                let after = &rest[open + 1..];
                match after.find('}') {
                    Some(close) => {
                        let name = &after[..close];
                        if !arg(name, out) {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
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
        }
        let c = Content::get();
        let mut texts: Vec<String> = [Lang::ZhCn, Lang::En]
            .iter()
            .flat_map(|l| c.locale_keys(*l).map(|k| c.t(*l, k)).collect::<Vec<_>>())
            .collect();
        for odd in [
            "",
            "{",
            "}",
            "{}",
            "a{b",
            "a{b}c{",
            "{a{b}c}",
            "}{x}{",
            "{{x}}",
            "中{名}文{",
            "{x}{y}{x}",
        ] {
            texts.push(odd.to_owned());
        }
        for t in texts {
            let mut arg = |name: &str, out: &mut String| {
                if name.len().is_multiple_of(2) {
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                    true
                } else {
                    false
                }
            };
            let (mut want, mut got) = (String::new(), String::new());
            scan(&t, &mut want, &mut arg);
            Template::new(t.clone()).fill(&mut got, &mut arg);
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn clause_numerals_convert() {
        assert_eq!(clause_number("一"), Some(1));
        assert_eq!(clause_number("十"), Some(10));
        assert_eq!(clause_number("十四"), Some(14));
        assert_eq!(clause_number("二十"), Some(20));
        assert_eq!(clause_number("二十四"), Some(24));
        assert_eq!(clause_number("x"), None);
        assert_eq!(clause_number("十十"), None);
        assert_eq!(clause_number("二十四五"), None);
        let c = Content::get();
        assert_eq!(c.cite(Lang::En, "二十四"), "§24");
        assert_eq!(c.cite(Lang::ZhCn, "二十四"), "§二十四");
        assert_eq!(c.cite(Lang::En, "附录"), "§附录");
    }
}
