//! The language server's document model (src/lsp/documents.rs, compiled
//! in here as it is) under arbitrary edit sequences, in every position
//! encoding. After each change:
//!
//! - it never panics, and the rope's lengths and lines agree with its text;
//! - an in-range edit (positions made from byte offsets on a plain `String`
//!   by this target's own conversion) gives exactly the `String` edit, and
//!   `OpenDocument::offset` finds those offsets and calls them in range;
//! - any edit, also one whose positions lie past a line's or the text's end
//!   or inside a character, gives what the core's `LineIndex::offset`
//!   (the clamping the CLI and the other fronts use) says, and is reported
//!   as clamped exactly when a position lay outside the text;
//! - a stale version is refused and leaves the text alone.
//!
//! Input: `TEXT [0xFF 0xFF SCRIPT]`. TEXT (lossy UTF-8) is the opened
//! document. SCRIPT's first byte picks the encoding (`% 3`: UTF-8, UTF-16,
//! UTF-32); then up to 32 operations, each an opcode byte (`% 5`) and its
//! operands:
//!
//! - 0, 1: in-range edit `[a_hi, a_lo, len, insert]`: bytes `a/65536` of the
//!   text to `+len` (moved back to char boundaries, never inside a CRLF);
//! - 2: one to three (`1 + opcode / 5 % 3`) raw changes in one
//!   notification, each `[l1, c1, l2, c2, insert]`: positions (line,
//!   character) taken as is, where a byte `>= 0xF0` stands for a huge number;
//! - 3: full replacement `[insert]` (a change without a range);
//! - 4: a stale change `[insert]` (same version): refused, text unchanged.
//!
//! `insert` picks a piece of text, or when `>= 0x80` takes the next
//! `insert - 0x80` bytes of the script (lossy UTF-8).
#![no_main]

mod common;
#[allow(dead_code)]
#[path = "../../src/lsp/documents.rs"]
mod documents;

use common::Script;
use documents::{EditError, OpenDocument};
use libfuzzer_sys::fuzz_target;
use tact::{Encoding, LineIndex};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const PIECES: &[&str] = &[
    "",
    "x",
    "deploy ",
    "😀",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "漢字 e\u{301}",
    "API. ",
    "\u{2028}",
    "\u{85}",
    "\r\r\n",
    "\u{FEFF}",
];

const MAX_OPS: usize = 32;

/// A line or character: small, or (from 0xF0 up) huge.
fn number(script: &mut Script) -> Option<u32> {
    let b = script.byte()?;
    Some(match b {
        0xF0 => u32::MAX,
        0xF1 => u32::MAX - 1,
        0xF2 => i32::MAX as u32,
        0xF3 => i32::MAX as u32 + 1,
        0xF4 => 1 << 16,
        0xF5..=0xFF => u32::from(b) * 257,
        _ => u32::from(b),
    })
}

/// The width of `s` in `encoding`'s units.
fn width(s: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        Encoding::Utf32 => s.chars().count(),
    }
}

/// The LSP position of byte `at` (a char boundary, not inside a CRLF),
/// computed independently of the code under test: lines end at `\n`,
/// `\r\n` or a lone `\r`.
fn position(text: &str, at: usize, encoding: Encoding) -> Position {
    let bytes = text.as_bytes();
    let (mut line, mut start, mut i) = (0, 0, 0);
    while i < at {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                line += 1;
                start = i;
            }
            b'\r' | b'\n' => {
                i += 1;
                line += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    assert!(start <= at, "offset {at} inside a CRLF");
    Position::new(line, width(&text[start..at], encoding) as u32)
}

/// A char boundary at or before `at`, never between `\r` and `\n`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = common::floor_boundary(text, at);
    if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
        at -= 1;
    }
    at
}

/// Whether `position` lies in `text`: an existing line, a column at most
/// the line's width (without its line break).
fn in_range(index: &LineIndex, text: &str, position: Position, encoding: Encoding) -> bool {
    index
        .line_span(text, position.line as usize)
        .is_some_and(|line| position.character as usize <= width(line.of(text), encoding))
}

/// The core's own position type.
fn core(p: Position) -> tact::Position {
    tact::Position {
        line: p.line,
        character: p.character,
    }
}

fn change(range: Option<Range>, text: String) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range,
        range_length: None,
        text,
    }
}

