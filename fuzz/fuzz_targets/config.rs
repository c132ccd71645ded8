//! `.tact.toml` parsing on arbitrary text: `Settings::parse` returns Ok or
//! an error whose line (if any) lies in the text, never panics; settings it
//! accepts build a `Linter` without panicking, and that linter lints a
//! short sample in every markup.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use tact::{Linter, Settings, Source};

const SAMPLE: &str = "Hi Anna,\n\nWe deployed the SSO fix; obviously that's not possible \
before Monday. We'll look into it soon.\n\nKind regards,\nBob\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Settings::parse(&text, "fuzz") {
        Err(e) => {
            if let Some(line) = e.line {
                let lines = text.split('\n').count();
                assert!(
                    (1..=lines).contains(&line),
                    "error line {line} outside the {lines} lines: {e}"
                );
            }
            let _ = e.to_string();
        }
        Ok(settings) => {
            // A ruleset error is a clean Err (e.g. a glossary word that
            // breaks compilation would be a finding, but not a panic).
            if let Ok(linter) = Linter::new(settings) {
                for (markup, name) in common::MARKUPS {
                    let source = Source::new(SAMPLE).with_path(name);
                    let report = linter.lint(&source);
                    common::assert_findings(SAMPLE, &report.findings, markup);
                }
            }
        }
    }
});
