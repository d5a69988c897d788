//! `update` tests: a message in, state and effects out — no terminal, no network. Every action
//! of the keymap vocabulary is exercised, mostly through the default key bindings.

mod tui_support;

use std::time::Duration;

use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::action::Action;
use kring::app::effect::{Effect, FeedPage, OutgoingPost};
use kring::app::msg::{ApiMsg, Msg};
use kring::app::notice::Level;
use kring::app::state::State;
use kring::app::update::update;
use kring::domain::convert::page_from_envelope;
use kring::domain::{Feed, GroupId, Likes, MessageId, ThreadId};
use kring::overlays::Overlay;
use kring::overlays::compose::ComposeTarget;
use kring::panes::PaneId;
use kring::panes::load::Load;
use tui_support::*;

fn act(state: &mut State, action: Action) -> Vec<Effect> {
    update(state, Msg::Action(action))
}

fn selected_thread(state: &State) -> Option<u64> {
    state.timeline.selected_thread().map(|t| t.0)
}

fn timeline_order(state: &State) -> Vec<u64> {
    state
        .timeline
        .active()
        .map(|t| t.threads().iter().map(|t| t.0).collect())
        .unwrap_or_default()
}

fn feed_request(state: &State, feed: Feed) -> kring::app::request::RequestId {
    match state.timeline.feed(feed).map(|t| &t.load) {
        Some(Load::Loading(req)) => *req,
        other => panic!("no request in flight for {feed:?}: {other:?}"),
    }
}

// ── start-up and loading ────────────────────────────────────────────────────────────────────

#[test]
fn start_asks_for_the_user_the_communities_and_my_feed() {
    let mut state = blank_state(80, 24);
    let effects = kring::app::global::start(&mut state);
    let req = feed_request(&state, Feed::MyFeed);
    assert_eq!(
        effects,
        vec![
            Effect::FetchCurrentUser,
            Effect::FetchCommunities,
            Effect::FetchFeed {
                req,
                feed: Feed::MyFeed,
                page: FeedPage::Latest
            },
        ]
    );
    assert_eq!(state.focus, PaneId::Timeline);
}

#[test]
fn a_loaded_feed_lists_threads_by_latest_activity_and_selects_the_first() {
    let state = loaded_state(80, 24);
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert_eq!(state.catalog.me.map(|u| u.0), Some(ME));
    assert_eq!(
        state.communities.mine,
        [GroupId(DESIGN), GroupId(ENGINEERING)]
    );
    assert!(
        state.timeline.active().is_some_and(|t| t.exhausted),
        "an empty older page ends paging"
    );
}

#[test]
fn a_stale_answer_is_dropped() {
    let mut state = blank_state(80, 24);
    kring::app::global::start(&mut state);
    let current = feed_request(&state, Feed::MyFeed);
    let stale = kring::app::request::RequestId(current.0 + 100);
    let page = page_from_envelope(&feed_envelope());
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req: stale,
            feed: Feed::MyFeed,
            page: FeedPage::Latest,
            result: Ok(page),
        }),
    );
    assert!(timeline_order(&state).is_empty());
    assert_eq!(feed_request(&state, Feed::MyFeed), current);
}

#[test]
fn a_failed_load_keeps_what_is_shown_and_says_why() {
    let mut state = loaded_state(80, 24);
    let effects = act(&mut state, Action::Refresh);
    let req = feed_request(&state, Feed::MyFeed);
    assert!(effects.contains(&Effect::FetchFeed {
        req,
        feed: Feed::MyFeed,
        page: FeedPage::Newer(MessageId(31))
    }));
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Newer(MessageId(31)),
            result: Err(ApiError::Server { status: 503 }),
        }),
    );
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
    let notice = state.notice.clone().expect("a notice");
    assert_eq!(notice.level, Level::Error);
    assert!(notice.text.contains("503"), "{}", notice.text);
}

