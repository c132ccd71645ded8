//! Between the core and the protocol: the position encoding a client and
//! tact agree on, byte spans to LSP ranges (through the core's one
//! [`LineIndex`]), and findings to diagnostics whose `data` says where a
//! code action finds their fixes, so answering one never re-lints.

use serde::{Deserialize, Serialize};
use tact::{Encoding, Finding, LineIndex, Severity, Span};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, InitializeParams, NumberOrString, Position,
    PositionEncodingKind, Range, Uri,
};

/// The encoding to use: UTF-8 when the client offers it, then UTF-32, else
/// the protocol's default UTF-16. A client that offers none may have said
/// how it counts in the `position-encoding` setting (`said`).
pub fn negotiate(params: &InitializeParams, said: Option<Encoding>) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone())
        .unwrap_or_default();
    if offered.is_empty()
        && let Some(encoding) = said
    {
        return encoding;
    }
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.contains(&PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// A text with its line index, converting byte spans to ranges.
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
    /// The last offset converted, to count on from (see
    /// [`LineIndex::position_after`]).
    pub last: std::cell::Cell<Option<(usize, tact::Position)>>,
}

impl<'a> Lines<'a> {
    pub fn position(&self, offset: usize) -> Position {
        let (at, p) = self
            .index
            .position_after(self.text, offset, self.encoding, self.last.get());
        self.last.set(Some((at, p)));
        Position::new(p.line, p.character)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    pub fn offset(&self, position: Position) -> usize {
        self.index.offset(
            self.text,
            tact::Position {
                line: position.line,
                character: position.character,
            },
            self.encoding,
        )
    }
}

/// What a diagnostic's `data` holds: the document version it was computed
/// for and the finding's place in that version's lint, which the server
/// keeps; a code action reads the finding's fixes from there instead of
/// linting again, and a diagnostic of another version gets none (its ranges
/// are stale). Keeping the fixes out of `data` halves what every keystroke
/// publishes.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct DiagnosticData {
    pub version: i32,
    pub rule: String,
    pub index: usize,
    /// For jargon and acronyms: the term the glossary action adds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The term a glossary entry would silence, for the rules that take one.
pub fn term(finding: &Finding, text: &str) -> Option<String> {
    matches!(
        finding.rule,
        tact::RuleId::Jargon | tact::RuleId::UndefinedAcronym
    )
    .then(|| finding.span.of(text).to_string())
    .filter(|t| !t.trim().is_empty())
}

/// Finding number `index` of the lint of document `version` as a diagnostic.
pub fn diagnostic(
    finding: &Finding,
    index: usize,
    lines: &Lines,
    version: i32,
    docs_url: Option<&str>,
) -> Diagnostic {
    let rule = finding.rule.as_str();
    let data = DiagnosticData {
        version,
        rule: rule.to_string(),
        index,
        term: term(finding, lines.text),
    };
    let code_description = docs_url
        .and_then(|base| format!("{base}#{rule}").parse::<Uri>().ok())
        .map(|href| CodeDescription { href });
    Diagnostic {
        range: lines.range(finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(rule.to_string())),
        code_description,
        source: Some("tact".into()),
        message: finding.message.clone(),
        data: serde_json::to_value(data).ok(),
        ..Diagnostic::default()
    }
}
