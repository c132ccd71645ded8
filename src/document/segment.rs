//! Words and sentences. The tokenizer is language neutral: a word is a run of
//! letters and digits with inner apostrophes and hyphens (`that's`,
//! `bug-free`), and a number keeps its inner separators (`3.5`, `14:00`,
//! `24/7`, `2024-05-01`). Sentences end at `.`, `!`, `?` or `…`, except after
//! a known abbreviation (`e.g.`, `bijv.`), an initial (`J.`), or when the next
//! word starts in lower case; a block (paragraph, heading, list item, table
//! cell) always ends its sentence.

use super::extract::{Block, Join};
use crate::text::Span;
use rustc_hash::FxHashSet;

/// What a token stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A word or a number of the prose.
    Word,
    /// A stand-in for non-prose inside a sentence (inline code, a URL): it
    /// counts as a word but never matches a pattern.
    Placeholder,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: a span of source text and the range of its tokens in
/// [`Segmented::tokens`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: (u32, u32),
    /// Index of the block it belongs to.
    pub block: u32,
}

impl Sentence {
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.0 as usize..self.tokens.1 as usize
    }

    pub fn word_count(&self) -> usize {
        (self.tokens.1 - self.tokens.0) as usize
    }
}

/// The words and sentences of a document.
#[derive(Clone, Debug, Default)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Abbreviations (lower-case, with their dots) after which a full stop does
/// not end a sentence.
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    set: FxHashSet<Box<str>>,
}

impl Abbreviations {
    pub fn new<'a>(items: impl IntoIterator<Item = &'a str>) -> Self {
        Abbreviations {
            set: items
                .into_iter()
                .map(|a| a.trim().to_lowercase().into_boxed_str())
                .collect(),
        }
    }

    fn contains(&self, candidate: &str) -> bool {
        if candidate.bytes().all(|b| !b.is_ascii_uppercase()) {
            self.set.contains(candidate)
        } else {
            self.set.contains(candidate.to_lowercase().as_str())
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑')
}

fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '-')
}

