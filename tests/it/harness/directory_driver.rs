//! Drives the app as the run loop would, for the people directory: a `State`, the real worker
//! on a real client, the real cache task on a store in a temporary directory, and a tick from
//! the real clock every few milliseconds. No terminal. Test-only.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kring::api::Client;
use kring::api::dto;
use kring::app::core::effect::{Effect, FeedPage};
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::cache::{CacheSetup, CacheTask};
use kring::app::shell::worker::Worker;
use kring::domain::{Feed, GroupId};
use kring::input::action::Action;
use kring::input::keys::{KeyInput, Keymap};
use kring::store::CacheStore;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// One session of the app without a terminal.
pub struct Kring {
    pub state: State,
    worker: Worker,
    results: UnboundedReceiver<Msg>,
    cache: Option<CacheTask>,
}

impl Kring {
    /// Starts a session on `client` with the cache in `dir`, and reads the cached directory
    /// in as the run loop does after the first frame.
    pub fn start(client: Client, dir: &Path) -> Self {
        let (tx, results) = unbounded_channel();
        let (store, _) = CacheStore::open(dir).expect("store opens");
        let setup = CacheSetup {
            store,
            account: "test".to_owned(),
            rebuilt: None,
        };
        let cache = CacheTask::start(setup, tx.clone()).expect("cache task");
        let worker = Worker::new(client, tx).with_cache(cache.writer());
        let keymap = Keymap::load(None).expect("the embedded keymap loads");
        let mut state = State::new(KeyInput::new(keymap), Utc::now(), None);
        update(
            &mut state,
            Msg::Resize {
                width: 100,
                height: 40,
            },
        );
        cache.writer().load_directory(state.people.index.clone());
        Self {
            state,
            worker,
            results,
            cache: Some(cache),
        }
    }

    /// Starts the network effects (the others are dropped: nothing here has a terminal).
    pub fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let _ = self.worker.run(effect);
        }
    }

    /// Focuses the people pane (which starts the listing the first time).
    pub fn open_people(&mut self) {
        let effects = update(&mut self.state, Msg::Action(Action::PanePeople));
        self.run(effects);
    }

    /// Types `text` as the query (replacing the last one).
    pub fn query(&mut self, text: &str) {
        self.state.people.line.text.clear();
        let mut effects = update(&mut self.state, Msg::Action(Action::Search));
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            effects.extend(update(&mut self.state, Msg::Key(key)));
        }
        self.run(effects);
    }

    /// Fetches a community's first page (kept in the cache as every fetched page is).
    pub async fn fetch_feed_of(&mut self, group: u64) {
        let req = self.state.next_request();
        let feed = Feed::Community(GroupId(group));
        self.run(vec![Effect::FetchFeed {
            req,
            feed,
            page: FeedPage::Latest,
        }]);
        let mut fetched = false;
        self.settle_on(Duration::from_secs(10), |msg| {
            fetched |= matches!(msg, Msg::Api(ApiMsg::Feed { result: Ok(_), .. }));
            fetched
        })
        .await;
    }

    /// Applies answers and ticks until `done` holds for the state; panics after `limit`.
    pub async fn settle(&mut self, limit: Duration, mut done: impl FnMut(&State) -> bool) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let effects = update(&mut self.state, Msg::Tick(Utc::now()));
            self.run(effects);
            if done(&self.state) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "not settled in {limit:?}: {:?}",
                self.state.people.paging
            );
            let wait = tokio::time::timeout(Duration::from_millis(20), self.results.recv());
            if let Ok(Some(msg)) = wait.await {
                let effects = update(&mut self.state, msg);
                self.run(effects);
            }
        }
    }

    /// Applies answers until one satisfies `seen`; panics after `limit`.
    async fn settle_on(&mut self, limit: Duration, mut seen: impl FnMut(&Msg) -> bool) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let msg = tokio::time::timeout_at(deadline, self.results.recv())
                .await
                .expect("an answer in time")
                .expect("the channel stays open");
            let last = seen(&msg);
            let effects = update(&mut self.state, msg);
            self.run(effects);
            if last {
                return;
            }
        }
    }

    /// Ends the session; the cache task finishes its writes.
    pub fn close(mut self) {
        if let Some(cache) = self.cache.take() {
            cache.close();
        }
    }
}

/// The people listed for the current query (the listing brought up to date first).
pub fn listed_ids(state: &State) -> Vec<u64> {
    let mut state = state.clone();
    state.people.refresh(state.session.now.timestamp());
    state.people.listing.found.iter().map(|f| f.id.0).collect()
}

/// A `users.json` answer listing people `ids`.
pub fn users_page(ids: std::ops::RangeInclusive<u64>) -> String {
    let users: Vec<dto::User> = ids
        .map(|id| dto::User {
            id,
            name: format!("person{id}"),
            full_name: format!("Person {id}"),
            show_in_directory: true,
            ..dto::User::default()
        })
        .collect();
    serde_json::to_string(&users).unwrap()
}
