//! Code actions, built from the last lint of the document (a diagnostic's
//! `data` says which finding of which version it shows): one quick fix per suggestion (the first one
//! preferred), "ignore this term in the workspace" (a command the server
//! runs, since it writes `.tact.toml`), "disable this rule in this file",
//! and `source.fixAll.tact`, which applies every preferred fix marked safe.

use super::convert::{self, DiagnosticData, Lines};
use super::state::Linted;
use serde_json::json;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, DocumentChanges,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

/// The command behind "Ignore 'TERM' in this workspace": `[uri, term]`.
pub const IGNORE_TERM: &str = "tact.ignoreTerm";
/// The command that answers with the docs of the rules flagged at a position.
pub const EXPLAIN: &str = "tact.explain";
/// The command that answers with a document's language, kind and number of
/// findings (what an editor's status bar shows).
pub const DOCUMENT_INFO: &str = "tact.documentInfo";

/// The kind of the fix-all source action.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.tact")
}

/// How edits are sent: versioned document changes when the client takes
/// them (so a stale edit is refused), else the plain `changes` map.
#[derive(Clone, Copy)]
pub struct EditStyle {
    pub document_changes: bool,
}

/// A workspace edit of one document at `version`.
pub fn workspace_edit(
    uri: &Uri,
    version: i32,
    edits: Vec<TextEdit>,
    style: EditStyle,
) -> WorkspaceEdit {
    if style.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

fn text_edits(edits: &[tact::Edit], lines: &Lines) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(lines.range(e.span), e.replacement.clone()))
        .collect()
}

/// The quick fixes for the diagnostics the client sent (those of tact with
/// `data` for the current version), plus "disable RULE in this file".
pub fn quick_fixes(
    uri: &Uri,
    range: Range,
    diagnostics: &[Diagnostic],
    linted: &Linted,
    style: EditStyle,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let mut disabled = Vec::new();
    let lines = linted.lines();
    for (diagnostic, data) in resolve(range, diagnostics, linted, &lines) {
        let diagnostic = &diagnostic;
        let finding = linted.findings.get(data.index);
        let Some(finding) =
            finding.filter(|f| data.version == linted.doc.version && f.rule.as_str() == data.rule)
        else {
            // Computed for another version of the text: its ranges are stale.
            continue;
        };
        for (i, suggestion) in finding.suggestions.iter().enumerate() {
            if suggestion.edits.is_empty() {
                continue;
            }
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: suggestion.label.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(workspace_edit(
                    uri,
                    linted.doc.version,
                    text_edits(&suggestion.edits, &lines),
                    style,
                )),
                is_preferred: Some(i == 0),
                ..CodeAction::default()
            }));
        }
        if let Some(term) = &data.term {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Ignore '{term}' in this workspace"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                command: Some(Command::new(
                    format!("Ignore '{term}' in this workspace"),
                    IGNORE_TERM.into(),
                    Some(vec![json!(uri.as_str()), json!(term)]),
                )),
                ..CodeAction::default()
            }));
        }
        if !disabled.contains(&data.rule) {
            disabled.push(data.rule.clone());
            if let Some(edit) = linted.disable_edit(&data.rule) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} in this file", data.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(
                        uri,
                        linted.doc.version,
                        vec![TextEdit::new(lines.range(edit.span), edit.replacement)],
                        style,
                    )),
                    ..CodeAction::default()
                }));
            }
        }
    }
    out
}

/// The tact diagnostics a code action request is about, each with the
/// `data` that names its finding. A diagnostic that kept its `data` is
/// taken as it is. Clients that send back only code, message and range
/// (ALE, kak-lsp, ...) get theirs matched to a finding of the current
/// version by rule and range; and when the request names no diagnostic of
/// tact at all, the findings that touch the requested range are used.
fn resolve(
    range: Range,
    diagnostics: &[Diagnostic],
    linted: &Linted,
    lines: &Lines,
) -> Vec<(Diagnostic, DiagnosticData)> {
    let version = linted.doc.version;
    let own = |index: usize| {
        let finding = &linted.findings[index];
        let diagnostic = convert::diagnostic(finding, index, lines, version, None);
        let data = DiagnosticData {
            version,
            rule: finding.rule.as_str().to_string(),
            index,
            term: convert::term(finding, lines.text),
        };
        (diagnostic, data)
    };
    let mut out: Vec<(Diagnostic, DiagnosticData)> = Vec::new();
    for diagnostic in diagnostics {
        let kept = diagnostic
            .data
            .clone()
            .and_then(|d| serde_json::from_value::<DiagnosticData>(d).ok());
        if let Some(data) = kept {
            if diagnostic.source.as_deref() == Some("tact") {
                out.push((diagnostic.clone(), data));
            }
            continue;
        }
        if diagnostic.source.as_deref().is_some_and(|s| s != "tact") {
            continue;
        }
        let code = match &diagnostic.code {
            Some(NumberOrString::String(code)) => Some(code.as_str()),
            _ => None,
        };
        let found = linted.findings.iter().position(|f| {
            lines.range(f.span) == diagnostic.range && code.is_none_or(|c| c == f.rule.as_str())
        });
        if let Some(index) = found {
            let (_, data) = own(index);
            out.push((diagnostic.clone(), data));
        }
    }
    if out.is_empty() {
        let touches = |r: Range| r.start <= range.end && range.start <= r.end;
        for index in 0..linted.findings.len() {
            if touches(lines.range(linted.findings[index].span)) {
                out.push(own(index));
            }
        }
    }
    out
}

/// Every preferred fix that is safe, as non-overlapping edits in order.
pub fn fix_all(linted: &Linted) -> Vec<TextEdit> {
    let lines = linted.lines();
    tact::finding::safe_fixes(&linted.findings)
        .into_iter()
        .map(|e| TextEdit::new(lines.range(e.span), e.replacement.clone()))
        .collect()
}

pub fn fix_all_action(uri: &Uri, linted: &Linted, style: EditStyle) -> Option<CodeActionOrCommand> {
    let edits = fix_all(linted);
    if edits.is_empty() {
        return None;
    }
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Apply every safe tact fix".into(),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(uri, linted.doc.version, edits, style)),
        ..CodeAction::default()
    }))
}
