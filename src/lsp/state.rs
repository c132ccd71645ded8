//! One lint of one version of a document, kept so that code actions and
//! hover answer from it instead of linting again, and the function that
//! makes it: the core's lint behind a size limit and a panic guard.

use super::convert::{self, Lines};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use tact::document::directives::disable_edit;
use tact::{Edit, Encoding, Finding, Language, Linter, Source};
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, Range};

/// With `TACT_TEST_PANIC_ON=TEXT` in the server's environment, linting a
/// document that contains TEXT panics: the tests' way to prove that a panic
/// in the core is survived.
fn panic_marker() -> Option<&'static String> {
    static MARKER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    MARKER
        .get_or_init(|| {
            std::env::var("TACT_TEST_PANIC_ON")
                .ok()
                .filter(|m| !m.is_empty())
        })
        .as_ref()
}

/// What the server knows about one version of a document after linting it.
pub struct Linted {
    pub version: i32,
    pub text: String,
    pub path: Option<String>,
    pub language_id: String,
    pub encoding: Encoding,
    pub linter: Arc<Linter>,
    pub language: Option<Language>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What to lint.
pub struct Job {
    pub version: i32,
    pub text: String,
    pub path: Option<String>,
    pub language_id: String,
    pub encoding: Encoding,
    pub linter: Arc<Linter>,
    pub docs_url: Option<String>,
    pub max_size: usize,
}

impl Linted {
    fn source(&self) -> Source<'_> {
        let mut source = Source::new(&self.text).with_language_id(&self.language_id);
        if let Some(path) = &self.path {
            source = source.with_path(path);
        }
        source
    }

    /// The edit that disables `rule` for the whole document.
    pub fn disable_edit(&self, rule: &str) -> Option<Edit> {
        let source = self.source();
        let markup = source.markup();
        let doc = catch_unwind(AssertUnwindSafe(|| self.linter.document(&source))).ok()?;
        Some(disable_edit(&self.text, &doc.extract, markup, rule))
    }

    /// The readability figures, as one line of Markdown.
    pub fn stats(&self) -> Option<String> {
        let source = self.source();
        let (stats, kind) = catch_unwind(AssertUnwindSafe(|| {
            let doc = self.linter.document(&source);
            (self.linter.stats(&doc, &self.findings), doc.kind)
        }))
        .ok()?;
        let ease = stats
            .reading_ease
            .as_ref()
            .map(|e| format!(" · {} **{:.1}**", e.name, e.score))
            .unwrap_or_default();
        let language = self.language.map(|l| l.code()).unwrap_or("?");
        Some(format!(
            "**tact** · {language} {kind} · {} words in {} sentences ({:.1} per sentence){ease} · jargon {:.1} per 100 words",
            stats.words, stats.sentences, stats.words_per_sentence, stats.jargon_per_100_words,
        ))
    }
}

/// Lints `job`; a document over the size limit gets one information
/// diagnostic instead, and a panic in the core becomes an error the caller
/// logs (the server keeps serving).
pub fn lint(job: Job) -> Result<Linted, String> {
    let mut linted = Linted {
        version: job.version,
        text: job.text,
        path: job.path,
        language_id: job.language_id,
        encoding: job.encoding,
        linter: job.linter,
        language: None,
        findings: Vec::new(),
        diagnostics: Vec::new(),
    };
    if linted.text.len() > job.max_size {
        linted.diagnostics.push(Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::INFORMATION),
            source: Some("tact".into()),
            message: format!(
                "tact does not check documents over {} bytes (this one has {}); raise `max-document-size` to check it.",
                job.max_size,
                linted.text.len()
            ),
            ..Diagnostic::default()
        });
        return Ok(linted);
    }
    let report = catch_unwind(AssertUnwindSafe(|| {
        if panic_marker().is_some_and(|m| linted.text.contains(m.as_str())) {
            panic!("a test asked for a panic");
        }
        linted.linter.lint(&linted.source())
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("linting version {} panicked: {what}", linted.version)
    })?;
    let lines = Lines::new(&linted.text, linted.encoding);
    linted.diagnostics = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| convert::diagnostic(f, i, &lines, linted.version, job.docs_url.as_deref()))
        .collect();
    linted.language = Some(report.language);
    linted.findings = report.findings;
    Ok(linted)
}
