//! What the rules produce: a finding with its span, severity, message and
//! suggested rewrites, each optionally carrying the edit that applies it.

use crate::rules::RuleId;
use crate::text::Span;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How serious a finding is; ordered from least to most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hint" => Ok(Severity::Hint),
            "information" | "info" => Ok(Severity::Information),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity '{other}' (expected error, warning, information, hint or off)"
            )),
        }
    }
}

/// A replacement of one span of the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A suggested rewrite. `label` is what the user reads (for a plain
/// rewrite, the replacement text itself); `edits`, when there are any,
/// apply it together (sorted, never overlapping); none means advice only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub edits: Vec<Edit>,
    /// Whether `--fix` and "fix all" may apply it unattended: a plain
    /// rewrite is safe, a template with `…` to complete is not.
    pub safe: bool,
}

/// One thing a rule found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub span: Span,
    pub severity: Severity,
    pub message: String,
    pub suggestions: Vec<Suggestion>,
}

impl Finding {
    /// Moves the finding and its edits by `delta` bytes (text was inserted
    /// or removed before it).
    pub(crate) fn shift(&mut self, delta: isize) {
        let by = |span: Span| {
            Span::new(
                (span.start as isize + delta) as usize,
                (span.end as isize + delta) as usize,
            )
        };
        self.span = by(self.span);
        for suggestion in &mut self.suggestions {
            for edit in &mut suggestion.edits {
                edit.span = by(edit.span);
            }
        }
    }
}

/// The edits of every finding's preferred (first) suggestion that is safe
/// to apply unattended, leaving out any that would overlap one taken
/// before; sorted by position. What `tact check --fix` and the editor's
/// "fix all" apply.
pub fn safe_fixes(findings: &[Finding]) -> Vec<&Edit> {
    let mut chosen: Vec<&Edit> = Vec::new();
    for finding in findings {
        let Some(first) = finding.suggestions.first() else {
            continue;
        };
        if !first.safe || first.edits.is_empty() {
            continue;
        }
        let overlaps = first.edits.iter().any(|e| {
            chosen.iter().any(|t| {
                e.span.start < t.span.end.max(t.span.start + 1)
                    && t.span.start < e.span.end.max(e.span.start + 1)
            })
        });
        if !overlaps {
            chosen.extend(&first.edits);
        }
    }
    chosen.sort_by_key(|e| e.span.start);
    chosen
}

impl Suggestion {
    /// `text` with this suggestion's edits applied.
    pub fn apply(&self, text: &str) -> String {
        apply(text, &self.edits)
    }
}

/// `text` with `edits` applied; edits that overlap an earlier one or fall
/// outside the text are skipped.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        let fits = e.span.start >= at
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end);
        if !fits {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Keeps the case of the word being replaced: `Deploy` -> `Release`,
/// `DEPLOY` -> `RELEASE`, `deploy` -> `release`.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        return capitalise(replacement);
    }
    replacement.to_string()
}

/// Upper-cases the first letter of `s`.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Deploy", "release"), "Release");
        assert_eq!(match_case("DEPLOY", "put live"), "PUT LIVE");
        assert_eq!(match_case("deploy", "release"), "release");
        assert_eq!(match_case("A", "one"), "One");
        assert_eq!(match_case("Überweisung", "über"), "Über");
    }

    #[test]
    fn edits_apply_together() {
        let edit = |start, end, text: &str| Edit {
            span: Span::new(start, end),
            replacement: text.into(),
        };
        // Out of order, one overlapping an earlier one (skipped).
        let edits = [edit(6, 11, "there"), edit(0, 0, ">> "), edit(8, 10, "xx")];
        assert_eq!(apply("hello world", &edits), ">> hello there");
    }

    #[test]
    fn severities_order_and_parse() {
        assert!(Severity::Error > Severity::Warning);
        assert!(Severity::Information > Severity::Hint);
        assert_eq!("info".parse(), Ok(Severity::Information));
        assert!("loud".parse::<Severity>().is_err());
    }
}
