//! The `tact` binary: the command line and (later) the language server,
//! both fronts over the pure core in the library.

mod cli;
mod workspace;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
