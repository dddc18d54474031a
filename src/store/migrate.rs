//! Reading a saved profile of any known schema version, with serde alone.
//!
//! [`parse_profile`] first reads only `schema_version` (every other field is skipped unread),
//! then:
//! - current version: deserialises the text into [`Profile`];
//! - older: deserialises the text into the typed shape of that version (`ProfileV1`) and
//!   converts it to the current one;
//! - newer: refuses, so that a newer shangyun's file is never misread or overwritten.
//!
//! Every version is read from the user's own text, so ron's error positions are the user's
//! line and column. Nesting deeper than ron's recursion limit (128) is refused with a plain
//! message. Finally [`Profile::normalise`] repairs what a hand edit may have broken.
//!
//! # Versions
//! - **v0** — the pre-release shape: no `schema_version` (or `schema_version: 0`), and each
//!   system listed the systems it needs under `deps` instead of `depends_on` (`depends_on`
//!   wins where a hand edit left both). Otherwise v0 is read as v1 (`ProfileV1`).
//! - **v1** — the first release: wave answers keyed by wave number.
//! - **v2** — wave answers keyed by a system of the wave (current). v1's `waves` become
//!   `legacy_waves`: which systems a wave number meant depends on the engine's verdicts, so the
//!   engine reads them by the old numbering until the wizard re-files them
//!   (`engine::waves::adopt_legacy`). v1's enterprise service level (`s8.availability`,
//!   `s8.response_min`, `s8.rpo_min`, `s8.rto_min`, questions since removed) moves onto the
//!   provider the engine chooses (`move_sla_to_chosen_provider`). That part calls the pure
//!   engine (`engine::providers`) from the store: which provider is chosen is the engine's
//!   rule, and copying it here would let the two drift apart.
//!
//! To add v3: bump `model::SCHEMA_VERSION`, freeze today's shape as a `ProfileV2` with a
//! conversion to [`Profile`], read version 2 through it in [`parse_profile_with`], and add a
//! v2 fixture under `tests/fixtures/` with a test that it loads.

use crate::content::Content;
use crate::engine::providers;
use crate::model::{
    Answer, Answers, Lang, Position, Profile, Provider, SCHEMA_VERSION, Spot, System, SystemId,
};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A line and column (1-based, in characters) of the user's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    col: usize,
}

/// Why a text is not a readable profile.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseFailure {
    /// Syntax or type error, at a position of the original text.
    Invalid {
        line: usize,
        col: usize,
        msg: String,
    },
    /// Written by a newer shangyun.
    Newer { found: u32 },
}

/// A profile read from text.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub profile: Profile,
    /// The version the text had, when it was older than the current one.
    pub migrated_from: Option<u32>,
}

/// Only the version of a profile (0 when absent); every other field is skipped unread. A root
/// without any field (`()`) holds no profile and is refused.
struct Version(u32);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum Key {
            SchemaVersion,
            #[serde(other)]
            Other,
        }
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Version;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a profile `(schema_version: …, …)`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Version, A::Error> {
                let (mut version, mut fields) = (0, 0);
                while let Some(key) = map.next_key::<Key>()? {
                    fields += 1;
                    match key {
                        Key::SchemaVersion => version = map.next_value::<u32>()?,
                        Key::Other => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                if fields == 0 {
                    return Err(serde::de::Error::custom(
                        "the file does not hold a profile (expected `(schema_version: …, …)`)",
                    ));
                }
                Ok(Version(version))
            }
        }
        d.deserialize_struct("Profile", &["schema_version"], Fields)
    }
}

/// A system of schema v0 and v1: v0 named its dependencies `deps`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SystemV1 {
    id: SystemId,
    name: String,
    answers: Answers,
    #[serde(deserialize_with = "present")]
    depends_on: Option<Vec<SystemId>>,
    #[serde(deserialize_with = "present")]
    deps: Option<Vec<SystemId>>,
}

/// A list that is there (`None` only when the field is absent).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<SystemId>>, D::Error> {
    Vec::deserialize(d).map(Some)
}

/// A profile of schema v0 and v1: the current shape but for wave answers keyed by number.
#[derive(Deserialize)]
#[serde(default)]
struct ProfileV1 {
    lang: Lang,
    answers: Answers,
    systems: Vec<SystemV1>,
    providers: Vec<Provider>,
    waves: BTreeMap<u32, Answers>,
    ticks: BTreeSet<String>,
    position: Position,
    spot: Spot,
    next_system_id: u32,
    next_provider_id: u32,
}

