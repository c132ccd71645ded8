//! Word patterns: the small language rulesets write phrases in
//! (`(that's|that is) not possible`, `(we)? can't ...3 today`), compiled to
//! sequences of word ids and matched against the words of one sentence.
//!
//! A pattern expands to every word sequence it can match; the sequences are
//! indexed by their first word, so matching a sentence costs one table
//! look-up per word plus the few candidates that start there.

use crate::document::segment::words;
use rustc_hash::FxHashMap;

/// The most word sequences one pattern may expand to.
pub const MAX_EXPANSIONS: usize = 1024;
/// The default and the largest gap (`...` and `...N`).
const DEFAULT_GAP: u8 = 4;
const MAX_GAP: u8 = 9;

/// A word id that no vocabulary word has: it never matches.
pub const UNKNOWN: u32 = u32::MAX;
/// The id of a non-prose stand-in: it never matches and no gap crosses it.
pub const BARRIER: u32 = u32::MAX - 1;

/// Interns normalised words to dense ids.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

impl Vocabulary {
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }

    /// The word an id stands for.
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of an already normalised word.
    pub fn get(&self, normalised: &str) -> u32 {
        self.ids.get(normalised).copied().unwrap_or(UNKNOWN)
    }

    /// The id of a word as written in the text, using `buf` as scratch.
    pub fn lookup(&self, word: &str, buf: &mut String) -> u32 {
        if word.len() > 48 {
            return UNKNOWN;
        }
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return self.get(word);
        }
        normalise_into(word, buf);
        self.get(buf)
    }
}

/// Lower-cases `word` and straightens curly apostrophes and odd hyphens.
pub fn normalise_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        match c {
            '’' | 'ʼ' => buf.push('\''),
            '‐' | '‑' => buf.push('-'),
            c => buf.extend(c.to_lowercase()),
        }
    }
}

pub fn normalise(word: &str) -> String {
    let mut buf = String::new();
    normalise_into(word, &mut buf);
    buf
}

#[derive(Debug)]
enum Node {
    Word(u32),
    Gap(u8),
    Group {
        alternatives: Vec<Vec<Node>>,
        optional: bool,
    },
}

/// A word (by id) or a gap of an expanded pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    Word(u32),
    Gap(u8),
}

/// Parses `pattern`, interning its words, and returns every word sequence
/// it expands to.
pub fn expand_into(pattern: &str, vocabulary: &mut Vocabulary) -> Result<Vec<Vec<Token>>, String> {
    let mut parser = Parser {
        chars: pattern.char_indices().peekable(),
        src: pattern,
        vocabulary,
    };
    let seq = parser.sequence(0)?;
    if let Some((at, c)) = parser.chars.next() {
        return Err(format!("unexpected '{c}' at column {}", at + 1));
    }
    let mut out: Vec<Vec<Token>> = vec![Vec::new()];
    expand_seq(&seq, &mut out)?;
    for tokens in &mut out {
        merge_gaps(tokens);
        match (tokens.first(), tokens.last()) {
            (Some(Token::Word(_)), Some(Token::Word(_))) => {}
            (None, _) => return Err("the pattern can match nothing".into()),
            _ => return Err("a pattern must start and end with a word, not a gap".into()),
        }
    }
    out.sort_unstable_by(|a, b| a.iter().map(key).cmp(b.iter().map(key)));
    out.dedup();
    Ok(out)
}

fn key(t: &Token) -> (u8, u32) {
    match *t {
        Token::Word(id) => (0, id),
        Token::Gap(n) => (1, u32::from(n)),
    }
}

