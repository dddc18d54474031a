use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::model::Profile;
use shangyun::model::synthetic::synthetic_profile;
fn main() {
    let content = Content::get();
    let demo: Profile = parse_ron("demo", DEMO_RON).unwrap();
    let p = synthetic_profile(&demo, 2000);
    let t = std::time::Instant::now();
    let a = shangyun::engine::analyse(content, &p);
    eprintln!("analyse {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let md = shangyun::export::markdown(content, p.lang, &p, &a, Some("2026-01-01"));
    eprintln!("markdown {:?} {}", t.elapsed(), md.len());
}
