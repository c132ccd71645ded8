//! Re-reading only what an edit touched. A language server lints the same
//! document after every keystroke; an [`Analysis`] keeps what one lint read
//! (prose blocks, words, sentences, word ids and the sentence rules'
//! findings), so that the next lint of an edited text re-reads and
//! re-checks only the top-level blocks around the edit and shifts the rest.
//! Language, kind, acronyms, document rules and suppressions still look at
//! the whole document, as they must.
//!
//! The result is always what a fresh lint gives. Where an edit could change
//! how the rest of a document reads — a code fence or HTML block left open,
//! a list that could take in the next block, a link reference or footnote
//! definition added or removed, front matter — or where the markup has no
//! outline of top-level blocks (only Markdown has one), the whole document
//! is read again.

use crate::document::markdown::{self, Labels};
use crate::document::{
    Block, Document, Extract, Kind, Language, LanguageSource, Markup, Sentence, Token, Top,
    TopKind, segment,
};
use crate::finding::Finding;
use crate::linter::{Linter, Source};
use crate::text::Span;

/// What one lint of a document read and found, kept to make the next lint
/// of an edited version cheap. Its text is not kept: pass it back with it.
#[derive(Debug)]
pub struct Analysis {
    /// The [`Linter`] that made it; another linter starts afresh.
    linter: u64,
    markup: Markup,
    pub language: Language,
    pub language_source: LanguageSource,
    pub kind: Kind,
    pub extract: Extract,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    ids: Vec<u32>,
    /// The sentence rules' findings before settings and suppressions.
    raw: Vec<Finding>,
    /// The link reference labels the document defines (Markdown).
    labels: Labels,
    /// What the lint reports.
    pub findings: Vec<Finding>,
    /// Whether this analysis re-read only part of its text.
    pub partial: bool,
}

impl Analysis {
    /// The words of the document, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The sentences of the document, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
}

/// A document as read, before it is checked: the parts an [`Analysis`]
/// keeps or rebuilds.
pub(crate) struct Read {
    pub extract: Extract,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub labels: Labels,
}

impl Linter {
    /// Reads and checks `source`. With `previous`, the text it was made
    /// from and the analysis itself, only the blocks around the edit are
    /// read and checked again when that is safe; the findings are the same
    /// either way.
    pub fn analyse(&self, source: &Source, previous: Option<(&str, Analysis)>) -> Analysis {
        if let Some((old, previous)) = previous
            && previous.linter == self.id()
            && previous.markup == source.markup()
            && previous.markup == Markup::Markdown
            && let Some(analysis) = self.reanalyse(source, old, previous)
        {
            return analysis;
        }
        let markup = source.markup();
        let read = self.read(source.text, markup);
        let doc = self.settle(source, markup, read.extract, read.tokens, read.sentences);
        let (ids, raw) = self.check_all_sentences(&doc);
        self.conclude(doc, ids, raw, read.labels, false)
    }

    /// The word ids and sentence findings of every sentence of `doc`.
    fn check_all_sentences(&self, doc: &Document) -> (Vec<u32>, Vec<Finding>) {
        let lang = self.compiled(doc.language);
        let ids = self.word_ids(doc, lang, &doc.tokens);
        let mut raw = Vec::new();
        self.check_sentences(doc, lang, &ids, 0..doc.sentences.len(), &mut raw);
        (ids, raw)
    }

    /// Runs the whole-document rules over a read and sentence-checked
    /// `doc` and keeps it all as an analysis.
    fn conclude(
        &self,
        doc: Document,
        ids: Vec<u32>,
        raw: Vec<Finding>,
        labels: Labels,
        partial: bool,
    ) -> Analysis {
        let findings = self.finish(&doc, self.compiled(doc.language), &ids, raw.clone());
        Analysis {
            linter: self.id(),
            markup: doc.markup,
            language: doc.language,
            language_source: doc.language_source,
            kind: doc.kind,
            extract: doc.extract,
            tokens: doc.tokens,
            sentences: doc.sentences,
            ids,
            raw,
            labels,
            findings,
            partial,
        }
    }

    /// Reads `text`, keeping the link labels a Markdown document defines.
    pub(crate) fn read(&self, text: &str, markup: Markup) -> Read {
        let (extract, labels) = match markup {
            Markup::Markdown => {
                markdown::read_range(text, Span::new(0, text.len()), &Labels::default())
            }
            _ => (crate::document::extract(text, markup), Labels::default()),
        };
        let mut seg = segment::segment(text, &extract.blocks, self.abbreviations());
        // Kept for the document's lifetime: no spare room.
        seg.tokens.shrink_to_fit();
        seg.sentences.shrink_to_fit();
        Read {
            extract,
            tokens: seg.tokens,
            sentences: seg.sentences,
            labels,
        }
    }

