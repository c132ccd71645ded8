//! Hover and explain: on a flagged span, the documentation of each rule that
//! flagged it (what it flags, why the client reads it badly, a better
//! example), in the document's language; on the first line, the document's
//! readability figures.

use super::state::Linted;

/// The Markdown to show at byte `offset` on zero-based `line`, if any.
pub fn markdown(linted: &Linted, offset: usize, line: u32) -> Option<String> {
    let mut parts = Vec::new();
    if line == 0
        && let Some(stats) = linted.stats()
    {
        parts.push(stats);
    }
    parts.extend(rule_docs(linted, offset));
    (!parts.is_empty()).then(|| parts.join("\n\n---\n\n"))
}

/// The docs of every rule whose finding covers byte `offset`, each headed by
/// the finding's message; what the `tact.explain` command answers.
pub fn rule_docs(linted: &Linted, offset: usize) -> Vec<String> {
    let Some(language) = linted.language.or_else(|| tact::ruleset::language("en")) else {
        return Vec::new();
    };
    let mut shown = Vec::new();
    let mut parts = Vec::new();
    for finding in &linted.findings {
        let inside = finding.span.start <= offset
            && (offset < finding.span.end || finding.span.is_empty() && offset == finding.span.end);
        if !inside || shown.contains(&finding.rule) {
            continue;
        }
        shown.push(finding.rule);
        let docs = tact::ruleset::docs(finding.rule, language);
        parts.push(format!("*{}*\n\n{}", finding.message, docs.trim()));
    }
    parts
}
