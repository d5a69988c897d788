//! A few hand-written conversations laid over the generated network so the demo shows every kind
//! of message: announcements with titles (one in All Company, one in Engineering Platform, one in
//! the external "Customer Voice" with a customer answering), a praise that mentions its person, a
//! poll, and a customer's question that mentions the demo user. Deterministic: no randomness,
//! people and communities are found by fixed rules, times are fixed offsets from `now`.
//! Must not change anything generated before it other than the posts' order.

use super::model::{Network, Post, PostKind, Time};

const HOUR: Time = 3_600;

/// One hand-written post: who (a role resolved against the network), where, when, what.
struct Featured {
    sender: Role,
    community: Option<&'static str>,
    /// Index into the featured list of the post this one answers.
    parent: Option<usize>,
    hours_ago: Time,
    kind: PostKind,
    title: &'static str,
    /// `{praised}` is replaced by the praised person's `@username`.
    plain: &'static str,
}

/// Who writes a featured post.
#[derive(Clone, Copy)]
enum Role {
    /// The first employee (not the demo user) of this department.
    Department(&'static str),
    /// The first employee (not the demo user) in this community.
    Member(&'static str),
    /// The first customer guest in this community.
    Guest(&'static str),
}

const VOICE: &str = "Customer Voice";
const PLATFORM: &str = "Engineering Platform";

const FEATURED: &[Featured] = &[
    Featured {
        sender: Role::Department("People & Culture"),
        community: None,
        parent: None,
        hours_ago: 3,
        kind: PostKind::Announcement,
        title: "New hybrid work guidelines from next month",
        plain: "From next month each team picks two anchor days a week in the office. \
                The details and a short Q&A are on the intranet; ask here if anything is unclear.",
    },
    Featured {
        sender: Role::Member(PLATFORM),
        community: Some(PLATFORM),
        parent: None,
        hours_ago: 20,
        kind: PostKind::Announcement,
        title: "Postgres upgrade on Saturday, 08:00-12:00 CET",
        plain: "We upgrade the shared Postgres clusters on Saturday morning. Expect two \
                failovers of under a minute each; nothing to do on your side. #postgres",
    },
    Featured {
        sender: Role::Department("Engineering"),
        community: None,
        parent: None,
        hours_ago: 5,
        kind: PostKind::Praise,
        title: "",
        plain: "Praise for {praised}: stayed on the incident bridge until the release was \
                safe and then wrote the runbook the whole team now uses. Thank you!",
    },
    Featured {
        sender: Role::Member("Community Managers"),
        community: Some("Community Managers"),
        parent: None,
        hours_ago: 30,
        kind: PostKind::Poll,
        title: "",
        plain: "Poll: which day suits the next community managers meetup best? \
                Tuesday, Wednesday or Thursday - answer in the replies.",
    },
    Featured {
        sender: Role::Member(VOICE),
        community: Some(VOICE),
        parent: None,
        hours_ago: 9,
        kind: PostKind::Announcement,
        title: "Release 4.2 is rolling out this week",
        plain: "Faster exports and the audit log many of you asked for. Tell us here what \
                works for you and what does not: this community is open to our customers.",
    },
    Featured {
        sender: Role::Guest(VOICE),
        community: Some(VOICE),
        parent: Some(4),
        hours_ago: 7,
        kind: PostKind::Update,
        title: "",
        plain: "Exports are much faster for us already, thanks! Is the audit log on by default?",
    },
    Featured {
        sender: Role::Guest(VOICE),
        community: Some(VOICE),
        parent: None,
        hours_ago: 2,
        kind: PostKind::Question,
        title: "",
        plain: "Is the export API rate limit per user or per organisation? @demo do you know \
                who could tell us?",
    },
];

/// Adds the featured posts to `net`, keeping posts in time order and likes on their posts.
pub fn add(net: &mut Network) {
    let base = net.posts.len();
    let praised = person_where(net, |_, p| !p.guest && p.department == "Sales")
        .or_else(|| person_where(net, |_, p| !p.guest))
        .map(|p| format!("@{}", net.people[p].username))
        .unwrap_or_default();
    for (n, featured) in FEATURED.iter().enumerate() {
        let community = featured
            .community
            .and_then(|name| net.communities.iter().position(|c| c.full_name == name));
        let Some(sender) = resolve(net, featured.sender) else {
            continue;
        };
        let parent = featured.parent.map(|p| base + p);
        let (root, depth) = match parent {
            Some(p) if p < net.posts.len() => (net.posts[p].root, net.posts[p].depth + 1),
            _ => (base + n, 0),
        };
        net.posts.push(Post {
            sender,
            community,
            parent: parent.filter(|p| *p < net.posts.len()),
            root,
            depth,
            at: net.now - featured.hours_ago * HOUR,
            plain: featured.plain.replace("{praised}", &praised),
            private_to: Vec::new(),
            kind: featured.kind,
            title: featured.title.to_owned(),
        });
    }
    reorder(net);
}

fn person_where(
    net: &Network,
    test: impl Fn(usize, &super::model::Person) -> bool,
) -> Option<usize> {
    net.people
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, p)| test(*i, p))
        .map(|(i, _)| i)
}

fn resolve(net: &Network, role: Role) -> Option<usize> {
    let community = |name: &str| net.communities.iter().position(|c| c.full_name == name);
    match role {
        Role::Department(department) => {
            person_where(net, |_, p| !p.guest && p.department == department)
        }
        Role::Member(name) => {
            let c = community(name)?;
            person_where(net, |i, p| !p.guest && net.members.contains(&(c, i)))
        }
        Role::Guest(name) => {
            let c = community(name)?;
            person_where(net, |i, p| p.guest && net.members.contains(&(c, i)))
        }
    }
}

/// Sorts the posts by time again (ties keep their order) and renumbers every reference to a
/// post: parents, roots and likes.
pub(super) fn reorder(net: &mut Network) {
    let posts = std::mem::take(&mut net.posts);
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by_key(|i| (posts[*i].at, *i));
    let mut new_index = vec![0; posts.len()];
    for (new, old) in order.iter().enumerate() {
        new_index[*old] = new;
    }
    net.posts = order
        .iter()
        .map(|old| {
            let mut post = posts[*old].clone();
            post.parent = post.parent.map(|p| new_index[p]);
            post.root = new_index[post.root];
            post
        })
        .collect();
    for like in &mut net.likes {
        like.0 = new_index[like.0];
    }
}
