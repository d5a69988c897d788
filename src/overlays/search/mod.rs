//! The search overlay (`/` outside the People pane): one line over messages, communities,
//! people and topics, results grouped by kind with counts. The cache answers at once (and
//! offline); the server's `search.json` answer merges in when it arrives, deduplicated by id,
//! each row saying where it came from. Searches start once typing pauses
//! ([`SEARCH_PAUSE`], counted on ticks), and the server is asked at most
//! [`SERVER_CALLS`] times per [`SERVER_WINDOW`] from here, well inside the rate budget, never
//! twice for the same text, one request at a time (a newer one cancels the older). That budget
//! ([`ServerBudget`]) belongs to the session: closing and reopening the overlay keeps it.
//!
//! One job per file: this one (state, the effects and answers, the debounce and the budget:
//! pure bookkeeping), `update` (keys, answers, Enter), `view` (drawing), `worker` (the shell's
//! side: the server request).

pub mod update;
pub mod view;
pub mod worker;

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::api::ApiError;
use crate::panes::people::query::QueryLine;
use crate::panes::request::RequestId;
use crate::search::{Hit, Hits, SearchQuery};

/// How long typing must pause before a search starts.
pub const SEARCH_PAUSE: Duration = Duration::from_millis(150);
/// Server searches this overlay may start per [`SERVER_WINDOW`]: a part of the rate budget's
/// 10 calls per 30 s, so feeds and threads keep theirs.
pub const SERVER_CALLS: usize = 4;
/// The window [`SERVER_CALLS`] counts in.
pub const SERVER_WINDOW: Duration = Duration::from_secs(30);
/// Results of each kind asked of the cache.
pub const LOCAL_LIMIT: usize = 50;
/// How soon after a key the first tick comes (it starts the quiet time).
const FIRST_TICK: Duration = Duration::from_millis(10);

/// What the overlay asks of the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchEffect {
    /// The cache's results (answered with [`SearchMsg::Local`]).
    Local {
        req: RequestId,
        query: Box<SearchQuery>,
    },
    /// One page of the server's results (answered with [`SearchMsg::Server`]).
    Server {
        req: RequestId,
        query: Box<SearchQuery>,
    },
}

/// The answers.
#[derive(Clone, Debug)]
pub enum SearchMsg {
    Local {
        req: RequestId,
        hits: Hits,
    },
    Server {
        req: RequestId,
        result: Result<Hits, ApiError>,
    },
}

/// Where the server's part of the results stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ServerState {
    /// Not asked (nothing to send, or no search yet).
    #[default]
    Idle,
    /// Asked; waiting for the answer.
    Loading,
    /// Waiting for this overlay's share of the rate budget.
    Budget,
    /// Answered.
    Done,
    /// Failed: why (offline, rate limited …); the cache's results stand alone.
    Failed(String),
}

/// The overlay's state.
#[derive(Clone, Debug, Default)]
pub struct SearchOverlay {
    pub line: QueryLine,
    /// The results shown, for [`SearchOverlay::searched`]: `local` with `remote` merged in.
    pub hits: Hits,
    /// The cache's results.
    pub local: Hits,
    /// The server's results, once they came.
    pub remote: Option<Hits>,
    /// The text the results are for.
    pub searched: String,
    /// Index into `hits.iter()`.
    pub selected: usize,
    pub server: ServerState,
    /// Typing has not paused yet since the line last changed.
    pending: bool,
    quiet_since: Option<DateTime<Utc>>,
    local_req: Option<RequestId>,
    server_req: Option<RequestId>,
    /// A server search waiting for the budget.
    server_wanted: Option<SearchQuery>,
    /// Server terms already asked in this overlay, with their results' server part.
    asked: Vec<(String, Hits)>,
}

impl SearchOverlay {
    /// The line changed (a key or a paste): the search waits for typing to pause.
    pub fn typed(&mut self) {
        self.pending = true;
        self.quiet_since = None;
    }

    /// Shows the cache's results with the server's merged in, keeping the selected hit
    /// selected when it is still there.
    fn merge(&mut self) {
        let selected = self.selected_hit().map(|h| (h.kind, h.id));
        let mut hits = self.local.clone();
        if let Some(remote) = &self.remote {
            hits.merge(remote.clone());
        }
        self.hits = hits;
        self.selected = selected
            .and_then(|(kind, id)| self.hits.iter().position(|h| h.kind == kind && h.id == id))
            .unwrap_or(0);
    }

    /// The selected hit.
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.iter().nth(self.selected)
    }

    /// A tick at `now`: the query to search once typing has paused.
    pub fn due(&mut self, now: DateTime<Utc>) -> Option<SearchQuery> {
        if !self.pending {
            return None;
        }
        let Some(since) = self.quiet_since else {
            self.quiet_since = Some(now);
            return None;
        };
        if (now - since).to_std().unwrap_or(Duration::ZERO) < SEARCH_PAUSE {
            return None;
        }
        self.pending = false;
        self.quiet_since = None;
        Some(SearchQuery::parse(&self.line.text))
    }

    /// How soon a tick is needed: for a pause to end, or a budget slot to free.
    pub fn next_tick_in(&self, budget: &ServerBudget, now: DateTime<Utc>) -> Option<Duration> {
        let pause = self.pending.then(|| match self.quiet_since {
            None => FIRST_TICK,
            Some(since) => {
                SEARCH_PAUSE.saturating_sub((now - since).to_std().unwrap_or(Duration::ZERO))
            }
        });
        let budget = self
            .server_wanted
            .as_ref()
            .and_then(|_| budget.free_in(now));
        match (pause, budget) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// The server searches the overlay started lately: the session's, so that reopening the
/// overlay does not refill it.
#[derive(Clone, Debug, Default)]
pub struct ServerBudget {
    /// When the last server searches started, oldest first.
    sent: VecDeque<DateTime<Utc>>,
}

impl ServerBudget {
    /// Whether the budget allows a server search at `now` (and if so, counts it).
    pub fn take(&mut self, now: DateTime<Utc>) -> bool {
        while self
            .sent
            .front()
            .is_some_and(|t| (now - *t).to_std().unwrap_or(Duration::ZERO) >= SERVER_WINDOW)
        {
            self.sent.pop_front();
        }
        if self.sent.len() >= SERVER_CALLS {
            return false;
        }
        self.sent.push_back(now);
        true
    }

    /// How soon the oldest counted search leaves the window; `None` when none is counted.
    pub fn free_in(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.sent
            .front()
            .map(|t| SERVER_WINDOW.saturating_sub((now - *t).to_std().unwrap_or(Duration::ZERO)))
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
