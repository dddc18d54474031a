//! Compiles the shipped content (`assets/*.ron`, `locales/*.ron`) into postcard, which the
//! program reads at start-up several times faster than RON: parsing the RON was most of what
//! the first frame waited for. RON stays the source of truth, the files people edit and review;
//! a RON error fails the build with the file, line and column, and the content tests also read
//! the RON itself (`Content::parse`) and check that both forms agree.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[path = "src/content/schema.rs"]
#[allow(dead_code)]
mod schema;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/content/schema.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    compile::<schema::StepsFile>("assets/steps.ron", &out);
    compile::<schema::CatalogueFile>("assets/catalogue.ron", &out);
    compile::<schema::RulesFile>("assets/rules.ron", &out);
    compile::<schema::ChecklistFile>("assets/checklist.ron", &out);
    compile::<HashMap<String, String>>("locales/zh-CN.ron", &out);
    compile::<HashMap<String, String>>("locales/en.ron", &out);
}

/// `assets/steps.ron` → `$OUT_DIR/steps.postcard`.
fn compile<T: DeserializeOwned + Serialize>(src: &str, out: &Path) {
    println!("cargo::rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("cannot read {src}: {e}"));
    let value: T = ron::Options::default().from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{src}:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.code
        )
    });
    let bytes = postcard::to_allocvec(&value).unwrap_or_else(|e| panic!("{src}: {e}"));
    let stem = Path::new(src)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_else(|| panic!("{src}: no file name"));
    let dst = out.join(format!("{stem}.postcard"));
    std::fs::write(&dst, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", dst.display()));
}
