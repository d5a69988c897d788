//! What a community manager looks at, laid over the generated network when it is seeded: open
//! questions (no replies; most older than a day, several in subjects demo people declare, one for
//! the demo user's own expertise), a quiet community (nothing in the last 14+ days), new joiners
//! who have not posted yet (each has liked one post), and the guidelines text of every community
//! and the network's code of conduct. Deterministic: no randomness, people found by fixed rules,
//! times fixed offsets from `now`. Adds to the network; never changes what was generated before
//! it other than the posts' order.

use rusqlite::{Connection, params};

use super::model::{Chatter, Community, Network, Person, Post, PostKind, Time};

const HOUR: Time = 3_600;
const DAY: Time = 24 * HOUR;

const BOOK_CLUB: &str = "Book Club";

/// The network's code of conduct (`networks/current` `guidelines`).
pub const CODE_OF_CONDUCT: &str = "Halden's code of conduct: be respectful and assume good \
    intent; share what you know in the open, where others can find it; ask questions in the \
    community that fits and thank those who answer; keep customer and personal data out of \
    posts; report anything that breaks these rules to a community manager.";

/// An open question: where, when, and what (kind `question` unless the text says otherwise).
struct Question {
    community: &'static str,
    hours_ago: Time,
    kind: PostKind,
    /// A subject the asker must not declare (they ask because they do not know).
    subject: &'static str,
    plain: &'static str,
}

const QUESTIONS: &[Question] = &[
    Question {
        community: "Engineering Platform",
        hours_ago: 30,
        kind: PostKind::Question,
        subject: "terraform",
        plain: "How do we roll back a failed terraform apply on the shared state? The lock is \
                still held.",
    },
    Question {
        community: "Engineering Platform",
        hours_ago: 4 * 24,
        kind: PostKind::Question,
        subject: "postgres",
        plain: "Has anyone tuned postgres autovacuum for the events table? Bloat keeps growing.",
    },
    Question {
        community: "Security & Privacy Guild",
        hours_ago: 3 * 24,
        kind: PostKind::Update,
        subject: "gdpr",
        plain: "Does a gdpr erasure request cover our backups too? #question",
    },
    Question {
        community: "Data & Machine Learning",
        hours_ago: 50,
        kind: PostKind::Update,
        subject: "python",
        plain: "Which python version should new pipelines target? The images still ship 3.9.",
    },
    Question {
        community: "Design Crit",
        hours_ago: 6,
        kind: PostKind::Question,
        subject: "accessibility",
        plain: "Is there an accessibility checklist for the design system components?",
    },
    Question {
        community: "Community Managers",
        hours_ago: 5 * 24,
        kind: PostKind::Question,
        subject: "community management",
        plain: "How do you measure community management success beyond likes and views?",
    },
];

/// Someone who joined a few days ago and has not posted yet.
struct Joiner {
    first: &'static str,
    last: &'static str,
    title: &'static str,
    department: &'static str,
    days_ago: Time,
    expertise: &'static [&'static str],
    communities: &'static [&'static str],
}

const JOINERS: &[Joiner] = &[
    Joiner {
        first: "Noor",
        last: "Haddad",
        title: "Software Engineer",
        department: "Engineering",
        days_ago: 4,
        expertise: &["rust"],
        communities: &["New Joiners & Training", "Engineering Platform"],
    },
    Joiner {
        first: "Tomas",
        last: "Lindqvist",
        title: "Account Executive",
        department: "Sales",
        days_ago: 12,
        expertise: &["sales enablement"],
        communities: &["New Joiners & Training", "Sales Wins", BOOK_CLUB],
    },
];

/// Adds the quiet community, the new joiners and the open questions to `net`.
pub fn add(net: &mut Network) {
    book_club(net);
    joiners(net);
    for question in QUESTIONS {
        let Some(community) = find_community(net, question.community) else {
            continue;
        };
        let asker = (1..net.people.len()).find(|&p| {
            let person = &net.people[p];
            !person.guest
                && net.members.contains(&(community, p))
                && !person.expertise.contains(&question.subject)
        });
        if let Some(asker) = asker {
            let at = net.now - question.hours_ago * HOUR;
            push(
                net,
                asker,
                community,
                None,
                at,
                question.plain,
                question.kind,
            );
        }
    }
    super::featured::reorder(net);
}

fn find_community(net: &Network, name: &str) -> Option<usize> {
    net.communities.iter().position(|c| c.full_name == name)
}

/// A post at the end of `net.posts` (put in time order by `featured::reorder`).
fn push(
    net: &mut Network,
    sender: usize,
    community: usize,
    parent: Option<usize>,
    at: Time,
    plain: &str,
    kind: PostKind,
) -> usize {
    let idx = net.posts.len();
    let (root, depth) = parent.map_or((idx, 0), |p| (net.posts[p].root, net.posts[p].depth + 1));
    net.posts.push(Post {
        sender,
        community: Some(community),
        parent,
        root,
        depth,
        at,
        plain: plain.to_owned(),
        private_to: Vec::new(),
        kind,
        title: String::new(),
    });
    idx
}

