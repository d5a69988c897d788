//! The outbox as the client sees it: the posts waiting to go out (mirrored from the store's
//! outbox through the delivery engine's events and answers), whether the server could be
//! reached, and how posts are sent at all: through the outbox, or directly when kring has no
//! store. Plain data and pure functions; delivering is `delivery`'s job, the disk is the
//! run loop's, and applying the outbox's news to the rest of the client (and showing pending
//! posts in the feeds) is the core's routing, so nothing here does I/O or names the client's
//! state. Panes and overlays read it through narrow inputs.

pub mod effect;
pub mod label;

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::{Catalog, DraftFor, GroupId, MessageId, ThreadId, UserId};
use crate::store::{DraftTarget, OutboxItem, OutboxState};

/// Pending posts are shown as messages with ids from here on (local id added), far above any
/// server's ids, so they sort as the newest and can never be mistaken for a server message.
pub const PENDING_ID_BASE: u64 = 1 << 62;

/// How a sent post reaches the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PostingMode {
    /// Straight from the editor (no local store, or before the outbox is known).
    #[default]
    Direct,
    /// Through the outbox: on disk first, then delivered by the engine.
    Outbox,
}

/// Whether the server could be reached the last time anything tried.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Connection {
    #[default]
    Online,
    /// Unreachable; delivery tries again at `retry_at`.
    Offline { retry_at: DateTime<Utc> },
    /// The server asked to slow down until `retry_at`.
    RateLimited { retry_at: DateTime<Utc> },
    /// Delivery is held up for a reason the user may need to fix.
    Blocked {
        reason: String,
        retry_at: DateTime<Utc>,
    },
}

/// Where one post of the outbox is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingStatus {
    Queued,
    Sending,
    /// The request may have arrived; the engine checks before anything is sent again.
    Unknown,
    /// The server refused it; it waits for the user (edit, retry or cancel).
    Failed {
        reason: String,
    },
    /// On the server as `server_id`; shown until the server's message is loaded.
    Sent {
        server_id: MessageId,
    },
}

/// One post of the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingPost {
    pub local_id: i64,
    pub draft_for: DraftFor,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub status: PendingStatus,
    /// Why the last attempt did not get through (offline, rate limited…), if it did not.
    pub last_error: Option<String>,
}

impl PendingPost {
    /// The post as the store holds it.
    pub fn from_item(item: &OutboxItem) -> Self {
        let status = match (&item.state, item.server_message_id) {
            (OutboxState::Queued, _) => PendingStatus::Queued,
            (OutboxState::Sending, _) => PendingStatus::Sending,
            (OutboxState::Failed { reason }, _) => PendingStatus::Failed {
                reason: reason.clone(),
            },
            (OutboxState::Sent, Some(id)) => PendingStatus::Sent {
                server_id: MessageId(id),
            },
            (OutboxState::Unknown | OutboxState::Sent, _) => PendingStatus::Unknown,
        };
        Self {
            local_id: item.local_id,
            draft_for: draft_for(item.target),
            body: item.body.clone(),
            created_at: Utc
                .timestamp_opt(item.created_at, 0)
                .single()
                .unwrap_or_default(),
            status,
            last_error: item.last_error.clone(),
        }
    }

    /// The id the post is shown under until the server's message replaces it.
    pub fn message_id(&self) -> MessageId {
        MessageId(PENDING_ID_BASE.saturating_add(u64::try_from(self.local_id).unwrap_or(0)))
    }

    /// The thread it shows in: the replied-to thread, or a thread of its own.
    pub fn thread(&self) -> ThreadId {
        match self.draft_for {
            DraftFor::Reply { thread, .. } => thread,
            _ => ThreadId(self.message_id().0),
        }
    }

    /// Not settled yet: queued, sending or unknown (what the status bar counts).
    pub const fn is_pending(&self) -> bool {
        matches!(
            self.status,
            PendingStatus::Queued | PendingStatus::Sending | PendingStatus::Unknown
        )
    }

    /// The text's first non-empty line.
    pub fn first_line(&self) -> &str {
        self.body
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .unwrap_or_default()
    }
}

/// The client's view of the outbox.
#[derive(Clone, Debug, Default)]
pub struct OutboxView {
    pub mode: PostingMode,
    /// Posts in the outbox, oldest first, plus sent ones whose message is not loaded yet.
    pub posts: Vec<PendingPost>,
    /// Unsettled posts, as the engine last counted them.
    pub pending: u64,
    pub connection: Connection,
}

impl OutboxView {
    pub fn post(&self, local_id: i64) -> Option<&PendingPost> {
        self.posts.iter().find(|p| p.local_id == local_id)
    }

    pub fn post_mut(&mut self, local_id: i64) -> Option<&mut PendingPost> {
        self.posts.iter_mut().find(|p| p.local_id == local_id)
    }

    /// The post shown as message `id`, if `id` is a pending post's.
    pub fn by_message(&self, id: MessageId) -> Option<&PendingPost> {
        self.posts.iter().find(|p| p.message_id() == id)
    }

    /// Posts the server refused.
    pub fn failed(&self) -> usize {
        self.posts
            .iter()
            .filter(|p| matches!(p.status, PendingStatus::Failed { .. }))
            .count()
    }

    /// The posts the outbox overlay lists: everything not sent yet.
    pub fn listed(&self) -> Vec<&PendingPost> {
        self.posts
            .iter()
            .filter(|p| !matches!(p.status, PendingStatus::Sent { .. }))
            .collect()
    }
}

/// The name shown for a sender the catalog does not know: "you" on a post still in the outbox
/// (written before the signed-in user was known, e.g. offline on a first start).
pub fn unknown_author(message: &crate::domain::Message) -> String {
    if is_pending_id(message.id) {
        "you".to_owned()
    } else {
        format!("user {}", message.sender)
    }
}

/// Whether `id` belongs to a post that is not on the server yet.
pub const fn is_pending_id(id: MessageId) -> bool {
    id.0 >= PENDING_ID_BASE
}

/// Whether `thread` is a pending post's own thread (nothing to fetch from the server).
pub const fn is_pending_thread(thread: ThreadId) -> bool {
    thread.0 >= PENDING_ID_BASE
}

/// The app's name for a store target.
pub fn draft_for(target: DraftTarget) -> DraftFor {
    match target {
        DraftTarget::NewPost { group_id } => DraftFor::NewPost(group_id.map(GroupId)),
        DraftTarget::Reply {
            thread_id,
            replied_to_id,
        } => DraftFor::Reply {
            thread: ThreadId(thread_id),
            to: MessageId(replied_to_id),
        },
        DraftTarget::Direct { user_id } => DraftFor::Direct(UserId(user_id)),
    }
}

/// A short name for where a post goes: "All Company", a community, "reply to Ada", "to Ada".
pub fn target_label(catalog: &Catalog, draft_for: DraftFor) -> String {
    let name_of = |user: UserId| {
        catalog
            .person(user)
            .map_or_else(|| format!("user {user}"), |p| p.full_name.to_string())
    };
    match draft_for {
        DraftFor::NewPost(None) => "All Company".to_owned(),
        DraftFor::NewPost(Some(group)) => catalog
            .community(group)
            .map_or_else(|| format!("community {group}"), |c| c.name.to_string()),
        DraftFor::Reply { to, .. } => match catalog.message(to) {
            Some(message) => format!("reply to {}", name_of(message.sender)),
            None => format!("reply to message {to}"),
        },
        DraftFor::Direct(user) => format!("to {}", name_of(user)),
    }
}
