//! Seeds a client cache the size of a busy user's: `messages` messages in threads of 1–30
//! across `communities` communities the user belongs to, written by `users` people, with
//! bodies of realistic length (all three renderings, as Yammer sends them). Everything goes
//! through kring's own cache path: envelopes in the API's shapes, `envelope_rows`, and the
//! store's `put_*` calls in the order the cache task makes them. Deterministic for a seed.
//! Writes only into the data directory it is given.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use kring::api::dto::{
    Body, Group, GroupStats, IdRef, LikedBy, LikedByName, Message, MessagesEnvelope, Reference,
    Thread, ThreadStats, User, YammerTime,
};
use kring::app::shell::cache_convert::envelope_rows;
use kring::store::{CacheStore, CachedRecord, FACT_ME, FACT_MY_GROUPS, StoreResult};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How big a cache to write.
pub struct Plan {
    pub messages: usize,
    pub communities: usize,
    pub users: usize,
    /// Threads whose full copy is kept (`in_thread:*`), as the cache's default limit.
    pub full_threads: usize,
    /// Messages of My feed kept, as the cache's default per-feed limit.
    pub my_feed: usize,
}

/// What was written.
pub struct Seeded {
    pub messages: usize,
    pub threads: usize,
    pub read_markers: usize,
    pub took: Duration,
}

/// A feed page holds this many threads, as Yammer's.
const THREADS_PER_PAGE: usize = 20;
const NETWORK: u64 = 1_234_567;
const FIRST_USER: u64 = 1_500_000_000;
const FIRST_GROUP: u64 = 9_000_000;
const FIRST_MESSAGE: u64 = 2_100_000_000_000;
const YEAR_SECS: i64 = 365 * 24 * 3600;

const GIVEN: &str = "Ada Bruno Chiara Dmitri Elif Farid Greta Hiro Ines Jonas Kavya Lars Mei Nadia Oskar \
    Priya Quentin Rosa Sven Tamar Uma Viktor Wen Ximena Yusuf Zofia";
const FAMILY: &str = "Andersen Bianchi Costa Dubois Eriksen Fischer García Hoffmann Ivanova Jansen Kowalski \
    Lindqvist Moreau Nakamura O'Brien Petrova Rossi Schmidt Tanaka Novak Weber Yilmaz \
    Zhang Müller";
const TOPICS: &str = "Platform,Payments,Search,Design,Security,Data,Mobile,Infra,Support,Sales,Legal,Hiring,Berlin office,Release train,Accessibility,Observability";
const WORDS: &str = "the deploy we should review before Friday and the dashboard shows a spike in latency \
    after migration to new cluster I think rollback is safer than hotfix can someone from \
    team confirm budget for next quarter thanks everyone who joined workshop slides are \
    on wiki please update your tickets by Monday customer reported that export fails with \
    large files our on-call rotation changes next week kubernetes postgres GDPR audit \
    checklist draft meeting notes agreed action items owner";

/// Writes the planned cache for `account` into the store in `data_dir`.
pub fn seed(data_dir: &Path, account: &str, plan: &Plan) -> StoreResult<Seeded> {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(7);
    let now = chrono::Utc::now().timestamp();
    let users: Vec<User> = (0..plan.users).map(|i| user(i, now)).collect();
    let groups: Vec<Group> = (0..plan.communities).map(|i| group(i, now)).collect();
    let me = users.first().map_or(FIRST_USER, |u| u.id);
    let threads = threads(&mut rng, plan, now);
    let (mut store, _) = CacheStore::open(data_dir)?;

    // What the cache task does for the signed-in user and their communities.
    let user_records: Vec<CachedRecord> = users.iter().take(1).map(record_of_user).collect();
    store.put_users(account, &user_records)?;
    store.set_fact(account, FACT_ME, &me.to_string())?;
    let group_records: Vec<CachedRecord> = groups.iter().map(record_of_group).collect();
    store.put_groups(account, &group_records)?;
    let ids: Vec<u64> = groups.iter().map(|g| g.id).collect();
    store.set_fact(
        account,
        FACT_MY_GROUPS,
        &serde_json::to_string(&ids).unwrap_or_default(),
    )?;

    let mut by_activity: Vec<&Vec<Message>> = threads.iter().collect();
    by_activity.sort_by_key(|t| std::cmp::Reverse(t.last().map_or(0, |m| m.id)));
    let mut per_group: HashMap<u64, Vec<&Vec<Message>>> = HashMap::new();
    for thread in &by_activity {
        let group = thread.first().and_then(|m| m.group_id).unwrap_or_default();
        per_group.entry(group).or_default().push(thread);
    }
    let put = |store: &mut CacheStore, key: &str, page: &[&Vec<Message>]| {
        let envelope = envelope(page, &users, &groups, me);
        let rows = envelope_rows(&envelope);
        store.put_users(account, &rows.users)?;
        store.put_groups(account, &rows.groups)?;
        store.put_threads(account, &rows.threads)?;
        store.put_messages(account, key, &rows.messages)?;
        store.set_fact(account, FACT_ME, &me.to_string())
    };
    let mut read_markers = 0;
    for group in &groups {
        let feed = per_group.get(&group.id).map_or(&[][..], Vec::as_slice);
        let key = format!("in_group:{}", group.id);
        for page in feed.chunks(THREADS_PER_PAGE) {
            put(&mut store, &key, page)?;
        }
        // Read up to a few threads below the newest.
        if let Some(read) = feed.get(3).and_then(|t| t.last()) {
            store.mark_read(account, &key, read.id)?;
            read_markers += 1;
        }
    }
    let mut kept = 0;
    let my_feed: Vec<&Vec<Message>> = by_activity
        .iter()
        .take_while(|t| {
            kept += t.len();
            kept <= plan.my_feed
        })
        .copied()
        .collect();
    for page in my_feed.chunks(THREADS_PER_PAGE) {
        put(&mut store, "my_feed", page)?;
    }
    for thread in by_activity.iter().take(plan.full_threads) {
        let Some(starter) = thread.first() else {
            continue;
        };
        let key = format!("in_thread:{}", starter.id);
        put(&mut store, &key, std::slice::from_ref(thread))?;
    }
    for thread in by_activity.iter().filter(|_| rng.random_bool(0.3)) {
        if let (Some(first), Some(last)) = (thread.first(), thread.last()) {
            store.mark_read(account, &format!("in_thread:{}", first.id), last.id)?;
            read_markers += 1;
        }
    }
    Ok(Seeded {
        messages: threads.iter().map(Vec::len).sum(),
        threads: threads.len(),
        read_markers,
        took: started.elapsed(),
    })
}

