//! The people pane through `update`, as the run loop drives it: the listing pages in one request
//! at a time, `/` and typing rank "who knows" with reasons, hidden people never appear, filters
//! and sort orders, `enter` opens a profile card and a thread from it, `m` and `F`. The
//! debounced search for evidence is in `update_evidence`.

use crate::harness::people;
use crate::harness::tui;

use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::core::effect::Effect;
use kring::app::core::msg::Msg;
use kring::app::core::update::{active_modes, update};
use kring::domain::{ThreadId, UserId};
use kring::expertise::SortOrder;
use kring::input::action::Action;
use kring::overlays::Overlay;
use kring::overlays::compose::ComposeTarget;
use kring::panes::PaneId;
use kring::panes::people::effect::{PeopleEffect, PeopleMsg};
use people::*;
use tui::{act, key, now, type_text};

pub(super) fn search(state: &mut kring::app::core::state::State, text: &str) -> Vec<Effect> {
    let mut effects = update(state, key(KeyCode::Char('/')));
    effects.extend(type_text(state, text));
    effects
}

#[test]
fn opening_the_pane_pages_the_listing_one_request_at_a_time() {
    let mut state = state_with_messages(80, 24);
    let effects = act(&mut state, Action::PanePeople);
    let requests = people_effects(&effects);
    assert_eq!(requests.len(), 1, "{requests:?}");
    let PeopleEffect::ListPage { req, page } = requests[0].clone() else {
        panic!("the listing starts: {requests:?}");
    };
    assert_eq!(page, 1);
    assert!(people_effects(&act(&mut state, Action::MoveDown)).is_empty());
    assert!(people_effects(&act(&mut state, Action::PanePeople)).is_empty());
    let next = update(
        &mut state,
        Msg::People(PeopleMsg::ListPage {
            req,
            page,
            result: Ok(listing_page(1)),
        }),
    );
    let PeopleEffect::ListPage { req, page } = people_effects(&next)[0].clone() else {
        panic!("a full page asks for the next: {next:?}");
    };
    assert_eq!(page, 2);
    assert!(!state.people.paging.complete);
    let done = update(
        &mut state,
        Msg::People(PeopleMsg::ListPage {
            req,
            page,
            result: Ok(listing_page(2)),
        }),
    );
    assert!(people_effects(&done).is_empty(), "a short page is the last");
    assert!(state.people.paging.complete);
    let stats = state.people.index.lock().stats();
    assert_eq!(stats.people_known, users().len());
    assert_eq!(stats.people_visible, users().len() - 1);
    assert_eq!(stats.messages_indexed, state.catalog.message_count());
    assert!(stats.messages_indexed >= subject_messages().len());
}

#[test]
fn a_failed_page_stops_the_listing_until_a_refresh() {
    let mut state = state_with_messages(80, 24);
    let effects = act(&mut state, Action::PanePeople);
    let PeopleEffect::ListPage { req, page } = people_effects(&effects)[0].clone() else {
        panic!("the listing starts");
    };
    let after = update(
        &mut state,
        Msg::People(PeopleMsg::ListPage {
            req,
            page,
            result: Err(ApiError::NotFound),
        }),
    );
    assert!(people_effects(&after).is_empty());
    assert!(state.people.paging.failed.is_some());
    assert_eq!(state.people.paging.failed.as_deref(), Some("not found"));
    assert_eq!(state.people.paging.next_tick_in(now(), true), None);
    let retried = people_effects(&act(&mut state, Action::Refresh));
    assert!(
        matches!(retried.as_slice(), [PeopleEffect::ListPage { page: 1, .. }]),
        "refresh asks for the failed page again: {retried:?}"
    );
}

#[test]
fn everyone_visible_is_listed_by_name_and_the_hidden_never() {
    let state = people_state(80, 24);
    let ids = listed(&state);
    assert_eq!(ids.len(), users().len() - 1);
    assert!(!ids.contains(&HANK));
    assert_eq!(
        &ids[..2],
        &[FIRST_COLLEAGUE, FIRST_COLLEAGUE + 1],
        "by name"
    );
}

#[test]
fn slash_and_typing_rank_who_knows_with_reasons() {
    let mut state = people_state(80, 24);
    search(&mut state, "kubernetes");
    assert!(state.people.line.editing);
    assert_eq!(active_modes(&state), ["people_search"]);
    let ids = listed(&state);
    assert_eq!(
        ids,
        [KIM, LARS, EVA],
        "declared+evidence, declared, evidence"
    );
    let kim = reasons_of(&state, KIM).unwrap_or_default();
    assert_eq!(
        kim,
        "declared: kubernetes · 3 messages in Engineering Platform · last 3 days ago"
    );
    assert_eq!(
        reasons_of(&state, LARS).as_deref(),
        Some("declared: kubernetes")
    );
    assert!(
        reasons_of(&state, EVA)
            .unwrap_or_default()
            .starts_with("4 messages in Engineering Platform")
    );
    assert_eq!(state.people.selected, Some(UserId(KIM)), "the best match");
}