impl Default for ProfileV1 {
    fn default() -> Self {
        let p = Profile::default();
        ProfileV1 {
            lang: p.lang,
            answers: p.answers,
            systems: Vec::new(),
            providers: p.providers,
            waves: BTreeMap::new(),
            ticks: p.ticks,
            position: p.position,
            spot: p.spot,
            next_system_id: p.next_system_id,
            next_provider_id: p.next_provider_id,
        }
    }
}

impl ProfileV1 {
    /// v0 → v1 → v2 (see the module doc); `version` is the file's, 0 or 1.
    fn upgrade(self, version: u32) -> Profile {
        let v1 = self;
        let systems = v1
            .systems
            .into_iter()
            .map(|s| System {
                id: s.id,
                name: s.name,
                answers: s.answers,
                depends_on: match (s.depends_on, s.deps) {
                    (Some(d), _) => d,
                    (None, Some(d)) if version == 0 => d,
                    (None, _) => Vec::new(),
                },
            })
            .collect();
        let mut p = Profile {
            schema_version: SCHEMA_VERSION,
            lang: v1.lang,
            answers: v1.answers,
            systems,
            providers: v1.providers,
            waves: BTreeMap::new(),
            legacy_waves: v1.waves,
            ticks: v1.ticks,
            position: v1.position,
            spot: v1.spot,
            next_system_id: v1.next_system_id,
            next_provider_id: v1.next_provider_id,
        };
        move_sla_to_chosen_provider(&mut p);
        p
    }
}

/// Parses the text of a saved profile of any known version into the current [`Profile`],
/// repaired by [`Profile::normalise`].
pub fn parse_profile(text: &str) -> Result<Parsed, ParseFailure> {
    parse_profile_with(text, true)
}

/// Like [`parse_profile`], but with `normalise: false` the profile is left exactly as written
/// (upgraded to the current version, but with any dangling references), for `shangyun check`.
pub fn parse_profile_with(text: &str, normalise: bool) -> Result<Parsed, ParseFailure> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Syntax and nesting first, so that those errors come from ron whatever the root holds.
    read::<serde::de::IgnoredAny>(text, None)?;
    let Version(version) = read::<Version>(text, None)?;
    if version > SCHEMA_VERSION {
        return Err(ParseFailure::Newer { found: version });
    }
    let (mut profile, migrated_from) = if version == SCHEMA_VERSION {
        (read::<Profile>(text, None)?, None)
    } else {
        let v1 = read::<ProfileV1>(text, Some(version))?;
        (v1.upgrade(version), Some(version))
    };
    profile.schema_version = SCHEMA_VERSION;
    if normalise {
        profile.normalise();
    }
    Ok(Parsed {
        profile,
        migrated_from,
    })
}

/// Deserialises `text` as a `T`; errors point into `text`, and name the file's format when it
/// is an older one.
fn read<T: serde::de::DeserializeOwned>(text: &str, older: Option<u32>) -> Result<T, ParseFailure> {
    ron::from_str(text).map_err(|e| {
        let mut f = ron_failure(&e, |p| skip_blanks(text, p));
        if let (Some(v), ParseFailure::Invalid { msg, .. }) = (older, &mut f) {
            msg.push_str(&format!(" (in a file of the older format {v})"));
        }
        f
    })
}

/// v1's enterprise service-level answers and the provider questions that replaced them (step 3).
const SLA_MOVES: [(&str, &str); 4] = [
    ("s8.availability", "prov.sla"),
    ("s8.response_min", "prov.response_min"),
    ("s8.rpo_min", "prov.rpo_min"),
    ("s8.rto_min", "prov.rto_min"),
];

