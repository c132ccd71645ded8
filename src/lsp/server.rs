//! The request and notification handlers. Text edits are applied before a
//! handler's first `.await`, so they land in the order the client sent them
//! even though handlers run concurrently. Linting runs on the blocking pool;
//! its result is published only if the document still has the version it
//! was computed for (checked under one lock, so an older result can never
//! overtake a newer one).

use super::Log;
use super::actions::{self, DOCUMENT_INFO, EXPLAIN, EditStyle, IGNORE_TERM};
use super::config::{Config, EditorSettings, Trace, glossary_file};
use super::convert;
use super::documents::{EditError, OpenDocument};
use super::glossary::{self, Outcome};
use super::hover;
use super::state::{self, Job, Linted, Snapshot};
use dashmap::DashMap;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tact::Encoding;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client told us at `initialize`.
#[derive(Clone, Default)]
struct Session {
    encoding: Option<Encoding>,
    /// The client pulls diagnostics, so none are pushed.
    pull: bool,
    refresh: bool,
    document_changes: bool,
    watch_dynamic: bool,
    configuration: bool,
    roots: Vec<PathBuf>,
    /// An error in the initialization options, shown once initialized.
    init_error: Option<String>,
}

pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    docs: DashMap<Uri, OpenDocument>,
    linted: DashMap<Uri, Arc<Linted>>,
    config: Config,
    session: RwLock<Session>,
    /// Held while checking a result's version and publishing it.
    publish: tokio::sync::Mutex<()>,
    /// Config files we published an error for.
    broken_shown: std::sync::Mutex<HashSet<PathBuf>>,
    log: Arc<Log>,
}

impl Backend {
    pub fn new(client: Client, log: Arc<Log>) -> Self {
        Backend {
            inner: Arc::new(Inner {
                client,
                docs: DashMap::new(),
                linted: DashMap::new(),
                config: Config::default(),
                session: RwLock::new(Session::default()),
                publish: tokio::sync::Mutex::new(()),
                broken_shown: std::sync::Mutex::new(HashSet::new()),
                log,
            }),
        }
    }
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    (uri.scheme().as_str() == "file")
        .then(|| uri.to_file_path().map(|p| p.into_owned()))
        .flatten()
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::workspace::CONFIG_FILE)
}

impl Inner {
    fn session(&self) -> Session {
        self.session.read().map(|s| s.clone()).unwrap_or_default()
    }

    fn encoding(&self) -> Encoding {
        self.session().encoding.unwrap_or(Encoding::Utf16)
    }

    fn style(&self) -> EditStyle {
        EditStyle {
            document_changes: self.session().document_changes,
        }
    }

    /// Logs to stderr (and the log file); warnings and errors, and
    /// everything when `trace` asks for it, also to the client's log.
    async fn log(&self, typ: MessageType, message: impl Into<String>) {
        let message = message.into();
        let level = match typ {
            MessageType::ERROR => "error",
            MessageType::WARNING => "warning",
            MessageType::INFO => "info",
            _ => "debug",
        };
        self.log.write(level, &message);
        let trace = self.config.editor().trace;
        let to_client = typ == MessageType::ERROR
            || typ == MessageType::WARNING
            || (trace >= Trace::Messages && typ == MessageType::INFO)
            || trace == Trace::Verbose;
        if to_client {
            self.client.log_message(typ, message).await;
        }
    }

    /// The lint job for the current version of `uri`, if it is open.
    fn job(&self, uri: &Uri) -> Option<(Job, Option<String>)> {
        let (text, version, language_id) = {
            let doc = self.docs.get(uri)?;
            (doc.text(), doc.version, doc.language_id.clone())
        };
        let path = path_of(uri);
        let session = self.session();
        let (linter, error) = self
            .config
            .linter(path.as_deref(), session.roots.first().map(PathBuf::as_path));
        let editor = self.config.editor();
        let job = Job {
            doc: Snapshot {
                version,
                text,
                path: path
                    .as_ref()
                    .map(|p| p.to_string_lossy().into_owned())
                    .or_else(|| Some(uri.path().to_string())),
                language_id,
                encoding: session.encoding.unwrap_or(Encoding::Utf16),
                linter,
            },
            docs_url: editor.docs_url,
            max_size: editor.max_document_size,
        };
        Some((job, error))
    }

    fn current_version(&self, uri: &Uri) -> Option<i32> {
        self.docs.get(uri).map(|d| d.version)
    }

