//! Engine benchmarks on inventories of 10, 200 and 2,000 systems (with dependencies and cycles):
//! `analyse` (everything), `waves_of` (what step 6 asks about) and `statuses` (the sidebar's
//! eleven screen statuses). Run: `cargo bench --bench engine`. Figures and method: BENCHMARKS.md.

mod common;

use common::{SIZES, edges, slow_group_settings, synthetic};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shangyun::content::Content;
use shangyun::engine;
use std::hint::black_box;

fn bench_engine(c: &mut Criterion) {
    let content = Content::get();
    for (name, f) in [
        ("engine/analyse", 0),
        ("engine/waves_of", 1),
        ("engine/statuses", 2),
    ] {
        let mut group = c.benchmark_group(name);
        for n in SIZES {
            let profile = synthetic(n);
            slow_group_settings(&mut group, n);
            group.throughput(Throughput::Elements((n + edges(&profile)) as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &profile, |b, p| match f {
                0 => b.iter(|| black_box(engine::analyse(content, black_box(p)))),
                1 => b.iter(|| black_box(engine::waves_of(content, black_box(p)))),
                _ => b.iter(|| black_box(engine::statuses(content, black_box(p)))),
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_engine);
criterion_main!(benches);
