//! The outbox labels: the status bar's segment, when it next changes, and a pending post's
//! label, from the outbox view alone.

use chrono::TimeZone;

use super::*;
use crate::domain::DraftFor;
use crate::panes::outbox::{PENDING_ID_BASE, PendingPost};

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + seconds, 0)
        .single()
        .unwrap_or_default()
}

fn waiting(status: PendingStatus) -> OutboxView {
    OutboxView {
        posts: vec![PendingPost {
            local_id: 1,
            draft_for: DraftFor::NewPost(None),
            body: "hello".into(),
            created_at: at(0),
            status,
            last_error: None,
        }],
        pending: 1,
        connection: Connection::Offline { retry_at: at(12) },
        ..OutboxView::default()
    }
}

fn text(spans: &[Span<'_>]) -> String {
    spans.iter().map(|s| s.content.as_ref()).collect()
}

#[test]
fn the_status_segment_counts_down_and_says_offline_only_when_the_app_does_not() {
    let outbox = waiting(PendingStatus::Queued);
    let theme = Theme::default();
    let alone = text(&status_spans(&outbox, at(0), false, &theme));
    assert_eq!(alone, " ⇡1 queued  offline · retry in 12s ");
    let beside_the_app = text(&status_spans(&outbox, at(0), true, &theme));
    assert_eq!(beside_the_app, " ⇡1 queued  sending in 12s ");
    assert_eq!(
        text(&status_spans(&OutboxView::default(), at(0), false, &theme)),
        ""
    );
}

#[test]
fn the_next_tick_follows_the_countdown_and_the_open_lists_ages_only() {
    let outbox = waiting(PendingStatus::Queued);
    assert_eq!(
        next_tick_in(&outbox, at(0), false),
        Some(Duration::from_secs(1))
    );
    let settled = OutboxView {
        pending: 0,
        ..outbox
    };
    assert_eq!(next_tick_in(&settled, at(0), false), None);
    assert!(
        next_tick_in(&settled, at(0), true).is_some(),
        "the list shows ages"
    );
}

#[test]
fn only_pending_posts_carry_a_label() {
    let outbox = waiting(PendingStatus::Failed {
        reason: "too long".into(),
    });
    let theme = Theme::default();
    let label = pending_span(&outbox, MessageId(PENDING_ID_BASE + 1), &theme);
    assert_eq!(
        label.map(|s| s.content.into_owned()),
        Some("refused".into())
    );
    assert_eq!(pending_span(&outbox, MessageId(1), &theme), None);
}
