//! Export benchmarks on 10, 200 and 2,000 systems: Markdown, RON and JSON from a ready
//! analysis, the document model alone, and the whole pipeline the `export` command runs
//! (`analyse` + Markdown). Run: `cargo bench --bench export`. Figures: BENCHMARKS.md.

mod common;

use common::{SIZES, edges, slow_group_settings, synthetic};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shangyun::content::Content;
use shangyun::engine;
use shangyun::export::{self, Format};
use std::hint::black_box;

const DATE: Option<&str> = Some("2026-01-01");

fn bench_export(c: &mut Criterion) {
    let content = Content::get();
    let inputs: Vec<_> = SIZES
        .iter()
        .map(|&n| {
            let p = synthetic(n);
            let a = engine::analyse(content, &p);
            (n, p, a)
        })
        .collect();
    for (name, format) in [
        ("export/markdown", Format::Markdown),
        ("export/ron", Format::Ron),
        ("export/json", Format::Json),
    ] {
        let mut group = c.benchmark_group(name);
        for (n, p, a) in &inputs {
            slow_group_settings(&mut group, *n);
            group.throughput(Throughput::Elements((n + edges(p)) as u64));
            group.bench_function(BenchmarkId::from_parameter(n), |b| {
                b.iter(|| {
                    black_box(
                        export::render(format, content, p.lang, black_box(p), a, DATE)
                            .expect("export"),
                    )
                })
            });
        }
        group.finish();
    }
    let mut group = c.benchmark_group("export/document");
    for (n, p, a) in &inputs {
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Elements((n + edges(p)) as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                black_box(export::build_document(
                    content,
                    p.lang,
                    black_box(p),
                    a,
                    DATE,
                ))
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("export/analyse+markdown");
    for (n, p, _) in &inputs {
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Elements((n + edges(p)) as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let a = engine::analyse(content, black_box(p));
                black_box(export::markdown(content, p.lang, p, &a, DATE))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