    /// Lints the current version of `uri` on the blocking pool. `None` when
    /// the document is closed or already has a newer version.
    async fn lint(self: &Arc<Self>, uri: &Uri, version: Option<i32>) -> Option<Linted> {
        let this = self.clone();
        let target = uri.clone();
        let result = tokio::task::spawn_blocking(move || {
            // A newer change has its own lint coming: skip this one.
            let current = this.current_version(&target)?;
            if version.is_some_and(|v| v != current) {
                return None;
            }
            let (job, config_error) = this.job(&target)?;
            let previous = this.linted.get(&target).map(|l| l.clone());
            Some((state::lint(job, previous.as_deref()), config_error))
        })
        .await;
        let (result, config_error) = match result {
            Ok(Some(r)) => r,
            Ok(None) => return None,
            Err(e) => {
                self.log(MessageType::ERROR, format!("lint task failed: {e}"))
                    .await;
                return None;
            }
        };
        if let Some(error) = config_error {
            self.log(MessageType::WARNING, error).await;
        }
        self.report_config().await;
        match result {
            Ok(linted) => Some(linted),
            Err(e) => {
                self.log(MessageType::ERROR, format!("{}: {e}", uri.as_str()))
                    .await;
                None
            }
        }
    }

    /// Lints `uri` and, unless the client pulls, publishes the result if it
    /// is still for the current version.
    async fn lint_and_publish(self: &Arc<Self>, uri: Uri, version: i32) {
        let Some(mut linted) = self.lint(&uri, Some(version)).await else {
            return;
        };
        let _guard = self.publish.lock().await;
        if self.current_version(&uri) != Some(linted.doc.version) {
            return;
        }
        let version = linted.doc.version;
        let size = linted.doc.text.len();
        // Pushed diagnostics are handed over, not copied: the kept lint
        // answers code actions and hover from its findings.
        let pushed = (!self.session().pull).then(|| std::mem::take(&mut linted.diagnostics));
        self.linted.insert(uri.clone(), Arc::new(linted));
        if let Some(diagnostics) = pushed {
            self.client
                .publish_diagnostics(uri, diagnostics, Some(version))
                .await;
        }
        if size >= super::LARGE_DOCUMENT {
            super::release_free_memory();
        }
    }

