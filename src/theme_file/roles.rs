//! The named roles a theme colours, their built-in styles, and the [`Palette`] that holds one
//! resolved style per role. Plain data: `State` keeps a palette and rendering only reads it.

use ratatui::style::{Color, Modifier, Style};

const BOLD: Modifier = Modifier::BOLD;
const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}
const fn fg_bold(color: Color) -> Style {
    Style::new().fg(color).add_modifier(BOLD)
}
const fn with(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

/// Declares the roles once: the enum, the name in `theme.toml`, the built-in (coloured)
/// style and the description docs/configuration.md shows (a test keeps them equal).
macro_rules! roles {
    ($($role:ident = $name:literal, $style:expr, $about:literal;)*) => {
        /// A part of the screen with its own style in `theme.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Role { $($role,)* }

        impl Role {
            /// Every role, in the order the docs list them.
            pub const ALL: &'static [Role] = &[$(Role::$role,)*];

            /// The key in `theme.toml`.
            pub const fn name(self) -> &'static str {
                match self { $(Role::$role => $name,)* }
            }

            /// What the role colours, for the docs.
            pub const fn about(self) -> &'static str {
                match self { $(Role::$role => $about,)* }
            }

            /// The built-in style when colours are on.
            pub const fn builtin(self) -> Style {
                match self { $(Role::$role => $style,)* }
            }
        }
    };
}

roles! {
    Header = "header", with(BOLD), "names, section and card headings, keys in help";
    Dim = "dim", fg(Color::DarkGray), "secondary text: times, previews, labels, hints";
    Selected = "selected", with(Modifier::REVERSED), "the selected chat in the list";
    Border = "border", Style::new(), "borders of unfocused panels";
    FocusedBorder = "focused_border", fg(Color::Cyan), "border of the focused panel and overlays";
    FocusedTitle = "focused_title", with(BOLD.union(Modifier::REVERSED)),
        "title of the focused pane";
    WaitOk = "wait_ok", Style::new(), "wait timer under 45 s";
    WaitWarning = "wait_warning", fg(Color::Yellow), "wait timer from 45 s";
    WaitAlarm = "wait_alarm", fg_bold(Color::Red), "wait timer from 60 s";
    Unread = "unread", fg_bold(Color::Magenta),
        "unread counts, \"new messages below\", returning visitor";
    Visitor = "visitor", fg_bold(Color::Green), "the visitor's name in a dialog";
    Operator = "operator", fg_bold(Color::Cyan), "operators' names in a dialog";
    Note = "note", fg(Color::Yellow).add_modifier(Modifier::ITALIC),
        "internal notes: seen by operators only, marked [note]";
    Whisper = "whisper", fg(Color::LightMagenta).add_modifier(Modifier::ITALIC),
        "a supervisor's whisper to the chat's operator, marked [whisper]";
    System = "system", fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
        "system lines: joined, transferred, closed, typing";
    DeliveryPending = "delivery_pending", fg(Color::DarkGray),
        "`…` before an own message not yet stored";
    DeliveryStored = "delivery_stored", fg(Color::DarkGray),
        "`✓` before an own message the server stored";
    DeliverySeen = "delivery_seen", fg(Color::LightBlue),
        "`✓✓` before an own message the visitor has seen";
    DeliveryFailed = "delivery_failed", fg_bold(Color::Red),
        "`✗` before an own message the server refused";
    Online = "online", fg(Color::Green), "status bar: connected";
    Connecting = "connecting", fg(Color::Yellow), "status bar: connecting";
    Offline = "offline", fg_bold(Color::Red), "status bar: offline, login failed, notices";
    StatusBar = "status_bar", with(Modifier::REVERSED), "the status bar itself";
    Cursor = "cursor", with(Modifier::REVERSED), "the cursor in the reply box";
    SearchHit = "search_hit", Style::new().fg(Color::Black).bg(Color::Yellow),
        "search hits in a dialog";
    SearchCurrent = "search_current", fg_bold(Color::Black).bg(Color::LightRed),
        "the current search hit";
}

impl Role {
    /// How many roles there are.
    pub const COUNT: usize = Role::ALL.len();

    /// The role named `name` in `theme.toml`.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.name() == name)
    }
}

/// One resolved style per role: the built-in ones with a theme file's entries laid over.
/// Small and `Copy`, so a frame copies it instead of looking anything up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette([Style; Role::COUNT]);

impl Default for Palette {
    fn default() -> Self {
        let mut styles = [Style::new(); Role::COUNT];
        for role in Role::ALL {
            styles[*role as usize] = role.builtin();
        }
        Self(styles)
    }
}

impl Palette {
    pub fn get(&self, role: Role) -> Style {
        self.0[role as usize]
    }

    pub fn set(&mut self, role: Role, style: Style) {
        self.0[role as usize] = style;
    }
}
