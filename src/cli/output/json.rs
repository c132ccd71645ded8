//! The JSON format: a stable interface others build on. Its shape is fixed:
//! `{"version": 1, "files": [{"path", "language", "kind", "diagnostics":
//! [{"rule", "severity", "message", "text", "start", "end", "suggestions"}]}]}`.

use super::{FileReport, Locator, suggestion_labels};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    language: &'a str,
    kind: &'a str,
    diagnostics: Vec<Diagnostic<'a>>,
    /// Only with `--stats`.
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<&'a tact::Stats>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    text: &'a str,
    start: Position,
    end: Position,
    suggestions: Vec<String>,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

pub fn render(reports: &[FileReport]) -> String {
    let files = reports
        .iter()
        .map(|r| {
            let loc = Locator::new(&r.text);
            File {
                path: &r.path,
                language: r.language.code(),
                kind: r.kind.as_str(),
                diagnostics: r
                    .findings
                    .iter()
                    .map(|f| {
                        let (start, end) = (loc.at(f.span.start), loc.at(f.span.end));
                        Diagnostic {
                            rule: f.rule.as_str(),
                            severity: f.severity.as_str(),
                            message: &f.message,
                            text: f.span.of(&r.text),
                            start: Position {
                                line: start.line,
                                column: start.column,
                            },
                            end: Position {
                                line: end.line,
                                column: end.column,
                            },
                            suggestions: suggestion_labels(f),
                        }
                    })
                    .collect(),
                stats: r.stats.as_ref(),
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Output { version: 1, files })
        .expect("the output holds only strings and numbers");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&super::super::tests::sample()));
    }
}
