//! Theme files: every value form, each error with its line, merging over the built-in styles,
//! the shipped example, and the docs' role table kept equal to the registry.

use ratatui::style::{Color, Modifier, Style};

use super::{Loaded, Palette, Role, from_text, load};

fn parsed(text: &str) -> Loaded {
    from_text("theme.toml", text)
}

/// The one error of `text`, as (line, message).
fn one_error(text: &str) -> (usize, String) {
    let loaded = parsed(text);
    let [error] = loaded.errors.as_slice() else {
        panic!("expected one error, got {:?}", loaded.errors);
    };
    assert_eq!(error.file, "theme.toml");
    (error.line, error.message.clone())
}

#[test]
fn names_hex_and_indexed_colours_with_modifiers() {
    let loaded = parsed(
        "dim = \"dark_gray\"\n\
         visitor = \"#1f6feb\"\n\
         wait_warning = 136\n\
         selected = { fg = \"black\", bg = \"#ffd75f\", modifiers = [\"bold\", \"italic\"] }\n\
         cursor = { bg = 33, modifiers = [\"underlined\", \"reversed\", \"dim\"] }\n",
    );
    assert_eq!(loaded.errors, []);
    let p = loaded.palette;
    assert_eq!(p.get(Role::Dim), Style::new().fg(Color::DarkGray));
    assert_eq!(
        p.get(Role::Visitor),
        Style::new().fg(Color::Rgb(0x1f, 0x6f, 0xeb))
    );
    assert_eq!(
        p.get(Role::WaitWarning),
        Style::new().fg(Color::Indexed(136))
    );
    assert_eq!(
        p.get(Role::Selected),
        Style::new()
            .fg(Color::Black)
            .bg(Color::Rgb(0xff, 0xd7, 0x5f))
            .add_modifier(Modifier::BOLD | Modifier::ITALIC)
    );
    assert_eq!(
        p.get(Role::Cursor),
        Style::new()
            .bg(Color::Indexed(33))
            .add_modifier(Modifier::UNDERLINED | Modifier::REVERSED | Modifier::DIM)
    );
}

#[test]
fn roles_not_in_the_file_keep_the_builtin_style() {
    let p = parsed("visitor = \"blue\"\n").palette;
    for role in Role::ALL.iter().filter(|r| **r != Role::Visitor) {
        assert_eq!(p.get(*role), role.builtin(), "{}", role.name());
    }
    // A role set in the file replaces the built-in style wholly (bold is not kept).
    assert_eq!(p.get(Role::Visitor), Style::new().fg(Color::Blue));
}

#[test]
fn each_error_names_its_line_and_the_rest_still_applies() {
    let cases: [(&str, usize, &str); 10] = [
        (
            "dim = \"red\"\nvistor = \"blue\"\n",
            2,
            "unknown role `vistor`",
        ),
        ("\n\nvisitor = \"grean\"\n", 3, "unknown colour \"grean\""),
        ("visitor = \"#12345\"\n", 1, "unknown colour \"#12345\""),
        ("dim = 256\n", 1, "colour 256 is out of range"),
        ("dim = -1\n", 1, "colour -1 is out of range"),
        ("dim = true\n", 1, "a colour is a name"),
        (
            "dim = \"red\"\nheader = { fg = \"red\", fgg = 1 }\n",
            2,
            "unknown field `fgg`",
        ),
        (
            "header = {\n  fg = \"red\",\n  modifiers = [\"bold\", \"blink\"],\n}\n",
            3,
            "unknown modifier \"blink\"",
        ),
        (
            "header = { modifiers = \"bold\" }\n",
            1,
            "`modifiers` is a list",
        ),
        ("header = { modifiers = [1] }\n", 1, "a modifier is a name"),
    ];
    for (text, line, needle) in cases {
        let (got_line, message) = one_error(text);
        assert_eq!(got_line, line, "{text:?}: {message}");
        assert!(message.contains(needle), "{text:?}: {message}");
    }
    // The bad entry is skipped; the good ones around it apply.
    let loaded = parsed("dim = \"red\"\nvistor = \"blue\"\nunread = \"white\"\n");
    assert_eq!(loaded.palette.get(Role::Dim), Style::new().fg(Color::Red));
    assert_eq!(
        loaded.palette.get(Role::Unread),
        Style::new().fg(Color::White)
    );
    let shown = loaded.errors[0].to_string();
    assert!(shown.starts_with("theme.toml:2: "), "{shown}");
}

