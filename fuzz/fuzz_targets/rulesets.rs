//! A project's ruleset file on arbitrary text: `Linter::with_layers` with
//! it as a layer returns Ok or an error, never panics; a linter it builds
//! lints a sample (and the layer's own text, so its words can match) in
//! every markup without panicking and with findings inside the text.
//!
//! Input: `SELECTOR TEXT`. SELECTOR picks the file (`language.toml`,
//! `kinds.toml` or a rule's `<rule-id>.toml`: `SELECTOR % files`), the
//! language (`en`/`nl`) and the mode (extend/replace) from the rest of it.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tact::ruleset::{Layer, LayerMode};
use tact::{Linter, RuleId, Settings, Source};

const SAMPLE: &str = "Hi Anna,\n\nWe deployed the SSO fix; obviously that's not possible \
before Monday. We'll look into it soon, as agreed on the phone. Mistakes were made.\n\n\
Kind regards,\nBob\n";

fn files() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = vec!["language.toml".to_string(), "kinds.toml".to_string()];
        files.extend(RuleId::all().map(RuleId::file_name));
        files
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let files = files();
    let selector = usize::from(selector);
    let file = files[selector % files.len()].clone();
    let rest_bits = selector / files.len();
    let language = if rest_bits.is_multiple_of(2) {
        "en"
    } else {
        "nl"
    };
    let mode = if (rest_bits / 2).is_multiple_of(2) {
        LayerMode::Extend
    } else {
        LayerMode::Replace
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let layer = Layer {
        language: language.into(),
        file,
        origin: "fuzz".into(),
        text: text.clone(),
        mode,
    };
    match Linter::with_layers(Settings::default(), &[layer]) {
        Err(e) => {
            assert!(!e.message.is_empty(), "an error without a message");
            let _ = e.to_string();
        }
        Ok(linter) => {
            for sample in [SAMPLE, text.as_str()] {
                for (markup, name) in common::MARKUPS {
                    let source = Source::new(sample).with_path(name);
                    let report = linter.lint(&source);
                    common::assert_findings(sample, &report.findings, markup);
                }
            }
        }
    }
});
