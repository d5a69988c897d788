//! The demo network: a believable company generated deterministically from a fixed seed (no OS
//! randomness), relative to the time of seeding so it always looks fresh. About 150 people and
//! 3,000 messages in 600 threads at scale 1; people grow linearly with `scale`, conversations as
//! `scale^0.72` (134 → 20k people, 100k messages). Generation is pure (`generate`); `seed`
//! writes it. Split into vocabulary, people, communities, conversations, private messages,
//! social (likes, follows), featured posts, the private communities (`closed`) and the writer.

mod closed;
mod communities;
mod community_life;
mod conversations;
mod featured;
mod model;
mod org;
mod people;
mod private;
mod social;
mod text;
mod vocabulary;
mod writer;

use rand::SeedableRng;
use rand::rngs::StdRng;
use rusqlite::{Connection, params};

pub use model::Network;

/// The demo user's username.
pub const DEMO_USERNAME: &str = "demo";

/// The fixed seed: the same network every time.
const SEED: u64 = 0x6b72_696e_6721;

/// Public threads at scale 1 (about five messages each).
const THREADS_AT_SCALE_1: f64 = 600.0;
/// Conversation volume grows as `scale^0.72`, people linearly: scale 134 gives about 20,000
/// people and 100,000 messages, the size benchmarks use.
const THREAD_GROWTH: f64 = 0.72;
/// Private conversations at scale 1 (growing like threads), and how many of them (in total)
/// include the demo user.
const PRIVATE_AT_SCALE_1: f64 = 40.0;
const PRIVATE_WITH_DEMO: usize = 20;
/// Share of threads (percent) in All Company rather than a community.
const ALL_COMPANY_PERCENT: u32 = 15;

/// Generates the network for `scale`, ending at `now` (Unix seconds).
pub fn generate(scale: u32, now: i64) -> Network {
    let scale = usize::try_from(scale.max(1)).unwrap_or(1);
    let mut rng = StdRng::seed_from_u64(SEED);
    let people = people::generate(&mut rng, scale, now);
    let communities = communities::generate(&mut rng, scale, now);
    let members = communities::memberships(&mut rng, &people, &communities);
    let total_weight: u32 = communities.iter().map(|c| c.weight).sum();

    let mut talk =
        conversations::Conversations::new(&mut rng, now, &people, &communities, &members);
    let growth = (scale as f64).powf(THREAD_GROWTH);
    let threads = (THREADS_AT_SCALE_1 * growth).round() as usize;
    for _ in 0..threads {
        let community = pick_community(&mut *talk.rng, &communities, total_weight);
        talk.thread(community);
    }
    let private = (PRIVATE_AT_SCALE_1 * growth).round() as usize;
    for n in 0..private {
        talk.private_thread(n < PRIVATE_WITH_DEMO);
    }
    let posts = in_time_order(std::mem::take(&mut talk.posts));
    let members_of = std::mem::take(&mut talk.members_of);
    let employees = std::mem::take(&mut talk.employees);
    drop(talk);
    let likes = social::likes(&mut rng, &posts, &members_of, &employees, now);
    let follows = social::follows(&mut rng, &people, &employees);
    let mut network = Network {
        now,
        people,
        communities,
        members,
        posts,
        likes,
        follows,
        ..Network::default()
    };
    featured::add(&mut network);
    closed::add(&mut network);
    keep_demo_communities(&mut network);
    network
}

/// Communities the demo user (a community manager) administers, so their questions view shows
/// who could answer the open questions there: Engineering Platform holds open questions outside
/// the demo user's own expertise (terraform, postgres), which only the keeper part lists.
const DEMO_KEEPS: &[&str] = &[
    "Social Business",
    "Community Managers",
    "Engineering Platform",
];

fn keep_demo_communities(network: &mut Network) {
    for (c, community) in network.communities.iter().enumerate() {
        if DEMO_KEEPS.contains(&community.full_name.as_str()) && network.members.contains(&(c, 0)) {
            network.admins.insert((c, 0));
        }
    }
}

fn pick_community(
    rng: &mut StdRng,
    communities: &[model::Community],
    total_weight: u32,
) -> Option<usize> {
    use rand::Rng;
    if rng.random_range(0..100) < ALL_COMPANY_PERCENT {
        return None;
    }
    let mut roll = rng.random_range(0..total_weight.max(1));
    for (idx, community) in communities.iter().enumerate() {
        if roll < community.weight {
            return Some(idx);
        }
        roll -= community.weight;
    }
    None
}

/// Sorts posts by time (ties keep generation order) and renumbers parent/root references.
fn in_time_order(posts: Vec<model::Post>) -> Vec<model::Post> {
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by_key(|i| (posts[*i].at, *i));
    let mut new_index = vec![0; posts.len()];
    for (new, old) in order.iter().enumerate() {
        new_index[*old] = new;
    }
    order
        .iter()
        .map(|old| {
            let mut post = posts[*old].clone();
            post.parent = post.parent.map(|p| new_index[p]);
            post.root = new_index[post.root];
            post
        })
        .collect()
}

/// Seeds a new database with the demo network.
pub fn seed(conn: &Connection, scale: u32, now: i64) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    let mut network = generate(scale, now);
    community_life::add(&mut network);
    let generated = started.elapsed();
    writer::write(conn, &network)?;
    org::write(conn)?;
    community_life::write_guidelines(conn, &network)?;
    tracing::info!(
        people = network.people.len(),
        communities = network.communities.len(),
        messages = network.posts.len(),
        likes = network.likes.len(),
        generate_ms = generated.as_millis(),
        total_ms = started.elapsed().as_millis(),
        "seeded the demo network"
    );
    Ok(())
}

/// Seeds a database with only the network and the demo user (`--empty`).
pub fn seed_minimal(conn: &Connection, now: i64) -> rusqlite::Result<()> {
    writer::write_network(conn, now)?;
    conn.execute(
        "INSERT INTO users (id, username, full_name, email, job_title, department, location,
            activated_at, last_active_at, admin) VALUES (1500001, ?1, 'Dana Demo', ?2,
            'Community Manager', 'People & Culture', 'Amsterdam', ?3, ?3, 1)",
        params![
            DEMO_USERNAME,
            format!("{DEMO_USERNAME}@halden.example"),
            now
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod grammar_tests;
#[cfg(test)]
mod tests;
