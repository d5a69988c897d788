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

fn with_expertise(catalog: &mut Catalog) {
    let mut me = Person::unknown(UserId(1));
    me.expertise = vec![SafeText::new("Rust")];
    catalog.absorb(crate::domain::Page {
        people: vec![me],
        ..Default::default()
    });
}

fn done(step: Step, catalog: &Catalog, mine: &[GroupId], f: &HashMap<UserId, bool>) -> bool {
    Context {
        catalog,
        mine,
        following: f,
        guidelines_read: false,
    }
    .is_done(step)
}

#[test]
fn a_fresh_account_has_every_step_to_do() {
    let catalog = catalog();
    let following = HashMap::new();
    let ctx = Context {
        catalog: &catalog,
        mine: &[],
        following: &following,
        guidelines_read: false,
    };
    assert!(ctx.steps().iter().all(|(_, done)| !done));
    assert_eq!(ctx.done_count(), 0);
}

#[test]
fn expertise_on_your_own_profile_marks_the_first_step() {
    let mut catalog = catalog();
    let none = HashMap::new();
    assert!(!done(Step::AddExpertise, &catalog, &[], &none));
    with_expertise(&mut catalog);
    assert!(done(Step::AddExpertise, &catalog, &[], &none));
    assert_eq!(my_expertise(&catalog), vec!["Rust".to_owned()]);
}

#[test]
fn three_memberships_mark_the_join_step() {
    let catalog = catalog();
    let none = HashMap::new();
    let two = [GroupId(1), GroupId(2)];
    let three = [GroupId(1), GroupId(2), GroupId(3)];
    assert!(!done(Step::JoinCommunities, &catalog, &two, &none));
    assert!(done(Step::JoinCommunities, &catalog, &three, &none));
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
    assert!(!done(Step::IntroduceYourself, &catalog, &[], &none));
    let mut mine = message(3, 3, None);
    mine.community = Some(GroupId(11));
    catalog.insert_message(mine);
    assert!(done(Step::IntroduceYourself, &catalog, &[], &none));
}

#[test]
fn following_three_people_marks_the_follow_step_and_unfollows_do_not_count() {
    let catalog = catalog();
    let mut following = HashMap::from([(UserId(2), true), (UserId(3), true), (UserId(4), false)]);
    assert!(!done(Step::FollowPeople, &catalog, &[], &following));
    following.insert(UserId(5), true);
    assert!(done(Step::FollowPeople, &catalog, &[], &following));
}

#[test]
fn reading_the_guidelines_is_the_kept_fact() {
    let catalog = catalog();
    let none = HashMap::new();
    let mut ctx = Context {
        catalog: &catalog,
        mine: &[],
        following: &none,
        guidelines_read: false,
    };
    assert!(!ctx.is_done(Step::ReadGuidelines));
    ctx.guidelines_read = true;
    assert!(ctx.is_done(Step::ReadGuidelines));
    assert_eq!(ctx.done_count(), 1);
}
