//! SARIF 2.1.0: one run of the `tact` tool, its rules with their docs, and
//! a result per finding with its region and, for safe rewrites, a fix.

use super::{FileReport, Locator};
use serde_json::{Value, json};
use tact::{RuleId, Severity};

pub fn render(reports: &[FileReport]) -> String {
    let english = tact::ruleset::language("en").expect("English rulesets are embedded");
    let rules: Vec<Value> = RuleId::all()
        .map(|id| {
            json!({
                "id": id.as_str(),
                "shortDescription": { "text": tact::ruleset::summary(id, english) },
                "fullDescription": { "text": tact::ruleset::docs(id, english) },
                "help": { "markdown": tact::ruleset::docs(id, english), "text": tact::ruleset::summary(id, english) },
                "defaultConfiguration": { "level": level(id.info().default_severity) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let loc = Locator::new(&r.text);
        for f in &r.findings {
            let (start, end) = (loc.at(f.span.start), loc.at(f.span.end));
            let region = |s: super::LineCol, e: super::LineCol| json!({ "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column });
            let fixes: Vec<Value> = f
                .suggestions
                .iter()
                .filter(|s| s.safe)
                .filter(|s| !s.edits.is_empty())
                .map(|s| {
                    let replacements: Vec<Value> = s
                        .edits
                        .iter()
                        .map(|e| {
                            json!({
                                "deletedRegion": region(loc.at(e.span.start), loc.at(e.span.end)),
                                "insertedContent": { "text": e.replacement },
                            })
                        })
                        .collect();
                    json!({
                        "description": { "text": if s.label.is_empty() { format!("Remove “{}”", f.span.of(&r.text)) } else { format!("Replace with “{}”", s.label) } },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": r.path },
                            "replacements": replacements,
                        }],
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule.as_str(),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": r.path },
                        "region": region(start, end),
                    },
                }],
            });
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tact",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": reports.iter().map(|r| json!({ "location": { "uri": r.path } })).collect::<Vec<_>>(),
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&sarif).expect("SARIF is plain JSON");
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_of_results() {
        // The rule docs are long and change with the data; the results are
        // what consumers read.
        let out: Value = serde_json::from_str(&render(&super::super::tests::sample())).unwrap();
        insta::assert_json_snapshot!(out["runs"][0]["results"]);
        assert_eq!(out["version"], "2.1.0");
        assert_eq!(
            out["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .len(),
            RuleId::all().count()
        );
    }
}
