//! `undefined-acronym`: the first use of a known acronym in a document,
//! when it is not spelled out there. "single sign-on (SSO)", "SSO (single
//! sign-on)" and a sentence that also holds the expansion all count as
//! spelled out; later uses are never flagged, nor whitelisted acronyms or
//! those in the project's glossary.

use super::RuleId;
use crate::document::{Document, TokenKind};
use crate::finding::{Edit, Finding, Severity, Suggestion, capitalise};
use crate::ruleset::compile::Acronyms;
use crate::text::Span;
use rustc_hash::FxHashSet;

pub fn check(doc: &Document, acronyms: &Acronyms, severity: Severity, out: &mut Vec<Finding>) {
    if acronyms.known.is_empty() {
        return;
    }
    let text = doc.text;
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let tokens = doc.sentence_tokens(sentence);
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = token.span.of(text);
            let Some((acronym, expansion)) = lookup(acronyms, word) else {
                continue;
            };
            if !seen.insert(acronym) {
                continue;
            }
            let previous = sentence_index
                .checked_sub(1)
                .map(|p| doc.sentences[p].span.of(text))
                .unwrap_or("");
            if is_expanded(
                text,
                token.span,
                sentence.span.of(text),
                previous,
                expansion,
            ) {
                continue;
            }
            let spelled = if i == 0 {
                capitalise(expansion)
            } else {
                expansion.to_string()
            };
            let replacement = format!("{spelled} ({word})");
            out.push(Finding {
                rule: RuleId::UndefinedAcronym,
                span: token.span,
                severity,
                message: acronyms
                    .message
                    .replace("{text}", word)
                    .replace("{expansion}", expansion),
                suggestions: vec![Suggestion {
                    label: replacement.clone(),
                    edit: Some(Edit {
                        span: token.span,
                        replacement,
                    }),
                    safe: true,
                }],
            });
        }
    }
}

/// The acronym and its expansion a word stands for: `SSO`, plural `SSOs`,
/// possessive `SSO's`.
fn lookup<'a>(acronyms: &'a Acronyms, word: &str) -> Option<(&'a str, &'a str)> {
    if word.len() < 2 || word.len() > 12 || !word.chars().next()?.is_uppercase() {
        return None;
    }
    let uppercase = word.chars().filter(|c| c.is_uppercase()).count();
    if uppercase < 2 {
        return None;
    }
    let base = [
        word,
        word.strip_suffix("'s").unwrap_or(""),
        word.strip_suffix("’s").unwrap_or(""),
        word.strip_suffix('s').unwrap_or(""),
    ];
    base.into_iter()
        .filter(|b| !b.is_empty())
        .find_map(|b| acronyms.known.get_key_value(b))
        .map(|(a, e)| (a.as_str(), e.as_str()))
}

/// Whether the acronym at `span` is spelled out where it stands.
fn is_expanded(text: &str, span: Span, sentence: &str, previous: &str, expansion: &str) -> bool {
    let after = text[span.end..].trim_start_matches([' ', '\t', '\n', '\r']);
    let before = text[..span.start].trim_end_matches([' ', '\t', '\n', '\r']);
    if after.starts_with('(') || before.ends_with('(') {
        return true;
    }
    let wanted = expansion.to_lowercase();
    sentence.to_lowercase().contains(&wanted) || previous.to_lowercase().contains(&wanted)
}
