//! Keystroke benchmarks at 200×60: one key = the keymap, `update`, and the next frame drawn into
//! ratatui's `TestBackend`, on inventories of 10, 200 and 2,000 systems:
//! - `inventory_cursor`: Down/Up in the inventory table of step 1 (no change to the profile);
//! - `inventory_move`: `J`/`K` (move the selected system) — a change of the profile;
//! - `answer_toggle`: Space on a yes/no question of step 4 — a change of the profile;
//! - `plan_scroll` / `scorecard_scroll`: Down/Up on the results tabs;
//! - `frame_only`: the step 1 frame without a key (what the key adds is the difference).
//!
//! A change makes what is derived from the profile stale (`App::refresh`). The wizard refreshes
//! right after the key while that is cheap, and when typing pauses once it takes longer than a
//! frame (`tui::pace`). So each change is measured both ways: `…/now` = key + refresh + frame
//! (what a small inventory sees), `…/deferred` = key + frame (what a large one sees per key),
//! and `refresh` alone is the work done in the pause (analysis, step statuses, problems).
//!
//! Saves are not run (the store has its own benchmark). Run: `cargo bench --bench keystroke`.

mod common;

use common::{SIZES, app_at, draw, press, synthetic, terminal};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use shangyun::model::{Position, ResultTab, StepId};
use shangyun::tui::app::{App, Screen};
use shangyun::tui::screens::form::Item;

const W: u16 = 200;
const H: u16 = 60;

/// Tabs until `done` holds (at most 100 keys).
fn tab_until(app: &mut App, done: impl Fn(&App) -> bool) {
    for _ in 0..100 {
        if done(app) {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("focus never reached the wanted item");
}

fn table_focused(app: &App) -> bool {
    matches!(&app.screen, Screen::Form(f) if matches!(f.body.focused(), Some(Item::Table(_))))
}

/// Each iteration presses the next key of `keys` and draws the frame.
fn keys_then_draw(
    c: &mut Criterion,
    name: &str,
    pos: Position,
    setup: fn(&mut App),
    keys: &[KeyCode],
    refresh: bool,
) {
    let mut group = c.benchmark_group(format!("keystroke/{name}"));
    for n in SIZES {
        let mut app = app_at(synthetic(n), pos);
        setup(&mut app);
        let mut term = terminal(W, H);
        draw(&mut term, &app);
        if n >= 2000 {
            group.sample_size(30);
        }
        let mut i = 0usize;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                i = i.wrapping_add(1);
                if let Some(k) = keys.get(i % keys.len().max(1)) {
                    press(&mut app, *k);
                }
                if refresh {
                    app.refresh();
                }
                draw(&mut term, &app);
            })
        });
    }
    group.finish();
}

fn bench_keystroke(c: &mut Criterion) {
    let step1 = Position::Step(StepId::FIRST);
    let focus_table = |app: &mut App| tab_until(app, table_focused);
    keys_then_draw(c, "frame_only", step1, focus_table, &[], false);
    keys_then_draw(
        c,
        "inventory_cursor",
        step1,
        focus_table,
        &[KeyCode::Down, KeyCode::Up],
        false,
    );
    let on_second_row = |app: &mut App| {
        tab_until(app, table_focused);
        press(app, KeyCode::Down);
    };
    let move_keys = [KeyCode::Char('J'), KeyCode::Char('K')];
    let step4 = Position::Step(StepId::ALL[3]);
    let on_yes_no = |app: &mut App| {
        tab_until(app, |a| {
            a.focused_question().is_some_and(|q| q.id == "s4.plan_app")
        })
    };
    for (suffix, refresh) in [("now", true), ("deferred", false)] {
        let name = format!("inventory_move/{suffix}");
        keys_then_draw(c, &name, step1, on_second_row, &move_keys, refresh);
        let name = format!("answer_toggle/{suffix}");
        keys_then_draw(c, &name, step4, on_yes_no, &[KeyCode::Char(' ')], refresh);
    }
    bench_refresh(c);
    let nothing = |_: &mut App| {};
    for (name, tab) in [
        ("plan_scroll", ResultTab::Plan),
        ("scorecard_scroll", ResultTab::Scorecard),
    ] {
        keys_then_draw(
            c,
            name,
            Position::Results(tab),
            nothing,
            &[KeyCode::Down, KeyCode::Up],
            false,
        );
    }
}

/// The work a change owes, done in the pause after typing: `App::refresh` after a yes/no answer
/// of step 4 was toggled (the toggle itself is outside the measurement).
fn bench_refresh(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke/refresh");
    for n in SIZES {
        let mut app = app_at(synthetic(n), Position::Step(StepId::ALL[3]));
        tab_until(&mut app, |a| {
            a.focused_question().is_some_and(|q| q.id == "s4.plan_app")
        });
        if n >= 2000 {
            group.sample_size(20);
        }
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    press(&mut app, KeyCode::Char(' '));
                    let started = std::time::Instant::now();
                    app.refresh();
                    spent += started.elapsed();
                }
                spent
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_keystroke);
criterion_main!(benches);
