//! Named styles. Screens ask for `theme.focus`, never for a colour.
//!
//! With `NO_COLOR` set (any non-empty value, see no-color.org) every style is monochrome and
//! focus, selection and errors are told apart by reverse video, bold and underline instead.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub mono: bool,
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: help lines, clause tags, hints.
    pub dim: Style,
    /// Screen and section titles.
    pub title: Style,
    /// The top bar and the footer.
    pub bar: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// The focused field's label.
    pub focus: Style,
    /// The selected row of a list or table when it has focus.
    pub selected: Style,
    /// The selected row when the list does not have focus.
    pub selected_idle: Style,
    /// A text field's input area.
    pub input: Style,
    /// Validation messages and save errors.
    pub error: Style,
    /// Warnings (problems that do not block).
    pub warn: Style,
    /// Positive state: saved, complete.
    pub ok: Style,
    /// Engine suggestions (marked services, suggested strategy).
    pub accent: Style,
    /// Borders of dialogs and panels.
    pub border: Style,
    /// Borders of the focused panel.
    pub border_focus: Style,
    /// Table headers.
    pub header: Style,
}

impl Theme {
    /// The theme for this process: monochrome when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        let mono = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if mono { Theme::mono() } else { Theme::colour() }
    }

    pub fn colour() -> Theme {
        let base = Style::default();
        Theme {
            mono: false,
            text: base,
            dim: base.fg(Color::DarkGray),
            title: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            bar: base.bg(Color::Blue).fg(Color::White),
            key: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            focus: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: base.bg(Color::Cyan).fg(Color::Black),
            selected_idle: base.bg(Color::DarkGray).fg(Color::White),
            input: base.bg(Color::Rgb(40, 40, 60)).fg(Color::White),
            error: base.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            warn: base.fg(Color::LightYellow),
            ok: base.fg(Color::LightGreen),
            accent: base.fg(Color::LightMagenta),
            border: base.fg(Color::Gray),
            border_focus: base.fg(Color::Yellow),
            header: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Theme {
        let base = Style::default();
        let bold = base.add_modifier(Modifier::BOLD);
        Theme {
            mono: true,
            text: base,
            dim: base,
            title: bold,
            bar: base.add_modifier(Modifier::REVERSED),
            key: bold,
            focus: bold.add_modifier(Modifier::UNDERLINED),
            selected: base.add_modifier(Modifier::REVERSED),
            selected_idle: base.add_modifier(Modifier::UNDERLINED),
            input: base.add_modifier(Modifier::UNDERLINED),
            error: bold.add_modifier(Modifier::UNDERLINED),
            warn: bold,
            ok: base,
            accent: bold,
            border: base,
            border_focus: bold,
            header: bold.add_modifier(Modifier::UNDERLINED),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colour()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_theme_has_no_colours_but_marks_focus_and_errors() {
        let t = Theme::mono();
        for s in [
            t.text, t.focus, t.error, t.selected, t.bar, t.input, t.accent,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.focus.add_modifier.contains(Modifier::BOLD));
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.error.add_modifier.contains(Modifier::UNDERLINED));
        assert_ne!(t.selected, t.selected_idle);
    }
}
