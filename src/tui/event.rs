//! Terminal events → [`Msg`], through the keymap. No logic lives here.
//!
//! The keymap is data: each [`Binding`] says in which context a key does which [`Action`] and
//! names the locale key that describes it. The footer and the `?` help are generated from this
//! table, so what the screen says a key does is what it does.
//!
//! Contexts are listed by the app from the inside out (the focused widget or the dialog, the
//! screen, then [`Ctx::Global`]); the first binding found wins. A context is listed only where
//! its keys act (see [`crate::tui::app::App::contexts`]): `Wizard` keys (PgDn, F3, …) only on the
//! profile, step and results screens, `Entity` keys (PgDn/PgUp to the next/previous one) only in
//! the detail form. When a text field has focus the `Nav` and `Screen` contexts are not active,
//! so letters like `q` or `g` are typed rather than acted on.
//!
//! Longer than 700 lines because the keymap table ([`KEYMAP`]) is data written out binding by
//! binding, and the key parsing tests sit beside it.

use crate::tui::msg::Msg;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseEventKind,
};

/// Where a binding applies. A context is active only where its keys act: the footer and the
/// `?` help list the bindings of the active contexts, so they never offer a key that does
/// nothing there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Everywhere, even while typing.
    Global,
    /// When no text field has focus (and no yes/no question is asked).
    Nav,
    /// On the profile, step and results screens (no dialog open), even while typing.
    Wizard,
    /// On the profile and step screens (no dialog open), even while typing: Next.
    Steps,
    /// On the profile, step and results screens when no text field has focus.
    Screen,
    /// The welcome screen's list.
    Welcome,
    /// A profile or step screen, or a detail dialog: moving between fields.
    Form,
    /// Editing one line of text (a field, a prompt, the export file name).
    Line,
    /// A focused single-line answer field (text, number, date).
    Text,
    /// A focused multi-line text area.
    TextArea,
    /// A focused single- or multi-choice list.
    Choice,
    YesNo,
    Rating,
    /// The focused "depends on" field: opens the picker.
    DepsField,
    /// A focused table (inventory, providers).
    Table,
    /// The focused inventory of systems (rows can be moved).
    Inventory,
    /// A dialog (prompt, notice, help, detail form, picker): Esc closes it.
    Dialog,
    /// The detail form of one system or provider.
    Entity,
    /// A one-line prompt (a new profile, a system, a provider).
    Prompt,
    /// The help overlay.
    Help,
    /// A notice: any key closes it (except those that work everywhere).
    Notice,
    /// A yes/no confirmation dialog.
    Confirm,
    /// A list with a type-to-filter line (the dependency picker).
    Filter,
    /// The jump list (digit shortcuts).
    Jump,
    /// The results screens.
    Results,
    /// The Plan tab (a scrolled document).
    Plan,
    /// The Scorecard tab (a list of bars).
    Scorecard,
    /// The Checklist tab (items to tick).
    Checklist,
    /// The export dialog while its file name is edited.
    Export,
    /// The inventory's import dialog.
    Import,
}

