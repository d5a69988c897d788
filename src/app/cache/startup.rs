//! The start-up snapshot: what the first frame shows from the cache (the user, their
//! communities, the first feed's newest messages with the people and threads they name) and
//! the unread bookkeeping, read once before the first frame. Reads only; a read that finds
//! the cache damaged rebuilds it and starts empty. Never touches drafts or the outbox.

use super::{CacheSetup, feed_page};
use crate::api::dto::User;
use crate::app::cache_convert::{feed_from_key, feed_key, record};
use crate::app::unread::UnreadSnapshot;
use crate::domain::convert::person;
use crate::domain::{Feed, GroupId, Page, ThreadId, UserId};
use crate::store::{CacheStatus, FACT_ME, FACT_MY_GROUPS, StoreResult};

/// What the cache held at start, ready for the first frame.
#[derive(Clone, Debug, Default)]
pub struct StartupSnapshot {
    pub feed: Option<Feed>,
    /// The feed's cached messages with the people, communities and threads they name.
    pub page: Page,
    pub me: Option<UserId>,
    /// The user's communities (with their details in `page`), when they were cached.
    pub mine: Option<Vec<GroupId>>,
    pub unread: UnreadSnapshot,
}

/// Everything the first frame needs: the user, their communities, `feed`'s cached messages
/// with the people they name, and the unread bookkeeping. A cache a read finds damaged is
/// rebuilt (the snapshot is empty, and [`CacheSetup::rebuilt`] says where the old file went).
pub fn load_startup(setup: &mut CacheSetup, feed: Feed) -> StartupSnapshot {
    let started = std::time::Instant::now();
    match read_startup(setup, feed) {
        Ok(snapshot) => {
            tracing::info!(
                elapsed_ms = started.elapsed().as_millis(),
                messages = snapshot.page.messages.len(),
                threads = snapshot.unread.threads.len(),
                "cache snapshot read"
            );
            snapshot
        }
        Err(error) => {
            tracing::warn!(%error, "cache unreadable at start");
            if error.is_corruption() {
                match setup.store.rebuild_cache(&error.to_string()) {
                    Ok(CacheStatus::Rebuilt { moved_to, .. }) => setup.rebuilt = Some(moved_to),
                    Ok(CacheStatus::Ok) => {}
                    Err(error) => tracing::warn!(%error, "cache rebuild failed"),
                }
            }
            StartupSnapshot::default()
        }
    }
}

fn read_startup(setup: &CacheSetup, feed: Feed) -> StoreResult<StartupSnapshot> {
    let CacheSetup { store, account, .. } = setup;
    let me = store
        .fact(account, FACT_ME)?
        .and_then(|id| id.parse::<u64>().ok());
    let mine: Option<Vec<u64>> = store
        .fact(account, FACT_MY_GROUPS)?
        .and_then(|ids| serde_json::from_str(&ids).ok());
    let mut page = feed_page(store, account, &feed_key(feed))?;
    if let Some(me) = me {
        let users = store.get_users(account, &[me])?;
        page.people
            .extend(users.iter().filter_map(record::<User>).map(|u| person(&u)));
    }
    page.meta.current_user = me.map(UserId);
    let feed_threads = store
        .feed_threads(account)?
        .into_iter()
        .filter_map(|(key, thread)| feed_from_key(&key).map(|f| (f, ThreadId(thread))))
        .collect();
    Ok(StartupSnapshot {
        feed: Some(feed),
        page,
        me: me.map(UserId),
        mine: mine.map(|ids| ids.into_iter().map(GroupId).collect()),
        unread: UnreadSnapshot {
            me: me.map(UserId),
            markers: store.read_markers(account)?,
            threads: store.thread_activity(account, me)?,
            feed_threads,
        },
    })
}
