//! Re-reading only what an edit touched must give exactly what a fresh lint
//! gives: the same prose blocks, words, sentences and findings, after any
//! sequence of edits, on Markdown full of the constructs that reach across
//! blocks (fences, lists, HTML comments, link reference definitions,
//! footnotes, front matter).

mod common;

use proptest::prelude::*;
use tact::{Analysis, Linter, Settings, Source};

/// Compares an analysis with a fresh read and check of `text`.
fn assert_fresh(linter: &Linter, text: &str, analysis: &Analysis) {
    let source = Source::new(text).with_path("mail.md");
    let fresh = linter.analyse(&source, None);
    assert!(!fresh.partial);
    assert_eq!(analysis.extract, fresh.extract, "extract of {text:?}");
    assert_eq!(analysis.tokens(), fresh.tokens(), "tokens of {text:?}");
    assert_eq!(
        analysis.sentences(),
        fresh.sentences(),
        "sentences of {text:?}"
    );
    assert_eq!(analysis.language, fresh.language, "language of {text:?}");
    assert_eq!(analysis.kind, fresh.kind, "kind of {text:?}");
    assert_eq!(analysis.findings, fresh.findings, "findings of {text:?}");
    // And the one-shot lint agrees with both.
    assert_eq!(linter.lint(&source).findings, fresh.findings);
}

/// Analyses `old`, then `new` from that analysis, and compares the result
/// with a fresh read of `new`.
fn assert_edit_reads_fresh(linter: &Linter, old: &str, new: &str) {
    let first = linter.analyse(&Source::new(old).with_path("mail.md"), None);
    let next = linter.analyse(&Source::new(new).with_path("mail.md"), Some((old, first)));
    assert_fresh(linter, new, &next);
}

/// A paragraph of ordinary prose with a few findings in it.
fn paragraph(i: usize) -> String {
    let lines = [
        "We deployed the new booking page on Monday.",
        "Obviously, the SSO button will only work after approval.",
        "This can't be done, and we will fix the backend soon.",
        "Thank you for your patience with the migration.",
        "Please call me on Tuesday 2 December at 10:00.",
        "The API returns a 500 error when the cache is stale.",
    ];
    format!(
        "{} {}",
        lines[i % lines.len()],
        lines[(i * 7 + 3) % lines.len()]
    )
}

fn book(paragraphs: usize) -> String {
    let mut text = String::from("# Project update\n\n");
    for i in 0..paragraphs {
        text.push_str(&paragraph(i));
        text.push_str("\n\n");
        if i % 5 == 2 {
            text.push_str("- a list item about the deploy\n- another about the SSO\n\n");
        }
        if i % 7 == 3 {
            text.push_str("```\nlet cache = deploy();\n```\n\n");
        }
    }
    text
}

#[test]
fn an_edit_inside_a_paragraph_rereads_only_around_it() {
    let linter = common::linter("en");
    let old = book(40);
    let first = linter.analyse(&Source::new(&old).with_path("mail.md"), None);
    let at = old.find("Thank you").unwrap() + 5;
    let mut new = old.clone();
    new.insert_str(at, "very ");
    let next = linter.analyse(&Source::new(&new).with_path("mail.md"), Some((&old, first)));
    assert!(
        next.partial,
        "a plain edit in a paragraph must not re-read everything"
    );
    assert_fresh(&linter, &new, &next);

    // An edit that makes a finding, then one that removes it again.
    let at = new.find("with the migration").unwrap();
    let mut jargon = new.clone();
    jargon.insert_str(at, "with the backend ");
    let more = linter.analyse(
        &Source::new(&jargon).with_path("mail.md"),
        Some((&new, next)),
    );
    assert!(more.partial);
    assert_fresh(&linter, &jargon, &more);
    let back = linter.analyse(
        &Source::new(&new).with_path("mail.md"),
        Some((&jargon, more)),
    );
    assert!(back.partial);
    assert_fresh(&linter, &new, &back);
}

