//! `frontdesk autostart on|off|status`: the console opens by itself when the operator logs in
//! to their desktop, so no chat waits for someone who forgot to start it. It is an entry of
//! the freedesktop autostart folder (`$XDG_CONFIG_HOME/autostart`, `~/.config/autostart`),
//! which GNOME, KDE, Xfce and the others read at login; `Terminal=true` asks the desktop to
//! open it in its own terminal. The entry runs this very binary, with `--server` when given.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// The entry's file name in the autostart folder.
const FILE: &str = "frontdesk.desktop";

#[derive(Debug, clap::Subcommand)]
pub enum AutostartCommand {
    /// Open the console in a terminal at every desktop login.
    On {
        /// Server URL for the console (default: the one of the stored session).
        #[arg(long)]
        server: Option<String>,
    },
    /// Stop opening it at login (removes the entry).
    Off,
    /// Say whether it opens at login, and what the entry runs.
    Status,
}

/// Carries out `command`, writing what it did to stdout.
pub fn cli(command: AutostartCommand) -> anyhow::Result<()> {
    let words = crate::i18n::detect().cli;
    let path = entry_path()?;
    let at = |said: &str| said.replace("{path}", &path.display().to_string());
    match command {
        AutostartCommand::On { server } => {
            let exe = std::env::current_exe().context("finding this program's path")?;
            write_entry(&path, &entry(&exe, server.as_deref()))?;
            println!("{}", at(words.autostart_on));
        }
        AutostartCommand::Off => match std::fs::remove_file(&path) {
            Ok(()) => println!("{}", at(words.autostart_removed)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("{}", at(words.autostart_none));
            }
            Err(e) => return Err(e).context(format!("removing {}", path.display())),
        },
        AutostartCommand::Status => match std::fs::read_to_string(&path) {
            Ok(text) => {
                let runs = text
                    .lines()
                    .find_map(|l| l.strip_prefix("Exec="))
                    .unwrap_or("?");
                println!("{}", at(words.autostart_status_on).replace("{runs}", runs));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("{}", words.autostart_status_off);
            }
            Err(e) => return Err(e).context(format!("reading {}", path.display())),
        },
    }
    Ok(())
}

/// `autostart/frontdesk.desktop` in the user's configuration folder (XDG).
fn entry_path() -> anyhow::Result<PathBuf> {
    let base = directories::BaseDirs::new().context("no home directory")?;
    Ok(base.config_dir().join("autostart").join(FILE))
}

/// The desktop entry that runs `exe` (with `--server`) in a terminal.
pub fn entry(exe: &Path, server: Option<&str>) -> String {
    let mut exec = exec_argument(&exe.to_string_lossy());
    if let Some(server) = server {
        exec.push_str(" --server ");
        exec.push_str(&exec_argument(server));
    }
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Frontdesk\n\
         Comment=Website live chat: the operator console\n\
         Exec={exec}\n\
         Terminal=true\n\
         Categories=Network;Chat;\n\
         X-GNOME-Autostart-enabled=true\n"
    )
}

/// One argument of an `Exec` key as the Desktop Entry spec wants it: quoted when it holds a
/// reserved character, with `"`, `` ` ``, `$` and `\` escaped inside the quotes, `%` doubled
/// (a field code otherwise), and the backslashes of the string value itself doubled again.
fn exec_argument(arg: &str) -> String {
    const RESERVED: &[char] = &[
        ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(',
        ')', '`',
    ];
    let arg = arg.replace('%', "%%");
    if !arg.contains(RESERVED) {
        return arg;
    }
    let mut quoted = String::from("\"");
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' => {
                quoted.push('\\');
                quoted.push(c);
            }
            // Escaped for the quoting, then again for the string value: four in the file.
            '\\' => quoted.push_str("\\\\\\\\"),
            // A line break cannot be in a value; as an escape it still names the same file.
            '\n' => quoted.push_str("\\n"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Writes the entry whole or not at all (a temporary file renamed over it).
fn write_entry(path: &Path, text: &str) -> anyhow::Result<()> {
    let folder = path.parent().context("the entry has a folder")?;
    std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    let temporary = folder.join(format!(".{FILE}.new"));
    std::fs::write(&temporary, text).with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_is_written_as_it_is_and_a_spaced_one_quoted() {
        assert_eq!(exec_argument("/usr/bin/frontdesk"), "/usr/bin/frontdesk");
        assert_eq!(
            exec_argument("/home/anna/my apps/frontdesk"),
            "\"/home/anna/my apps/frontdesk\""
        );
        assert_eq!(exec_argument("/opt/100%/fd"), "/opt/100%%/fd");
        assert_eq!(exec_argument("/a\"b$c`d"), "\"/a\\\"b\\$c\\`d\"");
        assert_eq!(exec_argument("/a\\b"), "\"/a\\\\\\\\b\"");
    }

    #[test]
    fn the_entry_runs_the_console_in_a_terminal_with_its_server() {
        let text = entry(
            Path::new("/usr/local/bin/frontdesk"),
            Some("https://chat.example"),
        );
        assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
        assert!(
            text.contains("\nExec=/usr/local/bin/frontdesk --server https://chat.example\n"),
            "{text}"
        );
        assert!(text.contains("\nTerminal=true\n"), "{text}");
    }
}