#[test]
fn a_rate_limit_says_when_it_retries_and_delays_the_next_poll() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Refresh);
    let req = feed_request(&state, Feed::MyFeed);
    let error = ApiError::RateLimited {
        retry_after: Some(Duration::from_secs(120)),
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Newer(MessageId(31)),
            result: Err(error),
        }),
    );
    let notice = state.notice.clone().expect("a notice");
    assert_eq!(notice.level, Level::Warning);
    assert!(notice.text.contains("retrying in 120 s"), "{}", notice.text);
    assert_eq!(
        state.session.poll.until_due(now()),
        Duration::from_secs(120)
    );
}

// ── moving ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn move_down_and_up_walk_the_timeline() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(selected_thread(&state), Some(LUNCH));
    update(&mut state, key(KeyCode::Down));
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT));
    update(&mut state, key(KeyCode::Char('j')));
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT), "the end clamps");
    update(&mut state, key(KeyCode::Char('k')));
    assert_eq!(selected_thread(&state), Some(LUNCH));
    act(&mut state, Action::MoveUp);
    assert_eq!(selected_thread(&state), Some(RELEASE));
}

#[test]
fn last_and_the_g_g_sequence_jump_to_the_ends() {
    let mut state = loaded_state(80, 24);
    update(
        &mut state,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('G'),
            crossterm::event::KeyModifiers::SHIFT,
        )),
    );
    assert_eq!(selected_thread(&state), Some(WIDE_TEXT));
    update(&mut state, key(KeyCode::Char('g')));
    assert_eq!(state.keys.pending.len(), 1, "g waits for the next key");
    assert!(
        state.keys.hints.iter().any(|(_, action)| action == "first"),
        "{:?}",
        state.keys.hints
    );
    update(&mut state, key(KeyCode::Char('g')));
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert!(state.keys.pending.is_empty());
}

#[test]
fn a_stray_key_after_a_prefix_cancels_the_sequence() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('g')));
    update(&mut state, key(KeyCode::Char('x')));
    assert!(state.keys.pending.is_empty());
    assert_eq!(selected_thread(&state), Some(RELEASE));
}

#[test]
fn half_pages_move_by_half_the_visible_cards() {
    let mut state = loaded_state(80, 24);
    update(&mut state, ctrl('d'));
    assert_eq!(
        selected_thread(&state),
        Some(WIDE_TEXT),
        "21 rows hold 5 cards: half is 2"
    );
    update(&mut state, ctrl('u'));
    assert_eq!(selected_thread(&state), Some(RELEASE));
}

#[test]
fn communities_move_and_open_a_community() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::Last);
    assert_eq!(
        state.communities.selected,
        Feed::Community(GroupId(ENGINEERING))
    );
    act(&mut state, Action::First);
    assert_eq!(state.communities.selected, Feed::MyFeed);
    for _ in 0..5 {
        act(&mut state, Action::MoveDown);
    }
    act(&mut state, Action::HalfPageUp);
    act(&mut state, Action::HalfPageDown);
    let feed = Feed::Community(GroupId(ENGINEERING));
    assert_eq!(state.communities.selected, feed);
    let effects = update(&mut state, key(KeyCode::Enter));
    let req = feed_request(&state, feed);
    assert_eq!(
        effects,
        vec![Effect::FetchFeed {
            req,
            feed,
            page: FeedPage::Latest
        }]
    );
    assert_eq!(state.focus, PaneId::Timeline);
    assert_eq!(state.timeline.current, Some(feed));
}

#[test]
fn reopening_a_loaded_feed_shows_it_without_fetching() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::First);
    assert_eq!(act(&mut state, Action::Open), vec![]);
    assert_eq!(timeline_order(&state), [RELEASE, LUNCH, WIDE_TEXT]);
}

