//! A profiling driver for the engine and the exporters (not a benchmark: see `benches/`).
//!
//! `cargo build --release --example prof_engine`, then for example
//! `perf record --call-graph dwarf target/release/examples/prof_engine 2000 markdown` or
//! `valgrind --tool=callgrind target/release/examples/prof_engine 200 analyse` (instruction
//! counts, free of the noise of a shared machine). Arguments: the number of systems (default
//! 2000), what to run (`analyse`, `markdown`, `ron`, `json` or `all`, default `all`) and how many
//! times (default 1).
//!
//! `prof_engine N dump DIR` instead writes every output for `N` systems into `DIR` (the analysis,
//! waves, statuses, problems, and every export in both languages), so that an optimisation can be
//! checked byte for byte at the benchmark sizes: run it before and after, then `diff -r`.

use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::engine;
use shangyun::export::{self, Format};
use shangyun::model::synthetic::synthetic_profile;
use shangyun::model::{Lang, Profile, StepId};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

/// Every output for `p` into `dir`, named after `n`.
fn dump(content: &Content, p: &Profile, n: usize, dir: &str) -> anyhow::Result<()> {
    let a = engine::analyse(content, p);
    let mut s = String::new();
    writeln!(s, "{a:#?}")?;
    writeln!(s, "{:?}", engine::waves_of(content, p))?;
    writeln!(s, "{:?}", engine::statuses(content, p))?;
    writeln!(s, "{:?}", engine::profile_problems(content, p))?;
    for step in std::iter::once(None).chain(StepId::ALL.into_iter().map(Some)) {
        writeln!(s, "{:?}", engine::problems(content, p, step))?;
        writeln!(s, "{:?}", engine::screen_status(content, p, step))?;
    }
    std::fs::write(format!("{dir}/{n}.engine.txt"), s)?;
    for lang in [Lang::ZhCn, Lang::En] {
        for (f, ext) in [
            (Format::Markdown, "md"),
            (Format::Ron, "ron"),
            (Format::Json, "json"),
        ] {
            let text = export::render(f, content, lang, p, &a, Some("2026-01-01"))?;
            std::fs::write(format!("{dir}/{n}.{lang:?}.{ext}"), text)?;
        }
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let what = args.next().unwrap_or_else(|| "all".to_owned());
    if what == "dump" {
        let dir = args
            .next()
            .ok_or_else(|| anyhow::anyhow!("usage: prof_engine N dump DIR"))?;
        let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON)?;
        return dump(Content::get(), &synthetic_profile(&demo, n), n, &dir);
    }
    let times: usize = args.next().map_or(Ok(1), |s| s.parse())?;
    let content = Content::get();
    let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON)?;
    let p = synthetic_profile(&demo, n);
    let a = engine::analyse(content, &p);
    let date = Some("2026-01-01");
    for _ in 0..times {
        if what == "analyse" || what == "all" {
            let t = Instant::now();
            black_box(engine::analyse(content, black_box(&p)));
            eprintln!("analyse {n}: {:?}", t.elapsed());
        }
        for (name, format) in [
            ("markdown", Format::Markdown),
            ("ron", Format::Ron),
            ("json", Format::Json),
        ] {
            if what == name || what == "all" {
                let t = Instant::now();
                let out = export::render(format, content, p.lang, &p, &a, date)?;
                eprintln!("{name} {n}: {:?} ({} bytes)", t.elapsed(), out.len());
            }
        }
    }
    Ok(())
}
