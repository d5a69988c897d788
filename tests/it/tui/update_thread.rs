//! `update` tests for the thread pane and message actions: opening, tree motions, folding,
//! like, links and delete.

use crate::harness::tui;

use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::core::effect::Effect;
use kring::app::core::msg::{ApiMsg, Msg};
use kring::app::core::update::update;
use kring::domain::{Likes, MessageId, ThreadId};
use kring::input::action::Action;
use kring::overlays::Overlay;
use kring::panes::PaneId;
use kring::panes::load::Load;
use tui::*;

// ── the thread ──────────────────────────────────────────────────────────────────────────────

#[test]
fn open_shows_the_cached_thread_and_fetches_all_of_it() {
    let mut state = loaded_state(80, 24);
    let effects = update(&mut state, key(KeyCode::Enter));
    let Load::Loading(req) = state.thread.load else {
        panic!("thread not loading")
    };
    assert_eq!(
        effects,
        vec![Effect::FetchThread {
            req,
            thread: ThreadId(RELEASE)
        }]
    );
    assert_eq!(state.focus, PaneId::Thread);
    assert_eq!(state.thread.selected, Some(MessageId(RELEASE)));
    assert!(
        state.thread.rows().len() >= 2,
        "the starter and its cached replies show at once"
    );
    answer_thread(&mut state, &effects);
    let rows: Vec<u64> = state.thread.rows().iter().map(|r| r.id.0).collect();
    assert_eq!(rows, [20, 21, 23, 31]);
}

#[test]
fn tree_motions_follow_parents_and_siblings() {
    let mut state = thread_state(160, 48);
    update(&mut state, key(KeyCode::Char('J')));
    assert_eq!(
        state.thread.selected,
        Some(MessageId(RELEASE)),
        "the root has no sibling"
    );
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(state.thread.selected, Some(MessageId(21)));
    update(
        &mut state,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('J'),
            crossterm::event::KeyModifiers::SHIFT,
        )),
    );
    assert_eq!(state.thread.selected, Some(MessageId(31)));
    act(&mut state, Action::PrevSibling);
    assert_eq!(state.thread.selected, Some(MessageId(21)));
    act(&mut state, Action::MoveDown);
    assert_eq!(state.thread.selected, Some(MessageId(23)));
    update(&mut state, key(KeyCode::Char('p')));
    assert_eq!(state.thread.selected, Some(MessageId(21)));
    act(&mut state, Action::Parent);
    assert_eq!(state.thread.selected, Some(MessageId(RELEASE)));
    act(&mut state, Action::Last);
    assert_eq!(state.thread.selected, Some(MessageId(31)));
    act(&mut state, Action::First);
    act(&mut state, Action::HalfPageDown);
    assert!(state.thread.selected > Some(MessageId(RELEASE)));
    act(&mut state, Action::HalfPageUp);
    assert_eq!(state.thread.selected, Some(MessageId(RELEASE)));
}

#[test]
fn space_folds_a_subtree_and_enter_does_too() {
    let mut state = thread_state(160, 48);
    act(&mut state, Action::MoveDown);
    update(&mut state, key(KeyCode::Char(' ')));
    let rows: Vec<u64> = state.thread.rows().iter().map(|r| r.id.0).collect();
    assert_eq!(rows, [20, 21, 31]);
    assert_eq!(state.thread.rows()[1].hidden, 1);
    act(&mut state, Action::ToggleFold);
    assert_eq!(state.thread.rows().len(), 4);
    act(&mut state, Action::First);
    act(&mut state, Action::Open);
    assert_eq!(state.thread.rows().len(), 1);
}

#[test]
fn like_is_optimistic_and_reverted_with_a_message_on_failure() {
    let mut state = thread_state(160, 48);
    let effects = update(&mut state, key(KeyCode::Char('f')));
    let previous = Likes {
        count: 0,
        by_me: false,
    };
    assert_eq!(
        effects,
        vec![Effect::SetLike {
            message: MessageId(RELEASE),
            like: true,
            previous
        }]
    );
    let liked = state.catalog.message(MessageId(RELEASE)).map(|m| m.likes);
    assert_eq!(
        liked,
        Some(Likes {
            count: 1,
            by_me: true
        })
    );
    let failure = Err(ApiError::Forbidden {
        message: "no".into(),
    });
    update(
        &mut state,
        Msg::Api(ApiMsg::Liked {
            message: MessageId(RELEASE),
            previous,
            result: failure,
        }),
    );
    assert_eq!(
        state.catalog.message(MessageId(RELEASE)).map(|m| m.likes),
        Some(previous)
    );
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text.starts_with("Liking the message"))
    );
}

