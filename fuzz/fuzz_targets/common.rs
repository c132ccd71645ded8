//! Helpers shared by the fuzz targets. Each target uses only some of them.
#![allow(dead_code)]

use std::sync::OnceLock;
use tact::document::Extract;
use tact::{Finding, Linter, Markup, Settings, Span};

/// Every markup, with a file name that selects it.
pub const MARKUPS: [(Markup, &str); 4] = [
    (Markup::Markdown, "x.md"),
    (Markup::Plain, "x.txt"),
    (Markup::Mail, "x.eml"),
    (Markup::Commit, "COMMIT_EDITMSG"),
];

/// The linter with the default settings, built once per process.
pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(Settings::default()).expect("the default rulesets compile"))
}

/// Asserts that `span` lies inside `text` and on character boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: Span, what: &dyn std::fmt::Display) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// Asserts that `span` starts at or after `*end`, the end of the span
/// before it in a sequence that must be ordered and must not overlap, then
/// moves `*end` to its end.
#[track_caller]
pub fn assert_follows(span: Span, end: &mut usize, what: &dyn std::fmt::Display) {
    assert!(
        span.start >= *end,
        "{what}: span {span:?} overlaps or precedes the previous one (ending at {end})"
    );
    *end = span.end;
}

/// Asserts the invariants of a reader's result over `text`: every span in
/// bounds and on char boundaries; blocks ordered and non-overlapping;
/// pieces non-empty, ordered, non-overlapping and inside their block.
#[track_caller]
pub fn assert_extract(text: &str, extract: &Extract, markup: Markup) {
    let mut blocks_end = 0;
    for (i, block) in extract.blocks.iter().enumerate() {
        let what = format!("{markup:?} block {i} ({:?})", block.kind);
        assert_span(text, block.span, &what);
        assert_follows(block.span, &mut blocks_end, &what);
        assert!(!block.pieces.is_empty(), "{what}: no pieces");
        let mut at = block.span.start;
        for (j, piece) in block.pieces.iter().enumerate() {
            let what = format!("{what} piece {j}");
            assert_span(text, piece.span, &what);
            assert!(
                !piece.span.is_empty(),
                "{what}: empty piece {:?}",
                piece.span
            );
            assert!(
                block.span.contains(piece.span),
                "{what}: piece {:?} outside its block {:?}",
                piece.span,
                block.span
            );
            assert_follows(piece.span, &mut at, &what);
        }
    }
    for (i, field) in extract.fields.iter().enumerate() {
        assert_span(text, field.span, &format!("{markup:?} field {i}"));
    }
    for (i, directive) in extract.directives.iter().enumerate() {
        assert_span(text, directive.span, &format!("{markup:?} directive {i}"));
    }
    for (i, quoted) in extract.quoted.iter().enumerate() {
        assert_span(text, *quoted, &format!("{markup:?} quoted {i}"));
    }
    let mut at = 0;
    for (i, top) in extract.outline.iter().enumerate() {
        let what = format!("{markup:?} outline {i} ({:?})", top.kind);
        assert_span(text, top.span, &what);
        assert_follows(top.span, &mut at, &what);
    }
}

/// Asserts that every finding's span and every suggestion's edits lie in
/// `text` on char boundaries, and that applying each suggestion gives text
/// that is the original with exactly those edits made.
#[track_caller]
pub fn assert_findings(text: &str, findings: &[Finding], markup: Markup) {
    for (i, finding) in findings.iter().enumerate() {
        let what = format!("{markup:?} finding {i} ({})", finding.rule);
        assert_span(text, finding.span, &what);
        for (j, suggestion) in finding.suggestions.iter().enumerate() {
            let mut end = 0;
            for (k, edit) in suggestion.edits.iter().enumerate() {
                let what = format!("{what} suggestion {j} edit {k}");
                assert_span(text, edit.span, &what);
                assert_follows(edit.span, &mut end, &what);
            }
            // `apply` skips edits that do not fit; they all fit (above), so
            // the result is exactly the text with the edits made.
            let applied = suggestion.apply(text);
            let mut expected = String::with_capacity(text.len());
            let mut at = 0;
            for edit in &suggestion.edits {
                expected.push_str(&text[at..edit.span.start]);
                expected.push_str(&edit.replacement);
                at = edit.span.end;
            }
            expected.push_str(&text[at..]);
            assert_eq!(applied, expected, "{what} suggestion {j}: apply");
        }
    }
}

/// The largest char boundary of `text` at or before `at` (clamped to its end).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The edit script of an input `TEXT [0xFF 0xFF SCRIPT]`, read a byte at a
/// time. 0xFF 0xFF never changes what TEXT means: read lossily, two 0xFF
/// bytes give what any two invalid bytes give.
pub struct Script<'a>(&'a [u8]);

impl<'a> Script<'a> {
    /// Splits `data` at the first 0xFF 0xFF into TEXT (lossy UTF-8) and the
    /// script; without one, all of `data` is TEXT and the script is empty.
    pub fn split(data: &'a [u8]) -> (String, Script<'a>) {
        let (text, script) = match data.windows(2).position(|w| w == b"\xFF\xFF") {
            Some(at) => (&data[..at], &data[at + 2..]),
            None => (data, &[][..]),
        };
        (String::from_utf8_lossy(text).into_owned(), Script(script))
    }

    /// The next byte, if any.
    pub fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    /// The next `N` bytes, if there are that many.
    pub fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (bytes, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*bytes)
    }

    /// The text to insert that the next byte names (see [`Script::text`]).
    pub fn insert(&mut self, pieces: &[&str]) -> Option<String> {
        let b = self.byte()?;
        Some(self.text(b, pieces))
    }

    /// The text to insert that `b` names: `pieces[b % pieces.len()]`, or,
    /// when `b >= 0x80`, the next `b - 0x80` bytes of the script (lossy
    /// UTF-8; fewer if the script ends).
    pub fn text(&mut self, b: u8, pieces: &[&str]) -> String {
        if b >= 0x80 {
            let n = usize::from(b - 0x80).min(self.0.len());
            let (bytes, rest) = self.0.split_at(n);
            self.0 = rest;
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            pieces[usize::from(b) % pieces.len()].to_string()
        }
    }
}
