//! `tact explain RULE` and `tact rules`: the rule documentation from
//! `rulesets/<lang>/docs/`, the same text the editor shows on hover.

use super::{fail, parse_language};
use std::io::Write;
use std::process::ExitCode;
use tact::RuleId;
use tact::rules::RULES;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The rule id (see `tact rules`).
    rule: String,
    /// The language of the documentation.
    #[arg(long, default_value = "en", value_parser = parse_language)]
    language: tact::Language,
}

#[derive(clap::Args)]
pub struct RulesArgs {
    /// The language of the summaries.
    #[arg(long, default_value = "en", value_parser = parse_language)]
    language: tact::Language,
    /// Print JSON: `[{"id", "scope", "severity", "summary"}]`.
    #[arg(long)]
    json: bool,
}

pub fn explain(args: ExplainArgs) -> ExitCode {
    let rule: RuleId = match args.rule.parse() {
        Ok(rule) => rule,
        Err(e) => return fail(e),
    };
    let info = rule.info();
    let docs = tact::ruleset::docs(rule, args.language);
    let mut out = anstream::stdout();
    let _ = write!(out, "{}", docs.trim_end());
    let _ = writeln!(
        out,
        "\n\nScope: {}. Default severity: {}. Disable it with `<!-- tact-disable {} -->` or `[rules] {} = \"off\"` in .tact.toml.",
        info.scope.as_str(),
        info.default_severity,
        rule,
        rule
    );
    ExitCode::SUCCESS
}

pub fn rules(args: RulesArgs) -> ExitCode {
    let mut out = anstream::stdout();
    if args.json {
        let list: Vec<_> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id.as_str(),
                    "scope": r.scope.as_str(),
                    "severity": r.default_severity.as_str(),
                    "summary": tact::ruleset::summary(r.id, args.language),
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    let width = RULES.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    let bold = anstyle::Style::new().bold();
    for r in RULES {
        let _ = writeln!(
            out,
            "{bold}{:width$}{bold:#}  {:8}  {:11}  {}",
            r.id.as_str(),
            r.scope.as_str(),
            r.default_severity.as_str(),
            tact::ruleset::summary(r.id, args.language)
        );
    }
    ExitCode::SUCCESS
}
