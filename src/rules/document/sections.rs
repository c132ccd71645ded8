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
use crate::ruleset::compile::Section;
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
    // Per section: whether it is there, where its heading starts, and
    // where a heading followed only by a vague promise ends.
    let found: Vec<Found> = sections
        .sections
        .iter()
        .map(|section| {
            let headed: Vec<usize> = (0..blocks.len())
                .filter(|&i| cx.block_headed_by(i, &section.headings))
                .collect();
            let heading = headed.first().copied();
            let vague = if section.vague_is_missing {
                headed.iter().find_map(|&i| only_vague(cx, i, section))
            } else {
                None
            };
            let present = vague.is_none() && (heading.is_some() || cx.in_prose(&section.content));
            let at = heading.filter(|&i| matches!(blocks[i].kind, BlockKind::Heading(_)));
            Found {
                present,
                heading_at: at.map(|i| blocks[i].span.start),
                vague,
            }
        })
        .collect();
    let missing: Vec<usize> = (0..found.len()).filter(|&i| !found[i].present).collect();
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
    let mut completions = Vec::new();
    for &i in &missing {
        let s = &sections.sections[i];
        if let Some(vague) = found[i].vague {
            // Complete the vague promise where it stands.
            let sep = if vague.label { " " } else { "\n\n" };
            completions.push(Edit {
                span: Span::new(vague.end, vague.end),
                replacement: format!("{sep}{}", s.stub),
            });
            continue;
        }
        let at = found[i + 1..]
            .iter()
            .find_map(|f| f.present.then_some(f.heading_at).flatten())
            .unwrap_or(end);
        let stub = if markdown {
            format!("## {}\n\n{}\n\n", s.heading, s.stub)
        } else {
            format!("{}:\n{}\n\n", s.heading, s.stub)
        };
        places.entry(at).or_default().push_str(&stub);
    }
    let mut edits: Vec<Edit> = places
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
        .chain(completions)
        .collect();
    edits.sort_by_key(|e| e.span.start);
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

/// What the document holds of one section.
struct Found {
    present: bool,
    /// Where its first heading starts, if that is a real heading: stubs of
    /// earlier missing sections go before it.
    heading_at: Option<usize>,
    /// A heading of it followed only by a vague promise.
    vague: Option<Vague>,
}

/// Where a vague promise under a section heading ends, and whether it is the
/// rest of a `Label:` line (the stub then continues the line).
#[derive(Clone, Copy)]
struct Vague {
    end: usize,
    label: bool,
}

/// Whether what heading block `index` introduces — the blocks up to the
/// next heading, or the rest of a `Label:` line — is only a promise without
/// a time or an owner: a vague-time cue, and no date, question, named
/// person, firm `content` cue or the section's own stub.
fn only_vague(cx: &DocContext, index: usize, section: &Section) -> Option<Vague> {
    let blocks = &cx.doc.extract.blocks;
    let label = !matches!(blocks[index].kind, BlockKind::Heading(_));
    let under: Vec<usize> = if label {
        vec![index]
    } else {
        (index + 1..blocks.len())
            .take_while(|&i| !matches!(blocks[i].kind, BlockKind::Heading(_)))
            .collect()
    };
    let content = &section.content;
    let sentences = || under.iter().flat_map(|&i| cx.block_sentences(i));
    let vague = sentences().any(|s| cx.promises_vaguely(s, content))
        && !sentences().any(|s| {
            cx.names_when(s)
                || cx.names_someone(s)
                || s.span.of(cx.doc.text).contains('?')
                || (content.any(cx.sentence_ids(s)) && !cx.promises_vaguely(s, content))
        })
        && !under.iter().any(|&i| {
            blocks[i]
                .span
                .of(cx.doc.text)
                .contains(section.stub.as_str())
        });
    let end = cx.block_prose(*under.last()?)?.end;
    vague.then_some(Vague { end, label })
}
