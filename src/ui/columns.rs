//! Lines of columns for the views over the list (queue, statistics): text cut and padded by
//! display width, and spans cut where a line reaches the screen's edge.

use ratatui::text::{Line, Span};

use crate::app::state::cut_to_width;
use crate::app::wrap;

/// `text` cut to `columns` and padded with spaces to exactly that width.
pub fn pad(text: &str, columns: usize) -> String {
    let text = cut_to_width(text, columns);
    format!(
        "{text}{}",
        " ".repeat(columns.saturating_sub(wrap::width(text)))
    )
}

/// `text` cut to `columns` and right-aligned in them.
pub fn pad_left(text: &str, columns: usize) -> String {
    let text = cut_to_width(text, columns);
    format!(
        "{}{text}",
        " ".repeat(columns.saturating_sub(wrap::width(text)))
    )
}

pub fn cut(text: &str, columns: usize) -> String {
    cut_to_width(text, columns).to_owned()
}

/// The spans cut where the line reaches `width` columns.
pub fn fit_line(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if left == 0 {
            break;
        }
        let text = cut_to_width(&span.content, left).to_owned();
        left -= wrap::width(&text);
        out.push(Span::styled(text, span.style));
    }
    Line::from(out)
}