/// Splits one piece of prose into word tokens, appending to `out`.
/// Returns nothing; tokens carry absolute spans (`base` is the piece start).
pub fn words(text: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast path: skip ASCII non-word bytes.
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let numeric = c.is_ascii_digit();
        i += c.len_utf8();
        loop {
            if i >= bytes.len() {
                break;
            }
            let c = char_at(text, i);
            if is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let joiner = if numeric {
                is_number_joiner(c) || is_inner_joiner(c)
            } else {
                is_inner_joiner(c)
            };
            if joiner {
                let next = i + c.len_utf8();
                if next < bytes.len() {
                    let after = char_at(text, next);
                    let ok = if numeric && is_number_joiner(c) {
                        after.is_ascii_digit()
                    } else {
                        is_word_char(after)
                    };
                    if ok {
                        i = next;
                        continue;
                    }
                }
            }
            break;
        }
        out.push(Token {
            span: Span::new(base + start, base + i),
            kind: TokenKind::Word,
        });
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Splits the blocks of a document into tokens and sentences.
pub fn segment(text: &str, blocks: &[Block], abbreviations: &Abbreviations) -> Segmented {
    let mut out = Segmented {
        tokens: Vec::with_capacity(text.len() / 6),
        sentences: Vec::with_capacity(text.len() / 80),
    };
    let mut scratch = Vec::new();
    for (block_index, block) in blocks.iter().enumerate() {
        let block_index = block_index as u32;
        let mut sentence_start: Option<(u32, usize)> = None; // (first token, start byte)
        // The prose after the last word: from its end to the end of its piece.
        let mut tail = Span::new(block.span.start, block.span.start);
        for piece in &block.pieces {
            let open = sentence_start.filter(|&(first, _)| (first as usize) < out.tokens.len());
            // Prose gap before this piece's first word: the tail of the
            // previous piece and, across a soft join, what leads this one.
            // What lies between the pieces is not prose and is never read,
            // except that white space there separates.
            if piece.join == Join::Hard {
                if let Some((first, start)) = open
                    && let Some(end) = sentence_end(text, &[tail], None, abbreviations)
                {
                    close(&mut out, first, start, end, block_index);
                    sentence_start = None;
                } else if open.is_some() {
                    // The non-prose between the previous piece and this one.
                    let at = out.tokens.last().map_or(piece.span.start, |t| t.span.end);
                    out.tokens.push(Token {
                        span: Span::new(at, piece.span.start.max(at)),
                        kind: TokenKind::Placeholder,
                    });
                }
                tail = Span::new(piece.span.start, piece.span.start);
            }
            let piece_text = piece.span.of(text);
            scratch.clear();
            words(piece_text, piece.span.start, &mut scratch);
            let mut previous_end: Option<usize> = None;
            for token in scratch.drain(..) {
                // Sentence end between the previous word and this one?
                if let Some((first, start)) = sentence_start
                    && (first as usize) < out.tokens.len()
                {
                    let gap: &[Span] = match previous_end {
                        Some(end) => &[Span::new(end, token.span.start)],
                        None => &[tail, Span::new(piece.span.start, token.span.start)],
                    };
                    if let Some(end) = sentence_end(text, gap, Some(token), abbreviations) {
                        close(&mut out, first, start, end, block_index);
                        sentence_start = None;
                    }
                }
                if sentence_start.is_none() {
                    sentence_start = Some((out.tokens.len() as u32, token.span.start));
                }
                previous_end = Some(token.span.end);
                out.tokens.push(token);
            }
            match previous_end {
                Some(end) => tail = Span::new(end, piece.span.end),
                // A piece of punctuation only ("!" after emphasis) is the tail now.
                None if !piece_text.trim().is_empty() => tail = piece.span,
                None => {}
            }
        }
        if let Some((first, start)) = sentence_start
            && (first as usize) < out.tokens.len()
        {
            // A sentence ends at its last word: trailing non-prose (inline
            // code, a URL) stays outside its span.
            let last = out.tokens[first as usize..]
                .iter()
                .rev()
                .find(|t| t.kind == TokenKind::Word)
                .map_or(start, |t| t.span.end);
            let end = trailing_punctuation_end(text, last, block);
            close(&mut out, first, start, end, block_index);
        }
    }
    out
}

fn close(out: &mut Segmented, first: u32, start: usize, end: usize, block: u32) {
    out.sentences.push(Sentence {
        span: Span::new(start, end),
        tokens: (first, out.tokens.len() as u32),
        block,
    });
}

/// Extends a sentence's end over the closing punctuation that follows its
/// last word, staying inside the block's last piece.
fn trailing_punctuation_end(text: &str, last: usize, block: &Block) -> usize {
    let limit = block
        .pieces
        .iter()
        .rev()
        .find(|p| p.span.start <= last)
        .map_or(last, |p| p.span.end.max(last));
    let mut end = last;
    for (offset, c) in text[last..limit].char_indices() {
        if matches!(c, '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')') {
            end = last + offset + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// When the prose between two words ends a sentence, the byte offset where
/// the first sentence ends (after its closing punctuation). `parts` are the
/// prose spans between the words, in order; white space in the text
/// between two parts counts as a space. `next` is the word after, if any.
fn sentence_end(
    text: &str,
    parts: &[Span],
    next: Option<Token>,
    abbreviations: &Abbreviations,
) -> Option<usize> {
    let mut end = None;
    let mut spaced = false;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 && end.is_some() {
            let between = Span::new(parts[i - 1].end.min(part.start), part.start);
            spaced |= between.of(text).contains(char::is_whitespace);
        }
        for (offset, c) in part.of(text).char_indices() {
            let at = part.start + offset;
            match c {
                c if c.is_whitespace() => spaced |= end.is_some(),
                _ if spaced => {}
                '!' | '?' | '…' => end = Some(at + c.len_utf8()),
                '.' if end.is_some() || !is_abbreviation(text, at, abbreviations) => {
                    end = Some(at + 1)
                }
                '"' | '\'' | '”' | '’' | ')' | ']' if end.is_some() => {
                    end = Some(at + c.len_utf8())
                }
                _ => {}
            }
        }
    }
    let end = end?;
    // A full stop must be followed by space: "3.5" and "e.g" never end here.
    if !spaced {
        return None;
    }
    // "approx. ten": a lower-case word after a full stop continues the sentence.
    let full_stop = text[..end]
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with('.');
    if full_stop && next.is_some_and(|t| char_at(text, t.span.start).is_lowercase()) {
        return None;
    }
    Some(end)
}

/// Whether the full stop at `dot` closes an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize, abbreviations: &Abbreviations) -> bool {
    // The run of letters and dots ending at this dot: "e.g." or "bijv.".
    let before = &text[..dot];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(dot, |(i, _)| i);
    let candidate = &text[start..=dot];
    if candidate.len() <= 1 {
        return false;
    }
    if abbreviations.contains(candidate) {
        return true;
    }
    // An initial: one upper-case letter ("J. Smith").
    let word = &candidate[..candidate.len() - 1];
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::extract::{BlockKind, Piece};

    fn block(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
            pieces: vec![Piece {
                span: Span::new(0, text.len()),
                join: Join::Soft,
            }],
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let abbreviations =
            Abbreviations::new(["e.g.", "i.e.", "dr.", "bijv.", "d.w.z.", "o.a.", "ca."]);
        let seg = segment(text, &[block(text)], &abbreviations);
        seg.sentences.iter().map(|s| s.span.of(text)).collect()
    }

    fn word_texts(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        words(text, 0, &mut out);
        out.iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_number_separators() {
        assert_eq!(
            word_texts("That's bug-free, isn’t it? 3.5 at 14:00 on 2024-05-01, 24/7!"),
            [
                "That's",
                "bug-free",
                "isn’t",
                "it",
                "3.5",
                "at",
                "14:00",
                "on",
                "2024-05-01",
                "24/7"
            ]
        );
        assert_eq!(
            word_texts("'quoted' -dash- e-mail"),
            ["quoted", "dash", "e-mail"]
        );
        assert_eq!(word_texts("café 漢字 naïve"), ["café", "漢字", "naïve"]);
        assert_eq!(word_texts("z.s.m."), ["z", "s", "m"]);
    }

    #[test]
    fn sentences_survive_abbreviations_decimals_and_times() {
        assert_eq!(
            sentences("We use e.g. caching. Version 1.2.3 ships at 10.30 today! Done?"),
            [
                "We use e.g. caching.",
                "Version 1.2.3 ships at 10.30 today!",
                "Done?"
            ]
        );
        assert_eq!(
            sentences("Dr. Jansen belt bijv. morgen, d.w.z. om ca. 9 uur. Daarna o.a. de rest."),
            [
                "Dr. Jansen belt bijv. morgen, d.w.z. om ca. 9 uur.",
                "Daarna o.a. de rest."
            ]
        );
        assert_eq!(
            sentences("Call J. Smith. He knows."),
            ["Call J. Smith.", "He knows."]
        );
        assert_eq!(
            sentences("It costs approx. ten euros. Fine."),
            ["It costs approx. ten euros.", "Fine."]
        );
        assert_eq!(
            sentences("He said \"stop.\" Then left."),
            ["He said \"stop.\"", "Then left."]
        );
    }

    #[test]
    fn blocks_end_sentences_without_full_stops() {
        let text = "A heading\nA paragraph without stop";
        let blocks = [
            Block {
                kind: BlockKind::Heading(1),
                span: Span::new(0, 9),
                pieces: vec![Piece {
                    span: Span::new(0, 9),
                    join: Join::Soft,
                }],
            },
            Block {
                kind: BlockKind::Paragraph,
                span: Span::new(10, text.len()),
                pieces: vec![Piece {
                    span: Span::new(10, text.len()),
                    join: Join::Soft,
                }],
            },
        ];
        let seg = segment(text, &blocks, &Abbreviations::default());
        let got: Vec<_> = seg.sentences.iter().map(|s| s.span.of(text)).collect();
        assert_eq!(got, ["A heading", "A paragraph without stop"]);
        assert_eq!(seg.sentences[1].block, 1);
    }

    #[test]
    fn text_between_pieces_never_ends_a_sentence() {
        // "[link](https://x.nl/a) We": the link target's dot is not prose.
        let text = "See link](https://x.nl/deploy) We go. Done. `code` next";
        let piece = |s: &str, join| {
            let start = text.find(s).unwrap();
            Piece {
                span: Span::new(start, start + s.len()),
                join,
            }
        };
        let block = Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
            pieces: vec![
                piece("See link", Join::Soft),
                piece(" We go. Done. ", Join::Soft),
                piece(" next", Join::Hard),
            ],
        };
        let seg = segment(text, &[block], &Abbreviations::default());
        let got: Vec<_> = seg.sentences.iter().map(|s| s.span.of(text)).collect();
        assert_eq!(
            got,
            ["See link](https://x.nl/deploy) We go.", "Done.", "next"]
        );
    }

    #[test]
    fn hard_joins_insert_placeholders() {
        let text = "Run `cargo build` now please.";
        let block = Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
            pieces: vec![
                Piece {
                    span: Span::new(0, 4),
                    join: Join::Soft,
                },
                Piece {
                    span: Span::new(17, text.len()),
                    join: Join::Hard,
                },
            ],
        };
        let seg = segment(text, &[block], &Abbreviations::default());
        let kinds: Vec<_> = seg.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Placeholder,
                TokenKind::Word,
                TokenKind::Word
            ]
        );
        assert_eq!(seg.sentences.len(), 1);
        assert_eq!(seg.sentences[0].word_count(), 4);
    }
}