impl Ctx {
    /// Whether printable keys are typed as text in this context.
    pub fn takes_text(self) -> bool {
        matches!(self, Ctx::Line | Ctx::TextArea | Ctx::Filter)
    }
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleLang,
    Help,
    Next,
    Back,
    Jump,
    RetrySave,
    /// Take the last change to the profile back / do it again.
    Undo,
    Redo,
    FocusNext,
    FocusPrev,
    /// The first / last field of a form.
    FocusFirst,
    FocusLast,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// Enter: choose / open / confirm and move on.
    Confirm,
    /// Esc: close the dialog or go back.
    Cancel,
    /// Esc in a field whose draft is refused: show the saved answer again.
    Revert,
    /// Space in lists: select / tick.
    Toggle,
    Add,
    Delete,
    MoveUp,
    MoveDown,
    /// Clear the focused answer.
    Clear,
    Backspace,
    DeleteChar,
    Newline,
    Yes,
    No,
    Rate(u8),
    /// Results: next / previous tab (for the results screens).
    NextTab,
    PrevTab,
    /// Open the export dialog (Results: `e`; anywhere: F4).
    Export,
    /// The inventory table: import systems from a spreadsheet.
    Import,
    /// Plan / Checklist: jump to the next / previous heading or step.
    NextSection,
    PrevSection,
    /// Checklist: hide or show the items already done.
    HideDone,
    /// A shortcut letter or digit in a list (the jump list: `p`, `1`–`9`, `0`, `r`).
    Pick(char),
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }
    const fn ctrl_code(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::CONTROL,
        }
    }
    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::SHIFT,
        }
    }
    const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::ALT,
        }
    }

    /// Whether a pressed key is this one. Shift is ignored for characters (the character already
    /// says it) and for BackTab.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let mut ev_mods = ev.modifiers & relevant;
        let mut my_mods = self.mods;
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            ev_mods -= KeyModifiers::SHIFT;
            my_mods -= KeyModifiers::SHIFT;
        }
        let code = match ev.code {
            // Ctrl+letter may arrive upper-case when Shift is down or Caps Lock is on
            KeyCode::Char(c) if ev_mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        code == self.code && ev_mods == my_mods
    }

    /// How the key is written in the footer and help: `Ctrl-C`, `F2`, `PgDn`, `⇧Tab`, `↑`.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push('⇧');
        }
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "⇧Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            _ => "?".into(),
        };
        s.push_str(&name);
        s
    }
}

/// One entry of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub key: Key,
    pub action: Action,
    /// Locale key describing the action (`ui.act.*`).
    pub help: &'static str,
    /// Shown in the footer when its context is active: 0 never, else the rank (1 first). The
    /// keys of the focused widget or dialog come first, then help and language, then quitting
    /// and the step keys, so that at 80 columns what matters most is on screen.
    pub footer: u8,
}

impl Binding {
    /// The key as the footer writes it: the five rating digits are one entry, `1–5`.
    pub fn footer_key(&self) -> String {
        match self.action {
            Action::Rate(_) => "1–5".to_owned(),
            _ => self.key.label(),
        }
    }
}

const fn b(ctx: Ctx, key: Key, action: Action, help: &'static str, footer: u8) -> Binding {
    Binding {
        ctx,
        key,
        action,
        help,
        footer,
    }
}

use Action as A;
use Ctx as C;
use KeyCode as K;

