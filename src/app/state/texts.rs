//! A chat's message texts kept in one store of fixed-size chunks instead of one heap string
//! per message: a message is then 8 bytes of reference plus its bytes, and the slack is at
//! most one chunk per chat. A chunk never grows past its size, so nothing is moved once
//! written (only the first chunk of a chat starts small and doubles, so a quiet chat costs
//! little).

/// Bytes per chunk; a longer text gets a chunk of its own.
const CHUNK: usize = 16 * 1024;
/// The first chunk of a chat starts this small.
const FIRST: usize = 256;

/// Where one text lies in a chat's [`Texts`]: offsets are counted over all chunks, so chunk
/// `k` holds `bases[k]..bases[k] + chunks[k].len()`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextRef {
    start: u32,
    len: u32,
}

impl TextRef {
    pub fn len(self) -> usize {
        self.len as usize
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    chunks: Vec<String>,
    bases: Vec<u32>,
}

impl Texts {
    /// Appends `text`. Offsets are u32: 4 GiB of text in one chat is beyond any console.
    pub fn push(&mut self, text: &str) -> TextRef {
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.len() + text.len() <= CHUNK.max(c.capacity()));
        if !fits {
            let base = match (self.bases.last(), self.chunks.last()) {
                (Some(b), Some(c)) => b.saturating_add(to_u32(c.len())),
                _ => 0,
            };
            let size = if self.chunks.is_empty() { FIRST } else { CHUNK };
            self.chunks
                .push(String::with_capacity(size.max(text.len())));
            self.bases.push(base);
        }
        let (Some(chunk), Some(base)) = (self.chunks.last_mut(), self.bases.last()) else {
            return TextRef::default();
        };
        if chunk.capacity() < chunk.len() + text.len() {
            // Only the first chunk grows (doubling up to CHUNK), never past CHUNK.
            let want = (chunk.capacity() * 2).clamp(chunk.len() + text.len(), CHUNK);
            chunk.reserve_exact(want - chunk.len());
        }
        let start = base.saturating_add(to_u32(chunk.len()));
        chunk.push_str(text);
        TextRef {
            start,
            len: to_u32(text.len()),
        }
    }

    /// The text `r` refers to ("" for a reference from another store).
    pub fn get(&self, r: TextRef) -> &str {
        let k = self
            .bases
            .partition_point(|&b| b <= r.start)
            .saturating_sub(1);
        let (Some(chunk), Some(base)) = (self.chunks.get(k), self.bases.get(k)) else {
            return "";
        };
        let from = (r.start - base) as usize;
        chunk.get(from..from + r.len()).unwrap_or("")
    }

    /// Bytes reserved.
    #[cfg(test)]
    pub fn capacity(&self) -> usize {
        self.chunks.iter().map(String::capacity).sum()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_across_chunk_boundaries() {
        let mut t = Texts::default();
        let words = ["Здравствуйте!", "日本語のテキスト", "Спасибо 👍", "", "a"];
        let mut refs = Vec::new();
        // Enough to fill several chunks, with texts landing right at the ends.
        for i in 0..5_000 {
            let text = format!("{} {i}", words[i % words.len()]);
            refs.push((t.push(&text), text));
        }
        assert!(t.chunks.len() > 3, "{} chunks", t.chunks.len());
        for (r, text) in &refs {
            assert_eq!(t.get(*r), text);
        }
        // No chunk but the last has more than a chunk's slack, none grew past CHUNK.
        assert!(t.chunks.iter().all(|c| c.capacity() <= CHUNK));
        let used: usize = t.chunks.iter().map(String::len).sum();
        assert!(
            t.capacity() - used < 2 * CHUNK,
            "slack {}",
            t.capacity() - used
        );
    }

    #[test]
    fn a_long_text_gets_its_own_chunk_and_later_ones_continue_after_it() {
        let mut t = Texts::default();
        let a = t.push("short");
        let long = "ж".repeat(CHUNK);
        let b = t.push(&long);
        let c = t.push("after");
        assert_eq!(t.get(a), "short");
        assert_eq!(t.get(b), long);
        assert_eq!(t.get(c), "after");
        assert_eq!(t.chunks.len(), 3);
    }

    #[test]
    fn a_quiet_chat_reserves_little() {
        let mut t = Texts::default();
        let r = t.push("Здравствуйте!");
        assert_eq!(t.get(r), "Здравствуйте!");
        assert!(t.capacity() <= FIRST, "{}", t.capacity());
        assert_eq!(Texts::default().get(r), "");
    }
}
