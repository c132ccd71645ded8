//! `tact init`: writes a starting `.tact.toml`, every key commented out with
//! what it does, so a team sees its options in the file it shares. An
//! existing file is never touched.

use super::fail;
use crate::workspace::{CONFIG_FILE, write_atomically};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to write `.tact.toml` in. Default: the current folder.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// The file `tact init` writes: valid TOML that changes nothing until a
/// line is uncommented.
pub const TEMPLATE: &str = r#"# tact's settings for this folder and the folders below it.
# Every key is optional; uncomment what you need. See README.md, "Configuration".

# The language of the documents: auto (detect), en or nl.
# language = "auto"

# Words and acronyms that are not jargon for this client: never flagged.
# glossary = ["deploy", "SSO", "dashboard"]

[rules]
# Each rule's severity (error, warning, information, hint, or off), or a
# table with its options. `tact rules` lists them; `tact explain RULE` explains one.
# jargon = "information"
# long-sentence = { severity = "warning", max-words = 25 }
# tech-heavy = { max-per-100-words = 8 }

[kinds]
# Globs that fix a document's kind (mail, proposal, ticket, note).
# proposal = ["proposals/**", "offerte-*.md"]

[rulesets]
# Folders of <lang>/<rule-id>.toml added to or replacing the defaults, and
# default entries to drop.
# extend = ["tact-rules"]
# remove = { jargon = ["cache"] }
"#;

pub fn run(args: Args) -> ExitCode {
    if !args.dir.is_dir() {
        return fail(format!("{}: no such folder", args.dir.display()));
    }
    let path = args.dir.join(CONFIG_FILE);
    if path.exists() || path.symlink_metadata().is_ok() {
        return fail(format!(
            "{} already exists; nothing was written",
            path.display()
        ));
    }
    match write_atomically(&path, TEMPLATE.as_bytes(), None) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_valid_and_changes_nothing() {
        let settings = tact::Settings::parse(TEMPLATE, CONFIG_FILE).unwrap();
        assert_eq!(settings, tact::Settings::default());
    }
}
