//! Where things go on screen. Shared by `ui` (to draw) and `update` (to map clicks, wrap text
//! to each pane's width and page by its height), so both always agree. The dialog area holds
//! one to four panes ([`Layout`], [`panes`]).

use ratatui::layout::Rect;

/// The screen's parts, borders included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Rect,
    pub dialog: Rect,
    pub compose: Rect,
    pub status: Rect,
    /// The visitor card, when shown; zero-sized otherwise.
    pub card: Rect,
    /// The card is a strip above the dialog (the screen is too narrow to set it beside).
    pub card_strip: bool,
}

/// The card takes a quarter of the width, within these bounds, and only while the dialog
/// keeps at least `MIN_DIALOG` columns; on narrower screens it is a strip across the top of
/// the dialog area (two fifths of it, `STRIP_MIN` to `STRIP_MAX` rows), so the dialog stays
/// in view.
const CARD_MIN: u16 = 28;
const CARD_MAX: u16 = 44;
const MIN_DIALOG: u16 = 40;
const STRIP_MIN: u16 = 6;
const STRIP_MAX: u16 = 12;

/// Most lines the compose box grows to before it scrolls.
const MAX_COMPOSE_LINES: u16 = 5;

/// Narrowest the chat list gets on a narrow screen: a short name and its wait still fit.
const LIST_MIN: u16 = 16;

/// The chat list's width on a screen `width` columns wide: a third, 24 to 40 columns; on a
/// screen too narrow for that and a dialog of [`MIN_DIALOG`] (a phone's terminal), the list
/// gives way first, down to [`LIST_MIN`].
fn list_width(width: u16) -> u16 {
    let third = (width / 3).clamp(24.min(width), 40.min(width));
    let beside_dialog = width.saturating_sub(MIN_DIALOG).max(LIST_MIN.min(width));
    third.min(beside_dialog)
}

/// Columns for text inside the reply box on a screen `width` columns wide.
pub fn compose_width(width: u16) -> usize {
    usize::from(width.saturating_sub(list_width(width)).saturating_sub(2)).max(1)
}

/// How much of the screen the visitor card asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    Hidden,
    /// Beside the dialog, or a strip above it on a narrow screen.
    Shown,
    /// On a narrow screen, the whole dialog area: the strip's left-out values, the page trail
    /// and the earlier chats (the reply box stays). Beside the dialog it is `Shown`.
    Whole,
}

pub fn areas(width: u16, height: u16, compose_lines: usize, card: Card) -> Areas {
    let status_h = 1.min(height);
    let body_h = height - status_h;
    let list_w = list_width(width);
    let right_w = width - list_w;
    let compose_lines = u16::try_from(compose_lines.max(1))
        .unwrap_or(MAX_COMPOSE_LINES)
        .min(MAX_COMPOSE_LINES);
    let compose_h = (compose_lines + 2).min(body_h);
    let mut areas = Areas {
        list: Rect::new(0, 0, list_w, body_h),
        dialog: Rect::new(list_w, 0, right_w, body_h - compose_h),
        compose: Rect::new(list_w, body_h - compose_h, right_w, compose_h),
        status: Rect::new(0, body_h, width, status_h),
        card: Rect::default(),
        card_strip: false,
    };
    if card != Card::Hidden {
        let card_w = (width / 4).clamp(CARD_MIN.min(right_w), CARD_MAX.min(right_w));
        if right_w.saturating_sub(card_w) >= MIN_DIALOG {
            areas.dialog.width = right_w - card_w;
            areas.card = Rect::new(list_w + areas.dialog.width, 0, card_w, areas.dialog.height);
        } else if card == Card::Whole {
            areas.card = areas.dialog;
            areas.dialog.y += areas.dialog.height;
            areas.dialog.height = 0;
        } else {
            let h = areas.dialog.height;
            let strip = (h * 2 / 5).clamp(STRIP_MIN.min(h), STRIP_MAX.min(h));
            areas.card = Rect::new(list_w, 0, right_w, strip);
            areas.card_strip = true;
            areas.dialog.y += strip;
            areas.dialog.height -= strip;
        }
    }
    areas
}

/// How the dialog area is split into panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    #[default]
    One,
    /// Two panes side by side.
    Columns,
    /// Two panes stacked.
    Rows,
    /// One pane on the left, two stacked on the right.
    Three,
    /// Two by two.
    Four,
}

impl Layout {
    /// Most panes on screen.
    pub const MAX: usize = 4;

    pub fn count(self) -> usize {
        match self {
            Self::One => 1,
            Self::Columns | Self::Rows => 2,
            Self::Three => 3,
            Self::Four => 4,
        }
    }

