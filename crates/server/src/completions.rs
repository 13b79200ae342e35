//! Shell completion scripts for both binaries (`completions SHELL`), from their clap
//! definitions. The script is built whole first: clap_complete panics on a failed write, and
//! a reader that stops early (`| head`) is no error.

use std::io::{self, Write};

use clap_complete::Shell;

/// Prints `shell`'s completion script for `command`, installed under `name`.
pub fn print(shell: Shell, command: &mut clap::Command, name: &str) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, command, name, &mut script);
    if shell == Shell::Bash {
        script = mend_bash_hyphen(&script, name);
    }
    match io::stdout().lock().write_all(&script) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}

/// clap_complete's bash script for a name with a hyphen (`frontdesk-server`) spells the
/// subcommands' states two ways: `frontdesk__server__subcmd__operator` where it follows the
/// words typed, `frontdesk__subcmd__server__subcmd__operator` in the arms that offer their
/// words, so nothing past the first subcommand is ever offered (clap-rs/clap#6421, open in
/// the release used). The arms are respelt the first way; a fixed release leaves nothing to
/// respell.
fn mend_bash_hyphen(script: &[u8], name: &str) -> Vec<u8> {
    let (Ok(text), true) = (std::str::from_utf8(script), name.contains('-')) else {
        return script.to_vec();
    };
    let wrong = name.replace('-', "__subcmd__");
    let right = name.replace('-', "__");
    text.replace(&wrong, &right).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_misspelt_states_of_a_hyphenated_name_change() {
        let script = b"cmd=\"my__app__subcmd__run\"\n        my__subcmd__app__subcmd__run)\n";
        assert_eq!(
            mend_bash_hyphen(script, "my-app"),
            b"cmd=\"my__app__subcmd__run\"\n        my__app__subcmd__run)\n"
        );
        assert_eq!(mend_bash_hyphen(script, "frontdesk"), script);
    }
}
