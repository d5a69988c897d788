//! The people-expertise index: "who knows X?" answered from what people declare (expertise,
//! interests, job title: exact, prefix and close spellings) and from what they write (BM25 over
//! each person's messages and topics, recent and liked messages weighing more), with the reasons
//! for every place in the ranking. Also the plain as-you-type people directory with filters.
//!
//! Built incrementally from profiles (`upsert_person`) and messages (`add_message`, idempotent
//! on id, `remove_message`, `set_likes`); an update touches only the terms involved (the name
//! order is re-derived on the next query after a profile change, and the directory text is
//! compacted when half of it is stale). People with `show_in_directory = false` never appear
//! in any result. Ranking is deterministic (ties by name, then id) and never reads the clock.
//!
//! Layout, one job per file: `doc` (inputs), `tokenize`, `fuzzy`, `vocab` (terms and query-word
//! expansion), `term_key`, `hash`, `intern`, `people`, `messages`, `postings`, `index`
//! (updates), `plan` (query → terms and weights), `score` (the scoring pass), `rank`
//! (`who_knows`, ordering), `reasons` (`Match`, `Reason`, summaries), `explain` (reasons and
//! evidence lists), `directory` and `directory_text`, `stats`.
//!
//! This module does no I/O and knows nothing of the store or the UI; `feed` adapts API users
//! and client messages to `PersonDoc` and `MessageDoc`.

mod directory;
mod directory_text;
mod doc;
mod explain;
pub mod feed;
mod fuzzy;
mod hash;
mod index;
mod intern;
mod messages;
mod people;
mod person_idx;
mod plan;
mod postings;
mod query;
mod rank;
mod reasons;
mod score;
mod stats;
mod term_key;
mod tokenize;
mod vocab;

pub use directory::Facets;
pub use doc::{MAX_TAGS, MessageDoc, PersonDoc};
pub use index::{Added, ExpertiseIndex};
pub use query::{MAX_QUERY_BYTES, MAX_QUERY_WORDS, Query, SortOrder};
pub use reasons::{DeclaredField, Match, MatchKind, Reason, ScoreParts, relative_age};
pub use stats::IndexStats;
