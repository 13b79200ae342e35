//! User files: key-by-key merge, `noop`, every error case with its file and line (and the
//! defaults still in force), and the action list in docs/configuration.md.

use crossterm::event::{KeyCode, KeyModifiers};

use super::super::{ErrorKind, Keymap, KeymapError, from_user, load};
use super::{all, ch, key, user};
use crate::action::{Args, Command};
use crate::app::Action;
use crate::keymap::Context;

/// The one error of `text`, asserting the defaults are otherwise intact where `keep` says.
fn one_error(text: &str) -> KeymapError {
    let loaded = user(text);
    assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
    let mut k = loaded.keymap;
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(k.press(ctrl_c, Context::Compose), Some(Action::Quit));
    loaded.errors.into_iter().next().expect("one error")
}

#[test]
fn a_single_override_keeps_every_other_default() {
    let loaded = user("[keymap.list]\n\"j\" = \"accept_selected\"\n");
    assert!(loaded.errors.is_empty());
    let mut expected = all(&Keymap::builtin());
    for (c, k, a) in &mut expected {
        if *c == Context::List && k.as_slice() == [crate::keymap::parse_key("j").expect("j")] {
            *a = Action::AcceptSelected;
        }
    }
    assert_eq!(all(&loaded.keymap), expected);
}

#[test]
fn noop_unbinds_only_that_key() {
    let loaded = user("[keymap.list]\n\"a\" = \"noop\"\n[keymap.global]\n\"ctrl-w\" = \"noop\"\n");
    assert!(loaded.errors.is_empty());
    let mut k = loaded.keymap;
    // Unbound, a letter in the list is text again (for the reply box).
    assert!(matches!(
        k.press(ch('a'), Context::List),
        Some(Action::ComposeInput(_))
    ));
    let ctrl_w = key(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(k.press(ctrl_w, Context::List), None);
    assert_eq!(all(&k).len(), all(&Keymap::builtin()).len() - 2);
    // In compose an unbound key is text again.
    assert!(matches!(
        k.press(ch('a'), Context::Compose),
        Some(Action::ComposeInput(_))
    ));
}

#[test]
fn a_user_sequence_replaces_a_default_it_would_shadow() {
    let mut k = user("[keymap.list]\n\"j j\" = \"select_last\"\n").keymap;
    assert_eq!(k.press(ch('j'), Context::List), None);
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectLast));
}

