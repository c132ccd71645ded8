//! The command line: `tact check`, `tact explain`, `tact rules`, and
//! `tact lsp` (which hands over to [`crate::lsp`]). Exit codes:
//! 0 nothing at or above `--fail-on`, 1 findings, 2 usage, I/O or
//! configuration errors.

mod check;
mod explain;
mod init;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "tact",
    version,
    about = "Catches the wording that makes a client feel unheard, and offers plain rewrites.",
    propagate_version = true
)]
struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, folders (recursively, honouring .gitignore) or stdin (`-`).
    Check(check::Args),
    /// Show a rule's documentation: what it flags, why, and a better example.
    Explain(explain::ExplainArgs),
    /// List every rule with its scope, default severity and summary.
    Rules(explain::RulesArgs),
    /// Run the language server over stdio (for editors).
    Lsp(crate::lsp::Args),
    /// Write a starting `.tact.toml`, every option commented out.
    Init(init::Args),
}

/// How bad a finding must be to make `tact check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
    Never,
}

/// A language for messages and docs.
pub fn parse_language(code: &str) -> Result<tact::Language, String> {
    tact::ruleset::language(code).ok_or_else(|| {
        let known: Vec<_> = tact::ruleset::languages()
            .iter()
            .map(|l| l.code())
            .collect();
        format!("unknown language '{code}' (expected {})", known.join(", "))
    })
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
    }
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::explain(args),
        Command::Rules(args) => explain::rules(args),
        Command::Lsp(args) => crate::lsp::run(args),
        Command::Init(args) => init::run(args),
    }
}

/// Prints an error the way every command does, and returns exit code 2.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    use std::io::Write;
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let _ = writeln!(anstream::stderr(), "{style}error{style:#}: {message}");
    ExitCode::from(2)
}
