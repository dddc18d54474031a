//! Any bytes as a saved profile: the loader must return a profile or an error, never panic, and
//! whatever it accepts must go through the engine and every export, and save and load again.
//!
//! Run: `cargo +nightly fuzz run load_profile fuzz/corpus/load_profile fuzz/seeds/load_profile
//!       -- -dict=fuzz/load_profile.dict -max_total_time=600` (see docs/reliability.md).

#![no_main]

use libfuzzer_sys::fuzz_target;
use shangyun::content::Content;
use shangyun::engine;
use shangyun::export::{self, Format};
use shangyun::model::Lang;
use shangyun::store::{self, migrate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // `check` reads files as written; the store and `export` read them normalised.
    let _ = migrate::parse_profile_with(text, false);
    let Ok(parsed) = migrate::parse_profile(text) else {
        return;
    };
    let profile = parsed.profile;
    let content = Content::get();
    let analysis = engine::analyse(content, &profile);
    let _ = engine::profile_problems(content, &profile);
    for lang in Lang::ALL {
        let md = export::markdown(content, lang, &profile, &analysis, Some("2025-01-15"));
        assert!(
            !md.chars().any(|c| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c)),
            "an escape or C1 control character reached the Markdown"
        );
    }
    for format in [Format::Ron, Format::Json] {
        let _ = export::render(format, content, Lang::En, &profile, &analysis, None);
    }
    // What was loaded can be saved, and the saved text loads again to the same text: a loaded
    // profile never becomes unsaveable or unreadable.
    let saved = store::profile_text(&profile).expect("a loaded profile serialises");
    let again = migrate::parse_profile(&saved)
        .unwrap_or_else(|e| panic!("the saved text does not load: {e:?}\n{saved}"));
    let resaved = store::profile_text(&again.profile).expect("serialises again");
    assert_eq!(saved, resaved, "save → load → save changed the text");
});
