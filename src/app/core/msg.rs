//! Msg: everything `update` consumes — bound actions, raw keys, pastes, resizes, ticks and
//! results of effects. Only [`Action`] is nameable from a keymap.

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::api::ApiError;
use crate::app::core::effect::{DraftFor, FeedPage};
use crate::domain::{Community, Feed, Likes, MessageId, Page, Person, ThreadId};
use crate::input::action::Action;
use crate::panes::request::RequestId;

/// One input to [`update`](crate::app::core::update::update).
#[derive(Clone, Debug)]
pub enum Msg {
    /// A bound action, resolved from keys or sent directly (tests, palette).
    Action(Action),
    /// A key press, resolved against the keymap of the current mode (text input when unbound
    /// in the compose editor).
    Key(KeyEvent),
    /// Text pasted into the terminal, already sanitized.
    Paste(String),
    /// The terminal's new size in cells.
    Resize { width: u16, height: u16 },
    /// The wheel or a click over a pane (`[ui] mouse`).
    Mouse(crate::app::core::pointer::Pointer),
    /// The clock moved on: relative times, polls and notices may be due.
    Tick(DateTime<Utc>),
    /// An effect's result.
    Api(ApiMsg),
    /// The external editor closed: the new draft text, or why it could not run.
    EditorClosed(Result<String, String>),
    /// A browser, clipboard or draft hand-off failed; the text says why.
    HandOffFailed(String),
    /// A kept draft was found for a target (answer to `Effect::LoadDraft`).
    DraftLoaded { draft_for: DraftFor, body: String },
    /// SIGTERM, SIGHUP or end of input: save and leave.
    Terminate,
    /// An answer to a request of the people pane.
    People(crate::panes::people::effect::PeopleMsg),
    /// An answer to a `DiscoverEffect`.
    Discover(crate::panes::communities::discover::effect::DiscoverMsg),
    /// News from the outbox: delivery events and answers to outbox effects.
    Outbox(crate::panes::outbox::effect::OutboxMsg),
    /// One community's read for the community health view.
    Health(Box<crate::panes::health::effect::HealthMsg>),
    /// An answer to a request of the questions view.
    Questions(crate::panes::questions::effect::QuestionsMsg),
    /// What the local cache holds (at start, or for a feed or thread being opened).
    Cached(Box<CacheMsg>),
    /// An answer to a search of the search overlay.
    Search(Box<crate::overlays::search::SearchMsg>),
    /// Guidelines fetched (or not).
    Guidelines(crate::overlays::guidelines::effect::GuidelinesMsg),
}

/// Content read from the local cache: shown at once, replaced by what the network brings.
#[derive(Clone, Debug)]
pub enum CacheMsg {
    /// Everything the first frame shows.
    Startup(Box<crate::app::core::startup::StartupSnapshot>),
    /// A feed's cached messages, for a feed opened before the network answered.
    Feed {
        req: RequestId,
        feed: Feed,
        page: Page,
    },
    /// A thread's cached messages.
    Thread { thread: ThreadId, page: Page },
    /// The unread bookkeeping, read once the first frame is up.
    Unread(crate::app::core::unread::UnreadSnapshot),
    /// The cache was found damaged and rebuilt empty; the damaged file is kept at `moved_to`.
    Rebuilt { moved_to: std::path::PathBuf },
}

/// A network effect's result, tagged so stale answers can be recognised.
#[derive(Clone, Debug)]
pub enum ApiMsg {
    /// Who the signed-in user is.
    CurrentUser(Result<Person, ApiError>),
    /// The user's communities.
    Communities(Result<Vec<Community>, ApiError>),
    /// The server's unseen counts.
    Unseen(Result<crate::app::core::unread::UnseenCounts, ApiError>),
    /// A page of a feed.
    Feed {
        req: RequestId,
        feed: Feed,
        page: FeedPage,
        result: Result<Page, ApiError>,
    },
    /// Every loaded message of a thread.
    Thread {
        req: RequestId,
        thread: ThreadId,
        result: Result<Page, ApiError>,
    },
    /// A post or reply was sent; the page holds the new message.
    Posted {
        req: RequestId,
        result: Result<Page, ApiError>,
    },
    /// A like or unlike finished; `previous` is what to restore on failure.
    Liked {
        message: MessageId,
        previous: Likes,
        result: Result<(), ApiError>,
    },
    /// A delete finished.
    Deleted {
        message: MessageId,
        result: Result<(), ApiError>,
    },
}
