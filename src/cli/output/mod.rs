//! Output formats of `tact check`. Each format renders every checked file
//! (with its findings) to a string; positions are 1-based lines and columns
//! counted in Unicode scalar values, converted through the core's one line
//! index.

mod github;
mod human;
mod json;
mod sarif;

use std::io::Write;
use tact::{Encoding, Finding, Kind, Language, LineIndex, Stats};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: the line, the span underlined, the message and the rewrites.
    Human,
    /// The stable machine format (see README, "Output formats").
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on a pull request).
    Github,
}

/// One checked document and what was found in it.
pub struct FileReport {
    pub path: String,
    pub language: Language,
    pub kind: Kind,
    pub findings: Vec<Finding>,
    /// With `--stats`: the readability figures.
    pub stats: Option<Stats>,
    pub text: String,
}

/// A 1-based line and column (in Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Converts byte offsets of one document to [`LineCol`]s.
pub struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
    /// The last offset converted, to count on from (see
    /// [`LineIndex::position_after`]).
    last: std::cell::Cell<Option<(usize, tact::Position)>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            index: LineIndex::new(text),
            last: std::cell::Cell::new(None),
        }
    }

    pub fn at(&self, offset: usize) -> LineCol {
        let (at, p) =
            self.index
                .position_after(self.text, offset, Encoding::Utf32, self.last.get());
        self.last.set(Some((at, p)));
        LineCol {
            line: p.line as usize + 1,
            column: p.character as usize + 1,
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line(&self, line: usize) -> &'a str {
        self.index
            .line_span(self.text, line - 1)
            .map_or("", |s| s.of(self.text))
    }
}

/// The labels of a finding's suggestions, as the JSON `suggestions` lists them.
pub fn suggestion_labels(finding: &Finding) -> Vec<String> {
    finding
        .suggestions
        .iter()
        .map(|s| s.label.clone())
        .collect()
}

pub fn render(format: Format, reports: &[FileReport], color: bool) -> String {
    match format {
        Format::Human => human::render(reports, color),
        Format::Json => json::render(reports),
        Format::Sarif => sarif::render(reports),
        Format::Github => github::render(reports),
    }
}

pub fn print(format: Format, reports: &[FileReport]) -> std::io::Result<()> {
    let mut out = anstream::stdout();
    let color = format == Format::Human
        && !matches!(
            anstream::AutoStream::choice(&std::io::stdout()),
            anstream::ColorChoice::Never
        );
    let text = render(format, reports, color);
    out.write_all(text.as_bytes())?;
    out.flush()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use tact::{Linter, Settings, Source};

    /// A small fixed set of documents every format's snapshot renders.
    pub fn sample() -> Vec<FileReport> {
        let linter = Linter::new(Settings::default()).unwrap();
        let docs = [
            (
                "mail.md",
                "Hi Sam,\n\nWe will deploy the fix soon. Obviously, the 😀 SSO login is guaranteed to work.\n",
            ),
            (
                "clean.txt",
                "Thank you for your patience. We will send the report on Friday 12 June.\n",
            ),
        ];
        docs.iter()
            .map(|(path, text)| {
                let report = linter.lint(&Source::new(text).with_path(path));
                FileReport {
                    path: path.to_string(),
                    language: report.language,
                    kind: report.kind,
                    findings: report.findings,
                    stats: None,
                    text: text.to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn columns_count_scalar_values() {
        let text = "a😀b\nsecond";
        let loc = Locator::new(text);
        assert_eq!(
            loc.at(text.find('b').unwrap()),
            LineCol { line: 1, column: 3 }
        );
        assert_eq!(
            loc.at(text.find("second").unwrap()),
            LineCol { line: 2, column: 1 }
        );
        assert_eq!(loc.line(2), "second");
    }
}