/// "Book Club": a dozen members, a few conversations, the last more than 14 days ago.
fn book_club(net: &mut Network) {
    let community = net.communities.len();
    net.communities.push(Community {
        slug: "book-club".to_owned(),
        full_name: BOOK_CLUB.to_owned(),
        description: "What we are reading, and a monthly meetup to talk about it.".to_owned(),
        subjects: Vec::new(),
        chatter: Chatter::Office,
        external: false,
        private: false,
        weight: 0,
        created_at: net.now - 300 * DAY,
    });
    let members: Vec<usize> = (0..net.people.len())
        .filter(|&p| !net.people[p].guest && (p == 0 || p % 11 == 3))
        .collect();
    for &p in &members {
        net.members.insert((community, p));
    }
    let [a, b, c, d, ..] = members[..] else {
        return;
    };
    let now = net.now;
    let first = push(
        net,
        b,
        community,
        None,
        now - 41 * DAY,
        "This month: The Phoenix Project. Who is in for the meetup on Thursday?",
        PostKind::Update,
    );
    let reply = push(
        net,
        c,
        community,
        Some(first),
        now - 41 * DAY + 3 * HOUR,
        "In! Halfway through already.",
        PostKind::Update,
    );
    push(
        net,
        a,
        community,
        Some(first),
        now - 40 * DAY,
        "Count me in too.",
        PostKind::Update,
    );
    let second = push(
        net,
        d,
        community,
        None,
        now - 26 * DAY,
        "Notes from the meetup are on the wiki. Thanks for coming, everyone.",
        PostKind::Update,
    );
    let thanks = push(
        net,
        c,
        community,
        Some(second),
        now - 26 * DAY + 5 * HOUR,
        "Great evening, thanks for hosting.",
        PostKind::Update,
    );
    push(
        net,
        b,
        community,
        None,
        now - 17 * DAY,
        "What should we read next? Suggestions welcome.",
        PostKind::Question,
    );
    for (post, person, after) in [(reply, a, HOUR), (reply, d, DAY), (thanks, b, HOUR)] {
        let at = net.posts[post].at + after;
        net.likes.push((post, person, at));
    }
}

/// People who joined in the last few weeks and have not posted yet.
fn joiners(net: &mut Network) {
    for joiner in JOINERS {
        let base = format!("{}{}", joiner.first, joiner.last).to_lowercase();
        let mut username = base.clone();
        let mut n = 2;
        while net.people.iter().any(|p| p.username == username) {
            username = format!("{base}{n}");
            n += 1;
        }
        let idx = net.people.len();
        net.people.push(Person {
            email: format!("{username}@halden.example"),
            username,
            first_name: joiner.first.to_owned(),
            full_name: format!("{} {}", joiner.first, joiner.last),
            job_title: joiner.title.to_owned(),
            department: joiner.department.to_owned(),
            location: "Amsterdam".to_owned(),
            expertise: joiner.expertise.to_vec(),
            interests: Vec::new(),
            summary: String::new(),
            activated_at: net.now - joiner.days_ago * DAY,
            show_in_directory: true,
            guest: false,
            company: None,
            undeclared: None,
        });
        for name in joiner.communities {
            if let Some(c) = find_community(net, name) {
                net.members.insert((c, idx));
            }
        }
        // They read and like, so they have been active: they only never posted.
        let joined = net.now - joiner.days_ago * DAY;
        let first = joiner
            .communities
            .first()
            .and_then(|n| find_community(net, n));
        let liked = net
            .posts
            .iter()
            .rposition(|p| p.community.is_some() && p.community == first && p.at < net.now - HOUR);
        if let Some(post) = liked {
            let at = (net.posts[post].at.max(joined) + HOUR).min(net.now - 1);
            net.likes.push((post, idx, at));
        }
    }
}

/// A community's guidelines: the same house rules everywhere, with its name and purpose.
pub fn guidelines(community: &Community) -> String {
    let audience = if community.external {
        " Customers read and write here: no internal plans, prices or names of other customers."
    } else {
        ""
    };
    format!(
        "Welcome to {}. {} Stay on topic, be kind, and search before you ask. Ask questions \
         as questions (or tag them #question) so the people who know can find them, and \
         mark the answer that helped.{audience}",
        community.full_name, community.description
    )
}

/// Writes every community's guidelines and the network's code of conduct (after the writer).
pub fn write_guidelines(conn: &Connection, net: &Network) -> rusqlite::Result<()> {
    let mut update = conn.prepare("UPDATE groups SET guidelines = ?1 WHERE full_name = ?2")?;
    for community in &net.communities {
        update.execute(params![guidelines(community), community.full_name])?;
    }
    conn.execute(
        "UPDATE network SET guidelines = ?1",
        params![CODE_OF_CONDUCT],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Time = 1_800_000_000;

    #[test]
    fn the_additions_keep_posts_in_order_and_leave_questions_open() {
        let mut net = super::super::generate(1, NOW);
        let people = net.people.len();
        add(&mut net);
        assert_eq!(net.people.len(), people + JOINERS.len());
        assert!(net.posts.windows(2).all(|w| w[0].at <= w[1].at));
        for (idx, post) in net.posts.iter().enumerate() {
            assert_eq!(net.posts[post.root].parent, None, "post {idx}");
            assert!(post.parent.is_none_or(|p| p < idx));
        }
        let club = find_community(&net, BOOK_CLUB).unwrap_or(usize::MAX);
        let newest = net
            .posts
            .iter()
            .filter(|p| p.community == Some(club))
            .map(|p| p.at)
            .max()
            .unwrap_or(NOW);
        assert!(NOW - newest > 14 * DAY, "Book Club is quiet");
        for question in QUESTIONS {
            let idx = net.posts.iter().position(|p| p.plain == question.plain);
            let Some(idx) = idx else {
                panic!("{} was not asked", question.plain);
            };
            assert!(net.posts.iter().all(|p| p.parent != Some(idx)));
        }
        for joiner in &net.people[people..] {
            let idx = net.people.iter().position(|p| p == joiner).unwrap_or(0);
            assert!(net.posts.iter().all(|p| p.sender != idx));
        }
    }
}
