//! What `update` asks of the outbox ([`OutboxEffect`]) and what comes back ([`OutboxMsg`]):
//! the engine's events and the answers to those effects. Data only.

use crate::api::ApiError;
use crate::delivery::DeliveryEvent;
use crate::domain::{DraftFor, Page, ThreadId};
use crate::store::OutboxItem;

/// A change to the outbox, or a look at it. Carried out by the run loop (store work, quick)
/// except [`OutboxEffect::FetchSent`], which is the worker's (a request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutboxEffect {
    /// Queue a post: on disk before any request. Consumes the target's kept draft.
    Enqueue { draft_for: DraftFor, body: String },
    /// Replace the text of a queued or refused post; a refused one is queued again.
    Replace {
        local_id: i64,
        draft_for: DraftFor,
        body: String,
    },
    /// Remove a post that has not been sent.
    Cancel(i64),
    /// Queue a refused post again, now.
    Retry(i64),
    /// End the backoff pause of every queued post and try now.
    RetryAll,
    /// Read the whole outbox again.
    Reload,
    /// Load the thread a sent post landed in, so the server's message replaces the pending one.
    FetchSent { thread: ThreadId },
}

/// News from the outbox.
#[derive(Clone, Debug)]
pub enum OutboxMsg {
    /// The outbox is running (`Ok`), or there is none and posts go out directly (`Err`: why).
    Started(Result<(), String>),
    /// Something happened in the delivery engine.
    Event(DeliveryEvent),
    /// A post was queued (or could not be: the text comes back to the editor).
    Enqueued {
        draft_for: DraftFor,
        body: String,
        result: Result<OutboxItem, String>,
    },
    /// Every post of the account, oldest first.
    Items(Result<Vec<OutboxItem>, String>),
    /// A change the user asked for was done; the text says what.
    Done(String),
    /// A change the user asked for was refused. `reopen` is an edit to put back in the editor.
    Refused {
        doing: String,
        reason: String,
        reopen: Option<(i64, DraftFor, String)>,
    },
    /// The thread of a sent post, as the server has it now.
    SentThread {
        thread: ThreadId,
        result: Result<Page, ApiError>,
    },
}
