//! The people pane: the expertise directory. Everyone visible in the network as a virtualised
//! list, an as-you-type query (`/`, `esc` clears) with `dept:` / `loc:` filters, three sort
//! orders (`s`), "who knows X?" ranking with the reason for every place, and a profile card
//! (`enter`) with the person's threads, evidence first, from which a thread opens, a private
//! message starts (`m`) or a follow toggles (`F`).
//!
//! The index fills in the background: at start the cached directory and messages are read in
//! (after the first frame), the people listing pages in one request at a time once the pane is
//! first shown (a refresh when the cache had it all), and every message the client receives is
//! indexed as it arrives. While the listing is incomplete, people a query's search found are
//! merged in and marked.
//!
//! One job per file: `shared` (the index handle), `query` (the typed line), `results` (what is
//! listed), `paging` (the people listing), `evidence` (the debounced search for evidence),
//! `card` (the profile card's state), `cached` (the directory from the cache), `absorb` (indexing
//! what arrives), `backfill` (indexing a backlog off the UI thread), `update` and `card_update`
//! (keys and actions on the listing and on a card), `answers` (network answers), `ctx` and
//! `outcome` (what the pane reads, and asks of the rest of the client), `effect` and `worker`
//! (the network), `view` and `card_view` (drawing), `highlight` (query words in drawn text),
//! `why_listed` ("why am I listed?" on your own card, `w`; `e` there edits your profile).
//!
//! Keys, ticks and answers work on the pane's own state with what they read passed in (a
//! `PeopleCtx`) and return a `PeopleOutcome` that the core carries out; drawing reads the pane
//! and a `PeopleViewCtx`. The pane never sees the whole client's state, and never imports an
//! overlay.

pub mod absorb;
pub mod answers;
pub mod backfill;
pub mod cached;
pub mod card;
pub mod card_update;
pub mod card_view;
pub mod ctx;
pub mod effect;
pub mod evidence;
pub mod highlight;
pub mod outcome;
pub mod paging;
pub mod query;
pub mod results;
pub mod shared;
pub mod update;
pub mod view;
pub mod why_listed;
pub mod worker;

use std::collections::{HashMap, HashSet};

use crate::domain::{SafeText, UserId};
use crate::expertise::SortOrder;
use card::ProfileCard;
use effect::ProfileExtras;
use evidence::EvidenceSearch;
use paging::Paging;
use query::QueryLine;
use results::{Listing, OrderCache, listing};
use shared::SharedIndex;

/// Keymap modes while the query line is being typed: printable keys go into the line.
pub const SEARCH_MODES: &[&str] = &["people_search"];
/// Keymap modes otherwise.
pub const LIST_MODES: &[&str] = &["people", "global"];

/// Everything the people pane knows and shows.
#[derive(Clone, Debug, Default)]
pub struct PeoplePane {
    pub index: SharedIndex,
    /// Profile fields only the card shows, per person.
    pub extras: HashMap<UserId, ProfileExtras>,
    pub line: QueryLine,
    pub sort: SortOrder,
    pub listing: Listing,
    pub selected: Option<UserId>,
    /// The user moved the selection since the query last changed: it stays on that person
    /// while the listing changes; otherwise it stays on the best match.
    pub selection_moved: bool,
    pub paging: Paging,
    pub evidence: EvidenceSearch,
    pub card: Option<ProfileCard>,
    /// Whom the user follows, as far as this session has learned (`None` when unknown).
    pub following: HashMap<UserId, bool>,
    /// The communities of people whose card was opened.
    pub communities: HashMap<UserId, Vec<SafeText>>,
    /// The listing no longer matches the index or the query (recomputed when shown).
    pub stale: bool,
    /// The whole directory in the current name or activity order.
    pub orders: OrderCache,
    /// What the cache held for the directory, once read.
    pub cached: Option<CachedDirectory>,
    /// People a query's search found whom the listing has not delivered (yet).
    pub from_search: HashSet<UserId>,
}

/// What the cache held for the directory at start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CachedDirectory {
    pub people: usize,
    /// An earlier listing was read to its end.
    pub complete: bool,
}

impl PeoplePane {
    /// The keymap modes for the pane's current state, most specific first.
    pub fn modes(&self) -> &'static [&'static str] {
        if self.line.editing && self.card.is_none() {
            SEARCH_MODES
        } else {
            LIST_MODES
        }
    }

    /// Recomputes the listing for the current query at `now` (unix seconds), keeping the
    /// person the user moved to when they are still listed, else selecting the first.
    pub fn refresh(&mut self, now: i64) {
        let parsed = self.line.parsed();
        self.listing = listing(
            &self.index.lock(),
            &parsed,
            self.sort,
            now,
            &mut self.orders,
        );
        self.stale = false;
        let still_listed = self
            .selected
            .is_some_and(|id| self.listing.found.iter().any(|f| f.id == id));
        if !still_listed || !self.selection_moved {
            self.selected = self.listing.found.first().map(|f| f.id);
        }
    }

    /// Where the selection is in the listing.
    pub fn selected_index(&self) -> Option<usize> {
        let id = self.selected?;
        self.listing.found.iter().position(|f| f.id == id)
    }

    /// The next sort order (`s`): relevance → name → recently active → relevance.
    pub fn cycle_sort(&mut self) {
        self.sort = match self.sort {
            SortOrder::Relevance => SortOrder::Name,
            SortOrder::Name => SortOrder::RecentlyActive,
            SortOrder::RecentlyActive => SortOrder::Relevance,
        };
    }
}

/// The sort order's name as the pane shows it.
pub fn sort_label(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "relevance",
        SortOrder::Name => "name",
        SortOrder::RecentlyActive => "recently active",
    }
}
