//! What the benchmarks share: the demo enterprise, synthetic inventories of 10 / 200 / 2,000
//! systems, and a wizard opened on a given screen (through the TUI's public API, as the tests
//! build it). Included by each bench with `mod common;`; not every bench uses every item.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::model::synthetic::synthetic_profile;
use shangyun::model::{Lang, Position, Profile};
use shangyun::tui::app::{App, Msg, update};
use shangyun::tui::event;
use shangyun::tui::theme::Theme;
use shangyun::tui::ui;

/// Inventory sizes for the scaling tables.
pub const SIZES: [usize; 3] = [10, 200, 2000];

/// The shipped demo enterprise.
pub fn demo() -> Profile {
    parse_ron("assets/demo.ron", DEMO_RON).expect("the shipped demo parses")
}

/// The demo's enterprise answers with `n` synthetic systems (dependencies, cycles, every
/// question answered).
pub fn synthetic(n: usize) -> Profile {
    synthetic_profile(&demo(), n)
}

/// Dependencies of a profile (the other half of "systems + dependencies").
pub fn edges(p: &Profile) -> usize {
    p.systems.iter().map(|s| s.depends_on.len()).sum()
}

/// A wizard with `profile` opened at `pos`, in English, monochrome (as the snapshot tests).
/// Commands (saves) are not executed: the store has its own benchmark.
pub fn app_at(mut profile: Profile, pos: Position) -> App {
    let mut app = App::new(Content::get(), Lang::En, Theme::mono());
    app.lang_fixed = true;
    if pos == Position::Welcome {
        return app;
    }
    profile.position = pos;
    update(
        &mut app,
        Msg::Opened {
            name: "bench".into(),
            profile: Box::new(profile),
        },
    );
    app
}

/// A terminal of `w`×`h` cells in memory.
pub fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("a test backend never fails")
}

/// Draws one frame of the wizard.
pub fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| ui::render(app, f))
        .expect("a test backend never fails");
}

/// A key press as the terminal reports it, through the keymap of the app's current contexts.
pub fn key_msg(app: &App, code: KeyCode) -> Option<Msg> {
    let ev = Event::Key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    event::to_msg(&app.contexts(), ev)
}

/// Presses a key: keymap, then `update` (commands are dropped, as in [`app_at`]).
pub fn press(app: &mut App, code: KeyCode) {
    if let Some(m) = key_msg(app, code) {
        update(app, m);
    }
}

/// The fast settings for benches whose one iteration takes milliseconds.
pub fn slow_group_settings<M: criterion::measurement::Measurement>(
    g: &mut criterion::BenchmarkGroup<'_, M>,
    n: usize,
) {
    if n >= 2000 {
        g.sample_size(20);
    }
}
