//! Invariants of the generated demo network: sizes, the named communities, structure of threads,
//! time ranges, determinism, and that expertise shows in what people write.

use std::collections::BTreeSet;

use super::conversations::HISTORY;
use super::model::Network;
use super::vocabulary::subjects;
use super::*;

const NOW: i64 = 1_790_000_000;

fn shifted(mut net: Network, by: i64) -> Network {
    net.now -= by;
    for p in &mut net.people {
        p.activated_at -= by;
    }
    for c in &mut net.communities {
        c.created_at -= by;
    }
    for p in &mut net.posts {
        p.at -= by;
    }
    for l in &mut net.likes {
        l.2 -= by;
    }
    net
}

#[test]
fn is_deterministic_apart_from_the_time_base() {
    let a = generate(1, NOW);
    let b = generate(1, NOW + 12_345);
    assert_eq!(a, shifted(b, 12_345));
}

#[test]
fn people_look_like_a_company() {
    let net = generate(1, NOW);
    assert_eq!(net.people.len(), 150);
    assert_eq!(net.people[0].username, DEMO_USERNAME);
    assert_eq!(net.people[0].full_name, "Dana Demo");
    let usernames: BTreeSet<&str> = net.people.iter().map(|p| p.username.as_str()).collect();
    assert_eq!(usernames.len(), net.people.len(), "usernames are unique");
    let employees: Vec<_> = net.people.iter().filter(|p| !p.guest).collect();
    let guests = net.people.len() - employees.len();
    assert!((5..=12).contains(&guests), "{guests} guests");
    let departments: BTreeSet<&str> = employees.iter().map(|p| p.department.as_str()).collect();
    assert!((8..=10).contains(&departments.len()), "{departments:?}");
    let locations: BTreeSet<&str> = employees.iter().map(|p| p.location.as_str()).collect();
    assert!(locations.contains("Remote") && locations.len() >= 5);
    for p in &employees {
        assert!(
            (1..=5).contains(&p.expertise.len()),
            "{} has {:?}",
            p.username,
            p.expertise
        );
        assert!(!p.job_title.is_empty());
    }
    let no_interests = employees.iter().filter(|p| p.interests.is_empty()).count();
    let share = no_interests as f64 / employees.len() as f64;
    assert!((0.2..0.5).contains(&share), "{share} without interests");
    assert!(employees.iter().any(|p| p.summary.is_empty()));
    assert!(employees.iter().any(|p| !p.summary.is_empty()));
    let hidden = net.people.iter().filter(|p| !p.show_in_directory).count();
    assert!((3..=5).contains(&hidden), "{hidden} hidden");
    assert!(net.people[0].show_in_directory);
}

#[test]
fn communities_include_the_named_ones() {
    let net = generate(1, NOW);
    assert!((12..=15).contains(&net.communities.len()));
    for name in [
        "Engineering Platform",
        "Social Business",
        "Community Managers",
        "New Joiners & Training",
        "Customer Voice",
    ] {
        assert!(
            net.communities.iter().any(|c| c.full_name == name),
            "{name}"
        );
    }
    let demo_groups = net.members.iter().filter(|(_, p)| *p == 0).count();
    assert!(demo_groups >= 4);
    let voice = net
        .communities
        .iter()
        .position(|c| c.full_name == "Customer Voice")
        .unwrap();
    let guests_in_voice = net
        .members
        .iter()
        .filter(|(c, p)| *c == voice && net.people[*p].guest)
        .count();
    assert!(guests_in_voice >= 5);
    let guest_posts = net
        .posts
        .iter()
        .filter(|p| net.people[p.sender].guest)
        .count();
    assert!(guest_posts >= 10, "{guest_posts} posts by customers");
}

#[test]
fn threads_have_sound_structure_and_times() {
    let net = generate(1, NOW);
    let posts = &net.posts;
    assert!(
        (2_500..=3_600).contains(&posts.len()),
        "{} posts",
        posts.len()
    );
    let public_threads = posts
        .iter()
        .filter(|p| p.parent.is_none() && p.private_to.is_empty())
        .count();
    assert!(
        (550..=650).contains(&public_threads),
        "{public_threads} threads"
    );
    let mut max_depth = 0;
    for (idx, post) in posts.iter().enumerate() {
        assert!(
            post.at <= NOW && post.at >= NOW - HISTORY,
            "post {idx} out of range"
        );
        if idx > 0 {
            assert!(post.at >= posts[idx - 1].at, "posts are in time order");
        }
        match post.parent {
            None => assert_eq!(post.root, idx),
            Some(parent) => {
                assert!(parent < idx && posts[parent].at < post.at);
                assert_eq!(posts[parent].root, post.root);
                assert_eq!(post.depth, posts[parent].depth + 1);
                assert_eq!(posts[parent].community, post.community);
            }
        }
        assert!(post.depth <= 4);
        max_depth = max_depth.max(post.depth);
    }
    assert_eq!(max_depth, 4, "replies to replies reach depth 4");
    assert!(
        posts
            .iter()
            .filter(|p| p.plain.contains(" @") || p.plain.starts_with('@'))
            .count()
            > 100
    );
    assert!(posts.iter().filter(|p| p.plain.contains(" #")).count() > 200);
    assert!(
        posts
            .iter()
            .filter(|p| p.community.is_none() && p.private_to.is_empty())
            .count()
            > 200
    );
    assert!(
        posts.iter().any(|p| NOW - p.at < 3_600),
        "something happened in the last hour"
    );
}

