//! The people pane's follow state and its department and location filters through `update`:
//! a card asks whether its person is followed, `F` follows or unfollows optimistically and a
//! failure undoes only the toggle it belongs to; `f d` / `f l` list the selected person's
//! department or location (again: everyone), shown in the query line, the which-key hint and
//! the help screen.

use crate::harness::people;
use crate::harness::tui;

use crossterm::event::KeyCode;
use kring::api::ApiError;
use kring::app::core::msg::Msg;
use kring::app::core::state::State;
use kring::app::core::update::update;
use kring::domain::UserId;
use kring::input::action::Action;
use kring::overlays::help::{HelpLine, help_lines};
use kring::panes::people::effect::{PeopleEffect, PeopleMsg};
use kring::panes::people::results::Filter;
use people::*;
use tui::key;

/// Moves the selection down the listing onto `id`.
fn select(state: &mut State, id: u64) {
    let at = listed(state).iter().position(|p| *p == id);
    let Some(at) = at else {
        panic!("{id} is not listed: {:?}", listed(state));
    };
    update(state, key(KeyCode::Home));
    for _ in 0..at {
        update(state, key(KeyCode::Char('j')));
    }
    assert_eq!(state.people.selected, Some(UserId(id)));
}

fn press(state: &mut State, keys: &str) -> Vec<kring::app::core::effect::Effect> {
    keys.chars()
        .flat_map(|c| update(state, key(KeyCode::Char(c))))
        .collect()
}

fn checked(state: &mut State, user: u64, result: Result<bool, ApiError>) {
    update(
        state,
        Msg::People(PeopleMsg::FollowChecked {
            user: UserId(user),
            result,
        }),
    );
}

fn followed(state: &mut State, user: u64, follow: bool, result: Result<(), ApiError>) {
    update(
        state,
        Msg::People(PeopleMsg::Followed {
            user: UserId(user),
            follow,
            result,
        }),
    );
}

#[test]
fn a_card_asks_whether_its_person_is_followed_and_f_does_the_opposite() {
    let mut state = people_state(80, 24);
    select(&mut state, LARS);
    let opened = people_effects(&update(&mut state, key(KeyCode::Enter)));
    assert!(opened.contains(&PeopleEffect::CheckFollow { user: UserId(LARS) }));
    checked(&mut state, LARS, Ok(true));
    assert_eq!(state.people.following.get(&UserId(LARS)), Some(&true));
    let toggled = people_effects(&press(&mut state, "F"));
    assert_eq!(
        toggled,
        [PeopleEffect::SetFollow {
            user: UserId(LARS),
            follow: false
        }],
        "already followed, so F unfollows"
    );
    assert_eq!(state.people.following.get(&UserId(LARS)), Some(&false));
    // A card opened again knows the answer and does not ask twice.
    update(&mut state, key(KeyCode::Esc));
    let reopened = people_effects(&update(&mut state, key(KeyCode::Enter)));
    assert!(
        !reopened
            .iter()
            .any(|e| matches!(e, PeopleEffect::CheckFollow { .. }))
    );
}

#[test]
fn a_toggle_made_before_the_check_answers_is_kept() {
    let mut state = people_state(80, 24);
    select(&mut state, LARS);
    update(&mut state, key(KeyCode::Enter));
    press(&mut state, "F");
    checked(&mut state, LARS, Ok(false));
    assert_eq!(
        state.people.following.get(&UserId(LARS)),
        Some(&true),
        "the user's follow is newer than the check"
    );
    // A failed check leaves an unknown state unknown.
    checked(&mut state, KIM, Err(ApiError::Server { status: 500 }));
    assert_eq!(state.people.following.get(&UserId(KIM)), None);
}