// ── focus ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn focus_moves_left_right_by_tab_and_by_number() {
    let mut state = loaded_state(160, 48);
    update(&mut state, key(KeyCode::Char('l')));
    assert_eq!(state.focus, PaneId::Thread);
    update(&mut state, key(KeyCode::Char('h')));
    assert_eq!(state.focus, PaneId::Timeline);
    act(&mut state, Action::FocusLeft);
    assert_eq!(state.focus, PaneId::Communities);
    act(&mut state, Action::FocusRight);
    assert_eq!(state.focus, PaneId::Timeline);
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(state.focus, PaneId::Thread);
    act(&mut state, Action::NextPane);
    assert_eq!(state.focus, PaneId::People);
    update(&mut state, key(KeyCode::BackTab));
    assert_eq!(state.focus, PaneId::Thread);
    act(&mut state, Action::PrevPane);
    assert_eq!(state.focus, PaneId::Timeline);
    for (c, pane) in [
        ('1', PaneId::Communities),
        ('2', PaneId::Timeline),
        ('3', PaneId::Thread),
        ('4', PaneId::People),
    ] {
        update(&mut state, key(KeyCode::Char(c)));
        assert_eq!(state.focus, pane);
    }
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::PaneTimeline);
    act(&mut state, Action::PaneThread);
    act(&mut state, Action::PanePeople);
    assert_eq!(state.focus, PaneId::People);
}

#[test]
fn back_steps_out_and_quit_or_back_quits_from_the_top() {
    let mut state = thread_state(160, 48);
    update(&mut state, key(KeyCode::Esc));
    assert_eq!(state.focus, PaneId::Timeline);
    act(&mut state, Action::Back);
    assert_eq!(state.focus, PaneId::Communities);
    update(&mut state, key(KeyCode::Char('l')));
    assert_eq!(update(&mut state, key(KeyCode::Char('q'))), vec![]);
    assert_eq!(state.focus, PaneId::Communities);
    assert!(!state.should_quit());
    assert_eq!(act(&mut state, Action::QuitOrBack), vec![Effect::Quit]);
    assert!(state.should_quit());
}

#[test]
fn back_dismisses_an_error_before_moving() {
    let mut state = thread_state(160, 48);
    state.notice = Some(kring::app::notice::Notice::error("boom"));
    act(&mut state, Action::Back);
    assert!(state.notice.is_none());
    assert_eq!(state.focus, PaneId::Thread);
}

#[test]
fn quit_leaves_and_keeps_an_unsent_draft() {
    let mut state = loaded_state(80, 24);
    assert_eq!(update(&mut state, ctrl('c')), vec![Effect::Quit]);
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('c')));
    type_text(&mut state, "half a thought");
    let effects = update(&mut state, ctrl('c'));
    assert!(
        matches!(&effects[..], [Effect::SaveDraft(post), Effect::Quit] if post.body == "half a thought")
    );
    assert!(state.should_quit());
}

#[test]
fn terminate_quits_like_quit() {
    let mut state = loaded_state(80, 24);
    assert_eq!(update(&mut state, Msg::Terminate), vec![Effect::Quit]);
    assert!(state.should_quit());
}

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
            .as_ref()
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
fn delete_asks_first_and_only_for_own_messages() {
    let mut state = thread_state(160, 48);
    assert_eq!(update(&mut state, key(KeyCode::Char('d'))), vec![]);
    assert!(state.overlay.is_none(), "Grace's message is not mine");
    assert!(
        state
            .notice
            .as_ref()
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

// ── compose ─────────────────────────────────────────────────────────────────────────────────

fn compose_target(state: &State) -> Option<ComposeTarget> {
    state.compose().map(|c| c.target.clone())
}

#[test]
fn compose_posts_in_the_selected_community() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::PaneCommunities);
    act(&mut state, Action::Last);
    update(&mut state, key(KeyCode::Char('c')));
    let target = compose_target(&state);
    assert!(
        matches!(
            target,
            Some(ComposeTarget::NewPost {
                community: Some(GroupId(ENGINEERING)),
                ..
            })
        ),
        "{target:?}"
    );
}

#[test]
fn compose_from_the_timeline_and_people_uses_the_shown_feed() {
    let mut state = loaded_state(160, 48);
    act(&mut state, Action::Compose);
    assert!(matches!(
        compose_target(&state),
        Some(ComposeTarget::NewPost {
            community: None,
            ..
        })
    ));
    state.overlay = None;
    act(&mut state, Action::PanePeople);
    act(&mut state, Action::Compose);
    assert!(state.compose().is_some());
}

