//! Byte spans into the source text, and the one line index that converts
//! byte offsets to editor positions (UTF-8, UTF-16 or UTF-32 code units) and
//! back. Everything in the core speaks byte offsets; only the fronts convert,
//! and they all convert here.

use serde::Serialize;

/// A half-open byte range `start..end` into a document's source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// Whether `other` lies entirely inside `self`.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `""` when it does not fit `text` or does
    /// not fall on character boundaries.
    pub fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How an editor counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values (what the CLI reports).
    Utf32,
}

/// A zero-based line and column, the column counted in some [`Encoding`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Start offsets of every line. A line ends after `\n`; a `\r\n` pair is one
/// line break, and a lone `\r` is also treated as one (as LSP requires).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + found;
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                i = at + 2;
            } else {
                i = at + 1;
            }
            starts.push(i);
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where zero-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The byte span of zero-based `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Option<Span> {
        let start = *self.starts.get(line)?;
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let mut end = next;
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(Span::new(start, end))
    }

    /// The zero-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The position of byte `offset`. An offset past the end is clamped to
    /// the end; one inside a character is moved back to its start.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        self.position_after(text, offset, encoding, None).1
    }

    /// Like [`Self::position`], but counting from `known` (an earlier byte
    /// offset and its position) when that lies on the same line before
    /// `offset`. Also returns the clamped offset, to pass as `known` next
    /// time: visiting the sorted findings of a document this way counts a
    /// long line once, not once per finding on it.
    pub fn position_after(
        &self,
        text: &str,
        offset: usize,
        encoding: Encoding,
        known: Option<(usize, Position)>,
    ) -> (usize, Position) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let (from, base) = match known {
            Some((at, p)) if p.line as usize == line && at <= offset => (at, p.character),
            _ => (self.starts[line], 0),
        };
        let part = &text[from..offset];
        let counted = match encoding {
            Encoding::Utf8 => part.len(),
            Encoding::Utf16 => part.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => part.chars().count(),
        };
        let position = Position {
            line: line as u32,
            character: base + counted as u32,
        };
        (offset, position)
    }

    /// The byte offset of `position`. A column past the end of its line is
    /// clamped to the line's end (before its line break), a line past the
    /// end to the end of the text, and a column inside a character (a UTF-16
    /// surrogate half, a UTF-8 continuation byte) to that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(line) = self.line_span(text, position.line as usize) else {
            return text.len();
        };
        line.start + offset_in_line(line.of(text), position.character, encoding)
    }
}

/// The byte offset of column `character` (counted in `encoding`) in `line`,
/// a line without its line break: clamped to the line's end, and a column
/// inside a character moved to that character's start. [`LineIndex::offset`]
/// uses it, and so do fronts that keep their text in another structure.
pub fn offset_in_line(line: &str, character: u32, encoding: Encoding) -> usize {
    let wanted = character as usize;
    if encoding == Encoding::Utf8 {
        let mut at = wanted.min(line.len());
        while !line.is_char_boundary(at) {
            at -= 1;
        }
        return at;
    }
    let mut units = 0;
    for (at, ch) in line.char_indices() {
        let width = match encoding {
            Encoding::Utf16 => ch.len_utf16(),
            _ => 1,
        };
        if units + width > wanted {
            return at;
        }
        units += width;
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str) {
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let pos = index.position(text, offset, encoding);
                let back = index.offset(text, pos, encoding);
                // An offset on the '\n' of a CRLF pair has no position of its own.
                if text.as_bytes().get(offset) == Some(&b'\n')
                    && offset > 0
                    && text.as_bytes()[offset - 1] == b'\r'
                {
                    continue;
                }
                assert_eq!(back, offset, "{text:?} at {offset} via {encoding:?}");
            }
        }
    }

    #[test]
    fn positions_roundtrip_on_awkward_text() {
        roundtrip("");
        roundtrip("plain");
        roundtrip("a\nb\n");
        roundtrip("crlf\r\nline\r\nend");
        roundtrip("lone\rcr");
        roundtrip("emoji 😀 here\nCJK 漢字\ncombining e\u{301}");
    }

    #[test]
    fn counting_on_from_an_earlier_offset_gives_the_same_positions() {
        let text = "a😀b\r\ncafé 🎉 ok\nline\n\nlast 😀 é";
        let index = LineIndex::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let mut known = None;
            // In order, out of order, and inside characters.
            for offset in (0..=text.len())
                .chain((0..=text.len()).rev())
                .chain([3, 1, 40])
            {
                let (at, p) = index.position_after(text, offset, encoding, known);
                assert_eq!(
                    p,
                    index.position(text, offset, encoding),
                    "{offset} {encoding:?}"
                );
                known = Some((at, p));
            }
        }
    }

    #[test]
    fn columns_differ_per_encoding() {
        let text = "x😀y";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(index.position(text, y, Encoding::Utf8).character, 5);
        assert_eq!(index.position(text, y, Encoding::Utf16).character, 3);
        assert_eq!(index.position(text, y, Encoding::Utf32).character, 2);
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        let p = |line, character| Position { line, character };
        assert_eq!(index.offset(text, p(0, 99), Encoding::Utf16), 2);
        assert_eq!(index.offset(text, p(7, 0), Encoding::Utf16), text.len());
        assert_eq!(index.position(text, 999, Encoding::Utf8), p(1, 2));
        // Inside a surrogate pair lands on the character's start.
        let emoji = "😀z";
        let index = LineIndex::new(emoji);
        assert_eq!(index.offset(emoji, p(0, 1), Encoding::Utf16), 0);
    }

    #[test]
    fn line_spans_exclude_breaks() {
        let text = "one\r\ntwo\nthree";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_span(text, 0).unwrap().of(text), "one");
        assert_eq!(index.line_span(text, 1).unwrap().of(text), "two");
        assert_eq!(index.line_span(text, 2).unwrap().of(text), "three");
        assert_eq!(index.line_of(text.find("two").unwrap()), 1);
    }
}
