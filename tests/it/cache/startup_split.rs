//! The cache-first start in two reads: what the first frame shows (read before it, without
//! the unread bookkeeping that walks every thread and feed item of a big cache), then the
//! unread bookkeeping from the cache task, the same as a start reading both at once.

use std::error::Error;

use kring::app::shell::cache::{CacheSetup, CacheTask, load_first_screen, load_startup};
use kring::domain::{Feed, ThreadId};
use kring::store::{CacheStore, CachedMessage, FACT_ME};

type TestResult = Result<(), Box<dyn Error>>;

const ACCOUNT: &str = "https://example.test#1";
const ME: u64 = 7;

fn message(id: u64, thread_id: u64, group_id: Option<u64>, sender_id: u64) -> CachedMessage {
    CachedMessage {
        id,
        thread_id,
        group_id,
        sender_id,
        created_at: 1_700_000_000,
        json: format!(r#"{{"id":{id},"thread_id":{thread_id},"sender_id":{sender_id}}}"#),
    }
}

fn filled(dir: &std::path::Path) -> Result<CacheSetup, Box<dyn Error>> {
    let (mut store, _) = CacheStore::open_deferring_cache_check(dir)?;
    store.set_fact(ACCOUNT, FACT_ME, &ME.to_string())?;
    store.put_messages(
        ACCOUNT,
        "my_feed",
        &[message(10, 10, Some(3), 8), message(11, 10, Some(3), ME)],
    )?;
    store.put_messages(ACCOUNT, "in_group:3", &[message(20, 20, Some(3), 9)])?;
    store.mark_read(ACCOUNT, "in_thread:10", 10)?;
    Ok(CacheSetup {
        store,
        account: ACCOUNT.to_owned(),
        rebuilt: None,
    })
}

#[test]
fn the_first_screen_comes_without_the_unread_bookkeeping_which_the_task_reads() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut setup = filled(dir.path())?;
    let whole = load_startup(&mut setup, Feed::MyFeed);
    assert_eq!(whole.unread.threads.len(), 2, "{whole:?}");

    let first = load_first_screen(&mut setup, Feed::MyFeed);
    assert_eq!(first.page.messages.len(), whole.page.messages.len());
    assert!(!first.page.messages.is_empty());
    assert_eq!(first.me, whole.me);
    assert_eq!(
        first.unread.me, whole.unread.me,
        "who the user is, for counting"
    );
    assert!(first.unread.threads.is_empty());
    assert!(first.unread.feed_threads.is_empty());
    assert!(first.unread.markers.is_empty());

    let (results, _answers) = tokio::sync::mpsc::unbounded_channel();
    let task = CacheTask::start(setup, results)?;
    let unread = task.writer().load_unread().blocking_recv()?;
    task.close();
    assert_eq!(unread, whole.unread);
    assert!(
        unread
            .feed_threads
            .contains(&(Feed::Community(kring::domain::GroupId(3)), ThreadId(20))),
        "{unread:?}"
    );
    assert_eq!(unread.markers, vec![("in_thread:10".to_owned(), 10)]);
    Ok(())
}
