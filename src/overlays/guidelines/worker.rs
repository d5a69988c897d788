//! Fetches guidelines for the worker: `networks/current` for the network's code of conduct,
//! `groups/:id` for a community's. Never touches the state; the answer goes to a callback the
//! shell gives (which wraps it for the run loop).

use super::effect::{GuidelinesEffect, GuidelinesMsg};
use crate::api::Client;

/// Starts the fetch `effect` asks for; `answer` gets what comes back.
pub fn start(
    client: Client,
    answer: impl FnOnce(GuidelinesMsg) + Send + 'static,
    effect: GuidelinesEffect,
) {
    tokio::spawn(async move {
        let msg = match effect {
            GuidelinesEffect::FetchNetwork => {
                let result = client.network().await;
                GuidelinesMsg::Network(result.map(|n| n.map(|n| n.guidelines).unwrap_or_default()))
            }
            GuidelinesEffect::FetchCommunity(group) => {
                let result = client.group(group.0).await;
                GuidelinesMsg::Community(group, result.map(|g| g.guidelines))
            }
        };
        answer(msg);
    });
}
