//! shangyun (上云): a terminal wizard through the ten adoption steps of MIIT's
//! 《推动企业上云实施指南（2018-2020年）》.
//!
//! Data flows one way: [`content`] (the guideline as data) and [`model`] (what the user
//! answered) go into [`engine`] (pure functions: plan, scorecard, checklist, waves), whose
//! output [`export`] writes as Markdown/RON/JSON and `tui` draws. [`store`] sits at the edge
//! and is the only module that touches the disk; [`sheets`] reads an inventory from a
//! spreadsheet into a profile and writes the template workbook.

pub mod content;
pub mod engine;
pub mod export;
pub mod model;
pub mod plain;
pub mod sheets;
pub mod store;
pub mod tui;
