//! A profiling driver for the engine and the exporters (not a benchmark: see `benches/`).
//!
//! `cargo build --release --example prof_engine`, then for example
//! `perf record --call-graph dwarf target/release/examples/prof_engine 2000 markdown` or
//! `valgrind --tool=callgrind target/release/examples/prof_engine 200 analyse` (instruction
//! counts, free of the noise of a shared machine). Arguments: the number of systems (default
//! 2000), what to run (`analyse`, `markdown`, `ron`, `json` or `all`, default `all`) and how many
//! times (default 1).

use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::export::Format;
use shangyun::model::Profile;
use shangyun::model::synthetic::synthetic_profile;
use std::hint::black_box;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let what = args.next().unwrap_or_else(|| "all".to_owned());
    let times: usize = args.next().map_or(Ok(1), |s| s.parse())?;
    let content = Content::get();
    let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON)?;
    let p = synthetic_profile(&demo, n);
    let a = shangyun::engine::analyse(content, &p);
    let date = Some("2026-01-01");
    for _ in 0..times {
        if what == "analyse" || what == "all" {
            let t = Instant::now();
            black_box(shangyun::engine::analyse(content, black_box(&p)));
            eprintln!("analyse {n}: {:?}", t.elapsed());
        }
        for (name, format) in [
            ("markdown", Format::Markdown),
            ("ron", Format::Ron),
            ("json", Format::Json),
        ] {
            if what == name || what == "all" {
                let t = Instant::now();
                let out = shangyun::export::render(format, content, p.lang, &p, &a, date)?;
                eprintln!("{name} {n}: {:?} ({} bytes)", t.elapsed(), out.len());
            }
        }
    }
    Ok(())
}