    /// Re-reads the top-level blocks of `source` that differ from `old`
    /// and splices them into `previous`; `None` when that is not safe.
    fn reanalyse(&self, source: &Source, old: &str, previous: Analysis) -> Option<Analysis> {
        let new = source.text;
        let region = Region::find(old, new, &previous)?;
        let delta = new.len() as isize - old.len() as isize;
        let (s, e, e1) = (region.start, region.old_end, region.new_end);
        // Footnote references resolve against definitions anywhere, and a
        // front matter delimiter can close a block that opened far above.
        let (old_part, new_part) = (&old[s..e], &new[s..e1]);
        if old_part.contains("[^")
            || new_part.contains("[^")
            || has_delimiter_line(old_part)
            || has_delimiter_line(new_part)
        {
            return None;
        }

        // Re-read the region as a document of its own.
        let (mut part, labels) = markdown::read_range(new, Span::new(s, e1), &previous.labels);
        if labels != markdown::labels(&old[s..e]) {
            return None;
        }
        if e < old.len() {
            let last = part
                .outline
                .last()
                .copied()
                .or_else(|| before(&previous.extract.outline, s));
            if let Some(last) = last
                && !ends_before(new, last, e1)
            {
                return None;
            }
        }

        let Analysis {
            extract,
            tokens,
            sentences,
            ids,
            raw,
            labels,
            language: old_language,
            ..
        } = previous;

        // Splice the prose blocks and everything else the reader found.
        let b0 = extract.blocks.partition_point(|b| b.span.start < s);
        let b1 = extract.blocks.partition_point(|b| b.span.start < e);
        let region_blocks = part.blocks.len();
        let read = Extract {
            blocks: splice(
                extract.blocks,
                b0,
                b1,
                std::mem::take(&mut part.blocks),
                |b| shift_block(b, delta),
            ),
            fields: splice_by(
                extract.fields,
                s,
                e,
                part.fields,
                |f| f.span,
                |f| f.span = shift(f.span, delta),
            ),
            directives: splice_by(
                extract.directives,
                s,
                e,
                part.directives,
                |d| d.span,
                |d| d.span = shift(d.span, delta),
            ),
            quoted: splice_by(
                extract.quoted,
                s,
                e,
                part.quoted,
                |q| *q,
                |q| *q = shift(*q, delta),
            ),
            outline: splice_by(
                extract.outline,
                s,
                e,
                part.outline,
                |t| t.span,
                |t| t.span = shift(t.span, delta),
            ),
        };

        // Words and sentences of the new blocks; the rest keep theirs.
        let seg = segment::segment(
            new,
            &read.blocks[b0..b0 + region_blocks],
            self.abbreviations(),
        );
        let s0 = sentences.partition_point(|x| (x.block as usize) < b0);
        let s1 = sentences.partition_point(|x| (x.block as usize) < b1);
        let token_start = |i: usize| {
            sentences
                .get(i)
                .map_or(tokens.len(), |x: &Sentence| x.tokens.0 as usize)
        };
        let (t0, t1) = (token_start(s0), token_start(s1));
        // Findings of the sentence before the region are made again: the
        // sentence after it may have changed.
        let keep_before = s0.checked_sub(1).map_or(0, |i| sentences[i].span.start);
        let keep_after = sentences.get(s1).map(|x| x.span.start);
        let region_tokens = seg.tokens.len();
        let region_sentences = seg.sentences.len();
        let token_delta = region_tokens as isize - (t1 - t0) as isize;
        let block_delta = region_blocks as isize - (b1 - b0) as isize;
        let tokens = splice(tokens, t0, t1, seg.tokens, |t| {
            t.span = shift(t.span, delta)
        });
        let sentences = splice(
            sentences,
            s0,
            s1,
            seg.sentences
                .into_iter()
                .map(|x| Sentence {
                    tokens: (x.tokens.0 + t0 as u32, x.tokens.1 + t0 as u32),
                    block: x.block + b0 as u32,
                    ..x
                })
                .collect(),
            |x| {
                x.span = shift(x.span, delta);
                x.tokens = (
                    (x.tokens.0 as isize + token_delta) as u32,
                    (x.tokens.1 as isize + token_delta) as u32,
                );
                x.block = (x.block as isize + block_delta) as u32;
            },
        );
        let doc = self.settle(source, Markup::Markdown, read, tokens, sentences);
        let lang = self.compiled(doc.language);

        let (ids, raw) = if doc.language == old_language {
            let fresh = self.word_ids(&doc, lang, &doc.tokens[t0..t0 + region_tokens]);
            let ids = splice(ids, t0, t1, fresh, |_| {});
            let mut kept: Vec<Finding> = Vec::with_capacity(raw.len());
            let mut after = Vec::new();
            for mut f in raw {
                if f.span.start < keep_before {
                    kept.push(f);
                } else if keep_after.is_some_and(|at| f.span.start >= at) {
                    f.shift(delta);
                    after.push(f);
                }
            }
            let first = s0.saturating_sub(1);
            self.check_sentences(&doc, lang, &ids, first..s0 + region_sentences, &mut kept);
            kept.append(&mut after);
            (ids, kept)
        } else {
            self.check_all_sentences(&doc)
        };
        Some(self.conclude(doc, ids, raw, labels, true))
    }
}

