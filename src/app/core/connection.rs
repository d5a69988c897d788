//! Whether the server can be reached. A fetch that fails because the server cannot be reached
//! puts the client offline: the status bar says so and when it tries again (backing off from
//! 5 s to a minute), the cached content stays browsable, and the failure is not shown as an
//! error notice. Any answer from the server puts it back online. Ticks are asked for only when
//! the countdown label changes. No I/O and no clock: `now` comes from the state.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::effect::{Effect, FeedPage};
use super::msg::ApiMsg;
use super::state::State;
use crate::api::ApiError;
use crate::panes::load::Load;

/// The first retry after the server became unreachable.
const FIRST_RETRY: Duration = Duration::from_secs(5);
/// Retries back off to at most this.
const MAX_RETRY: Duration = Duration::from_secs(60);

/// Reachability of the server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connection {
    offline: bool,
    /// When the next retry starts; `None` while one is in flight.
    retry_at: Option<DateTime<Utc>>,
    /// Retries so far in this offline stretch.
    attempts: u32,
}

impl Connection {
    /// Whether the server was last found unreachable.
    pub const fn is_offline(&self) -> bool {
        self.offline
    }

    /// When the next retry starts, if one is waiting.
    pub const fn retry_at(&self) -> Option<DateTime<Utc>> {
        self.retry_at
    }
}

/// Notes what a result says about the server. Returns true when it is a background fetch that
/// failed because the server is unreachable: the status bar says that, not a notice.
pub fn observe(state: &mut State, msg: &ApiMsg) -> bool {
    let (outcome, fetch) = match msg {
        ApiMsg::CurrentUser(r) => (r.as_ref().err(), true),
        ApiMsg::Communities(r) => (r.as_ref().err(), true),
        ApiMsg::Unseen(r) => (r.as_ref().err(), true),
        ApiMsg::Feed { result, .. } | ApiMsg::Thread { result, .. } => {
            (result.as_ref().err(), true)
        }
        ApiMsg::Posted { result, .. } => (result.as_ref().err(), false),
        ApiMsg::Liked { result, .. } | ApiMsg::Deleted { result, .. } => {
            (result.as_ref().err(), false)
        }
    };
    match outcome {
        None => {
            state.connection = Connection::default();
            false
        }
        Some(ApiError::Network { .. }) => {
            went_unreachable(state);
            fetch
        }
        // The server answered, even if with an error.
        Some(_) => {
            state.connection = Connection::default();
            false
        }
    }
}

fn went_unreachable(state: &mut State) {
    let now = state.session.now;
    let connection = &mut state.connection;
    connection.offline = true;
    if connection.retry_at.is_none() {
        let wait = FIRST_RETRY
            .saturating_mul(2u32.saturating_pow(connection.attempts.min(8)))
            .min(MAX_RETRY);
        let wait = chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
        connection.retry_at = Some(now + wait);
    }
}

/// At a tick: starts the retry when it is due.
pub fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Effect> {
    let due = state.connection.retry_at.is_some_and(|at| now >= at);
    if !state.connection.offline || !due {
        return Vec::new();
    }
    state.connection.retry_at = None;
    state.connection.attempts = state.connection.attempts.saturating_add(1);
    retry(state)
}

/// Asks again for who the user is, their communities, the shown feed (its first page if it
/// never loaded from the server) and the open thread.
fn retry(state: &mut State) -> Vec<Effect> {
    let mut effects = vec![Effect::FetchCurrentUser, Effect::FetchCommunities];
    if let Some(feed) = state.timeline.current {
        let req = state.next_request();
        let timeline = state.timeline.feed_mut(feed);
        if !timeline.load.is_loading() {
            let page = match timeline.newest {
                Some(newest) if timeline.loaded => FeedPage::Newer(newest),
                _ => FeedPage::Latest,
            };
            timeline.load = Load::Loading(req);
            effects.push(Effect::FetchFeed { req, feed, page });
        }
    }
    if state.thread.thread.is_some() && !state.thread.load.is_loading() {
        effects.extend(crate::app::core::route::reload_thread(state));
    }
    effects
}

/// How long until the status label changes (the countdown moves on, or the retry starts).
pub fn next_tick_in(state: &State) -> Option<Duration> {
    let at = state
        .connection
        .retry_at
        .filter(|_| state.connection.offline)?;
    let remaining = (at - state.session.now).num_milliseconds();
    if remaining <= 0 {
        return Some(Duration::ZERO);
    }
    let to_next_second = remaining % 1000;
    let wait = if to_next_second == 0 {
        1000
    } else {
        to_next_second
    };
    Some(Duration::from_millis(u64::try_from(wait).unwrap_or(1000)))
}

/// The status bar's words for being offline, if the client is.
pub fn label(state: &State) -> Option<String> {
    if !state.connection.offline {
        return None;
    }
    Some(match state.connection.retry_at {
        Some(at) => {
            let ms = (at - state.session.now).num_milliseconds().max(0);
            let secs = u64::try_from((ms + 999) / 1000).unwrap_or(0);
            format!(
                "offline · retry in {}",
                crate::panes::outbox::label::retry_label(secs)
            )
        }
        None => "offline · retrying…".to_owned(),
    })
}

/// `line` with `marker` right-aligned in `width` columns (left as it is when there is no room).
pub fn with_marker(
    mut line: Line<'static>,
    marker: &str,
    width: u16,
    style: Style,
) -> Line<'static> {
    let marker = format!(" {marker} ");
    let used = line.width() + crate::text::width::display_width(&marker);
    let Some(room) = usize::from(width)
        .checked_sub(used)
        .filter(|room| *room > 0)
    else {
        return line;
    };
    line.spans.push(Span::raw(" ".repeat(room)));
    line.spans.push(Span::styled(marker, style));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_right_aligned_and_left_out_when_there_is_no_room() {
        let line = Line::from("hints");
        let marked = with_marker(line.clone(), "offline", 20, Style::new());
        assert_eq!(marked.to_string(), "hints       offline ");
        assert_eq!(marked.width(), 20);
        assert_eq!(
            with_marker(line, "offline", 12, Style::new()).to_string(),
            "hints"
        );
    }
}
