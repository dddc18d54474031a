//! A profiling driver for the engine and the exporters (not a benchmark: see `benches/`).
//!
//! `cargo build --release --example prof_engine`, then for example
//! `perf record --call-graph dwarf target/release/examples/prof_engine 2000 markdown` or
//! `valgrind --tool=callgrind target/release/examples/prof_engine 200 analyse` (instruction
//! counts, free of the noise of a shared machine). Arguments: the number of systems (default
//! 2000), what to run (`analyse`, `statuses`, `waves`, `markdown`, `ron`, `json`, `all`
//! (default) or `pipeline`: analyse then Markdown, as `shangyun export` does) and how many times (default 1).
//!
//! To check an optimisation byte for byte at the benchmark sizes, see `examples/dump_outputs.rs`.

use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::engine;
use shangyun::export::{self, Format};
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
    // The analysis the exporters read is only built when an export is asked for, so that an
    // instruction count of `analyse` alone is not doubled by it.
    let exports = [
        ("markdown", Format::Markdown),
        ("ron", Format::Ron),
        ("json", Format::Json),
    ];
    let a = exports
        .iter()
        .any(|(name, _)| what == *name || what == "all")
        .then(|| engine::analyse(content, &p));
    let date = Some("2026-01-01");
    for _ in 0..times {
        if what == "analyse" || what == "all" {
            let t = Instant::now();
            run_analyse(content, &p);
            eprintln!("analyse {n}: {:?}", t.elapsed());
        }
        if what == "statuses" || what == "all" {
            let t = Instant::now();
            run_statuses(content, &p);
            eprintln!("statuses {n}: {:?}", t.elapsed());
        }
        if what == "pipeline" {
            let t = Instant::now();
            let len = run_pipeline(content, &p, date);
            eprintln!("analyse+markdown {n}: {:?} ({len} bytes)", t.elapsed());
        }
        if what == "waves" || what == "all" {
            let t = Instant::now();
            run_waves(content, &p);
            eprintln!("waves_of {n}: {:?}", t.elapsed());
        }
        if let Some(a) = &a {
            for (name, format) in exports {
                if what == name || what == "all" {
                    let t = Instant::now();
                    let len = run_export(format, content, &p, a, date)?;
                    eprintln!("{name} {n}: {:?} ({len} bytes)", t.elapsed());
                }
            }
        }
    }
    Ok(())
}

// One function per measured call, never inlined, so that callgrind can count it alone:
// `valgrind --tool=callgrind --toggle-collect='prof_engine::run_*' ...`.

#[inline(never)]
fn run_analyse(content: &Content, p: &Profile) {
    black_box(engine::analyse(content, black_box(p)));
}

/// What `shangyun export` does: analyse, then Markdown (as the `export/analyse+markdown` bench).
#[inline(never)]
fn run_pipeline(content: &Content, p: &Profile, date: Option<&str>) -> usize {
    let a = engine::analyse(content, black_box(p));
    black_box(export::markdown(content, p.lang, p, &a, date)).len()
}

#[inline(never)]
fn run_statuses(content: &Content, p: &Profile) {
    black_box(engine::statuses(content, black_box(p)));
}

#[inline(never)]
fn run_waves(content: &Content, p: &Profile) {
    black_box(engine::waves_of(content, black_box(p)));
}

#[inline(never)]
fn run_export(
    format: Format,
    content: &Content,
    p: &Profile,
    a: &engine::Analysis,
    date: Option<&str>,
) -> anyhow::Result<usize> {
    Ok(black_box(export::render(format, content, p.lang, p, a, date)?).len())
}
