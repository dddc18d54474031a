//! Engine benchmarks: `analyse` on inventories of 10, 200 and 2,000 systems (with dependencies
//! and cycles). Run: `cargo bench --bench engine`. Figures and method: BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::engine;
use shangyun::model::Profile;
use shangyun::model::synthetic::synthetic_profile;
use std::hint::black_box;

pub const SIZES: [usize; 3] = [10, 200, 2000];

fn bench_engine(c: &mut Criterion) {
    let content = Content::get();
    let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON).expect("demo parses");
    let mut group = c.benchmark_group("engine/analyse");
    for n in SIZES {
        let profile = synthetic_profile(&demo, n);
        let edges: usize = profile.systems.iter().map(|s| s.depends_on.len()).sum();
        group.throughput(Throughput::Elements((n + edges) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &profile, |b, p| {
            b.iter(|| black_box(engine::analyse(content, black_box(p))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_engine);
criterion_main!(benches);
