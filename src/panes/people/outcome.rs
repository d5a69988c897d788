//! What the people pane hands back ([`PeopleOutcome`]): its own network requests, requests it
//! no longer wants, a notice, a page for the client's catalog, and what only the rest of the
//! client can do (open a thread, start a private message, open the profile form, refresh the
//! shown feed). Data only.

use super::effect::PeopleEffect;
use crate::api::ApiError;
use crate::domain::{MessageId, Page, ThreadId, UserId};
use crate::panes::notice::Notice;
use crate::panes::request::RequestId;

/// What the rest of the client is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleRequest {
    /// Open `thread` in the thread pane, on `message`, and focus it.
    OpenThread {
        thread: ThreadId,
        message: MessageId,
    },
    /// Start a private message to `to`.
    DirectMessage { to: UserId, name: String },
    /// Open the form on your own profile.
    EditProfile,
    /// `ctrl-r`: what is new in the shown feed, the open thread and the community list.
    Refresh,
    /// The server answered a change to your profile.
    ProfileSaved(Result<(), ApiError>),
}

/// What an action or an answer in the people pane asks of the rest of the client.
#[derive(Clone, Debug, Default)]
pub struct PeopleOutcome {
    /// Requests to the network, in order.
    pub effects: Vec<PeopleEffect>,
    /// Requests in flight whose answers are no longer wanted (carried out first).
    pub cancel: Vec<RequestId>,
    /// A notice for the status line.
    pub notice: Option<Notice>,
    /// Messages to keep in the client's catalog; the pane follows the index once they are
    /// there (see `absorb::index_changed`).
    pub absorb: Option<Page>,
    /// What only the rest of the client can do (carried out before `effects` are sent).
    pub request: Option<PeopleRequest>,
}

impl PeopleOutcome {
    /// Nothing asked.
    pub fn none() -> Self {
        Self::default()
    }

    /// Asks for `effect`.
    pub fn effect(effect: PeopleEffect) -> Self {
        Self {
            effects: vec![effect],
            ..Self::default()
        }
    }

    /// Shows `notice`.
    pub fn notice(notice: Notice) -> Self {
        Self {
            notice: Some(notice),
            ..Self::default()
        }
    }

    /// Asks the rest of the client for `request`.
    pub fn request(request: PeopleRequest) -> Self {
        Self {
            request: Some(request),
            ..Self::default()
        }
    }
}
