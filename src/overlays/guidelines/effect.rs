//! What the guidelines ask of the world outside `update` (the network's code of conduct and a
//! community's guidelines from the server; two account facts kept in the cache), and the
//! answers. Data only.

use crate::api::ApiError;
use crate::domain::GroupId;

/// A request of the guidelines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuidelinesEffect {
    /// The network's code of conduct (`networks/current`).
    FetchNetwork,
    /// A community's guidelines (`groups/:id`).
    FetchCommunity(GroupId),
    /// Keep the communities whose guidelines the compose window has shown (the account fact
    /// `guidelines_seen`, a JSON array of ids; 0 is All Company).
    KeepSeen(String),
    /// Keep that the network's guidelines were shown in the Guidelines view (the account fact
    /// `guidelines_read`, unix seconds).
    KeepRead(i64),
}

impl GuidelinesEffect {
    /// Whether the worker carries it out (the others go to the cache).
    pub const fn is_network(&self) -> bool {
        matches!(self, Self::FetchNetwork | Self::FetchCommunity(_))
    }
}

/// An answer to a [`GuidelinesEffect`] fetch: the raw text (sanitized where it is kept).
#[derive(Clone, Debug)]
pub enum GuidelinesMsg {
    Network(Result<String, ApiError>),
    Community(GroupId, Result<String, ApiError>),
}