    /// The lint of the current version of `uri`, from the cache or made now.
    async fn current(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Linted>> {
        let version = self.current_version(uri)?;
        if let Some(l) = self.linted.get(uri)
            && l.doc.version == version
        {
            return Some(l.clone());
        }
        let linted = Arc::new(self.lint(uri, Some(version)).await?);
        let _guard = self.publish.lock().await;
        if self.current_version(uri) == Some(linted.doc.version) {
            self.linted.insert(uri.clone(), linted.clone());
        }
        Some(linted)
    }

    /// Re-lints every open document (settings or a config file changed).
    async fn relint_all(self: &Arc<Self>) {
        self.config.forget();
        let open: Vec<(Uri, i32)> = self
            .docs
            .iter()
            .map(|d| (d.key().clone(), d.version))
            .collect();
        if self.session().pull {
            self.linted.clear();
            if self.session().refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
            self.report_config().await;
            return;
        }
        for (uri, version) in open {
            self.lint_and_publish(uri, version).await;
        }
        self.report_config().await;
    }

    /// Shows each broken config file's error on that file (and once as a
    /// message), and clears the error of files that were fixed.
    async fn report_config(&self) {
        let broken = self.config.broken();
        let now: HashSet<PathBuf> = broken.iter().map(|b| b.path.clone()).collect();
        let (new, fixed): (Vec<_>, Vec<_>) = {
            let Ok(mut shown) = self.broken_shown.lock() else {
                return;
            };
            let new: Vec<_> = broken
                .iter()
                .filter(|b| !shown.contains(&b.path))
                .cloned()
                .collect();
            let fixed: Vec<PathBuf> = shown.difference(&now).cloned().collect();
            *shown = now;
            (new, fixed)
        };
        for b in new {
            let line = b.error.line.map_or(0, |l| l.saturating_sub(1)) as u32;
            let diagnostic = Diagnostic {
                range: Range::new(Position::new(line, 0), Position::new(line, u32::MAX / 2)),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("tact".into()),
                message: b.error.to_string(),
                ..Diagnostic::default()
            };
            if let Some(uri) = Uri::from_file_path(&b.path) {
                self.client
                    .publish_diagnostics(uri, vec![diagnostic], None)
                    .await;
            }
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("tact: {}; the last good settings stay in use.", b.error),
                )
                .await;
        }
        for path in fixed {
            if let Some(uri) = Uri::from_file_path(&path) {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }

    async fn take_settings(self: &Arc<Self>, value: &Value) {
        match EditorSettings::from_json(value) {
            Ok(editor) => {
                self.log.set_trace(editor.trace);
                self.config.set_editor(editor);
                self.relint_all().await;
            }
            Err(e) => {
                let message = format!("tact settings: {e}; the last good settings stay in use.");
                self.log(MessageType::ERROR, message.clone()).await;
                self.client.show_message(MessageType::ERROR, message).await;
            }
        }
    }

    /// `tact.explain`: the docs of the rules flagged at a position (the
    /// argument is `TextDocumentPositionParams`), or of one rule by id
    /// (`{"rule": ID, "language": "en"|"nl"}`), as `{"markdown": …}`; `null`
    /// when nothing is flagged there.
    async fn explain(self: &Arc<Self>, args: &[Value]) -> Result<Option<Value>> {
        let arg = args.first().cloned().unwrap_or(Value::Null);
        if let Some(rule) = arg.get("rule").and_then(Value::as_str) {
            let rule: tact::RuleId = rule
                .parse()
                .map_err(|_| Error::invalid_params(format!("unknown rule '{rule}'")))?;
            let code = arg.get("language").and_then(Value::as_str).unwrap_or("en");
            let language = tact::ruleset::language(code)
                .ok_or_else(|| Error::invalid_params(format!("unknown language '{code}'")))?;
            let docs = tact::ruleset::docs(rule, language).trim();
            return Ok(Some(serde_json::json!({ "markdown": docs })));
        }
        let at: TextDocumentPositionParams = serde_json::from_value(arg).map_err(|_| {
            Error::invalid_params("expected {textDocument, position} or {rule, language}")
        })?;
        let Some(linted) = self.current(&at.text_document.uri).await else {
            return Ok(None);
        };
        let offset = linted.lines().offset(at.position);
        let parts = hover::rule_docs(&linted, offset);
        Ok((!parts.is_empty())
            .then(|| serde_json::json!({ "markdown": parts.join("\n\n---\n\n") })))
    }

    /// `tact.documentInfo`: `{"language", "kind", "findings"}` of an open
    /// document (the argument is `{"uri": …}` or the URI itself); `null` when
    /// it is not open or not checked (over the size limit).
    async fn document_info(self: &Arc<Self>, args: &[Value]) -> Result<Option<Value>> {
        let arg = args.first();
        let uri = arg
            .and_then(|a| a.get("uri").or(Some(a)))
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_params("expected {uri}"))?;
        let uri: Uri = uri
            .parse()
            .map_err(|_| Error::invalid_params("not a URI"))?;
        let Some(linted) = self.current(&uri).await else {
            return Ok(None);
        };
        let (Some(language), Some(kind)) = (linted.language, linted.kind) else {
            return Ok(None);
        };
        Ok(Some(serde_json::json!({
            "language": language.code(),
            "kind": kind.to_string(),
            "findings": linted.findings.len(),
        })))
    }

    async fn ignore_term(self: &Arc<Self>, args: &[Value]) -> Result<Option<Value>> {
        let (Some(uri), Some(term)) = (
            args.first().and_then(Value::as_str),
            args.get(1).and_then(Value::as_str),
        ) else {
            return Err(Error::invalid_params("expected [uri, term]"));
        };
        let uri: Uri = uri
            .parse()
            .map_err(|_| Error::invalid_params("not a URI"))?;
        let Some(path) = path_of(&uri) else {
            return Err(Error::invalid_params("the document is not a file"));
        };
        let file = glossary_file(&path, &self.session().roots);
        let term_owned = term.to_string();
        let target = file.clone();
        let added = tokio::task::spawn_blocking(move || glossary::add_term(&target, &term_owned))
            .await
            .map_err(|e| Error::invalid_params(e.to_string()))?;
        match added {
            Ok(added) => {
                let what = match added {
                    Outcome::Created => "created it with",
                    Outcome::Added => "added",
                    Outcome::AlreadyThere => "already had",
                };
                self.log(
                    MessageType::INFO,
                    format!("{}: {what} '{term}' in the glossary", file.display()),
                )
                .await;
                self.relint_all().await;
                Ok(None)
            }
            Err(e) => {
                self.log(MessageType::ERROR, e.clone()).await;
                self.client
                    .show_message(MessageType::ERROR, format!("tact: {e}"))
                    .await;
                Ok(None)
            }
        }
    }

    fn diagnostic_report(linted: &Linted, previous: Option<&str>) -> DocumentDiagnosticReport {
        // The result changes with the text and with the settings (each
        // settings or config change builds a new linter).
        let id = format!("{}-{}", linted.doc.version, linted.doc.linter.id());
        if previous == Some(id.as_str()) {
            return DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: id,
                },
            });
        }
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(id),
                items: linted.diagnostics.clone(),
            },
        })
    }
}

