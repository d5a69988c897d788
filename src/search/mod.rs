//! Search across everything kring can see: what the user typed ([`SearchQuery`], parsed in `text::search_query`), the cache's
//! full-text index read as results ([`local`]), the server's `search.json` read as results
//! ([`remote`]), and the two merged into one list grouped by kind ([`hit`]). The TUI's search
//! overlay and `kring search` both come through here. No I/O of its own: the callers run the
//! store and the API and hand their answers in.

pub mod hit;
pub mod local;
pub mod remote;

pub use crate::text::search_query::SearchQuery;
pub use hit::{Hit, HitKind, Hits, Source};