#[test]
fn edits_that_reach_across_blocks_read_the_whole_document() {
    let linter = common::linter("en");
    let old = book(12);
    let at = old.find("Thank you").unwrap();
    for opening in [
        "```\n",
        "<!--\n",
        "[backend]: https://example.org\n\n",
        "- ",
    ] {
        let mut new = old.clone();
        new.insert_str(at, opening);
        assert_edit_reads_fresh(&linter, &old, &new);
    }
}

/// Found by the `reuse` fuzz target: indented code's span starts after its
/// indentation; when an edit splits the indentation from the text, that
/// block must be read again, not kept.
#[test]
fn a_block_read_in_another_context_is_read_again() {
    let linter = common::linter("en");
    assert_edit_reads_fresh(&linter, "    indented code\n", "   \n\nindented code\n");
}

/// Found by the `reuse` fuzz target: a line holding only a form feed is
/// not blank in CommonMark, so the paragraph before it goes on past it.
#[test]
fn a_form_feed_line_does_not_end_a_paragraph() {
    let linter = common::linter("en");
    assert_edit_reads_fresh(
        &linter,
        "# \u{fffd}\n\u{c}\nnext\n",
        "# \n\n\u{fffd}\n\u{c}\nnext\n",
    );
}

#[test]
fn another_linter_or_markup_starts_afresh() {
    let linter = common::linter("en");
    let other = Linter::new(Settings::default()).unwrap();
    let text = book(6);
    let first = linter.analyse(&Source::new(&text).with_path("mail.md"), None);
    let by_other = other.analyse(
        &Source::new(&text).with_path("mail.md"),
        Some((&text, first)),
    );
    assert!(!by_other.partial);
    let as_plain = other.analyse(
        &Source::new(&text).with_path("mail.txt"),
        Some((&text, by_other)),
    );
    assert!(!as_plain.partial);
}

/// Pieces of Markdown that documents are made of, including every
/// construct that can reach across a blank line.
const PIECES: &[&str] = &[
    "We deployed the fix to staging.",
    "Obviously the SSO is simple.",
    "The backend can't be changed.",
    "Thank you for waiting. We will call you on Monday 3 March.",
    "\n",
    "\n\n",
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
    "---\ntitle: Update\n---\n",
    "# Heading about the deploy\n",
    "Setext\n===\n",
    "| a | b |\n|---|---|\n| API | cache |\n",
    "> quoted backend text\n",
    "`code`",
    "https://example.org/deploy",
    "**bold SLA**",
    "  ",
    "\r\n",
    "é ",
    "Wij hebben de backend gedeployed.",
];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
}

/// One edit: at a fraction of the text, delete some bytes, insert a piece.
fn edits() -> impl Strategy<Value = Vec<(f64, usize, Option<&'static str>)>> {
    prop::collection::vec(
        (
            0.0..1.0f64,
            prop_oneof![3 => Just(0usize), 1 => 0usize..40],
            prop::option::of(prop::sample::select(PIECES)),
        ),
        1..12,
    )
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// 64 cases by default (each edit is checked against a fresh lint, which is
/// slow in a debug build); `PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_edit_sequence_gives_what_a_fresh_lint_gives(start in document(), steps in edits()) {
        let linter = common::linter("en");
        let mut text = start;
        let mut analysis = linter.analyse(&Source::new(&text).with_path("mail.md"), None);
        for (fraction, delete, insert) in steps {
            let at = boundary(&text, (fraction * text.len() as f64) as usize);
            let end = boundary(&text, at + delete).max(at);
            let mut new = text.clone();
            new.replace_range(at..end, insert.unwrap_or(""));
            analysis = linter.analyse(&Source::new(&new).with_path("mail.md"), Some((&text, analysis)));
            assert_fresh(&linter, &new, &analysis);
            text = new;
        }
    }
}
