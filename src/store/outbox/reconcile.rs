//! Deciding whether a post whose outcome is unknown reached the server, by comparing it with
//! the user's sent messages (`GET messages/sent.json`). Pure: no I/O, no clock.
//!
//! A sent message matches an outbox item when all hold:
//! - it is not already matched to another outbox item (`claimed` server ids), so two identical
//!   posts are never both satisfied by one server message;
//! - same target: same `replied_to_id` for a reply; same group (`None` = All Company) and no
//!   reply/direct recipients for a new post; the recipient among `direct_to_user_ids` for a
//!   direct message;
//! - same text after [`normalise_body`];
//! - its `created_at` lies within `window_secs` of the item's request period
//!   (`first_attempt_at - window` ..= `last_attempt_at + window`; `created_at` when no request
//!   was recorded). The window is anchored on the requests rather than on `created_at` because a
//!   post queued offline for hours is created on the server only when finally sent; the slack
//!   on the early side absorbs clock skew between client and server.
//!
//! Among several matches the lowest server id wins, so repeated identical posts are paired in
//! order. "Not arrived" is only concluded when the sent list provably reaches back past the
//! window; otherwise the answer is `Undecidable` (fetch further back, or check again later).

use std::collections::HashSet;

use super::items::OutboxItem;
use super::target::DraftTarget;

/// One message from the server's sent feed, reduced to what matching needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMessage {
    pub id: u64,
    /// `body.plain` as the server returned it.
    pub body_plain: String,
    /// The message's group; `None` for All Company (the API layer maps a network's
    /// All Company group id to `None`) and for direct messages.
    pub group_id: Option<u64>,
    pub replied_to_id: Option<u64>,
    pub direct_to_user_ids: Vec<u64>,
    /// Unix seconds, server clock.
    pub created_at: i64,
}

/// Whether the sent list given to [`reconcile`] may be missing older messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentCoverage {
    /// The list holds every sent message from the window's start on (e.g. a page that was not
    /// full, or pages fetched until one reached past the window).
    Complete,
    /// The page was full: older messages may exist beyond it.
    MayHaveOlder,
}

/// The verdict on one unknown-outcome item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reconciliation {
    /// It is on the server under this id: mark it sent, do not send again.
    Arrived { server_id: u64 },
    /// Provably absent from the sent list for the whole window.
    NotArrived,
    /// The list does not reach back far enough to tell.
    Undecidable,
}

/// Matches `item` against `sent` as described in the module header.
pub fn reconcile(
    item: &OutboxItem,
    sent: &[SentMessage],
    coverage: SentCoverage,
    claimed: &HashSet<u64>,
    window_secs: i64,
) -> Reconciliation {
    let window = window_secs.max(0);
    let earliest = item.first_attempt_at.unwrap_or(item.created_at);
    let latest = item.last_attempt_at.unwrap_or(earliest).max(earliest);
    let from = earliest.saturating_sub(window);
    let until = latest.saturating_add(window);
    let body = normalise_body(&item.body);
    let found = sent
        .iter()
        .filter(|message| !claimed.contains(&message.id))
        .filter(|message| (from..=until).contains(&message.created_at))
        .filter(|message| same_target(item.target, message))
        .filter(|message| normalise_body(&message.body_plain) == body)
        .map(|message| message.id)
        .min();
    if let Some(server_id) = found {
        return Reconciliation::Arrived { server_id };
    }
    let reaches_past_window = sent.iter().any(|message| message.created_at < from);
    if coverage == SentCoverage::Complete || reaches_past_window {
        Reconciliation::NotArrived
    } else {
        Reconciliation::Undecidable
    }
}

/// Text as compared by [`reconcile`]: trimmed, every run of whitespace (spaces, tabs, CR/LF,
/// other Unicode spaces) turned into one space.
pub fn normalise_body(body: &str) -> String {
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_target(target: DraftTarget, message: &SentMessage) -> bool {
    match target {
        DraftTarget::NewPost { group_id } => {
            message.replied_to_id.is_none()
                && message.direct_to_user_ids.is_empty()
                && message.group_id == group_id
        }
        DraftTarget::Reply { replied_to_id, .. } => message.replied_to_id == Some(replied_to_id),
        DraftTarget::Direct { user_id } => {
            message.replied_to_id.is_none() && message.direct_to_user_ids.contains(&user_id)
        }
    }
}
