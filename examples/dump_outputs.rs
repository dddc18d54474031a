//! Writes every output of the engine and the exporters for a few awkward profiles (the demo,
//! hand-edit-like answers, 300 synthetic systems, an empty profile) into a folder, so that an
//! optimisation can be checked byte for byte: run it on the code before and after, then
//! `diff -r`. Usage: `cargo run --release --example dump_outputs -- OUT_DIR [N ...]`: each `N`
//! adds a synthetic inventory of `N` systems (`syn<N>`), e.g. the benchmark sizes 10 200 2000.

use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::engine;
use shangyun::export::{self, Format};
use shangyun::model::synthetic::synthetic_profile;
use shangyun::model::{Answer, Lang, Profile, StepId};
use std::fmt::Write as _;

fn odd(demo: &Profile) -> Profile {
    let mut p = demo.clone();
    let odd = [
        Answer::Text("  ".into()),
        Answer::Choices(vec![]),
        Answer::Number(f64::NAN),
        Answer::Rating(9),
        Answer::Choice("nonsense".into()),
        Answer::YesNo(true),
        Answer::Text("a\u{1b}[31m|*x*\r\n- y\t`z`".into()),
        Answer::Number(1e9),
    ];
    let ids: Vec<String> = Content::get().questions().map(|q| q.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        let a = odd.get(k % odd.len()).cloned();
        if id.starts_with("sys.") {
            for (i, s) in p.systems.iter_mut().enumerate() {
                if (i + k) % 3 == 0 {
                    s.answers.set(id.as_str(), a.clone());
                }
            }
        } else if id.starts_with("wave.") {
            p.legacy_waves.entry(1).or_default().set(id.as_str(), a);
        } else if id.starts_with("prov.") {
            for pr in &mut p.providers {
                pr.answers.set(id.as_str(), a.clone());
            }
        } else {
            p.answers.set(id.as_str(), a);
        }
    }
    for (i, s) in p.systems.iter_mut().enumerate() {
        match i % 7 {
            0 => s.name = " ".into(),
            1 => s.name = "Dup **name** | <x>".into(),
            2 => s.name = "dup **NAME** | <x> ".into(),
            3 => s.name = "1. \u{9b}2J`a`\n# h".into(),
            _ => {}
        }
    }
    if let Some(pr) = p.providers.first_mut() {
        pr.name = String::new();
    }
    p
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out_dir = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: dump_outputs OUT_DIR [N ...]"))?;
    let sizes = args
        .map(|a| a.parse::<usize>())
        .collect::<Result<Vec<_>, _>>()?;
    let c = Content::get();
    let demo: Profile = parse_ron("demo", DEMO_RON)?;
    let mut profiles = vec![
        ("demo".to_owned(), demo.clone()),
        ("odd".to_owned(), odd(&demo)),
        ("syn".to_owned(), synthetic_profile(&demo, 300)),
        ("oddsyn".to_owned(), odd(&synthetic_profile(&demo, 300))),
        ("empty".to_owned(), Profile::default()),
    ];
    for n in sizes {
        profiles.push((format!("syn{n}"), synthetic_profile(&demo, n)));
    }
    for (name, p) in &profiles {
        let a = engine::analyse(c, p);
        let mut s = String::new();
        writeln!(s, "{:#?}", a)?;
        writeln!(s, "{:?}", engine::waves_of(c, p))?;
        writeln!(s, "{:?}", engine::statuses(c, p))?;
        writeln!(s, "{:?}", engine::profile_problems(c, p))?;
        for step in std::iter::once(None).chain(StepId::ALL.into_iter().map(Some)) {
            writeln!(s, "{:?}", engine::problems(c, p, step))?;
            writeln!(s, "{:?}", engine::screen_status(c, p, step))?;
        }
        std::fs::write(format!("{out_dir}/{name}.engine.txt"), s)?;
        for lang in [Lang::ZhCn, Lang::En] {
            for (f, ext) in [
                (Format::Markdown, "md"),
                (Format::Ron, "ron"),
                (Format::Json, "json"),
            ] {
                let text = export::render(f, c, lang, p, &a, Some("2026-01-01"))?;
                std::fs::write(format!("{out_dir}/{name}.{lang:?}.{ext}"), text)?;
            }
        }
    }
    Ok(())
}