/// Threads of 1–30 messages (most short) in random communities, ids rising with time.
fn threads(rng: &mut StdRng, plan: &Plan, now: i64) -> Vec<Vec<Message>> {
    // (time, thread index, group, sender, body) for every message, then ids in time order.
    let words: Vec<&str> = WORDS.split(' ').collect();
    let mut drafts = Vec::with_capacity(plan.messages);
    let mut thread_count = 0;
    while drafts.len() < plan.messages {
        let u: f64 = rng.random();
        let wanted = 1 + (29.0 * u * u) as usize;
        let len = wanted.min(plan.messages - drafts.len());
        let group = FIRST_GROUP + rng.random_range(0..plan.communities.max(1)) as u64;
        let mut at = now - rng.random_range(0..YEAR_SECS);
        for _ in 0..len {
            let sender = FIRST_USER + rng.random_range(0..plan.users.max(1)) as u64;
            drafts.push((at.min(now), thread_count, group, sender, body(rng, &words)));
            at += rng.random_range(60..36 * 3600);
        }
        thread_count += 1;
    }
    drafts.sort_by_key(|d| (d.0, d.1));
    let mut threads: Vec<Vec<Message>> = vec![Vec::new(); thread_count];
    let mut id = FIRST_MESSAGE;
    for (at, thread, group, sender, text) in drafts {
        id += rng.random_range(1..1_000);
        let Some(messages) = threads.get_mut(thread) else {
            continue;
        };
        let starter = messages.first().map_or(id, |m| m.id);
        let replied_to = messages.last().map(|m| m.id);
        let likes = rng.random_range(0..4u64);
        messages.push(message(
            id, starter, replied_to, group, sender, at, text, likes,
        ));
    }
    threads
}

#[allow(clippy::too_many_arguments)]
fn message(
    id: u64,
    thread: u64,
    replied_to: Option<u64>,
    group: u64,
    sender: u64,
    at: i64,
    plain: String,
    likes: u64,
) -> Message {
    let excerpt: String = plain.chars().take(120).collect();
    Message {
        id,
        thread_id: Some(thread),
        sender_id: Some(sender),
        sender_type: "user".into(),
        replied_to_id: replied_to,
        group_id: Some(group),
        network_id: Some(NETWORK),
        created_at: YammerTime::from_unix(at),
        body: Body {
            parsed: plain.clone(),
            rich: format!("<p>{plain}</p>"),
            plain,
        },
        liked_by: LikedBy {
            count: likes,
            names: (0..likes)
                .map(|i| LikedByName {
                    user_id: Some(FIRST_USER + (id + i) % 5_000),
                    full_name: full_name((id + i) as usize),
                    permalink: format!("user{}", (id + i) % 5_000),
                })
                .collect(),
        },
        privacy: "public".into(),
        message_type: "update".into(),
        url: format!("https://www.yammer.com/api/v1/messages/{id}"),
        web_url: format!("https://www.yammer.com/example.com/messages/{id}"),
        content_excerpt: excerpt,
        ..Message::default()
    }
}

/// A body: mostly a few sentences, sometimes one line, sometimes a long post.
fn body(rng: &mut StdRng, words: &[&str]) -> String {
    let length = match rng.random_range(0..100) {
        0..40 => rng.random_range(30..120),
        40..85 => rng.random_range(120..500),
        _ => rng.random_range(500..2_000),
    };
    let mut text = String::with_capacity(length + 16);
    let mut sentence_start = true;
    while text.len() < length {
        let word = words[rng.random_range(0..words.len())];
        if !text.is_empty() {
            text.push(' ');
        }
        if sentence_start {
            let mut chars = word.chars();
            text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            text.push_str(chars.as_str());
        } else {
            text.push_str(word);
        }
        sentence_start = rng.random_bool(0.1);
        if sentence_start {
            text.push('.');
        }
    }
    text.push('.');
    text
}

