//! The `tact` binary: the command line and the language server, both
//! fronts over the pure core in the library.

mod cli;
mod lsp;
mod workspace;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