    /// `cycle_layout`: 1 → 2 side by side → 2 stacked → 3 → 4 → 1.
    pub fn next(self) -> Self {
        match self {
            Self::One => Self::Columns,
            Self::Columns => Self::Rows,
            Self::Rows => Self::Three,
            Self::Three => Self::Four,
            Self::Four => Self::One,
        }
    }

    /// The layout for `n` panes (two panes side by side unless `stacked`).
    pub fn for_count(n: usize, stacked: bool) -> Self {
        match n {
            0 | 1 => Self::One,
            2 if stacked => Self::Rows,
            2 => Self::Columns,
            3 => Self::Three,
            _ => Self::Four,
        }
    }
}

/// The panes' rectangles (borders included) inside the dialog area, in pane order: left to
/// right, then top to bottom.
pub fn panes(dialog: Rect, layout: Layout) -> Vec<Rect> {
    let Rect {
        x,
        y,
        width: w,
        height: h,
    } = dialog;
    let (left, top) = (w / 2, h / 2);
    let right = Rect::new(x + left, y, w - left, h);
    match layout {
        Layout::One => vec![dialog],
        Layout::Columns => vec![Rect::new(x, y, left, h), right],
        Layout::Rows => vec![Rect::new(x, y, w, top), Rect::new(x, y + top, w, h - top)],
        Layout::Three => vec![
            Rect::new(x, y, left, h),
            Rect::new(right.x, y, right.width, top),
            Rect::new(right.x, y + top, right.width, h - top),
        ],
        Layout::Four => vec![
            Rect::new(x, y, left, top),
            Rect::new(right.x, y, right.width, top),
            Rect::new(x, y + top, left, h - top),
            Rect::new(right.x, y + top, right.width, h - top),
        ],
    }
}

/// Inside of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_80x24_without_overlap() {
        let a = areas(80, 24, 1, Card::Hidden);
        assert_eq!(a.status, Rect::new(0, 23, 80, 1));
        assert_eq!(a.list.width + a.dialog.width, 80);
        assert_eq!(a.dialog.height + a.compose.height, 23);
        assert_eq!(a.compose.height, 3);
        assert!(inner(a.dialog).width >= 50);
    }

    #[test]
    fn card_sits_beside_the_dialog_when_there_is_room() {
        let wide = areas(160, 48, 1, Card::Shown);
        assert_eq!(wide.card.width, 40);
        assert_eq!(wide.dialog.x + wide.dialog.width, wide.card.x);
        assert!(wide.dialog.width >= MIN_DIALOG);
        // At 80 columns the dialog would get too narrow: the card is a strip above it, and
        // the dialog keeps most of its rows.
        let narrow = areas(80, 24, 1, Card::Shown);
        assert_eq!(narrow.card.width, narrow.dialog.width);
        assert_eq!(narrow.card.bottom(), narrow.dialog.y);
        assert_eq!(narrow.card.height, 8);
        assert!(inner(narrow.dialog).height >= 10, "{narrow:?}");
        assert_eq!(areas(80, 24, 1, Card::Hidden).card, Rect::default());
    }

    #[test]
    fn four_panes_at_80x24_each_keep_a_title_and_lines() {
        let dialog = areas(80, 24, 1, Card::Hidden).dialog;
        let panes = panes(dialog, Layout::Four);
        assert_eq!(panes.len(), 4);
        for p in &panes {
            assert!(inner(*p).height >= 6 && inner(*p).width >= 20, "{p:?}");
        }
        let cells: u32 = panes.iter().map(|p| p.area()).sum();
        assert_eq!(cells, dialog.area(), "panes tile the dialog");
        let mut layout = Layout::One;
        for _ in 0..5 {
            assert_eq!(panes_of(dialog, layout), layout.count());
            layout = layout.next();
        }
        assert_eq!(layout, Layout::One);
    }

    fn panes_of(dialog: Rect, layout: Layout) -> usize {
        panes(dialog, layout).len()
    }

    #[test]
    fn on_a_narrow_screen_the_list_gives_way_to_the_dialog() {
        assert_eq!(list_width(80), 26);
        assert_eq!(list_width(64), 24);
        assert_eq!(list_width(56), 16, "the dialog keeps its 40 columns");
        assert_eq!(list_width(40), 16, "not narrower than a name and its wait");
        assert_eq!(list_width(12), 12);
        let a = areas(50, 16, 1, Card::Hidden);
        assert_eq!((a.list.width, a.dialog.width), (16, 34));
    }

    #[test]
    fn tiny_terminal_does_not_underflow() {
        let a = areas(3, 2, 9, Card::Whole);
        assert!(a.list.width <= 3 && a.compose.height <= 1);
        let _ = areas(0, 0, 0, Card::Whole);
        let _ = panes(Rect::new(0, 0, 1, 1), Layout::Four);
    }
}
