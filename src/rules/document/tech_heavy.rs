//! `tech-heavy`: a paragraph dense with technical terms (more than the
//! limit per 100 words; jargon and unexplained acronyms count) whose first
//! sentence states mechanism rather than the effect for the reader.

use super::{DocContext, finding};
use crate::document::BlockKind;
use crate::finding::{Finding, Severity, Suggestion};
use crate::rules::RuleId;

pub fn check(cx: &DocContext, limit: f64, severity: Severity, out: &mut Vec<Finding>) {
    let rules = &cx.lang.document;
    // Where the technical terms start, sorted, to count per paragraph.
    let mut terms: Vec<usize> = cx
        .spans
        .iter()
        .filter(|f| matches!(f.rule, RuleId::Jargon | RuleId::UndefinedAcronym))
        .map(|f| f.span.start)
        .collect();
    terms.sort_unstable();
    for (index, block) in cx.doc.extract.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let words = cx.block_words(index);
        if words < rules.min_words {
            continue;
        }
        let Some(span) = cx.block_prose(index) else {
            continue;
        };
        let terms =
            terms.partition_point(|&t| t < span.end) - terms.partition_point(|&t| t < span.start);
        if (terms as f64) * 100.0 / (words as f64) <= limit {
            continue;
        }
        let leads_with_effect = cx
            .block_sentences(index)
            .first()
            .is_some_and(|s| rules.effect.any(cx.sentence_ids(s)));
        if leads_with_effect {
            continue;
        }
        let message = rules
            .tech_heavy_message
            .replace("{count}", &terms.to_string())
            .replace("{words}", &words.to_string());
        let suggestions = rules
            .tech_heavy_suggest
            .iter()
            .map(|s| Suggestion {
                label: s.clone(),
                edits: Vec::new(),
                safe: false,
            })
            .collect();
        out.push(finding(
            RuleId::TechHeavy,
            span,
            severity,
            message,
            suggestions,
        ));
    }
}
