//! `no-next-step`: a mail whose last paragraphs before the sign-off hold no
//! next step, question, date or owner.

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
                    || rules.next_step.any(cx.sentence_ids(s))
                    || cx.sentence_context(s).has_date()
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
