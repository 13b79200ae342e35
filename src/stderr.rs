//! Lines for the person at the terminal on standard error, which may be gone (a closed
//! terminal, `2>&-`, a pipe whose reader left): `eprintln!` panics there, turning a finished
//! command into exit code 101, so these write and let a failure go.

use std::io::Write;

/// `text` and a line break on stderr, if it is still there.
pub fn line(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// A prompt without a line break, shown at once (the answer is typed after it).
pub fn prompt(text: &str) {
    let mut err = std::io::stderr();
    let _ = write!(err, "{text}").and_then(|()| err.flush());
}