/// The keymap, inside-out within each context. Keys chosen to work in every terminal: function
/// keys and Ctrl-letters that terminals pass through, no Ctrl-S/Ctrl-Q (flow control).
#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    // the jump list
    b(C::Jump, Key::ch('p'), A::Pick('p'), "ui.act.pick_profile", 0),
    b(C::Jump, Key::ch('1'), A::Pick('1'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('2'), A::Pick('2'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('3'), A::Pick('3'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('4'), A::Pick('4'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('5'), A::Pick('5'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('6'), A::Pick('6'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('7'), A::Pick('7'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('8'), A::Pick('8'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('9'), A::Pick('9'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('0'), A::Pick('0'), "ui.act.pick_step", 0),
    b(C::Jump, Key::ch('r'), A::Pick('r'), "ui.act.pick_results", 0),
    b(C::Jump, Key::plain(K::Enter), A::Confirm, "ui.act.go", 1),
    b(C::Jump, Key::plain(K::Up), A::Up, "ui.act.up_down", 0),
    b(C::Jump, Key::plain(K::Down), A::Down, "ui.act.up_down", 0),
    // confirmation dialogs
    b(C::Confirm, Key::ch('y'), A::Yes, "ui.act.yes", 1),
    b(C::Confirm, Key::plain(K::Enter), A::Yes, "ui.act.yes", 0),
    b(C::Confirm, Key::ch('n'), A::No, "ui.act.no", 1),
    b(C::Confirm, Key::plain(K::Esc), A::No, "ui.act.no", 0),
    // a notice (any other key closes it too, see `to_msg`)
    b(C::Notice, Key::plain(K::Enter), A::Cancel, "ui.act.close", 1),
    // the help overlay
    b(C::Help, Key::plain(K::Down), A::Down, "ui.act.scroll", 1),
    b(C::Help, Key::plain(K::Up), A::Up, "ui.act.scroll", 0),
    b(C::Help, Key::plain(K::Home), A::Home, "ui.act.top", 0),
    b(C::Help, Key::plain(K::Enter), A::Confirm, "ui.act.close", 0),
    // one-line prompts
    b(C::Prompt, Key::plain(K::Enter), A::Confirm, "ui.act.confirm", 1),
    // the detail form of one system or provider
    b(C::Entity, Key::plain(K::PageDown), A::PageDown, "ui.act.next_entity", 1),
    b(C::Entity, Key::plain(K::PageUp), A::PageUp, "ui.act.prev_entity", 1),
    // dialogs
    b(C::Dialog, Key::plain(K::Esc), A::Cancel, "ui.act.close", 1),
    // single-line answer fields
    b(C::Text, Key::plain(K::Enter), A::Confirm, "ui.act.confirm_next", 1),
    b(C::Text, Key::plain(K::Up), A::Up, "ui.act.prev_field", 0),
    b(C::Text, Key::plain(K::Down), A::Down, "ui.act.next_field", 0),
    // multi-line text (with the line editing keys below)
    b(C::TextArea, Key::plain(K::Enter), A::Newline, "ui.act.newline", 1),
    b(C::TextArea, Key::plain(K::Up), A::Up, "ui.act.caret", 0),
    b(C::TextArea, Key::plain(K::Down), A::Down, "ui.act.caret", 0),
    // editing a line of text
    b(C::Line, Key::plain(K::Backspace), A::Backspace, "ui.act.backspace", 0),
    b(C::Line, Key::plain(K::Delete), A::DeleteChar, "ui.act.delete_char", 0),
    b(C::Line, Key::plain(K::Left), A::Left, "ui.act.caret", 0),
    b(C::Line, Key::plain(K::Right), A::Right, "ui.act.caret", 0),
    b(C::Line, Key::plain(K::Home), A::Home, "ui.act.line_start", 0),
    b(C::Line, Key::ctrl('a'), A::Home, "ui.act.line_start", 0),
    b(C::Line, Key::plain(K::End), A::End, "ui.act.line_end", 0),
    b(C::Line, Key::ctrl('e'), A::End, "ui.act.line_end", 0),
    b(C::Line, Key::ctrl('u'), A::Clear, "ui.act.clear_text", 1),
    // yes / no
    b(C::YesNo, Key::ch('y'), A::Yes, "ui.act.yes", 1),
    b(C::YesNo, Key::ch('n'), A::No, "ui.act.no", 1),
    b(C::YesNo, Key::plain(K::Left), A::Left, "ui.act.switch", 0),
    b(C::YesNo, Key::plain(K::Right), A::Right, "ui.act.switch", 0),
    b(C::YesNo, Key::ch('h'), A::Left, "ui.act.switch", 0),
    b(C::YesNo, Key::ch('l'), A::Right, "ui.act.switch", 0),
    b(C::YesNo, Key::ch(' '), A::Toggle, "ui.act.switch", 0),
    b(C::YesNo, Key::plain(K::Enter), A::Confirm, "ui.act.confirm_next", 0),
    b(C::YesNo, Key::plain(K::Delete), A::Clear, "ui.act.clear_answer", 0),
    b(C::YesNo, Key::plain(K::Backspace), A::Clear, "ui.act.clear_answer", 0),
    // rating
    b(C::Rating, Key::ch('1'), A::Rate(1), "ui.act.rate", 1),
    b(C::Rating, Key::ch('2'), A::Rate(2), "ui.act.rate", 0),
    b(C::Rating, Key::ch('3'), A::Rate(3), "ui.act.rate", 0),
    b(C::Rating, Key::ch('4'), A::Rate(4), "ui.act.rate", 0),
    b(C::Rating, Key::ch('5'), A::Rate(5), "ui.act.rate", 0),
    b(C::Rating, Key::plain(K::Left), A::Left, "ui.act.rate_step", 0),
    b(C::Rating, Key::plain(K::Right), A::Right, "ui.act.rate_step", 0),
    b(C::Rating, Key::ch('h'), A::Left, "ui.act.rate_step", 0),
    b(C::Rating, Key::ch('l'), A::Right, "ui.act.rate_step", 0),
    b(C::Rating, Key::plain(K::Enter), A::Confirm, "ui.act.confirm_next", 0),
    b(C::Rating, Key::plain(K::Delete), A::Clear, "ui.act.clear_answer", 0),
    b(C::Rating, Key::plain(K::Backspace), A::Clear, "ui.act.clear_answer", 0),
    // the "depends on" field
    b(C::DepsField, Key::plain(K::Enter), A::Confirm, "ui.act.edit_deps", 1),
    b(C::DepsField, Key::ch(' '), A::Toggle, "ui.act.edit_deps", 0),
    // filtered pick lists
    b(C::Filter, Key::ch(' '), A::Toggle, "ui.act.tick", 1),
    b(C::Filter, Key::plain(K::Enter), A::Confirm, "ui.act.done", 1),
    b(C::Filter, Key::plain(K::Backspace), A::Backspace, "ui.act.backspace", 0),
    b(C::Filter, Key::plain(K::Up), A::Up, "ui.act.up_down", 0),
    b(C::Filter, Key::plain(K::Down), A::Down, "ui.act.up_down", 0),
    b(C::Filter, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Filter, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // choice lists
    b(C::Choice, Key::ch(' '), A::Toggle, "ui.act.select", 1),
    b(C::Choice, Key::plain(K::Enter), A::Confirm, "ui.act.select_next", 0),
    b(C::Choice, Key::plain(K::Delete), A::Clear, "ui.act.clear_answer", 1),
    b(C::Choice, Key::plain(K::Backspace), A::Clear, "ui.act.clear_answer", 0),
    b(C::Choice, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Choice, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // tables
    // tables (the inventory adds moving rows: systems keep the order the user gives them)
    b(C::Table, Key::plain(K::Enter), A::Confirm, "ui.act.edit_row", 1),
    b(C::Table, Key::ch('a'), A::Add, "ui.act.add_row", 1),
    b(C::Table, Key::ch('d'), A::Delete, "ui.act.delete_row", 1),
    b(C::Table, Key::plain(K::Delete), A::Delete, "ui.act.delete_row", 0),
    b(C::Inventory, Key::ch('K'), A::MoveUp, "ui.act.move_up", 1),
    b(C::Inventory, Key::shift(K::Up), A::MoveUp, "ui.act.move_up", 0),
    b(C::Inventory, Key::alt(K::Up), A::MoveUp, "ui.act.move_up", 0),
    b(C::Inventory, Key::ch('J'), A::MoveDown, "ui.act.move_down", 1),
    // in the help only: the inventory's footer is full at 80 columns
    b(C::Inventory, Key::ch('i'), A::Import, "ui.act.import", 0),
    b(C::Inventory, Key::shift(K::Down), A::MoveDown, "ui.act.move_down", 0),
    b(C::Inventory, Key::alt(K::Down), A::MoveDown, "ui.act.move_down", 0),
    b(C::Table, Key::plain(K::Left), A::Left, "ui.act.columns", 0),
    b(C::Table, Key::plain(K::Right), A::Right, "ui.act.columns", 0),
    b(C::Table, Key::ch('h'), A::Left, "ui.act.columns", 0),
    b(C::Table, Key::ch('l'), A::Right, "ui.act.columns", 0),
    b(C::Table, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Table, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // forms: between fields
    b(C::Form, Key::plain(K::Tab), A::FocusNext, "ui.act.focus_next", 4),
    b(C::Form, Key::plain(K::BackTab), A::FocusPrev, "ui.act.focus_prev", 0),
    b(C::Form, Key::plain(K::Up), A::Up, "ui.act.up_down", 0),
    b(C::Form, Key::plain(K::Down), A::Down, "ui.act.up_down", 0),
    b(C::Form, Key::plain(K::Home), A::FocusFirst, "ui.act.first_last_field", 0),
    b(C::Form, Key::plain(K::End), A::FocusLast, "ui.act.first_last_field", 0),
    b(C::Form, Key::ctrl_code(K::Home), A::FocusFirst, "ui.act.first_last_field", 0),
    b(C::Form, Key::ctrl_code(K::End), A::FocusLast, "ui.act.first_last_field", 0),
    // the export dialog (Enter writes, Tab switches the format)
    b(C::Export, Key::plain(K::Enter), A::Confirm, "ui.act.write_file", 1),
    b(C::Export, Key::plain(K::Tab), A::FocusNext, "ui.act.format", 1),
    b(C::Export, Key::plain(K::BackTab), A::FocusPrev, "ui.act.format", 0),
    b(C::Export, Key::plain(K::Down), A::FocusNext, "ui.act.format", 0),
    b(C::Export, Key::plain(K::Up), A::FocusPrev, "ui.act.format", 0),
    b(C::Export, Key::plain(K::PageDown), A::FocusNext, "ui.act.format", 0),
    b(C::Export, Key::plain(K::PageUp), A::FocusPrev, "ui.act.format", 0),
    b(C::Export, Key::plain(K::Esc), A::Cancel, "ui.act.close", 1),
    // the inventory's import dialog
    b(C::Import, Key::plain(K::Enter), A::Confirm, "ui.act.read_file", 1),
    b(C::Import, Key::plain(K::Tab), A::FocusNext, "ui.act.import_mode", 1),
    b(C::Import, Key::plain(K::BackTab), A::FocusPrev, "ui.act.import_mode", 0),
    b(C::Import, Key::plain(K::Esc), A::Cancel, "ui.act.close", 1),
    // the plan: PgDn/PgUp stay Next/Back, so pages are Space/b and Ctrl-D/Ctrl-U
    b(C::Plan, Key::ch(' '), A::PageDown, "ui.act.page_down", 1),
    b(C::Plan, Key::ch('b'), A::PageUp, "ui.act.page_up", 0),
    b(C::Plan, Key::ctrl('d'), A::PageDown, "ui.act.page_down", 0),
    b(C::Plan, Key::ctrl('u'), A::PageUp, "ui.act.page_up", 0),
    b(C::Plan, Key::ch(']'), A::NextSection, "ui.act.next_section", 0),
    b(C::Plan, Key::ch('['), A::PrevSection, "ui.act.prev_section", 0),
    b(C::Plan, Key::plain(K::Down), A::Down, "ui.act.scroll", 0),
    b(C::Plan, Key::plain(K::Up), A::Up, "ui.act.scroll", 0),
    b(C::Plan, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Plan, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // the scorecard
    b(C::Scorecard, Key::plain(K::Down), A::Down, "ui.act.select_bar", 1),
    b(C::Scorecard, Key::plain(K::Up), A::Up, "ui.act.select_bar", 0),
    b(C::Scorecard, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Scorecard, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // the checklist
    b(C::Checklist, Key::ch(' '), A::Toggle, "ui.act.tick", 1),
    b(C::Checklist, Key::plain(K::Enter), A::Toggle, "ui.act.tick", 0),
    b(C::Checklist, Key::ch('f'), A::HideDone, "ui.act.hide_done", 1),
    b(C::Checklist, Key::ch(']'), A::NextSection, "ui.act.next_step_group", 0),
    b(C::Checklist, Key::ch('['), A::PrevSection, "ui.act.prev_step_group", 0),
    b(C::Checklist, Key::ctrl('d'), A::PageDown, "ui.act.page_down", 0),
    b(C::Checklist, Key::ctrl('u'), A::PageUp, "ui.act.page_up", 0),
    b(C::Checklist, Key::plain(K::Down), A::Down, "ui.act.up_down", 0),
    b(C::Checklist, Key::plain(K::Up), A::Up, "ui.act.up_down", 0),
    b(C::Checklist, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Checklist, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // results (all three tabs)
    b(C::Results, Key::plain(K::Right), A::NextTab, "ui.act.next_tab", 1),
    b(C::Results, Key::plain(K::Left), A::PrevTab, "ui.act.prev_tab", 0),
    b(C::Results, Key::plain(K::Tab), A::NextTab, "ui.act.next_tab", 0),
    b(C::Results, Key::plain(K::BackTab), A::PrevTab, "ui.act.prev_tab", 0),
    b(C::Results, Key::ch('e'), A::Export, "ui.act.export", 1),
    // the welcome screen
    b(C::Welcome, Key::plain(K::Enter), A::Confirm, "ui.act.choose", 1),
    b(C::Welcome, Key::plain(K::Down), A::Down, "ui.act.up_down", 0),
    b(C::Welcome, Key::plain(K::Up), A::Up, "ui.act.up_down", 0),
    b(C::Welcome, Key::plain(K::Home), A::Home, "ui.act.home_end", 0),
    b(C::Welcome, Key::plain(K::End), A::End, "ui.act.home_end", 0),
    // wizard screens when no text field has focus
    b(C::Screen, Key::ch('g'), A::Jump, "ui.act.jump", 0),
    b(C::Screen, Key::plain(K::Esc), A::Back, "ui.act.back", 0),
    // when no text field has focus
    b(C::Nav, Key::ch('q'), A::Quit, "ui.act.quit", 3),
    b(C::Nav, Key::ch('?'), A::Help, "ui.act.help", 2),
    b(C::Nav, Key::ch('k'), A::Up, "ui.act.up_down", 0),
    b(C::Nav, Key::ch('j'), A::Down, "ui.act.up_down", 0),
    // the profile and step screens, even while typing (the results are the last screen)
    b(C::Steps, Key::plain(K::PageDown), A::Next, "ui.act.next", 3),
    b(C::Steps, Key::ctrl('n'), A::Next, "ui.act.next", 0),
    // (in a detail form Esc closes, after putting back the saved answer of a refused draft)
    b(C::Steps, Key::plain(K::Esc), A::Revert, "ui.act.revert", 0),
    // wizard screens, even while typing
    b(C::Wizard, Key::plain(K::PageUp), A::Back, "ui.act.back", 3),
    b(C::Wizard, Key::ctrl('p'), A::Back, "ui.act.back", 0),
    b(C::Wizard, Key::plain(K::F(3)), A::Jump, "ui.act.jump", 4),
    b(C::Wizard, Key::plain(K::F(4)), A::Export, "ui.act.export", 0),
    b(C::Wizard, Key::plain(K::F(5)), A::RetrySave, "ui.act.retry_save", 0),
    // everywhere
    b(C::Global, Key::ctrl('c'), A::Quit, "ui.act.quit", 0),
    b(C::Global, Key::plain(K::F(1)), A::Help, "ui.act.help", 0),
    b(C::Global, Key::plain(K::F(2)), A::ToggleLang, "ui.act.lang", 2),
    b(C::Global, Key::ctrl('l'), A::ToggleLang, "ui.act.lang", 0),
    b(C::Global, Key::ctrl('z'), A::Undo, "ui.act.undo", 0),
    b(C::Global, Key::ctrl('y'), A::Redo, "ui.act.redo", 0),
];

/// The action a key does in these contexts (innermost first).
pub fn lookup(ctxs: &[Ctx], key: &KeyEvent) -> Option<Action> {
    ctxs.iter().find_map(|ctx| {
        KEYMAP
            .iter()
            .find(|bd| bd.ctx == *ctx && bd.key.matches(key))
            .map(|bd| bd.action)
    })
}

/// The bindings offered in the footer for these contexts, most important first: one per
/// action, none whose key an inner context has taken, ordered by rank, then from the inside out.
pub fn footer(ctxs: &[Ctx]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for (i, ctx) in ctxs.iter().enumerate() {
        for bd in KEYMAP.iter().filter(|bd| bd.ctx == *ctx && bd.footer > 0) {
            let shadowed = ctxs[..i]
                .iter()
                .any(|inner| KEYMAP.iter().any(|o| o.ctx == *inner && o.key == bd.key));
            if !shadowed
                && !out
                    .iter()
                    .any(|o| o.action == bd.action || o.help == bd.help)
            {
                out.push(bd);
            }
        }
    }
    out.sort_by_key(|bd| bd.footer);
    out
}

/// For the help overlay: each description once, with all its keys (`PgDn / Ctrl-N`), in the
/// order of the contexts (innermost first).
pub fn help_rows(ctxs: &[Ctx]) -> Vec<(Ctx, String, &'static str)> {
    let mut out: Vec<(Ctx, String, &'static str)> = Vec::new();
    for ctx in ctxs {
        for bd in KEYMAP.iter().filter(|bd| bd.ctx == *ctx) {
            // a key already bound by an inner context is shadowed here
            if ctxs
                .iter()
                .take_while(|c| *c != ctx)
                .any(|inner| KEYMAP.iter().any(|o| o.ctx == *inner && o.key == bd.key))
            {
                continue;
            }
            // one row per description: `↓ / ↑  scroll`, `PgDn / Ctrl-N  next`, `e / F4  export`
            if let Some(row) = out.iter_mut().find(|(_, _, h)| *h == bd.help) {
                row.1.push_str(" / ");
                row.1.push_str(&bd.key.label());
                continue;
            }
            out.push((*ctx, bd.key.label(), bd.help));
        }
    }
    out
}

/// Turns a terminal event into a message. Only key presses count (a terminal that reports
/// releases or repeats must not double an action). Unbound printable keys become typed text
/// when a text field has focus; under a notice any unbound key closes it. The mouse wheel
/// (reported only with `--mouse`) acts as ↑ / ↓ through the keymap; other mouse events are
/// ignored.
pub fn to_msg(ctxs: &[Ctx], ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if let Some(action) = lookup(ctxs, &key) {
                return Some(Msg::Action(action));
            }
            if ctxs.contains(&Ctx::Notice) {
                // "press any key"
                return Some(Msg::Action(Action::Cancel));
            }
            let typing = ctxs.iter().any(|c| c.takes_text());
            match key.code {
                KeyCode::Char(c)
                    if typing
                        && !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Msg::Input(c.to_string()))
                }
                _ => None,
            }
        }
        // the wheel (with `--mouse`) does what ↑ / ↓ do where it is
        Event::Mouse(m) => {
            let code = match m.kind {
                MouseEventKind::ScrollUp => KeyCode::Up,
                MouseEventKind::ScrollDown => KeyCode::Down,
                _ => return None,
            };
            let key = KeyEvent {
                code,
                modifiers: KeyModifiers::NONE,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            };
            lookup(ctxs, &key).map(Msg::Action)
        }
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn q_quits_only_when_not_typing() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&[Ctx::Choice, Ctx::Nav, Ctx::Global], &q),
            Some(Action::Quit)
        );
        let typing = [
            Ctx::Text,
            Ctx::Line,
            Ctx::Form,
            Ctx::Steps,
            Ctx::Wizard,
            Ctx::Global,
        ];
        assert_eq!(lookup(&typing, &q), None);
        assert_eq!(to_msg(&typing, Event::Key(q)), Some(Msg::Input("q".into())));
        let cc = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&typing, &cc), Some(Action::Quit));
        // PgDn still goes to the next step while typing
        let pgdn = key(KeyCode::PageDown, KeyModifiers::NONE);
        assert_eq!(lookup(&typing, &pgdn), Some(Action::Next));
    }

    #[test]
    fn any_key_closes_a_notice_but_quit_help_and_language_still_work() {
        let notice = [Ctx::Notice, Ctx::Dialog, Ctx::Nav, Ctx::Global];
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(
            to_msg(&notice, Event::Key(x)),
            Some(Msg::Action(Action::Cancel))
        );
        let f2 = key(KeyCode::F(2), KeyModifiers::NONE);
        assert_eq!(lookup(&notice, &f2), Some(Action::ToggleLang));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&notice, &q), Some(Action::Quit));
        // elsewhere an unbound key is nothing
        assert_eq!(to_msg(&[Ctx::Nav, Ctx::Global], Event::Key(x)), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut k = key(KeyCode::Char('a'), KeyModifiers::NONE);
        k.kind = KeyEventKind::Release;
        assert_eq!(
            to_msg(&[Ctx::Text, Ctx::Line, Ctx::Global], Event::Key(k)),
            None
        );
        k.kind = KeyEventKind::Repeat;
        assert_eq!(
            to_msg(&[Ctx::Table, Ctx::Nav, Ctx::Global], Event::Key(k)),
            None
        );
    }

    #[test]
    fn shifted_letters_and_ctrl_capitals_match() {
        let big_j = key(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&[Ctx::Table, Ctx::Inventory, Ctx::Nav, Ctx::Global], &big_j),
            Some(Action::MoveDown)
        );
        let ctrl_l = key(
            KeyCode::Char('L'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(lookup(&[Ctx::Global], &ctrl_l), Some(Action::ToggleLang));
        let backtab = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&[Ctx::Form, Ctx::Global], &backtab),
            Some(Action::FocusPrev)
        );
        let shift_up = key(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(&[Ctx::Table, Ctx::Inventory, Ctx::Global], &shift_up),
            Some(Action::MoveUp)
        );
        assert_eq!(lookup(&[Ctx::Global], &shift_up), None);
    }

    #[test]
    fn every_action_in_the_footer_has_a_help_row() {
        let ctxs = [
            Ctx::Table,
            Ctx::Inventory,
            Ctx::Form,
            Ctx::Screen,
            Ctx::Nav,
            Ctx::Steps,
            Ctx::Wizard,
            Ctx::Global,
        ];
        let rows = help_rows(&ctxs);
        for bd in footer(&ctxs) {
            assert!(rows.iter().any(|(_, _, h)| *h == bd.help), "{}", bd.help);
        }
        // PgDn and Ctrl-N share one row
        assert!(
            rows.iter()
                .any(|(_, k, h)| *h == "ui.act.next" && k.contains("PgDn") && k.contains("Ctrl-N"))
        );
    }

    #[test]
    fn moving_a_row_up_and_down_is_described_alike_and_offered_together() {
        use crate::content::Content;
        use crate::model::Lang;
        let c = Content::get();
        let (up, down) = (
            c.t(Lang::En, "ui.act.move_up"),
            c.t(Lang::En, "ui.act.move_down"),
        );
        assert_eq!((up.as_str(), down.as_str()), ("move up", "move down"));
        let (up, down) = (
            c.t(Lang::ZhCn, "ui.act.move_up"),
            c.t(Lang::ZhCn, "ui.act.move_down"),
        );
        assert_eq!((up.as_str(), down.as_str()), ("上移", "下移"));
        let shown: Vec<Action> = footer(&[Ctx::Table, Ctx::Inventory, Ctx::Nav, Ctx::Global])
            .iter()
            .map(|b| b.action)
            .collect();
        assert!(shown.contains(&Action::MoveUp) && shown.contains(&Action::MoveDown));
    }

    #[test]
    fn the_wheel_does_what_up_and_down_do_where_it_is() {
        use ratatui::crossterm::event::MouseEvent;
        let wheel = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        for (ctxs, down) in [
            (&[Ctx::Plan, Ctx::Results, Ctx::Global][..], Action::Down),
            (&[Ctx::Welcome, Ctx::Nav, Ctx::Global][..], Action::Down),
            (&[Ctx::Table, Ctx::Form, Ctx::Global][..], Action::Down),
            (&[Ctx::Help, Ctx::Dialog, Ctx::Global][..], Action::Down),
        ] {
            assert_eq!(
                to_msg(ctxs, wheel(MouseEventKind::ScrollDown)),
                Some(Msg::Action(down))
            );
            assert_eq!(
                to_msg(ctxs, wheel(MouseEventKind::ScrollUp)),
                Some(Msg::Action(Action::Up))
            );
        }
        // a click or a wheel where ↓ does nothing is nothing
        assert_eq!(
            to_msg(
                &[Ctx::Confirm, Ctx::Global],
                wheel(MouseEventKind::ScrollDown)
            ),
            None
        );
        assert_eq!(
            to_msg(
                &[Ctx::Plan, Ctx::Global],
                wheel(MouseEventKind::Down(
                    ratatui::crossterm::event::MouseButton::Left
                ))
            ),
            None
        );
    }

    #[test]
    fn paste_and_resize_pass_through() {
        assert_eq!(
            to_msg(&[Ctx::Global], Event::Paste("x".into())),
            Some(Msg::Paste("x".into()))
        );
        assert_eq!(
            to_msg(&[Ctx::Global], Event::Resize(80, 24)),
            Some(Msg::Resize(80, 24))
        );
    }
}