/// Every word sequence `pattern` expands to, as normalised words with gaps
/// written `...N`: for messages and tests.
pub fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let mut vocabulary = Vocabulary::default();
    let sequences = expand_into(pattern, &mut vocabulary)?;
    Ok(sequences
        .iter()
        .map(|seq| {
            seq.iter()
                .map(|t| match *t {
                    Token::Word(id) => vocabulary.word(id).to_string(),
                    Token::Gap(n) => format!("...{n}"),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect())
}

fn merge_gaps(tokens: &mut Vec<Token>) {
    tokens.dedup_by(|next, previous| match (previous, next) {
        (Token::Gap(a), Token::Gap(b)) => {
            *a = (*a + *b).min(MAX_GAP);
            true
        }
        _ => false,
    });
}

fn expand_seq(seq: &[Node], out: &mut Vec<Vec<Token>>) -> Result<(), String> {
    for node in seq {
        match node {
            Node::Word(w) => out.iter_mut().for_each(|s| s.push(Token::Word(*w))),
            Node::Gap(n) => out.iter_mut().for_each(|s| s.push(Token::Gap(*n))),
            Node::Group {
                alternatives,
                optional,
            } => {
                let mut next = Vec::new();
                if *optional {
                    next.extend(out.iter().cloned());
                }
                for alternative in alternatives {
                    let mut branch = out.clone();
                    expand_seq(alternative, &mut branch)?;
                    next.extend(branch);
                    if next.len() > MAX_EXPANSIONS {
                        return Err(format!(
                            "the pattern expands to more than {MAX_EXPANSIONS} phrases; split it"
                        ));
                    }
                }
                *out = next;
            }
        }
    }
    Ok(())
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    src: &'a str,
    vocabulary: &'a mut Vocabulary,
}

impl Parser<'_> {
    /// A sequence up to `|`, `)` or the end.
    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, String> {
        let mut nodes = Vec::new();
        while let Some(&(at, c)) = self.chars.peek() {
            match c {
                c if c.is_whitespace() => {
                    self.chars.next();
                }
                '|' | ')' => {
                    if depth == 0 {
                        return Err(format!("unexpected '{c}' at column {}", at + 1));
                    }
                    break;
                }
                '(' => {
                    self.chars.next();
                    let mut alternatives = vec![self.sequence(depth + 1)?];
                    loop {
                        match self.chars.next() {
                            Some((_, '|')) => alternatives.push(self.sequence(depth + 1)?),
                            Some((_, ')')) => break,
                            _ => return Err(format!("unclosed '(' at column {}", at + 1)),
                        }
                    }
                    if alternatives.iter().any(Vec::is_empty) {
                        return Err(format!(
                            "empty alternative in the group at column {}",
                            at + 1
                        ));
                    }
                    let optional = matches!(self.chars.peek(), Some((_, '?')));
                    if optional {
                        self.chars.next();
                    }
                    nodes.push(Node::Group {
                        alternatives,
                        optional,
                    });
                }
                '.' if self.src[at..].starts_with("...") => {
                    for _ in 0..3 {
                        self.chars.next();
                    }
                    let gap = match self.chars.peek() {
                        Some(&(_, d)) if d.is_ascii_digit() => {
                            self.chars.next();
                            let n = d as u8 - b'0';
                            if n == 0 {
                                return Err(format!("a gap of 0 at column {}", at + 1));
                            }
                            n
                        }
                        _ => DEFAULT_GAP,
                    };
                    nodes.push(Node::Gap(gap));
                }
                _ => {
                    // A run of text up to a space or a special character:
                    // split into words the way the text's tokenizer does.
                    let start = at;
                    let mut end = at;
                    while let Some(&(i, c)) = self.chars.peek() {
                        if c.is_whitespace() || matches!(c, '(' | ')' | '|') {
                            break;
                        }
                        if c == '?' {
                            return Err(format!("'?' at column {} must follow a group", i + 1));
                        }
                        if c == '.' && self.src[i..].starts_with("...") {
                            break;
                        }
                        end = i + c.len_utf8();
                        self.chars.next();
                    }
                    let raw = &self.src[start..end];
                    let mut found = Vec::new();
                    words(raw, 0, &mut found);
                    if found.is_empty() {
                        return Err(format!("'{raw}' at column {} holds no word", start + 1));
                    }
                    for token in found {
                        let word = normalise(token.span.of(raw));
                        nodes.push(Node::Word(self.vocabulary.intern(&word)));
                    }
                }
            }
        }
        Ok(nodes)
    }
}

/// A set of compiled patterns: a trie over word ids, with gap edges.
/// Matching at a position costs one array look-up when the word starts no
/// pattern (nearly always), and otherwise grows with the matched prefix,
/// not with the number of patterns.
#[derive(Clone, Debug)]
pub struct PhraseSet<T> {
    /// Per node: whether patterns end there (`ENDS`) and whether it has
    /// gap edges (`GAPS`). One byte per node: most nodes have neither, and
    /// the few that do keep them in the maps below.
    flags: Vec<u8>,
    /// node -> index into `targets` of the first sequence ending there;
    /// the rare further ones are in `more_ends`.
    ends: FxHashMap<u32, u32>,
    more_ends: FxHashMap<u32, Vec<u32>>,
    /// node -> (largest skip, node after the gap).
    gaps: FxHashMap<u32, Vec<(u8, u32)>>,
    /// Word edges: (node, word id) -> child. The root's too, unless the
    /// set keeps them dense in `root`.
    edges: FxHashMap<(u32, u32), u32>,
    /// Root edges indexed by word id, for the one big set matched at every
    /// word ([`PhraseSet::with_dense_root`]); the many small context sets
    /// leave it empty, since a dense array per set costs the vocabulary's
    /// size each.
    root: Vec<u32>,
    dense_root: bool,
    targets: Vec<T>,
}

const ENDS: u8 = 1;
const GAPS: u8 = 2;

const NO_NODE: u32 = u32::MAX;

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            flags: vec![0],
            ends: FxHashMap::default(),
            more_ends: FxHashMap::default(),
            gaps: FxHashMap::default(),
            edges: FxHashMap::default(),
            root: Vec::new(),
            dense_root: false,
            targets: Vec::new(),
        }
    }
}

