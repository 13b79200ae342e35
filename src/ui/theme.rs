//! Styles by role. With colours each role's style comes from the palette (built-in, or the
//! user's `theme.toml`, resolved once at start); under `NO_COLOR` every role has a fixed
//! colourless style that uses bold, dim and reverse instead, whatever the theme says.

use ratatui::style::{Modifier, Style};

use crate::theme_file::{Palette, Role};

/// The styles for one frame: two words, so it is passed by value (it borrows the palette in
/// `State::screen` instead of copying its ~370 bytes into every drawing function).
#[derive(Debug, Clone, Copy)]
pub struct Theme<'a> {
    color: bool,
    palette: &'a Palette,
}

/// The built-in styles, for a theme made without a palette of its own.
static BUILTIN: std::sync::LazyLock<Palette> = std::sync::LazyLock::new(Palette::default);

impl Theme<'static> {
    /// The built-in styles.
    pub fn new(no_color: bool) -> Self {
        Theme::with_palette(&BUILTIN, no_color)
    }
}

impl<'a> Theme<'a> {
    /// The theme the console draws with: the state's palette, unless `NO_COLOR`.
    pub fn of(state: &'a crate::app::State) -> Self {
        Theme::with_palette(&state.screen.palette, state.screen.no_color)
    }

    /// A theme's styles; `no_color` ignores them for the colourless ones.
    pub fn with_palette(palette: &'a Palette, no_color: bool) -> Self {
        Self {
            color: !no_color,
            palette,
        }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// The palette's style for `role`, or `plain` without colours.
    fn role(&self, role: Role, plain: Style) -> Style {
        self.pick(self.palette.get(role), plain)
    }

    pub fn header(&self) -> Style {
        self.role(Role::Header, Style::new().add_modifier(Modifier::BOLD))
    }
    pub fn dim(&self) -> Style {
        self.role(Role::Dim, Style::new().add_modifier(Modifier::DIM))
    }
    pub fn selected(&self) -> Style {
        self.role(
            Role::Selected,
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }
    pub fn focused_border(&self) -> Style {
        self.role(
            Role::FocusedBorder,
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
    /// The focused pane's title: bold and reversed, so it shows without colour too.
    pub fn focused_title(&self) -> Style {
        self.role(
            Role::FocusedTitle,
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }
    pub fn border(&self) -> Style {
        self.role(Role::Border, Style::new())
    }
    pub fn wait_ok(&self) -> Style {
        self.role(Role::WaitOk, Style::new())
    }
    /// A visitor has waited long enough to notice (45 s).
    pub fn wait_warning(&self) -> Style {
        self.role(Role::WaitWarning, Style::new().add_modifier(Modifier::BOLD))
    }
    /// A visitor has waited too long (60 s).
    pub fn wait_alarm(&self) -> Style {
        self.role(
            Role::WaitAlarm,
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
    pub fn unread(&self) -> Style {
        self.role(Role::Unread, Style::new().add_modifier(Modifier::BOLD))
    }
    pub fn visitor(&self) -> Style {
        self.role(Role::Visitor, Style::new().add_modifier(Modifier::BOLD))
    }
    pub fn operator(&self) -> Style {
        self.role(Role::Operator, Style::new().add_modifier(Modifier::BOLD))
    }
    /// An internal note: the `[note]` label says it without colour, italics add to it.
    pub fn note(&self) -> Style {
        self.role(Role::Note, Style::new().add_modifier(Modifier::ITALIC))
    }
    /// A supervisor's whisper: the `[whisper]` label says it without colour; bold italics part
    /// it from a note's plain italics.
    pub fn whisper(&self) -> Style {
        self.role(
            Role::Whisper,
            Style::new().add_modifier(Modifier::ITALIC | Modifier::BOLD),
        )
    }
    pub fn system(&self) -> Style {
        self.role(
            Role::System,
            Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
        )
    }
    /// The mark before an own message the visitor has seen: `✓✓`.
    pub fn delivery_seen(&self) -> Style {
        self.role(Role::DeliverySeen, Style::new())
    }
    /// The mark before an own message: `…` pending, `✓` stored, `✗` refused.
    pub fn delivery(&self, delivery: crate::app::state::Delivery) -> Style {
        use crate::app::state::Delivery;
        let dim = Style::new().add_modifier(Modifier::DIM);
        match delivery {
            Delivery::Pending => self.role(Role::DeliveryPending, dim),
            Delivery::Stored => self.role(Role::DeliveryStored, dim),
            Delivery::Failed => self.role(
                Role::DeliveryFailed,
                Style::new().add_modifier(Modifier::BOLD),
            ),
        }
    }
    pub fn online(&self) -> Style {
        self.role(Role::Online, Style::new())
    }
    pub fn connecting(&self) -> Style {
        self.role(Role::Connecting, Style::new())
    }
    pub fn offline(&self) -> Style {
        self.role(
            Role::Offline,
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }
    pub fn status_bar(&self) -> Style {
        self.role(
            Role::StatusBar,
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }
    /// A misspelt word in the reply box: underlined, in the alarm colour where there are
    /// colours.
    pub fn misspelt(&self) -> Style {
        let colour = self
            .pick(self.palette.get(Role::WaitAlarm), Style::new())
            .fg;
        Style {
            fg: colour,
            ..Style::new()
        }
        .add_modifier(Modifier::UNDERLINED)
    }
    /// A place that breaks a writing rule: underlined, in the warning colour.
    pub fn rule_hit(&self) -> Style {
        let colour = self
            .pick(self.palette.get(Role::WaitWarning), Style::new())
            .fg;
        Style {
            fg: colour,
            ..Style::new()
        }
        .add_modifier(Modifier::UNDERLINED)
    }
    pub fn cursor(&self) -> Style {
        self.role(Role::Cursor, Style::new().add_modifier(Modifier::REVERSED))
    }
    /// A search hit in the focused dialog (underlined without colour).
    pub fn search_hit(&self) -> Style {
        self.role(
            Role::SearchHit,
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }
    /// The current search hit: it must stand out from the others (reversed without colour).
    pub fn search_current(&self) -> Style {
        self.role(
            Role::SearchCurrent,
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
}
