//! `undefined-acronym`: the first use of a known acronym in a document,
//! when it is not spelled out there. "single sign-on (SSO)", "SSO (single
//! sign-on)" and a sentence that also holds the expansion all count as
//! spelled out; later uses are never flagged, nor whitelisted acronyms or
//! those in the project's glossary. An acronym at the head of a compound
//! ("DNS-instellingen", "SSL-based") counts as a use.

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
            let Some((span, acronym, expansion)) = lookup(acronyms, text, token.span) else {
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
                span,
                acronym,
                sentence.span.of(text),
                previous,
                expansion,
            ) {
                continue;
            }
            let word = span.of(text);
            let spelled = if i == 0 {
                capitalise(expansion)
            } else {
                expansion.to_string()
            };
            let replacement = format!("{spelled} ({word})");
            out.push(Finding {
                rule: RuleId::UndefinedAcronym,
                span,
                severity,
                message: acronyms
                    .message
                    .replace("{text}", word)
                    .replace("{expansion}", expansion),
                suggestions: vec![Suggestion {
                    label: replacement.clone(),
                    edits: vec![Edit { span, replacement }],
                    safe: true,
                }],
            });
        }
    }
}

/// The acronym a word stands for, with the span of the acronym itself:
/// `SSO`, plural `SSOs`, possessive `SSO's`, or the head of a compound
/// (`DNS-instellingen`).
fn lookup<'a>(acronyms: &'a Acronyms, text: &str, span: Span) -> Option<(Span, &'a str, &'a str)> {
    let word = span.of(text);
    if word.len() < 2 || !word.chars().next()?.is_uppercase() {
        return None;
    }
    let head = word.split(['-', '‐', '‑']).next().unwrap_or(word);
    let base = [
        head,
        head.strip_suffix("'s").unwrap_or(""),
        head.strip_suffix("’s").unwrap_or(""),
        head.strip_suffix('s').unwrap_or(""),
    ];
    let (acronym, expansion) = base
        .into_iter()
        .filter(|b| b.len() >= 2 && b.chars().filter(|c| c.is_uppercase()).count() >= 2)
        .find_map(|b| acronyms.known.get_key_value(b))?;
    // A compound reports only its acronym; a plural or possessive the whole word.
    let end = if head.len() < word.len() {
        span.start + head.len()
    } else {
        span.end
    };
    Some((
        Span::new(span.start, end),
        acronym.as_str(),
        expansion.as_str(),
    ))
}

/// The first letters of the words of `phrase`, counting each part of a
/// hyphenated word: "single sign-on" -> "sso".
fn initials(phrase: &str) -> String {
    phrase
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '/'))
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `words` spell out `acronym`: they hold its known expansion, or
/// their initials are its letters.
fn spells_out(words: &str, acronym: &str, expansion: &str) -> bool {
    let letters: String = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    words.to_lowercase().contains(&expansion.to_lowercase()) || initials(words).ends_with(&letters)
}

/// Whether the acronym at `span` is spelled out where it stands: followed
/// by brackets that spell it out, alone in brackets after the words that
/// explain it, or with its expansion in the same or the previous sentence.
fn is_expanded(
    text: &str,
    span: Span,
    acronym: &str,
    sentence: &str,
    previous: &str,
    expansion: &str,
) -> bool {
    let after = text[span.end..].trim_start_matches([' ', '\t', '\n', '\r']);
    if let Some(inner) = after.strip_prefix('(')
        && let Some((inside, _)) = inner.split_once(')')
        && spells_out(inside, acronym, expansion)
    {
        return true;
    }
    // "meervoudige authenticatie (MFA)": an acronym alone in brackets right
    // after words is the writer's own expansion, in whatever words they chose.
    let before = text[..span.start].trim_end_matches([' ', '\t', '\n', '\r']);
    if let Some(lead) = before.strip_suffix('(')
        && after.starts_with(')')
        && lead.trim_end().ends_with(char::is_alphabetic)
    {
        return true;
    }
    let wanted = expansion.to_lowercase();
    sentence.to_lowercase().contains(&wanted) || previous.to_lowercase().contains(&wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_out_needs_the_expansion_or_its_initials() {
        assert!(spells_out("single sign-on", "SSO", "single sign-on"));
        assert!(spells_out(
            "one sign-in service, single sign-on",
            "SSO",
            "single sign-on"
        ));
        assert!(spells_out(
            "Service Level Agreement",
            "SLA",
            "service level agreement"
        ));
        assert!(!spells_out("it is fast", "CDN", "content delivery network"));
        assert_eq!(initials("content delivery network"), "cdn");
    }
}
