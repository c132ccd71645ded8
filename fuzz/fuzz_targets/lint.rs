//! The whole linter on arbitrary text, read as each markup: every finding's
//! span and every suggestion's edit lies in the text on char boundaries,
//! and applying a suggestion gives exactly the text with its edits made.
//! Also checks the words and sentences the rules saw, and that the
//! readability figures (`--stats`, hover) can be computed.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use tact::Source;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let linter = common::linter();
    for (markup, name) in common::MARKUPS {
        let source = Source::new(&text).with_path(name);
        assert_eq!(source.markup(), markup);
        // Exactly what `Linter::lint` does (src/linter.rs), keeping the
        // document to check its words and sentences and compute its stats.
        let doc = linter.document(&source);
        let findings = linter.check(&doc);
        for (i, token) in doc.tokens.iter().enumerate() {
            common::assert_span(&text, token.span, &format!("{markup:?} token {i}"));
        }
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let what = format!("{markup:?} sentence {i}");
            common::assert_span(&text, sentence.span, &what);
            assert!(
                sentence.token_range().end <= doc.tokens.len(),
                "{what}: tokens {:?} past the {} tokens",
                sentence.tokens,
                doc.tokens.len()
            );
        }
        common::assert_findings(&text, &findings, markup);
        let _ = linter.stats(&doc, &findings);
    }
});
