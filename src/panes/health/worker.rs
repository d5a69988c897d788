//! Runs the health view's background read: per community, its members and its messages back 12
//! weeks (at most `MAX_MESSAGES`), through the shared client at background priority so the
//! rate budget serves what the user waits for first. One answer per community, in order, handed
//! to the caller's `answer`. Never touches the state and knows nothing of the client's messages.

use std::collections::HashMap;

use super::Fetched;
use super::effect::{HealthEffect, HealthMsg};
use crate::api::Client;
use crate::domain::{Feed, GroupId};
use crate::social::DAY;
use crate::social::health::WEEKS;
use crate::social::read as social_read;

/// Messages read per community at most.
pub const MAX_MESSAGES: usize = 400;

/// Starts `effect`; each answer is handed to `answer`, which says whether anyone still listens
/// (when nobody does, the rest is not read).
pub fn start(
    client: Client,
    answer: impl Fn(HealthMsg) -> bool + Send + 'static,
    effect: HealthEffect,
) {
    let HealthEffect::Read { communities } = effect;
    tokio::spawn(async move {
        let client = client.background();
        for community in communities {
            let read = read(&client, community).await;
            if !answer(read) {
                // kring is leaving; nobody waits for the rest.
                return;
            }
        }
    });
}

/// Reads one community.
pub async fn read(client: &Client, community: GroupId) -> HealthMsg {
    let now = chrono::Utc::now().timestamp();
    let since = now - WEEKS as i64 * 7 * DAY;
    let mut fetched = Fetched::default();
    let mut names = HashMap::new();
    match social_read::members(client, community.0).await {
        Ok((members, member_names)) => {
            fetched.members = Some(members);
            names = member_names
                .into_iter()
                .map(|(id, name)| (id, crate::text::SafeText::new(&name).as_str().to_owned()))
                .collect();
        }
        Err(e) => fetched.error = Some(e.to_string()),
    }
    if fetched.error.is_none() {
        let feed = Feed::Community(community);
        match social_read::messages(client, &feed, since, MAX_MESSAGES).await {
            Ok(window) => {
                fetched.messages = window.messages;
                fetched.covered_since = window.covered_since;
            }
            Err(e) => fetched.error = Some(e.to_string()),
        }
    }
    HealthMsg {
        community,
        fetched,
        names,
    }
}