/// Part of v1 → v2: the service level agreed with the provider was asked once for the
/// enterprise (`s8.*`); it is now asked per provider and the §十七 gaps are measured against the
/// chosen one. Each `s8.*` figure moves onto the provider the engine would choose (the one
/// marked `prov.chosen`, else the top-ranked one) unless that provider has its own figure,
/// which always wins. When a figure moves and no provider is marked, the chosen one is marked
/// `prov.chosen: YesNo(true)`, so that the figures do not silently follow a later change of
/// ranking. The `s8.*` answers are dropped either way: without any provider they are lost, as
/// the wizard has no question left to show them under.
pub(crate) fn move_sla_to_chosen_provider(profile: &mut Profile) {
    let ranked = providers::rank(Content::get(), profile);
    let chosen = providers::chosen_index(profile, &ranked);
    let marked = profile
        .providers
        .iter()
        .any(|p| p.answers.yes_no(providers::CHOSEN_QUESTION) == Some(true));
    let mut moved = false;
    for (old, new) in SLA_MOVES {
        let Some(answer) = profile.answers.0.remove(old) else {
            continue;
        };
        let Some(p) = chosen.and_then(|i| profile.providers.get_mut(i)) else {
            continue;
        };
        if !p.answers.is_answered(new) {
            p.answers.set(new, Some(answer));
            moved = true;
        }
    }
    if moved
        && !marked
        && let Some(p) = chosen.and_then(|i| profile.providers.get_mut(i))
    {
        p.answers
            .set(providers::CHOSEN_QUESTION, Some(Answer::YesNo(true)));
    }
}

fn invalid(at: Pos, msg: &str) -> ParseFailure {
    ParseFailure::Invalid {
        line: at.line,
        col: at.col,
        msg: msg.to_owned(),
    }
}

/// `ron` reports the position where it started looking for a value, which may be the blank
/// before it; point at the value itself.
fn skip_blanks(text: &str, at: Pos) -> Pos {
    let Some(line) = text.split('\n').nth(at.line.saturating_sub(1)) else {
        return at;
    };
    let blanks = line
        .chars()
        .skip(at.col.saturating_sub(1))
        .take_while(|c| matches!(c, ' ' | '\t'))
        .count();
    let col = at.col + blanks;
    if col > line.trim_end_matches('\r').chars().count() {
        at
    } else {
        Pos { line: at.line, col }
    }
}

/// The message for values nested deeper than the parsers go (ron's `recursion_limit`, 128).
const NESTED_TOO_DEEPLY: &str = "values are nested too deeply (more than 128 levels)";

