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
    let line_shown = line.replace('\t', " ");
    let before = line.chars().take(start.column - 1).count();
    let width = if end.line == start.line {
        (end.column - start.column).max(1)
    } else {
        line.chars().count().saturating_sub(before).max(1)
    };
    let g = &s.gutter;
    let _ = writeln!(out, "{g}{pad} |{g:#}");
    let _ = writeln!(out, "{g}{number} |{g:#} {line_shown}");
    let more = if end.line > start.line { " …" } else { "" };
    let _ = writeln!(
        out,
        "{g}{pad} |{g:#} {}{sev}{}{sev:#}{more}",
        " ".repeat(before),
        "^".repeat(width)
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
