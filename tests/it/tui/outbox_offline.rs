//! `update` tests of the outbox while the server cannot be reached: delivery saying "offline"
//! sets a countdown that ticks only while posts wait, and feed requests that cannot connect
//! mean offline too, until the first answer retries the queue.

use crate::harness::tui;
use crate::harness::tui_outbox;
use kring::api::{ApiError, NetworkKind};
use kring::app::core::effect::Effect;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::update::update;
use kring::delivery::DeliveryEvent;
use kring::domain::Feed;
use kring::domain::convert::page_from_envelope;
use kring::input::action::Action;
use kring::panes::outbox::Connection;
use kring::panes::outbox::effect::OutboxEffect;
use std::time::Duration;
use tui::*;
use tui_outbox::{answer_enqueue, event, with_outbox, write_post};

#[test]
fn offline_events_set_a_countdown_that_ticks_only_while_posts_wait() {
    let mut state = with_outbox(loaded_state(80, 24));
    event(&mut state, DeliveryEvent::CountChanged(3));
    event(
        &mut state,
        DeliveryEvent::Offline {
            retry_in: Duration::from_secs(12),
        },
    );
    assert!(matches!(
        state.outbox.connection,
        Connection::Offline { .. }
    ));
    let next_tick = |state: &kring::app::core::state::State| {
        kring::panes::outbox::label::next_tick_in(&state.outbox, state.session.now, false)
    };
    let tick = next_tick(&state);
    assert!(
        tick.is_some_and(|t| t <= Duration::from_secs(1)),
        "{tick:?}"
    );
    event(&mut state, DeliveryEvent::CountChanged(0));
    assert_eq!(next_tick(&state), None);
}

#[test]
fn feed_requests_that_cannot_connect_mean_offline_and_the_first_answer_retries_the_queue() {
    let mut state = with_outbox(loaded_state(80, 24));
    let effects = write_post(&mut state, "queued while offline");
    answer_enqueue(&mut state, &effects, 1);
    let effects = act(&mut state, Action::Refresh);
    let Some(Effect::FetchFeed { req, feed, page }) = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchFeed { .. }))
        .cloned()
    else {
        panic!("a refresh fetches the feed: {effects:?}");
    };
    let refused = ApiError::Network {
        kind: NetworkKind::Connect,
        detail: "connection refused".into(),
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed,
            page,
            result: Err(refused),
        }),
    );
    assert!(matches!(
        state.outbox.connection,
        Connection::Offline { .. }
    ));
    let effects = act(&mut state, Action::Refresh);
    let Some(Effect::FetchFeed { req, feed, page }) = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchFeed { .. }))
        .cloned()
    else {
        panic!("a refresh fetches the feed: {effects:?}");
    };
    let empty = page_from_envelope(&kring::api::dto::MessagesEnvelope::default());
    let effects = update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed,
            page,
            result: Ok(empty),
        }),
    );
    assert_eq!(state.outbox.connection, Connection::Online);
    assert!(effects.contains(&Effect::Outbox(OutboxEffect::RetryAll)));
    assert_eq!(feed, Feed::MyFeed);
}