/// The rope agrees with itself and with `model`.
fn assert_same(doc: &OpenDocument, model: &str, what: &dyn std::fmt::Display) {
    let text = doc.text();
    assert_eq!(text, model, "{what}");
    assert_eq!(doc.rope.len_bytes(), model.len(), "{what}: len_bytes");
    assert_eq!(
        doc.rope.len_chars(),
        model.chars().count(),
        "{what}: len_chars"
    );
    assert_eq!(
        doc.rope.len_lines(),
        LineIndex::new(model).line_count(),
        "{what}: len_lines"
    );
}

fuzz_target!(|data: &[u8]| {
    let (mut model, mut script) = Script::split(data);
    let encoding = match script.byte().unwrap_or(1) % 3 {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    };
    let mut doc = OpenDocument::new(&model, 1, "markdown".into());
    assert_same(&doc, &model, &"opened");
    let mut version = 1;

    for step in 1..=MAX_OPS {
        let Some(op) = script.byte() else { break };
        let what = format!("step {step} (op {}, {encoding:?})", op % 5);
        match op % 5 {
            0 | 1 => {
                let (Some([hi, lo, len]), Some(insert)) = (script.bytes(), script.insert(PIECES))
                else {
                    break;
                };
                let fraction = usize::from(u16::from_be_bytes([hi, lo]));
                let start = boundary(&model, (fraction * (model.len() + 1)) >> 16);
                let end = boundary(&model, start + usize::from(len)).max(start);
                let (p, q) = (
                    position(&model, start, encoding),
                    position(&model, end, encoding),
                );
                assert_eq!(
                    doc.offset(p, encoding),
                    (start, true),
                    "{what}: start {p:?}"
                );
                assert_eq!(doc.offset(q, encoding), (end, true), "{what}: end {q:?}");
                // Half of them given backwards: the model swaps them.
                let range = if op % 5 == 0 {
                    Range::new(p, q)
                } else {
                    Range::new(q, p)
                };
                version += 1;
                let clamped = doc
                    .apply(version, vec![change(Some(range), insert.clone())], encoding)
                    .expect("a newer version is applied");
                assert_eq!(clamped, 0, "{what}: an in-range edit reported as clamped");
                model.replace_range(start..end, &insert);
            }
            2 => {
                // One to three changes in one notification, each applying to
                // the text the one before left.
                let mut changes = Vec::new();
                let mut expected_clamped = 0;
                let mut expected = model.clone();
                for _ in 0..1 + (op / 5) % 3 {
                    let (Some(l1), Some(c1), Some(l2), Some(c2), Some(insert)) = (
                        number(&mut script),
                        number(&mut script),
                        number(&mut script),
                        number(&mut script),
                        script.insert(PIECES),
                    ) else {
                        break;
                    };
                    let (p, q) = (Position::new(l1, c1), Position::new(l2, c2));
                    let index = LineIndex::new(&expected);
                    let (a, b) = (
                        index.offset(&expected, core(p), encoding),
                        index.offset(&expected, core(q), encoding),
                    );
                    let outside = !in_range(&index, &expected, p, encoding)
                        || !in_range(&index, &expected, q, encoding);
                    expected_clamped += usize::from(outside);
                    expected.replace_range(a.min(b)..a.max(b), &insert);
                    changes.push(change(Some(Range::new(p, q)), insert));
                }
                if changes.is_empty() {
                    break;
                }
                let summary = format!("{:?}", changes.iter().map(|c| c.range).collect::<Vec<_>>());
                version += 1;
                let clamped = doc
                    .apply(version, changes, encoding)
                    .expect("a newer version is applied");
                assert_eq!(
                    clamped, expected_clamped,
                    "{what}: clamped count for {summary}"
                );
                model = expected;
            }
            3 => {
                let Some(insert) = script.insert(PIECES) else {
                    break;
                };
                version += 1;
                doc.apply(version, vec![change(None, insert.clone())], encoding)
                    .expect("a newer version is applied");
                model = insert;
            }
            _ => {
                let Some(insert) = script.insert(PIECES) else {
                    break;
                };
                let stale = doc.apply(version, vec![change(None, insert)], encoding);
                assert_eq!(
                    stale,
                    Err(EditError::Stale {
                        have: version,
                        got: version
                    }),
                    "{what}"
                );
            }
        }
        assert_eq!(doc.version, version, "{what}: version");
        assert_same(&doc, &model, &what);
    }
});