#[test]
fn the_listing_follows_each_key_and_names_come_first() {
    let mut state = people_state(80, 24);
    search(&mut state, "k");
    let ids = listed(&state);
    assert!(ids.contains(&KIM) && ids.contains(&KUBO), "{ids:?}");
    type_text(&mut state, "ub");
    let ids = listed(&state);
    assert_eq!(
        ids.first(),
        Some(&KUBO),
        "a name start comes first: {ids:?}"
    );
    assert!(ids.contains(&KIM) && ids.contains(&LARS), "{ids:?}");
    type_text(&mut state, "e");
    assert_eq!(listed(&state), [KIM, LARS, EVA]);
    update(&mut state, key(KeyCode::Backspace));
    assert_eq!(state.people.line.text, "kub");
    assert_eq!(listed(&state).first(), Some(&KUBO));
}

#[test]
fn hidden_people_never_appear_even_by_name_or_evidence() {
    let mut state = people_state(80, 24);
    for text in [
        "hank",
        "hidden",
        "kubernetes autoscaling",
        "platform engineer",
    ] {
        update(&mut state, Msg::Action(Action::Back));
        search(&mut state, text);
        assert!(
            !listed(&state).contains(&HANK),
            "{text}: {:?}",
            listed(&state)
        );
    }
    assert!(state.people.index.lock().person(HANK).is_none());
}

#[test]
fn esc_leaves_the_query_then_clears_it_then_leaves_the_pane() {
    let mut state = people_state(80, 24);
    search(&mut state, "gdpr");
    assert_eq!(listed(&state).first(), Some(&LENA));
    update(&mut state, key(KeyCode::Esc));
    assert!(!state.people.line.editing, "esc leaves the query line");
    assert_eq!(state.people.line.text, "gdpr", "and keeps what was typed");
    assert_eq!(listed(&state).first(), Some(&LENA));
    update(&mut state, key(KeyCode::Esc));
    assert!(state.people.line.text.is_empty(), "a second esc clears it");
    assert_eq!(listed(&state).len(), users().len() - 1);
    assert_eq!(state.focus, PaneId::People);
    update(&mut state, key(KeyCode::Esc));
    assert_ne!(state.focus, PaneId::People);
}

#[test]
fn enter_or_down_moves_from_the_query_into_the_results_where_result_keys_act() {
    for into_results in [KeyCode::Enter, KeyCode::Down] {
        let mut state = people_state(80, 24);
        search(&mut state, "kubernetes");
        let best = state.people.selected;
        update(&mut state, key(into_results));
        assert!(!state.people.line.editing, "{into_results:?}");
        assert!(
            state.people.card.is_none(),
            "{into_results:?} opens nothing yet"
        );
        assert_eq!(state.people.selected, best, "the best match stays selected");
        update(&mut state, key(KeyCode::Char('m')));
        assert_eq!(state.people.line.text, "kubernetes", "m is not typed");
        assert!(
            matches!(state.overlay, Some(Overlay::Compose(_))),
            "m writes to the selected person"
        );
    }
    let mut state = people_state(80, 24);
    search(&mut state, "kubernetes");
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Char('/')));
    assert!(state.people.line.editing, "/ edits the query again");
    type_text(&mut state, "m");
    assert_eq!(state.people.line.text, "kubernetesm");
}

#[test]
fn typed_letters_go_into_the_query_not_to_global_keys() {
    let mut state = people_state(80, 24);
    let effects = search(&mut state, "q4s");
    assert!(!state.should_quit());
    assert_eq!(state.focus, PaneId::People);
    assert_eq!(state.people.line.text, "q4s");
    assert!(!effects.contains(&Effect::Quit));
}

