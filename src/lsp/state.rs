//! One lint of one version of a document, kept so that code actions and
//! hover answer from it instead of linting again, and the function that
//! makes it: the core's lint behind a size limit and a panic guard.

use super::convert::{self, Lines};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};
use tact::document::directives::{disable_edit, disable_offset};
use tact::{Analysis, Edit, Encoding, Finding, Kind, Language, LineIndex, Linter, Markup, Source};
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

/// One version of an open document, as handed to the linter.
pub struct Snapshot {
    pub version: i32,
    pub text: String,
    pub path: Option<String>,
    pub language_id: String,
    pub encoding: Encoding,
    pub linter: Arc<Linter>,
}

impl Snapshot {
    fn source(&self) -> Source<'_> {
        let mut source = Source::new(&self.text).with_language_id(&self.language_id);
        if let Some(path) = &self.path {
            source = source.with_path(path);
        }
        source
    }
}

/// What to lint, and how to report it.
pub struct Job {
    pub doc: Snapshot,
    pub docs_url: Option<String>,
    pub max_size: usize,
}

/// What the server knows about one version of a document after linting it.
pub struct Linted {
    pub doc: Snapshot,
    pub language: Option<Language>,
    /// The document's kind, once linted.
    pub kind: Option<Kind>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text's line index, built once per version.
    index: LineIndex,
    /// The markup, and where a file-wide `tact-disable` comment goes.
    disable_at: Option<(Markup, usize)>,
    /// What the lint read, for the next version's lint to re-read only
    /// what changed; taken by that lint.
    analysis: Mutex<Option<Analysis>>,
}

impl Linted {
    /// Converts this version's byte spans to protocol ranges.
    pub fn lines(&self) -> Lines<'_> {
        Lines {
            text: &self.doc.text,
            index: &self.index,
            encoding: self.doc.encoding,
            last: Default::default(),
        }
    }

    /// The edit that disables `rule` for the whole document.
    pub fn disable_edit(&self, rule: &str) -> Option<Edit> {
        let (markup, at) = self.disable_at?;
        Some(disable_edit(at, markup, rule))
    }

    /// The readability figures, as one line of Markdown; none for a
    /// document that was not linted (over the size limit).
    pub fn stats(&self) -> Option<String> {
        let language = self.language?.code();
        let source = self.doc.source();
        let linter = &self.doc.linter;
        let kind = self.kind?;
        let stats = catch_unwind(AssertUnwindSafe(|| {
            let doc = linter.document(&source);
            linter.stats(&doc, &self.findings)
        }))
        .ok()?;
        let ease = stats
            .reading_ease
            .as_ref()
            .map(|e| format!(" · {} **{:.1}**", e.name, e.score))
            .unwrap_or_default();
        Some(format!(
            "**tact** · {language} {kind} · {} words in {} sentences ({:.1} per sentence){ease} · jargon {:.1} per 100 words",
            stats.words, stats.sentences, stats.words_per_sentence, stats.jargon_per_100_words,
        ))
    }
}

/// Lints `job`; a document over the size limit gets one information
/// diagnostic instead, and a panic in the core becomes an error the caller
/// logs (the server keeps serving). With the `previous` lint of the same
/// document, only the blocks the edits touched are read again.
pub fn lint(job: Job, previous: Option<&Linted>) -> Result<Linted, String> {
    let mut linted = Linted {
        index: LineIndex::new(&job.doc.text),
        doc: job.doc,
        language: None,
        kind: None,
        findings: Vec::new(),
        diagnostics: Vec::new(),
        disable_at: None,
        analysis: Mutex::new(None),
    };
    let doc = &linted.doc;
    if doc.text.len() > job.max_size {
        linted.diagnostics.push(Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::INFORMATION),
            source: Some("tact".into()),
            message: format!(
                "tact does not check documents over {} bytes (this one has {}); raise `max-document-size` to check it.",
                job.max_size,
                doc.text.len()
            ),
            ..Diagnostic::default()
        });
        return Ok(linted);
    }
    // The previous version's analysis, if no other lint took it.
    let prior = previous.and_then(|p| {
        let analysis = p.analysis.lock().ok()?.take()?;
        Some((p.doc.text.as_str(), analysis))
    });
    let (mut analysis, disable_at) = catch_unwind(AssertUnwindSafe(|| {
        if panic_marker().is_some_and(|m| doc.text.contains(m.as_str())) {
            panic!("a test asked for a panic");
        }
        let source = doc.source();
        let analysis = doc.linter.analyse(&source, prior);
        let disable_at = (
            source.markup(),
            disable_offset(&doc.text, &analysis.extract),
        );
        (analysis, disable_at)
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("linting version {} panicked: {what}", doc.version)
    })?;
    let findings = std::mem::take(&mut analysis.findings);
    let lines = linted.lines();
    linted.diagnostics = findings
        .iter()
        .enumerate()
        .map(|(i, f)| convert::diagnostic(f, i, &lines, doc.version, job.docs_url.as_deref()))
        .collect();
    linted.language = Some(analysis.language);
    linted.kind = Some(analysis.kind);
    linted.findings = findings;
    linted.disable_at = Some(disable_at);
    linted.analysis = Mutex::new(Some(analysis));
    Ok(linted)
}