/// A match: token positions `start..end` (relative to the slice matched).
#[derive(Debug, PartialEq, Eq)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub target: &'a T,
    /// Which pattern of the set matched (in the order they were added).
    pub pattern: u32,
}

impl<T> Clone for Hit<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Hit<'_, T> {}

impl<T> PhraseSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// A set whose first words are looked up in a dense array: one array
    /// access per word, for the set matched at every word of a document.
    pub fn with_dense_root() -> Self {
        PhraseSet {
            dense_root: true,
            ..Self::default()
        }
    }

    /// Adds every expansion of `pattern`, each tagged with `target`.
    pub fn add(
        &mut self,
        vocabulary: &mut Vocabulary,
        pattern: &str,
        target: T,
    ) -> Result<(), String> {
        let expansions = expand_into(pattern, vocabulary)?;
        let index = self.targets.len() as u32;
        self.targets.push(target);
        for tokens in expansions {
            let mut node = 0u32;
            for (position, token) in tokens.iter().enumerate() {
                node = match *token {
                    Token::Word(id) if position == 0 => self.root_child(id),
                    Token::Word(id) => self.word_child(node, id),
                    Token::Gap(n) => self.gap_child(node, n),
                };
            }
            self.flags[node as usize] |= ENDS;
            let first = *self.ends.entry(node).or_insert(index);
            if first != index {
                let more = self.more_ends.entry(node).or_default();
                if !more.contains(&index) {
                    more.push(index);
                }
            }
        }
        Ok(())
    }

    fn new_node(&mut self) -> u32 {
        self.flags.push(0);
        (self.flags.len() - 1) as u32
    }

    fn root_child(&mut self, id: u32) -> u32 {
        if !self.dense_root {
            return self.word_child(0, id);
        }
        let slot = id as usize;
        if self.root.len() <= slot {
            self.root.resize(slot + 1, NO_NODE);
        }
        if self.root[slot] == NO_NODE {
            self.root[slot] = self.new_node();
        }
        self.root[slot]
    }

    fn word_child(&mut self, node: u32, id: u32) -> u32 {
        if let Some(&child) = self.edges.get(&(node, id)) {
            return child;
        }
        let child = self.new_node();
        self.edges.insert((node, id), child);
        child
    }

    fn gap_child(&mut self, node: u32, n: u8) -> u32 {
        if let Some(&(_, child)) = self
            .gaps
            .get(&node)
            .and_then(|gaps| gaps.iter().find(|(g, _)| *g == n))
        {
            return child;
        }
        let child = self.new_node();
        self.flags[node as usize] |= GAPS;
        self.gaps.entry(node).or_default().push((n, child));
        child
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Every match starting at position `at` of `ids`: each pattern with
    /// each distinct end it can reach, longest first.
    pub fn matches_at<'s>(&'s self, ids: &[u32], at: usize, out: &mut Vec<Hit<'s, T>>) {
        let first = ids.get(at).and_then(|&id| {
            if self.dense_root {
                self.root.get(id as usize).copied()
            } else {
                self.edges.get(&(0, id)).copied()
            }
        });
        let Some(first) = first else {
            return;
        };
        if first == NO_NODE {
            return;
        }
        let before = out.len();
        self.walk(first, ids, at, at + 1, out);
        let found = &mut out[before..];
        if found.len() > 1 {
            found.sort_by_key(|h| (std::cmp::Reverse(h.end), h.pattern));
            let mut kept = before + 1;
            for i in before + 1..out.len() {
                let previous = out[kept - 1];
                if (previous.end, previous.pattern) != (out[i].end, out[i].pattern) {
                    out[kept] = out[i];
                    kept += 1;
                }
            }
            out.truncate(kept);
        }
    }

    fn walk<'s>(
        &'s self,
        node: u32,
        ids: &[u32],
        start: usize,
        pos: usize,
        out: &mut Vec<Hit<'s, T>>,
    ) {
        let flags = self.flags[node as usize];
        if flags & ENDS != 0 {
            let first = self.ends[&node];
            let more = self.more_ends.get(&node).map_or(&[][..], Vec::as_slice);
            for &target in std::iter::once(&first).chain(more) {
                out.push(Hit {
                    start,
                    end: pos,
                    target: &self.targets[target as usize],
                    pattern: target,
                });
            }
        }
        if let Some(&id) = ids.get(pos)
            && let Some(&child) = self.edges.get(&(node, id))
        {
            self.walk(child, ids, start, pos + 1, out);
        }
        if flags & GAPS == 0 {
            return;
        }
        for &(gap, after) in &self.gaps[&node] {
            // After a gap comes a word: try it after 0..=gap skipped words,
            // never skipping over non-prose.
            for skip in 0..=gap as usize {
                let at = pos + skip;
                if skip > 0 && ids.get(at - 1).is_none_or(|&id| id == BARRIER) {
                    break;
                }
                if let Some(&id) = ids.get(at)
                    && let Some(&next) = self.edges.get(&(after, id))
                {
                    self.walk(next, ids, start, at + 1, out);
                }
            }
        }
    }

    /// Whether any pattern matches anywhere in `ids`.
    pub fn any(&self, ids: &[u32]) -> bool {
        self.starts_within(ids, 0..ids.len())
    }

    /// The word range of every match in `ids`, the longest per start.
    pub fn ranges(&self, ids: &[u32]) -> Vec<std::ops::Range<usize>> {
        let mut hits = Vec::new();
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        for at in 0..ids.len() {
            hits.clear();
            self.matches_at(ids, at, &mut hits);
            if let Some(longest) = hits.first() {
                out.push(longest.start..longest.end);
            }
        }
        out
    }

    /// Whether a pattern matches ending exactly at `end` (exclusive).
    pub fn ends_at(&self, ids: &[u32], end: usize) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut hits = Vec::new();
        (end.saturating_sub(12)..end).any(|at| {
            hits.clear();
            self.matches_at(ids, at, &mut hits);
            hits.iter().any(|h| h.end == end)
        })
    }

    /// Whether a pattern matches starting at a position in `range`.
    pub fn starts_within(&self, ids: &[u32], range: std::ops::Range<usize>) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut hits = Vec::new();
        range.take_while(|&at| at < ids.len()).any(|at| {
            hits.clear();
            self.matches_at(ids, at, &mut hits);
            !hits.is_empty()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut phrases: Vec<String>) -> Vec<String> {
        phrases.sort();
        phrases
    }

    #[test]
    fn groups_options_and_gaps_expand() {
        assert_eq!(
            sorted(expand("(that's|that is) not possible").unwrap()),
            ["that is not possible", "that's not possible"]
        );
        assert_eq!(
            sorted(expand("(we)? can’t do it").unwrap()),
            ["can't do it", "we can't do it"]
        );
        assert_eq!(
            sorted(expand("(rol|rolt) ...6 uit").unwrap()),
            ["rol ...6 uit", "rolt ...6 uit"]
        );
        assert_eq!((expand("you ... forgot").unwrap()), ["you ...4 forgot"]);
        assert_eq!((expand("100% Secure").unwrap()), ["100 secure"]);
        assert_eq!((expand("z.s.m.").unwrap()), ["z s m"]);
    }

    #[test]
    fn bad_patterns_are_reported() {
        for bad in [
            "(a|b",
            "a)",
            "... a",
            "a ...",
            "(a|)",
            "a? b",
            "((a|b) (c|d) (e|f) (g|h) (i|j) (k|l) (m|n) (o|p) (q|r) (s|t) (u|v))",
            "",
            "!!",
        ] {
            assert!(expand(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    fn ids(vocab: &Vocabulary, text: &str) -> Vec<u32> {
        let mut buf = String::new();
        text.split(' ')
            .map(|w| {
                if w == "#" {
                    BARRIER
                } else {
                    vocab.lookup(w, &mut buf)
                }
            })
            .collect()
    }

    #[test]
    fn context_sets_keep_every_pattern_and_end() {
        // Patterns of a context set all carry `()`: each must still count.
        let mut vocab = Vocabulary::default();
        let mut set: PhraseSet<()> = PhraseSet::new();
        set.add(&mut vocab, "maakt", ()).unwrap();
        set.add(&mut vocab, "maakt het", ()).unwrap();
        set.add(&mut vocab, "we (zijn)? vergeten (het)?", ())
            .unwrap();
        let text = ids(&vocab, "dat maakt het onmogelijk");
        assert!(set.ends_at(&text, 2), "the short pattern ends at 2");
        assert!(set.ends_at(&text, 3), "the long pattern ends at 3");
        let mut hits = Vec::new();
        let text = ids(&vocab, "we zijn vergeten het");
        set.matches_at(&text, 0, &mut hits);
        let ends: Vec<_> = hits.iter().map(|h| h.end).collect();
        assert_eq!(
            ends,
            [4, 3],
            "an optional trailing group is taken when present"
        );
    }

    #[test]
    fn matching_respects_gaps_and_barriers() {
        let mut vocab = Vocabulary::default();
        let mut set = PhraseSet::new();
        set.add(&mut vocab, "(rol|rollen) ...3 uit", 1).unwrap();
        set.add(&mut vocab, "load balancer", 2).unwrap();
        set.add(&mut vocab, "load", 3).unwrap();
        let text = ids(&vocab, "we rollen de update morgen uit");
        let mut hits = Vec::new();
        set.matches_at(&text, 1, &mut hits);
        assert_eq!((hits[0].start, hits[0].end, *hits[0].target), (1, 6, 1));

        let far = ids(&vocab, "we rollen de grote nieuwe update morgen uit");
        hits.clear();
        set.matches_at(&far, 1, &mut hits);
        assert!(hits.is_empty(), "gap of 5 exceeds 3");

        let barred = ids(&vocab, "rollen # uit");
        hits.clear();
        set.matches_at(&barred, 0, &mut hits);
        assert!(hits.is_empty(), "no gap crosses a barrier");

        let longest = ids(&vocab, "the Load Balancer failed");
        hits.clear();
        set.matches_at(&longest, 1, &mut hits);
        assert_eq!(hits.iter().map(|h| *h.target).collect::<Vec<_>>(), [2, 3]);
        assert!(set.ends_at(&longest, 3));
        assert!(set.starts_within(&longest, 0..2));
        assert!(!set.starts_within(&longest, 2..4));
    }
}
