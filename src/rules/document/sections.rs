//! `proposal-sections` and `ticket-sections`: the sections a proposal or a
//! ticket needs, recognised by heading synonyms (a heading or a `Label:`
//! line that opens with one) or by content anywhere in the prose. One
//! finding names what is missing; its fix inserts a headed stub for each
//! missing section, each before the first later section that is there (or
//! at the end), so the sections come out in their usual order.

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
    missing.first()?;
    let span = cx.anchor()?;
    let names: Vec<&str> = missing
        .iter()
        .map(|&i| sections.sections[i].name.as_str())
        .collect();
    // Each stub goes before the first later section that is there (with a
    // heading), else at the end; stubs for the same place keep their order.
    let end = cx.doc.text.len();
    let markdown = cx.doc.markup == Markup::Markdown;
    let mut places: std::collections::BTreeMap<usize, String> = std::collections::BTreeMap::new();
    for &i in &missing {
        let at = found[i + 1..]
            .iter()
            .find_map(|(present, at)| present.then_some(*at).flatten())
            .unwrap_or(end);
        let s = &sections.sections[i];
        let stub = if markdown {
            format!("## {}\n\n{}\n\n", s.heading, s.stub)
        } else {
            format!("{}:\n{}\n\n", s.heading, s.stub)
        };
        places.entry(at).or_default().push_str(&stub);
    }
    let edits = places
        .into_iter()
        .map(|(at, mut stubs)| {
            if at == end {
                // At the end: after a blank line, ending in one line break.
                let text = cx.doc.text;
                let lead = if text.is_empty() || text.ends_with("\n\n") {
                    ""
                } else if text.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                stubs = format!("{lead}{}\n", stubs.trim_end());
            }
            Edit {
                span: Span::new(at, at),
                replacement: stubs,
            }
        })
        .collect();
    // The label names the headings it adds, in the document's language.
    let label = format!(
        "+ {}",
        missing
            .iter()
            .map(|&i| sections.sections[i].heading.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    );
    let suggestion = Suggestion {
        label,
        edits,
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
