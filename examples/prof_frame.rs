//! A profiling driver for the wizard's frames (not a benchmark: see `benches/keystroke.rs`).
//!
//! `cargo build --release --example prof_frame`, then for example
//! `valgrind --tool=callgrind target/release/examples/prof_frame 2000 step1 3`. Arguments: the
//! number of systems (default 2000), the screen (`welcome`, `profile`, `step1` … `step10`,
//! `plan`, `scorecard`, `checklist`; default `step1`) and how many frames to draw (default 1),
//! each after a Down key.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use shangyun::content::{Content, DEMO_RON, parse_ron};
use shangyun::model::synthetic::synthetic_profile;
use shangyun::model::{Lang, Position, Profile, ResultTab, StepId};
use shangyun::tui::app::{App, Msg, update};
use shangyun::tui::theme::Theme;
use shangyun::tui::{event, ui};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let screen = args.next().unwrap_or_else(|| "step1".to_owned());
    let frames: usize = args.next().map_or(Ok(1), |s| s.parse())?;
    let pos = match screen.as_str() {
        "welcome" => Position::Welcome,
        "profile" => Position::Profile,
        "plan" => Position::Results(ResultTab::Plan),
        "scorecard" => Position::Results(ResultTab::Scorecard),
        "checklist" => Position::Results(ResultTab::Checklist),
        s => {
            let k: usize = s.trim_start_matches("step").parse()?;
            let step = StepId::ALL
                .get(k.wrapping_sub(1))
                .copied()
                .ok_or_else(|| anyhow::anyhow!("no step {k}"))?;
            Position::Step(step)
        }
    };
    let demo: Profile = parse_ron("assets/demo.ron", DEMO_RON)?;
    let mut profile = synthetic_profile(&demo, n);
    profile.position = pos;
    let mut app = App::new(Content::get(), Lang::En, Theme::mono());
    app.lang_fixed = true;
    if pos != Position::Welcome {
        update(
            &mut app,
            Msg::Opened {
                name: "prof".into(),
                profile: Box::new(profile),
            },
        );
    }
    let mut term = Terminal::new(TestBackend::new(200, 60))?;
    term.draw(|f| ui::render(&app, f))?;
    for _ in 0..frames {
        let t = Instant::now();
        let ev = Event::Key(KeyEvent {
            code: KeyCode::Down,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
        if let Some(m) = event::to_msg(&app.contexts(), ev) {
            update(&mut app, m);
        }
        term.draw(|f| ui::render(&app, f))?;
        eprintln!("{screen} {n}: key + frame {:?}", t.elapsed());
    }
    Ok(())
}
