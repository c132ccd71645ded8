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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A safe rewrite, applied, takes its finding away: nothing of the same
    /// rule is found again where the rewrite went.
    #[test]
    fn every_safe_fix_removes_its_finding(
        text in document(),
        path in prop::sample::select(vec!["a.md", "a.txt", "a.eml", "COMMIT_EDITMSG"]),
    ) {
        let linter = &*LINTER;
        let findings = linter.lint(&Source::new(&text).with_path(path)).findings;
        for f in &findings {
            for s in f.suggestions.iter().filter(|s| s.safe && !s.edits.is_empty()) {
                let fixed = s.apply(&text);
                let mut sorted = s.edits.clone();
                sorted.sort_by_key(|e| e.span.start);
                // Where each replacement landed in the fixed text.
                let mut shift = 0isize;
                let mut landed = Vec::new();
                for e in &sorted {
                    let start = (e.span.start as isize + shift) as usize;
                    landed.push(tact::Span::new(start, start + e.replacement.len()));
                    shift += e.replacement.len() as isize - e.span.len() as isize;
                }
                let again = linter.lint(&Source::new(&fixed).with_path(path)).findings;
                for g in again.iter().filter(|g| g.rule == f.rule) {
                    let hit = landed.iter().any(|l| g.span.start < l.end.max(l.start + 1) && l.start < g.span.end);
                    prop_assert!(!hit, "{} came back after “{}”: {:?} in {:?}", f.rule, s.label, g.span.of(&fixed), fixed);
                }
            }
        }
    }

    /// Positions round-trip in every encoding, on any text: CRLF, astral
    /// characters, combining marks.
    #[test]
    fn positions_round_trip(text in "(\\PC|\r\n|\n|\r|😀|e\u{301}){0,60}") {
        let index = tact::LineIndex::new(&text);
        for encoding in [tact::Encoding::Utf8, tact::Encoding::Utf16, tact::Encoding::Utf32] {
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let p = index.position(&text, offset, encoding);
                let back = index.offset(&text, p, encoding);
                // A lone \r before \n is the same place as the line's end.
                if !(text[..offset].ends_with('\r') && text[offset..].starts_with('\n')) {
                    prop_assert_eq!(back, offset, "{:?} at {} ({:?})", text, offset, encoding);
                }
            }
        }
    }
}
