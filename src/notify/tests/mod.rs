//! Unit tests of the alert rules as `config.toml` states them.

mod rules;