/// The `i`th entry (wrapping around) of a list written as one string.
fn pick(list: &'static str, separator: char, i: usize) -> &'static str {
    let count = list.split(separator).count().max(1);
    list.split(separator).nth(i % count).unwrap_or_default()
}

fn full_name(i: usize) -> String {
    format!(
        "{} {}",
        pick(GIVEN, ' ', i),
        pick(FAMILY, ' ', i / GIVEN.split(' ').count())
    )
}

fn user(i: usize, now: i64) -> User {
    let id = FIRST_USER + i as u64;
    let name = full_name(i);
    User {
        id,
        kind: "user".into(),
        network_id: Some(NETWORK),
        state: "active".into(),
        name: format!("user{i}"),
        email: format!("user{i}@example.com"),
        job_title: format!("{} engineer", pick(TOPICS, ',', i)),
        department: pick(TOPICS, ',', i / 7).into(),
        location: ["Berlin", "Lisbon", "Tokyo", "Austin"][i % 4].into(),
        mugshot_url: format!("https://mugshot0.assets-yammer.com/mugshot/images/48x48/{id}"),
        url: format!("https://www.yammer.com/api/v1/users/{id}"),
        web_url: format!("https://www.yammer.com/example.com/users/user{i}"),
        activated_at: YammerTime::from_unix(now - YEAR_SECS * 3),
        full_name: name,
        ..User::default()
    }
}

fn group(i: usize, now: i64) -> Group {
    let id = FIRST_GROUP + i as u64;
    let name = format!("{} {i:03}", pick(TOPICS, ',', i));
    Group {
        id,
        kind: "group".into(),
        full_name: name.clone(),
        name: name.to_lowercase().replace(' ', ""),
        description: format!("Everything about {name}"),
        privacy: "public".into(),
        url: format!("https://www.yammer.com/api/v1/groups/{id}"),
        web_url: format!("https://www.yammer.com/example.com/groups/{id}"),
        created_at: YammerTime::from_unix(now - YEAR_SECS * 2),
        show_in_directory: true,
        stats: GroupStats {
            members: 40 + (i as u64 * 7) % 300,
            ..GroupStats::default()
        },
        ..Group::default()
    }
}

/// One feed page of `threads`: starters as messages, replies as threaded-extended, and the
/// people, community and thread records they name.
fn envelope(
    threads: &[&Vec<Message>],
    users: &[User],
    groups: &[Group],
    me: u64,
) -> MessagesEnvelope {
    let mut envelope = MessagesEnvelope::default();
    envelope.meta.current_user_id = Some(me);
    let mut named: Vec<u64> = Vec::new();
    for thread in threads {
        let Some((starter, replies)) = thread.split_first() else {
            continue;
        };
        envelope.messages.push(starter.clone());
        envelope
            .threaded_extended
            .insert(starter.id.to_string(), replies.to_vec());
        named.extend(thread.iter().filter_map(|m| m.sender_id));
        envelope.references.push(Reference::Thread(Thread {
            id: starter.id,
            kind: "thread".into(),
            thread_starter_id: Some(starter.id),
            group_id: starter.group_id,
            privacy: "public".into(),
            url: format!(
                "https://www.yammer.com/api/v1/messages/in_thread/{}",
                starter.id
            ),
            web_url: format!("https://www.yammer.com/example.com/threads/{}", starter.id),
            stats: ThreadStats {
                updates: thread.len() as u64,
                latest_reply_id: thread.last().map(|m| m.id),
                latest_reply_at: thread.last().map(|m| m.created_at),
                first_reply_id: replies.first().map(|m| m.id),
                first_reply_at: replies.first().map(|m| m.created_at),
                ..ThreadStats::default()
            },
            participants: thread
                .iter()
                .filter_map(|m| m.sender_id)
                .map(|id| IdRef {
                    id,
                    kind: "user".into(),
                })
                .collect(),
            ..Thread::default()
        }));
        if let Some(group) = starter
            .group_id
            .and_then(|g| groups.get(g.saturating_sub(FIRST_GROUP) as usize))
        {
            envelope.references.push(Reference::Group(group.clone()));
        }
    }
    named.sort_unstable();
    named.dedup();
    for id in named {
        if let Some(user) = users.get(id.saturating_sub(FIRST_USER) as usize) {
            envelope.references.push(Reference::User(user.clone()));
        }
    }
    envelope
}

fn record_of_user(user: &User) -> CachedRecord {
    CachedRecord {
        id: user.id,
        json: serde_json::to_string(user).unwrap_or_default(),
    }
}

fn record_of_group(group: &Group) -> CachedRecord {
    CachedRecord {
        id: group.id,
        json: serde_json::to_string(group).unwrap_or_default(),
    }
}
