//! Differential: re-reading only the Markdown blocks an edit touched
//! (`Linter::analyse` with the previous analysis, src/reuse.rs) must give
//! exactly what a fresh read gives — the same extract, words, sentences,
//! language, kind and findings — after every edit of a sequence.
//!
//! Input: `TEXT [0xFF 0xFF SCRIPT]`. TEXT (lossy UTF-8) is the first
//! Markdown document; SCRIPT is up to 16 edits of 4 bytes each,
//! `[at_hi, at_lo, delete, insert]`: at `at/65536` of the text (moved back
//! to a char boundary) delete `delete` bytes and insert `PIECES[insert]`,
//! or, when `insert >= 0x80`, the next `insert - 0x80` bytes of the script
//! (lossy UTF-8).
#![no_main]

mod common;

use common::Script;
use libfuzzer_sys::fuzz_target;
use tact::{Analysis, Linter, Source};

/// What Markdown documents are made of, with every construct that reaches
/// across a blank line (as in tests/reuse.rs).
const PIECES: &[&str] = &[
    "",
    "We deployed the fix to staging.",
    "Obviously the SSO is simple.",
    "Thank you for waiting. We will call you on Monday 3 March.",
    "Wij hebben de backend gedeployed.",
    "\n",
    "\n\n",
    "\r\n",
    "- ",
    "1. ",
    "* item with the API\n",
    "```\n",
    "~~~\n",
    "    indented code\n",
    "<!-- tact-disable jargon -->",
    "<!-- tact-enable -->",
    "<!--",
    "-->",
    "<div>\n",
    "</div>\n",
    "[link]",
    "[link]: https://example.org\n",
    "[text][link]",
    "[^1]",
    "[^1]: A footnote about the cache.\n",
    "---\n",
    "---\ntitle: Update\n---\n",
    "+++\n",
    "# Heading about the deploy\n",
    "Setext\n===\n",
    "| a | b |\n|---|---|\n| API | cache |\n",
    "> quoted backend text\n",
    "`code`",
    "https://example.org/deploy",
    "**bold SLA**",
    "  ",
    "é ",
    "😀",
    "\\",
    "tact-language: nl\n",
];

const MAX_EDITS: usize = 16;

fn analyse(linter: &Linter, text: &str, previous: Option<(&str, Analysis)>) -> Analysis {
    linter.analyse(&Source::new(text).with_path("x.md"), previous)
}

fn assert_fresh(linter: &Linter, text: &str, analysis: &Analysis, step: usize) {
    let fresh = analyse(linter, text, None);
    assert!(!fresh.partial);
    let what = format!(
        "after edit {step} (partial: {}), text {text:?}",
        analysis.partial
    );
    assert_eq!(analysis.extract, fresh.extract, "extract {what}");
    assert_eq!(analysis.tokens(), fresh.tokens(), "tokens {what}");
    assert_eq!(analysis.sentences(), fresh.sentences(), "sentences {what}");
    assert_eq!(analysis.language, fresh.language, "language {what}");
    assert_eq!(analysis.kind, fresh.kind, "kind {what}");
    assert_eq!(analysis.findings, fresh.findings, "findings {what}");
}

fuzz_target!(|data: &[u8]| {
    let (mut text, mut script) = Script::split(data);
    let linter = common::linter();
    let mut analysis = analyse(linter, &text, None);
    let mut step = 0;
    while step < MAX_EDITS
        && let Some([hi, lo, delete, insert]) = script.bytes()
    {
        step += 1;
        let fraction = usize::from(u16::from_be_bytes([hi, lo]));
        let at = common::floor_boundary(&text, (fraction * (text.len() + 1)) >> 16);
        let end = common::floor_boundary(&text, at + usize::from(delete)).max(at);
        let inserted = script.text(insert, PIECES);
        let mut new = text.clone();
        new.replace_range(at..end, &inserted);
        analysis = analyse(linter, &new, Some((&text, analysis)));
        assert_fresh(linter, &new, &analysis, step);
        text = new;
    }
});