/// Whether an action of kind `kind` answers a request for `only`.
fn wanted(only: &Option<Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    only.as_ref().is_none_or(|only| {
        only.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        })
    })
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let workspace = caps.workspace.as_ref();
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| path_of(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(path_of)
        {
            roots.push(root);
        }
        let editor = params
            .initialization_options
            .as_ref()
            .map(EditorSettings::from_json);
        let said = editor
            .as_ref()
            .and_then(|e| e.as_ref().ok())
            .and_then(|e| e.position_encoding);
        let encoding = convert::negotiate(&params, said);
        let refresh = workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        // Pull only where the server can ask for a new pull when settings or
        // a config file change; otherwise push (Neovim pulls, but does not
        // take refresh requests).
        let pull = refresh
            && caps
                .text_document
                .as_ref()
                .and_then(|t| t.diagnostic.as_ref())
                .is_some();
        let session = Session {
            encoding: Some(encoding),
            pull,
            refresh,
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            roots,
            init_error: None,
        };
        let mut session = session;
        match editor {
            Some(Ok(editor)) => {
                self.inner.log.set_trace(editor.trace);
                self.inner.config.set_editor(editor);
            }
            Some(Err(e)) => session.init_error = Some(format!("tact settings: {e}")),
            None => {}
        }
        if let Ok(mut s) = self.inner.session.write() {
            *s = session;
        }
        let diagnostic_provider = pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("tact".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: true,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        });
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            actions::fix_all_kind(),
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![IGNORE_TERM.into(), EXPLAIN.into(), DOCUMENT_INFO.into()],
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                diagnostic_provider,
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "tact".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let inner = &self.inner;
        let session = inner.session();
        if let Some(error) = session.init_error {
            inner.log(MessageType::ERROR, error.clone()).await;
            inner.client.show_message(MessageType::ERROR, error).await;
        }
        if session.watch_dynamic {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        crate::workspace::CONFIG_FILE
                    )),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "tact-config-watcher".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = inner.client.register_capability(vec![registration]).await {
                inner
                    .log(
                        MessageType::WARNING,
                        format!("cannot watch {}: {e}", crate::workspace::CONFIG_FILE),
                    )
                    .await;
            }
        }
        inner
            .log(
                MessageType::INFO,
                format!(
                    "tact {} ready ({:?} positions, {} diagnostics)",
                    env!("CARGO_PKG_VERSION"),
                    session.encoding.unwrap_or(Encoding::Utf16),
                    if session.pull { "pulled" } else { "pushed" }
                ),
            )
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.log.shut_down();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let version = d.version;
        self.inner.docs.insert(
            d.uri.clone(),
            OpenDocument::new(&d.text, version, d.language_id),
        );
        self.inner.lint_and_publish(d.uri, version).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let inner = &self.inner;
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        // Applied before the first await: edits land in the order sent.
        let outcome = inner
            .docs
            .get_mut(&uri)
            .map(|mut doc| doc.apply(version, params.content_changes, inner.encoding()));
        match outcome {
            None => {
                inner
                    .log(
                        MessageType::WARNING,
                        format!("change for {}, which is not open; ignored", uri.as_str()),
                    )
                    .await;
            }
            Some(Err(EditError::Stale { have, got })) => {
                inner
                    .log(
                        MessageType::WARNING,
                        format!(
                            "{}: change to version {got} after version {have}; ignored",
                            uri.as_str()
                        ),
                    )
                    .await;
            }
            Some(Ok(clamped)) => {
                if clamped > 0 {
                    inner
                        .log(
                            MessageType::WARNING,
                            format!("{}: {clamped} edit(s) reached past the text and were clamped to it", uri.as_str()),
                        )
                        .await;
                }
                inner.lint_and_publish(uri, version).await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // Clients that cannot watch files still tell us about saving a config.
        if path_of(&params.text_document.uri).is_some_and(|p| is_config(&p)) {
            self.inner.relint_all().await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let inner = &self.inner;
        let uri = params.text_document.uri;
        let _guard = inner.publish.lock().await;
        inner.docs.remove(&uri);
        inner.linted.remove(&uri);
        if !inner.session().pull {
            inner
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
        // What the document's lints freed goes back to the system.
        super::release_free_memory();
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let inner = &self.inner;
        let mut settings = params.settings;
        let empty = settings.is_null() || settings.as_object().is_some_and(|o| o.is_empty());
        if empty && inner.session().configuration {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("tact".into()),
            };
            match inner.client.configuration(vec![item]).await {
                Ok(mut values) if !values.is_empty() => settings = values.remove(0),
                Ok(_) => {}
                Err(e) => {
                    inner
                        .log(
                            MessageType::WARNING,
                            format!("cannot fetch the tact settings: {e}"),
                        )
                        .await;
                }
            }
        }
        // An empty answer (Eglot's default) is no change: the settings from
        // `initializationOptions` stay.
        let tact = settings.get("tact").unwrap_or(&settings);
        if tact.is_null() || tact.as_object().is_some_and(|o| o.is_empty()) {
            inner
                .log(MessageType::INFO, "empty settings: the current ones stay")
                .await;
            return;
        }
        inner.take_settings(&settings).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let touches_config = params
            .changes
            .iter()
            .any(|c| path_of(&c.uri).is_some_and(|p| is_config(&p)));
        if touches_config {
            self.inner.relint_all().await;
        }
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command == IGNORE_TERM {
            return self.inner.ignore_term(&params.arguments).await;
        }
        if params.command == EXPLAIN {
            return self.inner.explain(&params.arguments).await;
        }
        if params.command == DOCUMENT_INFO {
            return self.inner.document_info(&params.arguments).await;
        }
        Err(Error::invalid_params(format!(
            "unknown command '{}'",
            params.command
        )))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let inner = &self.inner;
        let uri = params.text_document.uri;
        let Some(linted) = inner.current(&uri).await else {
            return Ok(None);
        };
        let style = inner.style();
        let only = &params.context.only;
        let mut out = Vec::new();
        if wanted(only, &CodeActionKind::QUICKFIX) {
            out.extend(actions::quick_fixes(
                &uri,
                params.range,
                &params.context.diagnostics,
                &linted,
                style,
            ));
        }
        if wanted(only, &actions::fix_all_kind())
            && let Some(action) = actions::fix_all_action(&uri, &linted, style)
        {
            out.push(action);
        }
        Ok(Some(out))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let inner = &self.inner;
        let at = params.text_document_position_params;
        let Some(linted) = inner.current(&at.text_document.uri).await else {
            return Ok(None);
        };
        let lines = linted.lines();
        let offset = lines.offset(at.position);
        Ok(
            hover::markdown(&linted, offset, at.position.line).map(|value| Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range: None,
            }),
        )
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let inner = &self.inner;
        let uri = &params.text_document.uri;
        // Kept lints hold their diagnostics only when the client pulls.
        let linted = if inner.session().pull {
            inner.current(uri).await
        } else {
            inner.lint(uri, None).await.map(Arc::new)
        };
        let report = match linted {
            Some(linted) => Inner::diagnostic_report(&linted, params.previous_result_id.as_deref()),
            None => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let inner = &self.inner;
        let previous: std::collections::HashMap<Uri, String> = params
            .previous_result_ids
            .into_iter()
            .map(|p| (p.uri, p.value))
            .collect();
        let open: Vec<Uri> = inner.docs.iter().map(|d| d.key().clone()).collect();
        let mut items = Vec::new();
        for uri in open {
            let linted = if inner.session().pull {
                inner.current(&uri).await
            } else {
                inner.lint(&uri, None).await.map(Arc::new)
            };
            let Some(linted) = linted else {
                continue;
            };
            let version = Some(i64::from(linted.doc.version));
            items.push(
                match Inner::diagnostic_report(&linted, previous.get(&uri).map(String::as_str)) {
                    DocumentDiagnosticReport::Full(full) => {
                        WorkspaceDocumentDiagnosticReport::Full(
                            WorkspaceFullDocumentDiagnosticReport {
                                uri,
                                version,
                                full_document_diagnostic_report: full
                                    .full_document_diagnostic_report,
                            },
                        )
                    }
                    DocumentDiagnosticReport::Unchanged(same) => {
                        WorkspaceDocumentDiagnosticReport::Unchanged(
                            WorkspaceUnchangedDocumentDiagnosticReport {
                                uri,
                                version,
                                unchanged_document_diagnostic_report: same
                                    .unchanged_document_diagnostic_report,
                            },
                        )
                    }
                },
            );
        }
        Ok(WorkspaceDiagnosticReportResult::Report(
            WorkspaceDiagnosticReport { items },
        ))
    }
}
