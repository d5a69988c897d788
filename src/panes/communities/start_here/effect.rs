//! What the checklist asks of the world (`StartHereEffect`) and the answer (`StartHereMsg`),
//! and the worker part that fetches the network's guidelines. Keeping the facts is the cache
//! task's job (the run loop hands it the effect).

use tokio::sync::mpsc::UnboundedSender;

use super::Kept;
use crate::api::Client;
use crate::app::core::msg::Msg;

/// A request of the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartHereEffect {
    /// Keep the facts for the account, so they outlive the session.
    Keep(Kept),
    /// The network's guidelines (`networks/current`).
    FetchGuidelines,
}

/// An answer to a `StartHereEffect`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartHereMsg {
    /// The guidelines' text (empty when the network has none), or why it could not be had.
    Guidelines(Result<String, String>),
}

/// Fetches the guidelines; the answer arrives on `results`.
pub fn fetch_guidelines(client: Client, results: UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let answer = match client.network().await {
            Ok(network) => Ok(network.map(|n| n.guidelines).unwrap_or_default()),
            Err(error) => Err(error.to_string()),
        };
        // The loop has gone away only when kring is exiting; the answer no longer matters.
        let _ = results.send(Msg::StartHere(StartHereMsg::Guidelines(answer)));
    });
}
