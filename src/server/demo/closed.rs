//! Two private communities laid over the generated network, so that who may see what can be
//! tried on the demo: "Leadership Team" (the demo user is a member and its admin; someone has
//! asked to join) and "Deal Room" (the demo user is not a member and has asked to join). Each
//! has a few hand-written conversations with a hashtag used nowhere else (`#reorg`,
//! `#projectfalcon`), so a topic that must not leak can be looked for.
//!
//! Deterministic: no randomness; people are found by fixed rules (the first employees of given
//! departments), times are fixed offsets from `now`. Appends communities at the end (so the ids
//! of the others stay) and must not change anything generated before it other than the posts'
//! order.

use super::featured::reorder;
use super::model::{Chatter, Community, Network, Post, PostKind, Time};

const HOUR: Time = 3_600;
const DAY: Time = 86_400;

/// Hashtags only these communities use; the writer creates their topics.
pub const TOPICS: &[&str] = &["reorg", "projectfalcon"];

/// One private community: its names, who is in it (by department, first employees first), and
/// who has asked to join.
struct Spec {
    full_name: &'static str,
    slug: &'static str,
    description: &'static str,
    /// The demo user is a member (and the admin).
    with_demo: bool,
    /// `(department, how many of its first employees)`.
    members: &'static [(&'static str, usize)],
    /// The employee (by department, the first one not a member) who asked to join; `None`: the
    /// demo user asked.
    requester: Option<&'static str>,
    /// `(hours ago, text)`; a conversation's replies follow it, marked by `reply`.
    posts: &'static [(Time, bool, &'static str)],
}

const SPECS: &[Spec] = &[
    Spec {
        full_name: "Leadership Team",
        slug: "leadership-team",
        description: "Private: the leadership team's planning. Members only.",
        with_demo: true,
        members: &[
            ("Engineering", 1),
            ("Finance & Legal", 1),
            ("Sales", 1),
            ("Product & Design", 1),
        ],
        requester: Some("Marketing"),
        posts: &[
            (
                30,
                false,
                "Draft of the new team structure is in the shared folder. Please read it \
                 before Thursday; nothing leaves this group yet. #reorg",
            ),
            (
                28,
                true,
                "Read it. The platform teams look right; I would keep support with product.",
            ),
            (
                26,
                true,
                "Agreed on support. Can we announce in two weeks, after the budget review?",
            ),
            (
                4,
                false,
                "Budget review moved to Monday. I will send the numbers on Friday. #reorg",
            ),
        ],
    },
    Spec {
        full_name: "Deal Room",
        slug: "deal-room",
        description: "Private: due diligence for a possible acquisition. Members only.",
        with_demo: false,
        members: &[("Finance & Legal", 2), ("Engineering", 1)],
        requester: None,
        posts: &[
            (
                50,
                false,
                "Data room access for the target is open until the end of the month. \
                 Technical review first, then legal. #projectfalcon",
            ),
            (
                47,
                true,
                "I will do the architecture review this week; their stack is close to ours.",
            ),
            (
                9,
                false,
                "Legal found two licence questions; call tomorrow at 10. #projectfalcon",
            ),
        ],
    },
];

/// Adds the private communities, their members, admins, requests and conversations.
pub fn add(net: &mut Network) {
    for spec in SPECS {
        add_one(net, spec);
    }
    reorder(net);
}

fn employees_of<'a>(net: &'a Network, department: &'a str) -> impl Iterator<Item = usize> + 'a {
    net.people
        .iter()
        .enumerate()
        .skip(1)
        .filter(move |(_, p)| !p.guest && p.department == department)
        .map(|(i, _)| i)
}

fn add_one(net: &mut Network, spec: &Spec) {
    let community = net.communities.len();
    net.communities.push(Community {
        slug: spec.slug.to_owned(),
        full_name: spec.full_name.to_owned(),
        description: spec.description.to_owned(),
        subjects: Vec::new(),
        chatter: Chatter::Subjects,
        external: false,
        weight: 0,
        created_at: net.now - 200 * DAY,
        private: true,
    });
    let mut members: Vec<usize> = Vec::new();
    if spec.with_demo {
        members.push(0);
    }
    for (department, n) in spec.members {
        members.extend(employees_of(net, department).take(*n));
    }
    if members.is_empty() {
        return;
    }
    for person in &members {
        net.members.insert((community, *person));
    }
    net.admins.insert((community, members[0]));
    let requester = match spec.requester {
        None => Some(0),
        Some(department) => employees_of(net, department).find(|p| !members.contains(p)),
    };
    if let Some(person) = requester.filter(|p| !members.contains(p)) {
        net.requests.insert((community, person));
    }
    let mut root = net.posts.len();
    let mut in_thread = 0;
    for (hours_ago, reply, plain) in spec.posts {
        let at = net.now - hours_ago * HOUR;
        if !reply {
            root = net.posts.len();
            in_thread = 0;
        }
        // The demo user never writes here: their own newest message stands in for what they
        // have seen, and these conversations must not move it.
        let sender = members[(in_thread + 1) % members.len()];
        in_thread += 1;
        net.posts.push(Post {
            sender,
            community: Some(community),
            parent: reply.then_some(root),
            root,
            depth: u8::from(*reply),
            at,
            plain: (*plain).to_owned(),
            private_to: Vec::new(),
            kind: PostKind::Update,
            title: String::new(),
        });
    }
}
