//! One module per screen, each with its own small state, a `handle` that turns actions into
//! effects for the app, and a `render` that borrows what it shows.
//!
//! - [`welcome`]: new profile / demo / resume / language.
//! - [`form`]: the profile screen and the ten step screens (fields, inventory, providers, waves).
//! - [`entity`]: the detail form of one system or provider (a dialog).
//! - [`dialog`]: prompt, confirmation, notice, jump list, help, dependency picker.
//! - [`results`]: Plan / Scorecard / Checklist.
//! - [`export`]: the export dialog (file name, format, overwrite) and the write it asks for.
//! - [`import`]: the inventory's import dialog (file name, add or replace) and the read it asks for.

pub mod dialog;
pub mod entity;
pub mod export;
pub mod form;
pub mod import;
pub mod results;
pub mod welcome;
