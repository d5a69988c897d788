//! The guidelines' transitions on their own state: what is asked for once, the compose
//! window's note, the view's keys. (Driven through the whole client: the route's tests.)

use super::*;
use crate::domain::{Catalog, GroupId};

const ENG: GroupId = GroupId(1);

/// Guidelines with the code of conduct known.
fn known() -> Guidelines {
    Guidelines {
        network: Known::Loaded(SafeText::new("Be kind.")),
        ..Guidelines::default()
    }
}

#[test]
fn each_text_is_asked_for_once_and_again_after_a_failure() {
    let mut guidelines = Guidelines::default();
    assert_eq!(
        wanted(&mut guidelines, Some(ENG)),
        vec![
            GuidelinesEffect::FetchNetwork,
            GuidelinesEffect::FetchCommunity(ENG)
        ]
    );
    assert!(wanted(&mut guidelines, Some(ENG)).is_empty());
    let ctx = AnswerCtx {
        catalog: &Catalog::default(),
        note: None,
        view_open: false,
    };
    let failed = GuidelinesMsg::Network(Err(crate::api::ApiError::NotFound));
    assert_eq!(
        apply(&mut guidelines, ctx, failed),
        GuidelinesOutcome::default()
    );
    assert_eq!(
        wanted(&mut guidelines, Some(ENG)),
        vec![GuidelinesEffect::FetchNetwork]
    );
}

#[test]
fn a_compose_window_shows_them_once_and_keeps_that_they_were_seen() {
    let mut guidelines = known();
    let catalog = Catalog::default();
    let (note, outcome) = compose_opened(&mut guidelines, &catalog, Some(None));
    assert_eq!(
        note,
        Some(Note {
            scope: None,
            expanded: false
        })
    );
    assert_eq!(
        outcome.keep,
        vec![KeptFact {
            fact: crate::store::FACT_GUIDELINES_SEEN,
            value: "[0]".into(),
        }]
    );
    assert_eq!(
        compose_opened(&mut guidelines, &catalog, Some(None)).0,
        None
    );
    // A private message has none.
    assert_eq!(compose_opened(&mut guidelines, &catalog, None).0, None);
    let (expanded, _) = toggle_in_compose(&mut guidelines, note, Some(None)).unwrap();
    assert!(expanded.expanded);
}

#[test]
fn the_view_reads_the_code_of_conduct_once_and_scrolls_within_its_text() {
    let mut guidelines = known();
    let (mut view, outcome) = open(&mut guidelines, None);
    assert!(outcome.read);
    assert_eq!(outcome.keep[0].value, "1", "kept as the checklist keeps it");
    assert!(!open(&mut guidelines, None).1.read);
    let ctx = ViewCtx {
        page: 5,
        last: 7,
        url: None,
    };
    assert_eq!(
        handle(&mut view, ctx, Action::HalfPageDown),
        ViewOutcome::Stay
    );
    assert_eq!(
        handle(&mut view, ctx, Action::HalfPageDown),
        ViewOutcome::Stay
    );
    assert_eq!(view.scroll, 7);
    assert_eq!(handle(&mut view, ctx, Action::OpenLink), ViewOutcome::Stay);
    assert_eq!(handle(&mut view, ctx, Action::Back), ViewOutcome::Close);
}
