//! Tests of Discover's transitions: listing and its order, optimistic joins and leaves with
//! their rollbacks, asking to join a private community, and Enter on a community not readable.

use super::*;
use crate::api::{ApiError, Joined};
use crate::app::core::update::dispatch;
use crate::domain::{Community, Person, SafeText, UserId};
use crate::input::action::Action;
use crate::panes::PaneId;
use crate::panes::communities::discover::Listed;
use crate::panes::communities::discover::effect::{DiscoverEffect, FollowedIn, Listing};
use crate::panes::communities::discover::view::detail_text;

const MINE: GroupId = GroupId(1);
const OPEN: GroupId = GroupId(2);
const CLOSED: GroupId = GroupId(3);

fn community(id: GroupId, name: &str, description: &str, privacy: &str) -> Community {
    Community {
        id,
        name: SafeText::new(name),
        description: SafeText::new(description),
        privacy: SafeText::new(privacy),
        members: 5,
        last_message: None,
        external: false,
    }
}

fn listing() -> Listing {
    let all = [
        community(MINE, "Book Club", "", "public"),
        community(OPEN, "Running Club", "Early runs", "public"),
        community(
            CLOSED,
            "Deal Room",
            "Private work of the Design team",
            "private",
        ),
    ];
    Listing {
        communities: all.into_iter().map(|c| (c, Listed::default())).collect(),
    }
}

/// A state whose own communities and listing have arrived, focused on the communities pane.
fn state() -> State {
    let mut state = State::for_tests();
    state.focus = PaneId::Communities;
    state.catalog.me = Some(UserId(9));
    state.catalog.absorb(crate::domain::Page {
        people: vec![Person {
            department: SafeText::new("Design"),
            ..Person::unknown(UserId(9))
        }],
        ..crate::domain::Page::default()
    });
    state
        .catalog
        .upsert_community(community(MINE, "Book Club", "", "public"));
    state.communities.set_mine(vec![MINE], &state.catalog);
    state.timeline.feed_mut(crate::domain::Feed::MyFeed).loaded = true;
    let listed = mine_loaded(&mut state);
    let [Effect::Discover(DiscoverEffect::List { req })] = listed[..] else {
        panic!("the listing is not asked for: {listed:?}");
    };
    let next = apply(
        &mut state,
        DiscoverMsg::Listed {
            req,
            result: Ok(listing()),
        },
    );
    assert_eq!(
        next,
        vec![Effect::Discover(DiscoverEffect::Followed { me: UserId(9) })]
    );
    state
}

fn refused() -> ApiError {
    ApiError::Server { status: 500 }
}

#[test]
fn discover_lists_what_you_are_not_in_in_suggestion_order() {
    let state = state();
    // Deal Room names the user's department, so it leads despite being private.
    assert_eq!(
        state.communities.discover.rows(&state.communities.mine),
        vec![CLOSED, OPEN]
    );
    let entries = state.communities.entries();
    assert_eq!(
        &entries[entries.len() - 3..],
        &[
            Feed::Community(MINE),
            Feed::Community(CLOSED),
            Feed::Community(OPEN)
        ]
    );
    assert!(mine_loaded(&mut state.clone()).is_empty(), "listed once");
}

#[test]
fn people_you_follow_move_a_community_up_when_their_counts_arrive() {
    let mut state = state();
    let counts = std::collections::HashMap::from([(OPEN, 5)]);
    let people = vec![UserId(20), UserId(21)];
    let followed = FollowedIn { people, counts };
    apply(&mut state, DiscoverMsg::Followed(Ok(followed)));
    assert_eq!(
        state.communities.discover.rows(&state.communities.mine),
        vec![OPEN, CLOSED]
    );
    // Whom the user follows counts for the "Start here" checklist too.
    assert_eq!(state.people.following.get(&UserId(21)), Some(&true));
}

#[test]
fn joining_moves_the_community_at_once_and_back_when_the_server_refuses() {
    let mut state = state();
    state.communities.selected = Feed::Community(OPEN);
    let effects = dispatch(&mut state, Action::ToggleMembership);
    assert_eq!(effects, vec![Effect::Discover(DiscoverEffect::Join(OPEN))]);
    assert!(state.communities.mine.contains(&OPEN));
    assert_eq!(
        state.communities.discover.rows(&state.communities.mine),
        vec![CLOSED]
    );
    assert_eq!(state.communities.selected, Feed::Community(OPEN));

    apply(
        &mut state,
        DiscoverMsg::Joined {
            group: OPEN,
            result: Err(refused()),
        },
    );
    assert!(!state.communities.mine.contains(&OPEN));
    assert!(
        state
            .communities
            .discover
            .rows(&state.communities.mine)
            .contains(&OPEN)
    );
    let notice = state
        .notice
        .current()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("Joining Running Club"), "{notice}");
}

#[test]
fn a_join_the_server_confirms_stays_through_a_list_refresh_in_between() {
    let mut state = state();
    join(&mut state, OPEN);
    // A refresh of the user's communities that predates the join.
    state.communities.set_mine(vec![MINE], &state.catalog);
    mine_loaded(&mut state);
    assert!(state.communities.mine.contains(&OPEN));
    apply(
        &mut state,
        DiscoverMsg::Joined {
            group: OPEN,
            result: Ok(Joined::Member),
        },
    );
    assert!(state.communities.mine.contains(&OPEN));
    assert!(state.communities.discover.changing.is_empty());
}

