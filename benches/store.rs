//! Store benchmarks on 10, 200 and 2,000 systems, through `store::Store` / `ProfileLock` into a
//! temporary folder under `target/` (a real disk, not tmpfs): an atomic save that changes the
//! file (the old one becomes `.bak` by a hard link, then one fsync'd write and a folder fsync),
//! a save of an unchanged profile (read and compare only), a load, and the parts: RON text
//! alone, and one fsync'd write of the same bytes (the floor that the disk sets). Run:
//! `cargo bench --bench store`. Figures: BENCHMARKS.md.

mod common;

use common::{SIZES, edges, slow_group_settings, synthetic};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use shangyun::model::Answer;
use shangyun::store::{self, Store};
use std::hint::black_box;

fn bench_store(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let store = Store::open(dir.path()).expect("store");
    let profiles: Vec<_> = SIZES
        .iter()
        .map(|&n| {
            let a = synthetic(n);
            // Two versions that differ by one answer, so that every save really writes.
            let mut b = a.clone();
            b.answers
                .set("ent.employees", Some(Answer::Number(12_345.0)));
            (n, a, b)
        })
        .collect();

    let mut group = c.benchmark_group("store/save");
    for (n, a, b) in &profiles {
        let lock = store.lock(&format!("bench-{n}")).expect("lock");
        lock.save(a).expect("first save");
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Elements((n + edges(a)) as u64));
        let mut flip = false;
        group.bench_function(BenchmarkId::from_parameter(n), |bench| {
            bench.iter(|| {
                flip = !flip;
                black_box(lock.save(if flip { b } else { a }).expect("save"))
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("store/save_unchanged");
    for (n, a, _) in &profiles {
        let lock = store.lock(&format!("bench-{n}")).expect("lock");
        lock.save(a).expect("save");
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Elements((n + edges(a)) as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |bench| {
            bench.iter(|| black_box(lock.save(a).expect("save")))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("store/load");
    for (n, a, _) in &profiles {
        let name = format!("bench-{n}");
        store.lock(&name).expect("lock").save(a).expect("save");
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Elements((n + edges(a)) as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |bench| {
            bench.iter(|| black_box(store.load(&name).expect("load")))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("store/ron_text");
    for (n, a, _) in &profiles {
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Elements((n + edges(a)) as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |bench| {
            bench.iter(|| black_box(store::profile_text(black_box(a)).expect("ron")))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("store/fsync_write");
    for (n, a, _) in &profiles {
        let bytes = store::profile_text(a).expect("ron").into_bytes();
        let path = dir.path().join(format!("raw-{n}"));
        slow_group_settings(&mut group, *n);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |bench| {
            bench.iter(|| {
                let mut f = std::fs::File::create(&path).expect("create");
                store::write_synced(&mut f, &bytes).expect("write");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_store);
criterion_main!(benches);
