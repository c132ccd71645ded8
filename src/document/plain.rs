//! The plain-text reader, and the line-based reading the mail and commit
//! readers share with it.
//!
//! Plain text is read line by line:
//! - blank lines separate paragraphs, and every line of a paragraph is one
//!   piece, soft-joined to the line before;
//! - a line starting with a bullet (`- `, `* `, `+ `, `• `, `– `, `1. `,
//!   `1) `, `a) `) starts a list item; the lines after it, up to a blank
//!   line or the next bullet, continue the item (bullets are not prose);
//! - a line indented by four or more columns (a tab counts to the next
//!   multiple of four) is code, not prose, unless it continues a list item
//!   at less than four columns past the item's text;
//! - a line that is a suppression comment ([`directives::comment_line`])
//!   is not prose and becomes a [`Directive`](super::Directive);
//! - a line made only of one repeated `-`, `=`, `_`, `*`, `~` or `#` (three
//!   or more) is a separator, not prose;
//! - inside a line, `` `code` `` (a backtick run closed by an equal run on
//!   the same line) and addresses (see [`urls`]) are cut out as hard gaps.
//!
//! A plain-text file is read as a mail (see [`super::mail`]): headers when
//! it starts with them, and no `>` quoted lines, "On … wrote:" lines,
//! earlier mails or anything after a `-- ` signature line.
//!
//! Line breaks are `\n`, `\r\n` or a lone `\r`; a leading byte-order mark is
//! skipped. Deliberately not handled: Markdown or other markup (use the
//! Markdown reader), headings (plain text has none), and wrapped lines that
//! are indented like code.

use super::directives;
use super::extract::{Block, BlockKind, Extract, Join, Piece};
use super::urls;
use crate::text::Span;

/// Reads plain text. A `.txt` file is often a mail draft or a pasted mail,
/// so it is read exactly like one: headers when it starts with them, and
/// no quoted lines, attribution lines, earlier mails or signature.
pub fn read(text: &str) -> Extract {
    super::mail::read(text)
}

/// What a caller decided about a line before the shared reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Read by the plain-text rules.
    Prose,
    /// Not prose (a quote, a header, a comment): it ends the current block.
    Skip,
    /// A heading of this level, a block of its own.
    Heading(u8),
}

/// A line of the source (without its line break) and its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub span: Span,
    pub role: Role,
}

/// The lines of `range` in `text`, without their line breaks. A range
/// ending in a line break has no empty last line; a byte-order mark at the
/// very start of the text is left out of the first line.
pub(crate) fn lines(text: &str, range: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let end = range.end.min(text.len());
    let mut start = range.start.min(end);
    if start == 0 && text.starts_with('\u{feff}') {
        start = '\u{feff}'.len_utf8().min(end);
    }
    let bytes = text.as_bytes();
    while start < end {
        match memchr::memchr2(b'\n', b'\r', &bytes[start..end]) {
            Some(found) => {
                let at = start + found;
                out.push(Span::new(start, at));
                start = if bytes[at] == b'\r' && at + 1 < end && bytes[at + 1] == b'\n' {
                    at + 2
                } else {
                    at + 1
                };
            }
            None => {
                out.push(Span::new(start, end));
                break;
            }
        }
    }
    out
}

/// A block being built.
struct Open {
    kind: BlockKind,
    span: Span,
    pieces: Vec<Piece>,
    pending: Join,
    /// For a list item, the column its text starts at.
    content_col: usize,
}

