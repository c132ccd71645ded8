//! `missing-acknowledgement`: a reply (a `Re:` subject, quoted text, or a
//! reference to the client's message) to a worried or unhappy client that
//! nowhere acknowledges the concern or thanks them. The concern is read in
//! what the client wrote (the quoted text and the subject: worry, complaint
//! or a reported problem) and in the reply.

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
    // What the client wrote (quoted text, the subject) counts as a concern
    // when it worries or complains, or reports a problem (the bad-news cues
    // of missing-apology: "nobody can log in since the change").
    let theirs = format!("{}\n{subject}", quoted.join("\n"));
    let concern = cx.in_text(&rules.concern, &theirs)
        || cx.in_text(&rules.bad_news, &theirs)
        || cx.in_prose(&rules.concern);
    if !concern || cx.in_prose(&rules.acknowledgement) {
        return None;
    }
    // Shown on the subject (what the client asked about); the fix opens the
    // first paragraph after the greeting with an acknowledgement.
    let span = cx.anchor()?;
    let first = cx.block_prose(*cx.body().first()?)?;
    let suggestions = rules
        .acknowledgement_suggest
        .first()
        .map(|text| vec![insertion(text, first.start, format!("{text} "))])
        .unwrap_or_default();
    Some(finding(
        RuleId::MissingAcknowledgement,
        span,
        severity,
        rules.acknowledgement_message.clone(),
        suggestions,
    ))
}
