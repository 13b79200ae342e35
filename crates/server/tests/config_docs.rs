//! docs/configuration.md shows the server's defaults: its first TOML block must parse and
//! say exactly what `Config::default()` says, so the page cannot drift from the code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frontdesk_server::Config;

#[test]
fn the_documented_server_config_is_the_default() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/configuration.md");
    let doc = std::fs::read_to_string(path).expect("docs/configuration.md");
    let block = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block");
    let documented = Config::from_toml(block).expect("the documented config parses");
    let text = |c: &Config| toml::to_string(c).unwrap();
    assert_eq!(text(&documented), text(&Config::default()));
}
