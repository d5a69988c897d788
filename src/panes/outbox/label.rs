//! The outbox's words on screen: the status bar segment (`⇡2 queued`, `offline · retry in
//! 12s`, or just `sending in 12s` when the app's own status already says offline), the label
//! a pending post carries in the timeline and the thread, and when the countdown needs the
//! next tick. Pure functions of the outbox view, the time and the little else they are told.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::text::Span;

use super::{Connection, OutboxView, PendingStatus};
use crate::config::theme::Theme;
use crate::domain::MessageId;
use crate::domain::time::until_label_changes;

/// The status bar's outbox segment: the queue count when non-zero, refused posts, and the
/// connection when it is not fine. Empty when there is nothing to say. `app_offline`: the
/// app's own status already says the server cannot be reached.
pub fn status_spans(
    outbox: &OutboxView,
    now: DateTime<Utc>,
    app_offline: bool,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if outbox.pending > 0 {
        spans.push(Span::styled(
            format!(" ⇡{} queued ", outbox.pending),
            theme.status.updating,
        ));
    }
    let failed = outbox.failed();
    if failed > 0 {
        spans.push(Span::styled(
            format!(" {failed} refused "),
            theme.status.error,
        ));
    }
    let countdown = |retry_at: DateTime<Utc>| {
        if outbox.pending == 0 {
            String::new()
        } else if retry_at > now {
            format!(" · retry in {}", retry_label(seconds_until(now, retry_at)))
        } else {
            " · retrying…".to_owned()
        }
    };
    // When the app's own requests already say "offline", the queue only adds when its posts
    // are tried next.
    let connection = match &outbox.connection {
        Connection::Online => None,
        Connection::Offline { retry_at } if app_offline => {
            (outbox.pending > 0).then(|| match *retry_at {
                at if at > now => format!(" sending in {} ", retry_label(seconds_until(now, at))),
                _ => " sending… ".to_owned(),
            })
        }
        Connection::Offline { retry_at } => Some(format!(" offline{} ", countdown(*retry_at))),
        Connection::RateLimited { retry_at } => {
            Some(format!(" rate limited{} ", countdown(*retry_at)))
        }
        Connection::Blocked { retry_at, .. } => {
            Some(format!(" sending held up{} ", countdown(*retry_at)))
        }
    };
    if let Some(text) = connection {
        spans.push(Span::styled(text, theme.status.offline));
    }
    spans
}

/// "12s", "3m", "2h": how long until a retry, as short as the status bar needs it.
pub fn retry_label(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s.div_ceil(60)),
        s => format!("{}h", s.div_ceil(3600)),
    }
}

/// When `retry_at` is, seen from `now`, in whole seconds (0 once passed).
pub fn seconds_until(now: DateTime<Utc>, retry_at: DateTime<Utc>) -> u64 {
    u64::try_from((retry_at - now).num_seconds().max(0)).unwrap_or(0)
}

/// When the outbox's words on screen change next, if they do while nothing happens: only a
/// countdown with posts waiting, and the ages in the outbox list when it is open
/// (`list_open`). Never at idle.
pub fn next_tick_in(outbox: &OutboxView, now: DateTime<Utc>, list_open: bool) -> Option<Duration> {
    let mut next: Option<Duration> = None;
    let mut consider = |candidate: Duration| {
        next = Some(next.map_or(candidate, |n| n.min(candidate)));
    };
    let retry_at = match &outbox.connection {
        Connection::Online => None,
        Connection::Offline { retry_at }
        | Connection::RateLimited { retry_at }
        | Connection::Blocked { retry_at, .. } => Some(*retry_at),
    };
    if let Some(retry_at) = retry_at.filter(|at| outbox.pending > 0 && *at > now) {
        let left = u64::try_from((retry_at - now).num_milliseconds()).unwrap_or(0);
        // The label changes when the whole seconds (or minutes) left change.
        let step = if left <= 60_000 { 1_000 } else { 60_000 };
        let to_next = match left % step {
            0 => step,
            rest => rest,
        };
        consider(Duration::from_millis(to_next));
    }
    if list_open {
        for post in outbox.listed() {
            if let Some(wait) = until_label_changes(now, post.created_at.fixed_offset()) {
                consider(wait);
            }
        }
    }
    next
}

/// The word a pending post carries instead of its time, and whether it is bad news.
pub fn pending_word(status: &PendingStatus) -> (&'static str, bool) {
    match status {
        PendingStatus::Queued => ("queued", false),
        PendingStatus::Sending => ("sending…", false),
        PendingStatus::Unknown => ("checking…", false),
        PendingStatus::Failed { .. } => ("refused", true),
        PendingStatus::Sent { .. } => ("sent", false),
    }
}

/// For a view: the label of message `id` if it is a pending post of `outbox` (styled dim, or
/// as an error when refused); `None` for messages from the server.
pub fn pending_span(outbox: &OutboxView, id: MessageId, theme: &Theme) -> Option<Span<'static>> {
    if !super::is_pending_id(id) {
        return None;
    }
    let post = outbox.by_message(id)?;
    let (word, bad) = pending_word(&post.status);
    let style = if bad {
        theme.status.error
    } else {
        theme.status.updating
    };
    Some(Span::styled(word, style))
}

#[cfg(test)]
#[path = "label_tests.rs"]
mod tests;