/// Reads classified lines with the plain-text rules, appending blocks and
/// directives to `out`.
pub(crate) fn read_lines(text: &str, lines: &[Line], out: &mut Extract) {
    let mut open: Option<Open> = None;
    // Whether a list is still going on (only blank lines since its last item).
    let mut in_list = false;
    for line in lines {
        let body = line.span.of(text);
        match line.role {
            Role::Skip => {
                close(&mut open, out);
                in_list = false;
                continue;
            }
            Role::Heading(level) => {
                close(&mut open, out);
                in_list = false;
                one_line_block(
                    text,
                    BlockKind::Heading(level),
                    trim_span(text, line.span),
                    out,
                );
                continue;
            }
            Role::Prose => {}
        }
        if body.trim().is_empty() {
            if open.as_ref().is_some_and(|b| b.kind == BlockKind::ListItem) {
                in_list = true;
            }
            close(&mut open, out);
            continue;
        }
        if let Some(directive) = directives::line_directive(text, line.span) {
            close(&mut open, out);
            out.directives.push(directive);
            continue;
        }
        if is_separator(body) {
            close(&mut open, out);
            in_list = false;
            continue;
        }
        let (indent_bytes, indent_cols) = indent(body);
        let rest = &body[indent_bytes..];
        let listing = in_list || open.as_ref().is_some_and(|b| b.kind == BlockKind::ListItem);
        if (indent_cols <= 3 || listing)
            && let Some(marker) = bullet(rest)
        {
            close(&mut open, out);
            in_list = true;
            let start = line.span.start + indent_bytes;
            let mut block = Open {
                kind: BlockKind::ListItem,
                span: Span::new(start, trim_span(text, line.span).end),
                pieces: Vec::new(),
                pending: Join::Soft,
                content_col: indent_cols + rest[..marker].chars().count(),
            };
            let content = trim_span(text, Span::new(start + marker, line.span.end));
            push_line(text, content, &mut block.pending, &mut block.pieces);
            open = Some(block);
            continue;
        }
        if indent_cols >= 4 {
            let continues = open
                .as_ref()
                .is_some_and(|b| b.kind == BlockKind::ListItem && indent_cols < b.content_col + 4);
            if !continues {
                // Indented code.
                close(&mut open, out);
                continue;
            }
        }
        let content = trim_span(text, line.span);
        if is_label_line(rest) && !listing {
            // "Date: 12 March" / "Aanwezig: …": a field of its own, not part
            // of a sentence running over several lines.
            close(&mut open, out);
            in_list = false;
            one_line_block(text, BlockKind::Paragraph, content, out);
            continue;
        }
        if open.is_none() {
            in_list = false;
        }
        let block = open.get_or_insert_with(|| Open {
            kind: BlockKind::Paragraph,
            span: content,
            pieces: Vec::new(),
            pending: Join::Soft,
            content_col: 0,
        });
        block.span.end = content.end;
        push_line(text, content, &mut block.pending, &mut block.pieces);
    }
    close(&mut open, out);
}

/// Adds a block made of the one line `span`.
fn one_line_block(text: &str, kind: BlockKind, span: Span, out: &mut Extract) {
    let mut block = Some(Open {
        kind,
        span,
        pieces: Vec::new(),
        pending: Join::Soft,
        content_col: 0,
    });
    if let Some(b) = block.as_mut() {
        push_line(text, span, &mut b.pending, &mut b.pieces);
    }
    close(&mut block, out);
}

/// A `Label: value` line: a label of one or two words starting with a
/// letter, then a colon and a space (or the end of the line), and a short
/// value that is not a sentence.
fn is_label_line(line: &str) -> bool {
    let Some(colon) = line.find(':') else {
        return false;
    };
    let label = &line[..colon];
    let after = &line[colon + 1..];
    // "Date: 12 March" is a field; "Good news: the payment provider had
    // rotated the key, so …" is a sentence that opens with a label.
    let value_words = after.split_whitespace().count();
    let sentence_like = value_words > 8 || after.trim_end().ends_with(['.', '!', '?']);
    colon <= 32
        && !sentence_like
        && label.starts_with(char::is_alphabetic)
        && label.split_whitespace().count() <= 2
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '&' | '/' | '.'))
        && (after.is_empty() || after.starts_with(' '))
}

fn close(open: &mut Option<Open>, out: &mut Extract) {
    if let Some(block) = open.take()
        && !block.pieces.is_empty()
    {
        out.blocks.push(Block {
            kind: block.kind,
            span: block.span,
            pieces: block.pieces,
        });
    }
}

/// `span` without leading and trailing whitespace.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let body = span.of(text);
    let start = span.start + (body.len() - body.trim_start().len());
    Span::new(start, start + body.trim().len())
}

/// The leading whitespace of `line`: its length in bytes and in columns
/// (a tab advances to the next multiple of four).
fn indent(line: &str) -> (usize, usize) {
    let mut cols = 0;
    for (at, b) in line.bytes().enumerate() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols = (cols / 4 + 1) * 4,
            _ => return (at, cols),
        }
    }
    (line.len(), cols)
}

/// The length of the list marker (with the whitespace after it) that
/// starts `rest`, if there is one.
fn bullet(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    let marker_end = if matches!(first, '-' | '*' | '+' | '•' | '–' | '◦' | '▪') {
        first.len_utf8()
    } else if first.is_ascii_digit() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 || !matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) {
            return None;
        }
        digits + 1
    } else if first.is_ascii_alphabetic() && rest.as_bytes().get(1) == Some(&b')') {
        2
    } else {
        return None;
    };
    let after = &rest[marker_end..];
    let space = after.len() - after.trim_start_matches([' ', '\t']).len();
    (space > 0 || after.is_empty()).then_some(marker_end + space)
}

