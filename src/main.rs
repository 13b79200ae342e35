//! The `frontdesk` binary: hands the command line over to the library.

use std::process::ExitCode;

/// A failure is one line for the person at the terminal ("Error: not logged in: …", its
/// causes after colons; «Ошибка: …» under a Russian locale), never a stack trace, even where
/// `RUST_BACKTRACE` is set.
fn main() -> ExitCode {
    match frontdesk::cli::main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let error = frontdesk::i18n::detect().cli.error;
            frontdesk::stderr::line(format_args!("{error}: {e:#}"));
            ExitCode::FAILURE
        }
    }
}
