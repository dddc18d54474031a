//! Reading a saved profile of any known schema version.
//!
//! [`parse_profile`] reads `schema_version` from a lossless tree of the file ([`super::raw`]),
//! then:
//! - current version: deserialises the text as it is (errors point into the user's file);
//! - older: applies `migrate_vN_to_vN+1` steps one by one on the tree, prints it and
//!   deserialises that (errors are mapped back to the user's file);
//! - newer: refuses, so that a newer shangyun's file is never misread or overwritten.
//!
//! Finally [`Profile::normalise`] repairs what a hand edit may have broken.
//!
//! # Versions
//! - **v0** — the pre-release shape: no `schema_version` (or `schema_version: 0`), and each
//!   system listed the systems it needs under `deps` instead of `depends_on`.
//! - **v1** — the first release: wave answers keyed by wave number.
//! - **v2** — wave answers keyed by a system of the wave (current). The step renames v1's
//!   `waves` to `legacy_waves`: which systems a wave number meant depends on the engine's
//!   verdicts, so the engine reads them by the old numbering until the wizard re-files them
//!   (`engine::waves::adopt_legacy`). It also moves v1's enterprise service level
//!   (`s8.availability`, `s8.response_min`, `s8.rpo_min`, `s8.rto_min`, questions since removed)
//!   onto the provider the engine chooses ([`move_sla_to_chosen_provider`]). That part calls
//!   the pure engine (`engine::providers`) from the store: which provider is chosen is the
//!   engine's rule, and copying it here would let the two drift apart.
//!
//! To add v2: bump `model::SCHEMA_VERSION`, write `migrate_v1_to_v2` below, append it to
//! [`STEPS`], and add a v1 fixture under `tests/fixtures/` with a test that it loads.

use super::raw::{self, Doc, Node, Pos};
use crate::content::Content;
use crate::engine::providers;
use crate::model::{Answer, Profile, SCHEMA_VERSION};

/// One migration step: edits the root of a profile of version N into version N+1.
type Step = fn(&mut Node) -> Result<(), String>;

/// `STEPS[n]` migrates version `n` to `n + 1`; there is one step per version before the current.
const STEPS: [Step; SCHEMA_VERSION as usize] = [migrate_v0_to_v1, migrate_v1_to_v2];

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

/// Parses the text of a saved profile of any known version into the current [`Profile`],
/// repaired by [`Profile::normalise`].
pub fn parse_profile(text: &str) -> Result<Parsed, ParseFailure> {
    parse_profile_with(text, true)
}

/// Like [`parse_profile`], but with `normalise: false` the profile is left exactly as written
/// (upgraded to the current version, but with any dangling references), for `shangyun check`.
pub fn parse_profile_with(text: &str, normalise: bool) -> Result<Parsed, ParseFailure> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut doc = match raw::parse(text) {
        Ok(doc) => doc,
        Err(mine) => {
            // Prefer ron's own message where it also fails; fall back to ours.
            return Err(match ron::from_str::<serde::de::IgnoredAny>(text) {
                Err(e) => ron_failure(&e, |p| Some(skip_blanks(text, p))),
                Ok(_) => invalid(mine.pos, &mine.msg),
            });
        }
    };
    let version = schema_version(&doc)?;
    if version > SCHEMA_VERSION {
        return Err(ParseFailure::Newer { found: version });
    }
    let (mut profile, migrated_from) = if version == SCHEMA_VERSION {
        let p: Profile =
            ron::from_str(text).map_err(|e| ron_failure(&e, |p| Some(skip_blanks(text, p))))?;
        (p, None)
    } else {
        migrate(&mut doc, version)?;
        let (printed, map) = doc.print();
        let p: Profile = ron::from_str(&printed).map_err(|e| {
            let mut f = ron_failure(&e, |p| {
                if p.line == 1 {
                    map.source(&printed, p.col)
                } else {
                    None
                }
            });
            if let ParseFailure::Invalid { msg, .. } = &mut f {
                msg.push_str(&format!(
                    " (after upgrading the file from format {version})"
                ));
            }
            f
        })?;
        (p, Some(version))
    };
    if version < 2 {
        move_sla_to_chosen_provider(&mut profile);
    }
    profile.schema_version = SCHEMA_VERSION;
    if normalise {
        profile.normalise();
    }
    Ok(Parsed {
        profile,
        migrated_from,
    })
}

/// The `schema_version` of a document; a file without one is v0 (the pre-release shape).
fn schema_version(doc: &Doc) -> Result<u32, ParseFailure> {
    let Some(node) = doc.root.field("schema_version") else {
        return Ok(0);
    };
    let at = node.pos.unwrap_or(Pos { line: 1, col: 1 });
    node.as_atom()
        .and_then(|s| s.replace('_', "").parse::<u32>().ok())
        .ok_or_else(|| invalid(at, "schema_version must be a whole number"))
}

/// Applies the steps from `from` up to the current version.
fn migrate(doc: &mut Doc, from: u32) -> Result<(), ParseFailure> {
    for (v, step) in STEPS.iter().enumerate().skip(from as usize) {
        step(&mut doc.root).map_err(|msg| {
            let at = doc.root.pos.unwrap_or(Pos { line: 1, col: 1 });
            invalid(at, &format!("cannot upgrade from format {v}: {msg}"))
        })?;
        let next = u32::try_from(v + 1).unwrap_or(SCHEMA_VERSION);
        doc.root
            .set_field("schema_version", Node::atom(next.to_string()));
    }
    Ok(())
}

/// v0 → v1: a system's dependencies were called `deps`.
fn migrate_v0_to_v1(root: &mut Node) -> Result<(), String> {
    if root.fields().is_none() {
        return Err(
            "the file does not hold a profile (expected `(schema_version: …, …)`)".to_owned(),
        );
    }
    if let Some(systems) = root.field_mut("systems").and_then(Node::items_mut) {
        for system in systems {
            system.rename_field("deps", "depends_on");
        }
    }
    Ok(())
}

/// v1 → v2: wave answers keyed by number move aside to `legacy_waves`.
fn migrate_v1_to_v2(root: &mut Node) -> Result<(), String> {
    root.rename_field("waves", "legacy_waves");
    Ok(())
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

fn ron_failure(e: &ron::error::SpannedError, locate: impl Fn(Pos) -> Option<Pos>) -> ParseFailure {
    let printed = Pos {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    let at = locate(printed).unwrap_or(Pos { line: 1, col: 1 });
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
    fn there_is_one_step_per_older_version() {
        assert_eq!(STEPS.len(), SCHEMA_VERSION as usize);
    }

    #[test]
    fn v0_deps_become_depends_on() {
        let v0 = "(systems: [(id: (1), name: \"ERP\"), (id: (2), name: \"OA\", deps: [(1)])])";
        let parsed = parse_profile(v0).unwrap();
        assert_eq!(parsed.migrated_from, Some(0));
        assert_eq!(parsed.profile.schema_version, SCHEMA_VERSION);
        assert_eq!(parsed.profile.systems[1].depends_on, vec![SystemId(1)]);
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
        assert!(matches!(
            parse_profile("(schema_version: -1)"),
            Err(ParseFailure::Invalid {
                line: 1,
                col: 18,
                ..
            })
        ));
        assert!(matches!(
            parse_profile("[1, 2]"),
            Err(ParseFailure::Invalid { .. })
        ));
    }
}
