//! `missing-apology`: a mail that reports a delay, outage, missed deadline,
//! data loss or defect that affected the client, with no apology anywhere.
//! A bad-news cue in a sentence that also says the event was planned or
//! announced does not count. The finding sits on the subject line, or on
//! the paragraph that brings the bad news.

use super::{DocContext, finding, insertion};
use crate::document::Kind;
use crate::finding::{Finding, Severity};
use crate::rules::RuleId;

pub fn check(cx: &DocContext, severity: Severity) -> Option<Finding> {
    if cx.doc.kind != Kind::Mail {
        return None;
    }
    let rules = &cx.lang.document;
    let bad_news = cx.doc.sentences.iter().find(|s| {
        let ids = cx.sentence_ids(s);
        rules.bad_news.any(ids) && !rules.neutral.any(ids)
    })?;
    if cx.in_prose(&rules.apology) {
        return None;
    }
    // On the subject line when there is one, else on the paragraph that
    // brings the bad news.
    let has_subject = cx.doc.extract.fields.iter().any(|f| f.key == "subject");
    let span = if has_subject {
        cx.anchor()?
    } else {
        cx.block_prose(bad_news.block as usize)?
    };
    let suggestions = match (rules.apology_suggest.first(), cx.body().first()) {
        (Some(text), Some(&first)) => {
            let at = cx.block_prose(first)?.start;
            vec![insertion(text, at, format!("{text} "))]
        }
        _ => Vec::new(),
    };
    Some(finding(
        RuleId::MissingApology,
        span,
        severity,
        rules.apology_message.clone(),
        suggestions,
    ))
}