/// A line made of one punctuation character repeated (`-----`, `=====`).
fn is_separator(line: &str) -> bool {
    let line = line.trim();
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '=' | '_' | '*' | '~' | '#')
        && line.len() >= 3
        && line.chars().all(|c| c == first || c == ' ')
}

/// Appends the prose of one line (`span`, already trimmed) to `pieces`:
/// inline code and addresses become hard gaps.
pub(crate) fn push_line(text: &str, span: Span, pending: &mut Join, pieces: &mut Vec<Piece>) {
    let line = span.of(text);
    let bytes = line.as_bytes();
    let run = |at: usize| bytes[at..].iter().take_while(|&&b| b == b'`').count();
    let mut cursor = 0;
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'`', &bytes[i..]) {
        let open = i + found;
        let width = run(open);
        // The closing run: exactly as many backticks.
        let mut j = open + width;
        let mut close = None;
        while let Some(found) = memchr::memchr(b'`', &bytes[j..]) {
            let at = j + found;
            let len = run(at);
            if len == width {
                close = Some(at);
                break;
            }
            j = at + len;
        }
        match close {
            Some(at) => {
                let before = Span::new(span.start + cursor, span.start + open);
                urls::push_prose(text, before, pending, pieces);
                *pending = Join::Hard;
                cursor = at + width;
                i = cursor;
            }
            None => i = open + width,
        }
    }
    urls::push_prose(
        text,
        Span::new(span.start + cursor, span.end),
        pending,
        pieces,
    );
}

