//! `proposal-sections` and `ticket-sections`: the sections a proposal or a
//! ticket needs, recognised by heading synonyms (a heading or a `Label:`
//! line that opens with one) or by content anywhere in the prose. One
//! finding names what is missing; its fix inserts a headed stub for each
//! missing section, before the first section that follows it and is there
//! (or at the end).

use super::{DocContext, finding};
use crate::document::{BlockKind, Kind, Markup};
use crate::finding::{Edit, Finding, Severity, Suggestion};
use crate::rules::RuleId;
use crate::text::Span;

pub fn check(cx: &DocContext, rule: RuleId, severity: Severity) -> Option<Finding> {
    let (kind, sections) = match rule {
        RuleId::ProposalSections => (Kind::Proposal, &cx.lang.document.proposal),
        _ => (Kind::Ticket, &cx.lang.document.ticket),
    };
    if cx.doc.kind != kind || sections.sections.is_empty() {
        return None;
    }
    let blocks = &cx.doc.extract.blocks;
    // Per section: where its heading starts, or that its content is there.
    let found: Vec<(bool, Option<usize>)> = sections
        .sections
        .iter()
        .map(|section| {
            let heading = (0..blocks.len()).find(|&i| cx.block_headed_by(i, &section.headings));
            let present = heading.is_some() || cx.in_prose(&section.content);
            let at = heading.filter(|&i| matches!(blocks[i].kind, BlockKind::Heading(_)));
            (present, at.map(|i| blocks[i].span.start))
        })
        .collect();
    let missing: Vec<usize> = (0..found.len()).filter(|&i| !found[i].0).collect();
    let first_missing = *missing.first()?;
    let span = cx.anchor()?;
    let names: Vec<&str> = missing
        .iter()
        .map(|&i| sections.sections[i].name.as_str())
        .collect();
    // Insert before the first present section after the first missing one.
    let at = found[first_missing..]
        .iter()
        .find_map(|(present, at)| present.then_some(*at).flatten())
        .unwrap_or(cx.doc.text.len());
    let markdown = cx.doc.markup == Markup::Markdown;
    let mut stubs = String::new();
    if at == cx.doc.text.len() && !cx.doc.text.ends_with('\n') && !cx.doc.text.is_empty() {
        stubs.push('\n');
    }
    if at == cx.doc.text.len() && !cx.doc.text.is_empty() {
        stubs.push('\n');
    }
    for &i in &missing {
        let s = &sections.sections[i];
        if markdown {
            stubs.push_str(&format!("## {}\n\n{}\n\n", s.heading, s.stub));
        } else {
            stubs.push_str(&format!("{}:\n{}\n\n", s.heading, s.stub));
        }
    }
    if at == cx.doc.text.len() {
        stubs.truncate(stubs.trim_end().len());
        stubs.push('\n');
    }
    let label = format!(
        "Add {}",
        missing
            .iter()
            .map(|&i| sections.sections[i].heading.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let suggestion = Suggestion {
        label,
        edit: Some(Edit {
            span: Span::new(at, at),
            replacement: stubs,
        }),
        safe: false,
    };
    Some(finding(
        rule,
        span,
        severity,
        sections.message.replace("{missing}", &names.join(", ")),
        vec![suggestion],
    ))
}
