//! The shell's side of the search overlay: one page of the server's `search.json` for a
//! query, read as hits (`search::remote`) off the UI path and sent back as
//! [`SearchMsg::Server`] to the caller's `answer`. The cache's side runs on the cache task.
//! Never touches the state and knows nothing of the client's messages.

use tokio::task::AbortHandle;

use super::SearchMsg;
use crate::api::Client;
use crate::panes::request::RequestId;
use crate::search::{Hits, SearchQuery, remote};

/// Starts the server search; its handle lets a newer search abort it.
pub fn start(
    client: Client,
    answer: impl FnOnce(SearchMsg) + Send + 'static,
    req: RequestId,
    query: Box<SearchQuery>,
) -> AbortHandle {
    tokio::spawn(async move {
        let result = match query.server_term() {
            Some(term) => client
                .search(&term, 1)
                .await
                .map(|found| remote::hits(&found, &query)),
            None => Ok(Hits::default()),
        };
        answer(SearchMsg::Server { req, result });
    })
    .abort_handle()
}
