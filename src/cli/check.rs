//! `tact check`: gathers the documents (files, folders, stdin), lints each
//! with the linter of its configuration, prints them in the chosen format
//! and turns the result into an exit code.

use super::output::{self, FileReport, Format};
use super::{FailOn, fail};
use crate::workspace::{Linters, WorkspaceError, decode, write_atomically};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tact::{Severity, Source};

/// The files a folder walk picks up.
const DEFAULT_GLOBS: &[&str] = &["*.md", "*.markdown", "*.txt", "*.eml", "COMMIT_EDITMSG"];

#[derive(clap::Args)]
pub struct Args {
    /// Files and folders to check; `-` reads stdin. Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The least severity that makes tact exit with 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Use this configuration file instead of finding `.tact.toml` per file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The file name stdin stands for: picks markup, kind and configuration.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Also report readability figures per file: words, sentences, words
    /// per sentence, reading ease, jargon per 100 words.
    #[arg(long)]
    stats: bool,
    /// Rewrite the files in place with every preferred fix that is safe to
    /// apply unattended (never a template to complete), then report what is
    /// left. Files only, not stdin.
    #[arg(long)]
    fix: bool,
    /// Skip files larger than this many bytes, with an error.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    max_size: u64,
}

/// Files above this size are skipped unless `--max-size` says otherwise: a
/// stray log or dump is not read into memory (a lint takes about 20 to 80
/// times the file's size at its peak).
const DEFAULT_MAX_SIZE: u64 = 32_000_000;

/// A fix can make another safe fix possible; `--fix` applies them in passes
/// until none is left, so a second run changes nothing.
const MAX_FIX_PASSES: usize = 10;

pub fn run(args: Args) -> ExitCode {
    if let Some(config) = &args.config
        && !config.is_file()
    {
        return fail(format!("{}: no such configuration file", config.display()));
    }
    let mut linters = Linters::new(args.config.clone());
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if args.fix && paths.iter().any(|p| p.as_os_str() == "-") {
        return fail("--fix rewrites files; it cannot fix stdin");
    }

    let mut reports = Vec::new();
    let mut errors = Vec::new();
    let mut config_error = false;
    for path in &paths {
        let documents = match collect(path) {
            Ok(documents) => documents,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for document in documents {
            match check_one(&document, &args, &mut linters) {
                Ok(report) => reports.push(report),
                Err(Failure::Config(e)) => {
                    // A broken configuration stops the run: every later file
                    // under it would fail the same way.
                    errors.push(e);
                    config_error = true;
                    break;
                }
                Err(Failure::Document(e)) => errors.push(e),
            }
        }
        if config_error {
            break;
        }
    }

    if !config_error && let Err(e) = output::print(args.format, &reports) {
        errors.push(WorkspaceError(format!("cannot write the output: {e}")));
    }
    let mut code = ExitCode::SUCCESS;
    if let Some(at_least) = threshold(args.fail_on)
        && reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity >= at_least)
    {
        code = ExitCode::from(1);
    }
    for e in &errors {
        code = fail(e);
    }
    code
}

fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Information => Some(Severity::Information),
        FailOn::Hint => Some(Severity::Hint),
        FailOn::Never => None,
    }
}

/// A document to check: a file, or stdin.
enum Input {
    File(PathBuf),
    Stdin,
}

enum Failure {
    Config(WorkspaceError),
    Document(WorkspaceError),
}

fn check_one(input: &Input, args: &Args, linters: &mut Linters) -> Result<FileReport, Failure> {
    let document = |e: String| Failure::Document(WorkspaceError(e));
    let (display, name, raw) = match input {
        Input::File(path) => {
            let size = std::fs::metadata(path)
                .map_err(|e| document(format!("{}: cannot read: {e}", path.display())))?
                .len();
            if size > args.max_size {
                return Err(document(format!(
                    "{}: {size} bytes, over the limit of {} (--max-size); skipped",
                    path.display(),
                    args.max_size
                )));
            }
            let raw = std::fs::read(path)
                .map_err(|e| document(format!("{}: cannot read: {e}", path.display())))?;
            (path.display().to_string(), path.clone(), raw)
        }
        Input::Stdin => {
            let mut raw = Vec::new();
            std::io::stdin()
                .take(args.max_size + 1)
                .read_to_end(&mut raw)
                .map_err(|e| document(format!("stdin: cannot read: {e}")))?;
            if raw.len() as u64 > args.max_size {
                return Err(document(format!(
                    "stdin: over the limit of {} bytes (--max-size); skipped",
                    args.max_size
                )));
            }
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            (name.display().to_string(), name, raw)
        }
    };
    let mut text = decode(&raw).map_err(|e| document(format!("{display}: {e}")))?;
    let dir = name
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let linter = linters.for_dir(&dir).map_err(Failure::Config)?;
    let path_text = name.to_string_lossy().replace('\\', "/");
    if args.fix
        && let Input::File(path) = input
        && let Some(fixed) = fixed(&linter, &text, &path_text)
    {
        // The byte-order mark `decode` dropped goes back in front.
        let bom = raw.starts_with(b"\xEF\xBB\xBF");
        let mut bytes = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend_from_slice(fixed.as_bytes());
        write_atomically(path, &bytes, Some(&raw)).map_err(document)?;
        text = fixed;
    }
    let source = Source::new(&text).with_path(&path_text);
    let doc = linter.document(&source);
    let findings = linter.check(&doc);
    let stats = args.stats.then(|| linter.stats(&doc, &findings));
    let (language, kind) = (doc.language, doc.kind);
    drop(doc);
    Ok(FileReport {
        path: display,
        language,
        kind,
        findings,
        stats,
        text,
    })
}

/// `text` with every safe fix applied, in passes until none is left, or
/// `None` when there is nothing to fix.
fn fixed(linter: &tact::Linter, text: &str, path: &str) -> Option<String> {
    let mut current = text.to_string();
    for _ in 0..MAX_FIX_PASSES {
        let findings = linter.lint(&Source::new(&current).with_path(path)).findings;
        let edits: Vec<tact::Edit> = tact::finding::safe_fixes(&findings)
            .into_iter()
            .cloned()
            .collect();
        if edits.is_empty() {
            break;
        }
        current = tact::finding::apply(&current, &edits);
    }
    (current != text).then_some(current)
}

fn default_globs() -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in DEFAULT_GLOBS {
        builder.add(Glob::new(glob).expect("the default globs are valid"));
    }
    builder.build().expect("the default globs are valid")
}

/// The documents a command-line path stands for.
fn collect(path: &Path) -> Result<Vec<Input>, WorkspaceError> {
    if path.as_os_str() == "-" {
        return Ok(vec![Input::Stdin]);
    }
    if path.is_file() {
        return Ok(vec![Input::File(path.to_path_buf())]);
    }
    if !path.is_dir() {
        return Err(WorkspaceError(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }
    let globs = default_globs();
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(path)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| WorkspaceError(format!("{}: {e}", path.display())))?;
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if is_file && globs.is_match(entry.file_name()) {
            let p = entry.into_path();
            let p = p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p);
            files.push(Input::File(p));
        }
    }
    Ok(files)
}
