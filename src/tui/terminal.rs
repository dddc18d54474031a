//! The one place that enters and restores the terminal.
//!
//! [`enter`] switches to raw mode and the alternate screen, turns bracketed paste on and, when
//! asked (`--mouse`), mouse capture; [`restore`] undoes all of it and shows the cursor again. The [`Guard`] calls `restore` on
//! drop and the panic hook installed by [`enter`] calls the same function before the panic
//! message prints, so every way out leaves a usable terminal.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Stdout};
use std::sync::Once;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped.
pub struct Guard {
    pub terminal: Term,
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back: mouse capture and bracketed paste off, main screen, cursor visible,
/// cooked mode. Safe to call more than once, when the terminal was never entered and when the
/// mouse was never captured (turning it off then changes nothing).
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

static HOOK: Once = Once::new();

fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Enters the full-screen mode (capturing the mouse when `mouse`) and returns the guard that
/// leaves it.
pub fn enter(mouse: bool) -> io::Result<Guard> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = io::stdout();
    let mut entered = execute!(out, EnterAlternateScreen, EnableBracketedPaste);
    if mouse && entered.is_ok() {
        entered = execute!(out, EnableMouseCapture);
    }
    if let Err(e) = entered {
        restore();
        return Err(e);
    }
    match Terminal::new(CrosstermBackend::new(out)) {
        Ok(terminal) => Ok(Guard { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}
