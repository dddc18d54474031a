//! The one place that enters and restores the terminal.
//!
//! [`enter`] switches to raw mode and the alternate screen, turns bracketed paste on and, when
//! asked (`--mouse`), mouse capture; [`restore`] undoes all of it and shows the cursor again. The [`Guard`] calls `restore` on
//! drop and the panic hook installed by [`enter`] calls the same function before the panic
//! message prints, so every way out leaves a usable terminal.
//!
//! A `Drop` guard and a panic hook do not run when the process aborts, and the one abort an
//! outsider could reach was an allocation failure: ratatui keeps two cell buffers of the
//! terminal's size, and a terminal of 65535×65535 asks for hundreds of gigabytes. So the drawn
//! area is capped ([`MAX_WIDTH`]×[`MAX_HEIGHT`], [`Capped`]): a larger terminal shows the wizard
//! in its top-left corner with a notice, and nothing the wizard allocates grows with the
//! terminal beyond that.

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::{Position, Size};
use std::io::{self, Stdout};
use std::sync::Once;

pub type Term = Terminal<Capped<CrosstermBackend<Stdout>>>;

/// The widest area the wizard draws (columns).
pub const MAX_WIDTH: u16 = 1000;
/// The tallest area the wizard draws (rows).
pub const MAX_HEIGHT: u16 = 500;

/// A terminal size as the wizard uses it: at most [`MAX_WIDTH`]×[`MAX_HEIGHT`].
pub fn cap(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

/// A backend whose size is at most [`MAX_WIDTH`]×[`MAX_HEIGHT`], whatever the terminal says:
/// ratatui sizes its buffers from [`Backend::size`], so they stay bounded (see the module docs).
#[derive(Debug)]
pub struct Capped<B>(pub B);

impl<B: Backend> Backend for Capped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let Size { width, height } = self.0.size()?;
        let (width, height) = cap(width, height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut w = self.0.window_size()?;
        (w.columns_rows.width, w.columns_rows.height) =
            cap(w.columns_rows.width, w.columns_rows.height);
        Ok(w)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

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
    match Terminal::new(Capped(CrosstermBackend::new(out))) {
        Ok(terminal) => Ok(Guard { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}
