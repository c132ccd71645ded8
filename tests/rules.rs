//! Rule fixtures: for every rule and language, `tests/fixtures/<lang>/<rule>/`
//! holds `flagged.md`, in which every paragraph (and list item) must give
//! exactly one finding of that rule, and `clean.md`, in which none may. For
//! every finding with a safe rewrite, applying it must make that finding go
//! away and leave the rest of the text untouched.

mod common;

use common::linter;
use std::path::Path;
use tact::document::BlockKind;
use tact::rules::{RULES, Scope};
use tact::{Linter, RuleId, Source};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn count(linter: &Linter, text: &str, rule: RuleId) -> usize {
    linter
        .lint(&Source::new(text).with_path("fixture.md"))
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .count()
}

#[test]
fn every_rule_has_fixtures_that_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut checked = 0;
    for language in tact::ruleset::languages() {
        let linter = linter(language.code());
        // Span and sentence rules; the document rules have their own fixtures
        // (tests/document_rules.rs).
        for rule in RULES
            .iter()
            .filter(|r| matches!(r.scope, Scope::Span | Scope::Sentence))
            .map(|r| r.id)
        {
            let dir = root.join(language.code()).join(rule.as_str());
            let flagged = read(&dir.join("flagged.md"));
            let clean = read(&dir.join("clean.md"));
            let name = format!("{language}/{rule}");

            let doc = linter.document(&Source::new(&flagged).with_path("flagged.md"));
            let findings = linter.check(&doc);
            let blocks: Vec<_> = doc
                .extract
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
                .collect();
            if blocks.len() < 3 {
                failures.push(format!("{name}/flagged.md: needs at least 3 paragraphs"));
            }
            for block in &blocks {
                checked += 1;
                let mine: Vec<_> = findings
                    .iter()
                    .filter(|f| f.rule == rule && block.span.contains(f.span))
                    .collect();
                if mine.len() != 1 {
                    failures.push(format!(
                        "{name}/flagged.md: {} findings in “{}”: {:?}",
                        mine.len(),
                        block.span.of(&flagged).trim(),
                        mine.iter().map(|f| f.span.of(&flagged)).collect::<Vec<_>>()
                    ));
                    continue;
                }
                let finding = mine[0];
                let safe = finding
                    .suggestions
                    .iter()
                    .find(|s| s.safe && !s.edits.is_empty());
                if let Some(suggestion) = safe {
                    let fixed = suggestion.apply(&flagged);
                    let before = count(&linter, &flagged, rule);
                    let after = count(&linter, &fixed, rule);
                    if after >= before {
                        failures.push(format!(
                            "{name}/flagged.md: applying “{}” to “{}” did not remove the finding",
                            suggestion.label,
                            finding.span.of(&flagged)
                        ));
                    }
                }
            }

            let doc = linter.document(&Source::new(&clean).with_path("clean.md"));
            let clean_blocks = doc.extract.blocks.len();
            if clean_blocks < 3 {
                failures.push(format!("{name}/clean.md: needs at least 3 paragraphs"));
            }
            for f in linter.check(&doc).iter().filter(|f| f.rule == rule) {
                failures.push(format!(
                    "{name}/clean.md: unexpected “{}”",
                    f.span.of(&clean)
                ));
            }
        }
    }
    assert!(checked >= 60, "fixtures were found ({checked} paragraphs)");
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