#[test]
fn a_failure_undoes_only_the_toggle_it_belongs_to() {
    let mut state = people_state(80, 24);
    select(&mut state, LARS);
    update(&mut state, key(KeyCode::Enter));
    checked(&mut state, LARS, Ok(false));
    press(&mut state, "F");
    press(&mut state, "F");
    assert_eq!(state.people.following.get(&UserId(LARS)), Some(&false));
    // The follow failed, but the unfollow after it is what the user wants now.
    followed(
        &mut state,
        LARS,
        true,
        Err(ApiError::Server { status: 503 }),
    );
    assert_eq!(state.people.following.get(&UserId(LARS)), Some(&false));
    assert!(state.notice.current().is_some(), "the failure is told");
    // The unfollow failing leaves them followed, as they were on the server.
    followed(
        &mut state,
        LARS,
        false,
        Err(ApiError::Server { status: 503 }),
    );
    assert_eq!(state.people.following.get(&UserId(LARS)), Some(&true));
    followed(&mut state, LARS, true, Ok(()));
    assert_eq!(state.people.following.get(&UserId(LARS)), Some(&true));
}

#[test]
fn f_d_lists_the_selected_persons_department_and_again_everyone() {
    let mut state = people_state(80, 24);
    let everyone = listed(&state);
    select(&mut state, LARS);
    press(&mut state, "fd");
    assert_eq!(
        state.people.listing.department,
        Filter::On("Engineering".into())
    );
    assert_eq!(listed(&state), [KIM, LARS], "Hank is hidden");
    assert_eq!(state.people.line.text.trim(), "dept:Engineering");
    assert_eq!(state.people.selected, Some(UserId(LARS)), "kept");
    press(&mut state, "fl");
    assert_eq!(listed(&state), [LARS], "Engineering in Berlin");
    press(&mut state, "fd");
    assert_eq!(state.people.listing.department, Filter::Off);
    assert_eq!(state.people.line.text.trim(), "loc:Berlin");
    press(&mut state, "fl");
    assert_eq!(listed(&state), everyone);
    assert!(state.people.line.text.is_empty());
}

#[test]
fn a_filter_joins_the_typed_query_and_esc_clears_both() {
    let mut state = people_state(80, 24);
    select(&mut state, LENA);
    press(&mut state, "fl");
    assert_eq!(listed(&state), [KIM, LENA], "Amsterdam");
    press(&mut state, "/");
    press(&mut state, "kubernetes");
    assert_eq!(listed(&state), [KIM]);
    assert_eq!(state.people.line.parsed().text, "kubernetes");
    update(&mut state, key(KeyCode::Esc));
    assert!(
        !state.people.line.text.is_empty(),
        "the first esc leaves the line"
    );
    update(&mut state, key(KeyCode::Esc));
    assert!(state.people.line.text.is_empty());
    assert_eq!(state.people.listing.location, Filter::Off);
}

#[test]
fn the_filter_keys_are_hinted_while_typed_and_listed_in_help() {
    let mut state = people_state(80, 24);
    press(&mut state, "f");
    let hints: Vec<(String, String)> = state
        .keys
        .hints
        .iter()
        .map(|(k, name)| (k.to_string(), name.clone()))
        .collect();
    assert!(
        hints.contains(&("d".into(), Action::FilterDepartment.description().into())),
        "{hints:?}"
    );
    assert!(
        hints.contains(&("l".into(), Action::FilterLocation.description().into())),
        "{hints:?}"
    );
    update(&mut state, key(KeyCode::Esc));
    let help = help_lines(&state.keys.keymap);
    let people_section: Vec<&HelpLine> = help
        .iter()
        .skip_while(|l| **l != HelpLine::Heading("People"))
        .take_while(|l| **l != HelpLine::Blank)
        .collect();
    for (keys, words) in [
        ("f d", "department"),
        ("f l", "location"),
        ("s", "recent activity"),
    ] {
        assert!(
            people_section.iter().any(|l| matches!(l,
                HelpLine::Binding { keys: k, description } if k.contains(keys) && description.contains(words))),
            "{keys}: {people_section:?}"
        );
    }
}
