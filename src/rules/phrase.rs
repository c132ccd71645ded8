//! The phrase rules (`flat-refusal`, `blame`, `condescension`,
//! `overpromise`, `vague-commitment`, `unconfirmed-agreement`,
//! `hidden-actor`): one mechanism, seven word lists. A pattern matches
//! words of a sentence; its context (a reason or alternative nearby, an
//! agent after a passive, a date in the sentence, a word right before or
//! after) can cancel it. The data says which context applies to which rule.

use crate::finding::{Edit, Finding, Severity, Suggestion, capitalise};
use crate::linter::SentenceContext;
use crate::ruleset::compile::PhraseRule;
use crate::text::Span;

/// How far after a match `unless-following` looks, in words.
const FOLLOWING: usize = 4;

/// A match of pattern `index` of `rule` over tokens `start..end` of the
/// sentence, or `None` when its context cancels it.
pub fn check(
    cx: &SentenceContext,
    rule: &PhraseRule,
    index: usize,
    start: usize,
    end: usize,
    severity: Severity,
) -> Option<Finding> {
    let pattern = rule.patterns.get(index)?;
    let cancelled = pattern.unless_before.ends_at(cx.ids, start)
        || pattern.unless_after.starts_within(cx.ids, end..end + 1)
        || pattern.unless_sentence.any(cx.ids)
        || rule.unless_sentence.any(cx.ids)
        || rule
            .unless_following
            .starts_within(cx.ids, end..end + FOLLOWING)
        || (!rule.unless_nearby.is_empty()
            && (rule.unless_nearby.any(cx.ids) || rule.unless_nearby.any(cx.next_ids)))
        || (rule.unless_date && cx.has_date());
    if cancelled {
        return None;
    }
    let span = cx.span(start, end);
    let text = span.of(cx.text);
    let suggestions = pattern
        .suggest
        .iter()
        .map(|s| suggestion(cx, span, start, s))
        .collect();
    let message = pattern
        .message
        .as_deref()
        .unwrap_or(&rule.message)
        .replace("{text}", text);
    Some(Finding {
        rule: rule.rule,
        span,
        severity,
        message,
        suggestions,
    })
}

fn suggestion(cx: &SentenceContext, span: Span, start: usize, rewrite: &str) -> Suggestion {
    let text = span.of(cx.text);
    if rewrite.is_empty() {
        return Suggestion {
            label: String::new(),
            edits: vec![removal(cx.text, span, start == 0)],
            safe: true,
        };
    }
    // "{text} by … (say who)": the matched words, as written.
    let rewrite = rewrite.replace("{text}", &text.to_lowercase());
    // Only the first letter follows the match: a rewrite of "ASAP" is not
    // shouted back.
    let replacement = if start == 0 || text.starts_with(char::is_uppercase) {
        capitalise(&rewrite)
    } else {
        rewrite
    };
    Suggestion {
        label: replacement.clone(),
        safe: !replacement.contains('…'),
        edits: vec![Edit { span, replacement }],
    }
}

/// The edit that removes `span` and leaves a correct sentence: the space
/// after it goes too, commas around an aside close up, and a sentence that
/// started with the removed words starts with a capital again.
fn removal(text: &str, span: Span, sentence_start: bool) -> Edit {
    let before = &text[..span.start];
    let after = &text[span.end..];
    let after_trim = after.trim_start_matches([' ', '\t']);
    let before_trim = before.trim_end_matches([' ', '\t']);
    // ", obviously," -> ","-less aside: drop from the comma before to the comma after.
    if before_trim.ends_with(',') && after_trim.starts_with(',') {
        let start = before_trim.len() - 1;
        let end = text.len() - after_trim.len() + 1;
        return Edit {
            span: Span::new(start, end),
            replacement: String::new(),
        };
    }
    // "Obviously, the…" / "Simply click…" at a sentence start.
    let mut end = text.len() - after_trim.len();
    if let Some(rest) = after_trim.strip_prefix(',') {
        end = text.len() - rest.trim_start_matches([' ', '\t']).len();
    }
    if end == span.end {
        // Nothing but punctuation after it: take the space (and a comma)
        // before instead: "It works, obviously." -> "It works."
        let start = before_trim.strip_suffix(',').unwrap_or(before_trim).len();
        return Edit {
            span: Span::new(start, span.end),
            replacement: String::new(),
        };
    }
    let capitalise_next = sentence_start && span.of(text).starts_with(char::is_uppercase);
    if capitalise_next && let Some(next) = text[end..].chars().next() {
        let next_end = end + next.len_utf8();
        return Edit {
            span: Span::new(span.start, next_end),
            replacement: capitalise(&next.to_string()),
        };
    }
    Edit {
        span: Span::new(span.start, end),
        replacement: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, needle: &str, sentence_start: bool) -> String {
        let start = text.find(needle).unwrap();
        let edit = removal(text, Span::new(start, start + needle.len()), sentence_start);
        format!(
            "{}{}{}",
            &text[..edit.span.start],
            edit.replacement,
            &text[edit.span.end..]
        )
    }

    #[test]
    fn removals_leave_correct_sentences() {
        assert_eq!(apply("Simply click Save.", "Simply", true), "Click Save.");
        assert_eq!(
            apply("Obviously, the fix works.", "Obviously", true),
            "The fix works."
        );
        assert_eq!(
            apply("This is, obviously, wrong.", "obviously", false),
            "This is wrong."
        );
        assert_eq!(
            apply("You just click Save.", "just", false),
            "You click Save."
        );
        assert_eq!(
            apply("It works, obviously.", "obviously", false),
            "It works."
        );
        assert_eq!(
            apply("It works obviously.", "obviously", false),
            "It works."
        );
    }
}
