//! What the guidelines ask of the world outside `update` (the network's code of conduct and a
//! community's guidelines from the server), and the answers. Data only. The two account facts
//! they keep (`guidelines_seen`, `guidelines_read`) leave as [`KeptFact`]s.

use crate::api::ApiError;
use crate::domain::GroupId;

/// A request of the guidelines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuidelinesEffect {
    /// The network's code of conduct (`networks/current`).
    FetchNetwork,
    /// A community's guidelines (`groups/:id`).
    FetchCommunity(GroupId),
}

/// An answer to a [`GuidelinesEffect`] fetch: the raw text (sanitized where it is kept).
#[derive(Clone, Debug)]
pub enum GuidelinesMsg {
    Network(Result<String, ApiError>),
    Community(GroupId, Result<String, ApiError>),
}

/// An account fact to keep (`guidelines_seen`, `guidelines_read`) and its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptFact {
    pub fact: &'static str,
    pub value: String,
}
