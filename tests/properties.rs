//! Properties that hold for any input: findings start and end inside prose
//! (never in code, URLs, quotes, headers or comments), on character
//! boundaries, and every safe fix replaces text inside the document.

use proptest::prelude::*;
use std::sync::LazyLock;
use tact::{Linter, Settings, Source};

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::new(Settings::default()).unwrap());

/// Fragments that mix prose the rules react to with every kind of markup
/// that is not prose.
const FRAGMENTS: &[&str] = &[
    "We will deploy the fix soon. ",
    "That's not possible. ",
    "Obviously, you should have restarted it. ",
    "The data was deleted. ",
    "SSO ",
    "guaranteed ",
    "`deploy` ",
    "```\nrollback\n```\n",
    "https://example.com/deploy ",
    "<!-- deploy -->",
    "<b>cache</b> ",
    "> we deploy\n",
    "\n\n",
    "\n",
    "- item with latency\n",
    "# Heading about refactor\n",
    "| a | backend |\n|---|---|\n| latency | x |\n",
    "[link](https://x.nl/deploy) ",
    "😀 ",
    "漢字 ",
    "e\u{301} ",
    "\r\n",
    "-- \nsignature deploy\n",
    "On Mon, 3 Jun 2024, Sam wrote:\n",
    "---\ntitle: deploy\n---\n",
    "Subject: deploy\n",
    "# comment deploy\n",
    "dat kan niet ",
    "we rollen de update morgen uit ",
];

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..FRAGMENTS.len(), 0..40)
        .prop_map(|picks| picks.into_iter().map(|i| FRAGMENTS[i]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn findings_lie_in_prose_on_char_boundaries(
        text in document(),
        path in prop::sample::select(vec!["a.md", "a.txt", "a.eml", "COMMIT_EDITMSG"]),
    ) {
        let linter = &*LINTER;
        let source = Source::new(&text).with_path(path);
        let doc = linter.document(&source);
        let pieces: Vec<_> = doc.extract.blocks.iter().flat_map(|b| b.pieces.iter().map(|p| p.span)).collect();
        let inside = |offset: usize, end: bool| pieces.iter().any(|p| {
            if end { p.start < offset && offset <= p.end } else { p.start <= offset && offset < p.end }
        });
        for f in linter.check(&doc) {
            prop_assert!(f.span.start < f.span.end, "{:?} is empty", f);
            prop_assert!(f.span.end <= text.len());
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            // Document findings sit on the subject line or a whole paragraph.
            if matches!(f.rule.info().scope, tact::rules::Scope::Document | tact::rules::Scope::Paragraph) {
                continue;
            }
            prop_assert!(inside(f.span.start, false), "{} starts outside prose: {:?} in {:?}", f.rule, f.span.of(&text), text);
            prop_assert!(inside(f.span.end, true), "{} ends outside prose: {:?} in {:?}", f.rule, f.span.of(&text), text);
            for s in &f.suggestions {
                for edit in &s.edits {
                    prop_assert!(edit.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
                }
            }
        }
    }
}
