//! The start-up snapshot: what the first frame shows from the cache (the user, their
//! communities, the first feed's newest messages with the people and threads they name), read
//! before the first frame ([`load_first_screen`]), and the unread bookkeeping, which reads
//! every thread and feed item (tens of milliseconds with a big cache) and so is read right
//! after it ([`read_unread`]). [`load_startup`] reads both at once. Reads only; a read that
//! finds the cache damaged rebuilds it and starts empty. Never touches drafts or the outbox.

use super::{CacheSetup, feed_page};
use crate::api::dto::User;
use crate::app::core::addressed_threads::AddressedThreads;
use crate::app::core::startup::StartupSnapshot;
use crate::app::core::unread::UnreadSnapshot;
use crate::app::shell::cache_convert::{feed_from_key, feed_key, record};
use crate::domain::convert::person;
use crate::domain::{Feed, GroupId, ThreadId, UserId};
use crate::store::{
    CacheStatus, CacheStore, FACT_ADDRESSED, FACT_GUIDELINES_READ, FACT_JOIN_REQUESTS,
    FACT_LAST_LOOKED, FACT_ME, FACT_MUTED, FACT_MY_GROUPS, FACT_START_HERE_DISMISSED, StoreResult,
};

/// Everything the first frame needs and the unread bookkeeping, in one snapshot. A cache a
/// read finds damaged is rebuilt (the snapshot is empty, and [`CacheSetup::rebuilt`] says
/// where the old file went).
pub fn load_startup(setup: &mut CacheSetup, feed: Feed) -> StartupSnapshot {
    let started = std::time::Instant::now();
    let read = setup.store.read_cache_at_once(|_| {
        let mut snapshot = read_first_screen(setup, feed)?;
        snapshot.unread = read_unread(&setup.store, &setup.account)?;
        Ok(snapshot)
    });
    finish(setup, read, started)
}

/// What the first frame shows: the user, their communities, `feed`'s cached messages with the
/// people they name; the unread bookkeeping is left empty (see [`read_unread`]). A cache a
/// read finds damaged is rebuilt as with [`load_startup`].
pub fn load_first_screen(setup: &mut CacheSetup, feed: Feed) -> StartupSnapshot {
    let started = std::time::Instant::now();
    let read = setup
        .store
        .read_cache_at_once(|_| read_first_screen(setup, feed));
    finish(setup, read, started)
}

