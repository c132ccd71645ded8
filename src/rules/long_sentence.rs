//! `long-sentence`: a sentence over the language's word limit (default 30
//! in English, 25 in Dutch; `max-words` in `.tact.toml` overrides it).

use super::RuleId;
use crate::document::Sentence;
use crate::finding::{Finding, Severity, Suggestion};
use crate::ruleset::compile::CompiledLanguage;

pub fn check(
    lang: &CompiledLanguage,
    sentence: &Sentence,
    limit: usize,
    severity: Severity,
) -> Option<Finding> {
    let words = sentence.word_count();
    if words <= limit {
        return None;
    }
    let message = lang
        .long_sentence
        .message
        .replace("{words}", &words.to_string())
        .replace("{limit}", &limit.to_string());
    Some(Finding {
        rule: RuleId::LongSentence,
        span: sentence.span,
        severity,
        message,
        suggestions: lang
            .long_sentence
            .suggest
            .iter()
            .map(|s| Suggestion {
                label: s.clone(),
                edits: Vec::new(),
                safe: false,
            })
            .collect(),
    })
}
