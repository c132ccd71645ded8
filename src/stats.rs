//! Readability figures of a document: words, sentences, words per
//! sentence, the language's reading-ease score (Flesch reading ease for
//! English, Flesch–Douma for Dutch; the constants are data in
//! `rulesets/<lang>/language.toml`) and jargon density. They reuse the
//! words and sentences the rules already computed.

use crate::document::{Document, TokenKind};
use crate::finding::Finding;
use crate::rules::RuleId;
use crate::ruleset::Readability;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub words_per_sentence: f64,
    pub syllables_per_word: f64,
    /// `None` when the language has no formula or the document no words.
    pub reading_ease: Option<ReadingEase>,
    pub jargon_per_100_words: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadingEase {
    /// The formula's name ("Flesch reading ease", "Flesch-Douma").
    pub name: String,
    /// Higher is easier; 60–70 is plain language for most readers.
    pub score: f64,
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The syllables of `word`: groups of vowels, a final silent `e` dropped
/// where the language says so, at least one.
pub fn syllables(word: &str, readability: &Readability) -> usize {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let is_vowel = |c: char| readability.vowels.contains(c);
    let mut groups = 0;
    let mut in_group = false;
    for &c in &lower {
        let v = is_vowel(c);
        if v && !in_group {
            groups += 1;
        }
        in_group = v;
    }
    // "make" has one syllable, "table" two: a final e after a consonant is
    // silent, except in a consonant + "le" ending.
    let n = lower.len();
    let silent_e = readability.silent_final_e
        && groups > 1
        && n > 2
        && lower[n - 1] == 'e'
        && !is_vowel(lower[n - 2])
        && (lower[n - 2] != 'l' || is_vowel(lower[n - 3]));
    if silent_e {
        groups -= 1;
    }
    groups.max(1)
}

/// The figures of `doc`, with `findings` from the same document.
pub fn compute(doc: &Document, findings: &[Finding], readability: Option<&Readability>) -> Stats {
    let words: Vec<&str> = doc
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.of(doc.text))
        .collect();
    let sentences = doc.sentences.len();
    let n = words.len();
    let words_per_sentence = if sentences == 0 {
        0.0
    } else {
        n as f64 / sentences as f64
    };
    let jargon = findings.iter().filter(|f| f.rule == RuleId::Jargon).count();
    let (syllables_per_word, reading_ease) = match readability {
        Some(r) if n > 0 => {
            let total: usize = words.iter().map(|w| syllables(w, r)).sum();
            let per_word = total as f64 / n as f64;
            let score =
                r.base - r.per_sentence_length * words_per_sentence - r.per_syllable * per_word;
            (
                per_word,
                Some(ReadingEase {
                    name: r.name.clone(),
                    score: round(score),
                }),
            )
        }
        _ => (0.0, None),
    };
    Stats {
        words: n,
        sentences,
        words_per_sentence: round(words_per_sentence),
        syllables_per_word: (syllables_per_word * 100.0).round() / 100.0,
        reading_ease,
        jargon_per_100_words: if n == 0 {
            0.0
        } else {
            round(jargon as f64 * 100.0 / n as f64)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Readability {
        Readability {
            name: "Flesch reading ease".into(),
            base: 206.835,
            per_sentence_length: 1.015,
            per_syllable: 84.6,
            vowels: "aeiouy".into(),
            silent_final_e: true,
        }
    }

    #[test]
    fn syllables_are_vowel_groups() {
        let en = english();
        let count = |w| syllables(w, &en);
        assert_eq!(count("cat"), 1);
        assert_eq!(count("release"), 2);
        assert_eq!(count("make"), 1);
        assert_eq!(count("table"), 2);
        assert_eq!(count("communication"), 5);
        assert_eq!(count("14:00"), 1);
        let nl = Readability {
            silent_final_e: false,
            ..english()
        };
        assert_eq!(syllables("uitrollen", &nl), 3);
        assert_eq!(syllables("lettergrepen", &nl), 4);
        assert_eq!(syllables("tijd", &nl), 1);
    }
}