fn finish(
    setup: &mut CacheSetup,
    read: StoreResult<StartupSnapshot>,
    started: std::time::Instant,
) -> StartupSnapshot {
    match read {
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

fn read_first_screen(setup: &CacheSetup, feed: Feed) -> StoreResult<StartupSnapshot> {
    let CacheSetup { store, account, .. } = setup;
    let me = my_id(store, account)?;
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
    let last_looked = store
        .fact(account, FACT_LAST_LOOKED)?
        .and_then(|at| at.parse::<i64>().ok());
    // Set is any value but "0" (what bringing the checklist back writes).
    let set = |fact: Option<String>| fact.is_some_and(|value| value != "0");
    let start_here = crate::panes::communities::start_here::Kept {
        dismissed: set(store.fact(account, FACT_START_HERE_DISMISSED)?),
        guidelines_read: set(store.fact(account, FACT_GUIDELINES_READ)?),
    };
    let guidelines_seen = store
        .fact(account, crate::store::FACT_GUIDELINES_SEEN)?
        .map(|text| Box::new(crate::overlays::guidelines::seen_from_text(&text)));
    let join_requests = store
        .fact(account, FACT_JOIN_REQUESTS)?
        .map(|text| crate::panes::communities::discover::requests::from_text(&text))
        .unwrap_or_default();
    Ok(StartupSnapshot {
        start_here,
        last_looked,
        guidelines_seen,
        join_requests,
        feed: Some(feed),
        page,
        me: me.map(UserId),
        mine: mine.map(|ids| ids.into_iter().map(GroupId).collect()),
        unread: UnreadSnapshot {
            me: me.map(UserId),
            mutes: mutes_in(store, account)?,
            ..UnreadSnapshot::default()
        },
    })
}

/// Every read marker, each thread's newest activity and which threads each feed holds.
pub(super) fn read_unread(store: &CacheStore, account: &str) -> StoreResult<UnreadSnapshot> {
    let started = std::time::Instant::now();
    let unread = store.read_cache_at_once(|store| unread_in(store, account))?;
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis(),
        threads = unread.threads.len(),
        "unread bookkeeping read"
    );
    Ok(unread)
}

fn unread_in(store: &CacheStore, account: &str) -> StoreResult<UnreadSnapshot> {
    let me = my_id(store, account)?;
    let mut feed_threads: Vec<(Feed, ThreadId)> = store
        .feed_threads(account)?
        .into_iter()
        .filter_map(|(key, thread)| feed_from_key(&key).map(|f| (f, ThreadId(thread))))
        .collect();
    // The Mentions and Replies to me views, which no cached feed holds until they are opened.
    if let Some(text) = store.fact(account, FACT_ADDRESSED)? {
        feed_threads.extend(AddressedThreads::from_text(&text).feed_threads());
    }
    Ok(UnreadSnapshot {
        me: me.map(UserId),
        markers: store.read_markers(account)?,
        threads: store.thread_activity(account, me)?,
        feed_threads,
        mutes: mutes_in(store, account)?,
    })
}

/// The muted communities and threads (none when never kept).
fn mutes_in(store: &CacheStore, account: &str) -> StoreResult<crate::app::core::mute::Mutes> {
    Ok(store
        .fact(account, FACT_MUTED)?
        .map(|text| crate::app::core::mute::Mutes::from_text(&text))
        .unwrap_or_default())
}

fn my_id(store: &CacheStore, account: &str) -> StoreResult<Option<u64>> {
    Ok(store
        .fact(account, FACT_ME)?
        .and_then(|id| id.parse::<u64>().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::core::mute::Mutes;

    // What was muted stays muted: the sets kept in one session are read at the next start,
    // for the account that muted them only.
    #[test]
    fn mutes_persist_across_reopening_the_cache() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut mutes = Mutes::default();
        mutes.toggle_community(GroupId(30));
        mutes.toggle_thread(ThreadId(77));
        {
            let (mut store, _) = CacheStore::open(dir.path())?;
            store.set_fact("a", FACT_MUTED, &mutes.to_text())?;
        }
        let (store, _) = CacheStore::open(dir.path())?;
        assert_eq!(read_unread(&store, "a")?.mutes, mutes);
        assert_eq!(read_unread(&store, "b")?.mutes, Mutes::default());
        Ok(())
    }

    // The Mentions and Replies to me threads come back with the unread bookkeeping.
    #[test]
    fn addressed_threads_persist_across_reopening_the_cache()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let kept = AddressedThreads {
            mentions: vec![11],
            replies: vec![3],
        };
        {
            let (mut store, _) = CacheStore::open(dir.path())?;
            store.set_fact("a", FACT_ADDRESSED, &kept.to_text())?;
        }
        let (store, _) = CacheStore::open(dir.path())?;
        let threads = read_unread(&store, "a")?.feed_threads;
        assert!(threads.contains(&(Feed::Mentions, ThreadId(11))));
        assert!(threads.contains(&(Feed::RepliesToMe, ThreadId(3))));
        assert!(read_unread(&store, "b")?.feed_threads.is_empty());
        Ok(())
    }

    // A request to join a private community is read back at the next start.
    #[test]
    fn join_requests_persist_across_reopening_the_cache() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let requested = [GroupId(30)].into_iter().collect();
        let text = crate::panes::communities::discover::requests::to_text(&requested);
        {
            let (mut store, _) = CacheStore::open(dir.path())?;
            store.set_fact("a", FACT_JOIN_REQUESTS, &text)?;
        }
        let (store, _) = CacheStore::open(dir.path())?;
        let mut setup = CacheSetup {
            store,
            account: "a".to_owned(),
            rebuilt: None,
        };
        assert_eq!(
            read_first_screen(&setup, Feed::MyFeed)?.join_requests,
            vec![GroupId(30)]
        );
        setup.account = "b".to_owned();
        assert!(
            read_first_screen(&setup, Feed::MyFeed)?
                .join_requests
                .is_empty()
        );
        Ok(())
    }
}
