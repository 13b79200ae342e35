//! The widget's part of the configuration (`[widget]`, `[widget.prechat]`): its look and the
//! form before a chat.

use serde::{Deserialize, Serialize};

/// The visitor widget's look and forms, sent to it as JSON by `GET /widget/config`.
/// Empty texts mean the widget's built-in wording in its language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WidgetConfig {
    /// Shown in the window's header.
    pub company: String,
    /// Logo image URL (http, https or a path on this server); empty: none.
    pub logo_url: String,
    /// `ru`, `en`, or `auto` (the page's `<html lang>`, then the browser's language).
    pub language: String,
    /// Bottom corner of the page: `right` or `left`.
    pub position: String,
    /// Window size in CSS pixels (small screens get the whole width).
    pub width: u32,
    pub height: u32,
    /// Button, header and the visitor's messages (any CSS colour).
    pub color: String,
    /// Text on `color`.
    pub text_color: String,
    /// First line of an empty dialog.
    pub greeting: String,
    /// Bubble beside the closed button after `invitation_delay_secs`; empty: none.
    pub invitation: String,
    pub invitation_delay_secs: u32,
    /// While no operator is online but one is away, the widget says the team replies within
    /// this many minutes (0: the default, 15).
    pub away_reply_mins: u32,
    pub prechat: PrechatForm,
}

/// The form before a chat. Every field is optional unless marked `required`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrechatForm {
    /// `false`: the visitor writes at once, no form.
    pub enabled: bool,
    pub fields: Vec<PrechatField>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrechatField {
    /// `name`, `email`, `phone`, `department`, or a key of the site's own (sent in `extra`).
    pub key: String,
    /// Empty: the built-in label of a standard key (or the key itself).
    pub label: String,
    pub required: bool,
    /// Choices for a drop-down (e.g. departments); empty: a text box.
    pub options: Vec<String>,
}

impl PrechatForm {
    /// The labels of the site's own fields (those sent in `extra`), by key, for consoles.
    pub fn own_labels(&self) -> std::collections::BTreeMap<String, String> {
        self.fields
            .iter()
            .filter(|f| !PrechatField::STANDARD.contains(&f.key.as_str()))
            .filter(|f| !f.key.trim().is_empty() && !f.label.trim().is_empty())
            .map(|f| (f.key.clone(), f.label.trim().to_owned()))
            .collect()
    }
}

impl PrechatField {
    /// The keys the form and the protocol know by name; any other goes into `extra`.
    pub const STANDARD: [&str; 4] = ["name", "email", "phone", "department"];

    fn standard(key: &str) -> Self {
        Self {
            key: key.to_owned(),
            ..Self::default()
        }
    }
}

impl Default for WidgetConfig {
    fn default() -> Self {
        Self {
            company: String::new(),
            logo_url: String::new(),
            language: "ru".into(),
            position: "right".into(),
            width: 360,
            height: 520,
            color: "#1f6feb".into(),
            text_color: "#ffffff".into(),
            greeting: String::new(),
            invitation: String::new(),
            invitation_delay_secs: 20,
            away_reply_mins: 15,
            prechat: PrechatForm::default(),
        }
    }
}

impl Default for PrechatForm {
    fn default() -> Self {
        Self {
            enabled: true,
            fields: ["name", "email", "phone"]
                .into_iter()
                .map(PrechatField::standard)
                .collect(),
        }
    }
}
