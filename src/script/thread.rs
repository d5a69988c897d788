//! `kring thread ID`: every message of one conversation, oldest first, each with the message
//! it replies to, so a script can rebuild the tree.

use crate::api::Client;
use crate::app::shell::requests::whole_thread;
use crate::cli::ThreadArgs;
use crate::domain::{Catalog, ThreadId};
use crate::launch::error::LaunchError;

use super::print;
use super::shape::MessageRecord;

/// Fetches and formats the thread.
pub async fn run(client: &Client, args: &ThreadArgs) -> Result<String, LaunchError> {
    let page = whole_thread(client, ThreadId(args.id))
        .await
        .map_err(super::reading(format!("thread {}", args.id)))?;
    let mut ids: Vec<_> = page.messages.iter().map(|m| m.id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut catalog = Catalog::default();
    catalog.absorb(page);
    let records: Vec<MessageRecord> = ids
        .into_iter()
        .filter_map(|id| catalog.message(id))
        .map(|m| MessageRecord::new(m, &catalog))
        .collect();
    print::messages(&records, args.json)
}
