//! `no-next-step`: a mail whose last paragraphs before the sign-off hold no
//! next step, question, date or owner. A date told of the past ("since
//! Monday") is no plan, and a promise without a time ("we'll get back to
//! you", "shortly") is no next step.

use super::{DocContext, finding, insertion};
use crate::document::Kind;
use crate::finding::{Finding, Severity};
use crate::rules::RuleId;

pub fn check(cx: &DocContext, severity: Severity) -> Option<Finding> {
    if cx.doc.kind != Kind::Mail {
        return None;
    }
    let rules = &cx.lang.document;
    let body = cx.body();
    let last = *body.last()?;
    let says_what_next = body
        .iter()
        .rev()
        .take(rules.next_step_paragraphs)
        .any(|&i| {
            cx.block_sentences(i).iter().any(|s| {
                s.span.of(cx.doc.text).contains('?')
                    || cx.names_when(s)
                    || (rules.next_step.any(cx.sentence_ids(s))
                        && !cx.promises_vaguely(s, &rules.next_step))
            })
        });
    if says_what_next {
        return None;
    }
    let span = cx.block_prose(last)?;
    let suggestions = rules
        .next_step_suggest
        .first()
        .map(|text| vec![insertion(text, span.end, format!("\n\n{text}"))])
        .unwrap_or_default();
    Some(finding(
        RuleId::NoNextStep,
        span,
        severity,
        rules.next_step_message.clone(),
        suggestions,
    ))
}
