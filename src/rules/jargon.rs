//! `jargon`: technical terms and corporate filler a client may not know.
//! Every form of a term carries rewrites in the same grammatical form, so
//! the quick fix keeps the sentence correct and the case of the word.

use super::RuleId;
use crate::finding::{Edit, Finding, Severity, Suggestion, match_case};
use crate::linter::SentenceContext;
use crate::ruleset::compile::Term;
use crate::text::Span;

/// A match of form `form` of `term` over tokens `start..end` of the sentence.
pub fn form(
    cx: &SentenceContext,
    term: &Term,
    form: usize,
    start: usize,
    end: usize,
    severity: Severity,
) -> Option<Finding> {
    if term.unless_before.ends_at(cx.ids, start)
        || term.unless_after.starts_within(cx.ids, end..end + 1)
    {
        return None;
    }
    let span = cx.span(start, end);
    if spells_out_acronym(cx.text, span) {
        return None;
    }
    let text = span.of(cx.text);
    let (_, rewrites) = term.forms.get(form)?;
    let suggestions = rewrites
        .iter()
        .map(|rewrite| {
            let replacement = match_case(text, rewrite);
            Suggestion {
                label: replacement.clone(),
                edits: vec![Edit { span, replacement }],
                safe: true,
            }
        })
        .collect();
    Some(Finding {
        rule: RuleId::Jargon,
        span,
        severity,
        message: cx.lang.jargon_message.replace("{text}", text),
        suggestions,
    })
}

/// A separable verb split over the sentence ("we rollen het morgen uit"):
/// reported over the whole stretch, with the rewrites as advice only, since
/// no single replacement of the stretch is right.
pub fn split(
    cx: &SentenceContext,
    term: &Term,
    start: usize,
    end: usize,
    severity: Severity,
) -> Finding {
    let span: Span = cx.span(start, end);
    let first = cx.span(start, start + 1).of(cx.text);
    let last = cx.span(end - 1, end).of(cx.text);
    let shown = format!("{first} … {last}");
    Finding {
        rule: RuleId::Jargon,
        span,
        severity,
        message: cx.lang.jargon_message.replace("{text}", &shown),
        suggestions: term.forms[0]
            .1
            .iter()
            .map(|r| Suggestion {
                label: r.clone(),
                edits: Vec::new(),
                safe: false,
            })
            .collect(),
    }
}

/// Whether the words at `span` spell out an acronym next to them, as in
/// "single sign-on (SSO)" or "SSO (single sign-on)": that is the
/// explanation the `undefined-acronym` rule asks for, not jargon.
fn spells_out_acronym(text: &str, span: Span) -> bool {
    let is_acronym = |s: &str| {
        let s = s.trim();
        s.chars().filter(|c| c.is_uppercase()).count() >= 2
            && s.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let after = text[span.end..].trim_start_matches([' ', '\t']);
    if let Some(inner) = after.strip_prefix('(')
        && let Some((acronym, _)) = inner.split_once(')')
        && is_acronym(acronym)
    {
        return true;
    }
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    let after_close = text[span.end..].trim_start_matches([' ', '\t']);
    if let Some(open) = before.strip_suffix('(')
        && after_close.starts_with(')')
    {
        let word = open
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        return is_acronym(word);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, words: &str) -> bool {
        let start = text.find(words).unwrap();
        spells_out_acronym(text, Span::new(start, start + words.len()))
    }

    #[test]
    fn expansions_of_acronyms_are_not_jargon() {
        assert!(check(
            "Log in with single sign-on (SSO) today.",
            "single sign-on"
        ));
        assert!(check(
            "Log in with SSO (single sign-on) today.",
            "single sign-on"
        ));
        assert!(!check(
            "Log in with single sign-on today.",
            "single sign-on"
        ));
        assert!(!check(
            "Log in with single sign-on (see below).",
            "single sign-on"
        ));
    }
}
