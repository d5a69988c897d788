//! The cache task: a thread of its own with its own [`CacheStore`] connection that writes what the
//! worker fetched into `cache.sqlite` (bounded by [`CacheLimits`]), moves read markers, and
//! answers cache reads with [`Msg::Cached`]. The UI task only sends it jobs and never waits on
//! it, except once at start for [`load_startup`] (the first frame shows the cached timeline).
//! The cache's damage check runs once the first frame is up ([`CacheWriter::check_for_damage`],
//! see `damage_check`); a cache found damaged then, or by a failing read or write, is moved
//! aside and rebuilt here, and the UI is told ([`CacheMsg::Rebuilt`]). Drafts and the outbox
//! live in another file and are never touched.

mod damage_check;
mod directory;
mod startup;
mod writer;

pub use self::startup::{load_first_screen, load_startup};
pub use self::writer::CacheWriter;

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use self::damage_check::{CheckPhase, CheckReport, CheckStep};
use self::directory::DirectoryJob;
use crate::api::dto::{Group, MessagesEnvelope, User};
use crate::app::core::msg::{CacheMsg, Msg};
use crate::app::core::unread::{ReadKey, UnreadSnapshot};
use crate::app::shell::cache_convert::{envelope_rows, feed_key, page_from_rows, thread_key};
use crate::domain::{Feed, MessageId, Page, ThreadId};
use crate::panes::request::RequestId;
use crate::store::{
    CacheLimits, CacheStatus, CacheStore, CachedRecord, FACT_LAST_LOOKED, FACT_ME, FACT_MY_GROUPS,
    StoreError, StoreResult,
};

/// Newest messages of a feed read back for the timeline.
const FEED_READ_LIMIT: usize = 200;
/// How long leaving waits for the cache task to finish its last write.
const CLOSE_WAIT: Duration = Duration::from_millis(300);

/// A store for the cache and the account whose rows it reads and writes.
pub struct CacheSetup {
    pub store: CacheStore,
    /// The account key (`delivery::account_key`, or "demo").
    pub account: String,
    /// Where the damaged cache went when opening the store had to rebuild it (the user is
    /// told with the first frame).
    pub rebuilt: Option<PathBuf>,
}

/// A job for the cache task.
enum Job {
    PutEnvelope {
        key: String,
        envelope: Box<MessagesEnvelope>,
    },
    PutMe(Box<User>),
    PutMyGroups(Vec<Group>),
    Forget(MessageId),
    MarkRead(ReadKey, MessageId),
    /// When the user last looked (unix seconds).
    LastLooked(i64),
    /// An account fact to keep: key and text (the muted sets).
    Fact(&'static str, String),
    LoadFeed(RequestId, Feed),
    LoadThread(ThreadId),
    /// The search overlay's query, answered with `SearchMsg::Local`.
    Search(RequestId, Box<crate::search::SearchQuery>),
    /// Read the unread bookkeeping; nothing is sent when the read fails.
    LoadUnread(tokio::sync::oneshot::Sender<UnreadSnapshot>),
    Directory(DirectoryJob),
    /// Start the damage check; the sender is where its report goes.
    CheckForDamage(Sender<Job>),
    Checked(CheckReport),
    Close,
}

impl Job {
    /// Whether the job writes to the cache (and so waits while the damage check runs).
    fn writes(&self) -> bool {
        matches!(
            self,
            Job::PutEnvelope { .. }
                | Job::PutMe(_)
                | Job::PutMyGroups(_)
                | Job::Forget(_)
                | Job::MarkRead(..)
                | Job::LastLooked(_)
                | Job::Fact(..)
        ) || matches!(self, Job::Directory(job) if job.writes())
    }
}

/// The running cache task.
pub struct CacheTask {
    writer: CacheWriter,
    thread: Option<JoinHandle<()>>,
}

impl CacheTask {
    /// Starts the task on `setup`, answering reads on `results`.
    pub fn start(setup: CacheSetup, results: UnboundedSender<Msg>) -> std::io::Result<Self> {
        let (jobs, inbox) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("kring-cache".into())
            .spawn(move || run(setup, &inbox, &results))?;
        Ok(Self {
            writer: CacheWriter::new(jobs),
            thread: Some(thread),
        })
    }

    /// A writer for the worker and the run loop.
    pub fn writer(&self) -> CacheWriter {
        self.writer.clone()
    }