fn ron_failure(e: &ron::error::SpannedError, locate: impl Fn(Pos) -> Pos) -> ParseFailure {
    let at = locate(Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    });
    // ron's own text for this one is advice to programmers (a limit to raise, a crate to use)
    let msg = match e.code {
        ron::Error::ExceededRecursionLimit => NESTED_TOO_DEEPLY.to_owned(),
        ref code => code.to_string(),
    };
    invalid(at, &msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SystemId;

    #[test]
    fn v0_deps_become_depends_on() {
        let v0 = "(systems: [(id: (1), name: \"ERP\"), (id: (2), name: \"OA\", deps: [(1)])])";
        let parsed = parse_profile(v0).unwrap();
        assert_eq!(parsed.migrated_from, Some(0));
        assert_eq!(parsed.profile.schema_version, SCHEMA_VERSION);
        assert_eq!(parsed.profile.systems[1].depends_on, vec![SystemId(1)]);
    }

    #[test]
    fn depends_on_wins_over_deps_and_only_v0_reads_deps() {
        let both = "(systems: [(id: (1)), (id: (2)), (id: (3), deps: [(1)], depends_on: [(2)])])";
        let p = parse_profile(both).unwrap().profile;
        assert_eq!(p.systems[2].depends_on, vec![SystemId(2)]);
        let v1 = "(schema_version: 1, systems: [(id: (1)), (id: (2), deps: [(1)])])";
        assert!(
            parse_profile(v1).unwrap().profile.systems[1]
                .depends_on
                .is_empty()
        );
        assert!(matches!(
            parse_profile("()"),
            Err(ParseFailure::Invalid { msg, .. }) if msg.contains("does not hold a profile")
        ));
    }

    #[test]
    fn v1_wave_answers_move_aside_for_the_engine_to_file() {
        let v1 = "(schema_version: 1, systems: [(id: (1), name: \"ERP\")], \
                  waves: {1: {\"wave.start\": Text(\"2027-01-09\")}})";
        let p = parse_profile(v1).unwrap().profile;
        assert!(p.waves.is_empty());
        assert_eq!(
            p.legacy_waves.get(&1).and_then(|a| a.text("wave.start")),
            Some("2027-01-09")
        );
    }

    fn v1_with_providers(providers: &str) -> String {
        format!(
            "(schema_version: 1, answers: {{\"s8.availability\": Number(99.9), \
             \"s8.rto_min\": Number(240), \"s8.monitoring\": YesNo(true)}}, \
             providers: [{providers}])"
        )
    }

    #[test]
    fn v1_service_level_moves_to_the_marked_provider_without_overwriting_its_own() {
        let v1 = v1_with_providers(
            "(id: (1), name: \"A\", answers: {\"prov.r_cost\": Rating(5)}), \
             (id: (2), name: \"B\", answers: {\"prov.chosen\": YesNo(true), \
              \"prov.sla\": Number(99.95)})",
        );
        let p = parse_profile(&v1).unwrap().profile;
        let b = &p.providers[1].answers;
        assert_eq!(b.number("prov.sla"), Some(99.95), "its own figure wins");
        assert_eq!(b.number("prov.rto_min"), Some(240.0));
        assert!(p.providers[0].answers.number("prov.rto_min").is_none());
        assert!(p.providers[0].answers.yes_no("prov.chosen").is_none());
        assert!(p.answers.get("s8.availability").is_none());
        assert!(p.answers.get("s8.rto_min").is_none());
        assert_eq!(
            p.answers.yes_no("s8.monitoring"),
            Some(true),
            "still a question"
        );
    }

    #[test]
    fn v1_service_level_moves_to_the_top_ranked_provider_and_marks_it() {
        let v1 = v1_with_providers(
            "(id: (1), name: \"A\", answers: {\"prov.r_cost\": Rating(1)}), \
             (id: (2), name: \"B\", answers: {\"prov.r_cost\": Rating(5), \
              \"prov.capability\": YesNo(true), \"prov.trust\": YesNo(true)})",
        );
        let p = parse_profile(&v1).unwrap().profile;
        let b = &p.providers[1].answers;
        assert_eq!(b.number("prov.sla"), Some(99.9));
        assert_eq!(b.number("prov.rto_min"), Some(240.0));
        assert_eq!(b.yes_no("prov.chosen"), Some(true));
        assert!(p.providers[0].answers.number("prov.sla").is_none());
    }

    #[test]
    fn v1_service_level_without_providers_is_dropped() {
        let p = parse_profile(&v1_with_providers("")).unwrap().profile;
        assert!(p.providers.is_empty());
        assert!(p.answers.get("s8.availability").is_none());
        assert!(p.answers.get("s8.rto_min").is_none());
    }

    #[test]
    fn v2_files_keep_what_they_hold() {
        let v2 = v1_with_providers("(id: (1), name: \"A\")").replace("version: 1", "version: 2");
        let p = parse_profile_with(&v2, false).unwrap().profile;
        assert_eq!(p.answers.number("s8.availability"), Some(99.9));
        assert!(p.providers[0].answers.0.is_empty());
    }

    #[test]
    fn current_files_are_read_as_written() {
        let mut p = Profile::default();
        let a = p.add_system("A");
        let b = p.add_system("B");
        p.toggle_dependency(b, a);
        let text = ron::ser::to_string_pretty(&p, Default::default()).unwrap();
        let parsed = parse_profile(&text).unwrap();
        assert_eq!(parsed.migrated_from, None);
        assert_eq!(parsed.profile, p);
    }

    #[test]
    fn newer_files_are_refused() {
        assert_eq!(
            parse_profile("(schema_version: 99, bogus: Whatever(1))"),
            Err(ParseFailure::Newer { found: 99 })
        );
    }

    #[test]
    fn errors_point_into_the_original_file() {
        // Current version: ron's own position.
        let e = parse_profile("(\n  schema_version: 2,\n  lang: \"fr\",\n)").unwrap_err();
        assert!(matches!(e, ParseFailure::Invalid { line: 3, .. }), "{e:?}");
        // Migrated text: mapped back from the printed line to the source line.
        let e = parse_profile("(\n  schema_version: 0,\n  systems: [\n    (deps: \"x\"),\n  ],\n)")
            .unwrap_err();
        match e {
            ParseFailure::Invalid { line, col, msg } => {
                assert_eq!((line, col), (4, 12), "{msg}");
                assert!(msg.contains("format 0"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
        // Syntax error.
        let e =
            parse_profile("(\n  schema_version: 2,\n  lang: En\n  systems: [],\n)").unwrap_err();
        assert!(matches!(e, ParseFailure::Invalid { line: 4, .. }), "{e:?}");
        // ron points at the digits of a negative number
        assert!(matches!(
            parse_profile("(schema_version: -1)"),
            Err(ParseFailure::Invalid {
                line: 1,
                col: 19,
                ..
            })
        ));
        assert!(matches!(
            parse_profile("[1, 2]"),
            Err(ParseFailure::Invalid { .. })
        ));
    }
}
