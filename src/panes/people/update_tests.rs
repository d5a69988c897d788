//! Tests of the people pane's keys and ticks on its own state: what changes in the pane and what
//! it asks of the rest of the client.

use chrono::{DateTime, Utc};

use super::*;
use crate::domain::{Catalog, MessageId, ThreadId, UserId};
use crate::expertise::PersonDoc;
use crate::panes::people::card::{CardThread, ProfileCard};
use crate::panes::people::evidence::SEARCH_PAUSE;
use crate::panes::request::{RequestId, RequestIds};

const ME: UserId = UserId(1);
const ADA: UserId = UserId(2);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

/// A pane listing you and Ada, with `selected` selected.
fn pane(selected: UserId) -> PeoplePane {
    let mut people = PeoplePane::default();
    {
        let mut index = people.index.lock();
        for (id, name) in [(ME, "Me Myself"), (ADA, "Ada Lovelace")] {
            index.upsert_person(PersonDoc {
                id: id.0,
                full_name: name.to_owned(),
                show_in_directory: true,
                ..PersonDoc::default()
            });
        }
    }
    people.refresh(now().timestamp());
    people.selected = Some(selected);
    people
}

fn signed_in() -> Catalog {
    let mut catalog = Catalog::default();
    catalog.me = Some(ME);
    catalog
}

fn ctx<'a>(catalog: &'a Catalog, requests: &'a mut RequestIds) -> PeopleCtx<'a> {
    PeopleCtx {
        catalog,
        now: now(),
        me: catalog.me,
        shown: true,
        rows: 20,
        height: 24,
        requests,
    }
}

/// Runs `action` on `people`; the outcome, which must not be left to the global handler.
fn act(people: &mut PeoplePane, catalog: &Catalog, action: Action) -> PeopleOutcome {
    let mut requests = RequestIds::default();
    handle(people, ctx(catalog, &mut requests), action).unwrap()
}

#[test]
fn a_private_message_is_asked_of_the_client_and_never_to_yourself() {
    let catalog = signed_in();
    let mut people = pane(ADA);
    let outcome = act(&mut people, &catalog, Action::DirectMessage);
    let to_ada = PeopleRequest::DirectMessage {
        to: ADA,
        name: "Ada Lovelace".to_owned(),
    };
    assert_eq!(outcome.request, Some(to_ada));
    let mut people = pane(ME);
    let outcome = act(&mut people, &catalog, Action::DirectMessage);
    assert_eq!(outcome.request, None);
    assert!(
        outcome
            .notice
            .is_some_and(|n| n.text.contains("That is you"))
    );
}

#[test]
fn follow_flips_in_the_pane_and_asks_the_server() {
    let catalog = signed_in();
    let mut people = pane(ADA);
    let outcome = act(&mut people, &catalog, Action::ToggleFollow);
    let follow = PeopleEffect::SetFollow {
        user: ADA,
        follow: true,
    };
    assert_eq!(outcome.effects, vec![follow]);
    assert_eq!(people.following.get(&ADA), Some(&true));
    let outcome = act(&mut people, &catalog, Action::ToggleFollow);
    let unfollow = PeopleEffect::SetFollow {
        user: ADA,
        follow: false,
    };
    assert_eq!(outcome.effects, vec![unfollow]);
    let mut people = pane(ME);
    let outcome = act(&mut people, &catalog, Action::ToggleFollow);
    assert!(outcome.effects.is_empty());
    assert!(people.following.is_empty());
}

#[test]
fn a_card_asks_for_what_it_shows_and_closing_it_cancels_the_fetch() {
    let catalog = signed_in();
    let mut people = pane(ADA);
    let outcome = act(&mut people, &catalog, Action::Open);
    let written = people.card.as_ref().and_then(|c| c.written).unwrap();
    assert_eq!(
        outcome.effects,
        vec![
            PeopleEffect::FetchWritten {
                req: written,
                user: ADA
            },
            PeopleEffect::FetchCommunities { user: ADA },
            PeopleEffect::CheckFollow { user: ADA },
        ]
    );
    let outcome = act(&mut people, &catalog, Action::Back);
    assert_eq!(outcome.cancel, vec![written]);
    assert!(people.card.is_none());
    // Whether you follow yourself is never asked.
    let mut people = pane(ME);
    let outcome = act(&mut people, &catalog, Action::Open);
    assert!(
        !outcome
            .effects
            .iter()
            .any(|e| matches!(e, PeopleEffect::CheckFollow { .. }))
    );
}

#[test]
fn only_your_own_profile_opens_the_form() {
    let catalog = signed_in();
    let mut people = pane(ADA);
    let outcome = act(&mut people, &catalog, Action::EditProfile);
    assert_eq!(
        outcome.request,
        Some(PeopleRequest::EditProfile),
        "the list"
    );
    people.card = Some(ProfileCard::new(ADA, ""));
    let outcome = act(&mut people, &catalog, Action::EditProfile);
    assert_eq!(outcome.request, None, "someone else's card");
    assert!(outcome.notice.is_some());
    people.card = Some(ProfileCard::new(ME, ""));
    let outcome = act(&mut people, &catalog, Action::EditProfile);
    assert_eq!(outcome.request, Some(PeopleRequest::EditProfile));
}

#[test]
fn enter_on_a_card_thread_asks_to_open_it_there() {
    let catalog = signed_in();
    let mut people = pane(ADA);
    let mut card = ProfileCard::new(ADA, "");
    card.threads = vec![CardThread {
        message: MessageId(7),
        thread: ThreadId(5),
        evidence: false,
    }];
    people.card = Some(card);
    let outcome = act(&mut people, &catalog, Action::Open);
    let open = PeopleRequest::OpenThread {
        thread: ThreadId(5),
        message: MessageId(7),
    };
    assert_eq!(outcome.request, Some(open));
    assert!(people.card.is_some(), "the card stays for coming back");
}

#[test]
fn a_newer_evidence_search_cancels_the_one_in_flight() {
    let catalog = signed_in();
    let mut requests = RequestIds::default();
    let mut people = pane(ADA);
    people.evidence.in_flight = Some(RequestId(99));
    people.evidence.typed("kubernetes");
    let first = on_tick(&mut people, ctx(&catalog, &mut requests));
    assert!(first.effects.is_empty(), "typing has not paused yet");
    let mut later = ctx(&catalog, &mut requests);
    later.now = now() + SEARCH_PAUSE;
    let outcome = on_tick(&mut people, later);
    assert_eq!(outcome.cancel, vec![RequestId(99)]);
    let sent = people.evidence.in_flight.unwrap();
    assert_eq!(
        outcome.effects,
        vec![PeopleEffect::SearchEvidence {
            req: sent,
            text: "kubernetes".to_owned()
        }]
    );
}

#[test]
fn the_listing_starts_the_first_time_the_pane_is_shown() {
    let catalog = signed_in();
    let mut requests = RequestIds::default();
    let mut people = pane(ADA);
    let mut hidden = ctx(&catalog, &mut requests);
    hidden.shown = false;
    assert!(on_shown(&mut people, hidden).effects.is_empty());
    assert!(!people.paging.started());
    let outcome = on_shown(&mut people, ctx(&catalog, &mut requests));
    assert!(matches!(
        outcome.effects[..],
        [PeopleEffect::ListPage { page: 1, .. }]
    ));
    let again = on_shown(&mut people, ctx(&catalog, &mut requests));
    assert!(again.effects.is_empty(), "one page at a time");
}