/// Test helpers shared by the readers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::super::extract::{BlockKind, Extract, Join};
    use crate::text::Span;

    /// Checks what every reader promises: pieces non-empty, on character
    /// boundaries, in bounds, in order, non-overlapping, inside their block.
    pub fn check(text: &str, extract: &Extract) {
        let boundary = |at: usize| text.is_char_boundary(at);
        let mut last_end = 0;
        for block in &extract.blocks {
            assert!(!block.pieces.is_empty(), "empty block in {text:?}");
            assert!(block.span.start <= block.span.end && block.span.end <= text.len());
            assert!(
                boundary(block.span.start) && boundary(block.span.end),
                "{text:?}"
            );
            for piece in &block.pieces {
                let span = piece.span;
                assert!(span.start < span.end, "empty piece {span:?} in {text:?}");
                assert!(span.end <= text.len(), "piece out of bounds in {text:?}");
                assert!(
                    boundary(span.start) && boundary(span.end),
                    "{span:?} in {text:?}"
                );
                assert!(
                    span.start >= last_end,
                    "pieces overlap or unsorted at {span:?} in {text:?}"
                );
                assert!(
                    block.span.contains(span),
                    "{span:?} outside {:?} in {text:?}",
                    block.span
                );
                last_end = span.end;
            }
        }
        for directive in &extract.directives {
            assert!(directive.span.end <= text.len());
            assert!(!directive.span.of(text).is_empty(), "{text:?}");
        }
        for field in &extract.fields {
            assert!(field.span.end <= text.len());
            assert!(!field.span.of(text).is_empty(), "{text:?}");
        }
    }

    /// The prose of every block, piece by piece.
    pub fn prose<'t>(text: &'t str, extract: &Extract) -> Vec<Vec<&'t str>> {
        check(text, extract);
        extract
            .blocks
            .iter()
            .map(|b| b.pieces.iter().map(|p| p.span.of(text)).collect())
            .collect()
    }

    /// The joins of every block.
    pub fn joins(extract: &Extract) -> Vec<Vec<Join>> {
        extract
            .blocks
            .iter()
            .map(|b| b.pieces.iter().map(|p| p.join).collect())
            .collect()
    }

    pub fn kinds(extract: &Extract) -> Vec<BlockKind> {
        extract.blocks.iter().map(|b| b.kind).collect()
    }

    /// Asserts that no piece overlaps the first occurrence of `needle`.
    pub fn untouched(text: &str, extract: &Extract, needle: &str) {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        let forbidden = Span::new(start, start + needle.len());
        for block in &extract.blocks {
            for piece in &block.pieces {
                assert!(
                    !piece.span.overlaps(forbidden),
                    "piece {:?} overlaps {needle:?}",
                    piece.span.of(text)
                );
            }
        }
    }

    /// A deterministic pseudo-random generator (a 64-bit LCG).
    pub struct Lcg(pub u64);

    impl Lcg {
        pub fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    /// Pseudo-random documents made of markup-significant characters,
    /// letters, words and multibyte characters.
    pub fn random_documents(count: usize) -> Vec<String> {
        const ATOMS: &[&str] = &[
            "*",
            "_",
            "`",
            "```",
            "#",
            "# ",
            ">",
            "> ",
            "-",
            "- ",
            "-- ",
            "[",
            "]",
            "(",
            ")",
            "!",
            "<",
            ">",
            "|",
            ":",
            "\r",
            "\n",
            "\r\n",
            "\n\n",
            " ",
            "    ",
            "\t",
            "a",
            "b",
            "word ",
            "é",
            "😀",
            "漢字",
            "\\",
            "&amp;",
            "&",
            "~~",
            "+++",
            "---",
            "1. ",
            "a) ",
            "• ",
            "@",
            "x@y.nl",
            "https://e.com/a(b)",
            "www.x.nl",
            "<!--",
            "-->",
            "tact-disable jargon",
            "On Mon, Jan wrote:",
            "From: a",
            "Subject: b",
            "Content-Type: multipart/mixed; boundary=b",
            "--b",
            "[^1]",
            "[x]: http://y",
            "<b>",
            "</b>",
            "=",
            "\u{301}",
            "\u{feff}",
        ];
        let mut rng = Lcg(0x7ac7);
        (0..count)
            .map(|_| {
                let len = (rng.next() % 40) as usize;
                (0..len)
                    .map(|_| ATOMS[(rng.next() as usize) % ATOMS.len()])
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn label_lines_are_blocks_of_their_own() {
        let text = "Meeting notes - lost files\nDate: Wednesday 12 March\nPresent: Hatice, Peter\nWe agreed on three steps.\n";
        let out = read(text);
        let blocks: Vec<&str> = out.blocks.iter().map(|b| b.span.of(text)).collect();
        assert_eq!(
            blocks,
            [
                "Meeting notes - lost files",
                "Date: Wednesday 12 March",
                "Present: Hatice, Peter",
                "We agreed on three steps."
            ]
        );
        assert!(is_label_line("Aanwezig: Hatice"));
        assert!(!is_label_line("We did this: first a, then b"));
        assert!(!is_label_line("https://example.com"));
        assert!(!is_label_line(
            "Good news: the payment provider had rotated the key, so orders work again."
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract::DirectiveKind;
    use super::testing::{check, joins, kinds, prose, random_documents, untouched};
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = "Hello Jan,\nthanks for your mail.\n\n  \nWe fixed it.\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Hello Jan,", "thanks for your mail."],
                vec!["We fixed it."]
            ]
        );
        assert_eq!(kinds(&got), [BlockKind::Paragraph, BlockKind::Paragraph]);
        assert_eq!(
            joins(&got),
            [vec![Join::Soft, Join::Soft], vec![Join::Soft]]
        );
        assert_eq!(
            got.blocks[0].span.of(text),
            "Hello Jan,\nthanks for your mail."
        );
        assert!(got.fields.is_empty() && got.directives.is_empty());
    }

    #[test]
    fn empty_and_blank_input() {
        for text in ["", "\n", "\r\n\r\n", "   \t  ", "\u{feff}"] {
            assert_eq!(read(text), Extract::default(), "{text:?}");
        }
    }

    #[test]
    fn crlf_and_lone_cr_line_endings() {
        let text = "One line\r\nnext line\r\n\r\nSecond\rpara\r";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["One line", "next line"], vec!["Second", "para"]]
        );
        let text = "- a\r\n- b\r\n";
        assert_eq!(prose(text, &read(text)), [vec!["a"], vec!["b"]]);
    }

    #[test]
    fn bullets_start_list_items() {
        let text = "Steps:\n- first thing\n  wraps here\n* second\n• third\n1. fourth\n12) fifth\na) sixth\n+ seventh";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Steps:"],
                vec!["first thing", "wraps here"],
                vec!["second"],
                vec!["third"],
                vec!["fourth"],
                vec!["fifth"],
                vec!["sixth"],
                vec!["seventh"],
            ]
        );
        assert_eq!(got.blocks[0].kind, BlockKind::Paragraph);
        assert!(
            got.blocks[1..]
                .iter()
                .all(|b| b.kind == BlockKind::ListItem)
        );
        assert_eq!(got.blocks[1].span.of(text), "- first thing\n  wraps here");
        for marker in [
            "- first",
            "* second",
            "• third",
            "1. fourth",
            "12) fifth",
            "a) sixth",
        ] {
            untouched(text, &got, &marker[..marker.find(' ').unwrap()]);
        }
    }

    #[test]
    fn not_bullets() {
        let text = "-not a bullet\n*emphasis* here\n2024. A year\n1234. Number\nab) no";
        let got = read(text);
        assert_eq!(kinds(&got), [BlockKind::Paragraph]);
        assert_eq!(got.blocks[0].pieces.len(), 5);
    }

    #[test]
    fn nested_lists() {
        let text =
            "- top\n  - nested one\n    - deeper\n- back\n\n    - after blank, still a list\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["top"],
                vec!["nested one"],
                vec!["deeper"],
                vec!["back"],
                vec!["after blank, still a list"]
            ]
        );
        assert!(got.blocks.iter().all(|b| b.kind == BlockKind::ListItem));
    }

    #[test]
    fn indented_lines_are_code() {
        let text = "Run this:\n\n    cargo build --release\n\tmake all\n\nThen wait.\n- item\n    continued text\n";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [
                vec!["Run this:"],
                vec!["Then wait."],
                vec!["item", "continued text"]
            ]
        );
        untouched(text, &got, "cargo build --release");
        untouched(text, &got, "make all");
    }

    #[test]
    fn directive_lines_are_not_prose() {
        let text = "Intro line.\n# tact-disable-next-line jargon\nWe deploy today.\ntact-disable blame, jargon\n<!-- tact-enable -->\nEnd.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Intro line."], vec!["We deploy today."], vec!["End."]]
        );
        let directives: Vec<_> = got
            .directives
            .iter()
            .map(|d| (d.kind, d.rules.join(","), d.span.of(text)))
            .collect();
        assert_eq!(
            directives,
            [
                (
                    DirectiveKind::DisableNextLine,
                    "jargon".to_string(),
                    "# tact-disable-next-line jargon"
                ),
                (
                    DirectiveKind::Disable,
                    "blame,jargon".to_string(),
                    "tact-disable blame, jargon"
                ),
                (DirectiveKind::Enable, String::new(), "<!-- tact-enable -->"),
            ]
        );
    }

    #[test]
    fn urls_emails_and_code_are_hard_gaps() {
        let text = "See https://example.com/x. or mail jan@example.nl\nfor `cargo test` help.";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["See", ". or mail", "for ", " help."]]
        );
        assert_eq!(
            joins(&got),
            [vec![Join::Soft, Join::Hard, Join::Hard, Join::Hard]]
        );
        untouched(text, &got, "https://example.com/x");
        untouched(text, &got, "jan@example.nl");
        untouched(text, &got, "`cargo test`");
    }

    #[test]
    fn unclosed_backticks_stay_prose() {
        let text = "a ``b` c";
        assert_eq!(prose(text, &read(text)), [vec!["a ``b` c"]]);
        let text = "``x ` y`` z";
        assert_eq!(prose(text, &read(text)), [vec![" z"]]);
    }

    #[test]
    fn separators_are_not_prose() {
        let text = "Title\n=====\nBody\n- - -\n---\nMore";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Title"], vec!["Body"], vec!["More"]]
        );
    }

    #[test]
    fn non_ascii_around_boundaries() {
        let text = "\u{feff}Café 😀 https://x.nl/é 漢字\n- 😀 emoji item\n\n    é code";
        let got = read(text);
        assert_eq!(
            prose(text, &got),
            [vec!["Café 😀", "漢字"], vec!["😀 emoji item"]]
        );
        assert_eq!(got.blocks[0].span.start, 3);
    }

    #[test]
    fn lines_split_every_break_kind() {
        let text = "a\r\nb\rc\n\nd";
        let got: Vec<_> = lines(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(got, ["a", "b", "c", "", "d"]);
        let got: Vec<_> = lines(text, Span::new(3, 7))
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(got, ["b", "c"]);
    }

    #[test]
    fn roles_skip_and_head() {
        let text = "Subject line\nbody one\n> quoted\nbody two";
        let spans = lines(text, Span::new(0, text.len()));
        let roles = [Role::Heading(1), Role::Prose, Role::Skip, Role::Prose];
        let lines: Vec<Line> = spans
            .iter()
            .zip(roles)
            .map(|(&span, role)| Line { span, role })
            .collect();
        let mut out = Extract::default();
        read_lines(text, &lines, &mut out);
        assert_eq!(
            prose(text, &out),
            [vec!["Subject line"], vec!["body one"], vec!["body two"]]
        );
        assert_eq!(
            kinds(&out),
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn never_panics_on_random_input() {
        for text in random_documents(400) {
            check(&text, &read(&text));
            check(&text, &super::super::markdown::read(&text));
            check(&text, &super::super::mail::read(&text));
            check(&text, &super::super::commit::read(&text));
        }
    }
}
