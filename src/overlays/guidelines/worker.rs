//! Fetches guidelines for the worker: `networks/current` for the network's code of conduct,
//! `groups/:id` for a community's. Never touches the state.

use tokio::sync::mpsc::UnboundedSender;

use super::effect::{GuidelinesEffect, GuidelinesMsg};
use crate::api::Client;
use crate::app::core::msg::Msg;

/// Starts `effect` if it is a fetch; the cache's effects are not the worker's.
pub fn start(client: Client, results: UnboundedSender<Msg>, effect: GuidelinesEffect) {
    tokio::spawn(async move {
        let answer = match effect {
            GuidelinesEffect::FetchNetwork => {
                let result = client.network().await;
                GuidelinesMsg::Network(result.map(|n| n.map(|n| n.guidelines).unwrap_or_default()))
            }
            GuidelinesEffect::FetchCommunity(group) => {
                let result = client.group(group.0).await;
                GuidelinesMsg::Community(group, result.map(|g| g.guidelines))
            }
        };
        // The loop has gone only when kring is leaving; the answer no longer matters.
        let _ = results.send(Msg::Guidelines(answer));
    });
}
