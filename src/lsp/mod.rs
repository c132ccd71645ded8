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
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use tower_lsp_server::{LspService, Server};

/// Options of `tact lsp`.
#[derive(clap::Args)]
pub struct Args {
    /// Also write the whole log to this file (stderr gets errors and
    /// warnings, and more as the `trace` setting asks).
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
}

/// Where log lines go: every line to the file when asked; to stderr the
/// errors and warnings, plus information lines with `trace` "messages" and
/// everything with "verbose" (editors show a server's stderr as errors).
pub struct Log {
    file: Option<Mutex<std::fs::File>>,
    /// 0: errors and warnings, 1: and information, 2: everything.
    stderr_level: AtomicU8,
    /// Whether the client asked for `shutdown`: the exit code is 0 only
    /// then, as the protocol says.
    shut_down: std::sync::atomic::AtomicBool,
}

impl Log {
    /// Sets how much goes to stderr, after the `trace` setting.
    pub fn set_trace(&self, trace: config::Trace) {
        let level = match trace {
            config::Trace::Off => 0,
            config::Trace::Messages => 1,
            config::Trace::Verbose => 2,
        };
        self.stderr_level.store(level, Ordering::Relaxed);
    }

    /// Notes that the client asked for `shutdown`.
    pub fn shut_down(&self) {
        self.shut_down.store(true, Ordering::Relaxed);
    }

    pub fn write(&self, level: &str, message: &str) {
        let line = format!("[tact {level}] {message}\n");
        let needed = match level {
            "error" | "warning" => 0,
            "info" => 1,
            _ => 2,
        };
        if needed <= self.stderr_level.load(Ordering::Relaxed) {
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
        if let Some(file) = &self.file
            && let Ok(mut f) = file.lock()
        {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// Asks glibc for one allocator arena. By default each thread that
/// allocates gets its own, and every arena keeps the high-water mark of the
/// lints and publishes that ran on it: with a 1 MB document open that took
/// the server from about 45 MB to 80 MB resident, for no speed gained
/// (bench/lsp.py measures both).
fn one_allocator_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; it is called before the
    // runtime starts any thread, and M_ARENA_MAX is a valid parameter.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// From this size on, a lint is followed by [`release_free_memory`].
pub(crate) const LARGE_DOCUMENT: usize = 256 * 1024;

/// Hands the allocator's free pages back to the system. A lint of a large
/// document frees megabytes of short-lived vectors; glibc keeps them
/// otherwise, and the server's resident memory would stay at its peak.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it takes
    // the allocator's own locks and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

pub fn run(args: Args) -> ExitCode {
    one_allocator_arena();
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
    let log = Arc::new(Log {
        file,
        stderr_level: AtomicU8::new(0),
        shut_down: Default::default(),
    });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // The blocking pool runs tokio's stdin reads, its stdout writes and
        // the lints: one thread each is enough (a lint for a superseded
        // version is skipped), and every extra thread would keep its own
        // allocator arena, which is most of the memory a big document costs.
        .max_blocking_threads(3)
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
    let served = log.clone();
    runtime.block_on(async move {
        let (service, socket) =
            LspService::new(|client| server::Backend::new(client, served.clone()));
        transport::stdio(served, |input, output| async move {
            Server::new(input, output, socket).serve(service).await;
        })
        .await;
    });
    // Lint tasks still running for closed documents are not waited for.
    runtime.shutdown_background();
    // `exit` after `shutdown` is a clean end; `exit` without it, or the
    // input closing, is not (the protocol's exit code 1).
    if log.shut_down.load(Ordering::Relaxed) {
        ExitCode::SUCCESS
    } else {
        log.write(
            "warning",
            "the input ended or `exit` came without `shutdown`",
        );
        ExitCode::from(1)
    }
}
