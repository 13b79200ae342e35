//! Full-text search, the parts that need no database: words to Snowball stems (Russian and
//! English), a user's query to an FTS5 `MATCH` expression, and the snippet of a hit with its
//! words marked. The index and the query themselves are `store/search_index.rs` and
//! `store/search.rs`; see docs/search.md.

pub mod snippet;
pub mod stem_memo;
pub mod words;

pub use snippet::{Snippet, snippet};
pub use stem_memo::StemMemo;
pub use words::{QueryError, Stems, expression, match_expression, terms};