#[test]
fn department_and_location_filters_and_sort_orders() {
    let mut state = people_state(80, 24);
    search(&mut state, "dept:eng");
    assert_eq!(listed(&state), [KIM, LARS]);
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Esc));
    search(&mut state, "loc:amster");
    assert_eq!(listed(&state), [KIM, LENA]);
    type_text(&mut state, " kubernetes");
    assert_eq!(listed(&state), [KIM]);
    update(&mut state, key(KeyCode::Enter));
    update(&mut state, key(KeyCode::Enter));
    assert!(state.people.card.is_some());
    update(&mut state, key(KeyCode::Esc));
    assert!(state.people.card.is_none());
    update(&mut state, key(KeyCode::Esc));
    search(&mut state, "kubernetes");
    update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.people.sort, SortOrder::Relevance);
    update(&mut state, key(KeyCode::Char('s')));
    assert_eq!(state.people.sort, SortOrder::Name);
    assert_eq!(listed(&state), [EVA, KIM, LARS]);
    update(&mut state, key(KeyCode::Char('s')));
    assert_eq!(state.people.sort, SortOrder::RecentlyActive);
    assert_eq!(
        listed(&state),
        [KIM, LARS, EVA],
        "active 5, 6 and 7 hours ago"
    );
    update(&mut state, key(KeyCode::Char('s')));
    assert_eq!(state.people.sort, SortOrder::Relevance);
}

#[test]
fn enter_opens_a_profile_card_with_evidence_first_and_a_thread_from_it() {
    let mut state = people_state(80, 24);
    search(&mut state, "kubernetes");
    update(&mut state, key(KeyCode::Enter));
    let effects = update(&mut state, key(KeyCode::Enter));
    let requests = people_effects(&effects);
    assert!(requests.contains(&PeopleEffect::FetchCommunities { user: UserId(KIM) }));
    assert!(
        requests
            .iter()
            .any(|r| matches!(r, PeopleEffect::FetchWritten { user, .. } if *user == UserId(KIM)))
    );
    let card = state.people.card.clone().expect("a card opened");
    assert_eq!(card.person, UserId(KIM));
    assert_eq!(card.evidence_count(), 3);
    assert!(card.threads.iter().all(|t| t.evidence));
    update(&mut state, key(KeyCode::Char('j')));
    let chosen = state
        .people
        .card
        .as_ref()
        .and_then(|c| c.selected_thread().copied());
    let chosen = chosen.expect("a thread is selected");
    let opened = update(&mut state, key(KeyCode::Enter));
    assert_eq!(state.focus, PaneId::Thread);
    assert_eq!(state.thread.thread, Some(chosen.thread));
    assert!(
        opened
            .iter()
            .any(|e| matches!(e, Effect::FetchThread { thread, .. } if *thread == chosen.thread))
    );
    assert_ne!(chosen.thread, ThreadId(0));
}

#[test]
fn a_card_lists_recent_threads_when_nothing_was_asked() {
    let mut state = people_state(80, 24);
    let at = listed(&state).iter().position(|id| *id == EVA).unwrap_or(0);
    for _ in 0..at {
        act(&mut state, Action::MoveDown);
    }
    update(&mut state, key(KeyCode::Enter));
    let card = state.people.card.clone().expect("a card opened");
    assert_eq!(card.person, UserId(EVA));
    assert_eq!(card.evidence_count(), 0);
    assert_eq!(card.threads.len(), 4, "one entry per thread");
    update(&mut state, key(KeyCode::Esc));
    assert!(state.people.card.is_none());
    assert_eq!(state.focus, PaneId::People);
}

#[test]
fn m_writes_a_private_message_and_f_follows_then_unfollows() {
    let mut state = people_state(80, 24);
    search(&mut state, "kubernetes");
    update(&mut state, key(KeyCode::Enter));
    update(&mut state, key(KeyCode::Enter));
    update(&mut state, key(KeyCode::Char('m')));
    let Some(Overlay::Compose(compose)) = &state.overlay else {
        panic!("m opens the editor");
    };
    assert_eq!(
        compose.target,
        ComposeTarget::Direct {
            to: UserId(KIM),
            name: "Kim de Vries".into()
        }
    );
    assert_eq!(compose.outgoing().direct_to, [UserId(KIM)]);
    assert_eq!(compose.title(), "Private message to Kim de Vries");
    state.overlay = None;
    let follow = update(&mut state, key(KeyCode::Char('F')));
    assert!(people_effects(&follow).contains(&PeopleEffect::SetFollow {
        user: UserId(KIM),
        follow: true
    }));
    let unfollow = update(&mut state, key(KeyCode::Char('F')));
    assert!(
        people_effects(&unfollow).contains(&PeopleEffect::SetFollow {
            user: UserId(KIM),
            follow: false
        })
    );
    update(
        &mut state,
        Msg::People(PeopleMsg::Followed {
            user: UserId(KIM),
            follow: false,
            result: Err(ApiError::Server { status: 503 }),
        }),
    );
    assert_eq!(
        state.people.following.get(&UserId(KIM)),
        Some(&true),
        "a failed unfollow is undone"
    );
    assert!(state.notice.current().is_some());
}
