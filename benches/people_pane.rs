//! Benchmarks of the people pane's work on the UI thread at network scale (20k people, 100k
//! messages from a deterministic generator): the listing recomputed for each keystroke of a
//! query, the whole directory in each sort order, and indexing what arrives inline in `update`
//! (a feed page of 100 messages, a listing page of 50 people).
//! Run: `cargo bench --bench people_pane`.

#[path = "support/random.rs"]
mod random;

use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kring::domain::{Catalog, Likes, Message, MessageId, Page, SafeText, ThreadId, UserId};
use kring::expertise::{MessageDoc, PersonDoc, SortOrder};
use kring::panes::people::absorb::index_page;
use kring::panes::people::query::parse;
use kring::panes::people::results::{OrderCache, listing};
use kring::panes::people::shared::SharedIndex;
use random::Lcg;

const PEOPLE: u64 = 20_000;
const MESSAGES: u64 = 100_000;
const NOW: i64 = 1_750_000_000;
const DAY: i64 = 86_400;

const SUBJECTS: &[&str] = &[
    "kubernetes",
    "python",
    "gdpr",
    "audit",
    "terraform",
    "kafka",
    "react",
    "postgres",
    "pricing",
    "recruiting",
    "design systems",
    "accessibility",
    "budgeting",
    "contract law",
    "helm",
    "rust",
];
const WORDS: &[&str] = &[
    "the", "cluster", "upgrade", "review", "notes", "release", "team", "plan", "question",
    "customer", "deadline", "budget", "meeting", "draft", "rollout", "service", "metrics",
];
const DEPARTMENTS: &[&str] = &["Engineering", "Legal", "Finance", "Sales", "Design", "Data"];
const LOCATIONS: &[&str] = &["Amsterdam", "Berlin", "London", "Austin", "Remote", "Tokyo"];
const NAMES: &[&str] = &[
    "Kim", "Lars", "Eva", "Ada", "Grace", "Linus", "Maya", "Noah", "Lena", "Bram", "Chen", "Wen",
];

fn pick<'a>(rng: &mut Lcg, from: &[&'a str]) -> &'a str {
    from[rng.below(from.len())]
}

fn sentence(rng: &mut Lcg) -> String {
    let mut words: Vec<&str> = (0..8).map(|_| pick(rng, WORDS)).collect();
    words.insert(rng.below(8), pick(rng, SUBJECTS));
    words.join(" ")
}

fn network() -> SharedIndex {
    let index = SharedIndex::default();
    let mut rng = Lcg(7);
    let mut locked = index.lock();
    for id in 0..PEOPLE {
        locked.upsert_person(PersonDoc {
            id,
            full_name: format!("{} {}{}", pick(&mut rng, NAMES), pick(&mut rng, NAMES), id),
            username: format!("user{id}"),
            job_title: Some(format!("{} engineer", pick(&mut rng, SUBJECTS))),
            department: Some(pick(&mut rng, DEPARTMENTS).to_owned()),
            location: Some(pick(&mut rng, LOCATIONS).to_owned()),
            expertise: (0..rng.below(4))
                .map(|_| pick(&mut rng, SUBJECTS).to_owned())
                .collect(),
            interests: Vec::new(),
            show_in_directory: rng.below(20) > 0,
            last_active: Some(NOW - rng.below(90) as i64 * DAY),
        });
    }
    for id in 0..MESSAGES {
        locked.add_message(MessageDoc {
            id,
            sender_id: rng.below(PEOPLE as usize) as u64,
            body: sentence(&mut rng),
            topics: Vec::new(),
            community: Some(pick(&mut rng, DEPARTMENTS).to_owned()),
            created_at: NOW - rng.below(365) as i64 * DAY,
            likes: rng.below(5) as u32,
        });
    }
    drop(locked);
    index
}

/// A feed page of 100 new messages with ids from `first`.
fn feed_page(first: u64) -> Page {
    let mut rng = Lcg(first);
    let created = DateTime::from_timestamp(NOW, 0)
        .unwrap_or_default()
        .fixed_offset();
    Page {
        messages: (first..first + 100)
            .map(|id| Message {
                id: MessageId(id),
                thread: ThreadId(id),
                sender: UserId(rng.below(PEOPLE as usize) as u64),
                replied_to: None,
                community: None,
                created_at: created,
                body: SafeText::new(&sentence(&mut rng)),
                likes: Likes::default(),
                direct: false,
                web_url: SafeText::default(),
                topics: Vec::new(),
                kind: kring::domain::MessageKind::Update,
                title: SafeText::default(),
                notified: Vec::new(),
                delegate: None,
            })
            .collect(),
        ..Page::default()
    }
}

fn benches(c: &mut Criterion) {
    let index = network();
    let mut group = c.benchmark_group("people_pane");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    for query in [
        "k",
        "kub",
        "kubernetes",
        "kubernets",
        "gdpr audit dept:legal",
    ] {
        group.bench_function(format!("listing per keystroke: {query}"), |b| {
            let parsed = parse(query);
            let mut orders = OrderCache::default();
            b.iter(|| {
                black_box(listing(
                    &index.lock(),
                    &parsed,
                    SortOrder::Relevance,
                    NOW,
                    &mut orders,
                ))
            });
        });
    }
    for query in ["kub", "kubernetes"] {
        group.bench_function(format!("who_knows alone: {query}"), |b| {
            let query = kring::expertise::Query::new(query).limit(Some(200));
            b.iter(|| black_box(index.lock().who_knows(&query, NOW)));
        });
        group.bench_function(format!("directory alone: {query}"), |b| {
            let query = kring::expertise::Query::new(query).limit(Some(500));
            b.iter(|| black_box(index.lock().directory(&query)));
        });
    }
    for (name, sort) in [
        ("name", SortOrder::Name),
        ("recently active", SortOrder::RecentlyActive),
    ] {
        group.bench_function(format!("whole directory by {name}"), |b| {
            let parsed = parse("");
            let mut orders = OrderCache::default();
            b.iter(|| black_box(listing(&index.lock(), &parsed, sort, NOW, &mut orders)));
        });
        group.bench_function(format!("kubernetes by {name}"), |b| {
            let parsed = parse("kubernetes");
            let mut orders = OrderCache::default();
            b.iter(|| black_box(listing(&index.lock(), &parsed, sort, NOW, &mut orders)));
        });
    }
    let catalog = Catalog::default();
    let mut next = MESSAGES * 10;
    group.bench_function("index a feed page of 100 messages", |b| {
        b.iter_batched(
            || {
                next += 100;
                feed_page(next)
            },
            |page| black_box(index_page(&index, &page, &catalog)),
            BatchSize::SmallInput,
        );
    });
    let mut person = PEOPLE;
    group.bench_function("index a listing page of 50 people", |b| {
        b.iter(|| {
            let mut locked = index.lock();
            for _ in 0..50 {
                person += 1;
                locked.upsert_person(PersonDoc {
                    id: person,
                    full_name: format!("New Person {person}"),
                    username: format!("new{person}"),
                    expertise: vec!["kubernetes".into(), "helm".into()],
                    show_in_directory: true,
                    ..PersonDoc::default()
                });
            }
        });
    });
    group.finish();
}

criterion_group!(people, benches);
criterion_main!(people);
