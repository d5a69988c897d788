//! State: everything the client knows and shows — the catalog, the panes, the overlay, the
//! status line and the session clock. Plain data: no I/O, no channels, no terminal.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::app::core::connection::Connection;
use crate::app::core::layout;
use crate::app::core::poll::PollSchedule;
use crate::app::core::unread::Unread;
use crate::domain::{Catalog, Feed, SafeText};
use crate::input::keys::KeyInput;
use crate::overlays::Overlay;
use crate::overlays::compose::Compose;
use crate::panes::PaneId;
use crate::panes::communities::CommunitiesPane;
use crate::panes::notice::Notices;
use crate::panes::people::PeoplePane;
use crate::panes::request::{RequestId, RequestIds};
use crate::panes::thread::ThreadPane;
use crate::panes::timeline::TimelinePane;
use ratatui::layout::Rect;

/// The whole client state `update` changes and `draw` reads.
#[derive(Clone, Debug)]
pub struct State {
    pub session: Session,
    pub catalog: Catalog,
    pub focus: PaneId,
    pub communities: CommunitiesPane,
    pub timeline: TimelinePane,
    pub thread: ThreadPane,
    pub people: PeoplePane,
    pub overlay: Option<Overlay>,
    pub notice: Notices,
    pub keys: KeyInput,
    pub unread: Unread,
    /// A line shown above the panes (the demo network says how to connect to a real one).
    pub banner: Option<SafeText>,
    /// Posts on their way out, and whether the server could be reached.
    pub outbox: crate::panes::outbox::OutboxView,
    /// Whether the server can be reached, and when the next try is.
    pub connection: Connection,
    /// The account in use, and the others the palette can switch to.
    pub accounts: crate::app::core::accounts::Accounts,
    /// When the user last looked, and the catch-up items `n` walks through.
    pub catch_up: crate::overlays::catchup::CatchUpState,
    /// What to tell the terminal about, and what was told.
    pub notify: crate::app::core::notify::Notify,
    /// The code of conduct and community guidelines, and where they were shown.
    pub guidelines: crate::overlays::guidelines::Guidelines,
    /// The server searches the search overlay started lately (kept when it closes).
    pub search_budget: crate::overlays::search::ServerBudget,
    /// What the last frame showed of the timeline (the shell keeps it after each frame).
    pub shown: crate::app::core::shown::Shown,
    /// A change to your own profile sent and not yet answered.
    pub profile_save: Option<crate::overlays::profile_edit::update::PendingSave>,
}

/// The session's clock, size and bookkeeping.
#[derive(Clone, Debug)]
pub struct Session {
    /// The time views measure "5m ago" from; moved on by ticks, never read from the clock here.
    pub now: DateTime<Utc>,
    /// The terminal size in cells.
    pub size: (u16, u16),
    pub poll: PollSchedule,
    /// A local cache backs the session: `update` asks it for cached pages and keeps read
    /// markers there (as effects). Set by whoever starts the session.
    pub cached: bool,
    pub(crate) requests: RequestIds,
    dirty: bool,
    quitting: bool,
}

impl State {
    /// A fresh state at `now`, before anything is loaded, showing My feed.
    pub fn new(keys: KeyInput, now: DateTime<Utc>, banner: Option<SafeText>) -> Self {
        Self {
            session: Session {
                now,
                size: (0, 0),
                poll: PollSchedule::new(now),
                cached: false,
                requests: RequestIds::default(),
                dirty: true,
                quitting: false,
            },
            catalog: Catalog::default(),
            focus: PaneId::Communities,
            communities: CommunitiesPane::default(),
            timeline: TimelinePane::default(),
            thread: ThreadPane::default(),
            people: PeoplePane::default(),
            overlay: None,
            notice: Notices::default(),
            keys,
            unread: Unread::default(),
            banner,
            outbox: crate::panes::outbox::OutboxView::default(),
            connection: Connection::default(),
            accounts: crate::app::core::accounts::Accounts::default(),
            catch_up: crate::overlays::catchup::CatchUpState::default(),
            notify: crate::app::core::notify::Notify::default(),
            guidelines: crate::overlays::guidelines::Guidelines::default(),
            search_budget: crate::overlays::search::ServerBudget::default(),
            shown: crate::app::core::shown::Shown::default(),
            profile_save: None,
        }
    }

    /// A new request id.
    pub fn next_request(&mut self) -> RequestId {
        self.session.requests.issue()
    }

    /// Marks the screen as needing a redraw.
    pub fn mark_dirty(&mut self) {
        self.session.dirty = true;
    }

    /// Whether a redraw is needed, clearing the flag.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.session.dirty)
    }

    /// Asks the run loop to leave after this batch of messages.
    pub fn quit(&mut self) {
        self.session.quitting = true;
    }

    /// Whether the run loop should leave.
    pub const fn should_quit(&self) -> bool {
        self.session.quitting
    }

    /// The compose overlay, when it is the open one.
    pub fn compose_mut(&mut self) -> Option<&mut Compose> {
        match &mut self.overlay {
            Some(Overlay::Compose(compose)) => Some(compose),
            _ => None,
        }
    }

    /// The compose overlay, when it is the open one.
    pub fn compose(&self) -> Option<&Compose> {
        match &self.overlay {
            Some(Overlay::Compose(compose)) => Some(compose),
            _ => None,
        }
    }

    /// The feed shown in the timeline.
    pub fn current_feed(&self) -> Option<Feed> {
        self.timeline.current
    }

    /// The terminal area.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.session.size.0, self.session.size.1)
    }

    /// Content rows of `pane` in the current layout (0 when it is not visible).
    pub fn pane_rows(&self, pane: PaneId) -> usize {
        layout::content_rows(
            self.area(),
            self.layout_panes(),
            self.banner.is_some(),
            pane,
        )
        .map_or(0, usize::from)
    }

    /// What besides the terminal's size decides which panes are shown.
    pub fn layout_panes(&self) -> layout::Panes {
        layout::Panes {
            focus: self.focus,
            thread_open: self.thread.thread.is_some(),
        }
    }

    /// When the run loop should next wake up with a tick, if ever: a poll, a notice that
    /// expires, or a relative time label about to change.
    pub fn next_tick_in(&self) -> Option<Duration> {
        crate::app::core::tick::next_tick_in(self)
    }
}

#[cfg(test)]
impl State {
    /// A state for unit tests: the embedded keymap, the clock at 2026-03-13 12:00 UTC, nothing
    /// loaded, no size.
    pub(crate) fn for_tests() -> Self {
        Self::for_tests_at(Self::test_day(13))
    }

    /// The same with the clock at `now`.
    pub(crate) fn for_tests_at(now: DateTime<Utc>) -> Self {
        let keymap = crate::input::keys::Keymap::load(None).expect("the embedded keymap loads");
        Self::new(crate::input::keys::KeyInput::new(keymap), now, None)
    }

    /// 12:00 UTC on `day` March 2026, the month the unit tests live in.
    pub(crate) fn test_day(day: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }
}
