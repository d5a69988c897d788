//! [`CacheWriter`]: the cache task's handle for the UI task, the worker and the run loop. Each
//! method queues one job; sending never blocks and never waits for an answer (answers come back
//! as `Msg::Cached`).

use super::*;

/// Sends jobs to the cache task; cheap to clone. Sending never blocks.
#[derive(Clone)]
pub struct CacheWriter {
    jobs: Sender<Job>,
}

impl CacheWriter {
    pub(super) fn new(jobs: Sender<Job>) -> Self {
        Self { jobs }
    }

    /// Keeps a fetched feed page.
    pub fn put_feed(&self, feed: Feed, envelope: MessagesEnvelope) {
        self.send(Job::PutEnvelope {
            key: feed_key(feed),
            envelope: Box::new(envelope),
        });
    }

    /// Keeps a fetched thread.
    pub fn put_thread(&self, thread: ThreadId, envelope: MessagesEnvelope) {
        self.send(Job::PutEnvelope {
            key: thread_key(thread),
            envelope: Box::new(envelope),
        });
    }

    /// Keeps the signed-in user.
    pub fn put_me(&self, user: User) {
        self.send(Job::PutMe(Box::new(user)));
    }

    /// Keeps the user's communities.
    pub fn put_my_groups(&self, groups: Vec<Group>) {
        self.send(Job::PutMyGroups(groups));
    }

    /// Forgets a deleted message.
    pub fn forget(&self, message: MessageId) {
        self.send(Job::Forget(message));
    }

    /// Moves a read marker forward.
    pub fn mark_read(&self, key: ReadKey, message: MessageId) {
        self.send(Job::MarkRead(key, message));
    }

    /// Keeps when the user last looked (unix seconds), for the next start's catch-up.
    pub fn keep_last_looked(&self, at: i64) {
        self.send(Job::LastLooked(at));
    }

    /// Keeps an account fact (key and text).
    pub fn keep_fact(&self, fact: &'static str, value: String) {
        self.send(Job::Fact(fact, value));
    }

    /// Keeps the muted communities and threads.
    pub fn keep_mutes(&self, mutes: &crate::app::core::mute::Mutes) {
        self.send(Job::Fact(crate::store::FACT_MUTED, mutes.to_text()));
    }

    /// Asks for a feed's cached messages (answered with [`CacheMsg::Feed`] when there are any).
    pub fn load_feed(&self, req: RequestId, feed: Feed) {
        self.send(Job::LoadFeed(req, feed));
    }

    /// Searches the cache for the search overlay (answered with `SearchMsg::Local`).
    pub fn search(&self, req: RequestId, query: Box<crate::search::SearchQuery>) {
        self.send(Job::Search(req, query));
    }

    /// Asks for a thread's cached messages (answered with [`CacheMsg::Thread`]).
    pub fn load_thread(&self, thread: ThreadId) {
        self.send(Job::LoadThread(thread));
    }

    /// Keeps people a listing page delivered at `listed_at` (unix seconds).
    pub fn put_directory(&self, people: Vec<User>, listed_at: i64) {
        self.send(Job::Directory(DirectoryJob::Put { people, listed_at }));
    }

    /// Keeps where the people listing stands: going on at `next_page`, or read to its end.
    pub fn keep_listing(&self, next_page: u32, complete: bool, at: i64) {
        self.send(Job::Directory(DirectoryJob::Pass {
            next_page,
            complete,
            at,
        }));
    }

    /// Reads the cached directory and messages into `index` (answered with
    /// `PeopleMsg::FromCache`). Call it once the first frame is on screen.
    pub fn load_directory(&self, index: crate::panes::people::shared::SharedIndex) {
        self.send(Job::Directory(DirectoryJob::Load(index)));
    }

    /// Asks for the unread bookkeeping (read markers, thread activity, feed membership); the
    /// answer comes on the returned channel, which closes without one when the read fails.
    pub fn load_unread(&self) -> tokio::sync::oneshot::Receiver<UnreadSnapshot> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.send(Job::LoadUnread(answer));
        answered
    }

    /// Starts the cache's damage check (once; later calls do nothing). Call it when the first
    /// frame is on screen: the check reads the whole file.
    pub fn check_for_damage(&self) {
        self.send(Job::CheckForDamage(self.jobs.clone()));
    }

    pub(super) fn send(&self, job: Job) {
        // The task is gone only after `close`, when kring is leaving; the job no longer matters.
        let _ = self.jobs.send(job);
    }
}

/// The people pane's worker keeps listing pages and where the listing stands here.
impl crate::panes::people::worker::DirectoryKeeper for CacheWriter {
    fn put_directory(&self, people: Vec<User>, listed_at: i64) {
        CacheWriter::put_directory(self, people, listed_at);
    }

    fn keep_listing(&self, next_page: u32, complete: bool, at: i64) {
        CacheWriter::keep_listing(self, next_page, complete, at);
    }
}
