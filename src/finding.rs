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
/// rewrite, the replacement text itself); `edit`, when present, applies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub edit: Option<Edit>,
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
    fn severities_order_and_parse() {
        assert!(Severity::Error > Severity::Warning);
        assert!(Severity::Information > Severity::Hint);
        assert_eq!("info".parse(), Ok(Severity::Information));
        assert!("loud".parse::<Severity>().is_err());
    }
}
