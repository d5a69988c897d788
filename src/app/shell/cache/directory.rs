//! The cache task's jobs for the people directory: keeping each listing page as it arrives,
//! keeping where the listing pass stands (and, at the end of a whole pass, forgetting who it no
//! longer lists), and reading the directory and the cached messages into the expertise index
//! at start, answered with [`PeopleMsg::FromCache`]. Decides nothing about paging.

use tokio::sync::mpsc::UnboundedSender;

use crate::api::dto::User;
use crate::app::core::msg::Msg;
use crate::panes::people::cached;
use crate::panes::people::effect::PeopleMsg;
use crate::panes::people::shared::SharedIndex;
use crate::store::{CacheStore, CachedRecord, ListingPass, StoreError, StoreResult};

/// A directory job for the cache task.
pub(crate) enum DirectoryJob {
    /// People a listing page delivered at `listed_at` (unix seconds).
    Put { people: Vec<User>, listed_at: i64 },
    /// The listing went on to `next_page`, or (`complete`) read to its end, at `at`.
    Pass {
        next_page: u32,
        complete: bool,
        at: i64,
    },
    /// Read the cached directory and messages into `index`.
    Load(SharedIndex),
}

impl DirectoryJob {
    /// Whether the job writes to the cache.
    pub(crate) fn writes(&self) -> bool {
        !matches!(self, DirectoryJob::Load(_))
    }
}

/// Carries out `job` for `account`.
pub(super) fn carry_out(
    store: &mut CacheStore,
    account: &str,
    job: DirectoryJob,
    results: &UnboundedSender<Msg>,
) -> StoreResult<()> {
    match job {
        DirectoryJob::Put { people, listed_at } => {
            let mut records = Vec::with_capacity(people.len());
            for user in &people {
                let json = serde_json::to_string(user)
                    .map_err(|e| StoreError::InvalidStored(e.to_string()))?;
                records.push(CachedRecord { id: user.id, json });
            }
            store.put_directory(account, &records, listed_at)?;
        }
        DirectoryJob::Pass {
            next_page,
            complete,
            at,
        } => {
            let mut pass = store.listing_pass(account)?;
            if pass.started_at == 0 {
                // The first page of a pass was kept a moment ago, at about `at`.
                pass.started_at = at.saturating_sub(60);
            }
            if complete {
                let gone = store.forget_unlisted(account, pass.started_at)?;
                tracing::info!(gone, "people listing read to its end");
                pass = ListingPass {
                    next_page: 0,
                    started_at: 0,
                    complete_at: Some(at),
                };
            } else {
                pass.next_page = next_page;
            }
            store.set_listing_pass(account, &pass)?;
        }
        DirectoryJob::Load(index) => {
            let load = store.read_cache_at_once(|store| cached::load(store, account, &index))?;
            let _ = results.send(Msg::People(PeopleMsg::FromCache(Box::new(load))));
        }
    }
    Ok(())
}
