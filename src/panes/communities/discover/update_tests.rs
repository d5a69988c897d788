//! Tests of Discover's transitions on the pane's own state and a context, without the client's
//! state: what a join, a leave, an answer and the card's details ask of the rest of the client.

use chrono::{TimeZone, Utc};

use super::*;
use crate::api::ApiError;
use crate::domain::{Community, SafeText};
use crate::panes::communities::discover::effect::CardDetail;
use crate::store::FACT_JOIN_REQUESTS;

const MINE: GroupId = GroupId(1);
const OPEN: GroupId = GroupId(2);
const CLOSED: GroupId = GroupId(3);

fn community(id: GroupId, name: &str, privacy: &str) -> Community {
    Community {
        id,
        name: SafeText::new(name),
        description: SafeText::default(),
        privacy: SafeText::new(privacy),
        members: 5,
        last_message: None,
        external: false,
    }
}

fn catalog() -> Catalog {
    let mut catalog = Catalog::default();
    catalog.upsert_community(community(MINE, "Book Club", "public"));
    catalog.upsert_community(community(OPEN, "Running Club", "public"));
    catalog.upsert_community(community(CLOSED, "Deal Room", "private"));
    catalog
}

fn ctx(catalog: &Catalog) -> DiscoverCtx<'_> {
    DiscoverCtx {
        catalog,
        now: Utc
            .with_ymd_and_hms(2026, 3, 13, 12, 0, 0)
            .single()
            .unwrap_or_default(),
        first_screen: true,
    }
}

fn pane(catalog: &Catalog) -> CommunitiesPane {
    let mut pane = CommunitiesPane::default();
    pane.set_mine(vec![MINE], catalog);
    pane.discover.order = vec![MINE, OPEN, CLOSED];
    pane
}

fn notice(outcome: &DiscoverOutcome) -> String {
    outcome
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn asking_to_join_a_private_community_keeps_the_request_and_joins_nothing_yet() {
    let catalog = catalog();
    let mut pane = pane(&catalog);
    let outcome = join(&mut pane, ctx(&catalog), CLOSED);
    assert_eq!(
        outcome.asks,
        vec![
            DiscoverAsk::Network(DiscoverEffect::Join(CLOSED)),
            DiscoverAsk::KeepFact {
                fact: FACT_JOIN_REQUESTS,
                value: "[3]".to_owned()
            }
        ]
    );
    assert!(pane.discover.is_requested(CLOSED));
    assert!(!pane.mine.contains(&CLOSED));
}

#[test]
fn j_on_a_community_of_yours_asks_before_leaving() {
    let catalog = catalog();
    let mut pane = pane(&catalog);
    pane.selected = Feed::Community(MINE);
    let outcome = toggle(&mut pane, ctx(&catalog));
    assert!(outcome.asks.is_empty());
    assert!(matches!(
        outcome.request,
        Some(DiscoverRequest::ConfirmLeave { group: MINE, ref question }) if question == "Leave Book Club?"
    ));
    assert!(pane.mine.contains(&MINE), "nothing left before the yes");
}

#[test]
fn a_join_the_server_confirms_counts_one_more_member_and_says_so() {
    let catalog = catalog();
    let mut pane = pane(&catalog);
    join(&mut pane, ctx(&catalog), OPEN);
    assert!(pane.mine.contains(&OPEN));
    let msg = DiscoverMsg::Joined {
        group: OPEN,
        result: Ok(Joined::Member),
    };
    let outcome = apply(&mut pane, None, ctx(&catalog), msg);
    assert_eq!(outcome.member_count, Some((OPEN, true)));
    assert_eq!(notice(&outcome), "Joined Running Club");
    assert!(outcome.asks.is_empty(), "{:?}", outcome.asks);
    assert!(pane.discover.changing.is_empty());
}

#[test]
fn a_refused_leave_puts_the_community_back_and_tells_why() {
    let catalog = catalog();
    let mut pane = pane(&catalog);
    let outcome = leave(&mut pane, MINE);
    assert_eq!(
        outcome.asks,
        vec![DiscoverAsk::Network(DiscoverEffect::Leave(MINE))]
    );
    assert!(!pane.mine.contains(&MINE));
    let msg = DiscoverMsg::Left {
        group: MINE,
        result: Err(ApiError::Server { status: 500 }),
    };
    let outcome = apply(&mut pane, None, ctx(&catalog), msg);
    assert!(pane.mine.contains(&MINE));
    assert!(
        notice(&outcome).contains("Leaving Book Club"),
        "{outcome:?}"
    );
    assert_eq!(outcome.member_count, None);
}

#[test]
fn the_card_s_details_fill_the_open_card_and_hand_over_the_guidelines() {
    let catalog = catalog();
    let mut pane = pane(&catalog);
    let outcome = info(
        &CommunitiesPane {
            selected: Feed::Community(CLOSED),
            ..pane.clone()
        },
        ctx(&catalog),
    );
    assert_eq!(outcome.request, Some(DiscoverRequest::OpenCard(CLOSED)));
    assert_eq!(
        outcome.asks,
        vec![DiscoverAsk::Network(DiscoverEffect::Card {
            group: CLOSED,
            readable: false
        })]
    );
    let mut card = CommunityCard::new(CLOSED);
    let detail = CardDetail {
        guidelines: SafeText::new("Members only."),
        ..CardDetail::default()
    };
    let msg = DiscoverMsg::Card {
        group: CLOSED,
        result: Ok(detail.clone()),
    };
    let outcome = apply(&mut pane, Some(&mut card), ctx(&catalog), msg);
    assert_eq!(card.detail, Some(detail));
    assert_eq!(
        outcome.request,
        Some(DiscoverRequest::LearnGuidelines {
            group: CLOSED,
            guidelines: SafeText::new("Members only."),
        })
    );
    // An answer for another community leaves the open card alone.
    let mut other = CommunityCard::new(OPEN);
    let msg = DiscoverMsg::Card {
        group: CLOSED,
        result: Err(ApiError::Server { status: 500 }),
    };
    let outcome = apply(&mut pane, Some(&mut other), ctx(&catalog), msg);
    assert_eq!(other, CommunityCard::new(OPEN));
    assert_eq!(outcome.request, None);
}
