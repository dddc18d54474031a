//! Engine behaviour: every rule family, waves, scoring, checklist, validation.

use shangyun::content::Content;
use shangyun::engine::analyse;
use shangyun::model::Profile;

#[test]
fn content_parses() {
    Content::parse().expect("assets and locales parse");
}

#[test]
fn empty_profile_does_not_panic() {
    let a = analyse(Content::get(), &Profile::default());
    assert!(a.systems.is_empty());
    assert_eq!(a.scorecard.steps.len(), 10);
}

#[test]
fn lint_dump() {
    let c = Content::parse().unwrap();
    let errs = shangyun::engine::lint::lint(&c);
    println!("errors: {}", errs.len());
    for e in errs {
        {
            println!("{e}");
        }
    }
}
