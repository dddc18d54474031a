//! Replays every input under `tests/fixtures/fuzz/` (crashes found by `cargo fuzz`, and inputs
//! found by hand that crashed the loader) through the same checks as the fuzz target
//! `fuzz/fuzz_targets/load_profile.rs`: load, analyse, export in every format, save and load
//! again. Keep the two in step.

use shangyun::content::Content;
use shangyun::engine;
use shangyun::export::{self, Format};
use shangyun::model::Lang;
use shangyun::store::{self, migrate};
use std::fs;
use std::path::PathBuf;

/// The fuzz target's body. Returns whether the input loaded.
fn check(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let _ = migrate::parse_profile_with(text, false);
    let Ok(parsed) = migrate::parse_profile(text) else {
        return false;
    };
    let profile = parsed.profile;
    let content = Content::get();
    let analysis = engine::analyse(content, &profile);
    let _ = engine::profile_problems(content, &profile);
    for lang in Lang::ALL {
        let md = export::markdown(content, lang, &profile, &analysis, Some("2025-01-15"));
        assert!(
            !md.chars()
                .any(|c| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c)),
            "an escape or C1 control character reached the Markdown"
        );
    }
    for format in [Format::Ron, Format::Json] {
        export::render(format, content, Lang::En, &profile, &analysis, None).unwrap();
    }
    let saved = store::profile_text(&profile).expect("a loaded profile serialises");
    let again = migrate::parse_profile(&saved)
        .unwrap_or_else(|e| panic!("the saved text does not load: {e:?}\n{saved}"));
    assert_eq!(
        store::profile_text(&again.profile).unwrap(),
        saved,
        "save → load → save changed the text"
    );
    true
}

fn inputs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut v: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

#[test]
fn every_recorded_crash_is_fixed() {
    let inputs = inputs();
    assert!(!inputs.is_empty());
    for path in inputs {
        let data = fs::read(&path).unwrap();
        let name = path.display().to_string();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{name} still crashes");
    }
}

#[test]
fn the_seeds_pass_the_fuzz_checks() {
    // The corpus seeds (the demo, the fixtures, odd values) load and pass every check, so a
    // fuzzing run starts from inputs that reach the engine and the export.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/load_profile");
    let mut n = 0;
    for e in fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        assert!(
            check(&fs::read(&path).unwrap()),
            "{} does not load",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 3);
}
