//! Pathological documents finish, and in time that grows with their size:
//! one 5 MB line (one sentence of most of a million words), 100 000 nested
//! list items, 100 000 nested block quotes, and a million acronyms. Each was
//! quadratic or worse at some point (a date check per finding over the whole
//! sentence; columns counted from the line start per finding). A regression
//! makes these take hours, not seconds; the deadline below only keeps CI
//! from hanging, and is no speed target (BENCHMARKS.md has those).

mod common;

use std::time::{Duration, Instant};
use tact::Source;

/// Far above what any input here takes, even in a debug build.
const DEADLINE: Duration = Duration::from_secs(120);

/// Lints `text` on another thread and fails as soon as the deadline
/// passes, rather than waiting for a runaway lint to end.
fn lints_in_time(name: &'static str, text: String) {
    let (tx, rx) = std::sync::mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let linter = common::linter("en");
        let report = linter.lint(&Source::new(&text).with_path(name));
        let _ = tx.send((text, report));
    });
    let (text, report) = rx
        .recv_timeout(DEADLINE)
        .unwrap_or_else(|_| panic!("{name} did not finish in {DEADLINE:?}"));
    eprintln!(
        "{name}: {} bytes, {} findings in {:?}",
        text.len(),
        report.findings.len(),
        started.elapsed()
    );
    for f in &report.findings {
        assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start));
    }
}

/// Deterministic words, some of them jargon, vague or dated.
fn words(n: usize) -> impl Iterator<Item = &'static str> {
    const WORDS: &[&str] = &[
        "we",
        "will",
        "deploy",
        "the",
        "backend",
        "soon",
        "and",
        "the",
        "API",
        "is",
        "simple",
        "obviously",
        "on",
        "Monday",
        "3",
        "March",
    ];
    (0..n).map(|i| WORDS[(i * 7 + i / 3) % WORDS.len()])
}

#[test]
fn one_five_megabyte_line() {
    let mut text: String = words(1_100_000).collect::<Vec<_>>().join(" ");
    text.truncate(5_000_000);
    text.push('\n');
    lints_in_time("line.md", text);
}

#[test]
fn a_hundred_thousand_nested_list_items() {
    let mut text = "- ".repeat(100_000);
    text.push_str("we deploy the backend soon\n");
    lints_in_time("nested.md", text);
}

#[test]
fn a_hundred_thousand_nested_quotes() {
    let mut text = "> ".repeat(100_000);
    text.push_str("we deploy the backend soon\n\nWe deploy it soon.\n");
    lints_in_time("quotes.md", text);
}

#[test]
fn a_million_acronyms() {
    const ACRONYMS: &[&str] = &["SLA", "API", "SSO", "CRM", "ERP", "KPI", "QA", "UAT"];
    let mut text = String::new();
    for i in 0..1_000_000 {
        text.push_str(ACRONYMS[i % ACRONYMS.len()]);
        text.push(if i % 20 == 19 { '\n' } else { ' ' });
    }
    lints_in_time("acronyms.md", text);
}
