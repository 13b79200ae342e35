//! The on-site list as frames of about 64 KiB: one frame of 20,000 rows would be several MiB
//! (see `routes/snapshot.rs` for why that is refused).

use frontdesk_protocol::{OperatorOut, SiteVisitor, encode};

/// A frame grows to about this many bytes of rows before the next one starts.
const FRAME_BYTES: usize = 64 * 1024;

/// Splits `rows` into groups of about [`FRAME_BYTES`] of JSON each (at least one group, maybe
/// empty, so a list always ends with a frame).
fn groups(rows: Vec<SiteVisitor>) -> Vec<Vec<SiteVisitor>> {
    let mut out = vec![Vec::new()];
    let mut bytes = 0;
    for row in rows {
        // A row's size: its JSON, measured once; rows are small and bounded.
        let size = serde_json::to_string(&row).map_or(FRAME_BYTES, |s| s.len());
        if bytes + size > FRAME_BYTES && out.last().is_some_and(|g| !g.is_empty()) {
            out.push(Vec::new());
            bytes = 0;
        }
        bytes += size;
        if let Some(group) = out.last_mut() {
            group.push(row);
        }
    }
    out
}

/// `site_part` frames and the `site_list` that ends them.
pub fn list(rows: Vec<SiteVisitor>) -> Vec<String> {
    let mut groups = groups(rows);
    let last = groups.pop().unwrap_or_default();
    let mut frames: Vec<String> = groups
        .into_iter()
        .map(|visitors| encode(&OperatorOut::SitePart { visitors }))
        .collect();
    frames.push(encode(&OperatorOut::SiteList { visitors: last }));
    frames
}

/// `site_visitors` frames for the rows that changed and the visitors who left (none when
/// nothing did).
pub fn changes(upsert: Vec<SiteVisitor>, leave: Vec<i64>) -> Vec<String> {
    if upsert.is_empty() && leave.is_empty() {
        return Vec::new();
    }
    let mut frames: Vec<String> = groups(upsert)
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|upsert| {
            encode(&OperatorOut::SiteVisitors {
                upsert,
                leave: Vec::new(),
            })
        })
        .collect();
    if !leave.is_empty() {
        // Ids are a few bytes each; a frame of 8,000 stays far under the size of a part.
        for ids in leave.chunks(8000) {
            frames.push(encode(&OperatorOut::SiteVisitors {
                upsert: Vec::new(),
                leave: ids.to_vec(),
            }));
        }
    }
    frames
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> SiteVisitor {
        let mut row = crate::site::row::new(id, 0);
        row.url = Some(format!("https://shop.example/{}", "x".repeat(1000)));
        row.pages = 1;
        row.visits = 1;
        row
    }

    #[test]
    fn a_long_list_goes_in_frames_of_about_64_kib_and_keeps_every_row() {
        let frames = list((0..500).map(row).collect());
        assert!(frames.len() > 5, "{} frames", frames.len());
        assert!(frames.iter().all(|f| f.len() < 70 * 1024));
        assert!(frames.last().is_some_and(|f| f.contains("\"site_list\"")));
        let rows: usize = frames.iter().map(|f| f.matches("visitor_id").count()).sum();
        assert_eq!(rows, 500);
    }

    #[test]
    fn an_empty_list_is_one_site_list_and_no_change_is_no_frame() {
        assert_eq!(list(Vec::new()).len(), 1);
        assert!(changes(Vec::new(), Vec::new()).is_empty());
    }
}
