//! Pure functions from a profile to its plan, scorecard and checklist. No I/O, no terminal.

mod analysis;

pub use analysis::*;
