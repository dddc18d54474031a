//! Rendering benchmarks: one frame of every screen — Welcome, Profile, the ten steps, and the
//! results tabs Plan / Scorecard / Checklist — at 80×24 and 200×60, drawn with `ui::render`
//! into ratatui's `TestBackend` (the buffer diff included) on the demo enterprise.
//! Run: `cargo bench --bench render`. Figures: BENCHMARKS.md.

mod common;

use common::{app_at, demo, draw, terminal};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use shangyun::model::{Position, ResultTab, StepId};

fn screens() -> Vec<(String, Position)> {
    let mut v = vec![
        ("welcome".to_owned(), Position::Welcome),
        ("profile".to_owned(), Position::Profile),
    ];
    for s in StepId::ALL {
        v.push((format!("step{}", s.number()), Position::Step(s)));
    }
    for t in ResultTab::ALL {
        let name = format!("results-{t:?}").to_lowercase();
        v.push((name, Position::Results(t)));
    }
    v
}

fn bench_render(c: &mut Criterion) {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut group = c.benchmark_group(format!("render/{w}x{h}"));
        for (name, pos) in screens() {
            let app = app_at(demo(), pos);
            let mut term = terminal(w, h);
            draw(&mut term, &app);
            group.bench_function(BenchmarkId::from_parameter(&name), |b| {
                b.iter(|| draw(&mut term, &app))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
