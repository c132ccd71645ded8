//! Document-rule fixtures: for every document rule and language,
//! `tests/fixtures/<lang>/<rule>/flagged/` holds messages that must each give
//! exactly one finding of that rule, and `clean/` messages (the traps:
//! apologies in unusual forms, replies that do acknowledge, proposals with
//! unusual section titles, tickets in prose) that must give none. Applying a
//! finding's first suggested edit must make it go away.

mod common;

use common::linter;
use std::path::Path;
use tact::rules::{RULES, Scope};
use tact::{Linter, RuleId, Source};

fn of_rule(linter: &Linter, text: &str, path: &str, rule: RuleId) -> Vec<tact::Finding> {
    linter
        .lint(&Source::new(text).with_path(path))
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_document_rule_has_fixtures_that_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut checked = 0;
    for language in tact::ruleset::languages() {
        let linter = linter(language.code());
        for rule in RULES
            .iter()
            .filter(|r| matches!(r.scope, Scope::Document | Scope::Paragraph))
            .map(|r| r.id)
        {
            let dir = root.join(language.code()).join(rule.as_str());
            let flagged = files(&dir.join("flagged"));
            let clean = files(&dir.join("clean"));
            if flagged.len() < 2 || clean.len() < 2 {
                failures.push(format!(
                    "{language}/{rule}: needs at least 2 flagged and 2 clean fixtures"
                ));
            }
            for path in flagged {
                checked += 1;
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                let found = of_rule(&linter, &text, &name, rule);
                if found.len() != 1 {
                    failures.push(format!(
                        "{language}/{rule}/flagged/{name}: {} findings",
                        found.len()
                    ));
                    continue;
                }
                if let Some(suggestion) = found[0].suggestions.iter().find(|s| !s.edits.is_empty())
                {
                    let fixed = suggestion.apply(&text);
                    let after = of_rule(&linter, &fixed, &name, rule);
                    if !after.is_empty() {
                        failures.push(format!(
                            "{language}/{rule}/flagged/{name}: the fix did not resolve it:\n{fixed}"
                        ));
                    }
                }
            }
            for path in clean {
                checked += 1;
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                for f in of_rule(&linter, &text, &name, rule) {
                    failures.push(format!(
                        "{language}/{rule}/clean/{name}: unexpected “{}”",
                        f.span.of(&text)
                    ));
                }
            }
        }
    }
    assert!(checked >= 40, "fixtures were found ({checked})");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_file_wide_disable_silences_a_document_rule_above_it() {
    let linter = linter("en");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/en/missing-apology/flagged/outage-tuesday.eml");
    let text = std::fs::read_to_string(path).unwrap();
    let rule = RuleId::MissingApology;
    let found = of_rule(&linter, &text, "outage.eml", rule);
    assert_eq!(found.len(), 1);
    let body = text.find("Hi Sam,").unwrap();
    assert!(found[0].span.start < body, "the finding is on the subject");

    let disabled = text.replacen("Hi Sam,", "tact-disable missing-apology\nHi Sam,", 1);
    assert!(of_rule(&linter, &disabled, "outage.eml", rule).is_empty());

    // Switched on again further down, it no longer covers the subject.
    let reenabled = format!("{disabled}\ntact-enable missing-apology\n");
    assert_eq!(of_rule(&linter, &reenabled, "outage.eml", rule).len(), 1);
}
