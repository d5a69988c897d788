use std::collections::HashMap;

use super::*;
use crate::domain::test_support::message;
use crate::domain::{Community, Person, SafeText};

fn community(id: u64, name: &str) -> Community {
    Community {
        id: GroupId(id),
        name: SafeText::new(name),
        description: SafeText::default(),
        privacy: SafeText::new("public"),
        members: 10,
        last_message: None,
        external: false,
    }
}

fn catalog() -> Catalog {
    let mut catalog = Catalog::default();
    catalog.me = Some(UserId(1));
    catalog.upsert_community(community(10, "Engineering"));
    catalog.upsert_community(community(11, "New Joiners & Training"));
    catalog
}

fn done(
    list: &Checklist,
    step: Step,
    catalog: &Catalog,
    mine: &[GroupId],
    f: &HashMap<UserId, bool>,
) -> bool {
    let ctx = Context {
        catalog,
        mine,
        following: f,
    };
    list.is_done(step, &ctx)
}

#[test]
fn a_fresh_account_has_every_step_to_do_and_shows_the_list() {
    let catalog = catalog();
    let following = HashMap::new();
    let ctx = Context {
        catalog: &catalog,
        mine: &[],
        following: &following,
    };
    let list = Checklist::default();
    assert!(list.steps(&ctx).iter().all(|(_, done)| !done));
    assert!(list.visible(&ctx));
}

#[test]
fn expertise_on_your_own_profile_marks_the_first_step() {
    let mut catalog = catalog();
    let none = HashMap::new();
    assert!(!done(
        &Checklist::default(),
        Step::AddExpertise,
        &catalog,
        &[],
        &none
    ));
    let mut me = Person::unknown(UserId(1));
    me.expertise = vec![SafeText::new("Rust")];
    catalog.absorb(crate::domain::Page {
        people: vec![me],
        ..Default::default()
    });
    assert!(done(
        &Checklist::default(),
        Step::AddExpertise,
        &catalog,
        &[],
        &none
    ));
}

#[test]
fn three_memberships_mark_the_join_step() {
    let catalog = catalog();
    let none = HashMap::new();
    let two = [GroupId(1), GroupId(2)];
    let three = [GroupId(1), GroupId(2), GroupId(3)];
    assert!(!done(
        &Checklist::default(),
        Step::JoinCommunities,
        &catalog,
        &two,
        &none
    ));
    assert!(done(
        &Checklist::default(),
        Step::JoinCommunities,
        &catalog,
        &three,
        &none
    ));
}

#[test]
fn a_post_of_yours_in_new_joiners_marks_the_introduction() {
    let mut catalog = catalog();
    let none = HashMap::new();
    assert_eq!(new_joiners(&catalog), Some(GroupId(11)));
    let mut elsewhere = message(1, 1, None);
    elsewhere.community = Some(GroupId(10));
    catalog.insert_message(elsewhere);
    let mut theirs = message(2, 2, None);
    theirs.community = Some(GroupId(11));
    theirs.sender = UserId(7);
    catalog.insert_message(theirs);
    assert!(!done(
        &Checklist::default(),
        Step::IntroduceYourself,
        &catalog,
        &[],
        &none
    ));
    let mut mine = message(3, 3, None);
    mine.community = Some(GroupId(11));
    catalog.insert_message(mine);
    assert!(done(
        &Checklist::default(),
        Step::IntroduceYourself,
        &catalog,
        &[],
        &none
    ));
}

#[test]
fn following_three_people_marks_the_follow_step_and_unfollows_do_not_count() {
    let catalog = catalog();
    let mut following = HashMap::from([(UserId(2), true), (UserId(3), true), (UserId(4), false)]);
    assert!(!done(
        &Checklist::default(),
        Step::FollowPeople,
        &catalog,
        &[],
        &following
    ));
    following.insert(UserId(5), true);
    assert!(done(
        &Checklist::default(),
        Step::FollowPeople,
        &catalog,
        &[],
        &following
    ));
}

#[test]
fn reading_the_guidelines_is_a_kept_fact() {
    let catalog = catalog();
    let none = HashMap::new();
    let read = Checklist {
        guidelines_read: true,
        ..Checklist::default()
    };
    assert!(!done(
        &Checklist::default(),
        Step::ReadGuidelines,
        &catalog,
        &[],
        &none
    ));
    assert!(done(&read, Step::ReadGuidelines, &catalog, &[], &none));
}

#[test]
fn a_dismissed_list_is_hidden_and_so_is_a_finished_one() {
    let mut catalog = catalog();
    let mut me = Person::unknown(UserId(1));
    me.expertise = vec![SafeText::new("Rust")];
    catalog.absorb(crate::domain::Page {
        people: vec![me],
        ..Default::default()
    });
    let mut intro = message(3, 3, None);
    intro.community = Some(GroupId(11));
    catalog.insert_message(intro);
    let mine = [GroupId(1), GroupId(2), GroupId(3)];
    let following = HashMap::from([(UserId(2), true), (UserId(3), true), (UserId(4), true)]);
    let ctx = Context {
        catalog: &catalog,
        mine: &mine,
        following: &following,
    };
    let dismissed = Checklist {
        dismissed: true,
        ..Checklist::default()
    };
    assert!(!dismissed.visible(&ctx));
    let unread = Checklist::default();
    assert!(unread.visible(&ctx), "the guidelines are still to read");
    let finished = Checklist {
        guidelines_read: true,
        ..Checklist::default()
    };
    assert!(!finished.visible(&ctx));
}