/// The part of a document to read again: `start..old_end` of the old text
/// became `start..new_end` of the new one. Both ends are starts of
/// top-level blocks (or the ends of the texts), where reading starts afresh.
#[derive(Debug)]
struct Region {
    start: usize,
    old_end: usize,
    new_end: usize,
}

/// How many blocks a region may grow by to find a safe end.
const MAX_WIDENING: usize = 8;

impl Region {
    fn find(old: &str, new: &str, previous: &Analysis) -> Option<Region> {
        let (prefix, suffix) = common_ends(old.as_bytes(), new.as_bytes());
        let changed_end = old.len() - suffix;
        let tops = &previous.extract.outline;

        // Start at a top-level block that begins before the change, so the
        // block the change touches is read whole, and so that what precedes
        // it cannot take it in.
        let mut j = tops.partition_point(|t| t.span.start < prefix);
        let mut start = None;
        for _ in 0..MAX_WIDENING {
            if j == 0 {
                start = Some(0);
                break;
            }
            j -= 1;
            let at = tops[j].span.start;
            let previous_top = j.checked_sub(1).map(|i| tops[i]);
            if fresh_start(old, at) && previous_top.is_none_or(|t| !takes_in(t, new, at)) {
                start = Some(at);
                break;
            }
        }
        let start = start?;

        // End at the first top-level block after the change that starts
        // afresh in the old text and the new one.
        let delta = new.len() as isize - old.len() as isize;
        let first = tops.partition_point(|t| t.span.start < changed_end.max(start + 1));
        for k in first..first + MAX_WIDENING {
            let Some(top) = tops.get(k) else {
                return Some(Region {
                    start,
                    old_end: old.len(),
                    new_end: new.len(),
                });
            };
            // Fresh in both texts: a block whose span starts after its
            // indentation (indented code) was read in another context.
            let new_at = (top.span.start as isize + delta) as usize;
            if fresh_start(old, top.span.start) && fresh_start(new, new_at) {
                return Some(Region {
                    start,
                    old_end: top.span.start,
                    new_end: new_at,
                });
            }
        }
        None
    }
}

/// The lengths of the common prefix and suffix of `a` and `b`, not
/// overlapping in the shorter one.
fn common_ends(a: &[u8], b: &[u8]) -> (usize, usize) {
    const CHUNK: usize = 256;
    let shorter = a.len().min(b.len());
    let mut prefix = 0;
    while prefix + CHUNK <= shorter && a[prefix..prefix + CHUNK] == b[prefix..prefix + CHUNK] {
        prefix += CHUNK;
    }
    while prefix < shorter && a[prefix] == b[prefix] {
        prefix += 1;
    }
    let room = shorter - prefix;
    let mut suffix = 0;
    while suffix + CHUNK <= room
        && a[a.len() - suffix - CHUNK..a.len() - suffix]
            == b[b.len() - suffix - CHUNK..b.len() - suffix]
    {
        suffix += CHUNK;
    }
    while suffix < room && a[a.len() - suffix - 1] == b[b.len() - suffix - 1] {
        suffix += 1;
    }
    (prefix, suffix)
}

/// Whether a top-level block starting at `at` starts afresh whatever came
/// before: at the start of the text, or at the start of a line that does
/// not begin with white space and follows a blank line — one of only
/// spaces and tabs, as CommonMark has it (a form feed or a no-break space
/// does not end a paragraph).
fn fresh_start(text: &str, at: usize) -> bool {
    if at == 0 {
        return true;
    }
    let bytes = text.as_bytes();
    if at > bytes.len() || !text.is_char_boundary(at) {
        return false;
    }
    if bytes.get(at).is_none_or(|b| b.is_ascii_whitespace()) {
        return false;
    }
    let before = &text[..at];
    let Some(line) = before.strip_suffix('\n') else {
        return false;
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    let previous = line.rsplit('\n').next().unwrap_or(line);
    previous.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Whether `top` could take in a block that starts afresh at `at` in
/// `text`: a list takes in a following list item even after a blank line.
fn takes_in(top: Top, text: &str, at: usize) -> bool {
    top.kind == TopKind::List && starts_list_item(&text[at..])
}

/// Whether `top`, the last top-level block before `end` in `text`, ends
/// there for sure: it is closed, it is a list and no list item follows, or
/// it is code or HTML that closed before `end`.
fn ends_before(text: &str, top: Top, end: usize) -> bool {
    match top.kind {
        TopKind::Closed => true,
        TopKind::List => !starts_list_item(&text[end..]),
        TopKind::Open => top.span.end < end,
        TopKind::FrontMatter => true,
    }
}

/// The top-level block just before `at`, if any.
fn before(tops: &[Top], at: usize) -> Option<Top> {
    let i = tops.partition_point(|t| t.span.start < at);
    i.checked_sub(1).map(|i| tops[i])
}

/// Whether `text` has a line like `---`, `+++` or `...`, which can open or
/// close front matter (pulldown-cmark takes it anywhere, not only on top).
fn has_delimiter_line(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_end();
        line.len() >= 3
            && matches!(line.as_bytes()[0], b'-' | b'+' | b'.')
            && line.bytes().all(|b| b == line.as_bytes()[0])
    })
}

