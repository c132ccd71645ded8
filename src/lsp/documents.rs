//! The open documents: one rope per document with its version and language
//! id. Edits arrive as LSP ranges in the negotiated encoding; each is turned
//! into byte offsets through the core's one column conversion
//! ([`tact::text::offset_in_line`]) and applied to the rope. Ropey is built
//! with `cr_lines` only, so its lines are LSP's: `\n`, `\r\n` and a lone `\r`.

use ropey::Rope;
use tact::Encoding;
use tact::text::offset_in_line;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

/// A document the editor has open.
pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
}

/// Why an edit was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// The change's version is not newer than the document's.
    Stale { have: i32, got: i32 },
}

impl OpenDocument {
    pub fn new(text: &str, version: i32, language_id: String) -> Self {
        OpenDocument {
            rope: Rope::from_str(text),
            version,
            language_id,
        }
    }

    /// Applies `changes` in order and takes `version`. A range past the end
    /// of a line or of the text is clamped to it (and reported as clamped),
    /// so a confused client never corrupts the text or crashes the server.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<usize, EditError> {
        if version <= self.version {
            return Err(EditError::Stale {
                have: self.version,
                got: version,
            });
        }
        let mut clamped = 0;
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let (start, start_ok) = self.offset(range.start, encoding);
                    let (end, end_ok) = self.offset(range.end, encoding);
                    let (start, end) = (start.min(end), start.max(end));
                    clamped += usize::from(!start_ok || !end_ok);
                    let first = self.rope.byte_to_char(start);
                    let last = self.rope.byte_to_char(end);
                    self.rope.remove(first..last);
                    self.rope.insert(first, &change.text);
                }
            }
        }
        self.version = version;
        Ok(clamped)
    }

    /// The byte offset of `position`, and whether it lay inside the text.
    pub fn offset(&self, position: Position, encoding: Encoding) -> (usize, bool) {
        let line = position.line as usize;
        if line >= self.rope.len_lines() {
            return (self.rope.len_bytes(), false);
        }
        let start = self.rope.line_to_byte(line);
        let slice = self.rope.line(line);
        let text: std::borrow::Cow<str> = slice.into();
        let body = text.trim_end_matches(['\n', '\r']);
        let at = offset_in_line(body, position.character, encoding);
        (
            start + at,
            position.character as usize <= width(body, encoding),
        )
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

/// The width of `text` in `encoding`'s units.
fn width(text: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => text.len(),
        Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        Encoding::Utf32 => text.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn range(start: (u32, u32), end: (u32, u32)) -> Range {
        Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))
    }

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(range(start, end)),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_in_every_encoding_land_on_the_same_bytes() {
        // "😀" is 4 bytes, 2 UTF-16 units, 1 scalar.
        for (encoding, col) in [
            (Encoding::Utf8, 4),
            (Encoding::Utf16, 2),
            (Encoding::Utf32, 1),
        ] {
            let mut doc = OpenDocument::new("😀x\r\nsecond", 1, "markdown".into());
            doc.apply(2, vec![change((0, col), (0, col + 1), "y")], encoding)
                .unwrap();
            assert_eq!(doc.text(), "😀y\r\nsecond", "{encoding:?}");
            doc.apply(3, vec![change((1, 0), (1, 6), "2nd")], encoding)
                .unwrap();
            assert_eq!(doc.text(), "😀y\r\n2nd");
        }
    }

    #[test]
    fn out_of_range_edits_are_clamped_and_stale_ones_refused() {
        let mut doc = OpenDocument::new("ab\ncd", 1, "plaintext".into());
        let clamped = doc
            .apply(2, vec![change((0, 99), (7, 3), "!")], Encoding::Utf16)
            .unwrap();
        assert_eq!(clamped, 1);
        assert_eq!(doc.text(), "ab!");
        assert_eq!(
            doc.apply(2, vec![change((0, 0), (0, 0), "x")], Encoding::Utf16),
            Err(EditError::Stale { have: 2, got: 2 })
        );
        assert_eq!(doc.text(), "ab!");
    }

    #[test]
    fn a_lone_cr_is_a_line_break() {
        let mut doc = OpenDocument::new("a\rb", 1, "plaintext".into());
        doc.apply(2, vec![change((1, 0), (1, 1), "c")], Encoding::Utf8)
            .unwrap();
        assert_eq!(doc.text(), "a\rc");
    }
}
