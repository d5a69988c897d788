//! Render tests of the TUI's outbox at 80×24: the status bar's
//! queue count and connection, the pending labels in the timeline and the thread, the outbox
//! overlay with a refused post's reason and the cancel question, and the ASCII fallback of
//! the count. Fixed clock, `TestBackend`, reviewed `insta` snapshots.

use crate::harness::tui;
use crate::harness::tui_outbox;

use std::time::Duration;

use crate::harness::tui::draw;
use crossterm::event::KeyCode;
use kring::api::{ApiError, NetworkKind};
use kring::app::core::effect::DraftFor;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::app::shell::glyphs;
use kring::app::shell::view_state::ViewState;
use kring::config::theme::Theme;
use kring::delivery::DeliveryEvent;
use kring::domain::{MessageId, ThreadId};
use kring::panes::outbox::effect::OutboxMsg;
use kring::store::OutboxState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui::*;
use tui_outbox::{event, item, with_outbox};

const ALL_COMPANY: DraftFor = DraftFor::NewPost(None);

fn render(state: &State, width: u16, height: u16, ascii: bool) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let theme = Theme::builtin_default();
    let mut view = ViewState::default();
    terminal
        .draw(|frame| {
            draw(frame, state, &mut view, &theme);
            if ascii {
                glyphs::to_ascii(frame.buffer_mut());
            }
        })
        .expect("draw");
    terminal.backend().to_string()
}

fn status_bar(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_owned()
}

/// Three posts written offline: queued, and the engine found the server unreachable.
fn offline_with_three_queued() -> State {
    let mut state = with_outbox(loaded_state(80, 24));
    let items = (1..=3)
        .map(|n| {
            item(
                n,
                ALL_COMPANY,
                &format!("offline post #{n}"),
                OutboxState::Queued,
            )
        })
        .collect();
    update(&mut state, Msg::Outbox(OutboxMsg::Items(Ok(items))));
    event(&mut state, DeliveryEvent::CountChanged(3));
    event(
        &mut state,
        DeliveryEvent::Offline {
            retry_in: Duration::from_secs(12),
        },
    );
    state
}

#[test]
fn status_bar_shows_the_queue_and_the_retry_at_80x24() {
    let state = offline_with_three_queued();
    let screen = render(&state, 80, 24, false);
    let bar = status_bar(&screen);
    assert!(bar.contains("⇡3 queued"), "{bar}");
    assert!(bar.contains("offline · retry in 12s"), "{bar}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_queue_count_has_an_ascii_form() {
    let state = offline_with_three_queued();
    let bar = status_bar(&render(&state, 80, 24, true));
    assert!(bar.contains("^3 queued"), "{bar}");
    assert!(bar.is_ascii(), "{bar}");
}

#[test]
fn nothing_queued_and_online_leaves_the_status_bar_to_the_hints() {
    let state = with_outbox(loaded_state(80, 24));
    let bar = status_bar(&render(&state, 80, 24, false));
    assert!(!bar.contains("queued") && !bar.contains("offline"), "{bar}");
}

#[test]
fn a_queued_reply_is_labelled_in_the_thread_at_80x24() {
    let mut state = with_outbox(thread_state(80, 24));
    let reply = DraftFor::Reply {
        thread: ThreadId(RELEASE),
        to: MessageId(31),
    };
    update(
        &mut state,
        Msg::Outbox(OutboxMsg::Enqueued {
            draft_for: reply,
            body: "Shipping it".into(),
            result: Ok(item(1, reply, "Shipping it", OutboxState::Queued)),
        }),
    );
    let screen = render(&state, 80, 24, false);
    assert!(screen.contains("Ada Lovelace · queued"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// The overlay over three posts: one queued, one being sent, one refused with its reason.
fn overlay_state() -> State {
    let mut state = with_outbox(loaded_state(80, 24));
    let reply = DraftFor::Reply {
        thread: ThreadId(RELEASE),
        to: MessageId(23),
    };
    let items = vec![
        item(1, ALL_COMPANY, "Lunch moved to 1pm", OutboxState::Queued),
        item(
            2,
            DraftFor::NewPost(Some(kring::domain::GroupId(ENGINEERING))),
            "Release checklist\nsecond line",
            OutboxState::Sending,
        ),
        item(
            3,
            reply,
            "Agreed!",
            OutboxState::Failed {
                reason: "the server refused the request: Body is too short".into(),
            },
        ),
    ];
    update(&mut state, Msg::Outbox(OutboxMsg::Items(Ok(items))));
    update(&mut state, key(KeyCode::Char('O')));
    state
}

#[test]
fn outbox_overlay_at_80x24() {
    let state = overlay_state();
    let screen = render(&state, 80, 24, false);
    for expected in [
        "Outbox",
        "queued",
        "sending…",
        "refused",
        "Body is too short",
        "reply to Linus",
        "Engineering Platform",
    ] {
        assert!(screen.contains(expected), "{expected}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn outbox_overlay_cancel_question_at_80x24() {
    let mut state = overlay_state();
    update(&mut state, key(KeyCode::Char('x')));
    let screen = render(&state, 80, 24, false);
    assert!(screen.contains("Cancel this post?"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn an_empty_outbox_says_so() {
    let mut state = with_outbox(loaded_state(80, 24));
    update(&mut state, key(KeyCode::Char('O')));
    let screen = render(&state, 80, 24, false);
    assert!(screen.contains("Nothing waiting to be sent."), "{screen}");
}

#[test]
fn the_overlay_draws_at_every_small_size_without_a_panic() {
    let state = overlay_state();
    let theme = Theme::builtin_default();
    for width in 0..=50 {
        for height in 0..=14 {
            let mut terminal =
                Terminal::new(TestBackend::new(width, height)).expect("test backend");
            let mut view = ViewState::default();
            terminal
                .draw(|frame| draw(frame, &state, &mut view, &theme))
                .expect("draw");
        }
    }
}

#[test]
fn offline_is_said_once_when_the_app_and_the_queue_both_find_the_server_gone() {
    let mut state = offline_with_three_queued();
    update(
        &mut state,
        Msg::Api(ApiMsg::CurrentUser(Err(ApiError::Network {
            kind: NetworkKind::Connect,
            detail: "connection refused".into(),
        }))),
    );
    let bar = status_bar(&render(&state, 100, 24, false));
    assert_eq!(bar.matches("offline").count(), 1, "{bar}");
    assert!(bar.contains("⇡3 queued"), "{bar}");
    assert!(bar.contains("sending in 12s"), "{bar}");
}
