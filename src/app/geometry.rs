//! Where things go on screen. Shared by `ui` (to draw) and `update` (to map clicks, wrap text
//! to the dialog width and page by the dialog height), so both always agree.

use ratatui::layout::Rect;

/// The screen's parts, borders included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub list: Rect,
    pub dialog: Rect,
    pub compose: Rect,
    pub status: Rect,
}

/// Most lines the compose box grows to before it scrolls.
const MAX_COMPOSE_LINES: u16 = 5;

pub fn areas(width: u16, height: u16, compose_lines: usize) -> Areas {
    let status_h = 1.min(height);
    let body_h = height - status_h;
    let list_w = (width / 3).clamp(24.min(width), 40.min(width));
    let right_w = width - list_w;
    let compose_lines = u16::try_from(compose_lines.max(1))
        .unwrap_or(MAX_COMPOSE_LINES)
        .min(MAX_COMPOSE_LINES);
    let compose_h = (compose_lines + 2).min(body_h);
    Areas {
        list: Rect::new(0, 0, list_w, body_h),
        dialog: Rect::new(list_w, 0, right_w, body_h - compose_h),
        compose: Rect::new(list_w, body_h - compose_h, right_w, compose_h),
        status: Rect::new(0, body_h, width, status_h),
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
        let a = areas(80, 24, 1);
        assert_eq!(a.status, Rect::new(0, 23, 80, 1));
        assert_eq!(a.list.width + a.dialog.width, 80);
        assert_eq!(a.dialog.height + a.compose.height, 23);
        assert_eq!(a.compose.height, 3);
        assert!(inner(a.dialog).width >= 50);
    }

    #[test]
    fn tiny_terminal_does_not_underflow() {
        let a = areas(3, 2, 9);
        assert!(a.list.width <= 3 && a.compose.height <= 1);
        let _ = areas(0, 0, 0);
    }
}