#[test]
fn a_private_community_is_asked_to_join_and_shows_requested() {
    let mut state = state();
    state.communities.selected = Feed::Community(CLOSED);
    let effects = dispatch(&mut state, Action::ToggleMembership);
    assert_eq!(
        effects,
        vec![
            Effect::Discover(DiscoverEffect::Join(CLOSED)),
            Effect::KeepFact {
                fact: crate::store::FACT_JOIN_REQUESTS,
                value: "[3]".to_owned()
            }
        ]
    );
    assert!(!state.communities.mine.contains(&CLOSED));
    assert!(state.communities.discover.is_requested(CLOSED));
    let kept = apply(
        &mut state,
        DiscoverMsg::Joined {
            group: CLOSED,
            result: Ok(Joined::Pending),
        },
    );
    assert!(kept.is_empty(), "already kept: {kept:?}");
    assert!(state.communities.discover.is_requested(CLOSED));
    assert!(detail_text(&state.catalog, &state.communities.discover, CLOSED).contains("requested"));
}

#[test]
fn a_kept_request_comes_back_after_a_restart_until_the_server_lists_the_membership() {
    let mut state = state();
    restore_requests(&mut state, vec![CLOSED, MINE]);
    assert!(state.communities.discover.is_requested(CLOSED));
    assert!(
        !state.communities.discover.is_requested(MINE),
        "already a member"
    );
    assert!(detail_text(&state.catalog, &state.communities.discover, CLOSED).contains("requested"));
    // The next list of the user's communities has it: approved, the request is done.
    state
        .communities
        .set_mine(vec![MINE, CLOSED], &state.catalog);
    let effects = mine_loaded(&mut state);
    assert!(!state.communities.discover.is_requested(CLOSED));
    assert_eq!(
        effects,
        vec![Effect::KeepFact {
            fact: crate::store::FACT_JOIN_REQUESTS,
            value: "[]".to_owned()
        }]
    );
}

#[test]
fn j_on_a_requested_community_withdraws_the_request() {
    let mut state = state();
    state.communities.selected = Feed::Community(CLOSED);
    dispatch(&mut state, Action::ToggleMembership);
    apply(
        &mut state,
        DiscoverMsg::Joined {
            group: CLOSED,
            result: Ok(Joined::Pending),
        },
    );
    let effects = dispatch(&mut state, Action::ToggleMembership);
    assert!(effects.contains(&Effect::Discover(DiscoverEffect::Leave(CLOSED))));
    assert!(!state.communities.discover.is_requested(CLOSED));
    // Refused: the request stands again, and is kept again.
    let effects = apply(
        &mut state,
        DiscoverMsg::Left {
            group: CLOSED,
            result: Err(refused()),
        },
    );
    assert!(state.communities.discover.is_requested(CLOSED));
    assert!(matches!(&effects[..], [Effect::KeepFact { value, .. }] if value == "[3]"));
    dispatch(&mut state, Action::ToggleMembership);
    apply(
        &mut state,
        DiscoverMsg::Left {
            group: CLOSED,
            result: Ok(()),
        },
    );
    assert!(!state.communities.discover.is_requested(CLOSED));
    let status = state.notice.current().map(|n| n.text.to_string());
    assert_eq!(
        status.as_deref(),
        Some("Withdrew the request to join Deal Room")
    );
}

#[test]
fn leaving_asks_first_then_moves_and_comes_back_on_failure() {
    let mut state = state();
    state.communities.selected = Feed::Community(MINE);
    assert!(dispatch(&mut state, Action::ToggleMembership).is_empty());
    assert!(matches!(state.overlay, Some(Overlay::Confirm(_))));
    let effects = dispatch(&mut state, Action::ConfirmYes);
    assert_eq!(effects, vec![Effect::Discover(DiscoverEffect::Leave(MINE))]);
    assert!(!state.communities.mine.contains(&MINE));
    apply(
        &mut state,
        DiscoverMsg::Left {
            group: MINE,
            result: Err(refused()),
        },
    );
    assert!(state.communities.mine.contains(&MINE));
}

#[test]
fn enter_on_a_private_community_opens_its_card_and_a_public_one_its_feed() {
    let mut state = state();
    state.communities.selected = Feed::Community(CLOSED);
    let effects = dispatch(&mut state, Action::Open);
    assert_eq!(
        effects,
        vec![Effect::Discover(DiscoverEffect::Card {
            group: CLOSED,
            readable: false
        })]
    );
    assert!(matches!(state.overlay, Some(Overlay::CommunityCard(_))));
    dispatch(&mut state, Action::Back);
    assert!(state.overlay.is_none());

    state.communities.selected = Feed::Community(OPEN);
    let effects = dispatch(&mut state, Action::Open);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::FetchFeed {
                feed: Feed::Community(OPEN),
                ..
            }
        )),
        "{effects:?}"
    );
}

#[test]
fn the_listing_waits_for_the_first_screen_whichever_comes_last() {
    let mut state = State::for_tests();
    state.communities.set_mine(vec![MINE], &state.catalog);
    assert_eq!(mine_loaded(&mut state), [], "My feed is not in yet");
    assert_eq!(list_when_due(&mut state), [], "still not");
    state.timeline.feed_mut(crate::domain::Feed::MyFeed).loaded = true;
    let listed = list_when_due(&mut state);
    assert!(
        matches!(listed[..], [Effect::Discover(DiscoverEffect::List { .. })]),
        "{listed:?}"
    );
    assert_eq!(list_when_due(&mut state), [], "asked once");

    // My feed first, then the user's communities.
    let mut state = State::for_tests();
    state.timeline.feed_mut(crate::domain::Feed::MyFeed).loaded = true;
    assert_eq!(
        list_when_due(&mut state),
        [],
        "the user's communities are not in yet"
    );
    let listed = mine_loaded(&mut state);
    assert!(
        matches!(listed[..], [Effect::Discover(DiscoverEffect::List { .. })]),
        "{listed:?}"
    );
}