#[test]
fn reply_sends_and_the_reply_appears_selected_in_the_tree() {
    let mut state = thread_state(160, 48);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::MoveDown);
    update(&mut state, key(KeyCode::Char('r')));
    assert!(matches!(
        compose_target(&state),
        Some(ComposeTarget::Reply {
            to: MessageId(23),
            ..
        })
    ));
    type_text(&mut state, "Yes, q and j work here");
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("Yes, q and j work here".to_owned())
    );
    let effects = update(&mut state, ctrl('s'));
    let req = state.compose().and_then(|c| c.sending).expect("sending");
    let post = OutgoingPost {
        body: "Yes, q and j work here".into(),
        community: None,
        replied_to: Some(MessageId(23)),
        direct_to: vec![],
    };
    assert_eq!(effects, vec![Effect::PostMessage { req, post }]);
    assert_eq!(
        update(&mut state, ctrl('s')),
        vec![],
        "a second send waits for the first"
    );
    let mut answer = thread_envelope(RELEASE);
    answer.messages = vec![message(
        40,
        RELEASE,
        ME,
        Some(23),
        Some(ENGINEERING),
        0,
        "Yes, q and j work here",
    )];
    update(
        &mut state,
        Msg::Api(ApiMsg::Posted {
            req,
            result: Ok(page_from_envelope(&answer)),
        }),
    );
    assert!(state.overlay.is_none());
    assert_eq!(state.thread.selected, Some(MessageId(40)));
    assert_eq!(
        state.thread.tree().parent(MessageId(40)),
        Some(MessageId(23))
    );
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text == "Reply sent")
    );
}

#[test]
fn a_failed_send_keeps_the_draft_with_the_reason() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Reply);
    type_text(&mut state, "hello");
    act(&mut state, Action::Send);
    let req = state.compose().and_then(|c| c.sending).expect("sending");
    let error = ApiError::Validation {
        messages: vec!["Body is too long".into()],
    };
    update(
        &mut state,
        Msg::Api(ApiMsg::Posted {
            req,
            result: Err(error),
        }),
    );
    let compose = state.compose().expect("still open");
    assert_eq!(compose.text(), "hello");
    assert!(compose.sending.is_none());
    assert!(
        compose
            .error
            .as_deref()
            .is_some_and(|e| e.contains("Body is too long"))
    );
}

#[test]
fn sending_nothing_is_refused() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    assert_eq!(act(&mut state, Action::Send), vec![]);
    assert!(state.compose().and_then(|c| c.error.clone()).is_some());
}

#[test]
fn cancel_asks_before_discarding_text() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    update(&mut state, key(KeyCode::Esc));
    assert!(state.overlay.is_none(), "an empty draft closes at once");
    act(&mut state, Action::Compose);
    type_text(&mut state, "keep me");
    update(&mut state, key(KeyCode::Esc));
    assert!(state.compose().is_some_and(|c| c.confirm_discard));
    update(&mut state, key(KeyCode::Char('n')));
    assert!(
        state
            .compose()
            .is_some_and(|c| !c.confirm_discard && c.text() == "keep me")
    );
    act(&mut state, Action::Cancel);
    update(&mut state, key(KeyCode::Char('y')));
    assert!(state.overlay.is_none());
}

#[test]
fn the_external_editor_gets_the_draft_and_gives_it_back() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "draft");
    let effects = update(&mut state, ctrl('e'));
    assert!(
        matches!(&effects[..], [Effect::SaveDraft(_), Effect::EditExternally(text)] if text == "draft")
    );
    update(&mut state, Msg::EditorClosed(Ok("edited\nin vim\n".into())));
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("edited\nin vim".to_owned())
    );
    act(&mut state, Action::ExternalEditor);
    update(&mut state, Msg::EditorClosed(Err("vim: not found".into())));
    assert!(
        state
            .compose()
            .and_then(|c| c.error.clone())
            .is_some_and(|e| e.contains("not found"))
    );
}

#[test]
fn paste_goes_into_the_editor_and_is_ignored_elsewhere() {
    let mut state = loaded_state(80, 24);
    update(&mut state, Msg::Paste("pasted".into()));
    assert!(state.overlay.is_none());
    act(&mut state, Action::Compose);
    update(&mut state, Msg::Paste("two\nlines".into()));
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("two\nlines".to_owned())
    );
}

