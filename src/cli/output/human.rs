//! The human format: `file:line:col: severity[rule]: message`, the source
//! line with the span underlined, the suggested rewrites, and a summary.

use super::{FileReport, Locator};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use tact::{Finding, Severity};

struct Styles {
    path: Style,
    gutter: Style,
    rule: Style,
    help: Style,
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Information => AnsiColor::Blue,
        Severity::Hint => AnsiColor::Cyan,
    };
    Style::new().bold().fg_color(Some(color.into()))
}

pub fn render(reports: &[FileReport], color: bool) -> String {
    let plain = Style::new();
    let styles = if color {
        Styles {
            path: Style::new().bold(),
            gutter: Style::new().fg_color(Some(AnsiColor::Blue.into())),
            rule: Style::new().dimmed(),
            help: Style::new().fg_color(Some(AnsiColor::Green.into())),
        }
    } else {
        Styles {
            path: plain,
            gutter: plain,
            rule: plain,
            help: plain,
        }
    };
    let mut out = String::new();
    for report in reports {
        let loc = Locator::new(&report.text);
        for finding in &report.findings {
            finding_block(&mut out, report, &loc, finding, &styles, color);
        }
    }
    for report in reports {
        if let Some(stats) = &report.stats {
            stats_line(&mut out, report, stats, &styles);
        }
    }
    summary(&mut out, reports);
    out
}

fn stats_line(out: &mut String, report: &FileReport, stats: &tact::Stats, s: &Styles) {
    let ease = stats
        .reading_ease
        .as_ref()
        .map(|e| format!(" · {} {:.1}", e.name, e.score))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{}{:#}: {} {} · {} words in {} sentences ({:.1} per sentence){ease} · jargon {:.1} per 100 words",
        s.path,
        report.path,
        s.path,
        report.language,
        report.kind,
        stats.words,
        stats.sentences,
        stats.words_per_sentence,
        stats.jargon_per_100_words,
    );
}

/// At most this many characters of a line are shown under a finding.
const SHOWN_CHARS: usize = 120;
/// Characters of context shown before a finding on a long line.
const CONTEXT_BEFORE: usize = 40;

/// The part of a finding's line that is shown, with where its carets go.
/// A long line shows a window around the finding, marked with `…`, so a
/// 5 MB line is not printed once per finding.
struct Snippet {
    text: String,
    /// Characters before the first caret.
    before: usize,
    /// How many carets.
    width: usize,
}

impl Snippet {
    /// `line` is a slice of `text`; `span` starts on it.
    fn new(text: &str, line: &str, span: tact::Span) -> Snippet {
        let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
        let at = span.start.clamp(line_start, line_start + line.len()) - line_start;
        // Back up to CONTEXT_BEFORE characters, and only on a long line.
        let long = line.len() > SHOWN_CHARS;
        let from = if long {
            line[..at]
                .char_indices()
                .rev()
                .take(CONTEXT_BEFORE)
                .last()
                .map_or(at, |(i, _)| i)
        } else {
            0
        };
        let mut shown: String = line[from..].chars().take(SHOWN_CHARS).collect();
        let cut_after = from + shown.len() < line.len();
        let before = line[from..at].chars().count();
        let span_chars = span.of(text).chars().take(SHOWN_CHARS + 1).count();
        let room = shown.chars().count().saturating_sub(before);
        let width = if span.end <= line_start + line.len() {
            span_chars.min(room.max(1)).max(1)
        } else {
            room.max(1)
        };
        let mut before_out = before;
        if from > 0 {
            shown.insert(0, '…');
            before_out += 1;
        }
        if cut_after {
            shown.push('…');
        }
        Snippet {
            text: shown.replace('\t', " "),
            before: before_out,
            width,
        }
    }
}

fn finding_block(
    out: &mut String,
    report: &FileReport,
    loc: &Locator,
    f: &Finding,
    s: &Styles,
    color: bool,
) {
    let start = loc.at(f.span.start);
    let end = loc.at(f.span.end);
    let sev = if color {
        severity_style(f.severity)
    } else {
        Style::new()
    };
    let _ = writeln!(
        out,
        "{}{}:{}:{}{:#}: {sev}{}{sev:#}{}[{}]{:#}: {}",
        s.path,
        report.path,
        start.line,
        start.column,
        s.path,
        f.severity,
        s.rule,
        f.rule,
        s.rule,
        f.message
    );
    let line = loc.line(start.line);
    let number = start.line.to_string();
    let pad = " ".repeat(number.len());
    let shown = Snippet::new(&report.text, line, f.span);
    let g = &s.gutter;
    let _ = writeln!(out, "{g}{pad} |{g:#}");
    let _ = writeln!(out, "{g}{number} |{g:#} {}", shown.text);
    let more = if end.line > start.line { " …" } else { "" };
    let _ = writeln!(
        out,
        "{g}{pad} |{g:#} {}{sev}{}{sev:#}{more}",
        " ".repeat(shown.before),
        "^".repeat(shown.width)
    );
    let labels: Vec<String> = f
        .suggestions
        .iter()
        .map(|sug| {
            if sug.label.is_empty() {
                format!("remove “{}”", f.span.of(&report.text))
            } else {
                sug.label.clone()
            }
        })
        .collect();
    if !labels.is_empty() {
        let h = &s.help;
        let noun = if labels.len() == 1 {
            "suggestion"
        } else {
            "suggestions"
        };
        let _ = writeln!(
            out,
            "{g}{pad} ={g:#} {h}{noun}{h:#}: {}",
            labels.join(" · ")
        );
    }
    out.push('\n');
}

fn summary(out: &mut String, reports: &[FileReport]) {
    let files = reports.len();
    let with = reports.iter().filter(|r| !r.findings.is_empty()).count();
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    if total == 0 {
        let _ = writeln!(out, "No findings in {}.", plural(files, "file"));
        return;
    }
    let mut parts = Vec::new();
    for severity in [
        Severity::Error,
        Severity::Warning,
        Severity::Information,
        Severity::Hint,
    ] {
        let n = reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity == severity)
            .count();
        if n > 0 {
            parts.push(match severity {
                Severity::Information => format!("{n} information"),
                other => plural(n, other.as_str()),
            });
        }
    }
    let _ = writeln!(
        out,
        "{} ({}) in {} of {}.",
        plural(total, "finding"),
        parts.join(", "),
        with,
        plural(files, "file")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&super::super::tests::sample(), false));
    }

    #[test]
    fn colour_only_when_asked() {
        let sample = super::super::tests::sample();
        assert!(!render(&sample, false).contains('\u{1b}'));
        assert!(render(&sample, true).contains('\u{1b}'));
    }
}
