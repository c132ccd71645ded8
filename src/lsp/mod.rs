//! `tact lsp`: the language server over stdio. It reuses the core
//! unchanged; this module holds only the protocol side: the open documents
//! ([`documents`]), settings and config files ([`config`]), conversions
//! ([`convert`]), the lint of each version ([`state`]), code actions
//! ([`actions`]), hover ([`hover`]), the glossary write ([`glossary`]) and
//! the request handlers ([`server`]), over a transport that survives a
//! client's garbage ([`transport`]). Logs go to stderr (and `--log-file`),
//! never to stdout, which carries the protocol.

mod actions;
mod config;
mod convert;
mod documents;
mod glossary;
mod hover;
mod server;
mod state;
mod transport;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use tower_lsp_server::{LspService, Server};

/// Options of `tact lsp`.
#[derive(clap::Args)]
pub struct Args {
    /// Also write the log to this file (it goes to stderr in any case).
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
}

/// Where log lines go: stderr, and a file when asked.
pub struct Log {
    file: Option<Mutex<std::fs::File>>,
}

impl Log {
    pub fn write(&self, level: &str, message: &str) {
        let line = format!("[tact {level}] {message}\n");
        let _ = std::io::stderr().write_all(line.as_bytes());
        if let Some(file) = &self.file
            && let Ok(mut f) = file.lock()
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let file = match &args.log_file {
        None => None,
        Some(path) => match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            Ok(f) => Some(Mutex::new(f)),
            Err(e) => return crate::cli::fail(format!("{}: cannot open: {e}", path.display())),
        },
    };
    let log = Arc::new(Log { file });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return crate::cli::fail(format!("cannot start the server: {e}")),
    };
    log.write(
        "info",
        &format!(
            "tact {} language server starting",
            env!("CARGO_PKG_VERSION")
        ),
    );
    runtime.block_on(async move {
        let (service, socket) = LspService::new(|client| server::Backend::new(client, log.clone()));
        transport::stdio(log, |input, output| async move {
            Server::new(input, output, socket).serve(service).await;
        })
        .await;
    });
    // Lint tasks still running for closed documents are not waited for.
    runtime.shutdown_background();
    ExitCode::SUCCESS
}