    /// Finishes the queued writes and closes the store, waiting at most a moment: leaving must
    /// stay quick, and SQLite keeps the file consistent either way.
    pub fn close(mut self) {
        self.writer.send(Job::Close);
        let Some(thread) = self.thread.take() else {
            return;
        };
        let deadline = std::time::Instant::now() + CLOSE_WAIT;
        while !thread.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

fn run(mut setup: CacheSetup, inbox: &Receiver<Job>, results: &UnboundedSender<Msg>) {
    let mut check = CheckPhase::default();
    let mut rebuilds: u64 = 0;
    while let Ok(job) = inbox.recv() {
        let step = match job {
            Job::Close => {
                for job in check.release() {
                    carry_out_or_rebuild(&mut setup, job, results, &mut rebuilds);
                }
                break;
            }
            Job::CheckForDamage(report_to) => check.start(&setup.store, rebuilds, &report_to),
            Job::Checked(report) => check.finish(report, rebuilds),
            job if job.writes() => CheckStep::Done {
                damage: None,
                released: check.hold(job),
            },
            job => CheckStep::Done {
                damage: None,
                released: vec![job],
            },
        };
        if let CheckStep::Done { damage, released } = step {
            if let Some(reason) = damage {
                tracing::warn!(%reason, "cache damage found by the check; rebuilding");
                rebuild(&mut setup, &reason, results, &mut rebuilds);
            }
            for job in released {
                carry_out_or_rebuild(&mut setup, job, results, &mut rebuilds);
            }
        }
    }
}

/// Carries out `job`; a cache found damaged on the way is rebuilt.
fn carry_out_or_rebuild(
    setup: &mut CacheSetup,
    job: Job,
    results: &UnboundedSender<Msg>,
    rebuilds: &mut u64,
) {
    if let Err(error) = carry_out(setup, job, results) {
        if error.is_corruption() {
            tracing::warn!(%error, "cache damaged while running; rebuilding");
            rebuild(setup, &error.to_string(), results, rebuilds);
        } else {
            tracing::warn!(%error, "cache job failed");
        }
    }
}

/// Moves the damaged cache aside, starts an empty one and tells the UI.
fn rebuild(
    setup: &mut CacheSetup,
    reason: &str,
    results: &UnboundedSender<Msg>,
    rebuilds: &mut u64,
) {
    *rebuilds += 1;
    match setup.store.rebuild_cache(reason) {
        Ok(CacheStatus::Rebuilt { moved_to, .. }) => {
            let _ = results.send(Msg::Cached(Box::new(CacheMsg::Rebuilt { moved_to })));
        }
        Ok(CacheStatus::Ok) => {}
        Err(error) => tracing::warn!(%error, "cache rebuild failed"),
    }
}

fn carry_out(setup: &mut CacheSetup, job: Job, results: &UnboundedSender<Msg>) -> StoreResult<()> {
    let CacheSetup { store, account, .. } = setup;
    let account = account.as_str();
    let answer = |msg: CacheMsg| {
        let _ = results.send(Msg::Cached(Box::new(msg)));
    };
    match job {
        Job::PutEnvelope { key, envelope } => {
            let rows = envelope_rows(&envelope);
            store.put_users(account, &rows.users)?;
            store.put_groups(account, &rows.groups)?;
            store.put_threads(account, &rows.threads)?;
            store.put_messages(account, &key, &rows.messages)?;
            if let Some(me) = envelope.meta.current_user_id {
                store.set_fact(account, FACT_ME, &me.to_string())?;
            }
            store.prune_cache(account, CacheLimits::default())?;
        }
        Job::PutMe(user) => {
            let json = serde_json::to_string(&*user).map_err(json_error)?;
            store.put_users(account, &[CachedRecord { id: user.id, json }])?;
            store.set_fact(account, FACT_ME, &user.id.to_string())?;
        }
        Job::PutMyGroups(groups) => {
            let mut records = Vec::with_capacity(groups.len());
            for group in &groups {
                let json = serde_json::to_string(group).map_err(json_error)?;
                records.push(CachedRecord { id: group.id, json });
            }
            store.put_groups(account, &records)?;
            let ids: Vec<u64> = groups.iter().map(|g| g.id).collect();
            let ids = serde_json::to_string(&ids).map_err(json_error)?;
            store.set_fact(account, FACT_MY_GROUPS, &ids)?;
        }
        Job::Forget(message) => store.forget_message(account, message.0)?,
        Job::MarkRead(key, message) => store.mark_read(account, &key.store_key(), message.0)?,
        Job::LastLooked(at) => store.set_fact(account, FACT_LAST_LOOKED, &at.to_string())?,
        Job::Fact(fact, value) => store.set_fact(account, fact, &value)?,
        Job::LoadFeed(req, feed) => {
            let page = feed_page(store, account, &feed_key(feed))?;
            if !page.messages.is_empty() {
                answer(CacheMsg::Feed { req, feed, page });
            }
        }
        Job::LoadThread(thread) => {
            let messages = store.thread_messages(account, thread.0)?;
            if !messages.is_empty() {
                let page = page_with_references(store, account, &messages)?;
                answer(CacheMsg::Thread { thread, page });
            }
        }
        Job::LoadUnread(answer) => {
            let _ = answer.send(startup::read_unread(store, account)?);
        }
        Job::Search(req, query) => {
            let limit = crate::overlays::search::LOCAL_LIMIT;
            let hits = crate::search::local::search(store, account, &query, limit)?;
            let answer = crate::overlays::search::SearchMsg::Local { req, hits };
            let _ = results.send(Msg::Search(Box::new(answer)));
        }
        Job::Directory(job) => directory::carry_out(store, account, job, results)?,
        Job::CheckForDamage(_) | Job::Checked(_) | Job::Close => {}
    }
    Ok(())
}

/// A feed's newest cached messages as a page, with every cached community.
fn feed_page(store: &CacheStore, account: &str, key: &str) -> StoreResult<Page> {
    let messages = store.feed_messages(account, key, FEED_READ_LIMIT)?;
    page_with_references(store, account, &messages)
}

fn page_with_references(
    store: &CacheStore,
    account: &str,
    messages: &[crate::store::CachedMessage],
) -> StoreResult<Page> {
    let me = store
        .fact(account, FACT_ME)?
        .and_then(|id| id.parse::<u64>().ok());
    let senders: Vec<u64> = messages.iter().map(|m| m.sender_id).collect();
    let threads: Vec<u64> = messages.iter().map(|m| m.thread_id).collect();
    let users = store.get_users(account, &senders)?;
    let groups = store.get_groups(account)?;
    let thread_records = store.get_threads(account, &threads)?;
    // Every cached community comes along: the pane names them even when no message does.
    Ok(page_from_rows(
        messages,
        &users,
        &groups,
        &thread_records,
        me,
    ))
}

fn json_error(error: serde_json::Error) -> StoreError {
    StoreError::InvalidStored(error.to_string())
}
