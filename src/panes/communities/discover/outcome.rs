//! What Discover's transitions read besides the pane's own state (`DiscoverCtx`) and what they
//! ask of the rest of the client (`DiscoverOutcome`): network effects and the account fact to
//! keep, in order, a notice, the member count to move, whom the user follows, and a request
//! (open the card, confirm a leave, learn a community's guidelines). Data only; the core's
//! route carries an outcome out.

use chrono::{DateTime, Utc};

use super::effect::DiscoverEffect;
use crate::domain::{Catalog, GroupId, SafeText, UserId};
use crate::panes::notice::Notice;

/// What Discover reads besides the communities pane's own state.
#[derive(Clone, Copy, Debug)]
pub struct DiscoverCtx<'a> {
    pub catalog: &'a Catalog,
    /// Now, for notices.
    pub now: DateTime<Utc>,
    /// My feed's first page is in (the listing waits for it).
    pub first_screen: bool,
}

/// One thing asked of the shell, in the order asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiscoverAsk {
    /// A network request.
    Network(DiscoverEffect),
    /// An account fact to keep (the join requests' text).
    KeepFact { fact: &'static str, value: String },
}

/// What the rest of the client is asked to show or open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiscoverRequest {
    /// Open the info card of this community (its details are asked for in the same outcome).
    OpenCard(GroupId),
    /// Ask `question` before leaving `group`.
    ConfirmLeave { group: GroupId, question: String },
    /// The card brought `group`'s guidelines: the guidelines view learns them.
    LearnGuidelines {
        group: GroupId,
        guidelines: SafeText,
    },
}

/// What a Discover transition asks of the rest of the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiscoverOutcome {
    pub asks: Vec<DiscoverAsk>,
    pub notice: Option<Notice>,
    pub request: Option<DiscoverRequest>,
    /// Move this community's member count by one: up (`true`, joined) or down (left).
    pub member_count: Option<(GroupId, bool)>,
    /// People the listing says the user follows (what the user did this session stands).
    pub followed: Vec<UserId>,
}

impl DiscoverOutcome {
    /// An outcome that only asks for `effect`.
    pub fn network(effect: DiscoverEffect) -> Self {
        Self {
            asks: vec![DiscoverAsk::Network(effect)],
            ..Self::default()
        }
    }

    /// An outcome that only says `text`.
    pub fn info(text: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            notice: Some(Notice::info(text, now)),
            ..Self::default()
        }
    }
}