#[test]
fn the_demo_user_has_a_lived_in_account() {
    let net = generate(1, NOW);
    let own = net.posts.iter().filter(|p| p.sender == 0).count();
    assert!(own >= 10, "{own} own posts");
    let private = net
        .posts
        .iter()
        .filter(|p| p.parent.is_none() && p.private_to.contains(&0))
        .count();
    assert!(private >= 10, "{private} private conversations");
    let liked = net.likes.iter().filter(|(_, p, _)| *p == 0).count();
    assert!(liked >= 20, "{liked} likes");
    assert!(
        net.likes
            .iter()
            .all(|(post, person, _)| net.posts[*post].sender != *person)
    );
    let mentions = net
        .posts
        .iter()
        .filter(|p| p.plain.contains("@demo"))
        .count();
    assert!(mentions >= 3, "{mentions} mentions of demo");
    assert!(net.follows.iter().filter(|(a, _)| *a == 0).count() >= 15);
}

/// Whether `text` uses `term`, whatever its article or capitalisation.
fn mentions_term(text: &str, term: &super::vocabulary::Term) -> bool {
    text.to_lowercase().contains(&term.bare().to_lowercase())
}

/// How many of `person`'s posts use the vocabulary of the subject `tag`.
fn posts_about(net: &Network, person: usize, tag: &str) -> usize {
    let subject = subjects().find(|s| s.tag == tag).unwrap();
    net.posts
        .iter()
        .filter(|p| p.sender == person && subject.terms.iter().any(|t| mentions_term(&p.plain, t)))
        .count()
}

#[test]
fn expertise_can_be_learned_from_messages() {
    let net = generate(1, NOW);
    let subject = subjects().find(|s| s.tag == "kubernetes").unwrap();
    let about: Vec<usize> = net
        .posts
        .iter()
        .filter(|p| subject.terms.iter().any(|t| mentions_term(&p.plain, t)))
        .map(|p| p.sender)
        .collect();
    assert!(about.len() >= 30, "{} kubernetes posts", about.len());
    let by_experts = about
        .iter()
        .filter(|p| {
            let person = &net.people[**p];
            person.expertise.contains(&"kubernetes") || person.undeclared == Some("kubernetes")
        })
        .count();
    assert!(
        by_experts * 2 > about.len(),
        "{by_experts} of {} by experts",
        about.len()
    );

    let undeclared: Vec<(usize, &str)> = net
        .people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.undeclared.map(|tag| (i, tag)))
        .collect();
    assert!(undeclared.len() >= 3);
    let prolific = undeclared
        .iter()
        .filter(|(person, tag)| posts_about(&net, *person, tag) >= 3)
        .count();
    assert!(
        prolific >= 3,
        "{prolific} people write about an undeclared subject"
    );
}

#[test]
fn scale_multiplies_people_and_messages() {
    let one = generate(1, NOW);
    let two = generate(2, NOW);
    assert_eq!(two.people.len(), 2 * one.people.len());
    assert!(two.posts.len() > one.posts.len() * 3 / 2);
    assert!(two.communities.len() > one.communities.len());
}

#[test]
fn every_kind_of_message_appears_with_titles_only_on_announcements() {
    use super::model::PostKind;
    let net = generate(1, NOW);
    for kind in [
        PostKind::Question,
        PostKind::Announcement,
        PostKind::Poll,
        PostKind::Praise,
    ] {
        assert!(
            net.posts
                .iter()
                .any(|p| p.kind == kind && p.parent.is_none()),
            "no {kind:?}"
        );
    }
    for post in &net.posts {
        assert_eq!(
            post.kind == PostKind::Announcement,
            !post.title.is_empty(),
            "{post:?}"
        );
        if post.parent.is_some() {
            assert_eq!(post.kind, PostKind::Update, "a reply is an update");
        }
    }
    let praise = net.posts.iter().find(|p| p.kind == PostKind::Praise);
    assert!(
        praise.is_some_and(|p| p.plain.contains(" @")),
        "praise names its person"
    );
    let voice = net
        .communities
        .iter()
        .position(|c| c.external)
        .expect("an external community");
    let customers_answer = net
        .posts
        .iter()
        .any(|p| p.community == Some(voice) && p.parent.is_some() && net.people[p.sender].guest);
    assert!(customers_answer, "a customer takes part");
    let asks_demo = net.posts.iter().any(|p| {
        p.community == Some(voice) && net.people[p.sender].guest && p.plain.contains("@demo")
    });
    assert!(asks_demo, "a customer mentions the demo user");
}

#[test]
fn two_private_communities_have_members_messages_and_a_request() {
    let net = generate(1, NOW);
    let private: Vec<usize> = (0..net.communities.len())
        .filter(|c| net.communities[*c].private)
        .collect();
    assert_eq!(private.len(), 2);
    for c in &private {
        let members = net.members.iter().filter(|(g, _)| g == c).count();
        assert!(members >= 3, "{members} members");
        assert!(
            net.admins
                .iter()
                .any(|(g, p)| g == c && net.members.contains(&(*c, *p)))
        );
        let posts: Vec<_> = net
            .posts
            .iter()
            .filter(|p| p.community == Some(*c))
            .collect();
        assert!(posts.len() >= 3);
        assert!(
            posts.iter().all(|p| p.sender != 0),
            "the demo user never writes there"
        );
        assert!(
            net.requests
                .iter()
                .any(|(g, p)| g == c && !net.members.contains(&(*c, *p)))
        );
    }
    let with_demo = private
        .iter()
        .filter(|c| net.members.contains(&(**c, 0)))
        .count();
    assert_eq!(
        with_demo, 1,
        "the demo user is in one and asked to join the other"
    );
    assert!(net.requests.iter().any(|(_, p)| *p == 0));
}
