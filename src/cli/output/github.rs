//! GitHub Actions workflow commands: one `::warning file=…::message` line
//! per finding, which GitHub shows as annotations on the pull request.

use super::{FileReport, Locator};
use std::fmt::Write;
use tact::Severity;

/// Escapes a message (`%`, CR, LF) or a property value (also `:` and `,`).
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let loc = Locator::new(&r.text);
        for f in &r.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Information | Severity::Hint => "notice",
            };
            let (start, end) = (loc.at(f.span.start), loc.at(f.span.end));
            let mut message = f.message.clone();
            let labels: Vec<&str> = f
                .suggestions
                .iter()
                .map(|s| s.label.as_str())
                .filter(|l| !l.is_empty())
                .collect();
            if !labels.is_empty() {
                let _ = write!(message, " Suggestions: {}", labels.join("; "));
            }
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape(&r.path, true),
                start.line,
                start.column,
                end.line,
                end.column,
                escape(&format!("tact {}", f.rule), true),
                escape(&message, false)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&super::super::tests::sample()));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a,b:c%\n", true), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape("a,b:c", false), "a,b:c");
    }
}
