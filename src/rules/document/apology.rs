//! `missing-apology`: a mail that reports a delay, outage, missed deadline,
//! data loss or defect that affected the client, with no apology anywhere.
//! A bad-news cue in a sentence that also says the event was planned or
//! announced does not count.

use super::{DocContext, finding, insertion};
use crate::document::Kind;
use crate::finding::{Finding, Severity};
use crate::rules::RuleId;

pub fn check(cx: &DocContext, severity: Severity) -> Option<Finding> {
    if cx.doc.kind != Kind::Mail {
        return None;
    }
    let rules = &cx.lang.document;
    let bad_news = cx.doc.sentences.iter().any(|s| {
        let ids = cx.sentence_ids(s);
        rules.bad_news.any(ids) && !rules.neutral.any(ids)
    });
    if !bad_news || cx.in_prose(&rules.apology) {
        return None;
    }
    let span = cx.anchor()?;
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