#[test]
fn at_and_hash_complete_known_people_and_tab_accepts() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "thanks @gr");
    let candidates = state
        .compose()
        .and_then(|c| c.completion.clone())
        .map(|c| c.candidates);
    assert_eq!(candidates, Some(vec!["@grace".to_owned()]));
    update(&mut state, key(KeyCode::Tab));
    assert_eq!(
        state.compose().map(|c| c.text()),
        Some("thanks @grace ".to_owned())
    );
}

// ── global actions ──────────────────────────────────────────────────────────────────────────

#[test]
fn help_opens_scrolls_and_closes() {
    let mut state = loaded_state(80, 24);
    update(&mut state, key(KeyCode::Char('?')));
    assert!(matches!(state.overlay, Some(Overlay::Help(_))));
    update(&mut state, key(KeyCode::Char('j')));
    act(&mut state, Action::Last);
    let scrolled = matches!(&state.overlay, Some(Overlay::Help(h)) if h.scroll > 1);
    assert!(scrolled);
    update(&mut state, key(KeyCode::Esc));
    assert!(state.overlay.is_none());
}

#[test]
fn refresh_fetches_what_is_newer_the_open_thread_and_the_communities() {
    let mut state = thread_state(160, 48);
    let effects = update(&mut state, ctrl('r'));
    let req = feed_request(&state, Feed::MyFeed);
    let Load::Loading(thread_req) = state.thread.load else {
        panic!("thread not reloading")
    };
    assert_eq!(
        effects,
        vec![
            Effect::FetchFeed {
                req,
                feed: Feed::MyFeed,
                page: FeedPage::Newer(MessageId(31))
            },
            Effect::FetchThread {
                req: thread_req,
                thread: ThreadId(RELEASE)
            },
            Effect::FetchCommunities,
        ]
    );
}

#[test]
fn new_threads_arrive_above_and_the_selection_stays_on_its_thread() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::MoveDown);
    act(&mut state, Action::Refresh);
    let req = feed_request(&state, Feed::MyFeed);
    let mut newer = feed_envelope();
    newer.messages = vec![message(
        50,
        50,
        GRACE,
        None,
        Some(DESIGN),
        1,
        "Fresh design review",
    )];
    newer.threaded_extended.clear();
    let page = page_from_envelope(&newer);
    update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Newer(MessageId(31)),
            result: Ok(page),
        }),
    );
    assert_eq!(timeline_order(&state), [50, RELEASE, LUNCH, WIDE_TEXT]);
    assert_eq!(selected_thread(&state), Some(LUNCH));
    assert!(state.unread.is_unread(ThreadId(50)));
    assert_eq!(state.unread.count(Feed::Community(GroupId(DESIGN))), 1);
    // next_unread opens the first feed with unread threads after the selected one.
    update(&mut state, key(KeyCode::Char('n')));
    assert_eq!(
        state.timeline.current,
        Some(Feed::Community(GroupId(DESIGN)))
    );
    act(&mut state, Action::NextUnread);
    assert_eq!(
        state.timeline.current,
        Some(Feed::MyFeed),
        "wraps around to My feed"
    );
}

#[test]
fn next_unread_with_nothing_unread_says_so() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::NextUnread);
    assert!(
        state
            .notice
            .as_ref()
            .is_some_and(|n| n.text == "Nothing unread")
    );
}

#[test]
fn polls_run_at_the_requested_interval_and_never_faster() {
    let mut state = loaded_state(80, 24);
    let soon = now() + chrono::Duration::seconds(59);
    assert_eq!(update(&mut state, Msg::Tick(soon)), vec![]);
    let due = now() + chrono::Duration::seconds(60);
    let effects = update(&mut state, Msg::Tick(due));
    let req = feed_request(&state, Feed::MyFeed);
    assert_eq!(
        effects,
        vec![
            Effect::FetchFeed {
                req,
                feed: Feed::MyFeed,
                page: FeedPage::Newer(MessageId(31))
            },
            Effect::FetchCommunities
        ]
    );
    let again = due + chrono::Duration::seconds(30);
    assert_eq!(update(&mut state, Msg::Tick(again)), vec![]);
}

