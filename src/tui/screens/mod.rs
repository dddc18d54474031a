//! One module per screen, each with its own small state, a `handle` that turns actions into
//! effects for the app, and a `render` that borrows what it shows.
//!
//! - [`welcome`]: new profile / demo / resume / language.
//! - [`form`]: the profile screen and the ten step screens (fields, inventory, providers, waves).
//! - [`entity`]: the detail form of one system or provider (a dialog).
//! - [`dialog`]: prompt, confirmation, notice, jump list, help, dependency picker.
//! - [`results`]: Plan / Scorecard / Checklist (built by the results screens).

pub mod dialog;
pub mod entity;
pub mod form;
pub mod results;
pub mod welcome;
