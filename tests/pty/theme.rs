//! `theme.toml` in the real console: its colours reach the terminal, a bad line is named in
//! the status bar while the rest of the file still applies, and `NO_COLOR` wins over it.

use crate::common::{Console, Setup};
use crate::keys::CTRL_Q;

/// A valid line, a bad one (line 2), and another valid one after it.
const THEME: &str = "online = \"#12a4b6\"\nvisitor = \"grean\"\nstatus_bar = { bg = 17 }\n";

fn console(setup: &Setup, env: &[(&str, &str)]) -> Console {
    std::fs::create_dir_all(setup.config_dir()).expect("config dir");
    std::fs::write(setup.config_dir().join("theme.toml"), THEME).expect("theme");
    // Wide enough for the notice with the file's temporary path.
    setup.console_with_env((24, 240), env)
}

async fn quit(mut console: Console) {
    console.keys(CTRL_Q);
    assert!(console.wait_exit().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn theme_colours_reach_the_terminal_and_a_bad_line_is_named() {
    let setup = Setup::start().await;
    let console = console(&setup, &[]);
    let screen = console.wait_text("online").await;
    assert!(
        screen.contains("theme.toml:2: `visitor`: unknown colour \"grean\""),
        "{screen}"
    );
    let cell = console.cell_of("● online").expect("status");
    assert_eq!(cell.fgcolor(), vt100::Color::Rgb(0x12, 0xa4, 0xb6));
    // The line after the bad one still applies: the status bar's background.
    let cell = console.cell_of("Анна").expect("operator name");
    assert_eq!(cell.bgcolor(), vt100::Color::Idx(17));
    quit(console).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_color_wins_over_the_theme() {
    let setup = Setup::start().await;
    let console = console(&setup, &[("NO_COLOR", "1")]);
    console.wait_text("online").await;
    let cell = console.cell_of("● online").expect("status");
    assert_eq!(
        (cell.fgcolor(), cell.bgcolor()),
        (vt100::Color::Default, vt100::Color::Default)
    );
    quit(console).await;
}
