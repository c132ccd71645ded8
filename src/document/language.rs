//! Which language a document is written in, from the stop words each
//! language's ruleset lists (`rulesets/<lang>/language.toml`). The language
//! with the most stop-word hits wins; a tie goes to the first language.

use super::segment::{Token, TokenKind};
use crate::text::Span;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::fmt;

/// A language tact has a ruleset for, by its code (`en`, `nl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Language(&'static str);

impl Language {
    pub(crate) const fn new(code: &'static str) -> Self {
        Language(code)
    }

    pub fn code(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Stop words of every language, for detection.
#[derive(Clone, Debug, Default)]
pub struct StopWords {
    languages: Vec<Language>,
    /// word -> bit set of the languages listing it
    words: FxHashMap<Box<str>, u64>,
}

/// How many words detection looks at: enough to be sure, cheap on a book.
const SAMPLE: usize = 3000;

impl StopWords {
    pub fn add(&mut self, language: Language, words: &[String]) {
        let bit = 1u64 << self.languages.len().min(63);
        self.languages.push(language);
        for word in words {
            *self
                .words
                .entry(word.to_lowercase().into_boxed_str())
                .or_default() |= bit;
        }
    }

    pub fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// The language with the most stop-word hits among the first words of
    /// the document; `None` when no language has any.
    pub fn detect(&self, text: &str, tokens: &[Token]) -> Option<Language> {
        let mut counts = vec![0usize; self.languages.len()];
        let mut lower = String::new();
        for token in tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .take(SAMPLE)
        {
            let word = token.span.of(text);
            if word.len() > 12 {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(&bits) = self.words.get(lower.as_str()) {
                for (i, count) in counts.iter_mut().enumerate() {
                    if bits & (1 << i) != 0 {
                        *count += 1;
                    }
                }
            }
        }
        let (best, &hits) = counts
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
        (hits > 0).then(|| self.languages[best])
    }
}

/// Where a document's language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageSource {
    FrontMatter(Span),
    Settings,
    Detected,
    Default,
}
