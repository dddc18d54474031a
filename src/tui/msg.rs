//! The messages that come into [`crate::tui::app::update`] and the commands that go out of it.
//!
//! They live apart from the app so that screens and dialogs can ask for a command
//! ([`crate::tui::screens::Reply::Run`]) without importing the app.

use crate::content::Text;
use crate::model::Profile;
use crate::tui::backend::ProfileInfo;
use crate::tui::event::Action;
use crate::tui::screens::export::ExportOutcome;

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key, through the keymap.
    Action(Action),
    /// Typed text (an unbound printable key while a text field has focus).
    Input(String),
    /// Bracketed paste: inserted as text, never submits.
    Paste(String),
    Resize(u16, u16),
    /// SIGTERM / SIGHUP: save and leave.
    Terminate,
    /// The result of [`Cmd::Save`].
    Saved(Result<(), String>),
    /// A profile was opened (by [`Cmd::Open`] or [`Cmd::OpenDemo`]).
    Opened {
        name: String,
        profile: Box<Profile>,
    },
    /// Opening a profile failed (the file is unreadable, locked, …): the text says why, and the
    /// prompt that asked for it closes.
    OpenFailed(Text),
    /// Something the user must not miss that is no failure (a backup opened instead of an
    /// unreadable file, a file moved aside): shown as a notice over whatever is open.
    Notice(Text),
    /// The saved profiles (for the welcome screen).
    Profiles(Vec<ProfileInfo>),
    /// The result of [`Cmd::Export`].
    Exported(ExportOutcome),
    /// The result of [`Cmd::Import`].
    Imported(crate::tui::screens::import::ImportOutcome),
}

/// Something the runner must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// Save the open profile (`App::profile` under `App::profile_name`).
    Save,
    /// Open a saved profile, or create it when `create` and it does not exist.
    Open { name: String, create: bool },
    /// Reset the scratch demo profile from the shipped demo and open it.
    OpenDemo,
    /// List saved profiles (answered with [`Msg::Profiles`]).
    ListProfiles,
    /// Write the export to the file `name` stands for (answered with [`Msg::Exported`]);
    /// an existing file is only replaced when `overwrite`.
    Export {
        name: String,
        format: crate::export::Format,
        overwrite: bool,
    },
    /// Read the spreadsheet `name` stands for into the inventory (answered with
    /// [`Msg::Imported`]); nothing changes unless the whole file is valid.
    Import { name: String, replace: bool },
    /// Leave (after the commands before it ran).
    Quit,
}