#[test]
fn unlike_from_the_timeline_acts_on_the_thread_starter() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::ToggleLike);
    let effects = act(&mut state, Action::ToggleLike);
    let previous = Likes {
        count: 1,
        by_me: true,
    };
    assert_eq!(
        effects,
        vec![Effect::SetLike {
            message: MessageId(RELEASE),
            like: false,
            previous
        }]
    );
    update(
        &mut state,
        Msg::Api(ApiMsg::Liked {
            message: MessageId(RELEASE),
            previous,
            result: Ok(()),
        }),
    );
    assert_eq!(
        state.catalog.message(MessageId(RELEASE)).map(|m| m.likes),
        Some(Likes::default())
    );
}

#[test]
fn links_open_in_the_browser_and_copy_as_the_web_url() {
    let mut state = thread_state(160, 48);
    act(&mut state, Action::MoveDown);
    let web_url = "https://kring.test/threads/20?message=21".to_owned();
    assert_eq!(
        update(&mut state, key(KeyCode::Char('o'))),
        vec![Effect::OpenUrl(web_url.clone())]
    );
    assert_eq!(
        update(&mut state, key(KeyCode::Char('y'))),
        vec![Effect::CopyToClipboard(web_url)]
    );
    let mut state = loaded_state(80, 24);
    assert_eq!(act(&mut state, Action::CopyLink).len(), 1);
    assert_eq!(act(&mut state, Action::OpenLink).len(), 1);
}

#[test]
fn a_web_link_with_a_hidden_second_line_is_neither_copied_nor_opened() {
    let mut state = thread_state(160, 48);
    act(&mut state, Action::MoveDown);
    let id = MessageId(21);
    let mut message = state
        .catalog
        .message(id)
        .cloned()
        .expect("reply 21 is loaded");
    message.web_url = kring::text::SafeText::new("https://evil.example/\nrm -rf ~");
    state.catalog.insert_message(message);
    assert_eq!(update(&mut state, key(KeyCode::Char('y'))), vec![]);
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("not copied"), "{notice}");
    assert_eq!(update(&mut state, key(KeyCode::Char('o'))), vec![]);
}

#[test]
fn delete_asks_first_and_only_for_own_messages() {
    let mut state = thread_state(160, 48);
    assert_eq!(update(&mut state, key(KeyCode::Char('d'))), vec![]);
    assert!(state.overlay.is_none(), "Grace's message is not mine");
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text.contains("own messages"))
    );
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::Delete);
    assert!(matches!(state.overlay, Some(Overlay::Confirm(_))));
    update(&mut state, key(KeyCode::Char('n')));
    assert!(state.overlay.is_none());
    act(&mut state, Action::Delete);
    assert_eq!(act(&mut state, Action::ConfirmNo), vec![]);
    act(&mut state, Action::Delete);
    let effects = update(&mut state, key(KeyCode::Char('y')));
    assert_eq!(
        effects,
        vec![Effect::DeleteMessage {
            message: MessageId(21)
        }]
    );
    update(
        &mut state,
        Msg::Api(ApiMsg::Deleted {
            message: MessageId(21),
            result: Ok(()),
        }),
    );
    let rows: Vec<u64> = state.thread.rows().iter().map(|r| r.id.0).collect();
    assert_eq!(rows, [20, 23, 31], "the reply to the deleted message stays");
}

#[test]
fn confirm_yes_on_a_thread_starter_removes_the_thread() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::MoveDown);
    assert_eq!(selected_thread(&state), Some(LUNCH));
    act(&mut state, Action::Delete);
    assert_eq!(
        act(&mut state, Action::ConfirmYes),
        vec![Effect::DeleteMessage {
            message: MessageId(LUNCH)
        }]
    );
    update(
        &mut state,
        Msg::Api(ApiMsg::Deleted {
            message: MessageId(LUNCH),
            result: Ok(()),
        }),
    );
    assert_eq!(timeline_order(&state), [RELEASE, WIDE_TEXT]);
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT));
}
