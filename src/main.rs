//! The `frontdesk` binary: hands the command line over to the library.

use std::io::Write;
use std::process::ExitCode;

/// A failure is one line for the person at the terminal ("Error: not logged in: …", its
/// causes after colons), never a stack trace, even where `RUST_BACKTRACE` is set.
fn main() -> ExitCode {
    match frontdesk::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Not `eprintln!`: on a stderr that is gone it would panic (exit 101).
            let _ = writeln!(std::io::stderr(), "Error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
