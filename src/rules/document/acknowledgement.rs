//! `missing-acknowledgement`: a reply (a `Re:` subject, quoted text, or a
//! reference to the client's message) to a worried or unhappy client that
//! nowhere acknowledges the concern or thanks them. The concern is read in
//! what the client wrote (the quoted text and the subject) and in the reply.

use super::{DocContext, finding, insertion};
use crate::document::Kind;
use crate::finding::{Finding, Severity};
use crate::rules::RuleId;

const REPLY_PREFIXES: &[&str] = &["re:", "antw:", "aw:", "sv:", "vs:", "re :"];

pub fn check(cx: &DocContext, severity: Severity) -> Option<Finding> {
    if cx.doc.kind != Kind::Mail {
        return None;
    }
    let rules = &cx.lang.document;
    let subject = cx.subject().trim_start().to_lowercase();
    let quoted: Vec<&str> = cx
        .doc
        .extract
        .quoted
        .iter()
        .map(|s| s.of(cx.doc.text))
        .collect();
    let reply = REPLY_PREFIXES.iter().any(|p| subject.starts_with(p))
        || !quoted.is_empty()
        || cx.in_prose(&rules.reply);
    if !reply {
        return None;
    }
    let concern = cx.in_text(&rules.concern, &quoted.join("\n"))
        || cx.in_text(&rules.concern, &subject)
        || cx.in_prose(&rules.concern);
    if !concern || cx.in_prose(&rules.acknowledgement) {
        return None;
    }
    let first = *cx.body().first()?;
    let span = cx.block_prose(first)?;
    let suggestions = rules
        .acknowledgement_suggest
        .first()
        .map(|text| vec![insertion(text, span.start, format!("{text} "))])
        .unwrap_or_default();
    Some(finding(
        RuleId::MissingAcknowledgement,
        span,
        severity,
        rules.acknowledgement_message.clone(),
        suggestions,
    ))
}