#[test]
fn idle_wake_ups_are_only_for_polls_and_changing_labels() {
    let state = loaded_state(80, 24);
    let next = state.next_tick_in().expect("a poll is always scheduled");
    // The newest visible activity is 5 minutes old: its label changes within a minute.
    assert!(next <= Duration::from_secs(60), "{next:?}");
    assert!(next > Duration::ZERO);
}

#[test]
fn palette_search_direct_message_and_follow_say_they_are_not_there_yet() {
    for action in [
        Action::Palette,
        Action::Search,
        Action::DirectMessage,
        Action::ToggleFollow,
    ] {
        let mut state = loaded_state(80, 24);
        assert_eq!(act(&mut state, action), vec![]);
        assert!(
            state
                .notice
                .as_ref()
                .is_some_and(|n| n.text.contains("not available yet")),
            "{action}"
        );
    }
}

#[test]
fn noop_and_unbound_keys_change_nothing() {
    let mut state = loaded_state(80, 24);
    assert_eq!(act(&mut state, Action::Noop), vec![]);
    assert_eq!(update(&mut state, key(KeyCode::Char('z'))), vec![]);
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert!(state.overlay.is_none());
}

#[test]
fn overlays_take_keys_before_panes_and_typed_letters_are_text() {
    let mut state = loaded_state(80, 24);
    act(&mut state, Action::Compose);
    type_text(&mut state, "q?jk");
    assert!(!state.should_quit());
    assert_eq!(selected_thread(&state), Some(RELEASE));
    assert_eq!(state.compose().map(|c| c.text()), Some("q?jk".to_owned()));
}

#[test]
fn resize_changes_how_far_a_half_page_moves() {
    let mut state = loaded_state(80, 24);
    update(
        &mut state,
        Msg::Resize {
            width: 80,
            height: 12,
        },
    );
    update(&mut state, ctrl('d'));
    assert_eq!(
        selected_thread(&state),
        Some(LUNCH),
        "9 rows hold 2 cards: half is 1"
    );
}

#[test]
fn every_action_is_handled_without_panicking_in_every_pane_and_size() {
    for (width, height) in [(0, 0), (40, 10), (80, 24), (160, 48)] {
        for pane in PaneId::ALL {
            for action in Action::ALL {
                let mut state = thread_state(width, height);
                state.focus = pane;
                act(&mut state, *action);
            }
        }
    }
}

#[test]
fn older_pages_load_when_the_selection_nears_the_end_until_one_comes_back_empty() {
    let mut state = blank_state(80, 24);
    let effects = kring::app::global::start(&mut state);
    let req = feed_request(&state, Feed::MyFeed);
    assert!(effects.contains(&Effect::FetchFeed {
        req,
        feed: Feed::MyFeed,
        page: FeedPage::Latest
    }));
    let starters: Vec<_> = (0..20u64)
        .map(|i| {
            message(
                1000 - i,
                1000 - i,
                GRACE,
                None,
                None,
                i64::try_from(i).unwrap_or(0),
                "busy day",
            )
        })
        .collect();
    let mut envelope = feed_envelope();
    envelope.messages = starters;
    envelope.threaded_extended.clear();
    let page = page_from_envelope(&envelope);
    let more = update(
        &mut state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed: Feed::MyFeed,
            page: FeedPage::Latest,
            result: Ok(page),
        }),
    );
    assert_eq!(more, vec![], "the selection is far from the end");
    let mut older = Vec::new();
    for _ in 0..15 {
        older.extend(act(&mut state, Action::MoveDown));
    }
    let older_req = match state.timeline.active().map(|t| &t.older) {
        Some(Load::Loading(req)) => *req,
        other => panic!("no older request: {other:?}"),
    };
    assert_eq!(
        older,
        vec![Effect::FetchFeed {
            req: older_req,
            feed: Feed::MyFeed,
            page: FeedPage::Older(MessageId(981))
        }]
    );
    assert_eq!(
        act(&mut state, Action::MoveDown),
        vec![],
        "one older request at a time"
    );
    answer_older_with_nothing(&mut state, &older);
    assert!(state.timeline.active().is_some_and(|t| t.exhausted));
    assert_eq!(act(&mut state, Action::Last), vec![]);
}
