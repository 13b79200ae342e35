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
    /// [`Grid::table`] within `columns` of a terminal: when the whole table is wider, its
    /// number columns are dealt into blocks that each fit (at least one a block), each block
    /// headed by the text column again, blocks a blank line apart. A terminal's soft wrap
    /// would interleave the rows' ends instead.
    pub fn table_within(&self, columns: usize) -> String {
        let widths = self.widths();
        let whole: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        if whole <= columns || widths.len() < 3 {
            return self.table();
        }
        let mut blocks: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = widths[0];
        for (i, w) in widths.iter().enumerate().skip(1) {
            let block = blocks.last_mut().expect("one block at least");
            if !block.is_empty() && used + 2 + w > columns {
                blocks.push(Vec::new());
                used = widths[0];
            }
            blocks.last_mut().expect("just pushed").push(i);
            used += 2 + w;
        }
        let pick = |row: &[String], block: &[usize]| -> Vec<String> {
            std::iter::once(0)
                .chain(block.iter().copied())
                .map(|i| row.get(i).cloned().unwrap_or_default())
                .collect()
        };
        let tables: Vec<String> = blocks
            .iter()
            .map(|block| {
                Grid {
                    header: pick(&self.header, block),
                    rows: self.rows.iter().map(|row| pick(row, block)).collect(),
                }
                .table()
            })
            .collect();
        tables.join("\n")
    }

    /// Each column's width: its widest cell, header included.
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        widths
    }

    /// Columns two spaces apart; trailing spaces trimmed.
    pub fn table(&self) -> String {
        let widths = self.widths();
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
    fn a_table_wider_than_the_terminal_comes_in_blocks_that_fit() {
        let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let g = Grid {
            header: s(&[
                "оператор",
                "чатов",
                "отвечено",
                "пропущено",
                "1-й мед",
                "ушли",
            ]),
            rows: vec![
                s(&["Анна Петрова", "12", "11", "1", "42с", "0"]),
                s(&["bob", "3", "3", "0", "1м05с", "1"]),
            ],
        };
        assert_eq!(g.table_within(200), g.table());
        let fitted = g.table_within(36);
        let blocks: Vec<&str> = fitted.split("\n\n").collect();
        assert!(blocks.len() > 1, "{fitted}");
        for line in fitted.lines() {
            assert!(line.width() <= 36, "{line:?} in\n{fitted}");
        }
        // Every block names its rows, and every cell is somewhere, once.
        for block in &blocks {
            let lines: Vec<&str> = block.lines().collect();
            assert!(lines[0].starts_with("оператор"), "{block}");
            assert!(lines[1].starts_with("Анна Петрова") && lines[2].starts_with("bob"));
        }
        for header in &g.header[1..] {
            assert_eq!(
                fitted.matches(header.as_str()).count(),
                1,
                "{header}: {fitted}"
            );
        }
        assert!(fitted.contains("1м05с"), "{fitted}");
        // Too narrow for even one number beside the names: one number a block, never none.
        let narrow = g.table_within(5);
        assert_eq!(narrow.split("\n\n").count(), 5, "{narrow}");
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
