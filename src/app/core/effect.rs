//! Effect: what `update` asks the outside world to do. Data only; the worker and the run loop
//! carry them out and answer with a [`Msg`](crate::app::core::msg::Msg).

use crate::app::core::unread::ReadKey;
use crate::domain::{Feed, Likes, MessageId, ThreadId};
use crate::panes::request::RequestId;

pub use crate::domain::{DraftFor, OutgoingPost};

pub use crate::panes::timeline::update::FeedPage;

/// A request to the world outside `update`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    FetchCurrentUser,
    FetchCommunities,
    /// The server's unseen counts (`networks/current`), as background work.
    FetchUnseen,
    FetchFeed {
        req: RequestId,
        feed: Feed,
        page: FeedPage,
    },
    FetchThread {
        req: RequestId,
        thread: ThreadId,
    },
    PostMessage {
        req: RequestId,
        post: OutgoingPost,
    },
    /// Like (`like: true`) or unlike a message; `previous` is restored if it fails.
    SetLike {
        message: MessageId,
        like: bool,
        previous: Likes,
    },
    DeleteMessage {
        message: MessageId,
    },
    /// Open a URL in the user's browser.
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52, so it works over SSH).
    CopyToClipboard(String),
    /// Paint the whole screen again from nothing (ctrl-l), as after another program wrote on it.
    Redraw,
    /// Suspend the screen and edit this draft in `$VISUAL`/`$EDITOR`.
    EditExternally(String),
    /// Keep an unsent draft so it survives a quit or a crash.
    SaveDraft {
        draft_for: DraftFor,
        body: String,
    },
    /// Forget the draft (sent or discarded).
    DeleteDraft(DraftFor),
    /// Look for a kept draft to restore into a newly opened editor.
    LoadDraft(DraftFor),
    /// Restore the terminal and leave.
    Quit,
    /// A request of the people pane.
    People(crate::panes::people::effect::PeopleEffect),
    /// A request of the Discover section or the community card.
    Discover(crate::panes::communities::discover::effect::DiscoverEffect),
    /// Queue, change or look at posts of the outbox.
    Outbox(crate::panes::outbox::effect::OutboxEffect),
    /// End this session (as on quitting) and start the chosen account's.
    SwitchAccount(crate::app::core::accounts::AccountChoice),
    /// Show a feed's cached messages while its first page is fetched (answered with
    /// `CacheMsg::Feed` when the cache holds any).
    LoadCachedFeed {
        req: RequestId,
        feed: Feed,
    },
    /// Show a thread's cached messages while it is fetched (answered with `CacheMsg::Thread`).
    LoadCachedThread(ThreadId),
    /// Keep a read marker that moved forward, so it outlives the session.
    MarkRead {
        key: ReadKey,
        message: MessageId,
    },
    /// Keep the muted communities and threads, so they stay muted after a restart.
    KeepMutes(crate::app::core::mute::Mutes),
    /// Keep when the user last looked (unix seconds), for the next start's catch-up.
    KeepLastLooked(i64),
    /// Keep an account fact in the cache (key and text), so it outlives the session.
    KeepFact {
        fact: &'static str,
        value: String,
    },
    /// A background read of the community health view.
    Health(crate::panes::health::effect::HealthEffect),
    /// A request of the questions view.
    Questions(crate::panes::questions::effect::QuestionsEffect),
    /// Abort a request whose answer is no longer wanted (a newer one replaced it).
    Cancel(RequestId),
    /// A search of the search overlay (the cache's or the server's).
    Search(crate::overlays::search::SearchEffect),
    /// A request of the "Start here" checklist (keep its facts, fetch the guidelines).
    /// Tell the terminal about a new mention, reply or private message (OSC 777, OSC 9 or the
    /// bell, as configured); the text is plain and sanitized again where the bytes are built.
    Notify {
        title: String,
        body: String,
    },
    /// Fetch guidelines, or keep what was shown of them.
    Guidelines(crate::overlays::guidelines::effect::GuidelinesEffect),
}
