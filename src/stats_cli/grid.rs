//! Rows of cells written as an aligned table (by display width, so Cyrillic names and wide
//! characters line up) or as CSV (RFC 4180 quoting).

use unicode_width::UnicodeWidthStr;

/// A header row and data rows of the same length. Column 0 is text (left-aligned), the rest
/// numbers (right-aligned).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// Columns two spaces apart; trailing spaces trimmed.
    pub fn table(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                let pad = " ".repeat(w.saturating_sub(cell.width()));
                if i > 0 {
                    line.push_str("  ");
                }
                if i == 0 {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn csv(&self) -> String {
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// Quoted when it holds a comma, a quote or a line break; quotes doubled.
fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        Grid {
            header: s(&["who", "chats"]),
            rows: vec![s(&["Анна Петрова", "12"]), s(&["bob", "3"])],
        }
    }

    #[test]
    fn cyrillic_names_align_by_display_width() {
        let table = grid().table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "who           chats");
        assert_eq!(lines[1], "Анна Петрова     12");
        assert_eq!(lines[2], "bob               3");
        let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
    }

    #[test]
    fn wide_characters_count_twice() {
        let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let g = Grid {
            header: s(&["who", "n"]),
            rows: vec![s(&["李娜", "1"]), s(&["abcd", "2"])],
        };
        assert_eq!(g.table(), "who   n\n李娜  1\nabcd  2\n");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let g = Grid {
            header: s(&["label", "n"]),
            rows: vec![s(&["Sales, \"B2B\"", "1"]), s(&["Анна", ""])],
        };
        assert_eq!(g.csv(), "label,n\r\n\"Sales, \"\"B2B\"\"\",1\r\nАнна,\r\n");
    }
}
