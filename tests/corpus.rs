//! Precision and recall of every rule on the annotated corpus
//! (`tests/corpus/`, see its README). Fails below precision 0.9 or recall
//! 0.8 overall, or when language or kind detection is right for fewer than
//! 95% of the documents.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use tact::{Linter, Settings, Source};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    language: String,
    kind: String,
    #[serde(default)]
    finding: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    rule: String,
    text: String,
}

#[derive(Default)]
struct Tally {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

#[test]
fn precision_and_recall_on_the_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let linter = Linter::new(Settings::default()).unwrap();
    let mut per_rule: BTreeMap<String, Tally> = BTreeMap::new();
    let mut documents = 0;
    let mut clean = 0;
    let mut languages_right = 0;
    let mut kinds_right = 0;
    let mut misses = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for annotation_path in paths {
        let doc_path = annotation_path.with_extension("");
        let name = doc_path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&doc_path)
            .unwrap_or_else(|e| panic!("{}: {e}", doc_path.display()));
        let annotation: Annotation =
            toml::from_str(&std::fs::read_to_string(&annotation_path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", annotation_path.display()));
        assert!(
            ["mail", "proposal", "ticket", "note"].contains(&annotation.kind.as_str()),
            "{name}: kind"
        );
        documents += 1;
        clean += usize::from(annotation.finding.is_empty());
        let report = linter.lint(&Source::new(&text).with_path(&name));
        if report.kind.as_str() == annotation.kind {
            kinds_right += 1;
        } else {
            misses.push(format!(
                "{name}: kind {} detected, {} annotated",
                report.kind, annotation.kind
            ));
        }
        if report.language.code() == annotation.language {
            languages_right += 1;
        } else {
            misses.push(format!(
                "{name}: language {} detected, {} annotated",
                report.language, annotation.language
            ));
        }
        let mut expected: Vec<Option<&Expected>> = annotation.finding.iter().map(Some).collect();
        for f in &report.findings {
            let found = f.span.of(&text);
            let tally = per_rule.entry(f.rule.as_str().to_string()).or_default();
            // Same rule, and the annotated text occurs overlapping the span
            // (spans may differ in extent: "on staging" for "staging").
            let matched = expected.iter_mut().find(|e| {
                e.is_some_and(|e| {
                    e.rule == f.rule.as_str()
                        && text
                            .match_indices(e.text.as_str())
                            .any(|(at, t)| at < f.span.end && f.span.start < at + t.len())
                })
            });
            match matched {
                Some(slot) => {
                    *slot = None;
                    tally.true_positive += 1;
                }
                None => {
                    tally.false_positive += 1;
                    misses.push(format!("{name}: unexpected {} “{found}”", f.rule));
                }
            }
        }
        for e in expected.into_iter().flatten() {
            per_rule.entry(e.rule.clone()).or_default().false_negative += 1;
            misses.push(format!("{name}: missed {} “{}”", e.rule, e.text));
        }
    }
    let mut total = Tally::default();
    println!(
        "{:24} {:>5} {:>5} {:>5} {:>9} {:>6}",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    for (rule, t) in &per_rule {
        println!(
            "{rule:24} {:>5} {:>5} {:>5} {:>9.3} {:>6.3}",
            t.true_positive,
            t.false_positive,
            t.false_negative,
            ratio(t.true_positive, t.true_positive + t.false_positive),
            ratio(t.true_positive, t.true_positive + t.false_negative)
        );
        total.true_positive += t.true_positive;
        total.false_positive += t.false_positive;
        total.false_negative += t.false_negative;
    }
    let precision = ratio(
        total.true_positive,
        total.true_positive + total.false_positive,
    );
    let recall = ratio(
        total.true_positive,
        total.true_positive + total.false_negative,
    );
    let language_accuracy = ratio(languages_right, documents);
    let kind_accuracy = ratio(kinds_right, documents);
    println!(
        "overall: precision {precision:.3}, recall {recall:.3} over {documents} documents ({clean} clean)"
    );
    println!("language detection: {language_accuracy:.3}, kind detection: {kind_accuracy:.3}");
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        documents >= 30,
        "the corpus holds at least 30 documents, found {documents}"
    );
    assert!(clean * 4 >= documents, "a quarter of the corpus is clean");
    assert!(precision >= 0.9, "precision {precision:.3} < 0.9");
    assert!(recall >= 0.8, "recall {recall:.3} < 0.8");
    assert!(
        language_accuracy >= 0.95,
        "language detection {language_accuracy:.3} < 0.95"
    );
}
