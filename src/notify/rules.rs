//! `[notifications]` in `config.toml`: which events alert, through which channels, and when
//! to stay quiet. Every field has a default (docs/configuration.md, "Notifications"); the
//! alerts start all on, as the operators' seeds advise.

use jiff::civil::Time;
use serde::{Deserialize, Deserializer};

/// What happened, as far as alerts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A chat came into the queue (and, until accepted, what its visitor writes there).
    NewChat,
    /// A visitor wrote in one of my chats that I am not looking at.
    Message,
    /// A colleague handed a chat to me.
    Transfer,
    /// A waiting chat is about to pass the first-response time.
    FirstResponse,
    /// A visitor rated one of my chats as bad (good ratings are only in the dialog).
    BadRating,
}

impl Kind {
    /// In declaration order: a kind's place here is its discriminant.
    pub const ALL: [Self; 5] = [
        Self::NewChat,
        Self::Message,
        Self::Transfer,
        Self::FirstResponse,
        Self::BadRating,
    ];

    /// Kinds whose group is a burst of news that goes quiet after `group_secs`, as opposed
    /// to the queue's kinds, which mirror the chats still waiting.
    pub fn is_burst(self) -> bool {
        matches!(self, Self::Message | Self::Transfer | Self::BadRating)
    }
}

/// Where an alert may go. The terminal ones also work over SSH and inside tmux.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A desktop notification over D-Bus (notify-rust).
    Desktop,
    /// The terminal bell (BEL).
    Bell,
    /// An OSC 9 / OSC 777 terminal notification, when `osc` is switched on.
    Osc,
    /// The `hook` command, when one is set.
    Hook,
}

/// How pressing a desktop notification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Low,
    Normal,
    Critical,
}

/// Which terminal notification sequence to write, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Osc {
    #[default]
    Off,
    /// `ESC ] 9 ; text BEL` (iTerm2, Windows Terminal, ConEmu, kitty).
    Osc9,
    /// `ESC ] 777 ; notify ; title ; body BEL` (urxvt, foot, VTE-based terminals).
    Osc777,
}

/// `[notifications]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotificationsConfig {
    /// Off: no alerts at all (the unread count in the title stays).
    pub enabled: bool,
    /// Start with do-not-disturb on (the `toggle_do_not_disturb` key switches it).
    pub do_not_disturb: bool,
    /// No alerts for a chat shown in the focused pane while the terminal has the focus.
    pub only_when_not_looking: bool,
    /// `["22:00", "08:00"]`: no alerts between these local times (may span midnight).
    #[serde(deserialize_with = "quiet_hours")]
    pub quiet_hours: Option<QuietHours>,
    /// Alert again about a chat nobody accepted, every this many seconds (0: once).
    pub repeat_secs: u32,
    /// Warn when a chat has waited this long without being accepted (0: never).
    pub first_response_secs: u32,
    /// Events this close together (ms) go out as one notification.
    pub settle_ms: u32,
    /// A notification keeps being updated in place (same id) while new events of its kind
    /// follow within this many seconds; after that the next one is a new notification.
    pub group_secs: u32,
    /// The unread count in the terminal title.
    pub title: bool,
    /// The bell channel.
    pub bell: bool,
    /// The terminal notification channel.
    pub osc: Osc,
    /// A command (program and arguments) run for every alert with the event as JSON on stdin.
    pub hook: Vec<String>,
    /// A hook still running after this many seconds is killed.
    pub hook_timeout_secs: u32,
    pub new_chat: KindRule,
    pub message: KindRule,
    pub transfer: KindRule,
    pub first_response: KindRule,
    pub bad_rating: KindRule,
}

impl Default for NotificationsConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            do_not_disturb: false,
            only_when_not_looking: true,
            quiet_hours: None,
            repeat_secs: 60,
            first_response_secs: 45,
            settle_ms: 400,
            group_secs: 30,
            title: true,
            bell: true,
            osc: Osc::Off,
            hook: Vec::new(),
            hook_timeout_secs: 10,
            new_chat: KindRule::default(),
            message: KindRule::default(),
            transfer: KindRule::default(),
            first_response: KindRule::default(),
            bad_rating: KindRule::default(),
        }
    }
}

/// `[notifications.<kind>]`: one kind's switch, channels, urgency and expiry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KindRule {
    pub enabled: bool,
    pub channels: Vec<Channel>,
    /// Unset: the kind's own (critical for new chats and first-response warnings).
    pub urgency: Option<Urgency>,
    /// Seconds a desktop notification stays (0: until dismissed). Unset: the kind's own.
    pub expire_secs: Option<u32>,
}

impl Default for KindRule {
    fn default() -> Self {
        Self {
            enabled: true,
            channels: vec![Channel::Desktop, Channel::Bell, Channel::Osc, Channel::Hook],
            urgency: None,
            expire_secs: None,
        }
    }
}

/// A kind's rule with the kind's defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub enabled: bool,
    pub channels: Vec<Channel>,
    pub urgency: Urgency,
    /// Milliseconds; 0: until dismissed.
    pub expire_ms: u32,
}

impl NotificationsConfig {
    pub fn rule(&self, kind: Kind) -> Resolved {
        let (rule, urgency, expire_secs) = match kind {
            Kind::NewChat => (&self.new_chat, Urgency::Critical, 0),
            Kind::Message => (&self.message, Urgency::Normal, 10),
            Kind::Transfer => (&self.transfer, Urgency::Normal, 0),
            Kind::FirstResponse => (&self.first_response, Urgency::Critical, 0),
            // Stays until dismissed: a closed chat's rating may come while nobody looks.
            Kind::BadRating => (&self.bad_rating, Urgency::Normal, 0),
        };
        Resolved {
            enabled: self.enabled && rule.enabled,
            channels: rule.channels.clone(),
            urgency: rule.urgency.unwrap_or(urgency),
            expire_ms: rule.expire_secs.unwrap_or(expire_secs).saturating_mul(1000),
        }
    }
}

/// Local times between which nothing alerts; `from > to` spans midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub from: Time,
    pub to: Time,
}

impl QuietHours {
    /// Whether `t` falls inside: `from` included, `to` excluded.
    pub fn contains(self, t: Time) -> bool {
        if self.from <= self.to {
            self.from <= t && t < self.to
        } else {
            t >= self.from || t < self.to
        }
    }
}

fn quiet_hours<'de, D: Deserializer<'de>>(d: D) -> Result<Option<QuietHours>, D::Error> {
    use serde::de::Error;
    let pair: Vec<String> = Vec::deserialize(d)?;
    match pair.as_slice() {
        [] => Ok(None),
        [from, to] => {
            let from = parse_time(from).map_err(D::Error::custom)?;
            let to = parse_time(to).map_err(D::Error::custom)?;
            Ok((from != to).then_some(QuietHours { from, to }))
        }
        _ => Err(D::Error::custom(
            "quiet_hours takes two times, e.g. [\"22:00\", \"08:00\"]",
        )),
    }
}

/// `"HH:MM"`, 24-hour.
fn parse_time(s: &str) -> Result<Time, String> {
    let bad = || format!("`{s}` is not a time like \"22:00\"");
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    Time::new(h, m, 0, 0).map_err(|_| bad())
}