#[test]
fn a_file_that_is_not_toml_keeps_every_builtin_style() {
    let loaded = parsed("dim = \"red\"\nvisitor = \n");
    let [error] = loaded.errors.as_slice() else {
        panic!("{:?}", loaded.errors);
    };
    assert_eq!(error.line, 2, "{error}");
    assert!(error.message.starts_with("not valid TOML"), "{error}");
    assert_eq!(loaded.palette, Palette::default());
    // A role written twice is a TOML error too.
    let (line, message) = one_error("dim = \"red\"\ndim = \"blue\"\n");
    assert_eq!(line, 2, "{message}");
}

#[test]
fn notice_shows_the_first_problem_and_counts_the_rest() {
    assert_eq!(parsed("dim = \"red\"\n").notice(), None);
    let one = parsed("dim = \"rad\"\n").notice().expect("notice");
    assert!(
        one.starts_with("theme: theme.toml:1: `dim`: unknown colour"),
        "{one}"
    );
    let two = parsed("a = 1\nb = 2\n").notice().expect("notice");
    assert!(
        two.starts_with("theme: 2 problems (see the log); first: theme.toml:1:"),
        "{two}"
    );
}

#[test]
fn load_reads_the_config_dir_and_a_missing_file_is_fine() {
    assert!(load(None).errors.is_empty());
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = load(Some(dir.path()));
    assert!(loaded.errors.is_empty());
    assert_eq!(loaded.palette, Palette::default());
    std::fs::write(
        dir.path().join(super::FILE),
        "operator = \"#005f87\"\nbad = 1\n",
    )
    .expect("write");
    let loaded = load(Some(dir.path()));
    assert_eq!(
        loaded.palette.get(Role::Operator),
        Style::new().fg(Color::Rgb(0, 0x5f, 0x87))
    );
    let [error] = loaded.errors.as_slice() else {
        panic!("{:?}", loaded.errors);
    };
    assert!(error.file.ends_with("theme.toml"), "{error}");
    assert_eq!(error.line, 2);
}

#[test]
fn the_shipped_light_theme_is_valid_and_sets_every_role() {
    let text = include_str!("../../themes/light.toml");
    let loaded = from_text("themes/light.toml", text);
    assert_eq!(loaded.errors, []);
    for role in Role::ALL {
        let line = format!("\n{} = ", role.name());
        assert!(
            text.contains(&line),
            "themes/light.toml lacks `{}`",
            role.name()
        );
    }
}

/// The role table in docs/configuration.md, generated from the registry.
fn docs_table() -> String {
    let mut out = String::from("| role | built-in style | what it colours |\n|---|---|---|\n");
    for role in Role::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            role.name(),
            describe(role.builtin()),
            role.about()
        ));
    }
    out
}

/// A style as a theme file would write it.
fn describe(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(format!("fg `{}`", color_name(fg)));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg `{}`", color_name(bg)));
    }
    for (name, m) in super::MODIFIERS {
        if style.add_modifier.contains(m) {
            parts.push(name.to_owned());
        }
    }
    if parts.is_empty() {
        "terminal default".to_owned()
    } else {
        parts.join(", ")
    }
}

fn color_name(color: Color) -> String {
    let debug = format!("{color:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn docs_list_every_role_with_its_builtin_style() {
    let docs = include_str!("../../docs/configuration.md");
    let start = docs
        .find("<!-- theme roles: generated -->\n")
        .expect("start marker");
    let rest = &docs[start..];
    let body = &rest[rest.find('\n').expect("newline") + 1..];
    let end = body.find("<!-- /theme roles -->").expect("end marker");
    assert_eq!(
        &body[..end],
        docs_table(),
        "regenerate the role table in docs/configuration.md:\n{}",
        docs_table()
    );
}
