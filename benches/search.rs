//! The local search at the size of a busy user's cache: 100k messages in 200 communities by
//! 5,000 people (`examples/big_cache/seed.rs`, through kring's own cache path, so the
//! full-text index is filled by the cache's triggers as a real start fills it). Measures
//! `search::local::search` (names resolved, index read, hits built) for each kind of query:
//! a common word, a prefix, two words, a phrase, a word that is nowhere, `in:`, `from:`, `@`.
//! Run: `cargo bench --bench search`; `KRING_BENCH_MESSAGES` changes the size.

// A benchmark's setup that fails is the answer: it stops with the reason.
#![allow(clippy::expect_used)]

#[path = "../examples/support/bench_env.rs"]
mod bench_env;
#[allow(dead_code)]
#[path = "../examples/big_cache/seed.rs"]
mod seed;

use std::hint::black_box;

use criterion::Criterion;
use kring::search::{SearchQuery, local};
use kring::store::{CacheLimits, CacheStore};

const ACCOUNT: &str = "bench";
/// Results of each kind a search asks for, as the overlay does.
const LIMIT: usize = 50;

const QUERIES: &[(&str, &str)] = &[
    ("common word", "deploy"),
    ("prefix", "kube"),
    ("two words", "rollback hotfix"),
    ("phrase", "\"rollback is safer\""),
    ("no match", "zyzzyva"),
    ("in community", "deploy in:\"payments 001\""),
    ("from person", "deploy from:\"ada andersen\""),
    ("mention", "@user0"),
];

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = seed::Plan {
        messages: bench_env::env_number("KRING_BENCH_MESSAGES", 100_000_usize),
        communities: 200,
        users: 5_000,
        full_threads: CacheLimits::default().threads,
        my_feed: CacheLimits::default().messages_per_feed,
    };
    let seeded = seed::seed(dir.path(), ACCOUNT, &plan).expect("seed the cache");
    println!(
        "seeded {} messages in {} threads in {:.1} s (index filled as they were written)",
        seeded.messages,
        seeded.threads,
        seeded.took.as_secs_f64()
    );
    let (store, _) = CacheStore::open(dir.path()).expect("open the cache");
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("local_search");
    for (name, text) in QUERIES {
        let query = SearchQuery::parse(text);
        let hits = local::search(&store, ACCOUNT, &query, LIMIT).expect("search");
        println!("{name}: {text:?} finds {} messages", hits.messages.len());
        group.bench_function(*name, |b| {
            b.iter(|| local::search(&store, ACCOUNT, black_box(&query), LIMIT).expect("search"));
        });
    }
    group.finish();
    criterion.final_summary();
}
