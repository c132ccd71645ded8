//! Helpers shared by the integration tests. Each test binary uses only
//! some of them.
#![allow(dead_code)]

pub mod lsp;

use tact::{Linter, Settings};

/// A linter with the default rulesets, fixed to `language` (`en`, `nl`).
pub fn linter(language: &str) -> Linter {
    Linter::new(Settings {
        language: tact::ruleset::language(language),
        ..Settings::default()
    })
    .expect("the default rulesets compile")
}