#[test]
fn args_bind_scroll_dialog() {
    let text = "[keymap.list]\n\"ctrl-e\" = { command = \"scroll_dialog\", args = -2 }\n";
    let mut k = user(text).keymap;
    let ctrl_e = key(KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(
        k.press(ctrl_e, Context::List),
        Some(Action::ScrollDialog(-2))
    );
}

#[test]
fn unknown_key_name_names_file_line_context_and_key() {
    let e = one_error("# mine\n[keymap.list]\n\"x\" = \"close_chat\"\n\"ctrl-hyper\" = \"quit\"\n");
    assert_eq!((e.file.as_str(), e.line), ("keymap.toml", 4));
    assert!(matches!(e.kind, ErrorKind::UnknownKeyName(_)));
    let shown = e.to_string();
    assert!(
        shown.starts_with("keymap.toml:4: [keymap.list] \"ctrl-hyper\": "),
        "{shown}"
    );
}

#[test]
fn the_valid_lines_of_a_file_with_errors_still_apply() {
    let loaded = user("[keymap.list]\n\"x\" = \"close_chat\"\n\"y\" = \"fly\"\n");
    assert_eq!(loaded.errors.len(), 1);
    let mut k = loaded.keymap;
    assert_eq!(k.press(ch('x'), Context::List), Some(Action::CloseChat));
}

#[test]
fn unknown_action() {
    let e = one_error("[keymap.list]\n\n\"x\" = \"launch_rockets\"\n");
    assert_eq!(e.line, 3);
    assert_eq!(e.kind, ErrorKind::UnknownAction("launch_rockets".into()));
}

#[test]
fn internal_actions_and_bad_args_are_refused() {
    let e = one_error("[keymap.list]\n\"x\" = \"paste\"\n");
    assert!(matches!(e.kind, ErrorKind::BadValue(_)), "{e}");
    let e = one_error("[keymap.list]\n\"x\" = \"scroll_dialog\"\n");
    assert!(matches!(e.kind, ErrorKind::BadValue(_)), "{e}");
    let e = one_error("[keymap.list]\n\"x\" = { command = \"quit\", args = 1 }\n");
    assert!(matches!(e.kind, ErrorKind::BadValue(_)), "{e}");
    let e = one_error("[keymap.list]\n\"x\" = { command = \"quit\", repeat = 2 }\n");
    assert_eq!(e.kind, ErrorKind::UnknownField("repeat".into()));
}

#[test]
fn unknown_context_and_top_level_field() {
    let e = one_error("\n[keymap.normal]\n\"x\" = \"quit\"\n");
    assert_eq!(
        (e.line, e.kind),
        (2, ErrorKind::UnknownContext("normal".into()))
    );
    let e = one_error("theme = \"dark\"\n");
    assert_eq!(
        (e.line, e.kind),
        (1, ErrorKind::UnknownField("theme".into()))
    );
    let e = one_error("\n\npreset = \"emacs\"\n");
    assert_eq!(
        (e.line, e.kind),
        (3, ErrorKind::UnknownPreset("emacs".into()))
    );
}

#[test]
fn bad_toml_keeps_the_defaults_and_names_the_line() {
    let e = one_error("[keymap.list]\n\"x\" = \"quit\"\n\"y\" = \n");
    assert_eq!(e.line, 3, "{e}");
    assert!(matches!(e.kind, ErrorKind::Toml(_)));
    // TOML itself refuses the same key twice.
    let e = one_error("[keymap.list]\n\"x\" = \"quit\"\n\"x\" = \"close_chat\"\n");
    assert!(matches!(e.kind, ErrorKind::Toml(_)));
    assert_eq!(e.line, 3, "{e}");
    // Nothing of a broken file applies.
    let mut k = user("[keymap.list]\n\"x\" = \"quit\"\n\"y\" = \n").keymap;
    assert_ne!(k.press(ch('x'), Context::List), Some(Action::Quit));
}

#[test]
fn conflicts_in_one_file_keep_the_first_entry() {
    let e = one_error("[keymap.list]\n\"ctrl-x\" = \"quit\"\n\"C-x\" = \"close_chat\"\n");
    assert_eq!(e.line, 3);
    assert!(matches!(e.kind, ErrorKind::Conflict { line: 2, .. }), "{e}");
    let text = "[keymap.list]\n\"g\" = \"select_first\"\n\"g g\" = \"select_last\"\n";
    let loaded = user(text);
    let e = &loaded.errors[0];
    assert!(matches!(e.kind, ErrorKind::Conflict { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("prefix"), "{e}");
    let mut k = loaded.keymap;
    assert_eq!(k.press(ch('g'), Context::List), Some(Action::SelectFirst));
    // The same key in two contexts is no conflict.
    assert!(
        user("[keymap.list]\n\"x\" = \"quit\"\n[keymap.compose]\n\"x\" = \"quit\"\n")
            .errors
            .is_empty()
    );
}

#[test]
fn load_reads_the_config_dir_and_reports_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(load(Some(dir.path())).errors.is_empty());
    assert!(load(None).errors.is_empty());
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[keymap.list]\n\"x\" = \"nope\"\n",
    )
    .expect("write");
    let loaded = load(Some(dir.path()));
    let e = &loaded.errors[0];
    assert!(e.file.ends_with("keymap.toml") && e.line == 2, "{e}");
    let notice = loaded.notice().expect("notice");
    assert!(
        notice.starts_with("keymap: ") && notice.contains(":2: "),
        "{notice}"
    );
    assert_eq!(from_user(None).keymap, Keymap::builtin());
}

/// The action table of docs/configuration.md, as the registry says it should read.
fn action_table() -> String {
    let mut out = String::from("| action | what it does |\n|---|---|\n");
    for c in Command::bindable() {
        let name = match c.args() {
            Args::Lines => format!("`{}` (`args` = lines)", c.name()),
            Args::Pane => format!("`{}` (`args` = 1–4)", c.name()),
            Args::Text => format!("`{}` (`args` = reply id)", c.name()),
            _ => format!("`{}`", c.name()),
        };
        out.push_str(&format!(
            "| {name} | {} |\n",
            c.description(&crate::i18n::EN)
        ));
    }
    out.push_str("| `noop` | unbinds the key in that context |\n");
    out
}

#[test]
fn the_docs_list_every_action() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md");
    let doc = std::fs::read_to_string(path).expect("docs/configuration.md");
    let start = "<!-- actions: generated -->\n";
    let end = "<!-- /actions -->";
    let from = doc.find(start).expect("start marker") + start.len();
    let to = doc[from..].find(end).expect("end marker") + from;
    let want = action_table();
    assert!(
        doc[from..to] == want,
        "docs/configuration.md's action list is out of date; replace it with:\n{want}"
    );
}