/// Whether `line` starts with a list marker: `-`, `+` or `*`, or up to
/// nine digits and `.` or `)`, followed by white space or the line's end.
fn starts_list_item(line: &str) -> bool {
    let bytes = line.as_bytes();
    let marker = match bytes.first() {
        Some(b'-' | b'+' | b'*') => 1,
        Some(b) if b.is_ascii_digit() => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return false;
            }
            digits + 1
        }
        _ => return false,
    };
    bytes
        .get(marker)
        .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

fn shift(span: Span, delta: isize) -> Span {
    Span::new(
        (span.start as isize + delta) as usize,
        (span.end as isize + delta) as usize,
    )
}

fn shift_block(block: &mut Block, delta: isize) {
    block.span = shift(block.span, delta);
    for piece in &mut block.pieces {
        piece.span = shift(piece.span, delta);
    }
}

/// `items[..from]`, then `fresh`, then `items[to..]` moved by `moved`, in
/// place: the kept items are not copied, and the vector grows only by what
/// it needs (it is kept for the document's lifetime).
fn splice<T>(
    mut items: Vec<T>,
    from: usize,
    to: usize,
    fresh: Vec<T>,
    moved: impl Fn(&mut T),
) -> Vec<T> {
    let added = fresh.len();
    let grows = added.saturating_sub(to - from);
    if items.capacity() - items.len() < grows {
        items.reserve_exact(grows + items.len() / 64);
    }
    items.splice(from..to, fresh);
    for item in &mut items[from + added..] {
        moved(item);
    }
    items
}

/// Like [`splice`] for items found by position: those starting before
/// `start` stay, those starting at `end` or later move.
fn splice_by<T>(
    items: Vec<T>,
    start: usize,
    end: usize,
    fresh: Vec<T>,
    span: impl Fn(&T) -> Span,
    moved: impl Fn(&mut T),
) -> Vec<T> {
    let from = items.partition_point(|i| span(i).start < start);
    let to = items.partition_point(|i| span(i).start < end);
    splice(items, from, to, fresh, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ends_do_not_overlap() {
        assert_eq!(common_ends(b"abcdef", b"abXdef"), (2, 3));
        assert_eq!(common_ends(b"aaaa", b"aaaaa"), (4, 0));
        assert_eq!(common_ends(b"abab", b"ab"), (2, 0));
        assert_eq!(common_ends(b"", b"x"), (0, 0));
        let long = "word ".repeat(200);
        let mut other = long.clone();
        other.insert(500, 'x');
        assert_eq!(common_ends(long.as_bytes(), other.as_bytes()), (500, 500));
    }

    #[test]
    fn fresh_starts_follow_a_blank_line_at_column_zero() {
        let text = "one\n\ntwo\nthree\n\n  four\n \r\nfive\n\u{c}\nsix\n\u{a0}\nseven";
        assert!(fresh_start(text, 0));
        assert!(fresh_start(text, text.find("two").unwrap()));
        assert!(!fresh_start(text, text.find("three").unwrap()));
        assert!(!fresh_start(text, text.find("  four").unwrap()));
        assert!(fresh_start(text, text.find("five").unwrap()));
        assert!(!fresh_start(text, text.find("six").unwrap()));
        assert!(!fresh_start(text, text.find("seven").unwrap()));
        assert!(!fresh_start(text, text.len()));
    }

    #[test]
    fn list_markers_and_delimiters() {
        for item in ["- a", "* a", "+ a", "1. a", "12) a", "-", "3.\n"] {
            assert!(starts_list_item(item), "{item}");
        }
        for other in ["-a", "1.5 a", "1234567890. a", "a - b", "**bold**"] {
            assert!(!starts_list_item(other), "{other}");
        }
        assert!(has_delimiter_line("a\n---\nb"));
        assert!(has_delimiter_line("a\n+++ \n"));
        assert!(has_delimiter_line("...\n"));
        assert!(!has_delimiter_line("a -- b\n- - -\n"));
    }
}
